//! `--format sarif`: SARIF 2.1.0, the format code-scanning services read (GitHub code scanning,
//! Azure DevOps, many editors).
//!
//! One run; `tool.driver.rules` lists every active rule, sorted by id, with its message as the
//! short description, `why` as the full description, `why` and the suggestion as help (text and
//! Markdown) and the category in `properties`. Each finding is a result with `ruleId`/`ruleIndex`,
//! `level` (`error`, `warning`, `note` for info), the message, and a location in the file the ad
//! came from: lines, columns (`columnKind` is `unicodeCodePoints`, as everywhere in terskel) and
//! byte offsets. A finding about the whole ad is located at the ad's start (line 1 of a file; see
//! [`super::place`]). An ad of a JSON export names its record in `properties.document`.
//!
//! **Streaming.** Results come in input order, findings sorted as the engine sorts them, so the
//! same input gives the same bytes. The rules are known before the first ad (they are the rule
//! set, not the rules that fired), so the log is written as it goes: the reporter keeps only the
//! rule index, never a document or a result, and a run over a huge export needs no more memory
//! than any other format.

use super::place::Place;
use super::{Checked, Reporter};
use crate::engine::Finding;
use crate::rules::{Rule, RuleSet};
use crate::taxonomy::Severity;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The JSON schema of SARIF 2.1.0 (OASIS, with errata 01).
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The SARIF reporter.
pub struct SarifReporter<'a> {
    rules: Vec<&'a Rule>,
    index: BTreeMap<&'a str, usize>,
    results: usize,
    skipped: Vec<super::Skipped>,
}

impl<'a> SarifReporter<'a> {
    /// A reporter that describes the rules of `rules`.
    pub fn new(rules: &'a RuleSet) -> Self {
        let mut sorted: Vec<&Rule> = rules.rules().iter().collect();
        sorted.sort_by(|a, b| a.id.cmp(&b.id));
        let index = sorted
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        Self {
            rules: sorted,
            index,
            results: 0,
            skipped: Vec::new(),
        }
    }
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleOut<'a> {
    id: &'a str,
    short_description: Text<'a>,
    full_description: Text<'a>,
    help: Help,
    default_configuration: Level,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct Level {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    category: &'static str,
    language: &'static str,
    tags: Vec<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    information_uri: &'static str,
    rules: Vec<RuleOut<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultOut<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: [Location; 1],
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_length: Option<usize>,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    category: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<&'a str>,
    /// The ad's title, uuid, link, … when it comes from an export (see
    /// [`super::json::identity`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(flatten)]
    identity: BTreeMap<&'static str, serde_json::Value>,
}

/// The SARIF level of a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule_out(rule: &Rule) -> RuleOut<'_> {
    let why = rule.why.trim();
    let suggestion = rule.suggestion.trim();
    let help = if suggestion.is_empty() {
        why.to_string()
    } else {
        format!("{why}\n\n{suggestion}")
    };
    RuleOut {
        id: &rule.id,
        short_description: Text {
            text: rule.message.trim(),
        },
        full_description: Text { text: why },
        help: Help {
            text: help.clone(),
            markdown: help,
        },
        default_configuration: Level {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            category: rule.category.id(),
            language: rule.language_id(),
            tags: vec![rule.category.id()],
        },
    }
}

/// The URI reference of a path: relative paths stay relative (with `/`), absolute paths become
/// `file:` URIs; every byte outside the unreserved set and `/` is percent-encoded.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let (prefix, rest) = if path.starts_with('/') {
        ("file://", path)
    } else if path.as_bytes().get(1) == Some(&b':') && path.as_bytes().get(2) == Some(&b'/') {
        // A Windows drive: `C:/…` keeps its colon.
        let (drive, rest) = path.split_at(2);
        return format!("file:///{drive}{}", encode(rest));
    } else {
        ("", path)
    };
    format!("{prefix}{}", encode(rest))
}

fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn indented(value: &impl Serialize, indent: &str) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    Ok(text.replace('\n', &format!("\n{indent}")))
}

