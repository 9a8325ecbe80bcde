//! `terskel audit`: every format on the corpus, numbers that agree with `check`, the
//! per-employer breakdown, exit codes, `--output`, determinism across `--jobs`, and unreadable
//! ads in a directory.

use crate::{assert_stderr_contains, code, json, run, stderr, stdout, terskel, write};
use std::collections::BTreeMap;
use std::path::Path;

fn audit_corpus(format: &str) -> String {
    let out = run(&["audit", "--format", format, "corpus/"]);
    assert!(matches!(code(&out), 0 | 1), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn markdown_report() {
    insta::assert_snapshot!("audit_markdown", audit_corpus("markdown"));
}

#[test]
fn json_report() {
    insta::assert_snapshot!("audit_json", audit_corpus("json"));
}

#[test]
fn markdown_is_the_default() {
    let out = run(&["audit", "corpus/"]);
    assert_eq!(stdout(&out), audit_corpus("markdown"));
}

#[test]
fn markdown_has_every_section_and_a_mermaid_chart() {
    let text = audit_corpus("markdown");
    for heading in [
        "# Terskler i stillingsannonsene\n",
        "## Totalt\n",
        "## Annonser per kategori\n",
        "## Funn per alvorlighetsgrad\n",
        "## Annonsene med høyest terskel\n",
        "## Per arbeidsgiver og enhet\n",
        "## Unntak\n\nIngen.\n",
        "## Annonsene\n",
    ] {
        assert!(text.contains(heading), "missing {heading:?}");
    }
    assert!(text.contains("```mermaid\nxychart-beta horizontal\n"));
    assert!(
        text.contains("(<corpus/nb/"),
        "links to the ads by relative path"
    );
}

/// Every `src`/`href` of a page, in order.
fn references(page: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in ["src=\"", "href=\"", "src='", "href='"] {
        let quote = &attr[attr.len() - 1..];
        for part in page.split(attr).skip(1) {
            found.push(part.split(quote).next().unwrap_or("").to_string());
        }
    }
    found
}

#[test]
fn html_is_one_self_contained_accessible_page() {
    let page = audit_corpus("html");
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"nb\">\n"));
    assert!(page.trim_end().ends_with("</html>"));
    assert!(page.contains("<meta name=\"viewport\""));
    assert!(page.contains("<style>"));
    assert!(page.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    // Nothing is loaded from anywhere: no scripts, no external resources, no web fonts.
    let lower = page.to_lowercase();
    for forbidden in [
        "<script",
        "<link",
        "<img",
        "<iframe",
        "@import",
        "url(",
        "@font-face",
    ] {
        assert!(!lower.contains(forbidden), "found {forbidden}");
    }
    for reference in references(&page) {
        assert!(
            !reference.contains("://") && !reference.starts_with("//"),
            "external reference {reference}"
        );
        if let Some(anchor) = reference.strip_prefix('#') {
            assert!(
                page.contains(&format!("id=\"{anchor}\"")),
                "dangling #{anchor}"
            );
        } else {
            assert!(
                crate::root().join(&reference).is_file(),
                "link to a missing file {reference}"
            );
        }
    }
    // Charts are inline SVG, with the numbers in tables too.
    assert_eq!(page.matches("<svg class=\"chart\"").count(), 2);
    assert!(page.contains("<th scope=\"col\">Kategori</th>"));
    assert!(page.contains("<h2 id=\"top-h\">Annonsene med høyest terskel</h2>"));
    assert!(page.contains("<h2 id=\"employers-h\">Per arbeidsgiver og enhet</h2>"));
    assert!(page.contains("<h2 id=\"suppressions-h\">Unntak</h2>\n<p>Ingen.</p>"));
    assert!(page.contains("<td class=\"nowrap\">Storåsen kommune</td><td>Helse og omsorg</td>"));
    assert_eq!(page.matches("<article id=\"ad-").count(), 54);
}

#[test]
fn html_escapes_what_comes_from_ads() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "ads/a.md",
        "---\ntitle: \"<script>alert('x')</script> & co\"\nemployer: \"<b>Vik</b>\"\n---\n\n# Annonse\n\n## Kvalifikasjoner\n- Førerkort klasse B.\n",
    );
    let out = terskel()
        .current_dir(dir.path())
        .args(["audit", "--format", "html", "ads"])
        .output()
        .unwrap();
    assert!(matches!(code(&out), 0 | 1), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(!page.contains("<script"));
    assert!(!page.contains("<b>Vik"));
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
    assert!(page.contains("&lt;b&gt;Vik&lt;/b&gt;"));
}

