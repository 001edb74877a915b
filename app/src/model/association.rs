//! What an association's dashboard receives: its sharing members, each with what it chose to
//! share, the figures across them that may be shown, and its requests.

use std::collections::BTreeMap;

use assessments::access::Organization;
use assessments::organization::Sector;
use assessments::sharing::{Aggregate, AssessmentSummary, PlanFigures, ShareRequest};
use assessments::text::Text;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// An association's dashboard, narrowed to one sector or none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub association: Organization,
    /// Whether the viewer may ask companies to share (the association's admins).
    pub can_ask: bool,
    /// The fewest companies a shown figure rests on, on this installation.
    pub minimum: u32,
    pub sector: Option<Sector>,
    pub today: NaiveDate,
    /// The sharing members shown: one page of them on the page, all of them in the exports.
    pub members: Vec<MemberLine>,
    /// How many members share, on every page.
    pub members_total: u32,
    /// The page shown, counted from 1, of how many; 0 where the list is not paged.
    pub members_page: u32,
    pub members_pages: u32,
    /// The figures across the members of the chosen sector, shown or withheld.
    pub aggregates: Vec<Aggregate>,
    /// The titles of the sections gaps are counted by.
    pub sections: BTreeMap<String, Text>,
    /// Requests waiting for an answer or declined, newest first.
    pub requests: Vec<ShareRequest>,
    /// Companies the association could ask, by name (names are not secret).
    pub companies: Vec<Organization>,
}

/// One member that shares, and what it shares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberLine {
    pub company: Organization,
    pub shares_summary: bool,
    pub shared_since: DateTime<Utc>,
    pub last_submitted: Option<DateTime<Utc>>,
    /// Its latest plan; `None` without one.
    pub plan: Option<PlanFigures>,
    /// Its latest assessment's summary, when shared and submitted.
    pub summary: Option<AssessmentSummary>,
}
