//! Structured logs.

use tracing_subscriber::EnvFilter;

/// The filter used when `RUST_LOG` is not set: our own crates and one line per request at info,
/// the chatty libraries at warn.
const DEFAULT_FILTER: &str = "info,sqlx=warn,leptos_axum=warn,tower_http=info";

/// Sends logs to standard error, filtered by `RUST_LOG`.
///
/// Safe to call more than once (tests start many servers in one process): later calls do nothing.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}
