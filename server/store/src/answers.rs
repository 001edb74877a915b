//! Assessments and their answers: company data of the most confidential kind.
//!
//! Reading takes a viewer who sees the company's assessments (its own people, or an advisor it
//! granted them to); answering, starting and submitting take one of the company's own people.
//! Anyone else gets [`StoreError::NotFound`], as for an assessment that does not exist.

use assessments::access::{CompanyAccess, Organization, Viewer, VisibleCompany};
use assessments::answers::{
    AnswerValue, AssessmentHeader, AssessmentStatus, CarriedAnswer, Draft, DraftProblem, StoredAnswer,
};
use assessments::ids::{AssessmentId, OrganizationId, UserId};
use assessments::language::LanguageTag;
use assessments::questionnaire::Questionnaire;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use super::accounts::{companies_for, visible_company_on};
use super::{Store, StoreError, StoreResult, new_id, now, now_precise};

/// One answer to save, based on the revision the person saw.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerWrite<'a> {
    pub question_id: &'a str,
    pub value: Option<&'a AnswerValue>,
    pub note: &'a str,
    pub evidence: &'a str,
    /// 0 for an answer never saved before.
    pub base_revision: i64,
    /// Keyed in from a questionnaire filled in on paper.
    pub from_paper: bool,
}

/// One question of a section's form, as [`Store::save_section`] writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum SectionChange<'a> {
    /// Saves the answer if nobody else saved it since its base revision, and lets the viewer's
    /// draft of it go. If someone did, nothing is saved, and `typed`, when given, is kept as the
    /// viewer's draft of that question, with the conflict as its problem.
    Save { write: AnswerWrite<'a>, typed: Option<TypedAnswer<'a>> },
    /// Keeps what the viewer typed and could not save, replacing an older draft.
    KeepDraft { question_id: &'a str, typed: TypedAnswer<'a>, problem: DraftProblem },
    /// The saved answer stands: the viewer's draft of the question goes.
    DiscardDraft(&'a str),
}

/// What a person typed for a question, as a draft keeps it (in its row, as JSON).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TypedAnswer<'a> {
    pub values: &'a [String],
    pub note: &'a str,
    pub evidence: &'a str,
}

/// A draft's [`TypedAnswer`] read back from its row.
#[derive(Deserialize)]
struct Typed {
    values: Vec<String>,
    note: String,
    evidence: String,
}

const HEADER_COLUMNS: &str = "a.id, a.company_id, a.questionnaire_id, a.questionnaire_version, a.status, \
     a.started_at, a.submitted_at, a.carried_from, a.reference_date, a.content_language, \
     u.name AS started_by_name";

impl Store {
    /// A questionnaire version as stored. Not company data: the questions are the same for all.
    /// Published and retired versions are immutable, so they are parsed once per process.
    pub async fn questionnaire(&self, id: &str, version: u32) -> StoreResult<Option<Arc<Questionnaire>>> {
        let key = (id.to_owned(), version);
        if let Some(cached) = self.published.read().ok().and_then(|cache| cache.get(&key).cloned()) {
            return Ok(Some(cached));
        }
        let row: Option<(String, String)> = sqlx::query_as(
            "SELECT content, status FROM questionnaire_versions WHERE questionnaire_id = $1 AND version = $2",
        )
        .bind(id)
        .bind(i64::from(version))
        .fetch_optional(&self.pool)
        .await?;
        let Some((json, status)) = row else { return Ok(None) };
        let questionnaire: Arc<Questionnaire> = Arc::new(
            serde_json::from_str(&json)
                .map_err(|e| StoreError::Corrupt(format!("questionnaire {id}@{version}: {e}")))?,
        );
        if status != "draft"
            && let Ok(mut cache) = self.published.write()
        {
            cache.insert(key, questionnaire.clone());
        }
        Ok(Some(questionnaire))
    }

