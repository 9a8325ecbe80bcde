//! `check --statistics`: how often each rule was found, as `ruff --statistics` prints it, instead
//! of the findings. One row per rule that fired: the count, the rule id, its severity and its
//! message (as the first finding had it), the most frequent first, ties by rule id. With
//! `--format json` the same rows as a JSON array.

use super::place::one_line;
use super::{Checked, Reporter};
use crate::taxonomy::Severity;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The statistics reporter.
#[derive(Debug, Default)]
pub struct StatisticsReporter {
    json: bool,
    rules: BTreeMap<String, Row>,
}

/// One rule's count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The rule id.
    pub rule: String,
    /// How many findings.
    pub count: usize,
    /// The rule's severity.
    pub severity: Severity,
    /// The message of the rule's first finding.
    pub message: String,
}

impl StatisticsReporter {
    /// A reporter writing a table, or JSON when `json`.
    pub fn new(json: bool) -> Self {
        Self {
            json,
            rules: BTreeMap::new(),
        }
    }

    /// The rows, the most frequent first, ties by rule id.
    pub fn rows(&self) -> Vec<&Row> {
        let mut rows: Vec<&Row> = self.rules.values().collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(&b.rule)));
        rows
    }
}

impl Reporter for StatisticsReporter {
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn document(&mut self, checked: &Checked, _out: &mut dyn Write) -> io::Result<()> {
        for finding in &checked.findings {
            self.rules
                .entry(finding.rule.to_string())
                .or_insert_with(|| Row {
                    rule: finding.rule.to_string(),
                    count: 0,
                    severity: finding.severity,
                    message: one_line(&finding.message),
                })
                .count += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let rows = self.rows();
        if self.json {
            let text = serde_json::to_string_pretty(&rows).map_err(io::Error::other)?;
            return writeln!(out, "{text}");
        }
        let count_width = rows
            .iter()
            .map(|r| r.count.to_string().len())
            .max()
            .unwrap_or(1);
        let id_width = rows.iter().map(|r| r.rule.len()).max().unwrap_or(0);
        for row in rows {
            writeln!(
                out,
                "{:>count_width$}  {:id_width$}  {:7}  {}",
                row.count,
                row.rule,
                row.severity.id(),
                row.message
            )?;
        }
        Ok(())
    }
}
