//! Where a finding is, for the formats that point into files (`text`, `sarif`, `github`).
//!
//! Owns two decisions shared by those formats: the **file** is the path of the file the ad came
//! from (for an ad of a JSON export, without its `:LINE` or `#N`), and a **finding about the whole
//! ad** (something missing) is placed at the start of the ad: line 1, column 1 of a file, or the
//! first text of a JSON record (its title), so that the ads of one export stay apart.

use crate::engine::Finding;
use crate::posting::{json, Document, Format};

/// A finding's place in a file: 1-based lines, columns in Unicode characters (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place<'a> {
    /// The file, as the user gave it.
    pub file: &'a str,
    /// First line.
    pub line: usize,
    /// First column.
    pub column: usize,
    /// Last line.
    pub end_line: usize,
    /// The column after the last character.
    pub end_column: usize,
    /// Byte offsets in the file, for findings with a span.
    pub bytes: Option<(usize, usize)>,
}

impl<'a> Place<'a> {
    /// The place of `finding` in `document`.
    pub fn of(document: &'a Document, finding: &Finding) -> Self {
        let file = json::file_of(document);
        match finding.span {
            Some(span) => Place {
                file,
                line: span.line,
                column: span.column,
                end_line: span.end_line,
                end_column: span.end_column,
                bytes: Some((span.start, span.end)),
            },
            None => {
                let (line, column) = start_of(document);
                Place {
                    file,
                    line,
                    column,
                    end_line: line,
                    end_column: column,
                    bytes: None,
                }
            }
        }
    }
}

/// The line and column where an ad starts (see the module docs).
pub fn start_of(document: &Document) -> (usize, usize) {
    if document.format == Format::Json {
        let span = document.span(0..0);
        (span.line, span.column)
    } else {
        (document.source.first_line, 1)
    }
}

/// `text` on one line: runs of whitespace (line breaks included) become one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
