//! The assessment forms' POST handlers: start an assessment, save a section, let a draft go,
//! submit, return for changes.
//!
//! Plain forms post here with or without JavaScript and get a redirect (303) back. What could not
//! be saved — an invalid value, or a change that met someone else's newer save — is kept as the
//! person's draft in the database and shown in the form with the reason, so nothing typed is
//! lost and nothing saved is overwritten unseen. Who may do what is enforced again in the store.

use app::forms::FormProblem;
use app::service::assessment::{self, Submission, Upload};
use app::service::loaded::{self, LoadedAssessment};
use app::service::report;
use app::urls::{self, percent_encode};
use assessments::access::AuditAction;
use assessments::evidence::MAX_FILE_BYTES;
use assessments::ids::{AssessmentId, OrganizationId};
use assessments::scoring::Seen;
use axum::Form;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header::CONTENT_TYPE;
use axum::response::Response;
use serde::Deserialize;

use super::handler::{Failure, HandlerResult, Ids, SignedIn, see_other};

#[derive(Debug, Deserialize)]
pub struct StartForm {
    /// `questionnaire-id@version`.
    questionnaire: String,
    /// The id of an earlier assessment of the company to carry answers from, or empty.
    #[serde(default)]
    carry: String,
    /// The reference date, `YYYY-MM-DD`; empty is today.
    #[serde(default)]
    referencia: String,
}

/// `POST /empresas/{id}/evaluaciones`: a new assessment, pinned to the chosen version.
pub async fn start(
    SignedIn(cx): SignedIn,
    Ids(company_id): Ids<OrganizationId>,
    Form(form): Form<StartForm>,
) -> HandlerResult {
    let (questionnaire_id, version) = form
        .questionnaire
        .split_once('@')
        .and_then(|(id, v)| Some((id, v.parse::<u32>().ok()?)))
        .ok_or_else(Failure::not_found)?;
    let carry_from = Some(form.carry.as_str()).filter(|id| !id.is_empty()).map(str::parse).transpose()?;
    // Sent back with what was typed, so the person corrects the date rather than starts over.
    let refused = |problem: FormProblem| {
        let typed = percent_encode(form.referencia.trim());
        see_other(&format!(
            "{}?error={}&referencia={typed}#iniciar",
            urls::company(company_id),
            problem.code()
        ))
    };
    let typed = form.referencia.trim();
    let reference_date = if typed.is_empty() {
        store::today()
    } else {
        match assessments::dates::parse_plausible(typed) {
            Some(date) => date,
            None => return Ok(refused(FormProblem::ReferenceDateInvalid)),
        }
    };
    let version = (questionnaire_id, version);
    Ok(match assessment::start(&cx, company_id, version, carry_from, reference_date).await? {
        assessment::Start::Started(id) => see_other(&urls::assessment(id)),
        assessment::Start::ReferenceDateOutOfRange => refused(FormProblem::ReferenceDateOutOfRange),
    })
}

/// `POST /evaluaciones/{id}/secciones/{section}`: saves what changed in one section's form (its
/// fields are read by [`assessment::submitted_answers`]), then attaches the files chosen.
pub async fn save_section(
    SignedIn(cx): SignedIn,
    Ids((assessment_id, section_id)): Ids<(AssessmentId, String)>,
    request: Request,
) -> HandlerResult {
    let back = urls::assessment_section(assessment_id, &section_id);
    // Who may answer is settled before a byte of the body is read: a stranger's 40 MB are
    // refused unread, not received and then thrown away.
    let Some(loaded) = loaded::load_answerable(&cx, assessment_id).await? else {
        return Ok(see_other(&back));
    };
    let (fields, uploads) = read_section_form(request).await.ok_or_else(Failure::bad_request)?;
    let section = loaded.section(&section_id)?;
    let submitted = assessment::submitted_answers(&fields, &section);
    let problems = assessment::save_answers(&cx, &loaded, &section, submitted).await?;
    // The files sent are kept even beside an answer to correct: nothing sent is lost.
    let refused_file = assessment::attach_uploads(&cx, &loaded, &section, uploads).await?;
    if let Some((question_id, _)) = problems.first() {
        return Ok(see_other(&format!("{back}?problemas=1#q-{question_id}")));
    }
    if let Some((question_id, problem)) = refused_file {
        let code = problem.code();
        return Ok(see_other(&format!("{back}?archivo={code}&pregunta={question_id}#q-{question_id}")));
    }
    let next = fields.iter().find(|(name, _)| name == "siguiente").map(|(_, id)| id);
    Ok(match next.filter(|id| loaded.questionnaire.sections.iter().any(|s| &s.id == *id)) {
        Some(next) => see_other(&urls::assessment_section(assessment_id, next)),
        None => see_other(&format!("{back}?guardado=1")),
    })
}

