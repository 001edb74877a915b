//! The legal requirements catalog: what Mexican law asks, article by article.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::text::Text;

/// How grave a breach of a requirement is. Ordered from the most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Child labour, forced labour, or life-threatening.
    Critical,
    /// A core obligation whose breach directly harms workers.
    High,
    /// Management system or documentation.
    Medium,
    /// Limited relevance for the sector.
    Low,
}

/// Whether a requirement's reading of the law was checked in a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Confirmed,
    /// From general knowledge: verify before relying on it.
    Unconfirmed,
}

/// A legal instrument: a law, a regulation, a NOM, a convention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instrument {
    pub key: String,
    pub name: Text,
}

/// One legal obligation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    pub id: String,
    pub instrument: String,
    pub article: String,
    pub summary: Text,
    pub severity: Severity,
    /// A breach no score can offset: child labour under the minimum age, hazardous work by
    /// minors, forced labour and its indicators. An answer at *gap* on it is a zero-tolerance
    /// finding, and the assessment is rated critical. Marked in the catalog, never derived.
    #[serde(default)]
    pub zero_tolerance: bool,
    pub evidence: Text,
    pub confidence: Confidence,
    pub confidence_note: Option<String>,
    pub sources: Vec<String>,
    pub tags: Vec<String>,
}

/// Every instrument and requirement, validated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    pub instruments: BTreeMap<String, Instrument>,
    pub requirements: Vec<Requirement>,
}

impl Catalog {
    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|requirement| requirement.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_severe_sorts_first() {
        let mut severities = vec![Severity::Low, Severity::Critical, Severity::Medium, Severity::High];
        severities.sort();
        assert_eq!(severities, [Severity::Critical, Severity::High, Severity::Medium, Severity::Low]);
    }
}
