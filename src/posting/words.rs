//! Word-level phrase matching, used by the heading, marker, language and role lists.
//!
//! Owns one small pattern language so the lists elsewhere can stay plain data: a pattern is
//! words separated by spaces, matched case-insensitively against whole words; a pattern word
//! `*krav` also matches words that *end* in it ("utdanningskrav"), and `kvalifikasjon*` words that
//! *start* with it ("kvalifikasjonar"). It does not know what any list means.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A static list of patterns with an index built on first use, for lists matched against every
/// item of every ad: patterns are looked up by their first word, and only patterns whose first
/// word has a wildcard are tried at every position.
pub(crate) struct WordList {
    patterns: &'static [&'static str],
    index: OnceLock<Index>,
}

struct Index {
    by_first: HashMap<&'static str, Vec<&'static str>>,
    wildcard_first: Vec<&'static str>,
}

impl WordList {
    /// A list of patterns (see the module doc for the pattern language).
    pub(crate) const fn new(patterns: &'static [&'static str]) -> Self {
        Self {
            patterns,
            index: OnceLock::new(),
        }
    }

    /// The patterns as written.
    pub(crate) fn patterns(&self) -> &'static [&'static str] {
        self.patterns
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let mut by_first: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
            let mut wildcard_first = Vec::new();
            for &pattern in self.patterns {
                match pattern.split_whitespace().next() {
                    Some(first) if first.contains('*') => wildcard_first.push(pattern),
                    Some(first) => by_first.entry(first).or_default().push(pattern),
                    None => {}
                }
            }
            Index {
                by_first,
                wildcard_first,
            }
        })
    }

    /// True when any pattern of the list matches somewhere in `words`.
    pub(crate) fn contains_any(&self, words: &[String]) -> bool {
        let index = self.index();
        (0..words.len()).any(|i| {
            let exact = words
                .get(i)
                .and_then(|w| index.by_first.get(w.as_str()))
                .into_iter()
                .flatten();
            exact
                .chain(&index.wildcard_first)
                .any(|pattern| matches_at(words, i, pattern))
        })
    }
}

/// True when `pattern` matches `words` starting at word `i`.
fn matches_at(words: &[String], i: usize, pattern: &str) -> bool {
    let mut next = words.iter().skip(i);
    pattern
        .split_whitespace()
        .all(|p| next.next().is_some_and(|w| word_matches(w, p)))
}

/// The lowercase words of `text`: runs of alphanumeric characters.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// True when `word` (lowercase) matches one pattern word.
pub(crate) fn word_matches(word: &str, pattern: &str) -> bool {
    match (pattern.strip_prefix('*'), pattern.strip_suffix('*')) {
        (Some(suffix), _) => word.ends_with(suffix),
        (None, Some(prefix)) => word.starts_with(prefix),
        (None, None) => word == pattern,
    }
}

/// The index of the first word where `pattern` matches, if it does.
///
/// Allocation-free: the lists are matched against every item of every ad, so this is hot.
pub(crate) fn find(words: &[String], pattern: &str) -> Option<usize> {
    let first = pattern.split_whitespace().next()?;
    words.iter().enumerate().find_map(|(i, word)| {
        (word_matches(word, first) && matches_at(words, i, pattern)).then_some(i)
    })
}

/// True when `pattern` matches somewhere in `words`.
pub(crate) fn contains(words: &[String], pattern: &str) -> bool {
    find(words, pattern).is_some()
}

/// True when `pattern` matches all of `words`, and nothing else.
pub(crate) fn is_exactly(words: &[String], pattern: &str) -> bool {
    pattern.split_whitespace().count() == words.len() && find(words, pattern) == Some(0)
}

/// The number of whitespace-separated words in `text` that hold a letter or digit.
pub(crate) fn count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_whole_words_and_compounds() {
        let w = words("Utdanningskrav: Kvalifikasjonar, ikkje eit krav!");
        assert_eq!(w[0], "utdanningskrav");
        assert!(contains(&w, "*krav"));
        assert!(contains(&w, "kvalifikasjon*"));
        assert!(contains(&w, "ikkje eit krav"));
        assert!(!contains(&w, "kvalifikasjon"));
        assert_eq!(find(&w, "krav"), Some(4));
        assert!(is_exactly(&words("Vi tilbyr"), "vi tilbyr"));
        assert!(!is_exactly(&words("Vi tilbyr deg"), "vi tilbyr"));
    }

    #[test]
    fn counts_words() {
        assert_eq!(count("Krav til kompetanse:"), 3);
        assert_eq!(count(" – 50 % stilling "), 2);
    }
}
