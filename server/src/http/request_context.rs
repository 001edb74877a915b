//! The request's context, built once per request after the session layer has said who is asking.

use std::net::SocketAddr;

use app::service::RequestContext;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::error_pages;
use crate::AppState;
use crate::auth::AuthSession;

/// Builds the request's context once — the signed-in person's viewer fresh from the database
/// (memberships and all), the client's address, the store and the questionnaire library — and
/// puts it in the request's extensions for pages, server functions and routes alike.
pub async fn attach_request_context(
    State(state): State<AppState>,
    auth: AuthSession,
    mut request: Request,
    next: Next,
) -> Response {
    let viewer = match &auth.user {
        Some(user) => match state.store.viewer(axum_login::AuthUser::id(user)).await {
            Ok(viewer) => viewer,
            Err(error) => return error_pages::internal(error.into()),
        },
        None => None,
    };
    let client_ip =
        request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip().to_string());
    let context = RequestContext { store: state.store, library: state.library, viewer, client_ip };
    request.extensions_mut().insert(context);
    next.run(request).await
}
