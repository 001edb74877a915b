//! Loading and validating the catalog and questionnaire files (format: `assessments/FORMAT.md`).
//!
//! Pure: callers read the files and pass their text, so the same loader serves the server, the
//! `senda assessments` commands and the tests. It never panics on any input (a property test
//! feeds it arbitrary and mangled text) and reports every problem it finds as `file:line:
//! message`, not just the first.

mod raw;

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use toml::Spanned;

use chrono::NaiveDate;

use crate::catalog::{Catalog, Confidence, Instrument, Requirement, Severity};
use crate::dates;
use crate::parameters::{self, LegalParameters, Parameter, Period};
pub use crate::problem::Problem;
use crate::questionnaire::{
    AnswerKind, ChoiceOption, Condition, Level, NumberRange, Question, Questionnaire, Section, Status,
    YesNoLevels,
};
use crate::strings;

/// The catalog's file name in the assessments folder.
pub const CATALOG_FILE: &str = "requirements.toml";

/// The legal parameters' file name in the assessments folder.
pub const PARAMETERS_FILE: &str = "parameters.toml";

/// A file as read from the assessments folder.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the assessments folder, with `/`: `requirements.toml`,
    /// `questionnaires/agro-laboral/1.toml`.
    pub path: String,
    pub contents: String,
}

/// A questionnaire version with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedQuestionnaire {
    pub file: String,
    /// Hex SHA-256 of the file as it was published (see [`published_form`]): a published
    /// version must never change, except to be retired.
    pub content_hash: String,
    pub questionnaire: Questionnaire,
}

/// The catalog, the legal parameters and every questionnaire version, validated together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    pub catalog: Catalog,
    pub parameters: LegalParameters,
    pub questionnaires: Vec<LoadedQuestionnaire>,
    /// Translators' files that do not fit what they translate. They are left out — the texts show
    /// in Spanish, marked — rather than keep the server from starting: a stale translation of a
    /// draft is no reason to stop the field's work. `senda assessments check` refuses them.
    pub translation_problems: Vec<Problem>,
    /// Questionnaire versions as read on a date with these parameters, kept for every page.
    pub readings: parameters::Readings,
}

impl Library {
    pub fn questionnaire(&self, id: &str, version: u32) -> Option<&LoadedQuestionnaire> {
        self.questionnaires.iter().find(|q| q.questionnaire.id == id && q.questionnaire.version == version)
    }

    /// The newest published version of a questionnaire.
    pub fn latest_published(&self, id: &str) -> Option<&LoadedQuestionnaire> {
        self.questionnaires
            .iter()
            .filter(|q| q.questionnaire.id == id && q.questionnaire.status == Status::Published)
            .max_by_key(|q| q.questionnaire.version)
    }
}

/// Collects problems for one file, placing byte offsets on lines.
struct Report<'a> {
    file: &'a str,
    source: &'a str,
    problems: Vec<Problem>,
}

impl<'a> Report<'a> {
    fn new(file: &'a str, source: &'a str) -> Self {
        Self { file, source, problems: Vec::new() }
    }

    fn at(&mut self, offset: usize, message: impl Into<String>) {
        let line = self.source.get(..offset).map_or(1, |before| before.matches('\n').count() + 1);
        self.problems.push(Problem { file: self.file.to_owned(), line, message: message.into() });
    }

    fn at_span<T>(&mut self, spanned: &Spanned<T>, message: impl Into<String>) {
        self.at(spanned.span().start, message);
    }

    fn parse<T: DeserializeOwned>(&mut self) -> Option<T> {
        match toml::from_str::<T>(self.source) {
            Ok(value) => Some(value),
            Err(error) => {
                let offset = error.span().map_or(0, |span| span.start);
                self.at(offset, error.message().trim().to_owned());
                None
            }
        }
    }
}

fn is_slug(text: &str, extra: char) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == extra)
}

