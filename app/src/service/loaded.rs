//! An assessment as the viewer may see it — its pinned questionnaire and saved answers — and
//! what every view of it derives: progress, score, and the legal citations of its questions.

use assessments::ids::AssessmentId;
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;

use assessments::access::{AuditAction, CompanyAccess};
use assessments::answers::{
    Answers, AssessmentHeader, AssessmentStatus, Progress, StoredAnswer, applicable_questions,
};
use assessments::catalog::{Catalog, Confidence, Requirement};
use assessments::evidence::EvidenceFile;
use assessments::paper;
use assessments::parameters::ParameterValue;
use assessments::questionnaire::{KEY_IN_SECTION, Questionnaire, Section};
use assessments::scoring::{Scorecard, Verification, score};
use assessments::text::Text;
use store::answers::SeenAssessment;

use super::Context;
use crate::error::{AppError, AppResult};
use crate::model::assessment::{Citation, SectionScoreNow};

/// An assessment with its pinned questionnaire and saved answers, as the viewer may see it.
pub struct LoadedAssessment {
    pub header: AssessmentHeader,
    pub access: CompanyAccess,
    /// The access check this request passed: its further reads of the assessment take it.
    pub seen: SeenAssessment,
    /// The pinned version as written, its texts and thresholds naming legal parameters. Shared:
    /// a published version is parsed once per process.
    pub written: Arc<Questionnaire>,
    /// The version as read on the assessment's reference date: what pages show and scoring uses.
    pub questionnaire: Arc<Questionnaire>,
    /// The legal values it is read with.
    pub parameters: Vec<ParameterValue>,
    pub answers: Vec<StoredAnswer>,
}

/// The assessment `assessment_id`, or `NotFound` for whoever may not see it.
pub async fn load(cx: &Context, assessment_id: AssessmentId) -> AppResult<LoadedAssessment> {
    load_seen(cx, cx.store.seen_assessment(&cx.viewer, assessment_id).await?).await
}

/// An assessment the viewer was already found to see, with its questionnaire and answers.
pub async fn load_seen(cx: &Context, seen: SeenAssessment) -> AppResult<LoadedAssessment> {
    let answers = cx.store.answers_of(&seen).await?;
    assemble(cx, seen, answers).await
}

