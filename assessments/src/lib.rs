//! The pure domain of Senda: what a questionnaire is, what the law requires, how answers become
//! gaps and gaps become an improvement plan.
//!
//! No IO lives here: no database, no HTTP, no file system. Everything takes values and returns
//! values, so it is tested with plain `cargo test` and compiles for the browser too.

pub mod access;
pub mod answers;
pub mod catalog;
pub mod dates;
pub mod diff;
pub mod evidence;
pub mod ids;
pub mod language;
pub mod loader;
pub mod organization;
pub mod paper;
pub mod parameters;
pub mod plan;
pub mod problem;
pub mod questionnaire;
pub mod review;
pub mod scoring;
pub mod sharing;
pub mod strings;
pub mod text;

pub use language::Language;
