//! The HTTP edge: the router, the layers every request passes through, and the plain routes that
//! are not Leptos pages.

pub mod error_pages;
mod health;
mod language;

use axum::Router;
use axum::routing::get;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler, generate_route_list};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::AppState;

/// The whole application: pages, server functions, plain routes and static files.
pub fn router(state: AppState) -> Router {
    with_edge_layers(routes(state))
}

/// Every route, without the edge layers.
pub fn routes(state: AppState) -> Router {
    let page_routes = generate_route_list(app::App);
    let store = state.store.clone();
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/idioma/{tag}", get(language::switch_language))
        .leptos_routes_with_context(
            &state,
            page_routes,
            move || provide_context(store.clone()),
            {
                let options = state.leptos_options.clone();
                move || app::shell(options.clone())
            },
        )
        .fallback(file_and_error_handler::<AppState, _>(app::shell))
        .with_state(state)
}

/// Wraps `routes` in what every request passes through, innermost first: panics become a 500,
/// errors become a page in the reader's language (and are logged, once), bodies are compressed
/// for slow rural connections, and one log line per request records method, path, status and
/// latency.
pub fn with_edge_layers(routes: Router) -> Router {
    routes
        .layer(CatchPanicLayer::custom(error_pages::from_panic))
        .layer(axum::middleware::from_fn(error_pages::render_in_reader_language))
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &axum::extract::Request| {
                    // The path only: queries may carry one-time tokens.
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
                })
                .on_request(())
                .on_response(DefaultOnResponse::new().level(Level::INFO))
                // Failures are logged with their cause by `error_pages`, not a second time here.
                .on_failure(()),
        )
}
