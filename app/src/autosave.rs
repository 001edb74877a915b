//! Saving answers as they are given, once the page is hydrated.
//!
//! The section form stays a plain form that saves with its button; this only adds to it. Each
//! change marks its question as pending; after a short pause the pending questions' fields are
//! read from the form itself (so what is sent is exactly what the button would send) and saved
//! through [`autosave_answers`]. A failed save — a dropped connection in a field office — keeps
//! the questions pending and tries again with growing pauses; nothing typed is dropped.
//!
//! What is typed is also kept in the browser's own storage until the server has it, so a reload
//! or a closed tab while the signal is gone loses nothing either: the next visit of the section
//! puts the kept answers back into the form, marks them as waiting, and sends them. A kept answer
//! carries the revision it was based on, so the conflict rule holds for it as for any save. What
//! is kept belongs to the person who typed it: it is keyed by their account, and put back only
//! for them, only while the assessment can be answered.

// The server only renders the form and its state; the saving half runs in the browser.
#![cfg_attr(not(feature = "hydrate"), allow(dead_code))]

#[cfg(feature = "hydrate")]
use std::collections::BTreeMap;
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
    /// The account whose typing this browser keeps (see the module's comment).
    keeper: StoredValue<String>,
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
    /// The questions whose last change is kept in this browser and not yet on the server.
    pub unsent: RwSignal<BTreeSet<String>>,
    /// Whether the last save failed (or the page started with answers kept from a visit whose
    /// saves failed): then the unsent questions are marked as waiting.
    pub offline: RwSignal<bool>,
}

/// How a section's form starts, as the server renders it: what [`Autosave`] begins from. Sent to
/// the browser as the form island's props.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct FormStart {
    /// The account whose typing this browser keeps.
    pub keeper: String,
    pub assessment_id: AssessmentId,
    pub section_id: String,
    pub applicable: Vec<String>,
    /// Per question, the revision and fingerprint of the saved answer.
    pub revisions: HashMap<String, (i64, String)>,
    /// Per question, why its last input was not saved.
    pub problems: HashMap<String, DraftProblem>,
    pub progress: Progress,
    pub score: SectionScoreNow,
}

impl Autosave {
    pub fn new(start: FormStart) -> Self {
        let FormStart { keeper, assessment_id, section_id, applicable, revisions, problems, progress, score } =
            start;
        Self {
            keeper: StoredValue::new(keeper),
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
            unsent: RwSignal::new(BTreeSet::new()),
            offline: RwSignal::new(false),
        }
    }

