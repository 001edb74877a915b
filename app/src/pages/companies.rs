use assessments::access::{CompanyAccess, VisibleCompany};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::{get_company, list_companies};
use crate::components::Loaded;
use crate::i18n::{Texts, use_texts};
use crate::pages::{CompanyAssessmentsBlock, CompanyPlansBlock};
use crate::urls;

/// `/empresas`: every company the person may see, and how.
#[component]
pub fn CompaniesPage() -> impl IntoView {
    let t = use_texts();
    let companies = Resource::new(|| (), |_| list_companies());
    view! {
        <Title text=t.companies_title />
        <article class="page">
            <h1>{t.companies_title}</h1>
            <Loaded resource=companies view={move |list: Vec<VisibleCompany>| {
                if list.is_empty() {
                    view! { <p>{t.companies_none}</p> }.into_any()
                } else {
                    view! {
                        <ul class="cards">
                            {list.into_iter().map(|c| view! {
                                <li class="card">
                                    <a href=urls::company(c.company.id)>{c.company.name.clone()}</a>
                                    <span class="card__meta">{access_label(t, c.access)}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }} />
        </article>
    }
}

/// `/empresas/{id}`: one company, as this person may see it.
#[component]
pub fn CompanyPage() -> impl IntoView {
    let params = use_params_map();
    let company = Resource::new(move || params.read().get("id").unwrap_or_default(), get_company);
    view! { <Loaded resource=company view={|visible| view! { <CompanyOverview visible /> }} /> }
}

#[component]
fn CompanyOverview(visible: VisibleCompany) -> impl IntoView {
    let t = use_texts();
    let VisibleCompany { company, access } = visible;
    let admin_links = access.is_own_admin().then(|| {
        view! {
            <nav class="subnav" aria-label=t.companies_title>
                <a href=urls::people(company.id)>{t.people_title}</a>
                <a href=urls::company_access(company.id)>{t.grants_title}</a>
                <a href=urls::company_audit_log(company.id)>{t.audit_title}</a>
            </nav>
        }
    });
    view! {
        <Title text=company.name.clone() />
        <article class="page">
            <h1>{company.name.clone()}</h1>
            <p class="card__meta">{access_label(t, access)}</p>
            <dl class="facts">
                <dt>{t.sector_label}</dt>
                <dd>{company.sector.map(|s| t.sector(s)).unwrap_or_default()}</dd>
            </dl>
            {admin_links}
            <CompanyAssessmentsBlock company_id=company.id />
            <CompanyPlansBlock company_id=company.id />
        </article>
    }
}

fn access_label(t: &'static Texts, access: CompanyAccess) -> &'static str {
    match access {
        CompanyAccess::Member { admin: true } => t.access_own_admin,
        CompanyAccess::Member { admin: false } => t.access_own_member,
        CompanyAccess::Advisor => t.access_advisor,
        CompanyAccess::PlanProgress => t.access_plan_progress,
    }
}
