use assessments::access::Organization;
use assessments::organization::GrantScope;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::list_access;
use crate::components::{Loaded, MemberCard};
use crate::i18n::use_texts;
use crate::model::account::Access;
use crate::urls;

/// `/empresas/{id}/accesos`: who outside the company may see what; grant and withdraw. Admins only.
#[component]
pub fn AccessPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let access = Resource::new(move || params.read().get("id").unwrap_or_default(), list_access);
    view! {
        <Title text=t.grants_title />
        <Loaded resource=access view={|access| view! { <AccessOf access /> }} />
    }
}

#[component]
fn AccessOf(access: Access) -> impl IntoView {
    let t = use_texts();
    let Access { company, grants, advisories, associations, requests, previews, today } = access;
    let a = t.association;
    let base = urls::company_access(company.id);
    let list = if grants.is_empty() {
        view! { <p>{t.grants_none}</p> }.into_any()
    } else {
        view! {
            <ul class="cards">
                {grants.into_iter().map(|grant| view! {
                    <li class="card">
                        <strong>{grant.grantee.name}</strong>
                        <span class="card__meta">{match grant.scope {
                            GrantScope::Assessments => t.grant_advisory,
                            GrantScope::PlanProgress if grant.shares_summary => a.grant_with_summary,
                            GrantScope::PlanProgress => t.grant_association,
                        }}</span>
                        {previews.iter().find(|(id, _)| *id == grant.id).map(|(_, line)| view! {
                            <details class="preview">
                                <summary>{a.what_they_see}</summary>
                                <ul class="preview__line"><MemberCard member=line.clone() today /></ul>
                            </details>
                        })}
                        <form method="post" action=format!("{base}/{}/retirar", grant.id)>
                            <button type="submit" class="button--quiet">{t.revoke}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <article class="page">
            <h1>{t.grants_title} " · " {company.name}</h1>
            <p>{t.grants_lead}</p>
            {(!requests.is_empty()).then(|| view! { <RequestsToAnswer action=format!("{base}/solicitudes") requests /> })}
            {list}
            <p class="hint">{a.revoke_hint}</p>
            <GrantForm action=base.clone() scope=GrantScope::Assessments label=t.grant_advisory choices=advisories />
            <GrantForm action=base scope=GrantScope::PlanProgress label=t.grant_association choices=associations summary=a.share_summary_too />
        </article>
    }
}

#[component]
fn GrantForm(
    action: String,
    scope: GrantScope,
    label: &'static str,
    choices: Vec<Organization>,
    /// For an association: the box that adds the latest assessment's summary.
    #[prop(optional)]
    summary: &'static str,
) -> impl IntoView {
    let t = use_texts();
    let id = format!("grantee-{}", scope.as_str());
    view! {
        <form method="post" action=action class="form">
            <input type="hidden" name="scope" value=scope.as_str() />
            <label for=id.clone()>{label}</label>
            <select id=id name="grantee">
                {choices.into_iter().map(|o| view! { <option value=o.id.to_string()>{o.name}</option> }).collect_view()}
            </select>
            {(!summary.is_empty()).then(|| view! {
                <p>
                    <input type="checkbox" id="grant-summary" name="shares_summary" value="si" />
                    <label for="grant-summary">{summary}</label>
                </p>
            })}
            <button type="submit">{t.grant_submit}</button>
        </form>
    }
}

/// Associations' requests waiting for the company's answer, each saying exactly what accepting
/// shares; the summary of the latest assessment only if the admin ticks it.
#[component]
fn RequestsToAnswer(action: String, requests: Vec<assessments::sharing::ShareRequest>) -> impl IntoView {
    let a = use_texts().association;
    view! {
        <section aria-labelledby="requests-title" class="requests-to-answer">
            <h2 id="requests-title">{a.to_answer_title}</h2>
            <p>{a.what_is_shared}</p>
            <p><strong>{a.never_shared}</strong></p>
            <ul class="cards">
                {requests.into_iter().map(|request| {
                    let summary_id = format!("resumen-{}", request.id);
                    view! {
                        <li class="card">
                            <strong>{request.counterpart.name}</strong>
                            <span class="card__meta">{(a.requested)(&request.requested_by, &crate::components::day(&request.requested_at))}</span>
                            <form method="post" action=format!("{action}/{}", request.id) class="form">
                                <p>
                                    <input type="checkbox" id=summary_id.clone() name="resumen" value="si" />
                                    <label for=summary_id>{a.share_summary_too}</label>
                                </p>
                                <button type="submit" name="respuesta" value="aceptar">{a.accept}</button>
                                " "
                                <button type="submit" name="respuesta" value="rechazar" class="button--quiet">{a.decline}</button>
                            </form>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
