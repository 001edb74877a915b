//! What the review parts of the pages receive: the threads on what a page shows, the requests an
//! assessment has open, what changed since it was sent back, its signed reviews, and each
//! person's waiting work.

use assessments::answers::AssessmentStatus;
use assessments::ids::{ActionId, AssessmentId, PlanId};
use assessments::plan::Actor;
use assessments::review::{SignedReview, Thread};
use assessments::scoring::Rating;
use assessments::text::Text;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The threads on the things one page shows, and how the viewer may take part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Threads {
    pub assessment_id: Option<AssessmentId>,
    pub threads: Vec<Thread>,
    /// The viewer's side; `None` for someone who reads only.
    pub side: Option<Actor>,
}

impl Threads {
    /// The threads on one subject key (a question, a requirement, an action), oldest first.
    pub fn on<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Thread> + 'a {
        self.threads.iter().filter(move |thread| thread.subject.key() == key)
    }
}

/// A request, as a list names it: what it is about and where to answer it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestLine {
    pub thread: Thread,
    /// The question's text, the requirement's article or the action's wording.
    pub about: Text,
    pub href: String,
}

/// What the company changed between the last return for changes and now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangesSinceReturn {
    pub returned_at: DateTime<Utc>,
    /// The questions whose answers were saved again.
    pub answers: Vec<ChangedAnswer>,
    pub files: Vec<String>,
    /// Messages the company wrote in threads since.
    pub replies: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangedAnswer {
    pub question: Text,
    /// Where to read it.
    pub href: String,
}

/// The review part of an assessment's overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentReview {
    /// Requests not closed yet: open (waiting for the company) and answered (for the advisor).
    pub requests: Vec<RequestLine>,
    pub changes: Option<ChangesSinceReturn>,
    pub reviews: Vec<SignedReview>,
}

/// A company in an advisor's portfolio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortfolioLine {
    pub company: assessments::access::Organization,
    pub latest: Option<LatestAssessment>,
    pub plan: Option<PlanId>,
    /// Actions marked done, waiting for an advisor's verification.
    pub to_verify: u32,
    pub overdue: u32,
}

impl PortfolioLine {
    /// How many things wait for the advisor here.
    pub fn waiting(&self) -> u32 {
        let latest = self.latest.as_ref();
        latest.map_or(0, |l| u32::from(l.needs_review) + l.replies + l.verifications_cleared) + self.to_verify
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LatestAssessment {
    pub id: AssessmentId,
    pub title: Text,
    pub status: AssessmentStatus,
    pub started_at: DateTime<Utc>,
    pub score: Option<u32>,
    pub rating: Option<Rating>,
    pub findings: u32,
    /// Submitted and not reviewed since it was.
    pub needs_review: bool,
    /// Requests the company answered, waiting for the advisor.
    pub replies: u32,
    /// Verifications that a later change to the answers or files behind them cleared.
    pub verifications_cleared: u32,
}

/// An action due soon or overdue, on the company's home.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionDue {
    pub plan_id: PlanId,
    pub action_id: ActionId,
    pub text: Text,
    pub due_date: NaiveDate,
    pub overdue: bool,
}

/// What waits for the company's people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyWork {
    pub company: assessments::access::Organization,
    /// Requests waiting for the company, in its assessments.
    pub requests: Vec<RequestLine>,
    /// Assessments sent back for changes and still in progress.
    pub returned: Vec<(AssessmentId, Text)>,
    pub actions: Vec<ActionDue>,
    /// Associations' requests to share, waiting for an admin's answer (admins only).
    #[serde(default)]
    pub share_requests: Vec<assessments::sharing::ShareRequest>,
}

/// What waits for the person signed in, on their home page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Waiting {
    /// The companies whose assessments the person reviews, most waiting first (advisors): the
    /// lines shown, one page of them on the home.
    pub portfolio: Vec<PortfolioLine>,
    /// How many companies the portfolio holds (those the search keeps), on every page.
    pub portfolio_total: u32,
    /// The page shown, counted from 1, of how many; 0 where the portfolio is not paged.
    pub portfolio_page: u32,
    pub portfolio_pages: u32,
    /// The person's own companies.
    pub own: Vec<CompanyWork>,
    /// Whether the person follows companies' plan progress (associations).
    pub follows_progress: bool,
    /// The associations the person belongs to, each with its dashboard.
    #[serde(default)]
    pub associations: Vec<assessments::access::Organization>,
}
