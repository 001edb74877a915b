//! A versioned self-assessment questionnaire, as loaded and validated.

use serde::{Deserialize, Serialize};

use crate::catalog::Severity;
use crate::language::LanguageTag;
use crate::text::Text;

/// Where a questionnaire version is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    /// In use, and immutable: changes go into a new version.
    Published,
    Retired,
}

/// How far an answer meets the law.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Compliant,
    Partial,
    Gap,
    NotApplicable,
}

/// The default due period of a corrective action, in days, by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DueDays {
    pub critical: u32,
    pub high: u32,
    pub medium: u32,
    pub low: u32,
}

impl DueDays {
    pub fn for_severity(&self, severity: Severity) -> u32 {
        match severity {
            Severity::Critical => self.critical,
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
        }
    }
}

/// The level of each answer to a yes / partial / no question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YesNoLevels {
    pub yes: Level,
    pub partial: Level,
    pub no: Level,
    pub not_applicable: Level,
}

impl Default for YesNoLevels {
    fn default() -> Self {
        Self {
            yes: Level::Compliant,
            partial: Level::Partial,
            no: Level::Gap,
            not_applicable: Level::NotApplicable,
        }
    }
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub value: String,
    pub label: Text,
    /// `None` only in profile sections, which are never scored.
    pub level: Option<Level>,
    /// A warning, not a gap: what choosing it should make someone look into ("no complaints in
    /// a whole season" is a sign the channels may not work). Shown on the report with its reason.
    #[serde(default)]
    pub warning: Option<Text>,
}

/// A number range and its level; the last range is open-ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberRange {
    pub up_to: Option<f64>,
    pub level: Level,
    /// The legal parameter `up_to` is read from, on the assessment's reference date (see
    /// [`crate::parameters`]); `up_to` is `None` until it is.
    #[serde(default)]
    pub parameter: Option<String>,
}

/// What kind of answer a question takes, and how each answer is scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AnswerKind {
    YesNoPartial { levels: YesNoLevels, allow_not_applicable: bool },
    SingleChoice { options: Vec<ChoiceOption> },
    MultipleChoice { options: Vec<ChoiceOption> },
    Number { min: Option<f64>, max: Option<f64>, unit: Option<Text>, ranges: Vec<NumberRange> },
    Date { max_age_days: Option<u32> },
    Text { review: bool },
}

impl AnswerKind {
    /// The answers a condition can name: the fixed answers of yes/no and choice questions.
    pub fn possible_answers(&self) -> Option<Vec<String>> {
        match self {
            AnswerKind::YesNoPartial { allow_not_applicable, .. } => {
                let mut answers = vec!["yes".to_owned(), "partial".to_owned(), "no".to_owned()];
                if *allow_not_applicable {
                    answers.push("not_applicable".to_owned());
                }
                Some(answers)
            }
            AnswerKind::SingleChoice { options } | AnswerKind::MultipleChoice { options } => {
                Some(options.iter().map(|option| option.value.clone()).collect())
            }
            AnswerKind::Number { .. } | AnswerKind::Date { .. } | AnswerKind::Text { .. } => None,
        }
    }

    /// The answer type's name in the file format.
    pub fn name(&self) -> &'static str {
        match self {
            AnswerKind::YesNoPartial { .. } => "yes_no_partial",
            AnswerKind::SingleChoice { .. } => "single_choice",
            AnswerKind::MultipleChoice { .. } => "multiple_choice",
            AnswerKind::Number { .. } => "number",
            AnswerKind::Date { .. } => "date",
            AnswerKind::Text { .. } => "text",
        }
    }
}

/// Shown only when an earlier question's answer is one of `any_of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub question: String,
    pub any_of: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: Text,
    pub help: Option<Text>,
    pub answer: AnswerKind,
    pub required: bool,
    pub evidence: bool,
    /// Which document, register or photo shows the answer is true ("the attendance lists of
    /// the last zafra"), so evidence is more than a yes/no flag.
    #[serde(default)]
    pub evidence_prompt: Option<Text>,
    /// The first reference date on which the question is asked: for an obligation in the law
    /// whose rules apply only from a later day. Before it, the question is not part of the
    /// assessment at all (see [`crate::parameters::as_of`]).
    #[serde(default)]
    pub asked_from: Option<chrono::NaiveDate>,
    pub show_if: Option<Condition>,
    pub requirements: Vec<String>,
    pub action: Option<Text>,
    pub due_days: Option<u32>,
    /// When "not applicable" can be the truth, on a question verifying a critical or high
    /// requirement ("no housing is provided"): without it, that answer is not offered there.
    #[serde(default)]
    pub not_applicable_when: Option<Text>,
}

