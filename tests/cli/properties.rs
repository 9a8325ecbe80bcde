//! Property tests (proptest) over generated ads (issue 13): every finding's span lies inside the
//! input on character boundaries and slices the matched text; the line and column of a span are
//! those of its bytes; reading an ad twice gives the same findings; `--jobs 1` and `--jobs 4`
//! give the same bytes; `fix` output checked again never has more findings of a rule it fixed,
//! none of a missing paragraph it inserted, and none on the words it wrote.
//!
//! The ads are made of pieces that trigger rules (requirements, Norwegian letters, emoji, CRLF,
//! lone CR, markup) so that findings occur on most of them.

use super::*;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use terskel::batch::check_document;
use terskel::checker::Checker;
use terskel::fix::{self, ChangeKind};
use terskel::posting::{read_bytes, Format, ReadOptions};
use terskel::rules::{load, RuleOptions, RuleSet};

/// The embedded rules, loaded once for all cases.
fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| load(&RuleOptions::default()).unwrap())
}

/// A line of an ad.
fn line() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Du må ha førerkort klasse B",
        "fagbrev som helsefagarbeider",
        "flytende norsk muntlig og skriftlig",
        "Vi søker en dynamisk og robust medarbeider",
        "høyere utdanning er et krav",
        "Ønskede kvalifikasjoner",
        "Krav:",
        "ærlig, øvet og åpen 😀",
        "God helse",
        "Vi tilbyr",
        "**Kvalifikasjoner**",
        "`kode`",
        "<b>x</b>",
        "—",
    ]);
    let prefix = prop::sample::select(vec!["", "", "- ", "* ", "1. ", "## ", "# ", "> ", "  - "]);
    let end = prop::sample::select(vec!["\n", "\n", "\n\n", "\r\n", "\r", ". "]);
    (prefix, prop::collection::vec(words, 1..4), end)
        .prop_map(|(p, w, e)| format!("{p}{}{e}", w.join(" ")))
}

/// A whole ad: a few lines.
fn ad() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 1..12).prop_map(|lines| lines.concat())
}

/// The same text as Markdown, plain text or an HTML page.
fn as_format(text: &str, format: Format) -> (String, String) {
    match format {
        Format::Html => {
            let body: String = text
                .split('\n')
                .map(|l| format!("<p>{}</p>\n", l.replace('&', "&amp;")))
                .collect();
            (
                "ad.html".into(),
                format!("<html><body>{body}</body></html>"),
            )
        }
        Format::Text => ("ad.txt".into(), text.to_string()),
        _ => ("ad.md".into(), text.to_string()),
    }
}

/// The 1-based line and column (in characters) of byte `offset` of `text`: a line ends after
/// `\n`, or after a lone `\r` (a `\r` before `\n` belongs to its line).
fn position(text: &str, offset: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut line = 1;
    let mut line_start = 0;
    for (i, &b) in bytes[..offset].iter().enumerate() {
        let lone_cr = b == b'\r' && bytes.get(i + 1) != Some(&b'\n');
        if b == b'\n' || lone_cr {
            line += 1;
            line_start = i + 1;
        }
    }
    (line, text[line_start..offset].chars().count() + 1)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    // See: issue 13
    #[test]
    fn spans_lie_in_the_input_on_char_boundaries_with_their_line_and_column(
        text in ad(),
        format in prop::sample::select(vec![Format::Markdown, Format::Text, Format::Html]),
    ) {
        let (name, input) = as_format(&text, format);
        let doc = read_bytes(&name, input.as_bytes(), format, &ReadOptions::default());
        let Ok(doc) = doc else { return Ok(()); };
        let checked = check_document(rules(), doc);
        let source = &checked.document.source.text;
        for finding in &checked.findings {
            if let Some(range) = &finding.range {
                prop_assert!(checked.document.text.get(range.clone()).is_some(), "{finding:?}");
            }
            let Some(span) = finding.span else { continue; };
            prop_assert!(span.start <= span.end && span.end <= source.len(), "{finding:?}");
            prop_assert!(source.is_char_boundary(span.start), "{finding:?}");
            prop_assert!(source.is_char_boundary(span.end), "{finding:?}");
            prop_assert_eq!(position(source, span.start), (span.line, span.column));
            prop_assert_eq!(position(source, span.end), (span.end_line, span.end_column));
            if format != Format::Html {
                prop_assert_eq!(&source[span.start..span.end], &*finding.text);
            }
        }
    }

    // See: issue 13
    #[test]
    fn reading_an_ad_twice_gives_the_same_findings(
        text in ad(),
        format in prop::sample::select(vec![Format::Markdown, Format::Text, Format::Html]),
    ) {
        let (name, input) = as_format(&text, format);
        let read = || read_bytes(&name, input.as_bytes(), format, &ReadOptions::default());
        match (read(), read()) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(a.text.clone(), b.text.clone());
                let (a, b) = (check_document(rules(), a), check_document(rules(), b));
                prop_assert_eq!(a.findings, b.findings);
            }
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
            (a, b) => prop_assert!(false, "{:?} / {:?}", a.is_ok(), b.is_ok()),
        }
    }
}

