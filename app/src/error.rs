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
    /// Something failed on the server; the cause was logged there.
    #[error("internal error")]
    Internal,
}

pub type AppResult<T> = Result<T, AppError>;

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(_: ServerFnErrorErr) -> Self {
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<store::StoreError> for AppError {
    /// Logs what went wrong — this is the edge for server functions — and keeps it there.
    fn from(error: store::StoreError) -> Self {
        match error {
            store::StoreError::NotFound => AppError::NotFound,
            other => {
                tracing::error!(error = %other, "server function failed");
                AppError::Internal
            }
        }
    }
}
