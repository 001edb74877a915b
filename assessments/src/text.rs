//! Texts in every language a questionnaire speaks.
//!
//! The interface speaks Spanish and English ([`Language`]); questionnaire and catalog texts may
//! carry any language besides, named by its tag ([`LanguageTag`]: `hch` for Wixárika, `crn` for
//! Náayeri…). A translation comes inline in a draft's file or, for a published version whose file
//! may not change, from a translator's PO file beside it (see [`crate::strings`]).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Language;
use crate::language::LanguageTag;

/// A text with its translations. Spanish is mandatory; a missing translation falls back to it.
/// A key that is not a language tag is refused when the file is loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    es: String,
    /// Every other language's wording, by tag (`en` among them).
    translations: BTreeMap<LanguageTag, String>,
}

/// A text as shown in a content language: the wording, and whether it is Spanish standing in for
/// a missing translation (the page then marks it, and says it is Spanish).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown<'a> {
    pub wording: &'a str,
    pub fell_back: bool,
}

impl Text {
    pub fn new(es: impl Into<String>, en: Option<String>) -> Self {
        let mut translations = BTreeMap::new();
        if let Some(en) = en {
            translations.insert(LanguageTag::english(), en);
        }
        Self { es: es.into(), translations }
    }

    /// The text in the interface language `language`, or in Spanish when it has no such translation.
    pub fn get(&self, language: Language) -> &str {
        self.translation(language).unwrap_or(&self.es)
    }

    /// The text in `tag`, or Spanish marked as standing in for it.
    pub fn shown_in(&self, tag: &LanguageTag) -> Shown<'_> {
        match self.in_tag(tag) {
            Some(wording) => Shown { wording, fell_back: false },
            None => Shown { wording: &self.es, fell_back: true },
        }
    }

    /// The same text with `change` applied in every language.
    pub fn map(&self, change: impl Fn(&str) -> String) -> Text {
        Text {
            es: change(&self.es),
            translations: self.translations.iter().map(|(tag, text)| (tag.clone(), change(text))).collect(),
        }
    }

    /// Every language's wording, Spanish first.
    pub fn wordings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.es.as_str()).chain(self.translations.values().map(String::as_str))
    }

    pub fn spanish(&self) -> &str {
        &self.es
    }

    /// The text written in `language`, without falling back to Spanish.
    pub fn translation(&self, language: Language) -> Option<&str> {
        self.in_tag(&LanguageTag::of(language))
    }

    /// The text written in `tag` (Spanish for `es`), without falling back; a blank one is none.
    pub fn in_tag(&self, tag: &LanguageTag) -> Option<&str> {
        if tag.is_spanish() {
            return Some(&self.es);
        }
        self.translations.get(tag).map(String::as_str).filter(|text| !text.trim().is_empty())
    }

    /// The languages it is written in besides Spanish.
    pub fn languages(&self) -> impl Iterator<Item = &LanguageTag> {
        self.translations.iter().filter(|(_, text)| !text.trim().is_empty()).map(|(tag, _)| tag)
    }

    /// Drops every translation but those `keep` names: what a page need not carry.
    pub fn retain(&mut self, keep: impl Fn(&LanguageTag) -> bool) {
        self.translations.retain(|tag, _| keep(tag));
    }

    /// Adds or replaces the wording in `tag` (not Spanish: a changed Spanish text is a new version).
    pub fn translate(&mut self, tag: LanguageTag, wording: String) {
        debug_assert!(!tag.is_spanish(), "Spanish is the text itself");
        self.translations.insert(tag, wording);
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1 + self.translations.len()))?;
        map.serialize_entry("es", &self.es)?;
        for (tag, text) in &self.translations {
            map.serialize_entry(tag.as_str(), text)?;
        }
        map.end()
    }
}

/// `{ es = "…", en = "…", hch = "…" }`: Spanish, then any language by its tag.
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of texts by language, Spanish (`es`) first")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut es = None;
                let mut translations = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let tag: LanguageTag = key.parse().map_err(|_| {
                        de::Error::custom(format!("`{key}` is not a language tag (such as es, en or hch)"))
                    })?;
                    let wording: String = map.next_value()?;
                    let repeated = if tag.is_spanish() {
                        es.replace(wording).is_some()
                    } else {
                        translations.insert(tag, wording).is_some()
                    };
                    if repeated {
                        return Err(de::Error::custom(format!("the text in `{key}` is given twice")));
                    }
                }
                let es = es.ok_or_else(|| de::Error::missing_field("es"))?;
                Ok(Text { es, translations })
            }
        }

        deserializer.deserialize_map(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(text: &str) -> LanguageTag {
        text.parse().unwrap()
    }

    #[test]
    fn a_missing_translation_falls_back_to_spanish() {
        let text = Text::new("Contrato escrito", None);
        assert_eq!(text.get(Language::En), "Contrato escrito");
        let text = Text::new("Contrato escrito", Some("Written contract".into()));
        assert_eq!(text.get(Language::En), "Written contract");
        assert_eq!(text.get(Language::Es), "Contrato escrito");
    }

    #[test]
    fn any_language_is_shown_when_written_and_marked_when_spanish_stands_in() {
        let mut text = Text::new("Contrato escrito", None);
        assert_eq!(text.shown_in(&tag("hch")), Shown { wording: "Contrato escrito", fell_back: true });
        text.translate(tag("hch"), "(prueba) contrato".into());
        assert_eq!(text.shown_in(&tag("hch")), Shown { wording: "(prueba) contrato", fell_back: false });
        assert_eq!(text.shown_in(&tag("es")), Shown { wording: "Contrato escrito", fell_back: false });
        assert_eq!(text.languages().map(LanguageTag::as_str).collect::<Vec<_>>(), ["hch"]);
    }

    #[test]
    fn files_name_languages_by_tag_and_spanish_is_required() {
        #[derive(Debug, Deserialize)]
        struct File {
            title: Text,
        }
        let file: File = toml::from_str(r#"title = { es = "Perfil", en = "Profile", hch = "x" }"#).unwrap();
        assert_eq!(file.title.shown_in(&tag("hch")).wording, "x");
        assert_eq!(file.title.get(Language::En), "Profile");
        let missing = toml::from_str::<File>(r#"title = { en = "Profile" }"#).unwrap_err();
        assert!(missing.message().contains("missing field `es`"), "{missing}");
        let bad = toml::from_str::<File>(r#"title = { es = "Perfil", "en us!" = "Profile" }"#).unwrap_err();
        assert!(bad.message().contains("is not a language tag"), "{bad}");
    }

    #[test]
    fn a_text_round_trips_through_json_with_every_language() {
        let mut text = Text::new("Perfil", Some("Profile".into()));
        text.translate(tag("crn"), "x".into());
        let json = serde_json::to_string(&text).unwrap();
        assert_eq!(json, r#"{"es":"Perfil","crn":"x","en":"Profile"}"#);
        assert_eq!(serde_json::from_str::<Text>(&json).unwrap(), text);
    }
}
