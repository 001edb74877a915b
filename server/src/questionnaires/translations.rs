//! `senda assessments export-strings` and `import-strings`: the translators' side of the
//! questionnaire library (the format and its rules: `assessments::strings`).

use std::path::Path;

use anyhow::Context as _;
use assessments::language::LanguageTag;
use assessments::loader::{CATALOG_FILE, Library};
use assessments::strings::{self, Coverage};
use assessments::text::Text;

use super::VersionRef;
use super::load;

/// Whose texts: a questionnaire version, or the catalog of requirements.
#[derive(Debug, Clone)]
pub enum StringsOf {
    Catalog,
    Version(VersionRef),
}

impl std::str::FromStr for StringsOf {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "requirements" => Ok(Self::Catalog),
            version => version.parse().map(Self::Version).map_err(|e| format!("{e}, or `requirements`")),
        }
    }
}

/// "translations: en 120 of 130 texts, hch 3 of 130", or that there are none.
pub fn coverage_line(texts: &[(String, &mut Text)]) -> String {
    let covered = strings::coverage(texts);
    if covered.is_empty() {
        return format!("translations: none ({} texts in Spanish)", texts.len());
    }
    let languages: Vec<String> = covered
        .iter()
        .map(|Coverage { language, translated, total }| format!("{language} {translated} of {total} texts"))
        .collect();
    format!("translations: {}", languages.join(", "))
}

/// Writes the PO file of `of` for `language` to `out`, or to standard output.
pub fn export(folder: &Path, of: &StringsOf, language: &str, out: Option<&Path>) -> anyhow::Result<()> {
    let language: LanguageTag = language.parse()?;
    let mut library = load(folder)?;
    let (source, texts) = texts_of(&mut library, of)?;
    let po = strings::export(&texts, &language, &source);
    match out {
        Some(file) => {
            std::fs::write(file, po).with_context(|| format!("could not write {}", file.display()))?
        }
        None => print!("{po}"),
    }
    Ok(())
}

/// Checks `file` against the texts of `of` and, when every entry fits, copies it beside them.
pub fn import(folder: &Path, of: &StringsOf, file: &Path) -> anyhow::Result<()> {
    let contents =
        std::fs::read_to_string(file).with_context(|| format!("could not read {}", file.display()))?;
    let shown = file.display().to_string();
    let located = |problems: Vec<assessments::loader::Problem>| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("{} problem(s), nothing imported:\n{}", lines.len(), lines.join("\n"))
    };
    let po = strings::parse(&shown, &contents).map_err(located)?;
    let mut library = load(folder)?;
    let (source, mut texts) = texts_of(&mut library, of)?;
    let translated = strings::apply(&mut texts, &po, &shown).map_err(located)?;
    let destination = folder.join(format!("{}.{}.po", source.trim_end_matches(".toml"), po.language));
    std::fs::write(&destination, contents)
        .with_context(|| format!("could not write {}", destination.display()))?;
    println!(
        "{}: {translated} texts translated into {}; {} (read at the server's next start).",
        destination.display(),
        po.language,
        coverage_line(&texts)
    );
    Ok(())
}

/// The texts of `of` in `library`, with the file they belong to (relative to the folder).
fn texts_of<'l>(
    library: &'l mut Library,
    of: &StringsOf,
) -> anyhow::Result<(String, Vec<(String, &'l mut Text)>)> {
    match of {
        StringsOf::Catalog => Ok((CATALOG_FILE.to_owned(), strings::catalog_texts(&mut library.catalog))),
        StringsOf::Version(version) => {
            let loaded = library
                .questionnaires
                .iter_mut()
                .find(|q| q.questionnaire.id == version.id && q.questionnaire.version == version.version)
                .with_context(|| format!("there is no questionnaire {version} in the library"))?;
            Ok((loaded.file.clone(), strings::questionnaire_texts(&mut loaded.questionnaire)))
        }
    }
}
