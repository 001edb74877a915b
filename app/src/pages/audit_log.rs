use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::list_audit_log;
use crate::components::{Loaded, minute};
use crate::i18n::use_texts;
use crate::model::account::AuditLog;
use crate::urls;
use assessments::access::AuditAction;

/// `/empresas/{id}/bitacora`: the company's audit log, newest first, a page at a time, filtered
/// by person and kind with a plain GET form. Admins only.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let log = Resource::new(
        move || {
            let query = query.read();
            let field = |name: &str| query.get(name).unwrap_or_default();
            let page = field("pagina").parse().unwrap_or(1);
            (params.read().get("id").unwrap_or_default(), page, field("persona"), field("tipo"))
        },
        |(id, page, person, kind)| list_audit_log(id, page, person, kind),
    );
    let t = use_texts();
    view! {
        <Title text=t.audit_title />
        <article class="page">
            <Loaded resource=log view={|log| view! { <Log log /> }} />
        </article>
    }
}

#[component]
fn Log(log: AuditLog) -> impl IntoView {
    let t = use_texts();
    let base = urls::company_audit_log(log.company.id);
    let query = log.query.clone();
    let filtered = !query.person.is_empty() || query.action.is_some();
    let kinds = AuditAction::ALL.into_iter().map(|action| {
        let chosen = query.action == Some(action);
        view! { <option value=action.as_str() selected=chosen>{t.audit_action(action)}</option> }
    });
    let filters = view! {
        <form method="get" action=base.clone() class="filters">
            <label>{t.who}
                <input type="search" name="persona" value=query.person.clone() autocomplete="off" />
            </label>
            <label>{t.what}
                <select name="tipo">
                    <option value="">{t.audit_every_kind}</option>
                    {kinds.collect_view()}
                </select>
            </label>
            <button type="submit">{t.plans.filter}</button>
            {filtered.then(|| view! { <a href=base.clone()>{t.plans.clear_filters}</a> })}
        </form>
    };
    let pages = view! {
        <nav class="pager" aria-label=t.audit_pages>
            {(query.page > 1).then(|| view! {
                <a rel="prev" href=format!("{base}{}", query.address_of_page(query.page - 1))>{t.audit_newer}</a>
            })}
            {log.more.then(|| view! {
                <a rel="next" href=format!("{base}{}", query.address_of_page(query.page + 1))>{t.audit_older}</a>
            })}
        </nav>
    };
    let lines = if log.lines.is_empty() {
        view! { <p>{if filtered { t.audit_none_matching } else { t.audit_none }}</p> }.into_any()
    } else {
        view! {
            <table class="table">
                <thead><tr>
                    <th scope="col">{t.when}</th><th scope="col">{t.who}</th>
                    <th scope="col">{t.what}</th><th scope="col">{t.audit_from}</th>
                </tr></thead>
                <tbody>
                    {log.lines.into_iter().map(|line| view! {
                        <tr>
                            <td data-label=t.when><time datetime=line.occurred_at.to_rfc3339()>{minute(&line.occurred_at)}</time></td>
                            <td data-label=t.who>{line.actor}</td>
                            <td data-label=t.what>{t.audit_action(line.action)} " " <span class="card__meta">{line.detail}</span></td>
                            <td data-label=t.audit_from>{line.address}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }.into_any()
    };
    view! {
        <h1>{t.audit_title} " · " {log.company.name}</h1>
        <p>{t.audit_lead}</p>
        {filters}
        {lines}
        {pages}
    }
}
