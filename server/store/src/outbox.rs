//! The mail outbox: mail is written here before it is sent, and marked once the mail server took
//! it, so a crash or restart between the two resends rather than loses it.

use assessments::ids::UserId;
use chrono::{DateTime, Utc};

use super::{Store, StoreResult, format_instant, now_precise};

/// A mail waiting to be sent.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OutboxMail {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
}

impl Store {
    /// Writes a mail to send, unless one with `dedupe_key` was written already; whether it was.
    pub async fn enqueue_mail(
        &self,
        dedupe_key: &str,
        recipient: &str,
        subject: &str,
        body: &str,
    ) -> StoreResult<bool> {
        let now = now_precise();
        let written = sqlx::query(
            "INSERT INTO mail_outbox (id, dedupe_key, recipient, subject, body, created_at, next_attempt_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (dedupe_key) DO NOTHING",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(dedupe_key)
        .bind(recipient)
        .bind(subject)
        .bind(body)
        .bind(&now)
        .execute(&self.writer)
        .await?;
        Ok(written.rows_affected() == 1)
    }

    /// Mail not sent yet whose next attempt is due at `now`, oldest first.
    pub async fn due_mail(&self, now: DateTime<Utc>, limit: i64) -> StoreResult<Vec<OutboxMail>> {
        Ok(sqlx::query_as::<_, OutboxMail>(
            "SELECT id, recipient, subject, body, attempts FROM mail_outbox \
             WHERE sent_at IS NULL AND next_attempt_at <= $1 ORDER BY created_at, id LIMIT $2",
        )
        .bind(format_instant(now))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn mark_mail_sent(&self, id: &str) -> StoreResult<()> {
        sqlx::query(
            "UPDATE mail_outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2",
        )
        .bind(now_precise())
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Records a failed attempt and when to try again.
    pub async fn mark_mail_failed(&self, id: &str, error: &str, retry_at: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query(
            "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3",
        )
        .bind(error)
        .bind(format_instant(retry_at))
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Everyone who belongs to an organization, with their email: whom a digest may be for.
    pub async fn people_with_memberships(&self) -> StoreResult<Vec<(UserId, String)>> {
        let rows = sqlx::query_as::<_, (String, String)>(
            "SELECT DISTINCT u.id, u.email FROM users u JOIN memberships m ON m.user_id = u.id ORDER BY u.email",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, email)| {
                Ok((id.parse().map_err(|_| super::StoreError::Corrupt(format!("user id {id}")))?, email))
            })
            .collect()
    }
}

impl Store {
    /// Whether a mail with `dedupe_key` was written already (sent or not).
    pub async fn mail_enqueued(&self, dedupe_key: &str) -> StoreResult<bool> {
        let found: Option<String> = sqlx::query_scalar("SELECT id FROM mail_outbox WHERE dedupe_key = $1")
            .bind(dedupe_key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(found.is_some())
    }
}
