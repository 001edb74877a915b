//! A version's texts for translators, in gettext PO: what `senda assessments export-strings`
//! writes and `import-strings` reads back, and what the loader merges from the PO files beside a
//! questionnaire (`questionnaires/<id>/<version>.<tag>.po`) or the catalog
//! (`requirements.<tag>.po`).
//!
//! Why a translation is not a new version: a published version's meaning is its Spanish text,
//! its answers and its scoring, held by the hash of its file. A PO file beside it changes none of
//! those, so it may be added or improved at any time. Each entry carries the Spanish it
//! translates (`msgid`), and an entry whose Spanish is not the version's is refused: a translation
//! can never drift onto a text it was not made for. A changed Spanish text is a changed question,
//! and goes in a new version, whose texts are exported and translated again.
//!
//! Each text is keyed by where it is (`msgctxt`: `question.perfil.sector.text`), so two equal
//! Spanish texts may be translated differently. `{name}` references to legal values must be kept
//! as they are: the value is filled in on the assessment's reference date, in every language.
//! An entry marked fuzzy, or left empty, is untranslated; the page then shows the Spanish, marked.
//! Written by hand rather than with a PO crate: this is a small subset (no plurals), and problems
//! must name the file and line as every other file's do.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::catalog::Catalog;
use crate::language::LanguageTag;
use crate::parameters::references_in;
use crate::problem::Problem;
use crate::questionnaire::{Questionnaire, Section};
use crate::text::Text;

/// A translator's file, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Po {
    pub language: LanguageTag,
    pub entries: Vec<Entry>,
}

/// One translated text.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub spanish: String,
    pub translation: String,
    pub fuzzy: bool,
    /// Where its `msgctxt` is, for problems.
    pub line: usize,
}

/// How much of a source is translated into one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub language: LanguageTag,
    pub translated: usize,
    pub total: usize,
}

/// Every text of a questionnaire version with its key, in the order a reader meets them.
pub fn questionnaire_texts(questionnaire: &mut Questionnaire) -> Vec<(String, &mut Text)> {
    let mut texts =
        vec![("title".to_owned(), &mut questionnaire.title), ("intro".to_owned(), &mut questionnaire.intro)];
    for section in &mut questionnaire.sections {
        texts.extend(section_texts(section));
    }
    texts
}

/// Every text of one section with its key: its title and intro, and its questions'.
pub fn section_texts(section: &mut Section) -> Vec<(String, &mut Text)> {
    let mut texts = Vec::new();
    {
        let at = format!("section.{}", section.id);
        texts.push((format!("{at}.title"), &mut section.title));
        if let Some(intro) = &mut section.intro {
            texts.push((format!("{at}.intro"), intro));
        }
        for question in &mut section.questions {
            let at = format!("question.{}", question.id);
            texts.extend(question.texts_mut().into_iter().map(|(name, text)| (format!("{at}.{name}"), text)));
        }
    }
    texts
}

/// Every text of the catalog with its key.
pub fn catalog_texts(catalog: &mut Catalog) -> Vec<(String, &mut Text)> {
    let mut texts: Vec<(String, &mut Text)> = catalog
        .instruments
        .iter_mut()
        .map(|(key, instrument)| (format!("instrument.{key}.name"), &mut instrument.name))
        .collect();
    for requirement in &mut catalog.requirements {
        let at = format!("requirement.{}", requirement.id);
        texts.push((format!("{at}.summary"), &mut requirement.summary));
        texts.push((format!("{at}.evidence"), &mut requirement.evidence));
    }
    texts
}

