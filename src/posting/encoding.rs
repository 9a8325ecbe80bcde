//! Bytes → text: the first step of reading any input.
//!
//! Owns the checks that decide whether the bytes are a text at all, and in which encoding:
//! - UTF-8 (a leading byte order mark is dropped) is read as it is;
//! - UTF-16 with a byte order mark (little or big endian), as Windows tools save "Unicode" text,
//!   is decoded with `encoding_rs`;
//! - bytes that are not UTF-8 but read as Windows-1252 text (the superset of ISO-8859-1 that
//!   Word and older recruitment systems export) are decoded as Windows-1252, and the document
//!   says so ([`Decoded::encoding`]);
//! - anything else is refused: NUL bytes in the first 8 KiB without a UTF-16 byte order mark
//!   ([`InputError::Binary`]), control bytes or bytes Windows-1252 leaves undefined
//!   ([`InputError::NotText`], with the line and column of the first), an empty file.
//!
//! It does not guess among other 8-bit encodings (Windows-1252 is what Norwegian exports use).
//! Offsets in every later step are offsets into the decoded UTF-8 text, so a file that was
//! re-encoded (or had a BOM) reports byte offsets of the UTF-8 text; lines and columns agree
//! with the file.

use super::InputError;

/// How far into the input a NUL byte marks it as binary.
const BINARY_PROBE: usize = 8 * 1024;

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Bytes that Windows-1252 does not define: text with them is no Windows-1252 text.
const UNDEFINED_1252: &[u8] = &[0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// Decoded text and the encoding it was decoded from, when that was not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The text, without a byte order mark.
    pub text: String,
    /// `Some("windows-1252")`, `Some("utf-16le")`, …: the file was re-encoded to UTF-8.
    pub encoding: Option<&'static str>,
}

/// Decodes `bytes` (named `path` in errors) into text, without a leading BOM.
///
/// # Errors
/// [`InputError::Binary`] when a NUL byte occurs in the first 8 KiB of a file without a UTF-16
/// byte order mark, [`InputError::NotText`] at the first byte that is neither UTF-8 nor
/// Windows-1252 text (or broken UTF-16), [`InputError::Empty`] when nothing but whitespace
/// remains.
#[cfg(test)]
pub(crate) fn decode(path: &str, bytes: &[u8]) -> Result<String, InputError> {
    decode_any(path, bytes).map(|d| d.text)
}

/// Decodes `bytes` like [`decode`], saying which encoding they were in.
///
/// # Errors
/// As [`decode`].
pub(crate) fn decode_any(path: &str, bytes: &[u8]) -> Result<Decoded, InputError> {
    let decoded = if let Some((encoding, label)) = utf16(bytes) {
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        if had_errors {
            return Err(InputError::NotText {
                path: path.to_string(),
                line: 1,
                column: 1,
                reason: format!(
                    "it starts with a {label} byte order mark but is not valid {label}"
                ),
            });
        }
        Decoded {
            text: text.into_owned(),
            encoding: Some(label),
        }
    } else {
        let probe = bytes.get(..BINARY_PROBE).unwrap_or(bytes);
        if probe.contains(&0) {
            return Err(InputError::Binary {
                path: path.to_string(),
            });
        }
        let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => Decoded {
                text: text.to_string(),
                encoding: None,
            },
            Err(error) => windows_1252(path, bytes, error.valid_up_to())?,
        }
    };
    if decoded.text.trim().is_empty() {
        return Err(InputError::Empty {
            path: path.to_string(),
        });
    }
    Ok(decoded)
}

/// The UTF-16 encoding whose byte order mark `bytes` start with.
fn utf16(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, &'static str)> {
    match bytes {
        [0xFF, 0xFE, ..] => Some((encoding_rs::UTF_16LE, "UTF-16LE")),
        [0xFE, 0xFF, ..] => Some((encoding_rs::UTF_16BE, "UTF-16BE")),
        _ => None,
    }
}

/// `bytes` (not UTF-8 from `bad_utf8` on) decoded as Windows-1252, when they are such text.
fn windows_1252(path: &str, bytes: &[u8], bad_utf8: usize) -> Result<Decoded, InputError> {
    let refused = |offset: usize, reason: String| {
        let (line, column) = position_of_1252(bytes, offset);
        InputError::NotText {
            path: path.to_string(),
            line,
            column,
            reason,
        }
    };
    if let Some(offset) = bytes.iter().position(|&b| {
        UNDEFINED_1252.contains(&b) || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
    }) {
        let byte = bytes.get(offset).copied().unwrap_or(0);
        return Err(refused(
            offset,
            format!("byte 0x{byte:02X} is neither UTF-8 nor Windows-1252/ISO-8859-1 text"),
        ));
    }
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    if high * 4 > bytes.len() {
        return Err(refused(
            bad_utf8,
            format!(
                "{high} of its {} bytes are outside ASCII: not UTF-8, and too many for Windows-1252/ISO-8859-1 text",
                bytes.len()
            ),
        ));
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: Some("windows-1252"),
    })
}

