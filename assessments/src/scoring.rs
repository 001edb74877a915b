//! Scoring: from an assessment's answers to where the company stands against the law.
//!
//! The rules, which `docs/SCORING.md` walks through with a worked example:
//!
//! 1. Each answered, applicable question of a scored section gets a **level** from its answer
//!    (the questionnaire says how): compliant, partial, gap or not applicable. Profile questions,
//!    hidden questions and unanswered ones are left out.
//! 2. A question **weighs** as much as the most severe requirement it verifies: critical 4,
//!    high 3, medium 2, low 1 (the weighting amfori BSCI and our domain brief suggest).
//! 3. It **earns** its full weight when compliant, half when partial, nothing for a gap; a
//!    not-applicable answer neither earns nor counts.
//! 4. A section's **score** is 100 × earned ÷ possible over its scored questions, rounded to the
//!    nearest whole number (halves up); the overall score is the same sum over every section (not
//!    an average of section scores, so a section of two questions does not weigh like one of
//!    twenty). Nothing scored, no score.
//! 5. A requirement is **met** when every scored question verifying it is compliant, **not met**
//!    when any is a gap, **partly met** otherwise; **not applicable** when all its answers are;
//!    **not answered** when none of its applicable questions has an answer yet. Every requirement
//!    partly or not met is a **gap**, with its severity, the answers behind it and their
//!    suggested actions.
//! 6. The **rating** follows the overall score — good from 90, acceptable from 75, needs
//!    improvement from 50, poor below — except that a **zero-tolerance finding** (a requirement
//!    the catalog marks zero-tolerance, not met by an answer that says so) makes it critical
//!    whatever the score, as amfori's zero-tolerance findings and Fairtrade's core criteria do.
//!    An answer *to verify* ("I don't know", or a "not applicable" the question no longer
//!    offers) is a gap, but not a finding: a finding is what the company said happens.
//!
//! Pure: the date an answer's age is measured from is given, never read from a clock.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::answers::{AnswerValue, Answers, applicable_questions};
use crate::catalog::{Catalog, Severity};
use crate::dates::days_between;
use crate::questionnaire::{AnswerKind, Level, Question, Questionnaire};

/// How much a question weighs, by the severity of the most severe requirement it verifies.
pub const fn weight(severity: Severity) -> u32 {
    match severity {
        Severity::Critical => 4,
        Severity::High => 3,
        Severity::Medium => 2,
        Severity::Low => 1,
    }
}

/// The lowest overall score of each rating above poor.
pub const GOOD_FROM: u32 = 90;
pub const ACCEPTABLE_FROM: u32 = 75;
pub const NEEDS_IMPROVEMENT_FROM: u32 = 50;

/// Where a requirement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequirementStatus {
    Met,
    PartlyMet,
    NotMet,
    NotApplicable,
    NotAnswered,
}

impl RequirementStatus {
    pub fn is_gap(self) -> bool {
        matches!(self, RequirementStatus::PartlyMet | RequirementStatus::NotMet)
    }
}

/// The overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// A zero-tolerance finding, whatever the score.
    Critical,
    Poor,
    NeedsImprovement,
    Acceptable,
    Good,
}

impl Rating {
    fn of(score: u32, zero_tolerance_finding: bool) -> Rating {
        match score {
            _ if zero_tolerance_finding => Rating::Critical,
            s if s >= GOOD_FROM => Rating::Good,
            s if s >= ACCEPTABLE_FROM => Rating::Acceptable,
            s if s >= NEEDS_IMPROVEMENT_FROM => Rating::NeedsImprovement,
            _ => Rating::Poor,
        }
    }
}

/// A scored answer: one question's contribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoredAnswer {
    pub question_id: String,
    pub level: Level,
    pub weight: u32,
    /// A gap only because nobody knows: "I don't know", or a "not applicable" the question no
    /// longer offers. Never a zero-tolerance finding.
    #[serde(default)]
    pub to_verify: bool,
}

impl ScoredAnswer {
    /// What it earns, in half points: compliant its full weight, partial half, a gap nothing.
    pub fn earned_half_points(&self) -> u32 {
        match self.level {
            Level::Compliant => 2 * self.weight,
            Level::Partial => self.weight,
            Level::Gap | Level::NotApplicable => 0,
        }
    }
}

/// Whether `answer` to a question of `kind` is a gap only because nobody knows.
fn is_to_verify(kind: &AnswerKind, answer: &AnswerValue) -> bool {
    match (kind, answer) {
        (_, AnswerValue::DontKnow) => true,
        (AnswerKind::YesNoPartial { allow_not_applicable: false, .. }, value) => value.is_not_applicable(),
        _ => false,
    }
}

/// A section's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionScore {
    pub section_id: String,
    /// In half points: compliant earns 2 × weight, partial 1 × weight.
    pub earned_half_points: u32,
    pub possible_half_points: u32,
    /// `None` when nothing in the section is scored.
    pub score: Option<u32>,
    pub gaps: u32,
}

/// A requirement not fully met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    pub requirement_id: String,
    pub severity: Severity,
    pub status: RequirementStatus,
    /// A zero-tolerance requirement not met: an answer behind it is at *gap*. Listed first, and
    /// the assessment is rated critical. (Partly met, it is a gap of its severity like others.)
    #[serde(default)]
    pub zero_tolerance: bool,
    /// The section of the first answer behind it.
    pub section_id: String,
    /// The answers behind it: questions whose level is a gap or partial.
    pub causes: Vec<ScoredAnswer>,
}

/// A scored question the answers left out of the assessment: its condition (on a profile answer,
/// or another question's) does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOut {
    pub question_id: String,
    /// The question whose answer hides it.
    pub because_of: String,
    /// The requirements it verifies that went unassessed for it (no other answer assessed them).
    pub unassessed: Vec<String>,
}

/// Everything scoring says of an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scorecard {
    pub overall: Option<u32>,
    pub rating: Option<Rating>,
    /// Every scored answer (compliant, partial, gap or not applicable), in questionnaire order.
    pub answers: Vec<ScoredAnswer>,
    /// Scored questions the answers hid, in questionnaire order.
    pub left_out: Vec<LeftOut>,
    /// Answers whose chosen option carries a warning: `(question id, option value)`, in
    /// questionnaire order. Not gaps: signs to look into.
    #[serde(default)]
    pub warnings: Vec<(String, String)>,
    /// Scored sections only (profile sections are never scored), in questionnaire order.
    pub sections: Vec<SectionScore>,
    /// Every requirement the questionnaire verifies, in catalog order.
    pub requirements: Vec<(String, RequirementStatus)>,
    /// Zero-tolerance findings first, then most severe first, then in questionnaire order.
    pub gaps: Vec<Gap>,
}