/// Adds the translations of a PO file to the catalog (`requirements.<tag>.po`) or to the
/// questionnaire version beside it (`questionnaires/<id>/<version>.<tag>.po`); see
/// [`crate::strings`]. The file's tag and its `Language` header must agree.
fn translate(
    file: &SourceFile,
    catalog: &mut Catalog,
    questionnaires: &mut [LoadedQuestionnaire],
) -> Result<usize, Vec<Problem>> {
    let refuse = |message: String| vec![Problem { file: file.path.clone(), line: 1, message }];
    let po = strings::parse(&file.path, &file.contents)?;
    let stem = file.path.strip_suffix(".po").unwrap_or(&file.path);
    let (owner, tag) = stem.rsplit_once('.').unwrap_or((stem, ""));
    if tag != po.language.as_str() {
        return Err(refuse(format!(
            "the file is named for `{tag}` but its Language header says `{}`: name it {owner}.{}.po",
            po.language, po.language
        )));
    }
    let mut texts = if owner == CATALOG_FILE.trim_end_matches(".toml") {
        strings::catalog_texts(catalog)
    } else {
        let Some(loaded) = questionnaires.iter_mut().find(|q| format!("{owner}.toml") == q.file) else {
            return Err(refuse(format!(
                "{owner}.toml is not a questionnaire version here: there is nothing to translate"
            )));
        };
        strings::questionnaire_texts(&mut loaded.questionnaire)
    };
    strings::apply(&mut texts, &po, &file.path)
}

/// Parses and validates the requirements catalog.
pub fn parse_catalog(file: &str, source: &str) -> Result<Catalog, Vec<Problem>> {
    let mut report = Report::new(file, source);
    let Some(raw) = report.parse::<raw::Catalog>() else { return Err(report.problems) };
    let mut catalog = Catalog::default();
    for (key, instrument) in raw.instruments {
        catalog.instruments.insert(key.clone(), Instrument { key, name: instrument.name });
    }
    let mut seen = HashSet::new();
    for requirement in raw.requirement {
        let id = requirement.id.get_ref().clone();
        if !seen.insert(id.clone()) {
            report.at_span(&requirement.id, format!("requirement `{id}` is defined twice"));
        }
        if !catalog.instruments.contains_key(requirement.instrument.get_ref()) {
            report.at_span(
                &requirement.instrument,
                format!("requirement `{id}` names unknown instrument `{}`", requirement.instrument.get_ref()),
            );
        }
        if requirement.zero_tolerance && requirement.severity != Severity::Critical {
            report.at_span(
                &requirement.id,
                format!("requirement `{id}` is zero-tolerance, so it must be critical"),
            );
        }
        if requirement.confidence == Confidence::Confirmed && requirement.sources.is_empty() {
            report.at_span(&requirement.id, format!("requirement `{id}` is confirmed but lists no source"));
        }
        catalog.requirements.push(Requirement {
            id,
            instrument: requirement.instrument.into_inner(),
            article: requirement.article,
            summary: requirement.summary,
            severity: requirement.severity,
            zero_tolerance: requirement.zero_tolerance,
            evidence: requirement.evidence,
            confidence: requirement.confidence,
            confidence_note: requirement.confidence_note,
            sources: requirement.sources,
            tags: requirement.tags,
        });
    }
    if report.problems.is_empty() { Ok(catalog) } else { Err(report.problems) }
}

/// A date written `YYYY-MM-DD` in a file, or a problem where it is written.
fn date_at(report: &mut Report<'_>, text: &Spanned<String>, what: &str) -> Option<NaiveDate> {
    let date = dates::parse(text.get_ref());
    if date.is_none() {
        report.at_span(text, format!("{what} `{}` is not a date written YYYY-MM-DD", text.get_ref()));
    }
    date
}

