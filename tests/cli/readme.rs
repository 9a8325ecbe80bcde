//! The README's examples stay true: the audit JSON example holds the corpus's real numbers, the
//! corpus size it names is the real one, and the versions it pins are the crate's, as in the
//! CHANGELOG. See: issue 14.

use crate::{json, root, run};
use serde_json::Value;

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).unwrap()
}

/// The JSON example under the heading `### \`audit --format json\``.
fn audit_example() -> Value {
    let text = readme();
    let section = text
        .split("### `audit --format json` (version 1)")
        .nth(1)
        .expect("the README has the audit JSON section");
    let block = section
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("a json block");
    serde_json::from_str(block).unwrap_or_else(|e| panic!("the README's example is not JSON: {e}"))
}

#[test]
fn the_audit_json_example_has_the_corpus_numbers() {
    let example = audit_example();
    let real = json(&run(&[
        "audit",
        "--format",
        "json",
        "--fail-on",
        "never",
        "corpus/",
    ]));
    for key in ["score_weights", "totals", "by_severity", "ads_by_severity"] {
        assert_eq!(example[key], real[key], "README `{key}`");
    }
    for key in ["by_category", "ads_by_category"] {
        for (category, n) in example[key].as_object().unwrap() {
            if category != "…" {
                assert_eq!(&real[key][category], n, "README `{key}.{category}`");
            }
        }
    }
    assert_eq!(
        example["top_ads"][0], real["top_ads"][0],
        "README `top_ads[0]`"
    );
    let row = &example["by_employer"][0];
    let real_row = real["by_employer"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["employer"] == row["employer"] && r["department"] == row["department"])
        .expect("the README's employer row exists");
    assert_eq!(row, real_row, "README `by_employer[0]`");
    let ad = &example["ads"][0];
    let real_ad = real["ads"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["path"] == ad["path"])
        .expect("the README's ad exists");
    for key in [
        "score",
        "findings",
        "by_severity",
        "more_findings",
        "employer",
        "language",
    ] {
        assert_eq!(ad[key], real_ad[key], "README `ads[0].{key}`");
    }
    let finding = &ad["top_findings"][0];
    for key in ["rule", "line", "column", "severity"] {
        assert_eq!(
            finding[key], real_ad["top_findings"][0][key],
            "README finding `{key}`"
        );
    }
    assert_eq!(example["tool"]["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn the_corpus_size_in_the_readme_is_the_real_one() {
    let real = json(&run(&[
        "audit",
        "--format",
        "json",
        "--fail-on",
        "never",
        "corpus/",
    ]));
    let ads = real["totals"]["ads"].as_u64().unwrap();
    let text = readme();
    assert!(text.contains(&format!("the findings for the {ads} ads in `corpus/`")));
    assert!(text.contains(&format!("`corpus/` holds {ads} realistic ads")));
}

#[test]
fn the_readme_pins_this_version_and_the_changelog_names_it() {
    let version = env!("CARGO_PKG_VERSION");
    let text = readme();
    assert!(text.contains(&format!("uses: terskel/terskel@v{version}")));
    assert!(text.contains(&format!("rev: v{version}")));
    assert!(!text.contains("rev: main") && !text.contains("@main"));
    let changelog = std::fs::read_to_string(root().join("CHANGELOG.md")).unwrap();
    assert!(
        changelog.contains(&format!("\n## [{version}]")),
        "CHANGELOG.md has no {version}"
    );
}

#[test]
fn the_terminal_example_in_the_readme_is_what_terskel_prints() {
    let out = run(&[
        "check",
        "--format",
        "full",
        "--fail-on",
        "never",
        "tests/fixtures/helsefagarbeider.md",
    ]);
    let printed = crate::stdout(&out);
    let text = readme();
    let example = text
        .split("On a terminal `terskel check` prints findings")
        .nth(1)
        .and_then(|rest| rest.split("```text\n").nth(1))
        .and_then(|rest| rest.split("\n```").next())
        .unwrap();
    for line in example.lines().filter(|l| !l.trim().is_empty()) {
        let line = line.trim_end_matches(" …");
        let line = line.strip_suffix('…').unwrap_or(line).trim_end();
        assert!(printed.contains(line), "README line not printed: {line:?}");
    }
}

// See: issue 9 — the README's word-list example is a user pack that loads and extends the list.
#[test]
fn the_readme_word_list_example_extends_the_default_list() {
    let text = readme();
    let block = text
        .split("```yaml\n")
        .find(|b| b.starts_with("word_list:"))
        .and_then(|b| b.split("\n```").next())
        .expect("the README has a word_list example");
    let dir = tempfile::tempdir().unwrap();
    let path = crate::write(dir.path(), "mine.yaml", format!("{block}\n"));
    let name = block
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("word_list:"))
        .and_then(|l| l.split('#').next())
        .map(str::trim)
        .unwrap();
    let out = run(&[
        "explain",
        &format!("@{name}"),
        "--format",
        "json",
        "--rules",
        path.to_str().unwrap(),
    ]);
    assert_eq!(crate::code(&out), 0, "{}", crate::stderr(&out));
    let lists = json(&out);
    let all: Vec<&str> = lists
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["words"].as_array().unwrap())
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(all.contains(&"drømmekandidat*"), "{all:?}");
    assert!(all.contains(&"kvalifikasjon*"), "{all:?}");
}
