//! Assembling blocks of items from the units a format reader found.
//!
//! The readers (Markdown, text, HTML) only say *what* each stretch of the text is — the title, a
//! heading, a list item, running prose, a portal field — as a [`Unit`] with a byte range. This
//! module turns that sequence into [`Block`]s: it opens a block at each heading (classified by
//! [`sections`]), splits items into sentences, and gives each item its effective section.
//!
//! Decisions owned here:
//! - **Prose is split by modality.** A paragraph becomes one item per run of consecutive
//!   sentences with the same effective section, so "Fagbrev er et krav. Erfaring er ønskelig."
//!   is two items (requirements, preferred) while a paragraph of plain description stays one.
//!   A list item is always one item, whatever its sentences say.
//! - A heading that names no known section and starts in lowercase ("og har:") continues the
//!   section of the block before it.
//! - A requirements sub-heading right under an empty personal or preferred heading
//!   ("Personlige egenskaper" then "Vi ønsker at du er:") keeps the outer section: the intro
//!   only leads into the list the outer heading names.
//! - Text before the first heading forms an untitled `other` block; untitled blocks without items
//!   are dropped, headed blocks are kept even when empty.

use super::sections;
use super::sentences;
use super::{Block, Item, ItemKind, SectionKind, Vocabulary};
use std::ops::Range;

/// One stretch of the document text, as a reader found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unit {
    /// The ad's title line.
    Title(Range<usize>),
    /// A heading (raw text; markup and colon are cleaned here).
    Heading(Range<usize>),
    /// One list item's own text.
    List(Range<usize>),
    /// Running text: one or more sentences.
    Prose(Range<usize>),
    /// A structured portal line.
    Field(Range<usize>),
    /// A "Key: text" line read as if under a heading of that section, without opening a block.
    Keyed(Range<usize>, SectionKind),
}

#[cfg(test)]
impl Unit {
    /// A one-letter tag and the unit's text, for the readers' tests: `"L Fagbrev"`.
    pub(crate) fn show(&self, text: &str) -> String {
        let (tag, range) = match self {
            Unit::Title(r) => ("T", r),
            Unit::Heading(r) => ("H", r),
            Unit::List(r) => ("L", r),
            Unit::Prose(r) => ("P", r),
            Unit::Field(r) => ("F", r),
            Unit::Keyed(r, _) => ("K", r),
        };
        format!("{tag} {}", text.get(range.clone()).unwrap_or(""))
    }
}

/// Builds the blocks of `text` from `units` (in text order).
pub(crate) fn build(text: &str, units: &[Unit], v: &Vocabulary) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut current = untitled();
    for unit in units {
        match unit {
            Unit::Title(range) => {
                let Some(range) = trim(text, range.clone()) else {
                    continue;
                };
                finish(&mut blocks, std::mem::replace(&mut current, untitled()));
                blocks.push(Block {
                    section: SectionKind::Title,
                    heading: None,
                    heading_span: None,
                    items: vec![Item {
                        span: range.clone(),
                        kind: ItemKind::Title,
                        section: SectionKind::Title,
                        sentences: vec![range],
                    }],
                });
            }
            Unit::Heading(range) => {
                let Some(range) = trim(text, range.clone()) else {
                    continue;
                };
                let heading = sections::clean_heading(text.get(range.clone()).unwrap_or(""));
                if heading.is_empty() {
                    continue;
                }
                let mut section = sections::classify_heading(&heading, v);
                if section == SectionKind::Other && heading.starts_with(char::is_lowercase) {
                    section = last_section(&blocks, &current).unwrap_or(section);
                }
                let under_empty_heading = current.heading.is_some() && current.items.is_empty();
                if under_empty_heading
                    && section == SectionKind::Requirements
                    && matches!(
                        current.section,
                        SectionKind::Personal | SectionKind::Preferred
                    )
                {
                    section = current.section;
                }
                let next = Block {
                    section,
                    heading: Some(heading),
                    heading_span: Some(range),
                    items: Vec::new(),
                };
                finish(&mut blocks, std::mem::replace(&mut current, next));
            }
            Unit::List(range) => push_whole(text, &mut current, range, ItemKind::ListItem, v),
            Unit::Field(range) => push_whole(text, &mut current, range, ItemKind::Field, v),
            Unit::Prose(range) => {
                let section = current.section;
                push_prose(text, &mut current, range, section, v);
            }
            Unit::Keyed(range, section) => push_prose(text, &mut current, range, *section, v),
        }
    }
    finish(&mut blocks, current);
    blocks
}

/// A fresh block for text under no heading.
fn untitled() -> Block {
    Block {
        section: SectionKind::Other,
        heading: None,
        heading_span: None,
        items: Vec::new(),
    }
}

/// Adds `block` to `blocks` unless it is an untitled block without items.
///
/// Its items give back their spare room: the document lives as long as its findings, and a list
/// of a few hundred thousand items kept up to half of its room empty (issue 13).
fn finish(blocks: &mut Vec<Block>, mut block: Block) {
    if block.heading.is_some() || !block.items.is_empty() {
        block.items.shrink_to_fit();
        blocks.push(block);
    }
}

/// The section of the nearest headed block, for a lowercase continuation heading.
fn last_section(blocks: &[Block], current: &Block) -> Option<SectionKind> {
    std::iter::once(current)
        .chain(blocks.iter().rev())
        .find(|b| b.heading.is_some())
        .map(|b| b.section)
}

