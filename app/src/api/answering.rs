//! Server functions of assessments: a company's list, one assessment's overview, one section to
//! answer. Writes go through plain form posts (see the server's `assessment_forms`), which work
//! with and without JavaScript.

use assessments::answers::{AssessmentHeader, Draft, DraftProblem, Progress, StoredAnswer};
use assessments::evidence::EvidenceFile;
use assessments::questionnaire::{QuestionnaireSummary, Section};
use assessments::text::Text;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::session::ssr::{store, viewer, with_status};

/// The assessments part of a company's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyAssessments {
    pub company_id: String,
    /// Whether the viewer is one of the company's own people, who start and answer assessments.
    pub can_start: bool,
    pub assessments: Vec<AssessmentLine>,
    /// The questionnaire versions an assessment can start on.
    pub questionnaires: Vec<QuestionnaireSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentLine {
    pub header: AssessmentHeader,
    pub title: Text,
    pub progress: Progress,
}

/// An assessment's overview: its sections, how far each has come, and what is missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentOverview {
    pub header: AssessmentHeader,
    pub title: Text,
    pub can_answer: bool,
    pub can_return: bool,
    pub overall: Progress,
    pub sections: Vec<SectionLine>,
    pub missing: Vec<MissingQuestion>,
    /// Answers carried over from a question that changed since, not looked at again yet.
    pub to_review: u32,
    /// The improvement plan made from this assessment, if any.
    pub plan: Option<String>,
    /// Whether the viewer may create it: own people, once the assessment is submitted.
    pub can_create_plan: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionLine {
    pub id: String,
    pub title: Text,
    pub profile: bool,
    pub progress: Progress,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingQuestion {
    pub section_id: String,
    pub question_id: String,
    pub text: Text,
}

/// One section of an assessment, ready to answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionToAnswer {
    pub header: AssessmentHeader,
    pub title: Text,
    pub section: Section,
    /// The section's questions that apply given every answer saved so far.
    pub applicable: Vec<String>,
    pub answers: Vec<StoredAnswer>,
    /// What this person typed and could not save.
    pub drafts: Vec<Draft>,
    pub citations: Vec<Citation>,
    /// The files attached to the section's answers.
    pub files: Vec<EvidenceFile>,
    pub editable: bool,
    pub progress: Progress,
    /// The section's score so far and its gaps (see `assessments::scoring`).
    pub score: SectionScoreNow,
    pub previous: Option<SectionLine>,
    pub next: Option<SectionLine>,
}

/// A section's score and gap count as the answers stand; no score while nothing is scored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionScoreNow {
    pub score: Option<u32>,
    pub gaps: u32,
    /// Profile sections are never scored.
    pub scored: bool,
}

/// The legal requirement a question verifies, as a person reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    pub requirement_id: String,
    pub instrument: Text,
    pub article: String,
    pub summary: Text,
    pub confirmed: bool,
}

