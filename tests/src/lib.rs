//! Shared harness of Senda's integration and browser tests.
//!
//! [`TestApp`] starts the real server — the same router, store and migrations that ship — on a
//! random port with a fresh database. Which database is chosen by the environment, so one suite
//! runs in two lanes:
//!
//! - SQLite (always): a new file in a new folder under the system temp dir.
//! - PostgreSQL: when `SENDA_TEST_POSTGRES_URL` names a server (an admin URL such as
//!   `postgres://postgres@127.0.0.1:55432/postgres`), each test gets a database of its own,
//!   dropped when the test ends.

pub mod browser;
pub mod process;

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::Router;
use server::{AppState, DatabaseUrl, Settings, Store};
use sqlx::{Connection, Executor};

/// A request that takes longer has hung: fail the test instead of the whole CI run.
const REQUEST_PATIENCE: std::time::Duration = std::time::Duration::from_secs(60);

/// The environment variable that turns on the PostgreSQL lane.
pub const POSTGRES_URL_VAR: &str = "SENDA_TEST_POSTGRES_URL";

/// A server running in this process on a random port, over a database of its own.
pub struct TestApp {
    pub addr: SocketAddr,
    pub store: Store,
    pub library: std::sync::Arc<assessments::loader::Library>,
    pub database: TestDatabase,
    /// The whole application with its edge layers, kept to serve it again after a cut.
    app: Router,
    server: Option<Serving>,
}

/// The application being served, and how to stop it.
struct Serving {
    task: tokio::task::JoinHandle<()>,
    stop: tokio::sync::oneshot::Sender<()>,
}

impl Serving {
    fn start(listener: tokio::net::TcpListener, app: Router) -> Self {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
                .expect("test server");
        });
        Self { task, stop }
    }
}

impl TestApp {
    /// Starts the real application.
    pub async fn spawn() -> Self {
        Self::spawn_with(|routes| routes).await
    }

    /// Starts the application with extra routes (added inside the edge layers), e.g. one that
    /// panics, to test what the edge does with it.
    pub async fn spawn_with(extend: impl FnOnce(Router) -> Router) -> Self {
        Self::start(extend, shipped_assessments(), |_| {}).await
    }

    /// Starts the application on the questionnaires and catalog of `assessments_dir`.
    pub async fn spawn_with_assessments(assessments_dir: PathBuf) -> Self {
        Self::start(|routes| routes, assessments_dir, |_| {}).await
    }

    /// Starts the application with its settings changed by `adjust` (HTTPS, trusted proxies…).
    pub async fn spawn_with_settings(adjust: impl FnOnce(&mut Settings)) -> Self {
        Self::start(|routes| routes, shipped_assessments(), adjust).await
    }

    async fn start(
        extend: impl FnOnce(Router) -> Router,
        assessments_dir: PathBuf,
        adjust: impl FnOnce(&mut Settings),
    ) -> Self {
        // Server logs only when asked for: they drown test output otherwise.
        if std::env::var_os("TEST_LOG").is_some() {
            server::telemetry::init();
        }
        let database = TestDatabase::create().await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a free port");
        let addr = listener.local_addr().expect("local address");
        let mut settings = database.settings(addr, assessments_dir);
        adjust(&mut settings);
        let state = AppState::prepare(settings).await.expect("open and migrate the test database");
        let store = state.store.clone();
        let library = state.library.clone();
        let https = state.settings.secure_cookies;
        let app = server::http::with_edge_layers(extend(server::http::routes(state)), https);
        let server = Some(Serving::start(listener, app.clone()));
        Self { addr, store, library, database, app, server }
    }

    /// Cuts the connection, as a field office loses its signal: the server stops listening and
    /// closes its open connections, so the next request is refused.
    pub async fn cut_connection(&mut self) {
        if let Some(mut serving) = self.server.take() {
            let _ = serving.stop.send(());
            // A connection that does not close in time is dropped with the server.
            if tokio::time::timeout(std::time::Duration::from_secs(5), &mut serving.task).await.is_err() {
                serving.task.abort();
            }
        }
    }

