//! An advisor's review of a company's assessment: threads on an answer, a gap or a plan action
//! between the company's people and the advisors it granted, the requests those threads carry,
//! and the signed review that concludes it.
//!
//! A thread's state follows from who wrote last, so it is decided here and nowhere else: the
//! company answering a request marks it answered, an advisor writing again opens it anew, and
//! only an advisor closes a request (the company cannot declare its own evidence sufficient).

use serde::{Deserialize, Serialize};

use crate::plan::Actor;

/// What a thread is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "key", rename_all = "snake_case")]
pub enum Subject {
    /// The answer to a question, by the question's id.
    Answer(String),
    /// A gap, by the legal requirement's id.
    Gap(String),
    /// An action of the assessment's plan, by the action's id.
    Action(String),
}

impl Subject {
    pub fn kind(&self) -> &'static str {
        match self {
            Subject::Answer(_) => "answer",
            Subject::Gap(_) => "gap",
            Subject::Action(_) => "action",
        }
    }

    pub fn key(&self) -> &str {
        match self {
            Subject::Answer(key) | Subject::Gap(key) | Subject::Action(key) => key,
        }
    }

    /// The subject stored as `kind` and `key`; `None` for a kind this version does not know.
    pub fn from_parts(kind: &str, key: &str) -> Option<Self> {
        let key = key.to_owned();
        match kind {
            "answer" => Some(Subject::Answer(key)),
            "gap" => Some(Subject::Gap(key)),
            "action" => Some(Subject::Action(key)),
            _ => None,
        }
    }
}

/// What the person opening a thread asks for. The company's people open comments only; an
/// advisor also marks an answer accepted or asks for evidence or an explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    Comment,
    /// The advisor accepts the answer as it stands: a mark, closed from the start.
    Accepted,
    /// The advisor asks for evidence, saying which.
    NeedsEvidence,
    /// The advisor asks the company to explain.
    Question,
}

impl Request {
    pub const ALL: [Request; 4] =
        [Request::Comment, Request::Accepted, Request::NeedsEvidence, Request::Question];

    pub const fn as_str(self) -> &'static str {
        match self {
            Request::Comment => "comment",
            Request::Accepted => "accepted",
            Request::NeedsEvidence => "needs_evidence",
            Request::Question => "question",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|request| request.as_str() == text)
    }

    /// Asks the company to do something: it stays on the company's list until an advisor closes it.
    pub fn asks_the_company(self) -> bool {
        matches!(self, Request::NeedsEvidence | Request::Question)
    }

    /// Whether `actor` may open a thread of this kind.
    pub fn may_open(self, actor: Actor) -> bool {
        self == Request::Comment || actor == Actor::Advisor
    }

    /// The state a thread starts in.
    pub fn opening_state(self) -> ThreadState {
        if self == Request::Accepted { ThreadState::Resolved } else { ThreadState::Open }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThreadState {
    /// Waiting for the company (a request) or for anyone (a comment).
    Open,
    /// The company replied to a request: waiting for the advisor.
    Answered,
    Resolved,
}

impl ThreadState {
    pub const ALL: [ThreadState; 3] = [ThreadState::Open, ThreadState::Answered, ThreadState::Resolved];

    pub const fn as_str(self) -> &'static str {
        match self {
            ThreadState::Open => "open",
            ThreadState::Answered => "answered",
            ThreadState::Resolved => "resolved",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|state| state.as_str() == text)
    }
}

/// The state of a thread of `request` after `author` writes in it. Writing reopens a resolved
/// thread: a new word on a closed matter is a new matter.
pub fn after_reply(request: Request, author: Actor) -> ThreadState {
    match (request.asks_the_company(), author) {
        (true, Actor::Company) => ThreadState::Answered,
        _ => ThreadState::Open,
    }
}

/// Whether `actor` may close a thread of `request`: an advisor any, the company its comments only.
pub fn may_resolve(request: Request, actor: Actor) -> bool {
    actor == Actor::Advisor || !request.asks_the_company()
}

/// The longest message kept: a page of text, enough for any reply and bounded for the database.
pub const MAX_MESSAGE_CHARS: usize = 4_000;

/// Why a message or a review was refused. Each has a message in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum WritingProblem {
    #[error("the text is empty")]
    Empty,
    #[error("the text is longer than allowed")]
    TooLong,
}

impl WritingProblem {
    pub const fn code(self) -> &'static str {
        match self {
            WritingProblem::Empty => "empty",
            WritingProblem::TooLong => "too_long",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [WritingProblem::Empty, WritingProblem::TooLong].into_iter().find(|p| p.code() == code)
    }
}

/// The text as it is kept (trimmed), or why it cannot be. A request other than a comment or an
/// acceptance must say what it asks.
pub fn checked_text(text: &str, required: bool) -> Result<&str, WritingProblem> {
    let text = text.trim();
    if required && text.is_empty() {
        Err(WritingProblem::Empty)
    } else if text.chars().count() > MAX_MESSAGE_CHARS {
        Err(WritingProblem::TooLong)
    } else {
        Ok(text)
    }
}

/// A thread as those who see it read it: what it is about, what it asks, where it stands, and
/// every message, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub id: crate::ids::ThreadId,
    pub subject: Subject,
    pub request: Request,
    pub state: ThreadState,
    pub messages: Vec<Message>,
}

