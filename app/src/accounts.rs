//! What the account forms can get wrong, shared by the server that checks and the pages that say.

use serde::{Deserialize, Serialize};

/// One problem with what a person typed into an account form. Each has a message in every
/// language (see `i18n`); the server sends the code, the page says it next to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountProblem {
    EmailInvalid,
    EmailTaken,
    NameMissing,
    PasswordTooShort,
    /// Email and password do not match an account. Deliberately one message for both, so the
    /// form does not tell whether an email is registered.
    CredentialsWrong,
    TooManyAttempts,
    SetupClosed,
}

impl AccountProblem {
    pub const ALL: [AccountProblem; 7] = [
        AccountProblem::EmailInvalid,
        AccountProblem::EmailTaken,
        AccountProblem::NameMissing,
        AccountProblem::PasswordTooShort,
        AccountProblem::CredentialsWrong,
        AccountProblem::TooManyAttempts,
        AccountProblem::SetupClosed,
    ];

    /// The code carried in a redirect's query string (`?error=…`).
    pub const fn code(self) -> &'static str {
        match self {
            AccountProblem::EmailInvalid => "email_invalid",
            AccountProblem::EmailTaken => "email_taken",
            AccountProblem::NameMissing => "name_missing",
            AccountProblem::PasswordTooShort => "password_too_short",
            AccountProblem::CredentialsWrong => "credentials_wrong",
            AccountProblem::TooManyAttempts => "too_many_attempts",
            AccountProblem::SetupClosed => "setup_closed",
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
        for problem in AccountProblem::ALL {
            assert_eq!(AccountProblem::from_code(problem.code()), Some(problem));
        }
        assert_eq!(AccountProblem::from_code("nope"), None);
    }
}