fn count_map(value: &serde_json::Value) -> BTreeMap<String, u64> {
    value
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .filter(|(_, v)| *v > 0)
        .collect()
}

#[test]
fn numbers_agree_with_check() {
    let check = json(&run(&[
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        "corpus/",
    ]));
    let audit = json(&run(&[
        "audit",
        "--format",
        "json",
        "--fail-on",
        "never",
        "corpus/",
    ]));
    let summary = &check["summary"];
    let totals = &audit["totals"];
    assert_eq!(totals["ads"], summary["documents"]);
    assert_eq!(totals["findings"], summary["findings"]);
    assert_eq!(
        count_map(&audit["by_category"]),
        count_map(&summary["by_category"])
    );
    assert_eq!(
        count_map(&audit["by_severity"]),
        count_map(&summary["by_severity"])
    );

    let documents = check["documents"].as_array().unwrap();
    let mut ads_by_category: BTreeMap<String, u64> = BTreeMap::new();
    let mut with_findings = 0;
    for doc in documents {
        let mut categories: Vec<&str> = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["category"].as_str().unwrap())
            .collect();
        categories.sort_unstable();
        categories.dedup();
        with_findings += u64::from(!categories.is_empty());
        for c in categories {
            *ads_by_category.entry(c.to_string()).or_default() += 1;
        }
    }
    assert_eq!(count_map(&audit["ads_by_category"]), ads_by_category);
    assert_eq!(totals["ads_with_findings"], with_findings);

    // Per ad, in the same order, with the same counts.
    let ads = audit["ads"].as_array().unwrap();
    assert_eq!(ads.len(), documents.len());
    for (ad, doc) in ads.iter().zip(documents) {
        assert_eq!(ad["path"], doc["path"]);
        assert_eq!(
            ad["findings"].as_u64().unwrap(),
            doc["findings"].as_array().unwrap().len() as u64
        );
    }
}

#[test]
fn selection_applies_to_the_audit() {
    let audit = json(&run(&[
        "audit",
        "--format",
        "json",
        "--select",
        "driving-licence",
        "corpus/",
    ]));
    let by_category = count_map(&audit["by_category"]);
    assert_eq!(
        by_category.keys().collect::<Vec<_>>(),
        ["driving-licence"],
        "{by_category:?}"
    );
}

fn employer_ads(dir: &Path) {
    let ad = |employer: &str, department: &str, body: &str| {
        format!(
            "---\ntitle: Annonse\nemployer: {employer}\ndepartment: {department}\nlang: nb\n---\n\n# Annonse\n\n{body}\n"
        )
    };
    let licence = "## Kvalifikasjoner\n- Må ha førerkort klasse B.\n";
    write(dir, "ads/1.md", ad("Vik kommune", "Helse", licence));
    write(dir, "ads/2.md", ad("Vik kommune", "Helse", "Tekst."));
    write(dir, "ads/3.md", ad("Aas kommune", "Oppvekst", licence));
    write(dir, "ads/4.md", "# Uten metadata\n\nTekst.\n");
}

#[test]
fn employers_and_departments_come_from_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    employer_ads(dir.path());
    let out = terskel()
        .current_dir(dir.path())
        .args(["audit", "--format", "json", "ads"])
        .output()
        .unwrap();
    let audit = json(&out);
    let rows: Vec<(serde_json::Value, serde_json::Value, u64)> = audit["by_employer"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["employer"].clone(),
                r["department"].clone(),
                r["ads"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Aas kommune".into(), "Oppvekst".into(), 1),
            ("Vik kommune".into(), "Helse".into(), 2),
            (serde_json::Value::Null, serde_json::Value::Null, 1),
        ]
    );
    let findings = |i: usize| audit["by_employer"][i]["findings"].as_u64().unwrap();
    let ads = |i: usize| audit["by_employer"][i]["ads"].as_u64().unwrap();
    let total: u64 = (0..3).map(findings).sum();
    assert_eq!(total, audit["totals"]["findings"].as_u64().unwrap());
    assert_eq!((0..3).map(ads).sum::<u64>(), 4);

    let markdown = terskel()
        .current_dir(dir.path())
        .args(["audit", "ads"])
        .output()
        .unwrap();
    let text = stdout(&markdown);
    assert!(text.contains("| Vik kommune | Helse | 2 |"), "{text}");
    assert!(
        text.contains("| (ikke oppgitt) | (ikke oppgitt) | 1 |"),
        "{text}"
    );
}

