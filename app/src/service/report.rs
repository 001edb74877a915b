//! Scoring an assessment and its gap report: scores, gaps with their legal citations and the
//! answers behind them, and the comparison with the company's previous assessment.

use assessments::ids::AssessmentId;
use std::collections::{HashMap, HashSet};

use super::Context;
use super::loaded::{
    LoadedAssessment, citation, citation_of, load, load_seen, standing_verification, state_behind,
};
use crate::error::{AppError, AppResult};
use crate::model::assessment::Citation;
use crate::model::report::{
    Cause, Comparison, Exclusion, GapLine, GapReport, LeftOutLine, MetLine, SectionResult, WarningLine,
};
use assessments::access::{AuditAction, CompanyAccess};
use assessments::answers::AssessmentStatus;
use assessments::questionnaire::{AnswerKind, Level};
use assessments::scoring::{RequirementStatus, Seen, bases, declared_share};

/// The gap report as its page shows it; a look by someone outside the company is audited.
pub async fn viewed(cx: &Context, assessment_id: AssessmentId) -> AppResult<GapReport> {
    let loaded = load(cx, assessment_id).await?;
    loaded.audit_outsider_view(cx, "gap report").await?;
    gap_report(cx, loaded).await
}

/// The gap report for an export (`detail` names it): an export by someone outside the company
/// is audited as one.
pub async fn exported(cx: &Context, assessment_id: AssessmentId, detail: &str) -> AppResult<GapReport> {
    let loaded = load(cx, assessment_id).await?;
    let company_id = loaded.header.company.id;
    cx.audit_outsider(loaded.access.is_outsider(), company_id, AuditAction::OutsiderExported, detail).await?;
    gap_report(cx, loaded).await
}

async fn gap_report(cx: &Context, loaded: LoadedAssessment) -> AppResult<GapReport> {
    let catalog = &cx.library.catalog;
    let card = loaded.scorecard(catalog);
    let previous = previous_of(cx, &loaded).await?;
    let previous_card = previous.as_ref().map(|previous| previous.scorecard(catalog));
    let previous_gaps: HashSet<&str> = previous_card
        .iter()
        .flat_map(|card| card.gaps.iter().map(|gap| gap.requirement_id.as_str()))
        .collect();
    let questionnaire = &loaded.questionnaire;
    let answers = loaded.answer_map();
    let sections = questionnaire
        .sections
        .iter()
        .filter_map(|section| {
            let result = card.section(&section.id)?;
            Some(SectionResult {
                id: section.id.clone(),
                title: section.title.clone(),
                score: result.score,
                gaps: result.gaps,
                previous: previous_card.as_ref().and_then(|p| p.section(&section.id)).and_then(|s| s.score),
            })
        })
        .collect();
    let mut gaps: Vec<GapLine> = card
        .gaps
        .iter()
        .filter_map(|gap| {
            let causes = gap
                .causes
                .iter()
                .filter_map(|cause| {
                    let question = questionnaire.question(&cause.question_id)?;
                    Some(Cause {
                        question_id: question.id.clone(),
                        question: question.text.clone(),
                        kind: question.answer.clone(),
                        answer: answers.get(&cause.question_id)?.clone(),
                        action: question.action.clone(),
                    })
                })
                .collect();
            Some(GapLine {
                section_id: gap.section_id.clone(),
                severity: gap.severity,
                status: gap.status,
                zero_tolerance: gap.zero_tolerance,
                citation: citation_of(catalog, &gap.requirement_id)?,
                causes,
                carried: previous_gaps.contains(gap.requirement_id.as_str()),
            })
        })
        .collect();
    let position = |id: &str| questionnaire.sections.iter().position(|s| s.id == id);
    gaps.sort_by_key(|gap| (position(&gap.section_id), gap.severity));
    let comparison = previous.as_ref().zip(previous_card.as_ref()).map(|(previous, previous_card)| {
        let now: HashSet<&str> = card.gaps.iter().map(|gap| gap.requirement_id.as_str()).collect();
        let closed: Vec<Citation> = previous_card
            .gaps
            .iter()
            .filter(|gap| !now.contains(gap.requirement_id.as_str()))
            .filter_map(|gap| catalog.requirement(&gap.requirement_id))
            .map(|requirement| citation(catalog, requirement))
            .collect();
        let new = card.gaps.iter().filter(|gap| !previous_gaps.contains(gap.requirement_id.as_str())).count();
        Comparison {
            assessment_id: previous.header.id,
            started_at: previous.header.started_at,
            questionnaire_version: previous.header.questionnaire_version,
            overall: previous_card.overall,
            rating: previous_card.rating,
            closed,
            new: u32::try_from(new).unwrap_or(u32::MAX),
        }
    });
    let files = cx.store.evidence_files_of(&loaded.seen).await?;
    let has_evidence = |question_id: &str| files.iter().any(|file| file.question_id == question_id);
    let notes: HashMap<&str, &str> =
        loaded.answers.iter().map(|answer| (answer.question_id.as_str(), answer.note.as_str())).collect();
    let exclusions = card
        .answers
        .iter()
        .filter(|answer| answer.level == Level::NotApplicable)
        .filter_map(|answer| {
            let question = questionnaire.question(&answer.question_id)?;
            Some(Exclusion {
                question_id: question.id.clone(),
                question: question.text.clone(),
                reason: notes.get(question.id.as_str()).copied().unwrap_or_default().to_owned(),
            })
        })
        .collect();
    let left_out = card
        .left_out
        .iter()
        .filter_map(|left| {
            let (question, because) =
                (questionnaire.question(&left.question_id)?, questionnaire.question(&left.because_of)?);
            Some(LeftOutLine {
                question_id: question.id.clone(),
                question: question.text.clone(),
                because_of: because.text.clone(),
                because_kind: because.answer.clone(),
                because_answer: answers.get(&because.id).cloned(),
                unassessed: left.unassessed.iter().filter_map(|id| citation_of(catalog, id)).collect(),
            })
        })
        .collect();
    let warnings = card
        .warnings
        .iter()
        .filter_map(|(question_id, value)| {
            let question = questionnaire.question(question_id)?;
            let (AnswerKind::SingleChoice { options } | AnswerKind::MultipleChoice { options }) =
                &question.answer
            else {
                return None;
            };
            let option = options.iter().find(|option| &option.value == value)?;
            Some(WarningLine {
                question_id: question.id.clone(),
                question: question.text.clone(),
                answer: option.label.clone(),
                warning: option.warning.clone()?,
            })
        })
        .collect();
    let verifications = cx.store.verifications_of(&loaded.seen).await?;
    let standing =
        |requirement_id: &str| standing_verification(&loaded, &files, &verifications, requirement_id);
    let met = bases(questionnaire, &card, has_evidence, |id| standing(id).is_some())
        .into_iter()
        .filter_map(|(id, basis)| {
            Some(MetLine {
                citation: citation_of(catalog, &id)?,
                basis,
                verified: standing(&id).cloned(),
                state: state_behind(&loaded, &files, &id),
            })
        })
        .collect();
    let threads = super::review::threads_on(cx, &loaded, |subject| {
        matches!(subject, assessments::review::Subject::Gap(_))
    })
    .await?;
    let reviews = cx.store.reviews_of(&loaded.seen).await?;
    let advisor_on_submitted =
        loaded.access == CompanyAccess::Advisor && loaded.header.status == AssessmentStatus::Submitted;
    Ok(GapReport {
        can_verify: advisor_on_submitted,
        can_sign: advisor_on_submitted,
        threads,
        reviews,
        scored_on: loaded.scored_on(),
        parameters: loaded.parameters.clone(),
        exclusions,
        left_out,
        warnings,
        met,
        declared_share: declared_share(&card, has_evidence),
        overall: card.overall,
        rating: card.rating,
        sections,
        gaps,
        previous: comparison,
        title: questionnaire.title.clone(),
        header: loaded.header,
    })
}

