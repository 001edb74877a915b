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
}
