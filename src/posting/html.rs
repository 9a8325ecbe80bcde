//! HTML → extracted text, units, and a map back to the HTML source.
//!
//! Owns reading HTML pages and fragments with a real parser (`scraper`/html5ever): entities are
//! decoded, `<script>`, `<style>`, `<noscript>`, `<template>`, `<svg>` and everything in `<head>`
//! but `<title>` are skipped. Block elements (`<p>`, `<div>`, `<li>`, `<h1>`…`<h6>`, table cells,
//! …) and `<br>` end a line; whitespace inside a line collapses to one space. Lines become
//! [`Document::text`](super::Document::text), joined by `"\n"`, and each line a unit:
//! `<h1>` (the first) is the title, other headings are headings, `<li>` a list item, and any other
//! line is read by [`super::lines`] with the bold run at its start, so `<p><strong>Krav:</strong>
//! …</p>` is a lead-in. The title is `<title>`, else the first `<h1>`; when there is no `<h1>`, the
//! `<title>` text is the first line, so the title has a span.
//!
//! Every copied character keeps its source position ([`super::html_source`]), giving an
//! [`OffsetMap::Segments`] from the extracted text back into the HTML.

use super::builder::Unit;
use super::html_source::{cap_nesting, CharSource, SourceText};
use super::lines::{self, Bold, LineRole, LineStyle};
use super::words;
use super::{OffsetMap, Vocabulary};
use ego_tree::iter::Edge;
use scraper::{Html, Node};
use std::ops::Range;

/// Elements whose content is never page text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Longest heading (in words) that is read as a heading rather than as prose.
const MAX_HEADING_WORDS: usize = 12;

/// What an extracted line is, from the elements around it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum LineKind {
    /// The `<title>` text.
    Title,
    /// Text of `<h1>`…`<h6>`, with the level.
    Heading(u8),
    /// Text of an `<li>`.
    ListItem,
    /// Anything else.
    #[default]
    Para,
}

/// One extracted line with its source map.
#[derive(Debug, Default)]
struct Line {
    text: String,
    /// `(offset in line, offset in source, length)` for runs copied from the source.
    pieces: Vec<(usize, usize, usize)>,
    kind: LineKind,
    pending_space: bool,
    bold_live: bool,
    bold_end: Option<usize>,
}

impl Line {
    /// Appends a text node's characters, collapsing whitespace.
    fn push(&mut self, text: &str, map: &[CharSource], kind: LineKind, bold: bool) {
        for (n, c) in text.chars().enumerate() {
            if c.is_whitespace() {
                self.pending_space = !self.text.is_empty();
                continue;
            }
            if self.pending_space {
                self.text.push(' ');
                self.pending_space = false;
            }
            if self.text.is_empty() {
                self.kind = kind;
                self.bold_live = bold;
            }
            let offset = self.text.len();
            self.text.push(c);
            if self.bold_live {
                if bold {
                    self.bold_end = Some(self.text.len());
                } else {
                    self.bold_live = false;
                }
            }
            if let Some(source) = map.get(n) {
                self.map_char(offset, c.len_utf8(), *source);
            }
        }
    }

    /// Records where the character at `offset` came from, merging with the previous run.
    fn map_char(&mut self, offset: usize, char_len: usize, source: CharSource) {
        if let Some((o, s, l)) = self.pieces.last_mut() {
            if source.exact && *o + *l == offset && *s + *l == source.at {
                *l += char_len;
                return;
            }
        }
        self.pieces
            .push((offset, source.at, char_len.min(source.len)));
    }

    /// The bold run at the start of the line, for [`lines::classify`].
    fn bold(&self) -> Option<Bold> {
        self.bold_end.map(|end| Bold { inner: 0..end, end })
    }
}

/// A block element the walker is inside.
#[derive(Debug, Clone, Copy)]
enum Context {
    Heading(u8),
    ListItem,
    Other,
}

/// The text, units, title and offset map extracted from an HTML source.
#[derive(Debug)]
pub(crate) struct Extracted {
    /// The extracted text: one line per block, joined by `"\n"`.
    pub text: String,
    /// Map from `text` back to the source.
    pub offsets: OffsetMap,
    /// The units of `text`.
    pub units: Vec<Unit>,
    /// `<title>`, else the first `<h1>`.
    pub title: Option<String>,
}

