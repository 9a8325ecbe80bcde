//! The writers' page end to end in Debian's headless Chromium: `tests/browser/page.mjs`
//! (playwright-core) types an ad into the page served by the real binary, checks highlights and
//! suggestions, applies and inserts, and copies the revised ad, which must be what `terskel fix`
//! gives for the text on the page.
//!
//! Needs `chromium` (or `$CHROMIUM`), `node` and `tests/browser/node_modules` (`.ci/run`
//! installs them). Without them the test says so and passes, except under `CI=true`, where a
//! missing browser is a failure.

use super::serve::Server;
use super::*;

/// What the browser test needs that is not there, if anything.
fn missing_tools() -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!("no Chromium at {chromium}"));
    }
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Some("no node".into());
    }
    let module = root().join("tests/browser/node_modules/playwright-core");
    if !module.exists() {
        return Some("no playwright-core (run `npm ci` in tests/browser)".into());
    }
    None
}

// See: issue 12 (tests in a real browser).
#[test]
fn the_page_checks_as_you_type_applies_inserts_and_copies_the_fix_result() {
    if let Some(missing) = missing_tools() {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!ci, "the browser test cannot run under CI: {missing}");
        eprintln!("skipping the browser test: {missing}");
        return;
    }
    let server = Server::start();
    let output = Command::new("node")
        .arg(root().join("tests/browser/page.mjs"))
        .arg(server.url())
        .current_dir(root().join("tests/browser"))
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "{}\n{}",
        stderr(&output),
        stdout(&output)
    );
    let result: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("no JSON from the browser test ({e}): {}", stdout(&output)));
    let text = result["text"].as_str().unwrap();
    assert!(text.contains("- Norsk på B1-nivå."), "{text}");
    let fixed = run_stdin(&["fix", "-"], text.as_bytes());
    assert_eq!(code(&fixed), 0, "{}", stderr(&fixed));
    assert_eq!(result["clipboard"], stdout(&fixed));
    assert_eq!(result["revised"], stdout(&fixed));
}
