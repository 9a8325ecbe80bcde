//! `--format text`: one line per finding, `path:line:col: severity [rule] message`, the shape
//! compilers, editors and `grep` understand (design.md §4).
//!
//! The path is the file the ad came from and line and column point into it (for an ad of a JSON
//! export too). A finding about the whole ad has no span of its own; it is placed at the start of
//! the ad (`path:1:1:` for a file; see [`super::place`]), so every line has the same shape.
//! Nothing else is written: an ad without findings gives no line, and there is no summary.

use super::place::{one_line, Place};
use super::{Checked, Reporter};
use std::io::{self, Write};

/// The text reporter.
#[derive(Debug, Default)]
pub struct TextReporter;

impl TextReporter {
    /// A new reporter.
    pub fn new() -> Self {
        Self
    }
}

impl Reporter for TextReporter {
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn document(&mut self, checked: &Checked, out: &mut dyn Write) -> io::Result<()> {
        for finding in &checked.findings {
            let place = Place::of(&checked.document, finding);
            writeln!(
                out,
                "{}:{}:{}: {} [{}] {}",
                place.file,
                place.line,
                place.column,
                finding.severity.id(),
                finding.rule,
                one_line(&finding.message)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}
