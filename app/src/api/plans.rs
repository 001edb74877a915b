//! Server functions of improvement plans: a plan with its actions (filtered as the page asks),
//! one action with its history, and a company's plans with their progress.

use assessments::catalog::Severity;
use assessments::plan::{ActionEvent, PlanAction, PlanHeader, PlanProgress};
use assessments::text::Text;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::answering::Citation;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::session::ssr::{store, viewer, with_status};

/// What the plan page may narrow its list to; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionFilter {
    pub status: String,
    pub severity: String,
    pub section: String,
    pub owner: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanPage {
    pub header: PlanHeader,
    pub title: Text,
    pub questionnaire_version: u32,
    /// The company's own people work the plan.
    pub can_work: bool,
    /// Granted advisors verify done actions or send them back.
    pub can_verify: bool,
    pub progress: PlanProgress,
    pub today: String,
    pub actions: Vec<ActionLine>,
    /// The previous plan's actions whose gap this assessment no longer has.
    pub closed_since_previous: Vec<ActionLine>,
    /// Every section and owner the plan's actions have, for the filters.
    pub sections: Vec<(String, Text)>,
    pub owners: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionLine {
    pub action: PlanAction,
    pub citation: Option<Citation>,
    pub section: Text,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionPage {
    pub plan: PlanPage,
    pub line: ActionLine,
    pub history: Vec<ActionEvent>,
}

/// A company's plan as its page lists it: progress figures only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub header: PlanHeader,
    pub progress: PlanProgress,
    /// Whether the viewer may open the plan itself (associations see the figures only).
    pub can_open: bool,
}

impl ActionFilter {
    pub fn keeps(&self, line: &ActionLine) -> bool {
        let action = &line.action;
        (self.status.is_empty() || action.status.as_str() == self.status)
            && (self.severity.is_empty() || severity_code(action.severity) == self.severity)
            && (self.section.is_empty() || action.section_id == self.section)
            && (self.owner.is_empty() || action.owner == self.owner)
    }
}

/// The code of a severity in URLs and forms.
pub fn severity_code(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "critical",
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
    }
}

