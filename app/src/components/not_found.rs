//! The not-found page: the router's fallback, and what a page shows for something absent or
//! not the reader's to see.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_texts;

/// What a reader sees for an address that leads nowhere; answered with status 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let t = use_texts();
    view! {
        <Title text=t.not_found_title />
        <article class="page page--error">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_body}</p>
            <p>
                <a href="/">{t.back_home}</a>
            </p>
        </article>
    }
}
