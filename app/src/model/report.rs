//! What the gap report page and its exports receive: scores, gaps with their legal citations,
//! and the comparison with the company's previous assessment.

use assessments::answers::{AnswerValue, AssessmentHeader};
use assessments::catalog::Severity;
use assessments::questionnaire::AnswerKind;
use assessments::scoring::{Rating, RequirementStatus};
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
    pub overall: Option<u32>,
    pub rating: Option<Rating>,
    pub sections: Vec<SectionResult>,
    /// Grouped by section in questionnaire order, most severe first within each.
    pub gaps: Vec<GapLine>,
    pub previous: Option<Comparison>,
}

impl GapReport {
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
