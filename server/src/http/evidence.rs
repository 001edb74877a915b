//! Evidence files: downloaded by whoever sees the company's assessments, removed by its people.

use app::session::{ClientIp, CurrentViewer};
use app::urls;
use assessments::access::AuditAction;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use store::Store;
use store::audit::AuditEntry;

use super::account_forms::{see_other, sign_in_first, store_failure};

/// `GET /evaluaciones/{id}/evidencias/{file}`: the file, always as a download, in a sandbox, never
/// cached by a shared machine; a download by someone outside the company goes to its audit log.
pub async fn download(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    ip: Option<Extension<ClientIp>>,
    Path((assessment_id, file_id)): Path<(String, String)>,
) -> Response {
    let Some(viewer) = current.0 else { return sign_in_first(&urls::assessment(&assessment_id)) };
    let (file, content, access) = match store.evidence_file(&viewer, &assessment_id, &file_id).await {
        Ok(found) => found,
        Err(error) => return store_failure(error),
    };
    if access.is_outsider() {
        let assessment = match store.assessment(&viewer, &assessment_id).await {
            Ok(assessment) => assessment,
            Err(error) => return store_failure(error),
        };
        let ip = ip.map(|Extension(ClientIp(ip))| ip);
        let detail = format!("evidence file {}", file.file_name);
        let entry = AuditEntry {
            organization_id: Some(&assessment.company.id),
            actor_user_id: Some(&viewer.user_id),
            detail: &detail,
            ip: ip.as_deref(),
            ..AuditEntry::default()
        };
        if let Err(error) = store.audit(AuditAction::OutsiderExported, entry).await {
            return store_failure(error);
        }
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
    response
}

/// `POST /evaluaciones/{id}/evidencias/{file}/quitar`: back to the question it belonged to.
pub async fn remove(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    Path((assessment_id, file_id)): Path<(String, String)>,
) -> Response {
    let Some(viewer) = current.0 else { return sign_in_first(&urls::assessment(&assessment_id)) };
    let question_id = match store.evidence_files(&viewer, &assessment_id).await {
        Ok(files) => files.into_iter().find(|f| f.id == file_id).map(|f| f.question_id).unwrap_or_default(),
        Err(error) => return store_failure(error),
    };
    if let Err(error) = store.remove_evidence(&viewer, &assessment_id, &file_id).await {
        return store_failure(error);
    }
    let questionnaire_section = match app::api::answering::ssr::load(&store, &viewer, &assessment_id).await {
        Ok(loaded) => loaded.questionnaire.section_of(&question_id).map(|s| s.id.clone()),
        Err(_) => None,
    };
    match questionnaire_section {
        Some(section) => {
            see_other(&format!("{}#q-{question_id}", urls::assessment_section(&assessment_id, &section)))
        }
        None => see_other(&urls::assessment(&assessment_id)),
    }
}
