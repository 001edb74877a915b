//! The HTTP edge: the router, the layers every request passes through, and the plain routes that
//! are not Leptos pages.

mod account_forms;
mod assessment_forms;
mod association_forms;
pub mod error_pages;
mod evidence;
mod exports;
mod handler;
mod health;
mod language;
mod plan_forms;
mod request_context;
mod return_path;
mod review_forms;
mod security_headers;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use leptos_axum::{LeptosRoutes, file_and_error_handler, generate_route_list};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::{AppState, auth};

/// The whole application: pages, server functions, plain routes and static files.
pub fn router(state: AppState) -> Router {
    let https = state.settings.secure_cookies;
    with_edge_layers(routes(state), https)
}

/// Every route, without the edge layers.
pub fn routes(state: AppState) -> Router {
    let page_routes = page_routes();
    let secure_cookies = state.settings.secure_cookies;
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/idioma/{tag}", get(language::switch_language))
        .route("/entrar", post(account_forms::sign_in))
        .route("/salir", post(account_forms::sign_out))
        .route("/configuracion-inicial", post(account_forms::set_up))
        .route("/invitacion/{token}", post(account_forms::accept_invitation))
        .route("/organizaciones", post(account_forms::create_organization))
        .route("/organizaciones/{id}/invitaciones", post(account_forms::invite))
        .route(
            "/organizaciones/{id}/invitaciones/{invitation}/retirar",
            post(account_forms::revoke_invitation),
        )
        .route("/organizaciones/{id}/personas/{user}/quitar", post(account_forms::remove_member))
        .route("/empresas/{id}/accesos", post(account_forms::grant))
        .route("/empresas/{id}/accesos/{grant}/retirar", post(account_forms::revoke))
        .route("/empresas/{id}/accesos/solicitudes/{request}", post(association_forms::answer))
        .route("/asociaciones/{id}/solicitudes", post(association_forms::ask))
        .route("/asociaciones/{id}/panel.csv", get(exports::dashboard_csv))
        .route("/asociaciones/{id}/panel.pdf", get(exports::dashboard_pdf))
        .route("/empresas/{id}/evaluaciones", post(assessment_forms::start))
        .route(
            "/evaluaciones/{id}/secciones/{section}",
            // Room for a few evidence files at once; each is checked against its own limit.
            post(assessment_forms::save_section).layer(DefaultBodyLimit::max(SECTION_FORM_BYTES)),
        )
        .route("/evaluaciones/{id}/evidencias/{file}", get(evidence::download))
        .route("/evaluaciones/{id}/brechas.csv", get(exports::gaps_csv))
        .route("/evaluaciones/{id}/brechas.pdf", get(exports::gaps_pdf))
        .route("/evaluaciones/{id}/cuestionario.pdf", get(exports::paper_pdf))
        .route("/evaluaciones/{id}/idioma", post(assessment_forms::choose_content_language))
        .route("/evaluaciones/{id}/plan", post(plan_forms::create))
        .route("/planes/{id}/pdf", get(exports::plan_pdf))
        .route("/planes/{id}/acciones", post(plan_forms::add))
        .route("/planes/{id}/acciones/{action}", post(plan_forms::edit))
        .route("/planes/{id}/acciones/{action}/estado", post(plan_forms::move_status))
        .route("/planes/{id}/acciones/{action}/notas", post(plan_forms::note))
        .route("/planes/{id}/acciones/{action}/dividir", post(plan_forms::split))
        .route("/planes/{id}/acciones/{action}/unir", post(plan_forms::merge))
        .route("/evaluaciones/{id}/evidencias/{file}/quitar", post(evidence::remove))
        .route("/evaluaciones/{id}/borradores/{question}/descartar", post(assessment_forms::discard_draft))
        .route("/evaluaciones/{id}/enviar", post(assessment_forms::submit))
        .route("/evaluaciones/{id}/devolver", post(assessment_forms::return_for_changes))
        .route(
            "/evaluaciones/{id}/requisitos/{requirement}/verificar",
            post(assessment_forms::verify_requirement),
        )
        .route("/evaluaciones/{id}/hilos", post(review_forms::open))
        .route("/evaluaciones/{id}/hilos/{thread}/responder", post(review_forms::reply))
        .route("/evaluaciones/{id}/hilos/{thread}/cerrar", post(review_forms::resolve))
        .route("/evaluaciones/{id}/revisiones", post(review_forms::sign))
        .leptos_routes_with_context(
            &state,
            page_routes,
            // Everything a page or server function needs is in the request's context.
            || {},
            {
                let options = state.leptos_options.clone();
                move || app::shell(options.clone())
            },
        )
        .fallback(file_and_error_handler::<AppState, _>(app::shell))
        // Innermost first: writes that finish once begun, the request's context (who is asking,
        // fresh from the database, and from where), their session, and a refusal of cross-site
        // form posts.
        .layer(middleware::from_fn(finish_writes_once_begun))
        .layer(middleware::from_fn_with_state(state.clone(), request_context::attach_request_context))
        .layer(auth::layer(state.store.clone(), secure_cookies))
        .layer(middleware::from_fn(refuse_cross_site_posts))
        .with_state(state)
}

