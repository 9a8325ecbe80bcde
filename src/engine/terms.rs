//! One Aho-Corasick automaton for every term list of every rule.
//!
//! Owns compiling the terms (`phrases`, `unless`, `any_of`, `require_any`, `when.mentions`, …)
//! into a single automaton and finding whole-word hits in a folded text. A term may end in `*`
//! (it then also matches longer words: `fagbrev*` finds `fagbrevet`) or start with `*` (compounds:
//! `*førerkort` finds `bilførerkort`). The automaton reports overlapping matches so that a long
//! term of one rule never hides a shorter term of another; per rule, the leftmost-longest hit wins
//! (see `phrases.rs`).

use super::casefold::{fold, is_word_char, Folded};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;
use std::ops::Range;

/// What a term is for in its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TermRole {
    /// `phrases`: a match is a candidate finding (or a counted term).
    Trigger,
    /// `unless`: cancels nearby triggers.
    Unless,
    /// `any_of`: presence satisfies a `missing` rule.
    AnyOf,
    /// `require_any` of a `count` rule.
    RequireAny,
    /// `when.mentions`.
    Mentions,
    /// `when.not_mentions`.
    NotMentions,
}

#[derive(Debug, Clone, Copy)]
struct TermRef {
    rule: usize,
    role: TermRole,
    open_start: bool,
    open_end: bool,
}

/// A whole-word occurrence of a term, in original-text offsets.
///
/// 32-bit fields (20 bytes, not 40): a finding-heavy ad has millions of hits. The offsets come
/// from the folded text's offset map, which is 32-bit already ([`Folded`]); rule and term indexes
/// are far below `u32::MAX`. See: issue 13
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the rule in its `RuleSet`.
    pub rule: u32,
    /// What the term is for.
    pub role: TermRole,
    /// Index of the term among all distinct terms (equal terms share it).
    pub term: u32,
    /// Original start offset.
    pub start: u32,
    /// Original end offset.
    pub end: u32,
}

impl Hit {
    /// The hit's original byte range.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Builds a [`TermMatcher`].
#[derive(Debug, Default)]
pub struct TermMatcherBuilder {
    patterns: Vec<String>,
    refs: Vec<Vec<TermRef>>,
    /// The index of each folded term in `patterns`.
    index: HashMap<String, usize>,
}

impl TermMatcherBuilder {
    /// Adds `term` for `rule` in `role`.
    pub fn add(&mut self, rule: usize, role: TermRole, term: &str) {
        let trimmed = term.trim();
        let open_start = trimmed.starts_with('*');
        let open_end = trimmed.ends_with('*') && trimmed.len() > 1;
        let folded = fold(trimmed.trim_matches('*')).text;
        if folded.is_empty() {
            return;
        }
        let index = match self.index.get(&folded) {
            Some(&i) => i,
            None => {
                let i = self.patterns.len();
                self.index.insert(folded.clone(), i);
                self.patterns.push(folded);
                self.refs.push(Vec::new());
                i
            }
        };
        if let Some(refs) = self.refs.get_mut(index) {
            refs.push(TermRef {
                rule,
                role,
                open_start,
                open_end,
            });
        }
    }

    /// Compiles the automaton.
    ///
    /// # Errors
    /// When the automaton would be too large (aho-corasick's own limits).
    pub fn build(self) -> Result<TermMatcher, aho_corasick::BuildError> {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&self.patterns)?;
        Ok(TermMatcher {
            automaton,
            refs: self.refs,
        })
    }
}

/// The compiled automaton and what each term means.
#[derive(Debug, Clone)]
pub struct TermMatcher {
    automaton: AhoCorasick,
    refs: Vec<Vec<TermRef>>,
}

impl TermMatcher {
    /// Every whole-word hit of every term in `folded`.
    pub fn hits(&self, folded: &Folded) -> Vec<Hit> {
        let text = folded.text.as_str();
        let mut hits = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let Some(refs) = self.refs.get(m.pattern().as_usize()) else {
                continue;
            };
            let Ok(term) = u32::try_from(m.pattern().as_usize()) else {
                continue;
            };
            let before = text.get(..m.start()).and_then(|s| s.chars().next_back());
            let after = text.get(m.end()..).and_then(|s| s.chars().next());
            let starts_word = !before.is_some_and(is_word_char);
            let ends_word = !after.is_some_and(is_word_char);
            for r in refs {
                if !(starts_word || r.open_start) || !(ends_word || r.open_end) {
                    continue;
                }
                let start = if r.open_start {
                    word_start(text, m.start())
                } else {
                    m.start()
                };
                let end = if r.open_end {
                    word_end(text, m.end())
                } else {
                    m.end()
                };
                let Ok(rule) = u32::try_from(r.rule) else {
                    continue;
                };
                // The offset map is 32-bit, so these always fit (see `fold`).
                let to32 = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
                hits.push(Hit {
                    rule,
                    role: r.role,
                    term,
                    start: to32(folded.original(start)),
                    end: to32(folded.original(end)),
                });
            }
        }
        hits
    }
}

fn word_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|s| s.char_indices().rev().find(|&(_, c)| !is_word_char(c)))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

fn word_end(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|s| s.char_indices().find(|&(_, c)| !is_word_char(c)))
        .map_or(text.len(), |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(terms: &[&str], text: &str) -> Vec<String> {
        let mut b = TermMatcherBuilder::default();
        for t in terms {
            b.add(0, TermRole::Trigger, t);
        }
        let m = b.build().unwrap();
        m.hits(&fold(text))
            .into_iter()
            .map(|h| text[h.range()].to_string())
            .collect()
    }

    #[test]
    fn matches_whole_words_case_insensitively() {
        assert_eq!(
            find(&["førerkort"], "FØRERKORT, Førerkort og førerkort"),
            ["FØRERKORT", "Førerkort", "førerkort"]
        );
        assert!(find(&["ung"], "ungdom og unge").is_empty());
    }

    #[test]
    fn wildcards_extend_to_the_whole_word() {
        assert_eq!(find(&["fagbrev*"], "Fagbrevet er et krav"), ["Fagbrevet"]);
        assert_eq!(find(&["*førerkort"], "Bilførerkort"), ["Bilførerkort"]);
    }

    #[test]
    fn overlapping_terms_are_all_reported() {
        let hits = find(&["god helse", "helse"], "God helse");
        assert_eq!(hits, ["God helse", "helse"]);
    }

    #[test]
    fn phrases_match_across_line_breaks() {
        assert_eq!(
            find(&["eller tilsvarende"], "eller\n  tilsvarende"),
            ["eller\n  tilsvarende"]
        );
    }
}
