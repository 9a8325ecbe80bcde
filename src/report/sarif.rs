//! `--format sarif`: SARIF 2.1.0, the format code-scanning services read (GitHub code scanning,
//! Azure DevOps, many editors).
//!
//! One run; `tool.driver.rules` lists every active rule and the rules built into terskel, sorted
//! by id, with its message as the short description, `why` as the full description, help as
//! text and as Markdown (why, the suggestion quoted, an example of each kind), `helpUri` (the
//! rule's page `docs/rules/ID.md` at this version's tag, for the rules that have one) and the
//! category in `properties`; `informationUri` is the repository. Each finding is a result with
//! `ruleId`/`ruleIndex`, `level` (`error`, `warning`, `note` for info), the message, a
//! `partialFingerprints` entry that survives edits elsewhere in the ad ([`fingerprint`]), and a
//! location in the file the ad came from: lines, columns (`columnKind` is `unicodeCodePoints`, as
//! everywhere in terskel) and byte offsets. A relative input path is a relative URI; an absolute
//! one below the working directory is made relative to `%SRCROOT%`, which `originalUriBaseIds`
//! names (see [`SarifReporter::with_base`]); other absolute paths are `file:` URIs. A finding
//! about the whole ad is located at the ad's start (line 1 of a file; see [`super::place`]). An
//! ad of a JSON export names its record in `properties.document`.
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
use crate::suppress::BuiltinRule;
use crate::taxonomy::Severity;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The JSON schema of SARIF 2.1.0 (OASIS, with errata 01).
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The SARIF reporter.
pub struct SarifReporter<'a> {
    rules: Vec<Described<'a>>,
    index: BTreeMap<&'a str, usize>,
    results: usize,
    /// The directory absolute input paths are made relative to (`%SRCROOT%`).
    base: Option<PathBuf>,
    /// True once a result's location used `%SRCROOT%`.
    used_base: bool,
    skipped: Vec<super::Skipped>,
}

/// A rule of the log: one of the rule set, or one built into terskel.
#[derive(Clone, Copy)]
enum Described<'a> {
    Rule(&'a Rule),
    Builtin(&'static BuiltinRule),
}

impl Described<'_> {
    fn id(&self) -> &str {
        match self {
            Described::Rule(r) => &r.id,
            Described::Builtin(r) => r.id,
        }
    }
}

/// The id under which absolute paths below the working directory are made relative.
pub const SRCROOT: &str = "%SRCROOT%";

/// The key of terskel's fingerprint in `partialFingerprints`.
pub const FINGERPRINT: &str = "terskelFinding/v1";

/// Where a rule's page is: `docs/rules/ID.md` in the repository, at this version's tag. Only the
/// rules of the embedded pack and the built-in rules have a page.
pub fn help_uri(id: &str) -> String {
    format!(
        "{}/blob/v{}/docs/rules/{id}.md",
        env!("CARGO_PKG_REPOSITORY"),
        env!("CARGO_PKG_VERSION")
    )
}