impl Thread {
    /// Waiting for the company: an open request.
    pub fn waits_for_company(&self) -> bool {
        self.request.asks_the_company() && self.state == ThreadState::Open
    }

    /// Waiting for an advisor: a request the company answered.
    pub fn waits_for_advisor(&self) -> bool {
        self.state == ThreadState::Answered
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub author: String,
    /// The author's organization: the company's or the advisor's.
    pub organization: String,
    pub side: Actor,
    pub body: String,
    pub written_at: chrono::DateTime<chrono::Utc>,
}

/// An advisor's concluding review of a submitted assessment, read-only once signed; an
/// assessment gathers one per review over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedReview {
    pub reviewer: String,
    pub organization: String,
    pub summary: String,
    pub signed_at: chrono::DateTime<chrono::Utc>,
}

impl SignedReview {
    /// Whether the assessment was submitted again after this review was signed: what the
    /// review concluded does not cover the changes since, and every copy of it says so.
    pub fn predates(&self, submitted_at: Option<chrono::DateTime<chrono::Utc>>) -> bool {
        submitted_at.is_some_and(|submitted| self.signed_at < submitted)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn any_request() -> impl Strategy<Value = Request> {
        prop::sample::select(Request::ALL.to_vec())
    }

    fn any_actor() -> impl Strategy<Value = Actor> {
        prop::sample::select(vec![Actor::Company, Actor::Advisor])
    }

    #[test]
    fn the_company_opens_comments_only() {
        assert!(Request::Comment.may_open(Actor::Company));
        for request in [Request::Accepted, Request::NeedsEvidence, Request::Question] {
            assert!(!request.may_open(Actor::Company), "{request:?}");
            assert!(request.may_open(Actor::Advisor), "{request:?}");
        }
    }

    #[test]
    fn an_acceptance_starts_resolved_and_a_request_open() {
        assert_eq!(Request::Accepted.opening_state(), ThreadState::Resolved);
        assert_eq!(Request::NeedsEvidence.opening_state(), ThreadState::Open);
        assert_eq!(Request::Question.opening_state(), ThreadState::Open);
        assert_eq!(Request::Comment.opening_state(), ThreadState::Open);
    }

    #[test]
    fn the_companys_reply_answers_a_request_and_the_advisors_reopens_it() {
        assert_eq!(after_reply(Request::NeedsEvidence, Actor::Company), ThreadState::Answered);
        assert_eq!(after_reply(Request::NeedsEvidence, Actor::Advisor), ThreadState::Open);
        assert_eq!(after_reply(Request::Comment, Actor::Company), ThreadState::Open);
    }

    #[test]
    fn a_subject_survives_its_stored_parts() {
        for subject in
            [Subject::Answer("q.1".into()), Subject::Gap("lft-132".into()), Subject::Action("a".into())]
        {
            assert_eq!(Subject::from_parts(subject.kind(), subject.key()), Some(subject.clone()));
        }
        assert_eq!(Subject::from_parts("elsewhere", "x"), None);
    }

    #[test]
    fn a_request_must_say_what_it_asks() {
        assert_eq!(checked_text("   ", true), Err(WritingProblem::Empty));
        assert_eq!(checked_text("   ", false), Ok(""));
        assert_eq!(checked_text(" recibos de marzo ", true), Ok("recibos de marzo"));
        assert_eq!(checked_text(&"ñ".repeat(MAX_MESSAGE_CHARS + 1), true), Err(WritingProblem::TooLong));
        assert_eq!(
            checked_text(&"ñ".repeat(MAX_MESSAGE_CHARS), true).map(str::len),
            Ok(2 * MAX_MESSAGE_CHARS)
        );
    }

    #[test]
    fn a_review_signed_before_the_last_submission_says_so() {
        let at = |hour: i64| chrono::DateTime::from_timestamp(hour * 3600, 0).unwrap();
        let review = SignedReview {
            reviewer: "A".into(),
            organization: "O".into(),
            summary: "S".into(),
            signed_at: at(10),
        };
        assert!(!review.predates(Some(at(9))), "submitted, then reviewed");
        assert!(review.predates(Some(at(11))), "reviewed, then returned and submitted again");
        assert!(!review.predates(None));
    }

    proptest! {
        /// Whatever is written in whatever order, a request the company wrote in last waits for
        /// the advisor, and nothing the company writes or does ever closes a request.
        #[test]
        fn only_an_advisor_closes_a_request(
            request in any_request(),
            replies in prop::collection::vec(any_actor(), 0..12),
        ) {
            let mut state = request.opening_state();
            for author in &replies {
                state = after_reply(request, *author);
                if request.asks_the_company() {
                    prop_assert_ne!(state, ThreadState::Resolved);
                }
            }
            if request.asks_the_company() {
                prop_assert!(!may_resolve(request, Actor::Company));
                if replies.last() == Some(&Actor::Company) {
                    prop_assert_eq!(state, ThreadState::Answered);
                }
            }
            prop_assert!(may_resolve(request, Actor::Advisor));
        }

        #[test]
        fn a_kept_text_is_trimmed_and_bounded(text in ".{0,50}", required in any::<bool>()) {
            if let Ok(kept) = checked_text(&text, required) {
                prop_assert_eq!(kept, kept.trim());
                prop_assert!(kept.chars().count() <= MAX_MESSAGE_CHARS);
                prop_assert!(!(required && kept.is_empty()));
            }
        }
    }
}
