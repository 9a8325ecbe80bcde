//! Snapshots of what users read, for every output format of `check` (temp paths filtered).

use crate::run;

fn snapshot_output(format: &str) -> String {
    let out = run(&[
        "check",
        "--format",
        format,
        "tests/fixtures/helsefagarbeider.md",
    ]);
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn markdown_report() {
    insta::assert_snapshot!("check_markdown", snapshot_output("markdown"));
}

#[test]
fn json_report() {
    insta::assert_snapshot!("check_json", snapshot_output("json"));
}