impl<'a> SarifReporter<'a> {
    /// A reporter that describes the rules of `rules`.
    pub fn new(rules: &'a RuleSet) -> Self {
        let mut sorted: Vec<Described<'a>> = rules.rules().iter().map(Described::Rule).collect();
        sorted.extend(
            crate::suppress::BUILTIN_RULES
                .iter()
                .map(Described::Builtin),
        );
        sorted.sort_by(|a, b| a.id().cmp(b.id()));
        let index = sorted
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let id: &'a str = match r {
                    Described::Rule(r) => &r.id,
                    Described::Builtin(r) => r.id,
                };
                (id, i)
            })
            .collect();
        Self {
            rules: sorted,
            index,
            results: 0,
            base: None,
            used_base: false,
            skipped: Vec::new(),
        }
    }

    /// Makes absolute input paths below `dir` (the working directory) relative URIs with the
    /// base id [`SRCROOT`], which `originalUriBaseIds` then names; other absolute paths stay
    /// `file:` URIs.
    pub fn with_base(mut self, dir: PathBuf) -> Self {
        self.base = Some(dir);
        self
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
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
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
    partial_fingerprints: BTreeMap<&'static str, String>,
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
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
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

fn rule_out<'a>(rule: &Described<'a>) -> RuleOut<'a> {
    match rule {
        Described::Rule(rule) => {
            let embedded = rule.origin.file.starts_with("<embedded>/");
            RuleOut {
                id: &rule.id,
                short_description: Text {
                    text: rule.message.trim(),
                },
                full_description: Text {
                    text: rule.why.trim(),
                },
                help_uri: embedded.then(|| help_uri(&rule.id)),
                help: help(
                    rule.why.trim(),
                    rule.suggestion.trim(),
                    &rule.examples,
                    super::rule_doc::help_labels(rule.language),
                ),
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
        Described::Builtin(rule) => RuleOut {
            id: rule.id,
            short_description: Text { text: rule.message },
            full_description: Text { text: rule.why },
            help_uri: Some(help_uri(rule.id)),
            help: Help {
                text: format!("{}\n\n{}", rule.why, rule.suggestion),
                markdown: format!(
                    "**Why.** {}\n\n**Suggestion.** {}\n\n**Flagged:** {}  \n**Not flagged:** {}",
                    rule.why,
                    rule.suggestion,
                    inline_code(rule.flagged),
                    inline_code(rule.clean)
                ),
            },
            default_configuration: Level { level: "warning" },
            properties: RuleProperties {
                category: "suppression",
                language: "any",
                tags: vec!["suppression"],
            },
        },
    }
}

/// The help of a rule: plain text (why, then the suggestion) and Markdown with headings of
/// their own, the suggestion as a quote to paste, and one flagged and one clean example.
fn help(
    why: &str,
    suggestion: &str,
    examples: &crate::rules::schema::Examples,
    [why_label, suggestion_label, flagged_label, clean_label]: [&str; 4],
) -> Help {
    let text = if suggestion.is_empty() {
        why.to_string()
    } else {
        format!("{why}\n\n{suggestion}")
    };
    let mut markdown = format!("**{why_label}.** {why}");
    if !suggestion.is_empty() {
        let quoted: Vec<String> = suggestion
            .lines()
            .map(|l| {
                if l.trim().is_empty() {
                    ">".to_string()
                } else {
                    format!("> {l}")
                }
            })
            .collect();
        markdown.push_str(&format!(
            "\n\n**{suggestion_label}:**\n\n{}",
            quoted.join("\n")
        ));
    }
    let first = |list: &[crate::rules::schema::Example]| {
        list.first().map(|e| super::place::one_line(e.text()))
    };
    if let Some(flagged) = first(&examples.flagged) {
        markdown.push_str(&format!(
            "\n\n**{flagged_label}:** {}",
            inline_code(&flagged)
        ));
    }
    if let Some(clean) = first(&examples.clean) {
        markdown.push_str(&format!("  \n**{clean_label}:** {}", inline_code(&clean)));
    }
    Help { text, markdown }
}

/// `text` as Markdown inline code, with a fence longer than any run of backticks in it.
fn inline_code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A fingerprint of a finding that stays the same when lines are added above it or the ad is
/// reformatted: FNV-1a (64 bits) of the rule id, the matched text and the text of the item (line)
/// holding it, both lowercased with their whitespace collapsed. A finding about the whole ad
/// takes the ad's title instead (so the ads of one export stay apart).
pub fn fingerprint(document: &crate::posting::Document, finding: &Finding) -> String {
    let normal = |text: &str| super::place::one_line(text).to_lowercase();
    let context = match (&finding.context, finding.span) {
        (Some(range), Some(_)) => normal(document.slice(range.clone())),
        _ => format!("title:{}", normal(document.title.as_deref().unwrap_or(""))),
    };
    let key = format!(
        "{}\u{0}{}\u{0}{context}",
        finding.rule,
        normal(&finding.text)
    );
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in key.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
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
    /// The artifact location of `file`: see [`SarifReporter::with_base`].
    fn artifact(&mut self, file: &str) -> ArtifactLocation {
        let path = Path::new(file);
        if let Some(relative) = self
            .base
            .as_deref()
            .filter(|_| path.is_absolute())
            .and_then(|base| path.strip_prefix(base).ok())
        {
            self.used_base = true;
            return ArtifactLocation {
                uri: uri(&relative.to_string_lossy()),
                uri_base_id: Some(SRCROOT),
            };
        }
        ArtifactLocation {
            uri: uri(file),
            uri_base_id: None,
        }
    }

    fn result<'f>(&mut self, checked: &'f Checked, finding: &'f Finding) -> ResultOut<'f> {
        let place = Place::of(&checked.document, finding);
        let artifact_location = self.artifact(place.file);
        let located = finding.span.is_some();
        let document =
            (checked.document.path != place.file).then_some(checked.document.path.as_str());
        ResultOut {
            rule_id: &finding.rule,
            rule_index: self.index.get(&*finding.rule).copied(),
            level: level(finding.severity),
            message: Text {
                text: finding.message.trim(),
            },
            locations: [Location {
                physical_location: PhysicalLocation {
                    artifact_location,
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
            partial_fingerprints: [(FINGERPRINT, fingerprint(&checked.document, finding))].into(),
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
                rules: self.rules.iter().map(rule_out).collect(),
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
        if let Some(base) = self.base.as_deref().filter(|_| self.used_base) {
            let mut dir = uri(&base.to_string_lossy());
            if !dir.ends_with('/') {
                dir.push('/');
            }
            let ids = serde_json::json!({ SRCROOT: { "uri": dir } });
            write!(
                out,
                ",\n      \"originalUriBaseIds\": {}",
                indented(&ids, "      ")?
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
