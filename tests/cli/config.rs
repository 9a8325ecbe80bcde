//! `terskel.yaml`: discovery, `--config`, the effect of every key, flags beating the file, and
//! errors with file, line and column.

use crate::{assert_stderr_contains, code, fixture, json, stderr, stdout, write};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

/// Runs terskel in `dir` (the working directory decides which configuration is found).
fn run_in(dir: &Path, args: &[&str]) -> Output {
    crate::terskel()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("terskel runs")
}

/// A temporary directory with the test ad in it, marked as a repository root so that no
/// configuration above it is found.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let ad = std::fs::read(fixture("helsefagarbeider.md")).unwrap();
    write(dir.path(), "annonse.md", ad);
    dir
}

/// The rule ids of the first document of a JSON report.
fn rules_of(out: &Output) -> Vec<String> {
    json(out)["documents"][0]["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("{}{}", stdout(out), stderr(out)))
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

fn categories_of(out: &Output) -> BTreeSet<String> {
    json(out)["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["category"].as_str().unwrap().to_string())
        .collect()
}

fn severity_of(out: &Output, rule: &str) -> String {
    json(out)["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {}", stdout(out)))["severity"]
        .as_str()
        .unwrap()
        .to_string()
}

const JSON: [&str; 4] = ["check", "--format", "json", "--fail-on"];

#[test]
fn configuration_is_found_in_a_parent_directory() {
    let dir = project();
    write(dir.path(), "terskel.yaml", "select: [driving-licence]\n");
    let nested = dir.path().join("a").join("b");
    std::fs::create_dir_all(&nested).unwrap();
    let ad = dir.path().join("annonse.md");
    let out = run_in(
        &nested,
        &[&JSON[..], &["never", ad.to_str().unwrap()]].concat(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(categories_of(&out), ["driving-licence".to_string()].into());
    // The hidden name works too.
    std::fs::rename(
        dir.path().join("terskel.yaml"),
        dir.path().join(".terskel.yaml"),
    )
    .unwrap();
    let out = run_in(
        &nested,
        &[&JSON[..], &["never", ad.to_str().unwrap()]].concat(),
    );
    assert_eq!(categories_of(&out), ["driving-licence".to_string()].into());
}

#[test]
fn discovery_stops_at_the_repository_root() {
    let dir = project();
    write(dir.path(), "terskel.yaml", "select: [driving-licence]\n");
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("sub")).unwrap();
    let ad = dir.path().join("annonse.md");
    let out = run_in(
        &repo.join("sub"),
        &[&JSON[..], &["never", ad.to_str().unwrap()]].concat(),
    );
    assert!(categories_of(&out).len() > 1, "{}", stdout(&out));
}

#[test]
fn an_explicit_config_is_used_instead_of_the_discovered_one() {
    let dir = project();
    write(dir.path(), "terskel.yaml", "select: [driving-licence]\n");
    let other = write(
        dir.path(),
        "elsewhere/strict.yaml",
        "select: [language-level]\n",
    );
    let out = run_in(
        dir.path(),
        &[
            &JSON[..],
            &["never", "--config", other.to_str().unwrap(), "annonse.md"],
        ]
        .concat(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(categories_of(&out), ["language-level".to_string()].into());

    let out = run_in(
        dir.path(),
        &["check", "--config", "missing.yaml", "annonse.md"],
    );
    assert_eq!(code(&out), 2);
    assert_stderr_contains(&out, "missing.yaml");
}

#[test]
fn select_ignore_and_fail_on_from_the_file() {
    let dir = project();
    // The ad's only error is `discrimination` (God helse): ignoring it makes the default
    // `--fail-on error` pass.
    write(dir.path(), "terskel.yaml", "ignore: [discrimination]\n");
    let out = run_in(dir.path(), &["check", "--format", "json", "annonse.md"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!categories_of(&out).contains("discrimination"));

    write(
        dir.path(),
        "terskel.yaml",
        "ignore: [discrimination]\nfail-on: warning\n",
    );
    assert_eq!(code(&run_in(dir.path(), &["check", "annonse.md"])), 1);

    write(dir.path(), "terskel.yaml", "fail-on: never\n");
    assert_eq!(code(&run_in(dir.path(), &["check", "annonse.md"])), 0);
}

#[test]
fn severity_overrides_rule_id_beats_category() {
    let dir = project();
    write(
        dir.path(),
        "terskel.yaml",
        "severity:\n  nb.driving-licence.required: info   # the rule\n  driving-licence: error\n  missing-salary: warning\n",
    );
    let out = run_in(dir.path(), &[&JSON[..], &["never", "annonse.md"]].concat());
    assert_eq!(severity_of(&out, "nb.driving-licence.required"), "info");
    assert_eq!(severity_of(&out, "nb.missing-salary.no-pay"), "warning");
    // `rules list` shows the same.
    let out = run_in(dir.path(), &["rules", "list", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let rows = json(&out);
    let severity = |id: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .map(|r| r["severity"].as_str().unwrap().to_string())
    };
    assert_eq!(
        severity("nb.driving-licence.required").as_deref(),
        Some("info")
    );
    assert_eq!(
        severity("nb.missing-salary.no-pay").as_deref(),
        Some("warning")
    );
}

#[test]
fn lang_from_the_file_and_the_flag_beats_it() {
    let dir = project();
    write(dir.path(), "terskel.yaml", "lang: nn\n");
    let out = run_in(dir.path(), &[&JSON[..], &["never", "annonse.md"]].concat());
    assert_eq!(json(&out)["documents"][0]["language"], "nn");
    let out = run_in(
        dir.path(),
        &[&JSON[..], &["never", "--lang", "auto", "annonse.md"]].concat(),
    );
    assert_eq!(json(&out)["documents"][0]["language"], "nb");
}

const MY_RULE: &str = "id: nb.driving-licence.mine
category: driving-licence
language: nb
kind: phrases
phrases: [klasse b]
message: Klasse B nevnt.
why: LDO 11/1272.
suggestion: Si hvorfor.
examples:
  flagged: [\"Førerkort klasse B.\"]
  clean: [\"Vi tilbyr kurs.\"]
";

#[test]
fn rule_directories_are_relative_to_the_file() {
    let dir = project();
    write(dir.path(), "regler/mine.yaml", MY_RULE);
    write(
        dir.path(),
        "terskel.yaml",
        "rules: [regler]\nno-default-rules: true\n",
    );
    let nested = dir.path().join("ads");
    std::fs::create_dir_all(&nested).unwrap();
    let out = run_in(&nested, &[&JSON[..], &["never", "../annonse.md"]].concat());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(rules_of(&out), ["nb.driving-licence.mine"]);
    // Without `no-default-rules` the default pack comes too.
    write(dir.path(), "terskel.yaml", "rules: [regler]\n");
    let out = run_in(&nested, &[&JSON[..], &["never", "../annonse.md"]].concat());
    let rules = rules_of(&out);
    assert!(rules.contains(&"nb.driving-licence.mine".to_string()));
    assert!(rules.contains(&"nb.driving-licence.required".to_string()));
}

#[test]
fn roles_add_titles_to_role_families() {
    let dir = project();
    // "veileder" makes a specialist; the entry-level rule about authorisations stays quiet.
    write(
        dir.path(),
        "miljo.md",
        "# Miljøveileder 50 %\n\n## Kvalifikasjoner\n\n- Norsk autorisasjon\n",
    );
    let rule = "nb.formal-competence.authorisation";
    let out = run_in(dir.path(), &[&JSON[..], &["never", "miljo.md"]].concat());
    assert!(
        !rules_of(&out).contains(&rule.to_string()),
        "{}",
        stdout(&out)
    );
    write(
        dir.path(),
        "terskel.yaml",
        "roles:\n  entry-level: [miljøveileder]\n  specialist: [spesialrådgiver]\n",
    );
    let out = run_in(dir.path(), &[&JSON[..], &["never", "miljo.md"]].concat());
    assert!(
        rules_of(&out).contains(&rule.to_string()),
        "{}",
        stdout(&out)
    );
}

/// The paths of the ads a JSON report holds, with `/` separators.
fn checked_paths(out: &Output) -> Vec<String> {
    json(out)["documents"]
        .as_array()
        .unwrap_or_else(|| panic!("{}{}", stdout(out), stderr(out)))
        .iter()
        .map(|d| d["path"].as_str().unwrap().replace('\\', "/"))
        .collect()
}

#[test]
fn include_and_exclude_filter_directory_walks_relative_to_the_file() {
    let dir = project();
    let ad = std::fs::read(fixture("helsefagarbeider.md")).unwrap();
    for name in [
        "annonser/a.md",
        "annonser/utkast/b.md",
        "annonser/c.txt",
        "annet/d.md",
    ] {
        write(dir.path(), name, &ad);
    }
    write(
        dir.path(),
        "terskel.yaml",
        "include: ['annonser/**/*.md']\nexclude: ['utkast']\n",
    );
    let check = |cwd: &Path, args: &[&str]| {
        let out = run_in(cwd, &[&JSON[..], &["never"], args].concat());
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        checked_paths(&out)
    };
    // `annonse.md` and `annet/` are outside `include`; `utkast` is excluded; `c.txt` is no .md.
    assert_eq!(check(dir.path(), &["."]), ["./annonser/a.md"]);
    // The globs are relative to the file's directory, wherever terskel runs below it.
    let sub = dir.path().join("annonser");
    assert_eq!(check(&sub, &["."]), ["./a.md"]);
    assert_eq!(check(&sub, &["../annet"]), Vec::<String>::new());
    // --exclude adds to the file's exclude; a file named on the command line is always read.
    assert_eq!(
        check(dir.path(), &["--exclude", "a.md", "annonser", "annet/d.md"]),
        ["annet/d.md"]
    );
    // `audit` walks the same way.
    let out = run_in(
        dir.path(),
        &["audit", "--format", "json", "--exclude", "a.md", "."],
    );
    assert_eq!(json(&out)["totals"]["ads"], 0, "{}", stdout(&out));
}

#[test]
fn flags_beat_the_file() {
    let dir = project();
    write(
        dir.path(),
        "terskel.yaml",
        "select: [driving-licence]\nfail-on: never\nlang: en\n",
    );
    let out = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--select",
            "language-level",
            "--fail-on",
            "warning",
            "--lang",
            "nb",
            "annonse.md",
        ],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(categories_of(&out), ["language-level".to_string()].into());
    assert_eq!(json(&out)["documents"][0]["language"], "nb");
    // `--ignore` replaces `ignore`, `--select` is kept from the file.
    write(
        dir.path(),
        "terskel.yaml",
        "select: [driving-licence, language-level]\nignore: [driving-licence]\n",
    );
    let out = run_in(
        dir.path(),
        &[
            &JSON[..],
            &["never", "--ignore", "language-level", "annonse.md"],
        ]
        .concat(),
    );
    assert_eq!(categories_of(&out), ["driving-licence".to_string()].into());
}

#[test]
fn unknown_key_is_an_error_with_its_place() {
    let dir = project();
    write(
        dir.path(),
        "terskel.yaml",
        "lang: nb\nselct: [driving-licence]\n",
    );
    let out = run_in(dir.path(), &["check", "annonse.md"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("terskel.yaml:2:1: unknown field `selct`"),
        "{err}"
    );
    assert!(stdout(&out).is_empty());
    // Every command that loads rules reads the file.
    assert_eq!(code(&run_in(dir.path(), &["rules", "list"])), 2);
}

#[test]
fn wrong_types_and_values_are_errors_with_their_place() {
    let dir = project();
    for (text, place, words) in [
        ("select: driving-licence\n", "terskel.yaml:1:9:", "sequence"),
        ("fail-on: sometimes\n", "terskel.yaml:1:10:", "sometimes"),
        (
            "severity:\n  driving-licence: critical\n",
            "terskel.yaml:2:20:",
            "critical",
        ),
        ("lang: sv\n", "terskel.yaml:1:7:", "sv"),
        ("roles:\n  boss: [sjef]\n", "terskel.yaml:2:3:", "boss"),
        (
            "no-default-rules: true\nignore: [nb.no-such-thing]\n",
            "terskel.yaml:2:10:",
            "nb.no-such-thing",
        ),
        (
            "severity: {driving-licens: info}\n",
            "terskel.yaml:1:12:",
            "driving-licens",
        ),
    ] {
        write(dir.path(), "terskel.yaml", text);
        let out = run_in(dir.path(), &["check", "annonse.md"]);
        assert_eq!(code(&out), 2, "{text}");
        let err = stderr(&out);
        assert!(err.contains(place) && err.contains(words), "{text}: {err}");
    }
}
