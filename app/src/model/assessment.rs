//! What an assessment's pages receive: a company's list, an overview, a section to answer, and
//! what an autosave reports back.

use assessments::answers::{AssessmentHeader, Draft, DraftProblem, Progress, StoredAnswer};
use assessments::evidence::EvidenceFile;
use assessments::questionnaire::{QuestionnaireSummary, Section};
use assessments::text::Text;
use serde::{Deserialize, Serialize};

/// The assessments part of a company's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyAssessments {
    pub company_id: assessments::ids::OrganizationId,
    /// Whether the viewer is one of the company's own people, who start and answer assessments.
    pub can_start: bool,
    pub assessments: Vec<AssessmentLine>,
    /// The questionnaire versions an assessment can start on.
    pub questionnaires: Vec<QuestionnaireSummary>,
    /// The reference date a new assessment is offered: today.
    pub today: chrono::NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentLine {
    pub header: AssessmentHeader,
    pub title: Text,
    pub progress: Progress,
}

/// An assessment's overview: its sections, how far each has come, and what is missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentOverview {
    pub header: AssessmentHeader,
    pub title: Text,
    pub can_answer: bool,
    pub can_return: bool,
    pub overall: Progress,
    pub sections: Vec<SectionLine>,
    pub missing: Vec<MissingQuestion>,
    /// Answers carried over from a question that changed since, not looked at again yet.
    pub to_review: u32,
    /// The improvement plan made from this assessment, if any.
    pub plan: Option<assessments::ids::PlanId>,
    /// Whether the viewer may create it: own people, once the assessment is submitted.
    pub can_create_plan: bool,
    pub review: crate::model::review::AssessmentReview,
    /// The languages its questions can be shown in (Spanish first).
    pub content_languages: Vec<assessments::language::LanguageTag>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionLine {
    pub id: String,
    pub title: Text,
    pub profile: bool,
    pub progress: Progress,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingQuestion {
    pub section_id: String,
    pub question_id: String,
    pub text: Text,
}

/// One section of an assessment, ready to answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionToAnswer {
    pub header: AssessmentHeader,
    pub title: Text,
    pub section: Section,
    /// The section's questions that apply given every answer saved so far.
    pub applicable: Vec<String>,
    pub answers: Vec<StoredAnswer>,
    /// What this person typed and could not save.
    pub drafts: Vec<Draft>,
    pub citations: Vec<Citation>,
    /// The files attached to the section's answers.
    pub files: Vec<EvidenceFile>,
    pub editable: bool,
    pub progress: Progress,
    /// The section's score so far and its gaps (see `assessments::scoring`).
    pub score: SectionScoreNow,
    pub previous: Option<SectionLine>,
    pub next: Option<SectionLine>,
    /// The review threads on the section's answers.
    pub review: crate::model::review::Threads,
    /// On the key-in page (every question as one section, see `assessments::questionnaire::KEY_IN_SECTION`).
    pub key_in: Option<KeyInMarks>,
    /// The viewer's account id: what the browser keeps of their unsent typing is theirs only.
    pub keeper: String,
}

/// The key-in page's marks: each question's number on the paper form, and the questions that
/// start a section of the questionnaire, with the section's title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyInMarks {
    pub numbers: Vec<(String, u32)>,
    pub starts: Vec<(String, Text)>,
}

impl KeyInMarks {
    pub fn number(&self, question_id: &str) -> Option<u32> {
        self.numbers.iter().find(|(id, _)| id == question_id).map(|(_, number)| *number)
    }

    pub fn section_starting_at(&self, question_id: &str) -> Option<&Text> {
        self.starts.iter().find(|(id, _)| id == question_id).map(|(_, title)| title)
    }
}

/// A section's score and gap count as the answers stand; no score while nothing is scored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionScoreNow {
    pub score: Option<u32>,
    pub gaps: u32,
    /// Profile sections are never scored.
    pub scored: bool,
}

/// The legal requirement a question verifies, as a person reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    pub requirement_id: String,
    pub instrument: Text,
    pub article: String,
    pub summary: Text,
    pub confirmed: bool,
}

/// The state of one saved answer, as the form's hidden fields carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRevision {
    pub question_id: String,
    pub revision: i64,
    /// The fingerprint of what is saved: what the form now shows.
    pub shown: String,
}

/// What an autosave did, and the section as it stands after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Autosaved {
    /// False when the assessment can no longer be answered (submitted meanwhile).
    pub editable: bool,
    pub revisions: Vec<AnswerRevision>,
    /// The questions whose input was kept as a draft instead, and why.
    pub problems: Vec<(String, DraftProblem)>,
    pub applicable: Vec<String>,
    pub progress: Progress,
    pub score: SectionScoreNow,
}

/// What the person sees of an answer form's saving (see `crate::autosave`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing changed since the page was shown (and, without JavaScript, always).
    Idle,
    Unsaved,
    Saving,
    Saved,
    /// Saved, but some answers were kept as drafts: each says why.
    SavedWithProblems,
    /// The last save failed; it is tried again.
    Retrying,
}
