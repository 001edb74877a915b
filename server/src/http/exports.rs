//! Exports of a company's data as files. An export by someone outside the company is written to
//! its audit log (see `app::service::report::exported`).

use app::i18n::{language_of, texts};
use app::model::association::Dashboard;
use app::service::{association, plan, report};
use assessments::Language;
use assessments::access::AuditAction;
use assessments::ids::{AssessmentId, OrganizationId, PlanId};
use assessments::language::LanguageTag;
use assessments::scoring::RequirementStatus;
use assessments::sharing::{Disclosure, Measure};
use axum::extract::Query;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::handler::{Failure, HandlerResult, Ids, SignedIn};

/// `GET /evaluaciones/{id}/brechas.csv`: the gaps, zero-tolerance findings first, one row per
/// answer behind each; then each met requirement with its basis, each "not applicable" with its
/// reason, each question the answers hid with the answer that hid it, and each sign to look
/// into, and each signed review — in the reader's language. UTF-8 with a byte-order mark, so spreadsheets show accents right.
pub async fn gaps_csv(
    SignedIn(cx): SignedIn,
    headers: HeaderMap,
    Ids(assessment_id): Ids<AssessmentId>,
) -> HandlerResult {
    let report = report::exported(&cx, assessment_id, "gap report CSV").await?;
    let language = language_of(&headers);
    let t = texts(language);
    let mut csv = String::from("\u{feff}");
    push_row(&mut csv, t.report.csv_columns.iter().map(|column| (*column).to_owned()));
    let section_of = |id: &str| {
        report
            .sections
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.title.get(language).to_owned())
            .unwrap_or_default()
    };
    for gap in report.findings_first() {
        let section = section_of(&gap.section_id);
        for cause in &gap.causes {
            push_row(
                &mut csv,
                [
                    section.clone(),
                    t.report.severity(gap.severity).to_owned(),
                    t.report.status(gap.status).to_owned(),
                    gap.citation.instrument.get(language).to_owned(),
                    gap.citation.article.clone(),
                    gap.citation.requirement_id.clone(),
                    gap.citation.summary.get(language).to_owned(),
                    cause.question.get(language).to_owned(),
                    t.answering.describe(&cause.kind, &cause.answer, language),
                    cause.action.as_ref().map(|a| a.get(language).to_owned()).unwrap_or_default(),
                    if gap.zero_tolerance { t.report.yes.to_owned() } else { String::new() },
                    String::new(),
                ],
            );
        }
    }
    for met in &report.met {
        let citation = &met.citation;
        push_row(
            &mut csv,
            [
                String::new(),
                String::new(),
                t.report.status(RequirementStatus::Met).to_owned(),
                citation.instrument.get(language).to_owned(),
                citation.article.clone(),
                citation.requirement_id.clone(),
                citation.summary.get(language).to_owned(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                t.report.basis_of(met),
            ],
        );
    }
    let out_of_scope = |question: String, answer: String| {
        [
            String::new(),
            String::new(),
            t.report.status(RequirementStatus::NotApplicable).to_owned(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            question,
            answer,
            String::new(),
            String::new(),
            String::new(),
        ]
    };
    for exclusion in &report.exclusions {
        let reason = format!("{}: {}", t.report.reason, exclusion.reason_or(t.report.no_reason));
        push_row(&mut csv, out_of_scope(exclusion.question.get(language).to_owned(), reason));
    }
    for left in &report.left_out {
        let answer = left.because_answer.as_ref().map_or_else(
            || t.report.no_answer.to_owned(),
            |value| t.answering.describe(&left.because_kind, value, language),
        );
        let because = format!("{} {}: {answer}", t.report.because, left.because_of.get(language));
        push_row(&mut csv, out_of_scope(left.question.get(language).to_owned(), because));
    }
    for warning in &report.warnings {
        let answer = format!("{}: {}", warning.answer.get(language), warning.warning.get(language));
        let mut row = out_of_scope(warning.question.get(language).to_owned(), answer);
        row[2] = t.report.warning_status.to_owned();
        push_row(&mut csv, row);
    }
    // Each signed review: who, when and the summary, in the basis column.
    for review in &report.reviews {
        let by = (t.review.reviewed_by)(&review.reviewer, &review.organization);
        let mut signed = format!("{by} {}: {}", app::components::day(&review.signed_at), review.summary);
        if review.predates(report.header.submitted_at) {
            signed = format!("{signed} ({})", t.review.review_predates);
        }
        let mut row = out_of_scope(String::new(), String::new());
        row[2] = t.review.reviews_title.to_owned();
        row[11] = signed;
        push_row(&mut csv, row);
    }
    let file_name = format!("brechas-{}.csv", report.scored_on);
    Ok(download(csv.into_response(), "text/csv; charset=utf-8", &file_name))
}

/// `GET /planes/{id}/pdf`: the plan as a PDF, in the reader's language, made in the request.
pub async fn plan_pdf(
    SignedIn(cx): SignedIn,
    headers: HeaderMap,
    Ids(plan_id): Ids<PlanId>,
) -> HandlerResult {
    let plan = plan::page(&cx, plan_id).await?;
    let report = report::exported(&cx, plan.header.assessment_id, "plan PDF").await?;
    let language = language_of(&headers);
    let today = store::today();
    let file_name = format!("plan-de-mejora-{today}.pdf");
    pdf_download(&file_name, move || crate::pdf::plan_pdf(&report, &plan, language, today)).await
}

/// `GET /evaluaciones/{id}/brechas.pdf`: the gap report as a PDF, from the plan's building blocks.
pub async fn gaps_pdf(
    SignedIn(cx): SignedIn,
    headers: HeaderMap,
    Ids(assessment_id): Ids<AssessmentId>,
) -> HandlerResult {
    let report = report::exported(&cx, assessment_id, "gap report PDF").await?;
    let language = language_of(&headers);
    let today = store::today();
    let file_name = format!("brechas-{today}.pdf");
    pdf_download(&file_name, move || crate::pdf::report_pdf(&report, language, today)).await
}

/// `GET /evaluaciones/{id}/cuestionario.pdf`: the blank questionnaire to fill in on paper,
/// tailored to the company's profile. For its own people only.
pub async fn paper_pdf(
    SignedIn(cx): SignedIn,
    headers: HeaderMap,
    Ids(assessment_id): Ids<AssessmentId>,
) -> HandlerResult {
    let form = app::service::paper::blank_form(&cx, assessment_id).await?;
    let language = language_of(&headers);
    let today = store::today();
    let file_name = format!("cuestionario-{}-v{}.pdf", form.questionnaire.id, form.questionnaire.version);
    let content = form.header.content_language.clone().unwrap_or_else(|| LanguageTag::of(language));
    pdf_download(&file_name, move || crate::pdf::paper_pdf(&form, language, &content, today)).await
}

/// A file as a download that no shared machine keeps.
#[derive(Debug, serde::Deserialize)]
pub struct SectorQuery {
    #[serde(default)]
    sector: String,
}

/// The dashboard of an association as its exports carry it, narrowed to the query's sector; the
/// read of each member is written to its log as an export.
async fn exported_dashboard(
    cx: &app::service::Context,
    association_id: OrganizationId,
    query: &SectorQuery,
) -> Result<Dashboard, Failure> {
    let sector = match query.sector.as_str() {
        "" => None,
        code => Some(code.parse().map_err(|_| Failure::not_found())?),
    };
    Ok(association::dashboard(cx, association_id, sector, AuditAction::OutsiderExported, None).await?)
}

/// `GET /asociaciones/{id}/panel.csv`: each sharing member's figures, then the figures across
/// members (or why each is withheld), one figure per row. UTF-8 with a byte-order mark.
pub async fn dashboard_csv(
    SignedIn(cx): SignedIn,
    headers: HeaderMap,
    Ids(association_id): Ids<OrganizationId>,
    Query(query): Query<SectorQuery>,
) -> HandlerResult {
    let dashboard = exported_dashboard(&cx, association_id, &query).await?;
    let language = language_of(&headers);
    let mut csv = String::from("\u{feff}");
    push_row(&mut csv, texts(language).association.csv_columns.iter().map(|c| (*c).to_owned()));
    for row in dashboard_rows(&dashboard, language) {
        push_row(&mut csv, row);
    }
    let file_name = format!("panel-asociacion-{}.csv", store::today());
    Ok(download(csv.into_response(), "text/csv; charset=utf-8", &file_name))
}

/// `GET /asociaciones/{id}/panel.pdf`: the same figures as a report for the association's board.
pub async fn dashboard_pdf(
    SignedIn(cx): SignedIn,
    headers: HeaderMap,
    Ids(association_id): Ids<OrganizationId>,
    Query(query): Query<SectorQuery>,
) -> HandlerResult {
    let dashboard = exported_dashboard(&cx, association_id, &query).await?;
    let language = language_of(&headers);
    let rows = dashboard_rows(&dashboard, language);
    let file_name = format!("panel-asociacion-{}.pdf", dashboard.today);
    pdf_download(&file_name, move || crate::pdf::dashboard_pdf(&dashboard, &rows, language)).await
}

/// The dashboard as rows of four cells — part, company or sector, figure, value — for both the
/// CSV and the PDF: each member's figures, then each figure across members or why it is withheld.
pub fn dashboard_rows(dashboard: &Dashboard, language: Language) -> Vec<[String; 4]> {
    let t = texts(language);
    let a = t.association;
    let mut rows = Vec::new();
    let mut row = |part: &str, whom: &str, figure: &str, value: String| {
        rows.push([part.to_owned(), whom.to_owned(), figure.to_owned(), value]);
    };
    for member in &dashboard.members {
        let name = &member.company.name;
        match &member.plan {
            Some(plan) => {
                for (figure, value) in [
                    (a.actions, plan.actions),
                    (a.done, plan.done),
                    (a.verified, plan.verified),
                    (a.overdue, plan.overdue),
                ] {
                    row(a.members_title, name, figure, value.to_string());
                }
            }
            None => row(a.members_title, name, a.actions, a.no_plan.to_owned()),
        }
        let last = member
            .last_submitted
            .map_or_else(|| a.never_submitted.to_owned(), |at| app::components::day(&at));
        row(a.members_title, name, a.last_assessment, last);
        if let Some(summary) = &member.summary {
            row(
                a.members_title,
                name,
                a.score,
                summary.score.map_or_else(|| "—".to_owned(), |s| s.to_string()),
            );
            if let Some(rating) = summary.rating {
                row(a.members_title, name, t.report.rating, t.report.rating(rating).to_owned());
            }
            for (severity, n) in &summary.gaps_by_severity {
                row(
                    a.members_title,
                    name,
                    &format!("{} · {}", a.by_severity, t.report.severity(*severity)),
                    n.to_string(),
                );
            }
        }
    }
    let sector = dashboard.sector.map_or(a.all_sectors, |s| t.sector(s));
    for aggregate in &dashboard.aggregates {
        let part = match aggregate.key.measure {
            Measure::Gaps => a.gaps_title.to_owned(),
            Measure::Actions => a.actions_title.to_owned(),
            Measure::Season(season) => format!("{} {season}", a.season),
        };
        let Some(totals) = &aggregate.totals else {
            let reason = match aggregate.disclosure {
                Disclosure::TooFew { needs } => (a.too_few)(needs),
                _ => a.would_single_out.to_owned(),
            };
            row(&part, sector, "—", reason);
            continue;
        };
        row(&part, sector, &(a.companies)(totals.companies), totals.companies.to_string());
        match aggregate.key.measure {
            Measure::Gaps => {
                if let Some(mean) = totals.mean_score {
                    row(&part, sector, a.mean_score, mean.to_string());
                }
                for (id, n) in &totals.gaps_by_section {
                    let title = dashboard.sections.get(id).map_or(id.as_str(), |title| title.get(language));
                    row(&part, sector, &format!("{} · {title}", a.by_section), n.to_string());
                }
                for (code, n) in &totals.gaps_by_theme {
                    row(&part, sector, &format!("{} · {}", a.by_theme, a.theme(code)), n.to_string());
                }
                for (severity, n) in &totals.gaps_by_severity {
                    row(
                        &part,
                        sector,
                        &format!("{} · {}", a.by_severity, t.report.severity(*severity)),
                        n.to_string(),
                    );
                }
            }
            Measure::Actions => {
                for (figure, value) in [
                    (a.actions, totals.actions),
                    (a.done, totals.done),
                    (a.verified, totals.verified),
                    (a.overdue, totals.overdue),
                ] {
                    row(&part, sector, figure, value.to_string());
                }
                row(&part, sector, a.closed_share, format!("{} %", totals.percent_closed()));
            }
            Measure::Season(_) => {
                row(&part, sector, a.actions, totals.actions.to_string());
                row(&part, sector, a.closed_share, format!("{} %", totals.percent_closed()));
            }
        }
    }
    rows
}

/// A PDF made off the async threads (layout and font subsetting are CPU work), as a download.
async fn pdf_download(file_name: &str, make: impl FnOnce() -> Vec<u8> + Send + 'static) -> HandlerResult {
    let bytes = tokio::task::spawn_blocking(make)
        .await
        .map_err(|error| Failure::internal(anyhow::anyhow!("the PDF could not be made: {error}")))?;
    Ok(download(bytes.into_response(), "application/pdf", file_name))
}

fn download(mut response: Response, content_type: &'static str, file_name: &str) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}

/// One CSV line (RFC 4180): every field quoted, quotes doubled, CRLF at the end. A field a
/// spreadsheet would take for a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first:
/// text a company typed in an answer, opened by an advisor) starts with an apostrophe instead, so
/// it shows as the text it is and never runs.
fn push_row(csv: &mut String, fields: impl IntoIterator<Item = String>) {
    let quoted: Vec<String> = fields
        .into_iter()
        .map(|field| {
            let inert =
                if field.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{field}") } else { field };
            format!("\"{}\"", inert.replace('"', "\"\""))
        })
        .collect();
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

    #[test]
    fn a_field_a_spreadsheet_would_run_is_kept_as_text() {
        let mut csv = String::new();
        push_row(
            &mut csv,
            [
                "=HYPERLINK(\"http://x\")".to_owned(),
                "-2+3".to_owned(),
                "@SUM(A1)".to_owned(),
                "Sí".to_owned(),
            ],
        );
        assert_eq!(csv, "\"'=HYPERLINK(\"\"http://x\"\")\",\"'-2+3\",\"'@SUM(A1)\",\"Sí\"\r\n");
    }
}