impl SarifReporter<'_> {
    fn result<'f>(&self, checked: &'f Checked, finding: &'f Finding) -> ResultOut<'f> {
        let place = Place::of(&checked.document, finding);
        let located = finding.span.is_some();
        let document =
            (checked.document.path != place.file).then_some(checked.document.path.as_str());
        ResultOut {
            rule_id: &finding.rule,
            rule_index: self.index.get(finding.rule.as_str()).copied(),
            level: level(finding.severity),
            message: Text {
                text: finding.message.trim(),
            },
            locations: [Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: uri(place.file),
                    },
                    region: Region {
                        start_line: place.line,
                        start_column: place.column,
                        end_line: located.then_some(place.end_line),
                        end_column: located.then_some(place.end_column),
                        byte_offset: place.bytes.map(|(start, _)| start),
                        byte_length: place.bytes.map(|(start, end)| end.saturating_sub(start)),
                    },
                },
            }],
            properties: ResultProperties {
                category: finding.category.id(),
                section: finding.section.map(|s| s.id()),
                document,
                title: (checked.document.format == crate::posting::Format::Json)
                    .then_some(checked.document.title.as_deref())
                    .flatten(),
                identity: super::json::identity(&checked.document),
            },
        }
    }
}

impl Reporter for SarifReporter<'_> {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let tool = Tool {
            driver: Driver {
                name: "terskel",
                version: env!("CARGO_PKG_VERSION"),
                information_uri: env!("CARGO_PKG_REPOSITORY"),
                rules: self.rules.iter().map(|r| rule_out(r)).collect(),
            },
        };
        write!(
            out,
            "{{\n  \"$schema\": \"{SCHEMA}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
            indented(&tool, "      ")?
        )
    }

    fn document(&mut self, checked: &Checked, out: &mut dyn Write) -> io::Result<()> {
        for finding in &checked.findings {
            let separator = if self.results == 0 { "" } else { "," };
            self.results += 1;
            let result = self.result(checked, finding);
            write!(
                out,
                "{separator}\n        {}",
                indented(&result, "        ")?
            )?;
        }
        Ok(())
    }

    fn skipped(&mut self, skipped: &super::Skipped, _out: &mut dyn Write) -> io::Result<()> {
        self.skipped.push(skipped.clone());
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let close = if self.results == 0 { "]" } else { "\n      ]" };
        write!(out, "{close}")?;
        if !self.skipped.is_empty() {
            // Skipped ads are tool notifications of the run, and counted in its properties.
            let notifications: Vec<serde_json::Value> = self
                .skipped
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "level": "warning",
                        "message": {"text": format!("{}: skipped: {}", s.path, s.reason)},
                    })
                })
                .collect();
            let invocations = serde_json::json!([{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }]);
            let properties = serde_json::json!({"skipped": self.skipped.len()});
            write!(
                out,
                ",\n      \"invocations\": {},\n      \"properties\": {}",
                indented(&invocations, "      ")?,
                indented(&properties, "      ")?
            )?;
        }
        writeln!(out, "\n    }}\n  ]\n}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            uri("./annonser/ny stilling.md"),
            "annonser/ny%20stilling.md"
        );
        assert_eq!(uri("a#1.json"), "a%231.json");
        assert_eq!(uri("/tmp/ø.md"), "file:///tmp/%C3%B8.md");
        assert_eq!(uri("C:\\ads\\a.md"), "file:///C:/ads/a.md");
        assert_eq!(uri("x:y.md"), "x%3Ay.md");
    }

    #[test]
    fn an_empty_run_is_valid_json() {
        let rules = crate::rules::load(&crate::rules::RuleOptions::default()).unwrap();
        let text = super::super::render_all(&mut SarifReporter::new(&rules), &[]);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["version"], "2.1.0");
        assert_eq!(value["runs"][0]["results"], serde_json::json!([]));
        let ids: Vec<&str> = value["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted);
    }
}