/// Pushes `range` as one item of `kind`.
fn push_whole(text: &str, block: &mut Block, range: &Range<usize>, kind: ItemKind, v: &Vocabulary) {
    let Some(range) = trim(text, range.clone()) else {
        return;
    };
    let own = text.get(range.clone()).unwrap_or("");
    let section = sections::effective(block.section, kind, own, v);
    let mut sentences = sentences::split(text, range.clone());
    if sentences.is_empty() {
        sentences.push(range.clone());
    }
    // Most items are one sentence; without this each kept room for four (an ad of a few hundred
    // thousand list items kept megabytes of it).
    sentences.shrink_to_fit();
    block.items.push(Item {
        span: range,
        kind,
        section,
        sentences,
    });
}

/// Pushes running text as items: one per run of sentences with the same effective section, as
/// read under a heading of section `under`.
fn push_prose(
    text: &str,
    block: &mut Block,
    range: &Range<usize>,
    under: SectionKind,
    v: &Vocabulary,
) {
    let mut run: Option<(SectionKind, Vec<Range<usize>>)> = None;
    for sentence in sentences::split(text, range.clone()) {
        let section = sections::effective(
            under,
            ItemKind::Paragraph,
            text.get(sentence.clone()).unwrap_or(""),
            v,
        );
        match &mut run {
            Some((s, sentences)) if *s == section => sentences.push(sentence),
            _ => {
                if let Some((s, sentences)) = run.take() {
                    block.items.push(paragraph(s, sentences));
                }
                run = Some((section, vec![sentence]));
            }
        }
    }
    if let Some((s, sentences)) = run {
        block.items.push(paragraph(s, sentences));
    }
}

/// A paragraph item over `sentences` (non-empty, in order).
fn paragraph(section: SectionKind, sentences: Vec<Range<usize>>) -> Item {
    let start = sentences.first().map_or(0, |r| r.start);
    let end = sentences.last().map_or(start, |r| r.end);
    Item {
        span: start..end,
        kind: ItemKind::Paragraph,
        section,
        sentences,
    }
}

/// `range` of `text` without surrounding whitespace; `None` when nothing is left.
fn trim(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    super::lines::trim(text, range)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> Range<usize> {
        let start = text.find(needle).unwrap();
        start..start + needle.len()
    }

    #[test]
    fn prose_is_split_where_modality_changes() {
        let text =
            "Kvalifikasjoner\nFagbrev er et krav. Gode norskkunnskaper. Erfaring er ønskelig.";
        let units = [
            Unit::Heading(at(text, "Kvalifikasjoner")),
            Unit::Prose(at(
                text,
                "Fagbrev er et krav. Gode norskkunnskaper. Erfaring er ønskelig.",
            )),
        ];
        let blocks = build(text, &units, crate::rules::default_vocabulary());
        assert_eq!(blocks.len(), 1);
        let items = &blocks[0].items;
        assert_eq!(items.len(), 2);
        assert_eq!(
            &text[items[0].span.clone()],
            "Fagbrev er et krav. Gode norskkunnskaper."
        );
        assert_eq!(items[0].section, SectionKind::Requirements);
        assert_eq!(items[0].sentences.len(), 2);
        assert_eq!(items[1].section, SectionKind::Preferred);
    }

    #[test]
    fn lowercase_continuation_headings_keep_the_section() {
        let text = "Vi ønsker at du er:\n- Rolig\nog har:\n- Førerkort";
        let units = [
            Unit::Heading(at(text, "Vi ønsker at du er:")),
            Unit::List(at(text, "Rolig")),
            Unit::Heading(at(text, "og har:")),
            Unit::List(at(text, "Førerkort")),
        ];
        let blocks = build(text, &units, crate::rules::default_vocabulary());
        assert_eq!(blocks[1].heading.as_deref(), Some("og har"));
        assert_eq!(blocks[1].section, SectionKind::Requirements);
    }

    #[test]
    fn intros_under_an_empty_personal_heading_stay_personal() {
        let text = "Personlige egenskaper\nVi ønsker at du er:\n- Rolig";
        let units = [
            Unit::Heading(at(text, "Personlige egenskaper")),
            Unit::Heading(at(text, "Vi ønsker at du er:")),
            Unit::List(at(text, "Rolig")),
        ];
        let blocks = build(text, &units, crate::rules::default_vocabulary());
        assert_eq!(blocks[1].section, SectionKind::Personal);
        assert_eq!(blocks[1].items[0].section, SectionKind::Personal);
    }

    #[test]
    fn keyed_lines_are_read_under_their_key() {
        let text = "Krav: Fagbrev. Erfaring er ønskelig.";
        let blocks = build(
            text,
            &[Unit::Keyed(0..text.len(), SectionKind::Requirements)],
            crate::rules::default_vocabulary(),
        );
        assert_eq!(blocks[0].section, SectionKind::Other);
        let sections: Vec<_> = blocks[0].items.iter().map(|i| i.section).collect();
        assert_eq!(
            sections,
            [SectionKind::Requirements, SectionKind::Preferred]
        );
    }

    #[test]
    fn title_and_untitled_blocks() {
        let text = "Reinhaldar\nVi treng folk.\n";
        let units = [
            Unit::Title(at(text, "Reinhaldar")),
            Unit::Prose(at(text, "Vi treng folk.")),
        ];
        let blocks = build(text, &units, crate::rules::default_vocabulary());
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].section, SectionKind::Title);
        assert_eq!(blocks[0].items[0].kind, ItemKind::Title);
        assert_eq!(blocks[1].heading, None);
        assert_eq!(blocks[1].items[0].section, SectionKind::Other);
    }
}
