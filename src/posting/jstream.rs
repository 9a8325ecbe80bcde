//! Concatenated JSON streams (`.jstream`, the import API's stream upload): JSON objects one
//! after another, with or without whitespace or line breaks between them, not one per line.
//!
//! Owns cutting such a stream into [`Record`]s while reading it, with the memory of one object:
//! a scanner follows strings and escapes and counts braces, so `}{` on one line and an object
//! over many lines are both cut right. The N-th object (1-based) is named `FILE#N`; its
//! positions are file lines (a line ends at `\n`, `\r\n` or a lone `\r`), and byte offsets
//! count in the decoded file, as for JSON Lines.
//!
//! It does not parse the objects (that is `json::read_record`) nor decide which files are
//! streams (that is `json::is_stream`, from the name, and `json::read_file`, from the content).

use super::document::InputError;
use super::encoding::Stream8;
use super::json::{Record, MAX_LINE, MAX_LINE_PREFIX};
use std::io::BufRead;

/// Reads the records of a concatenated JSON stream one object at a time.
///
/// An object larger than [`MAX_LINE`] bytes, or bytes outside an object that are not
/// whitespace, end the stream with an error naming the line.
#[derive(Debug)]
pub struct JsonStream<R> {
    reader: R,
    file: String,
    /// 1-based line of the next byte.
    line: usize,
    /// Byte offset of the next byte.
    offset: usize,
    /// The current line's bytes so far (at most [`MAX_LINE_PREFIX`]), outside an object.
    prefix: Vec<u8>,
    /// The current line is longer than [`MAX_LINE_PREFIX`] before the next object.
    lost: bool,
    /// How many objects were read.
    count: usize,
    done: bool,
    /// How many bytes longer the decoded text is than the file up to the end of the last
    /// object (Windows-1252 letters take two bytes in UTF-8).
    grown: usize,
    /// The encoding the reader decodes from (UTF-16), when it does.
    decoded_from: Option<&'static str>,
    /// UTF-8 or Windows-1252, decided at the first object beyond ASCII.
    bytes: Stream8,
}

