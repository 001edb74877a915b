//! Companies and organizations as their pages show them: the companies a person sees, one
//! company's overview, its people, its access grants and its audit log.

use assessments::access::{AuditAction, Organization, VisibleCompany};
use assessments::ids::OrganizationId;
use assessments::organization::{OrganizationKind, Role};

use super::Context;
use crate::error::{AppError, AppResult};
use crate::model::account::{Access, AuditLog, AuditQuery, People};
use store::audit::{AuditFilter, AuditPage};

/// How many lines of a company's audit log its page shows.
const AUDIT_LOG_LINES: i64 = 50;

/// One company; a view by someone outside it is written to the company's audit log.
pub async fn company(cx: &Context, company_id: OrganizationId) -> AppResult<VisibleCompany> {
    let company = visible_company(cx, company_id).await?;
    let outsider = company.access.is_outsider();
    cx.audit_outsider(outsider, company.company.id, AuditAction::OutsiderViewed, "company overview").await?;
    Ok(company)
}

/// An organization's people, for its admins.
pub async fn people(cx: &Context, organization_id: OrganizationId) -> AppResult<People> {
    let members = cx.store.members(&cx.viewer, organization_id).await?;
    let invitations = cx.store.open_invitations(&cx.viewer, organization_id).await?;
    let organization = cx
        .viewer
        .memberships
        .iter()
        .find(|m| m.organization.id == organization_id)
        .map(|m| m.organization.clone())
        .ok_or(AppError::NotFound)?;
    let roles = Role::for_kind(organization.kind).to_vec();
    Ok(People { organization, members, invitations, roles, viewer_id: cx.viewer.user_id })
}

/// A company's grants to advisors and associations, and whom it could grant.
pub async fn access(cx: &Context, company_id: OrganizationId) -> AppResult<Access> {
    let grants = cx.store.grants(&cx.viewer, company_id).await?;
    let company = visible_company(cx, company_id).await?.company;
    Ok(Access {
        previews: super::association::previews(cx, &company, &grants).await?,
        today: store::today(),
        company,
        grants,
        advisories: cx.store.organizations_of_kind(OrganizationKind::Advisory).await?,
        associations: cx.store.organizations_of_kind(OrganizationKind::Association).await?,
        requests: cx.store.share_requests_to(&cx.viewer, company_id).await?,
    })
}

/// A page of a company's audit log, for its admins.
pub async fn audit_log(cx: &Context, company_id: OrganizationId, query: AuditQuery) -> AppResult<AuditLog> {
    let query = AuditQuery { page: query.page.max(1), person: query.person.trim().to_owned(), ..query };
    let filter = AuditFilter { person: query.person.clone(), action: query.action };
    let page = AuditPage { skip: i64::from(query.page - 1) * AUDIT_LOG_LINES, lines: AUDIT_LOG_LINES };
    let (lines, more) = cx.store.audit_log(&cx.viewer, company_id, &filter, page).await?;
    Ok(AuditLog { company: visible_company(cx, company_id).await?.company, lines, query, more })
}

/// Every organization, for platform administrators.
pub async fn organizations(cx: &Context) -> AppResult<Vec<Organization>> {
    Ok(cx.store.all_organizations(&cx.viewer).await?)
}

async fn visible_company(cx: &Context, company_id: OrganizationId) -> AppResult<VisibleCompany> {
    cx.store.visible_company(&cx.viewer, company_id).await?.ok_or(AppError::NotFound)
}
