//! The store: the one place that speaks SQL.
//!
//! A crate of its own so that the server's routes and the app's server functions reach the same
//! scoped functions, and nothing else links a database driver.
//!
//! # Why one `AnyPool` rather than a trait with a SQLite and a PostgreSQL implementation
//!
//! Senda runs on SQLite (embedded default) and PostgreSQL (several app instances) and the same
//! tests must pass on both. We keep **one** set of queries on sqlx's `Any` driver, written in the
//! SQL both dialects share (`$1` placeholders, `RETURNING`, `ON CONFLICT … DO UPDATE`), so every
//! query is exercised by both test lanes — two implementations would mean two places for each
//! confidentiality rule to be forgotten in. The price is `Any`'s type list: it carries only
//! integers, floats, text and blobs (no UUID, timestamp, date, JSON or boolean column types). So the
//! schema uses TEXT for ids (UUIDs) and times (RFC 3339, UTC, which sorts correctly as text),
//! INTEGER 0/1 for flags (BIGINT for every integer column in PostgreSQL, since `Any` decodes
//! integers as 64-bit), and conversion to domain types happens in this module's row mapping.
//! Dialect differences that do come up live in the two migration folders, never in Rust.

use std::time::Duration;

use assessments::questionnaire::{Questionnaire, QuestionnaireSummary, Status};
use assessments::text::Text;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};

pub use crate::database_url::{DEFAULT_DATABASE_URL, DatabaseUrl};

pub mod accounts;
pub mod answers;
pub mod audit;
mod database_url;
pub mod evidence;
pub mod outbox;
pub mod plans;
pub mod reviews;
pub mod sessions;
pub mod sharing;
pub mod throttle;
pub mod verifications;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../../migrations/postgres");

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// What can go wrong in the store. Nothing of it is shown to a user as is.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Absent, or not visible to the one asking: deliberately the same answer.
    #[error("not found")]
    NotFound,
    /// A unique value (an email, a name, an active grant) is taken already.
    #[error("already exists")]
    Conflict,
    /// A request the rules do not allow, whatever the caller's rights.
    #[error("invalid: {0}")]
    Invalid(&'static str),
    /// A stored value the code does not recognize: a bug or a hand-edited database.
    #[error("unexpected stored value: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("could not create the database folder {path}: {source}")]
    CreateFolder { path: String, source: std::io::Error },
}

pub type StoreResult<T> = Result<T, StoreError>;

impl StoreError {
    /// Maps a unique-constraint violation to `Conflict`, keeping other errors as they are.
    fn from_unique_violation(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict,
            _ => StoreError::Database(error),
        }
    }
}

/// A new random id of any kind.
fn new_id<Id: From<uuid::Uuid>>() -> Id {
    uuid::Uuid::new_v4().into()
}

/// An optional id as stored (a nullable TEXT column), read at the database edge.
fn optional_id<Id: std::str::FromStr>(text: Option<String>) -> StoreResult<Option<Id>> {
    text.map(|text| text.parse().map_err(|_| StoreError::Corrupt(format!("id `{text}`")))).transpose()
}

/// An instant as stored (RFC 3339, UTC), read once at the database edge.
fn instant(text: &str) -> StoreResult<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|instant| instant.to_utc())
        .map_err(|_| StoreError::Corrupt(format!("instant `{text}`")))
}

/// A calendar date as stored (`YYYY-MM-DD`), read once at the database edge.
fn date(text: &str) -> StoreResult<chrono::NaiveDate> {
    assessments::dates::parse(text).ok_or_else(|| StoreError::Corrupt(format!("date `{text}`")))
}

/// A row of a query about many things at once, with the id of the thing it belongs to in its
/// last column, `keyed_by` (last, so that a tuple's columns, read by position, come first).
#[derive(sqlx::FromRow)]
pub(crate) struct Keyed<Row> {
    #[sqlx(flatten)]
    pub(crate) row: Row,
    pub(crate) keyed_by: String,
}

