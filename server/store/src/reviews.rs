//! An advisor's review: threads on answers, gaps and actions, signed reviews, and the record of
//! each return for changes. Only the company's own people and the advisors it granted its
//! assessments reach any of it; who may write what is the `assessments` crate's `review` rules.

use assessments::access::{CompanyAccess, Viewer};
use assessments::answers::{AssessmentHeader, AssessmentStatus};
use assessments::ids::{AssessmentId, OrganizationId, ThreadId};
use assessments::plan::Actor;
use assessments::review::{self, Message, Request, SignedReview, Subject, Thread, ThreadState};
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use std::collections::HashMap;

use super::answers::{SeenAssessment, assessment_with_access_on, by_assessment};
use super::{Store, StoreError, StoreResult, now_precise};

impl Store {
    /// Opens a thread on `subject` of an assessment, with `body` as its first message (none for an
    /// acceptance said without words). An action must be of the assessment's plan.
    pub async fn open_thread(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
        subject: &Subject,
        request: Request,
        body: &str,
    ) -> StoreResult<ThreadId> {
        let mut tx = self.begin_checked().await?;
        let (header, access) = assessment_with_access_on(&mut tx, viewer, assessment_id).await?;
        let (side, organization) = side_of(&mut tx, viewer, &header, access).await?;
        if !request.may_open(side) {
            return Err(StoreError::Invalid("not a thread this person can open"));
        }
        if let Subject::Action(action_id) = subject {
            let of_this_plan: Option<i64> = sqlx::query_scalar(
                "SELECT 1 FROM plan_actions a JOIN plans p ON p.id = a.plan_id \
                 WHERE a.id = $1 AND p.assessment_id = $2",
            )
            .bind(action_id)
            .bind(assessment_id.to_string())
            .fetch_optional(&mut *tx)
            .await?;
            of_this_plan.ok_or(StoreError::NotFound)?;
        }
        let id: ThreadId = crate::new_id();
        let now = now_precise();
        sqlx::query(
            "INSERT INTO review_threads (id, assessment_id, subject_kind, subject_key, request, state, opened_by, \
             opened_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
        )
        .bind(id.to_string())
        .bind(assessment_id.to_string())
        .bind(subject.kind())
        .bind(subject.key())
        .bind(request.as_str())
        .bind(request.opening_state().as_str())
        .bind(viewer.user_id.to_string())
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        if !body.is_empty() {
            write_message(&mut tx, id, viewer, organization, side, body, &now).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Writes `body` in a thread; the thread's state follows from who wrote (see
    /// [`review::after_reply`]).
    pub async fn reply_in_thread(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
        thread_id: ThreadId,
        body: &str,
    ) -> StoreResult<()> {
        let mut tx = self.begin_checked().await?;
        let (header, access) = assessment_with_access_on(&mut tx, viewer, assessment_id).await?;
        let (side, organization) = side_of(&mut tx, viewer, &header, access).await?;
        let request = thread_request(&mut tx, assessment_id, thread_id).await?;
        let now = now_precise();
        write_message(&mut tx, thread_id, viewer, organization, side, body, &now).await?;
        set_state(&mut tx, thread_id, review::after_reply(request, side), &now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Closes a thread: an advisor any, the company its comments only.
    pub async fn resolve_thread(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
        thread_id: ThreadId,
    ) -> StoreResult<()> {
        let mut tx = self.begin_checked().await?;
        let (header, access) = assessment_with_access_on(&mut tx, viewer, assessment_id).await?;
        let (side, _) = side_of(&mut tx, viewer, &header, access).await?;
        let request = thread_request(&mut tx, assessment_id, thread_id).await?;
        if !review::may_resolve(request, side) {
            return Err(StoreError::Invalid("only an advisor closes a request"));
        }
        set_state(&mut tx, thread_id, ThreadState::Resolved, &now_precise()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every thread of an assessment with its messages, oldest first.
    pub async fn threads(&self, viewer: &Viewer, assessment_id: AssessmentId) -> StoreResult<Vec<Thread>> {
        self.threads_of(&self.seen_assessment(viewer, assessment_id).await?).await
    }

    /// The review threads of an assessment the viewer was found to see, with their messages.
    pub async fn threads_of(&self, seen: &SeenAssessment) -> StoreResult<Vec<Thread>> {
        Ok(self.threads_of_many(std::slice::from_ref(seen)).await?.remove(&seen.id()).unwrap_or_default())
    }

    /// The review threads of each assessment the viewer was found to see, with their messages:
    /// two reads for them all, one where none has a thread.
    pub async fn threads_of_many(
        &self,
        seen: &[SeenAssessment],
    ) -> StoreResult<HashMap<AssessmentId, Vec<Thread>>> {
        let rows = crate::rows_keyed_by::<ThreadRow>(
            &self.pool,
            "SELECT id, subject_kind, subject_key, request, state, assessment_id AS keyed_by FROM review_threads \
             WHERE assessment_id IN ({keys}) ORDER BY opened_at, id",
            seen.iter().map(|seen| seen.id().to_string()),
        )
        .await?;
        let mut threads = by_assessment(rows, Thread::try_from)?;
        let messages = crate::rows_keyed_by::<MessageRow>(
            &self.pool,
            "SELECT m.thread_id, u.name AS author, o.name AS organization, m.side, m.body, m.written_at, \
             t.assessment_id AS keyed_by FROM review_messages m JOIN review_threads t ON t.id = m.thread_id \
             JOIN users u ON u.id = m.author_user_id JOIN organizations o ON o.id = m.author_organization_id \
             WHERE t.assessment_id IN ({keys}) ORDER BY m.written_at, m.id",
            // Only where there are threads: most assessments have none, and no list, no query.
            threads.keys().map(ToString::to_string),
        )
        .await?;
        for (assessment_id, rows) in by_assessment(messages, Ok)? {
            let Some(threads) = threads.get_mut(&assessment_id) else { continue };
            for row in rows {
                let thread_id: ThreadId =
                    row.thread_id.parse().map_err(|_| StoreError::Corrupt("review message".into()))?;
                if let Some(thread) = threads.iter_mut().find(|t| t.id == thread_id) {
                    thread.messages.push(Message::try_from(row)?);
                }
            }
        }
        Ok(threads)
    }

    /// Signs a review of a submitted assessment: a granted advisor's, read-only from then on.
    pub async fn sign_review(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
        summary: &str,
    ) -> StoreResult<()> {
        let mut tx = self.begin_checked().await?;
        let (header, access) = assessment_with_access_on(&mut tx, viewer, assessment_id).await?;
        let (side, organization) = side_of(&mut tx, viewer, &header, access).await?;
        if side != Actor::Advisor {
            return Err(StoreError::NotFound);
        }
        if header.status != AssessmentStatus::Submitted {
            return Err(StoreError::Invalid("only a submitted assessment is reviewed"));
        }
        sqlx::query(
            "INSERT INTO assessment_reviews (id, assessment_id, reviewer_user_id, reviewer_organization_id, summary, \
             signed_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(assessment_id.to_string())
        .bind(viewer.user_id.to_string())
        .bind(organization.to_string())
        .bind(summary)
        .bind(now_precise())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The signed reviews of an assessment the viewer was found to see, oldest first.
    pub async fn reviews_of(&self, seen: &SeenAssessment) -> StoreResult<Vec<SignedReview>> {
        Ok(self.reviews_of_many(std::slice::from_ref(seen)).await?.remove(&seen.id()).unwrap_or_default())
    }

    /// The signed reviews of each assessment the viewer was found to see, oldest first.
    pub async fn reviews_of_many(
        &self,
        seen: &[SeenAssessment],
    ) -> StoreResult<HashMap<AssessmentId, Vec<SignedReview>>> {
        let rows = crate::rows_keyed_by::<(String, String, String, String)>(
            &self.pool,
            "SELECT u.name, o.name, r.summary, r.signed_at, r.assessment_id AS keyed_by FROM assessment_reviews r \
             JOIN users u ON u.id = r.reviewer_user_id JOIN organizations o ON o.id = r.reviewer_organization_id \
             WHERE r.assessment_id IN ({keys}) ORDER BY r.signed_at, r.id",
            seen.iter().map(|seen| seen.id().to_string()),
        )
        .await?;
        by_assessment(rows, |(reviewer, organization, summary, signed_at)| {
            Ok(SignedReview { reviewer, organization, summary, signed_at: crate::instant(&signed_at)? })
        })
    }

    /// When the assessment was last sent back for changes, if ever.
    pub async fn last_return(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
    ) -> StoreResult<Option<DateTime<Utc>>> {
        self.last_return_of(&self.seen_assessment(viewer, assessment_id).await?).await
    }

    /// When an assessment the viewer was found to see was last returned for changes.
    pub async fn last_return_of(&self, seen: &SeenAssessment) -> StoreResult<Option<DateTime<Utc>>> {
        Ok(self.last_returns_of_many(std::slice::from_ref(seen)).await?.remove(&seen.id()))
    }

    /// When each assessment the viewer was found to see was last sent back for changes, for
    /// those ever sent back: one read for them all.
    pub async fn last_returns_of_many(
        &self,
        seen: &[SeenAssessment],
    ) -> StoreResult<HashMap<AssessmentId, DateTime<Utc>>> {
        let rows = crate::rows_keyed_by::<(String,)>(
            &self.pool,
            "SELECT MAX(returned_at), assessment_id AS keyed_by FROM assessment_returns \
             WHERE assessment_id IN ({keys}) GROUP BY assessment_id",
            seen.iter().map(|seen| seen.id().to_string()),
        )
        .await?;
        by_assessment(rows, |(last,)| crate::instant(&last))?
            .into_iter()
            .filter_map(|(id, last)| Some(Ok((id, last.into_iter().next()?))))
            .collect()
    }
}

/// Which side the viewer writes on and for which organization: the company's own people for the
/// company, a granted advisor for the advisory organization holding the grant. Anyone else,
/// an association included: `NotFound`.
async fn side_of(
    connection: &mut AnyConnection,
    viewer: &Viewer,
    header: &AssessmentHeader,
    access: CompanyAccess,
) -> StoreResult<(Actor, OrganizationId)> {
    match access {
        CompanyAccess::Member { .. } => Ok((Actor::Company, header.company.id)),
        CompanyAccess::Advisor => {
            let grantee: Option<String> = sqlx::query_scalar(
                "SELECT g.grantee_id FROM grants g JOIN memberships m ON m.organization_id = g.grantee_id \
                 WHERE g.company_id = $1 AND g.scope = 'assessments' AND g.revoked_at IS NULL \
                   AND m.user_id = $2 AND m.role = 'advisor' ORDER BY g.grantee_id LIMIT 1",
            )
            .bind(header.company.id.to_string())
            .bind(viewer.user_id.to_string())
            .fetch_optional(&mut *connection)
            .await?;
            Ok((Actor::Advisor, crate::optional_id(grantee)?.ok_or(StoreError::NotFound)?))
        }
        CompanyAccess::PlanProgress => Err(StoreError::NotFound),
    }
}

/// The request of a thread of this assessment; a thread of another is not found.
async fn thread_request(
    connection: &mut AnyConnection,
    assessment_id: AssessmentId,
    thread_id: ThreadId,
) -> StoreResult<Request> {
    let request: Option<String> =
        sqlx::query_scalar("SELECT request FROM review_threads WHERE id = $1 AND assessment_id = $2")
            .bind(thread_id.to_string())
            .bind(assessment_id.to_string())
            .fetch_optional(&mut *connection)
            .await?;
    let request = request.ok_or(StoreError::NotFound)?;
    Request::parse(&request).ok_or_else(|| StoreError::Corrupt(format!("review request `{request}`")))
}

async fn write_message(
    connection: &mut AnyConnection,
    thread_id: ThreadId,
    viewer: &Viewer,
    organization: OrganizationId,
    side: Actor,
    body: &str,
    now: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO review_messages (id, thread_id, author_user_id, author_organization_id, side, body, written_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(thread_id.to_string())
    .bind(viewer.user_id.to_string())
    .bind(organization.to_string())
    .bind(side_code(side))
    .bind(body)
    .bind(now)
    .execute(&mut *connection)
    .await?;
    Ok(())
}

async fn set_state(
    connection: &mut AnyConnection,
    thread_id: ThreadId,
    state: ThreadState,
    now: &str,
) -> StoreResult<()> {
    sqlx::query("UPDATE review_threads SET state = $1, updated_at = $2 WHERE id = $3")
        .bind(state.as_str())
        .bind(now)
        .bind(thread_id.to_string())
        .execute(&mut *connection)
        .await?;
    Ok(())
}

fn side_code(side: Actor) -> &'static str {
    match side {
        Actor::Company => "company",
        Actor::Advisor => "advisor",
    }
}

/// A review thread as stored, its messages read apart.
#[derive(sqlx::FromRow)]
struct ThreadRow {
    id: String,
    subject_kind: String,
    subject_key: String,
    request: String,
    state: String,
}

impl TryFrom<ThreadRow> for Thread {
    type Error = StoreError;

    fn try_from(row: ThreadRow) -> StoreResult<Self> {
        let corrupt = || StoreError::Corrupt(format!("review thread {}", row.id));
        Ok(Thread {
            subject: Subject::from_parts(&row.subject_kind, &row.subject_key).ok_or_else(corrupt)?,
            request: Request::parse(&row.request).ok_or_else(corrupt)?,
            state: ThreadState::parse(&row.state).ok_or_else(corrupt)?,
            id: row.id.parse().map_err(|_| corrupt())?,
            messages: Vec::new(),
        })
    }
}

#[derive(sqlx::FromRow)]
struct MessageRow {
    thread_id: String,
    author: String,
    organization: String,
    side: String,
    body: String,
    written_at: String,
}

impl TryFrom<MessageRow> for Message {
    type Error = StoreError;

    fn try_from(row: MessageRow) -> StoreResult<Self> {
        let side = match row.side.as_str() {
            "company" => Actor::Company,
            "advisor" => Actor::Advisor,
            other => return Err(StoreError::Corrupt(format!("message side `{other}`"))),
        };
        Ok(Message {
            author: row.author,
            organization: row.organization,
            side,
            body: row.body,
            written_at: crate::instant(&row.written_at)?,
        })
    }
}
