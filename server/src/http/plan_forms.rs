//! The improvement plan's POST handlers: create a plan from an assessment's gaps, add, edit and
//! move actions, and note progress. Plain forms with a redirect back, as everywhere; what a
//! refused move or a conflicting edit loses is nothing — the note comes back in the query.

use app::model::plan::severity_code;
use app::service::plan;
use app::urls::{self, percent_encode};
use assessments::access::AuditAction;
use assessments::catalog::Severity;
use assessments::ids::{ActionId, AssessmentId, PlanId};
use assessments::plan::{ActionStatus, ProposedAction};
use assessments::text::Text;
use axum::Form;
use serde::Deserialize;
use store::plans::{ActionEdit, ActionWrite, MoveOutcome};

use super::handler::{Failure, HandlerResult, Ids, SignedIn, see_other};

/// `POST /evaluaciones/{id}/plan`: the plan of a submitted assessment, one action per gap.
pub async fn create(SignedIn(cx): SignedIn, Ids(assessment_id): Ids<AssessmentId>) -> HandlerResult {
    Ok(match plan::create(&cx, assessment_id).await? {
        Some(plan) => see_other(&urls::plan(plan)),
        None => see_other(&urls::assessment(assessment_id)),
    })
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
    SignedIn(cx): SignedIn,
    Ids(plan_id): Ids<PlanId>,
    Form(form): Form<NewActionForm>,
) -> HandlerResult {
    let back = urls::plan(plan_id);
    let severity = [Severity::Critical, Severity::High, Severity::Medium, Severity::Low]
        .into_iter()
        .find(|s| severity_code(*s) == form.gravedad)
        .unwrap_or(Severity::Medium);
    let text = form.texto.trim();
    let Some(due_date) = assessments::dates::parse(&form.fecha).filter(|_| !text.is_empty()) else {
        return Ok(see_other(&back));
    };
    let action = ProposedAction {
        requirement_id: String::new(),
        section_id: String::new(),
        severity,
        text: Text::new(text, None),
        due_date,
        carried_from: None,
    };
    let id = cx.store.add_action(&cx.viewer, plan_id, &action).await?;
    let owner = form.responsable.trim();
    if !owner.is_empty() {
        let edit = ActionEdit { text, owner, due_date, base_revision: 1 };
        cx.store.edit_action(&cx.viewer, plan_id, id, edit).await?;
    }
    Ok(see_other(&format!("{back}#a-{id}")))
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
    SignedIn(cx): SignedIn,
    Ids((plan_id, action_id)): Ids<(PlanId, ActionId)>,
    Form(form): Form<EditForm>,
) -> HandlerResult {
    let back = urls::plan_action(plan_id, action_id);
    // Refused or met by someone else's change, the form comes back with what was typed in it.
    let typed_back = |code: &str| {
        see_other(&format!(
            "{back}?error={code}&texto={}&responsable={}&fecha={}",
            percent_encode(&form.texto),
            percent_encode(&form.responsable),
            percent_encode(&form.fecha)
        ))
    };
    let Some(due_date) = assessments::dates::parse(&form.fecha).filter(|_| !form.texto.trim().is_empty())
    else {
        return Ok(typed_back("invalid_edit"));
    };
    let edit = ActionEdit {
        text: form.texto.trim(),
        owner: form.responsable.trim(),
        due_date,
        base_revision: form.r,
    };
    Ok(match cx.store.edit_action(&cx.viewer, plan_id, action_id, edit).await? {
        ActionWrite::Saved => see_other(&format!("{back}?guardado=1")),
        ActionWrite::Conflict => typed_back("conflict"),
    })
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
/// back for a reason. A refused move comes back with its reason and the note typed.
pub async fn move_status(
    SignedIn(cx): SignedIn,
    Ids((plan_id, action_id)): Ids<(PlanId, ActionId)>,
    Form(form): Form<MoveForm>,
) -> HandlerResult {
    let back = urls::plan_action(plan_id, action_id);
    let to = ActionStatus::parse(&form.estado).ok_or_else(Failure::not_found)?;
    let refused = |code: &str| see_other(&format!("{back}?error={code}&nota={}", percent_encode(&form.nota)));
    Ok(match cx.store.move_action(&cx.viewer, plan_id, action_id, to, &form.nota, form.r).await? {
        MoveOutcome::Moved => {
            // What an advisor decides on a company's action is in the company's log.
            let (plan, access) = cx.store.plan(&cx.viewer, plan_id).await?;
            let action = if to == ActionStatus::Verified {
                AuditAction::ActionVerified
            } else {
                AuditAction::ActionSentBack
            };
            cx.audit_outsider(access.is_outsider(), plan.company.id, action, form.nota.trim()).await?;
            see_other(&format!("{back}?guardado=1"))
        }
        MoveOutcome::Conflict => refused("conflict"),
        MoveOutcome::Refused(problem) => refused(problem.code()),
    })
}

#[derive(Debug, Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    nota: String,
}

/// `POST /planes/{id}/acciones/{action}/notas`: a dated progress note or an advisor's comment.
pub async fn note(
    SignedIn(cx): SignedIn,
    Ids((plan_id, action_id)): Ids<(PlanId, ActionId)>,
    Form(form): Form<NoteForm>,
) -> HandlerResult {
    let back = urls::plan_action(plan_id, action_id);
    if form.nota.trim().is_empty() {
        return Ok(see_other(&back));
    }
    cx.store.add_action_note(&cx.viewer, plan_id, action_id, &form.nota).await?;
    Ok(see_other(&format!("{back}?guardado=1")))
}

/// `POST /planes/{id}/acciones/{action}/dividir`: a copy of the action right after it.
pub async fn split(
    SignedIn(cx): SignedIn,
    Ids((plan_id, action_id)): Ids<(PlanId, ActionId)>,
) -> HandlerResult {
    let copy = cx.store.split_action(&cx.viewer, plan_id, action_id).await?;
    Ok(see_other(&format!("{}?guardado=1", urls::plan_action(plan_id, copy))))
}

#[derive(Debug, Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    otra: String,
}

/// `POST /planes/{id}/acciones/{action}/unir`: merges the chosen other action into this one.
pub async fn merge(
    SignedIn(cx): SignedIn,
    Ids((plan_id, action_id)): Ids<(PlanId, ActionId)>,
    Form(form): Form<MergeForm>,
) -> HandlerResult {
    cx.store.merge_actions(&cx.viewer, plan_id, action_id, form.otra.parse()?).await?;
    Ok(see_other(&format!("{}?guardado=1", urls::plan_action(plan_id, action_id))))
}
