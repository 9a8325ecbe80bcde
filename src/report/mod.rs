//! Output formats, one file each. Reports only format: they never match text or read files.
//!
//! Every `check` format is a [`Reporter`]: it is given the documents one at a time, in input
//! order, so a run over a huge export never holds more than one batch of ads in memory.

pub mod audit;
pub mod github;
pub mod json;
pub mod markdown;
pub mod place;
pub mod sarif;
pub mod text;

use crate::engine::Finding;
use crate::posting::Document;
use crate::suppress::Suppression;
use crate::taxonomy::{Category, Severity};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// One checked ad: the document, its findings (sorted by position, then rule id) and its inline
/// suppressions.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The ad.
    pub document: Document,
    /// Its findings, after inline suppressions (before `--select`/`--ignore`).
    pub findings: Vec<Finding>,
    /// Its suppression comments, in file order, each with its reason and how many findings it
    /// removed (for the audit: who said why). Not part of the `check` JSON output.
    pub suppressions: Vec<Suppression>,
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
    /// Ads skipped because they have no text (empty, inactive, masked); not in `documents`.
    /// Left out of the JSON when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// An ad that was skipped, as reports list it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// The ad: its record name, title and uuid.
    pub path: String,
    /// Why it was skipped.
    pub reason: String,
}

impl Summary {
    /// Adds one checked ad.
    pub fn add(&mut self, checked: &Checked) {
        self.documents += 1;
        for finding in &checked.findings {
            self.findings += 1;
            *self.by_severity.entry(finding.severity).or_default() += 1;
            *self.by_category.entry(finding.category).or_default() += 1;
        }
    }

    /// Counts the findings of `checked`.
    pub fn of(checked: &[Checked]) -> Summary {
        let mut summary = Summary::default();
        for c in checked {
            summary.add(c);
        }
        summary
    }
}

/// A `check` output format, fed one document at a time in input order.
pub trait Reporter {
    /// Writes what comes before the first document.
    ///
    /// # Errors
    /// When writing fails.
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()>;
    /// Writes one checked document.
    ///
    /// # Errors
    /// When writing fails.
    fn document(&mut self, checked: &Checked, out: &mut dyn Write) -> io::Result<()>;
    /// Notes an ad that was skipped (it has no text); the report counts it as skipped. By
    /// default a format only counts it on standard error (the command does that).
    ///
    /// # Errors
    /// When writing fails.
    fn skipped(&mut self, skipped: &Skipped, out: &mut dyn Write) -> io::Result<()> {
        let _ = (skipped, out);
        Ok(())
    }
    /// Writes what comes after the last document.
    ///
    /// # Errors
    /// When writing fails.
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()>;
}

/// Renders `checked` with `reporter` into a string (for tests and small inputs).
pub fn render_all(reporter: &mut dyn Reporter, checked: &[Checked]) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = reporter.start(&mut out);
    for c in checked {
        let _ = reporter.document(c, &mut out);
    }
    let _ = reporter.finish(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}
