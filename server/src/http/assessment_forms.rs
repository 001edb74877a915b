//! The assessment forms' POST handlers: start an assessment, save a section, let a draft go,
//! submit, return for changes.
//!
//! Plain forms post here with or without JavaScript and get a redirect (303) back. What could not
//! be saved — an invalid value, or a change that met someone else's newer save — is kept as the
//! person's draft in the database and shown in the form with the reason, so nothing typed is
//! lost and nothing saved is overwritten unseen. Who may do what is enforced again in the store.

use app::api::answering::ssr::{LoadedAssessment, load, save_answers, submitted_answers};
use app::error::AppError;
use app::session::CurrentViewer;
use app::urls;
use assessments::access::Viewer;
use assessments::answers::{carry_over, missing_answers};
use assessments::evidence::{self, EvidenceProblem, MAX_FILE_BYTES};
use assessments::questionnaire::Section;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;
use store::evidence::NewEvidenceFile;
use store::{Store, StoreError};

use super::account_forms::{see_other, sign_in_first, store_failure};
use super::error_pages;

#[derive(Debug, Deserialize)]
pub struct StartForm {
    /// `questionnaire-id@version`.
    questionnaire: String,
    /// The id of an earlier assessment of the company to carry answers from, or empty.
    #[serde(default)]
    carry: String,
}

/// `POST /empresas/{id}/evaluaciones`: a new assessment, pinned to the chosen version.
pub async fn start(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    Path(company_id): Path<String>,
    Form(form): Form<StartForm>,
) -> Response {
    let Some(viewer) = current.0 else { return sign_in_first(&format!("/empresas/{company_id}")) };
    let Some((questionnaire_id, version)) =
        form.questionnaire.split_once('@').and_then(|(id, v)| Some((id, v.parse::<u32>().ok()?)))
    else {
        return error_pages::page(StatusCode::NOT_FOUND);
    };
    let next = match store.questionnaire(questionnaire_id, version).await {
        Ok(Some(questionnaire)) => questionnaire,
        Ok(None) => return error_pages::page(StatusCode::NOT_FOUND),
        Err(error) => return store_failure(error),
    };
    let carried = if form.carry.is_empty() {
        None
    } else {
        match load(&store, &viewer, &form.carry).await {
            Ok(previous) => Some(carry_over(&previous.questionnaire, &previous.answer_map(), &next)),
            Err(error) => return app_failure(error),
        }
    };
    let carried_from = carried.as_deref().map(|answers| (form.carry.as_str(), answers));
    match store.start_assessment(&viewer, &company_id, questionnaire_id, version, carried_from).await {
        Ok(id) => see_other(&urls::assessment(&id)),
        Err(error) => store_failure(error),
    }
}

/// `POST /evaluaciones/{id}/secciones/{section}`: saves what changed in one section's form.
///
/// Fields per question: `a.{id}` the answer (repeated for a multiple choice), `n.{id}` the note,
/// `e.{id}` the evidence, `r.{id}` the revision the page showed and `f.{id}` its fingerprint. A
/// question without `r.{id}` was not on the form and is left alone.
pub async fn save_section(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    Path((assessment_id, section_id)): Path<(String, String)>,
    request: Request,
) -> Response {
    let back = urls::assessment_section(&assessment_id, &section_id);
    let Some(viewer) = current.0 else { return sign_in_first(&back) };
    let (fields, uploads) = match read_section_form(request).await {
        Some(form) => form,
        None => return error_pages::page(StatusCode::BAD_REQUEST),
    };
    let loaded = match answerable(&store, &viewer, &assessment_id).await {
        Ok(Some(loaded)) => loaded,
        Ok(None) => return see_other(&back),
        Err(response) => return response,
    };
    let Some(section) = loaded.questionnaire.sections.iter().find(|s| s.id == section_id) else {
        return error_pages::page(StatusCode::NOT_FOUND);
    };
    let submitted = submitted_answers(&fields, section);
    let problems = match save_answers(&store, &viewer, &loaded, section, submitted).await {
        Ok(problems) => problems,
        Err(error) => return app_failure(error),
    };
    if let Some((question_id, _)) = problems.first() {
        return see_other(&format!("{back}?problemas=1#q-{question_id}"));
    }
    match attach_uploads(&store, &viewer, &loaded, section, uploads).await {
        Ok(None) => {}
        Ok(Some((question_id, problem))) => {
            return see_other(&format!(
                "{back}?archivo={}&pregunta={question_id}#q-{question_id}",
                problem.code()
            ));
        }
        Err(error) => return store_failure(error),
    }
    let next = fields.iter().find(|(name, _)| name == "siguiente").map(|(_, id)| id);
    match next.filter(|id| loaded.questionnaire.sections.iter().any(|s| &s.id == *id)) {
        Some(next) => see_other(&urls::assessment_section(&assessment_id, next)),
        None => see_other(&format!("{back}?guardado=1")),
    }
}

/// A file chosen in a section's form (`u.{question id}`).
struct Upload {
    question_id: String,
    file_name: String,
    /// `None` when it was larger than the limit: reading stopped there.
    content: Option<Vec<u8>>,
}

