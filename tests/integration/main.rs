//! Integration tests: the real server on a random port, spoken to over HTTP.
//!
//! Run in the SQLite lane by default and in the PostgreSQL lane when `SENDA_TEST_POSTGRES_URL`
//! is set (see the harness in `tests/src/lib.rs`).

mod addresses;
mod answering;
mod associations;
mod bad_input;
mod confidentiality;
mod content_languages;
mod durability;
mod foundation;
mod gap_report;
mod hardening;
mod instances;
mod mail;
mod paper;
mod plans;
mod questionnaires;
mod review;
mod writes;
