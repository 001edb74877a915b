//! Legal values that change with time — minimum wages, the maximum working week, the UMA — each
//! with the dates it is in force, read from `assessments/parameters.toml`.
//!
//! A published questionnaire version never changes, yet the law does: so a question does not write
//! "48 horas" but `{jornada-maxima-semanal}`, and a number threshold names the parameter. An
//! assessment is read and scored with the values in force on its **reference date** (the end of
//! the season or period it assesses), so the same version scores a 2026 season against 48 hours
//! and a 2027 season against 46.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalog::Confidence;
use crate::questionnaire::{AnswerKind, Question, Questionnaire, Status};
use crate::text::Text;

/// One legal value over time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parameter {
    /// Stable name, `[a-z0-9-]+`, as questions refer to it: `{salario-minimo-general}`.
    pub name: String,
    pub label: Text,
    pub unit: Text,
    /// Where the law sets it: instrument, article and fraction, or the DOF publication.
    pub basis: String,
    /// In date order, without overlaps or gaps; the last one may be open-ended.
    pub periods: Vec<Period>,
}

/// A value and the days it is in force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    /// The last day in force; `None` while no later value is known.
    pub until: Option<NaiveDate>,
    /// `None` when the law sets an amount that could not be confirmed: nothing may use it.
    pub value: Option<f64>,
    pub source: String,
    pub confidence: Confidence,
    /// What is confirmed and what is not, when that needs saying.
    pub note: Option<String>,
}

impl Period {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && self.until.is_none_or(|until| date <= until)
    }
}

impl Parameter {
    /// The period in force on `date`, if any.
    pub fn on(&self, date: NaiveDate) -> Option<&Period> {
        self.periods.iter().find(|period| period.covers(date))
    }

    /// Whether a value is in force on every day from `date` on: a period covers `date`, the last
    /// one is open-ended, and none from `date` on lacks its value. (The loader checks that
    /// periods follow each other without gaps.)
    pub fn covers_every_day_from(&self, date: NaiveDate) -> bool {
        self.on(date).is_some()
            && self.periods.last().is_some_and(|last| last.until.is_none())
            && self
                .periods
                .iter()
                .filter(|p| p.until.is_none_or(|until| until >= date))
                .all(|p| p.value.is_some())
    }
}

/// Every legal parameter Senda knows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LegalParameters {
    pub parameters: Vec<Parameter>,
}

impl LegalParameters {
    pub fn get(&self, name: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|parameter| parameter.name == name)
    }

    /// The value of `name` in force on `date`, with what it rests on.
    pub fn value_on(&self, name: &str, date: NaiveDate) -> Option<ParameterValue> {
        let parameter = self.get(name)?;
        let period = parameter.on(date)?;
        Some(ParameterValue {
            name: parameter.name.clone(),
            label: parameter.label.clone(),
            unit: parameter.unit.clone(),
            basis: parameter.basis.clone(),
            value: period.value?,
            from: period.from,
            until: period.until,
            source: period.source.clone(),
            confidence: period.confidence,
        })
    }
}

/// A parameter's value as used on one date: what a report names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParameterValue {
    pub name: String,
    pub label: Text,
    pub unit: Text,
    pub basis: String,
    pub value: f64,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
    pub source: String,
    pub confidence: Confidence,
}

impl ParameterValue {
    /// The value as a person reads it: whole numbers without decimals, money with two.
    pub fn written(&self) -> String {
        write_value(self.value)
    }
}

/// The names of the parameters a questionnaire uses, each once, in order of first use.
pub fn used_by(questionnaire: &Questionnaire) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in questionnaire.questions().flat_map(named_by) {
        if !names.iter().any(|known| known == name) {
            names.push(name.to_owned());
        }
    }
    names
}

/// The parameters one question names, in its texts or its thresholds, each once.
pub fn named_by(question: &Question) -> Vec<&str> {
    let mut names: Vec<&str> =
        texts_of(question).into_iter().flat_map(Text::wordings).flat_map(references_in).collect();
    if let AnswerKind::Number { ranges, .. } = &question.answer {
        names.extend(ranges.iter().filter_map(|range| range.parameter.as_deref()));
    }
    let mut seen = Vec::with_capacity(names.len());
    names.retain(|name| {
        let first = !seen.contains(name);
        seen.push(*name);
        first
    });
    names
}