    /// Serves again on the same address and database, as when the signal returns.
    pub async fn restore_connection(&mut self) {
        assert!(self.server.is_none(), "the connection was not cut");
        let listener = tokio::net::TcpListener::bind(self.addr).await.expect("bind the same address again");
        self.server = Some(Serving::start(listener, self.app.clone()));
    }

    /// The absolute URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// An HTTP client that does not follow redirects, so tests see them.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(REQUEST_PATIENCE)
            .build()
            .expect("http client")
    }

    /// GETs `path` with an optional `Cookie` header; returns status, headers and body.
    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut request = self.client().get(self.url(path));
        if let Some(cookie) = cookie {
            request = request.header(reqwest::header::COOKIE, cookie);
        }
        reply(request.send().await).await
    }
}

/// The demo's organizations and accounts (see `senda demo`).
pub mod demo {
    pub const MILL: &str = "Ingenio La Esperanza (demo)";
    pub const TOBACCO: &str = "Tabacalera del Nayar (demo)";
    pub const MILL_ADMIN: &str = "admin@ingenio.demo.senda.mx";
    pub const MILL_MEMBER: &str = "personal@ingenio.demo.senda.mx";
    pub const TOBACCO_ADMIN: &str = "admin@tabacalera.demo.senda.mx";
    pub const TOBACCO_MEMBER: &str = "personal@tabacalera.demo.senda.mx";
    pub const ADVISOR: &str = "asesora@asesores.demo.senda.mx";
    pub const ASSOCIATION_ADMIN: &str = "admin@union.demo.senda.mx";
    pub const ASSOCIATION_VIEWER: &str = "consulta@union.demo.senda.mx";
    pub const PLATFORM_ADMIN: &str = "plataforma@demo.senda.mx";
    pub const UNION: &str = "Unión de Cañeros de Nayarit (demo)";
    pub const TOBACCO_ASSOCIATION: &str = "Asociación de Tabacaleros de Nayarit (demo)";
    pub const TOBACCO_ASSOCIATION_ADMIN: &str = "admin@tabacaleros.demo.senda.mx";
    /// The growers: 1 to 5 share with the union; 6 has its request still to answer.
    pub const GROWER_1: &str = "Productor de caña 1 (demo)";
    pub const GROWER_1_ADMIN: &str = "admin@canero1.demo.senda.mx";
    pub const GROWER_2_ADMIN: &str = "admin@canero2.demo.senda.mx";
    pub const GROWER_6: &str = "Productor de caña 6 (demo)";
    pub const GROWER_6_ADMIN: &str = "admin@canero6.demo.senda.mx";
}

/// The password of every demo account in the tests.
pub const DEMO_PASSWORD: &str = "zafra-de-prueba-2026";

impl TestApp {
    /// Loads `senda demo` into this app's database.
    pub async fn load_demo(&self) {
        server::accounts::load_demo(&self.store, &self.library, DEMO_PASSWORD).await.expect("load the demo");
    }

    /// The demo company's submitted assessment, answered on version 1 (each demo company also has
    /// a newer one, of the latest version, in progress).
    pub async fn demo_assessment(
        &self,
        company: assessments::ids::OrganizationId,
    ) -> assessments::ids::AssessmentId {
        let member =
            if self.organization_id(assessments::organization::OrganizationKind::Company, demo::MILL).await
                == company
            {
                demo::MILL_MEMBER
            } else {
                demo::TOBACCO_MEMBER
            };
        let account = self.store.account_by_email(member).await.expect("query").expect("the demo member");
        let viewer = self.store.viewer(account.id).await.expect("query").expect("memberships");
        let list = self.store.assessments_of(&viewer, company).await.expect("the company's assessments");
        list.iter()
            .find(|a| a.status == assessments::answers::AssessmentStatus::Submitted)
            .expect("the demo's submitted assessment")
            .id
    }

