//! The GitHub Action's shell steps (`.ci/action/*.sh`, called by `action.yml`), run by hand as a
//! warm run would run them: `.ci/action/test.sh` with a pre-filled cache directory and fake
//! `GITHUB_OUTPUT`, `GITHUB_PATH` and `GITHUB_STEP_SUMMARY`. See: issue 14.

use crate::{code, root, stderr, stdout};
use std::process::Command;

#[test]
fn the_action_steps_run_warm_without_rust_and_check_only_the_changed_ads() {
    let out = Command::new("bash")
        .arg(root().join(".ci/action/test.sh"))
        .arg(env!("CARGO_BIN_EXE_terskel"))
        .output()
        .expect("bash runs");
    assert_eq!(
        code(&out),
        0,
        "stdout:\n{}\nstderr:\n{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(stdout(&out).contains("action steps OK"), "{}", stdout(&out));
}

#[test]
fn action_yml_runs_the_tested_scripts() {
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap();
    for script in ["version.sh", "install.sh", "changed.sh", "check.sh"] {
        assert!(
            action.contains(&format!("run: bash \"$ACTION_PATH/.ci/action/{script}\"")),
            "{script}"
        );
        assert!(root().join(".ci/action").join(script).is_file());
    }
    for output in ["findings:", "errors:", "warnings:", "sarif-file:"] {
        assert!(action.contains(output), "{output}");
    }
    assert!(action.contains("key: terskel-${{ steps.version.outputs.version }}-${{ runner.os }}"));
}