/// Parses and validates the legal parameters: names, dates, and periods that follow each other
/// day after day.
pub fn parse_parameters(file: &str, source: &str) -> Result<LegalParameters, Vec<Problem>> {
    let mut report = Report::new(file, source);
    let Some(raw) = report.parse::<raw::Parameters>() else { return Err(report.problems) };
    let mut parameters = LegalParameters::default();
    for raw_parameter in raw.parameter {
        let name = raw_parameter.name.get_ref().clone();
        if !is_slug(&name, '-') {
            report
                .at_span(&raw_parameter.name, format!("parameter name `{name}` may use only a-z, 0-9 and -"));
        }
        if parameters.get(&name).is_some() {
            report.at_span(&raw_parameter.name, format!("parameter `{name}` is defined twice"));
        }
        if raw_parameter.period.is_empty() {
            report.at_span(&raw_parameter.name, format!("parameter `{name}` has no period"));
        }
        let mut periods: Vec<Period> = Vec::new();
        for raw_period in raw_parameter.period {
            let from = date_at(&mut report, &raw_period.from, "from");
            let until = raw_period.until.as_ref().map(|until| (date_at(&mut report, until, "until"), until));
            let (Some(from), Some(until)) = (from, until.map_or(Some(None), |(date, _)| date.map(Some)))
            else {
                continue;
            };
            let here = &raw_period.from;
            if until.is_some_and(|until| until < from) {
                report.at_span(here, format!("parameter `{name}`: a period ends before it begins"));
            }
            if let Some(previous) = periods.last() {
                match previous.until {
                    None => report.at_span(
                        here,
                        format!("parameter `{name}`: only the last period may be open-ended (no `until`)"),
                    ),
                    Some(end) if from <= end => report.at_span(
                        here,
                        format!("parameter `{name}`: the period from {from} overlaps the one ending {end}"),
                    ),
                    Some(end) if dates::days_between(end, from) > 1 => report.at_span(
                        here,
                        format!("parameter `{name}`: no value between {end} and {from}: periods must follow each other"),
                    ),
                    Some(_) => {}
                }
            }
            if raw_period.value.is_none() && raw_period.confidence == Confidence::Confirmed {
                report.at_span(here, format!("parameter `{name}`: a confirmed period needs a `value`"));
            }
            if raw_period.source.trim().is_empty() {
                report.at_span(here, format!("parameter `{name}`: a period needs a `source`"));
            }
            periods.push(Period {
                from,
                until,
                value: raw_period.value,
                source: raw_period.source,
                confidence: raw_period.confidence,
                note: raw_period.note,
            });
        }
        parameters.parameters.push(Parameter {
            name,
            label: raw_parameter.label,
            unit: raw_parameter.unit,
            basis: raw_parameter.basis,
            periods,
        });
    }
    if report.problems.is_empty() { Ok(parameters) } else { Err(report.problems) }
}

