//! Answers to a questionnaire: what may be answered to each question, which questions apply
//! given the answers so far, how far an assessment has come, what is still missing before it can
//! be submitted, and what carries over into a company's next assessment.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::questionnaire::{AnswerKind, Question, Questionnaire};

/// The longest free-text answer, note or evidence description, in characters: a page of text.
pub const MAX_TEXT_CHARS: usize = 5_000;

/// One answer, as stored. The question's [`AnswerKind`] says which variant fits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerValue {
    /// The value of a yes / partial / no question or of a single-choice option.
    Choice(String),
    /// The options ticked in a multiple-choice question, in the questionnaire's order; never empty.
    Choices(Vec<String>),
    Number(f64),
    /// A calendar date (stored `YYYY-MM-DD`).
    Date(NaiveDate),
    Text(String),
    /// "I don't know", to any scored question: honest uncertainty, scored as a gap to verify —
    /// never better than a partial.
    DontKnow,
}

/// The form value of "I don't know", the same for every kind of question.
pub const DONT_KNOW: &str = "dont_know";

/// Why what was typed is not an answer to the question. Each has a message in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum AnswerProblem {
    #[error("not one of the question's options")]
    NotAnOption,
    #[error("not a number")]
    NotANumber,
    #[error("below the question's minimum")]
    BelowMinimum,
    #[error("above the question's maximum")]
    AboveMaximum,
    #[error("not a date written as year-month-day")]
    NotADate,
    #[error("longer than {MAX_TEXT_CHARS} characters")]
    TooLong,
    #[error("a date in the future")]
    FutureDate,
    /// "Not applicable" erases what a question checks, so it says why.
    #[error("not applicable without saying why")]
    ReasonMissing,
    #[error("\"I don't know\" together with an answer")]
    DontKnowAndAnswer,
}

impl AnswerProblem {
    pub const ALL: [AnswerProblem; 9] = [
        AnswerProblem::NotAnOption,
        AnswerProblem::NotANumber,
        AnswerProblem::BelowMinimum,
        AnswerProblem::AboveMaximum,
        AnswerProblem::NotADate,
        AnswerProblem::TooLong,
        AnswerProblem::FutureDate,
        AnswerProblem::ReasonMissing,
        AnswerProblem::DontKnowAndAnswer,
    ];
}

impl AnswerValue {
    /// Reads what a form sent for a question of `kind`: one value, or several for a multiple
    /// choice. Blank input is no answer (`Ok(None)`), so clearing a field clears the answer.
    pub fn parse(kind: &AnswerKind, raw: &[String]) -> Result<Option<AnswerValue>, AnswerProblem> {
        let given: Vec<&str> =
            raw.iter().map(|value| value.trim()).filter(|value| !value.is_empty()).collect();
        let Some(first) = given.first().copied() else {
            return Ok(None);
        };
        // "I don't know" is an answer on its own: beside a number, a date or ticked options it
        // contradicts them, and the person says which they mean.
        if given.contains(&DONT_KNOW) {
            return if given.len() == 1 {
                Ok(Some(AnswerValue::DontKnow))
            } else {
                Err(AnswerProblem::DontKnowAndAnswer)
            };
        }
        let value = match kind {
            AnswerKind::YesNoPartial { .. } | AnswerKind::SingleChoice { .. } => {
                let possible = kind.possible_answers().unwrap_or_default();
                if given.len() > 1 || !possible.iter().any(|p| p == first) {
                    return Err(AnswerProblem::NotAnOption);
                }
                AnswerValue::Choice(first.to_owned())
            }
            AnswerKind::MultipleChoice { options } => {
                if given.iter().any(|value| !options.iter().any(|option| option.value == *value)) {
                    return Err(AnswerProblem::NotAnOption);
                }
                let ticked = options
                    .iter()
                    .filter(|option| given.contains(&option.value.as_str()))
                    .map(|option| option.value.clone())
                    .collect();
                AnswerValue::Choices(ticked)
            }
            AnswerKind::Number { min, max, .. } => {
                let number = parse_number(first).ok_or(AnswerProblem::NotANumber)?;
                if min.is_some_and(|min| number < min) {
                    return Err(AnswerProblem::BelowMinimum);
                }
                if max.is_some_and(|max| number > max) {
                    return Err(AnswerProblem::AboveMaximum);
                }
                AnswerValue::Number(number)
            }
            AnswerKind::Date { .. } => {
                AnswerValue::Date(crate::dates::parse_plausible(first).ok_or(AnswerProblem::NotADate)?)
            }
            AnswerKind::Text { .. } => {
                if first.chars().count() > MAX_TEXT_CHARS {
                    return Err(AnswerProblem::TooLong);
                }
                AnswerValue::Text(first.to_owned())
            }
        };
        Ok(Some(value))
    }