    /// Starts an assessment of `company_id` on a published questionnaire version, pinned to it,
    /// with `carried` answers from the company's assessment `carried_from`, read on
    /// `reference_date`. Own people only.
    pub async fn start_assessment(
        &self,
        viewer: &Viewer,
        company_id: OrganizationId,
        questionnaire_id: &str,
        version: u32,
        carried_from: Option<(AssessmentId, &[CarriedAnswer])>,
        reference_date: NaiveDate,
    ) -> StoreResult<AssessmentId> {
        let start = Start { company_id, questionnaire_id, version, carried_from, reference_date };
        self.start_on(viewer, start, &["published"]).await
    }

    /// Records an assessment made on a version that may since have been retired, as the operator
    /// loads history (the demo keeps each company's assessment of version 1). People start
    /// assessments only on a published version, through [`Store::start_assessment`].
    pub async fn record_past_assessment(
        &self,
        viewer: &Viewer,
        company_id: OrganizationId,
        questionnaire_id: &str,
        version: u32,
        reference_date: NaiveDate,
    ) -> StoreResult<AssessmentId> {
        let start = Start { company_id, questionnaire_id, version, carried_from: None, reference_date };
        self.start_on(viewer, start, &["published", "retired"]).await
    }

    async fn start_on(
        &self,
        viewer: &Viewer,
        start: Start<'_>,
        answerable: &[&str],
    ) -> StoreResult<AssessmentId> {
        let Start { company_id, questionnaire_id, version, carried_from, reference_date } = start;
        let mut tx = self.begin_checked().await?;
        require_own_people(&mut tx, viewer, company_id).await?;
        let published: Option<String> = sqlx::query_scalar(
            "SELECT status FROM questionnaire_versions WHERE questionnaire_id = $1 AND version = $2",
        )
        .bind(questionnaire_id)
        .bind(i64::from(version))
        .fetch_optional(&mut *tx)
        .await?;
        if !published.as_deref().is_some_and(|status| answerable.contains(&status)) {
            return Err(StoreError::Invalid("only a published questionnaire version can be answered"));
        }
        if let Some((previous_id, _)) = carried_from {
            let (previous, _) = assessment_with_access_on(&mut tx, viewer, previous_id).await?;
            if previous.company.id != company_id {
                return Err(StoreError::NotFound);
            }
        }
        let id: AssessmentId = new_id();
        let started_at = now();
        sqlx::query(
            "INSERT INTO assessments (id, company_id, questionnaire_id, questionnaire_version, status, \
             carried_from, started_by, started_at, reference_date) \
             VALUES ($1, $2, $3, $4, 'in_progress', $5, $6, $7, $8)",
        )
        .bind(id.to_string())
        .bind(company_id.to_string())
        .bind(questionnaire_id)
        .bind(i64::from(version))
        .bind(carried_from.map(|(previous, _)| previous.to_string()))
        .bind(viewer.user_id.to_string())
        .bind(&started_at)
        .bind(reference_date.to_string())
        .execute(&mut *tx)
        .await?;
        for carried in carried_from.map(|(_, answers)| answers).unwrap_or_default() {
            sqlx::query(
                "INSERT INTO answers (assessment_id, question_id, value, note, evidence, revision, needs_review, \
                 updated_by, updated_at) VALUES ($1, $2, $3, '', '', 1, $4, $5, $6)",
            )
            .bind(id.to_string())
            .bind(carried.question_id.to_string())
            .bind(to_json(&carried.value)?)
            .bind(i64::from(carried.needs_review))
            .bind(viewer.user_id.to_string())
            .bind(&started_at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The company's assessments, newest first.
    pub async fn assessments_of(
        &self,
        viewer: &Viewer,
        company_id: OrganizationId,
    ) -> StoreResult<Vec<AssessmentHeader>> {
        let seen = self.seen_assessments_of(viewer, company_id).await?;
        Ok(seen.into_iter().map(|seen| seen.header).collect())
    }

    /// The company's assessments, newest first, each as seen by the viewer: one access check
    /// for them all.
    pub async fn seen_assessments_of(
        &self,
        viewer: &Viewer,
        company_id: OrganizationId,
    ) -> StoreResult<Vec<SeenAssessment>> {
        let (company, access) =
            company_with_assessments(&mut *self.pool.acquire().await?, viewer, company_id).await?;
        self.assessments_of_company(company, access, viewer.user_id).await
    }

    /// The assessments of the company of one the viewer was found to see, newest first, each
    /// seen the same way: this request's check holds for its company's other assessments.
    pub async fn assessments_beside(&self, seen: &SeenAssessment) -> StoreResult<Vec<SeenAssessment>> {
        self.assessments_of_company(seen.header.company.clone(), seen.access, seen.viewer).await
    }

    /// The assessments of `company`, which `viewer` was found to see with `access`.
    async fn assessments_of_company(
        &self,
        company: Organization,
        access: CompanyAccess,
        viewer: UserId,
    ) -> StoreResult<Vec<SeenAssessment>> {
        let sql = format!(
            "SELECT {HEADER_COLUMNS} FROM assessments a JOIN users u ON u.id = a.started_by \
             WHERE a.company_id = $1 ORDER BY a.started_at DESC, a.id"
        );
        let rows =
            sqlx::query_as::<_, HeaderRow>(&sql).bind(company.id.to_string()).fetch_all(&self.pool).await?;
        rows.into_iter()
            .map(|row| Ok(SeenAssessment { header: row.into_header(company.clone())?, access, viewer }))
            .collect()
    }

    /// Every company the viewer sees, and the assessments of those whose assessments the viewer
    /// sees (its own, or granted to its advisory organization), newest first within each
    /// company: one visibility check for all of them, the same as for one company, and one read.
    pub async fn seen_companies(&self, viewer: &Viewer) -> StoreResult<SeenCompanies> {
        let companies = companies_for(&mut *self.pool.acquire().await?, viewer, None).await?;
        let sql = format!(
            "SELECT {HEADER_COLUMNS}, a.company_id AS keyed_by FROM assessments a \
             JOIN users u ON u.id = a.started_by WHERE a.company_id IN ({{keys}}) ORDER BY a.started_at DESC, a.id"
        );
        let mut rows = crate::rows_keyed_by::<HeaderRow>(
            &self.pool,
            &sql,
            companies
                .iter()
                .filter(|visible| visible.access.sees_assessments())
                .map(|visible| visible.company.id.to_string()),
        )
        .await?;
        let mut assessments = Vec::new();
        for visible in &companies {
            for row in rows.remove(&visible.company.id.to_string()).unwrap_or_default() {
                let header = row.into_header(visible.company.clone())?;
                assessments.push(SeenAssessment { header, access: visible.access, viewer: viewer.user_id });
            }
        }
        Ok(SeenCompanies { companies, assessments })
    }

    /// One assessment, for those who see the company's assessments.
    pub async fn assessment(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
    ) -> StoreResult<AssessmentHeader> {
        Ok(self.assessment_with_access(viewer, assessment_id).await?.0)
    }

    /// One assessment and how the viewer comes to see it.
    pub async fn assessment_with_access(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
    ) -> StoreResult<(AssessmentHeader, CompanyAccess)> {
        assessment_with_access_on(&mut *self.pool.acquire().await?, viewer, assessment_id).await
    }

    /// An assessment the viewer sees, checked once for the reads of one request that follow.
    pub async fn seen_assessment(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
    ) -> StoreResult<SeenAssessment> {
        let (header, access) = self.assessment_with_access(viewer, assessment_id).await?;
        Ok(SeenAssessment { header, access, viewer: viewer.user_id })
    }

    /// The saved answers of an assessment.
    pub async fn answers(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
    ) -> StoreResult<Vec<StoredAnswer>> {
        self.answers_of(&self.seen_assessment(viewer, assessment_id).await?).await
    }

    /// The saved answers of an assessment the viewer was found to see.
    pub async fn answers_of(&self, seen: &SeenAssessment) -> StoreResult<Vec<StoredAnswer>> {
        Ok(self.answers_of_many(std::slice::from_ref(seen)).await?.remove(&seen.id()).unwrap_or_default())
    }

    /// The saved answers of each assessment the viewer was found to see, in one read.
    pub async fn answers_of_many(
        &self,
        seen: &[SeenAssessment],
    ) -> StoreResult<HashMap<AssessmentId, Vec<StoredAnswer>>> {
        let rows = crate::rows_keyed_by::<AnswerRow>(
            &self.pool,
            "SELECT a.question_id, a.value, a.note, a.evidence, a.revision, \
             a.needs_review, a.from_paper, a.updated_at, u.name AS updated_by_name, a.assessment_id AS keyed_by \
             FROM answers a JOIN users u ON u.id = a.updated_by WHERE a.assessment_id IN ({keys})",
            seen.iter().map(|seen| seen.id().to_string()),
        )
        .await?;
        by_assessment(rows, StoredAnswer::try_from)
    }

    /// Copies every answer of `from` into `to` as saved by `by`, in one statement: for seeding a
    /// benchmark database of a real installation's size (`senda bench-seed`). The operator's shell
    /// only: no viewer is asked.
    pub async fn copy_answers_for_seeding(
        &self,
        from: AssessmentId,
        to: AssessmentId,
        by: UserId,
    ) -> StoreResult<u64> {
        let copied = sqlx::query(
            "INSERT INTO answers (assessment_id, question_id, value, note, evidence, revision, needs_review, \
             updated_by, updated_at, from_paper) SELECT $1, question_id, value, note, evidence, 1, 0, $2, $3, 0 \
             FROM answers WHERE assessment_id = $4",
        )
        .bind(to.to_string())
        .bind(by.to_string())
        .bind(now_precise())
        .bind(from.to_string())
        .execute(&self.writer)
        .await?;
        Ok(copied.rows_affected())
    }

    /// Writes a section's `changes` in one transaction, after one check: own people only, and
    /// only while the assessment is in progress. A failure writes none of them. A conflict is not
    /// a failure: that answer is not saved (its draft is kept, if given) and the rest still are.
    /// Returns the questions whose save met someone else's newer answer, in order.
    pub async fn save_section(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
        changes: &[SectionChange<'_>],
    ) -> StoreResult<Vec<String>> {
        // Nothing to write, nothing read: no transaction taken from the one writer.
        if changes.is_empty() {
            return Ok(Vec::new());
        }
        // To the microsecond: a resubmission is compared with the instant of the return before it.
        let updated_at = now_precise();
        let mut tx = self.begin_checked().await?;
        require_answerable(&mut tx, viewer, assessment_id).await?;
        let mut conflicts = Vec::new();
        for change in changes {
            match change {
                SectionChange::Save { write, typed } => {
                    let question_id = write.question_id;
                    if save_one(&mut tx, viewer, assessment_id, write, &updated_at).await? {
                        discard_draft_on(&mut tx, viewer, assessment_id, question_id).await?;
                    } else {
                        if let Some(typed) = typed {
                            let conflict = DraftProblem::Conflict;
                            keep_draft_on(&mut tx, viewer, assessment_id, question_id, typed, conflict)
                                .await?;
                        }
                        conflicts.push(question_id.to_owned());
                    }
                }
                SectionChange::KeepDraft { question_id, typed, problem } => {
                    keep_draft_on(&mut tx, viewer, assessment_id, question_id, typed, *problem).await?
                }
                SectionChange::DiscardDraft(question_id) => {
                    discard_draft_on(&mut tx, viewer, assessment_id, question_id).await?
                }
            }
        }
        tx.commit().await?;
        Ok(conflicts)
    }

    /// The viewer's own drafts in an assessment: nobody else's.
    pub async fn drafts(&self, viewer: &Viewer, assessment_id: AssessmentId) -> StoreResult<Vec<Draft>> {
        self.drafts_of(&self.seen_assessment(viewer, assessment_id).await?).await
    }

    /// The drafts in an assessment of the viewer it was found to be seen by: theirs alone.
    pub async fn drafts_of(&self, seen: &SeenAssessment) -> StoreResult<Vec<Draft>> {
        let rows = sqlx::query_as::<_, DraftRow>(
            "SELECT question_id, typed, problem FROM answer_drafts WHERE assessment_id = $1 AND user_id = $2",
        )
        .bind(seen.id().to_string())
        .bind(seen.viewer.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(Draft::try_from).collect()
    }

    /// Lets a draft go: the person keeps the saved answer instead.
    pub async fn discard_draft(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
        question_id: &str,
    ) -> StoreResult<()> {
        let mut tx = self.begin_checked().await?;
        if assessment_with_access_on(&mut tx, viewer, assessment_id).await?.1.is_outsider() {
            return Err(StoreError::NotFound);
        }
        discard_draft_on(&mut tx, viewer, assessment_id, question_id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Chooses the language the assessment's questions are shown and printed in (`None`: each
    /// reader's interface language). Its own people, while it is in progress.
    pub async fn set_content_language(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
        language: Option<&LanguageTag>,
    ) -> StoreResult<()> {
        let mut tx = self.begin_checked().await?;
        require_answerable(&mut tx, viewer, assessment_id).await?;
        sqlx::query("UPDATE assessments SET content_language = $1 WHERE id = $2")
            .bind(language.map_or("", LanguageTag::as_str))
            .bind(assessment_id.to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sends an in-progress assessment for review. The caller has checked it is complete against
    /// its questionnaire; this only moves the status, and only from in progress.
    pub async fn submit_assessment(&self, viewer: &Viewer, assessment_id: AssessmentId) -> StoreResult<()> {
        let mut tx = self.begin_checked().await?;
        require_answerable(&mut tx, viewer, assessment_id).await?;
        let moved = sqlx::query(
            "UPDATE assessments SET status = 'submitted', submitted_by = $1, submitted_at = $2 \
             WHERE id = $3 AND status = 'in_progress'",
        )
        // To the microsecond: a review signed before it says so (see `SignedReview::predates`).
        .bind(viewer.user_id.to_string())
        .bind(now_precise())
        .bind(assessment_id.to_string())
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() == 0 {
            return Err(StoreError::Invalid("the assessment is not in progress"));
        }
        tx.commit().await?;
        Ok(())
    }

    /// Returns a submitted assessment for changes: its reviewers, the company's admins or an
    /// advisor it granted its assessments to.
    pub async fn return_for_changes(&self, viewer: &Viewer, assessment_id: AssessmentId) -> StoreResult<()> {
        let mut tx = self.begin_checked().await?;
        let (assessment, access) = assessment_with_access_on(&mut tx, viewer, assessment_id).await?;
        if !(access.is_own_admin() || access == CompanyAccess::Advisor) {
            return Err(StoreError::NotFound);
        }
        if assessment.status != AssessmentStatus::Submitted {
            return Err(StoreError::Invalid("only a submitted assessment can be returned"));
        }
        sqlx::query(
            "UPDATE assessments SET status = 'in_progress', submitted_by = NULL, submitted_at = NULL WHERE id = $1",
        )
        .bind(assessment_id.to_string())
        .execute(&mut *tx)
        .await?;
        // Kept, so the resubmission shows the reviewer what changed since (see `reviews`).
        sqlx::query(
            "INSERT INTO assessment_returns (id, assessment_id, returned_by, returned_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(assessment_id.to_string())
        .bind(viewer.user_id.to_string())
        .bind(crate::now_precise())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// An assessment the viewer was found to see, and how: made only by the access check
/// ([`Store::seen_assessment`]), so the reads of one request that take it (answers, drafts,
/// evidence, review threads) need not repeat the check. Kept for one request only: a removal or
/// a revoked grant applies on the next.
#[derive(Debug, Clone)]
pub struct SeenAssessment {
    header: AssessmentHeader,
    access: CompanyAccess,
    /// Who it was checked for: whose drafts are read.
    viewer: UserId,
}

/// What a viewer sees, read at once: every company and how, and the assessments of those
/// whose assessments the viewer sees ([`Store::seen_companies`]).
#[derive(Debug, Clone, Default)]
pub struct SeenCompanies {
    pub companies: Vec<VisibleCompany>,
    pub assessments: Vec<SeenAssessment>,
}

impl SeenAssessment {
    pub fn id(&self) -> AssessmentId {
        self.header.id
    }

    pub fn header(&self) -> &AssessmentHeader {
        &self.header
    }

    pub fn access(&self) -> CompanyAccess {
        self.access
    }
}

/// [`Store::assessment_with_access`] on `connection`: a write's transaction checks with it.
pub(crate) async fn assessment_with_access_on(
    connection: &mut AnyConnection,
    viewer: &Viewer,
    assessment_id: AssessmentId,
) -> StoreResult<(AssessmentHeader, CompanyAccess)> {
    // The row first, with its company: the check below needs the company, and a second read of
    // the row would cost a round trip on every page of an assessment.
    let sql = format!(
        "SELECT {HEADER_COLUMNS}, a.company_id AS keyed_by FROM assessments a \
         JOIN users u ON u.id = a.started_by WHERE a.id = $1"
    );
    let row = sqlx::query_as::<_, crate::Keyed<HeaderRow>>(&sql)
        .bind(assessment_id.to_string())
        .fetch_optional(&mut *connection)
        .await?;
    // An unknown id still asks who the viewer may see (with an id no company has), so both
    // refusals take the same path.
    let company_id = crate::optional_id(row.as_ref().map(|row| row.keyed_by.clone()))?
        .unwrap_or(OrganizationId::from_uuid(uuid::Uuid::nil()));
    let (company, access) = company_with_assessments(connection, viewer, company_id).await?;
    let row = row.ok_or(StoreError::NotFound)?;
    Ok((row.row.into_header(company)?, access))
}

/// The company, when the viewer sees its assessments.
async fn company_with_assessments(
    connection: &mut AnyConnection,
    viewer: &Viewer,
    company_id: OrganizationId,
) -> StoreResult<(assessments::access::Organization, CompanyAccess)> {
    match visible_company_on(connection, viewer, company_id).await? {
        Some(visible) if visible.access.sees_assessments() => Ok((visible.company, visible.access)),
        _ => Err(StoreError::NotFound),
    }
}

async fn require_own_people(
    connection: &mut AnyConnection,
    viewer: &Viewer,
    company_id: OrganizationId,
) -> StoreResult<()> {
    match company_with_assessments(connection, viewer, company_id).await?.1 {
        CompanyAccess::Member { .. } => Ok(()),
        _ => Err(StoreError::NotFound),
    }
}

/// Writes one answer in the transaction of [`Store::save_section`], compare-and-set on its
/// revision: of two saves from the same revision, one wins and the other is told (`false`),
/// whatever the timing.
async fn save_one(
    tx: &mut AnyConnection,
    viewer: &Viewer,
    assessment_id: AssessmentId,
    write: &AnswerWrite<'_>,
    updated_at: &str,
) -> StoreResult<bool> {
    let value = write.value.map(to_json).transpose()?;
    let written = if write.base_revision == 0 {
        sqlx::query(
            "INSERT INTO answers (assessment_id, question_id, value, note, evidence, revision, needs_review, \
             updated_by, updated_at, from_paper) VALUES ($1, $2, $3, $4, $5, 1, 0, $6, $7, $8) \
             ON CONFLICT (assessment_id, question_id) DO NOTHING",
        )
        .bind(assessment_id.to_string())
        .bind(write.question_id)
        .bind(&value)
        .bind(write.note)
        .bind(write.evidence)
        .bind(viewer.user_id.to_string())
        .bind(updated_at)
        .bind(i64::from(write.from_paper))
        .execute(&mut *tx)
        .await?
    } else {
        sqlx::query(
            "UPDATE answers SET value = $1, note = $2, evidence = $3, revision = revision + 1, \
             needs_review = 0, updated_by = $4, updated_at = $5, from_paper = $9 \
             WHERE assessment_id = $6 AND question_id = $7 AND revision = $8",
        )
        .bind(&value)
        .bind(write.note)
        .bind(write.evidence)
        .bind(viewer.user_id.to_string())
        .bind(updated_at)
        .bind(assessment_id.to_string())
        .bind(write.question_id)
        .bind(write.base_revision)
        .bind(i64::from(write.from_paper))
        .execute(&mut *tx)
        .await?
    };
    Ok(written.rows_affected() > 0)
}

/// Keeps what the viewer typed for a question and could not save, replacing an older draft.
async fn keep_draft_on(
    tx: &mut AnyConnection,
    viewer: &Viewer,
    assessment_id: AssessmentId,
    question_id: &str,
    typed: &TypedAnswer<'_>,
    problem: DraftProblem,
) -> StoreResult<()> {
    let typed = serde_json::to_string(typed).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let problem = serde_json::to_string(&problem).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    sqlx::query(
        "INSERT INTO answer_drafts (assessment_id, question_id, user_id, typed, problem, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (assessment_id, question_id, user_id) \
         DO UPDATE SET typed = excluded.typed, problem = excluded.problem, created_at = excluded.created_at",
    )
    .bind(assessment_id.to_string())
    .bind(question_id)
    .bind(viewer.user_id.to_string())
    .bind(typed)
    .bind(problem)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Lets the viewer's draft of a question go, if there is one.
async fn discard_draft_on(
    tx: &mut AnyConnection,
    viewer: &Viewer,
    assessment_id: AssessmentId,
    question_id: &str,
) -> StoreResult<()> {
    sqlx::query("DELETE FROM answer_drafts WHERE assessment_id = $1 AND question_id = $2 AND user_id = $3")
        .bind(assessment_id.to_string())
        .bind(question_id)
        .bind(viewer.user_id.to_string())
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// The assessment exists, the viewer is one of its company's people, and it is in progress.
pub(crate) async fn require_answerable(
    connection: &mut AnyConnection,
    viewer: &Viewer,
    assessment_id: AssessmentId,
) -> StoreResult<()> {
    match assessment_with_access_on(connection, viewer, assessment_id).await? {
        (_, access) if access.is_outsider() => Err(StoreError::NotFound),
        (assessment, _) if assessment.status != AssessmentStatus::InProgress => {
            Err(StoreError::Invalid("the assessment is submitted and read-only"))
        }
        _ => Ok(()),
    }
}

/// Rows read for many assessments ([`crate::rows_keyed_by`]), each made into what it holds.
pub(crate) fn by_assessment<Row, T>(
    rows: HashMap<String, Vec<Row>>,
    read: impl Fn(Row) -> StoreResult<T>,
) -> StoreResult<HashMap<AssessmentId, Vec<T>>> {
    rows.into_iter()
        .map(|(id, rows)| {
            let id = id.parse().map_err(|_| StoreError::Corrupt(format!("assessment id `{id}`")))?;
            Ok((id, rows.into_iter().map(&read).collect::<StoreResult<Vec<T>>>()?))
        })
        .collect()
}

/// An assessment as [`HEADER_COLUMNS`] read it, with the name of who started it. Its company
/// comes from the visibility check, not from this row.
#[derive(sqlx::FromRow)]
struct HeaderRow {
    #[sqlx(try_from = "String")]
    id: AssessmentId,
    questionnaire_id: String,
    questionnaire_version: i64,
    status: String,
    started_at: String,
    submitted_at: Option<String>,
    carried_from: Option<String>,
    /// `None` for an assessment started before reference dates were asked.
    reference_date: Option<String>,
    /// '' while it follows the reader's interface language.
    content_language: String,
    started_by_name: String,
}

impl HeaderRow {
    fn into_header(self, company: assessments::access::Organization) -> StoreResult<AssessmentHeader> {
        let (version, status) = (self.questionnaire_version, self.status);
        let started_at = crate::instant(&self.started_at)?;
        Ok(AssessmentHeader {
            id: self.id,
            company,
            questionnaire_id: self.questionnaire_id,
            questionnaire_version: u32::try_from(version)
                .map_err(|_| StoreError::Corrupt(format!("questionnaire version {version}")))?,
            status: AssessmentStatus::parse(&status)
                .ok_or_else(|| StoreError::Corrupt(format!("assessment status `{status}`")))?,
            reference_date: match &self.reference_date {
                Some(date) => crate::date(date)?,
                None => started_at.date_naive(),
            },
            started_at,
            started_by: self.started_by_name,
            submitted_at: self.submitted_at.as_deref().map(crate::instant).transpose()?,
            carried_from: crate::optional_id(self.carried_from)?,
            content_language: match self.content_language.as_str() {
                "" => None,
                tag => {
                    Some(tag.parse().map_err(|_| StoreError::Corrupt(format!("content language `{tag}`")))?)
                }
            },
        })
    }
}

/// A saved answer, with the name of who saved it last.
#[derive(sqlx::FromRow)]
struct AnswerRow {
    question_id: String,
    /// JSON, `None` while unanswered.
    value: Option<String>,
    note: String,
    evidence: String,
    revision: i64,
    /// 0 or 1: `Any` has no booleans.
    needs_review: i64,
    from_paper: i64,
    updated_at: String,
    updated_by_name: String,
}

impl TryFrom<AnswerRow> for StoredAnswer {
    type Error = StoreError;

    fn try_from(row: AnswerRow) -> StoreResult<Self> {
        Ok(StoredAnswer {
            question_id: row.question_id,
            value: row.value.as_deref().map(from_json).transpose()?,
            note: row.note,
            evidence: row.evidence,
            revision: row.revision,
            needs_review: row.needs_review != 0,
            from_paper: row.from_paper != 0,
            updated_by: row.updated_by_name,
            updated_at: crate::instant(&row.updated_at)?,
        })
    }
}

/// A draft as kept: what was typed and why it was not saved, both JSON.
#[derive(sqlx::FromRow)]
struct DraftRow {
    question_id: String,
    typed: String,
    problem: String,
}

impl TryFrom<DraftRow> for Draft {
    type Error = StoreError;

    fn try_from(row: DraftRow) -> StoreResult<Self> {
        let typed: Typed = from_json(&row.typed)?;
        let problem: DraftProblem = from_json(&row.problem)?;
        Ok(Draft {
            question_id: row.question_id,
            values: typed.values,
            note: typed.note,
            evidence: typed.evidence,
            problem,
        })
    }
}

fn to_json(value: &AnswerValue) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(format!("answer not serializable: {e}")))
}

pub(crate) fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> StoreResult<T> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("stored JSON `{json}`: {e}")))
}

/// What an assessment is started on.
struct Start<'a> {
    company_id: OrganizationId,
    questionnaire_id: &'a str,
    version: u32,
    carried_from: Option<(AssessmentId, &'a [CarriedAnswer])>,
    reference_date: NaiveDate,
}
