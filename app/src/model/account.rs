//! What the account pages receive: the signed-in person, an organization's people, a company's
//! access grants and its audit log.

use assessments::access::{AuditAction, AuditLine, Grant, Member, OpenInvitation, Organization, Viewer};
use assessments::organization::Role;
use serde::{Deserialize, Serialize};

/// What the header shows about the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedInPerson {
    pub name: String,
    pub email: String,
    pub platform_admin: bool,
}

impl From<Viewer> for SignedInPerson {
    fn from(viewer: Viewer) -> Self {
        SignedInPerson { platform_admin: viewer.is_platform_admin(), name: viewer.name, email: viewer.email }
    }
}

/// The people page of an organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct People {
    pub organization: Organization,
    pub members: Vec<Member>,
    /// Links handed out and not used yet, which admins may withdraw.
    pub invitations: Vec<OpenInvitation>,
    /// The roles an invitation can offer here.
    pub roles: Vec<Role>,
    pub viewer_id: assessments::ids::UserId,
}

/// A page of a company's audit log, with the filter that chose its lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLog {
    pub company: Organization,
    pub lines: Vec<AuditLine>,
    pub query: AuditQuery,
    /// Whether older lines follow on the next page.
    pub more: bool,
}

/// Which page of which lines of a log a person asked for, as the page's address carries it
/// (`?pagina=2&persona=ana&tipo=signed_in`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    /// From 1, newest first.
    pub page: u32,
    /// Part of a name or an email; empty for everyone.
    pub person: String,
    /// One kind of line, or every kind.
    pub action: Option<AuditAction>,
}

impl AuditQuery {
    /// The query part of the log's address for `page` of these same lines.
    pub fn address_of_page(&self, page: u32) -> String {
        let mut query = format!("?pagina={page}");
        if !self.person.is_empty() {
            query.push_str(&format!("&persona={}", crate::urls::percent_encode(&self.person)));
        }
        if let Some(action) = self.action {
            query.push_str(&format!("&tipo={}", action.as_str()));
        }
        query
    }
}

/// The access page of a company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Access {
    pub company: Organization,
    pub grants: Vec<Grant>,
    pub advisories: Vec<Organization>,
    pub associations: Vec<Organization>,
    /// Associations' requests waiting for the company's answer.
    pub requests: Vec<assessments::sharing::ShareRequest>,
    /// For each grant to an association, exactly what it receives: its dashboard's line.
    pub previews: Vec<(assessments::ids::GrantId, crate::model::association::MemberLine)>,
    pub today: chrono::NaiveDate,
}
