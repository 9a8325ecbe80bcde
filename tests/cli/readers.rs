//! Real exports read right or refused loudly: every NAV ad shape from a fixture, skipped ads,
//! unknown shapes, Unicode forms, encodings, lone CR, standard input and language detection.
//! See: issue 10.

use crate::{
    assert_stderr_contains, code, corpus_ads, fixture, json, root, run, run_stdin, stderr, write,
};
use std::collections::BTreeSet;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// `check --format json --fail-on never` on `paths`, asserting it exits `expect`.
fn check_json(paths: &[&str], expect: i32) -> (serde_json::Value, String) {
    let mut args = vec!["check", "--format", "json", "--fail-on", "never"];
    args.extend_from_slice(paths);
    let out = run(&args);
    assert_eq!(code(&out), expect, "{args:?}: {}", stderr(&out));
    (json(&out), stderr(&out))
}

fn export(name: &str) -> String {
    fixture(&format!("exports/{name}"))
        .to_str()
        .unwrap()
        .to_string()
}

fn docs(report: &serde_json::Value) -> &Vec<serde_json::Value> {
    report["documents"].as_array().unwrap()
}

/// The (rule, section) pairs of a document's findings.
fn rules(doc: &serde_json::Value) -> BTreeSet<(String, String)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["section"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect()
}

fn has(doc: &serde_json::Value, rule: &str) -> bool {
    rules(doc).iter().any(|(r, _)| r == rule)
}

/// Every finding with a span points at the very bytes of its `text` in the file.
#[track_caller]
fn spans_hit_their_text(doc: &serde_json::Value, file: &Path) {
    let bytes = std::fs::read(file).unwrap();
    for f in doc["findings"].as_array().unwrap() {
        if f["span"].is_null() {
            continue;
        }
        let start = f["span"]["start"].as_u64().unwrap() as usize;
        let end = f["span"]["end"].as_u64().unwrap() as usize;
        let found = String::from_utf8_lossy(&bytes[start..end]);
        assert_eq!(found, f["text"].as_str().unwrap(), "{f}");
    }
}

#[test]
fn a_stilling_feed_entry_is_one_ad_with_employer_text_contact_and_identity() {
    let file = export("stilling-feed-entry.json");
    let (report, _) = check_json(&[&file], 0);
    let [doc] = docs(&report).as_slice() else {
        panic!("{report}")
    };
    assert_eq!(doc["title"], "Miljøarbeider i bofellesskap");
    assert_eq!(doc["uuid"], "0b6f3c1e-7a2d-4c55-9e1f-2d8a4b6c0001");
    assert_eq!(
        doc["link"],
        "https://arbeidsplassen.nav.no/stillinger/stilling/0b6f3c1e-7a2d-4c55-9e1f-2d8a4b6c0001"
    );
    assert_eq!(doc["employer"], "Fjellbygd kommune, Haugen bofellesskap");
    assert_eq!(doc["orgnr"], "999888777");
    assert_eq!(doc["application_due"], "2026-03-20");
    assert_eq!(doc["sector"], "Offentlig");
    assert_eq!(doc["extent"], "Heltid");
    assert_eq!(doc["engagement_type"], "Fast");
    assert!(doc["occupation"]
        .as_str()
        .unwrap()
        .starts_with("STYRK08 5321 Helsefagarbeidere; ESCO"));
    assert_eq!(doc["location"], "FJELLBYGD, NORDLAND");
    // The HTML sections are read: the demand is in the requirements.
    assert!(rules(doc).contains(&(
        "nb.driving-licence.required".to_string(),
        "requirements".to_string()
    )));
    // The inclusion statement is in the employer's own text; the contact is in contactList.
    assert!(!has(doc, "nb.missing-inclusion-statement.no-statement"));
    assert!(!has(doc, "nb.missing-contact.no-contact"));
    spans_hit_their_text(doc, Path::new(&file));
}

