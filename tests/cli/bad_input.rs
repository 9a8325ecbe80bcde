//! Bad input gets one clear message naming the file (and line), exit 2, no panic.
//! See: issue 3, "Bad input gets a clear error, nothing else".

use crate::{code, run, stderr, write, TEST_RULE};

fn assert_clear_error(args: &[&str], must_contain: &[&str]) {
    let out = run(args);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "exit code for {args:?}; stderr: {err}");
    assert!(!err.contains("panicked"), "panic for {args:?}: {err}");
    for needle in must_contain {
        assert!(
            err.contains(needle),
            "stderr for {args:?} lacks {needle:?}:\n{err}"
        );
    }
}

#[test]
fn rule_file_with_yaml_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "bad.yaml",
        TEST_RULE.replace("phrases: [førerkort]", "phrases: [førerkort"),
    );
    let p = path.to_str().unwrap();
    assert_clear_error(
        &["check", "--rules", p, "tests/fixtures/helsefagarbeider.md"],
        &[p, ":6:"],
    );
}

#[test]
fn rule_file_with_unknown_field_names_line_column_and_rule() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bad.yaml", format!("{TEST_RULE}colour: red\n"));
    let p = path.to_str().unwrap();
    assert_clear_error(
        &["rules", "list", "--rules", p],
        &[
            &format!("{p}:12:1"),
            "nb.driving-licence.test-rule",
            "unknown field `colour`",
        ],
    );
}

#[test]
fn rule_file_with_unknown_category() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "bad.yaml",
        TEST_RULE.replace("category: driving-licence", "category: cars"),
    );
    let p = path.to_str().unwrap();
    assert_clear_error(
        &["rules", "list", "--rules", p],
        &[&format!("{p}:2:11"), "unknown variant `cars`"],
    );
}

#[test]
fn rule_file_with_bad_regex_shows_an_excerpt() {
    let dir = tempfile::tempdir().unwrap();
    let text = TEST_RULE
        .replace("kind: phrases", "kind: pattern")
        .replace("phrases: [førerkort]", "pattern: '(førerkort'");
    let path = write(dir.path(), "bad.yaml", text);
    let p = path.to_str().unwrap();
    assert_clear_error(
        &["rules", "list", "--rules", p],
        &[
            &format!("{p}:5:1"),
            "invalid regex",
            "5 | pattern: '(førerkort'",
        ],
    );
}

#[test]
fn duplicate_rule_id_across_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.yaml", TEST_RULE);
    write(dir.path(), "b.yaml", TEST_RULE);
    let d = dir.path().to_str().unwrap();
    assert_clear_error(
        &["rules", "list", "--rules", d],
        &["b.yaml:1:1", "duplicate rule id", "a.yaml:1:1"],
    );
}

#[test]
fn rules_dir_without_rules() {
    let dir = tempfile::tempdir().unwrap();
    assert_clear_error(
        &["rules", "list", "--rules", dir.path().to_str().unwrap()],
        &["no rule files"],
    );
}

#[test]
fn missing_path() {
    assert_clear_error(
        &["check", "no/such/ad.md"],
        &["no/such/ad.md", "no such file"],
    );
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "empty.md", "  \n\n");
    let p = path.to_str().unwrap();
    assert_clear_error(&["check", p], &[p, "empty"]);
}

// See: issue 10 (Windows-1252 is decoded now; bytes that are neither it nor UTF-8 are refused).
#[test]
fn file_that_is_neither_utf8_nor_windows_1252() {
    let dir = tempfile::tempdir().unwrap();
    // "Søknad" in Windows-1252 (ø is 0xF8), then a control byte no text has.
    let path = write(
        dir.path(),
        "latin1.txt",
        b"Tittel\n\nS\xF8knad\x02 om stilling\n",
    );
    let p = path.to_str().unwrap();
    assert_clear_error(
        &["check", p],
        &[
            &format!("{p}:3:7"),
            "byte 0x02 is neither UTF-8 nor Windows-1252/ISO-8859-1 text",
            "Save it as UTF-8",
        ],
    );
}

#[test]
fn front_matter_that_is_not_closed() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "open.md",
        "---\ntitle: Assistent\nlang: nb\n\n# Assistent\n\nVi søker deg.\n",
    );
    let p = path.to_str().unwrap();
    assert_clear_error(&["check", p], &[&format!("{p}:1:1"), "never closed"]);
}

#[test]
fn front_matter_that_is_not_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "bad-fm.md",
        "---\ntitle: [Assistent\n---\n\nVi søker deg.\n",
    );
    let p = path.to_str().unwrap();
    assert_clear_error(&["check", p], &[p, "front matter"]);
}

#[test]
fn a_bad_file_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a-empty.md", "");
    write(
        dir.path(),
        "b-good.md",
        "# Renholder\n\nDu må ha førerkort klasse B.\n",
    );
    let out = run(&["check", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    let report = crate::json(&out);
    assert_eq!(report["documents"].as_array().unwrap().len(), 1);
    assert!(stderr(&out).contains("a-empty.md"));
}

#[test]
fn unknown_selector_is_a_usage_error() {
    assert_clear_error(
        &[
            "check",
            "--select",
            "no-such-category",
            "tests/fixtures/helsefagarbeider.md",
        ],
        &["no-such-category"],
    );
}

#[test]
fn unknown_rule_for_explain() {
    assert_clear_error(&["explain", "nb.nothing.here"], &["no rule with id"]);
}

// See: issue 10 (a file named on the command line that cannot be checked is never skipped).
#[test]
fn binary_file_is_skipped_in_a_directory_but_an_error_when_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00");
    let out = run(&["check", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("warning:"));
    let p = path.to_str().unwrap();
    assert_clear_error(
        &["check", "--format", "json", p],
        &[p, "cannot be checked", "NUL"],
    );
}