    /// The newest lines of `company`'s audit log, as its admin `admin` reads them.
    pub async fn audit_log(
        &self,
        company: assessments::ids::OrganizationId,
        admin: &str,
    ) -> Vec<assessments::access::AuditLine> {
        let account = self.store.account_by_email(admin).await.expect("query").expect("the admin");
        let viewer = self.store.viewer(account.id).await.expect("query").expect("memberships");
        let (page, whole) = (store::audit::AuditPage { skip: 0, lines: 1000 }, Default::default());
        self.store.audit_log(&viewer, company, &whole, page).await.expect("the admin reads the log").0
    }

    /// The id of the organization of `kind` called `name`.
    pub async fn organization_id(
        &self,
        kind: assessments::organization::OrganizationKind,
        name: &str,
    ) -> assessments::ids::OrganizationId {
        self.store.organization_named(kind, name).await.expect("query").expect("organization exists")
    }

    /// A browser-like client with its own cookie jar, not signed in.
    pub fn visitor(&self) -> Visitor {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(REQUEST_PATIENCE)
            .build()
            .expect("http client");
        Visitor { base: format!("http://{}", self.addr), client }
    }

    /// A client signed in as `email` with the demo password.
    pub async fn signed_in(&self, email: &str) -> Visitor {
        let visitor = self.visitor();
        let reply = visitor.post_form("/entrar", &[("email", email), ("password", DEMO_PASSWORD)]).await;
        assert_eq!(reply.status, 303, "sign-in of {email} failed: {reply:?}");
        assert_eq!(reply.header("location"), Some("/"), "sign-in of {email} was refused");
        visitor
    }
}

/// One person's browser, as far as HTTP goes: cookies kept, redirects shown.
pub struct Visitor {
    base: String,
    pub client: reqwest::Client,
}

impl Visitor {
    /// Gets a page as a browser does (`Accept: text/html`).
    pub async fn get(&self, path: &str) -> Reply {
        reply(self.client.get(format!("{}{path}", self.base)).header("accept", "text/html").send().await)
            .await
    }

    /// Gets a file (a PDF, say): status and bytes.
    pub async fn get_bytes(&self, path: &str) -> (u16, Vec<u8>) {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request reaches the test server");
        let status = response.status().as_u16();
        (status, response.bytes().await.expect("response body").to_vec())
    }

    /// Saves `question_id`'s answer again as its section's form would, keeping the answer and
    /// writing `note`: the change that outdates whatever rested on the old one.
    pub async fn save_note_again(
        &self,
        assessment: &str,
        section: &str,
        question_id: &str,
        note: &str,
    ) -> Reply {
        let page =
            self.call("assessments/section", &[("assessment_id", assessment), ("section_id", section)]).await;
        let page: app::model::assessment::SectionToAnswer =
            serde_json::from_str(&page.body).expect("a section");
        let saved = page.answers.iter().find(|a| a.question_id == question_id).expect("a saved answer");
        let values = saved.value.as_ref().expect("an answer").as_form_values();
        let mut fields: Vec<(String, String)> =
            values.into_iter().map(|v| (format!("a.{question_id}"), v)).collect();
        fields.push((format!("n.{question_id}"), note.to_owned()));
        fields.push((format!("r.{question_id}"), saved.revision.to_string()));
        fields.push((format!("f.{question_id}"), saved.fingerprint()));
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        self.post_form(&format!("/evaluaciones/{assessment}/secciones/{section}"), &fields).await
    }

    /// Posts a form as a browser does (`Accept: text/html`).
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let request =
            self.client.post(format!("{}{path}", self.base)).header("accept", "text/html").form(fields);
        reply(request.send().await).await
    }

    /// Posts a multipart form (one that carries files) as a browser does.
    pub async fn post_multipart(&self, path: &str, form: reqwest::multipart::Form) -> Reply {
        let request =
            self.client.post(format!("{}{path}", self.base)).header("accept", "text/html").multipart(form);
        reply(request.send().await).await
    }

    /// Calls a server function as any HTTP client could.
    pub async fn call(&self, endpoint: &str, fields: &[(&str, &str)]) -> Reply {
        let request = self
            .client
            .post(format!("{}/api/{endpoint}", self.base))
            .header("accept", "application/json")
            .form(fields);
        reply(request.send().await).await
    }
}

