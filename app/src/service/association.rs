//! A producer association's side: asking companies to share, and the dashboard of the members
//! that do — each one's plan progress over time and, where it chose so, its latest assessment's
//! summary as counts; the figures across members that [`assessments::sharing`] lets show. The
//! company's side (answering a request) is on its access page: [`super::account`].

use std::collections::BTreeMap;

use assessments::access::{AuditAction, Grant, Organization};
use assessments::ids::{GrantId, OrganizationId};
use assessments::organization::{GrantScope, OrganizationKind, Role, Sector};
use assessments::plan::ActionStatus;
use assessments::plan::PlanProgress;
use assessments::scoring::score;
use assessments::sharing::{
    Aggregate, AssessmentSummary, MemberFigures, PlanFigures, SharingMember, aggregates,
    progress_across_plans,
};
use assessments::text::Text;
use store::sharing::{AskOutcome, PlanChanges, SharedAssessment};

use super::Context;
use crate::error::{AppError, AppResult};
use crate::model::association::{Dashboard, MemberLine};

/// What the viewer may do with `association_id`: `NotFound` for anyone not one of its people.
fn association_of(cx: &Context, association_id: OrganizationId) -> AppResult<(Organization, Role)> {
    cx.viewer
        .memberships
        .iter()
        .find(|m| m.organization.id == association_id && m.organization.kind == OrganizationKind::Association)
        .map(|m| (m.organization.clone(), m.role))
        .ok_or(AppError::NotFound)
}

/// The dashboard, its figures across members narrowed to `sector`, its members' lines all of them
/// (`page` `None`: the exports) or a page of [`super::PAGE_LINES`] counted from 1. Every
/// member's data read is written to that member's audit log as `audit`: a look, or an export.
pub async fn dashboard(
    cx: &Context,
    association_id: OrganizationId,
    sector: Option<Sector>,
    audit: AuditAction,
    page: Option<usize>,
) -> AppResult<Dashboard> {
    let (association, role) = association_of(cx, association_id)?;
    let (mut members, mut all, sections) = figures(cx, association_id, audit).await?;
    all.retain(|aggregate| aggregate.key.sector == sector);
    let can_ask = role == Role::AssociationAdmin;
    let companies = if can_ask {
        let sharing: Vec<OrganizationId> = members.iter().map(|m| m.company.id).collect();
        let mut companies = cx.store.organizations_of_kind(OrganizationKind::Company).await?;
        companies.retain(|c| !sharing.contains(&c.id));
        companies
    } else {
        Vec::new()
    };
    let members_total = u32::try_from(members.len()).unwrap_or(u32::MAX);
    let (mut members_page, mut members_pages) = (0, 0);
    if let Some(asked) = page {
        (members, members_page, members_pages) = super::page_of(members, asked);
    }
    Ok(Dashboard {
        association,
        can_ask,
        minimum: cx.minimum.get(),
        sector,
        today: store::today(),
        members,
        members_total,
        members_page,
        members_pages,
        aggregates: all,
        sections,
        requests: cx.store.share_requests_from(&cx.viewer, association_id).await?,
        companies,
    })
}

/// Each sharing member's line, every aggregate of every filter (decided together), and the
/// titles of the sections counted. Every member's figures go into the aggregates, so `audit` is
/// written in each member's log: a look or an export.
async fn figures(
    cx: &Context,
    association_id: OrganizationId,
    audit: AuditAction,
) -> AppResult<(Vec<MemberLine>, Vec<Aggregate>, BTreeMap<String, Text>)> {
    association_of(cx, association_id)?;
    let today = store::today();
    let members = cx.store.sharing_members(&cx.viewer, association_id).await?;
    let mut shared = cx.store.shared_by_members(&cx.viewer, association_id).await?;
    cx.audit_outsiders(members.iter().map(|member| member.company.id), audit, "association dashboard")
        .await?;
    let mut lines = Vec::with_capacity(members.len());
    let mut sections = BTreeMap::new();
    for member in members {
        let company_id = member.company.id;
        let plans = shared.plans.remove(&company_id).unwrap_or_default();
        let statuses = shared.latest_statuses.remove(&company_id).unwrap_or_default();
        let summary = shared.summaries.remove(&company_id);
        lines.push(member_line(cx, member, (plans, statuses), summary, today, &mut sections).await?);
    }
    let figures: Vec<MemberFigures> = lines
        .iter()
        .map(|line| MemberFigures {
            company: line.company.id,
            sector: line.company.sector,
            progress: line.plan.clone(),
            summary: line.summary.clone(),
        })
        .collect();
    Ok((lines, aggregates(&figures, cx.minimum, today), sections))
}

/// A company's plans as an association reads them: each plan's status changes, oldest plan
/// first, and its latest plan's actions' statuses and due dates.
type SharedPlans = (Vec<PlanChanges>, Vec<(ActionStatus, chrono::NaiveDate)>);

