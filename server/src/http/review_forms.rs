//! The review's POST handlers: open a thread, reply, close it, sign a review. Plain forms with a
//! redirect back to what the thread is about; a message refused (empty, too long) comes back in
//! the query with what was typed, so nothing is lost.

use app::service::loaded::{self, LoadedAssessment};
use app::service::review;
use app::urls::{self, percent_encode};
use assessments::ids::{AssessmentId, ThreadId};
use assessments::review::{Request, Subject, WritingProblem};
use axum::Form;
use serde::Deserialize;

use super::handler::{Failure, HandlerResult, Ids, SignedIn, see_other};

#[derive(Debug, Deserialize)]
pub struct OpenForm {
    /// `answer`, `gap` or `action`.
    #[serde(default)]
    tema: String,
    /// The question, requirement or action id.
    #[serde(default)]
    clave: String,
    /// What is asked: a `Request` code.
    #[serde(default)]
    pide: String,
    #[serde(default)]
    texto: String,
}

/// `POST /evaluaciones/{id}/hilos`: a comment or an advisor's request on an answer, a gap or an
/// action of the assessment.
pub async fn open(
    SignedIn(cx): SignedIn,
    Ids(assessment_id): Ids<AssessmentId>,
    Form(form): Form<OpenForm>,
) -> HandlerResult {
    let loaded = loaded::load(&cx, assessment_id).await?;
    let subject = Subject::from_parts(&form.tema, &form.clave).ok_or_else(Failure::not_found)?;
    let request = Request::parse(&form.pide).ok_or_else(Failure::bad_request)?;
    let back = review::subject_href(&cx, &loaded, &subject).await?;
    Ok(match review::open(&cx, &loaded, &subject, request, &form.texto).await? {
        Ok(()) => see_other(&back),
        Err(problem) => refused(&back, problem, &format!("nuevo-{}", subject.key()), &form.texto),
    })
}

#[derive(Debug, Deserialize)]
pub struct ReplyForm {
    #[serde(default)]
    texto: String,
}

/// `POST /evaluaciones/{id}/hilos/{thread}/responder`: a message in a thread.
pub async fn reply(
    SignedIn(cx): SignedIn,
    Ids((assessment_id, thread_id)): Ids<(AssessmentId, ThreadId)>,
    Form(form): Form<ReplyForm>,
) -> HandlerResult {
    let loaded = loaded::load(&cx, assessment_id).await?;
    Ok(match review::reply(&cx, &loaded, thread_id, &form.texto).await? {
        Ok(subject) => see_other(&review::subject_href(&cx, &loaded, &subject).await?),
        Err(problem) => {
            let back = back_to_thread(&cx, &loaded, thread_id).await?;
            refused(&back, problem, &thread_id.to_string(), &form.texto)
        }
    })
}

/// `POST /evaluaciones/{id}/hilos/{thread}/cerrar`: closes a thread.
pub async fn resolve(
    SignedIn(cx): SignedIn,
    Ids((assessment_id, thread_id)): Ids<(AssessmentId, ThreadId)>,
) -> HandlerResult {
    let loaded = loaded::load(&cx, assessment_id).await?;
    let subject = review::resolve(&cx, &loaded, thread_id).await?;
    Ok(see_other(&review::subject_href(&cx, &loaded, &subject).await?))
}

#[derive(Debug, Deserialize)]
pub struct SignForm {
    #[serde(default)]
    texto: String,
}

/// `POST /evaluaciones/{id}/revisiones`: a granted advisor signs a review of the submitted
/// assessment, then reads it on the gap report.
pub async fn sign(
    SignedIn(cx): SignedIn,
    Ids(assessment_id): Ids<AssessmentId>,
    Form(form): Form<SignForm>,
) -> HandlerResult {
    let loaded = loaded::load(&cx, assessment_id).await?;
    let back = format!("{}#revisiones", urls::gap_report(assessment_id));
    Ok(match review::sign(&cx, &loaded, &form.texto).await? {
        Ok(()) => see_other(&back),
        Err(problem) => refused(&back, problem, "revision", &form.texto),
    })
}

/// Where a thread is shown; a thread of another assessment is not found.
async fn back_to_thread(
    cx: &app::service::Context,
    loaded: &LoadedAssessment,
    thread_id: ThreadId,
) -> Result<String, Failure> {
    let threads = cx.store.threads_of(&loaded.seen).await?;
    let thread = threads.into_iter().find(|t| t.id == thread_id).ok_or_else(Failure::not_found)?;
    Ok(review::subject_href(cx, loaded, &thread.subject).await?)
}

/// `back` with the problem, the form it belongs to and what was typed in the query, before the
/// fragment, so the form shows them again.
fn refused(back: &str, problem: WritingProblem, form_key: &str, typed: &str) -> axum::response::Response {
    let (path, fragment) = back.split_once('#').unwrap_or((back, ""));
    let separator = if path.contains('?') { '&' } else { '?' };
    see_other(&format!(
        "{path}{separator}error={}&hilo={}&texto={}#{fragment}",
        problem.code(),
        percent_encode(form_key),
        percent_encode(typed)
    ))
}
