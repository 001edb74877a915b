//! Questionnaire and catalog texts in an assessment's content language.

use assessments::Language;
use assessments::language::LanguageTag;
use assessments::text::Text;
use leptos::prelude::*;

use crate::i18n::use_texts;

/// The language an assessment's questions are shown in, provided by its pages; without it, texts
/// follow the interface language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentLanguage(pub LanguageTag);

impl ContentLanguage {
    /// The assessment's choice, or the reader's interface language.
    pub fn of(chosen: Option<LanguageTag>, interface: Language) -> Self {
        Self(chosen.unwrap_or_else(|| LanguageTag::of(interface)))
    }
}

/// `text` in the content language, tagged with its language for screen readers and the browser;
/// Spanish standing in for a missing translation says so.
#[component]
pub fn ContentText(#[prop(into)] text: Text) -> impl IntoView {
    let interface = use_context::<Language>().unwrap_or_default();
    let ContentLanguage(tag) =
        use_context::<ContentLanguage>().unwrap_or_else(|| ContentLanguage::of(None, interface));
    let shown = text.shown_in(&tag);
    let untranslated = (shown.fell_back && !tag.is_spanish()).then(|| {
        view! { <small class="untranslated">" (" {use_texts().untranslated} ")"</small> }
    });
    let lang = if shown.fell_back { "es".to_owned() } else { tag.as_str().to_owned() };
    view! { <span lang=lang>{shown.wording.to_owned()}</span> {untranslated} }
}
