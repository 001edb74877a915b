//! Who is asking, as pages and server functions see it.

use assessments::access::Viewer;

/// The signed-in person, if any: resolved by the server for every request (memberships fresh
/// from the database) and put into the request's extensions.
#[derive(Debug, Clone, Default)]
pub struct CurrentViewer(pub Option<Viewer>);

/// The client's IP address as the server saw it, for the audit log and sign-in limits.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

/// Server-side access to the request's viewer and the store.
#[cfg(feature = "ssr")]
pub mod ssr {
    use assessments::access::Viewer;
    use leptos::prelude::*;

    use super::{ClientIp, CurrentViewer};
    use crate::error::{AppError, AppResult};

    /// The signed-in viewer, or `SignInRequired`.
    pub fn viewer() -> AppResult<Viewer> {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<CurrentViewer>().cloned())
            .and_then(|current| current.0)
            .ok_or(AppError::SignInRequired)
    }

    /// The store, provided to every server function and page render by the server.
    pub fn store() -> AppResult<store::Store> {
        use_context::<store::Store>().ok_or_else(|| {
            tracing::error!("the store is missing from the server function context");
            AppError::Internal
        })
    }

    /// Gives a server function's failure its HTTP status — 404 for what is absent or not the
    /// caller's to see, 401 for a missing sign-in — the same whether called by a page's render
    /// or by any HTTP client.
    pub fn with_status<T>(result: AppResult<T>) -> AppResult<T> {
        if let Err(error) = &result
            && let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        {
            response.set_status(match error {
                AppError::NotFound => http::StatusCode::NOT_FOUND,
                AppError::SignInRequired => http::StatusCode::UNAUTHORIZED,
                AppError::Internal => http::StatusCode::INTERNAL_SERVER_ERROR,
            });
        }
        result
    }

    /// The client's address as the server saw it, for the audit log.
    pub fn client_ip() -> Option<String> {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<ClientIp>().map(|ip| ip.0.clone()))
    }
}
