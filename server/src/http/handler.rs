//! What every plain route handler shares: the signed-in person as an extractor, one error type
//! that turns itself into the reader's error page, and the redirect every form answers with.
//!
//! A handler reads as its happy path:
//!
//! ```ignore
//! pub async fn submit(SignedIn(cx): SignedIn, Ids(id): Ids<AssessmentId>) -> HandlerResult {
//!     service::assessment::submit(&cx, id).await?;
//!     Ok(see_other(&urls::assessment(id)))
//! }
//! ```

use app::error::AppError;
use app::service::{Context, RequestContext};
use app::urls;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use store::StoreError;

use super::error_pages;
use super::return_path::return_path;

/// A request by a signed-in person. Signed out, the handler is not called: the person is sent
/// to sign in, and back afterwards — to this address for a GET, to the page whose form posted
/// for anything else.
pub struct SignedIn(pub Context);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        let request = request_context(parts).map_err(IntoResponse::into_response)?;
        match request.signed_in() {
            Ok(cx) => Ok(SignedIn(cx)),
            Err(_) => Err(see_other(&urls::sign_in_href(&back_after_sign_in(parts)))),
        }
    }
}

/// The request's context, which the server's middleware puts in every request.
pub fn request_context(parts: &Parts) -> Result<RequestContext, Failure> {
    parts.extensions.get::<RequestContext>().cloned().ok_or_else(|| {
        Failure::internal(anyhow::anyhow!("the request context is missing: is the middleware in place?"))
    })
}

/// Where to come back after signing in.
fn back_after_sign_in(parts: &Parts) -> String {
    if parts.method == Method::GET {
        return parts.uri.path_and_query().map_or("/", |p| p.as_str()).to_owned();
    }
    // A form's post address is no page to come back to; the page that showed the form is. Only
    // its path is kept, and only if it is a safe one: whatever the Referer's host, the person
    // stays on this site.
    parts
        .headers
        .get(header::REFERER)
        .and_then(|referer| referer.to_str().ok())
        .and_then(|referer| referer.split_once("://"))
        .and_then(|(_, rest)| rest.split_once('/'))
        .and_then(|(_, path)| return_path(&format!("/{path}")))
        .unwrap_or_else(|| "/".to_owned())
}

/// The address's parameters, typed (ids parsed from their text). A parameter that cannot be what
/// it should — `/planes/any-plan` — answers 404, as an id that names nothing does: axum's own
/// `Path` would answer 400 and tell the two apart.
pub struct Ids<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned + Send> FromRequestParts<S> for Ids<T> {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Failure> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(parameters)) => Ok(Ids(parameters)),
            Err(_) => Err(Failure::not_found()),
        }
    }
}

/// Why a handler could not answer as it meant to. Whatever the cause, the reader gets the error
/// page in their language (see [`error_pages`]), and an unexpected cause is logged there, once.
#[derive(Debug)]
pub struct Failure {
    status: StatusCode,
    cause: Option<anyhow::Error>,
}

pub type HandlerResult = Result<Response, Failure>;

impl Failure {
    /// Absent, or not the person's to see: the same answer on purpose.
    pub fn not_found() -> Self {
        Failure { status: StatusCode::NOT_FOUND, cause: None }
    }

    /// A request that cannot be read.
    pub fn bad_request() -> Self {
        Failure { status: StatusCode::BAD_REQUEST, cause: None }
    }

    /// Something unexpected; `cause` is logged, never shown.
    pub fn internal(cause: anyhow::Error) -> Self {
        Failure { status: StatusCode::INTERNAL_SERVER_ERROR, cause: Some(cause) }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        match self.cause {
            Some(cause) => error_pages::internal(cause),
            None => error_pages::page(self.status),
        }
    }
}

/// The service's errors keep their status ([`AppError::status`]); an internal one was logged
/// where it happened.
impl From<AppError> for Failure {
    fn from(error: AppError) -> Self {
        Failure { status: error.status(), cause: None }
    }
}

/// An id that cannot be one names nothing there is.
impl From<assessments::ids::NotAnId> for Failure {
    fn from(_: assessments::ids::NotAnId) -> Self {
        Failure::not_found()
    }
}

/// Through [`AppError`], so a store error means the same to a handler as to a server function.
impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Self {
        AppError::from(error).into()
    }
}

impl From<anyhow::Error> for Failure {
    fn from(cause: anyhow::Error) -> Self {
        Failure::internal(cause)
    }
}

/// The answer to every form post: 303, see the next page.
pub fn see_other(path: &str) -> Response {
    Redirect::to(path).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(method: Method, uri: &str, referer: Option<&str>) -> Parts {
        let mut request =
            axum::http::Request::builder().method(method).uri(uri).header(header::HOST, "senda.mx");
        if let Some(referer) = referer {
            request = request.header(header::REFERER, referer);
        }
        request.body(()).unwrap().into_parts().0
    }

    #[test]
    fn a_get_comes_back_to_itself_and_a_post_to_the_page_of_its_form() {
        assert_eq!(back_after_sign_in(&parts(Method::GET, "/planes/p1/pdf?x=1", None)), "/planes/p1/pdf?x=1");
        let post = |referer| back_after_sign_in(&parts(Method::POST, "/evaluaciones/a1/enviar", referer));
        assert_eq!(post(Some("https://senda.mx/evaluaciones/a1")), "/evaluaciones/a1");
        assert_eq!(post(Some("https://other.example/evaluaciones/a1")), "/evaluaciones/a1");
        assert_eq!(post(Some("https://senda.mx//evil.example")), "/");
        assert_eq!(post(None), "/");
    }
}