#[test]
fn exit_codes_follow_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    employer_ads(dir.path());
    let audit = |args: &[&str]| {
        let out = terskel()
            .current_dir(dir.path())
            .arg("audit")
            .args(args)
            .arg("ads")
            .output()
            .unwrap();
        code(&out)
    };
    // Driving-licence findings are warnings: not failing by default (`--fail-on error`).
    assert_eq!(audit(&[]), 0);
    assert_eq!(audit(&["--fail-on", "warning"]), 1);
    assert_eq!(audit(&["--fail-on", "info"]), 1);
    assert_eq!(
        audit(&["--fail-on", "never", "--select", "driving-licence"]),
        0
    );
    assert_eq!(
        audit(&["--fail-on", "warning", "--select", "missing-salary"]),
        0
    );
    assert_eq!(
        audit(&["--fail-on", "info", "--select", "missing-salary"]),
        1
    );
    assert_eq!(audit(&["--jobs", "0"]), 2);
    assert_eq!(audit(&["--select", "no-such-category"]), 2);
}

#[test]
fn missing_path_is_an_input_error_and_the_rest_is_still_audited() {
    let out = run(&[
        "audit",
        "--format",
        "json",
        "--fail-on",
        "never",
        "tests/fixtures/helsefagarbeider.md",
        "no/such/ad.md",
    ]);
    assert_eq!(code(&out), 2);
    assert_stderr_contains(&out, "no/such/ad.md");
    let audit = json(&out);
    assert_eq!(audit["totals"]["ads"], 1);
    assert_eq!(audit["totals"]["unread"], 1);
}

#[test]
fn a_directory_with_an_empty_and_a_non_utf8_ad_still_audits_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    employer_ads(dir.path());
    write(dir.path(), "ads/5-empty.md", "");
    // Neither UTF-8 nor Windows-1252 text (a control byte); see: issue 10.
    write(dir.path(), "ads/6-latin1.md", b"# Kokk\n\nS\xf8knad.\x01\n");
    for format in ["markdown", "html", "json"] {
        let out = terskel()
            .current_dir(dir.path())
            .args(["audit", "--fail-on", "never", "--format", format, "ads"])
            .output()
            .unwrap();
        assert_eq!(code(&out), 2, "{format}");
        let err = stderr(&out);
        assert!(err.contains("5-empty.md"), "{err}");
        assert!(err.contains("6-latin1.md"), "{err}");
        let text = stdout(&out);
        assert!(
            text.contains("ads/4.md"),
            "{format}: the good ads are audited"
        );
        assert!(
            text.contains("5-empty.md"),
            "{format}: the report lists what was not read"
        );
        if format == "json" {
            let audit = json(&out);
            assert_eq!(audit["totals"]["ads"], 4);
            assert_eq!(audit["totals"]["unread"], 2);
        }
    }
}

