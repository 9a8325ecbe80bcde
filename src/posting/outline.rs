//! A plain-text outline of a document's blocks and items, for debugging and tests.
//!
//! Owns only rendering: one line per block heading (`## heading → section`) and one indented line
//! per item (`[section] kind: first 60 characters`), line breaks shown as spaces. It changes
//! nothing and is not a report format.

use super::{Document, ItemKind};

/// How many characters of an item's text the outline shows.
const PREVIEW_CHARS: usize = 60;

/// Renders the blocks and items of `doc` as text.
pub fn outline(doc: &Document) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        match &block.heading {
            Some(heading) => {
                out.push_str(&format!("## {heading} → {}\n", block.section.id()));
            }
            None => out.push_str(&format!("## (no heading) → {}\n", block.section.id())),
        }
        for item in &block.items {
            let text: String = doc
                .slice(item.span.clone())
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let mut preview: String = text.chars().take(PREVIEW_CHARS).collect();
            if text.chars().count() > PREVIEW_CHARS {
                preview.push('…');
            }
            out.push_str(&format!(
                "  [{}] {}: {preview}\n",
                item.section.id(),
                kind_id(item.kind)
            ));
        }
    }
    out
}

/// The kebab-case name of an item kind.
fn kind_id(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Title => "title",
        ItemKind::ListItem => "list-item",
        ItemKind::Paragraph => "paragraph",
        ItemKind::Field => "field",
    }
}
