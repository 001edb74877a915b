use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{People, list_people};
use crate::components::ErrorNotice;
use crate::i18n::use_texts;

/// `/organizaciones/{id}/personas`: the organization's people, invitations and removals. Admins only.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let people = Resource::new(move || params.read().get("id").unwrap_or_default(), list_people);
    view! {
        <Title text=t.people_title />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match people.await {
                    Ok(people) => view! { <PeopleOf people /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PeopleOf(people: People) -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let People { organization, members, roles, viewer_id } = people;
    let base = format!("/organizaciones/{}", organization.id);
    let invitation = move || {
        query.read().get("invitacion").map(|token| {
            let link = format!("/invitacion/{token}");
            view! {
                <div class="notice notice--success" role="status">
                    <p>{t.invite_link_ready}</p>
                    <p><a class="invitation-link" href=link.clone()>{link.clone()}</a></p>
                </div>
            }
        })
    };
    let rows = members
        .into_iter()
        .map(|member| {
            let remove = (member.user_id != viewer_id).then(|| {
                view! {
                    <form method="post" action=format!("{base}/personas/{}/quitar", member.user_id)>
                        <button type="submit" class="button--quiet">{t.remove}</button>
                    </form>
                }
            });
            view! {
                <tr>
                    <td>{member.name}</td>
                    <td>{member.email}</td>
                    <td>{t.role(member.role)}</td>
                    <td>{remove}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <article class="page">
            <h1>{t.people_title} " · " {organization.name.clone()}</h1>
            <p>{t.people_lead}</p>
            {invitation}
            <table class="table">
                <thead><tr><th scope="col">{t.full_name}</th><th scope="col">{t.email}</th><th scope="col">{t.role_label}</th><th></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <h2>{t.invite_title}</h2>
            <p>{t.invite_lead}</p>
            <form method="post" action=format!("{base}/invitaciones") class="form">
                <label for="role">{t.role_label}</label>
                <select id="role" name="role">
                    {roles.into_iter().map(|role| view! { <option value=role.as_str()>{t.role(role)}</option> }).collect_view()}
                </select>
                <button type="submit">{t.invite_submit}</button>
            </form>
        </article>
    }
}