/// Parses and validates one questionnaire version against the catalog and the legal parameters.
pub fn parse_questionnaire(
    file: &str,
    source: &str,
    catalog: &Catalog,
    parameters: &LegalParameters,
) -> Result<Questionnaire, Vec<Problem>> {
    let mut report = Report::new(file, source);
    let Some(raw) = report.parse::<raw::Questionnaire>() else { return Err(report.problems) };
    if !is_slug(raw.id.get_ref(), '-') {
        report
            .at_span(&raw.id, format!("questionnaire id `{}` may use only a-z, 0-9 and -", raw.id.get_ref()));
    }
    let has_reference_from = raw.reference_from.is_some();
    let reference_from =
        raw.reference_from.as_ref().and_then(|text| date_at(&mut report, text, "reference_from"));
    let mut section_ids = HashSet::new();
    // Question id → its possible answers, for conditions on earlier questions.
    let mut earlier: HashMap<String, Option<Vec<String>>> = HashMap::new();
    let mut sections = Vec::new();
    for raw_section in raw.section {
        let section_id = raw_section.id.get_ref().clone();
        if !section_ids.insert(section_id.clone()) {
            report.at_span(&raw_section.id, format!("section `{section_id}` is defined twice"));
        }
        if section_id == crate::questionnaire::KEY_IN_SECTION {
            report.at_span(
                &raw_section.id,
                format!("section id `{section_id}` is reserved for the page that keys in a paper form"),
            );
        }
        if raw_section.question.is_empty() {
            report.at_span(&raw_section.id, format!("section `{section_id}` has no questions"));
        }
        let mut questions = Vec::new();
        for raw_question in raw_section.question {
            let here = raw_question.id.span().start;
            if let Some(question) =
                question(&mut report, raw_question, raw_section.profile, catalog, &earlier)
            {
                // A question asked only from a later day needs its values only from then.
                let first_day = question.asked_from.max(reference_from);
                check_parameters(&mut report, here, &question, parameters, first_day);
                // Before its day a question is not there to answer: one conditioned on it would
                // vanish with it, unsaid.
                let target = question.show_if.as_ref().and_then(|condition| {
                    sections
                        .iter()
                        .flat_map(|s: &Section| &s.questions)
                        .chain(&questions)
                        .find(|q| q.id == condition.question)
                });
                if let Some(target) = target.filter(|target| target.asked_from > question.asked_from) {
                    report.at(
                        here,
                        format!(
                            "question `{}`: its condition is on `{}`, which is asked only from a later day",
                            question.id, target.id
                        ),
                    );
                }
                if question.asked_from.is_some() && !has_reference_from {
                    report.at(
                        here,
                        format!(
                            "question `{}` is asked from a day, so the questionnaire needs `reference_from`",
                            question.id
                        ),
                    );
                }
                earlier.insert(question.id.clone(), question.answer.possible_answers());
                questions.push(question);
            }
        }
        sections.push(Section {
            id: section_id,
            title: raw_section.title,
            intro: raw_section.intro,
            profile: raw_section.profile,
            questions,
        });
    }
    let questionnaire = Questionnaire {
        id: raw.id.into_inner(),
        version: raw.version.into_inner(),
        status: raw.status,
        title: raw.title,
        intro: raw.intro,
        due_days: raw.due_days,
        reference_from,
        sections,
    };
    let used = parameters::used_by(&questionnaire);
    if !used.is_empty() && raw.reference_from.is_none() {
        report.at(
            0,
            format!(
                "the questionnaire uses legal parameters ({}) but says no `reference_from`: from which reference date can it be answered?",
                used.join(", ")
            ),
        );
    }
    if !report.problems.is_empty() {
        return Err(report.problems);
    }
    Ok(questionnaire)
}

/// Every parameter `question` names exists and has a value on every day from `reference_from`
/// on: no reference date an assessment may have leaves a text or a threshold without its value.
fn check_parameters(
    report: &mut Report<'_>,
    here: usize,
    question: &Question,
    parameters: &LegalParameters,
    reference_from: Option<NaiveDate>,
) {
    let id = &question.id;
    for name in parameters::named_by(question) {
        match (parameters.get(name), reference_from) {
            (None, _) => report.at(here, format!("question `{id}` refers to unknown parameter `{name}`")),
            (Some(parameter), Some(from)) if !parameter.covers_every_day_from(from) => report.at(
                here,
                format!("question `{id}`: parameter `{name}` has no value on some day from {from} (reference_from) on"),
            ),
            _ => {}
        }
    }
}

