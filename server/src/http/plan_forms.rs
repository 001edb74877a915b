//! The improvement plan's POST handlers: create a plan from an assessment's gaps, add, edit and
//! move actions, and note progress. Plain forms with a redirect back, as everywhere; what a
//! refused move or a conflicting edit loses is nothing — the note comes back in the query.

use std::sync::Arc;

use app::session::CurrentViewer;
use app::urls;
use assessments::catalog::Severity;
use assessments::loader::Library;
use assessments::plan::{ActionStatus, ProposedAction, carry_open_actions, propose_actions};
use assessments::text::Text;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;
use store::Store;
use store::plans::{ActionEdit, ActionWrite, MoveOutcome};

use super::account_forms::{see_other, sign_in_first, store_failure};
use super::error_pages;

/// `POST /evaluaciones/{id}/plan`: the plan of a submitted assessment, one action per gap.
pub async fn create(
    State(store): State<Store>,
    State(library): State<Arc<Library>>,
    Extension(current): Extension<CurrentViewer>,
    Path(assessment_id): Path<String>,
) -> Response {
    let Some(viewer) = current.0 else { return sign_in_first(&urls::assessment(&assessment_id)) };
    let loaded = match app::api::answering::ssr::load(&store, &viewer, &assessment_id).await {
        Ok(loaded) => loaded,
        Err(_) => return error_pages::page(StatusCode::NOT_FOUND),
    };
    if loaded.header.status != assessments::answers::AssessmentStatus::Submitted {
        return see_other(&urls::assessment(&assessment_id));
    }
    let card = app::api::gap_report::ssr::scorecard(&loaded, &library.catalog);
    let start = app::api::gap_report::ssr::scored_on(&loaded).max(store::today());
    let mut actions = propose_actions(&loaded.questionnaire, &card, &start);
    // Gaps still open since the previous plan continue its actions, with their history.
    match previous_plan_actions(&store, &viewer, &loaded).await {
        Ok(previous) => carry_open_actions(&mut actions, &previous),
        Err(error) => return store_failure(error),
    }
    match store.create_plan(&viewer, &assessment_id, &actions).await {
        Ok(plan) => see_other(&urls::plan(&plan)),
        Err(error) => store_failure(error),
    }
}

/// The actions of the plan of the company's previous assessment, if it has one.
async fn previous_plan_actions(
    store: &Store,
    viewer: &assessments::access::Viewer,
    loaded: &app::api::answering::ssr::LoadedAssessment,
) -> Result<Vec<assessments::plan::PlanAction>, store::StoreError> {
    let Ok(Some(previous)) = app::api::gap_report::ssr::previous_of(store, viewer, loaded).await else {
        return Ok(Vec::new());
    };
    match store.plan_of_assessment(viewer, &previous.header.id).await? {
        Some(plan) => store.plan_actions(viewer, &plan).await,
        None => Ok(Vec::new()),
    }
}

#[derive(Debug, Deserialize)]
pub struct NewActionForm {
    #[serde(default)]
    texto: String,
    #[serde(default)]
    gravedad: String,
    #[serde(default)]
    responsable: String,
    #[serde(default)]
    fecha: String,
}

/// `POST /planes/{id}/acciones`: an action a person writes.
pub async fn add(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    Path(plan_id): Path<String>,
    Form(form): Form<NewActionForm>,
) -> Response {
    let back = urls::plan(&plan_id);
    let Some(viewer) = current.0 else { return sign_in_first(&back) };
    let severity = [Severity::Critical, Severity::High, Severity::Medium, Severity::Low]
        .into_iter()
        .find(|s| app::api::plans::severity_code(*s) == form.gravedad)
        .unwrap_or(Severity::Medium);
    if form.texto.trim().is_empty() || assessments::dates::day_number(&form.fecha).is_none() {
        return see_other(&back);
    }
    let action = ProposedAction {
        requirement_id: String::new(),
        section_id: String::new(),
        severity,
        text: Text::new(form.texto.trim(), None),
        due_date: form.fecha.clone(),
        carried_from: None,
    };
    let id = match store.add_action(&viewer, &plan_id, &action).await {
        Ok(id) => id,
        Err(error) => return store_failure(error),
    };
    if !form.responsable.trim().is_empty() {
        let edit = ActionEdit {
            text: form.texto.trim(),
            owner: form.responsable.trim(),
            due_date: &form.fecha,
            base_revision: 1,
        };
        if let Err(error) = store.edit_action(&viewer, &plan_id, &id, edit).await {
            return store_failure(error);
        }
    }
    see_other(&format!("{back}#a-{id}"))
}

