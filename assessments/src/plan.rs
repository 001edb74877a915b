//! The continuous improvement plan (plan de mejora continua): one action per gap to start with,
//! worked week by week until an advisor verifies it.
//!
//! An action moves pending → in progress → done → verified. The company's own people start and
//! finish actions; marking one done asks for evidence of completion. Only a granted advisor
//! verifies a done action or sends it back with a reason — the one who did the work never
//! verifies it, as SMETA's and the domain brief's verification rules ask.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::catalog::Severity;
use crate::ids::{ActionId, AssessmentId, PlanId};
use crate::questionnaire::Questionnaire;
use crate::scoring::Scorecard;
use crate::text::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Pending,
    InProgress,
    Done,
    Verified,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] =
        [ActionStatus::Pending, ActionStatus::InProgress, ActionStatus::Done, ActionStatus::Verified];

    pub const fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Pending => "pending",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Verified => "verified",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == text)
    }

    /// Still to be worked on.
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Pending | ActionStatus::InProgress)
    }
}

/// Who asks to move an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// One of the company's own people.
    Company,
    /// An advisor of an organization the company granted its assessments to.
    Advisor,
}

/// Why a move was refused. Each has a message in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum MoveProblem {
    #[error("marking an action done needs evidence of completion")]
    EvidenceMissing,
    #[error("sending an action back needs a reason")]
    ReasonMissing,
    #[error("not a move this person can make")]
    NotAllowed,
}

impl MoveProblem {
    pub const ALL: [MoveProblem; 3] =
        [MoveProblem::EvidenceMissing, MoveProblem::ReasonMissing, MoveProblem::NotAllowed];

    pub const fn code(self) -> &'static str {
        match self {
            MoveProblem::EvidenceMissing => "evidence_missing",
            MoveProblem::ReasonMissing => "reason_missing",
            MoveProblem::NotAllowed => "not_allowed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|problem| problem.code() == code)
    }
}

/// Whether `actor` may move an action from `from` to `to`, with `note` (the evidence when
/// marking done, the reason when sending back).
pub fn check_move(from: ActionStatus, to: ActionStatus, actor: Actor, note: &str) -> Result<(), MoveProblem> {
    use ActionStatus::*;
    let note_given = !note.trim().is_empty();
    match (actor, from, to) {
        (_, from, to) if from == to => Err(MoveProblem::NotAllowed),
        (Actor::Company, Pending, InProgress) | (Actor::Company, InProgress, Pending) => Ok(()),
        (Actor::Company, Pending | InProgress, Done) if note_given => Ok(()),
        (Actor::Company, Pending | InProgress, Done) => Err(MoveProblem::EvidenceMissing),
        // The company may take back its own "done" before it is verified.
        (Actor::Company, Done, InProgress) => Ok(()),
        (Actor::Advisor, Done, Verified) => Ok(()),
        (Actor::Advisor, Done, InProgress) if note_given => Ok(()),
        (Actor::Advisor, Done, InProgress) => Err(MoveProblem::ReasonMissing),
        _ => Err(MoveProblem::NotAllowed),
    }
}

/// How far a plan has come: done and verified actions against all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanProgress {
    pub total: u32,
    pub done: u32,
    pub verified: u32,
    pub overdue: u32,
}

impl PlanProgress {
    pub fn of(
        actions: impl IntoIterator<Item = (ActionStatus, NaiveDate)>,
        today: NaiveDate,
    ) -> PlanProgress {
        let mut progress = PlanProgress::default();
        for (status, due_date) in actions {
            progress.total += 1;
            match status {
                ActionStatus::Done => progress.done += 1,
                ActionStatus::Verified => progress.verified += 1,
                _ if is_overdue(status, due_date, today) => progress.overdue += 1,
                _ => {}
            }
        }
        progress
    }

    /// Whole percent of actions done or verified, rounded down.
    pub fn percent(self) -> u32 {
        ((self.done + self.verified) * 100).checked_div(self.total).unwrap_or(0)
    }
}

/// An open action past its due date.
pub fn is_overdue(status: ActionStatus, due_date: NaiveDate, today: NaiveDate) -> bool {
    status.is_open() && due_date < today
}

/// An action the plan starts with, from one gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedAction {
    pub requirement_id: String,
    pub section_id: String,
    pub severity: Severity,
    /// The suggested corrective action(s) of the answers behind the gap.
    pub text: Text,
    /// From the severity's default period (or the question's own), counted from `start`.
    pub due_date: NaiveDate,
    /// The action of the company's previous plan for the same gap, still not verified: the new
    /// action continues it, with its history.
    #[serde(default)]
    pub carried_from: Option<ActionId>,
}

