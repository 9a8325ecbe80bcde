//! `--format json`: the stable version-1 shape of design.md §5.

use super::{Checked, Summary};
use crate::engine::Finding;
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    tool: Tool,
    documents: Vec<DocumentOut<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    path: &'a str,
    title: Option<&'a str>,
    language: crate::taxonomy::Language,
    findings: &'a [Finding],
}

/// Renders the check report as pretty JSON (with a final newline).
pub fn render(checked: &[Checked]) -> String {
    let report = Report {
        version: 1,
        tool: Tool {
            name: "terskel",
            version: env!("CARGO_PKG_VERSION"),
        },
        documents: checked
            .iter()
            .map(|c| DocumentOut {
                path: &c.document.path,
                title: c.document.title.as_deref(),
                language: c.document.language,
                findings: &c.findings,
            })
            .collect(),
        summary: Summary::of(checked),
    };
    // Serialising these plain structs cannot fail; fall back to an empty object rather than panic.
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}
