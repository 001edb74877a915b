//! The gap report of an assessment: its scores, its gaps with their legal citations, and how it
//! compares with the company's previous assessment. Read by the report page, the CSV export and
//! (later) the PDF.

use assessments::answers::AssessmentHeader;
use assessments::catalog::Severity;
use assessments::scoring::{Rating, RequirementStatus};
use assessments::text::Text;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::answering::Citation;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::session::ssr::{store, viewer, with_status};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GapReport {
    pub header: AssessmentHeader,
    pub title: Text,
    /// The date the answers were scored on (`YYYY-MM-DD`).
    pub scored_on: String,
    pub overall: Option<u32>,
    pub rating: Option<Rating>,
    pub sections: Vec<SectionResult>,
    /// Grouped by section in questionnaire order, most severe first within each.
    pub gaps: Vec<GapLine>,
    pub previous: Option<Comparison>,
}

impl GapReport {
    /// How many gaps of each severity, most severe first.
    pub fn gaps_by_severity(&self) -> [(Severity, usize); 4] {
        [Severity::Critical, Severity::High, Severity::Medium, Severity::Low]
            .map(|severity| (severity, self.gaps.iter().filter(|g| g.severity == severity).count()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionResult {
    pub id: String,
    pub title: Text,
    pub score: Option<u32>,
    pub gaps: u32,
    /// The section's score in the previous assessment, when it had one.
    pub previous: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GapLine {
    pub section_id: String,
    pub severity: Severity,
    pub status: RequirementStatus,
    pub citation: Citation,
    pub causes: Vec<Cause>,
    /// Whether the previous assessment had this gap too.
    pub carried: bool,
}

/// An answer behind a gap, and what to do about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cause {
    pub question_id: String,
    pub question: Text,
    pub answer: Text,
    pub action: Option<Text>,
}

/// The company's previous assessment, side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub assessment_id: String,
    pub started_at: String,
    pub questionnaire_version: u32,
    pub overall: Option<u32>,
    pub rating: Option<Rating>,
    /// Gaps of the previous assessment that this one no longer has.
    pub closed: Vec<Citation>,
    /// Gaps this one has that the previous did not.
    pub new: u32,
}

#[server(prefix = "/api", endpoint = "assessments/gap-report")]
pub async fn get_gap_report(assessment_id: String) -> Result<GapReport, AppError> {
    with_status(
        async move {
            let (store, viewer) = (store()?, viewer()?);
            let library =
                use_context::<std::sync::Arc<assessments::loader::Library>>().ok_or(AppError::Internal)?;
            let report = ssr::gap_report(&store, &viewer, &library.catalog, &assessment_id).await?;
            let loaded = super::answering::ssr::load(&store, &viewer, &assessment_id).await?;
            loaded.audit_outsider_view(&store, &viewer, "gap report").await?;
            Ok(report)
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use std::collections::HashSet;

    use assessments::Language;
    use assessments::access::Viewer;
    use assessments::answers::AssessmentStatus;
    use assessments::catalog::Catalog;
    use assessments::scoring::{Scorecard, score};
    use assessments::text::Text;
    use store::Store;

    use super::{Cause, Comparison, GapLine, GapReport, SectionResult};
    use crate::api::answering::Citation;
    use crate::api::answering::ssr::{LoadedAssessment, citation, load};
    use crate::error::AppResult;
    use crate::i18n::texts;

    /// The date an assessment is scored on: the day it was submitted, or today while in progress.
    pub fn scored_on(loaded: &LoadedAssessment) -> String {
        match (&loaded.header.submitted_at, loaded.header.status) {
            (Some(submitted_at), AssessmentStatus::Submitted) => submitted_at.chars().take(10).collect(),
            _ => store::today(),
        }
    }

    /// Scores a loaded assessment.
    pub fn scorecard(loaded: &LoadedAssessment, catalog: &Catalog) -> Scorecard {
        score(&loaded.questionnaire, catalog, &loaded.answer_map(), &scored_on(loaded))
    }

    pub async fn gap_report(
        store: &Store,
        viewer: &Viewer,
        catalog: &Catalog,
        assessment_id: &str,
    ) -> AppResult<GapReport> {
        let loaded = load(store, viewer, assessment_id).await?;
        let card = scorecard(&loaded, catalog);
        let previous = previous_of(store, viewer, &loaded).await?;
        let previous_card = previous.as_ref().map(|previous| scorecard(previous, catalog));
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
                    previous: previous_card
                        .as_ref()
                        .and_then(|p| p.section(&section.id))
                        .and_then(|s| s.score),
                })
            })
            .collect();
        let mut gaps: Vec<GapLine> = card
            .gaps
            .iter()
            .filter_map(|gap| {
                let requirement = catalog.requirement(&gap.requirement_id)?;
                let causes = gap
                    .causes
                    .iter()
                    .filter_map(|cause| {
                        let question = questionnaire.question(&cause.question_id)?;
                        let value = answers.get(&cause.question_id)?;
                        let [es, en] = [Language::Es, Language::En].map(|language| {
                            texts(language).answering.describe(&question.answer, value, language)
                        });
                        Some(Cause {
                            question_id: question.id.clone(),
                            question: question.text.clone(),
                            answer: Text::new(es, Some(en)),
                            action: question.action.clone(),
                        })
                    })
                    .collect();
                Some(GapLine {
                    section_id: gap.section_id.clone(),
                    severity: gap.severity,
                    status: gap.status,
                    citation: citation(catalog, requirement),
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
            let new =
                card.gaps.iter().filter(|gap| !previous_gaps.contains(gap.requirement_id.as_str())).count();
            Comparison {
                assessment_id: previous.header.id.clone(),
                started_at: previous.header.started_at.clone(),
                questionnaire_version: previous.header.questionnaire_version,
                overall: previous_card.overall,
                rating: previous_card.rating,
                closed,
                new: u32::try_from(new).unwrap_or(u32::MAX),
            }
        });
        Ok(GapReport {
            scored_on: scored_on(&loaded),
            overall: card.overall,
            rating: card.rating,
            sections,
            gaps,
            previous: comparison,
            title: questionnaire.title.clone(),
            header: loaded.header,
        })
    }

    /// The company's previous assessment: the one this one carried its answers from, else the
    /// latest started before it.
    pub async fn previous_of(
        store: &Store,
        viewer: &Viewer,
        loaded: &LoadedAssessment,
    ) -> AppResult<Option<LoadedAssessment>> {
        let previous_id = match &loaded.header.carried_from {
            Some(id) => Some(id.clone()),
            None => store
                .assessments_of(viewer, &loaded.header.company.id)
                .await?
                .into_iter()
                .filter(|a| a.started_at < loaded.header.started_at)
                .max_by(|a, b| a.started_at.cmp(&b.started_at))
                .map(|a| a.id),
        };
        match previous_id {
            Some(id) => Ok(Some(load(store, viewer, &id).await?)),
            None => Ok(None),
        }
    }
}
