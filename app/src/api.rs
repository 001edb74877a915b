//! Server functions: one line each. Each runs a [`crate::service`] function as the person
//! asking and gives its failure its HTTP status; the data they return is [`crate::model`]'s.
//!
//! Endpoints are fixed (`/api/…`) so old tabs and plain forms keep working across deploys.

pub mod answering;
pub mod association;
pub mod gap_report;
pub mod home;
pub mod plans;

use assessments::access::{Organization, VisibleCompany};
use assessments::organization::Role;
use assessments::parameters::LegalParameters;
use assessments::questionnaire::QuestionnaireSummary;
use leptos::prelude::*;

use crate::error::AppError;
use crate::model::account::{Access, AuditLog, People, SignedInPerson};
#[cfg(feature = "ssr")]
use crate::service::{self, RequestContext};

#[cfg(feature = "ssr")]
pub(crate) use ssr::{as_signed_in, with_status};

#[server(prefix = "/api", endpoint = "session/who")]
pub async fn who_am_i() -> Result<Option<SignedInPerson>, AppError> {
    with_status(RequestContext::current().map(|request| request.viewer.map(SignedInPerson::from)))
}

#[server(prefix = "/api", endpoint = "setup/open")]
pub async fn setup_open() -> Result<bool, AppError> {
    with_status(async { Ok(RequestContext::current()?.store.count_accounts().await? == 0) }.await)
}

/// The legal values by date: public, like the law they come from.
#[server(prefix = "/api", endpoint = "parameters/list")]
pub async fn list_legal_parameters() -> Result<LegalParameters, AppError> {
    with_status(RequestContext::current().map(|request| request.library.parameters.clone()))
}

#[server(prefix = "/api", endpoint = "companies/list")]
pub async fn list_companies() -> Result<Vec<VisibleCompany>, AppError> {
    as_signed_in(|cx| async move { Ok(cx.store.visible_companies(&cx.viewer).await?) }).await
}

/// One company; a view by someone outside it is written to the company's audit log.
#[server(prefix = "/api", endpoint = "companies/get")]
pub async fn get_company(company_id: String) -> Result<VisibleCompany, AppError> {
    as_signed_in(|cx| async move { service::account::company(&cx, company_id.parse()?).await }).await
}

#[server(prefix = "/api", endpoint = "organizations/people")]
pub async fn list_people(organization_id: String) -> Result<People, AppError> {
    as_signed_in(|cx| async move { service::account::people(&cx, organization_id.parse()?).await }).await
}

/// What an invitation offers; anyone holding the link may ask.
#[server(prefix = "/api", endpoint = "invitations/get")]
pub async fn get_invitation(token: String) -> Result<Option<(Organization, Role)>, AppError> {
    let token_hash = store::accounts::token_hash(&token);
    with_status(async { Ok(RequestContext::current()?.store.open_invitation(&token_hash).await?) }.await)
}

#[server(prefix = "/api", endpoint = "companies/access")]
pub async fn list_access(company_id: String) -> Result<Access, AppError> {
    as_signed_in(|cx| async move { service::account::access(&cx, company_id.parse()?).await }).await
}

/// Every organization, for platform administrators.
#[server(prefix = "/api", endpoint = "organizations/list")]
pub async fn list_organizations() -> Result<Vec<Organization>, AppError> {
    as_signed_in(|cx| async move { service::account::organizations(&cx).await }).await
}

/// The published questionnaires: the same for everyone, so no sign-in is needed.
#[server(prefix = "/api", endpoint = "questionnaires/list")]
pub async fn list_questionnaires() -> Result<Vec<QuestionnaireSummary>, AppError> {
    with_status(async { Ok(RequestContext::current()?.store.published_questionnaires().await?) }.await)
}

/// A page of a company's log: `pagina` from 1, `persona` part of a name or email, `tipo` one
/// kind of line (empty: all). An unknown kind keeps every kind rather than failing the page.
#[server(prefix = "/api", endpoint = "companies/audit-log")]
pub async fn list_audit_log(
    company_id: String,
    #[server(default)] pagina: u32,
    #[server(default)] persona: String,
    #[server(default)] tipo: String,
) -> Result<AuditLog, AppError> {
    use crate::model::account::AuditQuery;
    let query =
        AuditQuery { page: pagina, person: persona, action: assessments::access::AuditAction::parse(&tipo) };
    as_signed_in(|cx| async move { service::account::audit_log(&cx, company_id.parse()?, query).await }).await
}

#[cfg(feature = "ssr")]
mod ssr {
    use std::future::Future;

    use crate::error::AppResult;
    use crate::service::Context;

    /// Runs `call` as the signed-in person asking, with [`with_status`].
    pub async fn as_signed_in<T, F>(call: impl FnOnce(Context) -> F) -> AppResult<T>
    where
        F: Future<Output = AppResult<T>>,
    {
        let result = match Context::current() {
            Ok(cx) => call(cx).await,
            Err(error) => Err(error),
        };
        with_status(result)
    }

    /// Gives a server function's failure its HTTP status (see [`crate::error::AppError::status`]) — the same
    /// whether called by a page's render or by any HTTP client.
    pub fn with_status<T>(result: AppResult<T>) -> AppResult<T> {
        if let Err(error) = &result
            && let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        {
            response.set_status(error.status());
        }
        result
    }
}
