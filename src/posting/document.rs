//! The `Document` model and its vocabulary.

use super::vocabulary::Vocabulary;
use crate::span::{LineIndex, Span};
use crate::taxonomy::Language;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// The kind of section a span of text belongs to (design.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// What the candidate must have ("Kvalifikasjoner", "Krav", "Vi søker deg som", "Ønskede kvalifikasjoner").
    Requirements,
    /// What is nice to have: an item whose own line says "ønskelig", "en fordel", "gjerne", ….
    Preferred,
    /// The work itself ("Arbeidsoppgaver", "Om stillingen").
    Duties,
    /// Personal qualities ("Personlige egenskaper").
    Personal,
    /// What the employer offers ("Vi tilbyr").
    Offer,
    /// About the employer or workplace ("Om oss", "Om arbeidsplassen").
    About,
    /// How to apply, deadline, contact ("Søknad", "Kontakt").
    Application,
    /// The ad's title.
    Title,
    /// Anything else, including portal fields such as "Språk: Norsk".
    Other,
}

impl SectionKind {
    /// Every kind, in a stable order.
    pub const ALL: [SectionKind; 9] = [
        SectionKind::Requirements,
        SectionKind::Preferred,
        SectionKind::Duties,
        SectionKind::Personal,
        SectionKind::Offer,
        SectionKind::About,
        SectionKind::Application,
        SectionKind::Title,
        SectionKind::Other,
    ];

    /// The lowercase id used in rules and output.
    pub fn id(self) -> &'static str {
        match self {
            SectionKind::Requirements => "requirements",
            SectionKind::Preferred => "preferred",
            SectionKind::Duties => "duties",
            SectionKind::Personal => "personal",
            SectionKind::Offer => "offer",
            SectionKind::About => "about",
            SectionKind::Application => "application",
            SectionKind::Title => "title",
            SectionKind::Other => "other",
        }
    }
}

/// The family of a post, from its title and front matter (domain.md, "Role families").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoleFamily {
    /// Assistants, vikarer, helsefagarbeider, renhold, vaktmester, kantine, lærling, …
    EntryLevel,
    /// Trades with a certificate the work needs: elektriker, sjåfør, tømrer, …
    SkilledTrade,
    /// Protected professions and experts: sykepleier, lege, lærer, ingeniør, rådgiver, …
    Specialist,
    /// Managers: leder, enhetsleder, rektor, styrer, …
    Leader,
    /// Not recognised.
    Unknown,
}

/// What an item is in the layout of the ad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// The ad's title line (first `#` heading, HTML `<h1>`/`<title>`).
    Title,
    /// One list item (`-`, `*`, `1.`, `<li>`).
    ListItem,
    /// A paragraph or a plain line of text.
    Paragraph,
    /// A structured portal line such as "Språk: Norsk" or "Utdanningsnivå: Fagskole": never a demand.
    Field,
}

/// One unit of text: a list item, paragraph or line, split into sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Byte range in [`Document::text`], without list markers and surrounding whitespace.
    pub span: Range<usize>,
    /// What the item is.
    pub kind: ItemKind,
    /// The effective section: the block's section, changed by words in the item's own line
    /// ("er ønskelig" → `Preferred`; "må", "krav" in an `Other` block → `Requirements`).
    pub section: SectionKind,
    /// Sentence ranges in [`Document::text`], in order, covering the item's text.
    pub sentences: Vec<Range<usize>>,
}

/// Consecutive items under one heading (or lead-in line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The section the heading names (`Other` before the first heading or for unknown headings).
    pub section: SectionKind,
    /// The heading text, trimmed of markup and a trailing colon, if the block has one.
    pub heading: Option<String>,
    /// The heading's byte range in [`Document::text`].
    pub heading_span: Option<Range<usize>>,
    /// The items, in order.
    pub items: Vec<Item>,
}

/// The input format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Markdown, optionally with YAML front matter.
    Markdown,
    /// Plain text.
    Text,
    /// An HTML page or fragment.
    Html,
    /// One ad of a JSON or JSON Lines export.
    Json,
}

/// Maps byte offsets in [`Document::text`] back to byte offsets in the original input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OffsetMap {
    /// The text is the original (Markdown, plain text): offsets are the same.
    Identity,
    /// The text was extracted (HTML, JSON). Each segment `(text_start, source_start, len)` says
    /// that `text[text_start..text_start+len]` came from `source[source_start..]`; sorted by
    /// `text_start`. Offsets between segments map to the start of the next segment.
    Segments(Vec<(usize, usize, usize)>),
}

impl OffsetMap {
    /// The original-input offset of text offset `offset`.
    pub fn to_source(&self, offset: usize) -> usize {
        match self {
            OffsetMap::Identity => offset,
            OffsetMap::Segments(segments) => {
                let i = segments.partition_point(|&(t, _, _)| t <= offset);
                match i.checked_sub(1).and_then(|i| segments.get(i)) {
                    Some(&(t, s, len)) if offset <= t + len => s + (offset - t),
                    _ => segments
                        .get(i)
                        .or(segments.last())
                        .map_or(0, |&(_, s, _)| s),
                }
            }
        }
    }
}