/// The embedded rules in a checker, built once for all cases.
fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::with_rules(load(&RuleOptions::default()).unwrap()))
}

/// A line of an ad with words `fix` replaces (age, gendered titles, vague Norwegian), words it
/// leaves (they have no safe replacement) and headings, so that the missing paragraphs it
/// inserts land in different places.
fn fixable_line() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Vi er et ungt og dynamisk miljø",
        "Du blir del av et ungt team",
        "Vi søker en ung medarbeider",
        "Vi søker yngre krefter",
        "Perfekt norsk",
        "flytende norsk",
        "gode norskkunnskaper",
        "svært gode muntlige og skriftlige norskkunnskaper",
        "Vi søker en sykepleierske",
        "Du blir vår nye formann",
        "Erfaren fagmann",
        "Du må ha førerkort klasse B",
        "fagbrev er et krav",
        "minst 5 års erfaring",
        "Lønn etter avtale",
        "ærlig og åpen 😀",
    ]);
    let prefix = prop::sample::select(vec!["", "- ", "- ", "* ", "1. ", "> "]);
    let end = prop::sample::select(vec!["\n", "\n", "\n\n", ".\n", "\r\n", ". "]);
    (prefix, prop::collection::vec(words, 1..3), end)
        .prop_map(|(p, w, e)| format!("{p}{}{e}", w.join(", ")))
}

/// An ad with a title, optional sections and fixable lines in them.
fn fixable_ad() -> impl Strategy<Value = String> {
    let heading = prop::sample::select(vec![
        "## Kvalifikasjoner\n\n",
        "## Arbeidsoppgaver\n\n",
        "## Vi tilbyr\n\n",
        "## Om oss\n\n",
        "## Søknad\n\n",
        "",
    ]);
    prop::collection::vec((heading, prop::collection::vec(fixable_line(), 1..4)), 1..5).prop_map(
        |parts| {
            let mut ad = String::from("# Assistent\n\n");
            for (heading, lines) in parts {
                ad.push_str(heading);
                ad.extend(lines);
                ad.push('\n');
            }
            ad
        },
    )
}

/// Findings per rule.
fn per_rule(findings: &[terskel::engine::Finding]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for f in findings {
        *counts.entry(f.rule.to_string()).or_default() += 1;
    }
    counts
}

proptest! {
    // Library calls only; a fix checks the ad up to three times.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    // See: issue 13
    #[test]
    fn fix_output_checked_again_has_no_more_findings_of_the_fixed_rules(
        text in fixable_ad(),
        format in prop::sample::select(vec![Format::Markdown, Format::Text]),
    ) {
        let read = ReadOptions::default();
        let (name, input) = as_format(&text, format);
        let doc = read_bytes(&name, input.as_bytes(), format, &read).unwrap();
        let fixed = fix::fix(checker(), &read, doc).unwrap();
        let again = checker()
            .check_bytes_with(&read, &name, fixed.revised.as_bytes(), format)
            .unwrap();
        let (before, after) = (per_rule(&fixed.checked.findings), per_rule(&again.findings));
        let show = || format!("{text}\n---\n{}", fixed.revised);
        for change in &fixed.changes {
            let rule = change.rule.as_str();
            let was = before.get(rule).copied().unwrap_or(0);
            let is = after.get(rule).copied().unwrap_or(0);
            prop_assert!(is <= was, "{rule}: {was} → {is}\n{}", show());
            match change.kind {
                // The paragraph answers the missing finding.
                ChangeKind::Insert => prop_assert_eq!(is, 0, "{}: {}", rule, show()),
                // The words written are never flagged by the rule they answer. (The count need
                // not drop: a rule reports one finding per item, so a second wording in the
                // same item is found only once the first is replaced.)
                ChangeKind::Replace => {
                    let flagged = again.findings.iter().find(|f| {
                        *f.rule == *rule
                            && f.span.is_some_and(|s| {
                                s.start < change.revised.end && change.revised.start < s.end
                            })
                    });
                    prop_assert!(flagged.is_none(), "{rule}: {flagged:?}\n{}", show());
                }
            }
        }
    }
}

proptest! {
    // Each case runs the binary twice over a directory.
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    // See: issue 13
    #[test]
    fn jobs_1_and_jobs_4_give_the_same_output(ads in prop::collection::vec(ad(), 1..24)) {
        let dir = tempfile::tempdir().unwrap();
        for (i, text) in ads.iter().enumerate() {
            let format = [Format::Markdown, Format::Text, Format::Html][i % 3];
            let (name, input) = as_format(text, format);
            write(dir.path(), &format!("{i:02}-{name}"), input);
        }
        let path = dir.path().to_str().unwrap();
        for format in ["json", "text"] {
            let one = run(&["check", "--format", format, "-j", "1", path]);
            let four = run(&["check", "--format", format, "-j", "4", path]);
            prop_assert_eq!(code(&one), code(&four));
            prop_assert_eq!(stdout(&one), stdout(&four));
        }
    }
}
