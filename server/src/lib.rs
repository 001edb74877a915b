//! The Senda server: configuration, the HTTP edge, sign-in, PDFs and the command line. The SQL
//! lives in the `store` crate (`server/store/`), the pages and the service layer in `app`.
//!
//! `main.rs` only parses the command line and calls into this library, so the integration tests
//! start exactly the server that ships.

pub mod accounts;
pub mod auth;
pub mod bench;
pub mod cli;
pub mod config;
pub mod demo;
pub mod http;
pub mod mail;
pub mod pdf;
pub mod questionnaires;
pub mod telemetry;

use std::sync::Arc;

use anyhow::Context;
use assessments::loader::Library;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

pub use crate::config::{DatabaseUrl, Settings};
pub use crate::http::router;
pub use store::Store;

/// What every request handler can reach.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    /// The requirements catalog and every questionnaire version, validated.
    pub library: Arc<Library>,
    pub settings: Arc<Settings>,
}

impl AppState {
    /// Everything a server needs before it may answer a request: the questionnaire library,
    /// valid; the database, reachable and migrated; published questionnaires, unchanged.
    /// Any of these failing stops the start-up with a message that says why.
    pub async fn prepare(settings: Settings) -> anyhow::Result<Self> {
        let library = questionnaires::load(&settings.assessments_dir)?;
        for problem in &library.translation_problems {
            tracing::warn!(%problem, "a translation was left out: its texts show in Spanish");
        }
        let store = Store::connect(&settings.database_url)
            .await
            .with_context(|| format!("could not open the database {}", settings.database_url))?;
        store.migrate().await.context("could not migrate the database")?;
        questionnaires::load_into_database(&store, &library).await?;
        Ok(Self {
            leptos_options: settings.leptos_options(),
            store,
            library: Arc::new(library),
            settings: Arc::new(settings),
        })
    }
}
