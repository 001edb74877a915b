//! Server functions: thin by design. Each finds the viewer, calls one scoped store function and
//! maps its error; the confidentiality rules themselves live in the store's SQL.
//!
//! Endpoints are fixed (`/api/…`) so old tabs and plain forms keep working across deploys.

pub mod answering;
pub mod gap_report;
pub mod plans;

use assessments::access::{AuditLine, Grant, Member, Organization, VisibleCompany};
use assessments::organization::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::session::ssr::{client_ip, store, viewer, with_status};

/// What the header shows about the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    pub name: String,
    pub email: String,
    pub platform_admin: bool,
}

/// The people page of an organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct People {
    pub organization: Organization,
    pub members: Vec<Member>,
    /// The roles an invitation can offer here.
    pub roles: Vec<Role>,
    pub viewer_id: String,
}

/// A company's audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLog {
    pub company: Organization,
    pub lines: Vec<AuditLine>,
}

/// The access page of a company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Access {
    pub company: Organization,
    pub grants: Vec<Grant>,
    pub advisories: Vec<Organization>,
    pub associations: Vec<Organization>,
}

#[server(prefix = "/api", endpoint = "session/who")]
pub async fn who_am_i() -> Result<Option<SignedIn>, AppError> {
    with_status(
        async move {
            Ok(viewer().ok().map(|v| SignedIn {
                platform_admin: v.is_platform_admin(),
                name: v.name,
                email: v.email,
            }))
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "setup/open")]
pub async fn setup_open() -> Result<bool, AppError> {
    with_status(async move { Ok(store()?.count_accounts().await? == 0) }.await)
}

#[server(prefix = "/api", endpoint = "companies/list")]
pub async fn list_companies() -> Result<Vec<VisibleCompany>, AppError> {
    with_status(async move { Ok(store()?.visible_companies(&viewer()?).await?) }.await)
}

/// One company; a view by someone outside it is written to the company's audit log.
#[server(prefix = "/api", endpoint = "companies/get")]
pub async fn get_company(company_id: String) -> Result<VisibleCompany, AppError> {
    with_status(
        async move {
            use assessments::access::AuditAction;
            use store::audit::AuditEntry;

            let (store, viewer) = (store()?, viewer()?);
            let company = store.visible_company(&viewer, &company_id).await?.ok_or(AppError::NotFound)?;
            if company.access.is_outsider() {
                let ip = client_ip();
                let entry = AuditEntry {
                    organization_id: Some(&company.company.id),
                    actor_user_id: Some(&viewer.user_id),
                    detail: "company overview",
                    ip: ip.as_deref(),
                    ..AuditEntry::default()
                };
                store.audit(AuditAction::OutsiderViewed, entry).await?;
            }
            Ok(company)
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "organizations/people")]
pub async fn list_people(organization_id: String) -> Result<People, AppError> {
    with_status(
        async move {
            let (store, viewer) = (store()?, viewer()?);
            let members = store.members(&viewer, &organization_id).await?;
            let organization = viewer
                .memberships
                .iter()
                .find(|m| m.organization.id == organization_id)
                .map(|m| m.organization.clone())
                .ok_or(AppError::NotFound)?;
            let roles = Role::for_kind(organization.kind).to_vec();
            Ok(People { organization, members, roles, viewer_id: viewer.user_id })
        }
        .await,
    )
}

/// What an invitation offers; anyone holding the link may ask.
#[server(prefix = "/api", endpoint = "invitations/get")]
pub async fn get_invitation(token: String) -> Result<Option<(Organization, Role)>, AppError> {
    with_status(
        async move { Ok(store()?.open_invitation(&store::accounts::token_hash(&token)).await?) }.await,
    )
}

#[server(prefix = "/api", endpoint = "companies/access")]
pub async fn list_access(company_id: String) -> Result<Access, AppError> {
    with_status(
        async move {
            use assessments::organization::OrganizationKind;

            let (store, viewer) = (store()?, viewer()?);
            let grants = store.grants(&viewer, &company_id).await?;
            let company =
                store.visible_company(&viewer, &company_id).await?.ok_or(AppError::NotFound)?.company;
            Ok(Access {
                company,
                grants,
                advisories: store.organizations_of_kind(OrganizationKind::Advisory).await?,
                associations: store.organizations_of_kind(OrganizationKind::Association).await?,
            })
        }
        .await,
    )
}

/// Every organization, for platform administrators.
#[server(prefix = "/api", endpoint = "organizations/list")]
pub async fn list_organizations() -> Result<Vec<Organization>, AppError> {
    with_status(async move { Ok(store()?.all_organizations(&viewer()?).await?) }.await)
}

/// The published questionnaires: the same for everyone, so no sign-in is needed.
#[server(prefix = "/api", endpoint = "questionnaires/list")]
pub async fn list_questionnaires() -> Result<Vec<assessments::questionnaire::QuestionnaireSummary>, AppError>
{
    with_status(async move { Ok(store()?.published_questionnaires().await?) }.await)
}

#[server(prefix = "/api", endpoint = "companies/audit-log")]
pub async fn list_audit_log(company_id: String) -> Result<AuditLog, AppError> {
    with_status(
        async move {
            let (store, viewer) = (store()?, viewer()?);
            let lines = store.audit_log(&viewer, &company_id, 200).await?;
            let company =
                store.visible_company(&viewer, &company_id).await?.ok_or(AppError::NotFound)?.company;
            Ok(AuditLog { company, lines })
        }
        .await,
    )
}