impl Visitor {
    /// Calls a server function that takes JSON (`input = Json`), as the hydrated page does.
    pub async fn call_json(&self, endpoint: &str, body: &serde_json::Value) -> Reply {
        let request = self
            .client
            .post(format!("{}/api/{endpoint}", self.base))
            .header("accept", "application/json")
            .json(body);
        reply(request.send().await).await
    }
}

async fn reply(response: reqwest::Result<reqwest::Response>) -> Reply {
    let response = response.expect("request reaches the test server");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.text().await.expect("response body");
    Reply { status, headers, body }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(serving) = &self.server {
            serving.task.abort();
        }
    }
}

/// What a test needs of an HTTP response.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

/// The compiled site that `cargo leptos build` leaves in the workspace.
pub fn site_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/site")
}

/// The questionnaires and catalog exactly as shipped.
pub fn shipped_assessments() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../assessments")
}

/// What a reader sees of a page: its text without tags or the renderer's markers, spaces
/// collapsed. Enough for `contains` checks that must not depend on how Leptos splits text nodes.
pub fn visible_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A copy of the shipped assessments folder that a test may change; removed on drop.
pub struct AssessmentsCopy {
    pub path: PathBuf,
}

impl AssessmentsCopy {
    pub fn new() -> Self {
        let path = std::env::temp_dir().join(format!("senda_assessments_{}", unique_suffix()));
        let shipped = shipped_assessments();
        copy_folder(&shipped.join("questionnaires"), &path.join("questionnaires"));
        for file in ["requirements.toml", "parameters.toml"] {
            std::fs::copy(shipped.join(file), path.join(file)).expect("copy the catalog and the parameters");
        }
        Self { path }
    }

    /// The shipped files plus the test questionnaire `tests/fixtures/questionnaires/{id}`.
    pub fn with_fixture(id: &str) -> Self {
        let copy = Self::new();
        let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/questionnaires").join(id);
        copy_folder(&fixture, &copy.path.join("questionnaires").join(id));
        copy
    }

    /// The shipped files with version 1 as it read while published, for the tests whose
    /// hand-worked figures were made on it (it was retired when version 3 was published).
    pub fn with_version_1_published() -> Self {
        let copy = Self::new();
        copy.edit("questionnaires/agro-laboral/1.toml", "status = \"retired\"", "status = \"published\"");
        copy
    }

    /// Replaces the first occurrence of `from` with `to` in the file at `relative`.
    pub fn edit(&self, relative: &str, from: &str, to: &str) {
        let file = self.path.join(relative);
        let text = std::fs::read_to_string(&file).expect("read the copied file");
        assert!(text.contains(from), "{relative} does not contain {from:?}");
        std::fs::write(&file, text.replacen(from, to, 1)).expect("write the copied file");
    }
}

