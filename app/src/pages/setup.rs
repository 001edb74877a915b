use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::setup_open;
use crate::components::{ErrorNotice, NewAccountForm};
use crate::i18n::use_texts;

/// `/configuracion-inicial`: while no account exists, create the first platform administrator.
#[component]
pub fn SetupPage() -> impl IntoView {
    let t = use_texts();
    let open = Resource::new(|| (), |_| setup_open());
    view! {
        <Title text=t.setup_title />
        <article class="page page--narrow">
            <h1>{t.setup_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match open.await {
                        Ok(true) => view! { <NewAccountForm action="/configuracion-inicial" lead=t.setup_lead submit=t.setup_submit /> }.into_any(),
                        Ok(false) => view! { <p class="notice">{t.setup_closed} " " <a href="/entrar">{t.sign_in}</a></p> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </article>
    }
}