impl Scorecard {
    pub fn section(&self, section_id: &str) -> Option<&SectionScore> {
        self.sections.iter().find(|section| section.section_id == section_id)
    }
}

/// Scores `answers` to `questionnaire` against `catalog`; a date answer's age is measured up to
/// `as_of` (the assessment's date).
pub fn score(
    questionnaire: &Questionnaire,
    catalog: &Catalog,
    answers: &Answers,
    as_of: NaiveDate,
) -> Scorecard {
    let applicable: HashSet<&str> =
        applicable_questions(questionnaire, answers).into_iter().map(|q| q.id.as_str()).collect();
    // Looked up once per question or requirement below: indexed here rather than scanned each time
    // (scoring runs on every page that shows a score).
    let index = Index::of(questionnaire, catalog);
    let severity_of = |question: &Question| {
        question.requirements.iter().filter_map(|id| index.severity.get(id.as_str())).copied().min()
    };

    // Rules 1–4: each answer's level and weight, summed per section.
    let mut scored: BTreeMap<&str, ScoredAnswer> = BTreeMap::new();
    let mut sections = Vec::new();
    for section in questionnaire.sections.iter().filter(|section| !section.profile) {
        let (mut earned, mut possible) = (0, 0);
        for question in section.questions.iter().filter(|q| applicable.contains(q.id.as_str())) {
            let (Some(answer), Some(severity)) = (answers.get(&question.id), severity_of(question)) else {
                continue;
            };
            let Some(level) = level_of(&question.answer, answer, as_of) else { continue };
            let to_verify = is_to_verify(&question.answer, answer);
            let scored_answer =
                ScoredAnswer { question_id: question.id.clone(), level, weight: weight(severity), to_verify };
            if level != Level::NotApplicable {
                earned += scored_answer.earned_half_points();
                possible += 2 * scored_answer.weight;
            }
            scored.insert(&question.id, scored_answer);
        }
        sections.push(SectionScore {
            section_id: section.id.clone(),
            earned_half_points: earned,
            possible_half_points: possible,
            score: percent(earned, possible),
            gaps: 0,
        });
    }

    // Rule 5: each requirement, from the answers of the questions that verify it.
    let mut requirements = Vec::new();
    let mut gaps = Vec::new();
    for requirement in &catalog.requirements {
        let Some(verifying) = index.verifying.get(requirement.id.as_str()) else { continue };
        let levels: Vec<&ScoredAnswer> = verifying.iter().filter_map(|q| scored.get(q.id.as_str())).collect();
        let any = |level: Level| levels.iter().any(|answer| answer.level == level);
        let status = if levels.is_empty() {
            if verifying.iter().any(|q| applicable.contains(q.id.as_str())) {
                RequirementStatus::NotAnswered
            } else {
                RequirementStatus::NotApplicable
            }
        } else if any(Level::Gap) {
            RequirementStatus::NotMet
        } else if any(Level::Partial) {
            RequirementStatus::PartlyMet
        } else if any(Level::Compliant) {
            RequirementStatus::Met
        } else {
            RequirementStatus::NotApplicable
        };
        requirements.push((requirement.id.clone(), status));
        // A finding is what the company said happens: an answer at gap that is not "to verify".
        let said_so = levels.iter().any(|answer| answer.level == Level::Gap && !answer.to_verify);
        let zero_tolerance = requirement.zero_tolerance && status == RequirementStatus::NotMet && said_so;
        if status.is_gap() {
            let causes: Vec<ScoredAnswer> = levels
                .iter()
                .filter(|answer| matches!(answer.level, Level::Gap | Level::Partial))
                .map(|answer| (*answer).clone())
                .collect();
            let section_id = causes
                .first()
                .and_then(|cause| index.section.get(cause.question_id.as_str()))
                .map(|section_id| (*section_id).to_owned())
                .unwrap_or_default();
            gaps.push(Gap {
                requirement_id: requirement.id.clone(),
                severity: requirement.severity,
                status,
                zero_tolerance,
                section_id,
                causes,
            });
        }
    }
    let position = |section_id: &str| questionnaire.sections.iter().position(|s| s.id == section_id);
    gaps.sort_by_key(|gap| (!gap.zero_tolerance, gap.severity, position(&gap.section_id)));
    for section in &mut sections {
        section.gaps = u32::try_from(gaps.iter().filter(|g| g.section_id == section.section_id).count())
            .unwrap_or(u32::MAX);
    }

    // Rule 6: the overall score and the rating.
    let earned = sections.iter().map(|s| s.earned_half_points).sum();
    let possible = sections.iter().map(|s| s.possible_half_points).sum();
    let overall = percent(earned, possible);
    let finding = gaps.iter().any(|gap| gap.zero_tolerance);
    let rating = overall.map(|overall| Rating::of(overall, finding));

    let status_of = |id: &str| requirements.iter().find(|(r, _)| r == id).map(|(_, status)| *status);
    let left_out = questionnaire
        .sections
        .iter()
        .filter(|section| !section.profile)
        .flat_map(|section| &section.questions)
        .filter(|question| !applicable.contains(question.id.as_str()))
        .filter_map(|question| {
            Some(LeftOut {
                question_id: question.id.clone(),
                because_of: hiding_answer(questionnaire, &applicable, question)?,
                unassessed: question
                    .requirements
                    .iter()
                    .filter(|id| status_of(id) == Some(RequirementStatus::NotApplicable))
                    .cloned()
                    .collect(),
            })
        })
        .collect();
    let warnings = questionnaire
        .questions()
        .filter(|question| applicable.contains(question.id.as_str()))
        .flat_map(|question| {
            let options = match &question.answer {
                AnswerKind::SingleChoice { options } | AnswerKind::MultipleChoice { options } => {
                    options.as_slice()
                }
                _ => &[],
            };
            let chosen = answers.get(&question.id);
            options
                .iter()
                .filter(|option| option.warning.is_some())
                .filter(move |option| match chosen {
                    Some(AnswerValue::Choice(value)) => *value == option.value,
                    Some(AnswerValue::Choices(values)) => values.contains(&option.value),
                    _ => false,
                })
                .map(|option| (question.id.clone(), option.value.clone()))
        })
        .collect();
    let answers = questionnaire.questions().filter_map(|q| scored.get(q.id.as_str()).cloned()).collect();
    Scorecard { overall, rating, answers, left_out, warnings, sections, requirements, gaps }
}