/// Reads a section's form: its text fields in order, and the files chosen. Browsers send it as
/// multipart (it can carry files); a plain URL-encoded post is read too. A broken or oversized
/// multipart body ends the reading; what was read so far is still saved. `None` for a body that
/// is neither.
async fn read_section_form(request: Request) -> Option<(Vec<(String, String)>, Vec<Upload>)> {
    let is_multipart = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("multipart/form-data"));
    if !is_multipart {
        let Form(fields) = Form::<Vec<(String, String)>>::from_request(request, &()).await.ok()?;
        return Some((fields, Vec::new()));
    }
    let mut multipart = Multipart::from_request(request, &()).await.ok()?;
    let (mut fields, mut uploads) = (Vec::new(), Vec::new());
    while let Ok(Some(mut field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_owned();
        match (name.strip_prefix("u."), field.file_name().map(str::to_owned)) {
            (Some(question_id), Some(file_name)) => {
                let mut content = Some(Vec::new());
                while let Ok(Some(chunk)) = field.chunk().await {
                    if let Some(bytes) = content.as_mut() {
                        bytes.extend_from_slice(&chunk);
                        if bytes.len() > MAX_FILE_BYTES {
                            content = None;
                        }
                    }
                }
                // A file input left empty still sends a part, without a name or bytes.
                if !(file_name.is_empty() && content.as_ref().is_some_and(Vec::is_empty)) {
                    uploads.push(Upload { question_id: question_id.to_owned(), file_name, content });
                }
            }
            _ => match field.text().await {
                Ok(value) => fields.push((name, value)),
                Err(_) => break,
            },
        }
    }
    Some((fields, uploads))
}

/// Attaches the files chosen to the questions of `section` that apply; stops at the first one
/// refused and names it.
async fn attach_uploads(
    store: &Store,
    viewer: &Viewer,
    loaded: &LoadedAssessment,
    section: &Section,
    uploads: Vec<Upload>,
) -> Result<Option<(String, EvidenceProblem)>, StoreError> {
    if uploads.is_empty() {
        return Ok(None);
    }
    let mut attached = store.evidence_files(viewer, &loaded.header.id).await?;
    for upload in uploads {
        if !section.questions.iter().any(|q| q.id == upload.question_id) {
            continue;
        }
        let already = attached.iter().filter(|f| f.question_id == upload.question_id).count();
        let checked = match &upload.content {
            Some(content) => evidence::check(content, &upload.file_name, already),
            None => Err(EvidenceProblem::TooLarge),
        };
        let kind = match checked {
            Ok(kind) => kind,
            Err(problem) => return Ok(Some((upload.question_id, problem))),
        };
        let file_name = evidence::safe_file_name(&upload.file_name);
        let file = NewEvidenceFile {
            question_id: &upload.question_id,
            file_name: &file_name,
            kind,
            content: upload.content.as_deref().unwrap_or_default(),
        };
        store.attach_evidence(viewer, &loaded.header.id, file).await?;
        attached = store.evidence_files(viewer, &loaded.header.id).await?;
    }
    Ok(None)
}

/// `POST /evaluaciones/{id}/borradores/{question}/descartar`: keeps the saved answer instead of
/// what this person typed.
pub async fn discard_draft(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    Path((assessment_id, question_id)): Path<(String, String)>,
) -> Response {
    let overview = urls::assessment(&assessment_id);
    let Some(viewer) = current.0 else { return sign_in_first(&overview) };
    let loaded = match load(&store, &viewer, &assessment_id).await {
        Ok(loaded) => loaded,
        Err(error) => return app_failure(error),
    };
    if let Err(error) = store.discard_draft(&viewer, &assessment_id, &question_id).await {
        return store_failure(error);
    }
    match loaded.questionnaire.section_of(&question_id) {
        Some(section) => {
            see_other(&format!("{}#q-{question_id}", urls::assessment_section(&assessment_id, &section.id)))
        }
        None => see_other(&overview),
    }
}

/// `POST /evaluaciones/{id}/enviar`: submits a complete assessment; an incomplete one goes back
/// to its overview, which lists what is missing.
pub async fn submit(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    Path(assessment_id): Path<String>,
) -> Response {
    let overview = urls::assessment(&assessment_id);
    let Some(viewer) = current.0 else { return sign_in_first(&overview) };
    let loaded = match answerable(&store, &viewer, &assessment_id).await {
        Ok(Some(loaded)) => loaded,
        Ok(None) => return see_other(&overview),
        Err(response) => return response,
    };
    if !missing_answers(&loaded.questionnaire, &loaded.answer_map()).is_empty() {
        return see_other(&format!("{overview}?error=incomplete"));
    }
    match store.submit_assessment(&viewer, &assessment_id).await {
        Ok(()) => see_other(&overview),
        Err(error) => store_failure(error),
    }
}

/// `POST /evaluaciones/{id}/devolver`: a reviewer returns a submitted assessment for changes.
pub async fn return_for_changes(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    Path(assessment_id): Path<String>,
) -> Response {
    let overview = urls::assessment(&assessment_id);
    let Some(viewer) = current.0 else { return sign_in_first(&overview) };
    match store.return_for_changes(&viewer, &assessment_id).await {
        Ok(()) => see_other(&format!("{overview}?devuelta=1")),
        Err(error) => store_failure(error),
    }
}

/// The assessment, when the viewer is one of its company's people: `None` when it is submitted
/// (read-only), a 404 for anyone else.
async fn answerable(
    store: &Store,
    viewer: &Viewer,
    assessment_id: &str,
) -> Result<Option<LoadedAssessment>, Response> {
    let loaded = load(store, viewer, assessment_id).await.map_err(app_failure)?;
    if loaded.access.is_outsider() {
        return Err(error_pages::page(StatusCode::NOT_FOUND));
    }
    Ok(loaded.is_answerable().then_some(loaded))
}

fn app_failure(error: AppError) -> Response {
    match error {
        AppError::NotFound | AppError::SignInRequired => error_pages::page(StatusCode::NOT_FOUND),
        // Logged where it happened.
        AppError::Internal => error_pages::page(StatusCode::INTERNAL_SERVER_ERROR),
    }
}