/// Reads a section's form: its text fields in order, and the files chosen (`u.{question id}`).
/// Browsers send it as multipart (it can carry files); a plain URL-encoded post is read too. A
/// file is read chunk by chunk and kept only up to the size limit (past it, the rest is read and
/// dropped, and the upload is refused with its reason); the route's body limit bounds the whole.
/// A broken or oversized multipart body ends the reading; what was read so far is still saved.
/// `None` for a body that is neither.
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

/// `POST /evaluaciones/{id}/borradores/{question}/descartar`: keeps the saved answer instead of
/// what this person typed.
pub async fn discard_draft(
    SignedIn(cx): SignedIn,
    Ids((assessment_id, question_id)): Ids<(AssessmentId, String)>,
) -> HandlerResult {
    let loaded = loaded::load(&cx, assessment_id).await?;
    cx.store.discard_draft(&cx.viewer, assessment_id, &question_id).await?;
    Ok(back_to_question(&loaded, &question_id))
}

/// The question `question_id` on its section's page, or the overview if it is on none.
pub(super) fn back_to_question(loaded: &LoadedAssessment, question_id: &str) -> Response {
    let assessment_id = loaded.header.id;
    match loaded.questionnaire.section_of(question_id) {
        Some(section) => {
            see_other(&format!("{}#q-{question_id}", urls::assessment_section(assessment_id, &section.id)))
        }
        None => see_other(&urls::assessment(assessment_id)),
    }
}

/// `POST /evaluaciones/{id}/enviar`: submits a complete assessment; an incomplete one goes back
/// to its overview, which lists what is missing.
pub async fn submit(SignedIn(cx): SignedIn, Ids(assessment_id): Ids<AssessmentId>) -> HandlerResult {
    let overview = urls::assessment(assessment_id);
    Ok(match assessment::submit(&cx, assessment_id).await? {
        Submission::Submitted | Submission::NotAnswerable => see_other(&overview),
        Submission::Incomplete => see_other(&format!("{overview}?error=incomplete")),
    })
}

#[derive(Debug, Deserialize)]
pub struct LanguageForm {
    /// A language tag the version is translated into, or empty for each reader's own.
    #[serde(default)]
    idioma: String,
}

/// `POST /evaluaciones/{id}/idioma`: the language the assessment's questions are shown and
/// printed in. Back to the overview, which says whether it was taken.
pub async fn choose_content_language(
    SignedIn(cx): SignedIn,
    Ids(assessment_id): Ids<AssessmentId>,
    Form(form): Form<LanguageForm>,
) -> HandlerResult {
    let overview = urls::assessment(assessment_id);
    Ok(match assessment::choose_content_language(&cx, assessment_id, form.idioma.trim()).await? {
        true => see_other(&format!("{overview}?idioma=1")),
        false => see_other(&format!("{overview}?error=idioma")),
    })
}

#[derive(Debug, Deserialize)]
pub struct VerifyForm {
    /// `on_site` or `on_file`.
    como: String,
    /// What stood behind the requirement when the page showed it.
    #[serde(default)]
    visto: String,
}

/// `POST /evaluaciones/{id}/requisitos/{requirement}/verificar`: a granted advisor verifies a met
/// requirement, then reads the report again at its bases.
pub async fn verify_requirement(
    SignedIn(cx): SignedIn,
    Ids((assessment_id, requirement_id)): Ids<(AssessmentId, String)>,
    Form(form): Form<VerifyForm>,
) -> HandlerResult {
    let seen = Seen::parse(&form.como).ok_or_else(Failure::bad_request)?;
    let report = urls::gap_report(assessment_id);
    Ok(match report::verify(&cx, assessment_id, &requirement_id, seen, &form.visto).await? {
        report::Verifying::Recorded => see_other(&format!("{report}#met-title")),
        // Nothing is recorded on answers the advisor did not see: the page shows them anew.
        report::Verifying::Changed => see_other(&format!("{report}?cambiado=1#met-title")),
    })
}

/// `POST /evaluaciones/{id}/devolver`: a reviewer returns a submitted assessment for changes.
pub async fn return_for_changes(
    SignedIn(cx): SignedIn,
    Ids(assessment_id): Ids<AssessmentId>,
) -> HandlerResult {
    cx.store.return_for_changes(&cx.viewer, assessment_id).await?;
    // An advisor's return is in the company's log; an admin's own return is not an outsider's.
    let (assessment, access) = cx.store.assessment_with_access(&cx.viewer, assessment_id).await?;
    let company_id = assessment.company.id;
    cx.audit_outsider(access.is_outsider(), company_id, AuditAction::AssessmentReturned, "").await?;
    Ok(see_other(&format!("{}?devuelta=1", urls::assessment(assessment_id))))
}
