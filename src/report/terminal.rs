//! `--format full`: the report for a person at a terminal, in the style of rustc and ruff. Per
//! finding a coloured severity and rule id with the message, `--> path:line:col`, the source line
//! with the match underlined, and the rule's *why* and *suggestion* as `help:` lines; at the end
//! one line that counts the findings per severity and the ads, in the ads' language.
//!
//! Rendering is `annotate-snippets`'s (long lines are cut around the match as rustc does); the
//! colours are ANSI escapes when the reporter is made `styled`, which the command line decides
//! from `--color`, `NO_COLOR`, `CLICOLOR_FORCE` and whether standard output is a terminal. This
//! module never looks at the environment.

use super::audit::words;
use super::place::{one_line, Place};
use super::{Checked, Reporter, Summary};
use crate::engine::Finding;
use crate::posting::Document;
use crate::rules::RuleSet;
use crate::taxonomy::{Language, Severity};
use annotate_snippets::{Level, Renderer, Snippet};
use std::io::{self, Write};

/// The terminal reporter.
pub struct TerminalReporter<'a> {
    rules: &'a RuleSet,
    /// One renderer per severity (error, warning, info): see [`renderer`].
    renderers: [Renderer; 3],
    styled: bool,
    closing_line: bool,
    summary: Summary,
    language: Languages,
}

/// The languages of the ads seen so far: the report speaks the one they share, else Bokmål.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Languages {
    #[default]
    None,
    One(Language),
    Mixed,
}

impl Languages {
    fn add(&mut self, language: Language) {
        *self = match *self {
            Languages::None => Languages::One(language),
            Languages::One(l) if l == language => Languages::One(l),
            _ => Languages::Mixed,
        };
    }

    fn language(self) -> Language {
        match self {
            Languages::One(l) => l,
            _ => Language::Nb,
        }
    }
}

impl<'a> TerminalReporter<'a> {
    /// A reporter that takes the *why* of each finding from `rules`, writes ANSI colours when
    /// `styled`, and the closing count unless `closing_line` is false (`--quiet`).
    pub fn new(rules: &'a RuleSet, styled: bool, closing_line: bool) -> Self {
        Self {
            rules,
            renderers: [
                renderer(styled, Severity::Error),
                renderer(styled, Severity::Warning),
                renderer(styled, Severity::Info),
            ],
            styled,
            closing_line,
            summary: Summary::default(),
            language: Languages::None,
        }
    }

    /// The reason of rule `id` on one line (a built-in rule's too).
    fn why(&self, id: &str) -> Option<String> {
        let why = match self.rules.get(id) {
            Some(rule) => rule.why.as_str(),
            None => crate::suppress::builtin_rule(id)?.why,
        };
        let why = one_line(why);
        (!why.is_empty()).then_some(why)
    }

    fn finding(&self, document: &Document, finding: &Finding) -> String {
        let place = Place::of(document, finding);
        let level = level(finding.severity);
        let title = one_line(&finding.message);
        let why = self.why(&finding.rule);
        let suggestion = tidy(&finding.suggestion);
        let mut message = level.title(&title).id(&finding.rule);
        let excerpt = finding.span.and_then(|span| {
            let first = document.source.first_byte;
            let start = span.start.checked_sub(first)?;
            let end = span.end.checked_sub(first)?;
            excerpt(&document.source.text, start, end)
        });
        let origin = place.file.to_string();
        if let Some((line, range)) = &excerpt {
            message = message.snippet(
                Snippet::source(line)
                    .line_start(place.line)
                    .origin(&origin)
                    .annotation(Level::Error.span(range.clone())),
            );
        }
        if let Some(why) = &why {
            message = message.footer(Level::Help.title(why));
        }
        if !suggestion.is_empty() {
            message = message.footer(Level::Help.title(&suggestion));
        }
        let renderer = match finding.severity {
            Severity::Error => &self.renderers[0],
            Severity::Warning => &self.renderers[1],
            Severity::Info => &self.renderers[2],
        };
        let rendered = renderer.render(message).to_string();
        if excerpt.is_some() {
            return rendered;
        }
        // A finding about the whole ad has no line to show: its place goes under the title.
        let arrow = format!("--> {}:{}:{}", place.file, place.line, place.column);
        let arrow = if self.styled {
            let style = anstyle::Style::new()
                .fg_color(Some(anstyle::AnsiColor::BrightBlue.into()))
                .bold();
            format!(
                "{style}-->{style:#} {}:{}:{}",
                place.file, place.line, place.column
            )
        } else {
            arrow
        };
        match rendered.split_once('\n') {
            Some((head, rest)) => format!("{head}\n {arrow}\n{rest}"),
            None => format!("{rendered}\n {arrow}"),
        }
    }
}

