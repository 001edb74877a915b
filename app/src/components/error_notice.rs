use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::NotFoundPage;
use crate::error::AppError;
use crate::i18n::use_texts;
use crate::urls::sign_in_href;

/// What a page shows when its data could not be had: the 404 page, a way to sign in (on the
/// server, a redirect to it), or a calm notice to try again.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let t = use_texts();
    match error {
        // A page asks with well-formed arguments; a malformed address names nothing there is.
        AppError::NotFound | AppError::BadRequest => view! { <NotFoundPage /> }.into_any(),
        AppError::SignInRequired => {
            let location = use_location();
            let here = format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked());
            let href = sign_in_href(&here);
            #[cfg(feature = "ssr")]
            leptos_axum::redirect(&href);
            view! {
                <p class="notice">
                    {t.sign_in_required} " " <a href=href rel="external">{t.sign_in}</a>
                </p>
            }
            .into_any()
        }
        AppError::Internal => view! {
            <p class="notice notice--error" role="alert">
                {t.try_again}
            </p>
        }
        .into_any(),
    }
}
