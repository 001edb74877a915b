//! The server function of the gap report page (its CSV and PDF are the server's exports).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::report::GapReport;
#[cfg(feature = "ssr")]
use crate::{api::as_signed_in, service::report};

#[server(prefix = "/api", endpoint = "assessments/gap-report")]
pub async fn get_gap_report(assessment_id: String) -> Result<GapReport, AppError> {
    as_signed_in(|cx| async move { report::viewed(&cx, assessment_id.parse()?).await }).await
}
