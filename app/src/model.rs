//! What pages receive from the server: plain serializable data, the same types on the server
//! (built by [`crate::service`]) and in the browser. Depends on nothing but the domain.

pub mod account;
pub mod assessment;
pub mod plan;
pub mod report;
