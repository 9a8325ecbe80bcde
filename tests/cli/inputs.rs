//! JSON and JSON Lines exports, `--exclude`, `--output`, and unreadable inputs in a batch.
//! See: issue 5.

use crate::{assert_stderr_contains, code, json, run, stderr, stdout, write};
use std::collections::BTreeSet;

/// An ad with a requirement in a `<ul>` under `<h3>Kvalifikasjoner</h3>`, in a JSON field.
const HTML_AD: &str = r#"{"uuid": "a1", "title": "Renholder", "employer": {"name": "Bø kommune"}, "description": "<p>Vi søker en renholder.</p><h3>Kvalifikasjoner</h3><ul><li>Du må ha førerkort klasse B</li></ul>"}"#;

const TEXT_AD: &str = r#"{"id": 7, "title": "Vaktmester", "adtext": "Vi søker en vaktmester.\n\nKvalifikasjoner:\n- Du må snakke perfekt norsk"}"#;

fn rules_of(doc: &serde_json::Value) -> BTreeSet<String> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

fn finding<'a>(doc: &'a serde_json::Value, rule: &str) -> &'a serde_json::Value {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {doc}"))
}

#[test]
fn json_lines_with_a_broken_line_reports_it_and_checks_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "ads.jsonl",
        format!("{HTML_AD}\nthis is not JSON\n\n{TEXT_AD}\n{{\"title\": \"Uten tekst\"}}\n"),
    );
    let path = file.to_str().unwrap();
    let out = run(&["check", "--format", "json", "--fail-on", "never", path]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{path}:2: column 2: not valid JSON")),
        "{err}"
    );
    // An ad without text is skipped with a warning, not an error (issue 10).
    assert!(
        err.contains(&format!(
            "warning: {path}:5 (Uten tekst): skipped: the ad has no text"
        )),
        "{err}"
    );
    assert!(err.contains("1 input could not be checked"), "{err}");

    let report = json(&out);
    let docs = report["documents"].as_array().unwrap();
    let paths: Vec<&str> = docs.iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths, [format!("{path}:1"), format!("{path}:4")]);
    assert_eq!(docs[0]["title"], "Renholder");
    // The span points at the record's line, at the very bytes of the match.
    let licence = finding(&docs[0], "nb.driving-licence.required");
    assert_eq!(licence["span"]["line"], 1);
    let start = licence["span"]["start"].as_u64().unwrap() as usize;
    let end = licence["span"]["end"].as_u64().unwrap() as usize;
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(&bytes[start..end], "førerkort".as_bytes());
    let norsk = finding(&docs[1], "nb.language-level.vague-norwegian");
    assert_eq!(norsk["span"]["line"], 4);
    let start = norsk["span"]["start"].as_u64().unwrap() as usize;
    assert!(bytes[start..].starts_with("perfekt norsk".as_bytes()));
    let column = norsk["span"]["column"].as_u64().unwrap() as usize;
    assert_eq!(
        TEXT_AD.chars().take(column - 1).collect::<String>(),
        TEXT_AD[..TEXT_AD.find("perfekt norsk").unwrap()]
    );
}

#[test]
fn html_in_a_json_field_gets_sections() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "ad.json", HTML_AD);
    let out = run(&[
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = &json(&out)["documents"][0];
    assert_eq!(doc["path"], file.to_str().unwrap());
    let licence = finding(doc, "nb.driving-licence.required");
    assert_eq!(licence["section"], "requirements");
}

#[test]
fn json_arrays_and_nav_pages_are_one_document_per_ad() {
    let dir = tempfile::tempdir().unwrap();
    let array = write(
        dir.path(),
        "array.json",
        format!("[\n  {HTML_AD},\n  {TEXT_AD}\n]\n"),
    );
    let page = write(
        dir.path(),
        "page.json",
        format!("{{\"content\":[{HTML_AD},{TEXT_AD}],\"totalElements\":2,\"pageNumber\":0}}"),
    );
    for file in [&array, &page] {
        let path = file.to_str().unwrap();
        let out = run(&["check", "--format", "json", "--fail-on", "never", path]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let report = json(&out);
        let docs = report["documents"].as_array().unwrap();
        let paths: Vec<&str> = docs.iter().map(|d| d["path"].as_str().unwrap()).collect();
        assert_eq!(paths, [format!("{path}#1"), format!("{path}#2")]);
        assert_eq!(docs[1]["title"], "Vaktmester");
        assert!(rules_of(&docs[0]).contains("nb.driving-licence.required"));
        assert!(rules_of(&docs[1]).contains("nb.language-level.vague-norwegian"));
        // Positions are file positions: the pretty array has the second ad on line 3.
        let norsk = finding(&docs[1], "nb.language-level.vague-norwegian");
        let expected_line = if file == &array { 3 } else { 1 };
        assert_eq!(norsk["span"]["line"], expected_line, "{path}");
        let start = norsk["span"]["start"].as_u64().unwrap() as usize;
        let bytes = std::fs::read(file).unwrap();
        assert!(
            bytes[start..].starts_with("perfekt norsk".as_bytes()),
            "{path}"
        );
    }
    // Text and GitHub annotations point at the file, not the record.
    let out = run(&[
        "check",
        "--format",
        "text",
        "--fail-on",
        "never",
        page.to_str().unwrap(),
    ]);
    assert!(stdout(&out)
        .lines()
        .all(|l| l.starts_with(&format!("{}:1:", page.display()))));
}

#[test]
fn directories_pick_up_json_exports_and_honour_exclude() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", "# Assistent\n\nDu må ha førerkort.\n");
    write(dir.path(), "eksport/ads.jsonl", format!("{HTML_AD}\n"));
    write(dir.path(), "eksport/side.json", format!("[{TEXT_AD}]"));
    write(dir.path(), "eksport/gamle.ndjson", format!("{TEXT_AD}\n"));
    write(
        dir.path(),
        "arkiv/old.md",
        "# Gammel\n\nDu må ha førerkort.\n",
    );
    write(
        dir.path(),
        "utkast.draft.md",
        "# Utkast\n\nDu må ha førerkort.\n",
    );
    let root = dir.path().to_str().unwrap();
    let paths = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "--format", "json", "--fail-on", "never"];
        all.extend_from_slice(args);
        all.push(root);
        let out = run(&all);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        json(&out)["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let p = d["path"].as_str().unwrap();
                p.strip_prefix(root)
                    .unwrap()
                    .trim_start_matches('/')
                    .to_string()
            })
            .collect()
    };
    assert_eq!(
        paths(&[]),
        [
            "a.md",
            "arkiv/old.md",
            "eksport/ads.jsonl:1",
            "eksport/gamle.ndjson:1",
            "eksport/side.json#1",
            "utkast.draft.md"
        ]
    );
    assert_eq!(
        paths(&[
            "--exclude",
            "arkiv",
            "--exclude",
            "*.draft.md",
            "--exclude",
            "eksport/*.json"
        ]),
        ["a.md", "eksport/ads.jsonl:1", "eksport/gamle.ndjson:1"]
    );
    assert_eq!(paths(&["--exclude", "eksport/**"]).len(), 3);

    let bad = run(&["check", "--exclude", "a[", root]);
    assert_eq!(code(&bad), 2);
    assert_stderr_contains(&bad, "--exclude \"a[\"");
}