    /// Whether this answer is still a possible answer to a question of `kind`: what a later
    /// version of the question accepts decides whether an answer can carry over.
    pub fn fits(&self, kind: &AnswerKind) -> bool {
        AnswerValue::parse(kind, &self.as_form_values()).ok().flatten().as_ref() == Some(self)
    }

    /// The answer as a form shows it: the values of its fields.
    pub fn as_form_values(&self) -> Vec<String> {
        match self {
            AnswerValue::Choice(value) | AnswerValue::Text(value) => vec![value.clone()],
            AnswerValue::Date(date) => vec![date.to_string()],
            AnswerValue::DontKnow => vec![DONT_KNOW.to_owned()],
            AnswerValue::Choices(values) => values.clone(),
            AnswerValue::Number(number) => vec![number.to_string()],
        }
    }

    /// "Not applicable", as a yes / partial / no question takes it.
    pub fn is_not_applicable(&self) -> bool {
        matches!(self, AnswerValue::Choice(value) if value == "not_applicable")
    }

    /// Whether the answer is one of `any_of`: for a multiple choice, whether any ticked option is.
    pub fn is_any_of(&self, any_of: &[String]) -> bool {
        match self {
            AnswerValue::Choice(value) => any_of.contains(value),
            AnswerValue::Choices(values) => values.iter().any(|value| any_of.contains(value)),
            AnswerValue::Number(_) | AnswerValue::Date(_) | AnswerValue::Text(_) | AnswerValue::DontKnow => {
                false
            }
        }
    }
}

/// A number as people type it: `12`, `12.5`, `1,500` or `1 500` (thousands separators are
/// dropped; Mexico writes the decimal point as a point).
fn parse_number(typed: &str) -> Option<f64> {
    let cleaned: String = typed.chars().filter(|c| *c != ',' && !c.is_whitespace()).collect();
    cleaned.parse::<f64>().ok().filter(|number| number.is_finite())
}

/// The answers of one assessment, by question id.
pub type Answers = BTreeMap<String, AnswerValue>;

/// The questions that apply given `answers`, in questionnaire order: those without a condition,
/// and those whose condition's question applies and is answered with one of the named values.
/// A question hidden by a condition hides the questions that depend on it in turn.
pub fn applicable_questions<'q>(questionnaire: &'q Questionnaire, answers: &Answers) -> Vec<&'q Question> {
    // The loader guarantees that a condition names an earlier question, so one pass suffices.
    let mut applying: HashSet<&str> = HashSet::new();
    let mut questions = Vec::new();
    for question in questionnaire.questions() {
        let applies = match &question.show_if {
            None => true,
            Some(condition) => {
                applying.contains(condition.question.as_str())
                    && answers
                        .get(&condition.question)
                        .is_some_and(|answer| answer.is_any_of(&condition.any_of))
            }
        };
        if applies {
            applying.insert(&question.id);
            questions.push(question);
        }
    }
    questions
}

/// How far an assessment, or one of its sections, has come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Applicable questions with an answer.
    pub answered: u32,
    /// Questions that apply given the answers so far.
    pub applicable: u32,
}

impl Progress {
    /// Whole percent answered, rounded down, so 100 means every applicable question is answered.
    pub fn percent(self) -> u32 {
        if self.applicable == 0 {
            return 100;
        }
        self.answered * 100 / self.applicable
    }

    fn add(&mut self, answered: bool) {
        self.applicable += 1;
        self.answered += u32::from(answered);
    }
}

/// The progress of a whole assessment and of each of its sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentProgress {
    pub overall: Progress,
    /// In questionnaire order, by section id.
    pub sections: Vec<(String, Progress)>,
}

pub fn progress(questionnaire: &Questionnaire, answers: &Answers) -> AssessmentProgress {
    let applicable: HashSet<&str> =
        applicable_questions(questionnaire, answers).into_iter().map(|q| q.id.as_str()).collect();
    let mut overall = Progress::default();
    let sections = questionnaire
        .sections
        .iter()
        .map(|section| {
            let mut of_section = Progress::default();
            for question in section.questions.iter().filter(|q| applicable.contains(q.id.as_str())) {
                let answered = answers.contains_key(&question.id);
                of_section.add(answered);
                overall.add(answered);
            }
            (section.id.clone(), of_section)
        })
        .collect();
    AssessmentProgress { overall, sections }
}