/// How many ids one `IN (…)` list binds: well under SQLite's and PostgreSQL's limits on bound
/// parameters.
const IDS_PER_QUERY: usize = 500;

/// The rows of `sql` for each of `keys`, in the order `sql` gives them. `sql` selects
/// `… AS keyed_by` last and writes `{keys}` where the `IN (…)` list of bound keys goes, its
/// only parameters; a long list is read a chunk at a time. For pages about many assessments or
/// companies at once (an advisor's portfolio): one query, not one per line.
async fn rows_keyed_by<Row>(
    pool: &AnyPool,
    sql: &str,
    keys: impl IntoIterator<Item = String>,
) -> StoreResult<std::collections::HashMap<String, Vec<Row>>>
where
    Row: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    let keys: Vec<String> = keys.into_iter().collect();
    let mut rows: std::collections::HashMap<String, Vec<Row>> = std::collections::HashMap::new();
    for chunk in keys.chunks(IDS_PER_QUERY) {
        let list = (1..=chunk.len()).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ");
        let sql = sql.replace("{keys}", &list);
        let mut query = sqlx::query_as::<_, Keyed<Row>>(&sql);
        for key in chunk {
            query = query.bind(key.clone());
        }
        for keyed in query.fetch_all(pool).await? {
            rows.entry(keyed.keyed_by).or_default().push(keyed.row);
        }
    }
    Ok(rows)
}

/// What is recorded of a questionnaire version: the hash of its file when first loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedVersion {
    pub content_hash: String,
    pub first_loaded_at: chrono::DateTime<chrono::Utc>,
    /// The version was recorded retired and its file says otherwise: a retirement is final.
    pub brought_back: bool,
}

/// The current time as stored: RFC 3339 in UTC to the second, which sorts correctly as text.
fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The current time to the microsecond, for histories whose lines must keep their order even
/// when several are written in one second. Sorts correctly as text, like [`now`].
fn now_precise() -> String {
    format_instant(chrono::Utc::now())
}

/// An instant as stored to the microsecond (see [`now_precise`]).
fn format_instant(instant: chrono::DateTime<chrono::Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Today's date in UTC: the date an assessment still in progress is scored on.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Parsed published questionnaire versions by id and version, shared by the pool's clones.
type PublishedVersions = std::sync::Arc<
    std::sync::RwLock<std::collections::HashMap<(String, u32), std::sync::Arc<Questionnaire>>>,
>;

/// A pool of connections to Senda's database.
#[derive(Clone)]
pub struct Store {
    /// Reads. On SQLite its connections are read-only (`query_only`), so a write sent here by
    /// mistake fails in every test instead of contending for the write lock.
    pool: AnyPool,
    /// Writes. On SQLite a pool of one connection: SQLite lets one writer in at a time anyway,
    /// and writers queued for one connection are served in order, where writers spread over many
    /// connections wait in SQLite's busy handler, which sleeps (up to 100 ms a try): that was a
    /// save's p99 of half a second under load (docs/BENCHMARKS.md). On PostgreSQL the same pool as
    /// `pool`.
    writer: AnyPool,
    backend: Backend,
    /// Published questionnaire versions, parsed once: they never change (see
    /// [`Store::load_questionnaire_version`]), and every page of an assessment needs one.
    published: PublishedVersions,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("backend", &self.backend).finish_non_exhaustive()
    }
}

/// An SQLite pool of `size` connections in WAL mode with foreign keys enforced; `read_only` ones
/// refuse to write.
fn sqlite_pool(size: u32, read_only: bool) -> AnyPoolOptions {
    AnyPoolOptions::new().max_connections(size).acquire_timeout(Duration::from_secs(5)).after_connect(
        move |connection, _meta| {
            Box::pin(async move {
                connection
                    .execute(
                        "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; \
                         PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;",
                    )
                    .await?;
                if read_only {
                    connection.execute("PRAGMA query_only = ON;").await?;
                }
                Ok(())
            })
        },
    )
}