/// An assessment the viewer was already found to see, with the answers already read of it: its
/// questionnaire is added, read on the assessment's reference date.
pub async fn assemble(
    cx: &Context,
    seen: SeenAssessment,
    answers: Vec<StoredAnswer>,
) -> AppResult<LoadedAssessment> {
    let assessment_id = seen.id();
    let (header, access) = (seen.header().clone(), seen.access());
    let written = cx
        .store
        .questionnaire(&header.questionnaire_id, header.questionnaire_version)
        .await?
        .ok_or_else(|| {
            tracing::error!(assessment = %assessment_id, "the assessment's questionnaire version is missing");
            AppError::Internal
        })?;
    let reading = cx.library.readings.read(&written, &cx.library.parameters, header.reference_date);
    Ok(LoadedAssessment {
        header,
        access,
        seen,
        written,
        questionnaire: reading.questionnaire,
        parameters: reading.values,
        answers,
    })
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
    pub fn section_state(&self, section: &Section) -> (Vec<String>, Progress) {
        let answers = self.answer_map();
        let applicable: Vec<String> = applicable_questions(&self.questionnaire, &answers)
            .into_iter()
            .filter(|q| section.questions.iter().any(|s| s.id == q.id))
            .map(|q| q.id.clone())
            .collect();
        let progress = Progress {
            answered: count(applicable.iter().filter(|id| answers.contains_key(*id))),
            applicable: count(applicable.iter()),
        };
        (applicable, progress)
    }

    /// The section called `section_id` — or, for the key-in page, every question as one — or
    /// `NotFound`.
    pub fn section(&self, section_id: &str) -> AppResult<Cow<'_, Section>> {
        if section_id == KEY_IN_SECTION {
            return Ok(Cow::Owned(paper::key_in_section(&self.questionnaire)));
        }
        self.questionnaire
            .sections
            .iter()
            .find(|s| s.id == section_id)
            .map(Cow::Borrowed)
            .ok_or(AppError::NotFound)
    }

    /// The date the answers are scored on: the day it was submitted, or today while in progress.
    pub fn scored_on(&self) -> chrono::NaiveDate {
        match (self.header.submitted_at, self.header.status) {
            (Some(submitted_at), AssessmentStatus::Submitted) => submitted_at.date_naive(),
            _ => store::today(),
        }
    }

    /// The answers scored against the catalog.
    pub fn scorecard(&self, catalog: &Catalog) -> Scorecard {
        score(&self.questionnaire, catalog, &self.answer_map(), self.scored_on())
    }

    /// A section's score and gaps as the answers stand; profile sections are not scored.
    pub fn section_score(&self, catalog: &Catalog, section: &Section) -> SectionScoreNow {
        match self.scorecard(catalog).section(&section.id) {
            Some(result) => SectionScoreNow { score: result.score, gaps: result.gaps, scored: true },
            None => SectionScoreNow::default(),
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
    pub async fn audit_outsider_view(&self, cx: &Context, detail: &str) -> AppResult<()> {
        let outsider = self.access.is_outsider();
        cx.audit_outsider(outsider, self.header.company.id, AuditAction::OutsiderViewed, detail).await
    }
}

/// The assessment, for one of its company's own people: `None` while it cannot be answered
/// (submitted, read-only), `NotFound` for anyone else.
pub async fn load_answerable(
    cx: &Context,
    assessment_id: AssessmentId,
) -> AppResult<Option<LoadedAssessment>> {
    let loaded = load(cx, assessment_id).await?;
    if loaded.access.is_outsider() {
        return Err(AppError::NotFound);
    }
    Ok(loaded.is_answerable().then_some(loaded))
}

/// The legal requirements a section's questions verify, each once, in order of appearance.
pub fn citations(catalog: &Catalog, section: &Section) -> Vec<Citation> {
    let mut seen = HashSet::new();
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
pub fn citation(catalog: &Catalog, requirement: &Requirement) -> Citation {
    Citation {
        requirement_id: requirement.id.clone(),
        instrument: catalog
            .instruments
            .get(&requirement.instrument)
            .map(|instrument| instrument.name.clone())
            .unwrap_or_else(|| Text::new(requirement.instrument.clone(), None)),
        article: requirement.article.clone(),
        summary: requirement.summary.clone(),
        confirmed: requirement.confidence == Confidence::Confirmed,
    }
}

/// The citation of the requirement `requirement_id`, if the catalog has it.
pub fn citation_of(catalog: &Catalog, requirement_id: &str) -> Option<Citation> {
    catalog.requirement(requirement_id).map(|requirement| citation(catalog, requirement))
}

/// A count for the pages, which carry `u32`.
pub(super) fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}

/// The advisor's verification of `requirement_id`, while it stands: no answer behind the
/// requirement was saved after it.
pub fn standing_verification<'a>(
    loaded: &LoadedAssessment,
    files: &[EvidenceFile],
    verifications: &'a [Verification],
    requirement_id: &str,
) -> Option<&'a Verification> {
    let verification = verifications.iter().find(|v| v.requirement_id == requirement_id)?;
    (verification.seen_state == state_behind(loaded, files, requirement_id)).then_some(verification)
}

/// What stands behind a requirement: each question verifying it, with its answer's revision
/// and its evidence files. Saving an answer again, or adding or removing a file, changes it —
/// and so outdates a verification made on the old state.
pub fn state_behind(loaded: &LoadedAssessment, files: &[EvidenceFile], requirement_id: &str) -> String {
    loaded
        .written
        .questions()
        .filter(|question| question.requirements.iter().any(|r| r == requirement_id))
        .map(|question| {
            let revision =
                loaded.answers.iter().find(|a| a.question_id == question.id).map_or(0, |a| a.revision);
            let mut ids: Vec<String> =
                files.iter().filter(|f| f.question_id == question.id).map(|f| f.id.to_string()).collect();
            ids.sort();
            format!("{}:{revision}:{}", question.id, ids.join("+"))
        })
        .collect::<Vec<_>>()
        .join(";")
}
