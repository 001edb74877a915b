//! What the gap report page and its exports receive: scores, gaps with their legal citations,
//! and the comparison with the company's previous assessment.

use assessments::answers::{AnswerValue, AssessmentHeader};
use assessments::catalog::Severity;
use assessments::questionnaire::AnswerKind;
use assessments::scoring::{Basis, Rating, RequirementStatus, Verification};
use assessments::text::Text;
use serde::{Deserialize, Serialize};

use super::assessment::Citation;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GapReport {
    pub header: AssessmentHeader,
    pub title: Text,
    /// The date the answers were scored on.
    pub scored_on: chrono::NaiveDate,
    /// The legal values the questionnaire was read with, on the header's reference date.
    pub parameters: Vec<assessments::parameters::ParameterValue>,
    /// Every question answered "not applicable", with the reason given.
    pub exclusions: Vec<Exclusion>,
    /// Scored questions the answers hid (most often a profile answer), with that answer.
    pub left_out: Vec<LeftOutLine>,
    /// Answers that are no gap but a sign to look into, with why.
    pub warnings: Vec<WarningLine>,
    /// Every met requirement and what it rests on.
    pub met: Vec<MetLine>,
    /// Whole percent of the points earned that rest on the company's word alone (answers
    /// without evidence); `None` when nothing was earned.
    pub declared_share: Option<u32>,
    /// Whether the viewer is a granted advisor who may verify met requirements (the assessment
    /// is submitted).
    pub can_verify: bool,
    pub overall: Option<u32>,
    pub rating: Option<Rating>,
    pub sections: Vec<SectionResult>,
    /// Grouped by section in questionnaire order, most severe first within each.
    pub gaps: Vec<GapLine>,
    pub previous: Option<Comparison>,
    /// The review threads on the gaps.
    pub threads: crate::model::review::Threads,
    /// The signed reviews, oldest first.
    pub reviews: Vec<assessments::review::SignedReview>,
    /// Whether the viewer is a granted advisor who may sign a review (the assessment is submitted).
    pub can_sign: bool,
}

/// A question answered "not applicable", and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exclusion {
    pub question_id: String,
    pub question: Text,
    /// The answer's note: the justification asked for when it was given.
    pub reason: String,
}

impl Exclusion {
    /// The reason, or `none` for an answer given before reasons were asked.
    pub fn reason_or<'a>(&'a self, none: &'a str) -> &'a str {
        if self.reason.is_empty() { none } else { &self.reason }
    }
}

/// A scored question the answers hid, the answer that hid it, and what went unassessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeftOutLine {
    pub question_id: String,
    pub question: Text,
    /// The question whose answer hid it, and that answer (with its kind, to describe it).
    pub because_of: Text,
    pub because_kind: AnswerKind,
    pub because_answer: Option<AnswerValue>,
    /// The requirements no other answer assessed.
    pub unassessed: Vec<Citation>,
}

/// An answer that is no gap but a sign to look into.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WarningLine {
    pub question_id: String,
    pub question: Text,
    /// The option chosen, as the questionnaire words it.
    pub answer: Text,
    pub warning: Text,
}

/// A met requirement and what it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetLine {
    pub citation: Citation,
    pub basis: Basis,
    /// The advisor's verification, while it stands.
    pub verified: Option<Verification>,
    /// What stands behind it now, as a verification records it.
    pub state: String,
}

impl GapReport {
    /// The zero-tolerance findings: listed first, whatever their section.
    pub fn findings(&self) -> impl Iterator<Item = &GapLine> {
        self.gaps.iter().filter(|gap| gap.zero_tolerance)
    }

    /// Every gap, the zero-tolerance findings first, then by section as `gaps` holds them.
    pub fn findings_first(&self) -> impl Iterator<Item = &GapLine> {
        self.findings().chain(self.gaps.iter().filter(|gap| !gap.zero_tolerance))
    }

    /// How many gaps of each severity, most severe first.
    pub fn gaps_by_severity(&self) -> [(Severity, usize); 4] {
        [Severity::Critical, Severity::High, Severity::Medium, Severity::Low]
            .map(|severity| (severity, self.gaps.iter().filter(|g| g.severity == severity).count()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionResult {
    pub id: String,
    pub title: Text,
    pub score: Option<u32>,
    pub gaps: u32,
    /// The section's score in the previous assessment, when it had one.
    pub previous: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GapLine {
    pub section_id: String,
    pub severity: Severity,
    pub status: RequirementStatus,
    /// A zero-tolerance requirement not met: the assessment is rated critical for it.
    pub zero_tolerance: bool,
    pub citation: Citation,
    pub causes: Vec<Cause>,
    /// Whether the previous assessment had this gap too.
    pub carried: bool,
}

/// An answer behind a gap, and what to do about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cause {
    pub question_id: String,
    pub question: Text,
    /// How the question is answered, to describe `answer` in the reader's language.
    pub kind: AnswerKind,
    pub answer: AnswerValue,
    pub action: Option<Text>,
}

/// The company's previous assessment, side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub assessment_id: assessments::ids::AssessmentId,
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub questionnaire_version: u32,
    pub overall: Option<u32>,
    pub rating: Option<Rating>,
    /// Gaps of the previous assessment that this one no longer has.
    pub closed: Vec<Citation>,
    /// Gaps this one has that the previous did not.
    pub new: u32,
}
