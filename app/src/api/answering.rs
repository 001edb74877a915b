//! Server functions of assessments: a company's list, one assessment's overview, one section to
//! answer, and the autosave of a hydrated section. Other writes go through plain form posts (see
//! the server's `assessment_forms`), which work with and without JavaScript.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::model::assessment::{AssessmentOverview, Autosaved, CompanyAssessments, SectionToAnswer};
#[cfg(feature = "ssr")]
use crate::{api::as_signed_in, service::assessment};

#[server(prefix = "/api", endpoint = "assessments/of-company")]
pub async fn list_company_assessments(company_id: String) -> Result<CompanyAssessments, AppError> {
    as_signed_in(|cx| async move { assessment::of_company(&cx, company_id.parse()?).await }).await
}

#[server(prefix = "/api", endpoint = "assessments/overview")]
pub async fn get_assessment_overview(assessment_id: String) -> Result<AssessmentOverview, AppError> {
    as_signed_in(|cx| async move { assessment::overview(&cx, assessment_id.parse()?).await }).await
}

#[server(prefix = "/api", endpoint = "assessments/section")]
pub async fn get_assessment_section(
    assessment_id: String,
    section_id: String,
) -> Result<SectionToAnswer, AppError> {
    as_signed_in(|cx| async move { assessment::section(&cx, assessment_id.parse()?, &section_id).await })
        .await
}

/// Saves answers as they are given, when the page is hydrated: the same rules, drafts and
/// conflicts as the section form's plain post, which `fields` mirror.
#[server(prefix = "/api", endpoint = "assessments/autosave", input = Json)]
pub async fn autosave_answers(
    assessment_id: String,
    section_id: String,
    fields: Vec<(String, String)>,
) -> Result<Autosaved, AppError> {
    as_signed_in(
        |cx| async move { assessment::autosave(&cx, assessment_id.parse()?, &section_id, &fields).await },
    )
    .await
}