/// The largest section form accepted, files included.
const SECTION_FORM_BYTES: usize = 4 * assessments::evidence::MAX_FILE_BYTES;

/// The app's page routes, generated once per process: generation renders the app in a special
/// mode, which must not overlap a real render (tests start many servers in one process).
pub fn page_routes() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

/// Runs a POST (every write: forms and server functions) to its end even when the client goes
/// away meanwhile — a phone losing its signal, a closed tab. Dropped half-way, a write would be
/// cut inside its database transaction: the load benchmark found SQLite connections then left in
/// the pool mid-transaction ("begin_with at non-zero transaction depth"), failing every later
/// write that drew them. Finished, the answer a person sent is saved as it would have been.
async fn finish_writes_once_begun(request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    match tokio::spawn(next.run(request)).await {
        Ok(response) => response,
        // A panic goes on to the catch-panic layer further out, which makes it a page.
        Err(failure) if failure.is_panic() => std::panic::resume_unwind(failure.into_panic()),
        // The runtime is shutting down.
        Err(_) => error_pages::page(StatusCode::SERVICE_UNAVAILABLE),
    }
}

/// Refuses a POST whose `Origin` names another site. Session cookies are SameSite=Lax already;
/// this is the second lock on the door against cross-site request forgery.
async fn refuse_cross_site_posts(request: Request, next: Next) -> Response {
    if request.method() == Method::POST {
        let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok());
        let origin_host = request
            .headers()
            .get(header::ORIGIN)
            .and_then(|o| o.to_str().ok())
            .map(|origin| origin.split_once("://").map_or(origin, |(_, rest)| rest));
        if let (Some(origin_host), Some(host)) = (origin_host, host)
            && origin_host != host
        {
            return error_pages::page(StatusCode::FORBIDDEN);
        }
    }
    next.run(request).await
}

/// Wraps `routes` in what every request passes through, innermost first: panics become a 500,
/// errors become a page in the reader's language (and are logged, once), every response gets the
/// security headers (HSTS when served over `https`), bodies are compressed for slow rural
/// connections, and one log line per request records method, path, status and latency.
pub fn with_edge_layers(routes: Router, https: bool) -> Router {
    routes
        .layer(CatchPanicLayer::custom(error_pages::from_panic))
        .layer(axum::middleware::from_fn(error_pages::render_in_reader_language))
        .layer(middleware::from_fn_with_state(https, security_headers::add))
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &axum::extract::Request| {
                    // The path only (queries may carry one-time tokens), and an invitation's
                    // token, which opens an account, never written to a log.
                    let path = loggable_path(request.uri().path());
                    tracing::info_span!("request", method = %request.method(), path = %path)
                })
                .on_request(())
                .on_response(DefaultOnResponse::new().level(Level::INFO))
                // Failures are logged with their cause by `error_pages`, not a second time here.
                .on_failure(()),
        )
}

/// A request's path as the log may keep it: an invitation link's token is a key to an account.
fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    match path.strip_prefix("/invitacion/") {
        Some(token) if !token.is_empty() => "/invitacion/…".into(),
        _ => path.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn an_invitation_token_never_reaches_the_log() {
        assert_eq!(loggable_path("/invitacion/3f2a9c0d1e"), "/invitacion/…");
        assert_eq!(loggable_path("/evaluaciones/a1/secciones/s1"), "/evaluaciones/a1/secciones/s1");
    }

    /// Sends `method` to a handler that takes 200 ms, hangs up after 50 ms, and says whether the
    /// handler got to its end.
    async fn finished_after_the_client_left(method: &str) -> bool {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, Ordering};
        use tokio::io::AsyncWriteExt;

        let finished = Arc::new(AtomicBool::new(false));
        let handler = {
            let finished = finished.clone();
            move || async move {
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                finished.store(true, Ordering::SeqCst);
                "saved"
            }
        };
        let app = axum::Router::new()
            .route("/", axum::routing::post(handler.clone()).get(handler))
            .layer(axum::middleware::from_fn(super::finish_writes_once_begun));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let mut client = tokio::net::TcpStream::connect(addr).await.unwrap();
        let request = format!("{method} / HTTP/1.1\r\nHost: senda\r\nContent-Length: 0\r\n\r\n");
        client.write_all(request.as_bytes()).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        drop(client);
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        finished.load(Ordering::SeqCst)
    }

    /// A phone that loses its signal in the middle of a save: the save still happens (and no
    /// database transaction is cut half-way). A read is simply dropped, as before.
    #[tokio::test]
    async fn a_post_runs_to_its_end_when_the_client_goes_away() {
        assert!(!finished_after_the_client_left("GET").await, "a read is dropped with its client");
        assert!(finished_after_the_client_left("POST").await, "a write runs to its end");
    }
}
