//! Markdown → units, with byte ranges into the original file.
//!
//! Owns the Markdown structure: `pulldown-cmark`'s offset iterator gives every event its range in
//! the file, so every unit is a range of the original text (front matter included; the parser
//! only sees the body and its ranges are shifted back). Headings (`#`…`######`) are headings, the
//! first `#` heading is the title, each list item is one unit (its own text only: no marker, no
//! nested list), and paragraphs are read line by line by [`super::lines`] (bold lead-ins, colon
//! lines, portal fields). Inline markup stays in the text. HTML blocks (comments) are skipped.
//!
//! A `#`-heading longer than 12 words is read as prose: ads pasted from portals put whole
//! introductions in heading markup, and text in no item would be invisible to the rules.

use super::builder::Unit;
use super::lines;
use super::words;
use super::Vocabulary;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Longest `#` heading (in words) that is read as a heading rather than as prose.
const MAX_HEADING_WORDS: usize = 12;

/// Most container markers (`>`, `-`, `*`, `+`, `1.`) read at the start of one line. The parser
/// checks every open container on every line, so its time and memory grow with the nesting depth;
/// markers beyond this are read as text ([`cap_nesting`]).
const MAX_LINE_NESTING: usize = 32;

/// The column from which a container marker is read as text: nesting by indentation (a list
/// inside a list item two columns in, …) stays below this depth times two.
const MAX_MARKER_COLUMN: usize = 128;

/// A block-level element being read.
#[derive(Debug)]
enum Frame {
    /// A heading and the range of its inline content so far.
    Heading(HeadingLevel, Option<Range<usize>>),
    /// A paragraph, code block or table cell: running text.
    Text(Option<Range<usize>>),
    /// A list item and the range of its own text so far.
    Item(Option<Range<usize>>),
    /// HTML blocks: skipped.
    Html,
    /// Any other container (lists, quotes, tables, rows).
    Other,
}

/// The units of the Markdown body of `text`, which starts at byte `body_start`.
pub(crate) fn units(text: &str, body_start: usize, vocabulary: &Vocabulary) -> Vec<Unit> {
    let body = text.get(body_start..).unwrap_or("");
    let mut reader = Reader {
        text,
        vocabulary,
        out: Vec::new(),
        stack: Vec::new(),
        title_seen: false,
    };
    let flat = cap_nesting(body);
    let body = flat.as_deref().unwrap_or(body);
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        reader.event(event, range);
    }
    reader.out
}

/// The state of one pass over the events.
struct Reader<'t> {
    text: &'t str,
    vocabulary: &'t Vocabulary,
    out: Vec<Unit>,
    stack: Vec<Frame>,
    title_seen: bool,
}

