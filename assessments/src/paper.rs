//! A questionnaire on paper, for the field: the questions of a version that apply to a company,
//! each numbered by its place in the version, so a number on paper is the same question on the
//! key-in page whatever the profile says by then (numbers left out are questions left out).
//!
//! On paper nothing hides a question as its condition is answered, so the form is tailored in
//! advance by what is already known: the company's profile. A question whose condition rests on
//! the profile is printed or left out as the profile says; one whose condition rests on another
//! answer, not known yet, is printed with its condition as an instruction ("answer only if 4 is
//! yes"), and so is every question when the profile is not answered yet.

use std::collections::HashSet;

use crate::answers::Answers;
use crate::questionnaire::{Question, Questionnaire, Section};

use crate::questionnaire::KEY_IN_SECTION;

/// Every question of `questionnaire` as one section: what the key-in page shows and saves.
pub fn key_in_section(questionnaire: &Questionnaire) -> Section {
    Section {
        id: KEY_IN_SECTION.to_owned(),
        title: questionnaire.title.clone(),
        intro: None,
        profile: false,
        questions: questionnaire.questions().cloned().collect(),
    }
}

/// The questions to print, section by section; sections left without questions are left out.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperForm<'q> {
    pub sections: Vec<PaperSection<'q>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PaperSection<'q> {
    pub section: &'q Section,
    pub questions: Vec<PaperQuestion<'q>>,
}

/// A printed question: its number on the form, and the condition the person on the field must
/// check before answering it, when that could not be settled in advance.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperQuestion<'q> {
    pub number: u32,
    pub question: &'q Question,
    pub only_if: Option<OnlyIf<'q>>,
}

/// "Answer only if question `number` is one of `any_of`."
#[derive(Debug, Clone, PartialEq)]
pub struct OnlyIf<'q> {
    pub number: u32,
    pub question: &'q Question,
    pub any_of: &'q [String],
}

impl PaperForm<'_> {
    pub fn questions(&self) -> impl Iterator<Item = &PaperQuestion<'_>> {
        self.sections.iter().flat_map(|section| &section.questions)
    }
}

/// The paper form of `questionnaire` for a company whose saved answers are `answers`: only the
/// answers to profile questions tailor it (the rest of the form is printed blank).
pub fn paper_form<'q>(questionnaire: &'q Questionnaire, answers: &Answers) -> PaperForm<'q> {
    let profile: HashSet<&str> = questionnaire
        .sections
        .iter()
        .filter(|section| section.profile)
        .flat_map(|section| section.questions.iter().map(|q| q.id.as_str()))
        .collect();
    // Numbers of the questions printed so far; a question left out is absent.
    let mut printed: Vec<(&str, u32)> = Vec::new();
    let mut sections = Vec::new();
    let mut place = 0u32;
    for section in &questionnaire.sections {
        let mut questions = Vec::new();
        for question in &section.questions {
            place += 1;
            let only_if = match &question.show_if {
                None => None,
                Some(condition) => {
                    // The loader guarantees the condition names an earlier question.
                    let Some(&(_, number)) = printed.iter().find(|(id, _)| *id == condition.question) else {
                        continue; // Its question is left out, so it is too.
                    };
                    let known = profile
                        .contains(condition.question.as_str())
                        .then(|| answers.get(&condition.question))
                        .flatten();
                    match known {
                        Some(answer) if answer.is_any_of(&condition.any_of) => None,
                        Some(_) => continue,
                        None => Some(OnlyIf {
                            number,
                            question: questionnaire
                                .question(&condition.question)
                                .expect("a condition names a question of its questionnaire"),
                            any_of: &condition.any_of,
                        }),
                    }
                }
            };
            printed.push((question.id.as_str(), place));
            questions.push(PaperQuestion { number: place, question, only_if });
        }
        if !questions.is_empty() {
            sections.push(PaperSection { section, questions });
        }
    }
    PaperForm { sections }
}
