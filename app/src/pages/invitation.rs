use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::{get_invitation, who_am_i};
use crate::components::ErrorNotice;
use crate::components::NewAccountForm;
use crate::i18n::use_texts;
use crate::urls;

/// `/invitacion/{token}`: accept a one-time invitation, creating an account first if needed.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let invitation = Resource::new(token, get_invitation);
    let signed_in = Resource::new(|| (), |_| who_am_i());
    view! {
        <Title text=t.invitation_title />
        <article class="page page--narrow">
            <h1>{t.invitation_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let action = urls::invitation(&token());
                    match (invitation.await, signed_in.await) {
                        (Ok(Some((organization, role))), Ok(person)) => view! {
                            <p class="lead">
                                {t.invitation_offer} " " <strong>{organization.name}</strong> " "
                                {t.invitation_as} " " <strong>{t.role(role)}</strong> "."
                            </p>
                            {match person {
                                Some(_) => view! {
                                    <form method="post" action=action class="form">
                                        <button type="submit">{t.invitation_accept}</button>
                                    </form>
                                }.into_any(),
                                None => view! {
                                    <h2>{t.invitation_create_account}</h2>
                                    <NewAccountForm action lead=t.no_account_yet submit=t.invitation_accept />
                                }.into_any(),
                            }}
                        }.into_any(),
                        (Ok(None), _) => view! { <p class="notice">{t.invitation_invalid}</p> }.into_any(),
                        (Err(error), _) | (_, Err(error)) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </article>
    }
}
