//! Texts in every language a questionnaire speaks.

use serde::{Deserialize, Serialize};

use crate::Language;

/// A text with its translations. Spanish is mandatory; a missing translation falls back to it.
/// A key naming a language Senda does not speak is refused when the file is loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    es: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    en: Option<String>,
}

impl Text {
    pub fn new(es: impl Into<String>, en: Option<String>) -> Self {
        Self { es: es.into(), en }
    }

    /// The text in `language`, or in Spanish when it has no such translation.
    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::Es => &self.es,
            Language::En => self.en.as_deref().filter(|en| !en.trim().is_empty()).unwrap_or(&self.es),
        }
    }

    /// The same text with `change` applied in every language.
    pub fn map(&self, change: impl Fn(&str) -> String) -> Text {
        Text { es: change(&self.es), en: self.en.as_deref().map(&change) }
    }

    /// Every language's wording, Spanish first.
    pub fn wordings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.es.as_str()).chain(self.en.as_deref())
    }

    pub fn spanish(&self) -> &str {
        &self.es
    }

    /// The text written in `language`, without falling back to Spanish.
    pub fn translation(&self, language: Language) -> Option<&str> {
        match language {
            Language::Es => Some(&self.es),
            Language::En => self.en.as_deref().filter(|en| !en.trim().is_empty()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_translation_falls_back_to_spanish() {
        let text = Text::new("Contrato escrito", None);
        assert_eq!(text.get(Language::En), "Contrato escrito");
        let text = Text::new("Contrato escrito", Some("Written contract".into()));
        assert_eq!(text.get(Language::En), "Written contract");
        assert_eq!(text.get(Language::Es), "Contrato escrito");
    }
}
