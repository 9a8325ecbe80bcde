//! What one line of running text is: a heading, a lead-in, a portal field, or plain text.
//!
//! Owns the line rules that Markdown, plain text and HTML share (design.md §2):
//! - a **bold lead-in** (`**Kvalifikasjoner:**` alone, or followed by text on the same line) is a
//!   heading, with the rest of the line as the first item; a whole line in bold is a heading when
//!   it is short (≤ 8 words) and does not end like a sentence;
//! - a **short line ending in a colon** (≤ 8 words: "Krav til kompetanse:", "Vi tilbyr:") is a
//!   heading;
//! - a short bare line that *is* a heading phrase ("Kvalifikasjoner", "Vi tilbyr") is a heading;
//! - a plain "Key: text" line whose key names requirements, wishes or personal qualities
//!   ("Krav: fagbrev", "Utdanningskrav: bachelor") is a *keyed line*: one item read as if under
//!   that heading, without opening a block (a plain key is too weak a signal to re-section the
//!   text after it; "Ansvar: Vi tar ansvar" in a list of values must not turn the rest into duties);
//! - a **portal field** ("Språk: Norsk", "Utdanningsnivå: Fagskole") is a field, never a demand;
//! - in plain text only, a short ALL-CAPS line is a heading.
//!
//! It works on one line at a time and returns ranges into that line; it does not build blocks.
//! The portal keys are the [`Vocabulary`]'s `portal-fields`.

use super::builder::Unit;
use super::sections;
use super::vocabulary::ListName;
use super::words;
use super::{SectionKind, Vocabulary};
use std::ops::Range;

/// Longest heading (in words) a bold lead-in with a colon may have.
const MAX_LEAD_IN_WORDS: usize = 12;
/// Longest heading (in words) of a colon line, a whole bold line or an ALL-CAPS line.
const MAX_HEADING_WORDS: usize = 8;
/// Longest bare line (in words) that can be a heading phrase without a colon.
const MAX_BARE_HEADING_WORDS: usize = 6;

/// A bold run at the very start of a line: the text inside the markup and where the markup ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bold {
    /// The bold text, without markup, as a range of the line.
    pub inner: Range<usize>,
    /// Where the bold run (with its closing markup) ends in the line.
    pub end: usize,
}

/// What a line is. All ranges are ranges of the line, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LineRole {
    /// Nothing but whitespace.
    Blank,
    /// The whole line is a heading; the range is its text (markup and colon still to be cleaned).
    Heading(Range<usize>),
    /// A heading followed by text on the same line.
    LeadIn {
        /// The heading part.
        heading: Range<usize>,
        /// The text after it.
        rest: Range<usize>,
    },
    /// A structured portal line.
    Field(Range<usize>),
    /// "Key: text" whose key names a section: the line, to be read as if under that heading.
    Keyed(Range<usize>, SectionKind),
    /// Running text.
    Plain(Range<usize>),
}

/// How to read a line.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineStyle {
    /// The bold run at the start of the line, if any (from `**…**` or `<strong>`).
    pub bold: Option<Bold>,
    /// Whether a short ALL-CAPS line is a heading (plain text, where there is no other markup).
    pub caps_headings: bool,
}

/// Classifies `line`.
pub(crate) fn classify(line: &str, style: &LineStyle, v: &Vocabulary) -> LineRole {
    let Some(t) = trim(line, 0..line.len()) else {
        return LineRole::Blank;
    };
    let text = line.get(t.clone()).unwrap_or("");
    let plain = strip_markup(text);
    if let Some(value_empty) = portal_field(&plain, v) {
        return if value_empty {
            LineRole::Heading(t)
        } else {
            LineRole::Field(t)
        };
    }
    if let Some(role) = style.bold.as_ref().and_then(|b| bold_role(line, &t, b)) {
        return role;
    }
    let n = words::count(text);
    if text.ends_with(':') && n <= MAX_HEADING_WORDS {
        return LineRole::Heading(t);
    }
    if n <= MAX_BARE_HEADING_WORDS
        && !text.ends_with(['.', '!', '?', ','])
        && sections::heading_name(&plain, v).is_some()
    {
        return LineRole::Heading(t);
    }
    if style.caps_headings && n <= MAX_HEADING_WORDS && is_all_caps(text) {
        return LineRole::Heading(t);
    }
    if let Some(role) = key_lead_in(line, &t, v) {
        return role;
    }
    LineRole::Plain(t)
}

