//! Dates as the pages show them.

/// The day of an RFC 3339 time, as `YYYY-MM-DD`.
pub fn day(time: &str) -> String {
    time.chars().take(10).collect()
}
