//! The writers' JSON API: requests, the answers' shape (design.md §5 with character offsets,
//! the rule's why and the edit that answers each finding) and the errors.
//!
//! Owns turning a request body into a checked or fixed ad and that into JSON. It never touches
//! the file system and never keeps or logs the ad text: the text lives only in the request.

use crate::checker::Checker;
use crate::engine::Finding;
use crate::fix::{self, Change, Edit, Left};
use crate::posting::{self, Document, Format, ReadOptions};
use crate::report::audit::SeverityCounts;
use crate::report::{Checked, Summary};
use crate::rules::schema::Replacement;
use crate::span::Span;
use crate::taxonomy::{Category, Language, Severity};
use serde::{Deserialize, Serialize};

/// The name an ad from the page is shown under.
pub const PAGE_NAME: &str = "<page>";

/// A request body of `POST /api/check` and `POST /api/fix`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The ad.
    pub text: String,
    /// `auto` (default), `nb`, `nn` or `en`.
    #[serde(default)]
    pub lang: Option<String>,
    /// `markdown` (default), `text` or `html`.
    #[serde(default)]
    pub format: Option<String>,
}

/// Why a request was refused (the HTTP status is the caller's).
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body is not the JSON the endpoint takes.
    #[error("the request body is not valid: {0}")]
    BadJson(String),
    /// A field has a value the endpoint does not know.
    #[error("{field} must be one of {allowed}, not {value:?}")]
    BadField {
        /// The field.
        field: &'static str,
        /// What it may be.
        allowed: &'static str,
        /// What it was.
        value: String,
    },
    /// The text cannot be read as an ad.
    #[error("{0}")]
    Unreadable(String),
}

/// Parses a request body.
///
/// # Errors
/// [`ApiError::BadJson`] with serde's reason (line and column included).
pub fn parse(body: &[u8]) -> Result<Request, ApiError> {
    serde_json::from_slice(body).map_err(|e| ApiError::BadJson(e.to_string()))
}

impl Request {
    /// The forced language (`None` for `auto`).
    fn language(&self) -> Result<Option<Language>, ApiError> {
        match self.lang.as_deref().map(str::trim) {
            None | Some("" | "auto") => Ok(None),
            Some(value) => Language::parse(value).map(Some).ok_or(ApiError::BadField {
                field: "lang",
                allowed: "auto, nb, nn, en",
                value: value.to_string(),
            }),
        }
    }

    fn format(&self) -> Result<Format, ApiError> {
        match self.format.as_deref().map(str::trim) {
            None | Some("" | "markdown" | "md") => Ok(Format::Markdown),
            Some("text" | "txt") => Ok(Format::Text),
            Some("html") => Ok(Format::Html),
            Some(value) => Err(ApiError::BadField {
                field: "format",
                allowed: "markdown, text, html",
                value: value.to_string(),
            }),
        }
    }

    /// The reading options of this request: `base` (the configuration's `lang` and `roles`)
    /// with the language asked for.
    fn read_options(&self, base: &ReadOptions) -> Result<ReadOptions, ApiError> {
        Ok(ReadOptions {
            language: self.language()?.or(base.language),
            roles: base.roles.clone(),
            max_size: base.max_size,
            vocabulary: base.vocabulary.clone(),
        })
    }

    /// Reads the ad with `read`; `None` for a text with nothing in it (nothing to check yet).
    fn read(&self, read: &ReadOptions) -> Result<Option<Document>, ApiError> {
        let format = self.format()?;
        if self.text.trim().is_empty() {
            return Ok(None);
        }
        posting::read_bytes(PAGE_NAME, self.text.as_bytes(), format, read)
            .map(Some)
            .map_err(|e| ApiError::Unreadable(e.to_string()))
    }
}

/// What the server checks with: the [`Checker`] of `terskel check` (rules loaded once, the
/// configuration's selection and reading defaults), so the page reports what the command does.
#[derive(Debug)]
pub struct Engine {
    /// The rules, the selection and the reading defaults (configuration `lang`, `roles`); a
    /// request's `lang` overrides the language.
    pub checker: Checker,
}