/// Extracts the text of the HTML `source`.
///
/// Elements nested deeper than [`MAX_NESTING`](super::html_source::MAX_NESTING) are flattened
/// first (their tags read as spaces), which keeps the parser's time linear in the input.
pub(crate) fn extract(source: &str, vocabulary: &Vocabulary) -> Extracted {
    let flat = cap_nesting(source);
    let source = flat.as_deref().unwrap_or(source);
    let html = Html::parse_document(source);
    let mut walker = Walker {
        source: SourceText::new(source),
        lines: Vec::new(),
        current: Line::default(),
        title: Line::default(),
        stack: Vec::new(),
        skip: 0,
        bold: 0,
        in_title: false,
    };
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => walker.open(element.name()),
                Node::Text(text) => walker.text(text),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(element) = node.value() {
                    walker.close(element.name());
                }
            }
        }
    }
    walker.flush();
    assemble(source.len(), walker.title, walker.lines, vocabulary)
}

/// The state of one walk over the parsed tree.
struct Walker<'s> {
    source: SourceText<'s>,
    lines: Vec<Line>,
    current: Line,
    title: Line,
    stack: Vec<Context>,
    skip: usize,
    bold: usize,
    in_title: bool,
}

impl Walker<'_> {
    /// An element opens.
    fn open(&mut self, name: &str) {
        if self.skip > 0 || SKIPPED.contains(&name) {
            self.skip += 1;
            return;
        }
        match name {
            "title" => self.in_title = true,
            "br" => self.flush(),
            "strong" | "b" => self.bold += 1,
            _ if BLOCKS.contains(&name) => {
                self.flush();
                self.stack.push(match heading_level(name) {
                    Some(level) => Context::Heading(level),
                    None if name == "li" => Context::ListItem,
                    None => Context::Other,
                });
            }
            _ => {}
        }
    }

    /// An element closes.
    fn close(&mut self, name: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            "title" => self.in_title = false,
            "strong" | "b" => self.bold = self.bold.saturating_sub(1),
            _ if BLOCKS.contains(&name) => {
                self.flush();
                self.stack.pop();
            }
            _ => {}
        }
    }

    /// A text node.
    fn text(&mut self, text: &str) {
        if self.skip > 0 {
            return;
        }
        let map = if text.trim().is_empty() {
            Vec::new()
        } else {
            self.source.locate(text)
        };
        let bold = self.bold > 0;
        if self.in_title {
            self.title.push(text, &map, LineKind::Title, false);
        } else {
            let kind = self.kind();
            self.current.push(text, &map, kind, bold);
        }
    }

    /// The kind of a line starting here: the nearest heading or list item around it.
    fn kind(&self) -> LineKind {
        for context in self.stack.iter().rev() {
            match context {
                Context::Heading(level) => return LineKind::Heading(*level),
                Context::ListItem => return LineKind::ListItem,
                Context::Other => {}
            }
        }
        LineKind::Para
    }

    /// Ends the current line.
    fn flush(&mut self) {
        let line = std::mem::take(&mut self.current);
        if !line.text.is_empty() {
            self.lines.push(line);
        }
    }
}

/// The level of a heading element name.
fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Joins the lines into the document text, its source map and its units.
fn assemble(source_len: usize, title: Line, lines: Vec<Line>, v: &Vocabulary) -> Extracted {
    let first_h1 = lines
        .iter()
        .find(|l| l.kind == LineKind::Heading(1))
        .map(|l| l.text.clone());
    let title_text = Some(title.text.clone()).filter(|t| !t.is_empty());
    let all: Vec<Line> = if first_h1.is_none() && title_text.is_some() {
        std::iter::once(title).chain(lines).collect()
    } else {
        lines
    };
    let mut text = String::new();
    let mut segments = Vec::new();
    let mut units = Vec::new();
    let mut title_seen = false;
    for line in &all {
        let base = text.len();
        text.push_str(&line.text);
        segments.extend(line.pieces.iter().filter_map(|&(o, s, l)| {
            let l = l.min(source_len.saturating_sub(s));
            (s <= source_len).then_some((base + o, s, l))
        }));
        let range = base..text.len();
        match line.kind {
            LineKind::Title | LineKind::Heading(1) if !title_seen => {
                title_seen = true;
                units.push(Unit::Title(range));
            }
            LineKind::Title | LineKind::Heading(_) => {
                if words::count(&line.text) > MAX_HEADING_WORDS {
                    units.push(Unit::Prose(range));
                } else {
                    units.push(Unit::Heading(range));
                }
            }
            LineKind::ListItem if lines::is_field(&line.text, v) => units.push(Unit::Field(range)),
            LineKind::ListItem => units.push(Unit::List(range)),
            LineKind::Para => push_line(line, base, v, &mut units),
        }
        text.push('\n');
    }
    Extracted {
        text,
        offsets: OffsetMap::Segments(segments),
        units,
        title: title_text.or(first_h1),
    }
}

