//! `--format json`: the stable version-1 shape of design.md §5, streamed document by document.

use super::{Checked, Reporter, Skipped, Summary};
use crate::engine::Finding;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

#[derive(Serialize)]
struct DocumentOut<'a> {
    path: &'a str,
    title: Option<&'a str>,
    language: crate::taxonomy::Language,
    /// What identifies an ad of an export (`uuid`, `link`, `employer`, …; see
    /// [`crate::posting::REPORTED`]), and `encoding` for a file that was re-encoded.
    #[serde(flatten)]
    identity: BTreeMap<&'static str, serde_json::Value>,
    findings: &'a [Finding],
}

/// The metadata of `document` that the report carries (design.md §5): for an ad of an export,
/// the keys of [`crate::posting::REPORTED`] it has; for any file, `encoding` when it was not
/// UTF-8.
pub fn identity(document: &crate::posting::Document) -> BTreeMap<&'static str, serde_json::Value> {
    let mut out = BTreeMap::new();
    if document.format == crate::posting::Format::Json {
        for key in crate::posting::REPORTED {
            if let Some(value) = document.metadata.get(*key) {
                out.insert(*key, value.clone());
            }
        }
    }
    if let Some(encoding) = document.encoding {
        out.insert("encoding", serde_json::Value::from(encoding));
    }
    out
}

/// The JSON reporter.
#[derive(Debug, Default)]
pub struct JsonReporter {
    summary: Summary,
    skipped: Vec<Skipped>,
}

impl JsonReporter {
    /// A new reporter.
    pub fn new() -> Self {
        Self::default()
    }
}

/// Writes `value` as pretty JSON with every line after the first indented by `indent`, straight
/// to `out`: an ad with 100 000 findings is never held as one string (issue 13). JSON strings
/// hold no raw newline, so every `\n` written is a line break of the layout.
fn write_indented(value: &impl Serialize, indent: &str, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = Indent {
        out,
        indent: indent.as_bytes(),
    };
    serde_json::to_writer_pretty(&mut writer, value).map_err(io::Error::from)
}

/// A writer that writes `indent` after every newline.
struct Indent<'a> {
    out: &'a mut dyn Write,
    indent: &'a [u8],
}

impl Write for Indent<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for line in buf.split_inclusive(|&b| b == b'\n') {
            self.out.write_all(line)?;
            if line.ends_with(b"\n") {
                self.out.write_all(self.indent)?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
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
            identity: identity(&checked.document),
            findings: &checked.findings,
        };
        let separator = if self.summary.documents == 0 { "" } else { "," };
        self.summary.add(checked);
        write!(out, "{separator}\n    ")?;
        write_indented(&doc, "    ", out)
    }

    fn skipped(&mut self, skipped: &Skipped, _out: &mut dyn Write) -> io::Result<()> {
        self.summary.skipped += 1;
        self.skipped.push(skipped.clone());
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let close = if self.summary.documents == 0 {
            "]"
        } else {
            "\n  ]"
        };
        write!(out, "{close},")?;
        if !self.skipped.is_empty() {
            write!(out, "\n  \"skipped\": {},", indented(&self.skipped, "  ")?)?;
        }
        writeln!(
            out,
            "\n  \"summary\": {}\n}}",
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
