//! Sessions in the database, so that several app instances serve one person.
//!
//! tower-sessions has a ready-made sqlx store, but for `SqlitePool` or `PgPool` only; ours runs on
//! the `Any` pool like the rest of the store. The record's data and expiry are kept as JSON text
//! beside its id (the id itself is an `i128`, which JSON numbers do not carry safely).

use async_trait::async_trait;
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
            .bind(record.id.to_string())
            .bind(data)
            .bind(record.expiry_date.unix_timestamp())
            .execute(&self.store.pool)
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
        .bind(record.id.to_string())
        .bind(data)
        .bind(record.expiry_date.unix_timestamp())
        .execute(&self.store.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let data: Option<String> =
            sqlx::query_scalar("SELECT data FROM sessions WHERE id = $1 AND expires_at > $2")
                .bind(id.to_string())
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
            .bind(id.to_string())
            .execute(&self.store.pool)
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
            .execute(&self.store.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}
