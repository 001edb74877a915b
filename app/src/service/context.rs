//! The request's context: built once per request by the server and kept in its extensions.

use std::sync::Arc;

use assessments::access::{AuditAction, Viewer};
use assessments::ids::OrganizationId;
use assessments::loader::Library;
use assessments::sharing::Minimum;
use store::Store;
use store::audit::AuditEntry;

use crate::error::{AppError, AppResult};

/// What every server-side step of a request can reach. The server's middleware builds it once
/// per request (the viewer fresh from the database) and puts it in the request's extensions,
/// where server functions, page renders and form handlers all find the same one.
#[derive(Clone)]
pub struct RequestContext {
    pub store: Store,
    /// The requirements catalog and every questionnaire version, validated at start.
    pub library: Arc<Library>,
    /// The signed-in person, if any.
    pub viewer: Option<Viewer>,
    /// The client's address as the server saw it, for the audit log and sign-in limits.
    pub client_ip: Option<String>,
    /// The fewest companies a figure across an association's members may rest on.
    pub minimum: Minimum,
}

/// A request by a signed-in person: what service functions take.
#[derive(Clone)]
pub struct Context {
    pub store: Store,
    pub library: Arc<Library>,
    pub viewer: Viewer,
    pub client_ip: Option<String>,
    pub minimum: Minimum,
}

impl RequestContext {
    /// The context of the request being served, as Leptos sees it (server functions and page
    /// renders). Missing only if the server was wired without its middleware: a bug, logged.
    pub fn current() -> AppResult<Self> {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<RequestContext>().cloned())
            .ok_or_else(|| {
                tracing::error!("the request context is missing: is the server's middleware in place?");
                AppError::Internal
            })
    }

    /// The request as a signed-in person's, or `SignInRequired`.
    pub fn signed_in(self) -> AppResult<Context> {
        let viewer = self.viewer.ok_or(AppError::SignInRequired)?;
        Ok(Context {
            store: self.store,
            library: self.library,
            viewer,
            client_ip: self.client_ip,
            minimum: self.minimum,
        })
    }
}

impl Context {
    /// The signed-in context of the request being served.
    pub fn current() -> AppResult<Self> {
        RequestContext::current()?.signed_in()
    }

    /// Writes a look at (or an export of) the data of each of `companies` — all of them outside
    /// the viewer's own — to each one's audit log, in one write.
    pub async fn audit_outsiders(
        &self,
        companies: impl IntoIterator<Item = OrganizationId>,
        action: AuditAction,
        detail: &str,
    ) -> AppResult<()> {
        let entries: Vec<AuditEntry<'_>> = companies
            .into_iter()
            .map(|company_id| AuditEntry {
                organization_id: Some(company_id),
                actor_user_id: Some(self.viewer.user_id),
                detail,
                ip: self.client_ip.as_deref(),
                ..AuditEntry::default()
            })
            .collect();
        Ok(self.store.audit_many(action, &entries).await?)
    }

    /// Writes a look at (or an export of) a company's data to its audit log when the viewer is
    /// outside the company; the company's own people are not logged.
    pub async fn audit_outsider(
        &self,
        is_outsider: bool,
        company_id: OrganizationId,
        action: AuditAction,
        detail: &str,
    ) -> AppResult<()> {
        if !is_outsider {
            return Ok(());
        }
        let entry = AuditEntry {
            organization_id: Some(company_id),
            actor_user_id: Some(self.viewer.user_id),
            detail,
            ip: self.client_ip.as_deref(),
            ..AuditEntry::default()
        };
        Ok(self.store.audit(action, entry).await?)
    }
}
