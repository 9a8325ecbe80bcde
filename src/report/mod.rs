//! Output formats, one file each. Reports only format: they never match text or read files.

pub mod json;
pub mod markdown;

use crate::engine::Finding;
use crate::posting::Document;
use crate::taxonomy::{Category, Severity};
use std::collections::BTreeMap;

/// One checked ad: the document and its findings (sorted by position, then rule id).
#[derive(Debug, Clone)]
pub struct Checked {
    /// The ad.
    pub document: Document,
    /// Its findings.
    pub findings: Vec<Finding>,
}

/// Totals over a set of checked ads.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Number of ads.
    pub documents: usize,
    /// Number of findings.
    pub findings: usize,
    /// Findings per severity (only severities that occur).
    pub by_severity: BTreeMap<Severity, usize>,
    /// Findings per category (only categories that occur).
    pub by_category: BTreeMap<Category, usize>,
}

impl Summary {
    /// Counts the findings of `checked`.
    pub fn of(checked: &[Checked]) -> Summary {
        let mut summary = Summary {
            documents: checked.len(),
            ..Summary::default()
        };
        for finding in checked.iter().flat_map(|c| &c.findings) {
            summary.findings += 1;
            *summary.by_severity.entry(finding.severity).or_default() += 1;
            *summary.by_category.entry(finding.category).or_default() += 1;
        }
        summary
    }
}
