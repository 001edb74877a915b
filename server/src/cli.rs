//! The `senda` command line.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::{self, DEFAULT_DATABASE_URL, DatabaseUrl, Settings};
use crate::questionnaires::translations::{self, StringsOf};
use crate::questionnaires::{self, VersionRef};
use crate::{AppState, Store, accounts};

/// Senda: labor due-diligence self-assessment for Mexican agricultural companies.
#[derive(Debug, Parser)]
#[command(name = "senda", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Address to listen on.
    #[arg(long, env = "SENDA_ADDR", default_value = "127.0.0.1:3000", global = true)]
    pub addr: SocketAddr,

    /// Database URL: `sqlite://path/to/file.db` (created when missing) or `postgres://…`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true, hide_env_values = true)]
    pub database_url: DatabaseUrl,

    /// Folder of the compiled site (`pkg/` and public files). Default: `target/site` under the
    /// working directory, else `site/` beside the executable.
    #[arg(long, env = "LEPTOS_SITE_ROOT", global = true)]
    pub site_root: Option<PathBuf>,

    /// Folder of the questionnaires and the requirements catalog. Default: `assessments/` under
    /// the working directory, else beside the executable.
    #[arg(long, env = "SENDA_ASSESSMENTS_DIR", global = true)]
    pub assessments_dir: Option<PathBuf>,

    /// Serve over plain HTTP, for development on one's own machine only: the session cookie
    /// loses its Secure flag and `__Host-` prefix, and no HSTS header is sent. Without it Senda
    /// expects to be reached over HTTPS (directly or through a proxy).
    #[arg(long, env = "SENDA_PLAIN_HTTP", global = true)]
    pub plain_http: bool,

    /// Addresses of the reverse proxies in front of Senda (comma-separated). A request from one
    /// of them is taken to come from the address it names in `X-Forwarded-For`, which sign-in
    /// limits and the audit log then use; from anyone else that header is ignored. Without it,
    /// every client behind a proxy shares the proxy's address.
    #[arg(long, env = "SENDA_TRUSTED_PROXIES", value_delimiter = ',', global = true)]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    /// An SMTP relay for the daily digest of what waits for each person:
    /// `smtp://[user:password@]host[:port]`, plain SMTP to a relay on this host or network that
    /// carries mail on. Without it nothing is mailed.
    #[arg(long, env = "SENDA_SMTP_URL", hide_env_values = true, global = true)]
    pub smtp_url: Option<String>,

    /// The sender of the digest.
    #[arg(long, env = "SENDA_MAIL_FROM", default_value = "Senda <senda@localhost>", global = true)]
    pub mail_from: String,

    /// Seconds between two rounds of the mail outbox (digests written, mail sent, failures retried).
    #[arg(long, env = "SENDA_MAIL_EVERY_SECONDS", default_value_t = 300, global = true)]
    pub mail_every_seconds: u64,

    /// The fewest member companies a figure across an association's members may rest on (at
    /// least 2): fewer, and the figure is not shown.
    #[arg(long, env = "SENDA_AGGREGATE_MINIMUM", default_value_t = 5, value_parser = clap::value_parser!(u32).range(2..), global = true)]
    pub aggregate_minimum: u32,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Work with questionnaire files.
    #[command(subcommand)]
    Assessments(AssessmentsCommand),
    /// Manage accounts from the shell.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Copy the SQLite database, consistently, to FILE (which must not exist) — also while Senda
    /// serves it. For PostgreSQL use pg_dump (see the README).
    Backup {
        /// Where to write the copy.
        file: PathBuf,
    },
    /// Replace the SQLite database by a copy made with `senda backup`. Stop Senda first. The
    /// database replaced is kept beside it, named `<name>.before-restore` (`data/senda.db` is kept
    /// as `data/senda.before-restore`).
    Restore {
        /// The copy to restore.
        file: PathBuf,
    },
    /// Load a clearly labeled demo: organizations, one account per role, grants. Running it
    /// again changes nothing.
    Demo {
        /// The password of every demo account.
        #[arg(long, env = "SENDA_DEMO_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Seed the demo and a database of a real installation's size for `scripts/bench`, and print
    /// what the load generator needs as `KEY=value` lines. Never on a database people use.
    BenchSeed {
        /// The password of every account.
        #[arg(
            long,
            env = "SENDA_DEMO_PASSWORD",
            hide_env_values = true,
            required_unless_present = "saves_only"
        )]
        password: Option<String>,
        /// Companies besides the demo's, each with two submitted assessments and one in progress.
        #[arg(long, default_value_t = 1000)]
        companies: usize,
        /// How many of them have a plan.
        #[arg(long, default_value_t = 300)]
        plans: usize,
        /// The actions of the one long plan.
        #[arg(long, default_value_t = 300)]
        long_plan_actions: usize,
        /// Seed nothing: print only what the save benchmark writes next (after a run of it).
        #[arg(long)]
        saves_only: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AssessmentsCommand {
    /// Validate the catalog and every questionnaire; print each problem as `file:line: message`.
    Check {
        /// The assessments folder (default: as for serve).
        path: Option<PathBuf>,
    },
    /// List the questions added, removed and changed between two versions, e.g.
    /// `senda assessments diff agro-laboral@1 agro-laboral@3`.
    Diff { from: VersionRef, to: VersionRef },
    /// Write the texts of a questionnaire version (`agro-laboral@3`) or of the catalog
    /// (`requirements`) as a gettext PO file for translators into LANGUAGE (a tag: hch, crn…),
    /// filled with what is translated already.
    ExportStrings {
        of: StringsOf,
        language: String,
        /// Where to write it (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check a translated PO file against the texts of OF and, when it fits, put it beside them
    /// (`questionnaires/<id>/<version>.<tag>.po` or `requirements.<tag>.po`), replacing an older
    /// one; the server reads it at its next start. A translation is not a new version.
    ImportStrings { of: StringsOf, file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a platform administrator (what the first-run setup page does).
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// The password (at least 10 characters).
        #[arg(long, env = "SENDA_PASSWORD", hide_env_values = true)]
        password: String,
    },
}

impl Cli {
    pub fn settings(&self) -> Settings {
        Settings {
            addr: self.addr,
            database_url: self.database_url.clone(),
            site_root: self.site_root.clone().unwrap_or_else(config::default_site_root),
            assessments_dir: self.assessments_dir.clone().unwrap_or_else(questionnaires::default_folder),
            secure_cookies: !self.plain_http,
            trusted_proxies: self.trusted_proxies.clone(),
            smtp_url: self.smtp_url.clone().filter(|url| !url.trim().is_empty()),
            mail_from: self.mail_from.clone(),
            mail_every: std::time::Duration::from_secs(self.mail_every_seconds.max(1)),
            aggregate_minimum: assessments::sharing::Minimum::new(self.aggregate_minimum),
        }
    }
}

/// Runs the chosen command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = cli.settings();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings).await,
        Command::Migrate => migrate(&settings.database_url).await,
        Command::Assessments(AssessmentsCommand::Check { path }) => {
            check_assessments(&path.unwrap_or(settings.assessments_dir))
        }
        Command::Assessments(AssessmentsCommand::Diff { from, to }) => {
            diff_assessments(&settings.assessments_dir, &from, &to)
        }
        Command::Assessments(AssessmentsCommand::ExportStrings { of, language, out }) => {
            translations::export(&settings.assessments_dir, &of, &language, out.as_deref())
        }
        Command::Assessments(AssessmentsCommand::ImportStrings { of, file }) => {
            translations::import(&settings.assessments_dir, &of, &file)
        }
        Command::Admin(AdminCommand::CreateUser { email, name, password }) => {
            create_user(&settings.database_url, &email, &name, &password).await
        }
        Command::Demo { password } => demo(&settings, &password).await,
        Command::BenchSeed { password, companies, plans, long_plan_actions, saves_only } => {
            let scale = crate::bench::Scale { companies, plans, long_plan_actions };
            let seeding = (!saves_only).then_some(scale).zip(password);
            bench_seed(&settings, seeding).await
        }
        Command::Backup { file } => back_up(&settings.database_url, &file).await,
        Command::Restore { file } => restore(&settings.database_url, &file).await,
    }
}