/// `{start, end}` offsets in one unit.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Offsets {
    /// Inclusive start.
    pub start: usize,
    /// Exclusive end.
    pub end: usize,
}

/// A finding as the page gets it.
#[derive(Debug, Serialize)]
pub struct PageFinding<'a> {
    /// The finding as in the `check` JSON (rule, category, severity, section, message,
    /// suggestion, text, span).
    #[serde(flatten)]
    pub finding: &'a Finding,
    /// The rule's reason, with its source.
    pub why: &'a str,
    /// The span in Unicode characters of the text sent (`null` for document-level findings).
    pub chars: Option<Offsets>,
    /// The span in UTF-16 code units (JavaScript string indices).
    pub utf16: Option<Offsets>,
    /// The edit that answers the finding alone, if there is an unambiguous one.
    pub edit: Option<PageEdit>,
}

/// An edit with offsets in all three units.
#[derive(Debug, Serialize)]
pub struct PageEdit {
    /// The edit (byte offsets).
    #[serde(flatten)]
    pub edit: Edit,
    /// Its range in characters.
    pub chars: Offsets,
    /// Its range in UTF-16 code units.
    pub utf16: Offsets,
}

#[derive(Debug, Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

const TOOL: Tool = Tool {
    name: "terskel",
    version: env!("CARGO_PKG_VERSION"),
};

#[derive(Debug, Serialize)]
struct DocumentOut<'a> {
    path: &'static str,
    title: Option<&'a str>,
    language: Option<Language>,
    findings: Vec<PageFinding<'a>>,
}

/// The summary: design.md §5 plus the counts per severity of all three and the audit's
/// threshold score.
#[derive(Debug, Serialize)]
struct SummaryOut {
    #[serde(flatten)]
    summary: Summary,
    severities: SeverityCounts,
    score: usize,
}

#[derive(Debug, Serialize)]
struct CheckOut<'a> {
    version: u32,
    tool: Tool,
    documents: Vec<DocumentOut<'a>>,
    summary: SummaryOut,
}

#[derive(Debug, Serialize)]
struct PageChange<'a> {
    #[serde(flatten)]
    change: &'a Change,
    /// In the original, characters.
    chars: Offsets,
    /// In the original, UTF-16.
    utf16: Offsets,
    /// Where the written text is in the revision, UTF-16.
    revised_utf16: Offsets,
}

#[derive(Debug, Serialize)]
struct PageLeft<'a> {
    rule: &'a str,
    reason: fix::LeftReason,
    text: &'a str,
}

#[derive(Debug, Serialize)]
struct FixOut<'a> {
    #[serde(flatten)]
    check: CheckOut<'a>,
    revised: &'a str,
    changes: Vec<PageChange<'a>>,
    left: Vec<PageLeft<'a>>,
}

/// Byte offsets of `text` turned into character and UTF-16 offsets in one pass.
struct Units {
    /// Sorted byte offsets and their (chars, utf16) values.
    table: Vec<(usize, usize, usize)>,
}

impl Units {
    fn new(text: &str, mut offsets: Vec<usize>) -> Self {
        offsets.sort_unstable();
        offsets.dedup();
        let mut table = Vec::with_capacity(offsets.len());
        let (mut chars, mut utf16) = (0, 0);
        let mut wanted = offsets.into_iter().peekable();
        for (i, c) in text.char_indices() {
            while let Some(o) = wanted.next_if(|&o| o <= i) {
                table.push((o, chars, utf16));
            }
            chars += 1;
            utf16 += c.len_utf16();
        }
        for o in wanted {
            table.push((o, chars, utf16));
        }
        Self { table }
    }

    fn get(&self, byte: usize) -> (usize, usize) {
        let i = self.table.partition_point(|&(o, _, _)| o < byte);
        self.table.get(i).map_or((0, 0), |&(_, c, u)| (c, u))
    }