impl Default for AssessmentsCopy {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for AssessmentsCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

fn copy_folder(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder").map(|e| e.expect("folder entry")) {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// A database that exists for one test only.
pub struct TestDatabase {
    pub url: DatabaseUrl,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteFolder(PathBuf),
    PostgresDatabase { admin_url: String, name: String },
}

impl TestDatabase {
    /// A fresh, empty database in the lane chosen by the environment.
    pub async fn create() -> Self {
        let name = format!("senda_test_{}", unique_suffix());
        match std::env::var(POSTGRES_URL_VAR) {
            Ok(blank) if blank.trim().is_empty() => {
                panic!(
                    "{POSTGRES_URL_VAR} is set but blank: name a server, or unset it to test on SQLite only"
                )
            }
            Ok(admin_url) => {
                let mut admin = sqlx::PgConnection::connect(&admin_url)
                    .await
                    .unwrap_or_else(|e| panic!("{POSTGRES_URL_VAR} names no reachable server: {e}"));
                admin
                    .execute(format!(r#"CREATE DATABASE "{name}""#).as_str())
                    .await
                    .expect("create test database");
                let url = replace_database_name(&admin_url, &name).parse().expect("postgres test url");
                Self { url, cleanup: Cleanup::PostgresDatabase { admin_url, name } }
            }
            _ => {
                // A folder that does not exist yet: the server must create it.
                let folder = std::env::temp_dir().join(&name);
                let url = format!("sqlite://{}/data/senda.db", folder.display()).parse().expect("sqlite url");
                Self { url, cleanup: Cleanup::SqliteFolder(folder) }
            }
        }
    }

    /// Server settings over this database.
    pub fn settings(&self, addr: SocketAddr, assessments_dir: PathBuf) -> Settings {
        Settings {
            addr,
            database_url: self.url.clone(),
            site_root: site_root(),
            assessments_dir,
            secure_cookies: false,
            trusted_proxies: Vec::new(),
            smtp_url: None,
            mail_from: "Senda <senda@localhost>".to_owned(),
            mail_every: std::time::Duration::from_secs(300),
            aggregate_minimum: assessments::sharing::Minimum::default(),
        }
    }

    /// Runs `sql` on this database behind the server's back: to break it in a test of what the
    /// server does then.
    pub async fn execute(&self, sql: &str) {
        sqlx::any::install_default_drivers();
        let mut connection =
            sqlx::AnyConnection::connect(self.url.as_str()).await.expect("connect to the test database");
        connection.execute(sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.cleanup, Cleanup::PostgresDatabase { .. })
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::SqliteFolder(folder) => {
                let _ = std::fs::remove_dir_all(folder);
            }
            Cleanup::PostgresDatabase { admin_url, name } => {
                // Drop runs inside the test's runtime, which cannot be blocked on: use a thread
                // with a runtime of its own.
                let (admin_url, name) = (admin_url.clone(), name.clone());
                let _ = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
                    runtime.block_on(async {
                        let mut admin = sqlx::PgConnection::connect(&admin_url).await?;
                        admin
                            .execute(format!(r#"DROP DATABASE IF EXISTS "{name}" WITH (FORCE)"#).as_str())
                            .await?;
                        anyhow::Ok(())
                    })
                })
                .join();
            }
        }
    }
}

/// Unique across the processes and threads of one test run.
fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("{}_{}_{nanos}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// `postgres://u@h:p/postgres?x` with the database `name` instead.
fn replace_database_name(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{name}", &base[..host_end]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

/// Reads a PDF with poppler's `pdftotext` and `pdfinfo` — a reader independent of the library
/// that wrote it: its text (pages end with a form feed) and its page count.
pub fn read_pdf(bytes: &[u8]) -> (String, usize) {
    use std::process::Command;

    let file = std::env::temp_dir().join(format!("senda-pdf-{}.pdf", unique_suffix()));
    std::fs::write(&file, bytes).expect("write the PDF");
    let text = Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(text.status.success(), "pdftotext refused the PDF: {}", String::from_utf8_lossy(&text.stderr));
    let info = Command::new("pdfinfo").arg(&file).output().expect("pdfinfo (poppler-utils) is installed");
    let pages = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("Pages:").and_then(|n| n.trim().parse().ok()))
        .expect("a page count");
    let _ = std::fs::remove_file(file);
    (String::from_utf8(text.stdout).expect("UTF-8 text"), pages)
}

#[cfg(test)]
mod tests {
    use super::replace_database_name;

    #[test]
    fn the_database_name_is_replaced_and_the_rest_kept() {
        assert_eq!(
            replace_database_name("postgres://postgres@127.0.0.1:55432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:55432/t1"
        );
        assert_eq!(
            replace_database_name("postgres://h:1?sslmode=disable", "t1"),
            "postgres://h:1/t1?sslmode=disable"
        );
    }
}
