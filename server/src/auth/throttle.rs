//! How sign-in attempts are slowed down: growing waits rather than a lockout, so that a stranger
//! guessing passwords cannot keep the owner out.
//!
//! Every attempt counts against its account and address *pair*. An attempt from an address the
//! account has signed in from before (its owner's usual place) counts against nothing else, so
//! failures elsewhere never slow the owner down there. An attempt from anywhere else also counts
//! against the *address* (one machine trying many accounts) and the *account* (many machines
//! trying one account). Each key is free for a few failures, then waits twice as long after each
//! one, up to a cap. The account's cap is short (a minute): a stranger who keeps failing on it
//! could otherwise keep its owner from signing in anywhere new; a minute's wait still holds many
//! machines to one guess a minute. An IPv6 address counts by its /64 (what one subscriber gets).
//! The counting itself is in `store::throttle`.

use chrono::{DateTime, Duration, Utc};

/// How far back a successful sign-in makes an address the account's usual place.
pub const USUAL_PLACE_DAYS: i64 = 90;

/// The first wait, after a key's free failures are used up; each further failure doubles it.
const FIRST_WAIT_SECONDS: i64 = 30;
/// No key ever waits longer than this between attempts...
const LONGEST_WAIT_MINUTES: i64 = 15;
/// ...and an account tried from addresses it never signed in from, no longer than this.
const LONGEST_ACCOUNT_WAIT_MINUTES: i64 = 1;

/// One key an attempt counts against, and its free failures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub name: String,
    free_failures: i64,
    longest_wait: Duration,
}

/// The keys of one attempt; the pair comes first.
pub fn keys(email: &str, address: &str, usual_place: bool) -> Vec<Key> {
    let longest = Duration::minutes(LONGEST_WAIT_MINUTES);
    let address = subscriber(address);
    let pair = Key { name: format!("pair:{email} {address}"), free_failures: 5, longest_wait: longest };
    if usual_place {
        return vec![pair];
    }
    vec![
        pair,
        Key { name: format!("address:{address}"), free_failures: 20, longest_wait: longest },
        Key {
            name: format!("account:{email}"),
            free_failures: 10,
            longest_wait: Duration::minutes(LONGEST_ACCOUNT_WAIT_MINUTES),
        },
    ]
}

/// The address as one subscriber's: an IPv6 address by its /64, since each subscriber gets a
/// whole /64 to pick from; an IPv4 address as it is.
fn subscriber(address: &str) -> String {
    match address.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let prefix = u128::from(v6) & !((1u128 << 64) - 1);
            format!("{}/64", std::net::Ipv6Addr::from(prefix))
        }
        _ => address.to_owned(),
    }
}

impl Key {
    /// When this key may be tried again after its `failures`-th failure at `now`.
    pub fn next_attempt(&self, failures: i64, now: DateTime<Utc>) -> DateTime<Utc> {
        now + wait_after(failures, self.free_failures).min(self.longest_wait)
    }
}

/// The wait after a key's `failures`-th failure: none until the last free one, then
/// [`FIRST_WAIT_SECONDS`], doubling with each failure up to [`LONGEST_WAIT_MINUTES`].
fn wait_after(failures: i64, free_failures: i64) -> Duration {
    let beyond = failures - free_failures;
    if beyond < 0 {
        return Duration::zero();
    }
    let longest = Duration::minutes(LONGEST_WAIT_MINUTES);
    // 2^5 × 30 s passes the cap already: no larger power needs computing.
    let doubled = Duration::seconds(FIRST_WAIT_SECONDS << beyond.min(5));
    doubled.min(longest)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_usual_place_counts_only_against_its_pair() {
        let names = |keys: Vec<Key>| keys.into_iter().map(|k| k.name).collect::<Vec<_>>();
        assert_eq!(names(keys("ana@ingenio.mx", "10.0.0.1", true)), ["pair:ana@ingenio.mx 10.0.0.1"]);
        assert_eq!(
            names(keys("ana@ingenio.mx", "10.0.0.1", false)),
            ["pair:ana@ingenio.mx 10.0.0.1", "address:10.0.0.1", "account:ana@ingenio.mx"]
        );
    }

    #[test]
    fn an_ipv6_subscriber_counts_as_one_address_and_an_account_waits_a_minute_at_most() {
        let names = |address: &str| keys("ana@ingenio.mx", address, false)[1].name.clone();
        assert_eq!(names("2001:db8:1:2:aaaa::1"), names("2001:db8:1:2:ffff::9"));
        assert_ne!(names("2001:db8:1:2::1"), names("2001:db8:1:3::1"));
        assert_eq!(names("201.141.3.9"), "address:201.141.3.9");
        let now = chrono::Utc::now();
        let account = &keys("ana@ingenio.mx", "201.141.3.9", false)[2];
        assert_eq!(account.next_attempt(1_000, now) - now, Duration::minutes(1));
        let pair = &keys("ana@ingenio.mx", "201.141.3.9", false)[0];
        assert_eq!(pair.next_attempt(1_000, now) - now, Duration::minutes(15));
    }

    #[test]
    fn the_fifth_failure_of_a_pair_waits_half_a_minute_and_each_next_one_twice_as_long() {
        let waits: Vec<i64> = (1..=11).map(|n| wait_after(n, 5).num_seconds()).collect();
        assert_eq!(waits, [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900]);
    }

    proptest! {
        #[test]
        fn waits_never_shrink_and_never_pass_the_cap(failures in 0i64..10_000, free in 1i64..50) {
            let wait = wait_after(failures, free);
            prop_assert!(wait <= Duration::minutes(LONGEST_WAIT_MINUTES));
            prop_assert!(wait_after(failures + 1, free) >= wait);
            prop_assert_eq!(wait.is_zero(), failures < free);
        }
    }
}
