//! `terskel fix`: the revision, `--diff` on every corpus ad, `--write` through a symlink,
//! standard input and the refusals.

use super::*;
use std::collections::BTreeMap;
use terskel::posting::{self, ReadOptions};

/// Applies a unified diff to `original`, checking every context and removed line.
fn apply_diff(original: &str, diff: &str) -> String {
    let old: Vec<&str> = original.split_inclusive('\n').collect();
    let mut out = String::new();
    let mut at = 0; // next line of `old` to copy
    let mut lines = diff.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        if line.starts_with("---") || line.starts_with("+++") {
            continue;
        }
        let Some(header) = line.strip_prefix("@@ -") else {
            panic!("unexpected diff line {line:?}");
        };
        let start: usize = header.split([',', ' ']).next().unwrap().parse().unwrap();
        let start = start.saturating_sub(1);
        out.extend(old[at..start].iter().copied());
        at = start;
        while let Some(body) = lines.next_if(|l| !l.starts_with("@@")) {
            let (mark, text) = body.split_at(1);
            let no_newline = lines.next_if(|l| l.starts_with('\\')).is_some();
            let text = if no_newline {
                text.strip_suffix('\n').unwrap_or(text)
            } else {
                text
            };
            match mark {
                " " => {
                    assert_eq!(old[at], text, "context line differs");
                    out.push_str(text);
                    at += 1;
                }
                "-" => {
                    assert_eq!(old[at], text, "removed line differs");
                    at += 1;
                }
                "+" => out.push_str(text),
                _ => panic!("unexpected diff line {body:?}"),
            }
        }
    }
    out.extend(old[at..].iter().copied());
    out
}

/// `replaced [RULE] «ORIGINAL» → «NEW»` lines of the report on stderr.
fn replacements(report: &str) -> Vec<(String, String, String)> {
    report
        .lines()
        .filter_map(|line| {
            let rest = line.split(": replaced [").nth(1)?;
            let (rule, rest) = rest.split_once("] «")?;
            let (from, rest) = rest.split_once("» → «")?;
            let to = rest.strip_suffix('»')?;
            Some((rule.to_string(), from.to_string(), to.to_string()))
        })
        .collect()
}

/// Findings per rule of `check --format json` on `path`.
fn findings_per_rule(path: &Path) -> (BTreeMap<String, usize>, Vec<String>) {
    let output = run(&[
        "check",
        path.to_str().unwrap(),
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report = json(&output);
    let mut counts = BTreeMap::new();
    let mut missing = Vec::new();
    for finding in report["documents"][0]["findings"].as_array().unwrap() {
        let rule = finding["rule"].as_str().unwrap().to_string();
        if finding["category"]
            .as_str()
            .unwrap()
            .starts_with("missing-")
        {
            missing.push(rule.clone());
        }
        *counts.entry(rule).or_insert(0) += 1;
    }
    (counts, missing)
}

// See: issue 12 ("Done when": all three properties, on every corpus ad).
#[test]
fn fix_diff_on_every_corpus_ad_answers_what_is_missing_reduces_replaced_findings_and_keeps_sentences(
) {
    let dir = tempfile::tempdir().unwrap();
    let ads = corpus_ads();
    assert!(ads.len() >= 40, "the corpus has {} ads", ads.len());
    let mut total_replaced = 0;
    for ad in &ads {
        let name = ad.file_name().unwrap().to_str().unwrap();
        let original = std::fs::read_to_string(ad).unwrap();
        let output = run(&["fix", ad.to_str().unwrap(), "--diff"]);
        assert_eq!(code(&output), 0, "{name}: {}", stderr(&output));
        let revised = apply_diff(&original, &stdout(&output));
        let plain = run(&["fix", ad.to_str().unwrap()]);
        assert_eq!(
            stdout(&plain),
            revised,
            "{name}: --diff and the revision disagree"
        );
        let revised_path = write(dir.path(), name, &revised);

        // 1. Nothing missing in the revision.
        let (before, _) = findings_per_rule(ad);
        let (after, missing) = findings_per_rule(&revised_path);
        assert!(
            missing.is_empty(),
            "{name}: still missing {missing:?}\n{revised}"
        );

        // 2. Fewer findings of every replaced kind.
        let replaced = replacements(&stderr(&output));
        total_replaced += replaced.len();
        for (rule, from, _) in &replaced {
            let was = before.get(rule).copied().unwrap_or(0);
            let is = after.get(rule).copied().unwrap_or(0);
            assert!(is < was, "{name}: {rule} ({from}) {was} → {is}");
        }

        // 3. Every original sentence is in the revision, as it was or with its replacements.
        let options = ReadOptions::default();
        let old = posting::read_path(ad, &options).unwrap();
        let new = posting::read_path(&revised_path, &options).unwrap();
        for item in old.items() {
            for sentence in &item.sentences {
                let sentence = old.slice(sentence.clone()).trim();
                if new.text.contains(sentence) {
                    continue;
                }
                let mut expected = sentence.to_string();
                for (_, from, to) in &replaced {
                    expected = expected.replace(from.as_str(), to);
                }
                assert!(
                    expected != sentence && new.text.contains(&expected),
                    "{name}: sentence lost: {sentence:?}"
                );
            }
        }
    }
    assert!(
        total_replaced >= 5,
        "only {total_replaced} replacements over the corpus"
    );
}

#[test]
fn fix_reads_standard_input_and_reports_on_stderr() {
    let ad = "# Renholder\n\n## Krav\n\n- Perfekt norsk.\n- Du må ha god helse.\n";
    let output = run_stdin(&["fix", "-"], ad.as_bytes());
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).contains("- Norsk på B1-nivå.\n"));
    assert_stderr_contains(
        &output,
        "<stdin>:5:3: replaced [nb.language-level.vague-norwegian] «Perfekt norsk» → «Norsk på B1-nivå»",
    );
    assert_stderr_contains(&output, "left [nb.discrimination.health] «god helse»");
}

#[cfg(unix)]
#[test]
fn fix_write_replaces_the_target_of_a_symlink_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let ad = "# Renholder\n\n## Krav\n\n- Flytende norsk.\n";
    let target = write(dir.path(), "ads/renholder.md", ad);
    let link = dir.path().join("lenke.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let output = run(&["fix", link.to_str().unwrap(), "--write"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("- Norsk på B1-nivå."), "{written}");
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(target.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["renholder.md"]);
}

#[test]
fn fix_refuses_write_to_stdin_and_json_exports() {
    let output = run_stdin(&["fix", "-", "--write"], b"# Ad\n");
    assert_eq!(code(&output), 2);
    assert_stderr_contains(&output, "--write needs a file");
    let dir = tempfile::tempdir().unwrap();
    let export = write(
        dir.path(),
        "a.json",
        r#"{"title": "x", "text": "Perfekt norsk."}"#,
    );
    let output = run(&["fix", export.to_str().unwrap()]);
    assert_eq!(code(&output), 2);
    assert_stderr_contains(&output, "JSON exports are not supported");
}
