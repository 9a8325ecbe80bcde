//! Byte spans and their line/column positions in an original file.
//!
//! Owns the mapping from byte offsets to 1-based line and column numbers (columns counted in
//! Unicode characters, as design.md §5 requires). It does not know what the text means.

use serde::Serialize;

/// A half-open byte range into the original file, with its 1-based line/column positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// First byte (inclusive), an offset into the original file.
    pub start: usize,
    /// Last byte (exclusive).
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in Unicode characters.
    pub column: usize,
    /// 1-based line of `end`.
    pub end_line: usize,
    /// 1-based column of `end`, in Unicode characters.
    pub end_column: usize,
}

/// A line/column position in a text, both 1-based; the column counts Unicode characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in Unicode characters.
    pub column: usize,
}

/// Start offsets of every line of a text, for turning byte offsets into positions.
///
/// A line ends after `\n`; a `\r` before it belongs to the line, so CRLF files count the same
/// lines as LF files and columns never count the `\r`.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`. A line ends at `\n`, at `\r\n`, or at a lone `\r`
    /// (old Mac line endings, still written by some exports).
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
                .map(|(i, _)| i + 1),
        );
        Self { starts }
    }

    /// The position of byte `offset` in `text` (the same text the index was built from).
    ///
    /// Offsets past the end or inside a UTF-8 sequence are clamped to the nearest valid place.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset);
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let line_start = self.starts.get(line).copied().unwrap_or(0);
        let column = text
            .get(line_start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// The span of bytes `start..end` of `text`, with positions.
    pub fn span(&self, text: &str, start: usize, end: usize) -> Span {
        let a = self.position(text, start);
        let b = self.position(text, end.max(start));
        Span {
            start,
            end: end.max(start),
            line: a.line,
            column: a.column,
            end_line: b.line,
            end_column: b.column,
        }
    }

    /// The byte range of the 1-based `line`, without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let next = self.starts.get(line).copied().unwrap_or(text.len());
        let mut end = next;
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        Some(start..end)
    }

    /// Number of lines in the text.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// The largest char boundary of `text` at or below `offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "Søknad\nKrav: førerkort";
        let idx = LineIndex::new(text);
        let at = text.find("førerkort").unwrap();
        assert_eq!(idx.position(text, at), Position { line: 2, column: 7 });
        let s = idx.span(text, at, at + "førerkort".len());
        assert_eq!((s.end_line, s.end_column), (2, 16));
    }

    #[test]
    fn crlf_lines_do_not_count_carriage_returns() {
        let text = "a\r\nbæ\r\nc";
        let idx = LineIndex::new(text);
        assert_eq!(
            idx.position(text, text.find('c').unwrap()),
            Position { line: 3, column: 1 }
        );
        assert_eq!(idx.line_range(text, 2), Some(3..6));
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let text = "æ";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 1), Position { line: 1, column: 1 });
        assert_eq!(idx.position(text, 99), Position { line: 1, column: 2 });
    }
}
