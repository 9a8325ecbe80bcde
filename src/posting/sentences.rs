//! Splitting a stretch of text into sentences.
//!
//! Owns where one sentence ends and the next begins: after `.`, `!`, `?` or `;` followed by
//! whitespace (closing markup such as `**`, `)` or quotes may sit between), at blank lines, and
//! at a line break followed by a capitalised line (line-by-line statements without full stops).
//! A full stop is *not* an end after an abbreviation ("f.eks.", "bl.a.", "ca.", "kl.", "e.g."),
//! an initial ("Kari H. Nilsen"), or when the next word starts in lowercase ("hver 3. helg").
//! Numbers such as "01.02.19" and "14.00" never split because no space follows their dots.
//!
//! It returns byte ranges into the text it was given, trimmed of whitespace, in order; together
//! they cover every non-whitespace byte of the input range.

use std::ops::Range;

/// Abbreviations (lowercase, without the final dot) after which a full stop does not end a
/// sentence, even before a capital or a digit.
const ABBREVIATIONS: &[&str] = &[
    "f.eks", "feks", "bl.a", "bla", "ca", "jf", "jfr", "iht", "i.h.t", "m.m", "mm", "osv", "dvs",
    "nr", "tlf", "tlf.nr", "kl", "e.g", "i.e", "eg", "ie", "pr", "ev", "evt", "ift", "mht", "ang",
    "inkl", "ekskl", "mv", "m.v", "o.l", "ol", "t.o.m", "f.o.m", "m.fl", "etc", "vs", "mill",
    "mrd", "kr", "stk", "ref", "avd", "adm", "dr", "mr", "mrs", "ms", "tel", "approx", "incl",
    "min", "maks", "max", "pga", "p.g.a", "etg", "st", "gt", "no", "prof", "sp", "jr", "sr",
    "innb", "ekstr", "kap", "bokst", "pkt", "nb", "obs", "attn", "fig", "vedr", "t.d", "td", "m.a",
    "ma", "høg", "mnd", "årsv",
];

/// Characters that may close a sentence after its punctuation (markup, brackets, quotes).
const CLOSERS: &[char] = &['*', '_', ')', ']', '"', '\'', '»', '”', '’'];

/// The sentences of `text[range]`, as trimmed byte ranges into `text`.
pub(crate) fn split(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    let base = range.start;
    let mut cuts = vec![0];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        match c {
            '.' | '!' | '?' | ';' => {
                if let Some(end) = end_after_punctuation(slice, &chars, n) {
                    if c != '.' || full_stop_ends(slice, i, end) {
                        cuts.push(end);
                    }
                }
            }
            '\n' if line_break_ends(slice, i) => cuts.push(i + 1),
            _ => {}
        }
    }
    cuts.push(slice.len());
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|w| match w {
            [a, b] => trim(slice, *a..*b).map(|r| r.start + base..r.end + base),
            _ => None,
        })
        .collect()
}

/// When the punctuation at char index `n` is followed (after optional closers) by whitespace or
/// the end, the byte offset just after the closers.
fn end_after_punctuation(slice: &str, chars: &[(usize, char)], n: usize) -> Option<usize> {
    let mut k = n + 1;
    while let Some(&(_, c)) = chars.get(k) {
        if CLOSERS.contains(&c) || matches!(c, '.' | '!' | '?') {
            k += 1;
        } else {
            break;
        }
    }
    match chars.get(k) {
        None => Some(slice.len()),
        Some(&(i, c)) if c.is_whitespace() => Some(i),
        Some(_) => None,
    }
}

/// Whether the full stop at byte `dot` (whose sentence would end at `end`) ends a sentence.
fn full_stop_ends(slice: &str, dot: usize, end: usize) -> bool {
    let before = slice.get(..dot).unwrap_or("");
    let token: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let token = token.trim_start_matches('.');
    let lower = token.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    let mut letters = token.chars();
    if let (Some(first), None) = (letters.next(), letters.next()) {
        if first.is_uppercase() {
            return false; // an initial
        }
    }
    let next = slice
        .get(end..)
        .unwrap_or("")
        .chars()
        .find(|c| !c.is_whitespace() && !CLOSERS.contains(c) && *c != '(');
    !matches!(next, Some(c) if c.is_lowercase())
}

/// Whether the line break at byte `i` ends a sentence: before a blank line, or before a line
/// that starts with a capital, unless the line before ends mid-phrase (comma, hyphen, slash).
fn line_break_ends(slice: &str, i: usize) -> bool {
    let before = slice.get(..i).unwrap_or("").trim_end();
    let after = slice.get(i + 1..).unwrap_or("");
    let next_line = after.split('\n').next().unwrap_or("");
    if next_line.trim().is_empty() {
        return true;
    }
    if before.is_empty() || before.ends_with([',', '-', '–', '/', '(', '&', ':']) {
        return false;
    }
    next_line
        .trim_start()
        .chars()
        .find(|c| !CLOSERS.contains(c) && !matches!(c, '#' | '>' | '«' | '“'))
        .is_some_and(char::is_uppercase)
}

/// `range` of `slice` without surrounding whitespace; `None` when nothing is left.
fn trim(slice: &str, range: Range<usize>) -> Option<Range<usize>> {
    let part = slice.get(range.clone())?;
    let start = range.start + (part.len() - part.trim_start().len());
    let end = range.end - (part.len() - part.trim_end().len());
    (start < end).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn splits_on_end_punctuation() {
        assert_eq!(
            sentences("Du må ha fagbrev. Erfaring er en fordel! Søk nå? Ja; gjerne."),
            vec![
                "Du må ha fagbrev.",
                "Erfaring er en fordel!",
                "Søk nå?",
                "Ja;",
                "gjerne."
            ]
        );
    }

    #[test]
    fn abbreviations_and_dates_do_not_split() {
        let text = "Vi har bl.a. ansvar for ca. 40 brukere, f.eks. Gerica m.m. og kl. 14.00 \
                    hver dag. Ledig fra 01.02.19. Arbeid hver 3. helg, jf. Avtalen. Tlf. 12 34 \
                    56 78, e.g. Monday. Kontakt Kari H. Nilsen.";
        assert_eq!(
            sentences(text),
            vec![
                "Vi har bl.a. ansvar for ca. 40 brukere, f.eks. Gerica m.m. og kl. 14.00 hver dag.",
                "Ledig fra 01.02.19.",
                "Arbeid hver 3. helg, jf. Avtalen.",
                "Tlf. 12 34 56 78, e.g. Monday.",
                "Kontakt Kari H. Nilsen.",
            ]
        );
    }

    #[test]
    fn markup_after_the_stop_stays_with_the_sentence() {
        assert_eq!(
            sentences("**Søknadsfrist er 1. mai.** Vi gleder oss."),
            vec!["**Søknadsfrist er 1. mai.**", "Vi gleder oss."]
        );
    }

    #[test]
    fn line_breaks_split_statements_but_not_wrapped_prose() {
        assert_eq!(
            sentences("Norsk\nautorisasjon som sykepleiar\nFørarkort klasse B\n\nGod helse"),
            vec![
                "Norsk\nautorisasjon som sykepleiar",
                "Førarkort klasse B",
                "God helse"
            ]
        );
    }

    #[test]
    fn ranges_are_offsets_into_the_whole_text() {
        let text = "xx Én. To.";
        let got = split(text, 3..text.len());
        assert_eq!(got, vec![3..7, 8..11]);
    }
}
