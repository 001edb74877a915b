//! Saving answers as they are given, once the page is hydrated.
//!
//! The section form stays a plain form that saves with its button; this only adds to it. Each
//! change marks its question as pending; after a short pause the pending questions' fields are
//! read from the form itself (so what is sent is exactly what the button would send) and saved
//! through [`autosave_answers`]. A failed save — a dropped connection in a field office — keeps
//! the questions pending and tries again with growing pauses; nothing typed is dropped.

// The server only renders the form and its state; the saving half runs in the browser.
#![cfg_attr(not(feature = "hydrate"), allow(dead_code))]

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use assessments::answers::{DraftProblem, Progress};
use assessments::ids::AssessmentId;

pub use crate::model::assessment::SaveState;
use crate::model::assessment::SectionScoreNow;
use leptos::prelude::*;

#[cfg(feature = "hydrate")]
use crate::api::answering::autosave_answers;

/// A pause after typing before saving, so a word is not saved letter by letter.
const TYPING_PAUSE: Duration = Duration::from_millis(1200);
/// A pause after a choice, short enough to feel immediate.
const CHOICE_PAUSE: Duration = Duration::from_millis(300);
/// The longest wait between two tries when the connection is down.
const MAX_RETRY_SECONDS: u64 = 30;

/// The live state of a section's form, shared by its questions.
#[derive(Clone, Copy)]
pub struct Autosave {
    assessment_id: StoredValue<AssessmentId>,
    section_id: StoredValue<String>,
    pub form: NodeRef<leptos::html::Form>,
    pending: StoredValue<BTreeSet<String>>,
    timer: StoredValue<Option<TimeoutHandle>>,
    in_flight: StoredValue<bool>,
    failures: StoredValue<u32>,
    pub state: RwSignal<SaveState>,
    /// The questions that apply, given the answers saved so far.
    pub applicable: RwSignal<Vec<String>>,
    /// Per question, the revision and fingerprint of the saved answer the form is based on.
    pub revisions: RwSignal<HashMap<String, (i64, String)>>,
    /// Per question, why the last input was not saved.
    pub problems: RwSignal<HashMap<String, DraftProblem>>,
    pub progress: RwSignal<Progress>,
    pub score: RwSignal<SectionScoreNow>,
}

impl Autosave {
    pub fn new(
        assessment_id: AssessmentId,
        section_id: String,
        applicable: Vec<String>,
        revisions: HashMap<String, (i64, String)>,
        problems: HashMap<String, DraftProblem>,
        progress: Progress,
        score: SectionScoreNow,
    ) -> Self {
        Self {
            assessment_id: StoredValue::new(assessment_id),
            section_id: StoredValue::new(section_id),
            form: NodeRef::new(),
            pending: StoredValue::new(BTreeSet::new()),
            timer: StoredValue::new(None),
            in_flight: StoredValue::new(false),
            failures: StoredValue::new(0),
            state: RwSignal::new(SaveState::Idle),
            applicable: RwSignal::new(applicable),
            revisions: RwSignal::new(revisions),
            problems: RwSignal::new(problems),
            progress: RwSignal::new(progress),
            score: RwSignal::new(score),
        }
    }

    /// A field of the form changed: `typing` for keystrokes, otherwise a choice or a blur.
    pub fn changed(self, event: &leptos::ev::Event, typing: bool) {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;

            let Some(target) = event.target().and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
            else {
                return;
            };
            let name = target.get_attribute("name").unwrap_or_default();
            let Some(question) = ["a.", "n.", "e."].iter().find_map(|prefix| name.strip_prefix(prefix))
            else {
                return;
            };
            let is_choice = matches!(target.get_attribute("type").as_deref(), Some("radio" | "checkbox"));
            self.pending.update_value(|pending| {
                pending.insert(question.to_owned());
            });
            self.state.set(SaveState::Unsaved);
            self.schedule(if typing && !is_choice { TYPING_PAUSE } else { CHOICE_PAUSE });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (event, typing);
    }

    #[cfg(feature = "hydrate")]
    fn schedule(self, pause: Duration) {
        if let Some(timer) = self.timer.get_value() {
            timer.clear();
        }
        let timer = set_timeout_with_handle(move || self.flush(), pause).ok();
        self.timer.set_value(timer);
    }

    /// Saves every pending question, one request at a time.
    #[cfg(feature = "hydrate")]
    fn flush(self) {
        if self.in_flight.get_value() {
            return; // The request under way schedules the next one.
        }
        let batch = std::mem::take(&mut *self.pending.write_value());
        if batch.is_empty() {
            return;
        }
        let Some(fields) = self.read_fields(&batch) else { return };
        self.in_flight.set_value(true);
        self.state.set(SaveState::Saving);
        leptos::task::spawn_local(async move {
            let result = autosave_answers(
                self.assessment_id.get_value().to_string(),
                self.section_id.get_value(),
                fields,
            )
            .await;
            self.in_flight.set_value(false);
            match result {
                Ok(saved) => {
                    self.failures.set_value(0);
                    if !saved.editable || saved.problems.iter().any(|(_, p)| *p == DraftProblem::Conflict) {
                        // Submitted meanwhile, or someone else saved first: the page as the server
                        // renders it shows both answers (this person's is kept as a draft).
                        let _ = leptos::prelude::window().location().reload();
                        return;
                    }
                    self.revisions.update(|revisions| {
                        for answer in saved.revisions {
                            revisions.insert(answer.question_id, (answer.revision, answer.shown));
                        }
                    });
                    let has_problems = !saved.problems.is_empty();
                    self.problems.update(|problems| {
                        problems.retain(|question, _| !batch.contains(question));
                        problems.extend(saved.problems);
                    });
                    self.applicable.set(saved.applicable);
                    self.progress.set(saved.progress);
                    self.score.set(saved.score);
                    self.state.set(if has_problems {
                        SaveState::SavedWithProblems
                    } else {
                        SaveState::Saved
                    });
                    if !self.pending.with_value(BTreeSet::is_empty) {
                        self.state.set(SaveState::Unsaved);
                        self.schedule(CHOICE_PAUSE);
                    }
                }
                Err(_) => {
                    self.pending.update_value(|pending| pending.extend(batch));
                    let failures = self.failures.get_value() + 1;
                    self.failures.set_value(failures);
                    self.state.set(SaveState::Retrying);
                    self.schedule(Duration::from_secs((1u64 << failures.min(5)).min(MAX_RETRY_SECONDS)));
                }
            }
        });
    }

    /// The form's fields of `questions`, as the plain post would send them.
    #[cfg(feature = "hydrate")]
    fn read_fields(self, questions: &BTreeSet<String>) -> Option<Vec<(String, String)>> {
        let form = self.form.get_untracked()?;
        let data = leptos::web_sys::FormData::new_with_form(&form).ok()?;
        let mut fields = Vec::new();
        for question in questions {
            for prefix in ["a", "n", "e", "r", "f"] {
                let name = format!("{prefix}.{question}");
                for value in data.get_all(&name).iter() {
                    if let Some(value) = value.as_string() {
                        fields.push((name.clone(), value));
                    }
                }
            }
        }
        Some(fields)
    }
}
