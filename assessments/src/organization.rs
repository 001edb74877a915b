//! Organizations and the roles people hold in them: the vocabulary of who may see what.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What an organization is, which decides what its people may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganizationKind {
    /// The platform itself: administrators who publish questionnaires and create organizations.
    Platform,
    /// A company that assesses itself.
    Company,
    /// A producer association that follows the plans its member companies share with it.
    Association,
    /// An advisory organization (an NGO's due-diligence experts).
    Advisory,
}

/// The sector of a company: it tailors which questions are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    SugarMill,
    CaneGrower,
    TobaccoCompany,
    TobaccoGrower,
    Other,
}

/// A person's role in one organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    PlatformAdmin,
    CompanyAdmin,
    CompanyMember,
    AssociationAdmin,
    AssociationViewer,
    Advisor,
}

impl Role {
    /// The kind of organization this role belongs to.
    pub const fn organization_kind(self) -> OrganizationKind {
        match self {
            Role::PlatformAdmin => OrganizationKind::Platform,
            Role::CompanyAdmin | Role::CompanyMember => OrganizationKind::Company,
            Role::AssociationAdmin | Role::AssociationViewer => OrganizationKind::Association,
            Role::Advisor => OrganizationKind::Advisory,
        }
    }

    /// Whether the role administers its organization: invites and removes people, grants access.
    pub const fn is_admin(self) -> bool {
        matches!(self, Role::PlatformAdmin | Role::CompanyAdmin | Role::AssociationAdmin)
    }

    /// The roles an organization of `kind` can hand out.
    pub fn for_kind(kind: OrganizationKind) -> &'static [Role] {
        match kind {
            OrganizationKind::Platform => &[Role::PlatformAdmin],
            OrganizationKind::Company => &[Role::CompanyAdmin, Role::CompanyMember],
            OrganizationKind::Association => &[Role::AssociationAdmin, Role::AssociationViewer],
            OrganizationKind::Advisory => &[Role::Advisor],
        }
    }
}

/// What a company shares with another organization. Each is granted and revoked on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantScope {
    /// An advisory organization reads (and comments on) assessments: answers, evidence, gaps.
    Assessments,
    /// An association sees improvement-plan progress figures — never answers or evidence.
    PlanProgress,
}

impl GrantScope {
    /// The kind of organization that can receive this grant.
    pub const fn grantee_kind(self) -> OrganizationKind {
        match self {
            GrantScope::Assessments => OrganizationKind::Advisory,
            GrantScope::PlanProgress => OrganizationKind::Association,
        }
    }
}

/// How these enums are written in the database and in forms: their snake_case serde names.
macro_rules! text_form {
    ($type:ty { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $type {
            pub const ALL: &'static [$type] = &[$(<$type>::$variant),+];

            pub const fn as_str(self) -> &'static str {
                match self { $(<$type>::$variant => $text),+ }
            }
        }

        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $type {
            type Err = UnknownValue;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    $($text => Ok(<$type>::$variant),)+
                    other => Err(UnknownValue(other.to_owned())),
                }
            }
        }
    };
}

text_form!(OrganizationKind {
    Platform => "platform",
    Company => "company",
    Association => "association",
    Advisory => "advisory",
});
text_form!(Sector {
    SugarMill => "sugar_mill",
    CaneGrower => "cane_grower",
    TobaccoCompany => "tobacco_company",
    TobaccoGrower => "tobacco_grower",
    Other => "other",
});
text_form!(Role {
    PlatformAdmin => "platform_admin",
    CompanyAdmin => "company_admin",
    CompanyMember => "company_member",
    AssociationAdmin => "association_admin",
    AssociationViewer => "association_viewer",
    Advisor => "advisor",
});
text_form!(GrantScope {
    Assessments => "assessments",
    PlanProgress => "plan_progress",
});

/// A value that names no variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown value `{0}`")]
pub struct UnknownValue(pub String);

/// A Mexican taxpayer id (Registro Federal de Contribuyentes), checked for shape only.
///
/// 12 characters for a legal person (3 letters), 13 for a natural person (4 letters): letters
/// (including Ñ and &), a date of registration or birth as YYMMDD, and a 3-character homoclave.
/// The check digit's algorithm is not verified: a typo in the homoclave passes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rfc(String);

/// Why a text is not an RFC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InvalidRfc {
    #[error("an RFC has 12 characters (companies) or 13 (persons)")]
    Length,
    #[error("an RFC starts with 3 or 4 letters")]
    Letters,
    #[error("an RFC has a date (YYMMDD) after its letters")]
    Date,
    #[error("an RFC ends with 3 letters or digits")]
    Homoclave,
}

impl Rfc {
    /// Accepts any case and surrounding spaces; keeps the upper-case form.
    pub fn parse(text: &str) -> Result<Self, InvalidRfc> {
        let upper = text.trim().to_uppercase();
        let chars: Vec<char> = upper.chars().collect();
        let letters = match chars.len() {
            12 => 3,
            13 => 4,
            _ => return Err(InvalidRfc::Length),
        };
        let (head, rest) = chars.split_at(letters);
        let (date, homoclave) = rest.split_at(6);
        if !head.iter().all(|c| c.is_ascii_uppercase() || *c == 'Ñ' || *c == '&') {
            return Err(InvalidRfc::Letters);
        }
        let digits: Option<Vec<u32>> = date.iter().map(|c| c.to_digit(10)).collect();
        let Some(digits) = digits else { return Err(InvalidRfc::Date) };
        let (month, day) = (digits[2] * 10 + digits[3], digits[4] * 10 + digits[5]);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return Err(InvalidRfc::Date);
        }
        if !homoclave.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
            return Err(InvalidRfc::Homoclave);
        }
        Ok(Self(upper))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Rfc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_belongs_to_the_kind_that_hands_it_out() {
        for role in Role::ALL {
            assert!(Role::for_kind(role.organization_kind()).contains(role), "{role}");
        }
    }

    #[test]
    fn text_forms_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse(), Ok(*role));
        }
        for sector in Sector::ALL {
            assert_eq!(sector.as_str().parse(), Ok(*sector));
        }
        for scope in GrantScope::ALL {
            assert_eq!(scope.as_str().parse(), Ok(*scope));
        }
        assert!("owner".parse::<Role>().is_err());
    }

    #[test]
    fn grants_go_to_the_right_kind_of_organization() {
        assert_eq!(GrantScope::Assessments.grantee_kind(), OrganizationKind::Advisory);
        assert_eq!(GrantScope::PlanProgress.grantee_kind(), OrganizationKind::Association);
    }

    #[test]
    fn rfcs_of_companies_and_persons_are_accepted_in_any_case() {
        assert_eq!(Rfc::parse("ISA850101AB1").unwrap().as_str(), "ISA850101AB1");
        assert_eq!(Rfc::parse(" gomj800229h12 ").unwrap().as_str(), "GOMJ800229H12");
        assert!(Rfc::parse("ÑA&850101AB1").is_ok());
    }

    #[test]
    fn malformed_rfcs_say_what_is_wrong() {
        assert_eq!(Rfc::parse("ISA85010"), Err(InvalidRfc::Length));
        assert_eq!(Rfc::parse("I5A850101AB1"), Err(InvalidRfc::Letters));
        assert_eq!(Rfc::parse("ISA851301AB1"), Err(InvalidRfc::Date));
        assert_eq!(Rfc::parse("ISA8501X1AB1"), Err(InvalidRfc::Date));
        assert_eq!(Rfc::parse("ISA850101A-1"), Err(InvalidRfc::Homoclave));
    }
}
