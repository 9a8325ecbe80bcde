//! JSON and JSON Lines exports → one [`Document`] per ad.
//!
//! Owns the ways ads arrive as structured data, and reading one ad of them:
//! - **`.json`**: one ad, an array, a page or a wrapper of ads, in any of the shapes `shape`
//!   recognises by content (pages are unwrapped down to their array). [`split`] cuts the file
//!   into [`Record`]s in one pass; a file is read whole, so files over [`MAX_JSON_FILE`] are
//!   refused with a hint to convert them to JSON Lines. A `.json` file that holds several
//!   values one after another is read as a stream ([`split_or_stream`]).
//! - **`.jsonl`/`.ndjson`**: one ad per line. [`JsonLines`] reads the file line by line, so an
//!   export of any size is read with bounded memory (`.jstream`: see [`super::jstream`]).
//! - [`read_record`]: unwraps a record (feed entry, rekrutteringsbistand, Elasticsearch hit) and
//!   assembles the ad: title, text, the employer's own text under an About heading and the
//!   structured contacts under "Kontakt", each piece mapped to its place in the file (which
//!   field is which: `ad_fields`). A text that contains HTML tags is read with the HTML reader,
//!   so `<h3>Kvalifikasjoner</h3><ul><li>…</li></ul>` gives a requirements block as in an HTML
//!   page; other text is read as plain text. An ad without text is skipped
//!   ([`InputError::Skipped`]); an object of no known shape is refused
//!   ([`InputError::UnknownShape`]).
//!
//! **Names.** An ad of a JSON Lines file is named `FILE:LINE` (the line it is on, as in error
//! messages); the N-th ad (1-based) of a JSON array or page is `FILE#N`, because a minified array
//! has every ad on line 1; a file holding one ad is named `FILE`. [`file_of`] gives the file back.
//!
//! **Positions.** Every character of the extracted text keeps the place it came from in the file,
//! through JSON string escapes (`\n`, `\u00f8`: the escape's first byte) and, for HTML, through the
//! HTML source map. Byte offsets count from the start of the (decoded) file; lines are file lines.
//! Columns are exact when the ad starts on its own line (JSON Lines, pretty-printed arrays); when
//! an ad starts more than [`MAX_LINE_PREFIX`] bytes into its line (a minified array), columns on
//! that line count from the start of the ad instead.
//!
//! It does not decide when records are read or checked; that is `batch`.

use super::ad_fields::AdFields;
use super::builder::Unit;
use super::document::{Document, Format, InputError, OffsetMap, ReadOptions, SectionKind, Source};
use super::encoding::{Stream8, Utf16Reader};
use super::jstream::JsonStream;
use super::shape::{self, Shape};
use super::{html, text, Parsed, Vocabulary};
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::io::BufRead;

pub use super::shape::{LOOKED_FOR, TEXT_FIELDS};

/// Largest `.json` file read (64 MiB); JSON Lines files have no limit.
pub const MAX_JSON_FILE: u64 = 64 * 1024 * 1024;

/// Longest line of a JSON Lines file (16 MiB); a longer line is reported and skipped.
pub const MAX_LINE: usize = 16 * 1024 * 1024;

/// How much of the line before an ad is kept so that its columns are exact.
pub const MAX_LINE_PREFIX: usize = 1024;

/// A segment of an offset map: `(text offset, source offset, length)`.
type Segment = (usize, usize, usize);

/// One ad of a JSON or JSON Lines file, cut out of the file but not parsed yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The file, as the user gave it (in error messages).
    pub file: String,
    /// The ad's name in reports: `FILE:LINE`, `FILE#N` or `FILE` (see the module docs).
    pub name: String,
    /// The file's text from the start of the ad's first line (or from the ad itself, see
    /// [`MAX_LINE_PREFIX`]) to the end of the ad.
    pub text: String,
    /// Where the ad starts in `text`.
    pub start: usize,
    /// The 1-based file line of the first line of `text`.
    pub first_line: usize,
    /// The byte offset of `text` in the decoded file.
    pub first_byte: usize,
    /// The encoding the file was re-encoded from, when it was not UTF-8.
    pub encoding: Option<&'static str>,
}

/// True for files read as JSON Lines (`.jsonl`, `.ndjson`), from the name.
pub fn is_lines(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".jsonl") || lower.ends_with(".ndjson")
}

/// True for concatenated JSON streams (`.jstream`), from the name; see [`super::jstream`].
pub fn is_stream(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".jstream")
}

/// Opens the concatenated JSON stream at `path` for reading object by object (UTF-16 with a
/// byte order mark decoded while it is read, see [`ExportReader`]).
///
/// # Errors
/// [`InputError::Io`] when the file cannot be opened.
pub fn open_stream(path: &std::path::Path) -> Result<JsonStream<ExportReader>, InputError> {
    let reader = ExportReader::open(path)?;
    let from = reader.decoded_from();
    let stream = JsonStream::new(&path.display().to_string(), reader);
    Ok(match from {
        Some(label) => stream.decoded_from(label),
        None => stream,
    })
}

/// A streamed export file as UTF-8 bytes: read as it is, or, when it starts with a UTF-16 byte
/// order mark, decoded from UTF-16 while it is read (Windows tools save "Unicode" text so).
/// Windows-1252 needs no decoding here: its structure bytes are ASCII, and each record is
/// decoded by the JSON Lines and stream readers once the first byte beyond ASCII tells.
#[derive(Debug)]
pub struct ExportReader(ReaderKind);

