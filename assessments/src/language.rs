//! The languages Senda speaks.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language of the interface and of questionnaire texts.
///
/// Spanish comes first: it is the default and the one language every text must have. Adding a
/// language (an indigenous language, later) means adding a variant here; the compiler then points
/// at every catalog that must learn it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Es,
    En,
}

impl Language {
    /// Every language, the default first.
    pub const ALL: [Language; 2] = [Language::Es, Language::En];

    /// The BCP 47 tag, as used in `<html lang>` and in cookies.
    pub const fn tag(self) -> &'static str {
        match self {
            Language::Es => "es",
            Language::En => "en",
        }
    }

    /// The language's name in itself, as a language switch shows it.
    pub const fn endonym(self) -> &'static str {
        match self {
            Language::Es => "Español",
            Language::En => "English",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A tag that names no language Senda speaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language tag `{0}`")]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;

    /// Accepts a bare tag or one with a region (`es-MX`), in any case.
    fn from_str(tag: &str) -> Result<Self, Self::Err> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        Language::ALL
            .into_iter()
            .find(|language| language.tag().eq_ignore_ascii_case(primary))
            .ok_or_else(|| UnknownLanguage(tag.to_owned()))
    }
}

/// A language a questionnaire text may be written in, by its BCP 47 tag: a primary subtag of two
/// or three letters (ISO 639-1 or 639-3, so the languages of Nayarit and Jalisco have one: `hch`
/// Wixárika, `crn` Náayeri, `stp` O'dam), then optional subtags (`es-MX`). Kept lowercase.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LanguageTag(String);

impl LanguageTag {
    pub fn of(language: Language) -> Self {
        Self(language.tag().to_owned())
    }

    pub fn english() -> Self {
        Self::of(Language::En)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Spanish (`es`, whatever the region): the language every text is written in.
    pub fn is_spanish(&self) -> bool {
        self.0.split('-').next() == Some("es")
    }

    /// The language's name in itself, for the languages of Senda's region; else the tag.
    pub fn endonym(&self) -> &str {
        match self.0.as_str() {
            "es" => "Español",
            "en" => "English",
            "hch" => "Wixárika",
            "crn" => "Náayeri (cora)",
            "stp" => "O'dam (tepehuano del sureste)",
            "nah" => "Náhuatl",
            _ => &self.0,
        }
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Text that is not a language tag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a language tag (such as es, en or hch)")]
pub struct NotALanguageTag(pub String);

impl FromStr for LanguageTag {
    type Err = NotALanguageTag;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let lower = text.trim().to_ascii_lowercase().replace('_', "-");
        let mut subtags = lower.split('-');
        let primary = subtags.next().unwrap_or_default();
        let primary_ok = (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase());
        let rest_ok =
            subtags.all(|s| (2..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()));
        if primary_ok && rest_ok { Ok(Self(lower)) } else { Err(NotALanguageTag(text.to_owned())) }
    }
}

impl TryFrom<String> for LanguageTag {
    type Error = NotALanguageTag;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<LanguageTag> for String {
    fn from(tag: LanguageTag) -> Self {
        tag.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_is_the_default() {
        assert_eq!(Language::default(), Language::Es);
        assert_eq!(Language::ALL[0], Language::Es);
    }

    #[test]
    fn tags_parse_with_regions_and_any_case() {
        assert_eq!("es".parse(), Ok(Language::Es));
        assert_eq!("es-MX".parse(), Ok(Language::Es));
        assert_eq!("EN_us".parse(), Ok(Language::En));
    }

    #[test]
    fn unknown_tags_are_refused() {
        assert_eq!("fr".parse::<Language>(), Err(UnknownLanguage("fr".into())));
        assert!("".parse::<Language>().is_err());
    }

    #[test]
    fn every_tag_round_trips() {
        for language in Language::ALL {
            assert_eq!(language.tag().parse(), Ok(language));
        }
    }

    #[test]
    fn content_language_tags_take_any_language_and_refuse_what_is_not_one() {
        for (written, kept) in [("hch", "hch"), ("HCH", "hch"), ("es_MX", "es-mx"), ("crn", "crn")] {
            assert_eq!(written.parse::<LanguageTag>().unwrap().as_str(), kept);
        }
        for bad in ["", "h", "hchx", "es-", "e1", "en us", "../x"] {
            assert!(bad.parse::<LanguageTag>().is_err(), "{bad}");
        }
        assert!("es-MX".parse::<LanguageTag>().unwrap().is_spanish());
    }
}
