use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::list_audit_log;
use crate::components::{Loaded, minute};
use crate::i18n::use_texts;
use crate::model::account::AuditLog;

/// `/empresas/{id}/bitacora`: the company's audit log, newest first. Admins only.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let lines = Resource::new(move || params.read().get("id").unwrap_or_default(), list_audit_log);
    view! {
        <Title text=t.audit_title />
        <article class="page">
            <Loaded resource=lines view={move |log: AuditLog| {
                if log.lines.is_empty() {
                    view! {
                        <h1>{t.audit_title} " · " {log.company.name}</h1>
                        <p>{t.audit_none}</p>
                    }.into_any()
                } else {
                    view! {
                            <h1>{t.audit_title} " · " {log.company.name}</h1>
                            <p>{t.audit_lead}</p>
                            <table class="table">
                                <thead><tr><th scope="col">{t.when}</th><th scope="col">{t.who}</th><th scope="col">{t.what}</th></tr></thead>
                                <tbody>
                                    {log.lines.into_iter().map(|line| view! {
                                        <tr>
                                            <td data-label=t.when><time datetime=line.occurred_at.to_rfc3339()>{minute(&line.occurred_at)}</time></td>
                                            <td data-label=t.who>{line.actor}</td>
                                            <td>{t.audit_action(line.action)} " " <span class="card__meta">{line.detail}</span></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                    }.into_any()
                }
            }} />
        </article>
    }
}
