//! The Senda server: configuration, the HTTP edge, the store and the command line.
//!
//! `main.rs` only parses the command line and calls into this library, so the integration tests
//! start exactly the server that ships.

pub mod cli;
pub mod config;
pub mod http;
pub mod store;
pub mod telemetry;

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

pub use crate::config::{DatabaseUrl, Settings};
pub use crate::http::router;
pub use crate::store::Store;

/// What every request handler can reach.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    pub settings: Arc<Settings>,
}

impl AppState {
    /// Connects to the database named in `settings` and brings its schema up to date.
    pub async fn prepare(settings: Settings) -> anyhow::Result<Self> {
        let store = Store::connect(&settings.database_url).await?;
        store.migrate().await?;
        Ok(Self::new(store, settings))
    }

    /// State around a store that is already connected and migrated.
    pub fn new(store: Store, settings: Settings) -> Self {
        Self { leptos_options: settings.leptos_options(), store, settings: Arc::new(settings) }
    }
}