#[derive(Debug, Deserialize)]
pub struct EditForm {
    #[serde(default)]
    texto: String,
    #[serde(default)]
    responsable: String,
    #[serde(default)]
    fecha: String,
    #[serde(default)]
    r: i64,
}

/// `POST /planes/{id}/acciones/{action}`: new wording, owner or due date.
pub async fn edit(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    Path((plan_id, action_id)): Path<(String, String)>,
    Form(form): Form<EditForm>,
) -> Response {
    let back = urls::plan_action(&plan_id, &action_id);
    let Some(viewer) = current.0 else { return sign_in_first(&back) };
    if form.texto.trim().is_empty() || assessments::dates::day_number(&form.fecha).is_none() {
        return see_other(&back);
    }
    let edit = ActionEdit {
        text: form.texto.trim(),
        owner: form.responsable.trim(),
        due_date: &form.fecha,
        base_revision: form.r,
    };
    match store.edit_action(&viewer, &plan_id, &action_id, edit).await {
        Ok(ActionWrite::Saved) => see_other(&format!("{back}?guardado=1")),
        Ok(ActionWrite::Conflict) => see_other(&format!("{back}?error=conflict")),
        Err(error) => store_failure(error),
    }
}

#[derive(Debug, Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    estado: String,
    #[serde(default)]
    nota: String,
    #[serde(default)]
    r: i64,
}

/// `POST /planes/{id}/acciones/{action}/estado`: a status change; done asks for evidence, sending
/// back for a reason.
pub async fn move_status(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    Path((plan_id, action_id)): Path<(String, String)>,
    Form(form): Form<MoveForm>,
) -> Response {
    let back = urls::plan_action(&plan_id, &action_id);
    let Some(viewer) = current.0 else { return sign_in_first(&back) };
    let Some(to) = ActionStatus::parse(&form.estado) else { return error_pages::page(StatusCode::NOT_FOUND) };
    match store.move_action(&viewer, &plan_id, &action_id, to, &form.nota, form.r).await {
        Ok(MoveOutcome::Moved) => see_other(&format!("{back}?guardado=1")),
        Ok(MoveOutcome::Conflict) => {
            see_other(&format!("{back}?error=conflict&nota={}", app::urls::percent_encode(&form.nota)))
        }
        Ok(MoveOutcome::Refused(problem)) => see_other(&format!(
            "{back}?error={}&nota={}",
            problem.code(),
            app::urls::percent_encode(&form.nota)
        )),
        Err(error) => store_failure(error),
    }
}

#[derive(Debug, Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    nota: String,
}

/// `POST /planes/{id}/acciones/{action}/notas`: a dated progress note or an advisor's comment.
pub async fn note(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    Path((plan_id, action_id)): Path<(String, String)>,
    Form(form): Form<NoteForm>,
) -> Response {
    let back = urls::plan_action(&plan_id, &action_id);
    let Some(viewer) = current.0 else { return sign_in_first(&back) };
    if form.nota.trim().is_empty() {
        return see_other(&back);
    }
    match store.add_action_note(&viewer, &plan_id, &action_id, &form.nota).await {
        Ok(()) => see_other(&format!("{back}?guardado=1")),
        Err(error) => store_failure(error),
    }
}

/// `POST /planes/{id}/acciones/{action}/dividir`: a copy of the action right after it.
pub async fn split(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    Path((plan_id, action_id)): Path<(String, String)>,
) -> Response {
    let Some(viewer) = current.0 else { return sign_in_first(&urls::plan_action(&plan_id, &action_id)) };
    match store.split_action(&viewer, &plan_id, &action_id).await {
        Ok(copy) => see_other(&format!("{}?guardado=1", urls::plan_action(&plan_id, &copy))),
        Err(error) => store_failure(error),
    }
}

#[derive(Debug, Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    otra: String,
}

/// `POST /planes/{id}/acciones/{action}/unir`: merges the chosen other action into this one.
pub async fn merge(
    State(store): State<Store>,
    Extension(current): Extension<CurrentViewer>,
    Path((plan_id, action_id)): Path<(String, String)>,
    Form(form): Form<MergeForm>,
) -> Response {
    let back = urls::plan_action(&plan_id, &action_id);
    let Some(viewer) = current.0 else { return sign_in_first(&back) };
    match store.merge_actions(&viewer, &plan_id, &action_id, &form.otra).await {
        Ok(()) => see_other(&format!("{back}?guardado=1")),
        Err(error) => store_failure(error),
    }
}
