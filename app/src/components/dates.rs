//! Dates as the pages show them.

use chrono::{DateTime, Utc};

/// The day of an instant, as `YYYY-MM-DD` (UTC).
pub fn day(time: &DateTime<Utc>) -> String {
    time.date_naive().to_string()
}

/// An instant to the minute, as `YYYY-MM-DD HH:MM UTC`.
pub fn minute(time: &DateTime<Utc>) -> String {
    time.format("%Y-%m-%d %H:%M UTC").to_string()
}
