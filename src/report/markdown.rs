//! `--format markdown` (the default): friendly suggestions per ad, readable in a terminal and as a
//! pull-request comment. Per ad a heading; findings grouped by section with the quoted line (the
//! matched words in bold), the message, why and the suggested wording; what is missing at the end
//! with a paragraph ready to paste. The frame is in the ad's language.

use super::audit::words::{count, Noun};
use super::{Checked, Reporter, Summary};
use crate::engine::Finding;
use crate::posting::{Document, SectionKind};
use crate::rules::RuleSet;
use crate::taxonomy::{Language, Severity};
use std::collections::BTreeSet;
use std::io::{self, Write};

/// The words of the report frame in one language.
struct Words {
    /// "skipped" (ads without text), after a count.
    skipped: &'static str,
    no_findings: &'static str,
    line: &'static str,
    why: &'static str,
    suggestion: &'static str,
    missing: &'static str,
    whole_ad: &'static str,
    paste: &'static str,
    severity: [&'static str; 3],
    severity_plural: [&'static str; 3],
    sections: [&'static str; 9],
}

const NB: Words = Words {
    skipped: "hoppet over (uten tekst eller på et språk uten regler)",
    no_findings: "Ingen terskler funnet.",
    line: "linje",
    why: "Hvorfor",
    suggestion: "Forslag",
    missing: "Dette mangler i annonsen",
    whole_ad: "Hele annonsen",
    paste: "Forslag til tekst du kan lime inn",
    severity: ["info", "advarsel", "feil"],
    severity_plural: ["info", "advarsler", "feil"],
    sections: [
        "Krav",
        "Ønsket",
        "Arbeidsoppgaver",
        "Personlige egenskaper",
        "Vi tilbyr",
        "Om arbeidsplassen",
        "Søknad",
        "Tittel",
        "Annen tekst",
    ],
};

const NN: Words = Words {
    skipped: "hoppa over (utan tekst eller på eit språk utan reglar)",
    no_findings: "Ingen tersklar funne.",
    line: "linje",
    why: "Kvifor",
    suggestion: "Framlegg",
    missing: "Dette manglar i annonsen",
    whole_ad: "Heile annonsen",
    paste: "Framlegg til tekst du kan lime inn",
    severity: ["info", "åtvaring", "feil"],
    severity_plural: ["info", "åtvaringar", "feil"],
    sections: [
        "Krav",
        "Ønskt",
        "Arbeidsoppgåver",
        "Personlege eigenskapar",
        "Vi tilbyr",
        "Om arbeidsplassen",
        "Søknad",
        "Tittel",
        "Anna tekst",
    ],
};

const EN: Words = Words {
    skipped: "skipped (no text, or a language without rules)",
    no_findings: "No thresholds found.",
    line: "line",
    why: "Why",
    suggestion: "Suggestion",
    missing: "What the ad does not say",
    whole_ad: "The whole ad",
    paste: "Suggested text to paste",
    severity: ["info", "warning", "error"],
    severity_plural: ["info", "warnings", "errors"],
    sections: [
        "Requirements",
        "Preferred",
        "Duties",
        "Personal qualities",
        "What we offer",
        "About the workplace",
        "Application",
        "Title",
        "Other text",
    ],
};

fn words(language: Language) -> &'static Words {
    match language {
        Language::Nb => &NB,
        Language::Nn => &NN,
        Language::En => &EN,
    }
}

fn severity_word(w: &Words, s: Severity) -> &'static str {
    match s {
        Severity::Info => w.severity[0],
        Severity::Warning => w.severity[1],
        Severity::Error => w.severity[2],
    }
}

fn severity_count_word(w: &Words, s: Severity, n: usize) -> &'static str {
    if n == 1 {
        return severity_word(w, s);
    }
    match s {
        Severity::Info => w.severity_plural[0],
        Severity::Warning => w.severity_plural[1],
        Severity::Error => w.severity_plural[2],
    }
}

fn section_word(w: &Words, s: SectionKind) -> &'static str {
    let i = SectionKind::ALL.iter().position(|k| *k == s).unwrap_or(8);
    w.sections.get(i).copied().unwrap_or("")
}

/// The Markdown reporter: one section per ad, and a summary line at the end when there are
/// several.
pub struct MarkdownReporter<'a> {
    rules: &'a RuleSet,
    summary: Summary,
    languages: BTreeSet<Language>,
}

impl<'a> MarkdownReporter<'a> {
    /// A reporter that looks up `why` texts in `rules`.
    pub fn new(rules: &'a RuleSet) -> Self {
        Self {
            rules,
            summary: Summary::default(),
            languages: BTreeSet::new(),
        }
    }
}