#[server(prefix = "/api", endpoint = "assessments/of-company")]
pub async fn list_company_assessments(company_id: String) -> Result<CompanyAssessments, AppError> {
    with_status(
        async move {
            use assessments::access::CompanyAccess;

            let (store, viewer) = (store()?, viewer()?);
            let Some(company) = store.visible_company(&viewer, &company_id).await? else {
                return Err(AppError::NotFound);
            };
            let can_start = matches!(company.access, CompanyAccess::Member { .. });
            let headers = if company.access.sees_assessments() {
                store.assessments_of(&viewer, &company_id).await?
            } else {
                Vec::new()
            };
            let mut assessments = Vec::with_capacity(headers.len());
            for header in headers {
                let loaded = ssr::load(&store, &viewer, &header.id).await?;
                let progress = assessments::answers::progress(&loaded.questionnaire, &loaded.answer_map());
                assessments.push(AssessmentLine {
                    title: loaded.questionnaire.title.clone(),
                    progress: progress.overall,
                    header,
                });
            }
            let questionnaires = if can_start { store.published_questionnaires().await? } else { Vec::new() };
            Ok(CompanyAssessments { company_id, can_start, assessments, questionnaires })
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "assessments/overview")]
pub async fn get_assessment_overview(assessment_id: String) -> Result<AssessmentOverview, AppError> {
    with_status(
        async move {
            let (store, viewer) = (store()?, viewer()?);
            let loaded = ssr::load(&store, &viewer, &assessment_id).await?;
            loaded.audit_outsider_view(&store, &viewer, "assessment overview").await?;
            let answers = loaded.answer_map();
            let questionnaire = &loaded.questionnaire;
            let progress = assessments::answers::progress(questionnaire, &answers);
            let sections = questionnaire
                .sections
                .iter()
                .zip(progress.sections)
                .map(|(section, (_, progress))| SectionLine {
                    id: section.id.clone(),
                    title: section.title.clone(),
                    profile: section.profile,
                    progress,
                })
                .collect();
            let missing = assessments::answers::missing_answers(questionnaire, &answers)
                .into_iter()
                .map(|question| MissingQuestion {
                    section_id: questionnaire
                        .section_of(&question.id)
                        .map(|s| s.id.clone())
                        .unwrap_or_default(),
                    question_id: question.id.clone(),
                    text: question.text.clone(),
                })
                .collect();
            let to_review = loaded.answers.iter().filter(|answer| answer.needs_review).count();
            let plan = store.plan_of_assessment(&viewer, &assessment_id).await?;
            let can_create_plan = plan.is_none()
                && !loaded.access.is_outsider()
                && loaded.header.status == assessments::answers::AssessmentStatus::Submitted;
            Ok(AssessmentOverview {
                can_answer: loaded.is_answerable(),
                can_return: loaded.can_return(),
                title: questionnaire.title.clone(),
                overall: progress.overall,
                sections,
                missing,
                to_review: u32::try_from(to_review).unwrap_or(u32::MAX),
                plan,
                can_create_plan,
                header: loaded.header,
            })
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "assessments/section")]
pub async fn get_assessment_section(
    assessment_id: String,
    section_id: String,
) -> Result<SectionToAnswer, AppError> {
    with_status(
        async move {
            use std::collections::HashSet;

            let (store, viewer) = (store()?, viewer()?);
            let loaded = ssr::load(&store, &viewer, &assessment_id).await?;
            loaded.audit_outsider_view(&store, &viewer, "assessment answers").await?;
            let questionnaire = &loaded.questionnaire;
            let position =
                questionnaire.sections.iter().position(|s| s.id == section_id).ok_or(AppError::NotFound)?;
            let section = questionnaire.sections[position].clone();
            let in_section: HashSet<&str> = section.questions.iter().map(|q| q.id.as_str()).collect();
            let (applicable, section_progress) = loaded.section_state(&section);
            let progress = assessments::answers::progress(questionnaire, &loaded.answer_map());
            let line = |index: usize| {
                questionnaire.sections.get(index).map(|s| SectionLine {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    profile: s.profile,
                    progress: progress.sections[index].1,
                })
            };
            let drafts = if loaded.is_answerable() {
                store.drafts(&viewer, &assessment_id).await?
            } else {
                Vec::new()
            };
            let files = store.evidence_files(&viewer, &assessment_id).await?;
            Ok(SectionToAnswer {
                citations: ssr::citations(&section),
                applicable,
                answers: loaded
                    .answers
                    .iter()
                    .filter(|a| in_section.contains(a.question_id.as_str()))
                    .cloned()
                    .collect(),
                drafts: drafts.into_iter().filter(|d| in_section.contains(d.question_id.as_str())).collect(),
                files: files.into_iter().filter(|f| in_section.contains(f.question_id.as_str())).collect(),
                editable: loaded.is_answerable(),
                progress: section_progress,
                score: loaded.section_score(&section),
                previous: position.checked_sub(1).and_then(line),
                next: line(position + 1),
                title: questionnaire.title.clone(),
                section,
                header: loaded.header,
            })
        }
        .await,
    )
}

/// The state of one saved answer, as the form's hidden fields carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRevision {
    pub question_id: String,
    pub revision: i64,
    /// The fingerprint of what is saved: what the form now shows.
    pub shown: String,
}

/// What an autosave did, and the section as it stands after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Autosaved {
    /// False when the assessment can no longer be answered (submitted meanwhile).
    pub editable: bool,
    pub revisions: Vec<AnswerRevision>,
    /// The questions whose input was kept as a draft instead, and why.
    pub problems: Vec<(String, DraftProblem)>,
    pub applicable: Vec<String>,
    pub progress: Progress,
    pub score: SectionScoreNow,
}

