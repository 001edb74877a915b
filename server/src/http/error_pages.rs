//! Error pages in the reader's language, and where unexpected request errors are logged.
//!
//! A handler that fails returns [`internal`] (or [`page`] for a 404), usually through its
//! `Failure` (see `handler.rs`); a panic is caught by [`from_panic`]. (A store error that reaches
//! a handler through `AppError` was logged once, where it was converted.) Both leave an [`ErrorPage`] marker on the response, and
//! [`render_in_reader_language`] — which alone knows the reader's language — logs the cause and
//! replaces the body with a page the reader can understand. No internal error text ever reaches a
//! browser.

use std::any::Any;
use std::sync::Arc;

use app::i18n::{language_of, texts};
use assessments::Language;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

/// Marks a response whose body is to be replaced by an error page.
#[derive(Clone)]
pub struct ErrorPage {
    cause: Option<Arc<anyhow::Error>>,
}

/// A response that will become an error page with `status`.
pub fn page(status: StatusCode) -> Response {
    let mut response = status.into_response();
    response.extensions_mut().insert(ErrorPage { cause: None });
    response
}

/// A 500 response for an unexpected failure; `cause` is logged, never shown.
pub fn internal(cause: anyhow::Error) -> Response {
    let mut response = StatusCode::INTERNAL_SERVER_ERROR.into_response();
    response.extensions_mut().insert(ErrorPage { cause: Some(Arc::new(cause)) });
    response
}

/// Turns a caught panic into a 500 that will be rendered as an error page.
pub fn from_panic(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned());
    internal(anyhow::anyhow!("panic: {message}"))
}

/// Renders marked responses as a page in the reader's language, logging their cause.
pub async fn render_in_reader_language(request: Request, next: Next) -> Response {
    let language = language_of(request.headers());
    let response = next.run(request).await;
    let Some(marker) = response.extensions().get::<ErrorPage>().cloned() else {
        return if is_framework_refusal(&response) {
            (response.status(), Html(render(language, response.status()))).into_response()
        } else {
            response
        };
    };
    if let Some(cause) = &marker.cause {
        tracing::error!(error = format!("{cause:#}"), "request failed");
    }
    let status = response.status();
    (status, Html(render(language, status))).into_response()
}

/// A refusal written by axum itself — a form, path or body it could not read — in its own
/// English text (`Failed to deserialize form body: …`): a person gets the page in their
/// language instead. Server functions answer in JSON and keep their answer.
fn is_framework_refusal(response: &Response) -> bool {
    response.status().is_client_error()
        && response.status() != StatusCode::NOT_FOUND
        && response
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("text/plain"))
}

/// A small self-contained page: it must render even when nothing else works.
fn render(language: Language, status: StatusCode) -> String {
    let t = texts(language);
    let (title, body) = if status == StatusCode::NOT_FOUND {
        (t.not_found_title, t.not_found_body)
    } else if status.is_client_error() {
        (t.bad_request_title, t.bad_request_body)
    } else {
        (t.server_error_title, t.server_error_body)
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · {app}</title><link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="{stylesheet}"></head>
<body><main id="content" class="page page--error"><h1>{title}</h1><p>{body}</p>
<p><a href="/">{back}</a></p></main></body>
</html>"#,
        lang = language.tag(),
        app = t.app_name,
        back = t.back_home,
        stylesheet = app::STYLESHEET_HREF,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_pages_speak_the_readers_language() {
        let es = render(Language::Es, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(es.contains(r#"<html lang="es">"#) && es.contains("Algo salió mal"));
        let en = render(Language::En, StatusCode::NOT_FOUND);
        assert!(en.contains(r#"<html lang="en">"#) && en.contains("We could not find this page"));
    }
}