/// The texts of a question that may refer to parameters.
pub fn texts_of(question: &Question) -> Vec<&Text> {
    let mut texts: Vec<&Text> = vec![&question.text];
    texts.extend(question.help.iter().chain(&question.action).chain(&question.evidence_prompt));
    match &question.answer {
        AnswerKind::SingleChoice { options } | AnswerKind::MultipleChoice { options } => {
            texts.extend(options.iter().map(|option| &option.label));
        }
        AnswerKind::Number { unit, .. } => texts.extend(unit),
        _ => {}
    }
    texts
}

/// `questionnaire` as read on `date`: without the questions not yet asked then (`asked_from`),
/// every `{name}` in its questions replaced by the value in force, every threshold named by a
/// parameter set to it; with the values used. A threshold
/// without a value on `date` stays unset, and its question unscored (see
/// [`crate::scoring::level_of`]) — never scored against a wrong limit.
pub fn as_of(
    questionnaire: &Questionnaire,
    parameters: &LegalParameters,
    date: NaiveDate,
) -> (Questionnaire, Vec<ParameterValue>) {
    let mut read = questionnaire.clone();
    for section in &mut read.sections {
        section.questions.retain(|question| question.asked_from.is_none_or(|from| from <= date));
    }
    let used: Vec<ParameterValue> =
        used_by(&read).iter().filter_map(|name| parameters.value_on(name, date)).collect();
    let value_of = |name: &str| used.iter().find(|v| v.name == name).map(ParameterValue::written);
    let fill = |text: &Text| text.map(|wording| fill_in(wording, value_of));
    for question in read.sections.iter_mut().flat_map(|section| &mut section.questions) {
        question.text = fill(&question.text);
        question.help = question.help.as_ref().map(fill);
        question.action = question.action.as_ref().map(fill);
        question.evidence_prompt = question.evidence_prompt.as_ref().map(fill);
        match &mut question.answer {
            AnswerKind::SingleChoice { options } | AnswerKind::MultipleChoice { options } => {
                for option in options {
                    option.label = fill(&option.label);
                }
            }
            AnswerKind::Number { unit, ranges, .. } => {
                *unit = unit.as_ref().map(fill);
                for range in ranges.iter_mut() {
                    if let Some(name) = &range.parameter {
                        range.up_to = used.iter().find(|v| &v.name == name).map(|v| v.value);
                    }
                }
            }
            _ => {}
        }
    }
    (read, used)
}

/// What a questionnaire's reading on a date depends on: which of the dates its questions were
/// first asked from have come, and which period of each parameter it names is in force. Two
/// dates with the same key read it the same ([`as_of`]), so a reading can be kept and shared.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReadingKey {
    asked_from: Vec<NaiveDate>,
    /// For each parameter named, in [`used_by`]'s order: the first day of the period in force.
    in_force: Vec<Option<NaiveDate>>,
}

/// The [`ReadingKey`] of `questionnaire` on `date`: cheap beside [`as_of`], which clones it.
pub fn reading_key(
    questionnaire: &Questionnaire,
    parameters: &LegalParameters,
    date: NaiveDate,
) -> ReadingKey {
    let mut asked_from: Vec<NaiveDate> = questionnaire
        .questions()
        .filter_map(|question| question.asked_from)
        .filter(|from| *from <= date)
        .collect();
    asked_from.sort_unstable();
    asked_from.dedup();
    let in_force = used_by(questionnaire)
        .iter()
        .map(|name| parameters.get(name).and_then(|parameter| parameter.on(date)).map(|period| period.from))
        .collect();
    ReadingKey { asked_from, in_force }
}

/// A questionnaire version as read on a date, and the legal values it was read with.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub questionnaire: Arc<Questionnaire>,
    pub values: Vec<ParameterValue>,
}

/// Readings of published questionnaire versions, kept by version and [`ReadingKey`] for the
/// life of the process: every page of an assessment needs one, and [`as_of`] cloned the whole
/// questionnaire for each (a fifth of a section page's CPU). Few keys ever occur: one per
/// stretch of dates between a parameter's new period or a question's first day.
#[derive(Default, Clone)]
pub struct Readings(Arc<Mutex<HashMap<KeptReading, Reading>>>);

/// A questionnaire's id and version, and the key of the dates its kept reading is for.
type KeptReading = (String, u32, ReadingKey);