/// Saves answers as they are given, when the page is hydrated: the same rules, drafts and
/// conflicts as the section form's plain post, which `fields` mirror.
#[server(prefix = "/api", endpoint = "assessments/autosave", input = Json)]
pub async fn autosave_answers(
    assessment_id: String,
    section_id: String,
    fields: Vec<(String, String)>,
) -> Result<Autosaved, AppError> {
    with_status(
        async move {
            let (store, viewer) = (store()?, viewer()?);
            let loaded = ssr::load(&store, &viewer, &assessment_id).await?;
            if loaded.access.is_outsider() {
                return Err(AppError::NotFound);
            }
            let section = loaded
                .questionnaire
                .sections
                .iter()
                .find(|s| s.id == section_id)
                .ok_or(AppError::NotFound)?;
            let problems = if loaded.is_answerable() {
                let submitted = ssr::submitted_answers(&fields, section);
                ssr::save_answers(&store, &viewer, &loaded, section, submitted).await?
            } else {
                Vec::new()
            };
            let after = ssr::load(&store, &viewer, &assessment_id).await?;
            let (applicable, progress) = after.section_state(section);
            let revisions = after
                .answers
                .iter()
                .filter(|a| section.questions.iter().any(|q| q.id == a.question_id))
                .map(|a| AnswerRevision {
                    question_id: a.question_id.clone(),
                    revision: a.revision,
                    shown: a.fingerprint(),
                })
                .collect();
            let score = after.section_score(section);
            Ok(Autosaved {
                editable: after.is_answerable(),
                revisions,
                problems,
                applicable,
                progress,
                score,
            })
        }
        .await,
    )
}

/// What the server functions above and the server's form handlers share.
#[cfg(feature = "ssr")]
pub mod ssr {
    use std::sync::Arc;

    use assessments::access::{AuditAction, CompanyAccess, Viewer};
    use assessments::answers::{
        Answers, AssessmentHeader, AssessmentStatus, Draft, DraftProblem, SaveDecision, StoredAnswer,
        SubmittedAnswer, decide,
    };
    use assessments::loader::Library;
    use assessments::questionnaire::{Questionnaire, Section};
    use leptos::prelude::use_context;
    use store::Store;
    use store::answers::{AnswerWrite, SaveOutcome};
    use store::audit::AuditEntry;

    use super::Citation;
    use crate::error::{AppError, AppResult};

    /// An assessment with its pinned questionnaire and saved answers, as the viewer may see it.
    pub struct LoadedAssessment {
        pub header: AssessmentHeader,
        pub access: CompanyAccess,
        /// Shared: a published version is parsed once per process.
        pub questionnaire: Arc<Questionnaire>,
        pub answers: Vec<StoredAnswer>,
    }

    pub async fn load(store: &Store, viewer: &Viewer, assessment_id: &str) -> AppResult<LoadedAssessment> {
        let (header, access) = store.assessment_with_access(viewer, assessment_id).await?;
        let questionnaire = store
            .questionnaire(&header.questionnaire_id, header.questionnaire_version)
            .await?
            .ok_or_else(|| {
                tracing::error!(
                    assessment = assessment_id,
                    "the assessment's questionnaire version is missing"
                );
                AppError::Internal
            })?;
        let answers = store.answers(viewer, assessment_id).await?;
        Ok(LoadedAssessment { header, access, questionnaire, answers })
    }