/// The original input of a document: its decoded text and how to find lines in it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The whole original input, decoded to UTF-8 (front matter included).
    pub text: String,
    /// Line starts of `text`.
    pub lines: LineIndex,
    /// Line number (1-based) of the first line of `text` in the file it came from; 1 except for
    /// one record of a JSON or JSON Lines file.
    pub first_line: usize,
    /// Byte offset of `text` in the (decoded) file it came from; 0 except for one record of a
    /// JSON or JSON Lines file, so that spans are always offsets into the whole file.
    pub first_byte: usize,
}

impl Source {
    /// Wraps an original input text.
    pub fn new(text: String) -> Self {
        let lines = LineIndex::new(&text);
        Self {
            text,
            lines,
            first_line: 1,
            first_byte: 0,
        }
    }
}

/// A job ad, read and divided into sections.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as the user gave it (or `<stdin>`), used in reports.
    pub path: String,
    /// The format it was read as.
    pub format: Format,
    /// The title: front matter `title`, else the first heading, HTML `<title>`/`<h1>`, JSON `title`.
    pub title: Option<String>,
    /// Front matter or JSON fields, as JSON values (strings, numbers, lists, maps).
    pub metadata: BTreeMap<String, serde_json::Value>,
    /// The language: `--lang`, else front matter `lang`/`language`, else detected.
    pub language: Language,
    /// True when the language was detected from the text rather than given.
    pub language_detected: bool,
    /// The role family, from front matter `role` or the title.
    pub role: RoleFamily,
    /// The text the engine reads: for Markdown and text the whole original (front matter
    /// included, so offsets are file offsets); for HTML and JSON the extracted text.
    pub text: String,
    /// Where each byte of `text` came from in the original.
    pub offsets: OffsetMap,
    /// The original input.
    pub source: Source,
    /// The blocks of the body, in order. Front matter and headings are in no item.
    pub blocks: Vec<Block>,
    /// The encoding the file was re-encoded from (`windows-1252`, `UTF-16LE`, …); `None` for
    /// UTF-8.
    pub encoding: Option<&'static str>,
}

impl Document {
    /// The span, in the original input, of `range` of [`Document::text`].
    pub fn span(&self, range: Range<usize>) -> Span {
        let start = self.offsets.to_source(range.start);
        let end = self.offsets.to_source(range.end).max(start);
        let mut span = self.source.lines.span(&self.source.text, start, end);
        let lines_before = self.source.first_line.saturating_sub(1);
        span.line += lines_before;
        span.end_line += lines_before;
        span.start += self.source.first_byte;
        span.end += self.source.first_byte;
        span
    }

    /// The text of `range`, or `""` when the range is not valid for this document.
    pub fn slice(&self, range: Range<usize>) -> &str {
        self.text.get(range).unwrap_or("")
    }

    /// All items of all blocks, in order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.blocks.iter().flat_map(|b| b.items.iter())
    }

    /// A metadata value as a string, if it is one (or a number or boolean).
    pub fn meta_str(&self, key: &str) -> Option<String> {
        match self.metadata.get(key)? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            serde_json::Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// The size limit of one document when none is given (`--max-size`): 10 MiB. Larger single ads
/// are refused before they are read; exports (JSON, JSON Lines) are streamed and the limit holds
/// for each ad in them.
pub const DEFAULT_MAX_SIZE: u64 = 10 * 1024 * 1024;

/// Options for reading documents.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The largest document read, in bytes (`--max-size`); `None` is [`DEFAULT_MAX_SIZE`].
    pub max_size: Option<u64>,
    /// Forces this language for every document (`--lang nb|nn|en`); `None` is `auto`.
    pub language: Option<Language>,
    /// Extra job titles per role family (configuration `roles:`). They are consulted before the
    /// built-in lists: a title that names one of them gets its family.
    pub roles: BTreeMap<RoleFamily, Vec<String>>,
    /// The word lists to read with (headings, markers, role titles, language words), as the
    /// rule pack gives them ([`crate::rules::RuleSet::vocabulary`]); `None` is the embedded
    /// pack's.
    pub vocabulary: Option<Arc<Vocabulary>>,
}

impl ReadOptions {
    /// The word lists to read with: [`ReadOptions::vocabulary`], else the embedded pack's.
    pub fn vocabulary(&self) -> &Vocabulary {
        self.vocabulary
            .as_deref()
            .unwrap_or_else(|| crate::rules::default_vocabulary())
    }

    /// The largest document read, in bytes.
    pub fn size_limit(&self) -> u64 {
        self.max_size.unwrap_or(DEFAULT_MAX_SIZE)
    }

    /// [`InputError::TooLarge`] for a document `path` of `size` bytes over the limit.
    ///
    /// # Errors
    /// [`InputError::TooLarge`] when `size` is over [`ReadOptions::size_limit`].
    pub fn check_size(&self, path: &str, size: u64) -> Result<(), InputError> {
        let limit = self.size_limit();
        if size > limit {
            return Err(InputError::TooLarge {
                path: path.to_string(),
                size,
                limit,
            });
        }
        Ok(())
    }
}