/// The required questions that apply and have no answer yet: what stops a submission.
pub fn missing_answers<'q>(questionnaire: &'q Questionnaire, answers: &Answers) -> Vec<&'q Question> {
    applicable_questions(questionnaire, answers)
        .into_iter()
        .filter(|question| question.required && !answers.contains_key(&question.id))
        .collect()
}

/// An answer of a company's previous assessment, offered to its new one.
#[derive(Debug, Clone, PartialEq)]
pub struct CarriedAnswer {
    pub question_id: String,
    pub value: AnswerValue,
    /// The question changed between the versions: the answer is kept, but someone must look at
    /// it again before the assessment can count on it.
    pub needs_review: bool,
}

/// What of `answers` (to `previous`) carries into a new assessment on `next`. A question carries
/// its answer when the same id is in `next` and the answer is still possible there; it is marked
/// for review when the question's wording, answer type, scoring or condition changed. Questions
/// new in `next`, or whose old answer no longer fits, start unanswered.
pub fn carry_over(previous: &Questionnaire, answers: &Answers, next: &Questionnaire) -> Vec<CarriedAnswer> {
    next.questions()
        .filter_map(|question| {
            let value = answers.get(&question.id)?;
            let before = previous.question(&question.id)?;
            // A "not applicable" stands on its reason, which stays with the earlier answer: the
            // person answers again, and says why again if it still does not apply.
            if !value.fits(&question.answer) || value.is_not_applicable() {
                return None;
            }
            // A question that became a profile question cannot be answered "I don't know".
            if *value == AnswerValue::DontKnow && question.requirements.is_empty() {
                return None;
            }
            // Compared in Spanish: a translation added since is not a change of the question.
            let (before, now) = (before.in_spanish(), question.in_spanish());
            let unchanged = before.text == now.text
                && before.answer == now.answer
                && before.show_if == now.show_if
                && before.asked_from == now.asked_from;
            Some(CarriedAnswer {
                question_id: question.id.clone(),
                value: value.clone(),
                needs_review: !unchanged,
            })
        })
        .collect()
}

/// A short fingerprint of what a form showed for one answer (value, note and evidence), sent back
/// with the form. When someone else saved the answer meanwhile, a fingerprint that still matches
/// what is submitted means this person did not touch it, so their form must not overwrite the
/// other's work nor call it a conflict. FNV-1a: the same on the server and in the browser.
pub fn fingerprint(value: Option<&AnswerValue>, note: &str, evidence: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator no text contains, so ("ab", "c") and ("a", "bc") differ.
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    };
    for field in value.map(AnswerValue::as_form_values).unwrap_or_default() {
        feed(field.as_bytes());
    }
    feed(b"\x1e");
    feed(note.trim().as_bytes());
    feed(evidence.trim().as_bytes());
    format!("{hash:016x}")
}

/// What a form sent for one question: the fields as typed, and what the page had shown.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SubmittedAnswer {
    pub question_id: String,
    pub values: Vec<String>,
    pub note: String,
    pub evidence: String,
    /// The revision of the saved answer the page showed; 0 when it showed none.
    pub base_revision: i64,
    /// The [`fingerprint`] of what the page showed.
    pub shown: String,
}

/// What to do with a submitted answer.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveDecision {
    /// Nothing new: it is what is saved, or the person did not touch what someone else saved
    /// meanwhile (their form must not overwrite it).
    Keep,
    /// Save it, based on the revision the page showed.
    Save { value: Option<AnswerValue>, note: String, evidence: String },
    /// Not a possible answer: keep what was typed as a draft, with the reason.
    Invalid(AnswerProblem),
    /// The person changed an answer that someone else saved after the page was shown: keep
    /// theirs and show both, for the person to choose.
    Conflict,
}

