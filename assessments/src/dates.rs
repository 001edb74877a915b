//! Calendar dates: chrono's `NaiveDate` everywhere in the domain, `YYYY-MM-DD` text only where
//! they are stored and typed (the database, forms, questionnaire files), read with [`parse`].
//! No clock here: the caller says what today is.

use chrono::{Datelike, Duration, NaiveDate};

/// A date written `YYYY-MM-DD` that exists on the calendar; `None` for anything else
/// (`2026-02-31`, `2026-2-1`, `01/02/2026`).
pub fn parse(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
    shaped.then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()).flatten()
}

/// A date a person may plausibly give about their workplace: a real one between 1900 and 2199.
pub fn parse_plausible(text: &str) -> Option<NaiveDate> {
    parse(text).filter(|date| (1900..2200).contains(&date.year()))
}

/// `date` plus `days`; `None` past the calendar's end.
pub fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_signed(Duration::try_days(days)?)
}

/// Days from `from` to `to`.
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// A date for tests and examples, written as it reads: `day("2026-11-27")`.
///
/// # Panics
/// When `text` is not a date: only ever called with literals.
pub fn day(text: &str) -> NaiveDate {
    parse(text).unwrap_or_else(|| panic!("{text:?} is not a YYYY-MM-DD date"))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn days_are_counted_across_months_years_and_leap_days() {
        assert_eq!(days_between(day("2024-02-28"), day("2024-03-01")), 2);
        assert_eq!(days_between(day("2025-12-31"), day("2026-01-01")), 1);
        assert_eq!(add_days(day("2026-11-27"), 30), Some(day("2026-12-27")));
        assert_eq!(add_days(day("2026-11-27"), 365), Some(day("2027-11-27")));
        assert_eq!(add_days(day("2028-02-28"), 1), Some(day("2028-02-29")));
    }

    #[test]
    fn only_real_dates_written_year_month_day_are_dates() {
        assert!(parse("2024-02-29").is_some());
        for wrong in [
            "2026-13-01",
            "2026-02-31",
            "2023-02-29",
            "2024-01-00",
            "2024-1-01",
            "2024/01/01",
            "+2024-01-1",
            "",
        ] {
            assert_eq!(parse(wrong), None, "{wrong}");
        }
        assert_eq!(parse_plausible("1899-12-31"), None);
        assert!(parse_plausible("1900-01-01").is_some());
    }

    proptest! {
        #[test]
        fn adding_days_and_counting_them_agree(start in 0i64..100_000, days in -20_000i64..20_000) {
            let from = add_days(day("1900-01-01"), start).unwrap();
            let to = add_days(from, days).unwrap();
            prop_assert_eq!(days_between(from, to), days);
            prop_assert_eq!(parse(&to.to_string()), Some(to), "written and read back");
        }
    }
}