#[server(prefix = "/api", endpoint = "plans/get")]
pub async fn get_plan(plan_id: String, filter: Option<ActionFilter>) -> Result<PlanPage, AppError> {
    with_status(
        async move {
            let (store, viewer) = (store()?, viewer()?);
            let mut page = ssr::plan_page(&store, &viewer, &plan_id).await?;
            let filter = filter.unwrap_or_default();
            page.actions.retain(|line| filter.keeps(line));
            Ok(page)
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "plans/action")]
pub async fn get_action(plan_id: String, action_id: String) -> Result<ActionPage, AppError> {
    with_status(
        async move {
            let (store, viewer) = (store()?, viewer()?);
            let plan = ssr::plan_page(&store, &viewer, &plan_id).await?;
            let line =
                plan.actions.iter().find(|l| l.action.id == action_id).cloned().ok_or(AppError::NotFound)?;
            let history = store.action_history(&viewer, &plan_id, &action_id).await?;
            Ok(ActionPage { plan, line, history })
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "plans/of-company")]
pub async fn list_company_plans(company_id: String) -> Result<Vec<PlanSummary>, AppError> {
    with_status(
        async move {
            let (store, viewer) = (store()?, viewer()?);
            let today = store::today();
            let can_open = store
                .visible_company(&viewer, &company_id)
                .await?
                .is_some_and(|company| company.access.sees_assessments());
            Ok(store
                .plan_statuses_of(&viewer, &company_id)
                .await?
                .into_iter()
                .map(|(header, statuses)| PlanSummary {
                    progress: PlanProgress::of(statuses.iter().map(|(s, d)| (*s, d.as_str())), &today),
                    header,
                    can_open,
                })
                .collect())
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use std::sync::Arc;

    use assessments::access::{CompanyAccess, Viewer};
    use assessments::loader::Library;
    use assessments::plan::{PlanProgress, is_overdue};
    use leptos::prelude::use_context;
    use store::Store;

    use super::{ActionLine, PlanPage};
    use crate::api::answering::ssr::{citation, load};
    use crate::error::{AppError, AppResult};

    /// A whole plan as the viewer may see it; a look by an advisor is audited.
    pub async fn plan_page(store: &Store, viewer: &Viewer, plan_id: &str) -> AppResult<PlanPage> {
        let library = use_context::<Arc<Library>>().ok_or(AppError::Internal)?;
        plan_page_with(store, viewer, &library, plan_id).await
    }

    /// An action with the legal citation of its gap.
    fn line_of(
        library: &Library,
        action: assessments::plan::PlanAction,
        section: assessments::text::Text,
        overdue: bool,
    ) -> ActionLine {
        let citation = action
            .requirement_id
            .as_deref()
            .and_then(|id| library.catalog.requirement(id))
            .map(|requirement| citation(&library.catalog, requirement));
        ActionLine { action, citation, section, overdue }
    }

    /// The previous plan's actions whose gap is closed in this plan's assessment.
    async fn closed_since_previous(
        store: &Store,
        viewer: &Viewer,
        library: &Library,
        loaded: &crate::api::answering::ssr::LoadedAssessment,
        actions: &[ActionLine],
    ) -> AppResult<Vec<ActionLine>> {
        let Some(previous) = crate::api::gap_report::ssr::previous_of(store, viewer, loaded).await? else {
            return Ok(Vec::new());
        };
        let Some(previous_plan) = store.plan_of_assessment(viewer, &previous.header.id).await? else {
            return Ok(Vec::new());
        };
        let previous_actions = store.plan_actions(viewer, &previous_plan).await?;
        let open: Vec<&str> = actions.iter().filter_map(|l| l.action.requirement_id.as_deref()).collect();
        Ok(assessments::plan::closed_since(&previous_actions, &open)
            .into_iter()
            .map(|action| line_of(library, action.clone(), assessments::text::Text::new("", None), false))
            .collect())
    }

    pub async fn plan_page_with(
        store: &Store,
        viewer: &Viewer,
        library: &Library,
        plan_id: &str,
    ) -> AppResult<PlanPage> {
        let (header, access) = store.plan(viewer, plan_id).await?;
        let loaded = load(store, viewer, &header.assessment_id).await?;
        loaded.audit_outsider_view(store, viewer, "improvement plan").await?;
        let today = store::today();
        let questionnaire = &loaded.questionnaire;
        let actions: Vec<ActionLine> = store
            .plan_actions(viewer, plan_id)
            .await?
            .into_iter()
            .map(|action| {
                let section = questionnaire
                    .sections
                    .iter()
                    .find(|s| s.id == action.section_id)
                    .map(|s| s.title.clone())
                    .unwrap_or_else(|| assessments::text::Text::new("—", None));
                let overdue = is_overdue(action.status, &action.due_date, &today);
                line_of(library, action, section, overdue)
            })
            .collect();
        let progress =
            PlanProgress::of(actions.iter().map(|l| (l.action.status, l.action.due_date.as_str())), &today);
        let sections = questionnaire
            .sections
            .iter()
            .filter(|s| actions.iter().any(|l| l.action.section_id == s.id))
            .map(|s| (s.id.clone(), s.title.clone()))
            .collect();
        let closed_since_previous = closed_since_previous(store, viewer, library, &loaded, &actions).await?;
        let mut owners: Vec<String> =
            actions.iter().map(|l| l.action.owner.clone()).filter(|o| !o.is_empty()).collect();
        owners.sort();
        owners.dedup();
        Ok(PlanPage {
            can_work: matches!(access, CompanyAccess::Member { .. }),
            can_verify: access == CompanyAccess::Advisor,
            title: questionnaire.title.clone(),
            questionnaire_version: questionnaire.version,
            progress,
            today,
            actions,
            closed_since_previous,
            sections,
            owners,
            header,
        })
    }
}