async fn back_up(url: &DatabaseUrl, file: &std::path::Path) -> anyhow::Result<()> {
    if !url.is_sqlite() {
        anyhow::bail!("Senda backs up SQLite only; back PostgreSQL up with pg_dump (see the README)");
    }
    if file.exists() {
        anyhow::bail!("{} exists already: name a new file", file.display());
    }
    let store = open_store(url).await?;
    store.back_up_to(file).await.with_context(|| format!("could not write {}", file.display()))?;
    store.close().await;
    println!("Copied {url} to {}.", file.display());
    Ok(())
}

/// Checks the copy on a scratch file first (whole, a Senda database, migratable), and only then
/// moves it into place, so a bad file never replaces a good database.
async fn restore(url: &DatabaseUrl, file: &std::path::Path) -> anyhow::Result<()> {
    let Some(database) = url.sqlite_file() else {
        anyhow::bail!(
            "Senda restores SQLite only; restore PostgreSQL with pg_restore or psql (see the README)"
        );
    };
    let scratch = database.with_extension("restoring");
    if let Some(folder) = scratch.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).with_context(|| format!("could not create {}", folder.display()))?;
    }
    std::fs::copy(file, &scratch).with_context(|| format!("could not read {}", file.display()))?;
    let scratch_url: DatabaseUrl =
        format!("sqlite://{}", scratch.display()).parse().map_err(anyhow::Error::msg)?;
    let checked = async {
        let store = Store::connect(&scratch_url).await?;
        let whole = store.is_intact().await.unwrap_or(false) && store.applied_migrations().await.is_ok();
        if whole {
            store.migrate().await?;
        }
        store.close().await;
        anyhow::Ok(whole)
    };
    if !checked.await.unwrap_or(false) {
        let _ = std::fs::remove_file(&scratch);
        anyhow::bail!("{} is not a whole Senda database: nothing was changed", file.display());
    }
    // The database replaced moves aside whole, with its write-ahead log, which must not be
    // replayed into the restored one.
    let kept = database.with_extension("before-restore");
    // A copy kept by an earlier restore is never overwritten (nor its log replayed into another).
    for suffix in ["", "-wal", "-shm"] {
        let earlier = format!("{}{suffix}", kept.display());
        if std::path::Path::new(&earlier).exists() {
            let _ = std::fs::remove_file(&scratch);
            anyhow::bail!(
                "{earlier} is kept from an earlier restore: move it away first; nothing was changed"
            );
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let (from, to) = (format!("{}{suffix}", database.display()), format!("{}{suffix}", kept.display()));
        if std::path::Path::new(&from).exists() {
            std::fs::rename(&from, &to).with_context(|| format!("could not move {from} aside"))?;
        }
    }
    std::fs::rename(&scratch, &database)
        .with_context(|| format!("could not put {} in place", database.display()))?;
    println!("Restored {} into {url}; the database it replaced is {}.", file.display(), kept.display());
    Ok(())
}

