//! The identifiers of what Senda stores: each a UUID, each kind its own type.
//!
//! A store function that takes a company and an assessment takes an [`OrganizationId`] and an
//! [`AssessmentId`], so passing them in the wrong order does not compile. Ids travel as their
//! canonical text (lowercase, hyphenated) in addresses, forms, JSON and the database; they are
//! parsed once where they enter (a route, a form, a row) and typed from then on.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Text that is not the canonical form of an id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an id: {0:?}")]
pub struct NotAnId(pub String);

macro_rules! uuid_ids {
    ($($(#[$doc:meta])* $name:ident;)+) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(Uuid);

        impl $name {
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = NotAnId;

            /// Only the canonical form is an id, so one thing has one address.
            fn from_str(text: &str) -> Result<Self, NotAnId> {
                match Uuid::try_parse(text) {
                    Ok(uuid) if uuid.hyphenated().to_string() == text => Ok(Self(uuid)),
                    _ => Err(NotAnId(text.to_owned())),
                }
            }
        }

        impl TryFrom<String> for $name {
            type Error = NotAnId;

            fn try_from(text: String) -> Result<Self, NotAnId> {
                text.parse()
            }
        }

        impl From<Uuid> for $name {
            fn from(uuid: Uuid) -> Self {
                Self(uuid)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.to_string()
            }
        }
    )+};
}

uuid_ids! {
    /// A company, an advisory organization, an association or the platform's own organization.
    OrganizationId;
    /// A person's account.
    UserId;
    /// A company's grant of access to another organization.
    GrantId;
    /// One assessment of a company.
    AssessmentId;
    /// An improvement plan.
    PlanId;
    /// One action of an improvement plan.
    ActionId;
    /// One file of evidence.
    EvidenceId;
    /// A review thread on an answer, a gap or an action.
    ThreadId;
    /// An association's request that a company share its progress.
    ShareRequestId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_reads_back_what_it_writes() {
        let text = "67e55044-10b1-426f-9247-bb680e5fe0c8";
        let id: AssessmentId = text.parse().unwrap();
        assert_eq!(id.to_string(), text);
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{text}\""));
        assert_eq!(serde_json::from_str::<AssessmentId>(&format!("\"{text}\"")).unwrap(), id);
    }

    #[test]
    fn only_the_canonical_form_is_an_id() {
        for text in [
            "",
            "any-grant",
            "67E55044-10B1-426F-9247-BB680E5FE0C8",
            "67e5504410b1426f9247bb680e5fe0c8",
            "{67e55044-10b1-426f-9247-bb680e5fe0c8}",
            "urn:uuid:67e55044-10b1-426f-9247-bb680e5fe0c8",
            " 67e55044-10b1-426f-9247-bb680e5fe0c8",
        ] {
            assert!(text.parse::<PlanId>().is_err(), "{text:?} was taken for an id");
        }
    }
}