/// One action per gap of `scorecard`, most severe first, prefilled with the questionnaire's
/// suggested actions and due dates counted from `start`.
pub fn propose_actions(
    questionnaire: &Questionnaire,
    scorecard: &Scorecard,
    start: NaiveDate,
) -> Vec<ProposedAction> {
    scorecard
        .gaps
        .iter()
        .map(|gap| {
            let questions: Vec<_> =
                gap.causes.iter().filter_map(|cause| questionnaire.question(&cause.question_id)).collect();
            let mut spanish: Vec<&str> = Vec::new();
            let mut english: Vec<&str> = Vec::new();
            for action in questions.iter().filter_map(|q| q.action.as_ref()) {
                if !spanish.contains(&action.spanish()) {
                    spanish.push(action.spanish());
                    english.push(action.get(crate::Language::En));
                }
            }
            let days = questions
                .iter()
                .map(|q| q.due_days.unwrap_or_else(|| questionnaire.due_days.for_severity(gap.severity)))
                .min()
                .unwrap_or_else(|| questionnaire.due_days.for_severity(gap.severity));
            ProposedAction {
                requirement_id: gap.requirement_id.clone(),
                section_id: gap.section_id.clone(),
                severity: gap.severity,
                text: Text::new(spanish.join(" "), Some(english.join(" "))),
                // A due period is at most years: the calendar's end is not in reach.
                due_date: start.checked_add_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX),
                carried_from: None,
            }
        })
        .collect()
}

/// Links each proposed action to the previous plan's action for the same gap, when that one was
/// never verified: a gap still open carries on with its history rather than starting over.
pub fn carry_open_actions(proposed: &mut [ProposedAction], previous: &[PlanAction]) {
    for action in proposed.iter_mut() {
        action.carried_from = previous
            .iter()
            .find(|old| {
                old.status != ActionStatus::Verified
                    && old.requirement_id.as_deref() == Some(action.requirement_id.as_str())
            })
            .map(|old| old.id);
    }
}

/// The previous plan's actions whose gap the new assessment no longer has: closed since.
pub fn closed_since<'a>(previous: &'a [PlanAction], open_requirements: &[&str]) -> Vec<&'a PlanAction> {
    previous
        .iter()
        .filter(|old| old.requirement_id.as_deref().is_some_and(|id| !open_requirements.contains(&id)))
        .collect()
}

/// A plan as headings and lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanHeader {
    pub id: PlanId,
    pub assessment_id: AssessmentId,
    pub company: crate::access::Organization,
    pub created_at: DateTime<Utc>,
}

/// One action of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAction {
    pub id: ActionId,
    pub position: u32,
    pub requirement_id: Option<String>,
    pub section_id: String,
    pub severity: Severity,
    pub text: Text,
    pub owner: String,
    pub due_date: NaiveDate,
    pub status: ActionStatus,
    pub revision: i64,
    /// The latest progress note, evidence or reason, if any.
    pub last_note: Option<String>,
    /// The earlier plan's action this one continues.
    pub carried_from: Option<ActionId>,
}

/// What happened to an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Created,
    Edited,
    Note,
    Status,
}

impl EventKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            EventKind::Created => "created",
            EventKind::Edited => "edited",
            EventKind::Note => "note",
            EventKind::Status => "status",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [EventKind::Created, EventKind::Edited, EventKind::Note, EventKind::Status]
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

