//! `check --format text|sarif|github`: snapshots of what users (and their tools) read, exit
//! codes, the SARIF 2.1.0 schema, GitHub's escaping, and the same bytes whatever `--jobs`.
//! See: issue 5.

use crate::schema::Validator;
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
/// `regex` crate rejects; escaping it keeps their meaning.
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

fn assert_valid_sarif(validator: &Validator, output: &std::process::Output) {
    let log: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(output)));
    let errors = validator.errors(&log);
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
    let validator = Validator::new(schema);
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

// See: issue 14.
#[test]
fn full_report() {
    insta::assert_snapshot!("check_full", snapshot_output("full"));
}

// See: issue 14.
#[test]
fn full_report_is_coloured_only_when_asked_or_forced() {
    let args = ["--fail-on", "never", FIXTURE];
    let plain = check("full", &args);
    assert!(!stdout(&plain).contains('\u{1b}'), "a pipe gets no colour");
    let mut always = vec!["--color", "always"];
    always.extend_from_slice(&args);
    let coloured = check("full", &always);
    assert!(stdout(&coloured).contains("\u{1b}["));
    // Same text once the escapes are taken out.
    let stripped = regex::Regex::new("\u{1b}\\[[0-9;]*m")
        .unwrap()
        .replace_all(&stdout(&coloured), "")
        .into_owned();
    assert_eq!(stripped, stdout(&plain));

    let mut all = vec!["check", "--format", "full"];
    all.extend_from_slice(&args);
    let forced = crate::terskel()
        .args(&all)
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(stdout(&forced).contains("\u{1b}["), "CLICOLOR_FORCE");
    let none = crate::terskel()
        .args(&all)
        .env("NO_COLOR", "1")
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(!stdout(&none).contains('\u{1b}'), "NO_COLOR wins");
    let never = crate::terskel()
        .args(["--color", "never"])
        .args(&all)
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(!stdout(&never).contains('\u{1b}'), "--color never");
}

// See: issue 14.
#[test]
fn full_report_closes_with_a_count_in_the_ads_language_and_quiet_leaves_it_out() {
    let out = check("full", &["--fail-on", "never", FIXTURE]);
    let text = stdout(&out);
    assert!(
        text.ends_with("Fant 12 funn (1 feil, 6 advarsler, 5 info) i 1 annonse.\n"),
        "{text}"
    );
    let english = check("full", &["--fail-on", "never", "tests/fixtures/english.md"]);
    let last = stdout(&english)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    assert!(
        last.starts_with("Found ") && last.ends_with(" in 1 ad."),
        "{last}"
    );
    let quiet = check("full", &["--quiet", "--fail-on", "never", FIXTURE]);
    assert!(!stdout(&quiet).contains("Fant "));
    assert!(stdout(&quiet).contains("--> tests/fixtures/helsefagarbeider.md:21:3"));
}

// See: issue 14.
#[test]
fn statistics_count_findings_per_rule() {
    let out = check(
        "text",
        &[
            "--statistics",
            "--no-default-rules",
            "--rules",
            "rules/nb",
            FIXTURE,
        ],
    );
    assert_eq!(code(&out), 1, "--statistics keeps the exit code");
    insta::assert_snapshot!("check_statistics", stdout(&out));
    let json = check("json", &["--statistics", "--fail-on", "never", "corpus/"]);
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let total: u64 = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_u64().unwrap())
        .sum();
    let report = check("json", &["--fail-on", "never", "corpus/"]);
    let report: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(report["summary"]["findings"].as_u64().unwrap(), total);
}

// See: issue 14.
#[test]
fn every_sarif_result_has_a_fingerprint_and_every_rule_a_help_page() {
    let out = check("sarif", &["--fail-on", "never", "corpus/"]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &log["runs"][0];
    assert_eq!(
        run["tool"]["driver"]["informationUri"],
        "https://github.com/terskel/terskel"
    );
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        let uri = rule["helpUri"]
            .as_str()
            .unwrap_or_else(|| panic!("{id}: no helpUri"));
        let version = env!("CARGO_PKG_VERSION");
        assert_eq!(
            uri,
            format!("https://github.com/terskel/terskel/blob/v{version}/docs/rules/{id}.md")
        );
        assert!(
            root().join(format!("docs/rules/{id}.md")).is_file(),
            "{id}: no page"
        );
        let markdown = rule["help"]["markdown"].as_str().unwrap();
        assert_ne!(markdown, rule["help"]["text"].as_str().unwrap(), "{id}");
        assert!(
            ["**Why.**", "**Hvorfor.**", "**Kvifor.**"]
                .iter()
                .any(|w| markdown.starts_with(w)),
            "{id}: {markdown}"
        );
    }
    let results = run["results"].as_array().unwrap();
    assert!(results.len() > 100);
    for result in results {
        let fingerprint = result["partialFingerprints"]["terskelFinding/v1"]
            .as_str()
            .unwrap_or_else(|| panic!("no fingerprint: {result}"));
        assert_eq!(fingerprint.len(), 16);
    }
}

fn fingerprints(log: &serde_json::Value) -> Vec<(String, String)> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["partialFingerprints"]["terskelFinding/v1"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect()
}

// See: issue 14.
#[test]
fn fingerprints_survive_lines_added_above_and_tell_findings_apart() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(FIXTURE)).unwrap();
    let moved = text.replacen("## ", "Ny innledning.\n\nEnda en linje.\n\n## ", 1);
    assert_ne!(moved, text);
    let a = write(dir.path(), "a.md", &text);
    let b = write(dir.path(), "b.md", &moved);
    let sarif = |path: &std::path::Path| {
        let out = check("sarif", &["--fail-on", "never", path.to_str().unwrap()]);
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let (before, after) = (sarif(&a), sarif(&b));
    let lines = |log: &serde_json::Value| -> Vec<u64> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap()
            })
            .collect()
    };
    assert_ne!(lines(&before), lines(&after), "the findings moved");
    assert_eq!(fingerprints(&before), fingerprints(&after));
    let mut unique = fingerprints(&before);
    let count = unique.len();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        count,
        "no two findings of the fixture share one"
    );
}

// See: issue 14.
#[test]
fn absolute_inputs_below_the_working_directory_get_relative_uris_and_a_base() {
    let absolute = root().join(FIXTURE);
    let out = check("sarif", &["--fail-on", "never", absolute.to_str().unwrap()]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &log["runs"][0];
    let location = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], FIXTURE);
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
    let relative = check("sarif", &["--fail-on", "never", FIXTURE]);
    let relative: serde_json::Value = serde_json::from_slice(&relative.stdout).unwrap();
    assert!(relative["runs"][0].get("originalUriBaseIds").is_none());
    assert_eq!(fingerprints(&relative), fingerprints(&log));
}