/// A migrated store for commands that are not the server.
async fn open_store(url: &DatabaseUrl) -> anyhow::Result<Store> {
    let store = Store::connect(url).await.with_context(|| format!("could not open the database {url}"))?;
    store.migrate().await.context("could not migrate the database")?;
    Ok(store)
}

async fn create_user(url: &DatabaseUrl, email: &str, name: &str, password: &str) -> anyhow::Result<()> {
    let account = accounts::NewAccount::parse(email, name, password).map_err(|problems| {
        let problems: Vec<_> = problems.iter().map(|p| cli_message(*p)).collect();
        anyhow::anyhow!("{}", problems.join("; "))
    })?;
    let store = open_store(url).await?;
    match accounts::create_platform_admin(&store, account).await {
        Ok(_) => println!("Created platform administrator {}.", email.trim().to_lowercase()),
        Err(accounts::CreateAccountError::Problems(problems)) => {
            let problems: Vec<_> = problems.iter().map(|p| cli_message(*p)).collect();
            anyhow::bail!("{}", problems.join("; "))
        }
        Err(accounts::CreateAccountError::Other(error)) => return Err(error),
    }
    store.close().await;
    Ok(())
}

/// The shell's wording of an account problem.
fn cli_message(problem: app::forms::FormProblem) -> String {
    app::i18n::texts(assessments::Language::En).form_problem(problem).to_owned()
}

