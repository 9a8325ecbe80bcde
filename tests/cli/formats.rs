//! `check --format text|sarif|github`: snapshots of what users (and their tools) read, exit
//! codes, the SARIF 2.1.0 schema, GitHub's escaping, and the same bytes whatever `--jobs`.
//! See: issue 5.

use crate::{code, root, run, stderr, stdout, write};
use std::path::PathBuf;
use std::process::Command;

const FIXTURE: &str = "tests/fixtures/helsefagarbeider.md";

fn check(format: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["check", "--format", format];
    all.extend_from_slice(args);
    run(&all)
}

/// The fixture checked with the Bokmål pack only, so that rules added in other packs (which the
/// SARIF log lists) do not change the snapshots.
fn snapshot_output(format: &str) -> String {
    let out = check(
        format,
        &["--no-default-rules", "--rules", "rules/nb", FIXTURE],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn text_report() {
    insta::assert_snapshot!("check_text", snapshot_output("text"));
}

#[test]
fn sarif_report() {
    insta::assert_snapshot!("check_sarif", snapshot_output("sarif"));
}

#[test]
fn github_report() {
    insta::assert_snapshot!("check_github", snapshot_output("github"));
}

#[test]
fn every_format_gives_the_exit_codes_of_design() {
    for format in ["markdown", "json", "text", "sarif", "github"] {
        // The fixture has an error-level finding: 1 with the default --fail-on error.
        assert_eq!(code(&check(format, &[FIXTURE])), 1, "{format}");
        assert_eq!(
            code(&check(format, &["--fail-on", "never", FIXTURE])),
            0,
            "{format}"
        );
        let missing = check(format, &["tests/fixtures/no-such-ad.md"]);
        assert_eq!(code(&missing), 2, "{format}");
        assert!(stderr(&missing).contains("no-such-ad.md"), "{format}");
        let clean = check(format, &["--select", "gender-coded", FIXTURE]);
        assert_eq!(code(&clean), 0, "{format}: {}", stderr(&clean));
    }
}

#[test]
fn text_lines_have_the_compiler_shape() {
    let out = check("text", &["--fail-on", "never", "corpus/"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.lines().count() > 100);
    for line in text.lines() {
        let mut parts = line.splitn(4, ':');
        let (path, l, c, rest) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        assert!(root().join(path).is_file(), "{line}");
        assert!(l.parse::<usize>().unwrap() >= 1 && c.parse::<usize>().unwrap() >= 1);
        let severity = rest.trim_start().split(' ').next().unwrap();
        assert!(["error", "warning", "info"].contains(&severity), "{line}");
        assert!(rest.contains(" [") && rest.contains("] "), "{line}");
    }
}

/// The official SARIF 2.1.0 JSON schema, from the npm package `@microsoft/jest-sarif`, which ships
/// it as `lib/schemas/sarif-2.1.0-rtm.5.json` (the schema of the 2.1.0 release). Fetched with
/// `npm pack` on first use and cached in `target/sarif-schema/`; nothing of it is committed.
fn sarif_schema() -> serde_json::Value {
    const PACKAGE: &str = "@microsoft/jest-sarif@1.0.0-beta.0";
    const MEMBER: &str = "package/lib/schemas/sarif-2.1.0-rtm.5.json";
    let dir = root().join("target").join("sarif-schema");
    let cached = dir.join("sarif-2.1.0-rtm.5.json");
    if !cached.is_file() {
        std::fs::create_dir_all(&dir).unwrap();
        let work = tempfile::tempdir_in(&dir).unwrap();
        let pack = Command::new("npm")
            .args(["pack", PACKAGE, "--silent", "--pack-destination"])
            .arg(work.path())
            .current_dir(work.path())
            .output()
            .unwrap_or_else(|e| panic!("npm is needed to fetch the SARIF schema: {e}"));
        assert!(
            pack.status.success(),
            "npm pack {PACKAGE} failed: {}",
            stderr(&pack)
        );
        let tarball: PathBuf = std::fs::read_dir(work.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "tgz"))
            .expect("npm pack wrote a .tgz");
        let untar = Command::new("tar")
            .arg("xzf")
            .arg(&tarball)
            .arg("-C")
            .arg(work.path())
            .arg(MEMBER)
            .output()
            .unwrap();
        assert!(untar.status.success(), "tar: {}", stderr(&untar));
        std::fs::rename(work.path().join(MEMBER), &cached).unwrap();
    }
    serde_json::from_slice(&std::fs::read(&cached).unwrap()).unwrap()
}

/// The rtm.5 schema's `language` patterns have a stray `]` (a literal in ECMA regexes) that the
/// schema check of `jsonschema` rejects as a regex; escaping it keeps their meaning.
fn escape_stray_brackets(schema: &mut serde_json::Value) {
    const BROKEN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match schema {
        serde_json::Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if key == "pattern" && value == BROKEN {
                    *value = BROKEN.replace("}]?", "}\\]?").into();
                } else {
                    escape_stray_brackets(value);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(escape_stray_brackets),
        _ => {}
    }
}

fn assert_valid_sarif(validator: &jsonschema::Validator, output: &std::process::Output) {
    let log: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(output)));
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF schema errors:\n{}",
        errors.join("\n")
    );
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let mut schema = sarif_schema();
    escape_stray_brackets(&mut schema);
    let validator = jsonschema::validator_for(&schema).unwrap();
    let corpus = check("sarif", &["--fail-on", "never", "corpus/"]);
    assert_eq!(code(&corpus), 0, "{}", stderr(&corpus));
    assert_valid_sarif(&validator, &corpus);

    let dir = tempfile::tempdir().unwrap();
    let jsonl = write(
        dir.path(),
        "ny mappe/annonser#1.jsonl",
        "{\"title\":\"Renholder\",\"description\":\"<h3>Kvalifikasjoner</h3><ul><li>Du må ha førerkort</li></ul>\"}\n",
    );
    let out = check("sarif", &["--fail-on", "never", jsonl.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_valid_sarif(&validator, &out);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let result = &log["runs"][0]["results"][0];
    let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        uri.starts_with("file:///") && uri.ends_with("/ny%20mappe/annonser%231.jsonl"),
        "{uri}"
    );
    assert!(result["properties"]["document"]
        .as_str()
        .unwrap()
        .ends_with("annonser#1.jsonl:1"));

    let empty = check("sarif", &["--select", "gender-coded", FIXTURE]);
    assert_valid_sarif(&validator, &empty);

    // An export with a skipped ad (a run notification) and ads' identity (see: issue 10).
    let export = "tests/fixtures/exports/import-api.json";
    assert_valid_sarif(&validator, &check("sarif", &["--fail-on", "never", export]));

    // The validator does reject what the schema forbids.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
    broken["runs"][0]["results"][0]["level"] = "error".into();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn sarif_rules_are_sorted_and_results_point_at_their_rule() {
    let out = check("sarif", &["--fail-on", "never", "corpus/"]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
    }
}

const ESCAPE_RULE: &str = "id: nb.driving-licence.escape-test
category: driving-licence
language: nb
kind: phrases
phrases: [førerkort]
message: \"100 % krav, sjekk: førerkort\"
why: LDO 11/1272.
suggestion: |
  Første linje
  fortsetter her.

  - punkt: a, b
examples:
  flagged: [\"Du må ha førerkort.\"]
  clean: [\"Vi tilbyr kurs.\"]
";

#[test]
fn github_commands_escape_messages_and_properties() {
    let dir = tempfile::tempdir().unwrap();
    let rules = write(dir.path(), "rules/escape.yaml", ESCAPE_RULE);
    write(dir.path(), "a,b:c%.md", "# Sjåfør\n\nDu må ha førerkort.\n");
    let out = crate::terskel()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "github",
            "--lang",
            "nb",
            "--no-default-rules",
        ])
        .arg("--rules")
        .arg(&rules)
        .arg("a,b:c%.md")
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "::warning file=a%2Cb%3Ac%25.md,line=3,col=10,endLine=3,endColumn=19,\
         title=nb.driving-licence.escape-test::100 %25 krav, sjekk: førerkort%0A%0A\
         Første linje fortsetter her.%0A%0A- punkt: a, b\n"
    );
}

#[test]
fn every_format_is_the_same_with_one_or_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for (i, entry) in std::fs::read_dir(root().join("corpus/nb"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .enumerate()
    {
        let text = std::fs::read_to_string(&entry).unwrap();
        let ad = serde_json::json!({"id": i, "title": format!("Annonse {i}"), "text": text});
        lines.push_str(&ad.to_string());
        lines.push('\n');
    }
    let jsonl = write(dir.path(), "corpus.jsonl", lines);
    for format in ["markdown", "json", "text", "sarif", "github"] {
        for input in ["corpus/", jsonl.to_str().unwrap()] {
            let one = check(format, &["--fail-on", "never", "--jobs", "1", input]);
            let two = check(format, &["--fail-on", "never", "--jobs", "2", input]);
            assert_eq!(code(&one), 0, "{format} {input}: {}", stderr(&one));
            assert!(!one.stdout.is_empty(), "{format} {input}");
            assert!(
                one.stdout == two.stdout,
                "{format} {input} differs by --jobs"
            );
        }
    }
}