impl Readings {
    /// `written` as read on `date`, with `parameters`. A draft is read afresh every time: its
    /// content changes at every load, under the same version.
    pub fn read(
        &self,
        written: &Arc<Questionnaire>,
        parameters: &LegalParameters,
        date: NaiveDate,
    ) -> Reading {
        if written.reference_from.is_none() {
            // A version that names no legal parameter reads the same on every date.
            return Reading { questionnaire: written.clone(), values: Vec::new() };
        }
        let read = || {
            let (questionnaire, values) = as_of(written, parameters, date);
            Reading { questionnaire: Arc::new(questionnaire), values }
        };
        if written.status == Status::Draft {
            return read();
        }
        let key = (written.id.clone(), written.version, reading_key(written, parameters, date));
        if let Some(reading) = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get(&key) {
            return reading.clone();
        }
        // Read outside the lock; two requests reading the same key at once both do, harmlessly.
        let reading = read();
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(key, reading.clone());
        reading
    }
}

impl std::fmt::Debug for Readings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Readings")
    }
}

/// A cache: two libraries read the same whatever either has kept.
impl PartialEq for Readings {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// `48` for 48.0, `315.04` for 315.04.
pub fn write_value(value: f64) -> String {
    if value.fract() == 0.0 { format!("{value:.0}") } else { format!("{value:.2}") }
}

/// The names a text refers to, written `{name}`, in order of appearance.
pub fn references_in(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

/// `text` with every `{name}` replaced by `value_of(name)`; a name without a value stays as written.
pub fn fill_in(text: &str, value_of: impl Fn(&str) -> Option<String>) -> String {
    let mut filled = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        filled.push_str(&rest[..open]);
        match value_of(name) {
            Some(value) => filled.push_str(&value),
            None => filled.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    filled.push_str(rest);
    filled
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::dates::day;

    fn week() -> Parameter {
        let period = |from: &str, until: Option<&str>, value: f64| Period {
            from: day(from),
            until: until.map(day),
            value: Some(value),
            source: "https://www.dof.gob.mx/".into(),
            confidence: Confidence::Confirmed,
            note: None,
        };
        Parameter {
            name: "jornada-maxima-semanal".into(),
            label: Text::new("Jornada máxima semanal", Some("Maximum working week".into())),
            unit: Text::new("horas", Some("hours".into())),
            basis: "CPEUM art. 123-A fr. IV".into(),
            periods: vec![
                period("2026-01-01", Some("2026-12-31"), 48.0),
                period("2027-01-01", Some("2027-12-31"), 46.0),
                period("2028-01-01", None, 44.0),
            ],
        }
    }

    #[test]
    fn the_value_in_force_is_the_one_whose_days_cover_the_date() {
        let parameters = LegalParameters { parameters: vec![week()] };
        let on = |date: &str| parameters.value_on("jornada-maxima-semanal", day(date)).map(|v| v.value);
        assert_eq!(on("2025-12-31"), None, "before the first period");
        assert_eq!(on("2026-01-01"), Some(48.0));
        assert_eq!(on("2026-12-31"), Some(48.0), "the last day is in force");
        assert_eq!(on("2027-01-01"), Some(46.0));
        assert_eq!(on("2099-06-30"), Some(44.0), "open-ended");
        assert_eq!(parameters.value_on("uma", day("2026-06-30")), None);
        assert!(week().covers_every_day_from(day("2026-01-01")));
        assert!(!week().covers_every_day_from(day("2025-12-31")));
    }

    #[test]
    fn references_are_filled_in_and_unknown_ones_stay_as_written() {
        let text = "No más de {jornada-maxima-semanal} horas; {desconocido} y {sin cierre";
        assert_eq!(references_in(text), ["jornada-maxima-semanal", "desconocido"]);
        let filled = fill_in(text, |name| (name == "jornada-maxima-semanal").then(|| "46".to_owned()));
        assert_eq!(filled, "No más de 46 horas; {desconocido} y {sin cierre");
        assert_eq!(write_value(315.04), "315.04");
        assert_eq!(write_value(48.0), "48");
    }

    proptest! {
        #[test]
        fn text_without_references_is_left_alone(text in "[^{}]{0,80}") {
            prop_assert_eq!(fill_in(&text, |_| Some("X".to_owned())), text.clone());
            prop_assert!(references_in(&text).is_empty());
        }

        #[test]
        fn filling_in_never_loses_the_text_around_a_reference(before in "[^{}]{0,20}", after in "[^{}]{0,20}") {
            let text = format!("{before}{{uma}}{after}");
            prop_assert_eq!(fill_in(&text, |_| Some("117.31".to_owned())), format!("{before}117.31{after}"));
        }
    }
}
