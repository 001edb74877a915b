//! Settings of a running server, resolved once at start-up from the command line and environment.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use leptos::config::LeptosOptions;
pub use store::{DEFAULT_DATABASE_URL, DatabaseUrl};

/// Where `cargo leptos build` puts the compiled site, relative to the workspace root.
const BUILD_SITE_ROOT: &str = "target/site";

/// Everything the server needs to know to run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub addr: SocketAddr,
    pub database_url: DatabaseUrl,
    /// The folder holding the compiled site: `pkg/` (wasm, js, css) and the public files.
    pub site_root: PathBuf,
    /// The folder holding `requirements.toml` and `questionnaires/`.
    pub assessments_dir: PathBuf,
    /// Served over HTTPS (the default): the session cookie is Secure and HSTS is sent.
    pub secure_cookies: bool,
    /// Reverse proxies whose `X-Forwarded-For` names the client (see [`crate::cli::Cli`]).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The SMTP relay the daily digest goes to; none, no mail (see [`crate::mail`]).
    pub smtp_url: Option<String>,
    /// The sender of Senda's mail.
    pub mail_from: String,
    /// How often the outbox is worked: digests written, mail sent, failures retried.
    pub mail_every: std::time::Duration,
    /// The fewest companies a figure across an association's members may rest on.
    pub aggregate_minimum: assessments::sharing::Minimum,
}

impl Settings {
    /// Leptos's options for this server. The output name was baked in at compile time (see
    /// `.cargo/config.toml`), so the server finds `pkg/senda.js` however it was built.
    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name(env!("LEPTOS_OUTPUT_NAME"))
            .site_root(self.site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .site_addr(self.addr)
            .build()
    }
}

/// Finds the compiled site when none was named: `target/site` under the working directory (a
/// checkout after `cargo leptos build`), else `site/` beside the executable (a release copied
/// elsewhere together with its site folder).
pub fn default_site_root() -> PathBuf {
    let built = PathBuf::from(BUILD_SITE_ROOT);
    if built.is_dir() {
        return built;
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("site")))
        .filter(|site| site.is_dir())
        .unwrap_or(built)
}

/// Whether `site_root` holds the browser bundle; without it pages render unstyled and never hydrate.
pub fn site_is_built(site_root: &Path) -> bool {
    site_root.join("pkg").join(format!("{}.js", env!("LEPTOS_OUTPUT_NAME"))).is_file()
}
