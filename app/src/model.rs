//! The data pages work with: what they receive from the server — plain serializable types, the
//! same on the server (built by [`crate::service`]) and in the browser — and the states a page
//! shows (an answer form's saving). Depends on nothing but the domain.

pub mod account;
pub mod assessment;
pub mod association;
pub mod plan;
pub mod report;
pub mod review;