#[derive(Debug)]
enum ReaderKind {
    Plain(std::io::BufReader<std::fs::File>),
    // Boxed: the decoder's state is large, and most exports are UTF-8.
    Utf16(
        Box<std::io::BufReader<Utf16Reader<std::io::BufReader<std::fs::File>>>>,
        &'static str,
    ),
}

impl ExportReader {
    /// Opens `path`, sniffing its first bytes for a UTF-16 byte order mark.
    ///
    /// # Errors
    /// [`InputError::Io`] when the file cannot be opened or read.
    pub fn open(path: &std::path::Path) -> Result<Self, InputError> {
        let io = |source| InputError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let mut plain = std::io::BufReader::with_capacity(256 * 1024, file);
        let head: Vec<u8> = plain
            .fill_buf()
            .map_err(io)?
            .iter()
            .take(2)
            .copied()
            .collect();
        Ok(Self(match Utf16Reader::sniff(&head, plain) {
            Ok(utf16) => {
                let label = utf16.label();
                ReaderKind::Utf16(
                    Box::new(std::io::BufReader::with_capacity(256 * 1024, utf16)),
                    label,
                )
            }
            Err(plain) => ReaderKind::Plain(plain),
        }))
    }

    /// The encoding the file is decoded from, when it is UTF-16.
    pub fn decoded_from(&self) -> Option<&'static str> {
        match &self.0 {
            ReaderKind::Utf16(_, label) => Some(label),
            ReaderKind::Plain(_) => None,
        }
    }
}

impl std::io::Read for ExportReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match &mut self.0 {
            ReaderKind::Plain(r) => r.read(buf),
            ReaderKind::Utf16(r, _) => r.read(buf),
        }
    }
}

impl BufRead for ExportReader {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        match &mut self.0 {
            ReaderKind::Plain(r) => r.fill_buf(),
            ReaderKind::Utf16(r, _) => r.fill_buf(),
        }
    }

    fn consume(&mut self, amount: usize) {
        match &mut self.0 {
            ReaderKind::Plain(r) => r.consume(amount),
            ReaderKind::Utf16(r, _) => r.consume(amount),
        }
    }
}

/// The file a document came from: its path without the `:LINE` or `#N` of a JSON record.
pub fn file_of(document: &Document) -> &str {
    let path = document.path.as_str();
    if document.format != Format::Json {
        return path;
    }
    match path.rfind([':', '#']) {
        Some(i)
            if path
                .get(i + 1..)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) =>
        {
            path.get(..i).unwrap_or(path)
        }
        _ => path,
    }
}

/// Reads the records of a JSON Lines stream one line at a time.
///
/// Blank lines are skipped. A line that is too long, not UTF-8 or contains NUL bytes is an error
/// item naming its line; reading goes on with the next line. An I/O error ends the stream.
#[derive(Debug)]
pub struct JsonLines<R> {
    reader: R,
    file: String,
    line: usize,
    offset: usize,
    buf: Vec<u8>,
    done: bool,
    /// The encoding the reader decodes from (UTF-16), when it does.
    decoded_from: Option<&'static str>,
    /// UTF-8 or Windows-1252, decided at the first line beyond ASCII.
    bytes: Stream8,
}

impl<R: BufRead> JsonLines<R> {
    /// Reads `reader`, the contents of `file`.
    pub fn new(file: &str, reader: R) -> Self {
        Self {
            reader,
            file: file.to_string(),
            line: 0,
            offset: 0,
            buf: Vec::new(),
            done: false,
            decoded_from: None,
            bytes: Stream8::default(),
        }
    }

    /// Says that `reader` gives text it decoded from `encoding` (a UTF-16 file), so every
    /// record carries the re-encoding notice.
    pub fn decoded_from(mut self, encoding: &'static str) -> Self {
        self.decoded_from = Some(encoding);
        self
    }

    fn record_error(&self, message: impl Into<String>) -> InputError {
        InputError::Record {
            path: self.file.clone(),
            line: self.line,
            message: message.into(),
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Record, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            let (consumed, complete) = match read_line_limited(&mut self.reader, &mut self.buf) {
                Ok(read) => read,
                Err(source) => {
                    self.done = true;
                    return Some(Err(InputError::Io {
                        path: self.file.clone().into(),
                        source,
                    }));
                }
            };
            if consumed == 0 {
                self.done = true;
                return None;
            }
            self.line += 1;
            let mut line_start = self.offset;
            self.offset += consumed;
            if self.line == 1 && self.buf.starts_with(BOM) {
                // Offsets count in the decoded text, without the byte order mark (as for every
                // other format).
                self.buf.drain(..BOM.len());
                self.offset -= BOM.len();
                line_start = 0;
            }
            if !complete {
                return Some(Err(self.record_error(format!(
                    "the line is longer than {} MiB; is this a JSON Lines file?",
                    MAX_LINE / (1024 * 1024)
                ))));
            }
            while matches!(self.buf.last(), Some(b'\n' | b'\r')) {
                self.buf.pop();
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if self.buf.contains(&0) {
                return Some(Err(
                    self.record_error("the line holds binary data (NUL bytes), not JSON")
                ));
            }
            let raw_len = self.buf.len();
            let text = match self.bytes.decode(&self.file, self.buf.clone(), self.line) {
                Ok(text) => text,
                Err(error) => return Some(Err(error)),
            };
            // Offsets count in the decoded text: a re-encoded line is longer in UTF-8.
            self.offset += text.len() - raw_len;
            return Some(Ok(Record {
                file: self.file.clone(),
                name: format!("{}:{}", self.file, self.line),
                text,
                start: 0,
                first_line: self.line,
                first_byte: line_start,
                encoding: self.decoded_from.or(self.bytes.label()),
            }));
        }
        None
    }
}

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads one line (with its `\n`, `\r\n` or lone `\r`) into `buf`, keeping at most
/// [`MAX_LINE`] bytes. Returns the bytes consumed and whether the whole line fit.
fn read_line_limited(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
) -> std::io::Result<(usize, bool)> {
    let mut consumed = 0;
    let mut complete = true;
    let mut after_cr = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((consumed, complete));
        }
        // A line ends at `\n`, `\r\n` or a lone `\r` (as in every other reader); a `\r` at
        // the end of the buffer waits for the next byte.
        if after_cr {
            if available.first() == Some(&b'\n') {
                if buf.len() < MAX_LINE {
                    buf.push(b'\n');
                }
                reader.consume(1);
                consumed += 1;
            }
            return Ok((consumed, complete));
        }
        let (chunk, found) = match available.iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(i) if available.get(i) == Some(&b'\r') => match available.get(i + 1) {
                Some(b'\n') => (available.get(..i + 2).unwrap_or(available), true),
                Some(_) => (available.get(..=i).unwrap_or(available), true),
                None => {
                    after_cr = true;
                    (available, false)
                }
            },
            Some(i) => (available.get(..=i).unwrap_or(available), true),
            None => (available, false),
        };
        let room = MAX_LINE.saturating_sub(buf.len());
        if chunk.len() > room {
            complete = false;
        }
        buf.extend_from_slice(chunk.get(..room.min(chunk.len())).unwrap_or(&[]));
        let used = chunk.len();
        reader.consume(used);
        consumed += used;
        if found {
            return Ok((consumed, complete));
        }
    }
}