/// Why an input could not be read. Every variant names the file; line and column where known.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file has no text.
    #[error("{path}: the file is empty; there is no ad to check")]
    Empty {
        /// The path.
        path: String,
    },
    /// The file is not valid UTF-8.
    #[error("{path}:{line}:{column}: the file is not valid UTF-8; if it is a Windows-1252 or Latin-1 export, convert it first: iconv -f windows-1252 -t utf-8 FILE > FILE.utf8.md")]
    NotUtf8 {
        /// The path.
        path: String,
        /// Line of the first invalid byte.
        line: usize,
        /// Column of the first invalid byte.
        column: usize,
    },
    /// The document is larger than the size limit.
    #[error("{path}: the document is {size} bytes, more than the limit of {limit} bytes; not read (raise the limit with --max-size, e.g. --max-size 50MB)")]
    TooLarge {
        /// The path.
        path: String,
        /// Its size in bytes (at least; a stream is read only up to the limit).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file is neither UTF-8, UTF-16 with a byte order mark, nor Windows-1252/ISO-8859-1
    /// text.
    #[error("{path}:{line}:{column}: the file is not a text terskel can read: {reason}. Save it as UTF-8")]
    NotText {
        /// The path.
        path: String,
        /// Line of the first byte that is no text.
        line: usize,
        /// Column of that byte.
        column: usize,
        /// What is wrong.
        reason: String,
    },
    /// A file named on the command line (or standard input) that cannot be checked because it
    /// looks binary: an error, never a silent skip.
    #[error("{path}: cannot be checked: it holds NUL bytes in its first 8 KiB (a binary file, or UTF-16 without a byte order mark); save it as UTF-8")]
    BinaryNamed {
        /// The path.
        path: String,
    },
    /// The file looks binary (contains NUL bytes).
    #[error("{path}: looks like a binary file, not a job ad; skipped")]
    Binary {
        /// The path.
        path: String,
    },
    /// A `.json` file found in a directory walk that holds no job ads (no object in it has a
    /// text field): a directory of ads may also hold labels, settings or other data.
    #[error("{path}: no job ads in this JSON file (no object has a description, adtext, text or body field); skipped. Name the file on the command line to read it as ads")]
    NoAds {
        /// The path.
        path: String,
    },
    /// Front matter opened with `---` but never closed.
    #[error("{path}:{line}:1: front matter opened with `---` here is never closed; add a line `---` after it")]
    UnclosedFrontMatter {
        /// The path.
        path: String,
        /// Line of the opening `---`.
        line: usize,
    },
    /// Front matter names a language terskel does not know (`lang: klingon`).
    #[error("{path}:{line}:1: unknown language `{value}` in front matter; use nb, nn or en (bokmål, nynorsk, english), or auto")]
    UnknownLanguage {
        /// The path.
        path: String,
        /// Line of the `lang:` key.
        line: usize,
        /// The value given.
        value: String,
    },
    /// Front matter is not valid YAML or not a map.
    #[error("{path}:{line}:{column}: front matter is not a valid YAML map: {message}")]
    FrontMatter {
        /// The path.
        path: String,
        /// Line in the file.
        line: usize,
        /// Column in the file.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// An ad of an export that has no text to check (empty, only whitespace, inactive, masked,
    /// or an item of a feed page that lists ads without their text). Skipped with a warning and
    /// counted as skipped; it does not change the exit code.
    #[error("{name}: skipped: {reason}")]
    Skipped {
        /// The ad: its record name, with its title and uuid when it has them.
        name: String,
        /// The line of the record in its file.
        line: usize,
        /// Why there is nothing to check.
        reason: String,
    },
    /// A JSON object of none of the shapes terskel reads (never silently misread as an ad).
    #[error("{path}:{line}: unknown JSON shape: terskel looked for {looked_for}; the object has the fields: {found}")]
    UnknownShape {
        /// The path.
        path: String,
        /// Line of the object.
        line: usize,
        /// What terskel looked for (`posting::json::LOOKED_FOR`).
        looked_for: &'static str,
        /// The fields the object has, comma-separated (`none` for an empty object).
        found: String,
    },
    /// Structured input (JSON/JSONL) could not be used.
    #[error("{path}:{line}: {message}")]
    Record {
        /// The path.
        path: String,
        /// Line of the record.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl InputError {
    /// True for inputs that are skipped with a warning rather than failing the run.
    pub fn is_skip(&self) -> bool {
        matches!(
            self,
            InputError::Binary { .. } | InputError::NoAds { .. } | InputError::Skipped { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_map_points_into_the_source() {
        let map = OffsetMap::Segments(vec![(0, 10, 5), (6, 30, 4)]);
        assert_eq!(map.to_source(0), 10);
        assert_eq!(map.to_source(3), 13);
        assert_eq!(map.to_source(5), 15);
        assert_eq!(map.to_source(7), 31);
        assert_eq!(map.to_source(99), 30);
    }
}