#[test]
fn a_public_feed_page_is_one_document_per_ad_with_its_link() {
    let file = export("public-feed-page.json");
    let (report, _) = check_json(&[&file], 0);
    let [doc] = docs(&report).as_slice() else {
        panic!("{report}")
    };
    assert_eq!(doc["path"], format!("{file}#1"));
    assert_eq!(doc["title"], "Miljøarbeider, natt");
    assert_eq!(doc["uuid"], "0b6f3c1e-7a2d-4c55-9e1f-2d8a4b6c0003");
    assert_eq!(
        doc["link"],
        "https://arbeidsplassen.nav.no/stillinger/stilling/0b6f3c1e-7a2d-4c55-9e1f-2d8a4b6c0003"
    );
    assert!(has(doc, "nb.driving-licence.required"));
    // No inclusion statement in this employer's text, and no contact list.
    assert!(has(doc, "nb.missing-inclusion-statement.no-statement"));
    assert!(has(doc, "nb.missing-contact.no-contact"));
    spans_hit_their_text(doc, Path::new(&file));
    // The same export saved as .txt is read by its content, not linted as raw JSON.
    let dir = tempfile::tempdir().unwrap();
    let txt = write(dir.path(), "eksport.txt", std::fs::read(&file).unwrap());
    let (report, _) = check_json(&[txt.to_str().unwrap()], 0);
    assert_eq!(docs(&report)[0]["title"], "Miljøarbeider, natt");
    assert_eq!(rules(&docs(&report)[0]), rules(doc));
}

#[test]
fn pam_ad_and_its_wrappers_give_the_same_ad() {
    let expected = {
        let (report, _) = check_json(&[&export("pam-ad.json")], 0);
        let doc = &docs(&report)[0];
        assert_eq!(doc["title"], "Vi søker barnehageassistent");
        assert_eq!(doc["uuid"], "5d1c9a20-0000-4000-8000-000000000001");
        assert_eq!(doc["employer"], "ELVEDAL KOMMUNE BARNEHAGER");
        assert_eq!(doc["orgnr"], "999777555");
        assert_eq!(doc["occupation"], "STYRK08 5311.01 Barnehageassistent");
        assert_eq!(doc["location"], "ELVEDAL, TROMS");
        assert_eq!(doc["application_due"], "2026-05-01");
        // properties.adtext is the text: its requirement is found there.
        assert!(rules(doc).contains(&(
            "nb.language-level.vague-norwegian".to_string(),
            "requirements".to_string()
        )));
        // A demand in the employer's text is still a demand.
        assert!(rules(doc).contains(&(
            "nb.formal-competence.higher-education".to_string(),
            "requirements".to_string()
        )));
        // contactList with a name and an e-mail is a contact.
        assert!(!has(doc, "nb.missing-contact.no-contact"));
        spans_hit_their_text(doc, &fixture("exports/pam-ad.json"));
        rules(doc)
    };
    for wrapper in [
        "rekrutteringsbistand.json",
        "spring-page.json",
        "elasticsearch.json",
    ] {
        let file = export(wrapper);
        let (report, err) = check_json(&[&file], 0);
        let first = &docs(&report)[0];
        assert_eq!(first["title"], "Vi søker barnehageassistent", "{wrapper}");
        assert_eq!(rules(first), expected, "{wrapper}");
        spans_hit_their_text(first, Path::new(&file));
        if wrapper == "spring-page.json" {
            // The stopped ad of the page is skipped, named, and counted.
            assert_eq!(docs(&report).len(), 2);
            assert!(
                err.contains("spring-page.json#3 (Renholder (stoppet), uuid 5d1c9a20-0000-4000-8000-000000000003): skipped: the ad's status is STOPPED"),
                "{err}"
            );
            assert_eq!(report["summary"]["skipped"], 1);
        }
        if wrapper == "elasticsearch.json" {
            // hits.hits[]._source, whose source may itself be rekrutteringsbistand's shape.
            assert_eq!(docs(&report).len(), 2);
            assert_eq!(docs(&report)[1]["title"], "Kokk til sykehjemmet");
            assert!(!has(
                &docs(&report)[1],
                "nb.missing-inclusion-statement.no-statement"
            ));
        }
    }
}

