//! Improvement plans: a plan's page with its actions and their legal citations, one action with
//! its history, a company's plans as progress figures, and a new plan made from the gaps.

use assessments::access::{AuditAction, CompanyAccess};
use assessments::answers::AssessmentStatus;
use assessments::ids::{ActionId, AssessmentId, OrganizationId, PlanId};
use assessments::plan::{
    PlanAction, PlanProgress, carry_open_actions, closed_since, is_overdue, propose_actions,
};
use assessments::text::Text;

use super::Context;
use super::loaded::{LoadedAssessment, citation_of, load};
use super::report::previous_of;
use crate::error::{AppError, AppResult};
use crate::model::plan::{ActionFilter, ActionLine, ActionPage, PlanPage, PlanSummary};

/// A plan as its page shows it, its actions narrowed by `filter`.
pub async fn filtered(cx: &Context, plan_id: PlanId, filter: &ActionFilter) -> AppResult<PlanPage> {
    let mut page = page(cx, plan_id).await?;
    page.actions.retain(|line| filter.keeps(line));
    Ok(page)
}

/// One action with its history.
pub async fn action(cx: &Context, plan_id: PlanId, action_id: ActionId) -> AppResult<ActionPage> {
    let plan = page(cx, plan_id).await?;
    let line = plan.actions.iter().find(|l| l.action.id == action_id).cloned().ok_or(AppError::NotFound)?;
    let history = cx.store.action_history(&cx.viewer, plan_id, action_id).await?;
    let loaded = load(cx, plan.header.assessment_id).await?;
    let key = action_id.to_string();
    let threads = super::review::threads_on(
        cx,
        &loaded,
        |subject| matches!(subject, assessments::review::Subject::Action(id) if *id == key),
    )
    .await?;
    Ok(ActionPage { plan, line, history, threads })
}

/// A company's plans as its page lists them: progress figures only, which associations the
/// company shares its progress with see too.
pub async fn of_company(cx: &Context, company_id: OrganizationId) -> AppResult<Vec<PlanSummary>> {
    let today = store::today();
    let company = cx.store.visible_company(&cx.viewer, company_id).await?.ok_or(AppError::NotFound)?;
    let can_open = company.access.sees_assessments();
    let outsider = company.access.is_outsider();
    cx.audit_outsider(outsider, company_id, AuditAction::OutsiderViewed, "list of plans").await?;
    Ok(cx
        .store
        .plan_statuses_of(&cx.viewer, company_id)
        .await?
        .into_iter()
        .map(|(header, statuses)| PlanSummary {
            progress: PlanProgress::of(statuses.iter().copied(), today),
            header,
            can_open,
        })
        .collect())
}

/// A whole plan as the viewer may see it; a look by an advisor is audited.
pub async fn page(cx: &Context, plan_id: PlanId) -> AppResult<PlanPage> {
    let (header, access) = cx.store.plan(&cx.viewer, plan_id).await?;
    let loaded = load(cx, header.assessment_id).await?;
    loaded.audit_outsider_view(cx, "improvement plan").await?;
    let today = store::today();
    let questionnaire = &loaded.questionnaire;
    let actions: Vec<ActionLine> = cx
        .store
        .plan_actions(&cx.viewer, plan_id)
        .await?
        .into_iter()
        .map(|action| {
            let section = questionnaire
                .sections
                .iter()
                .find(|s| s.id == action.section_id)
                .map(|s| s.title.clone())
                .unwrap_or_else(|| Text::new("—", None));
            let overdue = is_overdue(action.status, action.due_date, today);
            line_of(cx, action, section, overdue)
        })
        .collect();
    let progress = PlanProgress::of(actions.iter().map(|l| (l.action.status, l.action.due_date)), today);
    let sections = questionnaire
        .sections
        .iter()
        .filter(|s| actions.iter().any(|l| l.action.section_id == s.id))
        .map(|s| (s.id.clone(), s.title.clone()))
        .collect();
    let closed_since_previous = closed_since_previous(cx, &loaded, &actions).await?;
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

/// The plan of a submitted assessment: one action per gap, prefilled; gaps still open since the
/// previous plan continue its actions, with their history. Returns the plan's id, or `None`
/// while the assessment is not submitted.
pub async fn create(cx: &Context, assessment_id: AssessmentId) -> AppResult<Option<PlanId>> {
    let loaded = load(cx, assessment_id).await?;
    if loaded.header.status != AssessmentStatus::Submitted {
        return Ok(None);
    }
    let card = loaded.scorecard(&cx.library.catalog);
    let start = loaded.scored_on().max(store::today());
    let mut actions = propose_actions(&loaded.questionnaire, &card, start);
    carry_open_actions(&mut actions, &previous_plan_actions(cx, &loaded).await?);
    Ok(Some(cx.store.create_plan(&cx.viewer, assessment_id, &actions).await?))
}

/// The actions of the plan of the company's assessment before `loaded`, if it has one.
async fn previous_plan_actions(cx: &Context, loaded: &LoadedAssessment) -> AppResult<Vec<PlanAction>> {
    let Some(previous) = previous_of(cx, loaded).await? else { return Ok(Vec::new()) };
    match cx.store.plan_of_seen(&previous.seen).await? {
        Some(plan) => Ok(cx.store.plan_actions(&cx.viewer, plan).await?),
        None => Ok(Vec::new()),
    }
}

/// The previous plan's actions whose gap is closed in this plan's assessment.
async fn closed_since_previous(
    cx: &Context,
    loaded: &LoadedAssessment,
    actions: &[ActionLine],
) -> AppResult<Vec<ActionLine>> {
    let previous_actions = previous_plan_actions(cx, loaded).await?;
    let open: Vec<&str> = actions.iter().filter_map(|l| l.action.requirement_id.as_deref()).collect();
    Ok(closed_since(&previous_actions, &open)
        .into_iter()
        .map(|action| line_of(cx, action.clone(), Text::new("", None), false))
        .collect())
}

/// An action with the legal citation of its gap.
fn line_of(cx: &Context, action: PlanAction, section: Text, overdue: bool) -> ActionLine {
    let citation = action.requirement_id.as_deref().and_then(|id| citation_of(&cx.library.catalog, id));
    ActionLine { action, citation, section, overdue }
}
