//! Who sees what: the people asking, the companies they may see and how, and the audit trail of
//! it. Plain data shared by the server and the browser; the rules that fill it in live in the
//! store, which scopes every query by a [`Viewer`].

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{GrantId, OrganizationId, UserId};
use crate::organization::{GrantScope, OrganizationKind, Role, Sector};

/// An organization as lists and headings show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organization {
    pub id: OrganizationId,
    pub kind: OrganizationKind,
    pub name: String,
    pub sector: Option<Sector>,
}

/// One of the viewer's organizations and the role held there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub organization: Organization,
    pub role: Role,
}

/// Who is asking: the authorization context every scoped store function takes.
///
/// Built from the database at every request, so a removed membership or a revoked grant takes
/// effect on the very next request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    pub memberships: Vec<Membership>,
}

impl Viewer {
    /// The viewer's role in `organization_id`, if a member.
    pub fn role_in(&self, organization_id: OrganizationId) -> Option<Role> {
        self.memberships.iter().find(|m| m.organization.id == organization_id).map(|m| m.role)
    }

    pub fn is_platform_admin(&self) -> bool {
        self.memberships.iter().any(|m| m.role == Role::PlatformAdmin)
    }
}

/// How a viewer comes to see a company.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CompanyAccess {
    /// One of the company's own people.
    Member { admin: bool },
    /// An advisor of an organization the company granted its assessments to.
    Advisor,
    /// A person of an association the company shares its plan progress with.
    PlanProgress,
}

impl CompanyAccess {
    /// Answers, evidence and gaps: own people and granted advisors only.
    pub fn sees_assessments(self) -> bool {
        matches!(self, CompanyAccess::Member { .. } | CompanyAccess::Advisor)
    }

    pub fn is_own_admin(self) -> bool {
        self == CompanyAccess::Member { admin: true }
    }

    pub fn is_outsider(self) -> bool {
        !matches!(self, CompanyAccess::Member { .. })
    }
}

/// A company as one viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisibleCompany {
    pub company: Organization,
    pub access: CompanyAccess,
}

/// A person in an organization, as its admins see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
}

/// An invitation nobody has used yet, as its organization's admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenInvitation {
    /// The hash of its token: names it to withdraw it, but opens nothing.
    pub key: String,
    pub role: Role,
    /// The name of the admin who created it.
    pub invited_by: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// An active grant of a company to another organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub id: GrantId,
    pub grantee: Organization,
    pub scope: GrantScope,
    pub granted_at: DateTime<Utc>,
    /// For an association: the latest assessment's summary is shared beside plan progress.
    pub shares_summary: bool,
}

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditAction {
    SignedIn,
    SignInFailed,
    SignedOut,
    Invited,
    JoinedByInvitation,
    MemberRemoved,
    AccessGranted,
    AccessRevoked,
    /// Someone outside the company looked at its data.
    OutsiderViewed,
    /// Someone outside the company exported its data.
    OutsiderExported,
    /// An advisor verified one of the company's requirements.
    RequirementVerified,
    /// An advisor sent a submitted assessment back to the company for changes.
    AssessmentReturned,
    /// An advisor verified an action of the company's plan as done.
    ActionVerified,
    /// An advisor sent an action marked done back to the company.
    ActionSentBack,
    /// An admin withdrew an invitation that nobody had used yet.
    InvitationRevoked,
    /// An advisor opened a review thread: a comment, an acceptance, a request.
    ReviewOpened,
    /// An advisor wrote in a review thread.
    ReviewReplied,
    /// An advisor closed a review thread.
    ReviewResolved,
    /// An advisor signed a review of an assessment.
    ReviewSigned,
}

impl AuditAction {
    pub const fn as_str(self) -> &'static str {
        match self {
            AuditAction::SignedIn => "signed_in",
            AuditAction::SignInFailed => "sign_in_failed",
            AuditAction::SignedOut => "signed_out",
            AuditAction::Invited => "invited",
            AuditAction::JoinedByInvitation => "joined_by_invitation",
            AuditAction::MemberRemoved => "member_removed",
            AuditAction::AccessGranted => "access_granted",
            AuditAction::AccessRevoked => "access_revoked",
            AuditAction::OutsiderViewed => "outsider_viewed",
            AuditAction::OutsiderExported => "outsider_exported",
            AuditAction::RequirementVerified => "requirement_verified",
            AuditAction::AssessmentReturned => "assessment_returned",
            AuditAction::ActionVerified => "action_verified",
            AuditAction::ActionSentBack => "action_sent_back",
            AuditAction::InvitationRevoked => "invitation_revoked",
            AuditAction::ReviewOpened => "review_opened",
            AuditAction::ReviewReplied => "review_replied",
            AuditAction::ReviewResolved => "review_resolved",
            AuditAction::ReviewSigned => "review_signed",
        }
    }

    pub const ALL: [AuditAction; 19] = [
        AuditAction::SignedIn,
        AuditAction::SignInFailed,
        AuditAction::SignedOut,
        AuditAction::Invited,
        AuditAction::JoinedByInvitation,
        AuditAction::MemberRemoved,
        AuditAction::AccessGranted,
        AuditAction::AccessRevoked,
        AuditAction::OutsiderViewed,
        AuditAction::OutsiderExported,
        AuditAction::RequirementVerified,
        AuditAction::AssessmentReturned,
        AuditAction::ActionVerified,
        AuditAction::ActionSentBack,
        AuditAction::InvitationRevoked,
        AuditAction::ReviewOpened,
        AuditAction::ReviewReplied,
        AuditAction::ReviewResolved,
        AuditAction::ReviewSigned,
    ];

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.as_str() == text)
    }
}

/// One line as a company admin reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub occurred_at: DateTime<Utc>,
    pub action: AuditAction,
    /// The actor's name and email, or the email typed at a failed sign-in.
    pub actor: String,
    pub detail: String,
    /// The address the request came from, when there was a request.
    pub address: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVERY_ACCESS: [CompanyAccess; 4] = [
        CompanyAccess::Member { admin: true },
        CompanyAccess::Member { admin: false },
        CompanyAccess::Advisor,
        CompanyAccess::PlanProgress,
    ];

    #[test]
    fn only_own_people_and_granted_advisors_see_assessments() {
        let seeing: Vec<_> = EVERY_ACCESS.into_iter().filter(|a| a.sees_assessments()).collect();
        assert_eq!(
            seeing,
            [
                CompanyAccess::Member { admin: true },
                CompanyAccess::Member { admin: false },
                CompanyAccess::Advisor
            ]
        );
    }

    #[test]
    fn only_own_admins_administer_and_everyone_else_is_an_outsider() {
        for access in EVERY_ACCESS {
            assert_eq!(access.is_own_admin(), access == CompanyAccess::Member { admin: true });
            assert_eq!(
                access.is_outsider(),
                matches!(access, CompanyAccess::Advisor | CompanyAccess::PlanProgress)
            );
        }
    }

    #[test]
    fn every_audit_action_has_a_distinct_stored_form() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(AuditAction::parse("deleted_everything"), None);
    }
}
