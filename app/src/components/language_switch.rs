use assessments::Language;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::use_texts;
use crate::urls::percent_encode;

/// Links to read the current page in another language.
///
/// Plain links to the server's `/idioma/{tag}` route, which stores the choice in a cookie and
/// sends the reader back to the same page: it works the same with or without JavaScript.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let t = use_texts();
    let current = use_context::<Language>().unwrap_or_default();
    let location = use_location();

    let choices = Language::ALL
        .into_iter()
        .map(|language| {
            if language == current {
                view! {
                    <li>
                        <span aria-current="true" lang=language.tag()>
                            {language.endonym()}
                        </span>
                    </li>
                }
                .into_any()
            } else {
                let href = move || {
                    let here = format!("{}{}", location.pathname.get(), location.search.get());
                    switch_language_href(language, &here)
                };
                view! {
                    <li>
                        // rel="external" keeps the client-side router from swallowing the link.
                        <a href=href rel="external" hreflang=language.tag() lang=language.tag()>
                            {language.endonym()}
                        </a>
                    </li>
                }
                .into_any()
            }
        })
        .collect_view();

    view! {
        <ul class="language-switch" aria-label=t.language>
            {choices}
        </ul>
    }
}

/// The address that switches to `language` and comes back to `here` (a path with its query).
pub fn switch_language_href(language: Language, here: &str) -> String {
    format!("/idioma/{}?volver={}", language.tag(), percent_encode(here))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_returns_to_the_same_page_with_its_query() {
        assert_eq!(
            switch_language_href(Language::En, "/evaluaciones?seccion=2&x=á"),
            "/idioma/en?volver=/evaluaciones%3Fseccion%3D2%26x%3D%C3%A1"
        );
    }
}
