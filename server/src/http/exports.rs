//! Exports of a company's data as files.

use app::i18n::texts;
use app::session::{ClientIp, CurrentViewer};
use app::urls;
use assessments::access::AuditAction;
use assessments::loader::Library;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use store::Store;
use store::audit::AuditEntry;

use super::account_forms::sign_in_first;
use super::error_pages;

/// `GET /evaluaciones/{id}/brechas.csv`: the gaps, one row per answer behind each, in the
/// reader's language. UTF-8 with a byte-order mark, so spreadsheets show accents right.
pub async fn gaps_csv(
    State(store): State<Store>,
    State(library): State<Arc<Library>>,
    Extension(current): Extension<CurrentViewer>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    Path(assessment_id): Path<String>,
) -> Response {
    let Some(viewer) = current.0 else { return sign_in_first(&urls::assessment(&assessment_id)) };
    let report = match exported_report(&store, &library, &viewer, &assessment_id, "gap report CSV", ip).await
    {
        Ok(report) => report,
        Err(response) => return response,
    };
    let language = reader_language(&headers);
    let t = texts(language);
    let mut csv = String::from("\u{feff}");
    push_row(&mut csv, t.report.csv_columns.iter().map(|column| (*column).to_owned()));
    for gap in &report.gaps {
        let section = report
            .sections
            .iter()
            .find(|s| s.id == gap.section_id)
            .map(|s| s.title.get(language).to_owned())
            .unwrap_or_default();
        for cause in &gap.causes {
            push_row(
                &mut csv,
                [
                    section.clone(),
                    t.report.severity(gap.severity).to_owned(),
                    t.report.status(gap.status).to_owned(),
                    gap.citation.instrument.get(language).to_owned(),
                    gap.citation.article.clone(),
                    gap.citation.summary.get(language).to_owned(),
                    cause.question.get(language).to_owned(),
                    cause.answer.get(language).to_owned(),
                    cause.action.as_ref().map(|a| a.get(language).to_owned()).unwrap_or_default(),
                ],
            );
        }
    }
    let file_name = format!("brechas-{}.csv", report.scored_on);
    let mut response = csv.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}

/// `GET /planes/{id}/pdf`: the plan as a PDF, in the reader's language, made in the request. A
/// download by someone outside the company goes to its audit log.
pub async fn plan_pdf(
    State(store): State<Store>,
    State(library): State<Arc<Library>>,
    Extension(current): Extension<CurrentViewer>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    Path(plan_id): Path<String>,
) -> Response {
    let Some(viewer) = current.0 else { return sign_in_first(&urls::plan(&plan_id)) };
    let plan = match app::api::plans::ssr::plan_page_with(&store, &viewer, &library, &plan_id).await {
        Ok(plan) => plan,
        Err(app::error::AppError::Internal) => return error_pages::page(StatusCode::INTERNAL_SERVER_ERROR),
        Err(_) => return error_pages::page(StatusCode::NOT_FOUND),
    };
    let assessment_id = plan.header.assessment_id.clone();
    let report = match exported_report(&store, &library, &viewer, &assessment_id, "plan PDF", ip).await {
        Ok(report) => report,
        Err(response) => return response,
    };
    let language = reader_language(&headers);
    let today = store::today();
    let file_name = format!("plan-de-mejora-{today}.pdf");
    // Layout and font subsetting are CPU work: off the async threads.
    match tokio::task::spawn_blocking(move || crate::pdf::plan_pdf(&report, &plan, language, &today)).await {
        Ok(bytes) => pdf_response(bytes, &file_name),
        Err(error) => error_pages::internal(anyhow::anyhow!("the PDF could not be made: {error}")),
    }
}

/// `GET /evaluaciones/{id}/brechas.pdf`: the gap report as a PDF, from the plan's building blocks.
pub async fn gaps_pdf(
    State(store): State<Store>,
    State(library): State<Arc<Library>>,
    Extension(current): Extension<CurrentViewer>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    Path(assessment_id): Path<String>,
) -> Response {
    let Some(viewer) = current.0 else { return sign_in_first(&urls::assessment(&assessment_id)) };
    let report = match exported_report(&store, &library, &viewer, &assessment_id, "gap report PDF", ip).await
    {
        Ok(report) => report,
        Err(response) => return response,
    };
    let language = reader_language(&headers);
    let today = store::today();
    let file_name = format!("brechas-{today}.pdf");
    match tokio::task::spawn_blocking(move || crate::pdf::report_pdf(&report, language, &today)).await {
        Ok(bytes) => pdf_response(bytes, &file_name),
        Err(error) => error_pages::internal(anyhow::anyhow!("the PDF could not be made: {error}")),
    }
}

/// The gap report for an export: 404 for whoever may not see it, and an audit line when the one
/// exporting is outside the company.
async fn exported_report(
    store: &Store,
    library: &Library,
    viewer: &assessments::access::Viewer,
    assessment_id: &str,
    detail: &str,
    ip: Option<Extension<ClientIp>>,
) -> Result<app::api::gap_report::GapReport, Response> {
    let report =
        match app::api::gap_report::ssr::gap_report(store, viewer, &library.catalog, assessment_id).await {
            Ok(report) => report,
            Err(app::error::AppError::Internal) => {
                return Err(error_pages::page(StatusCode::INTERNAL_SERVER_ERROR));
            }
            Err(_) => return Err(error_pages::page(StatusCode::NOT_FOUND)),
        };
    let is_outsider = store
        .visible_company(viewer, &report.header.company.id)
        .await
        .ok()
        .flatten()
        .is_some_and(|c| c.access.is_outsider());
    if is_outsider {
        audit_export(store, &viewer.user_id, &report.header.company.id, detail, ip).await?;
    }
    Ok(report)
}

/// A PDF as a download that no shared machine keeps.
fn pdf_response(bytes: Vec<u8>, file_name: &str) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}

/// Writes an export by someone outside the company to its audit log.
async fn audit_export(
    store: &Store,
    user_id: &str,
    company_id: &str,
    detail: &str,
    ip: Option<Extension<ClientIp>>,
) -> Result<(), Response> {
    let ip = ip.map(|Extension(ClientIp(ip))| ip);
    let entry = AuditEntry {
        organization_id: Some(company_id),
        actor_user_id: Some(user_id),
        detail,
        ip: ip.as_deref(),
        ..AuditEntry::default()
    };
    store
        .audit(AuditAction::OutsiderExported, entry)
        .await
        .map_err(|error| error_pages::internal(error.into()))
}

/// The reader's language, from the cookie the language switch sets.
fn reader_language(headers: &HeaderMap) -> assessments::Language {
    headers
        .get(header::COOKIE)
        .and_then(|value| value.to_str().ok())
        .and_then(app::i18n::language_from_cookie_header)
        .unwrap_or_default()
}

/// One CSV line (RFC 4180): every field quoted, quotes doubled, CRLF at the end.
fn push_row(csv: &mut String, fields: impl IntoIterator<Item = String>) {
    let quoted: Vec<String> =
        fields.into_iter().map(|field| format!("\"{}\"", field.replace('"', "\"\""))).collect();
    csv.push_str(&quoted.join(","));
    csv.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::push_row;

    #[test]
    fn fields_are_quoted_and_quotes_doubled() {
        let mut csv = String::new();
        push_row(&mut csv, ["Sí, \"siempre\"".to_owned(), "línea\nnueva".to_owned()]);
        assert_eq!(csv, "\"Sí, \"\"siempre\"\"\",\"línea\nnueva\"\r\n");
    }
}
