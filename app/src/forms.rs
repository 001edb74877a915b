//! What a form can get wrong, shared by the server that checks and the pages that say.

use serde::{Deserialize, Serialize};

/// One problem with what a person typed into a form. Each has a message in every
/// language (see `i18n`); the server sends the code, the page says it next to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormProblem {
    EmailInvalid,
    EmailTaken,
    NameMissing,
    PasswordTooShort,
    /// Email and password do not match an account. Deliberately one message for both, so the
    /// form does not tell whether an email is registered.
    CredentialsWrong,
    TooManyAttempts,
    SetupClosed,
    OrganizationNameMissing,
    SectorMissing,
    RfcInvalid,
    /// The reference date of a new assessment is not a date.
    ReferenceDateInvalid,
    /// The reference date is before the questionnaire version can be answered for, or more than
    /// two years ahead.
    ReferenceDateOutOfRange,
}

impl FormProblem {
    pub const ALL: [FormProblem; 12] = [
        FormProblem::EmailInvalid,
        FormProblem::EmailTaken,
        FormProblem::NameMissing,
        FormProblem::PasswordTooShort,
        FormProblem::CredentialsWrong,
        FormProblem::TooManyAttempts,
        FormProblem::SetupClosed,
        FormProblem::OrganizationNameMissing,
        FormProblem::SectorMissing,
        FormProblem::RfcInvalid,
        FormProblem::ReferenceDateInvalid,
        FormProblem::ReferenceDateOutOfRange,
    ];

    /// The code carried in a redirect's query string (`?error=…`).
    pub const fn code(self) -> &'static str {
        match self {
            FormProblem::EmailInvalid => "email_invalid",
            FormProblem::EmailTaken => "email_taken",
            FormProblem::NameMissing => "name_missing",
            FormProblem::PasswordTooShort => "password_too_short",
            FormProblem::CredentialsWrong => "credentials_wrong",
            FormProblem::TooManyAttempts => "too_many_attempts",
            FormProblem::SetupClosed => "setup_closed",
            FormProblem::OrganizationNameMissing => "organization_name_missing",
            FormProblem::SectorMissing => "sector_missing",
            FormProblem::RfcInvalid => "rfc_invalid",
            FormProblem::ReferenceDateInvalid => "reference_date_invalid",
            FormProblem::ReferenceDateOutOfRange => "reference_date_out_of_range",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|problem| problem.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for problem in FormProblem::ALL {
            assert_eq!(FormProblem::from_code(problem.code()), Some(problem));
        }
        assert_eq!(FormProblem::from_code("nope"), None);
    }
}
