//! Server functions of improvement plans: a plan with its actions (filtered as the page asks),
//! one action with its history, and a company's plans with their progress.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::plan::{ActionFilter, ActionPage, PlanPage, PlanSummary};
#[cfg(feature = "ssr")]
use crate::{api::as_signed_in, service::plan};

#[server(prefix = "/api", endpoint = "plans/get")]
pub async fn get_plan(plan_id: String, filter: Option<ActionFilter>) -> Result<PlanPage, AppError> {
    let filter = filter.unwrap_or_default();
    as_signed_in(|cx| async move { plan::filtered(&cx, plan_id.parse()?, &filter).await }).await
}

#[server(prefix = "/api", endpoint = "plans/action")]
pub async fn get_action(plan_id: String, action_id: String) -> Result<ActionPage, AppError> {
    as_signed_in(|cx| async move { plan::action(&cx, plan_id.parse()?, action_id.parse()?).await }).await
}

#[server(prefix = "/api", endpoint = "plans/of-company")]
pub async fn list_company_plans(company_id: String) -> Result<Vec<PlanSummary>, AppError> {
    as_signed_in(|cx| async move { plan::of_company(&cx, company_id.parse()?).await }).await
}
