//! Sessions in the database, so that several app instances serve one person.
//!
//! tower-sessions has a ready-made sqlx store, but for `SqlitePool` or `PgPool` only; ours runs on
//! the `Any` pool like the rest of the store. The record's data and expiry are kept as JSON text.
//!
//! A session's id is a bearer key to an account, so the table keeps only its SHA-256 (as a
//! password table keeps hashes): a copy of the database, a backup or a log of its queries opens no
//! session. The id's 128 random bits make a salt and a slow hash unnecessary.

use async_trait::async_trait;
use sha2::{Digest, Sha256};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

use super::Store;

/// The session store of the `senda` server.
#[derive(Clone, Debug)]
pub struct DatabaseSessions {
    store: Store,
}

impl DatabaseSessions {
    pub fn new(store: Store) -> Self {
        Self { store }
    }
}

/// What is kept of a record besides its id.
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored {
    data: std::collections::HashMap<String, serde_json::Value>,
    expiry_date: tower_sessions::cookie::time::OffsetDateTime,
}

fn encode(record: &Record) -> session_store::Result<String> {
    let stored = Stored { data: record.data.clone(), expiry_date: record.expiry_date };
    serde_json::to_string(&stored).map_err(|e| session_store::Error::Encode(e.to_string()))
}

/// The key a session is stored under: the hash of its id, never the id itself.
fn key(id: &Id) -> String {
    let digest = Sha256::digest(id.to_string().as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn backend(error: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

#[async_trait]
impl SessionStore for DatabaseSessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A fresh id until one is free: collisions of 128-bit random ids are theoretical, but
        // silently sharing a session would be the worst possible bug here.
        loop {
            let data = encode(record)?;
            let inserted = sqlx::query(
                "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
            )
            .bind(key(&record.id))
            .bind(data)
            .bind(record.expiry_date.unix_timestamp())
            .execute(&self.store.writer)
            .await
            .map_err(backend)?
            .rows_affected();
            if inserted == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = encode(record)?;
        sqlx::query(
            "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
        )
        .bind(key(&record.id))
        .bind(data)
        .bind(record.expiry_date.unix_timestamp())
        .execute(&self.store.writer)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let data: Option<String> =
            sqlx::query_scalar("SELECT data FROM sessions WHERE id = $1 AND expires_at > $2")
                .bind(key(id))
                .bind(unix_now())
                .fetch_optional(&self.store.pool)
                .await
                .map_err(backend)?;
        data.map(|data| {
            let stored: Stored =
                serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
            Ok(Record { id: *id, data: stored.data, expiry_date: stored.expiry_date })
        })
        .transpose()
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(key(id))
            .execute(&self.store.writer)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for DatabaseSessions {
    async fn delete_expired(&self) -> session_store::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(unix_now())
            .execute(&self.store.writer)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[cfg(test)]
mod tests {
    use tower_sessions::cookie::time::{Duration, OffsetDateTime};

    use super::*;

    fn record(expires_in: Duration) -> Record {
        let mut data = std::collections::HashMap::new();
        data.insert("axum-login.data".to_owned(), serde_json::json!({ "user_id": "u1" }));
        Record { id: Id::default(), data, expiry_date: OffsetDateTime::now_utc() + expires_in }
    }

    #[tokio::test]
    async fn a_session_round_trips_until_it_expires_or_is_deleted() {
        let (store, folder) = crate::tests::temp_sqlite().await;
        store.migrate().await.unwrap();
        let sessions = DatabaseSessions::new(store.clone());

        let mut live = record(Duration::hours(1));
        sessions.create(&mut live).await.unwrap();
        assert_eq!(sessions.load(&live.id).await.unwrap().map(|r| r.data), Some(live.data.clone()));

        let mut stale = record(Duration::seconds(-5));
        sessions.create(&mut stale).await.unwrap();
        assert!(sessions.load(&stale.id).await.unwrap().is_none(), "an expired session is refused");
        sessions.delete_expired().await.unwrap();
        let left: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(&store.pool).await.unwrap();
        assert_eq!(left, 1);

        let kept: Vec<String> =
            sqlx::query_scalar("SELECT id FROM sessions").fetch_all(&store.pool).await.unwrap();
        assert_eq!(kept, vec![key(&live.id)]);
        assert!(!kept[0].contains(&live.id.to_string()), "the table never holds a session's id");

        sessions.delete(&live.id).await.unwrap();
        assert!(sessions.load(&live.id).await.unwrap().is_none());
        store.close().await;
        let _ = std::fs::remove_dir_all(folder);
    }
}
