//! Texts that arrive without a file: standard input (`--stdin-format`, `--stdin-filename`) and
//! the text of the writers' page or `fix`. "Read this text as format X."
//!
//! Owns choosing the format of such a text (the one given, else the extension of the name
//! given, else its content: a JSON value, an HTML page, else Markdown as before) and reading it:
//! [`read_given`] for one ad, [`given_records`] to cut a JSON text into its ads for a batch. It
//! also sniffs files with a text extension that hold JSON ([`sniffs_as_json`]). It does not read
//! standard input itself (that is the command's business).

use super::document::{Document, Format, InputError, ReadOptions};
use super::json::{self, JsonLines, Record};
use std::io::Read;
use std::path::Path;

/// The name a text from standard input has in reports when no `--stdin-filename` is given.
pub const STDIN_NAME: &str = "<stdin>";

/// A text given without a file: its bytes, the name it is reported under, and its format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given {
    /// The name in reports (`--stdin-filename`, else `<stdin>`).
    pub name: String,
    /// The format it is read as.
    pub format: Format,
    /// The bytes.
    pub bytes: Vec<u8>,
}

impl Given {
    /// A text named `name` (else `<stdin>`), read as `format` when given, else as the extension
    /// of `name` says, else as its content says (JSON, an HTML page, else Markdown).
    pub fn new(bytes: Vec<u8>, format: Option<Format>, name: Option<&str>) -> Given {
        let format = format
            .or_else(|| {
                name.map(Path::new)
                    .filter(|p| p.extension().is_some())
                    .map(super::format_for_path)
            })
            .unwrap_or_else(|| sniff(&bytes));
        Given {
            name: name.unwrap_or(STDIN_NAME).to_string(),
            format,
            bytes,
        }
    }
}

/// The format the content of `bytes` shows: JSON when it is a JSON object or array, HTML when
/// it starts like an HTML page, else Markdown.
fn sniff(bytes: &[u8]) -> Format {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .and_then(|i| bytes.get(i..))
        .unwrap_or(&[]);
    let start = start.get(..64).unwrap_or(start);
    let lower = start.to_ascii_lowercase();
    if matches!(start.first(), Some(b'{' | b'[')) {
        let looks_json = std::str::from_utf8(bytes).is_ok_and(|t| {
            serde_json::Deserializer::from_str(t)
                .into_iter::<serde::de::IgnoredAny>()
                .next()
                .is_some_and(|v| v.is_ok())
        });
        if looks_json {
            return Format::Json;
        }
    }
    if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
        return Format::Html;
    }
    Format::Markdown
}

/// Reads a given text holding one ad as its format (a JSON text must hold exactly one ad; see
/// [`given_records`] for more).
///
/// # Errors
/// As [`super::read_bytes`]; a binary text is [`InputError::BinaryNamed`]: it was given on
/// purpose, so it is an error, not a skip.
pub fn read_given(given: &Given, options: &ReadOptions) -> Result<Document, InputError> {
    super::read_bytes(&given.name, &given.bytes, given.format, options).map_err(|e| match e {
        InputError::Binary { path } => InputError::BinaryNamed { path },
        other => other,
    })
}

/// Cuts a given JSON text into its ads: JSON Lines when its name says so, else one ad, an
/// array, a page, a wrapper or a concatenated stream, by content.
///
/// # Errors
/// The errors of decoding the bytes and of [`json::split`].
pub fn given_records(given: &Given) -> Result<Vec<Record>, InputError> {
    let decoded = super::encoding::decode_any(&given.name, &given.bytes)?;
    let mut records = if json::is_lines(&given.name) {
        JsonLines::new(&given.name, decoded.text.as_bytes()).collect::<Result<Vec<_>, _>>()?
    } else {
        json::split_or_stream(&given.name, &decoded.text)?
    };
    if records.len() == 1 {
        if let Some(record) = records.first_mut() {
            record.name = given.name.clone();
        }
    }
    for record in &mut records {
        record.encoding = decoded.encoding;
    }
    Ok(records)
}

/// True when the file at `path` (of a text extension) holds JSON: it starts with `{` or `[` and
/// its first value parses. Such an export saved as `.txt` is read as JSON rather than linted as
/// raw JSON; a text that only starts with a bracket stays a text.
pub fn sniffs_as_json(path: &Path) -> bool {
    let mut head = [0u8; 512];
    let Ok(n) = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    let head = head.get(..n).unwrap_or(&[]);
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if !matches!(
        head.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    ) {
        return false;
    }
    let too_big = std::fs::metadata(path).map_or(true, |m| m.len() > json::MAX_JSON_FILE);
    !too_big && std::fs::read(path).is_ok_and(|bytes| sniff(&bytes) == Format::Json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_comes_from_the_flag_then_the_name_then_the_content() {
        let html = b"<!DOCTYPE html><p>Hei</p>".to_vec();
        assert_eq!(Given::new(html.clone(), None, None).format, Format::Html);
        assert_eq!(
            Given::new(html.clone(), Some(Format::Text), Some("a.html")).format,
            Format::Text
        );
        assert_eq!(
            Given::new(html, None, Some("a.md")).format,
            Format::Markdown
        );
        assert_eq!(
            Given::new(b"{\"a\": 1}".to_vec(), None, None).format,
            Format::Json
        );
        let md = Given::new(b"# Kokk\n\nVi s\xc3\xb8ker".to_vec(), None, None);
        assert_eq!(
            (md.format, md.name.as_str()),
            (Format::Markdown, STDIN_NAME)
        );
    }
}