/// Appends the units of the lines of `text[range]` to `out`: headings, lead-ins and fields as
/// they are, and each run of consecutive plain lines as one stretch of prose. `markdown` reads
/// `**bold**` lead-ins; `caps_headings` makes short ALL-CAPS lines headings.
pub(crate) fn push_lines(
    text: &str,
    range: Range<usize>,
    markdown: bool,
    caps_headings: bool,
    v: &Vocabulary,
    out: &mut Vec<Unit>,
) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let mut run: Option<Range<usize>> = None;
    let mut offset = range.start;
    for line in slice.split('\n') {
        let at = |r: Range<usize>| r.start + offset..r.end + offset;
        let style = LineStyle {
            bold: if markdown { markdown_bold(line) } else { None },
            caps_headings,
        };
        match classify(line, &style, v) {
            LineRole::Blank => flush(&mut run, out),
            LineRole::Plain(r) => {
                let r = at(r);
                run = Some(match run.take() {
                    Some(prev) => prev.start..r.end,
                    None => r,
                });
            }
            LineRole::Heading(h) => {
                flush(&mut run, out);
                out.push(Unit::Heading(at(h)));
            }
            LineRole::LeadIn { heading, rest } => {
                flush(&mut run, out);
                out.push(Unit::Heading(at(heading)));
                run = Some(at(rest));
            }
            LineRole::Field(f) => {
                flush(&mut run, out);
                out.push(Unit::Field(at(f)));
            }
            LineRole::Keyed(k, section) => {
                flush(&mut run, out);
                out.push(Unit::Keyed(at(k), section));
            }
        }
        offset += line.len() + 1;
    }
    flush(&mut run, out);
}

/// Emits a pending prose run.
fn flush(run: &mut Option<Range<usize>>, out: &mut Vec<Unit>) {
    if let Some(r) = run.take() {
        out.push(Unit::Prose(r));
    }
}

/// True when `text` is a portal field line with a value ("Språk: Norsk").
pub(crate) fn is_field(text: &str, v: &Vocabulary) -> bool {
    portal_field(&strip_markup(text), v) == Some(false)
}

/// The role of a line that starts with a bold run, if the bold run makes it a heading.
fn bold_role(line: &str, t: &Range<usize>, bold: &Bold) -> Option<LineRole> {
    let inner = trim(line, bold.inner.clone())?;
    if inner.start < t.start || bold.end > t.end {
        return None;
    }
    let inner_text = line.get(inner.clone())?;
    let after = line.get(bold.end..t.end)?;
    let colon_inside = inner_text.ends_with(':');
    let colon_after = after.trim_start().starts_with(':');
    if colon_inside || colon_after {
        let heading = inner.start..inner.end - usize::from(colon_inside);
        let n = words::count(line.get(heading.clone())?);
        if n == 0 || n > MAX_LEAD_IN_WORDS {
            return None;
        }
        let rest_start = if colon_after {
            bold.end + after.find(':').map_or(0, |i| i + 1)
        } else {
            bold.end
        };
        return Some(match trim(line, rest_start..t.end) {
            Some(rest) => LineRole::LeadIn { heading, rest },
            None => LineRole::Heading(heading),
        });
    }
    let whole_line = after.trim().is_empty();
    let n = words::count(inner_text);
    (whole_line && n <= MAX_HEADING_WORDS && !inner_text.ends_with(['.', '!', '?', ',']))
        .then_some(LineRole::Heading(inner))
}

/// "Krav: fagbrev" — a short key that names requirements, wishes or personal qualities, then text.
fn key_lead_in(line: &str, t: &Range<usize>, v: &Vocabulary) -> Option<LineRole> {
    let text = line.get(t.clone())?;
    let colon = text.find(':')?;
    let key = text.get(..colon)?;
    if words::count(key) > 4 || key.trim().is_empty() {
        return None;
    }
    let section = sections::heading_name(&strip_markup(key), v)?;
    trim(line, t.start + colon + 1..t.end)?;
    matches!(
        section,
        SectionKind::Requirements | SectionKind::Preferred | SectionKind::Personal
    )
    .then(|| LineRole::Keyed(t.clone(), section))
}

/// When `plain` is "Key: value" with a portal key, whether the value is empty.
fn portal_field(plain: &str, v: &Vocabulary) -> Option<bool> {
    let (key, value) = plain.split_once(':')?;
    let key_words = words::words(key);
    if key_words.is_empty() || key_words.len() > 4 || key.contains(['!', '?']) {
        return None;
    }
    v.list(ListName::PortalFields)
        .matches_exactly(&key_words)
        .then(|| value.trim().is_empty())
}

/// The bold run at the start of a Markdown line (`**…**`, `__…__`, `*…*`, `_…_`).
pub(crate) fn markdown_bold(line: &str) -> Option<Bold> {
    let lead = line.len() - line.trim_start().len();
    let rest = line.get(lead..)?;
    for delim in ["**", "__", "*", "_"] {
        let Some(after_open) = rest.strip_prefix(delim) else {
            continue;
        };
        if after_open.starts_with(char::is_whitespace) || after_open.starts_with(['*', '_']) {
            continue;
        }
        let close = after_open.find(delim)?;
        if close == 0 {
            return None;
        }
        let inner_start = lead + delim.len();
        return Some(Bold {
            inner: inner_start..inner_start + close,
            end: inner_start + close + delim.len(),
        });
    }
    None
}

