//! The one error type server functions return, safe to show: nothing internal crosses the wire.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Absent, or not for this person to see: the same answer on purpose.
    #[error("not found")]
    NotFound,
    #[error("sign in required")]
    SignInRequired,
    /// The request itself could not be read (arguments missing or malformed): the caller's
    /// mistake, not the server's.
    #[error("bad request")]
    BadRequest,
    /// Something failed on the server; the cause was logged there.
    #[error("internal error")]
    Internal,
}

pub type AppResult<T> = Result<T, AppError>;

impl From<assessments::ids::NotAnId> for AppError {
    /// An id that cannot be one names nothing there is.
    fn from(_: assessments::ids::NotAnId) -> Self {
        AppError::NotFound
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// The one mapping of failures to HTTP statuses, for server functions and form handlers
    /// alike: 404 for what is absent or not the caller's to see, 401 for a missing sign-in.
    pub fn status(&self) -> http::StatusCode {
        match self {
            AppError::NotFound => http::StatusCode::NOT_FOUND,
            AppError::SignInRequired => http::StatusCode::UNAUTHORIZED,
            AppError::BadRequest => http::StatusCode::BAD_REQUEST,
            AppError::Internal => http::StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// Arguments that cannot be read are the caller's mistake (400); anything else failing in
    /// the server function machinery is the server's (500, with nothing of it shown).
    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        let error = match error {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            _ => AppError::Internal,
        };
        // Decoding fails before the function's body could set its status: set it here.
        #[cfg(feature = "ssr")]
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(error.status());
        }
        error
    }
}

#[cfg(feature = "ssr")]
impl From<store::StoreError> for AppError {
    /// Logs what went wrong — this is the edge for server functions — and keeps it there.
    fn from(error: store::StoreError) -> Self {
        match error {
            // A request the rules refuse looks, from outside, like one for something absent.
            store::StoreError::NotFound | store::StoreError::Invalid(_) => AppError::NotFound,
            other => {
                tracing::error!(error = %other, "request failed in the store");
                AppError::Internal
            }
        }
    }
}
