use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_texts;

/// The landing page: what Senda is for and whom.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=t.home_title />
        <article class="page">
            <h1>{t.home_title}</h1>
            <p class="lead">{t.home_lead}</p>
            <h2>{t.home_for_whom}</h2>
            <ul class="audiences">
                {t.home_audiences.map(|audience| view! { <li>{audience}</li> })}
            </ul>
        </article>
    }
}
