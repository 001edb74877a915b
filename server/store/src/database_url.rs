//! Database URLs.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// The embedded default: an SQLite file under `data/`, created with its folder on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/senda.db";

/// A database URL whose password never reaches a log line.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_sqlite(&self) -> bool {
        self.0.starts_with("sqlite:")
    }

    /// The file of an SQLite URL (`sqlite://data/senda.db?mode=rwc` → `data/senda.db`); `None`
    /// for in-memory databases and other backends.
    pub fn sqlite_file(&self) -> Option<PathBuf> {
        let rest = self.0.strip_prefix("sqlite:")?;
        let rest = rest.strip_prefix("//").unwrap_or(rest);
        let path = rest.split('?').next().unwrap_or_default();
        (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
    }

    /// The URL with any password replaced by `***`.
    pub fn redacted(&self) -> String {
        let Some((scheme, rest)) = self.0.split_once("://") else { return self.0.clone() };
        let Some((credentials, host)) = rest.split_once('@') else { return self.0.clone() };
        match credentials.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
            None => self.0.clone(),
        }
    }
}

impl FromStr for DatabaseUrl {
    type Err = String;

    fn from_str(url: &str) -> Result<Self, Self::Err> {
        let url = url.trim();
        if url.starts_with("sqlite:") || url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self(url.to_owned()))
        } else {
            Err("expected a URL starting with sqlite: or postgres://".to_owned())
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> DatabaseUrl {
        s.parse().unwrap()
    }

    #[test]
    fn passwords_never_show() {
        let pg = url("postgres://senda:s3cret@db.internal:5432/senda");
        assert_eq!(pg.redacted(), "postgres://senda:***@db.internal:5432/senda");
        assert!(!format!("{pg:?} {pg}").contains("s3cret"));
        assert_eq!(url("postgres://senda@localhost/senda").redacted(), "postgres://senda@localhost/senda");
    }

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(url(DEFAULT_DATABASE_URL).sqlite_file(), Some(PathBuf::from("data/senda.db")));
        assert_eq!(url("sqlite:/tmp/x.db?mode=rwc").sqlite_file(), Some(PathBuf::from("/tmp/x.db")));
        assert_eq!(url("sqlite::memory:").sqlite_file(), None);
        assert_eq!(url("postgres://localhost/senda").sqlite_file(), None);
    }

    #[test]
    fn other_schemes_are_refused() {
        assert!("mysql://localhost/senda".parse::<DatabaseUrl>().is_err());
        assert!("data/senda.db".parse::<DatabaseUrl>().is_err());
    }
}