/// Seeds `scale` with `password` for every account, or (without) prints only what the save
/// benchmark writes next.
async fn bench_seed(
    settings: &Settings,
    seeding: Option<(crate::bench::Scale, String)>,
) -> anyhow::Result<()> {
    let library = std::sync::Arc::new(crate::questionnaires::load(&settings.assessments_dir)?);
    let store = open_store(&settings.database_url).await?;
    let lines = match seeding {
        Some((scale, password)) => {
            crate::questionnaires::load_into_database(&store, &library).await?;
            crate::bench::seed(&store, &library, &password, scale).await?
        }
        None => crate::bench::saves(&store, &library).await?,
    };
    println!("{lines}");
    store.close().await;
    Ok(())
}

async fn demo(settings: &Settings, password: &str) -> anyhow::Result<()> {
    let url = &settings.database_url;
    let library = std::sync::Arc::new(crate::questionnaires::load(&settings.assessments_dir)?);
    let store = open_store(url).await?;
    crate::questionnaires::load_into_database(&store, &library).await?;
    let accounts = accounts::load_demo(&store, &library, password).await?;
    println!("Demo loaded into {url}. Every account's password is the one you gave.");
    for account in accounts {
        println!("{:<20} {:<44} {}", account.role.as_str(), account.organization, account.email);
    }
    store.close().await;
    Ok(())
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    if !config::site_is_built(&settings.site_root) {
        tracing::warn!(
            site_root = %settings.site_root.display(),
            "compiled site not found: pages will render without styles or interactivity; \
             run `cargo leptos build` or set LEPTOS_SITE_ROOT"
        );
    }
    let addr = settings.addr;
    let database = settings.database_url.clone();
    let mailer = match &settings.smtp_url {
        Some(url) => Some(crate::mail::Mailer::new(url, &settings.mail_from)?),
        None => None,
    };
    let mail_every = settings.mail_every;
    let state = AppState::prepare(settings).await.context("Senda cannot start")?;
    let listener =
        tokio::net::TcpListener::bind(addr).await.with_context(|| format!("could not listen on {addr}"))?;
    tracing::info!(%database, "Senda is listening on http://{addr}");
    let store = state.store.clone();
    let sweeper = tokio::spawn(sweep_expired_sessions(store.clone()));
    let mail = mailer.map(|mailer| {
        tracing::info!("the daily digest is mailed");
        tokio::spawn(crate::mail::run(store.clone(), state.library.clone(), mailer, mail_every))
    });
    axum::serve(listener, crate::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("the server stopped with an error")?;
    sweeper.abort();
    if let Some(mail) = mail {
        mail.abort();
    }
    store.close().await;
    Ok(())
}

/// Deletes expired sessions and forgotten sign-in failures every hour; both are ignored anyway,
/// this only keeps the tables small.
async fn sweep_expired_sessions(store: Store) {
    use tower_sessions::ExpiredDeletion;
    let sessions = store::sessions::DatabaseSessions::new(store.clone());
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(60 * 60));
    loop {
        every_hour.tick().await;
        if let Err(error) = sessions.delete_expired().await {
            tracing::warn!(%error, "could not delete expired sessions");
        }
        if let Err(error) = store.sweep_sign_in_throttle(chrono::Utc::now()).await {
            tracing::warn!(%error, "could not delete forgotten sign-in failures");
        }
    }
}

async fn migrate(url: &DatabaseUrl) -> anyhow::Result<()> {
    let store = open_store(url).await?;
    let applied = store.applied_migrations().await?;
    println!("Database {url} is up to date ({applied} migrations applied).");
    store.close().await;
    Ok(())
}