/// What scoring looks up, by id: the first of each, as `Catalog::requirement` and
/// `Questionnaire::section_of` would find it.
struct Index<'a> {
    severity: HashMap<&'a str, Severity>,
    /// The questions verifying each requirement, in questionnaire order, each once.
    verifying: HashMap<&'a str, Vec<&'a Question>>,
    section: HashMap<&'a str, &'a str>,
}

impl<'a> Index<'a> {
    fn of(questionnaire: &'a Questionnaire, catalog: &'a Catalog) -> Self {
        let mut severity = HashMap::new();
        for requirement in &catalog.requirements {
            severity.entry(requirement.id.as_str()).or_insert(requirement.severity);
        }
        let mut verifying: HashMap<&str, Vec<&Question>> = HashMap::new();
        let mut section = HashMap::new();
        for each_section in &questionnaire.sections {
            for question in &each_section.questions {
                section.entry(question.id.as_str()).or_insert(each_section.id.as_str());
                for requirement in &question.requirements {
                    let questions = verifying.entry(requirement.as_str()).or_default();
                    if !questions.last().is_some_and(|last| std::ptr::eq(*last, question)) {
                        questions.push(question);
                    }
                }
            }
        }
        Self { severity, verifying, section }
    }
}

/// The question whose answer hides `question`: its condition's question, or — when that one is
/// hidden itself — the one that hides it, up the chain.
fn hiding_answer(
    questionnaire: &Questionnaire,
    applicable: &HashSet<&str>,
    question: &Question,
) -> Option<String> {
    let mut on = question.show_if.as_ref()?.question.as_str();
    // Conditions name earlier questions only (the loader checks it), so this ends.
    while !applicable.contains(on) {
        match questionnaire.question(on)?.show_if.as_ref() {
            Some(condition) => on = condition.question.as_str(),
            None => break,
        }
    }
    Some(on.to_owned())
}

/// On what a met requirement rests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The company's answers alone.
    Declared,
    /// Every answer behind it carries evidence (a file attached to its question).
    Evidenced,
    /// An advisor with a grant saw its evidence, and no answer behind it changed since.
    Verified,
}

/// Where an advisor saw a requirement's evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seen {
    OnSite,
    OnFile,
}

impl Seen {
    pub const fn as_str(self) -> &'static str {
        match self {
            Seen::OnSite => "on_site",
            Seen::OnFile => "on_file",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Seen::OnSite, Seen::OnFile].into_iter().find(|seen| seen.as_str() == text)
    }
}

/// An advisor's verification of one requirement of an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub requirement_id: String,
    pub seen: Seen,
    /// What stood behind the requirement when the advisor looked (see the service's
    /// `state_behind`): the verification stands while it still does.
    pub seen_state: String,
    /// The advisor's name.
    pub by: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// The basis of every met requirement of `card`, in catalog order: *verified* when
/// `verified(requirement_id)` (an advisor's verification no answer behind it has outdated),
/// else *evidenced* when every compliant answer behind it has evidence
/// (`has_evidence(question_id)`), else *declared*.
pub fn bases(
    questionnaire: &Questionnaire,
    card: &Scorecard,
    has_evidence: impl Fn(&str) -> bool,
    verified: impl Fn(&str) -> bool,
) -> Vec<(String, Basis)> {
    card.requirements
        .iter()
        .filter(|(_, status)| *status == RequirementStatus::Met)
        .map(|(id, _)| {
            let behind = card.answers.iter().filter(|answer| {
                answer.level == Level::Compliant
                    && questionnaire
                        .question(&answer.question_id)
                        .is_some_and(|q| q.requirements.contains(id))
            });
            let evidenced =
                behind.clone().count() > 0 && behind.clone().all(|a| has_evidence(&a.question_id));
            let basis = if verified(id) {
                Basis::Verified
            } else if evidenced {
                Basis::Evidenced
            } else {
                Basis::Declared
            };
            (id.clone(), basis)
        })
        .collect()
}

/// Whole percent of the points earned that rest on answers without evidence; `None` when
/// nothing was earned.
pub fn declared_share(card: &Scorecard, has_evidence: impl Fn(&str) -> bool) -> Option<u32> {
    let earned: u32 = card.answers.iter().map(ScoredAnswer::earned_half_points).sum();
    let declared: u32 = card
        .answers
        .iter()
        .filter(|a| !has_evidence(&a.question_id))
        .map(ScoredAnswer::earned_half_points)
        .sum();
    percent(declared, earned)
}

/// 100 × earned ÷ possible, rounded to the nearest whole number, halves up.
fn percent(earned: u32, possible: u32) -> Option<u32> {
    (possible > 0).then(|| (200 * earned + possible) / (2 * possible))
}

