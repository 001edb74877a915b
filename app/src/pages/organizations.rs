use assessments::access::Organization;
use assessments::organization::{OrganizationKind, Sector};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::list_organizations;
use crate::components::{FieldProblems, InvitationLink, Loaded, use_form_problems, use_kept_value};
use crate::i18n::use_texts;

/// `/organizaciones`: platform administrators create organizations and invite their first admin.
#[component]
pub fn OrganizationsPage() -> impl IntoView {
    let t = use_texts();
    let organizations = Resource::new(|| (), |_| list_organizations());
    let problems = use_form_problems();
    let name = use_kept_value("nombre");
    let rfc = use_kept_value("rfc");
    view! {
        <Title text=t.organizations_title />
        <article class="page">
            <h1>{t.organizations_title}</h1>
            <Loaded resource=organizations view={move |list: Vec<Organization>| view! {
                            <p>{t.organizations_lead}</p>
                            <InvitationLink message=t.first_admin_link />
                            <ul class="cards">
                                {list.into_iter().map(|o| view! {
                                    <li class="card">
                                        <strong>{o.name}</strong>
                                        <span class="card__meta">{t.kind(o.kind)}{o.sector.map(|s| format!(" · {}", t.sector(s)))}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                            <h2>{t.organization_create}</h2>
                            <FieldProblems problems field=None />
                            <form method="post" action="/organizaciones" class="form">
                                <label for="kind">{t.organization_kind}</label>
                                <select id="kind" name="kind">
                                    {[OrganizationKind::Company, OrganizationKind::Association, OrganizationKind::Advisory]
                                        .map(|kind| view! { <option value=kind.as_str()>{t.kind(kind)}</option> })}
                                </select>
                                <label for="organization-name">{t.organization_name}</label>
                                <input id="organization-name" name="name" type="text" required value=name />
                                <FieldProblems problems field=Some("organization-name") />
                                <label for="sector">{t.sector_label}</label>
                                <select id="sector" name="sector">
                                    <option value="">"—"</option>
                                    {Sector::ALL.iter().map(|sector| view! { <option value=sector.as_str()>{t.sector(*sector)}</option> }).collect_view()}
                                </select>
                                <FieldProblems problems field=Some("sector") />
                                <label for="rfc">{t.rfc_optional}</label>
                                <input id="rfc" name="rfc" type="text" autocomplete="off" value=rfc />
                                <FieldProblems problems field=Some("rfc") />
                                <button type="submit">{t.organization_create}</button>
                            </form>
            }} />
        </article>
    }
}
