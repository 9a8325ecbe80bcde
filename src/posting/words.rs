//! Word-level phrase matching, used by the heading, marker, language and role lists.
//!
//! Owns one small pattern language so the lists elsewhere can stay plain data: a pattern is
//! words separated by spaces, matched case-insensitively against whole words; a pattern word
//! `*krav` also matches words that *end* in it ("utdanningskrav"), and `kvalifikasjon*` words that
//! *start* with it ("kvalifikasjonar"). It does not know what any list means.

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
pub(crate) fn find(words: &[String], pattern: &str) -> Option<usize> {
    let parts: Vec<&str> = pattern.split_whitespace().collect();
    if parts.is_empty() || parts.len() > words.len() {
        return None;
    }
    (0..=words.len() - parts.len()).find(|&i| {
        parts
            .iter()
            .zip(words.iter().skip(i))
            .all(|(p, w)| word_matches(w, p))
    })
}

/// True when `pattern` matches somewhere in `words`.
pub(crate) fn contains(words: &[String], pattern: &str) -> bool {
    find(words, pattern).is_some()
}

/// True when any of `patterns` matches somewhere in `words`.
pub(crate) fn contains_any(words: &[String], patterns: &[&str]) -> bool {
    patterns.iter().any(|p| contains(words, p))
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
