//! `--format json`: the stable version-1 shape of design.md §5, streamed document by document.

use super::{Checked, Reporter, Summary};
use crate::engine::Finding;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct DocumentOut<'a> {
    path: &'a str,
    title: Option<&'a str>,
    language: crate::taxonomy::Language,
    findings: &'a [Finding],
}

/// The JSON reporter.
#[derive(Debug, Default)]
pub struct JsonReporter {
    summary: Summary,
}

impl JsonReporter {
    /// A new reporter.
    pub fn new() -> Self {
        Self::default()
    }
}

fn indented(value: &impl Serialize, indent: &str) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    Ok(text.replace('\n', &format!("\n{indent}")))
}

impl Reporter for JsonReporter {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{{\n  \"version\": 1,\n  \"tool\": {{\n    \"name\": \"terskel\",\n    \"version\": \"{}\"\n  }},\n  \"documents\": [",
            env!("CARGO_PKG_VERSION")
        )
    }

    fn document(&mut self, checked: &Checked, out: &mut dyn Write) -> io::Result<()> {
        let doc = DocumentOut {
            path: &checked.document.path,
            title: checked.document.title.as_deref(),
            language: checked.document.language,
            findings: &checked.findings,
        };
        let separator = if self.summary.documents == 0 { "" } else { "," };
        self.summary.add(checked);
        write!(out, "{separator}\n    {}", indented(&doc, "    ")?)
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let close = if self.summary.documents == 0 {
            "]"
        } else {
            "\n  ]"
        };
        writeln!(
            out,
            "{close},\n  \"summary\": {}\n}}",
            indented(&self.summary, "  ")?
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_report_is_valid_json() {
        let text = super::super::render_all(&mut JsonReporter::new(), &[]);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["version"], 1);
        assert_eq!(value["documents"], serde_json::json!([]));
        assert_eq!(value["summary"]["documents"], 0);
    }
}
