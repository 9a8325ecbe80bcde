//! `terskel check`: the main job, formats, exit codes, stdin, selection, languages.

use crate::{assert_finding_fields, code, json, run, run_stdin, stderr, stdout};
use std::collections::BTreeSet;

fn categories(report: &serde_json::Value, doc: usize) -> BTreeSet<String> {
    report["documents"][doc]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["category"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn corpus_gives_markdown_suggestions() {
    let out = run(&["check", "corpus/"]);
    assert!(matches!(code(&out), 0 | 1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("## "), "{}", &text[..200.min(text.len())]);
    let last = text.lines().last().unwrap();
    assert!(last.starts_with("**terskel:** 54 annonser, "), "{last}");
    assert!(text.contains("*Hvorfor:*"));
}

#[test]
fn json_has_the_design_shape() {
    let out = run(&["check", "--format", "json", "--fail-on", "never", "corpus/"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["version"], 1);
    assert_eq!(report["tool"]["name"], "terskel");
    assert_eq!(report["tool"]["version"], env!("CARGO_PKG_VERSION"));
    let docs = report["documents"].as_array().unwrap();
    assert!(docs.len() >= 40);
    let mut total = 0;
    for doc in docs {
        assert!(doc["path"].is_string());
        assert!(doc["title"].is_string() || doc["title"].is_null());
        assert!(["nb", "nn", "en"].contains(&doc["language"].as_str().unwrap()));
        for f in doc["findings"].as_array().unwrap() {
            total += 1;
            assert_finding_fields(f);
            assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()));
            let span = &f["span"];
            if span.is_null() {
                assert!(f["section"].is_null());
            } else {
                for k in ["start", "end", "line", "column", "end_line", "end_column"] {
                    assert!(span[k].as_u64().is_some(), "span.{k} in {f}");
                }
                assert!(span["start"].as_u64() < span["end"].as_u64());
                assert!(
                    span["line"].as_u64().unwrap() >= 1 && span["column"].as_u64().unwrap() >= 1
                );
            }
        }
    }
    let summary = &report["summary"];
    assert_eq!(summary["documents"].as_u64().unwrap() as usize, docs.len());
    assert_eq!(summary["findings"].as_u64().unwrap(), total);
    let by_sev: u64 = summary["by_severity"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    let by_cat: u64 = summary["by_category"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!((by_sev, by_cat), (total, total));
}

#[test]
fn exit_codes_follow_fail_on() {
    let ad = "tests/fixtures/helsefagarbeider.md";
    // The fixture has an error (God helse), warnings and infos.
    assert_eq!(code(&run(&["check", ad])), 1);
    assert_eq!(code(&run(&["check", "--fail-on", "never", ad])), 0);
    assert_eq!(
        code(&run(&[
            "check",
            "--fail-on",
            "error",
            "--ignore",
            "discrimination",
            ad
        ])),
        0
    );
    assert_eq!(
        code(&run(&[
            "check",
            "--fail-on",
            "warning",
            "--ignore",
            "discrimination",
            ad
        ])),
        1
    );
    let clean = "tests/fixtures/inkluderende.md";
    assert_eq!(
        code(&run(&["check", "--fail-on", "warning", clean])),
        0,
        "{}",
        stdout(&run(&["check", clean]))
    );
    assert_eq!(
        code(&run(&[
            "check",
            "--fail-on",
            "info",
            "--select",
            "missing-salary",
            ad
        ])),
        1
    );
}

#[test]
fn barrier_heavy_fixture_gets_its_categories() {
    let report = json(&run(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/helsefagarbeider.md",
    ]));
    let found = categories(&report, 0);
    for c in [
        "formal-competence",
        "language-level",
        "experience-years",
        "driving-licence",
        "discrimination",
        "demanding-traits",
        "missing-inclusion-statement",
        "missing-alternative-path",
        "missing-adaptation",
        "missing-contact",
        "missing-salary",
        "application-burden",
    ] {
        assert!(found.contains(c), "missing {c} in {found:?}");
    }
}

#[test]
fn inclusive_fixture_is_clean_of_barriers() {
    let report = json(&run(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/inkluderende.md",
    ]));
    assert_eq!(categories(&report, 0), BTreeSet::new(), "{report:#}");
}

#[test]
fn stdin_is_read_with_a_dash() {
    let out = run_stdin(
        &["check", "--format", "json", "-"],
        "Du må ha førerkort klasse B.\n".as_bytes(),
    );
    let report = json(&out);
    assert_eq!(report["documents"][0]["path"], "<stdin>");
    assert!(categories(&report, 0).contains("driving-licence"));
}

#[test]
fn select_and_ignore_filter_findings() {
    let ad = "tests/fixtures/helsefagarbeider.md";
    let only = json(&run(&[
        "check",
        "--format",
        "json",
        "--select",
        "driving-licence",
        ad,
    ]));
    assert_eq!(categories(&only, 0), ["driving-licence".to_string()].into());
    let by_prefix = json(&run(&[
        "check",
        "--format",
        "json",
        "--select",
        "nb.discrimination",
        ad,
    ]));
    assert_eq!(
        categories(&by_prefix, 0),
        ["discrimination".to_string()].into()
    );
    let without = json(&run(&[
        "check",
        "--format",
        "json",
        "--ignore",
        "driving-licence,missing-salary",
        ad,
    ]));
    let found = categories(&without, 0);
    assert!(!found.contains("driving-licence") && !found.contains("missing-salary"));
    assert!(found.contains("formal-competence"));
}

#[test]
fn nynorsk_without_front_matter_is_detected_and_gets_nynorsk_wording() {
    let out = run(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/nynorsk-utan-frontmatter.txt",
    ]);
    let report = json(&out);
    assert_eq!(report["documents"][0]["language"], "nn");
    let md = stdout(&run(&[
        "check",
        "tests/fixtures/nynorsk-utan-frontmatter.txt",
    ]));
    assert!(md.contains("*Kvifor:*"), "{md}");
}

#[test]
fn english_ad_gets_english_findings() {
    let report = json(&run(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/english.md",
    ]));
    assert_eq!(report["documents"][0]["language"], "en");
    let findings = report["documents"][0]["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .all(|f| f["rule"].as_str().unwrap().starts_with("en.")),
        "{report:#}"
    );
    assert!(categories(&report, 0).contains("formal-competence"));
}

