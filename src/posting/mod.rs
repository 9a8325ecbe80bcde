//! Reading job ads into [`Document`]s.
//!
//! Owns everything between the bytes of an input and the structured ad the engine reads: encodings,
//! front matter, the Markdown/text/HTML structure, language detection, the role family, and the
//! division of the text into **blocks** (one per heading) of **items** (list items, paragraphs,
//! lines) of **sentences**, each with its effective [`SectionKind`] (design.md §2).
//!
//! It does not know about rules or findings: the engine asks a document for its items and spans.
//!
//! The pieces, one responsibility each: `encoding` (bytes → text: UTF-8, UTF-16 with a BOM,
//! Windows-1252), `frontmatter`, one reader per format (`markdown`, `text`, `html` with
//! `html_source` for the way back into the source, [`json`] for JSON and JSON Lines exports and
//! [`jstream`] for concatenated JSON streams, one document per ad) producing units; for exports,
//! `shape` (which of NAV's shapes a JSON value is) and `ad_fields` (what its fields mean);
//! `given` (a text without a file: standard input, the writers' page), `nfc` (the text in NFC
//! with a map back), `lines` (what a line of running text is), `builder` (units → blocks),
//! `sections` (heading kinds and item modality), [`Vocabulary`] (the word lists those and
//! `language` and `role` use, given by the rule pack), `sentences`, `visible` (the text a reader sees,
//! and languages without rules), `language`, `role`, and [`outline`] for debugging.

mod ad_fields;
mod builder;
mod document;
mod encoding;
mod frontmatter;
mod given;
mod html;
mod html_source;
pub mod json;
pub mod jstream;
mod language;
mod lines;
mod markdown;
mod nfc;
mod outline;
mod role;
mod sections;
mod sentences;
mod shape;
mod text;
mod visible;
mod vocabulary;
mod words;

#[cfg(test)]
mod read_tests;

pub use ad_fields::REPORTED;
pub use document::{
    Block, Document, Format, InputError, Item, ItemKind, OffsetMap, ReadOptions, RoleFamily,
    SectionKind, Source, DEFAULT_MAX_SIZE,
};
pub use given::{given_records, read_given, sniffs_as_json, Given, STDIN_NAME};
pub use outline::outline;
pub use vocabulary::{ListName, Syntax, Vocabulary};

use builder::Unit;
use std::collections::BTreeMap;
use std::path::Path;

/// Reads the file at `path` into a document, choosing the format from its extension
/// (`.md`/`.markdown` Markdown, `.html`/`.htm` HTML, `.json`/`.jsonl`/`.ndjson`/`.jstream` JSON
/// holding one ad, anything else plain text). A JSON file of several ads is read with [`json`].
///
/// # Errors
/// [`InputError`] when the file cannot be read, is larger than [`ReadOptions::size_limit`],
/// is empty, binary, not UTF-8, or has broken front matter.
pub fn read_path(path: &Path, options: &ReadOptions) -> Result<Document, InputError> {
    let io = |source| InputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(io)?;
    if let Ok(meta) = file.metadata() {
        if meta.is_file() {
            options.check_size(&name, meta.len())?;
        }
    }
    // Read at most one byte over the limit: a file that grows, or a FIFO, cannot make us read
    // more than the limit.
    let mut bytes = Vec::new();
    let limit = options.size_limit();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, limit.saturating_add(1)),
        &mut bytes,
    )
    .map_err(io)?;
    read_bytes(
        &path.display().to_string(),
        &bytes,
        format_for_path(path),
        options,
    )
}

/// The format a file is read as, from its extension.
pub fn format_for_path(path: &Path) -> Format {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("md" | "markdown" | "mdown" | "mkd") => Format::Markdown,
        Some("html" | "htm" | "xhtml") => Format::Html,
        Some("json" | "jsonl" | "ndjson" | "jstream") => Format::Json,
        _ => Format::Text,
    }
}