impl Store {
    /// Connects to `url`. An SQLite file is created, with its folder, when missing; every SQLite
    /// connection runs in WAL mode (readers never wait for the writer) with foreign keys enforced.
    pub async fn connect(url: &DatabaseUrl) -> StoreResult<Self> {
        sqlx::any::install_default_drivers();
        let backend = if url.is_sqlite() { Backend::Sqlite } else { Backend::Postgres };
        let mut connect_url = url.as_str().to_owned();
        if backend == Backend::Sqlite {
            if let Some(folder) = url.sqlite_file().as_deref().and_then(std::path::Path::parent)
                && !folder.as_os_str().is_empty()
            {
                std::fs::create_dir_all(folder).map_err(|source| StoreError::CreateFolder {
                    path: folder.display().to_string(),
                    source,
                })?;
            }
            if !connect_url.contains("mode=") {
                connect_url.push(if connect_url.contains('?') { '&' } else { '?' });
                connect_url.push_str("mode=rwc");
            }
        }
        let options: AnyConnectOptions = connect_url.parse()?;
        let (pool, writer) = match backend {
            Backend::Sqlite => {
                // Readers never wait for the writer in WAL mode; a few of them beside it.
                let readers = sqlite_pool(8, true).connect_with(options.clone()).await?;
                let writer = sqlite_pool(1, false).connect_with(options).await?;
                (readers, writer)
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(options)
                    .await?;
                (pool.clone(), pool)
            }
        };
        Ok(Self { pool, writer, backend, published: Default::default() })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Brings the schema up to date. Safe to run at every start and from several instances.
    pub async fn migrate(&self) -> StoreResult<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.writer).await?;
        Ok(())
    }

    /// Number of migrations applied so far.
    pub async fn applied_migrations(&self) -> StoreResult<i64> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = TRUE")
            .fetch_one(&self.pool)
            .await?;
        Ok(count)
    }

    /// Writes a consistent copy of an SQLite database to `file` (which must not exist) while it
    /// keeps serving: `VACUUM INTO` reads one snapshot, so writes made meanwhile are either all
    /// in the copy or all not. PostgreSQL has its own tool for this (`pg_dump`): `Invalid`.
    pub async fn back_up_to(&self, file: &std::path::Path) -> StoreResult<()> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::Invalid("PostgreSQL is backed up with pg_dump, not by Senda"));
        }
        sqlx::query("VACUUM INTO $1").bind(file.to_string_lossy().into_owned()).execute(&self.writer).await?;
        Ok(())
    }

    /// Whether an SQLite database file is whole (`PRAGMA integrity_check`): before it replaces
    /// the one Senda serves.
    pub async fn is_intact(&self) -> StoreResult<bool> {
        let verdict: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&self.pool).await?;
        Ok(verdict == "ok")
    }

    /// Brings the query planner's statistics up to date (`ANALYZE`), as PostgreSQL's autovacuum
    /// and SQLite's `PRAGMA optimize` would in time: after a bulk load, until then, plans are
    /// made for empty tables.
    pub async fn refresh_statistics(&self) -> StoreResult<()> {
        sqlx::query("ANALYZE").execute(&self.writer).await?;
        Ok(())
    }

    /// Whether the database answers a trivial query.
    pub async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Loads a questionnaire version into the database and returns what is recorded of it.
    ///
    /// A published (or retired) version is written once: the first content ever seen wins, and a
    /// caller comparing the returned hash with its file's learns whether the file changed. Only
    /// its status may move on, published → retired, never back. A version recorded as a draft is
    /// replaced at every load, and may be published; one recorded published never becomes a
    /// draft again (its file then no longer matches, and the caller refuses it).
    pub async fn load_questionnaire_version(
        &self,
        questionnaire: &Questionnaire,
        content_hash: &str,
    ) -> StoreResult<RecordedVersion> {
        let summary = questionnaire.summary();
        let content = serde_json::to_string(questionnaire)
            .map_err(|e| StoreError::Corrupt(format!("questionnaire not serializable: {e}")))?;
        let status = match summary.status {
            Status::Draft => "draft",
            Status::Published => "published",
            Status::Retired => "retired",
        };
        // What the row held decides, not what the file now says: only a recorded draft is
        // replaced.
        let sql = "INSERT INTO questionnaire_versions (questionnaire_id, version, content_hash, first_loaded_at, \
             status, title_es, title_en, section_count, question_count, content) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (questionnaire_id, version) \
             DO UPDATE SET content_hash = excluded.content_hash, status = excluded.status, \
             title_es = excluded.title_es, title_en = excluded.title_en, section_count = excluded.section_count, \
             question_count = excluded.question_count, content = excluded.content \
             WHERE questionnaire_versions.status = 'draft'";
        sqlx::query(sql)
            .bind(summary.id.to_string())
            .bind(i64::from(summary.version))
            .bind(content_hash)
            .bind(now())
            .bind(status)
            .bind(summary.title.spanish())
            .bind(summary.title.get(assessments::Language::En))
            .bind(i64::from(summary.sections))
            .bind(i64::from(summary.questions))
            .bind(&content)
            .execute(&self.writer)
            .await?;
        let (content_hash_recorded, first_loaded_at, status_recorded): (String, String, String) =
            sqlx::query_as(
                "SELECT content_hash, first_loaded_at, status FROM questionnaire_versions \
             WHERE questionnaire_id = $1 AND version = $2",
            )
            .bind(summary.id.to_string())
            .bind(i64::from(summary.version))
            .fetch_one(&self.pool)
            .await?;
        let brought_back = status_recorded == "retired" && status != "retired";
        if content_hash_recorded == content_hash && !brought_back {
            // The same file, so the same content: rewriting it is harmless, lets the status move
            // on (published → retired) and fills rows recorded before contents were kept.
            sqlx::query(
                "UPDATE questionnaire_versions SET status = $1, title_es = $2, title_en = $3, section_count = $4, \
                 question_count = $5, content = $6 WHERE questionnaire_id = $7 AND version = $8",
            )
            .bind(status)
            .bind(summary.title.spanish())
            .bind(summary.title.get(assessments::Language::En))
            .bind(i64::from(summary.sections))
            .bind(i64::from(summary.questions))
            .bind(&content)
            .bind(summary.id.to_string())
            .bind(i64::from(summary.version))
            .execute(&self.writer)
            .await?;
        }
        Ok(RecordedVersion {
            content_hash: content_hash_recorded,
            first_loaded_at: instant(&first_loaded_at)?,
            brought_back,
        })
    }

    /// The published questionnaire versions, newest first within each questionnaire. Not company
    /// data: the questions are the same for everyone.
    pub async fn published_questionnaires(&self) -> StoreResult<Vec<QuestionnaireSummary>> {
        let rows = sqlx::query_as::<_, SummaryRow>(
            "SELECT questionnaire_id, version, title_es, title_en, section_count, question_count \
             FROM questionnaire_versions WHERE status = 'published' ORDER BY questionnaire_id, version DESC",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(QuestionnaireSummary {
                    version: count("version", row.version)?,
                    sections: count("section_count", row.section_count)?,
                    questions: count("question_count", row.question_count)?,
                    id: row.questionnaire_id,
                    status: Status::Published,
                    title: Text::new(row.title_es, Some(row.title_en)),
                })
            })
            .collect()
    }

    /// A transaction for a write that first checks, on the transaction's connection, who may make
    /// it. SQLite's `BEGIN IMMEDIATE` takes the write lock before the check: nothing commits
    /// between the two, so a grant revoked or a member removed meanwhile cannot slip through, and
    /// concurrent writers wait their turn (a plain `BEGIN` would read, then fail its write with
    /// `SQLITE_BUSY_SNAPSHOT` if another writer had committed meanwhile). On PostgreSQL (READ
    /// COMMITTED) the window shrinks to the transaction's length but is not closed: that needs the
    /// checked rows locked (`FOR SHARE`, which SQLite lacks) or SERIALIZABLE with retries.
    async fn begin_checked(&self) -> StoreResult<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.writer.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.writer.begin().await?,
        })
    }

    /// Closes every connection; later queries fail. Used at shutdown, and by tests of outages.
    pub async fn close(&self) {
        self.pool.close().await;
        self.writer.close().await;
    }
}

