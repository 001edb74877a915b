use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The one-time link a form just created (`?invitacion=…`), for the admin to copy and pass on.
#[component]
pub fn InvitationLink(message: &'static str) -> impl IntoView {
    let query = use_query_map();
    move || {
        query.read().get("invitacion").map(|token| {
            let link = crate::urls::invitation(&token);
            view! {
                <div class="notice notice--success" role="status">
                    <p>{message}</p>
                    <p>
                        <a class="invitation-link" href=link.clone()>{link.clone()}</a>
                    </p>
                </div>
            }
        })
    }
}