/// Decides what a submitted answer does to the `saved` one (if any), for a question of `kind`.
/// The store's compare-and-set on the revision still has the last word against a race.
/// A date answer after `today` is refused: it records what happened. "I don't know" is an answer
/// to a scored question only: a profile answer decides which questions are asked.
pub fn decide(
    question: &Question,
    submitted: &SubmittedAnswer,
    saved: Option<&StoredAnswer>,
    today: NaiveDate,
) -> SaveDecision {
    let value = match AnswerValue::parse(&question.answer, &submitted.values) {
        Ok(Some(AnswerValue::DontKnow)) if question.requirements.is_empty() => {
            return SaveDecision::Invalid(AnswerProblem::NotAnOption);
        }
        Ok(value) => value,
        Err(problem) => return SaveDecision::Invalid(problem),
    };
    if let Some(AnswerValue::Date(date)) = &value
        && *date > today
    {
        return SaveDecision::Invalid(AnswerProblem::FutureDate);
    }
    let (note, evidence) = (submitted.note.trim(), submitted.evidence.trim());
    if note.chars().count() > MAX_TEXT_CHARS || evidence.chars().count() > MAX_TEXT_CHARS {
        return SaveDecision::Invalid(AnswerProblem::TooLong);
    }
    // The note is the justification: kept with the answer, shown to advisors and on the report.
    if value.as_ref().is_some_and(AnswerValue::is_not_applicable) && note.is_empty() {
        return SaveDecision::Invalid(AnswerProblem::ReasonMissing);
    }
    let typed = fingerprint(value.as_ref(), note, evidence);
    let current = saved.map_or_else(|| fingerprint(None, "", ""), StoredAnswer::fingerprint);
    let current_revision = saved.map_or(0, |answer| answer.revision);
    // Saving an answer marked for review unchanged confirms it: that is a save too.
    let confirms_review = saved.is_some_and(|answer| answer.needs_review);
    if (typed == current && !confirms_review)
        || (typed == submitted.shown && current_revision != submitted.base_revision)
    {
        return SaveDecision::Keep;
    }
    if current_revision != submitted.base_revision {
        return SaveDecision::Conflict;
    }
    SaveDecision::Save { value, note: note.to_owned(), evidence: evidence.to_owned() }
}

/// Where an assessment is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentStatus {
    /// Being answered; answers can change.
    InProgress,
    /// Sent for review: read-only until it is returned for changes.
    Submitted,
}

impl AssessmentStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            AssessmentStatus::InProgress => "in_progress",
            AssessmentStatus::Submitted => "submitted",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [AssessmentStatus::InProgress, AssessmentStatus::Submitted].into_iter().find(|s| s.as_str() == text)
    }
}

/// An assessment as lists and headings show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentHeader {
    pub id: crate::ids::AssessmentId,
    pub company: crate::access::Organization,
    pub questionnaire_id: String,
    pub questionnaire_version: u32,
    pub status: AssessmentStatus,
    pub started_at: DateTime<Utc>,
    /// The end of the season or period assessed: legal values are read on it.
    pub reference_date: NaiveDate,
    pub started_by: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub carried_from: Option<crate::ids::AssessmentId>,
    /// The language its questions are shown and printed in; `None` follows the reader's.
    #[serde(default)]
    pub content_language: Option<crate::language::LanguageTag>,
}

/// A saved answer, with what the page needs to save it again safely.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredAnswer {
    pub question_id: String,
    pub value: Option<AnswerValue>,
    pub note: String,
    pub evidence: String,
    /// How many times it was saved; a save must name the revision it started from.
    pub revision: i64,
    pub needs_review: bool,
    /// Keyed in from a questionnaire filled in on paper (by `updated_by`, on `updated_at`).
    #[serde(default)]
    pub from_paper: bool,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
}

impl StoredAnswer {
    pub fn fingerprint(&self) -> String {
        fingerprint(self.value.as_ref(), &self.note, &self.evidence)
    }
}

/// Why a draft could not be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftProblem {
    Invalid(AnswerProblem),
    /// Someone else saved this answer after the page was shown: the person chooses.
    Conflict,
}