/// Markdown of a suggestion as lines for a terminal: trimmed, blank lines kept single.
fn tidy(markdown: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in markdown.trim().lines().map(str::trim_end) {
        if line.is_empty() && lines.last().is_some_and(|l| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// The line of `text` holding byte `start`, and the match as a byte range in that line (cut at
/// the line's end when the match goes on). `None` when the offsets do not fall on characters of
/// `text`.
fn excerpt(text: &str, start: usize, end: usize) -> Option<(String, std::ops::Range<usize>)> {
    if start > end
        || end > text.len()
        || !text.is_char_boundary(start)
        || !text.is_char_boundary(end)
    {
        return None;
    }
    let line_start = text.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text
        .get(start..)?
        .find('\n')
        .map_or(text.len(), |i| start + i);
    let line = text.get(line_start..line_end)?.trim_end_matches('\r');
    let from = start - line_start;
    let to = end
        .min(line_start + line.len())
        .saturating_sub(line_start)
        .max(from);
    // An empty match still gets one caret.
    let to = if to == from {
        line.get(from..)
            .and_then(|rest| rest.chars().next())
            .map_or(from, |c| from + c.len_utf8())
    } else {
        to
    };
    Some((line.to_string(), from..to))
}

/// annotate-snippets 0.11 draws `^` only under error annotations (`-` under the others), so every
/// match is annotated as an error and the renderer for a finding of `severity` gives "error"
/// annotations that severity's colour: every match gets carets in the colour of its severity.
fn renderer(styled: bool, severity: Severity) -> Renderer {
    if !styled {
        return Renderer::plain();
    }
    let colour = |c: anstyle::AnsiColor| anstyle::Style::new().fg_color(Some(c.into())).bold();
    let renderer = Renderer::styled();
    match severity {
        Severity::Error => renderer,
        Severity::Warning => renderer.error(colour(anstyle::AnsiColor::BrightYellow)),
        Severity::Info => renderer.error(colour(anstyle::AnsiColor::BrightBlue)),
    }
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Info,
    }
}

impl Reporter for TerminalReporter<'_> {
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn document(&mut self, checked: &Checked, out: &mut dyn Write) -> io::Result<()> {
        self.summary.add(checked);
        self.language.add(checked.document.language);
        for finding in &checked.findings {
            writeln!(out, "{}\n", self.finding(&checked.document, finding))?;
        }
        Ok(())
    }

    fn skipped(&mut self, _skipped: &super::Skipped, _out: &mut dyn Write) -> io::Result<()> {
        self.summary.skipped += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.closing_line {
            return Ok(());
        }
        let line = words::found(self.language.language(), &self.summary);
        if self.styled {
            let bold = anstyle::Style::new().bold();
            writeln!(out, "{bold}{line}{bold:#}")
        } else {
            writeln!(out, "{line}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_excerpt_is_the_line_of_the_match() {
        let text = "# Tittel\r\n- Du må ha førerkort.\nSiste";
        let start = text.find("førerkort").unwrap();
        let (line, range) = excerpt(text, start, start + "førerkort".len()).unwrap();
        assert_eq!(line, "- Du må ha førerkort.");
        assert_eq!(&line[range], "førerkort");
        assert!(excerpt(text, start + 1, start + 2).is_none());
        assert!(excerpt(text, 0, 999).is_none());
    }

    #[test]
    fn a_match_running_over_the_line_end_is_cut_there() {
        let text = "a førerkort\nklasse B";
        let (line, range) = excerpt(text, 2, text.len()).unwrap();
        assert_eq!(&line[range], "førerkort");
    }
}