#[test]
fn json_without_ads_in_a_directory_is_skipped_but_named_on_the_command_line_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "001.md", "# Assistent\n\nDu må ha førerkort.\n");
    // Expert labels next to the ads: JSON, but no object in it has a text field.
    let labels = write(
        dir.path(),
        "labels.json",
        r#"{"001.md": {"expected_categories": ["driving-licence"]}}"#,
    );
    let root = dir.path().to_str().unwrap();
    let out = run(&["check", "--format", "json", "--fail-on", "never", root]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)["documents"].as_array().unwrap().len(), 1);
    assert_stderr_contains(&out, "labels.json: no job ads in this JSON file");

    let out = run(&["check", "--fail-on", "never", labels.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    // See: issue 10 (an unknown shape is refused, naming the fields looked for).
    assert_stderr_contains(
        &out,
        "unknown JSON shape: terskel looked for an ad (description",
    );
    assert_stderr_contains(&out, "the object has the fields: 001.md");
}

#[test]
fn an_unreadable_file_in_a_directory_is_named_at_the_end_and_the_rest_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", "# Assistent\n\nDu må ha førerkort.\n");
    write(
        dir.path(),
        "b.txt",
        // Not UTF-8, and no Windows-1252 text either (a control byte).
        b"Stilling som sj\xe5f\xf8r\x01\n".as_slice(),
    );
    write(
        dir.path(),
        "c.md",
        "# Renholder\n\nDu må snakke perfekt norsk.\n",
    );
    let out = run(&[
        "check",
        "--format",
        "text",
        "--fail-on",
        "never",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2);
    let text = stdout(&out);
    assert!(
        text.contains("a.md:3:") && text.contains("c.md:3:"),
        "{text}"
    );
    let err = stderr(&out);
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with("error: 1 input could not be checked: ") && last.ends_with("b.txt:1"),
        "{err}"
    );
}

#[test]
fn output_is_written_whole_to_the_file_and_nothing_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("rapport.sarif");
    std::fs::write(&report, "an old report").unwrap();
    let out = run(&[
        "check",
        "--format",
        "sarif",
        "--output",
        report.to_str().unwrap(),
        "tests/fixtures/helsefagarbeider.md",
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(written["version"], "2.1.0");
    let same = run(&[
        "check",
        "--format",
        "sarif",
        "tests/fixtures/helsefagarbeider.md",
    ]);
    assert_eq!(std::fs::read(&report).unwrap(), same.stdout);
    // No temporary file is left next to it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["rapport.sarif"]);

    // A run that fails before the report is done leaves the old file alone.
    std::fs::write(&report, "an old report").unwrap();
    let failed = run(&[
        "check",
        "--rules",
        "tests/fixtures/no-such-rules",
        "--output",
        report.to_str().unwrap(),
        "tests/fixtures/helsefagarbeider.md",
    ]);
    assert_eq!(code(&failed), 2);
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "an old report");

    // An output directory that does not exist is a clear error.
    let nowhere = dir.path().join("no/such/dir/r.json");
    let out = run(&[
        "check",
        "--output",
        nowhere.to_str().unwrap(),
        "tests/fixtures/helsefagarbeider.md",
    ]);
    assert_eq!(code(&out), 2);
    assert_stderr_contains(&out, "no/such/dir/r.json");
}