/// Opens the JSON Lines file at `path` for reading record by record (UTF-16 with a byte order
/// mark decoded while it is read, see [`ExportReader`]).
///
/// # Errors
/// [`InputError::Io`] when the file cannot be opened.
pub fn open_lines(path: &std::path::Path) -> Result<JsonLines<ExportReader>, InputError> {
    let reader = ExportReader::open(path)?;
    let from = reader.decoded_from();
    let lines = JsonLines::new(&path.display().to_string(), reader);
    Ok(match from {
        Some(label) => lines.decoded_from(label),
        None => lines,
    })
}

/// Reads the `.json` file at `path` and cuts it into its ads (see [`split`]).
///
/// # Errors
/// [`InputError::Io`] when it cannot be read, [`InputError::Record`] when it is larger than
/// [`MAX_JSON_FILE`] or not usable JSON, and the errors of decoding (binary, not UTF-8, empty).
pub fn read_file(path: &std::path::Path) -> Result<Vec<Record>, InputError> {
    let name = path.display().to_string();
    let io = |source| InputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_JSON_FILE {
        return Err(InputError::Record {
            path: name,
            line: 1,
            message: format!(
                "the file is {} MiB; JSON files over {} MiB are not read whole. Convert it to JSON Lines, one ad per line, which is read line by line: jq -c '.[]' FILE > FILE.jsonl (for a page: jq -c '.content[]')",
                size / (1024 * 1024),
                MAX_JSON_FILE / (1024 * 1024)
            ),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let decoded = super::encoding::decode_any(&name, &bytes)?;
    let mut records = split_or_stream(&name, &decoded.text)?;
    for record in &mut records {
        record.encoding = decoded.encoding;
    }
    Ok(records)
}

/// [`split`], or, when the text is several JSON values one after another (a `.jstream` saved as
/// `.json`), the objects of the stream: the choice is made by content.
///
/// # Errors
/// As [`split`].
pub fn split_or_stream(file: &str, text: &str) -> Result<Vec<Record>, InputError> {
    match split(file, text) {
        Err(error) if is_stream(file) || trailing(text) => {
            let records: Result<Vec<Record>, InputError> =
                JsonStream::new(file, text.as_bytes()).collect();
            records.or(Err(error))
        }
        other => other,
    }
}

/// True when `text` starts with a whole JSON value followed by more.
fn trailing(text: &str) -> bool {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<serde::de::IgnoredAny>();
    values.next().is_some_and(|v| v.is_ok()) && values.next().is_some()
}

/// Cuts the text of a `.json` file into its ads: one object, an array, or a page whose
/// `content` array holds the ads.
///
/// # Errors
/// [`InputError::Record`] with the line of the problem when the file is not valid JSON or not
/// one of those shapes.
pub fn split(file: &str, text: &str) -> Result<Vec<Record>, InputError> {
    let top: &RawValue = serde_json::from_str(text).map_err(|e| json_error(file, 1, &e))?;
    let mut raw = top;
    // Unwrap pages down to their array of ads: `content`, `hits.hits`, `items`.
    for _ in 0..4 {
        if raw.get().starts_with('[') {
            return array_records(file, text, raw.get());
        }
        let Some(fields) = shape::fields(raw) else {
            break;
        };
        match shape::of_object(&fields) {
            Shape::Many(inner) => raw = inner,
            Shape::Unknown(found) => return Err(unknown_shape(file, 1, &found)),
            _ => {
                let mut lines = LineCounter::default();
                return Ok(vec![record_at(
                    file,
                    file.to_string(),
                    text,
                    raw.get(),
                    &mut lines,
                )]);
            }
        }
    }
    Err(InputError::Record {
        path: file.to_string(),
        line: 1,
        message: format!(
            "the file holds a JSON {}; terskel looked for {LOOKED_FOR}",
            kind_of(raw.get())
        ),
    })
}

/// The error for a JSON object (at `line` of `file`) of none of the shapes terskel reads.
fn unknown_shape(file: &str, line: usize, found: &[String]) -> InputError {
    InputError::UnknownShape {
        path: file.to_string(),
        line,
        looked_for: LOOKED_FOR,
        found: if found.is_empty() {
            "none".to_string()
        } else {
            found.join(", ")
        },
    }
}

/// The records of the array `raw` (a slice of `text`).
fn array_records(file: &str, text: &str, raw: &str) -> Result<Vec<Record>, InputError> {
    let items: Vec<&RawValue> = serde_json::from_str(raw).map_err(|e| {
        let before = offset_in(text, raw).map_or(0, |o| count_lines(text.get(..o).unwrap_or("")));
        json_error(file, before + 1, &e)
    })?;
    let mut lines = LineCounter::default();
    Ok(items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            record_at(
                file,
                format!("{file}#{}", i + 1),
                text,
                item.get(),
                &mut lines,
            )
        })
        .collect())
}

/// Counts lines up to increasing offsets of one text, in one pass, and remembers where the last
/// line before the offset starts: finding an ad's line costs the bytes since the previous ad,
/// not the bytes since the start of the file (a minified array has every ad on line 1).
#[derive(Debug, Default)]
struct LineCounter {
    offset: usize,
    lines: usize,
    line_start: usize,
    /// Bytes looked at so far: at most the text's length, however many ads it holds.
    scanned: usize,
}

impl LineCounter {
    /// The number of `\n` in `text[..offset]` and the start of the line `offset` is on;
    /// offsets must not decrease between calls.
    fn before(&mut self, text: &str, offset: usize) -> (usize, usize) {
        if offset >= self.offset {
            let bytes = text.as_bytes();
            for i in self.offset..offset.min(bytes.len()) {
                if is_line_end(bytes, i) {
                    self.lines += 1;
                    self.line_start = i + 1;
                }
            }
            self.scanned += offset.saturating_sub(self.offset);
            self.offset = offset;
        }
        (self.lines, self.line_start)
    }
}

/// True when `bytes[i]` ends a line: a `\n`, or a lone `\r` (not the `\r` of a `\r\n`), as
/// the Markdown and text readers count lines.
fn is_line_end(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(b'\n') => true,
        Some(b'\r') => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

fn count_lines(text: &str) -> usize {
    let bytes = text.as_bytes();
    (0..bytes.len()).filter(|&i| is_line_end(bytes, i)).count()
}

/// The record of the ad `raw`, a slice of the file's `text`.
fn record_at(file: &str, name: String, text: &str, raw: &str, lines: &mut LineCounter) -> Record {
    let at = offset_in(text, raw).unwrap_or(0);
    let (lines_before, line_start) = lines.before(text, at);
    let first_byte = if at - line_start <= MAX_LINE_PREFIX {
        line_start
    } else {
        at
    };
    Record {
        file: file.to_string(),
        name,
        text: text
            .get(first_byte..at + raw.len())
            .unwrap_or(raw)
            .to_string(),
        start: at - first_byte,
        first_line: lines_before + 1,
        first_byte,
        encoding: None,
    }
}

/// Where the slice `part` starts in `whole`, if it is a slice of it.
fn offset_in(whole: &str, part: &str) -> Option<usize> {
    let offset = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    (offset + part.len() <= whole.len()).then_some(offset)
}

/// An [`InputError::Record`] for a JSON syntax error found in text starting at file line `line`.
fn json_error(file: &str, line: usize, e: &serde_json::Error) -> InputError {
    let line = line + e.line().saturating_sub(1);
    // serde_json's message ends with " at line L column C", positions we give ourselves.
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    InputError::Record {
        path: file.to_string(),
        line,
        message: format!("column {}: not valid JSON: {message}", e.column()),
    }
}

/// "an object", "a string", … for a raw JSON value.
fn kind_of(raw: &str) -> &'static str {
    match raw.bytes().next() {
        Some(b'{') => "object",
        Some(b'[') => "array",
        Some(b'"') => "string",
        Some(b't' | b'f') => "boolean",
        Some(b'n') => "null",
        _ => "number",
    }
}

/// Reads one ad from a file that holds exactly one (`read_bytes` on a `.json`/`.jsonl` file).
///
/// # Errors
/// As [`split`] and [`read_record`]; [`InputError::Record`] when the file holds several ads.
pub(crate) fn read_one(
    file: &str,
    text: &str,
    encoding: Option<&'static str>,
    options: &ReadOptions,
) -> Result<Document, InputError> {
    let mut records = if is_lines(file) {
        JsonLines::new(file, text.as_bytes()).collect::<Result<Vec<_>, _>>()?
    } else {
        split_or_stream(file, text)?
    };
    match records.len() {
        1 => match records.pop() {
            Some(mut record) => {
                record.name = file.to_string();
                record.encoding = encoding;
                read_record(record, options)
            }
            None => Err(no_ads(file)),
        },
        0 => Err(no_ads(file)),
        n => Err(InputError::Record {
            path: file.to_string(),
            line: 1,
            message: format!(
                "the file holds {n} ads; read them one by one with posting::json::split or check the file with `terskel check`"
            ),
        }),
    }
}

fn no_ads(file: &str) -> InputError {
    InputError::Record {
        path: file.to_string(),
        line: 1,
        message: "the file holds no ads".to_string(),
    }
}

/// True when the record is an ad, a wrapper of one or a page of them (any shape but
/// `Shape::Unknown`): what tells an export of ads from other JSON in a directory.
pub fn has_text_field(record: &Record) -> bool {
    let raw = record.text.get(record.start..).unwrap_or("");
    serde_json::from_str::<&RawValue>(raw)
        .ok()
        .and_then(shape::fields)
        .is_some_and(|fields| shape::is_ad_like(&fields))
}

/// How many wrappers deep an ad may sit (`{"_source": {"stilling": {…}}}`).
const MAX_WRAPPERS: usize = 4;

/// Reads one ad record into a document.
///
/// Wrappers are unwrapped first (a pam-stilling-feed entry's `ad_content`, rekrutteringsbistand's
/// `stilling`, an Elasticsearch hit's `_source`). The text is the first field of
/// `AdFields::text`; the employer's own text follows under a heading "Om oss" (an About
/// section); structured contacts with a phone or an e-mail follow under "Kontakt". Each piece of
/// text keeps its place in the file.
///
/// # Errors
/// [`InputError::Skipped`] for an ad without text (empty, whitespace, inactive, masked, or an
/// item of a feed page); [`InputError::Record`] with the record's line when it is not JSON, not
/// an object or of an unknown shape (the message names the fields looked for).
pub fn read_record(record: Record, options: &ReadOptions) -> Result<Document, InputError> {
    let raw = record.text.get(record.start..).unwrap_or("");
    let error = |message: String| InputError::Record {
        path: record.file.clone(),
        line: record.first_line,
        message,
    };
    let mut value: &RawValue =
        serde_json::from_str(raw).map_err(|e| json_error(&record.file, record.first_line, &e))?;
    let mut depth = 0;
    let top = loop {
        let Some(fields) = shape::fields(value) else {
            return Err(error(format!(
                "the record is a JSON {}, not an ad object",
                kind_of(value.get())
            )));
        };
        match shape::of_object(&fields) {
            Shape::Ad => break fields,
            Shape::Wrapped(inner) if depth < MAX_WRAPPERS => {
                depth += 1;
                value = inner;
            }
            Shape::Wrapped(_) => {
                return Err(error(format!(
                    "the ad is wrapped more than {MAX_WRAPPERS} objects deep"
                )))
            }
            Shape::Empty(reason) => return Err(skipped(&record, &fields, reason)),
            Shape::FeedItem => {
                let url = fields
                    .get("url")
                    .and_then(|u| serde_json::from_str::<String>(u.get()).ok())
                    .unwrap_or_else(|| "/api/v1/feedentry/UUID".to_string());
                let reason = format!("a pam-stilling-feed page names ads without their text; fetch the entry ({url}) and check that");
                return Err(skipped(&record, &fields, reason));
            }
            Shape::Many(_) => {
                return Err(error(
                    "the record holds several ads (a page); give each ad its own line".to_string(),
                ))
            }
            Shape::Unknown(found) => {
                return Err(unknown_shape(&record.file, record.first_line, &found))
            }
        }
    };
    let ad = AdFields::new(top);
    let at = |value: &RawValue| offset_in(&record.text, value.get()).unwrap_or(record.start);
    let literal = |raw: &RawValue| decode_literal(raw.get(), at(raw));

    let Some((body, body_map)) = ad.text().map(literal) else {
        let reason = format!(
            "the ad has no text: none of the fields {}, properties.adtext holds text",
            TEXT_FIELDS.join(", ")
        );
        return Err(skipped(&record, &ad.top, reason));
    };

    let mut out = Assembly::default();
    let title = ad.title().map(literal);
    let has_title = title.is_some();
    if let Some((title, map)) = title {
        // A title is one line: line breaks in it become spaces (same length, same map).
        let one_line: String = title
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        let range = out.push(&one_line, &map);
        out.units.push(Unit::Title(range));
        out.text.push('\n');
    }
    let base = out.text.len();
    let vocabulary = options.vocabulary();
    let html_title = out.push_body(&body, &body_map, Part::Text { has_title }, vocabulary);
    if out.text.get(base..).is_none_or(|t| t.trim().is_empty()) {
        let reason = "the ad text is empty once its HTML is removed".to_string();
        return Err(skipped(&record, &ad.top, reason));
    }
    let mut employer_heading = None;
    if let Some(raw) = ad.employer_text() {
        let (text, map) = literal(raw);
        employer_heading = Some(out.text.len() + 2);
        out.push_heading(EMPLOYER_HEADING, at(raw));
        // The employer's text is one About section: its own headings do not open others.
        out.push_body(&text, &map, Part::Employer, vocabulary);
    }
    let contacts = ad.contacts();
    if let Some(first) = contacts.first().and_then(|c| c.parts.first()) {
        out.push_heading(CONTACT_HEADING, at(first));
        for contact in &contacts {
            out.text.push('\n');
            let start = out.text.len();
            for (i, part) in contact.parts.iter().enumerate() {
                if i > 0 {
                    out.push_synthetic(", ", at(part));
                }
                let (text, map) = literal(part);
                let one_line: String = text
                    .chars()
                    .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
                    .collect();
                out.push(&one_line, &map);
            }
            out.units.push(Unit::Prose(start..out.text.len()));
        }
    }

    let metadata = ad.metadata();
    let encoding = record.encoding;
    let mut source = Source::new(record.text);
    source.first_line = record.first_line;
    source.first_byte = record.first_byte;
    let parsed = Parsed {
        body_start: base,
        text: out.text,
        offsets: OffsetMap::Segments(out.segments),
        units: out.units,
        metadata,
        title: html_title,
    };
    let mut document = super::finish(&record.name, Format::Json, source, parsed, options)?;
    document.encoding = encoding;
    if let Some(heading) = employer_heading {
        demands_in_employer_text(&mut document, heading, vocabulary);
    }
    Ok(document)
}

/// A demand in the employer's own text ("alle ansatte må ha bachelorgrad") is still a demand:
/// items of the About block that start at text offset `heading` (or after it, once the text was
/// normalised) take the section their own words give them, as in a block without a heading.
fn demands_in_employer_text(document: &mut Document, heading: usize, v: &Vocabulary) {
    let text = &document.text;
    let Some(block) = document.blocks.iter_mut().find(|b| {
        b.section == SectionKind::About
            && b.heading.as_deref() == Some(EMPLOYER_HEADING)
            && b.heading_span.as_ref().is_some_and(|h| h.start >= heading)
    }) else {
        return;
    };
    for item in &mut block.items {
        let own = text.get(item.span.clone()).unwrap_or("");
        if let kind @ (SectionKind::Requirements | SectionKind::Preferred) =
            super::sections::effective(SectionKind::Other, item.kind, own, v)
        {
            item.section = kind;
        }
    }
}

/// The heading the employer's own text is read under: an About section.
const EMPLOYER_HEADING: &str = "Om oss";

/// The heading structured contacts are read under: an Application section.
const CONTACT_HEADING: &str = "Kontakt";

/// The error for an ad that is skipped: named by its record, title and uuid.
fn skipped(record: &Record, fields: &BTreeMap<String, &RawValue>, reason: String) -> InputError {
    let get = |name: &str| {
        fields
            .get(name)
            .and_then(|v| serde_json::from_str::<String>(v.get()).ok())
            .filter(|s| !s.trim().is_empty())
    };
    let title = get("title").or_else(|| {
        fields
            .get("_feed_entry")
            .and_then(|e| shape::fields(e))
            .and_then(|e| {
                e.get("title")
                    .and_then(|t| serde_json::from_str(t.get()).ok())
            })
    });
    let uuid = get("uuid").or_else(|| get("id"));
    let mut name = record.name.clone();
    match (title, uuid) {
        (Some(t), Some(u)) => name.push_str(&format!(" ({t}, uuid {u})")),
        (Some(t), None) => name.push_str(&format!(" ({t})")),
        (None, Some(u)) => name.push_str(&format!(" (uuid {u})")),
        (None, None) => {}
    }
    InputError::Skipped {
        name,
        line: record.first_line,
        reason,
    }
}

/// The document text being assembled, with its map into the record.
#[derive(Debug, Default)]
struct Assembly {
    text: String,
    segments: Vec<Segment>,
    units: Vec<Unit>,
}

impl Assembly {
    /// Appends `text`, whose map into the record is `map`; returns its range.
    fn push(&mut self, text: &str, map: &[Segment]) -> std::ops::Range<usize> {
        let base = self.text.len();
        self.text.push_str(text);
        self.segments
            .extend(map.iter().map(|&(t, s, len)| (t + base, s, len)));
        base..self.text.len()
    }

    /// Appends text that is in no field (a heading, a separator), placed at record byte `at`.
    fn push_synthetic(&mut self, text: &str, at: usize) -> std::ops::Range<usize> {
        let base = self.text.len();
        self.text.push_str(text);
        self.segments.push((base, at, 0));
        base..self.text.len()
    }

    /// Appends a heading of its own paragraph, placed at record byte `at`.
    fn push_heading(&mut self, heading: &str, at: usize) {
        self.text.push_str("\n\n");
        let range = self.push_synthetic(heading, at);
        self.units.push(Unit::Heading(range));
        self.text.push('\n');
    }

    /// Appends a field's text (HTML or plain text) with its units; returns the HTML `<title>`
    /// if it has one.
    ///
    /// In the ad text, a title line becomes a heading (HTML) or prose (plain text) when the ad
    /// has a title field. In the employer's text every heading becomes prose, so the whole text
    /// stays in the About section it is put under.
    fn push_body(
        &mut self,
        body: &str,
        body_map: &[Segment],
        part: Part,
        v: &Vocabulary,
    ) -> Option<String> {
        let base = self.text.len();
        let html = looks_like_html(body);
        let (units, title) = if html {
            let extracted = html::extract(body, v);
            let inner = match &extracted.offsets {
                OffsetMap::Segments(segments) => compose(segments, body_map),
                OffsetMap::Identity => body_map.to_vec(),
            };
            self.push(&extracted.text, &inner);
            (extracted.units, extracted.title)
        } else {
            self.push(body, body_map);
            (text::units(body, 0, v), None)
        };
        self.units.extend(
            units
                .into_iter()
                .map(|u| match (shift_unit(u, base), part) {
                    (Unit::Title(r) | Unit::Heading(r), Part::Employer) => Unit::Prose(r),
                    (Unit::Title(r), Part::Text { has_title: true }) if html => Unit::Heading(r),
                    (Unit::Title(r), Part::Text { has_title: true }) => Unit::Prose(r),
                    (other, _) => other,
                }),
        );
        title
    }
}

/// Which part of an ad a field's text is.
#[derive(Debug, Clone, Copy)]
enum Part {
    /// The ad text; `has_title` when the ad has a title field.
    Text {
        /// The ad has a title field.
        has_title: bool,
    },
    /// The employer's own text.
    Employer,
}

fn shift(range: std::ops::Range<usize>, by: usize) -> std::ops::Range<usize> {
    range.start + by..range.end + by
}

fn shift_unit(unit: Unit, by: usize) -> Unit {
    match unit {
        Unit::Title(r) => Unit::Title(shift(r, by)),
        Unit::Heading(r) => Unit::Heading(shift(r, by)),
        Unit::List(r) => Unit::List(shift(r, by)),
        Unit::Prose(r) => Unit::Prose(shift(r, by)),
        Unit::Field(r) => Unit::Field(shift(r, by)),
        Unit::Keyed(r, section) => Unit::Keyed(shift(r, by), section),
    }
}

/// Elements whose tags mark a text field as HTML.
const HTML_TAGS: &[&str] = &[
    "p", "br", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "span", "strong", "b",
    "em", "i", "u", "table", "tr", "td", "th", "a", "section", "article", "hr",
];

/// True when `text` contains a known HTML tag (`<p>`, `</li>`, `<br/>`, `<h3 class=…>`).
fn looks_like_html(text: &str) -> bool {
    text.match_indices('<').any(|(i, _)| {
        let rest = text.get(i + 1..).unwrap_or("");
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = rest.get(..name_len).unwrap_or("").to_ascii_lowercase();
        let after = rest.get(name_len..).and_then(|r| r.chars().next());
        HTML_TAGS.contains(&name.as_str())
            && matches!(after, Some('>' | '/' | ' ' | '\t' | '\n' | '\r'))
    })
}

/// Decodes the JSON string literal `raw` (with its quotes), found at byte `at` of the record;
/// returns the string and the map from each of its bytes back into the record.
///
/// A literal run maps byte for byte; an escaped character maps to the start of its escape.
/// The literal was validated by the JSON parser; a broken escape decodes to U+FFFD.
fn decode_literal(raw: &str, at: usize) -> (String, Vec<Segment>) {
    let (inner, at) = match raw.strip_prefix('"') {
        Some(rest) => (rest.strip_suffix('"').unwrap_or(rest), at + 1),
        None => (raw, at),
    };
    let bytes = inner.as_bytes();
    let mut text = String::with_capacity(inner.len());
    let mut map: Vec<Segment> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let run_end = bytes
            .get(i..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\\'))
            .map_or(bytes.len(), |p| i + p);
        if run_end > i {
            let run = inner.get(i..run_end).unwrap_or("");
            map.push((text.len(), at + i, run.len()));
            text.push_str(run);
            i = run_end;
            continue;
        }
        let (c, len) = escape(bytes, i);
        map.push((text.len(), at + i, c.len_utf8()));
        text.push(c);
        i += len;
    }
    (text, map)
}

/// The character of the escape starting at `bytes[i]` (a backslash) and the escape's length.
fn escape(bytes: &[u8], i: usize) -> (char, usize) {
    let simple = match bytes.get(i + 1) {
        Some(b'n') => '\n',
        Some(b't') => '\t',
        Some(b'r') => '\r',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'u') => {
            let Some(high) = hex4(bytes, i + 2) else {
                return ('\u{fffd}', 2);
            };
            if (0xD800..0xDC00).contains(&high) && bytes.get(i + 6) == Some(&b'\\') {
                if let Some(low) = hex4(bytes, i + 8).filter(|l| (0xDC00..0xE000).contains(l)) {
                    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    return (char::from_u32(code).unwrap_or('\u{fffd}'), 12);
                }
            }
            return (char::from_u32(high).unwrap_or('\u{fffd}'), 6);
        }
        _ => return ('\u{fffd}', 1),
    };
    (simple, 2)
}