    impl LoadedAssessment {
        /// The answered questions' values, as the domain reads them.
        pub fn answer_map(&self) -> Answers {
            self.answers
                .iter()
                .filter_map(|answer| Some((answer.question_id.clone(), answer.value.clone()?)))
                .collect()
        }

        /// The questions of `section` that apply, and the section's progress.
        pub fn section_state(&self, section: &Section) -> (Vec<String>, assessments::answers::Progress) {
            let answers = self.answer_map();
            let applicable: Vec<String> =
                assessments::answers::applicable_questions(&self.questionnaire, &answers)
                    .into_iter()
                    .filter(|q| section.questions.iter().any(|s| s.id == q.id))
                    .map(|q| q.id.clone())
                    .collect();
            let progress = assessments::answers::Progress {
                answered: u32::try_from(applicable.iter().filter(|id| answers.contains_key(*id)).count())
                    .unwrap_or(u32::MAX),
                applicable: u32::try_from(applicable.len()).unwrap_or(u32::MAX),
            };
            (applicable, progress)
        }

        /// The section's score and gaps as the answers stand.
        pub fn section_score(&self, section: &Section) -> super::SectionScoreNow {
            let Some(library) = use_context::<Arc<Library>>() else {
                tracing::error!("the questionnaire library is missing from the context");
                return super::SectionScoreNow::default();
            };
            let card = crate::api::gap_report::ssr::scorecard(self, &library.catalog);
            match card.section(&section.id) {
                Some(result) => {
                    super::SectionScoreNow { score: result.score, gaps: result.gaps, scored: true }
                }
                None => super::SectionScoreNow::default(),
            }
        }

        /// Own people answer while the assessment is in progress.
        pub fn is_answerable(&self) -> bool {
            !self.access.is_outsider() && self.header.status == AssessmentStatus::InProgress
        }

        /// Reviewers (own admins, granted advisors) return a submitted assessment for changes.
        pub fn can_return(&self) -> bool {
            self.header.status == AssessmentStatus::Submitted
                && (self.access.is_own_admin() || self.access == CompanyAccess::Advisor)
        }

        /// Writes a look at the answers by someone outside the company to its audit log.
        pub async fn audit_outsider_view(
            &self,
            store: &Store,
            viewer: &Viewer,
            detail: &str,
        ) -> AppResult<()> {
            if self.access.is_outsider() {
                let ip = crate::session::ssr::client_ip();
                let entry = AuditEntry {
                    organization_id: Some(&self.header.company.id),
                    actor_user_id: Some(&viewer.user_id),
                    detail,
                    ip: ip.as_deref(),
                    ..AuditEntry::default()
                };
                store.audit(AuditAction::OutsiderViewed, entry).await?;
            }
            Ok(())
        }
    }

