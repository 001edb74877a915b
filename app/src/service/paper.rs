//! An assessment on paper: the blank questionnaire to print for the field, tailored to the
//! company's profile. Its people only: the tailoring shows the profile's answers.

use std::sync::Arc;

use assessments::answers::{Answers, AssessmentHeader};
use assessments::ids::AssessmentId;
use assessments::loader::Library;
use assessments::questionnaire::Questionnaire;

use super::Context;
use super::loaded::load;
use crate::error::{AppError, AppResult};

/// What a printed questionnaire is made from.
pub struct BlankForm {
    pub header: AssessmentHeader,
    /// The version as read on the assessment's reference date, as its pages show it.
    pub questionnaire: Arc<Questionnaire>,
    /// The saved answers; only the profile's tailor the form.
    pub answers: Answers,
    /// For the evidence each question's requirements ask for.
    pub library: Arc<Library>,
}

/// The blank form of `assessment_id`, for the company's own people; `NotFound` for anyone else.
pub async fn blank_form(cx: &Context, assessment_id: AssessmentId) -> AppResult<BlankForm> {
    let loaded = load(cx, assessment_id).await?;
    if loaded.access.is_outsider() {
        return Err(AppError::NotFound);
    }
    Ok(BlankForm {
        answers: loaded.answer_map(),
        header: loaded.header,
        questionnaire: loaded.questionnaire,
        library: cx.library.clone(),
    })
}