/// Reads `bytes` (named `name` in messages) as `format`.
///
/// Markdown and plain text keep the whole file as [`Document::text`] (offsets are file offsets);
/// HTML is reduced to its text with an [`OffsetMap::Segments`] back into the page. Front matter is
/// read from Markdown, and from plain text when it is well formed (a text file may start with a
/// `---` rule that is no front matter).
///
/// JSON (`name` ending in `.jsonl`/`.ndjson`: JSON Lines) must hold exactly one ad; see [`json`]
/// for files of many.
///
/// # Errors
/// As [`read_path`]; [`InputError::Record`] for JSON that is broken, holds no ad text or holds
/// several ads.
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    format: Format,
    options: &ReadOptions,
) -> Result<Document, InputError> {
    options.check_size(name, u64::try_from(bytes.len()).unwrap_or(u64::MAX))?;
    let decoded = encoding::decode_any(name, bytes)?;
    let source = decoded.text;
    let parsed = match format {
        Format::Markdown => {
            let front = frontmatter::parse(name, &source)?.unwrap_or_default();
            let units = markdown::units(&source, front.body_start, options.vocabulary());
            Parsed::from_front_matter(source.clone(), front, units)
        }
        Format::Text => {
            let front = frontmatter::parse(name, &source)
                .ok()
                .flatten()
                .unwrap_or_default();
            let units = text::units(&source, front.body_start, options.vocabulary());
            Parsed::from_front_matter(source.clone(), front, units)
        }
        Format::Html => {
            let extracted = html::extract(&source, options.vocabulary());
            Parsed {
                body_start: 0,
                text: extracted.text,
                offsets: extracted.offsets,
                units: extracted.units,
                metadata: BTreeMap::new(),
                title: extracted.title,
            }
        }
        Format::Json => return json::read_one(name, &source, decoded.encoding, options),
    };
    let mut document = finish(name, format, Source::new(source), parsed, options)?;
    document.encoding = decoded.encoding;
    Ok(document)
}

/// Builds the document from a reader's result: the text in NFC, blocks, title, language and
/// role.
///
/// # Errors
/// [`InputError::Skipped`] for an ad in a language terskel has no rules for (declared, or
/// detected from its visible text when `--lang` does not force one).
fn finish(
    name: &str,
    format: Format,
    source: Source,
    parsed: Parsed,
    options: &ReadOptions,
) -> Result<Document, InputError> {
    let vocabulary = options.vocabulary();
    let parsed = nfc::normalize(parsed);
    let blocks = builder::build(&parsed.text, &parsed.units, vocabulary);
    let title = parsed
        .metadata
        .get("title")
        .and_then(|v| v.as_str())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .or(parsed.title)
        .or_else(|| title_item(&parsed.text, &blocks));
    let first_heading = blocks.iter().find_map(|b| b.heading.clone());
    let body = visible::text(parsed.text.get(parsed.body_start..).unwrap_or(""));
    if options.language.is_none() {
        let declared = ["lang", "language"]
            .iter()
            .find_map(|k| parsed.metadata.get(*k)?.as_str());
        let foreign = match declared {
            Some(value) => visible::unsupported_name(value),
            None => visible::unsupported(&body),
        };
        if let Some(foreign) = foreign {
            return Err(InputError::Skipped {
                name: name.to_string(),
                line: source.first_line,
                reason: format!(
                    "language not supported: {foreign} (terskel has rules for Bokmål, Nynorsk and English); the ad is not checked"
                ),
            });
        }
    }
    let (language, language_detected) =
        language::choose(options.language, &parsed.metadata, &body, vocabulary);
    let role = role::detect(
        &parsed.metadata,
        title.as_deref(),
        first_heading.as_deref(),
        &options.roles,
        vocabulary,
    );
    Ok(Document {
        path: name.to_string(),
        format,
        title,
        metadata: parsed.metadata,
        language,
        language_detected,
        role,
        text: parsed.text,
        offsets: parsed.offsets,
        source,
        blocks,
        encoding: None,
    })
}

/// What a format reader produced, before blocks are built.
struct Parsed {
    /// Where the body starts in `text` (after front matter).
    body_start: usize,
    /// The document text.
    text: String,
    /// Its map back to the source.
    offsets: OffsetMap,
    /// The units of `text`.
    units: Vec<Unit>,
    /// Front matter.
    metadata: BTreeMap<String, serde_json::Value>,
    /// A title the reader found outside the units (HTML `<title>`).
    title: Option<String>,
}

impl Parsed {
    /// A Markdown or text reading: the text is the file. Without a title line in the body, the
    /// front matter `title:` value is the title item, so it has a span.
    fn from_front_matter(
        text: String,
        front: frontmatter::FrontMatter,
        mut units: Vec<Unit>,
    ) -> Self {
        if !units.iter().any(|u| matches!(u, Unit::Title(_))) {
            if let Some(span) = front.title_span {
                units.insert(0, Unit::Title(span));
            }
        }
        Self {
            body_start: front.body_start,
            text,
            offsets: OffsetMap::Identity,
            units,
            metadata: front.map,
            title: None,
        }
    }
}

/// The text of the title item, cleaned of markup.
fn title_item(text: &str, blocks: &[Block]) -> Option<String> {
    blocks
        .iter()
        .flat_map(|b| &b.items)
        .find(|i| i.kind == ItemKind::Title)
        .map(|i| sections::clean_heading(text.get(i.span.clone()).unwrap_or("")))
        .filter(|t| !t.is_empty())
}
