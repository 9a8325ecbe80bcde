//! Unicode case folding with a map back to the original offsets.
//!
//! Owns turning text into the form term lists are matched against: lowercase (so `FØRERKORT`,
//! `Førerkort` and `førerkort` are one), whitespace runs collapsed to one space, typographic
//! apostrophes and dashes made plain, soft hyphens dropped. Every folded byte remembers the
//! original byte it came from, so matches are reported at their place in the original text.

/// Text in matching form, with the original offset of each of its bytes.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// `origin[i]` is the original offset of folded byte `i`; one extra entry maps the end.
    origin: Vec<u32>,
}

impl Folded {
    /// The original offset of folded offset `offset` (clamped to the end).
    pub fn original(&self, offset: usize) -> usize {
        self.origin
            .get(offset)
            .or(self.origin.last())
            .map_or(0, |&o| o as usize)
    }
}

/// Folds a term or a text. Offsets beyond `u32::MAX` are clamped (inputs that large are refused
/// before they get here).
pub fn fold(text: &str) -> Folded {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    let mut last_space = true;
    let to32 = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    for (i, c) in text.char_indices() {
        let at = to32(i);
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                origin.push(at);
                last_space = true;
            }
            continue;
        }
        last_space = false;
        let plain = match c {
            '\u{00AD}' => continue,
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '´' => '\'',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            '\u{201C}' | '\u{201D}' | '«' | '»' => '"',
            other => other,
        };
        for lower in plain.to_lowercase() {
            let before = out.len();
            out.push(lower);
            origin.extend(std::iter::repeat_n(at, out.len() - before));
        }
    }
    let trimmed = out.trim_end_matches(' ').len();
    out.truncate(trimmed);
    origin.truncate(trimmed);
    let end = origin.last().map_or(0, |&o| {
        let o = o as usize;
        o + text
            .get(o..)
            .and_then(|s| s.chars().next())
            .map_or(0, char::len_utf8)
    });
    origin.push(to32(end));
    Folded { text: out, origin }
}

/// True for characters that are part of a word (letters and digits).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of `text`, case-folded.
pub fn folded_words(text: &str) -> Vec<String> {
    fold(text)
        .text
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// True when the folded text `folded` holds `entry` on word boundaries (an `entry` ending in `*`:
/// as a word prefix).
pub fn holds_phrase(folded: &str, entry: &str) -> bool {
    let (phrase, prefix) = match entry.strip_suffix('*') {
        Some(p) => (p, true),
        None => (entry, false),
    };
    let on_boundaries = |i: usize| {
        let before = folded.get(..i).and_then(|s| s.chars().next_back());
        let after = folded
            .get(i + phrase.len()..)
            .and_then(|s| s.chars().next());
        !before.is_some_and(is_word_char) && (prefix || !after.is_some_and(is_word_char))
    };
    let Some(&first) = phrase.as_bytes().first() else {
        return folded.match_indices(phrase).any(|(i, _)| on_boundaries(i));
    };
    // The same occurrences as `match_indices` (leftmost, not overlapping), found without
    // setting up a substring searcher per phrase: the texts are sentences and the word lists
    // hold dozens of phrases, so the set-up was most of the cost. A byte equal to the phrase's
    // first byte (never a UTF-8 continuation byte) starts a character.
    let bytes = folded.as_bytes();
    let mut from = 0;
    while let Some(offset) = bytes
        .get(from..)
        .and_then(|rest| rest.iter().position(|&b| b == first))
    {
        let i = from + offset;
        if bytes
            .get(i..)
            .is_some_and(|rest| rest.starts_with(phrase.as_bytes()))
        {
            if on_boundaries(i) {
                return true;
            }
            from = i + phrase.len();
        } else {
            from = i + 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_norwegian_capitals_and_keeps_offsets() {
        let text = "Krav: FØRERKORT  klasse B";
        let f = fold(text);
        assert_eq!(f.text, "krav: førerkort klasse b");
        let at = f.text.find("førerkort").unwrap();
        assert_eq!(f.original(at), text.find("FØRERKORT").unwrap());
        let end = at + "førerkort klasse b".len();
        assert_eq!(f.original(end), text.len());
    }

    #[test]
    fn collapses_whitespace_and_plain_punctuation() {
        let f = fold("eller\r\n  tilsvarende – ikke\u{00AD}e");
        assert_eq!(f.text, "eller tilsvarende - ikkee");
    }

    #[test]
    fn phrases_are_found_on_word_boundaries_as_match_indices_finds_them() {
        assert!(holds_phrase("du må ha førerkort.", "førerkort"));
        assert!(!holds_phrase("bilførerkortet", "førerkort"));
        assert!(holds_phrase("førerkortet er et krav", "førerkort*"));
        // Against the searcher it replaces.
        let reference = |folded: &str, entry: &str| {
            let (phrase, prefix) = entry
                .strip_suffix('*')
                .map_or((entry, false), |p| (p, true));
            folded.match_indices(phrase).any(|(i, m)| {
                let before = folded[..i].chars().next_back();
                let after = folded[i + m.len()..].chars().next();
                !before.is_some_and(is_word_char) && (prefix || !after.is_some_and(is_word_char))
            })
        };
        for text in [
            "a b",
            "",
            "ab ab a",
            "æøå æ ø",
            "x-x x",
            "kan jobbe kveld, helg",
        ] {
            for entry in [
                "", "a", "ab", "b a", "æ", "ø*", "x", "x x", "helg", "kveld*", "jobb*",
            ] {
                assert_eq!(
                    holds_phrase(text, entry),
                    reference(text, entry),
                    "{text} {entry}"
                );
            }
        }
        // Leftmost occurrences that do not overlap, as `match_indices`: the one at 1 fails its
        // boundary, and the overlapping one at 3 is never looked at.
        assert!(!holds_phrase("yx x x", "x x"));
        assert_eq!(
            holds_phrase("yx x x", "x x"),
            "yx x x".match_indices("x x").any(|(i, _)| i == 0 || i == 3)
        );
        assert!(holds_phrase("æx x, æ x", "æ x"));
    }

    #[test]
    fn expanding_lowercase_maps_every_byte() {
        let text = "İstanbul";
        let f = fold(text);
        assert!(f.text.starts_with('i'));
        assert_eq!(f.original(f.text.len()), text.len());
    }
}