/// What verifying came to.
pub enum Verifying {
    Recorded,
    /// The answers or files behind the requirement changed since the advisor's page showed them.
    Changed,
}

/// An advisor's verification of a requirement the submitted assessment meets, as it stood when
/// their page showed it (`seen_state`); `NotFound` for a requirement it does not meet, or anyone
/// but a granted advisor (the store checks who).
pub async fn verify(
    cx: &Context,
    assessment_id: AssessmentId,
    requirement_id: &str,
    seen: Seen,
    seen_state: &str,
) -> AppResult<Verifying> {
    let loaded = load(cx, assessment_id).await?;
    let card = loaded.scorecard(&cx.library.catalog);
    let met = card
        .requirements
        .iter()
        .any(|(id, status)| id == requirement_id && *status == RequirementStatus::Met);
    if !met {
        return Err(AppError::NotFound);
    }
    let files = cx.store.evidence_files_of(&loaded.seen).await?;
    if state_behind(&loaded, &files, requirement_id) != seen_state {
        return Ok(Verifying::Changed);
    }
    cx.store.verify_requirement(&cx.viewer, assessment_id, requirement_id, seen, seen_state).await?;
    // The company's log says who verified what: an advisor is always from outside.
    let company_id = loaded.header.company.id;
    cx.audit_outsider(true, company_id, AuditAction::RequirementVerified, requirement_id).await?;
    Ok(Verifying::Recorded)
}

/// The company's previous assessment: the one this one carried its answers from, else the
/// latest started before it.
pub async fn previous_of(cx: &Context, loaded: &LoadedAssessment) -> AppResult<Option<LoadedAssessment>> {
    // Answers are carried only between assessments of one company (the store checks it when it
    // starts one), so this request's check of the company holds for the previous one too.
    let beside = cx.store.assessments_beside(&loaded.seen).await?;
    let previous = match &loaded.header.carried_from {
        Some(id) => Some(beside.into_iter().find(|seen| seen.id() == *id).ok_or_else(|| {
            tracing::error!(assessment = %loaded.header.id, "the assessment it carried its answers from is not among its company's");
            AppError::Internal
        })?),
        None => beside
            .into_iter()
            .filter(|seen| seen.header().started_at < loaded.header.started_at)
            .max_by_key(|seen| seen.header().started_at),
    };
    match previous {
        Some(seen) => Ok(Some(load_seen(cx, seen).await?)),
        None => Ok(None),
    }
}
