//! Plain text → units, with byte ranges into the original file.
//!
//! Owns the layout conventions of ads exported as plain text: paragraphs are separated by blank
//! lines; a line starting with `-`, `•`, `*`, `–`, `·`, `o ` or `1.`/`1)` is a list item (an
//! indented line right after it continues it); short lines ending in `:`, heading phrases and
//! short ALL-CAPS lines are headings (via [`super::lines`]). The first non-empty line is the title
//! when it is short (≤ 12 words) and does not end in a full stop or colon.

use super::builder::Unit;
use super::lines;
use super::words;
use super::Vocabulary;
use std::ops::Range;

/// Longest first line (in words) that is taken as the title.
const MAX_TITLE_WORDS: usize = 12;

/// Bullet characters that start a list item when followed by whitespace.
const BULLETS: &[char] = &['-', '•', '*', '–', '—', '·', '▪', '●', '◦', 'o'];

/// The units of the text body of `text`, which starts at byte `body_start`.
pub(crate) fn units(text: &str, body_start: usize, v: &Vocabulary) -> Vec<Unit> {
    let body = text.get(body_start..).unwrap_or("");
    let mut out = Vec::new();
    let mut paragraph: Option<Range<usize>> = None;
    let mut item: Option<Range<usize>> = None;
    let mut title_checked = false;
    let mut offset = body_start;
    for line in body.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let Some(trimmed) = lines::trim(content, 0..content.len()) else {
            flush_paragraph(text, &mut paragraph, v, &mut out);
            flush_item(text, &mut item, v, &mut out);
            continue;
        };
        let abs = trimmed.start + start..trimmed.end + start;
        if !title_checked {
            title_checked = true;
            if is_title(content.get(trimmed.clone()).unwrap_or("")) {
                out.push(Unit::Title(abs));
                continue;
            }
        }
        if let Some(marker_len) = list_marker(content.get(trimmed.clone()).unwrap_or("")) {
            flush_paragraph(text, &mut paragraph, v, &mut out);
            flush_item(text, &mut item, v, &mut out);
            item = lines::trim(text, abs.start + marker_len..abs.end);
            continue;
        }
        let indented = content.starts_with([' ', '\t']);
        if let (Some(r), true) = (&mut item, indented) {
            r.end = abs.end;
            continue;
        }
        flush_item(text, &mut item, v, &mut out);
        paragraph = Some(match paragraph.take() {
            Some(p) => p.start..abs.end,
            None => abs,
        });
    }
    flush_paragraph(text, &mut paragraph, v, &mut out);
    flush_item(text, &mut item, v, &mut out);
    out
}

/// Whether the first line reads as a title.
fn is_title(line: &str) -> bool {
    let n = words::count(line);
    n > 0 && n <= MAX_TITLE_WORDS && !line.ends_with(['.', ':']) && list_marker(line).is_none()
}

/// The byte length of a list marker and the whitespace after it, if `line` starts with one.
fn list_marker(line: &str) -> Option<usize> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    let after = if BULLETS.contains(&first) {
        first.len_utf8()
    } else if first.is_ascii_digit() {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        let next = line.get(digits..)?.chars().next()?;
        if digits > 3 || !matches!(next, '.' | ')') {
            return None;
        }
        digits + 1
    } else {
        return None;
    };
    let rest = line.get(after..)?;
    let space = rest.len() - rest.trim_start().len();
    (space > 0 && !rest.trim().is_empty()).then_some(after + space)
}

/// Emits the pending paragraph, line by line.
fn flush_paragraph(
    text: &str,
    paragraph: &mut Option<Range<usize>>,
    v: &Vocabulary,
    out: &mut Vec<Unit>,
) {
    if let Some(r) = paragraph.take() {
        lines::push_lines(text, r, false, true, v, out);
    }
}

/// Emits the pending list item (a portal field when it is one).
fn flush_item(text: &str, item: &mut Option<Range<usize>>, v: &Vocabulary, out: &mut Vec<Unit>) {
    if let Some(r) = item.take() {
        let is_field = text.get(r.clone()).is_some_and(|t| lines::is_field(t, v));
        out.push(if is_field {
            Unit::Field(r)
        } else {
            Unit::List(r)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<String> {
        units(text, 0, crate::rules::default_vocabulary())
            .into_iter()
            .map(|u| u.show(text))
            .collect()
    }

    #[test]
    fn reads_plain_text_layout() {
        let text = "Vaktmester 100 %\r\n\r\nVi søker en vaktmester.\r\nARBEIDSOPPGAVER\r\n\
                    • Enkelt vedlikehold\r\n  av skolebygg\r\n1) Snømåking\r\no Ruteplan\r\n\r\n\
                    Krav til kompetanse:\r\n- Fagbrev er ønskelig\r\nSøknadsfrist: 1. mai\r\n";
        assert_eq!(
            show(text),
            vec![
                "T Vaktmester 100 %",
                "P Vi søker en vaktmester.",
                "H ARBEIDSOPPGAVER",
                "L Enkelt vedlikehold\r\n  av skolebygg",
                "L Snømåking",
                "L Ruteplan",
                "H Krav til kompetanse:",
                "L Fagbrev er ønskelig",
                "F Søknadsfrist: 1. mai",
            ]
        );
    }

    #[test]
    fn a_long_first_line_is_no_title() {
        let text = "Vi søker etter en blid og hyggelig medarbeider til vår kantine.\n";
        assert_eq!(show(text)[0].chars().next(), Some('P'));
    }
}