    fn range(&self, start: usize, end: usize) -> (Offsets, Offsets) {
        let (cs, us) = self.get(start);
        let (ce, ue) = self.get(end);
        (
            Offsets { start: cs, end: ce },
            Offsets { start: us, end: ue },
        )
    }
}

fn span_offsets(span: &Option<Span>) -> Vec<usize> {
    span.map(|s| vec![s.start, s.end]).unwrap_or_default()
}

fn check_out<'a>(engine: &'a Engine, checked: Option<&'a Checked>) -> CheckOut<'a> {
    let Some(checked) = checked else {
        return CheckOut {
            version: 1,
            tool: TOOL,
            documents: vec![DocumentOut {
                path: PAGE_NAME,
                title: None,
                language: None,
                findings: Vec::new(),
            }],
            summary: SummaryOut {
                summary: Summary {
                    documents: 1,
                    ..Summary::default()
                },
                severities: SeverityCounts::default(),
                score: 0,
            },
        };
    };
    let doc = &checked.document;
    let edits: Vec<Option<Edit>> = checked
        .findings
        .iter()
        .map(|f| fix::edit_for(&engine.checker.rules, doc, f))
        .collect();
    let mut offsets: Vec<usize> = checked
        .findings
        .iter()
        .flat_map(|f| span_offsets(&f.span))
        .collect();
    offsets.extend(edits.iter().flatten().flat_map(|e| [e.start, e.end]));
    let units = Units::new(&doc.source.text, offsets);
    let mut severities = SeverityCounts::default();
    let findings = checked
        .findings
        .iter()
        .zip(edits)
        .map(|(finding, edit)| {
            severities.add(finding.severity);
            let (chars, utf16) = match finding.span {
                Some(s) => {
                    let (c, u) = units.range(s.start, s.end);
                    (Some(c), Some(u))
                }
                None => (None, None),
            };
            let edit = edit.map(|edit| {
                let (chars, utf16) = units.range(edit.start, edit.end);
                PageEdit { edit, chars, utf16 }
            });
            PageFinding {
                finding,
                why: engine
                    .checker
                    .rules
                    .get(&finding.rule)
                    .map_or("", |r| r.why.as_str()),
                chars,
                utf16,
                edit,
            }
        })
        .collect();
    CheckOut {
        version: 1,
        tool: TOOL,
        documents: vec![DocumentOut {
            path: PAGE_NAME,
            title: doc.title.as_deref(),
            language: Some(doc.language),
            findings,
        }],
        summary: SummaryOut {
            summary: Summary::of(std::slice::from_ref(checked)),
            score: severities.score(),
            severities,
        },
    }
}

impl Engine {
    /// An engine over `checker`.
    pub fn new(checker: Checker) -> Engine {
        Engine { checker }
    }

    /// Checks a one-line ad in each language, so that the engine's per-language matchers are
    /// compiled before the first request rather than during it.
    pub fn warm_up(&self) {
        for language in [Language::Nb, Language::Nn, Language::En] {
            let options = ReadOptions {
                language: Some(language),
                ..self.checker.read.clone()
            };
            let _ = self.checker.check_bytes_with(
                &options,
                PAGE_NAME,
                b"# Assistent\n\nPerfekt norsk.\n",
                Format::Markdown,
            );
        }
    }

    fn checked(&self, request: &Request) -> Result<Option<Checked>, ApiError> {
        let read = request.read_options(&self.checker.read)?;
        Ok(request.read(&read)?.map(|doc| self.checker.check(doc)))
    }

    /// `POST /api/check`: the findings of the ad in the request, as JSON.
    ///
    /// # Errors
    /// [`ApiError`] for fields with unknown values and texts that are no ad.
    pub fn check(&self, request: &Request) -> Result<String, ApiError> {
        let checked = self.checked(request)?;
        to_json(&check_out(self, checked.as_ref()))
    }

