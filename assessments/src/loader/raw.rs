//! The files as written: serde shapes with the spans the loader needs for its line numbers.
//! Unknown fields are refused everywhere, so a typo is a problem, not a silent default.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::catalog::{Confidence, Severity};
use crate::questionnaire::{DueDays, Level, Status, YesNoLevels};
use crate::text::Text;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    #[serde(default)]
    pub instruments: BTreeMap<String, Instrument>,
    #[serde(default)]
    pub requirement: Vec<Requirement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub name: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: Spanned<String>,
    pub instrument: Spanned<String>,
    pub article: String,
    pub summary: Text,
    pub severity: Severity,
    #[serde(default)]
    pub zero_tolerance: bool,
    pub evidence: Text,
    pub confidence: Confidence,
    pub confidence_note: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameters {
    #[serde(default)]
    pub parameter: Vec<Parameter>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    pub name: Spanned<String>,
    pub label: Text,
    pub unit: Text,
    pub basis: String,
    #[serde(default)]
    pub period: Vec<Period>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: Spanned<String>,
    pub until: Option<Spanned<String>>,
    pub value: Option<f64>,
    pub confidence: Confidence,
    pub source: String,
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    pub id: Spanned<String>,
    pub version: Spanned<u32>,
    pub status: Status,
    pub title: Text,
    pub intro: Text,
    pub due_days: DueDays,
    pub reference_from: Option<Spanned<String>>,
    #[serde(default)]
    pub section: Vec<Section>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: Spanned<String>,
    pub title: Text,
    pub intro: Option<Text>,
    #[serde(default)]
    pub profile: bool,
    #[serde(default)]
    pub question: Vec<Question>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: Spanned<String>,
    pub text: Text,
    pub help: Option<Text>,
    pub answer: Spanned<String>,
    pub required: Option<bool>,
    pub evidence: Option<bool>,
    pub evidence_prompt: Option<Text>,
    pub asked_from: Option<Spanned<String>>,
    pub show_if: Option<Condition>,
    #[serde(default)]
    pub requirements: Vec<Spanned<String>>,
    pub action: Option<Text>,
    pub due_days: Option<u32>,
    pub levels: Option<YesNoLevels>,
    pub allow_not_applicable: Option<bool>,
    pub not_applicable_when: Option<Text>,
    #[serde(default)]
    pub option: Vec<ChoiceOption>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub unit: Option<Text>,
    #[serde(default)]
    pub ranges: Vec<NumberRange>,
    pub max_age_days: Option<u32>,
    pub review: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub question: Spanned<String>,
    pub any_of: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub value: Spanned<String>,
    pub label: Text,
    pub level: Option<Level>,
    pub warning: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberRange {
    pub up_to: Option<Threshold>,
    pub level: Level,
}

/// A range's upper bound: a number, or the name of a legal parameter.
#[derive(Deserialize)]
#[serde(untagged)]
pub enum Threshold {
    Number(f64),
    Parameter(String),
}