/// What a person typed for one question and could not save, kept for them alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub question_id: String,
    pub values: Vec<String>,
    pub note: String,
    pub evidence: String,
    pub problem: DraftProblem,
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::dates::day;
    use crate::questionnaire::{ChoiceOption, Condition, DueDays, Level, Section, Status, YesNoLevels};
    use crate::text::Text;

    fn question(id: &str, answer: AnswerKind, show_if: Option<(&str, &[&str])>) -> Question {
        Question {
            id: id.into(),
            text: Text::new(format!("¿{id}?"), None),
            help: None,
            answer,
            required: true,
            evidence: false,
            evidence_prompt: None,
            asked_from: None,
            show_if: show_if.map(|(question, any_of)| Condition {
                question: question.into(),
                any_of: any_of.iter().map(|v| (*v).to_owned()).collect(),
            }),
            requirements: vec!["LFT-1".into()],
            action: None,
            due_days: None,
            not_applicable_when: None,
        }
    }

    fn yes_no() -> AnswerKind {
        AnswerKind::YesNoPartial { levels: YesNoLevels::default(), allow_not_applicable: true }
    }

    fn choice(values: &[&str], multiple: bool) -> AnswerKind {
        let options = values
            .iter()
            .map(|v| ChoiceOption {
                value: (*v).into(),
                label: Text::new(*v, None),
                level: Some(Level::Compliant),
                warning: None,
            })
            .collect();
        if multiple { AnswerKind::MultipleChoice { options } } else { AnswerKind::SingleChoice { options } }
    }

    fn number(min: Option<f64>, max: Option<f64>) -> AnswerKind {
        AnswerKind::Number { min, max, unit: None, ranges: Vec::new() }
    }

    /// A profile question, a question shown when it is yes, and one shown when that one is "a".
    fn questionnaire() -> Questionnaire {
        Questionnaire {
            id: "prueba".into(),
            version: 1,
            status: Status::Published,
            title: Text::new("Prueba", None),
            intro: Text::new("Intro", None),
            due_days: DueDays { critical: 30, high: 90, medium: 180, low: 365 },
            reference_from: None,
            sections: vec![
                Section {
                    id: "perfil".into(),
                    title: Text::new("Perfil", None),
                    intro: None,
                    profile: true,
                    questions: vec![question("perfil.temporales", yes_no(), None)],
                },
                Section {
                    id: "contratacion".into(),
                    title: Text::new("Contratación", None),
                    intro: None,
                    profile: false,
                    questions: vec![
                        question(
                            "contratacion.contrato",
                            choice(&["a", "b"], false),
                            Some(("perfil.temporales", &["yes"])),
                        ),
                        question(
                            "contratacion.detalle",
                            AnswerKind::Text { review: false },
                            Some(("contratacion.contrato", &["a"])),
                        ),
                        question("contratacion.edad", number(Some(0.0), Some(100.0)), None),
                    ],
                },
            ],
        }
    }

    fn answers(pairs: &[(&str, AnswerValue)]) -> Answers {
        pairs.iter().map(|(id, value)| ((*id).to_owned(), value.clone())).collect()
    }

    fn ids(questions: &[&Question]) -> Vec<String> {
        questions.iter().map(|q| q.id.clone()).collect()
    }

    fn raw(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| (*v).to_owned()).collect()
    }

    #[test]
    fn each_answer_type_reads_what_a_form_sends() {
        assert_eq!(
            AnswerValue::parse(&yes_no(), &raw(&["partial"])),
            Ok(Some(AnswerValue::Choice("partial".into())))
        );
        assert_eq!(AnswerValue::parse(&yes_no(), &raw(&["maybe"])), Err(AnswerProblem::NotAnOption));
        assert_eq!(
            AnswerValue::parse(&choice(&["a", "b", "c"], true), &raw(&["c", "a"])),
            Ok(Some(AnswerValue::Choices(vec!["a".into(), "c".into()]))),
            "ticked options keep the questionnaire's order"
        );
        assert_eq!(AnswerValue::parse(&choice(&["a"], true), &raw(&["z"])), Err(AnswerProblem::NotAnOption));
        assert_eq!(
            AnswerValue::parse(&number(None, None), &raw(&[" 1,500.5 "])),
            Ok(Some(AnswerValue::Number(1500.5)))
        );
        assert_eq!(
            AnswerValue::parse(&number(Some(0.0), None), &raw(&["-1"])),
            Err(AnswerProblem::BelowMinimum)
        );
        assert_eq!(
            AnswerValue::parse(&number(None, Some(10.0)), &raw(&["11"])),
            Err(AnswerProblem::AboveMaximum)
        );
        assert_eq!(AnswerValue::parse(&number(None, None), &raw(&["doce"])), Err(AnswerProblem::NotANumber));
        assert_eq!(AnswerValue::parse(&number(None, None), &raw(&["inf"])), Err(AnswerProblem::NotANumber));
        let date = AnswerKind::Date { max_age_days: None };
        assert_eq!(
            AnswerValue::parse(&date, &raw(&["2024-02-29"])),
            Ok(Some(AnswerValue::Date(day("2024-02-29"))))
        );
        for wrong in ["2023-02-29", "2024-13-01", "24-01-01", "2024/01/01", "2024-01-00"] {
            assert_eq!(AnswerValue::parse(&date, &raw(&[wrong])), Err(AnswerProblem::NotADate), "{wrong}");
        }
        let text = AnswerKind::Text { review: false };
        assert_eq!(
            AnswerValue::parse(&text, &raw(&["x".repeat(MAX_TEXT_CHARS + 1).as_str()])),
            Err(AnswerProblem::TooLong)
        );
        assert_eq!(AnswerValue::parse(&text, &raw(&["  ", ""])), Ok(None), "blank is no answer");
    }

    #[test]
    fn conditions_follow_the_answers_and_hide_what_depends_on_a_hidden_question() {
        let q = questionnaire();
        assert_eq!(
            ids(&applicable_questions(&q, &Answers::new())),
            ["perfil.temporales", "contratacion.edad"]
        );
        let yes = answers(&[("perfil.temporales", AnswerValue::Choice("yes".into()))]);
        assert_eq!(
            ids(&applicable_questions(&q, &yes)),
            ["perfil.temporales", "contratacion.contrato", "contratacion.edad"]
        );
        let chain = answers(&[
            ("perfil.temporales", AnswerValue::Choice("yes".into())),
            ("contratacion.contrato", AnswerValue::Choice("a".into())),
        ]);
        assert_eq!(applicable_questions(&q, &chain).len(), 4);
        let mut profile_changed = chain.clone();
        profile_changed.insert("perfil.temporales".into(), AnswerValue::Choice("no".into()));
        assert_eq!(
            ids(&applicable_questions(&q, &profile_changed)),
            ["perfil.temporales", "contratacion.edad"],
            "a kept answer to a hidden question does not show the questions that depend on it"
        );
    }

    #[test]
    fn progress_counts_answered_applicable_questions_and_missing_lists_the_rest() {
        let q = questionnaire();
        let some = answers(&[
            ("perfil.temporales", AnswerValue::Choice("yes".into())),
            ("contratacion.edad", AnswerValue::Number(18.0)),
        ]);
        let progress = progress(&q, &some);
        assert_eq!(progress.overall, Progress { answered: 2, applicable: 3 });
        assert_eq!(progress.overall.percent(), 66);
        assert_eq!(progress.sections[0], ("perfil".into(), Progress { answered: 1, applicable: 1 }));
        assert_eq!(progress.sections[1], ("contratacion".into(), Progress { answered: 1, applicable: 2 }));
        assert_eq!(ids(&missing_answers(&q, &some)), ["contratacion.contrato"]);
    }

    #[test]
    fn answers_carry_over_by_question_id_and_changed_questions_are_marked_for_review() {
        let previous = questionnaire();
        let mut next = questionnaire();
        next.version = 2;
        // Reworded, an option gone, and a new question.
        next.sections[1].questions[2].text = Text::new("¿Edad mínima verificada?", None);
        next.sections[1].questions[0].answer = choice(&["b", "c"], false);
        next.sections[1].questions.push(question("contratacion.nueva", yes_no(), None));
        let before = answers(&[
            ("perfil.temporales", AnswerValue::Choice("yes".into())),
            ("contratacion.contrato", AnswerValue::Choice("a".into())),
            ("contratacion.edad", AnswerValue::Number(15.0)),
        ]);
        let carried = carry_over(&previous, &before, &next);
        assert_eq!(
            carried,
            [
                CarriedAnswer {
                    question_id: "perfil.temporales".into(),
                    value: AnswerValue::Choice("yes".into()),
                    needs_review: false
                },
                CarriedAnswer {
                    question_id: "contratacion.edad".into(),
                    value: AnswerValue::Number(15.0),
                    needs_review: true
                },
            ],
            "an answer that is no longer an option starts over, a reworded question is reviewed"
        );
    }

    #[test]
    fn fingerprints_tell_apart_what_a_person_changed() {
        let yes = AnswerValue::Choice("yes".into());
        assert_eq!(fingerprint(Some(&yes), "nota", ""), fingerprint(Some(&yes), " nota ", ""));
        assert_ne!(fingerprint(Some(&yes), "nota", ""), fingerprint(Some(&yes), "", "nota"));
        assert_ne!(fingerprint(Some(&yes), "", ""), fingerprint(None, "", ""));
    }

    fn saved(value: &str, revision: i64) -> StoredAnswer {
        StoredAnswer {
            question_id: "q".into(),
            value: Some(AnswerValue::Choice(value.into())),
            note: String::new(),
            evidence: String::new(),
            revision,
            needs_review: false,
            from_paper: false,
            updated_by: "Ana".into(),
            updated_at: "2026-11-27T10:00:00Z".parse().unwrap(),
        }
    }

    fn submitted(value: &str, base_revision: i64, shown: Option<&StoredAnswer>) -> SubmittedAnswer {
        SubmittedAnswer {
            question_id: "q".into(),
            values: raw(&[value]),
            base_revision,
            shown: shown.map_or_else(|| fingerprint(None, "", ""), StoredAnswer::fingerprint),
            ..SubmittedAnswer::default()
        }
    }

    #[test]
    fn i_dont_know_answers_any_scored_question_but_no_profile_one() {
        let kinds = [
            yes_no(),
            AnswerKind::Number { min: Some(0.0), max: Some(120.0), unit: None, ranges: Vec::new() },
            AnswerKind::Date { max_age_days: Some(365) },
            AnswerKind::Text { review: true },
        ];
        for kind in kinds {
            assert_eq!(AnswerValue::parse(&kind, &raw(&[DONT_KNOW])), Ok(Some(AnswerValue::DontKnow)));
            // Beside a typed number or date it contradicts it: the person says which they mean.
            assert_eq!(
                AnswerValue::parse(&kind, &raw(&["42", DONT_KNOW])),
                Err(AnswerProblem::DontKnowAndAnswer)
            );
            assert!(AnswerValue::DontKnow.fits(&kind), "it carries over to any kind");
        }
        let scored = question("q", yes_no(), None);
        let dont_know = submitted(DONT_KNOW, 0, None);
        assert!(matches!(decide(&scored, &dont_know, None, day("2026-11-27")), SaveDecision::Save { .. }));
        let profile = Question { requirements: Vec::new(), ..scored };
        assert_eq!(
            decide(&profile, &dont_know, None, day("2026-11-27")),
            SaveDecision::Invalid(AnswerProblem::NotAnOption),
            "a profile answer decides what is asked: it cannot be unknown"
        );
    }

    #[test]
    fn not_applicable_is_saved_only_with_a_reason() {
        let without = submitted("not_applicable", 0, None);
        assert_eq!(
            decide(&question("q", yes_no(), None), &without, None, day("2026-11-27")),
            SaveDecision::Invalid(AnswerProblem::ReasonMissing)
        );
        let blank = SubmittedAnswer { note: "   ".into(), ..without.clone() };
        assert_eq!(
            decide(&question("q", yes_no(), None), &blank, None, day("2026-11-27")),
            SaveDecision::Invalid(AnswerProblem::ReasonMissing)
        );
        let with = SubmittedAnswer { note: "No damos vivienda: todos viven en el pueblo.".into(), ..without };
        assert!(matches!(
            decide(&question("q", yes_no(), None), &with, None, day("2026-11-27")),
            SaveDecision::Save { .. }
        ));
    }

    #[test]
    fn a_date_in_the_future_is_refused() {
        let kind = AnswerKind::Date { max_age_days: None };
        let typed = |date: &str| SubmittedAnswer {
            question_id: "q".into(),
            values: raw(&[date]),
            ..SubmittedAnswer::default()
        };
        assert_eq!(
            decide(&question("q", kind.clone(), None), &typed("2026-11-28"), None, day("2026-11-27")),
            SaveDecision::Invalid(AnswerProblem::FutureDate)
        );
        assert!(matches!(
            decide(&question("q", kind.clone(), None), &typed("2026-11-27"), None, day("2026-11-27")),
            SaveDecision::Save { .. }
        ));
    }

    #[test]
    fn a_save_from_an_old_revision_is_a_conflict_only_when_the_person_changed_the_answer() {
        let kind = yes_no();
        let theirs = saved("no", 2);
        let shown = saved("yes", 1);
        // Changed by me, from the revision still saved: saved.
        assert!(matches!(
            decide(
                &question("q", kind.clone(), None),
                &submitted("partial", 1, Some(&shown)),
                Some(&shown),
                day("2026-11-27")
            ),
            SaveDecision::Save { .. }
        ));
        // Changed by me, but someone saved revision 2 meanwhile: a conflict.
        assert_eq!(
            decide(
                &question("q", kind.clone(), None),
                &submitted("partial", 1, Some(&shown)),
                Some(&theirs),
                day("2026-11-27")
            ),
            SaveDecision::Conflict
        );
        // Untouched by me while someone saved: their answer stays, silently.
        assert_eq!(
            decide(
                &question("q", kind.clone(), None),
                &submitted("yes", 1, Some(&shown)),
                Some(&theirs),
                day("2026-11-27")
            ),
            SaveDecision::Keep
        );
        // Both typed the same: nothing to do.
        assert_eq!(
            decide(
                &question("q", kind.clone(), None),
                &submitted("no", 1, Some(&shown)),
                Some(&theirs),
                day("2026-11-27")
            ),
            SaveDecision::Keep
        );
        // Two people answering a question nobody had answered: the second is told.
        assert_eq!(
            decide(
                &question("q", kind.clone(), None),
                &submitted("yes", 0, None),
                Some(&theirs),
                day("2026-11-27")
            ),
            SaveDecision::Conflict
        );
        assert_eq!(
            decide(
                &question("q", kind.clone(), None),
                &submitted("quizá", 1, Some(&shown)),
                Some(&shown),
                day("2026-11-27")
            ),
            SaveDecision::Invalid(AnswerProblem::NotAnOption)
        );
    }

    fn any_answer() -> impl Strategy<Value = AnswerValue> {
        prop_oneof![
            prop::sample::select(vec!["yes", "partial", "no", "not_applicable", "a", "b"])
                .prop_map(|v| AnswerValue::Choice(v.into())),
            prop::collection::vec(prop::sample::select(vec!["a", "b"]), 1..3)
                .prop_map(|v| AnswerValue::Choices(v.into_iter().map(String::from).collect())),
            (-10.0f64..200.0).prop_map(AnswerValue::Number),
            ".{0,8}".prop_map(AnswerValue::Text),
        ]
    }

    fn any_answers() -> impl Strategy<Value = Answers> {
        let ids = questionnaire().questions().map(|q| q.id.clone()).collect::<Vec<_>>();
        prop::collection::btree_map(prop::sample::select(ids), any_answer(), 0..5)
    }

    /// An answer drawn from `question`'s own domain: one of its values, a subset of its options, a
    /// number within its bounds, a date, a text, or "I don't know" where it is offered.
    fn answer_from_its_domain(question: &Question) -> BoxedStrategy<AnswerValue> {
        let scored = !question.requirements.is_empty();
        let own: BoxedStrategy<AnswerValue> = match &question.answer {
            AnswerKind::MultipleChoice { options } => {
                let values: Vec<String> = options.iter().map(|o| o.value.clone()).collect();
                prop::sample::subsequence(values.clone(), 1..=values.len())
                    .prop_map(AnswerValue::Choices)
                    .boxed()
            }
            AnswerKind::YesNoPartial { .. } | AnswerKind::SingleChoice { .. } => {
                let values = question.answer.possible_answers().expect("fixed values");
                prop::sample::select(values).prop_map(AnswerValue::Choice).boxed()
            }
            AnswerKind::Number { min, max, .. } => {
                (min.unwrap_or(-1000.0)..=max.unwrap_or(1000.0)).prop_map(AnswerValue::Number).boxed()
            }
            AnswerKind::Date { .. } => (0i64..800)
                .prop_map(|back| AnswerValue::Date(crate::dates::add_days(day("2026-11-27"), -back).unwrap()))
                .boxed(),
            AnswerKind::Text { .. } => "[a-z]([a-z ]{0,10}[a-z])?".prop_map(AnswerValue::Text).boxed(),
        };
        if scored { prop_oneof![9 => own, 1 => Just(AnswerValue::DontKnow)].boxed() } else { own }
    }

    /// Some of the questionnaire's questions, each answered from its own domain.
    fn fitting_answers() -> impl Strategy<Value = Answers> {
        let per_question: Vec<BoxedStrategy<Option<(String, AnswerValue)>>> = questionnaire()
            .questions()
            .map(|q| {
                let id = q.id.clone();
                prop::option::of(answer_from_its_domain(q).prop_map(move |value| (id.clone(), value))).boxed()
            })
            .collect();
        per_question.prop_map(|answers| answers.into_iter().flatten().collect())
    }

    proptest! {
        #[test]
        fn progress_never_counts_more_answered_than_apply(answers in any_answers()) {
            let q = questionnaire();
            let progress = progress(&q, &answers);
            prop_assert!(progress.overall.answered <= progress.overall.applicable);
            prop_assert!(progress.overall.percent() <= 100);
            let sum: u32 = progress.sections.iter().map(|(_, p)| p.applicable).sum();
            prop_assert_eq!(sum, progress.overall.applicable);
            prop_assert_eq!(missing_answers(&q, &answers).is_empty(), progress.overall.answered == progress.overall.applicable);
        }

        /// Every answer given goes over to an unchanged questionnaire as it was, unmarked — except
        /// a "not applicable", which is given again with its reason. Checked from the answers
        /// given, not from what came out, so a dropped answer is caught.
        #[test]
        fn an_unchanged_questionnaire_carries_every_fitting_answer_without_review(answers in fitting_answers()) {
            let q = questionnaire();
            let carried: Answers = carry_over(&q, &answers, &q)
                .into_iter()
                .inspect(|c| assert!(!c.needs_review, "{} marked for review", c.question_id))
                .map(|c| (c.question_id, c.value))
                .collect();
            for (id, value) in &answers {
                prop_assert!(value.fits(&q.question(id).unwrap().answer), "the strategy drew {:?} for {}", value, id);
                let expected = (!value.is_not_applicable()).then_some(value);
                prop_assert_eq!(carried.get(id), expected, "{}", id);
            }
            prop_assert!(carried.keys().all(|id| answers.contains_key(id)));
        }

        #[test]
        fn parsing_never_panics_and_a_parsed_answer_fits(values in prop::collection::vec(".{0,12}", 0..3)) {
            let q = questionnaire();
            for question in q.questions() {
                if let Ok(Some(value)) = AnswerValue::parse(&question.answer, &values) {
                    prop_assert!(value.fits(&question.answer));
                }
            }
        }
    }
}