/// The units of one running-text line, read with its bold run.
fn push_line(line: &Line, base: usize, v: &Vocabulary, units: &mut Vec<Unit>) {
    let at = |r: Range<usize>| r.start + base..r.end + base;
    let style = LineStyle {
        bold: line.bold(),
        caps_headings: false,
    };
    match lines::classify(&line.text, &style, v) {
        LineRole::Blank => {}
        LineRole::Heading(h) => units.push(Unit::Heading(at(h))),
        LineRole::LeadIn { heading, rest } => {
            units.push(Unit::Heading(at(heading)));
            units.push(Unit::Prose(at(rest)));
        }
        LineRole::Field(f) => units.push(Unit::Field(at(f))),
        LineRole::Keyed(k, section) => units.push(Unit::Keyed(at(k), section)),
        LineRole::Plain(p) => units.push(Unit::Prose(at(p))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(x: &Extracted) -> Vec<String> {
        x.units.iter().map(|u| u.show(&x.text)).collect()
    }

    #[test]
    fn extracts_blocks_lead_ins_and_lists() {
        let src = "<!doctype html><html><head><title>Kokk &ndash; kantina</title>\
                   <style>h1{color:red}</style><script>alert('x')</script></head><body>\
                   <h1>Kokk i kantina</h1><p>Vi treng ein kokk.<br>Start i mai.</p>\
                   <p><strong>Kvalifikasjonar:</strong></p><ul><li>Fagbrev er \
                   <b>ønskjeleg</b></li><li>Språk: Norsk</li></ul>\
                   <p><b>Vi tilbyr:</b> fast stilling &amp; god løn</p><!-- merknad --></body></html>";
        let x = extract(src, crate::rules::default_vocabulary());
        assert_eq!(x.title.as_deref(), Some("Kokk – kantina"));
        assert_eq!(
            show(&x),
            vec![
                "T Kokk i kantina",
                "P Vi treng ein kokk.",
                "P Start i mai.",
                "H Kvalifikasjonar",
                "L Fagbrev er ønskjeleg",
                "F Språk: Norsk",
                "H Vi tilbyr",
                "P fast stilling & god løn",
            ]
        );
    }

    #[test]
    fn maps_text_offsets_back_to_the_source() {
        let src = "<html><body><p>Krav: <em>førerkort</em> &amp; bil</p>\n<ul><li>Ærlig og blid</li></ul></body></html>";
        let x = extract(src, crate::rules::default_vocabulary());
        for word in ["førerkort", "bil", "blid", "Ærlig"] {
            let t = x.text.find(word).unwrap();
            let s = x.offsets.to_source(t);
            assert_eq!(&src[s..s + word.len()], word, "{word}");
            let end = x.offsets.to_source(t + word.len());
            assert_eq!(end, s + word.len(), "{word}");
        }
        let amp = x.text.find('&').unwrap();
        assert_eq!(x.offsets.to_source(amp), src.find("&amp;").unwrap());
    }

    #[test]
    fn the_title_element_is_the_first_line_without_h1() {
        let x = extract(
            "<title>Reinhaldar</title><p>Vi treng folk.</p>",
            crate::rules::default_vocabulary(),
        );
        assert_eq!(x.text, "Reinhaldar\nVi treng folk.\n");
        assert_eq!(show(&x)[0], "T Reinhaldar");
        assert_eq!(x.offsets.to_source(0), 7);
    }
}