/// The level of one answer to a question of `kind`. `None` for an answer that does not fit the
/// question (never saved as such) or a profile option, which carries no level.
pub fn level_of(kind: &AnswerKind, answer: &AnswerValue, as_of: NaiveDate) -> Option<Level> {
    match (kind, answer) {
        // Not knowing whether a requirement is met is not meeting it: a gap, to verify.
        (_, AnswerValue::DontKnow) => Some(Level::Gap),
        (AnswerKind::YesNoPartial { levels, allow_not_applicable }, AnswerValue::Choice(value)) => {
            match value.as_str() {
                "yes" => Some(levels.yes),
                "partial" => Some(levels.partial),
                "no" => Some(levels.no),
                "not_applicable" if *allow_not_applicable => Some(levels.not_applicable),
                // Given before the question stopped offering it (a critical or high requirement
                // without a stated case): it erases nothing, and stands as a gap to look into.
                "not_applicable" => Some(Level::Gap),
                _ => None,
            }
        }
        (AnswerKind::SingleChoice { options }, AnswerValue::Choice(value)) => {
            options.iter().find(|option| &option.value == value)?.level
        }
        (AnswerKind::MultipleChoice { options }, AnswerValue::Choices(values)) => {
            let levels: Vec<Level> = options
                .iter()
                .filter(|option| values.contains(&option.value))
                .map(|option| option.level)
                .collect::<Option<_>>()?;
            best(&levels)
        }
        // A threshold whose legal parameter has no value on the reference date leaves the
        // answer unscored rather than scored against a limit that is not the law's.
        (AnswerKind::Number { ranges, .. }, AnswerValue::Number(_))
            if ranges.iter().any(|range| range.parameter.is_some() && range.up_to.is_none()) =>
        {
            None
        }
        (AnswerKind::Number { ranges, .. }, AnswerValue::Number(number)) => ranges
            .iter()
            .find(|range| range.up_to.is_none_or(|up_to| *number <= up_to))
            .map(|range| range.level),
        (AnswerKind::Date { max_age_days }, AnswerValue::Date(date)) => match max_age_days {
            Some(days) if days_between(*date, as_of) > i64::from(*days) => Some(Level::Gap),
            _ => Some(Level::Compliant),
        },
        // Judged by an advisor; until then it counts as partly met.
        (AnswerKind::Text { review: true }, AnswerValue::Text(_)) => Some(Level::Partial),
        _ => None,
    }
}

/// An answer to a question of `kind` that scores at `level`, if it can: the inverse of
/// [`level_of`], used to write demo assessments and to test the shipped questionnaires. A date is
/// measured up to `as_of`.
pub fn answer_at(kind: &AnswerKind, level: Level, as_of: NaiveDate) -> Option<AnswerValue> {
    let answer = match kind {
        AnswerKind::YesNoPartial { levels, allow_not_applicable } => {
            let mut candidates = vec![("yes", levels.yes), ("no", levels.no), ("partial", levels.partial)];
            if *allow_not_applicable {
                candidates.push(("not_applicable", levels.not_applicable));
            }
            AnswerValue::Choice(candidates.into_iter().find(|(_, l)| *l == level)?.0.to_owned())
        }
        AnswerKind::SingleChoice { options } => {
            AnswerValue::Choice(options.iter().find(|o| o.level == Some(level))?.value.clone())
        }
        AnswerKind::MultipleChoice { options } => {
            AnswerValue::Choices(vec![options.iter().find(|o| o.level == Some(level))?.value.clone()])
        }
        AnswerKind::Number { min, max, ranges, .. } => {
            // The lowest whole number of the first range at `level`.
            let mut lowest = min.unwrap_or(0.0);
            let mut found = None;
            for range in ranges {
                if range.level == level {
                    found = Some(lowest);
                    break;
                }
                lowest = range.up_to.map_or(lowest, |up_to| up_to.floor() + 1.0);
            }
            let number = found.filter(|n| max.is_none_or(|max| *n <= max))?;
            AnswerValue::Number(number)
        }
        AnswerKind::Date { max_age_days } => match (level, max_age_days) {
            (Level::Compliant, _) => AnswerValue::Date(as_of),
            // Two years back, on the first of the month (a day every month has).
            (Level::Gap, Some(_)) => {
                AnswerValue::Date(NaiveDate::from_ymd_opt(as_of.year() - 2, as_of.month(), 1)?)
            }
            _ => return None,
        },
        AnswerKind::Text { review: true } if level == Level::Partial => AnswerValue::Text(
            "Se respondió en 15 días en promedio; dos quejas llevaron a corregir pagos.".to_owned(),
        ),
        AnswerKind::Text { .. } => return None,
    };
    (level_of(kind, &answer, as_of) == Some(level)).then_some(answer)
}