/// The value of four hex digits at `bytes[i..i + 4]`.
fn hex4(bytes: &[u8], i: usize) -> Option<u32> {
    let digits = std::str::from_utf8(bytes.get(i..i + 4)?).ok()?;
    u32::from_str_radix(digits, 16).ok()
}

/// The map of `outer` (text → middle) followed by `inner` (middle → record): text → record.
pub(crate) fn compose(outer: &[Segment], inner: &[Segment]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(outer.len());
    for &(t, m, len) in outer {
        let mut i = inner.partition_point(|&(m0, _, l0)| m0 + l0 <= m);
        if len == 0 {
            if let Some(&(m0, s0, l0)) = inner.get(i).or(inner.last()) {
                out.push((t, s0 + m.saturating_sub(m0).min(l0), 0));
            }
            continue;
        }
        let end = m + len;
        let mut pos = m;
        while pos < end {
            let Some(&(m0, s0, l0)) = inner.get(i) else {
                break;
            };
            pos = pos.max(m0);
            if pos >= end {
                break;
            }
            let take = (m0 + l0).min(end) - pos;
            out.push((t + (pos - m), s0 + (pos - m0), take));
            pos += take;
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::SectionKind;

    fn record(text: &str) -> Record {
        Record {
            file: "ads.jsonl".into(),
            name: "ads.jsonl:1".into(),
            text: text.into(),
            start: 0,
            first_line: 1,
            first_byte: 0,
            encoding: None,
        }
    }

    #[test]
    fn escapes_map_to_their_place_in_the_literal() {
        let raw = r#""a\nø\u00e5\ud83d\ude00b""#;
        let (text, map) = decode_literal(raw, 10);
        assert_eq!(text, "a\nøå😀b");
        let to = |offset| OffsetMap::Segments(map.clone()).to_source(offset);
        assert_eq!(to(0), 11); // a
        assert_eq!(to(1), 12); // \n
        assert_eq!(to(2), 14); // ø
        assert_eq!(to(4), 16); // \u00e5
        assert_eq!(to(6), 22); // \ud83d\ude00
        assert_eq!(to(10), 34); // b
    }

    #[test]
    fn html_field_keeps_sections_and_positions() {
        let line = r#"{"title":"Assistent","description":"<h3>Kvalifikasjoner</h3><ul><li>Fagbrev er et krav</li></ul>"}"#;
        let doc = read_record(record(line), &ReadOptions::default()).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Assistent"));
        let item = doc
            .items()
            .find(|i| doc.slice(i.span.clone()).contains("Fagbrev"))
            .unwrap();
        assert_eq!(item.section, SectionKind::Requirements);
        let span = doc.span(item.span.clone());
        assert_eq!(line.get(span.start..span.end), Some("Fagbrev er et krav"));
        assert_eq!(span.line, 1);
        assert_eq!(span.column, line.find("Fagbrev").unwrap() + 1);
    }

    // See: issue 10 (an ad without text is skipped, not an error).
    #[test]
    fn record_without_text_is_skipped_with_its_name() {
        let mut r = record(r#"{"title":"Assistent","uuid":"u-1","description":"  "}"#);
        r.first_line = 7;
        let err = read_record(r, &ReadOptions::default()).unwrap_err();
        assert!(err.is_skip(), "{err}");
        assert!(
            err.to_string()
                .starts_with("ads.jsonl:1 (Assistent, uuid u-1): skipped: the ad has no text"),
            "{err}"
        );
        let err = read_record(record(r#"{"labels":[1]}"#), &ReadOptions::default()).unwrap_err();
        assert!(matches!(err, InputError::UnknownShape { .. }), "{err}");
    }

    #[test]
    fn json_lines_skip_blank_lines_and_strip_the_bom() {
        let input = "\u{feff}{\"a\":1}\r\n\n{\"b\":2}\n";
        let records: Vec<_> = JsonLines::new("x.jsonl", input.as_bytes())
            .map(Result::unwrap)
            .collect();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].text, "{\"a\":1}");
        assert_eq!((records[0].first_line, records[0].first_byte), (1, 0));
        assert_eq!(records[1].name, "x.jsonl:3");
        assert_eq!((records[1].first_line, records[1].first_byte), (3, 10));
    }

    // See: issue 10 (lone CR endings; Windows-1252 exports streamed).
    #[test]
    fn json_lines_end_at_a_lone_cr_and_decode_windows_1252_from_the_first_such_line() {
        let input: &[u8] = b"{\"a\":1}\r{\"b\":\"S\xf8k\"}\r\n{\"c\":2}\r";
        let records: Vec<_> = JsonLines::new("x.jsonl", input)
            .map(Result::unwrap)
            .collect();
        let lines: Vec<_> = records.iter().map(|r| r.first_line).collect();
        assert_eq!(lines, [1, 2, 3]);
        assert_eq!(records[1].text, "{\"b\":\"Søk\"}");
        assert_eq!(records[0].encoding, None);
        assert_eq!(records[1].encoding, Some("windows-1252"));
        // Offsets count in the UTF-8 text: "ø" is two bytes there.
        assert_eq!(
            records[2].first_byte,
            "{\"a\":1}\r{\"b\":\"Søk\"}\r\n".len()
        );
        let pretty = "[\r  {\"title\": \"A\"},\r  {\"title\": \"B\"}\r]";
        let records = split("p.json", pretty).unwrap();
        assert_eq!((records[1].first_line, records[1].start), (3, 2));
    }

    #[test]
    fn pages_are_unwrapped_and_arrays_named_by_index() {
        let text = "{\"content\": [\n  {\"title\": \"A\", \"description\": \"x\"},\n  {\"title\": \"B\", \"description\": \"y\"}\n], \"totalElements\": 2}";
        let records = split("page.json", text).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].name, "page.json#2");
        assert_eq!(records[1].first_line, 3);
        assert_eq!(
            records[1].text,
            "  {\"title\": \"B\", \"description\": \"y\"}"
        );
        assert_eq!(records[1].start, 2);
        let single = split("one.json", "{\"description\": \"x\"}").unwrap();
        assert_eq!(single[0].name, "one.json");
    }

    // See: issue 13 (each ad of a minified array searched back to the start of the file).
    #[test]
    fn a_minified_array_is_cut_in_one_pass_with_exact_places() {
        let ad = r#"{"title":"Kokk","description":"Vi søker en kokk."}"#;
        let n = 3000;
        let text = format!("[{}]", vec![ad; n].join(","));
        let items: Vec<&RawValue> = serde_json::from_str(&text).unwrap();
        let mut lines = LineCounter::default();
        let records: Vec<Record> = items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                record_at(
                    "a.json",
                    format!("a.json#{i}"),
                    &text,
                    item.get(),
                    &mut lines,
                )
            })
            .collect();
        // Every byte is looked at once at most, not once per ad before it.
        assert!(
            lines.scanned <= text.len(),
            "{} > {}",
            lines.scanned,
            text.len()
        );
        let last = records.last().unwrap();
        assert_eq!(last.first_line, 1);
        assert_eq!(last.first_byte, text.len() - 1 - ad.len());
        assert_eq!(last.text, ad);
        // A pretty-printed array: each ad on its own line keeps its line prefix.
        let pretty = format!("[\n  {ad},\n  {ad}\n]");
        let records = split("p.json", &pretty).unwrap();
        assert_eq!((records[1].first_line, records[1].start), (3, 2));
        assert_eq!(records[1].first_byte, pretty.rfind("  {").unwrap());
    }

    #[test]
    fn file_of_strips_the_record_suffix() {
        let mut doc = read_record(
            record(r#"{"description":"Vi søker en assistent."}"#),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(file_of(&doc), "ads.jsonl");
        doc.path = "dir/a#b.json#12".into();
        assert_eq!(file_of(&doc), "dir/a#b.json");
        doc.path = "dir/a.json".into();
        assert_eq!(file_of(&doc), "dir/a.json");
    }

    #[test]
    fn html_is_recognised_by_its_tags_only() {
        assert!(looks_like_html("<p>Hei</p>"));
        assert!(looks_like_html("Linje<br/>to"));
        assert!(!looks_like_html("Lønn < 500 000 og alder <18 år"));
    }
}
