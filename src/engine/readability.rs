//! `kind: readability`: LIX over the ad and sentence length (domain.md, Språkrådet's klarspråk).
//!
//! LIX = words/sentences + 100 × long words/words, with a long word having more than six letters.
//! As in the reference method, headings are dropped, every list item and line is a sentence
//! boundary and so are `. ! ? : ;`; tokens holding digits are not words.

use super::context::{fill, Context};
use super::finding::Finding;
use crate::posting::{Format, ItemKind};
use crate::rules::{Readability, Rule};

/// Words, sentences and long words of a text.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Lix {
    /// Word count.
    pub words: usize,
    /// Sentence count (sentences without words are not counted).
    pub sentences: usize,
    /// Words with more than six letters.
    pub long_words: usize,
}

impl Lix {
    /// Adds the sentences of `text` (split at `. ! ? : ;` and line breaks).
    pub fn add(&mut self, text: &str) {
        for sentence in text.split(['.', '!', '?', ':', ';', '\n']) {
            let (mut words, mut long) = (0, 0);
            for word in sentence
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| is_word(w))
            {
                words += 1;
                long += usize::from(word.chars().nth(6).is_some());
            }
            if words > 0 {
                self.sentences += 1;
                self.words += words;
                self.long_words += long;
            }
        }
    }

    /// The LIX value; 0 for a text without words.
    pub fn value(&self) -> f64 {
        if self.words == 0 || self.sentences == 0 {
            return 0.0;
        }
        let words = self.words as f64;
        words / self.sentences as f64 + 100.0 * self.long_words as f64 / words
    }
}

fn is_word(token: &str) -> bool {
    !token.is_empty() && token.chars().all(char::is_alphabetic)
}

/// Words in a sentence (tokens of letters only).
pub fn sentence_words(sentence: &str) -> usize {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| is_word(w))
        .count()
}

/// The LIX of the body by the reference method: every list item, line and portal field line
/// ("Språk: Norsk") in scope is text; of the headings only the Markdown/HTML ones (`#`, `<h2>`)
/// are dropped, while lead-in lines of plain and Markdown text ("**Kvalifikasjoner**",
/// "Om stillingen:") are short lines of the body and count as sentences.
fn body_lix(ctx: &Context<'_>, rule: &Rule) -> Lix {
    let mut lix = Lix::default();
    for located in ctx.items() {
        let kind = located.item.kind;
        if matches!(
            kind,
            ItemKind::ListItem | ItemKind::Paragraph | ItemKind::Field
        ) && rule.in_scope(located.item.section)
        {
            lix.add(ctx.doc.slice(located.item.span.clone()));
        }
    }
    if matches!(ctx.doc.format, Format::Markdown | Format::Text) {
        for block in &ctx.doc.blocks {
            let Some(span) = block.heading_span.clone() else {
                continue;
            };
            if rule.in_scope(block.section) && !is_atx_heading(&ctx.doc.text, span.start) {
                lix.add(ctx.doc.slice(span));
            }
        }
    }
    lix
}

/// True when the line holding `offset` is a Markdown `#` heading.
fn is_atx_heading(text: &str, offset: usize) -> bool {
    let line_start = text
        .get(..offset)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |i| i + 1);
    text.get(line_start..)
        .is_some_and(|line| line.trim_start().starts_with('#'))
}

pub(super) fn run(ctx: &Context<'_>, rule: &Rule, limits: &Readability, out: &mut Vec<Finding>) {
    let items = ctx.items().iter().filter(|l| {
        matches!(l.item.kind, ItemKind::ListItem | ItemKind::Paragraph)
            && rule.in_scope(l.item.section)
    });
    let lix = body_lix(ctx, rule);
    let value = lix.value();
    let hard = limits.max_lix.is_none_or(|limit| value > limit);
    match (limits.max_lix, limits.max_sentence_words) {
        (Some(limit), None) if hard => {
            let message = fill(
                &rule.message,
                lix.sentences,
                limit.round() as usize,
                &format!("{value:.1}"),
                "",
            );
            out.push(ctx.document_finding(rule, message));
        }
        (_, Some(limit)) if hard => {
            for located in items {
                for sentence in &located.item.sentences {
                    let words = sentence_words(ctx.doc.slice(sentence.clone()));
                    if words > limit {
                        let message = fill(&rule.message, words, limit, &format!("{value:.1}"), "");
                        out.push(ctx.finding(rule, located, sentence.clone(), message));
                    }
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lix_counts_words_sentences_and_long_words() {
        let mut lix = Lix::default();
        lix.add("Vi søker en blid medarbeider. Arbeidstiden er 100 %.");
        // "Vi søker en blid medarbeider" (5) + "Arbeidstiden er" (2); "100" is not a word.
        assert_eq!(
            lix,
            Lix {
                words: 7,
                sentences: 2,
                long_words: 2
            }
        );
        assert!((lix.value() - (3.5 + 200.0 / 7.0)).abs() < 1e-9);
    }

    #[test]
    fn empty_text_has_lix_zero() {
        assert_eq!(Lix::default().value(), 0.0);
    }
}