fn check_assessments(folder: &std::path::Path) -> anyhow::Result<()> {
    use std::fmt::Write as _;
    let mut out = String::new();
    let result = match questionnaires::load(folder) {
        Ok(library) if !library.translation_problems.is_empty() => {
            for problem in &library.translation_problems {
                let _ = writeln!(
                    out,
                    "{}:{}: {}",
                    folder.join(&problem.file).display(),
                    problem.line,
                    problem.message
                );
            }
            let count = library.translation_problems.len();
            Err(anyhow::anyhow!(
                "{count} problem(s) in the translations of {} (the server leaves them out)",
                folder.display()
            ))
        }
        Ok(library) => {
            let _ = writeln!(out, "{}: no problems.", folder.display());
            let _ = writeln!(out, "  requirements.toml: {} requirements", library.catalog.requirements.len());
            let _ =
                writeln!(out, "  parameters.toml: {} legal parameters", library.parameters.parameters.len());
            for loaded in &library.questionnaires {
                let q = &loaded.questionnaire;
                let status = format!("{:?}", q.status).to_lowercase();
                let (sections, questions) = (q.sections.len(), q.questions().count());
                let used = assessments::parameters::used_by(q);
                let parameters = match q.reference_from {
                    Some(from) => format!(", legal parameters {} from {from}", used.join(", ")),
                    None => String::new(),
                };
                let _ = writeln!(
                    out,
                    "  {}: {}@{} ({status}), {sections} sections, {questions} questions{parameters}",
                    loaded.file, q.id, q.version
                );
                let mut q = q.clone();
                let texts = assessments::strings::questionnaire_texts(&mut q);
                let _ = writeln!(out, "    {}", translations::coverage_line(&texts));
            }
            let mut catalog = library.catalog.clone();
            let texts = assessments::strings::catalog_texts(&mut catalog);
            let _ = writeln!(out, "  requirements.toml {}", translations::coverage_line(&texts));
            Ok(())
        }
        Err(failure) => {
            for problem in &failure.problems {
                let _ = writeln!(out, "{}", failure.located(problem));
            }
            Err(anyhow::anyhow!("{} problem(s) in {}", failure.problems.len(), folder.display()))
        }
    };
    print_report(&out);
    result
}

fn diff_assessments(folder: &std::path::Path, from: &VersionRef, to: &VersionRef) -> anyhow::Result<()> {
    use std::fmt::Write as _;
    let library = questionnaires::load(folder)?;
    let find = |wanted: &VersionRef| {
        library
            .questionnaire(&wanted.id, wanted.version)
            .map(|loaded| &loaded.questionnaire)
            .with_context(|| format!("there is no questionnaire {wanted} in {}", folder.display()))
    };
    let (old, new) = (find(from)?, find(to)?);
    let diff = assessments::diff::diff(old, new);
    let mut out = String::new();
    let _ = writeln!(out, "{from} → {to}");
    let _ = writeln!(out, "Added ({}):", diff.added.len());
    for id in &diff.added {
        let _ = writeln!(out, "  + {id}");
    }
    let _ = writeln!(out, "Removed ({}):", diff.removed.len());
    for id in &diff.removed {
        let _ = writeln!(out, "  - {id}");
    }
    let (old_parameters, new_parameters) =
        (assessments::parameters::used_by(old), assessments::parameters::used_by(new));
    if old_parameters != new_parameters {
        let list = |names: &[String]| if names.is_empty() { "none".to_owned() } else { names.join(", ") };
        let _ = writeln!(out, "Legal parameters: {} → {}", list(&old_parameters), list(&new_parameters));
    }
    let _ = writeln!(out, "Changed ({}):", diff.changed.len());
    for changed in &diff.changed {
        let changes = changed.changes.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
        let _ = writeln!(out, "  ~ {}: {changes}", changed.id);
    }
    print_report(&out);
    Ok(())
}

/// Prints a report to standard output; a reader that stopped reading (`| head`) is no error.
fn print_report(report: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().lock().write_all(report.as_bytes());
}

/// Resolves on Ctrl-C or SIGTERM, so in-flight requests finish before the process exits.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::Cli;

    #[test]
    fn the_session_cookie_is_secure_unless_plain_http_is_asked_for() {
        let settings = |args: &[&str]| Cli::parse_from([&["senda"], args].concat()).settings();
        assert!(settings(&[]).secure_cookies);
        assert!(!settings(&["--plain-http"]).secure_cookies);
        let proxies = settings(&["--trusted-proxies", "10.0.0.1,::1"]).trusted_proxies;
        assert_eq!(proxies, ["10.0.0.1".parse::<std::net::IpAddr>().unwrap(), "::1".parse().unwrap()]);
    }
}
