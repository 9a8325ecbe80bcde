//! Finding the HTML parser's text in the raw HTML source.
//!
//! The HTML parser gives decoded text without positions. This module owns the way back: a small
//! lexer lists the raw text runs of the source (between tags, outside comments, scripts and
//! styles), and each text node the parser reports is aligned, in document order, with the next
//! run that matches it. Literal characters map to their exact byte; a character that came from an
//! entity (`&amp;`, `&oslash;`, `&#248;`) maps to the start of the entity. When no run matches
//! (the parser moved text, e.g. out of a broken table), the characters map to the current position
//! — approximate, but always inside the source.

use std::ops::Range;

/// Elements whose content is raw text the parser does not show as page text.
const SKIPPED_RAW: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Elements whose content is text with entities but no tags.
const RCDATA: &[&str] = &["title", "textarea"];

/// How many runs ahead a text node may be looked for.
const LOOKAHEAD: usize = 8;

/// Where one character of a text node came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CharSource {
    /// Byte offset in the source.
    pub at: usize,
    /// True when the character is literally there (not an entity, not a guess).
    pub exact: bool,
    /// How many source bytes the character stands for (its own length, an entity's length, or 0
    /// for a guess).
    pub len: usize,
}

/// The raw text runs of a source and a cursor over them.
#[derive(Debug)]
pub(crate) struct SourceText<'s> {
    source: &'s str,
    runs: Vec<Range<usize>>,
    next: usize,
}

impl<'s> SourceText<'s> {
    /// Lexes the raw text runs of `source`.
    pub(crate) fn new(source: &'s str) -> Self {
        Self {
            source,
            runs: raw_text_runs(source),
            next: 0,
        }
    }

    /// The source position of every character of `text`, the next text node in document order.
    pub(crate) fn locate(&mut self, text: &str) -> Vec<CharSource> {
        let wanted = text.chars().filter(|c| !c.is_whitespace()).count();
        let last = (self.next + LOOKAHEAD).min(self.runs.len());
        for j in self.next..last {
            let Some(run) = self.runs.get(j).cloned() else {
                break;
            };
            let (map, matched, end) = align(self.source, run.clone(), text);
            if wanted == 0 || matched * 2 >= wanted {
                let rest = self.source.get(end..run.end).unwrap_or("");
                if rest.trim().is_empty() {
                    self.next = j + 1;
                } else if let Some(r) = self.runs.get_mut(j) {
                    r.start = end;
                    self.next = j;
                }
                return map;
            }
        }
        let at = self
            .runs
            .get(self.next)
            .map_or(self.source.len(), |r| r.start);
        text.chars()
            .map(|_| CharSource {
                at,
                exact: false,
                len: 0,
            })
            .collect()
    }
}

/// Aligns `text` with the raw run `run`: the source of each char, how many non-whitespace chars
/// matched literally, and where in the source the alignment ended.
fn align(source: &str, run: Range<usize>, text: &str) -> (Vec<CharSource>, usize, usize) {
    let bytes = source.as_bytes();
    let mut ri = run.start;
    let mut matched = 0;
    let mut map = Vec::with_capacity(text.len());
    for c in text.chars() {
        if c == '\n' && bytes.get(ri) == Some(&b'\r') {
            let len = if bytes.get(ri + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            map.push(CharSource {
                at: ri,
                exact: false,
                len,
            });
            ri += len;
            continue;
        }
        let mut buf = [0u8; 4];
        let encoded = c.encode_utf8(&mut buf).as_bytes();
        if ri < run.end && is_entity(bytes, ri) {
            let end = entity_end(bytes, ri, run.end);
            map.push(CharSource {
                at: ri,
                exact: false,
                len: end - ri,
            });
            ri = end;
            if !c.is_whitespace() {
                matched += 1;
            }
        } else if ri < run.end && bytes.get(ri..ri + encoded.len()) == Some(encoded) {
            map.push(CharSource {
                at: ri,
                exact: true,
                len: encoded.len(),
            });
            ri += encoded.len();
            if !c.is_whitespace() {
                matched += 1;
            }
        } else {
            map.push(CharSource {
                at: ri.min(run.end),
                exact: false,
                len: 0,
            });
        }
    }
    (map, matched, ri.min(run.end))
}

/// True when a character reference (`&name`, `&#…`) starts at `at`.
fn is_entity(bytes: &[u8], at: usize) -> bool {
    bytes.get(at) == Some(&b'&')
        && bytes
            .get(at + 1)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'#')
}

