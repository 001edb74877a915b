//! The server side of every page, server function and form: loading what a person may see,
//! scoring it, citing the law behind it, and writing to the audit log who outside a company
//! looked. Server functions (`crate::api`) and the server's plain-form handlers both call it, so
//! a rule lives in one place whichever way a request comes in.
//!
//! Server only. Each function takes the request's [`Context`] — store, questionnaire library,
//! viewer — built once per request, and returns the page data of [`crate::model`]. Who may see
//! what is enforced again in the store's SQL; what this layer adds is the domain work around it.

pub mod account;
pub mod assessment;
pub mod association;
mod context;
pub mod loaded;
pub mod paper;
pub mod plan;
pub mod portfolio;
pub mod report;
pub mod review;

pub use context::{Context, RequestContext};
