//! Bytes → text: the first step of reading any input.
//!
//! Owns the checks that decide whether the bytes are a text at all: binary files (NUL bytes near
//! the start), invalid UTF-8 (reported with the line and column of the first bad byte), empty
//! files, and the UTF-8 byte order mark, which is dropped. It does not guess other encodings: a
//! Windows-1252 export is refused with a message that says how to convert it.
//!
//! Offsets in every later step are offsets into the decoded text, so a file with a BOM reports
//! offsets three bytes lower than a byte count of the raw file would; lines and columns agree.

use super::InputError;

/// How far into the input a NUL byte marks it as binary.
const BINARY_PROBE: usize = 8 * 1024;

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes `bytes` (named `path` in errors) into text, without a leading BOM.
///
/// # Errors
/// [`InputError::Binary`] when a NUL byte occurs in the first 8 KiB, [`InputError::NotUtf8`] at
/// the first invalid byte, [`InputError::Empty`] when nothing but whitespace remains.
pub(crate) fn decode(path: &str, bytes: &[u8]) -> Result<String, InputError> {
    let probe = bytes.get(..BINARY_PROBE).unwrap_or(bytes);
    if probe.contains(&0) {
        return Err(InputError::Binary {
            path: path.to_string(),
        });
    }
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let (line, column) = position_of(bytes, error.valid_up_to());
            return Err(InputError::NotUtf8 {
                path: path.to_string(),
                line,
                column,
            });
        }
    };
    if text.trim().is_empty() {
        return Err(InputError::Empty {
            path: path.to_string(),
        });
    }
    Ok(text.to_string())
}

/// The 1-based line and column (in characters) of byte `offset`, where everything before
/// `offset` is valid UTF-8.
fn position_of(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before
        .get(line_start..)
        .and_then(|s| std::str::from_utf8(s).ok())
        .map_or(0, |s| s.chars().count())
        + 1;
    (line, column)
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
    fn invalid_utf8_names_line_and_column() {
        // "Søk nå" on line 2 with a Latin-1 "å" (0xE5) after "Søk n".
        let bytes = b"Tittel\nS\xC3\xB8k n\xE5\n";
        match decode("ad.txt", bytes) {
            Err(InputError::NotUtf8 { line, column, .. }) => assert_eq!((line, column), (2, 6)),
            other => panic!("expected NotUtf8, got {other:?}"),
        }
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