/// Validates one question; `None` when it is too broken to keep checking others against it.
fn question(
    report: &mut Report<'_>,
    raw: raw::Question,
    profile: bool,
    catalog: &Catalog,
    earlier: &HashMap<String, Option<Vec<String>>>,
) -> Option<Question> {
    let id = raw.id.get_ref().clone();
    let here = raw.id.span().start;
    if earlier.contains_key(&id) {
        report.at(here, format!("question `{id}` is defined twice"));
    }
    if !is_slug(&id.replace('.', ""), '-') {
        report.at(here, format!("question id `{id}` may use only a-z, 0-9, - and ."));
    }
    for requirement in &raw.requirements {
        if catalog.requirement(requirement.get_ref()).is_none() {
            report.at_span(
                requirement,
                format!("question `{id}` refers to unknown requirement `{}`", requirement.get_ref()),
            );
        }
    }
    if profile && !raw.requirements.is_empty() {
        report.at(here, format!("question `{id}` is in a profile section and must verify no requirement"));
    }
    if !profile && raw.requirements.is_empty() {
        report.at(here, format!("question `{id}` verifies no requirement"));
    }
    let scored = !profile;
    let options = |report: &mut Report<'_>, options: Vec<raw::ChoiceOption>| -> Vec<ChoiceOption> {
        let mut values = HashSet::new();
        if options.len() < 2 {
            report.at(here, format!("question `{id}` needs at least two options"));
        }
        options
            .into_iter()
            .map(|option| {
                let value = option.value.get_ref().clone();
                if !is_slug(&value, '_') {
                    report.at_span(&option.value, format!("option `{value}` of question `{id}` may use only a-z, 0-9 and _"));
                }
                if !values.insert(value.clone()) {
                    report.at_span(&option.value, format!("option `{value}` of question `{id}` is defined twice"));
                }
                if scored && option.level.is_none() {
                    report.at_span(&option.value, format!("option `{value}` of question `{id}` has no level: every answer must be scored"));
                }
                if profile && option.level.is_some() {
                    report.at_span(&option.value, format!("option `{value}` of question `{id}` is in a profile section and must have no level"));
                }
                if profile && option.warning.is_some() {
                    report.at_span(&option.value, format!("option `{value}` of question `{id}` is in a profile section and must have no warning"));
                }
                ChoiceOption { value, label: option.label, level: option.level, warning: option.warning }
            })
            .collect()
    };
    let has_options = !raw.option.is_empty();
    // "Not applicable" erases a gap: on a question that verifies a critical or high requirement
    // it is offered only where the questionnaire says when it can apply.
    let weighty = raw
        .requirements
        .iter()
        .filter_map(|id| catalog.requirement(id.get_ref()))
        .any(|requirement| requirement.severity <= Severity::High);
    let answer = match raw.answer.get_ref().as_str() {
        "yes_no_partial" => AnswerKind::YesNoPartial {
            levels: raw.levels.unwrap_or_default(),
            allow_not_applicable: raw.allow_not_applicable.unwrap_or(true)
                && (!weighty || raw.not_applicable_when.is_some()),
        },
        "single_choice" => AnswerKind::SingleChoice { options: options(report, raw.option) },
        "multiple_choice" => AnswerKind::MultipleChoice { options: options(report, raw.option) },
        "number" => {
            let ranges: Vec<NumberRange> = raw
                .ranges
                .into_iter()
                .map(|range| match range.up_to {
                    Some(raw::Threshold::Parameter(name)) => {
                        NumberRange { up_to: None, level: range.level, parameter: Some(name) }
                    }
                    Some(raw::Threshold::Number(up_to)) => {
                        NumberRange { up_to: Some(up_to), level: range.level, parameter: None }
                    }
                    None => NumberRange { up_to: None, level: range.level, parameter: None },
                })
                .collect();
            if scored && ranges.last().is_none_or(|last| last.up_to.is_some() || last.parameter.is_some()) {
                report.at(
                    here,
                    format!(
                        "question `{id}`: the last range must have no `up_to`, so every number is scored"
                    ),
                );
            }
            if let (Some(min), Some(max)) = (raw.min, raw.max)
                && min > max
            {
                report.at(here, format!("question `{id}`: min is greater than max"));
            }
            AnswerKind::Number { min: raw.min, max: raw.max, unit: raw.unit, ranges }
        }
        "date" => {
            if scored && raw.max_age_days.is_none() {
                report.at(here, format!("question `{id}`: a scored date question needs `max_age_days`"));
            }
            AnswerKind::Date { max_age_days: raw.max_age_days }
        }
        "text" => {
            let review = raw.review.unwrap_or(false);
            if scored && !review {
                report.at(here, format!("question `{id}`: a scored text question needs `review = true`"));
            }
            AnswerKind::Text { review }
        }
        other => {
            report.at_span(&raw.answer, format!("question `{id}` has unknown answer type `{other}`"));
            return None;
        }
    };
    if has_options && !matches!(answer, AnswerKind::SingleChoice { .. } | AnswerKind::MultipleChoice { .. }) {
        report.at(here, format!("question `{id}` has options but its answer type is `{}`", answer.name()));
    }
    let erasing = match &answer {
        AnswerKind::YesNoPartial { levels, .. } => {
            [levels.yes, levels.partial, levels.no].contains(&Level::NotApplicable)
        }
        AnswerKind::SingleChoice { options } | AnswerKind::MultipleChoice { options } => {
            options.iter().any(|option| option.level == Some(Level::NotApplicable))
        }
        AnswerKind::Number { ranges, .. } => ranges.iter().any(|range| range.level == Level::NotApplicable),
        AnswerKind::Date { .. } | AnswerKind::Text { .. } => false,
    };
    if weighty && erasing && raw.not_applicable_when.is_none() {
        report.at(
            here,
            format!("question `{id}` verifies a critical or high requirement: an answer at `not_applicable` needs `not_applicable_when`"),
        );
    }
    if raw.not_applicable_when.is_some()
        && !matches!(answer, AnswerKind::YesNoPartial { allow_not_applicable: true, .. })
    {
        report.at(
            here,
            format!("question `{id}` says when it is not applicable but does not offer that answer"),
        );
    }
    if !scored && raw.evidence_prompt.is_some() {
        report.at(here, format!("question `{id}` is not scored, so it asks for no evidence"));
    }
    if scored && raw.action.is_none() {
        report.at(here, format!("question `{id}` has no suggested corrective action"));
    }
    let show_if = raw.show_if.map(|condition| {
        let target = condition.question.get_ref();
        match earlier.get(target) {
            None => report.at_span(
                &condition.question,
                format!("question `{id}`: condition refers to `{target}`, which is unknown or comes later in the file"),
            ),
            Some(None) => report.at_span(
                &condition.question,
                format!("question `{id}`: condition refers to `{target}`, whose answers are not fixed values"),
            ),
            Some(Some(answers)) => {
                for value in &condition.any_of {
                    if !answers.contains(value) {
                        report.at_span(&condition.question, format!("question `{id}`: `{target}` cannot be answered `{value}`"));
                    }
                }
            }
        }
        Condition { question: condition.question.into_inner(), any_of: condition.any_of }
    });
    let asked_from = raw.asked_from.as_ref().and_then(|text| date_at(report, text, "asked_from"));
    Some(Question {
        id,
        text: raw.text,
        help: raw.help,
        answer,
        required: raw.required.unwrap_or(true),
        evidence: raw.evidence.unwrap_or(false),
        evidence_prompt: raw.evidence_prompt,
        asked_from,
        show_if,
        requirements: raw.requirements.into_iter().map(Spanned::into_inner).collect(),
        action: raw.action,
        due_days: raw.due_days,
        not_applicable_when: raw.not_applicable_when,
    })
}