/// A published questionnaire version as listed, without its content.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    questionnaire_id: String,
    version: i64,
    title_es: String,
    title_en: String,
    section_count: i64,
    question_count: i64,
}

/// A stored count or version as the `u32` the domain uses (`Any` reads every integer as `i64`).
fn count(column: &str, value: i64) -> StoreResult<u32> {
    u32::try_from(value).map_err(|_| StoreError::Corrupt(format!("{column} {value}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) async fn temp_sqlite() -> (Store, std::path::PathBuf) {
        let folder = std::env::temp_dir()
            .join(format!("senda-store-{}", std::process::id()))
            .join(format!("{:?}", std::thread::current().id()).replace(['(', ')'], ""));
        let _ = std::fs::remove_dir_all(&folder);
        let url: DatabaseUrl = format!("sqlite://{}/nested/senda.db", folder.display()).parse().unwrap();
        (Store::connect(&url).await.unwrap(), folder)
    }

    #[tokio::test]
    async fn sqlite_creates_its_folder_and_runs_in_wal_mode_with_foreign_keys() {
        let (store, folder) = temp_sqlite().await;
        assert!(folder.join("nested/senda.db").is_file());
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&store.pool).await.unwrap();
        assert_eq!(journal, "wal");
        let foreign_keys: i64 =
            sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(&store.pool).await.unwrap();
        assert_eq!(foreign_keys, 1);
        store.close().await;
        let _ = std::fs::remove_dir_all(folder);
    }

    fn questionnaire(version: u32, status: Status, title: &str) -> Questionnaire {
        use assessments::questionnaire::DueDays;
        Questionnaire {
            id: "agro-laboral".into(),
            version,
            status,
            title: Text::new(title, None),
            intro: Text::new("Introducción", None),
            due_days: DueDays { critical: 30, high: 90, medium: 180, low: 365 },
            reference_from: None,
            sections: Vec::new(),
        }
    }

    #[tokio::test]
    async fn a_published_version_is_written_once_and_a_draft_is_replaced() {
        let (store, folder) = temp_sqlite().await;
        store.migrate().await.unwrap();
        let first = store
            .load_questionnaire_version(&questionnaire(1, Status::Published, "Uno"), "aaa")
            .await
            .unwrap();
        assert_eq!(first.content_hash, "aaa");
        let changed = store
            .load_questionnaire_version(&questionnaire(1, Status::Published, "Otro"), "bbb")
            .await
            .unwrap();
        assert_eq!(changed, first, "the first published content wins");

        store.load_questionnaire_version(&questionnaire(2, Status::Draft, "Borrador"), "ccc").await.unwrap();
        let redrafted = store
            .load_questionnaire_version(&questionnaire(2, Status::Draft, "Borrador 2"), "ddd")
            .await
            .unwrap();
        assert_eq!(redrafted.content_hash, "ddd", "a draft is replaced");

        let published = store.published_questionnaires().await.unwrap();
        assert_eq!(published.len(), 1);
        assert_eq!((published[0].version, published[0].title.spanish()), (1, "Uno"));
        store.close().await;
        let _ = std::fs::remove_dir_all(folder);
    }

    #[tokio::test]
    async fn migrations_run_twice_without_harm_and_a_closed_store_fails_its_ping() {
        let (store, folder) = temp_sqlite().await;
        store.migrate().await.unwrap();
        store.migrate().await.unwrap();
        assert!(store.applied_migrations().await.unwrap() >= 1);
        store.ping().await.unwrap();
        store.close().await;
        assert!(store.ping().await.is_err());
        let _ = std::fs::remove_dir_all(folder);
    }
}
