//! A suggested revision of one ad (`terskel fix`, the writers' page): every finding whose rule
//! has an unambiguous [`Replacement`] is replaced in the original input, and every missing
//! paragraph (inclusion statement, alternative paths, adaptation and training, contact, salary)
//! is inserted where a reader looks for it, in the ad's language.
//!
//! Owns planning and applying those edits on the *original* text, so front matter, suppression
//! comments, markup and line endings stay as the writer left them: every change is a
//! replacement of the matched words or an insertion, nothing else is touched. Where the
//! paragraphs go is `place.rs`; the unified diff is [`diff`]. It does not read files, print or
//! decide what a finding is (that is the engine); a finding it cannot fix unambiguously is
//! returned in [`Fixed::left`], as typos leaves a typo with several corrections to the writer.

pub mod diff;
mod place;

use crate::checker::Checker;
use crate::engine::Finding;
use crate::posting::{Document, Format, ReadOptions, SectionKind};
use crate::report::Checked;
use crate::rules::schema::{Replacement, RuleKind};
use crate::rules::RuleSet;
use crate::taxonomy::{Category, Severity};
use serde::Serialize;
use std::ops::Range;

/// How many times the revision is checked again for paragraphs still missing (an inserted
/// paragraph can make a rule with `when` conditions speak).
const ROUNDS: usize = 3;

/// What a change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Matched words replaced by the rule's wording.
    Replace,
    /// A missing paragraph inserted.
    Insert,
}

/// One edit of the revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Replacement or insertion.
    pub kind: ChangeKind,
    /// The rule whose finding the change answers.
    pub rule: String,
    /// Its category.
    pub category: Category,
    /// The section of the replaced words, or the section the paragraph was put in (`None`: at
    /// the end of an ad without such a section).
    pub section: Option<SectionKind>,
    /// Byte offset in the original input where the change starts.
    pub start: usize,
    /// Byte offset in the original input where it ends (`start` for an insertion).
    pub end: usize,
    /// The words replaced (empty for an insertion).
    pub original: String,
    /// The replacement, or the inserted paragraph.
    pub text: String,
    /// The bytes written into the revision (the text with the blank line or markup around it).
    #[serde(skip)]
    pub written: String,
    /// Byte range of `written` in the revision.
    pub revised: Range<usize>,
}

/// Why a finding was left for the writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LeftReason {
    /// The rule has no replacement: only the writer knows the better wording.
    NoReplacement,
    /// The rule has replacements, but none for this wording.
    Ambiguous,
    /// The words overlap another change.
    Overlaps,
    /// The words cross markup in the original (an HTML tag or entity) and cannot be replaced
    /// without touching it.
    Markup,
}

impl LeftReason {
    /// A short explanation for people.
    pub fn describe(self) -> &'static str {
        match self {
            LeftReason::NoReplacement => "no replacement fits every ad: rewrite it yourself",
            LeftReason::Ambiguous => "no unambiguous replacement for this wording",
            LeftReason::Overlaps => "overlaps another change",
            LeftReason::Markup => "crosses markup in the original",
        }
    }
}

/// A finding of the original ad that the revision does not answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Left {
    /// The finding.
    pub finding: Finding,
    /// Why it was left.
    pub reason: LeftReason,
}

/// The result of fixing one ad.
#[derive(Debug)]
pub struct Fixed {
    /// The original ad, as checked.
    pub checked: Checked,
    /// The revision: the original input with the changes applied.
    pub revised: String,
    /// The changes, in the order they stand in the original.
    pub changes: Vec<Change>,
    /// Findings of the original that no change answers, in report order.
    pub left: Vec<Left>,
}

impl Fixed {
    /// The original input text.
    pub fn original(&self) -> &str {
        &self.checked.document.source.text
    }

    /// True when the revision differs from the original.
    pub fn is_changed(&self) -> bool {
        !self.changes.is_empty()
    }
}

/// Why an ad cannot be fixed.
#[derive(Debug, thiserror::Error)]
pub enum FixError {
    /// JSON exports hold ads inside strings; a revision of the export is not what a writer
    /// edits.
    #[error("{path}: fix revises one ad in Markdown, text or HTML; JSON exports are not supported (check them with `terskel check`)")]
    Unsupported {
        /// The input's name.
        path: String,
    },
}

