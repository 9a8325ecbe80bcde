//! `terskel rules list`, `terskel rules test DIR` and `terskel explain ID`.

use crate::{code, json, run, stderr, stdout, write, TEST_RULE};

#[test]
fn rules_list_shows_id_category_language_severity() {
    let out = run(&["rules", "list"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.contains("nb.driving-licence.required"));
    assert!(text
        .lines()
        .any(|l| l.contains("nb.driving-licence.required")
            && l.contains("driving-licence")
            && l.contains("warning")));
    let rows = json(&run(&["rules", "list", "--format", "json"]));
    assert!(rows
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["id"].is_string() && r["category"].is_string()));
}

#[test]
fn rules_test_passes_on_the_default_pack_directory() {
    let out = run(&["rules", "test", "rules"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains(" passed, 0 failed"));
}

#[test]
fn rules_test_reports_a_failing_example() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mine.yaml",
        TEST_RULE.replace("test-rule", "mine").replace(
            "flagged: [\"Du må ha førerkort.\"]",
            "flagged: [\"Du må ha sertifikat.\"]",
        ),
    );
    let out = run(&["rules", "test", dir.path().to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("0 passed") || stdout(&out).contains("1 passed, 1 failed"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("nb.driving-licence.mine")
            && stderr(&out).contains("flagged example gave no finding")
    );
}

#[test]
fn explain_prints_why_suggestion_and_examples() {
    let out = run(&["explain", "nb.driving-licence.required"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    for part in [
        "# nb.driving-licence.required",
        "## Hvorfor",
        "LDO 11/1272",
        "## Forslag",
        "## Eksempler",
    ] {
        assert!(text.contains(part), "{part} missing:\n{text}");
    }
    let value = json(&run(&[
        "explain",
        "--format",
        "json",
        "nb.driving-licence.required",
    ]));
    assert_eq!(value["category"], "driving-licence");
    assert!(value["examples"]["flagged"].as_array().unwrap().len() >= 3);
}

#[test]
fn no_default_rules_with_a_user_pack() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "one.yaml",
        TEST_RULE.replace("test-rule", "only"),
    );
    let d = dir.path().to_str().unwrap();
    let list = json(&run(&[
        "rules",
        "list",
        "--format",
        "json",
        "--no-default-rules",
        "--rules",
        d,
    ]));
    assert_eq!(list.as_array().unwrap().len(), 1);
    let out = run(&[
        "check",
        "--format",
        "json",
        "--no-default-rules",
        "--rules",
        d,
        "tests/fixtures/helsefagarbeider.md",
    ]);
    let report = json(&out);
    let rules: Vec<&str> = report["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["nb.driving-licence.only"]);
}

#[test]
fn explain_shows_a_term_set_of_every_language() {
    let out = crate::run(&["explain", "@subject-users", "--format", "json"]);
    assert_eq!(crate::code(&out), 0, "{}", crate::stderr(&out));
    let sets = crate::json(&out);
    let languages: Vec<&str> = sets
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["language"].as_str().unwrap())
        .collect();
    assert_eq!(languages, ["en", "nb", "nn"]);
    assert!(sets[1]["terms"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t == "pasienter"));
    let out = crate::run(&["explain", "@no-such-set"]);
    assert_eq!(crate::code(&out), 2);
}

/// The rule ids of the findings of the first document of a `check --format json` run.
fn finding_rules(args: &[&str]) -> Vec<String> {
    let out = run(args);
    assert!(code(&out) <= 1, "{}", stderr(&out));
    json(&out)["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

// See: issue 9 — the engine's clause words are a term set of the pack: a user pack adds a
// softener, and a demand in a clause with it is no longer flagged as a demand.
#[test]
fn a_user_pack_extends_the_softeners_of_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    let ad = write(
        dir.path(),
        "ad.md",
        "---\nlang: nb\n---\n# Renholder\n\n## Kvalifikasjoner\n\n- Førerkort klasse B er et pluss\n- Erfaring med renhold\n",
    );
    let pack = dir.path().join("pack");
    write(
        &pack,
        "softeners.yaml",
        "term_set: clause-softeners\nlanguage: nb\nextend: true\nterms: [\"er et pluss\"]\n",
    );
    let ad = ad.to_str().unwrap();
    let before = finding_rules(&["check", "--format", "json", ad]);
    assert!(
        before.iter().any(|r| r == "nb.driving-licence.required"),
        "{before:?}"
    );
    let after = finding_rules(&[
        "check",
        "--format",
        "json",
        "--rules",
        pack.to_str().unwrap(),
        ad,
    ]);
    assert!(
        !after.iter().any(|r| r == "nb.driving-licence.required"),
        "{after:?}"
    );
    let set = json(&run(&[
        "explain",
        "@clause-softeners",
        "--format",
        "json",
        "--rules",
        pack.to_str().unwrap(),
    ]));
    let nb = set
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["language"] == "nb")
        .unwrap();
    assert!(nb["terms"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t == "er et pluss"));
    assert!(nb["terms"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t == "er en fordel"));
}