#[test]
fn output_writes_the_file_and_nothing_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    employer_ads(dir.path());
    let out = terskel()
        .current_dir(dir.path())
        .args([
            "audit",
            "--format",
            "json",
            "--output",
            "reports/audit.json",
        ])
        .arg("ads")
        .output()
        .unwrap();
    // The directory must exist: the report is not written anywhere else.
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("reports/audit.json: "), "{err}");
    assert!(!err.contains(".terskel-"), "no temporary names: {err}");
    assert!(out.stdout.is_empty());

    std::fs::create_dir(dir.path().join("reports")).unwrap();
    let out = terskel()
        .current_dir(dir.path())
        .args(["audit", "--output", "reports/audit.md", "ads"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let written = std::fs::read_to_string(dir.path().join("reports/audit.md")).unwrap();
    assert!(written.starts_with("# Terskler i stillingsannonsene\n"));
    // Links are relative to the report, not to the working directory.
    assert!(written.contains("(<../ads/1.md>)"), "{written}");
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path().join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["audit.md"]);

    // JSON has no links: the file is byte for byte what stdout gets.
    let to_file = terskel()
        .current_dir(dir.path())
        .args([
            "audit",
            "--format",
            "json",
            "-o",
            "reports/audit.json",
            "ads",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&to_file), 0);
    let to_stdout = terskel()
        .current_dir(dir.path())
        .args(["audit", "--format", "json", "ads"])
        .output()
        .unwrap();
    assert_eq!(
        std::fs::read(dir.path().join("reports/audit.json")).unwrap(),
        to_stdout.stdout
    );
}

#[test]
fn output_replaces_an_existing_report() {
    let dir = tempfile::tempdir().unwrap();
    employer_ads(dir.path());
    let report = write(dir.path(), "audit.html", "old report");
    let out = terskel()
        .current_dir(dir.path())
        .args(["audit", "--format", "html", "--output", "audit.html", "ads"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let page = std::fs::read_to_string(report).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        page.contains("href=\"ads/1.md\""),
        "links relative to the report"
    );
}

#[test]
fn a_report_written_among_the_ads_is_not_audited_next_time() {
    let dir = tempfile::tempdir().unwrap();
    employer_ads(dir.path());
    let audit = || {
        let out = terskel()
            .current_dir(dir.path())
            .args(["audit", "--output", "ads/audit.md", "ads"])
            .output()
            .unwrap();
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        std::fs::read_to_string(dir.path().join("ads/audit.md")).unwrap()
    };
    let first = audit();
    assert!(first.contains("| Annonser | 4 |"), "{first}");
    assert_eq!(audit(), first);
}

#[test]
fn jobs_do_not_change_a_byte() {
    for format in ["markdown", "html", "json"] {
        let one = run(&["audit", "--format", format, "--jobs", "1", "corpus/"]);
        let two = run(&["audit", "--format", format, "--jobs", "2", "corpus/"]);
        assert_eq!(code(&one), code(&two));
        assert!(!one.stdout.is_empty());
        assert!(
            one.stdout == two.stdout,
            "{format} differs between --jobs 1 and 2"
        );
    }
}

#[test]
fn an_empty_directory_gives_an_empty_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = terskel()
        .current_dir(dir.path())
        .args(["audit", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0);
    assert!(stderr(&out).contains("no ads found"));
    let audit = json(&out);
    assert_eq!(audit["totals"]["ads"], 0);
    assert_eq!(audit["ads"], serde_json::json!([]));
}

// See: issue 5 — the audit lists every suppression with its reason (who said why).
#[test]
fn suppressions_are_listed_with_their_reasons() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "sjafor.md",
        "# Sjåfør\n\n## Kvalifikasjoner\n\n<!-- terskel-disable-next-line driving-licence: du kjører buss hver dag -->\n- Førerkort klasse D\n\n<!-- terskel-disable-next-line language-level -->\n- Gode norskkunnskaper\n",
    );
    let out = run(&[
        "audit",
        "--format",
        "json",
        "--fail-on",
        "never",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json(&out);
    let list = report["suppressions"].as_array().unwrap();
    assert_eq!(list.len(), 2, "{report:#}");
    let reasons: Vec<(&str, Option<&str>)> = list
        .iter()
        .map(|s| {
            (
                s["rule_or_category"].as_str().unwrap(),
                s["reason"].as_str(),
            )
        })
        .collect();
    assert!(
        reasons.contains(&("driving-licence", Some("du kjører buss hver dag"))),
        "{reasons:?}"
    );
    assert!(reasons.contains(&("language-level", None)), "{reasons:?}");
    let md = stdout(&run(&[
        "audit",
        "--fail-on",
        "never",
        dir.path().to_str().unwrap(),
    ]));
    assert!(md.contains("du kjører buss hver dag"), "{md}");
}
