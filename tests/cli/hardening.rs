//! Hostile and odd inputs, run through the real binary (issue 13): deep nesting, the size limit,
//! BOMs and UTF-16, binary files, line endings, a huge line, many files, symlink loops, FIFOs, a
//! pathological rule, `--jobs`, and every way `--output` could destroy data.
//!
//! None of these tests is timed; inputs that would be slow to read before the fix are built so
//! that the test stays within seconds after it (speed is measured in `benches/scaling.sh`).

use super::*;
use std::process::Child;
use std::time::{Duration, Instant};

/// The rule ids of the findings of the `check` JSON report of `out`, per document.
fn rule_ids(out: &Output) -> Vec<Vec<String>> {
    json(out)["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| {
            d["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .map(|f| f["rule"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .collect()
}

/// Waits for `child` at most `limit` (a hang is a failure, not a stuck test run), reading its
/// output meanwhile so that a full pipe cannot stop it.
fn wait_or_kill(mut child: Child, limit: Duration) -> Output {
    use std::io::Read;
    fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    }
    let (out, err) = (drain(child.stdout.take()), drain(child.stderr.take()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("terskel did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().expect("stdout"),
        stderr: err.join().expect("stderr"),
    }
}

/// Runs terskel with `args`, failing the test when it hangs.
fn run_bounded(args: &[&str]) -> Output {
    let child = terskel()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("terskel starts");
    wait_or_kill(child, Duration::from_secs(120))
}

/// An ad with one driving-licence finding.
const AD: &str = "# Kokk\n\n## Krav\n\n- Du må ha førerkort klasse B.\n";

/// Makes a FIFO at `path` with mkfifo(1); false when that is not possible here.
#[cfg(unix)]
fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

// --- nesting -------------------------------------------------------------------------------

// See: issue 13
#[test]
fn html_nested_100000_divs_is_read_with_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let n = 100_000;
    let page = format!(
        "<html><body>{}<p>Du må ha førerkort klasse B.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let path = write(dir.path(), "nest.html", page);
    let out = run_bounded(&["check", "--format", "json", path.to_str().unwrap()]);
    assert!(code(&out) < 2, "{}", stderr(&out));
    let ids = rule_ids(&out);
    assert!(
        ids[0].iter().any(|r| r.contains("driving-licence")),
        "{ids:?}"
    );
}

// See: issue 13
#[test]
fn html_unclosed_nest_and_nested_lists_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let finding = "<p>Du må ha førerkort klasse B.</p>";
    let unclosed = format!("<html><body>{}{finding}", "<div>Fagbrev. ".repeat(100_000));
    let lists = format!(
        "<html><body>{}{finding}",
        "<ul><li>Fagbrev. ".repeat(100_000)
    );
    let a = write(dir.path(), "unclosed.html", unclosed);
    let b = write(dir.path(), "lists.html", lists);
    let out = run_bounded(&[
        "check",
        "--format",
        "json",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert!(code(&out) < 2, "{}", stderr(&out));
    for ids in rule_ids(&out) {
        assert!(ids.iter().any(|r| r.contains("driving-licence")), "{ids:?}");
    }
}

// See: issue 13
#[test]
fn markdown_deeply_nested_list_is_read_with_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut ad = String::from("# Kokk\n\n");
    ad.push_str(&"- ".repeat(200_000));
    ad.push_str("Du må ha førerkort klasse B.\n");
    ad.push_str(&"> ".repeat(100_000));
    ad.push_str("x\n");
    ad.push_str(&"y\n".repeat(50_000));
    let path = write(dir.path(), "deep.md", ad);
    let out = run_bounded(&["check", "--format", "json", path.to_str().unwrap()]);
    assert!(code(&out) < 2, "{}", stderr(&out));
    assert!(
        rule_ids(&out)[0]
            .iter()
            .any(|r| r.contains("driving-licence")),
        "{}",
        stdout(&out)
    );
}

// --- size limit ----------------------------------------------------------------------------

// See: issue 13
#[test]
fn a_document_over_the_default_size_limit_is_refused_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "big.md", AD);
    let ok = write(dir.path(), "ok.md", AD);
    // Sparse: 11 MB on paper, nothing on disk; refused before it is read.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(11 * 1024 * 1024)
        .unwrap();
    let out = run(&["check", path.to_str().unwrap(), ok.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_stderr_contains(&out, "big.md: the document is 11534336 bytes");
    assert_stderr_contains(&out, "limit of 10485760 bytes");
    assert_stderr_contains(&out, "--max-size");
    // The batch went on.
    assert!(stdout(&out).contains("ok.md"), "{}", stdout(&out));
}

// See: issue 13
#[test]
fn max_size_changes_the_limit_for_files_stdin_and_each_ad_of_an_export() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.md", AD);
    let out = run(&["check", "--max-size", "20", path.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert_stderr_contains(&out, "limit of 20 bytes");
    let out = run(&["check", "--max-size", "1KB", path.to_str().unwrap()]);
    assert!(code(&out) < 2, "{}", stderr(&out));
    let out = run_stdin(&["check", "--max-size", "20", "-"], AD.as_bytes());
    assert_eq!(code(&out), 2);
    assert_stderr_contains(&out, "<stdin>: the document is");
    let long = "Du må ha førerkort. ".repeat(20);
    let lines = format!("{{\"text\": \"{long}\"}}\n{{\"text\": \"Fagbrev.\"}}\n");
    let export = write(dir.path(), "ads.jsonl", lines);
    let out = run(&[
        "check",
        "--format",
        "json",
        "--max-size",
        "200",
        export.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2);
    assert_stderr_contains(&out, "ads.jsonl:1: the document is");
    assert_eq!(json(&out)["documents"].as_array().unwrap().len(), 1);
    let out = run(&["check", "--max-size", "10XB", path.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert_stderr_contains(&out, "--max-size");
}

// See: issue 13
#[test]
fn a_50_mb_line_without_newline_is_refused_and_an_export_goes_on_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let line = "førerkort ".repeat(5 * 1024 * 1024);
    let path = write(dir.path(), "line.md", &line);
    let out = run_bounded(&["check", path.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert_stderr_contains(&out, "line.md: the document is");
    let export = write(
        dir.path(),
        "ads.jsonl",
        format!("{{\"text\": \"{line}\"}}\n{{\"text\": \"Du må ha førerkort klasse B.\"}}"),
    );
    let out = run_bounded(&["check", "--format", "json", export.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_stderr_contains(&out, "ads.jsonl:1");
    let ids = rule_ids(&out);
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert!(
        ids[0].iter().any(|r| r.contains("driving-licence")),
        "{ids:?}"
    );
}

// --- encodings, binary files, line endings ---------------------------------------------------

// See: issue 13
#[test]
fn utf8_bom_gives_the_same_findings_and_spans() {
    let dir = tempfile::tempdir().unwrap();
    let plain = write(dir.path(), "plain.md", AD);
    let bom = write(dir.path(), "bom.md", format!("\u{feff}{AD}"));
    let spans = |p: &Path| {
        let out = run(&["check", "--format", "json", p.to_str().unwrap()]);
        assert!(code(&out) < 2, "{}", stderr(&out));
        json(&out)["documents"][0]["findings"].clone()
    };
    let (a, b) = (spans(&plain), spans(&bom));
    assert!(!a.as_array().unwrap().is_empty());
    assert_eq!(a, b);
}

// See: issue 13
#[test]
fn utf16_with_bom_is_read_like_utf8_or_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = write(dir.path(), "utf8.md", AD);
    let units: Vec<u16> = AD.encode_utf16().collect();
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(units.iter().flat_map(|u| u.to_le_bytes()))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(units.iter().flat_map(|u| u.to_be_bytes()))
        .collect();
    let expected = rule_ids(&run(&["check", "--format", "json", utf8.to_str().unwrap()]));
    for (name, bytes) in [("le.md", le), ("be.md", be)] {
        let path = write(dir.path(), name, bytes);
        let out = run(&["check", "--format", "json", path.to_str().unwrap()]);
        if code(&out) < 2 {
            // Decoded: the same findings as the UTF-8 file.
            assert_eq!(rule_ids(&out), expected, "{name}");
        } else {
            // Not decoded: a clear error naming the file, and no findings made up from bytes.
            assert_stderr_contains(&out, name);
            assert!(
                json(&out)["documents"].as_array().unwrap().is_empty(),
                "{name}"
            );
        }
    }
}

// See: issue 13
#[test]
fn binary_files_are_skipped_in_a_walk_and_an_error_when_named() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ads/a.md", AD);
    let bin = write(
        dir.path(),
        "ads/image.md",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR",
    );
    write(dir.path(), "ads/nul.txt", b"Krav\x00\x00\x00 fagbrev");
    write(dir.path(), "ads/z.md", AD);
    let ads = dir.path().join("ads");
    let out = run(&["check", "--format", "json", ads.to_str().unwrap()]);
    assert!(code(&out) < 2, "{}", stderr(&out));
    assert_stderr_contains(&out, "image.md: looks like a binary file");
    assert_stderr_contains(&out, "nul.txt: looks like a binary file");
    assert_eq!(rule_ids(&out).len(), 2);
    let out = run(&["check", bin.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_stderr_contains(&out, "error: ");
    assert_stderr_contains(&out, "image.md: cannot be checked");
}

// See: issue 13
#[test]
fn lone_cr_and_mixed_line_endings_keep_spans_on_the_matched_text() {
    let dir = tempfile::tempdir().unwrap();
    for (name, ad) in [
        ("cr.md", AD.replace('\n', "\r")),
        (
            "mixed.md",
            "# Kokk\r\n\r\n## Krav\r\r- Fagbrev.\n- Du må ha førerkort klasse B.\r\n".into(),
        ),
    ] {
        let path = write(dir.path(), name, &ad);
        let out = run(&["check", "--format", "json", path.to_str().unwrap()]);
        assert!(code(&out) < 2, "{name}: {}", stderr(&out));
        let report = json(&out);
        for finding in report["documents"][0]["findings"].as_array().unwrap() {
            let span = &finding["span"];
            if span.is_null() {
                continue;
            }
            let (start, end) = (
                span["start"].as_u64().unwrap() as usize,
                span["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                ad.get(start..end),
                finding["text"].as_str(),
                "{name}: {finding}"
            );
        }
    }
}

// --- walks ---------------------------------------------------------------------------------

// See: issue 13 (the full 100 000 files are in benches/scaling.sh)
#[test]
fn many_tiny_files_are_all_checked_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let n = 1_000;
    for i in 0..n {
        write(dir.path(), &format!("ads/{i:06}.md"), "Fagbrev.\n");
    }
    let ads = dir.path().join("ads");
    let out = run_bounded(&["check", "--format", "json", ads.to_str().unwrap()]);
    assert!(code(&out) < 2, "{}", stderr(&out));
    let report = json(&out);
    let docs = report["documents"].as_array().unwrap();
    assert_eq!(docs.len(), n);
    assert!(docs[0]["path"].as_str().unwrap().ends_with("000000.md"));
    assert!(docs[n - 1]["path"].as_str().unwrap().ends_with("000999.md"));
}

// See: issue 13
#[cfg(unix)]
#[test]
fn symlink_loops_and_fifos_in_a_walk_neither_hang_nor_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let ads = dir.path().join("ads");
    write(&ads, "a.md", AD);
    std::os::unix::fs::symlink(".", ads.join("loop")).unwrap();
    std::os::unix::fs::symlink("b.md", ads.join("c.md")).unwrap();
    std::os::unix::fs::symlink("c.md", ads.join("b.md")).unwrap();
    let has_fifo = mkfifo(&ads.join("pipe.md"));
    let out = run_bounded(&["check", "--format", "json", ads.to_str().unwrap()]);
    assert!(code(&out) < 2, "{}", stderr(&out));
    assert_eq!(rule_ids(&out).len(), 1, "fifo made: {has_fifo}");
}

// --- rules ---------------------------------------------------------------------------------

// See: issue 13
#[test]
fn a_pathological_regex_is_a_rule_error_at_the_pattern_line() {
    let dir = tempfile::tempdir().unwrap();
    let rule = TEST_RULE
        .replace("kind: phrases", "kind: pattern")
        .replace("phrases: [førerkort]", "pattern: '(\\w{1000}){1000}'");
    let line = rule
        .lines()
        .position(|l| l.starts_with("pattern:"))
        .unwrap()
        + 1;
    let rules = write(dir.path(), "rules/r.yaml", rule);
    let ad = write(dir.path(), "a.md", AD);
    let out = run_bounded(&[
        "check",
        "--rules",
        rules.parent().unwrap().to_str().unwrap(),
        ad.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_stderr_contains(&out, &format!("r.yaml:{line}:"));
    assert_stderr_contains(&out, "size limit");
}

// --- --jobs --------------------------------------------------------------------------------

// See: issue 13
#[test]
fn jobs_is_capped_with_a_note_and_the_output_stays_the_same() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..20 {
        write(dir.path(), &format!("ads/{i:02}.md"), AD);
    }
    let ads = dir.path().join("ads");
    let one = run(&["check", "-j", "1", ads.to_str().unwrap()]);
    let many = run(&["check", "-j", "30000", ads.to_str().unwrap()]);
    assert_eq!(code(&many), code(&one), "{}", stderr(&many));
    assert_stderr_contains(&many, "note: --jobs 30000 is more than 4 per core");
    assert_eq!(stdout(&one), stdout(&many));
}

// --- --output ------------------------------------------------------------------------------

// See: issue 13
#[test]
fn output_that_is_an_input_is_refused_and_the_ad_kept() {
    let dir = tempfile::tempdir().unwrap();
    let ad = write(dir.path(), "a.md", AD);
    let link = dir.path().join("link.md");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&ad, &link).unwrap();
    for command in ["check", "audit"] {
        for output in [&ad, &link] {
            if !output.exists() {
                continue;
            }
            let out = run(&[
                command,
                ad.to_str().unwrap(),
                "-o",
                output.to_str().unwrap(),
            ]);
            assert_eq!(code(&out), 2, "{command}: {}", stderr(&out));
            assert_stderr_contains(&out, "is also an input");
            assert_eq!(std::fs::read_to_string(&ad).unwrap(), AD, "{command}");
        }
    }
}

// See: issue 13
#[test]
fn a_report_in_the_walked_directory_is_not_read_back_as_an_ad() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ads/a.md", AD);
    let ads = dir.path().join("ads");
    let report = ads.join("report.md");
    let first = run(&[
        "check",
        ads.to_str().unwrap(),
        "-o",
        report.to_str().unwrap(),
    ]);
    assert!(code(&first) < 2, "{}", stderr(&first));
    let before = std::fs::read_to_string(&report).unwrap();
    let second = run(&[
        "check",
        ads.to_str().unwrap(),
        "-o",
        report.to_str().unwrap(),
    ]);
    assert_eq!(code(&second), code(&first), "{}", stderr(&second));
    assert_eq!(std::fs::read_to_string(&report).unwrap(), before);
}

// See: issue 13
#[cfg(unix)]
#[test]
fn output_through_a_symlink_replaces_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let ad = write(dir.path(), "a.md", AD);
    let target = write(dir.path(), "reports/real.json", "old");
    let link = dir.path().join("report.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let dangling = dir.path().join("new.json");
    std::os::unix::fs::symlink(dir.path().join("reports/new-target.json"), &dangling).unwrap();
    for output in [&link, &dangling] {
        let out = run(&[
            "check",
            "--format",
            "json",
            ad.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
        ]);
        assert!(code(&out) < 2, "{}", stderr(&out));
        assert!(std::fs::symlink_metadata(output)
            .unwrap()
            .file_type()
            .is_symlink());
    }
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .contains("documents"));
    let made = dir.path().join("reports/new-target.json");
    assert!(std::fs::read_to_string(made).unwrap().contains("documents"));
}

// See: issue 13
#[cfg(unix)]
#[test]
fn output_to_a_device_or_fifo_is_written_directly_never_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let ad = write(dir.path(), "a.md", AD);
    let out = run(&["check", ad.to_str().unwrap(), "-o", "/dev/null"]);
    assert!(code(&out) < 2, "{}", stderr(&out));
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(null.file_type().is_char_device());
    let fifo = dir.path().join("pipe");
    if mkfifo(&fifo) {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let out = run_bounded(&["check", ad.to_str().unwrap(), "-o", fifo.to_str().unwrap()]);
        assert!(code(&out) < 2, "{}", stderr(&out));
        assert!(reader.join().unwrap().contains("førerkort"));
        let meta = std::fs::symlink_metadata(&fifo).unwrap();
        assert!(meta.file_type().is_fifo());
    }
}

// See: issue 13
#[test]
fn a_missing_or_unwritable_output_directory_fails_before_the_work() {
    let dir = tempfile::tempdir().unwrap();
    let ad = write(dir.path(), "a.md", AD);
    let missing = dir.path().join("nowhere/report.md");
    let out = run(&[
        "check",
        ad.to_str().unwrap(),
        "-o",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2);
    assert_stderr_contains(&out, "does not exist");
    assert!(stdout(&out).is_empty());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        // Root may write anywhere; then there is nothing to test.
        let probe = locked.join("probe");
        if std::fs::write(&probe, "").is_err() {
            let report = locked.join("report.md");
            let out = run(&[
                "check",
                ad.to_str().unwrap(),
                "-o",
                report.to_str().unwrap(),
            ]);
            assert_eq!(code(&out), 2);
            assert_stderr_contains(&out, "report.md: Permission denied");
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

// See: issue 13
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let ad = write(dir.path(), "a.md", AD);
    if !Path::new("/dev/full").exists() {
        return;
    }
    let out = run(&["check", ad.to_str().unwrap(), "-o", "/dev/full"]);
    assert_eq!(code(&out), 2);
    assert_stderr_contains(&out, "/dev/full: No space left on device");
}

// See: issue 13
#[cfg(unix)]
#[test]
fn sigint_and_sigterm_leave_the_old_report_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    // Enough ads that the run is still going when the signal comes.
    let ad = AD.repeat(200);
    for i in 0..300 {
        write(dir.path(), &format!("ads/{i:03}.md"), &ad);
    }
    let ads = dir.path().join("ads");
    let out_dir = dir.path().join("out");
    let report = out_dir.join("report.md");
    let temp_files = || {
        std::fs::read_dir(&out_dir)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(".terskel-"))
            .count()
    };
    for signal in ["INT", "TERM"] {
        write(&out_dir, "report.md", "old report");
        let child = terskel()
            .args([
                "check",
                "-j",
                "1",
                ads.to_str().unwrap(),
                "-o",
                report.to_str().unwrap(),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The temporary file exists once the output is opened, before the first ad.
        let start = Instant::now();
        while temp_files() == 0 && start.elapsed() < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_millis(5));
        }
        let finished_early = temp_files() == 0;
        let _ = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status();
        let out = wait_or_kill(child, Duration::from_secs(60));
        assert_eq!(temp_files(), 0, "{signal}: {}", stderr(&out));
        let now = std::fs::read_to_string(&report).unwrap();
        if !finished_early && code(&out) == 130 {
            assert_eq!(now, "old report", "{signal}");
        } else {
            // The run ended before the signal: then the report is complete.
            assert!(now == "old report" || now.contains("terskel"), "{signal}");
        }
    }
}
