//! `GET /healthz`, for load balancers and people on call.

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

use crate::Store;

/// How long the database may take to answer before the instance is reported unhealthy.
const DATABASE_DEADLINE: Duration = Duration::from_secs(2);

#[derive(Debug, Serialize)]
pub struct Health {
    status: &'static str,
    version: &'static str,
    database: &'static str,
}

/// 200 when the database answers, 503 when it does not; the body says which and names the version.
pub async fn healthz(State(store): State<Store>) -> (StatusCode, Json<Health>) {
    let database_answered = matches!(tokio::time::timeout(DATABASE_DEADLINE, store.ping()).await, Ok(Ok(())));
    if !database_answered {
        tracing::warn!("health check: the database did not answer");
    }
    let status = if database_answered { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let health = Health {
        status: if database_answered { "ok" } else { "unavailable" },
        version: env!("CARGO_PKG_VERSION"),
        database: if database_answered { "ok" } else { "unavailable" },
    };
    (status, Json(health))
}