#[test]
fn lang_flag_overrides_detection() {
    let report = json(&run(&[
        "check",
        "--format",
        "json",
        "--lang",
        "nb",
        "tests/fixtures/nynorsk-utan-frontmatter.txt",
    ]));
    assert_eq!(report["documents"][0]["language"], "nb");
}

#[test]
fn jobs_one_and_two_give_the_same_bytes() {
    let one = run(&["check", "--format", "json", "--jobs", "1", "corpus/"]);
    let two = run(&["check", "--format", "json", "--jobs", "2", "corpus/"]);
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn help_teaches() {
    let out = run(&["check", "--help"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    for flag in [
        "--format",
        "--fail-on",
        "--lang",
        "--select",
        "--ignore",
        "--rules",
        "--no-default-rules",
    ] {
        assert!(text.contains(flag), "{flag} missing from help");
    }
    assert_eq!(code(&run(&["check"])), 2);
}

#[test]
fn directory_walks_honour_gitignore_and_terskelignore() {
    let dir = tempfile::tempdir().unwrap();
    let ad = "# Renholder\n\nDu må ha førerkort klasse B.\n";
    crate::write(dir.path(), "a.md", ad);
    crate::write(dir.path(), "drafts/b.md", ad);
    crate::write(
        dir.path(),
        "README.md",
        "# Om mappa\n\nHer ligger annonsene.\n",
    );
    crate::write(dir.path(), ".gitignore", "drafts/\n");
    crate::write(dir.path(), ".terskelignore", "README.md\n");
    let report = json(&run(&[
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        dir.path().to_str().unwrap(),
    ]));
    let paths: Vec<&str> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 1, "{paths:?}");
    assert!(paths[0].ends_with("a.md"));
}

/// Rule ids of every finding of document `doc`.
fn rule_ids(report: &serde_json::Value, doc: usize) -> Vec<String> {
    report["documents"][doc]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

// The rules of a language are compiled when the first ad in it is checked: `--lang en` on an
// English ad must find with the English rules only, and one run over ads in two languages must
// give each ad its own language's findings.
#[test]
fn lang_flag_checks_an_english_ad_with_the_english_rules() {
    let out = run(&[
        "check",
        "--lang",
        "en",
        "--format",
        "json",
        "--fail-on",
        "never",
        "corpus/en/nurse-home-care.md",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let ids = rule_ids(&json(&out), 0);
    assert!(!ids.is_empty());
    assert!(ids.iter().all(|id| id.starts_with("en.")), "{ids:?}");
}

#[test]
fn one_run_over_two_languages_uses_each_ads_own_rules() {
    let out = run(&[
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        "corpus/en/nurse-home-care.md",
        "corpus/nb/renholder-forerkort.md",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json(&out);
    let en = rule_ids(&report, 0);
    let nb = rule_ids(&report, 1);
    assert!(!en.is_empty() && !nb.is_empty(), "{en:?} {nb:?}");
    assert!(en.iter().all(|id| id.starts_with("en.")), "{en:?}");
    assert!(nb.iter().all(|id| id.starts_with("nb.")), "{nb:?}");
    assert!(
        nb.iter().any(|id| id.starts_with("nb.driving-licence.")),
        "{nb:?}"
    );
}
