//! Unicode normalisation: the text the engine reads is in NFC, whatever form the file is in.
//!
//! Owns turning a reader's text into NFC with a map back, so that an ad pasted from macOS or a
//! PDF (decomposed: "a" + U+030A for "å") gives the same findings as the composed original,
//! while every span still points at the bytes of the file. It does not decode bytes (that is
//! `encoding`) and does not match anything.
//!
//! The text is cut at characters that nothing before them can combine with (combining class 0
//! and NFC quick check "yes"); each piece is normalised on its own, which gives the NFC of the
//! whole. A piece that normalisation leaves alone maps byte for byte; a changed piece maps as a
//! whole: its start to the start of the original piece and any offset inside or at its end to
//! the end of the original piece.

use super::builder::Unit;
use super::document::OffsetMap;
use super::Parsed;
use std::ops::Range;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// One piece of the text: where it was, where it is now, and whether it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    old: usize,
    old_len: usize,
    new: usize,
    new_len: usize,
    changed: bool,
}

/// `parsed` with its text in NFC, its units, body start and offset map following; unchanged
/// when the text is in NFC already (the common case costs one quick check).
pub(crate) fn normalize(parsed: Parsed) -> Parsed {
    // Characters below U+0300 (the combining marks) are all in NFC and combine with nothing
    // before them; their UTF-8 lead bytes are below 0xCC. Most ads need no more than this scan.
    if !parsed.text.bytes().any(|b| b >= 0xCC)
        || is_nfc_quick(parsed.text.chars()) == IsNormalized::Yes
    {
        return parsed;
    }
    let (text, pieces) = compose_pieces(&parsed.text);
    if text == parsed.text {
        return parsed;
    }
    let forward = |offset: usize| forward(&pieces, offset);
    let range = |r: Range<usize>| forward(r.start)..forward(r.end);
    let units = parsed
        .units
        .into_iter()
        .map(|unit| match unit {
            Unit::Title(r) => Unit::Title(range(r)),
            Unit::Heading(r) => Unit::Heading(range(r)),
            Unit::List(r) => Unit::List(range(r)),
            Unit::Prose(r) => Unit::Prose(range(r)),
            Unit::Field(r) => Unit::Field(range(r)),
            Unit::Keyed(r, section) => Unit::Keyed(range(r), section),
        })
        .collect();
    let mut back: Vec<(usize, usize, usize)> = pieces
        .iter()
        .map(|p| (p.new, p.old, if p.changed { 0 } else { p.new_len }))
        .collect();
    // The end of the text maps to the end of the original, also after a changed piece.
    back.push((text.len(), parsed.text.len(), 0));
    let offsets = match &parsed.offsets {
        OffsetMap::Identity => OffsetMap::Segments(back),
        OffsetMap::Segments(inner) => OffsetMap::Segments(super::json::compose(&back, inner)),
    };
    Parsed {
        body_start: forward(parsed.body_start),
        text,
        offsets,
        units,
        metadata: parsed.metadata,
        title: parsed.title.map(|t| t.nfc().collect()),
    }
}

/// True for a character that starts a piece: nothing before it can combine with it.
fn starts_piece(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// The NFC of `text` and its pieces (adjacent unchanged pieces merged).
fn compose_pieces(text: &str) -> (String, Vec<Piece>) {
    let mut out = String::with_capacity(text.len());
    let mut pieces: Vec<Piece> = Vec::new();
    let mut starts: Vec<usize> = text
        .char_indices()
        .filter(|&(_, c)| starts_piece(c))
        .map(|(i, _)| i)
        .collect();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    starts.push(text.len());
    for window in starts.windows(2) {
        let (Some(&a), Some(&b)) = (window.first(), window.get(1)) else {
            continue;
        };
        let Some(piece) = text.get(a..b) else {
            continue;
        };
        let new = out.len();
        let same = is_nfc_quick(piece.chars()) == IsNormalized::Yes || {
            let composed: String = piece.nfc().collect();
            let same = composed == piece;
            if !same {
                out.push_str(&composed);
            }
            same
        };
        if same {
            out.push_str(piece);
        }
        let next = Piece {
            old: a,
            old_len: b - a,
            new,
            new_len: out.len() - new,
            changed: !same,
        };
        match pieces.last_mut() {
            Some(last) if !last.changed && !next.changed => {
                last.old_len += next.old_len;
                last.new_len += next.new_len;
            }
            _ => pieces.push(next),
        }
    }
    (out, pieces)
}

/// Where old offset `offset` is in the new text.
fn forward(pieces: &[Piece], offset: usize) -> usize {
    let i = pieces.partition_point(|p| p.old <= offset);
    let Some(p) = i.checked_sub(1).and_then(|i| pieces.get(i)) else {
        return offset;
    };
    if !p.changed {
        p.new + (offset - p.old).min(p.new_len)
    } else if offset == p.old {
        p.new
    } else {
        p.new + p.new_len
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn decomposed_text_is_composed_and_maps_back_to_its_bytes() {
        // "Søk på" with å decomposed: a + U+030A.
        let original = "Krav: 5 a\u{30a}rs erfaring";
        let parsed = Parsed {
            body_start: 0,
            text: original.to_string(),
            offsets: OffsetMap::Identity,
            units: vec![Unit::Prose(0..original.len())],
            metadata: BTreeMap::new(),
            title: None,
        };
        let out = normalize(parsed);
        assert_eq!(out.text, "Krav: 5 års erfaring");
        let Unit::Prose(r) = &out.units[0] else {
            panic!()
        };
        assert_eq!(r, &(0..out.text.len()));
        // "års" in the new text maps to "a\u{30a}rs" in the original.
        let start = out.text.find("års").unwrap();
        let end = start + "års".len();
        let (s, e) = (out.offsets.to_source(start), out.offsets.to_source(end));
        assert_eq!(&original[s..e], "a\u{30a}rs");
        assert_eq!(&original[out.offsets.to_source(0)..], original);
    }

    #[test]
    fn composed_text_is_left_alone() {
        let parsed = Parsed {
            body_start: 3,
            text: "Søk nå".to_string(),
            offsets: OffsetMap::Identity,
            units: vec![],
            metadata: BTreeMap::new(),
            title: None,
        };
        let out = normalize(parsed);
        assert_eq!(out.offsets, OffsetMap::Identity);
        assert_eq!(out.body_start, 3);
    }
}
