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

/// An ad whose requirements stand under a heading the default word lists do not know.
const DREAM_AD: &str = "---\nlang: nb\n---\n# Renholder\n\n## Drømmekandidaten\n\n- Førerkort klasse B\n- Fagbrev i renhold\n";

/// The (rule, section) of every finding of `check --format json` with `extra` arguments.
fn sections_of(ad: &std::path::Path, extra: &[&str]) -> Vec<(String, String)> {
    let mut args = vec!["check", "--format", "json", "--fail-on", "never"];
    args.extend_from_slice(extra);
    args.push(ad.to_str().unwrap());
    let out = run(&args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    json(&out)["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["section"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_user_pack_extending_a_heading_list_changes_how_a_heading_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let ad = write(dir.path(), "ad.md", DREAM_AD);
    let pack = dir.path().join("pack");
    std::fs::create_dir(&pack).unwrap();
    write(
        &pack,
        "vocabulary.yaml",
        "word_list: headings-requirements\nlanguage: nb\nextend: true\nwords: [\"drømmekandidat*\"]\n",
    );
    let licence = |findings: &[(String, String)]| {
        findings
            .iter()
            .find(|(rule, _)| rule == "nb.driving-licence.required")
            .map(|(_, section)| section.clone())
    };
    let before = sections_of(&ad, &[]);
    assert_eq!(licence(&before).as_deref(), Some("other"), "{before:?}");
    let after = sections_of(&ad, &["--rules", pack.to_str().unwrap()]);
    assert_eq!(
        licence(&after).as_deref(),
        Some("requirements"),
        "{after:?}"
    );
    assert!(
        after.iter().any(
            |(rule, section)| rule == "nb.formal-competence.trade-certificate"
                && section == "requirements"
        ),
        "{after:?}"
    );

    let out = run(&[
        "explain",
        "@headings-requirements",
        "--format",
        "json",
        "--rules",
        pack.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let lists = json(&out);
    let nb = lists
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["language"] == "nb")
        .unwrap();
    let words: Vec<&str> = nb["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(words.contains(&"kvalifikasjon*") && words.contains(&"drømmekandidat*"));
    assert!(nb["defined_at"]
        .as_str()
        .unwrap()
        .starts_with("<embedded>/nb/vocabulary.yaml:"));
}

#[test]
fn a_broken_vocabulary_file_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let ad = write(dir.path(), "ad.md", DREAM_AD);
    let path = write(
        dir.path(),
        "vocabulary.yaml",
        "# mine\nword_list: headings-requirements\nlanguage: nb\nextend: true\nwords: [\"must-have\"]\n---\nword_list: headings-wishes\nlanguage: nb\nwords: [ønsket]\n",
    );
    let p = path.to_str().unwrap();
    let out = run(&["check", "--rules", p, ad.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    let needles = [
        format!("{p}:5:10"),
        "`-` never matches".to_string(),
        format!("{p}:7:1"),
        "unknown word list `headings-wishes`".to_string(),
    ];
    for needle in &needles {
        assert!(err.contains(needle), "stderr lacks {needle:?}:\n{err}");
    }
}

#[test]
fn explain_shows_a_word_list_of_every_language() {
    let out = run(&["explain", "@language-words"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    for part in [
        "# @language-words",
        "## nb",
        "## nn",
        "## en",
        "ikkje",
        "<embedded>/nn/vocabulary.yaml:",
    ] {
        assert!(text.contains(part), "{part} missing:\n{text}");
    }
    let out = run(&["explain", "@headings-wishes"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("`@headings-requirements`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rules_list_word_lists_names_every_list_of_a_language() {
    let out = run(&[
        "rules",
        "list",
        "--word-lists",
        "--lang",
        "nb",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let rows = json(&out);
    let rows = rows.as_array().unwrap();
    assert!(rows.iter().all(|r| r["language"] == "nb"));
    let requirements = rows
        .iter()
        .find(|r| r["word_list"] == "headings-requirements")
        .expect("headings-requirements is listed");
    assert!(requirements["words"].as_u64().unwrap() > 10);
    let text = stdout(&run(&["rules", "list", "--word-lists"]));
    assert!(text.contains("@language-words"), "{text}");
    assert!(text.contains("<embedded>/en/vocabulary.yaml:"), "{text}");
}

/// Issue 9: "no term list appears twice in `rules/`". Within one language, no two term lists
/// as written (a rule's `phrases`, `any_of`, `unless`, `require_any`, a `when` list, or a term
/// set's `terms`; `@NAME` references not expanded) share eight or more entries: a list that
/// several rules need is a term set they refer to. Smaller overlaps are words that really belong
/// to two lists (a profession that is both an authorisation and a degree). The reader's word
/// lists (`vocabulary.yaml`, a different syntax) are not term lists and are not compared.
#[test]
fn no_term_list_is_written_twice_in_the_pack() {
    use std::collections::{BTreeMap, BTreeSet};
    const MOST_SHARED: usize = 8;
    let term_keys = [
        "phrases",
        "any_of",
        "unless",
        "require_any",
        "terms",
        "mentions",
        "not_mentions",
    ];
    let mut problems = Vec::new();
    for language in ["nb", "nn", "en"] {
        let dir = crate::root().join("rules").join(language);
        let mut lists: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        {
            if file.file_name().is_some_and(|n| n == "vocabulary.yaml") {
                continue;
            }
            let text = std::fs::read_to_string(file).unwrap();
            for document in serde_yaml_ng::Deserializer::from_str(&text) {
                let value =
                    <serde_yaml_ng::Value as serde::Deserialize>::deserialize(document).unwrap();
                let name = ["id", "term_set"]
                    .iter()
                    .find_map(|k| value.get(k).and_then(|v| v.as_str()))
                    .unwrap_or("?")
                    .to_string();
                collect(&value, &name, &term_keys, &mut lists);
            }
        }
        let names: Vec<&String> = lists.keys().collect();
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                let shared: Vec<&String> = lists[*a].intersection(&lists[*b]).collect();
                if shared.len() >= MOST_SHARED {
                    problems.push(format!(
                        "{language}: {a} and {b} share {} entries: {shared:?}",
                        shared.len()
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "make a term set of these:\n{}",
        problems.join("\n")
    );

    fn collect(
        value: &serde_yaml_ng::Value,
        name: &str,
        keys: &[&str],
        lists: &mut BTreeMap<String, BTreeSet<String>>,
    ) {
        let Some(map) = value.as_mapping() else {
            return;
        };
        for (key, item) in map {
            let key = key.as_str().unwrap_or("");
            if let (true, Some(entries)) = (keys.contains(&key), item.as_sequence()) {
                let terms: BTreeSet<String> = entries
                    .iter()
                    .filter_map(|e| e.as_str())
                    .filter(|e| !e.trim_start().starts_with('@'))
                    .map(str::to_lowercase)
                    .collect();
                lists
                    .entry(format!("{name}.{key}"))
                    .or_default()
                    .extend(terms);
            } else if item.is_mapping() {
                collect(item, &format!("{name}.{key}"), keys, lists);
            }
        }
    }
}
