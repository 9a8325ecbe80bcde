//! A finding's line:column and byte span point at the matched word in the original file,
//! with front matter, æøå and CRLF line endings.

use crate::{fixture, json, run};

fn finding<'a>(report: &'a serde_json::Value, category: &str) -> &'a serde_json::Value {
    report["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["category"] == category)
        .unwrap_or_else(|| panic!("no {category} finding in {report:#}"))
}

/// 1-based line and character column of byte `offset` in `text`, computed independently.
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line as u64, col as u64)
}

#[test]
fn spans_point_into_the_original_crlf_file() {
    let path = fixture("crlf-aeoeaa.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let report = json(&run(&["check", "--format", "json", path.to_str().unwrap()]));
    for (category, word) in [
        ("driving-licence", "FØRERKORT"),
        ("language-level", "gode norskkunnskaper"),
    ] {
        let f = finding(&report, category);
        let span = &f["span"];
        let start = span["start"].as_u64().unwrap() as usize;
        let end = span["end"].as_u64().unwrap() as usize;
        assert!(
            text[start..end].starts_with(word),
            "{category}: {:?}",
            &text[start..end]
        );
        assert_eq!(f["text"].as_str().unwrap(), &text[start..end]);
        assert_eq!(
            (
                span["line"].as_u64().unwrap(),
                span["column"].as_u64().unwrap()
            ),
            line_col(&text, start)
        );
        assert_eq!(
            (
                span["end_line"].as_u64().unwrap(),
                span["end_column"].as_u64().unwrap()
            ),
            line_col(&text, end)
        );
    }
    let f = finding(&report, "driving-licence");
    assert_eq!(
        (f["span"]["line"].as_u64(), f["span"]["column"].as_u64()),
        (Some(10), Some(9))
    );
}

#[test]
fn spans_count_front_matter_lines() {
    let path = fixture("helsefagarbeider.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let report = json(&run(&["check", "--format", "json", path.to_str().unwrap()]));
    let f = finding(&report, "discrimination");
    let start = f["span"]["start"].as_u64().unwrap() as usize;
    assert!(text[start..].starts_with("God helse"));
    let expected_line = text[..start].matches('\n').count() as u64 + 1;
    assert_eq!(f["span"]["line"].as_u64().unwrap(), expected_line);
    assert_eq!(f["span"]["column"].as_u64().unwrap(), 3);
}