/// One line of an action's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionEvent {
    pub occurred_at: DateTime<Utc>,
    pub actor: String,
    pub kind: EventKind,
    pub from_status: Option<ActionStatus>,
    pub to_status: Option<ActionStatus>,
    pub note: String,
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::dates::day;

    #[test]
    fn the_company_works_actions_and_only_an_advisor_verifies_them() {
        use ActionStatus::*;
        assert_eq!(check_move(Pending, InProgress, Actor::Company, ""), Ok(()));
        assert_eq!(check_move(InProgress, Done, Actor::Company, " "), Err(MoveProblem::EvidenceMissing));
        assert_eq!(check_move(InProgress, Done, Actor::Company, "Recibos firmados, marzo"), Ok(()));
        assert_eq!(check_move(Done, Verified, Actor::Company, ""), Err(MoveProblem::NotAllowed));
        assert_eq!(check_move(Done, Verified, Actor::Advisor, ""), Ok(()));
        assert_eq!(check_move(Done, InProgress, Actor::Advisor, ""), Err(MoveProblem::ReasonMissing));
        assert_eq!(check_move(Done, InProgress, Actor::Advisor, "Falta la firma"), Ok(()));
        assert_eq!(check_move(Pending, InProgress, Actor::Advisor, ""), Err(MoveProblem::NotAllowed));
        assert_eq!(check_move(Verified, Pending, Actor::Company, ""), Err(MoveProblem::NotAllowed));
        for problem in MoveProblem::ALL {
            assert_eq!(MoveProblem::from_code(problem.code()), Some(problem));
        }
    }

    #[test]
    fn progress_counts_done_and_verified_and_open_actions_past_due() {
        let actions = [
            (ActionStatus::Pending, day("2026-11-01")),
            (ActionStatus::InProgress, day("2026-12-31")),
            (ActionStatus::Done, day("2026-10-01")),
            (ActionStatus::Verified, day("2026-10-01")),
        ];
        let progress = PlanProgress::of(actions, day("2026-11-27"));
        assert_eq!(progress, PlanProgress { total: 4, done: 1, verified: 1, overdue: 1 });
        assert_eq!(progress.percent(), 50);
        assert_eq!(PlanProgress::default().percent(), 0);
    }

    fn action_id(n: u128) -> ActionId {
        ActionId::from_uuid(uuid::Uuid::from_u128(n))
    }

    fn old_action(id: u128, requirement: &str, status: ActionStatus) -> PlanAction {
        PlanAction {
            id: action_id(id),
            position: 0,
            requirement_id: Some(requirement.into()),
            section_id: String::new(),
            severity: Severity::High,
            text: Text::new("Acción", None),
            owner: String::new(),
            due_date: day("2026-01-01"),
            status,
            revision: 1,
            last_note: None,
            carried_from: None,
        }
    }

    #[test]
    fn open_gaps_carry_their_unverified_action_and_closed_gaps_are_pointed_out() {
        let previous = [
            old_action(1, "LFT-21", ActionStatus::InProgress),
            old_action(2, "LFT-40", ActionStatus::Verified),
            old_action(3, "IMSS-15", ActionStatus::Done),
        ];
        let proposed = |requirement: &str| ProposedAction {
            requirement_id: requirement.into(),
            section_id: String::new(),
            severity: Severity::High,
            text: Text::new("Nueva", None),
            due_date: day("2027-01-01"),
            carried_from: None,
        };
        let mut new = vec![proposed("LFT-21"), proposed("LFT-40"), proposed("NOM-003")];
        carry_open_actions(&mut new, &previous);
        let carried: Vec<Option<ActionId>> = new.iter().map(|a| a.carried_from).collect();
        assert_eq!(
            carried,
            [Some(action_id(1)), None, None],
            "a verified action's gap came back: it starts over"
        );
        let closed: Vec<ActionId> =
            closed_since(&previous, &["LFT-21", "LFT-40", "NOM-003"]).iter().map(|a| a.id).collect();
        assert_eq!(closed, [action_id(3)]);
    }

    proptest! {
        /// Actions of any status due any day around today: the counts add up, and an action is
        /// overdue exactly when it is open and its day has passed (counted independently here).
        #[test]
        fn progress_counts_each_action_once_and_overdue_exactly_the_open_ones_past_due(
            actions in prop::collection::vec((0usize..4, -400i64..400), 0..40),
        ) {
            let today = day("2026-11-27");
            let actions: Vec<(ActionStatus, NaiveDate)> = actions
                .iter()
                .map(|(status, offset)| (ActionStatus::ALL[*status], crate::dates::add_days(today, *offset).unwrap()))
                .collect();
            let progress = PlanProgress::of(actions.iter().copied(), today);
            let count = |wanted: ActionStatus| actions.iter().filter(|(status, _)| *status == wanted).count() as u32;
            let late = actions
                .iter()
                .filter(|(status, due)| matches!(status, ActionStatus::Pending | ActionStatus::InProgress) && *due < today)
                .count() as u32;
            prop_assert_eq!(progress.total, actions.len() as u32);
            prop_assert_eq!((progress.done, progress.verified, progress.overdue), (count(ActionStatus::Done), count(ActionStatus::Verified), late));
            prop_assert!(progress.done + progress.verified + progress.overdue <= progress.total);
            prop_assert!(progress.percent() <= 100);
        }
    }
}
