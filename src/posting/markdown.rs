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
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Longest `#` heading (in words) that is read as a heading rather than as prose.
const MAX_HEADING_WORDS: usize = 12;

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
pub(crate) fn units(text: &str, body_start: usize) -> Vec<Unit> {
    let body = text.get(body_start..).unwrap_or("");
    let mut reader = Reader {
        text,
        out: Vec::new(),
        stack: Vec::new(),
        title_seen: false,
    };
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
                    lines::push_lines(self.text, r, true, false, &mut self.out);
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
        if lines::is_field(raw) {
            self.out.push(Unit::Field(range));
        } else {
            self.out.push(Unit::List(range));
        }
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
        units(text, 0).into_iter().map(|u| u.show(text)).collect()
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