    /// `POST /api/fix`: the findings of the ad, its revision, the changes and what is left.
    ///
    /// # Errors
    /// As [`Engine::check`].
    pub fn fix(&self, request: &Request) -> Result<String, ApiError> {
        let read = request.read_options(&self.checker.read)?;
        let Some(doc) = request.read(&read)? else {
            return to_json(&FixOut {
                check: check_out(self, None),
                revised: &request.text,
                changes: Vec::new(),
                left: Vec::new(),
            });
        };
        let fixed =
            fix::fix(&self.checker, &read, doc).map_err(|e| ApiError::Unreadable(e.to_string()))?;
        let source = &fixed.checked.document.source.text;
        let units = Units::new(
            source,
            fixed
                .changes
                .iter()
                .flat_map(|c| [c.start, c.end])
                .collect(),
        );
        let revised_units = Units::new(
            &fixed.revised,
            fixed
                .changes
                .iter()
                .flat_map(|c| [c.revised.start, c.revised.end])
                .collect(),
        );
        let changes = fixed
            .changes
            .iter()
            .map(|change| {
                let (chars, utf16) = units.range(change.start, change.end);
                let (_, revised_utf16) =
                    revised_units.range(change.revised.start, change.revised.end);
                PageChange {
                    change,
                    chars,
                    utf16,
                    revised_utf16,
                }
            })
            .collect();
        let left = fixed
            .left
            .iter()
            .map(|Left { finding, reason }| PageLeft {
                rule: &finding.rule,
                reason: *reason,
                text: &finding.text,
            })
            .collect();
        to_json(&FixOut {
            check: check_out(self, Some(&fixed.checked)),
            revised: &fixed.revised,
            changes,
            left,
        })
    }

    /// `GET /api/rules`: the active rules.
    ///
    /// # Errors
    /// Only if serialising fails, which it does not for these types.
    pub fn rules_json(&self) -> Result<String, ApiError> {
        #[derive(Serialize)]
        struct RuleOut<'a> {
            id: &'a str,
            category: Category,
            language: &'static str,
            severity: Severity,
            kind: &'static str,
            message: &'a str,
            why: &'a str,
            suggestion: &'a str,
            replacement: Option<ReplacementOut<'a>>,
        }
        #[derive(Serialize)]
        #[serde(untagged)]
        enum ReplacementOut<'a> {
            Always(&'a str),
            Per(&'a std::collections::BTreeMap<String, String>),
        }
        let rules: Vec<RuleOut<'_>> = self
            .checker
            .rules
            .rules()
            .iter()
            .map(|r| RuleOut {
                id: &r.id,
                category: r.category,
                language: r.language_id(),
                severity: r.severity,
                kind: r.kind.id(),
                message: &r.message,
                why: &r.why,
                suggestion: &r.suggestion,
                replacement: r.replacement.as_ref().map(|x| match x {
                    Replacement::Always(t) => ReplacementOut::Always(t),
                    Replacement::Per(m) => ReplacementOut::Per(m),
                }),
            })
            .collect();
        to_json(&serde_json::json!({ "version": 1, "rules": rules }))
    }
}

fn to_json(value: &impl Serialize) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|e| ApiError::Unreadable(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_characters_and_utf16_units() {
        let text = "æ😀b";
        let units = Units::new(text, vec![0, 2, 6, 7]);
        assert_eq!(units.get(0), (0, 0));
        assert_eq!(units.get(2), (1, 1));
        assert_eq!(units.get(6), (2, 3));
        assert_eq!(units.get(7), (3, 4));
    }

    #[test]
    fn unknown_fields_and_values_are_refused_with_a_reason() {
        assert!(matches!(parse(b"{\"txt\": 1}"), Err(ApiError::BadJson(m)) if m.contains("txt")));
        let r = parse(br#"{"text": "x", "lang": "sv"}"#).unwrap();
        assert!(r
            .language()
            .unwrap_err()
            .to_string()
            .contains("auto, nb, nn, en"));
    }
}
