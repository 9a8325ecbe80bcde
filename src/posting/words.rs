//! Word-level phrase matching, used by the heading, marker, language and role lists of the
//! [`super::Vocabulary`].
//!
//! Owns one small pattern language so the lists elsewhere can stay plain data: a pattern is
//! words separated by spaces, matched case-insensitively against whole words; a pattern word
//! `*krav` also matches words that *end* in it ("utdanningskrav"), and `kvalifikasjon*` words that
//! *start* with it ("kvalifikasjonar"). It does not know what any list means.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A list of patterns with an index built on first use, for lists matched against every item of
/// every ad: patterns are split into words once, looked up by their first word, and only
/// patterns whose first word has a wildcard are tried at every position. Lists that are only
/// read as they are ([`WordList::patterns`]: role titles, language words) never build one.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordList {
    /// The patterns as written.
    patterns: Vec<String>,
    index: OnceLock<Index>,
}

#[derive(Debug, Clone, Default)]
struct Index {
    /// Every pattern split into its words, in list order.
    split: Vec<Vec<String>>,
    /// Patterns (indices into `split`, in list order) by their first word.
    by_first: HashMap<String, Vec<usize>>,
    /// Patterns whose first word has a wildcard, in list order.
    wildcard_first: Vec<usize>,
}

impl WordList {
    /// A list of patterns (see the module doc for the pattern language).
    pub(crate) fn new(patterns: Vec<String>) -> Self {
        Self {
            patterns,
            index: OnceLock::new(),
        }
    }

    /// The patterns as written.
    pub(crate) fn patterns(&self) -> &[String] {
        &self.patterns
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let split: Vec<Vec<String>> = self
                .patterns
                .iter()
                .map(|p| p.split_whitespace().map(str::to_string).collect())
                .collect();
            let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
            let mut wildcard_first = Vec::new();
            for (i, words) in split.iter().enumerate() {
                match words.first() {
                    Some(first) if first.contains('*') => wildcard_first.push(i),
                    Some(first) => by_first.entry(first.clone()).or_default().push(i),
                    None => {}
                }
            }
            Index {
                split,
                by_first,
                wildcard_first,
            }
        })
    }

    /// The patterns (split into words) that match `words` at word `i`.
    fn matching_at<'s>(
        &'s self,
        words: &'s [String],
        i: usize,
    ) -> impl Iterator<Item = &'s [String]> + 's {
        let index = self.index();
        let exact = words
            .get(i)
            .and_then(|w| index.by_first.get(w.as_str()))
            .into_iter()
            .flatten();
        exact
            .chain(&index.wildcard_first)
            .filter_map(|&p| index.split.get(p).map(Vec::as_slice))
            .filter(move |pattern| split_matches_at(words, i, pattern))
    }

    /// True when any pattern of the list matches somewhere in `words`.
    pub(crate) fn contains_any(&self, words: &[String]) -> bool {
        (0..words.len()).any(|i| self.matching_at(words, i).next().is_some())
    }

    /// The first word where a pattern of the list matches, if one does.
    pub(crate) fn find_first(&self, words: &[String]) -> Option<usize> {
        (0..words.len()).find(|&i| self.matching_at(words, i).next().is_some())
    }

    /// True when a pattern of the list matches all of `words`, and nothing else.
    pub(crate) fn matches_exactly(&self, words: &[String]) -> bool {
        self.matching_at(words, 0)
            .any(|pattern| pattern.len() == words.len())
    }

    /// The lengths (in words) of the patterns that match at the start of `words`.
    pub(crate) fn prefix_lengths<'s>(
        &'s self,
        words: &'s [String],
    ) -> impl Iterator<Item = usize> + 's {
        self.matching_at(words, 0).map(<[String]>::len)
    }
}

/// True when the pattern `words` of a split pattern match `text_words` starting at word `i`.
fn split_matches_at(text_words: &[String], i: usize, pattern: &[String]) -> bool {
    text_words.get(i..).is_some_and(|rest| {
        rest.len() >= pattern.len() && pattern.iter().zip(rest).all(|(p, w)| word_matches(w, p))
    })
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
        let list = WordList::new(vec!["vi tilbyr".into(), "*krav".into()]);
        assert!(list.matches_exactly(&words("Vi tilbyr")));
        assert!(!list.matches_exactly(&words("Vi tilbyr deg")));
        assert_eq!(list.find_first(&words("Lønn og utdanningskrav")), Some(2));
    }

    #[test]
    fn counts_words() {
        assert_eq!(count("Krav til kompetanse:"), 3);
        assert_eq!(count(" – 50 % stilling "), 2);
    }
}