/// `text` without inline emphasis markup.
pub(crate) fn strip_markup(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .collect()
}

/// True when the letters of `text` are all capitals (and there are at least two).
fn is_all_caps(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// `range` of `line` without surrounding whitespace; `None` when nothing is left.
pub(crate) fn trim(line: &str, range: Range<usize>) -> Option<Range<usize>> {
    let part = line.get(range.clone())?;
    let start = range.start + (part.len() - part.trim_start().len());
    let end = range.end - (part.len() - part.trim_end().len());
    (start < end).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(line: &str) -> LineRole {
        classify(
            line,
            &LineStyle {
                bold: markdown_bold(line),
                caps_headings: false,
            },
            crate::rules::default_vocabulary(),
        )
    }

    fn parts(line: &str, role: &LineRole) -> Vec<String> {
        let s = |r: &Range<usize>| line[r.clone()].to_string();
        match role {
            LineRole::Blank => vec![],
            LineRole::Heading(h) => vec!["H".into(), s(h)],
            LineRole::LeadIn { heading, rest } => vec!["L".into(), s(heading), s(rest)],
            LineRole::Field(f) => vec!["F".into(), s(f)],
            LineRole::Keyed(k, _) => vec!["K".into(), s(k)],
            LineRole::Plain(p) => vec!["P".into(), s(p)],
        }
    }

    #[test]
    fn bold_lead_ins() {
        let line = "**Kvalifikasjoner:**";
        assert_eq!(parts(line, &md(line)), ["H", "Kvalifikasjoner"]);
        let line = "**Kvalifikasjoner:** Fagbrev i renhold.";
        assert_eq!(
            parts(line, &md(line)),
            ["L", "Kvalifikasjoner", "Fagbrev i renhold."]
        );
        let line = "__Vi tilbyr__: fast stilling";
        assert_eq!(parts(line, &md(line)), ["L", "Vi tilbyr", "fast stilling"]);
        let line = "**Personlige egenskaper**";
        assert_eq!(parts(line, &md(line)), ["H", "Personlige egenskaper"]);
    }

    #[test]
    fn bold_sentences_are_not_headings() {
        let line = "**Er du en strukturert person som liker å jobbe med folk?**";
        assert_eq!(parts(line, &md(line))[0], "P");
        let line = "**Merk** at søknaden må være på norsk.";
        assert_eq!(parts(line, &md(line))[0], "P");
    }

    #[test]
    fn colon_lines_and_heading_phrases() {
        for line in [
            "Krav til kompetanse:",
            "Vi tilbyr:",
            "Dette ønsker vi at du har:",
        ] {
            assert_eq!(parts(line, &md(line))[0], "H", "{line}");
        }
        assert_eq!(parts("Kvalifikasjonar", &md("Kvalifikasjonar"))[0], "H");
        let long = "Hemmeligheten bak et godt arbeidsmiljø er mange ting, blant annet:";
        assert_eq!(parts(long, &md(long))[0], "P");
        assert_eq!(parts("Lønn etter avtale", &md("Lønn etter avtale"))[0], "P");
    }

    #[test]
    fn portal_fields() {
        for line in [
            "Språk: Norsk",
            "Utdanningsnivå: Fagskole",
            "Antall stillinger: 2",
            "**Søknadsfrist:** 1. mars",
            "Employment type: Full-time",
            "Ref. nr.: 12345",
        ] {
            assert_eq!(parts(line, &md(line))[0], "F", "{line}");
        }
        assert_eq!(
            parts("Nøkkelinformasjon:", &md("Nøkkelinformasjon:"))[0],
            "H"
        );
    }

    #[test]
    fn key_lead_ins_and_caps() {
        let line = "Krav: Bachelor i sykepleie.";
        assert_eq!(parts(line, &md(line)), ["K", "Krav: Bachelor i sykepleie."]);
        let line = "Ansvar: Vi tar ansvar for hverandre.";
        assert_eq!(parts(line, &md(line))[0], "P");
        let line = "Vår visjon: Vi gjør hverdagen enklere.";
        assert_eq!(parts(line, &md(line))[0], "P");
        let caps = LineStyle {
            bold: None,
            caps_headings: true,
        };
        assert_eq!(
            classify("REINHALDAR", &caps, crate::rules::default_vocabulary()),
            LineRole::Heading(0..10)
        );
        assert_eq!(parts("REINHALDAR", &md("REINHALDAR"))[0], "P");
    }
}
