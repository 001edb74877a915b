//! What changed between two versions of a questionnaire: what an advisor needs to know before
//! moving a company to the new one. Questions are matched by id: the same id in a later version
//! means the same question.

use std::fmt;

use crate::parameters::named_by;
use crate::questionnaire::{AnswerKind, Question, Questionnaire};

#[derive(Debug, Clone, PartialEq)]
pub struct QuestionnaireDiff {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<ChangedQuestion>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChangedQuestion {
    pub id: String,
    pub changes: Vec<Change>,
}

/// One way a question changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Text,
    Help,
    AnswerType {
        from: &'static str,
        to: &'static str,
    },
    Options {
        added: Vec<String>,
        removed: Vec<String>,
    },
    Mapping,
    Condition,
    Requirements,
    Required,
    Evidence,
    Action,
    Section {
        from: String,
        to: String,
    },
    /// The legal parameters its texts or thresholds name.
    Parameters {
        added: Vec<String>,
        removed: Vec<String>,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Text => f.write_str("text changed"),
            Change::Help => f.write_str("help changed"),
            Change::AnswerType { from, to } => write!(f, "answer type changed from {from} to {to}"),
            Change::Options { added, removed } => {
                f.write_str("options changed")?;
                if !added.is_empty() {
                    write!(f, ": added {}", added.join(", "))?;
                }
                if !removed.is_empty() {
                    write!(f, "{} removed {}", if added.is_empty() { ":" } else { ";" }, removed.join(", "))?;
                }
                Ok(())
            }
            Change::Mapping => f.write_str("scoring changed"),
            Change::Condition => f.write_str("condition changed"),
            Change::Requirements => f.write_str("requirements changed"),
            Change::Required => f.write_str("required changed"),
            Change::Evidence => f.write_str("evidence expectation changed"),
            Change::Action => f.write_str("corrective action changed"),
            Change::Section { from, to } => write!(f, "moved from section {from} to {to}"),
            Change::Parameters { added, removed } => {
                f.write_str("legal parameters changed")?;
                if !added.is_empty() {
                    write!(f, ": now uses {}", added.join(", "))?;
                }
                if !removed.is_empty() {
                    write!(
                        f,
                        "{} no longer {}",
                        if added.is_empty() { ":" } else { ";" },
                        removed.join(", ")
                    )?;
                }
                Ok(())
            }
        }
    }
}

/// Compares two versions question by question.
pub fn diff(old: &Questionnaire, new: &Questionnaire) -> QuestionnaireDiff {
    let added = new.questions().filter(|q| old.question(&q.id).is_none()).map(|q| q.id.clone()).collect();
    let removed = old.questions().filter(|q| new.question(&q.id).is_none()).map(|q| q.id.clone()).collect();
    let changed = new
        .questions()
        .filter_map(|after| {
            let before = old.question(&after.id)?;
            let mut changes = question_changes(before, after);
            let (from, to) = (old.section_of(&after.id), new.section_of(&after.id));
            if let (Some(from), Some(to)) = (from, to)
                && from.id != to.id
            {
                changes.push(Change::Section { from: from.id.clone(), to: to.id.clone() });
            }
            (!changes.is_empty()).then(|| ChangedQuestion { id: after.id.clone(), changes })
        })
        .collect();
    QuestionnaireDiff { added, removed, changed }
}

/// What changed in a question, read in Spanish: a translation added or improved is not a change.
fn question_changes(before: &Question, after: &Question) -> Vec<Change> {
    let (before, after) = (&before.in_spanish(), &after.in_spanish());
    let mut changes = Vec::new();
    if before.text != after.text {
        changes.push(Change::Text);
    }
    if before.help != after.help {
        changes.push(Change::Help);
    }
    if before.answer.name() != after.answer.name() {
        changes.push(Change::AnswerType { from: before.answer.name(), to: after.answer.name() });
    } else if before.answer != after.answer {
        let (old_values, new_values) = (before.answer.possible_answers(), after.answer.possible_answers());
        match (&before.answer, &after.answer, old_values, new_values) {
            (
                AnswerKind::SingleChoice { .. } | AnswerKind::MultipleChoice { .. },
                _,
                Some(old),
                Some(new),
            ) if old != new => {
                changes.push(Change::Options {
                    added: new.iter().filter(|v| !old.contains(v)).cloned().collect(),
                    removed: old.iter().filter(|v| !new.contains(v)).cloned().collect(),
                });
            }
            _ => changes.push(Change::Mapping),
        }
    }
    if before.show_if != after.show_if || before.asked_from != after.asked_from {
        changes.push(Change::Condition);
    }
    if before.requirements != after.requirements {
        changes.push(Change::Requirements);
    }
    if before.required != after.required {
        changes.push(Change::Required);
    }
    if before.evidence != after.evidence || before.evidence_prompt != after.evidence_prompt {
        changes.push(Change::Evidence);
    }
    if before.action != after.action {
        changes.push(Change::Action);
    }
    let (old_names, new_names) = (named_by(before), named_by(after));
    if old_names != new_names {
        changes.push(Change::Parameters {
            added: new_names.iter().filter(|n| !old_names.contains(n)).map(|n| (*n).to_owned()).collect(),
            removed: old_names.iter().filter(|n| !new_names.contains(n)).map(|n| (*n).to_owned()).collect(),
        });
    }
    changes
}
