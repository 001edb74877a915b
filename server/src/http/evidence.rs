//! Evidence files: downloaded by whoever sees the company's assessments, removed by its people.

use app::service::loaded;
use app::urls;
use assessments::access::AuditAction;
use assessments::ids::{AssessmentId, EvidenceId};
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;

use super::assessment_forms::back_to_question;
use super::handler::{HandlerResult, Ids, SignedIn};

/// `GET /evaluaciones/{id}/evidencias/{file}`: the file, always as a download, in a sandbox, never
/// cached by a shared machine; a download by someone outside the company goes to its audit log.
pub async fn download(
    SignedIn(cx): SignedIn,
    Ids((assessment_id, file_id)): Ids<(AssessmentId, EvidenceId)>,
) -> HandlerResult {
    let (file, content, access) = cx.store.evidence_file(&cx.viewer, assessment_id, file_id).await?;
    if access.is_outsider() {
        let assessment = cx.store.assessment(&cx.viewer, assessment_id).await?;
        let detail = format!("evidence file {}", file.file_name);
        cx.audit_outsider(true, assessment.company.id, AuditAction::OutsiderExported, &detail).await?;
    }
    let disposition = format!(
        "attachment; filename=\"{}\"; filename*=UTF-8''{}",
        file.file_name.replace(|c: char| !c.is_ascii() || c == '"', "_"),
        urls::percent_encode(&file.file_name)
    );
    let mut response = content.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(file.kind.media_type()));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox; default-src 'none'"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}

/// `POST /evaluaciones/{id}/evidencias/{file}/quitar`: back to the question it belonged to.
pub async fn remove(
    SignedIn(cx): SignedIn,
    Ids((assessment_id, file_id)): Ids<(AssessmentId, EvidenceId)>,
) -> HandlerResult {
    let files = cx.store.evidence_files(&cx.viewer, assessment_id).await?;
    let question_id = files.into_iter().find(|f| f.id == file_id).map(|f| f.question_id).unwrap_or_default();
    cx.store.remove_evidence(&cx.viewer, assessment_id, file_id).await?;
    let loaded = loaded::load(&cx, assessment_id).await?;
    Ok(back_to_question(&loaded, &question_id))
}
