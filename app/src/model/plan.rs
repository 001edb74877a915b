//! What an improvement plan's pages receive, and the filters of its list.

use assessments::catalog::Severity;
use assessments::plan::{ActionEvent, PlanAction, PlanHeader, PlanProgress};
use assessments::text::Text;
use serde::{Deserialize, Serialize};

use super::assessment::Citation;

/// What the plan page may narrow its list to; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionFilter {
    pub status: String,
    pub severity: String,
    pub section: String,
    pub owner: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanPage {
    pub header: PlanHeader,
    pub title: Text,
    pub questionnaire_version: u32,
    /// The company's own people work the plan.
    pub can_work: bool,
    /// Granted advisors verify done actions or send them back.
    pub can_verify: bool,
    pub progress: PlanProgress,
    pub today: chrono::NaiveDate,
    pub actions: Vec<ActionLine>,
    /// The previous plan's actions whose gap this assessment no longer has.
    pub closed_since_previous: Vec<ActionLine>,
    /// Every section and owner the plan's actions have, for the filters.
    pub sections: Vec<(String, Text)>,
    pub owners: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionLine {
    pub action: PlanAction,
    pub citation: Option<Citation>,
    pub section: Text,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionPage {
    pub plan: PlanPage,
    pub line: ActionLine,
    pub history: Vec<ActionEvent>,
    /// The review threads on this action.
    pub threads: crate::model::review::Threads,
}

/// A company's plan as its page lists it: progress figures only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub header: PlanHeader,
    pub progress: PlanProgress,
    /// Whether the viewer may open the plan itself (associations see the figures only).
    pub can_open: bool,
}

impl ActionFilter {
    pub fn keeps(&self, line: &ActionLine) -> bool {
        let action = &line.action;
        (self.status.is_empty() || action.status.as_str() == self.status)
            && (self.severity.is_empty() || severity_code(action.severity) == self.severity)
            && (self.section.is_empty() || action.section_id == self.section)
            && (self.owner.is_empty() || action.owner == self.owner)
    }
}

/// The code of a severity in URLs and forms.
pub fn severity_code(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "critical",
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
    }
}