/// The end of the character reference starting with `&` at `start`.
fn entity_end(bytes: &[u8], start: usize, limit: usize) -> usize {
    let mut i = start + 1;
    while i < limit && i < start + 40 {
        match bytes.get(i) {
            Some(b';') => return i + 1,
            Some(b) if b.is_ascii_alphanumeric() || *b == b'#' => i += 1,
            _ => return i,
        }
    }
    i.min(limit)
}

/// The runs of page text in `source`: between tags, outside comments and raw-text elements,
/// holding something other than whitespace.
fn raw_text_runs(source: &str) -> Vec<Range<usize>> {
    let bytes = source.as_bytes();
    let mut runs = Vec::new();
    let mut push = |r: Range<usize>| {
        if source.get(r.clone()).is_some_and(|s| !s.trim().is_empty()) {
            runs.push(r);
        }
    };
    let (mut i, mut start) = (0, 0);
    while i < bytes.len() {
        if bytes.get(i) != Some(&b'<') {
            i += 1;
            continue;
        }
        if bytes.get(i..i + 4) == Some(b"<!--") {
            push(start..i);
            i = find(bytes, i + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            start = i;
            continue;
        }
        let opens_tag = bytes
            .get(i + 1)
            .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'));
        if !opens_tag {
            i += 1;
            continue;
        }
        push(start..i);
        let closing = bytes.get(i + 1) == Some(&b'/');
        let name = tag_name(bytes, i + 1 + usize::from(closing));
        i = tag_end(bytes, i + 1);
        start = i;
        if closing {
            continue;
        }
        if SKIPPED_RAW.contains(&name.as_str()) {
            i = find_close(bytes, i, &name);
            start = i;
        } else if RCDATA.contains(&name.as_str()) {
            let end = find_close(bytes, i, &name);
            push(i..end);
            i = end;
            start = i;
        }
    }
    push(start..bytes.len());
    runs
}

/// Deepest element nesting handed to the HTML parser. The parser looks through the open elements
/// for every tag, so its time grows with the nesting depth times the number of tags; real pages
/// nest a few dozen deep. Tags beyond this depth are flattened by [`cap_nesting`].
pub(crate) const MAX_NESTING: usize = 128;

/// Elements that never have content, so never nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose start tag ends an open element of the same name (`<li>…<li>`), as the parser
/// does, so that unclosed list items and paragraphs are not counted as nesting.
const SELF_ENDING: &[&str] = &[
    "li", "p", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
];

/// `source` with every tag that would nest deeper than [`MAX_NESTING`] elements (and the end tag
/// that matches it) replaced by spaces of the same length, so that every byte offset stays the
/// same and the text in the flattened elements is still read; `None` when nothing is that deep.
///
/// The depth is estimated with a lexer, not the full HTML algorithm: start tags of void elements
/// do not nest, an `<li>`, `<p>`, `<td>`… ends an open element of its own name, and an end tag
/// closes everything opened after its element. It errs towards flattening.
pub(crate) fn cap_nesting(source: &str) -> Option<String> {
    let bytes = source.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut open: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut ghosts = 0usize;
    let mut blank: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let Some(lt) = bytes
            .get(i..)
            .and_then(|b| b.iter().position(|&b| b == b'<'))
        else {
            break;
        };
        i += lt;
        if bytes.get(i..i + 4) == Some(b"<!--") {
            i = find(bytes, i + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = bytes.get(i + 1) == Some(&b'/');
        let name_at = i + 1 + usize::from(closing);
        if !bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let start = i;
        let name = tag_name(bytes, name_at);
        i = tag_end(bytes, name_at);
        if closing {
            if ghosts > 0 {
                ghosts -= 1;
                blank.push(start..i);
            } else if open.get(&name).is_some_and(|&n| n > 0) {
                while let Some(top) = stack.pop() {
                    if let Some(n) = open.get_mut(&top) {
                        *n = n.saturating_sub(1);
                    }
                    if top == name {
                        break;
                    }
                }
            }
            continue;
        }
        if SKIPPED_RAW.contains(&name.as_str()) || RCDATA.contains(&name.as_str()) {
            i = find_close(bytes, i, &name);
            continue;
        }
        let self_closed = bytes.get(i.saturating_sub(2)) == Some(&b'/');
        if VOID.contains(&name.as_str()) || self_closed {
            continue;
        }
        if SELF_ENDING.contains(&name.as_str()) && stack.last() == Some(&name) {
            continue;
        }
        if ghosts > 0 || stack.len() >= MAX_NESTING {
            ghosts += 1;
            blank.push(start..i);
            continue;
        }
        *open.entry(name.clone()).or_default() += 1;
        stack.push(name);
    }
    if blank.is_empty() {
        return None;
    }
    let mut flat = bytes.to_vec();
    for range in blank {
        if let Some(tag) = flat.get_mut(range) {
            tag.fill(b' ');
        }
    }
    // Only whole tags (ASCII `<` to `>`) became spaces, so the text is still UTF-8; a tag cut
    // short by the end of the input ends there too.
    String::from_utf8(flat).ok()
}

/// The lowercase tag name starting at `at`.
fn tag_name(bytes: &[u8], at: usize) -> String {
    bytes
        .get(at..)
        .unwrap_or(&[])
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
        .map(|b| char::from(b.to_ascii_lowercase()))
        .collect()
}

/// The offset just after the `>` that closes the tag whose body starts at `at`, skipping quoted
/// attribute values (a quote opens a value only right after `=`).
fn tag_end(bytes: &[u8], at: usize) -> usize {
    let mut quote = None;
    let mut last = 0u8;
    let mut i = at;
    while let Some(&b) = bytes.get(i) {
        match (quote, b) {
            (None, b'"' | b'\'') if last == b'=' => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
        if !b.is_ascii_whitespace() {
            last = b;
        }
        i += 1;
    }
    bytes.len()
}

/// The offset of the `</name` that closes a raw-text element, case-insensitively.
fn find_close(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut i = from;
    while let Some(at) = find(bytes, i, b"</") {
        let candidate = tag_name(bytes, at + 2);
        if candidate == name {
            return at;
        }
        i = at + 2;
    }
    bytes.len()
}

/// The first offset at or after `from` where `needle` occurs.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_text_runs_outside_tags_comments_and_scripts() {
        let src = "<html><head><title>Kokk</title><style>p{}</style></head>\
                   <body><!-- x --><p class=\"a>b\">Hei &amp; velkommen</p>\
                   <script>var a = '<p>';</script>2 < 3</body></html>";
        let runs: Vec<&str> = raw_text_runs(src).into_iter().map(|r| &src[r]).collect();
        assert_eq!(runs, vec!["Kokk", "Hei &amp; velkommen", "2 < 3"]);
    }

    #[test]
    fn locates_literal_text_and_entities() {
        let src = "<p>Søk &amp; vinn</p><p>Ærlig</p>";
        let mut st = SourceText::new(src);
        let first = st.locate("Søk & vinn");
        assert_eq!(
            first[0],
            CharSource {
                at: 3,
                exact: true,
                len: 1
            }
        );
        assert_eq!(first[4].len, "&amp;".len());
        assert_eq!(first[4].at, src.find("&amp;").unwrap());
        assert!(!first[4].exact);
        assert_eq!(first[6].at, src.find("vinn").unwrap());
        let second = st.locate("Ærlig");
        assert_eq!(second[0].at, src.find("Ærlig").unwrap());
    }

    #[test]
    fn deep_nesting_is_flattened_keeping_every_offset() {
        let depth = MAX_NESTING + 10;
        let src = format!("{}Krav{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let flat = cap_nesting(&src).unwrap();
        assert_eq!(flat.len(), src.len());
        assert_eq!(flat.find("Krav"), src.find("Krav"));
        assert_eq!(flat.matches("<div>").count(), MAX_NESTING);
        assert_eq!(flat.matches("</div>").count(), MAX_NESTING);
        assert!(cap_nesting("<ul><li>a<li>b<li>c</ul><p>x<p>y<br><img src=a>").is_none());
        let items = "<li>a".repeat(MAX_NESTING * 2);
        assert!(cap_nesting(&format!("<ul>{items}</ul>")).is_none());
    }

    #[test]
    fn unmatched_text_maps_inside_the_source() {
        let src = "<p>a</p>";
        let mut st = SourceText::new(src);
        let _ = st.locate("a");
        let lost = st.locate("zzz");
        assert!(lost.iter().all(|c| c.at <= src.len() && !c.exact));
    }
}