/// Several options ticked: each says what it contributes on its own (a suggestion box alone is
/// partial, a confidential channel in the workers' language counts), so the answer is as good as
/// its best one — an honest extra tick never lowers it. Not applicable only if all are.
fn best(levels: &[Level]) -> Option<Level> {
    [Level::Compliant, Level::Partial, Level::Gap, Level::NotApplicable]
        .into_iter()
        .find(|level| levels.contains(level))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::catalog::{Confidence, Requirement};
    use crate::dates::day;
    use crate::questionnaire::{ChoiceOption, Condition, DueDays, NumberRange, Section, Status, YesNoLevels};
    use crate::text::Text;

    fn requirement(id: &str, severity: Severity) -> Requirement {
        Requirement {
            id: id.into(),
            instrument: "LFT".into(),
            article: "Art. 1".into(),
            summary: Text::new("Resumen", None),
            severity,
            zero_tolerance: id == "CRIT",
            evidence: Text::new("Evidencia", None),
            confidence: Confidence::Confirmed,
            confidence_note: None,
            sources: Vec::new(),
            tags: Vec::new(),
        }
    }

    fn catalog() -> Catalog {
        Catalog {
            instruments: BTreeMap::new(),
            requirements: vec![
                requirement("CRIT", Severity::Critical),
                requirement("HIGH", Severity::High),
                requirement("MED", Severity::Medium),
                requirement("LOW", Severity::Low),
            ],
        }
    }

    fn yes_no() -> AnswerKind {
        AnswerKind::YesNoPartial { levels: YesNoLevels::default(), allow_not_applicable: true }
    }

    fn question(id: &str, answer: AnswerKind, requirements: &[&str], show_if: Option<&str>) -> Question {
        Question {
            id: id.into(),
            text: Text::new(id, None),
            help: None,
            answer,
            required: true,
            evidence: false,
            evidence_prompt: None,
            asked_from: None,
            show_if: show_if.map(|on| Condition { question: on.into(), any_of: vec!["yes".into()] }),
            requirements: requirements.iter().map(|r| (*r).to_owned()).collect(),
            action: None,
            due_days: None,
            not_applicable_when: None,
        }
    }

    /// The worked example of docs/SCORING.md.
    fn questionnaire() -> Questionnaire {
        let section = |id: &str, profile: bool, questions: Vec<Question>| Section {
            id: id.into(),
            title: Text::new(id, None),
            intro: None,
            profile,
            questions,
        };
        Questionnaire {
            id: "ejemplo".into(),
            version: 1,
            status: Status::Published,
            title: Text::new("Ejemplo", None),
            intro: Text::new("Ejemplo", None),
            due_days: DueDays { critical: 30, high: 90, medium: 180, low: 365 },
            reference_from: None,
            sections: vec![
                section("perfil", true, vec![question("perfil.adolescentes", yes_no(), &[], None)]),
                section(
                    "infantil",
                    false,
                    vec![
                        question("infantil.edad", yes_no(), &["CRIT"], None),
                        question(
                            "infantil.permisos",
                            yes_no(),
                            &["CRIT", "MED"],
                            Some("perfil.adolescentes"),
                        ),
                    ],
                ),
                section(
                    "salarios",
                    false,
                    vec![
                        question("salarios.recibos", yes_no(), &["HIGH"], None),
                        question(
                            "salarios.canales",
                            AnswerKind::MultipleChoice {
                                options: ["buzon", "comite", "ninguno"]
                                    .iter()
                                    .zip([Level::Compliant, Level::Compliant, Level::Gap])
                                    .map(|(v, level)| ChoiceOption {
                                        value: (*v).into(),
                                        label: Text::new(*v, None),
                                        level: Some(level),
                                        // Not a gap, but worth a look: a box alone rarely works.
                                        warning: (*v == "buzon").then(|| Text::new("Un buzón solo", None)),
                                    })
                                    .collect(),
                            },
                            &["MED"],
                            None,
                        ),
                        question(
                            "salarios.horas",
                            AnswerKind::Number {
                                min: Some(0.0),
                                max: None,
                                unit: None,
                                ranges: vec![
                                    NumberRange {
                                        up_to: Some(48.0),
                                        level: Level::Compliant,
                                        parameter: None,
                                    },
                                    NumberRange { up_to: None, level: Level::Gap, parameter: None },
                                ],
                            },
                            &["LOW"],
                            None,
                        ),
                    ],
                ),
            ],
        }
    }

    fn choice(value: &str) -> AnswerValue {
        AnswerValue::Choice(value.into())
    }

    fn worked_example() -> Answers {
        [
            ("perfil.adolescentes", choice("yes")),
            ("infantil.edad", choice("yes")),
            ("infantil.permisos", choice("partial")),
            ("salarios.recibos", choice("no")),
            ("salarios.canales", AnswerValue::Choices(vec!["buzon".into()])),
            ("salarios.horas", AnswerValue::Number(50.0)),
        ]
        .into_iter()
        .map(|(id, value)| (id.to_owned(), value))
        .collect()
    }

    #[test]
    fn the_worked_example_of_the_documentation() {
        let card = score(&questionnaire(), &catalog(), &worked_example(), day("2026-11-27"));
        // infantil: edad compliant 4 of 4, permisos partial 2 of 4 (weighs as its critical
        // requirement) → 6 of 8 points = 75.
        let infantil = card.section("infantil").unwrap();
        assert_eq!(
            (infantil.earned_half_points, infantil.possible_half_points, infantil.score),
            (12, 16, Some(75))
        );
        // salarios: recibos gap 0 of 3, canales compliant 2 of 2, horas gap 0 of 1 → 2 of 6 = 33.
        let salarios = card.section("salarios").unwrap();
        assert_eq!(
            (salarios.earned_half_points, salarios.possible_half_points, salarios.score),
            (4, 12, Some(33))
        );
        // Overall: 8 of 14 points = 57.14 → 57. CRIT is zero-tolerance but only partly met (the
        // permits are partial): a high-priority gap, not a finding, so the score rates it.
        assert_eq!(card.overall, Some(57));
        assert_eq!(card.rating, Some(Rating::NeedsImprovement));
        assert!(!card.gaps[0].zero_tolerance);
        let gaps: Vec<(&str, RequirementStatus)> =
            card.gaps.iter().map(|g| (g.requirement_id.as_str(), g.status)).collect();
        assert_eq!(
            gaps,
            [
                ("CRIT", RequirementStatus::PartlyMet),
                ("HIGH", RequirementStatus::NotMet),
                ("MED", RequirementStatus::PartlyMet),
                ("LOW", RequirementStatus::NotMet),
            ]
        );
        assert_eq!(card.gaps[0].causes[0].question_id, "infantil.permisos");
        assert_eq!((infantil.gaps, salarios.gaps), (2, 2), "MED is first caused in infantil");
    }

    #[test]
    fn a_requirement_named_twice_by_one_question_counts_its_answer_once() {
        let mut questionnaire = questionnaire();
        let recibos = &mut questionnaire.sections[2].questions[0];
        assert_eq!(recibos.id, "salarios.recibos");
        recibos.requirements = vec!["HIGH".into(), "HIGH".into()];
        let card = score(&questionnaire, &catalog(), &worked_example(), day("2026-11-27"));
        let high = card.gaps.iter().find(|gap| gap.requirement_id == "HIGH").unwrap();
        let causes: Vec<&str> = high.causes.iter().map(|cause| cause.question_id.as_str()).collect();
        assert_eq!(causes, ["salarios.recibos"]);
        assert_eq!(card, score(&self::questionnaire(), &catalog(), &worked_example(), day("2026-11-27")));
    }

    #[test]
    fn a_zero_tolerance_requirement_at_gap_is_a_finding_listed_first_and_rates_critical() {
        let mut answers = worked_example();
        answers.insert("infantil.permisos".into(), choice("no"));
        let card = score(&questionnaire(), &catalog(), &answers, day("2026-11-27"));
        // 4 + 0 of 8, and 2 of 6: 6 of 14 = 42.9 → 43, yet critical whatever the score.
        assert_eq!((card.overall, card.rating), (Some(43), Some(Rating::Critical)));
        assert_eq!((card.gaps[0].requirement_id.as_str(), card.gaps[0].zero_tolerance), ("CRIT", true));
        assert!(card.gaps[1..].iter().all(|gap| !gap.zero_tolerance));
    }

    #[test]
    fn a_warned_choice_is_said_and_changes_no_score() {
        let card = score(&questionnaire(), &catalog(), &worked_example(), day("2026-11-27"));
        assert_eq!(card.warnings, [("salarios.canales".to_owned(), "buzon".to_owned())]);
        assert_eq!(card.overall, Some(57), "the worked example scores as before");
        let mut answers = worked_example();
        answers.insert("salarios.canales".into(), AnswerValue::Choices(vec!["comite".into()]));
        assert!(score(&questionnaire(), &catalog(), &answers, day("2026-11-27")).warnings.is_empty());
    }

    #[test]
    fn not_knowing_is_a_gap_to_verify_but_no_finding() {
        let mut answers = worked_example();
        answers.insert("infantil.permisos".into(), AnswerValue::DontKnow);
        let card = score(&questionnaire(), &catalog(), &answers, day("2026-11-27"));
        let crit = card.gaps.iter().find(|g| g.requirement_id == "CRIT").unwrap();
        assert_eq!((crit.status, crit.zero_tolerance), (RequirementStatus::NotMet, false));
        assert!(crit.causes[0].to_verify);
        assert_ne!(card.rating, Some(Rating::Critical));
    }

    #[test]
    fn without_a_zero_tolerance_finding_the_score_decides_the_rating() {
        let mut answers = worked_example();
        answers.insert("infantil.permisos".into(), choice("yes"));
        let card = score(&questionnaire(), &catalog(), &answers, day("2026-11-27"));
        // 10 of 14 points = 71.4 → 71: needs improvement.
        assert_eq!((card.overall, card.rating), (Some(71), Some(Rating::NeedsImprovement)));
        assert_eq!(Rating::of(90, false), Rating::Good);
        assert_eq!(Rating::of(89, false), Rating::Acceptable);
        assert_eq!(Rating::of(75, false), Rating::Acceptable);
        assert_eq!(Rating::of(49, false), Rating::Poor);
        assert_eq!(Rating::of(100, true), Rating::Critical);
    }

    #[test]
    fn what_the_profile_hides_is_said_with_the_answer_that_hid_it() {
        let mut answers = worked_example();
        answers.insert("perfil.adolescentes".into(), choice("no"));
        let card = score(&questionnaire(), &catalog(), &answers, day("2026-11-27"));
        assert_eq!(
            card.left_out,
            [LeftOut {
                question_id: "infantil.permisos".into(),
                because_of: "perfil.adolescentes".into(),
                unassessed: Vec::new(),
            }],
            "CRIT and MED are still assessed, by the age check and the channels"
        );
        // Without the channels question, MED would have gone unassessed.
        let mut questionnaire = questionnaire();
        questionnaire.sections[2].questions.remove(1);
        let card = score(&questionnaire, &catalog(), &answers, day("2026-11-27"));
        assert_eq!(card.left_out[0].unassessed, ["MED"]);
    }

    #[test]
    fn a_met_requirement_rests_on_evidence_only_when_every_answer_behind_it_has_some() {
        let mut answers = worked_example();
        answers.insert("infantil.permisos".into(), choice("yes"));
        let card = score(&questionnaire(), &catalog(), &answers, day("2026-11-27"));
        let basis = |evidenced: &[&str]| -> Vec<Basis> {
            bases(&questionnaire(), &card, |q| evidenced.contains(&q), |_| false)
                .into_iter()
                .map(|(_, b)| b)
                .collect()
        };
        // CRIT rests on the age check and the permits, MED on the permits and the channels.
        assert_eq!(basis(&[]), [Basis::Declared, Basis::Declared]);
        assert_eq!(basis(&["infantil.edad"]), [Basis::Declared, Basis::Declared], "the permits have none");
        assert_eq!(basis(&["infantil.edad", "infantil.permisos"]), [Basis::Evidenced, Basis::Declared]);
        let all = ["infantil.edad", "infantil.permisos", "salarios.canales"];
        assert_eq!(basis(&all), [Basis::Evidenced, Basis::Evidenced]);
        // An advisor's verification stands above both.
        let verified = bases(&questionnaire(), &card, |_| false, |r| r == "MED");
        assert_eq!(
            verified.into_iter().map(|(_, b)| b).collect::<Vec<_>>(),
            [Basis::Declared, Basis::Verified]
        );
        // Earned: edad 8, permisos 8, canales 4 half points; with edad evidenced, 12 of 20 are declared.
        assert_eq!(declared_share(&card, |q| q == "infantil.edad"), Some(60));
        assert_eq!(declared_share(&card, |_| true), Some(0));
    }

    #[test]
    fn a_not_applicable_the_question_no_longer_offers_stands_as_a_gap() {
        let kind = AnswerKind::YesNoPartial { levels: YesNoLevels::default(), allow_not_applicable: false };
        assert_eq!(level_of(&kind, &choice("not_applicable"), day("2026-11-27")), Some(Level::Gap));
        assert_eq!(
            level_of(&yes_no(), &choice("not_applicable"), day("2026-11-27")),
            Some(Level::NotApplicable)
        );
    }

    #[test]
    fn nothing_answered_is_no_score_and_requirements_are_not_answered_or_not_applicable() {
        let card = score(&questionnaire(), &catalog(), &Answers::new(), day("2026-11-27"));
        assert_eq!((card.overall, card.rating), (None, None));
        assert!(card.gaps.is_empty());
        let status = |id: &str| card.requirements.iter().find(|(r, _)| r == id).unwrap().1;
        assert_eq!(status("CRIT"), RequirementStatus::NotAnswered);
        assert_eq!(status("LOW"), RequirementStatus::NotAnswered);
    }

    #[test]
    fn an_answer_at_a_level_scores_at_that_level() {
        let q = questionnaire();
        for question in q.questions() {
            for level in [Level::Compliant, Level::Partial, Level::Gap, Level::NotApplicable] {
                if let Some(answer) = answer_at(&question.answer, level, day("2026-11-27")) {
                    assert_eq!(
                        level_of(&question.answer, &answer, day("2026-11-27")),
                        Some(level),
                        "{}",
                        question.id
                    );
                }
            }
        }
        let hours = &q.question("salarios.horas").unwrap().answer;
        assert_eq!(answer_at(hours, Level::Gap, day("2026-11-27")), Some(AnswerValue::Number(49.0)));
        let date = AnswerKind::Date { max_age_days: Some(90) };
        assert_eq!(
            answer_at(&date, Level::Gap, day("2026-11-27")),
            Some(AnswerValue::Date(day("2024-11-01")))
        );
    }

    #[test]
    fn levels_of_numbers_dates_and_texts() {
        let date = AnswerKind::Date { max_age_days: Some(120) };
        assert_eq!(
            level_of(&date, &AnswerValue::Date(day("2026-08-01")), day("2026-11-27")),
            Some(Level::Compliant)
        );
        assert_eq!(
            level_of(&date, &AnswerValue::Date(day("2026-07-30")), day("2026-11-27")),
            Some(Level::Compliant)
        );
        assert_eq!(
            level_of(&date, &AnswerValue::Date(day("2026-07-30")), day("2026-11-28")),
            Some(Level::Gap)
        );
        let text = AnswerKind::Text { review: true };
        assert_eq!(level_of(&text, &AnswerValue::Text("…".into()), day("2026-11-27")), Some(Level::Partial));
        assert_eq!(best(&[Level::NotApplicable, Level::Compliant]), Some(Level::Compliant));
        assert_eq!(
            best(&[Level::Gap, Level::Partial]),
            Some(Level::Partial),
            "an honest extra tick never lowers"
        );
        assert_eq!(best(&[Level::NotApplicable]), Some(Level::NotApplicable));
    }

    /// Any answers the example questionnaire can take.
    fn any_answers() -> impl Strategy<Value = Answers> {
        let yes_no = prop::sample::select(vec!["yes", "partial", "no", "not_applicable"]).prop_map(choice);
        (
            prop::option::of(yes_no.clone()),
            prop::option::of(yes_no.clone()),
            prop::option::of(yes_no.clone()),
            prop::option::of(yes_no),
            prop::option::of(prop::sample::subsequence(vec!["buzon", "comite", "ninguno"], 1..=3)),
            prop::option::of(0.0f64..100.0),
        )
            .prop_map(|(adolescentes, edad, permisos, recibos, canales, horas)| {
                let mut answers = Answers::new();
                let mut put = |id: &str, value: Option<AnswerValue>| {
                    if let Some(value) = value {
                        answers.insert(id.into(), value);
                    }
                };
                put("perfil.adolescentes", adolescentes);
                put("infantil.edad", edad);
                put("infantil.permisos", permisos);
                put("salarios.recibos", recibos);
                put(
                    "salarios.canales",
                    canales.map(|c| AnswerValue::Choices(c.into_iter().map(String::from).collect())),
                );
                put("salarios.horas", horas.map(AnswerValue::Number));
                answers
            })
    }

    /// The example as the loader reads it: "not applicable" is not offered on its critical and
    /// high questions, since none says when it could apply.
    fn without_not_applicable(mut questionnaire: Questionnaire) -> Questionnaire {
        for question in questionnaire.sections.iter_mut().flat_map(|s| &mut s.questions) {
            let weighty = question.requirements.iter().any(|r| r == "CRIT" || r == "HIGH");
            if let AnswerKind::YesNoPartial { allow_not_applicable, .. } = &mut question.answer {
                *allow_not_applicable &= !weighty;
            }
        }
        questionnaire
    }

    /// Every score of a scorecard, overall first.
    fn scores(card: &Scorecard) -> Vec<Option<u32>> {
        std::iter::once(card.overall).chain(card.sections.iter().map(|s| s.score)).collect()
    }

    /// The same answer one step better, if there is one.
    fn improved(value: &AnswerValue) -> Option<AnswerValue> {
        match value {
            AnswerValue::Choice(v) if v == "no" => Some(choice("partial")),
            AnswerValue::Choice(v) if v == "partial" => Some(choice("yes")),
            AnswerValue::Choices(values) if values.contains(&"ninguno".to_owned()) => {
                let better: Vec<String> = values.iter().filter(|v| *v != "ninguno").cloned().collect();
                Some(AnswerValue::Choices(if better.is_empty() { vec!["buzon".into()] } else { better }))
            }
            AnswerValue::Number(hours) if *hours > 48.0 => Some(AnswerValue::Number(40.0)),
            _ => None,
        }
    }

    proptest! {
        #[test]
        fn scores_stay_within_0_and_100(answers in any_answers()) {
            let card = score(&questionnaire(), &catalog(), &answers, day("2026-11-27"));
            for score in scores(&card).into_iter().flatten() {
                prop_assert!(score <= 100);
            }
        }

        #[test]
        fn a_not_applicable_answer_changes_nothing(answers in any_answers(), which in 0usize..3) {
            let id = ["infantil.edad", "infantil.permisos", "salarios.recibos"][which];
            let mut without = answers.clone();
            without.remove(id);
            let mut with = answers;
            with.insert(id.into(), choice("not_applicable"));
            let (a, b) = (score(&questionnaire(), &catalog(), &without, day("2026-11-27")), score(&questionnaire(), &catalog(), &with, day("2026-11-27")));
            prop_assert_eq!(scores(&a), scores(&b));
            prop_assert_eq!(a.gaps, b.gaps);
            prop_assert_eq!(a.rating, b.rating);
        }

        // Scored questions that no condition hangs on: improving one can hide or show nothing.
        #[test]
        fn improving_one_answer_never_lowers_a_score_or_the_rating(answers in any_answers(), which in 0usize..5) {
            let id = ["infantil.edad", "infantil.permisos", "salarios.recibos", "salarios.canales", "salarios.horas"][which];
            let Some(better) = answers.get(id).and_then(improved) else { return Ok(()) };
            let mut after = answers.clone();
            after.insert(id.into(), better);
            let (before, after) = (score(&questionnaire(), &catalog(), &answers, day("2026-11-27")), score(&questionnaire(), &catalog(), &after, day("2026-11-27")));
            for (b, a) in scores(&before).into_iter().zip(scores(&after)) {
                prop_assert!(a >= b, "{:?} fell to {:?}", b, a);
            }
            prop_assert!(after.rating >= before.rating);
            prop_assert!(after.gaps.len() <= before.gaps.len());
        }

        /// Where "not applicable" is not offered (a critical or high requirement without a stated
        /// case, as the loader decides), choosing it scores as a gap: exactly as "no" does on these
        /// questions (the default mapping) — it never raises a score.
        #[test]
        fn not_applicable_never_raises_a_score_where_it_is_not_offered(answers in any_answers(), which in 0usize..3) {
            let id = ["infantil.edad", "infantil.permisos", "salarios.recibos"][which];
            let strict = without_not_applicable(questionnaire());
            let mut with_no = answers.clone();
            with_no.insert(id.into(), choice("no"));
            let mut with_na = answers;
            with_na.insert(id.into(), choice("not_applicable"));
            let (no, na) = (score(&strict, &catalog(), &with_no, day("2026-11-27")), score(&strict, &catalog(), &with_na, day("2026-11-27")));
            prop_assert_eq!(scores(&no), scores(&na));
            let statuses = |card: &Scorecard| card.requirements.clone();
            prop_assert_eq!(statuses(&no), statuses(&na));
            // Only a finding differs: "no" on a zero-tolerance question says it happens, a stale
            // "not applicable" is a gap to verify.
            let findings = |card: &Scorecard| -> Vec<String> {
                card.gaps.iter().filter(|g| g.zero_tolerance).map(|g| g.requirement_id.clone()).collect()
            };
            prop_assert!(findings(&na).iter().all(|id| findings(&no).contains(id)));
        }

        /// "I don't know" scores exactly as a gap, on every kind of question: never better than
        /// a partial.
        #[test]
        fn i_dont_know_never_scores_better_than_a_partial(answers in any_answers(), which in 0usize..5) {
            let id = ["infantil.edad", "infantil.permisos", "salarios.recibos", "salarios.canales", "salarios.horas"][which];
            let q = questionnaire();
            let kind = &q.question(id).unwrap().answer;
            let (Some(gap), Some(partial)) = (answer_at(kind, Level::Gap, day("2026-11-27")), answer_at(kind, Level::Partial, day("2026-11-27")).or_else(|| answer_at(kind, Level::Gap, day("2026-11-27")))) else {
                return Ok(());
            };
            let with = |value: AnswerValue| {
                let mut answers = answers.clone();
                answers.insert(id.into(), value);
                score(&q, &catalog(), &answers, day("2026-11-27"))
            };
            let (unknown, at_gap, at_partial) = (with(AnswerValue::DontKnow), with(gap), with(partial));
            prop_assert_eq!(scores(&unknown), scores(&at_gap));
            for (u, p) in scores(&unknown).into_iter().zip(scores(&at_partial)) {
                prop_assert!(u <= p);
            }
        }

        #[test]
        fn a_partial_on_zero_tolerance_never_alone_rates_critical_and_a_gap_always_does(answers in any_answers()) {
            let mut partial = answers.clone();
            partial.insert("infantil.edad".into(), choice("partial"));
            let card = score(&questionnaire(), &catalog(), &partial, day("2026-11-27"));
            let finding = card.gaps.iter().any(|gap| gap.zero_tolerance);
            prop_assert_eq!(card.rating == Some(Rating::Critical), finding);
            let edad_alone = partial.get("infantil.permisos").is_none_or(|p| p != &choice("no"));
            if edad_alone {
                prop_assert!(card.rating != Some(Rating::Critical), "a partial alone rated critical");
            }
            let mut gap = answers;
            gap.insert("infantil.edad".into(), choice("no"));
            prop_assert_eq!(score(&questionnaire(), &catalog(), &gap, day("2026-11-27")).rating, Some(Rating::Critical));
        }

        #[test]
        fn adding_evidence_never_lowers_a_basis(answers in any_answers(), some in prop::collection::vec(any::<bool>(), 5), more in prop::collection::vec(any::<bool>(), 5)) {
            let ids = ["infantil.edad", "infantil.permisos", "salarios.recibos", "salarios.canales", "salarios.horas"];
            let fewer: Vec<&str> = ids.iter().zip(&some).filter(|(_, s)| **s).map(|(id, _)| *id).collect();
            let all: Vec<&str> = ids.iter().zip(some.iter().zip(&more)).filter(|(_, (s, m))| **s || **m).map(|(id, _)| *id).collect();
            let card = score(&questionnaire(), &catalog(), &answers, day("2026-11-27"));
            let before = bases(&questionnaire(), &card, |q| fewer.contains(&q), |_| false);
            let after = bases(&questionnaire(), &card, |q| all.contains(&q), |_| false);
            for ((id, b), (_, a)) in before.iter().zip(&after) {
                prop_assert!(a >= b, "{} fell from {:?} to {:?}", id, b, a);
            }
            prop_assert!(declared_share(&card, |q| all.contains(&q)) <= declared_share(&card, |q| fewer.contains(&q)));
        }

        /// The sections after the profile can come in any order in the file: the score, the
        /// rating, each section's score and the gaps (as a set) stay what they were. (Which
        /// section *counts* a gap does follow the order: a gap is counted once, where it is first
        /// caused.)
        #[test]
        fn the_order_of_the_sections_does_not_change_the_score(answers in any_answers(), seed in any::<u64>()) {
            let written = questionnaire();
            let mut reordered = written.clone();
            let scored = &mut reordered.sections[1..];
            // A deterministic shuffle from the seed.
            for i in (1..scored.len()).rev() {
                scored.swap(i, (seed.wrapping_mul(i as u64 + 7) % (i as u64 + 1)) as usize);
            }
            let summary = |card: Scorecard| {
                let mut sections: Vec<(String, Option<u32>)> =
                    card.sections.iter().map(|s| (s.section_id.clone(), s.score)).collect();
                sections.sort();
                let mut gaps: Vec<(String, RequirementStatus, bool)> =
                    card.gaps.iter().map(|g| (g.requirement_id.clone(), g.status, g.zero_tolerance)).collect();
                gaps.sort_by(|a, b| a.0.cmp(&b.0));
                (card.overall, card.rating, sections, gaps)
            };
            let as_written = summary(score(&written, &catalog(), &answers, day("2026-11-27")));
            prop_assert_eq!(as_written, summary(score(&reordered, &catalog(), &answers, day("2026-11-27"))));
        }

        #[test]
        fn every_answer_compliant_means_no_gaps(adolescentes in any::<bool>(), na in any::<bool>()) {
            let mut answers = worked_example();
            answers.insert("perfil.adolescentes".into(), choice(if adolescentes { "yes" } else { "no" }));
            answers.insert("infantil.edad".into(), choice(if na { "not_applicable" } else { "yes" }));
            answers.insert("infantil.permisos".into(), choice("yes"));
            answers.insert("salarios.recibos".into(), choice("yes"));
            answers.insert("salarios.horas".into(), AnswerValue::Number(40.0));
            let card = score(&questionnaire(), &catalog(), &answers, day("2026-11-27"));
            prop_assert!(card.gaps.is_empty());
            prop_assert_eq!(card.overall, Some(100));
            prop_assert_eq!(card.rating, Some(Rating::Good));
        }
    }
}
