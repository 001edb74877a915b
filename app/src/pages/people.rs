use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::list_people;
use crate::components::{InvitationLink, Loaded, minute};
use crate::i18n::use_texts;
use crate::model::account::People;
use assessments::access::OpenInvitation;

/// `/organizaciones/{id}/personas`: the organization's people, invitations and removals. Admins only.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let people = Resource::new(move || params.read().get("id").unwrap_or_default(), list_people);
    view! {
        <Title text=t.people_title />
        <Loaded resource=people view={|people| view! { <PeopleOf people /> }} />
    }
}

#[component]
fn PeopleOf(people: People) -> impl IntoView {
    let t = use_texts();
    let People { organization, members, invitations, roles, viewer_id } = people;
    let base = format!("/organizaciones/{}", organization.id);
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
                    <td data-label=t.email>{member.email}</td>
                    <td data-label=t.role_label>{t.role(member.role)}</td>
                    <td>{remove}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <article class="page">
            <h1>{t.people_title} " · " {organization.name.clone()}</h1>
            <p>{t.people_lead}</p>
            <InvitationLink message=t.invite_link_ready />
            <table class="table">
                <thead><tr><th scope="col">{t.full_name}</th><th scope="col">{t.email}</th><th scope="col">{t.role_label}</th><th></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <OpenInvitations invitations base=base.clone() />
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

/// The links handed out and not used yet: who made each, for which role, until when; an admin
/// withdraws one that went to the wrong person or is no longer needed.
#[component]
fn OpenInvitations(invitations: Vec<OpenInvitation>, base: String) -> impl IntoView {
    let t = use_texts();
    if invitations.is_empty() {
        return None;
    }
    let rows = invitations
        .into_iter()
        .map(|invitation| {
            view! {
                <tr>
                    <td data-label=t.role_label>{t.role(invitation.role)}</td>
                    <td data-label=t.invitation_by>{invitation.invited_by}</td>
                    <td data-label=t.invitation_until>
                        <time datetime=invitation.expires_at.to_rfc3339()>{minute(&invitation.expires_at)}</time>
                    </td>
                    <td>
                        <form method="post" action=format!("{base}/invitaciones/{}/retirar", invitation.key)>
                            <button type="submit" class="button--quiet">{t.invitation_withdraw}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <h2>{t.invitations_open_title}</h2>
        <table class="table">
            <thead><tr>
                <th scope="col">{t.role_label}</th><th scope="col">{t.invitation_by}</th>
                <th scope="col">{t.invitation_until}</th><th></th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    })
}