/// Loads the catalog and every questionnaire version, with the checks across files: each file's
/// name matches its id and version, and every requirement is verified by a published version.
pub fn load_library(files: &[SourceFile]) -> Result<Library, Vec<Problem>> {
    let mut problems = Vec::new();
    let catalogs: Vec<_> = files.iter().filter(|f| f.path == CATALOG_FILE).collect();
    let mut catalog = match catalogs.as_slice() {
        [file] => parse_catalog(&file.path, &file.contents).unwrap_or_else(|mut found| {
            problems.append(&mut found);
            Catalog::default()
        }),
        _ => {
            problems.push(Problem {
                file: CATALOG_FILE.into(),
                line: 1,
                message: "exactly one catalog is needed".into(),
            });
            Catalog::default()
        }
    };
    // Optional: a folder without it has no parameters, and no questionnaire may use one.
    let parameters = match files.iter().find(|f| f.path == PARAMETERS_FILE) {
        Some(file) => parse_parameters(&file.path, &file.contents).unwrap_or_else(|mut found| {
            problems.append(&mut found);
            LegalParameters::default()
        }),
        None => LegalParameters::default(),
    };
    let (translations, versions): (Vec<&SourceFile>, Vec<&SourceFile>) = files
        .iter()
        .filter(|f| f.path != CATALOG_FILE && f.path != PARAMETERS_FILE)
        .partition(|f| f.path.ends_with(".po"));
    let mut questionnaires: Vec<LoadedQuestionnaire> = Vec::new();
    for file in versions {
        let questionnaire = match parse_questionnaire(&file.path, &file.contents, &catalog, &parameters) {
            Ok(questionnaire) => questionnaire,
            Err(mut found) => {
                problems.append(&mut found);
                continue;
            }
        };
        let expected = format!("questionnaires/{}/{}.toml", questionnaire.id, questionnaire.version);
        if file.path != expected {
            problems.push(Problem {
                file: file.path.clone(),
                line: 1,
                message: format!("id and version say this file should be {expected}"),
            });
        }
        let content_hash = Sha256::digest(published_form(&file.contents).as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        questionnaires.push(LoadedQuestionnaire { file: file.path.clone(), content_hash, questionnaire });
    }
    let mut translation_problems = Vec::new();
    for file in translations {
        if let Err(mut found) = translate(file, &mut catalog, &mut questionnaires) {
            translation_problems.append(&mut found);
        }
    }
    // A retired version still counts: the assessments answered on it cite its requirements.
    let mut verified: HashMap<&str, usize> = HashMap::new();
    for loaded in questionnaires.iter().filter(|q| q.questionnaire.status != Status::Draft) {
        for requirement in loaded.questionnaire.questions().flat_map(|q| &q.requirements) {
            *verified.entry(requirement.as_str()).or_default() += 1;
        }
    }
    let catalog_file = catalogs.first().map(|file| (&file.path, &file.contents));
    for requirement in &catalog.requirements {
        if !verified.contains_key(requirement.id.as_str()) {
            let line = catalog_file
                .and_then(|(_, text)| {
                    text.find(&format!("\"{}\"", requirement.id))
                        .map(|at| text[..at].matches('\n').count() + 1)
                })
                .unwrap_or(1);
            problems.push(Problem {
                file: CATALOG_FILE.into(),
                line,
                message: format!(
                    "requirement `{}` is not verified by any question of a published or retired questionnaire",
                    requirement.id
                ),
            });
        }
    }
    if problems.is_empty() {
        Ok(Library {
            catalog,
            parameters,
            questionnaires,
            translation_problems,
            readings: Default::default(),
        })
    } else {
        problems.sort();
        problems.dedup();
        Err(problems)
    }
}

/// A questionnaire file as it read while published. Retiring a version changes one thing in its
/// file, the top-level `status = "published"` to `status = "retired"`; read back, the two hash
/// alike, so a retirement is not mistaken for an edit of an immutable version, and any other
/// change is. Line ends are read as `\n`, so a checkout with `\r\n` hashes the same.
pub fn published_form(contents: &str) -> String {
    let mut text = contents.replace("\r\n", "\n");
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let key = line.trim_start();
        if key.starts_with('[') {
            break; // Past the top-level keys: `status` is not among them.
        }
        let value = key.strip_prefix("status").map(str::trim_start).and_then(|rest| rest.strip_prefix('='));
        if let Some(value) = value {
            if value.trim_start().starts_with("\"retired\"") {
                let at = offset + line.find("\"retired\"").expect("the value is on the line");
                text.replace_range(at..at + "\"retired\"".len(), "\"published\"");
            }
            break;
        }
        offset += line.len();
    }
    text
}

/// Every level a question's answers can reach, for tests and scoring.
pub fn levels_of(answer: &AnswerKind) -> Vec<Level> {
    match answer {
        AnswerKind::YesNoPartial {
            levels: YesNoLevels { yes, partial, no, not_applicable },
            allow_not_applicable,
        } => {
            let mut levels = vec![*yes, *partial, *no];
            if *allow_not_applicable {
                levels.push(*not_applicable);
            }
            levels
        }
        AnswerKind::SingleChoice { options } | AnswerKind::MultipleChoice { options } => {
            options.iter().filter_map(|o| o.level).collect()
        }
        AnswerKind::Number { ranges, .. } => ranges.iter().map(|r| r.level).collect(),
        AnswerKind::Date { .. } => vec![Level::Compliant, Level::Gap],
        AnswerKind::Text { .. } => vec![Level::Partial],
    }
}
