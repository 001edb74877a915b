//! Sharing with producer associations: an association's admin asks a company; the company's
//! admin answers, choosing what to share. Plain forms with a redirect back; an unknown company
//! name comes back in the query with what was typed.

use app::service::association::{self, Asked};
use app::urls::{self, percent_encode};
use assessments::access::AuditAction;
use assessments::ids::{OrganizationId, ShareRequestId};
use axum::Form;
use serde::Deserialize;

use super::account_forms::audited;
use super::handler::{Failure, HandlerResult, Ids, SignedIn, see_other};

#[derive(Debug, Deserialize)]
pub struct AskForm {
    #[serde(default)]
    empresa: String,
}

/// `POST /asociaciones/{id}/solicitudes`: asks the company named in the form to share its
/// progress with the association.
pub async fn ask(
    SignedIn(cx): SignedIn,
    Ids(association_id): Ids<OrganizationId>,
    Form(form): Form<AskForm>,
) -> HandlerResult {
    let outcome = match association::ask(&cx, association_id, &form.empresa).await? {
        Asked::Asked => "enviada",
        Asked::AlreadyAsked => "ya-pedida",
        Asked::AlreadyShares => "ya-comparte",
        Asked::Unknown => "desconocida",
    };
    let mut back = format!("{}?solicitud={outcome}", urls::association(association_id));
    if outcome != "enviada" {
        back.push_str(&format!("&empresa={}", percent_encode(&form.empresa)));
    }
    Ok(see_other(&format!("{back}#ask-title")))
}

#[derive(Debug, Deserialize)]
pub struct AnswerForm {
    /// `aceptar` or `rechazar`.
    #[serde(default)]
    respuesta: String,
    /// A ticked box: share the latest assessment's summary too.
    #[serde(default)]
    resumen: Option<String>,
}

/// `POST /empresas/{id}/accesos/solicitudes/{request}`: the company's admin accepts (sharing
/// plan progress, and the summary if ticked) or declines. An acceptance is a grant, written to
/// the company's log like one made from the access page.
pub async fn answer(
    SignedIn(cx): SignedIn,
    Ids((company_id, request_id)): Ids<(OrganizationId, ShareRequestId)>,
    Form(form): Form<AnswerForm>,
) -> HandlerResult {
    let accept = match form.respuesta.as_str() {
        "aceptar" => Some(form.resumen.is_some()),
        "rechazar" => None,
        _ => return Err(Failure::bad_request()),
    };
    let association_id = cx.store.answer_share_request(&cx.viewer, company_id, request_id, accept).await?;
    let back = urls::company_access(company_id);
    match accept {
        Some(shares_summary) => {
            let scope = if shares_summary { "plan_progress+summary" } else { "plan_progress" };
            audited(
                &cx,
                company_id,
                AuditAction::AccessGranted,
                &format!("{scope} → {association_id}"),
                &back,
            )
            .await
        }
        None => Ok(see_other(&back)),
    }
}