/// Fixes `document`, read with `read`, as `checker` checks it: its rules, the ad's inline
/// suppressions and the checker's selection (`--select`, `--ignore`: other findings are neither
/// fixed nor left). The revision is read with `read` too, to check it again.
///
/// # Errors
/// [`FixError::Unsupported`] for a document read from JSON.
pub fn fix(checker: &Checker, read: &ReadOptions, document: Document) -> Result<Fixed, FixError> {
    if document.format == Format::Json {
        return Err(FixError::Unsupported {
            path: document.path,
        });
    }
    let rules = &checker.rules;
    let checked = checker.check(document);
    let mut plan = Plan::default();
    plan_replacements(rules, &checked, &mut plan);
    plan_insertions(rules, &checked, &mut plan, &[]);
    let mut revised = apply(&checked.document.source.text, &mut plan.changes);
    for _ in 1..ROUNDS {
        // Read like the original was read.
        let original = &checked.document;
        let Ok(again) =
            checker.check_bytes_with(read, &original.path, revised.as_bytes(), original.format)
        else {
            break;
        };
        let before = plan.changes.len();
        let changes = plan.changes.clone();
        plan_insertions(rules, &again, &mut plan, &changes);
        if plan.changes.len() == before {
            break;
        }
        revised = apply(&checked.document.source.text, &mut plan.changes);
    }
    // A missing finding counts as answered when its category got a paragraph.
    let inserted: Vec<Category> = plan
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Insert)
        .map(|c| c.category)
        .collect();
    let answered = |f: &Finding| {
        plan.changes.iter().any(|c| {
            c.kind == ChangeKind::Replace
                && Some(c.start..c.end) == source_range(&checked.document, f)
        }) || (f.is_document_level() && inserted.contains(&f.category))
    };
    let mut left: Vec<Left> = plan
        .left
        .into_iter()
        .filter(|l| !answered(&l.finding))
        .collect();
    for finding in &checked.findings {
        if !answered(finding) && !left.iter().any(|l| &l.finding == finding) {
            left.push(Left {
                finding: finding.clone(),
                reason: LeftReason::NoReplacement,
            });
        }
    }
    let order = |f: &Finding| {
        checked
            .findings
            .iter()
            .position(|g| g == f)
            .unwrap_or(usize::MAX)
    };
    left.sort_by_key(|l| order(&l.finding));
    Ok(Fixed {
        checked,
        revised,
        changes: plan.changes,
        left,
    })
}

/// The edit that answers one finding on its own (for the writers' page: "apply", "insert").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Replacement or insertion.
    pub kind: ChangeKind,
    /// Byte offset in the original input where the edit starts.
    pub start: usize,
    /// Byte offset where it ends (`start` for an insertion).
    pub end: usize,
    /// The bytes to write there (an inserted paragraph with its blank line or markup).
    pub text: String,
    /// The section the words are in, or the paragraph goes to.
    pub section: Option<SectionKind>,
}

/// The edit that would answer `finding` of `doc` alone: its rule's unambiguous replacement of
/// the matched words, or for a `missing` rule its paragraph where it belongs; `None` when the
/// finding is left for the writer.
pub fn edit_for(rules: &RuleSet, doc: &Document, finding: &Finding) -> Option<Edit> {
    if doc.format == Format::Json {
        return None;
    }
    let rule = rules.get(&finding.rule)?;
    let replacement = rule.replacement.as_ref()?;
    if finding.is_document_level() {
        let Replacement::Always(paragraph) = replacement else {
            return None;
        };
        if rule.kind.tag() != RuleKind::Missing {
            return None;
        }
        let spot = place::spot(doc, finding.category);
        return Some(Edit {
            kind: ChangeKind::Insert,
            start: spot.offset,
            end: spot.offset,
            text: place::wrap(doc.format, &doc.source.text, spot.offset, paragraph),
            section: spot.section,
        });
    }
    let wording = replacement.for_match(&finding.text)?;
    let range = source_range(doc, finding)?;
    let original = doc.source.text.get(range.clone())?;
    (original == &*finding.text).then(|| Edit {
        kind: ChangeKind::Replace,
        start: range.start,
        end: range.end,
        text: match_case(original, wording),
        section: finding.section,
    })
}

/// The edits decided so far and the findings set aside.
#[derive(Debug, Default)]
struct Plan {
    changes: Vec<Change>,
    left: Vec<Left>,
}

impl Plan {
    fn overlaps(&self, range: &Range<usize>) -> bool {
        self.changes.iter().any(|c| {
            if c.start == c.end || range.start == range.end {
                c.start > range.start && c.start < range.end
                    || range.start > c.start && range.start < c.end
            } else {
                c.start < range.end && range.start < c.end
            }
        })
    }
}

/// The byte range of a finding's words in the original input (`Document::source::text`).
fn source_range(doc: &Document, finding: &Finding) -> Option<Range<usize>> {
    let range = finding.range.as_ref()?;
    let start = doc.offsets.to_source(range.start);
    let end = doc.offsets.to_source(range.end).max(start);
    Some(start..end)
}

