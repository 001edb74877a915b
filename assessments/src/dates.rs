//! Calendar dates as Senda keeps them: `YYYY-MM-DD` text, compared and counted without a clock.

/// Days since 0000-03-01 in the proleptic Gregorian calendar; `None` if not `YYYY-MM-DD`.
pub fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-').map(|part| part.parse::<i64>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let (year, month) = if month <= 2 { (year - 1, month + 9) } else { (year, month - 3) };
    Some(365 * year + year / 4 - year / 100 + year / 400 + (153 * month + 2) / 5 + day - 1)
}

/// The date of a day number (the inverse of [`day_number`]).
pub fn from_day_number(days: i64) -> String {
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let (month, year_shift) = if month_index < 10 { (month_index + 3, 0) } else { (month_index - 9, 1) };
    let year = era * 400 + year_of_era + year_shift;
    format!("{year:04}-{month:02}-{day:02}")
}

/// `date` plus `days`; `None` if `date` is not `YYYY-MM-DD`.
pub fn add_days(date: &str, days: i64) -> Option<String> {
    Some(from_day_number(day_number(date)? + days))
}

/// Days from `from` to `to`.
pub fn days_between(from: &str, to: &str) -> Option<i64> {
    Some(day_number(to)? - day_number(from)?)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn days_are_counted_across_months_years_and_leap_days() {
        assert_eq!(days_between("2024-02-28", "2024-03-01"), Some(2));
        assert_eq!(days_between("2025-12-31", "2026-01-01"), Some(1));
        assert_eq!(add_days("2026-11-27", 30).as_deref(), Some("2026-12-27"));
        assert_eq!(add_days("2026-11-27", 365).as_deref(), Some("2027-11-27"));
        assert_eq!(add_days("2028-02-28", 1).as_deref(), Some("2028-02-29"));
        assert_eq!(day_number("2026-13-01"), None);
    }

    proptest! {
        #[test]
        fn a_day_number_round_trips(days in 600_000i64..900_000) {
            prop_assert_eq!(day_number(&from_day_number(days)), Some(days));
        }
    }
}
