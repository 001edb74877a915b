use leptos::prelude::*;

use crate::i18n::use_texts;

/// The foot of every page: the promise of confidentiality, where a reader looks for it.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let t = use_texts();
    view! {
        <footer class="site-footer">
            <p>{t.footer_confidentiality}</p>
            <p class="site-footer__version">{t.app_name} " " {env!("CARGO_PKG_VERSION")}</p>
        </footer>
    }
}