impl<R: BufRead> JsonStream<R> {
    /// Reads `reader`, the contents of `file`.
    pub fn new(file: &str, reader: R) -> Self {
        Self {
            reader,
            file: file.to_string(),
            line: 1,
            offset: 0,
            prefix: Vec::new(),
            lost: false,
            count: 0,
            done: false,
            grown: 0,
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

    fn fail(
        &mut self,
        line: usize,
        message: impl Into<String>,
    ) -> Option<Result<Record, InputError>> {
        self.done = true;
        Some(Err(InputError::Record {
            path: self.file.clone(),
            line,
            message: message.into(),
        }))
    }

    /// The next byte without taking it (`None` at the end or on an error, which the next
    /// read reports).
    fn peek(&mut self) -> Option<u8> {
        loop {
            match self.reader.fill_buf() {
                Ok(buf) => return buf.first().copied(),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => return None,
            }
        }
    }

    /// The next byte, or `None` at the end.
    fn byte(&mut self) -> std::io::Result<Option<u8>> {
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let Some(&b) = buf.first() else {
                return Ok(None);
            };
            self.reader.consume(1);
            self.offset += 1;
            return Ok(Some(b));
        }
    }
}

impl<R: BufRead> Iterator for JsonStream<R> {
    type Item = Result<Record, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        // Skip whitespace (and a leading BOM) up to the next object.
        let first = loop {
            match self.byte() {
                Err(source) => {
                    self.done = true;
                    return Some(Err(InputError::Io {
                        path: self.file.clone().into(),
                        source,
                    }));
                }
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Ok(Some(b'\n')) => {
                    self.line += 1;
                    self.prefix.clear();
                    self.lost = false;
                }
                // A lone CR ends a line too (as in every other reader).
                Ok(Some(b'\r')) if self.peek() != Some(b'\n') => {
                    self.line += 1;
                    self.prefix.clear();
                    self.lost = false;
                }
                Ok(Some(b)) if b.is_ascii_whitespace() => {
                    if self.prefix.len() < MAX_LINE_PREFIX {
                        self.prefix.push(b);
                    } else {
                        self.lost = true;
                    }
                }
                Ok(Some(b)) => break b,
            }
        };
        if first != b'{' {
            let line = self.line;
            return self.fail(
                line,
                format!(
                    "expected a JSON object in the stream, found {:?}",
                    char::from(first)
                ),
            );
        }
        let first_line = self.line;
        let start_offset = self.offset - 1;
        let keep_prefix = !self.lost && self.prefix.len() < MAX_LINE_PREFIX;
        let mut text = if keep_prefix {
            std::mem::take(&mut self.prefix)
        } else {
            self.prefix.clear();
            Vec::new()
        };
        let start = text.len();
        text.push(first);
        let (mut depth, mut in_string, mut escaped) = (1usize, false, false);
        while depth > 0 {
            let b = match self.byte() {
                Ok(Some(b)) => b,
                Ok(None) => return self.fail(first_line, "the stream ends inside a JSON object"),
                Err(source) => {
                    self.done = true;
                    return Some(Err(InputError::Io {
                        path: self.file.clone().into(),
                        source,
                    }));
                }
            };
            if text.len() >= MAX_LINE {
                return self.fail(
                    first_line,
                    format!(
                        "an object of the stream is longer than {} MiB",
                        MAX_LINE / (1024 * 1024)
                    ),
                );
            }
            text.push(b);
            match b {
                b'\n' => self.line += 1,
                b'\r' if self.peek() != Some(b'\n') => self.line += 1,
                _ if escaped => escaped = false,
                b'\\' if in_string => escaped = true,
                b'"' => in_string = !in_string,
                b'{' | b'[' if !in_string => depth += 1,
                b'}' | b']' if !in_string => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        self.count += 1;
        // What of the object's last line precedes the next object, for its columns.
        // (A `\r` found here is a lone one: the `\n` of a `\r\n` would come after it.)
        let newline = text.iter().rposition(|&b| b == b'\n' || b == b'\r');
        let tail = match newline {
            Some(i) => text.get(i + 1..).unwrap_or(&[]),
            None => text.as_slice(),
        };
        self.lost = tail.len() >= MAX_LINE_PREFIX || (!keep_prefix && newline.is_none());
        if !self.lost {
            self.prefix = tail.to_vec();
        }
        // Offsets count in the decoded text: what is before the object (its line so far)
        // and the object itself may have grown in decoding.
        let (raw_len, raw_prefix) = (text.len(), start);
        let prefix = text.get(..start).map(<[u8]>::to_vec).unwrap_or_default();
        let text = match self.bytes.decode(&self.file, text, first_line) {
            Ok(text) => text,
            Err(error) => return Some(Err(error)),
        };
        let start = match self.bytes {
            Stream8::Windows1252 if !prefix.is_ascii() => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(&prefix)
                .0
                .len(),
            _ => raw_prefix,
        };
        let first_byte = (start_offset + self.grown).saturating_sub(start);
        self.grown += (text.len() - start) - (raw_len - raw_prefix);
        Some(Ok(Record {
            file: self.file.clone(),
            name: format!("{}#{}", self.file, self.count),
            text,
            start,
            first_line,
            first_byte,
            encoding: self.decoded_from.or(self.bytes.label()),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_are_cut_on_one_line_and_over_many() {
        let input = "{\"a\":\"}{\\\"\"}{\"b\":1}\n\n  {\n\"c\": [1, {\"d\": 2}]\n}\n";
        let records: Vec<Record> = JsonStream::new("x.jstream", input.as_bytes())
            .map(Result::unwrap)
            .collect();
        assert_eq!(records.len(), 3);
        assert_eq!(records[0].text, "{\"a\":\"}{\\\"\"}");
        assert_eq!(records[1].name, "x.jstream#2");
        assert_eq!(records[1].text.get(records[1].start..), Some("{\"b\":1}"));
        assert_eq!(records[2].first_line, 3);
        assert_eq!(records[2].text, "  {\n\"c\": [1, {\"d\": 2}]\n}");
        assert_eq!(records[2].first_byte, input.find("  {").unwrap());
    }

    // See: issue 10 (lone CR endings; Windows-1252 and UTF-16 streams).
    #[test]
    fn lone_cr_ends_a_line_and_windows_1252_is_decoded_with_utf8_offsets() {
        let input: &[u8] = b"{\"a\":\r\"\xe6\"}\r{\"b\":1}\r\n\r{\"c\":2}";
        let records: Vec<Record> = JsonStream::new("x.jstream", input)
            .map(Result::unwrap)
            .collect();
        let lines: Vec<_> = records.iter().map(|r| r.first_line).collect();
        assert_eq!(lines, [1, 3, 5]);
        assert_eq!(records[0].text, "{\"a\":\r\"æ\"}");
        assert!(records.iter().all(|r| r.encoding == Some("windows-1252")));
        let utf8 = "{\"a\":\r\"æ\"}\r{\"b\":1}\r\n\r";
        assert_eq!(records[2].first_byte, utf8.len());
        assert_eq!(records[1].first_byte, utf8.find("{\"b").unwrap());
        let mut utf16 = vec![0xFE, 0xFF];
        utf16.extend("{\"d\":\"ø\"}".encode_utf16().flat_map(u16::to_be_bytes));
        let reader = super::super::encoding::Utf16Reader::sniff(&utf16, utf16.as_slice()).unwrap();
        let records: Vec<Record> = JsonStream::new("y.jstream", std::io::BufReader::new(reader))
            .map(Result::unwrap)
            .collect();
        assert_eq!(records[0].text, "{\"d\":\"ø\"}");
    }

    #[test]
    fn garbage_between_objects_is_an_error_with_its_line() {
        let mut stream = JsonStream::new("x.jstream", "{}\nnope".as_bytes());
        assert!(stream.next().unwrap().is_ok());
        let err = stream.next().unwrap().unwrap_err();
        assert!(err.to_string().starts_with("x.jstream:2:"), "{err}");
        assert!(stream.next().is_none());
    }
}