fn plan_replacements(rules: &RuleSet, checked: &Checked, plan: &mut Plan) {
    let doc = &checked.document;
    for finding in checked.findings.iter().filter(|f| !f.is_document_level()) {
        let Some(rule) = rules.get(&finding.rule) else {
            continue;
        };
        let leave = |plan: &mut Plan, reason| {
            plan.left.push(Left {
                finding: finding.clone(),
                reason,
            })
        };
        let Some(replacement) = rule.replacement.as_ref() else {
            leave(plan, LeftReason::NoReplacement);
            continue;
        };
        let Some(wording) = replacement.for_match(&finding.text) else {
            leave(plan, LeftReason::Ambiguous);
            continue;
        };
        let Some(range) = source_range(doc, finding) else {
            leave(plan, LeftReason::Markup);
            continue;
        };
        let original = doc.source.text.get(range.clone()).unwrap_or("");
        if original != &*finding.text {
            leave(plan, LeftReason::Markup);
            continue;
        }
        if plan.overlaps(&range) {
            leave(plan, LeftReason::Overlaps);
            continue;
        }
        let text = match_case(original, wording);
        plan.changes.push(Change {
            kind: ChangeKind::Replace,
            rule: rule.id.to_string(),
            category: rule.category,
            section: finding.section,
            start: range.start,
            end: range.end,
            original: original.to_string(),
            written: text.clone(),
            text,
            revised: 0..0,
        });
    }
}

/// Plans one paragraph per missing category of `checked` that has none yet. `checked` may be
/// a revision made with `earlier` (changes on the original): its positions are mapped back.
fn plan_insertions(rules: &RuleSet, checked: &Checked, plan: &mut Plan, earlier: &[Change]) {
    let doc = &checked.document;
    let mut missing: Vec<(&Finding, &str)> = Vec::new();
    for finding in checked.findings.iter().filter(|f| f.is_document_level()) {
        let Some(rule) = rules.get(&finding.rule) else {
            continue;
        };
        if rule.kind.tag() != RuleKind::Missing {
            continue;
        }
        match rule.replacement.as_ref() {
            Some(Replacement::Always(paragraph)) => missing.push((finding, paragraph)),
            // Left findings are those of the original; a revision's are not reported.
            _ if earlier.is_empty() => plan.left.push(Left {
                finding: finding.clone(),
                reason: LeftReason::NoReplacement,
            }),
            _ => {}
        }
    }
    // The most severe rule of a category speaks for it (its paragraph covers the others).
    missing.sort_by(|a, b| {
        severity_rank(b.0.severity)
            .cmp(&severity_rank(a.0.severity))
            .then_with(|| a.0.rule.cmp(&b.0.rule))
    });
    for (finding, paragraph) in missing {
        // A rule gets one paragraph; in the original, one per category. A later round may add
        // another rule's paragraph of a category (its `when` held only after the first).
        let done = plan.changes.iter().any(|c| {
            c.kind == ChangeKind::Insert
                && (*c.rule == *finding.rule
                    || (earlier.is_empty() && c.category == finding.category))
        });
        if done {
            continue;
        }
        let spot = place::spot(doc, finding.category);
        let offset = to_original(spot.offset, earlier);
        let written = place::wrap(doc.format, &doc.source.text, spot.offset, paragraph);
        plan.changes.push(Change {
            kind: ChangeKind::Insert,
            rule: finding.rule.to_string(),
            category: finding.category,
            section: spot.section,
            start: offset,
            end: offset,
            original: String::new(),
            text: paragraph.trim().to_string(),
            written,
            revised: 0..0,
        });
    }
}

fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 2,
        Severity::Warning => 1,
        Severity::Info => 0,
    }
}

/// The original offset of `offset` in a revision made with `changes` (an offset inside a
/// written change maps to the change's end).
fn to_original(offset: usize, changes: &[Change]) -> usize {
    let mut shift: isize = 0;
    for c in changes {
        if c.revised.end <= offset {
            shift += c.written.len() as isize - (c.end - c.start) as isize;
        } else if c.revised.start < offset {
            return c.end;
        }
    }
    offset.saturating_add_signed(-shift)
}

/// Applies `changes` (sorted here by position) to `original`, recording where each landed. A
/// change that overlaps an earlier one (planning prevents it) is dropped rather than applied
/// over it.
fn apply(original: &str, changes: &mut Vec<Change>) -> String {
    // Insertions at the same place keep the order they were planned in.
    changes.sort_by_key(|c| (c.start, c.end));
    let mut out = String::with_capacity(original.len() + 1024);
    let mut at = 0;
    changes.retain_mut(|change| {
        let Some(before) = original.get(at..change.start) else {
            return false;
        };
        out.push_str(before);
        let start = out.len();
        out.push_str(&change.written);
        change.revised = start..out.len();
        at = change.end;
        true
    });
    out.push_str(original.get(at..).unwrap_or(""));
    out
}

/// `wording` with its first letter capitalised when `original` starts with a capital.
fn match_case(original: &str, wording: &str) -> String {
    let starts_upper = original.chars().next().is_some_and(char::is_uppercase);
    let mut chars = wording.chars();
    match chars.next() {
        Some(first) if starts_upper && first.is_lowercase() => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => wording.to_string(),
    }
}

#[cfg(test)]
mod tests;