#[test]
fn import_api_arrays_and_streams_are_read_and_an_empty_ad_is_skipped() {
    for name in ["import-api.json", "import-api.jstream"] {
        let file = export(name);
        let (report, err) = check_json(&[&file], 0);
        let titles: Vec<&str> = docs(&report)
            .iter()
            .map(|d| d["title"].as_str().unwrap())
            .collect();
        assert_eq!(titles, ["Vaktmester ved rådhuset", "Lærer"], "{name}");
        assert_eq!(docs(&report)[0]["path"], format!("{file}#1"));
        assert_eq!(docs(&report)[1]["path"], format!("{file}#3"));
        assert_eq!(docs(&report)[0]["employer"], "Elvedal kommune");
        assert!(has(&docs(&report)[0], "nb.driving-licence.required"));
        // A phone number in contactList is a contact; the ad without one gets the finding.
        assert!(!has(&docs(&report)[0], "nb.missing-contact.no-contact"));
        assert!(has(&docs(&report)[1], "nb.missing-contact.no-contact"));
        assert!(has(&docs(&report)[1], "nb.language-level.vague-norwegian"));
        for doc in docs(&report) {
            spans_hit_their_text(doc, Path::new(&file));
        }
        // The empty ad: a warning naming it, counted as skipped, exit 0 with --fail-on never.
        assert!(
            err.contains(&format!(
                "warning: {file}#2 (Tom annonse): skipped: the ad has no text"
            )),
            "{err}"
        );
        assert_eq!(report["summary"]["skipped"], 1);
        assert_eq!(
            report["skipped"][0]["path"],
            format!("{file}#2 (Tom annonse)")
        );
    }
    // The stream keeps file lines: the third object starts on line 2.
    let (report, _) = check_json(&[&export("import-api.jstream")], 0);
    let norsk = docs(&report)[1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "nb.language-level.vague-norwegian")
        .unwrap()
        .clone();
    assert!(norsk["span"]["line"].as_u64().unwrap() > 2, "{norsk}");
}

#[test]
fn a_feed_page_is_never_read_as_an_ad() {
    let file = export("stilling-feed-page.json");
    let (report, err) = check_json(&[&file], 0);
    assert!(docs(&report).is_empty(), "{report}");
    assert_eq!(report["summary"]["skipped"], 2);
    assert!(
        err.contains("(Miljøarbeider i bofellesskap, uuid 0b6f3c1e-7a2d-4c55-9e1f-2d8a4b6c0001): skipped: a pam-stilling-feed page names ads without their text"),
        "{err}"
    );
    assert!(!err.contains("Stillingsfeed fra en testportal"), "{err}");
    // An inactive entry carries no content: skipped, named by its uuid.
    let (report, err) = check_json(&[&export("stilling-feed-inactive.json")], 0);
    assert!(docs(&report).is_empty());
    assert!(
        err.contains("(uuid 0b6f3c1e-7a2d-4c55-9e1f-2d8a4b6c0002): skipped: the feed entry has no ad content (status INACTIVE"),
        "{err}"
    );
}