/// The PO file for translating `texts` into `language`, filled with the translations they carry.
pub fn export(texts: &[(String, &mut Text)], language: &LanguageTag, source: &str) -> String {
    let mut po = String::new();
    let _ = writeln!(po, "# Senda: the texts of {source}, for translation into {language}.");
    po.push_str(
        "# Translate each msgstr; keep every {name} as it is (a legal value, filled in on the\n\
         # assessment's date). Leave a msgstr empty, or mark it fuzzy, while it is not ready.\n",
    );
    po.push_str("msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n");
    let _ = writeln!(po, "\"Language: {language}\\n\"");
    let _ = writeln!(po, "\"X-Senda-Source: {}\\n\"", escape(source));
    for (key, text) in texts {
        let _ = write!(
            po,
            "\nmsgctxt \"{}\"\nmsgid \"{}\"\nmsgstr \"{}\"\n",
            escape(key),
            escape(text.spanish()),
            escape(text.in_tag(language).filter(|_| !language.is_spanish()).unwrap_or_default())
        );
    }
    po
}

/// How much of `texts` each language they are written in covers.
pub fn coverage(texts: &[(String, &mut Text)]) -> Vec<Coverage> {
    let mut translated: BTreeMap<LanguageTag, usize> = BTreeMap::new();
    for (_, text) in texts {
        for language in text.languages() {
            *translated.entry(language.clone()).or_default() += 1;
        }
    }
    translated
        .into_iter()
        .map(|(language, translated)| Coverage { language, translated, total: texts.len() })
        .collect()
}

