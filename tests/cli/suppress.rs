//! Inline suppressions: `<!-- terskel-disable … -->`, `<!-- terskel-enable -->` and
//! `<!-- terskel-disable-next-line … -->`, each with a reason (design.md §6).

use crate::{assert_finding_fields, code, json, run, run_stdin, stderr, stdout, write};
use std::collections::BTreeSet;
use std::process::Output;

/// An ad with several findings, one per line of its requirements.
const AD: &str = "---
title: Helsefagarbeider
lang: nb
---

# Helsefagarbeider

## Kvalifikasjoner

- Fagbrev som helsefagarbeider
- Perfekt norsk muntlig og skriftlig
- Minimum 3 års erfaring fra eldreomsorg
- Førerkort klasse B

## Personlige egenskaper

- Du må ha førerkort og egen bil
";

/// `AD` with `comment` (a line) put before the line holding `before`.
fn with(comment: &str, before: &str) -> String {
    let at = AD.find(before).unwrap();
    let line_start = AD[..at].rfind('\n').map_or(0, |i| i + 1);
    format!("{}{comment}\n{}", &AD[..line_start], &AD[line_start..])
}

fn check(text: &str, extra: &[&str]) -> Output {
    let args = [
        &["check", "--format", "json", "--fail-on", "never"],
        extra,
        &["-"],
    ]
    .concat();
    let out = run_stdin(&args, text.as_bytes());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    out
}

