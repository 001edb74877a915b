use leptos::prelude::*;

use crate::i18n::use_texts;
use crate::urls;

/// The foot of every page: the promise of confidentiality, where a reader looks for it.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let t = use_texts();
    view! {
        <footer class="site-footer">
            <p>{t.footer_confidentiality}</p>
            <p><a href=urls::legal_parameters()>{t.report.parameters_title}</a></p>
            <p class="site-footer__version">{t.app_name} " " {env!("CARGO_PKG_VERSION")}</p>
        </footer>
    }
}