/// Adds the translations of `po` to `texts`; every entry that does not fit is a problem of `file`
/// and nothing of a file with problems is applied.
pub fn apply(texts: &mut [(String, &mut Text)], po: &Po, file: &str) -> Result<usize, Vec<Problem>> {
    let problem = |line: usize, message: String| Problem { file: file.to_owned(), line, message };
    let mut problems = Vec::new();
    if po.language.is_spanish() {
        problems.push(problem(
            1,
            "a translation into Spanish changes the questionnaire itself: put the change in a new version"
                .into(),
        ));
    }
    let mut ready = Vec::new();
    for entry in po.entries.iter().filter(|e| !e.fuzzy && !e.translation.trim().is_empty()) {
        let Some(index) = texts.iter().position(|(key, _)| *key == entry.key) else {
            problems.push(problem(entry.line, format!("`{}` names no text of this version", entry.key)));
            continue;
        };
        let spanish = texts[index].1.spanish();
        if entry.spanish != spanish {
            problems.push(problem(
                entry.line,
                format!(
                    "`{}` translates a Spanish text this version does not have (it says «{spanish}»): export the \
                     strings of this version and translate that",
                    entry.key
                ),
            ));
            continue;
        }
        let mut wanted = references_in(spanish);
        let mut given = references_in(&entry.translation);
        wanted.sort_unstable();
        given.sort_unstable();
        if wanted != given {
            let names: Vec<String> = wanted.iter().map(|name| format!("{{{name}}}")).collect();
            problems.push(problem(
                entry.line,
                format!("`{}` must keep {} as written, and add no other {{…}}", entry.key, names.join(", ")),
            ));
            continue;
        }
        ready.push((index, entry.translation.clone()));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    for (index, translation) in &ready {
        texts[*index].1.translate(po.language.clone(), translation.clone());
    }
    Ok(ready.len())
}

/// Reads a PO file: its `Language` header and its entries.
pub fn parse(file: &str, source: &str) -> Result<Po, Vec<Problem>> {
    let problem =
        |line: usize, message: &str| Problem { file: file.to_owned(), line, message: message.to_owned() };
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    let mut language = None;
    let mut current = RawEntry::default();
    let mut field: Option<Field> = None;
    // A byte-order mark, as some editors write, is not part of the first line.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let lines: Vec<&str> = source.lines().collect();
    for (index, raw_line) in lines.iter().chain(std::iter::once(&"")).enumerate() {
        let number = index + 1;
        let line = raw_line.trim();
        let starts_entry = line.is_empty()
            || line.starts_with('#')
            || line.starts_with("msgctxt")
            || (line.starts_with("msgid ") && current.translation.is_some());
        if starts_entry && current.has_strings() {
            let finished = std::mem::take(&mut current);
            match finished.into_entry() {
                Header(header) => match header_language(&header) {
                    Some(Ok(tag)) => language = Some(tag),
                    Some(Err(())) => {
                        problems.push(problem(number, "the Language header is not a language tag"))
                    }
                    None => {}
                },
                Translated(entry) => entries.push(entry),
                Incomplete(at) => problems.push(problem(at, "an entry needs msgctxt, msgid and msgstr")),
            }
            field = None;
        }
        if line.is_empty() {
            continue;
        }
        if let Some(flags) = line.strip_prefix("#,") {
            current.fuzzy |= flags.split(',').any(|flag| flag.trim() == "fuzzy");
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let (keyword, rest) = match line.split_once(char::is_whitespace) {
            Some((keyword, rest)) if !line.starts_with('"') => (keyword, rest.trim()),
            _ => ("", line),
        };
        let target = match keyword {
            "msgctxt" => Some(Field::Context),
            "msgid" => Some(Field::Spanish),
            "msgstr" => Some(Field::Translation),
            "" => None,
            "msgid_plural" => {
                problems.push(problem(number, "plural forms are not used in Senda's texts"));
                continue;
            }
            _ if keyword.starts_with("msgstr[") => {
                problems.push(problem(number, "plural forms are not used in Senda's texts"));
                continue;
            }
            other => {
                problems.push(problem(number, &format!("`{other}` is not a PO keyword")));
                continue;
            }
        };
        if let Some(target) = target {
            field = Some(target);
            if current.line == 0 {
                current.line = number; // An entry is where its first keyword is.
            }
        }
        let Some(value) = unquote(rest) else {
            problems.push(problem(number, "a string must be written between double quotes"));
            continue;
        };
        match field {
            Some(Field::Context) => current.context.get_or_insert_default().push_str(&value),
            Some(Field::Spanish) => current.spanish.get_or_insert_default().push_str(&value),
            Some(Field::Translation) => current.translation.get_or_insert_default().push_str(&value),
            None => problems.push(problem(number, "a continued string follows no msgctxt, msgid or msgstr")),
        }
    }
    match language {
        Some(language) if problems.is_empty() => Ok(Po { language, entries }),
        None if problems.is_empty() => {
            Err(vec![problem(1, "the header names no Language (such as \"Language: hch\\n\")")])
        }
        _ => Err(problems),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Context,
    Spanish,
    Translation,
}

#[derive(Debug, Default)]
struct RawEntry {
    context: Option<String>,
    spanish: Option<String>,
    translation: Option<String>,
    fuzzy: bool,
    line: usize,
}

enum Finished {
    Header(String),
    Translated(Entry),
    Incomplete(usize),
}
use Finished::{Header, Incomplete, Translated};

impl RawEntry {
    fn has_strings(&self) -> bool {
        self.context.is_some() || self.spanish.is_some() || self.translation.is_some()
    }

    fn into_entry(self) -> Finished {
        match (self.context, self.spanish, self.translation) {
            (None, Some(spanish), Some(header)) if spanish.is_empty() => Header(header),
            (Some(key), Some(spanish), Some(translation)) => {
                Translated(Entry { key, spanish, translation, fuzzy: self.fuzzy, line: self.line })
            }
            _ => Incomplete(self.line),
        }
    }
}

fn header_language(header: &str) -> Option<Result<LanguageTag, ()>> {
    header
        .lines()
        .find_map(|line| line.strip_prefix("Language:"))
        .map(|tag| tag.trim().parse().map_err(|_| ()))
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
        .replace('\t', "\\t")
}

/// The text of `"…"` with its escapes read, or `None` when it is not one quoted string.
fn unquote(quoted: &str) -> Option<String> {
    let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
    let mut text = String::with_capacity(inner.len());
    let mut letters = inner.chars();
    while let Some(letter) = letters.next() {
        match letter {
            '\\' => match letters.next()? {
                'n' => text.push('\n'),
                'r' => text.push('\r'),
                't' => text.push('\t'),
                '"' => text.push('"'),
                '\\' => text.push('\\'),
                _ => return None,
            },
            '"' => return None,
            other => text.push(other),
        }
    }
    Some(text)
}
