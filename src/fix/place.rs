//! Where a missing paragraph goes, and the bytes that put it there.
//!
//! A reader looks for the way in next to the requirements, for training, adaptation and pay in
//! what the employer offers, and for whom to ask and who is welcome next to how to apply. So a
//! paragraph goes after the last item of the first block of the section its category belongs
//! to (design.md §2 kinds), trying the sections in order; an ad without any of them gets it at
//! the end. Owns only positions and wrapping (a blank line in Markdown and text, a `<p>` after
//! the enclosing element in HTML); it never decides what is missing.

use crate::posting::{Block, Document, Format, SectionKind};
use crate::taxonomy::Category;

/// A place for a paragraph: a byte offset into the original input and the section it lands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Spot {
    pub offset: usize,
    pub section: Option<SectionKind>,
}

/// The sections, in order of preference, where a paragraph of `category` belongs.
fn sections_for(category: Category) -> &'static [SectionKind] {
    use SectionKind::*;
    match category {
        Category::MissingAlternativePath => &[Requirements, Preferred, Personal, Duties],
        Category::MissingAdaptation => &[Offer, Application, About],
        Category::MissingSalary => &[Offer, Application],
        Category::MissingContact => &[Application, Offer],
        Category::MissingInclusionStatement => &[Application, About, Offer],
        _ => &[Application],
    }
}

/// Where the paragraph answering a missing finding of `category` goes in `doc`.
pub(crate) fn spot(doc: &Document, category: Category) -> Spot {
    for &section in sections_for(category) {
        if let Some(block) = doc.blocks.iter().find(|b| b.section == section) {
            if let Some(offset) = after_block(doc, block) {
                return Spot {
                    offset,
                    section: Some(section),
                };
            }
        }
    }
    Spot {
        offset: end_of_body(doc),
        section: doc.blocks.last().map(|b| b.section),
    }
}

/// The original-input offset just after the last item of `block` (its heading when it has no
/// items): the end of that line in Markdown and text, the end of the enclosing element in HTML.
fn after_block(doc: &Document, block: &Block) -> Option<usize> {
    let end = block
        .items
        .last()
        .map(|i| i.span.end)
        .or_else(|| block.heading_span.as_ref().map(|h| h.end))?;
    let source = &doc.source.text;
    let offset = doc.offsets.to_source(end).min(source.len());
    Some(match doc.format {
        Format::Html => after_element(source, offset),
        _ => line_end(source, offset),
    })
}

/// The offset of the line end (before `\r\n` or `\n`) at or after `offset`.
fn line_end(source: &str, offset: usize) -> usize {
    let rest = source.get(offset..).unwrap_or("");
    let line = rest.find('\n').map_or(rest.len(), |i| i);
    let line_text = rest.get(..line).unwrap_or("");
    offset + line_text.trim_end_matches('\r').len()
}

/// Inline elements an item's text may end inside of.
const INLINE: &[&str] = &[
    "a", "b", "strong", "em", "i", "u", "span", "small", "mark", "font", "s", "sub", "sup",
];

/// List elements: a paragraph goes after the whole list, not inside an item.
const LIST_ITEMS: &[&str] = &["li", "dt", "dd"];

/// The offset after the closing tag of the block element that holds `offset` (after the whole
/// list for a list item); `offset` itself when no closing tag follows.
fn after_element(source: &str, offset: usize) -> usize {
    let mut at = offset;
    let mut in_list = false;
    while let Some(found) = source.get(at..).and_then(|rest| rest.find("</")) {
        let tag_start = at + found;
        let Some(close) = source.get(tag_start..).and_then(|r| r.find('>')) else {
            return offset;
        };
        let tag_end = tag_start + close + 1;
        let name = source
            .get(tag_start + 2..tag_start + close)
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        at = tag_end;
        if INLINE.contains(&name.as_str()) {
            continue;
        }
        if LIST_ITEMS.contains(&name.as_str()) {
            in_list = true;
            continue;
        }
        if in_list && !matches!(name.as_str(), "ul" | "ol" | "dl") {
            continue;
        }
        return tag_end;
    }
    offset
}

/// Where the body ends: before trailing whitespace (and, in HTML, before `</body>`).
fn end_of_body(doc: &Document) -> usize {
    let source = &doc.source.text;
    if doc.format == Format::Html {
        let lower = source.to_ascii_lowercase();
        if let Some(i) = lower.rfind("</body>").or_else(|| lower.rfind("</html>")) {
            return i;
        }
        return source.len();
    }
    source.trim_end().len()
}

/// The bytes that insert `paragraph` at `offset` of `source` in `format`.
pub(crate) fn wrap(format: Format, source: &str, offset: usize, paragraph: &str) -> String {
    let paragraph = paragraph.trim();
    if format == Format::Html {
        return format!("\n<p>{}</p>", escape_html(paragraph));
    }
    let nl = if source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let rest = source.get(offset..).unwrap_or("");
    // A blank line before; and after, unless the next line already is blank or the input ends.
    let blank_follows = rest.is_empty()
        || rest
            .strip_prefix(nl)
            .is_some_and(|r| r.is_empty() || r.starts_with(nl) || r.starts_with('\n'));
    if blank_follows {
        format!("{nl}{nl}{paragraph}")
    } else {
        format!("{nl}{nl}{paragraph}{nl}")
    }
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_paragraph_goes_after_the_whole_list() {
        let html = "<ul><li>Fagbrev <b>nå</b></li><li>Førerkort</li></ul><h2>Vi tilbyr</h2>";
        let in_item = html.find("Førerkort").unwrap() + "Førerkort".len();
        let after = after_element(html, in_item);
        assert_eq!(
            &html[..after],
            "<ul><li>Fagbrev <b>nå</b></li><li>Førerkort</li></ul>"
        );
    }

    #[test]
    fn html_paragraph_goes_after_its_p() {
        let html = "<p>Søk <em>innen</em> fredag.</p>\n<p>Neste</p>";
        let after = after_element(html, html.find("fredag.").unwrap() + 7);
        assert_eq!(&html[..after], "<p>Søk <em>innen</em> fredag.</p>");
    }

    #[test]
    fn text_paragraph_gets_blank_lines_and_keeps_crlf() {
        let src = "- Fagbrev\r\n## Søknad\r\n";
        let at = line_end(src, 3);
        assert_eq!(at, "- Fagbrev".len());
        assert_eq!(wrap(Format::Markdown, src, at, "Ny."), "\r\n\r\nNy.\r\n");
        let src = "- Fagbrev\n\n## Søknad\n";
        assert_eq!(wrap(Format::Markdown, src, 9, "Ny."), "\n\nNy.");
        assert_eq!(wrap(Format::Text, "Slutt", 5, "Ny."), "\n\nNy.");
    }
}