fn findings(out: &Output) -> Vec<serde_json::Value> {
    json(out)["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .clone()
}

/// (rule, line) of every finding with a place.
fn placed(out: &Output) -> Vec<(String, u64)> {
    findings(out)
        .iter()
        .filter(|f| !f["span"].is_null())
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["span"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn rules(out: &Output) -> BTreeSet<String> {
    findings(out)
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

fn has(out: &Output, rule: &str, line: u64) -> bool {
    placed(out).contains(&(rule.to_string(), line))
}

const LICENCE: &str = "nb.driving-licence.required";

#[test]
fn the_test_ad_has_the_findings_the_tests_suppress() {
    let out = check(AD, &[]);
    assert!(has(&out, LICENCE, 13), "{:?}", placed(&out));
    assert!(has(&out, LICENCE, 17), "{:?}", placed(&out));
    assert!(has(&out, "nb.language-level.vague-norwegian", 11));
    assert!(has(&out, "nb.experience-years.duration", 12));
}

#[test]
fn next_line_with_a_reason_suppresses_only_the_next_line() {
    let text = with(
        "<!-- terskel-disable-next-line driving-licence: Du kjører mellom brukerne i hjemmetjenesten. -->",
        "- Førerkort klasse B",
    );
    let out = check(&text, &[]);
    assert!(!has(&out, LICENCE, 14), "{:?}", placed(&out));
    // The same rule further down, and other rules, are still reported.
    assert!(has(&out, LICENCE, 18), "{:?}", placed(&out));
    assert!(has(&out, "nb.experience-years.duration", 12));
    assert!(!rules(&out).iter().any(|r| r.starts_with("terskel.")));
}

#[test]
fn next_line_skips_blank_lines_and_other_directives() {
    let text = with(
        "<!-- terskel-disable-next-line driving-licence: Kjøring trengs. -->\n\n<!-- terskel-disable-next-line experience-years: Vi må ha erfarne folk på natt. -->",
        "- Minimum 3 års erfaring",
    );
    let out = check(&text, &[]);
    assert!(!placed(&out)
        .iter()
        .any(|(r, _)| r == "nb.experience-years.duration"));
    // The first directive reached the same line, where there is no licence finding: line 15 keeps its.
    assert!(has(&out, LICENCE, 16), "{:?}", placed(&out));
}

#[test]
fn without_a_reason_nothing_is_suppressed_and_a_warning_is_reported() {
    let text = with(
        "<!-- terskel-disable-next-line driving-licence -->",
        "- Førerkort klasse B",
    );
    let out = check(&text, &[]);
    assert!(has(&out, LICENCE, 14), "{:?}", placed(&out));
    let warning = findings(&out)
        .into_iter()
        .find(|f| f["rule"] == "terskel.suppression.no-reason")
        .unwrap_or_else(|| panic!("{}", stdout(&out)));
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["category"], "driving-licence");
    assert_eq!(warning["span"]["line"], 13);
    assert_eq!(warning["span"]["column"], 1);
    assert_eq!(
        warning["text"],
        "<!-- terskel-disable-next-line driving-licence -->"
    );
    assert!(warning["message"].as_str().unwrap().contains("kolon"));
    assert!(warning["suggestion"]
        .as_str()
        .unwrap()
        .contains("<!-- terskel-disable-next-line driving-licence: begrunnelse -->"));

    // It fails a `--fail-on warning` run on its own, and selection works on it.
    let only = [
        "check",
        "--select",
        "terskel.suppression",
        "--fail-on",
        "warning",
        "-",
    ];
    assert_eq!(code(&run_stdin(&only, text.as_bytes())), 1);
    let reasoned = text.replace("driving-licence -->", "driving-licence: Kjøring. -->");
    assert_eq!(code(&run_stdin(&only, reasoned.as_bytes())), 0);
    let out = check(&text, &["--ignore", "terskel.suppression.no-reason"]);
    assert!(!rules(&out).contains("terskel.suppression.no-reason"));
}

#[test]
fn a_reason_without_its_colon_is_no_reason() {
    let text = with(
        "<!-- terskel-disable-next-line driving-licence Du kjører mellom brukerne -->",
        "- Førerkort klasse B",
    );
    let out = check(&text, &[]);
    assert!(has(&out, LICENCE, 14));
    let warning = findings(&out)
        .into_iter()
        .find(|f| f["rule"] == "terskel.suppression.no-reason")
        .unwrap();
    assert!(warning["suggestion"]
        .as_str()
        .unwrap()
        .contains("driving-licence: Du kjører mellom brukerne -->"));
}

#[test]
fn a_range_ends_at_enable() {
    let text = with(
        "<!-- terskel-disable driving-licence, experience-years: Nattevakt alene, kjører mellom boligene. -->",
        "- Minimum 3 års erfaring",
    );
    let text = text.replace(
        "\n## Personlige egenskaper",
        "<!-- terskel-enable -->\n\n## Personlige egenskaper",
    );
    let out = check(&text, &[]);
    let found = placed(&out);
    assert!(
        !found.iter().any(|(r, l)| r == LICENCE && *l < 16),
        "{found:?}"
    );
    assert!(!found
        .iter()
        .any(|(r, _)| r == "nb.experience-years.duration"));
    assert!(has(&out, LICENCE, 19), "{found:?}");
    assert!(has(&out, "nb.language-level.vague-norwegian", 11));
}

#[test]
fn enable_with_a_target_ends_only_that_target() {
    let text = with(
        "<!-- terskel-disable driving-licence, language-level: Begge er vurdert av HR. -->",
        "- Fagbrev",
    );
    let text = text.replace(
        "- Minimum 3 års erfaring",
        "<!-- terskel-enable driving-licence -->\n- Minimum 3 års erfaring",
    );
    let out = check(&text, &[]);
    let found = placed(&out);
    // Language level stays suppressed to the end; the licence lines after the enable are reported.
    assert!(
        !found.iter().any(|(r, _)| r.contains("language-level")),
        "{found:?}"
    );
    assert!(
        found.iter().filter(|(r, _)| r == LICENCE).count() == 2,
        "{found:?}"
    );
}

#[test]
fn rule_ids_prefixes_and_categories_are_targets() {
    for target in [LICENCE, "nb.driving-licence", "driving-licence"] {
        let text = with(
            &format!("<!-- terskel-disable-next-line {target}: Kjøring trengs. -->"),
            "- Førerkort klasse B",
        );
        let out = check(&text, &[]);
        assert!(!has(&out, LICENCE, 14), "{target}: {:?}", placed(&out));
    }
    // A rule id suppresses only that rule.
    let text = with(
        "<!-- terskel-disable-next-line nb.experience-years.other-rule: x -->",
        "- Førerkort klasse B",
    );
    let out = check(&text, &[]);
    assert!(has(&out, LICENCE, 14));
}

#[test]
fn unknown_targets_are_reported_and_suppress_nothing() {
    let text = with(
        "<!-- terskel-disable-next-line driving-license: Kjøring trengs. -->",
        "- Førerkort klasse B",
    );
    let out = check(&text, &[]);
    assert!(has(&out, LICENCE, 14));
    let warning = findings(&out)
        .into_iter()
        .find(|f| f["rule"] == "terskel.suppression.unknown-target")
        .unwrap_or_else(|| panic!("{}", stdout(&out)));
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["category"], "driving-licence");
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .contains("Mente du `driving-licence`?"),
        "{warning}"
    );
}

#[test]
fn findings_about_the_whole_ad_need_a_range_that_reaches_the_end() {
    let missing = "nb.missing-salary.no-pay";
    assert!(rules(&check(AD, &[])).contains(missing));
    // Next-line never covers them.
    let text = with(
        "<!-- terskel-disable-next-line missing-salary: Lønn avtales. -->",
        "# Helsefagarbeider",
    );
    assert!(rules(&check(&text, &[])).contains(missing));
    // A range that is ended does not either.
    let text = with(
        "<!-- terskel-disable missing-salary: Lønn avtales. -->\n<!-- terskel-enable -->",
        "# Helsefagarbeider",
    );
    assert!(rules(&check(&text, &[])).contains(missing));
    // An open range does.
    let text = with(
        "<!-- terskel-disable missing-salary: Lønn etter avtale med forbundet. -->",
        "# Helsefagarbeider",
    );
    let out = check(&text, &[]);
    assert!(!rules(&out).contains(missing), "{:?}", rules(&out));
    assert!(rules(&out).contains(LICENCE));
}

#[test]
fn html_ads_read_comments_from_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<!DOCTYPE html>
<html><head><title>Renholder</title></head>
<body>
<h1>Renholder</h1>
<h2>Kvalifikasjoner</h2>
<ul>
  <li>Perfekt norsk</li>
  <!-- terskel-disable-next-line driving-licence: Du kjører mellom skolene. -->
  <li>Førerkort klasse B</li>
  <!-- terskel-disable-next-line language-level -->
  <li>Flytende norsk skriftlig</li>
</ul>
</body></html>
";
    let path = write(dir.path(), "renholder.html", page);
    let out = run(&[
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let found = placed(&out);
    assert!(
        !found.iter().any(|(r, _)| r.contains("driving-licence")),
        "{found:?}"
    );
    assert!(
        found.contains(&("terskel.suppression.no-reason".to_string(), 10)),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(r, l)| r.contains("language-level") && *l == 11),
        "{found:?}"
    );
}

#[test]
fn json_output_keeps_the_design_shape() {
    let text = with(
        "<!-- terskel-disable-next-line driving-licence -->",
        "- Førerkort klasse B",
    );
    let out = check(&text, &[]);
    let report = json(&out);
    let top: BTreeSet<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(top, ["documents", "summary", "tool", "version"].into());
    let doc = &report["documents"][0];
    let keys: BTreeSet<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["findings", "language", "path", "title"].into());
    for f in doc["findings"].as_array().unwrap() {
        assert_finding_fields(f);
    }
    assert_eq!(
        report["summary"]["findings"].as_u64().unwrap() as usize,
        doc["findings"].as_array().unwrap().len()
    );
}

#[test]
fn markdown_output_shows_the_warning() {
    let text = with(
        "<!-- terskel-disable-next-line driving-licence -->",
        "- Førerkort klasse B",
    );
    let out = run_stdin(&["check", "--fail-on", "never", "-"], text.as_bytes());
    let md = stdout(&out);
    assert!(md.contains("terskel.suppression.no-reason"), "{md}");
    assert!(
        md.contains("`<!-- terskel-disable-next-line driving-licence: begrunnelse -->`"),
        "{md}"
    );
}

#[test]
fn explain_knows_the_built_in_rules() {
    for id in [
        "terskel.suppression.no-reason",
        "terskel.suppression.unknown-target",
    ] {
        let out = run(&["explain", id]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert!(stdout(&out).contains(&format!("# {id}")));
        assert!(stdout(&out).contains("built into terskel"));
        let out = run(&["explain", "--format", "json", id]);
        assert_eq!(json(&out)["id"], id);
    }
}