#[test]
fn an_unknown_json_shape_exits_2_naming_the_fields_looked_for() {
    let file = export("unknown-shape.json");
    let out = run(&["check", "--fail-on", "never", &file]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    for needle in [
        &format!("{file}:1: unknown JSON shape"),
        "description, adText, adtext, text, body or properties.adtext",
        "content",
        "_feed_entry",
        "ad_content",
        "stilling",
        "hits.hits[]._source",
        "the object has the fields: antall, stillinger",
    ] {
        assert_stderr_contains(&out, needle);
    }
}

#[test]
fn skipped_ads_are_counted_in_sarif_and_the_audit() {
    let file = export("import-api.json");
    let out = run(&["check", "--format", "sarif", "--fail-on", "never", &file]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let sarif = json(&out);
    assert_eq!(sarif["runs"][0]["properties"]["skipped"], 1);
    let note = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert!(note["message"]["text"]
        .as_str()
        .unwrap()
        .contains("(Tom annonse): skipped"));
    // Results carry the ad's identity.
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["properties"]["uuid"], "IMP-1");
    assert_eq!(result["properties"]["title"], "Vaktmester ved rådhuset");

    let out = run(&["audit", "--format", "json", "--fail-on", "never", &file]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let audit = json(&out);
    assert_eq!(audit["totals"]["skipped"], 1, "{audit}");
    let out = run(&["audit", "--fail-on", "never", &file]);
    assert!(crate::stdout(&out).contains("| Annonser hoppet over (uten tekst) | 1 |"));
}

#[test]
fn the_audit_links_an_exported_ad_to_the_web_and_names_it_by_title_and_uuid() {
    let out = run(&[
        "audit",
        "--fail-on",
        "never",
        &export("stilling-feed-entry.json"),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = crate::stdout(&out);
    assert!(
        text.contains("[Miljøarbeider i bofellesskap (0b6f3c1e-7a2d-4c55-9e1f-2d8a4b6c0001)](<https://arbeidsplassen.nav.no/stillinger/stilling/0b6f3c1e-7a2d-4c55-9e1f-2d8a4b6c0001>)"),
        "{text}"
    );
    // An ad of an export without a link links to its file, never to FILE%23N.
    let out = run(&["audit", "--fail-on", "never", &export("import-api.json")]);
    let text = crate::stdout(&out);
    assert!(!text.contains("%23"), "{text}");
}

/// Per ad file name: the findings as (rule, line, text in NFC).
type Findings = Vec<(String, Vec<(String, u64, String)>)>;

fn findings_of(dir: &Path) -> Findings {
    let (report, _) = check_json(&[dir.to_str().unwrap()], 0);
    let mut out: Findings = docs(&report)
        .iter()
        .map(|d| {
            let name = Path::new(d["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let findings = d["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    (
                        f["rule"].as_str().unwrap().to_string(),
                        f["span"]["line"].as_u64().unwrap_or(0),
                        f["text"].as_str().unwrap_or("").nfc().collect(),
                    )
                })
                .collect();
            (name, findings)
        })
        .collect();
    out.sort();
    out
}

/// Copies every corpus ad into a new directory, each through `convert`; `None` leaves it out.
fn copies(convert: impl Fn(&str) -> Option<Vec<u8>>) -> (tempfile::TempDir, tempfile::TempDir) {
    let (originals, copies) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for ad in corpus_ads() {
        let text = std::fs::read_to_string(&ad).unwrap();
        let lang = ad.parent().unwrap().file_name().unwrap().to_string_lossy();
        let name = format!("{lang}-{}", ad.file_name().unwrap().to_string_lossy());
        if let Some(bytes) = convert(&text) {
            write(originals.path(), &name, &text);
            write(copies.path(), &name, bytes);
        }
    }
    (originals, copies)
}

#[test]
fn an_nfd_copy_of_every_corpus_ad_gives_the_same_findings() {
    let (nfc, nfd) = copies(|text| Some(text.nfd().collect::<String>().into_bytes()));
    let original = findings_of(nfc.path());
    assert_eq!(original.len(), corpus_ads().len());
    assert!(original.iter().any(|(_, f)| !f.is_empty()));
    assert_eq!(findings_of(nfd.path()), original);
    // Spans point at the decomposed bytes of the copy (in HTML the text is the page's text
    // with its entities decoded, so only Markdown and plain text compare byte for byte).
    let (report, _) = check_json(&[nfd.path().to_str().unwrap()], 0);
    for doc in docs(&report) {
        if doc["path"].as_str().unwrap().ends_with(".html") {
            continue;
        }
        let bytes = std::fs::read(doc["path"].as_str().unwrap()).unwrap();
        for f in doc["findings"].as_array().unwrap() {
            if f["span"].is_null() {
                continue;
            }
            let (s, e) = (
                f["span"]["start"].as_u64().unwrap() as usize,
                f["span"]["end"].as_u64().unwrap() as usize,
            );
            let found: String = String::from_utf8_lossy(&bytes[s..e]).nfc().collect();
            let text: String = f["text"].as_str().unwrap().nfc().collect();
            assert_eq!(found, text, "{}", doc["path"]);
        }
    }
}

#[test]
fn windows_1252_copies_of_corpus_ads_give_the_same_findings_and_say_so() {
    let (utf8, cp1252) = copies(|text| {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
        (!unmappable && bytes.iter().any(|&b| b >= 0x80)).then(|| bytes.into_owned())
    });
    let original = findings_of(utf8.path());
    assert!(original.len() > 20, "{}", original.len());
    assert_eq!(findings_of(cp1252.path()), original);
    let out = run(&[
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        cp1252.path().to_str().unwrap(),
    ]);
    assert_stderr_contains(&out, "re-encoded from windows-1252 to UTF-8");
    assert_eq!(docs(&json(&out))[0]["encoding"], "windows-1252");
}

#[test]
fn utf16_copies_of_corpus_ads_give_the_same_findings() {
    let (utf8, utf16) = copies(|text| {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        Some(bytes)
    });
    let original = findings_of(utf8.path());
    assert_eq!(findings_of(utf16.path()), original);
    // Named on the command line, UTF-16 is read, never skipped as binary.
    let one = std::fs::read_dir(utf16.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let out = run(&[
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        one.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(docs(&json(&out))[0]["encoding"], "UTF-16LE");
    // UTF-16 without a byte order mark (NUL bytes) named on the command line is an error.
    let bare = write(
        utf16.path(),
        "bare.txt",
        "Vi søker"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>(),
    );
    let out = run(&["check", "--fail-on", "never", bare.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_stderr_contains(&out, "cannot be checked");
}

#[test]
fn lone_cr_line_endings_give_real_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# Renholder\r\rVi søker en renholder.\r\r## Kvalifikasjoner\r\r- Du må ha førerkort klasse B\r";
    let file = write(dir.path(), "cr.md", text);
    let (report, _) = check_json(&[file.to_str().unwrap()], 0);
    let licence = docs(&report)[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "nb.driving-licence.required")
        .unwrap()
        .clone();
    assert_eq!(licence["span"]["line"], 7, "{licence}");
    assert_eq!(licence["span"]["column"], 12, "{licence}");
}

/// A JSON Lines export of every corpus ad (one per line, `text` or `description` for HTML),
/// and the same ads as a pretty-printed JSON array and as a `.jstream` of pretty-printed
/// objects: (jsonl, json, jstream) as UTF-8 text.
fn corpus_exports() -> (String, String, String) {
    let ads: Vec<serde_json::Value> = corpus_ads()
        .iter()
        .enumerate()
        .map(|(i, ad)| {
            let text = std::fs::read_to_string(ad).unwrap();
            let field = if ad.extension().is_some_and(|e| e == "html") {
                "description"
            } else {
                "text"
            };
            let title = ad.file_stem().unwrap().to_string_lossy().replace('-', " ");
            serde_json::json!({"uuid": format!("ad-{i}"), "title": title, field: text})
        })
        .collect();
    let jsonl = ads
        .iter()
        .map(|ad| serde_json::to_string(ad).unwrap() + "\n")
        .collect();
    let json = serde_json::to_string_pretty(&ads).unwrap();
    let jstream = ads
        .iter()
        .map(|ad| serde_json::to_string_pretty(ad).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    (jsonl, json, jstream)
}

/// The findings of a report as (ad name without the file, rule, line, column, start, text).
fn export_findings(report: &serde_json::Value) -> Vec<(String, String, u64, u64, u64, String)> {
    let mut out = Vec::new();
    for doc in docs(report) {
        let path = doc["path"].as_str().unwrap();
        let ad = path.rsplit(['/', '\\']).next().unwrap();
        let ad = ad.split_once(['#', ':']).map_or("", |(_, n)| n).to_string();
        for f in doc["findings"].as_array().unwrap() {
            out.push((
                ad.clone(),
                f["rule"].as_str().unwrap().to_string(),
                f["span"]["line"].as_u64().unwrap_or(0),
                f["span"]["column"].as_u64().unwrap_or(0),
                f["span"]["start"].as_u64().unwrap_or(0),
                f["text"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    out
}

// See: issue 10 (JSON Lines and .jstream exports in Windows-1252 or UTF-16 were errors on
// every line).
#[test]
fn windows_1252_and_utf16_exports_give_the_same_findings_as_utf8_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let (jsonl, json_array, jstream) = corpus_exports();
    for (ext, text) in [
        ("jsonl", &jsonl),
        ("json", &json_array),
        ("jstream", &jstream),
    ] {
        let original = write(dir.path(), &format!("utf8.{ext}"), text);
        let (report, err) = check_json(&[original.to_str().unwrap()], 0);
        assert!(!err.contains("re-encoded"), "{err}");
        let expected = export_findings(&report);
        assert!(expected.len() > 100, "{ext}: {}", expected.len());
        // Windows-1252 holds every corpus letter (æøå, «», –).
        let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(!unmappable && cp1252.iter().any(|&b| b >= 0x80));
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        for (label, bytes) in [
            ("windows-1252", cp1252.into_owned()),
            ("UTF-16LE", le),
            ("UTF-16BE", be),
        ] {
            let copy = write(dir.path(), &format!("{label}.{ext}"), bytes);
            let (report, err) = check_json(&[copy.to_str().unwrap()], 0);
            // Same ads, rules, lines, columns and (UTF-8) offsets as the original.
            assert_eq!(export_findings(&report), expected, "{label}.{ext}");
            assert_eq!(
                err.matches(&format!("re-encoded from {label} to UTF-8"))
                    .count(),
                1,
                "{label}.{ext}: {err}"
            );
            assert!(docs(&report).iter().all(|d| d["encoding"] == label));
        }
    }
}

// See: issue 10 (bytes that are no text in a streamed export are refused, never misread).
#[test]
fn a_streamed_export_that_is_neither_utf8_nor_windows_1252_is_refused_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    // UTF-8 first (line 1), then a Windows-1252 line: a mixed file is not guessed at.
    let mixed = write(
        dir.path(),
        "mixed.jsonl",
        b"{\"text\": \"Vi s\xc3\xb8ker en kokk.\"}\n{\"text\": \"Vi s\xf8ker en kokk.\"}\n"
            .as_slice(),
    );
    let out = run(&["check", "--fail-on", "never", mixed.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_stderr_contains(&out, "mixed.jsonl:2:");
    // A byte Windows-1252 leaves undefined (0x81) on line 2.
    let undefined = write(
        dir.path(),
        "undefined.jsonl",
        b"{\"text\": \"Vi s\xf8ker en kokk.\"}\n{\"text\": \"x\x81\"}\n".as_slice(),
    );
    let out = run(&["check", "--fail-on", "never", undefined.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_stderr_contains(&out, "undefined.jsonl:2:");
    assert_stderr_contains(&out, "0x81");
    // Broken UTF-16 after a byte order mark (an unpaired surrogate).
    let mut broken = vec![0xFF, 0xFE];
    broken.extend(
        "{\"text\": \"Vi søker\"}\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    broken.extend([0x00, 0xD8, b'a', 0x00]);
    let broken = write(dir.path(), "broken.jsonl", broken);
    let out = run(&["check", "--fail-on", "never", broken.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_stderr_contains(&out, "not valid UTF-16LE");
}

// See: issue 10 (a lone CR in a JSON export was no line break: every ad after the first of a
// pretty-printed array or stream on the wrong line, a JSON Lines file one broken line).
#[test]
fn lone_cr_line_endings_in_exports_give_the_lines_of_lf_endings() {
    let dir = tempfile::tempdir().unwrap();
    let (jsonl, json_array, jstream) = corpus_exports();
    for (ext, text) in [
        ("jsonl", &jsonl),
        ("json", &json_array),
        ("jstream", &jstream),
    ] {
        let lf = write(dir.path(), &format!("lf.{ext}"), text);
        let cr = write(dir.path(), &format!("cr.{ext}"), text.replace('\n', "\r"));
        let crlf = write(
            dir.path(),
            &format!("crlf.{ext}"),
            text.replace('\n', "\r\n"),
        );
        let (report, _) = check_json(&[lf.to_str().unwrap()], 0);
        let expected = export_findings(&report);
        assert!(expected.iter().any(|f| f.2 > 20), "{ext}: lines beyond 20");
        // Same lines and columns (offsets are the same too: CR and LF are one byte each).
        let (report, _) = check_json(&[cr.to_str().unwrap()], 0);
        assert_eq!(export_findings(&report), expected, "cr.{ext}");
        spans_hit_their_text(&docs(&report)[1], &cr);
        let lines_cols = |f: &Vec<(String, String, u64, u64, u64, String)>| {
            f.iter()
                .map(|(a, r, l, c, _, t)| (a.clone(), r.clone(), *l, *c, t.clone()))
                .collect::<Vec<_>>()
        };
        let (report, _) = check_json(&[crlf.to_str().unwrap()], 0);
        let found = export_findings(&report);
        let names = |f: &[(String, String, u64, u64, u64, String)]| {
            f.iter().map(|x| x.0.clone()).collect::<BTreeSet<_>>()
        };
        assert_eq!(names(&found), names(&expected), "crlf.{ext}");
        assert_eq!(lines_cols(&found), lines_cols(&expected), "crlf.{ext}");
    }
}

#[test]
fn piped_html_gives_the_same_findings_as_the_file() {
    let file = root().join("corpus/nb/driftsoperator-vannverk.html");
    let (from_file, _) = check_json(&[file.to_str().unwrap()], 0);
    let bytes = std::fs::read(&file).unwrap();
    let strip = |report: &serde_json::Value| {
        let mut doc = docs(report)[0].clone();
        doc.as_object_mut().unwrap().remove("path");
        doc
    };
    for flags in [
        &["--stdin-format", "html"][..],
        &["--stdin-filename", "annonse.html"][..],
        &[][..],
    ] {
        let mut args = vec!["check", "--format", "json", "--fail-on", "never"];
        args.extend_from_slice(flags);
        args.push("-");
        let out = run_stdin(&args, &bytes);
        assert_eq!(code(&out), 0, "{flags:?}: {}", stderr(&out));
        assert_eq!(strip(&json(&out)), strip(&from_file), "{flags:?}");
    }
    let out = run_stdin(
        &[
            "check",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--stdin-filename",
            "annonse.html",
            "-",
        ],
        &bytes,
    );
    assert_eq!(docs(&json(&out))[0]["path"], "annonse.html");
    // JSON on standard input is read as an export.
    let ad = std::fs::read(fixture("exports/import-api.json")).unwrap();
    let out = run_stdin(
        &[
            "check",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--stdin-format",
            "json",
            "-",
        ],
        &ad,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(docs(&json(&out)).len(), 2);
}

#[test]
fn an_html_comment_in_another_language_does_not_change_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let comment = "<!-- Note to the editor: please check this with the hiring manager before we publish it, and make sure the text is approved by the union and the team. See https://example.com/the/guidelines/for/all/of/our/job/ads for the rules that we have. -->";
    let body = "# Renholder\n\nVi søker en renholder til skolen.\n\n## Kvalifikasjoner\n\n- Du må ha førerkort klasse B\n";
    let md = write(dir.path(), "a.md", format!("{comment}\n\n{body}"));
    let html = write(
        dir.path(),
        "a.html",
        format!("<html><body>{comment}<h1>Renholder</h1><p>Vi søker en renholder til skolen.</p><h2>Kvalifikasjoner</h2><ul><li>Du må ha førerkort klasse B</li></ul></body></html>"),
    );
    let (report, _) = check_json(&[md.to_str().unwrap(), html.to_str().unwrap()], 0);
    for doc in docs(&report) {
        assert_eq!(doc["language"], "nb", "{}", doc["path"]);
        assert!(has(doc, "nb.driving-licence.required"), "{}", doc["path"]);
    }
}

#[test]
fn an_ad_in_an_unsupported_language_gets_one_notice_instead_of_bokmal_rules() {
    let dir = tempfile::tempdir().unwrap();
    let swedish = write(
        dir.path(),
        "sv.md",
        "# Lokalvårdare\n\nVi söker en lokalvårdare till vår skola. Du kommer att arbeta med städning och är en del av ett team som är noga och som tycker om att arbeta med människor.\n\n## Kvalifikationer\n\n- Du har körkort och erfarenhet av städning\n- Du talar och skriver svenska\n",
    );
    let german = write(
        dir.path(),
        "de.md",
        "# Reinigungskraft\n\nWir suchen eine Reinigungskraft für unsere Schule. Sie arbeiten in einem Team und sind für die Reinigung der Räume zuständig.\n\n## Anforderungen\n\n- Führerschein Klasse B ist erforderlich\n- Sie sprechen gut Deutsch und sind zuverlässig\n",
    );
    let (report, err) = check_json(&[swedish.to_str().unwrap(), german.to_str().unwrap()], 0);
    assert!(docs(&report).is_empty(), "{report}");
    assert!(
        err.contains("sv.md: skipped: language not supported: Swedish"),
        "{err}"
    );
    assert!(
        err.contains("de.md: skipped: language not supported: German"),
        "{err}"
    );
    // Declared in front matter: a known but unsupported language gets the notice too.
    let declared = write(
        dir.path(),
        "x.md",
        "---\nlang: sv\n---\n# Kokk\n\nVi søker en kokk.\n",
    );
    let (_, err) = check_json(&[declared.to_str().unwrap()], 0);
    assert!(
        err.contains("x.md: skipped: language not supported: Swedish"),
        "{err}"
    );
    // An unknown `lang:` is an error with file:line.
    let unknown = write(
        dir.path(),
        "y.md",
        "---\ntitle: Kokk\nlang: klingon\n---\n# Kokk\n\nVi søker en kokk.\n",
    );
    let out = run(&["check", "--fail-on", "never", unknown.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_stderr_contains(&out, &format!("{}:3:", unknown.display()));
    assert_stderr_contains(&out, "klingon");
}
