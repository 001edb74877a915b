//! What the account pages receive: the signed-in person, an organization's people, a company's
//! access grants and its audit log.

use assessments::access::{AuditLine, Grant, Member, Organization, Viewer};
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
    /// The roles an invitation can offer here.
    pub roles: Vec<Role>,
    pub viewer_id: assessments::ids::UserId,
}

/// A company's audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLog {
    pub company: Organization,
    pub lines: Vec<AuditLine>,
}

/// The access page of a company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Access {
    pub company: Organization,
    pub grants: Vec<Grant>,
    pub advisories: Vec<Organization>,
    pub associations: Vec<Organization>,
}