impl Question {
    /// Every text of the question, each with its place in it (`text`, `option.si.label`…): what
    /// a translator translates.
    pub fn texts_mut(&mut self) -> Vec<(String, &mut Text)> {
        let mut texts = vec![("text".to_owned(), &mut self.text)];
        let optional = [
            ("help", &mut self.help),
            ("evidence_prompt", &mut self.evidence_prompt),
            ("not_applicable_when", &mut self.not_applicable_when),
            ("action", &mut self.action),
        ];
        for (name, text) in optional {
            if let Some(text) = text {
                texts.push((name.to_owned(), text));
            }
        }
        match &mut self.answer {
            AnswerKind::SingleChoice { options } | AnswerKind::MultipleChoice { options } => {
                for option in options {
                    let at = format!("option.{}", option.value);
                    texts.push((format!("{at}.label"), &mut option.label));
                    if let Some(warning) = &mut option.warning {
                        texts.push((format!("{at}.warning"), warning));
                    }
                }
            }
            AnswerKind::Number { unit: Some(unit), .. } => texts.push(("unit".to_owned(), unit)),
            _ => {}
        }
        texts
    }

    /// The question as its Spanish says it, without translations: what two versions compare to
    /// tell whether it changed (a translation is not a change of the question).
    pub fn in_spanish(&self) -> Question {
        let mut question = self.clone();
        for (_, text) in question.texts_mut() {
            text.retain(|_| false);
        }
        question
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: Text,
    pub intro: Option<Text>,
    /// A profile section tailors the rest and is never scored.
    pub profile: bool,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub id: String,
    pub version: u32,
    pub status: Status,
    pub title: Text,
    pub intro: Text,
    pub due_days: DueDays,
    /// The earliest reference date an assessment of this version may have: from then on, every
    /// legal parameter it uses has a value. `None` for a version that uses none.
    #[serde(default)]
    pub reference_from: Option<chrono::NaiveDate>,
    pub sections: Vec<Section>,
}

impl Questionnaire {
    /// Every question, in order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|section| &section.questions)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|question| question.id == id)
    }

    /// The section a question belongs to.
    pub fn section_of(&self, question_id: &str) -> Option<&Section> {
        self.sections.iter().find(|section| section.questions.iter().any(|q| q.id == question_id))
    }

    /// The languages an assessment on it may be shown in: Spanish, then every language at least
    /// one of its questions is translated into (the rest then shows in Spanish, marked).
    pub fn content_languages(&self) -> Vec<LanguageTag> {
        let translated: std::collections::BTreeSet<&LanguageTag> =
            self.questions().flat_map(|question| question.text.languages()).collect();
        std::iter::once(LanguageTag::of(crate::Language::Es)).chain(translated.into_iter().cloned()).collect()
    }
}

/// The id under which the key-in page treats the whole questionnaire as one section (see
/// [`crate::paper`]), so it saves through a section's rules, drafts and conflicts. No section may
/// take it: the loader refuses it.
pub const KEY_IN_SECTION: &str = "captura";

/// A questionnaire version as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionnaireSummary {
    pub id: String,
    pub version: u32,
    pub status: Status,
    pub title: Text,
    pub sections: u32,
    pub questions: u32,
}

impl Questionnaire {
    pub fn summary(&self) -> QuestionnaireSummary {
        QuestionnaireSummary {
            id: self.id.clone(),
            version: self.version,
            status: self.status,
            title: self.title.clone(),
            sections: u32::try_from(self.sections.len()).unwrap_or(u32::MAX),
            questions: u32::try_from(self.questions().count()).unwrap_or(u32::MAX),
        }
    }
}