impl Reporter for MarkdownReporter<'_> {
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn document(&mut self, checked: &Checked, out: &mut dyn Write) -> io::Result<()> {
        if self.summary.documents > 0 {
            out.write_all(b"\n---\n\n")?;
        }
        self.summary.add(checked);
        self.languages.insert(checked.document.language);
        render_document(out, checked, self.rules)
    }

    fn skipped(&mut self, _skipped: &super::Skipped, _out: &mut dyn Write) -> io::Result<()> {
        self.summary.skipped += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.summary.documents == 1 && self.summary.skipped == 0 {
            return Ok(());
        }
        let language = match (self.languages.len(), self.languages.first()) {
            (1, Some(&language)) => language,
            _ => Language::Nb,
        };
        let frame = words(language);
        if self.summary.documents > 0 {
            out.write_all(b"\n---\n\n")?;
        }
        let counts: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .filter_map(|s| {
                let n = self.summary.by_severity.get(&s).copied().unwrap_or(0);
                (n > 0).then(|| format!("{n} {}", severity_count_word(frame, s, n)))
            })
            .collect();
        let detail = if counts.is_empty() {
            String::new()
        } else {
            format!(" ({})", counts.join(", "))
        };
        let skipped = if self.summary.skipped > 0 {
            format!("; {} {}", self.summary.skipped, frame.skipped)
        } else {
            String::new()
        };
        writeln!(
            out,
            "**terskel:** {}, {}{detail}{skipped}",
            count(language, self.summary.documents, Noun::Ad),
            count(language, self.summary.findings, Noun::Finding)
        )
    }
}

/// Writes one ad's section straight to `out` (a report of an ad with many findings is many
/// times its size; it is never built as one string).
fn render_document(out: &mut dyn Write, checked: &Checked, rules: &RuleSet) -> io::Result<()> {
    let doc = &checked.document;
    let w = words(doc.language);
    let title = doc.title.as_deref().unwrap_or(&doc.path);
    writeln!(out, "## {}\n", one_line(title))?;
    write!(out, "`{}` · {}", doc.path, doc.language)?;
    let counts = severity_counts(&checked.findings, w);
    if counts.is_empty() {
        writeln!(out, "\n\n{}", w.no_findings)?;
        return Ok(());
    }
    writeln!(out, " · {counts}\n")?;

    let (located, whole): (Vec<&Finding>, Vec<&Finding>) =
        checked.findings.iter().partition(|f| f.span.is_some());
    let mut current: Option<SectionKind> = None;
    for f in located {
        let section = f.section.unwrap_or(SectionKind::Other);
        if current != Some(section) {
            writeln!(out, "### {}\n", section_word(w, section))?;
            current = Some(section);
        }
        render_finding(out, doc, f, rules, w)?;
    }
    if !whole.is_empty() {
        writeln!(out, "### {}\n", w.missing)?;
        for f in whole {
            render_finding(out, doc, f, rules, w)?;
        }
    }
    Ok(())
}

fn severity_counts(findings: &[Finding], w: &Words) -> String {
    [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .filter_map(|s| {
            let n = findings.iter().filter(|f| f.severity == s).count();
            (n > 0).then(|| format!("{n} {}", severity_count_word(w, s, n)))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn render_finding(
    out: &mut dyn Write,
    doc: &Document,
    f: &Finding,
    rules: &RuleSet,
    w: &Words,
) -> io::Result<()> {
    let place = match f.span {
        Some(span) => format!("{} {}:{}", w.line, span.line, span.column),
        None => w.whole_ad.to_string(),
    };
    writeln!(
        out,
        "**{}** · {} · `{}` · {}\n",
        severity_word(w, f.severity),
        f.message,
        f.rule,
        place
    )?;
    if let (Some(range), Some(context)) = (&f.range, &f.context) {
        writeln!(out, "> {}\n", quote(doc, context, range))?;
    }
    if let Some(rule) = rules.get(&f.rule) {
        writeln!(out, "*{}:* {}\n", w.why, one_line(&rule.why))?;
    }
    if !f.suggestion.trim().is_empty() {
        let label = if f.span.is_some() {
            w.suggestion
        } else {
            w.paste
        };
        writeln!(out, "*{label}:*\n")?;
        for line in f.suggestion.trim().lines() {
            if line.trim().is_empty() {
                out.write_all(b">\n")?;
            } else {
                writeln!(out, "> {line}")?;
            }
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The item text with the match in bold, shortened around the match when long.
fn quote(
    doc: &Document,
    context: &std::ops::Range<usize>,
    range: &std::ops::Range<usize>,
) -> String {
    const MAX_SIDE: usize = 120;
    let start = range.start.clamp(context.start, context.end);
    let end = range.end.clamp(start, context.end.max(start));
    let before = doc.slice(context.start..start);
    let matched = doc.slice(start..end);
    let after = doc.slice(end..context.end);
    let before = if before.chars().count() > MAX_SIDE {
        let skip = before.chars().count() - MAX_SIDE;
        format!("…{}", before.chars().skip(skip).collect::<String>())
    } else {
        before.to_string()
    };
    let after = if after.chars().count() > MAX_SIDE {
        format!("{}…", after.chars().take(MAX_SIDE).collect::<String>())
    } else {
        after.to_string()
    };
    let matched = matched.trim();
    let marked = if matched.is_empty() {
        String::new()
    } else {
        format!("**{}**", matched.replace("**", ""))
    };
    one_line(&format!("{before}{marked}{after}"))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
