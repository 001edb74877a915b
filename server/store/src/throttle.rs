//! Sign-in throttling, counted in the database so that it holds across several app instances.
//!
//! An attempt is counted *before* its password is checked, in one transaction per attempt that
//! locks the keys it counts against: fifty attempts sent at once are heard one after another, and
//! each sees the failures of those before it. A key whose wait has not passed refuses the attempt
//! without counting it, so waiting out a delay is always enough. A correct password then takes
//! its attempt back and clears its account and address pair (see
//! [`Store::settle_successful_sign_in`]); keys shared with others (an address, an account) keep
//! their other failures until a quiet day has passed.

use chrono::{DateTime, Utc};

use super::{Store, StoreResult, instant};

/// After this long without a failure, a key starts again from zero.
const FORGET_AFTER_HOURS: i64 = 24;

/// What became of an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// Counted as a failure until its password proves right: check the password.
    Admitted,
    /// Not heard: a key's wait lasts until this instant.
    Refused { until: DateTime<Utc> },
}

impl Store {
    /// Counts one sign-in attempt against each of `keys`, unless one of them is still waiting.
    /// `next_attempt` says, from a key's index and its failures counting this one, when that key
    /// may be tried again.
    pub async fn count_sign_in_attempt(
        &self,
        keys: &[String],
        now: DateTime<Utc>,
        next_attempt: impl Fn(usize, i64) -> DateTime<Utc>,
    ) -> StoreResult<Attempt> {
        let mut transaction = self.begin_checked().await?;
        let mut counts = Vec::with_capacity(keys.len());
        // Always in the same order, so two attempts never wait for each other's locks.
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
        for index in order {
            // The no-op update of an existing row takes its lock (on PostgreSQL; SQLite's
            // `BEGIN IMMEDIATE` has taken the whole database already) until this attempt commits.
            let (failures, last_failure_at, next_attempt_at) = sqlx::query_as::<_, (i64, String, String)>(
                "INSERT INTO sign_in_throttle (key, failures, last_failure_at, next_attempt_at) \
                 VALUES ($1, 0, $2, $2) \
                 ON CONFLICT (key) DO UPDATE SET failures = sign_in_throttle.failures \
                 RETURNING failures, last_failure_at, next_attempt_at",
            )
            .bind(&keys[index])
            .bind(super::format_instant(now))
            .fetch_one(&mut *transaction)
            .await?;
            let forgotten = now - instant(&last_failure_at)? > chrono::Duration::hours(FORGET_AFTER_HOURS);
            let until = instant(&next_attempt_at)?;
            if !forgotten && now < until {
                transaction.rollback().await?;
                return Ok(Attempt::Refused { until });
            }
            counts.push((index, if forgotten { 1 } else { failures + 1 }));
        }
        for (index, failures) in counts {
            sqlx::query(
                "UPDATE sign_in_throttle SET failures = $2, last_failure_at = $3, next_attempt_at = $4 \
                 WHERE key = $1",
            )
            .bind(&keys[index])
            .bind(failures)
            .bind(super::format_instant(now))
            .bind(super::format_instant(next_attempt(index, failures)))
            .execute(&mut *transaction)
            .await?;
        }
        transaction.commit().await?;
        Ok(Attempt::Admitted)
    }

    /// Settles an attempt whose password proved right: it was counted as a failure against each
    /// of `keys`, so it is taken back from each, and the wait it may have started ends; the first
    /// key (the person's own account and address pair) also forgets its earlier failures.
    /// Failures counted on the other keys were someone's, and may well be someone else's: they
    /// stay, and the next one starts its wait again.
    pub async fn settle_successful_sign_in(&self, keys: &[String], now: DateTime<Utc>) -> StoreResult<()> {
        let mut transaction = self.begin_checked().await?;
        // In the order attempts lock them (see `count_sign_in_attempt`): never a deadlock.
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
        for index in order {
            let settle = if index == 0 {
                sqlx::query("DELETE FROM sign_in_throttle WHERE key = $1").bind(&keys[index])
            } else {
                sqlx::query(
                    "UPDATE sign_in_throttle SET failures = failures - 1, next_attempt_at = $2 \
                     WHERE key = $1 AND failures > 0",
                )
                .bind(&keys[index])
                .bind(super::format_instant(now))
            };
            settle.execute(&mut *transaction).await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    /// Deletes the keys whose failures are forgotten (a quiet day) and whose wait is over: the
    /// table keeps only what still counts.
    pub async fn sweep_sign_in_throttle(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        let forgotten = now - chrono::Duration::hours(FORGET_AFTER_HOURS);
        let swept =
            sqlx::query("DELETE FROM sign_in_throttle WHERE last_failure_at < $1 AND next_attempt_at < $2")
                .bind(super::format_instant(forgotten))
                .bind(super::format_instant(now))
                .execute(&self.writer)
                .await?
                .rows_affected();
        Ok(swept)
    }

    /// Whether the account of `email` signed in from `ip` since `since`: a usual place of its
    /// owner, where failures of strangers elsewhere do not slow them down.
    pub async fn signed_in_from(&self, email: &str, ip: &str, since: DateTime<Utc>) -> StoreResult<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM audit_log a JOIN users u ON u.id = a.actor_user_id \
             WHERE u.email = $1 AND a.ip = $2 AND a.action = 'signed_in' AND a.occurred_at >= $3 LIMIT 1",
        )
        .bind(email)
        .bind(ip)
        .bind(super::format_instant(since))
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    #[tokio::test]
    async fn a_wait_refuses_without_counting_and_a_quiet_day_is_swept_away() {
        let (store, folder) = crate::tests::temp_sqlite().await;
        store.migrate().await.unwrap();
        let now = Utc::now();
        let keys = ["pair:ana 10.0.0.1".to_owned()];
        let wait_a_minute = |_: usize, _: i64| now + Duration::minutes(1);
        assert_eq!(store.count_sign_in_attempt(&keys, now, wait_a_minute).await.unwrap(), Attempt::Admitted);
        let Attempt::Refused { until } =
            store.count_sign_in_attempt(&keys, now, wait_a_minute).await.unwrap()
        else {
            panic!("a second attempt within the minute is heard")
        };
        // Stored to the microsecond.
        assert!((until - (now + Duration::minutes(1))).abs() < Duration::microseconds(1));
        let failures: i64 =
            sqlx::query_scalar("SELECT failures FROM sign_in_throttle").fetch_one(&store.pool).await.unwrap();
        assert_eq!(failures, 1, "a refused attempt is not counted");

        let old = ["address:10.0.0.2".to_owned()];
        let two_days_ago = now - Duration::days(2);
        store.count_sign_in_attempt(&old, two_days_ago, |_, _| two_days_ago).await.unwrap();
        assert_eq!(store.sweep_sign_in_throttle(now).await.unwrap(), 1, "only the forgotten key goes");
        let left: Vec<String> =
            sqlx::query_scalar("SELECT key FROM sign_in_throttle").fetch_all(&store.pool).await.unwrap();
        assert_eq!(left, keys);
        store.close().await;
        let _ = std::fs::remove_dir_all(folder);
    }
}
