//! What a newcomer reaches for: `rules list --lang --category`, `categories`, `explain CATEGORY`
//! and "did you mean", `completions`, `init`, and the rule pages in `docs/rules/` being up to
//! date. See: issue 14.

use crate::{code, json, root, run, stderr, stdout};

#[test]
fn rules_list_filters_by_language_and_category() {
    let out = run(&[
        "rules",
        "list",
        "--lang",
        "nn",
        "--category",
        "driving-licence,language-level",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<&str> = text.lines().skip(1).filter(|l| l.contains('.')).collect();
    assert!(!rows.is_empty());
    for row in &rows {
        assert!(row.starts_with("nn."), "{row}");
        assert!(
            row.contains("driving-licence") || row.contains("language-level"),
            "{row}"
        );
    }
    let noun = if rows.len() == 1 { "rule" } else { "rules" };
    assert!(
        text.ends_with(&format!("{} {noun}\n", rows.len())),
        "{text}"
    );
    let bad = run(&["rules", "list", "--category", "driving"]);
    assert_eq!(code(&bad), 2);
    assert!(stderr(&bad).contains("terskel categories"));
}

#[test]
fn categories_are_listed_with_names_and_rule_counts() {
    let value = json(&run(&["categories", "--format", "json"]));
    let rows = value.as_array().unwrap();
    assert_eq!(rows.len(), 15);
    assert_eq!(rows[0]["id"], "formal-competence");
    assert!(rows.iter().all(|r| r["rules"].as_u64().unwrap() > 0));
    let same = run(&["rules", "list", "--categories"]);
    assert_eq!(stdout(&same), stdout(&run(&["categories"])));
    assert!(stdout(&same).contains("15 categories"));
}

#[test]
fn explain_takes_a_category_and_suggests_the_id_you_almost_typed() {
    let out = run(&["explain", "driving-licence"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("| `nb.driving-licence.required` |"));
    let typo = run(&["explain", "nb.driving-licence.requird"]);
    assert_eq!(code(&typo), 2);
    assert!(
        stderr(&typo).contains("did you mean `nb.driving-licence.required`"),
        "{}",
        stderr(&typo)
    );
}

#[test]
fn explain_headings_are_in_the_rules_language() {
    let nb = stdout(&run(&["explain", "nb.driving-licence.required"]));
    assert!(
        nb.contains("## Hvorfor") && nb.contains("## Forslag"),
        "{nb}"
    );
    let nn = stdout(&run(&["explain", "nn.driving-licence.required"]));
    assert!(nn.contains("## Kvifor"), "{nn}");
    let en = stdout(&run(&["explain", "en.driving-licence.required"]));
    assert!(
        en.contains("## Why") && en.contains("## Suggestion"),
        "{en}"
    );
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = run(&["completions", shell]);
        assert_eq!(code(&out), 0, "{shell}");
        assert!(stdout(&out).contains("explain"), "{shell}");
    }
}

#[test]
fn init_writes_a_starter_configuration_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let run_in = |args: &[&str]| {
        crate::terskel()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    let out = run_in(&["init"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let path = dir.path().join("terskel.yaml");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("fail-on: warning"));
    // The starter is read by the next run (fail-on: warning).
    std::fs::write(
        dir.path().join("a.md"),
        "# Sjåfør\n\n## Kvalifikasjoner\n\n- Du må ha førerkort.\n",
    )
    .unwrap();
    let check = run_in(&["check", "--format", "text", "a.md"]);
    assert_eq!(code(&check), 1, "{}", stderr(&check));
    std::fs::write(&path, "fail-on: never\n").unwrap();
    let again = run_in(&["init"]);
    assert_eq!(code(&again), 2);
    assert!(stderr(&again).contains("not overwritten"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "fail-on: never\n");
}

/// The rule pages are generated from the rule data; this fails when a rule changed and the pages
/// were not written again (`cargo run -- rules docs`).
#[test]
fn the_rule_pages_in_docs_rules_are_up_to_date() {
    let rules = terskel::rules::load(&terskel::rules::RuleOptions::default()).unwrap();
    let pages = terskel::report::rule_doc::pages(&rules);
    let dir = root().join("docs/rules");
    let mut stale = Vec::new();
    for (name, text) in &pages {
        if std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str()) {
            stale.push(name.clone());
        }
    }
    let on_disk = std::fs::read_dir(&dir).unwrap().count();
    assert!(
        stale.is_empty() && on_disk == pages.len(),
        "docs/rules/ is out of date ({} stale: {}; {on_disk} files for {} pages); run `cargo run -- rules docs`",
        stale.len(),
        stale.join(", "),
        pages.len()
    );
}

#[test]
fn categories_snapshot() {
    insta::assert_snapshot!("categories", stdout(&run(&["categories"])));
}

#[test]
fn explain_category_snapshot() {
    let out = run(&[
        "explain",
        "--no-default-rules",
        "--rules",
        "rules/nb",
        "driving-licence",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    insta::assert_snapshot!("explain_category", stdout(&out));
}

#[test]
fn audit_summary_snapshot_is_short_and_has_the_totals() {
    let out = run(&[
        "audit",
        "--format",
        "summary",
        "--fail-on",
        "never",
        "corpus/",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.len() < 16 * 1024, "{} bytes", text.len());
    assert!(!text.contains("## Annonsene\n"), "no section per ad");
    insta::assert_snapshot!("audit_summary", text);
}