/// What an association receives of `member`: its plans' figures, and the summary of `shared`
/// (its latest submitted assessment, when it shares it). The sections counted are added to
/// `sections`.
async fn member_line(
    cx: &Context,
    member: SharingMember,
    plans: SharedPlans,
    shared: Option<SharedAssessment>,
    today: chrono::NaiveDate,
    sections: &mut BTreeMap<String, Text>,
) -> AppResult<MemberLine> {
    let summary = match shared {
        Some(shared) if member.shares_summary => Some(summarize(cx, shared, sections).await?),
        _ => None,
    };
    Ok(MemberLine {
        company: member.company,
        shares_summary: member.shares_summary,
        shared_since: member.shared_since,
        last_submitted: member.last_submitted,
        plan: plan_figures(plans, today),
        summary,
    })
}

/// What each association the company shares its progress with receives of it, as the company's
/// admins see it on their access page: the very line of the association's dashboard.
pub async fn previews(
    cx: &Context,
    company: &Organization,
    grants: &[Grant],
) -> AppResult<Vec<(GrantId, MemberLine)>> {
    let sharing: Vec<&Grant> = grants.iter().filter(|g| g.scope == GrantScope::PlanProgress).collect();
    if sharing.is_empty() {
        return Ok(Vec::new());
    }
    let latest = cx.store.own_latest_submitted(&cx.viewer, company.id).await?;
    let plans = cx.store.plan_status_changes(&cx.viewer, company.id).await?;
    let latest_plan = plans.last().map(|p| p.plan);
    let statuses = cx
        .store
        .plan_statuses_of(&cx.viewer, company.id)
        .await?
        .into_iter()
        .find(|(header, _)| Some(header.id) == latest_plan)
        .map(|(_, statuses)| statuses)
        .unwrap_or_default();
    let today = store::today();
    let mut previews = Vec::new();
    for grant in sharing {
        let member = SharingMember {
            company: company.clone(),
            grant_id: grant.id,
            shares_summary: grant.shares_summary,
            shared_since: grant.granted_at,
            last_submitted: latest.as_ref().map(|l| l.submitted_at),
        };
        let plans = (plans.clone(), statuses.clone());
        let line = member_line(cx, member, plans, latest.clone(), today, &mut BTreeMap::new()).await?;
        previews.push((grant.id, line));
    }
    Ok(previews)
}

/// A company's latest plan as figures: today's counts from its actions; the line over time from
/// the status changes of every plan it has had, each while it was the one worked on.
fn plan_figures((plans, statuses): SharedPlans, today: chrono::NaiveDate) -> Option<PlanFigures> {
    plans.last()?;
    let history: Vec<_> = plans.into_iter().map(|p| (p.created_at, p.changes)).collect();
    let progress = PlanProgress::of(statuses, today);
    Some(PlanFigures {
        points: progress_across_plans(&history),
        actions: progress.total,
        done: progress.done,
        verified: progress.verified,
        overdue: progress.overdue,
    })
}

/// A shared assessment scored as its own page would score it, kept as counts only.
async fn summarize(
    cx: &Context,
    shared: SharedAssessment,
    sections: &mut BTreeMap<String, Text>,
) -> AppResult<AssessmentSummary> {
    let written =
        cx.store.questionnaire(&shared.questionnaire_id, shared.questionnaire_version).await?.ok_or_else(|| {
            tracing::error!(questionnaire = %shared.questionnaire_id, "a shared assessment's questionnaire is missing");
            AppError::Internal
        })?;
    let questionnaire =
        cx.library.readings.read(&written, &cx.library.parameters, shared.reference_date).questionnaire;
    let card = score(&questionnaire, &cx.library.catalog, &shared.answers, shared.submitted_at.date_naive());
    let mut summary = AssessmentSummary {
        submitted_on: Some(shared.submitted_at.date_naive()),
        score: card.overall,
        rating: card.rating,
        ..AssessmentSummary::default()
    };
    for gap in &card.gaps {
        *summary.gaps_by_section.entry(gap.section_id.clone()).or_default() += 1;
        *summary.gaps_by_severity.entry(gap.severity).or_default() += 1;
        let tags = cx
            .library
            .catalog
            .requirement(&gap.requirement_id)
            .map(|r| r.tags.as_slice())
            .unwrap_or_default();
        for tag in tags {
            *summary.gaps_by_theme.entry(tag.clone()).or_default() += 1;
        }
    }
    for section in &questionnaire.sections {
        sections.entry(section.id.clone()).or_insert_with(|| section.title.clone());
    }
    Ok(summary)
}

/// What asking a company by its exact name gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    Asked,
    AlreadyAsked,
    AlreadyShares,
    /// No company goes by that name.
    Unknown,
}

/// Asks the company named `company_name` (as the list shows it) to share with the association.
pub async fn ask(cx: &Context, association_id: OrganizationId, company_name: &str) -> AppResult<Asked> {
    let (_, role) = association_of(cx, association_id)?;
    if role != Role::AssociationAdmin {
        return Err(AppError::NotFound);
    }
    let name = company_name.trim();
    let Some(company_id) = cx.store.organization_named(OrganizationKind::Company, name).await? else {
        return Ok(Asked::Unknown);
    };
    Ok(match cx.store.ask_to_share(&cx.viewer, association_id, company_id).await? {
        AskOutcome::Asked(_) => Asked::Asked,
        AskOutcome::AlreadyAsked => Asked::AlreadyAsked,
        AskOutcome::AlreadyShares => Asked::AlreadyShares,
    })
}
