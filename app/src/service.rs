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

/// How many companies a page of a long list shows (an advisor's portfolio, an association's
/// members).
pub const PAGE_LINES: usize = 20;

/// Page `asked` of `items` (counted from 1; past the last, the last) and where it is: its items,
/// its number and how many pages there are.
pub(crate) fn page_of<T>(items: Vec<T>, asked: usize) -> (Vec<T>, u32, u32) {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let pages = items.len().div_ceil(PAGE_LINES).max(1);
    let page = asked.clamp(1, pages);
    let items = items.into_iter().skip((page - 1) * PAGE_LINES).take(PAGE_LINES).collect();
    (items, count(page), count(pages))
}