    /// Whether `question`'s last change waits for the connection, kept in this browser.
    pub fn is_waiting(self, question: &str) -> bool {
        self.offline.get() && self.unsent.with(|unsent| unsent.contains(question))
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
            self.keep(question);
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
                    self.offline.set(false);
                    if !saved.editable {
                        // Submitted meanwhile: nothing was saved. What this browser keeps stays
                        // (it is put back if the assessment is returned for changes).
                        let _ = leptos::prelude::window().location().reload();
                        return;
                    }
                    if saved.problems.iter().any(|(_, p)| *p == DraftProblem::Conflict) {
                        // Someone else saved first: the page as the server renders it shows both
                        // answers, this person's kept as a draft there. What was typed again
                        // during the request stays kept, to be put back after the reload.
                        let sent: BTreeSet<String> = batch
                            .iter()
                            .filter(|q| !self.pending.with_value(|p| p.contains(*q)))
                            .cloned()
                            .collect();
                        self.forget(&sent);
                        let _ = leptos::prelude::window().location().reload();
                        return;
                    }
                    self.revisions.update(|revisions| {
                        for answer in saved.revisions {
                            revisions.insert(answer.question_id, (answer.revision, answer.shown));
                        }
                    });
                    // The server has the batch (an input it could not accept is its draft).
                    // Questions changed again meanwhile stay kept, now based on this save.
                    let (changed_again, sent): (BTreeSet<String>, BTreeSet<String>) =
                        batch.iter().cloned().partition(|q| self.pending.with_value(|p| p.contains(q)));
                    self.forget(&sent);
                    for question in &changed_again {
                        self.keep(question);
                    }
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
                    self.offline.set(true);
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

    /// The connection came back: send what waits now rather than at the next try.
    #[cfg(feature = "hydrate")]
    pub fn connection_returned(self) {
        if !self.pending.with_value(BTreeSet::is_empty) {
            self.schedule(Duration::ZERO);
        }
    }

    /// Puts back into the form the answers kept in this browser by an earlier visit whose saves
    /// did not reach the server, and sends them. A kept answer the page already shows (its save
    /// went through, or the plain form posted it) is simply forgotten.
    #[cfg(feature = "hydrate")]
    pub fn restore(self) {
        let mut kept = self.kept();
        if kept.is_empty() {
            return;
        }
        let shown_now = self.read_fields(&kept.keys().cloned().collect()).unwrap_or_default();
        kept.retain(|question, answer| {
            let answer_fields = |fields: &[(String, String)]| -> Vec<(String, String)> {
                fields.iter().filter(|(name, _)| is_answer_field(name, question)).cloned().collect()
            };
            answer_fields(&answer.fields) != answer_fields(&shown_now)
        });
        self.store_kept(&kept);
        if kept.is_empty() {
            return;
        }
        self.revisions.update(|revisions| {
            for (question, answer) in &kept {
                revisions.insert(question.clone(), (answer.revision, answer.shown.clone()));
            }
        });
        for answer in kept.values() {
            fill_form(&answer.fields);
        }
        self.unsent.set(kept.keys().cloned().collect());
        self.pending.update_value(|pending| pending.extend(kept.keys().cloned()));
        self.offline.set(true);
        self.state.set(SaveState::Unsaved);
        self.schedule(CHOICE_PAUSE);
    }

    /// Keeps `question`'s answer as the form shows it, with the revision it is based on.
    #[cfg(feature = "hydrate")]
    fn keep(self, question: &str) {
        let Some(fields) = self.read_fields(&BTreeSet::from([question.to_owned()])) else { return };
        let fields = fields.into_iter().filter(|(name, _)| is_answer_field(name, question)).collect();
        let (revision, shown) = self
            .revisions
            .with_untracked(|r| r.get(question).cloned())
            .unwrap_or_else(|| (0, assessments::answers::fingerprint(None, "", "")));
        let mut kept = self.kept();
        kept.insert(question.to_owned(), KeptAnswer { fields, revision, shown });
        self.store_kept(&kept);
        self.unsent.update(|unsent| {
            unsent.insert(question.to_owned());
        });
    }

    /// The server has these questions' answers: this browser need not keep them.
    #[cfg(feature = "hydrate")]
    fn forget(self, questions: &BTreeSet<String>) {
        let mut kept = self.kept();
        kept.retain(|question, _| !questions.contains(question));
        self.store_kept(&kept);
        self.unsent.update(|unsent| unsent.retain(|question| !questions.contains(question)));
    }

    #[cfg(feature = "hydrate")]
    fn storage_key(self) -> String {
        format!(
            "senda/sin-enviar/{}/{}/{}",
            self.keeper.get_value(),
            self.assessment_id.get_value(),
            self.section_id.get_value()
        )
    }

    #[cfg(feature = "hydrate")]
    fn kept(self) -> BTreeMap<String, KeptAnswer> {
        local_storage()
            .and_then(|storage| storage.get_item(&self.storage_key()).ok().flatten())
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }

    /// Writes what is kept; a browser that refuses storage (private mode, full) still has the
    /// form and the retries.
    #[cfg(feature = "hydrate")]
    fn store_kept(self, kept: &BTreeMap<String, KeptAnswer>) {
        let Some(storage) = local_storage() else { return };
        let key = self.storage_key();
        let _ = if kept.is_empty() {
            storage.remove_item(&key)
        } else {
            match serde_json::to_string(kept) {
                Ok(json) => storage.set_item(&key, &json),
                Err(_) => Ok(()),
            }
        };
    }
}

/// An answer kept in the browser: its fields as the form would post them, and the saved
/// revision (with what it showed) that the change was made on.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct KeptAnswer {
    fields: Vec<(String, String)>,
    revision: i64,
    shown: String,
}

/// The fields that carry `question`'s answer, its note and its evidence (not its revision).
fn is_answer_field(name: &str, question: &str) -> bool {
    ["a.", "n.", "e."].iter().any(|prefix| name.strip_prefix(prefix) == Some(question))
}

#[cfg(feature = "hydrate")]
fn local_storage() -> Option<leptos::web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

/// Sets the form's inputs named in `fields` to the values kept: a choice is ticked when its value
/// is among them, a text field takes the first value that is not "I don't know".
#[cfg(feature = "hydrate")]
fn fill_form(fields: &[(String, String)]) {
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{HtmlInputElement, HtmlTextAreaElement};

    let document = leptos::prelude::document();
    let names: BTreeSet<&str> = fields.iter().map(|(name, _)| name.as_str()).collect();
    for name in names {
        let values: Vec<&str> = fields.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect();
        let typed = values.iter().find(|v| **v != assessments::answers::DONT_KNOW).copied().unwrap_or("");
        let elements = document.get_elements_by_name(name);
        for index in 0..elements.length() {
            let Some(node) = elements.item(index) else { continue };
            if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
                match input.type_().as_str() {
                    "radio" | "checkbox" => input.set_checked(values.contains(&input.value().as_str())),
                    _ => input.set_value(typed),
                }
            } else if let Some(area) = node.dyn_ref::<HtmlTextAreaElement>() {
                area.set_value(typed);
            }
        }
    }
}