impl Reader<'_> {
    /// Handles one event with its range in the file.
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => self.extend(range),
            Event::Html(_) | Event::DisplayMath(_) | Event::Rule => {}
        }
    }

    /// A tag opens: block tags push a frame, inline tags extend the current content.
    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let frame = match tag {
            Tag::Heading { level, .. } => Frame::Heading(level, None),
            Tag::Paragraph | Tag::CodeBlock(_) | Tag::TableCell => Frame::Text(None),
            Tag::Item => Frame::Item(None),
            Tag::HtmlBlock => Frame::Html,
            Tag::List(_) => {
                // The parent item's own text ends where its nested list begins.
                if let Some(Frame::Item(content)) = self.stack.last_mut() {
                    if let Some(r) = content.take() {
                        self.emit_item(r);
                    }
                }
                Frame::Other
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. } => {
                self.extend(range);
                return;
            }
            Tag::BlockQuote(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::MetadataBlock(_) => Frame::Other,
        };
        self.stack.push(frame);
    }

    /// A tag closes: block frames are popped and turned into units.
    fn end(&mut self, tag: TagEnd) {
        if matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ) {
            return;
        }
        match self.stack.pop() {
            Some(Frame::Heading(level, Some(r))) => self.emit_heading(level, r),
            Some(Frame::Text(Some(r))) => {
                if let Some(Frame::Item(content)) = self.stack.last_mut() {
                    // A paragraph of a loose list item is part of the item.
                    *content = Some(union(content.take(), r));
                } else {
                    lines::push_lines(self.text, r, true, false, self.vocabulary, &mut self.out);
                }
            }
            Some(Frame::Item(Some(r))) => self.emit_item(r),
            _ => {}
        }
    }

    /// Inline content: widens the innermost frame that holds text.
    fn extend(&mut self, range: Range<usize>) {
        match self.stack.last_mut() {
            Some(Frame::Heading(_, content) | Frame::Text(content) | Frame::Item(content)) => {
                *content = Some(union(content.take(), range));
            }
            Some(Frame::Html | Frame::Other) | None => {}
        }
    }

    /// A finished heading: the title, a heading, or (when long) prose.
    fn emit_heading(&mut self, level: HeadingLevel, range: Range<usize>) {
        let raw = self.text.get(range.clone()).unwrap_or("");
        if level == HeadingLevel::H1 && !self.title_seen {
            self.title_seen = true;
            self.out.push(Unit::Title(range));
        } else if words::count(raw) > MAX_HEADING_WORDS {
            self.out.push(Unit::Prose(range));
        } else {
            self.out.push(Unit::Heading(range));
        }
    }

    /// A list item's own text: a portal field or a list item.
    fn emit_item(&mut self, range: Range<usize>) {
        let raw = self.text.get(range.clone()).unwrap_or("");
        if lines::is_field(raw, self.vocabulary) {
            self.out.push(Unit::Field(range));
        } else {
            self.out.push(Unit::List(range));
        }
    }
}

/// `body` with the container markers that would nest too deep (more than [`MAX_LINE_NESTING`] on
/// one line, or at or after column [`MAX_MARKER_COLUMN`]) turned into text, byte for byte: the
/// marker character becomes `.`, so offsets stay the same and the line reads as a paragraph
/// (`. . x`). `None` when no line nests that deep.
fn cap_nesting(body: &str) -> Option<String> {
    let bytes = body.as_bytes();
    let mut flat: Option<Vec<u8>> = None;
    let mut line_start = 0;
    while line_start < bytes.len() {
        let line_end = bytes
            .get(line_start..)
            .and_then(|b| b.iter().position(|&b| b == b'\n'))
            .map_or(bytes.len(), |p| line_start + p + 1);
        let (mut i, mut column, mut markers) = (line_start, 0usize, 0usize);
        while i < line_end {
            match bytes.get(i) {
                Some(b' ') => column += 1,
                Some(b'\t') => column += 4 - column % 4,
                Some(&c @ (b'>' | b'-' | b'*' | b'+')) => {
                    let is_marker =
                        c == b'>' || matches!(bytes.get(i + 1), Some(b' ' | b'\t' | b'\n' | b'\r'));
                    if !is_marker {
                        break;
                    }
                    if markers >= MAX_LINE_NESTING || column >= MAX_MARKER_COLUMN {
                        set(&mut flat, bytes, i, b'.');
                        break;
                    }
                    markers += 1;
                    column += 1;
                }
                Some(b'0'..=b'9') => {
                    let digits = bytes
                        .get(i..line_end)
                        .map_or(0, |b| b.iter().take_while(|b| b.is_ascii_digit()).count());
                    let delimiter = i + digits;
                    let is_marker = digits <= 9
                        && matches!(bytes.get(delimiter), Some(b'.' | b')'))
                        && matches!(bytes.get(delimiter + 1), Some(b' ' | b'\t' | b'\n' | b'\r'));
                    if !is_marker {
                        break;
                    }
                    if markers >= MAX_LINE_NESTING || column >= MAX_MARKER_COLUMN {
                        set(&mut flat, bytes, delimiter, b' ');
                        break;
                    }
                    markers += 1;
                    column += digits + 1;
                    i = delimiter;
                }
                _ => break,
            }
            i += 1;
        }
        line_start = line_end;
    }
    // Only ASCII bytes were replaced by ASCII bytes.
    flat.and_then(|f| String::from_utf8(f).ok())
}

