//! `--format github`: GitHub Actions workflow commands, one per finding, which GitHub shows as
//! annotations on the files of a pull request:
//! `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
//!
//! Errors are `::error`, warnings `::warning`, info `::notice`. The title is the rule id; the
//! message is the finding's message and, after a blank line, the suggested wording. A finding
//! about the whole ad is placed on the ad's first line without columns (see [`super::place`]).
//! Values are escaped as the runner expects: `%`, `\r` and `\n` in the message, and also `:` and
//! `,` in the properties.

use super::place::Place;
use super::{Checked, Reporter};
use crate::taxonomy::Severity;
use std::io::{self, Write};

/// The GitHub workflow-command reporter.
#[derive(Debug, Default)]
pub struct GithubReporter;

impl GithubReporter {
    /// A new reporter.
    pub fn new() -> Self {
        Self
    }
}

/// The workflow command for a severity.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Joins the hard-wrapped lines of a Markdown paragraph (an annotation wraps by itself); blank
/// lines, list items and quotes keep their line breaks.
fn reflow(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_paragraph = false;
    for line in markdown.trim().lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if in_paragraph {
                out.push_str("\n\n");
            }
            in_paragraph = false;
            continue;
        }
        if in_paragraph {
            out.push(if starts_block(trimmed) { '\n' } else { ' ' });
        }
        out.push_str(trimmed);
        in_paragraph = true;
    }
    out
}

/// True for a line that starts a list item or quote (`- `, `* `, `> `, `1. `).
fn starts_block(line: &str) -> bool {
    let numbered = line
        .split_once(['.', ')'])
        .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    numbered || ["- ", "* ", "+ ", "> "].iter().any(|m| line.starts_with(m))
}

/// Escapes the message (data) of a workflow command.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl Reporter for GithubReporter {
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn document(&mut self, checked: &Checked, out: &mut dyn Write) -> io::Result<()> {
        for finding in &checked.findings {
            let place = Place::of(&checked.document, finding);
            let file = escape_property(place.file.strip_prefix("./").unwrap_or(place.file));
            let position = if finding.span.is_some() {
                format!(
                    "line={},col={},endLine={},endColumn={}",
                    place.line, place.column, place.end_line, place.end_column
                )
            } else {
                format!("line={}", place.line)
            };
            let mut message = finding.message.trim().to_string();
            let suggestion = reflow(&finding.suggestion);
            if !suggestion.is_empty() {
                message.push_str("\n\n");
                message.push_str(&suggestion);
            }
            writeln!(
                out,
                "::{} file={file},{position},title={}::{}",
                command(finding.severity),
                escape_property(&finding.rule),
                escape_data(&message)
            )?;
        }
        Ok(())
    }

    fn skipped(&mut self, skipped: &super::Skipped, out: &mut dyn Write) -> io::Result<()> {
        // A skipped ad is a warning annotation without a place: the run still passes.
        writeln!(
            out,
            "::warning title={}::{}",
            escape_property("terskel: ad skipped"),
            escape_data(&format!("{}: {}", skipped.path, skipped.reason))
        )
    }

    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_reflowed_but_keep_lists() {
        assert_eq!(
            reflow("Skriv heller:\n«Fagbrev, eller\nerfaring.»\n\n- en\n- to\n"),
            "Skriv heller: «Fagbrev, eller erfaring.»\n\n- en\n- to"
        );
    }

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(
            escape_data("50 %\r\nny linje: a, b"),
            "50 %25%0D%0Any linje: a, b"
        );
        assert_eq!(escape_property("dir/a:b,c%.md"), "dir/a%3Ab%2Cc%25.md");
    }
}
