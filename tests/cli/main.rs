//! Integration tests: they run the real `terskel` binary (and, where the library is the point,
//! call it directly). One test binary with modules keeps link time down on small machines.

// In tests a panic is how a failure is reported.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod action;
mod audit;
mod bad_input;
mod browser;
mod check;
mod config;
mod fix;
mod formats;
mod hardening;
mod inputs;
mod newcomer;
mod offsets;
mod properties;
mod quality;
mod readers;
mod readme;
mod real_ads;
mod rule_examples;
mod rules_cmd;
mod schema;
mod serve;
mod snapshots;
mod suppress;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests").join("fixtures").join(name)
}

/// The terskel binary, run from the project root.
pub fn terskel() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_terskel"));
    cmd.current_dir(root());
    cmd
}

/// Runs terskel with `args` and returns its output.
pub fn run(args: &[&str]) -> Output {
    terskel().args(args).output().expect("terskel runs")
}

/// Runs terskel with `args` and `stdin`.
pub fn run_stdin(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = terskel()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("terskel starts");
    let written = child.stdin.take().expect("stdin").write_all(stdin);
    // A run that refuses its arguments exits before it reads standard input; the pipe is then
    // closed, which is not the test's failure.
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    child.wait_with_output().expect("terskel finishes")
}

/// The corpus ads (Markdown, text, HTML) of every language, sorted.
pub fn corpus_ads() -> Vec<PathBuf> {
    let mut ads = Vec::new();
    for lang in ["nb", "nn", "en"] {
        for entry in std::fs::read_dir(root().join("corpus").join(lang)).unwrap() {
            let path = entry.unwrap().path();
            if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("md" | "txt" | "html")
            ) {
                ads.push(path);
            }
        }
    }
    ads.sort();
    assert!(ads.len() > 40, "the corpus is there: {ads:?}");
    ads
}

/// Stdout as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Stderr as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A small valid user rule (Bokmål, driving licence) that tests copy and vary.
pub const TEST_RULE: &str = "id: nb.driving-licence.test-rule
category: driving-licence
language: nb
kind: phrases
phrases: [førerkort]
message: Krav om førerkort.
why: LDO 11/1272.
suggestion: Si hvorfor.
examples:
  flagged: [\"Du må ha førerkort.\"]
  clean: [\"Vi tilbyr kurs.\"]
";

/// Asserts that a finding of the `check` JSON report has exactly the fields of design.md §5.
#[track_caller]
pub fn assert_finding_fields(finding: &serde_json::Value) {
    let keys: std::collections::BTreeSet<&str> = finding
        .as_object()
        .expect("a finding is an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "category",
            "message",
            "rule",
            "section",
            "severity",
            "span",
            "suggestion",
            "text"
        ]
        .into()
    );
}

/// Asserts that standard error holds `needle`, showing it when not.
#[track_caller]
pub fn assert_stderr_contains(output: &Output, needle: &str) {
    let err = stderr(output);
    assert!(
        err.contains(needle),
        "expected {needle:?} on stderr:\n{err}"
    );
}

/// The exit code.
pub fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

/// Writes `contents` to `name` in `dir` and returns the path.
pub fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create dir");
    }
    std::fs::write(&path, contents).expect("write file");
    path
}

/// Parses stdout as JSON.
pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(output)))
}