/// Sets byte `at` of the copy of `bytes` (made on first use) to `to`.
fn set(flat: &mut Option<Vec<u8>>, bytes: &[u8], at: usize, to: u8) {
    if let Some(b) = flat.get_or_insert_with(|| bytes.to_vec()).get_mut(at) {
        *b = to;
    }
}

/// The smallest range covering `a` (if any) and `b`.
fn union(a: Option<Range<usize>>, b: Range<usize>) -> Range<usize> {
    match a {
        Some(a) => a.start.min(b.start)..a.end.max(b.end),
        None => b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<String> {
        units(text, 0, crate::rules::default_vocabulary())
            .into_iter()
            .map(|u| u.show(text))
            .collect()
    }

    #[test]
    fn deep_nesting_on_one_line_is_read_as_text() {
        let deep = format!("{}Fagbrev\n", "- ".repeat(MAX_LINE_NESTING + 5));
        let flat = cap_nesting(&deep).unwrap();
        assert_eq!(flat.len(), deep.len());
        assert_eq!(flat.find(". "), Some(2 * MAX_LINE_NESTING));
        let ordered = format!("{}x\n", "1. ".repeat(MAX_LINE_NESTING + 1));
        assert_eq!(
            cap_nesting(&ordered).unwrap().find("1  "),
            Some(3 * MAX_LINE_NESTING)
        );
        let indented = format!("{}- x\n", " ".repeat(MAX_MARKER_COLUMN));
        assert_eq!(cap_nesting(&indented).unwrap().trim(), ". x");
        assert!(cap_nesting("- a\n  - b\n    1. c\n> - d\n-x\n**y**\n").is_none());
        assert!(show(&deep).iter().any(|u| u.contains("Fagbrev")));
    }

    #[test]
    fn headings_lists_and_lead_ins() {
        let text = "# Reinhaldar til skulen\n\nVi treng deg.\n\n## Arbeidsoppgåver\n\n\
                    - Reinhald av klasserom\n- Enkelt vedlikehald\n  - skifte pærer\n\n\
                    **Kvalifikasjonar:** Gjerne erfaring.\n\nKrav til kompetanse:\n\n\
                    1. Førarkort\n\n<!-- terskel-disable-next-line x: grunn -->\nSpråk: Norsk\n";
        assert_eq!(
            show(text),
            vec![
                "T Reinhaldar til skulen",
                "P Vi treng deg.",
                "H Arbeidsoppgåver",
                "L Reinhald av klasserom",
                "L Enkelt vedlikehald",
                "L skifte pærer",
                "H Kvalifikasjonar",
                "P Gjerne erfaring.",
                "H Krav til kompetanse:",
                "L Førarkort",
                "F Språk: Norsk",
            ]
        );
    }

    #[test]
    fn colon_lines_inside_a_paragraph_start_blocks() {
        let text = "Spørsmål om stillingen kan rettes til:\nKari Nordmann, tlf. 12 34 56 78\n";
        assert_eq!(
            show(text),
            vec![
                "H Spørsmål om stillingen kan rettes til:",
                "P Kari Nordmann, tlf. 12 34 56 78"
            ]
        );
    }

    #[test]
    fn loose_list_items_and_long_headings() {
        let text = "- Første punkt\n\n  med mer tekst.\n- Andre\n\n\
                    ### Vil du jobbe hos oss i en kommune som satser på folk og natur?\n";
        assert_eq!(
            show(text),
            vec![
                "L Første punkt\n\n  med mer tekst.",
                "L Andre",
                "P Vil du jobbe hos oss i en kommune som satser på folk og natur?",
            ]
        );
    }
}