/// One record of a streamed export (a JSON Lines line, an object of a `.jstream`), starting at
/// file line `first_line`, decoded from Windows-1252: refused at the first byte Windows-1252
/// leaves undefined or that is a control byte, as a whole file would be. (The share of bytes
/// outside ASCII is not judged on one record: a short line of Norwegian words has many.)
///
/// # Errors
/// [`InputError::NotText`] with the line and column of that byte.
pub(crate) fn windows_1252_record(
    path: &str,
    bytes: &[u8],
    first_line: usize,
) -> Result<String, InputError> {
    if let Some(offset) = bytes.iter().position(|&b| {
        UNDEFINED_1252.contains(&b) || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
    }) {
        let (line, column) = position_of_1252(bytes, offset);
        let byte = bytes.get(offset).copied().unwrap_or(0);
        return Err(InputError::NotText {
            path: path.to_string(),
            line: first_line + line - 1,
            column,
            reason: format!("byte 0x{byte:02X} is neither UTF-8 nor Windows-1252/ISO-8859-1 text"),
        });
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok(text.into_owned())
}

/// How a streamed export's records are decoded: decided by the first byte outside ASCII, the
/// way a whole file is decoded by all of it. Until then every encoding reads the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Stream8 {
    /// Only ASCII so far.
    #[default]
    Undecided,
    /// A record held UTF-8 beyond ASCII: a later record that is not UTF-8 is an error.
    Utf8,
    /// A record was not UTF-8 (and nothing before it was beyond ASCII): Windows-1252 from here.
    Windows1252,
}

impl Stream8 {
    /// The text of one record's bytes (starting at file line `first_line`) and whether it was
    /// re-encoded, deciding the stream's encoding at its first byte outside ASCII.
    ///
    /// # Errors
    /// [`InputError::NotUtf8`] for a record that is not UTF-8 in a stream that is;
    /// [`InputError::NotText`] as [`windows_1252_record`].
    pub(crate) fn decode(
        &mut self,
        path: &str,
        bytes: Vec<u8>,
        first_line: usize,
    ) -> Result<String, InputError> {
        if *self == Stream8::Windows1252 {
            return if bytes.is_ascii() {
                String::from_utf8(bytes).map_err(|_| not_utf8(path, first_line, 1))
            } else {
                windows_1252_record(path, &bytes, first_line)
            };
        }
        match String::from_utf8(bytes) {
            Ok(text) => {
                if *self == Stream8::Undecided && !text.is_ascii() {
                    *self = Stream8::Utf8;
                }
                Ok(text)
            }
            Err(error) if *self == Stream8::Undecided => {
                *self = Stream8::Windows1252;
                windows_1252_record(path, error.as_bytes(), first_line)
            }
            Err(error) => {
                let bytes = error.as_bytes();
                let valid = error.utf8_error().valid_up_to();
                let before = bytes.get(..valid).unwrap_or(bytes);
                let line_start = before
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let line = first_line + before.iter().filter(|&&b| b == b'\n').count();
                let column = std::str::from_utf8(before.get(line_start..).unwrap_or(&[]))
                    .map_or(1, |s| s.chars().count() + 1);
                Err(not_utf8(path, line, column))
            }
        }
    }

    /// The encoding records are re-encoded from, once decided.
    pub(crate) fn label(self) -> Option<&'static str> {
        (self == Stream8::Windows1252).then_some("windows-1252")
    }
}

fn not_utf8(path: &str, line: usize, column: usize) -> InputError {
    InputError::NotUtf8 {
        path: path.to_string(),
        line,
        column,
    }
}

/// A reader of a UTF-16 file (with its byte order mark) that gives the file's text as UTF-8,
/// decoding while it reads: a streamed export in UTF-16 is read with the memory of its buffers.
/// Bytes that are not valid UTF-16 end the reading with an error (never U+FFFD in the text).
pub(crate) struct Utf16Reader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    label: &'static str,
    input: Vec<u8>,
    output: Vec<u8>,
    out_pos: usize,
    eof: bool,
    /// Bytes that are not UTF-16 were met: the error to give once the text before them is read.
    malformed: Option<String>,
}

impl<R> std::fmt::Debug for Utf16Reader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Utf16Reader")
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