    /// The answers a section's form sent, one per question that was on it: `a.{id}` the answer
    /// (repeated for a multiple choice), `n.{id}` the note, `e.{id}` the evidence, `r.{id}` the
    /// revision the page showed and `f.{id}` its fingerprint. A question without `r.{id}` was not
    /// on the form and is left alone.
    pub fn submitted_answers(fields: &[(String, String)], section: &Section) -> Vec<SubmittedAnswer> {
        fn field<'f>(
            fields: &'f [(String, String)],
            prefix: char,
            id: &'f str,
        ) -> impl Iterator<Item = &'f (String, String)> {
            fields.iter().filter(move |(name, _)| {
                name.strip_prefix(prefix).and_then(|rest| rest.strip_prefix('.')) == Some(id)
            })
        }
        let single =
            |prefix: char, id: &str| field(fields, prefix, id).next().map(|(_, value)| value.clone());
        section
            .questions
            .iter()
            .filter_map(|question| {
                let id = question.id.as_str();
                let base_revision = single('r', id)?.parse().unwrap_or(0);
                Some(SubmittedAnswer {
                    question_id: id.to_owned(),
                    values: field(fields, 'a', id).map(|(_, value)| value.clone()).collect(),
                    note: single('n', id).unwrap_or_default(),
                    evidence: single('e', id).unwrap_or_default(),
                    base_revision,
                    shown: single('f', id).unwrap_or_default(),
                })
            })
            .collect()
    }

    /// Saves what changed of `submitted` in one section. What cannot be saved — invalid, or
    /// changed by someone else meanwhile — is kept as the viewer's draft; returns those
    /// questions, in form order, with the reason.
    pub async fn save_answers(
        store: &Store,
        viewer: &Viewer,
        loaded: &LoadedAssessment,
        section: &Section,
        submitted: Vec<SubmittedAnswer>,
    ) -> AppResult<Vec<(String, DraftProblem)>> {
        let drafts = store.drafts(viewer, &loaded.header.id).await?;
        let today = store::today();
        let assessment_id = loaded.header.id.as_str();
        let mut problems = Vec::new();
        for submitted in submitted {
            let Some(question) = section.questions.iter().find(|q| q.id == submitted.question_id) else {
                continue;
            };
            let saved = loaded.answers.iter().find(|a| a.question_id == question.id);
            let problem = match decide(&question.answer, &submitted, saved, &today) {
                SaveDecision::Keep => {
                    if drafts.iter().any(|d| d.question_id == question.id) {
                        store.discard_draft(viewer, assessment_id, &question.id).await?;
                    }
                    None
                }
                SaveDecision::Save { value, note, evidence } => {
                    let write = AnswerWrite {
                        question_id: &question.id,
                        value: value.as_ref(),
                        note: &note,
                        evidence: &evidence,
                        base_revision: submitted.base_revision,
                    };
                    match store.save_answer(viewer, assessment_id, write).await? {
                        SaveOutcome::Saved { .. } => None,
                        // Someone saved between this request reading the answers and now.
                        SaveOutcome::Conflict => Some(DraftProblem::Conflict),
                    }
                }
                SaveDecision::Invalid(problem) => Some(DraftProblem::Invalid(problem)),
                SaveDecision::Conflict => Some(DraftProblem::Conflict),
            };
            if let Some(problem) = problem {
                let draft = Draft {
                    question_id: submitted.question_id,
                    values: submitted.values,
                    note: submitted.note,
                    evidence: submitted.evidence,
                    problem,
                };
                store.keep_draft(viewer, assessment_id, &draft).await?;
                problems.push((draft.question_id, problem));
            }
        }
        Ok(problems)
    }

    /// The legal requirements a section's questions verify, each once, in order of appearance.
    pub fn citations(section: &Section) -> Vec<Citation> {
        let Some(library) = use_context::<Arc<Library>>() else {
            tracing::error!("the questionnaire library is missing from the context");
            return Vec::new();
        };
        let catalog = &library.catalog;
        let mut seen = std::collections::HashSet::new();
        section
            .questions
            .iter()
            .flat_map(|question| &question.requirements)
            .filter(|id| seen.insert(id.as_str()))
            .filter_map(|id| catalog.requirement(id))
            .map(|requirement| citation(catalog, requirement))
            .collect()
    }

    /// A requirement as a person reads it: instrument, article, summary, and whether confirmed.
    pub fn citation(
        catalog: &assessments::catalog::Catalog,
        requirement: &assessments::catalog::Requirement,
    ) -> Citation {
        Citation {
            requirement_id: requirement.id.clone(),
            instrument: catalog
                .instruments
                .get(&requirement.instrument)
                .map(|instrument| instrument.name.clone())
                .unwrap_or_else(|| assessments::text::Text::new(requirement.instrument.clone(), None)),
            article: requirement.article.clone(),
            summary: requirement.summary.clone(),
            confirmed: requirement.confidence == assessments::catalog::Confidence::Confirmed,
        }
    }
}
