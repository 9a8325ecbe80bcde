//! A finding: one threshold found in one ad.

use crate::posting::SectionKind;
use crate::span::Span;
use crate::taxonomy::{Category, Severity};
use serde::Serialize;
use std::ops::Range;
use std::sync::Arc;

/// One threshold found in an ad, as reported (design.md §5 `findings[]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule id, shared with the rule (one allocation per rule, not per finding).
    pub rule: Arc<str>,
    /// The rule's category.
    pub category: Category,
    /// Severity (after overrides).
    pub severity: Severity,
    /// The effective section of the matched text; `None` for document-level findings.
    pub section: Option<SectionKind>,
    /// The rule's one-line message, placeholders filled in (the rule's own, shared, when it has
    /// none).
    pub message: Arc<str>,
    /// The rule's pasteable suggestion (shared with the rule: findings are many, see
    /// [`crate::rules::Rule::message`]).
    pub suggestion: Arc<str>,
    /// The matched text as it stands in the ad; empty for document-level findings.
    pub text: Box<str>,
    /// Where the match is in the original file; `None` for document-level findings.
    pub span: Option<Span>,
    /// The matched range in `Document::text` (for reports that quote the line).
    #[serde(skip)]
    pub range: Option<Range<usize>>,
    /// The range of the item (list item, paragraph) holding the match, in `Document::text`.
    #[serde(skip)]
    pub context: Option<Range<usize>>,
}

impl Finding {
    /// True for findings about the whole ad (something missing, overall readability).
    pub fn is_document_level(&self) -> bool {
        self.span.is_none()
    }
}
