//! Browser tests: headless Chromium clicks through the pages as a person would, once with
//! JavaScript (the hydrated app) and once without (plain HTML and forms).
//!
//! Needs the compiled site (`cargo leptos build`) and Debian's `chromium` and `chromium-driver`.

mod accessibility;
mod accounts;
mod advisor_review;
mod answering;
mod associations;
mod page_weight;
mod plans;
mod review;
mod shell;