impl<R: std::io::Read> Utf16Reader<R> {
    /// Reads `inner` when its first bytes (`head`) are a UTF-16 byte order mark; else gives
    /// `inner` back.
    ///
    /// # Errors
    /// `inner`, when `head` starts with no UTF-16 byte order mark.
    pub(crate) fn sniff(head: &[u8], inner: R) -> Result<Self, R> {
        let Some((encoding, label)) = utf16(head) else {
            return Err(inner);
        };
        Ok(Self {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            label,
            input: vec![0; 64 * 1024],
            output: Vec::with_capacity(3 * 64 * 1024 + 16),
            out_pos: 0,
            eof: false,
            malformed: None,
        })
    }

    /// `UTF-16LE` or `UTF-16BE`.
    pub(crate) fn label(&self) -> &'static str {
        self.label
    }
}

impl<R: std::io::Read> std::io::Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.out_pos >= self.output.len() {
            if let Some(message) = self.malformed.take() {
                self.eof = true;
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    message,
                ));
            }
            if self.eof {
                return Ok(0);
            }
            let n = loop {
                match self.inner.read(&mut self.input) {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    other => break other?,
                }
            };
            self.eof = n == 0;
            let src = self.input.get(..n).unwrap_or(&[]);
            self.output.clear();
            self.out_pos = 0;
            let needed = self
                .decoder
                .max_utf8_buffer_length_without_replacement(src.len())
                .unwrap_or(3 * src.len() + 16);
            self.output.resize(needed, 0);
            let (result, _, written) =
                self.decoder
                    .decode_to_utf8_without_replacement(src, &mut self.output, self.eof);
            self.output.truncate(written);
            if let encoding_rs::DecoderResult::Malformed(..) = result {
                // The text before the broken bytes is given first; then the error.
                self.malformed = Some(format!(
                    "it starts with a {} byte order mark but is not valid {}",
                    self.label, self.label
                ));
            }
        }
        let pending = self.output.get(self.out_pos..).unwrap_or(&[]);
        let n = pending.len().min(buf.len());
        if let (Some(to), Some(from)) = (buf.get_mut(..n), pending.get(..n)) {
            to.copy_from_slice(from);
        }
        self.out_pos += n;
        Ok(n)
    }
}

/// The 1-based line and column (in characters) of byte `offset` of Windows-1252 `bytes`: one
/// byte is one character.
fn position_of_1252(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    (line, offset - line_start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_the_byte_order_mark() {
        let text = decode("a.md", b"\xEF\xBB\xBFHei").unwrap();
        assert_eq!(text, "Hei");
    }

    #[test]
    fn windows_1252_is_decoded_and_said_so() {
        // "Søk nå" on line 2 with Latin-1 "ø" (0xF8) and "å" (0xE5).
        let decoded = decode_any("ad.txt", b"Tittel\nS\xF8k n\xE5\n").unwrap();
        assert_eq!(decoded.text, "Tittel\nSøk nå\n");
        assert_eq!(decoded.encoding, Some("windows-1252"));
        assert_eq!(decode_any("ad.txt", b"Hei").unwrap().encoding, None);
    }

    #[test]
    fn utf16_with_a_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("Søk nå".encode_utf16().flat_map(u16::to_le_bytes));
        let decoded = decode_any("ad.txt", &bytes).unwrap();
        assert_eq!(decoded.text, "Søk nå");
        assert_eq!(decoded.encoding, Some("UTF-16LE"));
    }

    #[test]
    fn bytes_that_are_no_text_are_refused_at_their_place() {
        // A control byte on line 2, column 3, in a file that is not UTF-8.
        match decode("ad.txt", b"Tittel\nS\xF8\x01k\n") {
            Err(InputError::NotText { line, column, .. }) => assert_eq!((line, column), (2, 3)),
            other => panic!("expected NotText, got {other:?}"),
        }
        // Mostly bytes above ASCII: not a text.
        let noise: Vec<u8> = (0..64u8).map(|i| 0xA0 + (i % 90)).collect();
        assert!(matches!(
            decode("x.txt", &noise),
            Err(InputError::NotText { .. })
        ));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(matches!(
            decode("x.pdf", b"%PDF\0\0\x01"),
            Err(InputError::Binary { .. })
        ));
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert!(matches!(
            decode("e.md", b" \r\n\t\n"),
            Err(InputError::Empty { .. })
        ));
        assert!(matches!(decode("e.md", b""), Err(InputError::Empty { .. })));
        assert!(matches!(
            decode("e.md", b"\xEF\xBB\xBF\n"),
            Err(InputError::Empty { .. })
        ));
    }
}
