//! Inline suppressions: comments in an ad that say a finding is justified, and why.
//!
//! Owns reading the directive comments (design.md §6) from the **original file**
//! ([`Document::source`], so Markdown, text and HTML ads alike), deciding which findings they
//! cover, removing those findings, and reporting suppressions that cannot apply. It does not
//! choose findings by flags (that is [`crate::select`]) and does not format anything.
//!
//! The forms, each inside `<!-- … -->`:
//!
//! - `terskel-disable TARGETS: reason` suppresses findings from the comment onwards, up to a
//!   `terskel-enable` or the end of the file. `terskel-enable` without targets ends every open
//!   range; `terskel-enable TARGET` ends only the ranges opened for exactly that target
//!   (`terskel-disable a, b` … `terskel-enable a` leaves `b` suppressed).
//! - `terskel-disable-next-line TARGETS: reason` suppresses findings that start on the next line
//!   that is neither blank nor only directive comments.
//!
//! TARGETS are one or more rule ids, rule id prefixes (`nb.driving-licence`) or categories
//! (`driving-licence`), separated by commas, exactly as `--select` takes them.
//!
//! Findings about the whole ad (something missing) have no place in it; they count as sitting at
//! the **end of the file**. So a `terskel-disable` range that is never ended covers them (write
//! it at the top of the ad to suppress a category for the whole ad); `terskel-disable-next-line`
//! never does.
//!
//! A suppression **must carry a reason** after a colon. One without a reason suppresses nothing
//! and is itself reported as [`NO_REASON`] (severity `warning`, the category of what it targets),
//! and a target that names no rule and no category is reported as [`UNKNOWN_TARGET`]. Every
//! directive that suppresses (or tries to) is recorded as a [`Suppression`] so that the audit can
//! show who said why.

use crate::engine::Finding;
use crate::posting::{Document, SectionKind};
use crate::rules::RuleSet;
use crate::select;
use crate::span::Span;
use crate::taxonomy::{Category, Language, Severity};
use serde::Serialize;
use std::ops::Range;

/// The rule id of the finding for a suppression without a reason.
pub const NO_REASON: &str = "terskel.suppression.no-reason";

/// The rule id of the finding for a suppression target that names no rule and no category.
pub const UNKNOWN_TARGET: &str = "terskel.suppression.unknown-target";

/// A rule built into terskel rather than loaded from YAML: the findings about suppressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinRule {
    /// The rule id.
    pub id: &'static str,
    /// What its findings say, in one line.
    pub message: &'static str,
    /// Why it exists.
    pub why: &'static str,
    /// What to do about it.
    pub suggestion: &'static str,
    /// A comment that gives the finding.
    pub flagged: &'static str,
    /// A comment that does not.
    pub clean: &'static str,
}

/// The built-in rules, sorted by id.
pub const BUILTIN_RULES: [BuiltinRule; 2] = [
    BuiltinRule {
        id: NO_REASON,
        message: "An inline suppression has no reason, so it suppresses nothing.",
        why: "A suppression says that a requirement or wording which usually keeps people out is \
              right for this post. That is often true (a home-care post needs a driving licence), \
              but only a written reason lets colleagues, reviewers and the audit report see who \
              decided it and why. Without one the finding stays.",
        suggestion: "Write the reason after a colon: \
                     `<!-- terskel-disable-next-line driving-licence: Du kjører mellom brukerne i hjemmetjenesten. -->`",
        flagged: "<!-- terskel-disable-next-line driving-licence -->",
        clean: "<!-- terskel-disable-next-line driving-licence: Du kjører mellom brukerne i hjemmetjenesten. -->",
    },
    BuiltinRule {
        id: UNKNOWN_TARGET,
        message: "An inline suppression names something that is neither a rule nor a category.",
        why: "A misspelt rule id or category suppresses nothing, and the writer believes the \
              finding is handled.",
        suggestion: "Use a rule id from `terskel rules list`, a rule id prefix such as \
                     `nb.driving-licence`, or a category such as `driving-licence`.",
        flagged: "<!-- terskel-disable driving-license: Stillingen krever kjøring. -->",
        clean: "<!-- terskel-disable driving-licence: Stillingen krever kjøring. -->",
    },
];

/// The built-in rule with this id.
pub fn builtin_rule(id: &str) -> Option<&'static BuiltinRule> {
    BUILTIN_RULES.iter().find(|r| r.id == id)
}

/// True when `selector` (`--select`, `--ignore`, configuration) names a built-in rule by its id or
/// an id prefix (`terskel.suppression`, `terskel`).
pub fn is_builtin_selector(selector: &str) -> bool {
    BUILTIN_RULES.iter().any(|r| {
        r.id == selector
            || r.id
                .strip_prefix(selector)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

/// The two kinds of suppression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuppressionKind {
    /// `terskel-disable`: from the comment to `terskel-enable` or the end of the file.
    Range,
    /// `terskel-disable-next-line`: the next line with text.
    NextLine,
}

impl SuppressionKind {
    /// The directive word as written in the comment.
    pub fn directive(self) -> &'static str {
        match self {
            SuppressionKind::Range => "terskel-disable",
            SuppressionKind::NextLine => "terskel-disable-next-line",
        }
    }
}

/// One suppression comment of an ad, with what it achieved (for the audit: who said why).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppression {
    /// Range or next line.
    pub kind: SuppressionKind,
    /// The rule ids, prefixes or categories it names, as written.
    pub targets: Vec<String>,
    /// The reason after the colon; `None` when it has none (then it suppresses nothing).
    pub reason: Option<String>,
    /// Where the comment is in the original file.
    pub span: Span,
    /// How many findings it suppressed.
    pub suppressed: usize,
}

/// What a directive comment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// `terskel-disable` or `terskel-disable-next-line`.
    Disable(SuppressionKind),
    /// `terskel-enable`.
    Enable,
}

impl Action {
    /// The directive word as written in the comment.
    pub fn directive(self) -> &'static str {
        match self {
            Action::Disable(kind) => kind.directive(),
            Action::Enable => "terskel-enable",
        }
    }
}

/// One directive comment as written in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// What it does.
    pub action: Action,
    /// The targets, as written.
    pub targets: Vec<String>,
    /// The reason after the colon, when it holds a letter or digit.
    pub reason: Option<String>,
    /// Words after the targets when there is no colon (a reason without its colon).
    pub stray: Option<String>,
    /// The whole comment, `<!--` to `-->`, as a byte range of the file.
    pub range: Range<usize>,
}

/// Every directive comment in `source`, in order. Other comments are ignored, and so are
/// comments whose first word is not one of the three directives.
pub fn parse(source: &str) -> Vec<Directive> {
    let mut directives = Vec::new();
    let mut from = 0;
    while let Some(open) = source.get(from..).and_then(|s| s.find("<!--")) {
        let start = from + open;
        let body_start = start + "<!--".len();
        let Some(close) = source.get(body_start..).and_then(|s| s.find("-->")) else {
            break;
        };
        let body_end = body_start + close;
        let end = body_end + "-->".len();
        if let Some(d) = source
            .get(body_start..body_end)
            .and_then(|body| directive(body, start..end))
        {
            directives.push(d);
        }
        from = end;
    }
    directives
}

/// The directive in the text of one comment, if it is one.
fn directive(body: &str, range: Range<usize>) -> Option<Directive> {
    let body = body.trim();
    let word_end = body
        .find(|c: char| c.is_whitespace() || c == ':')
        .unwrap_or(body.len());
    let word = body.get(..word_end)?;
    let rest = body.get(word_end..)?;
    let action = match word {
        "terskel-disable" => Action::Disable(SuppressionKind::Range),
        "terskel-disable-next-line" => Action::Disable(SuppressionKind::NextLine),
        "terskel-enable" => Action::Enable,
        _ => return None,
    };
    let (list, reason) = match rest.split_once(':') {
        Some((list, reason)) => (list, Some(reason.trim())),
        None => (rest, None),
    };
    let reason = reason
        .filter(|r| r.chars().any(char::is_alphanumeric))
        .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "));
    let mut targets = Vec::new();
    let mut stray = Vec::new();
    for piece in list.split(',') {
        let mut words = piece.split_whitespace();
        if let Some(target) = words.next() {
            targets.push(target.to_string());
        }
        if reason.is_some() {
            // With a colon, everything before it is targets: `a b: why` names `a` and `b`.
            targets.extend(words.map(str::to_string));
        } else {
            stray.extend(words);
        }
    }
    Some(Directive {
        action,
        targets,
        reason,
        stray: (!stray.is_empty()).then(|| stray.join(" ")),
        range,
    })
}

/// A stretch of the file where findings of one target are suppressed.
#[derive(Debug)]
struct Region {
    /// The target as written.
    target: String,
    /// First byte covered.
    start: usize,
    /// First byte no longer covered; `None` while the range is open (to the end of the file).
    end: Option<usize>,
    /// The index of its [`Suppression`].
    record: usize,
}

impl Region {
    /// True when the region covers a finding at `at` (`None`: the whole ad).
    fn covers(&self, at: Option<usize>) -> bool {
        match at {
            Some(at) => at >= self.start && self.end.is_none_or(|end| at < end),
            None => self.end.is_none(),
        }
    }
}

/// Applies the suppression comments of `document` to its `findings`: removes the findings they
/// cover, adds findings for suppressions that cannot apply ([`NO_REASON`], [`UNKNOWN_TARGET`]),
/// keeps the findings sorted by (position, rule id) and returns every suppression with the number
/// of findings it removed.
pub fn apply(
    rules: &RuleSet,
    document: &Document,
    findings: &mut Vec<Finding>,
) -> Vec<Suppression> {
    let source = &document.source.text;
    let directives = parse(source);
    if directives.is_empty() {
        return Vec::new();
    }
    let messages = Messages::for_language(document.language);
    let mut records: Vec<Suppression> = Vec::new();
    let mut regions: Vec<Region> = Vec::new();
    let mut problems = Vec::new();
    for d in &directives {
        let span = source_span(document, d.range.clone());
        let text = source.get(d.range.clone()).unwrap_or("").to_string();
        let known: Vec<&String> = d.targets.iter().filter(|t| is_known(rules, t)).collect();
        let unknown = d.targets.iter().filter(|t| !is_known(rules, t));
        let problem =
            |rule: &str, category: Category, message: String, suggestion: String| Finding {
                rule: rule.into(),
                category,
                severity: Severity::Warning,
                section: Some(SectionKind::Other),
                message: message.into(),
                suggestion: suggestion.into(),
                text: text.as_str().into(),
                span: Some(span),
                range: None,
                context: None,
            };
        if d.targets.is_empty() && d.action != Action::Enable {
            problems.push(problem(
                UNKNOWN_TARGET,
                Category::Readability,
                messages.no_target(d.action),
                messages.use_known(d.action, "driving-licence"),
            ));
        }
        for target in unknown {
            let close = closest(rules, target);
            let category = guess_category(rules, target, close.as_ref());
            problems.push(problem(
                UNKNOWN_TARGET,
                category,
                messages.unknown_target(
                    d.action,
                    target,
                    close.as_ref().map(|(id, _)| id.as_str()),
                ),
                messages.use_known(
                    d.action,
                    close
                        .as_ref()
                        .map_or("driving-licence", |(id, _)| id.as_str()),
                ),
            ));
        }
        match d.action {
            Action::Enable => {
                for region in regions.iter_mut().filter(|r| {
                    r.end.is_none() && (d.targets.is_empty() || d.targets.contains(&r.target))
                }) {
                    region.end = Some(d.range.start);
                }
            }
            Action::Disable(kind) => {
                let record = records.len();
                records.push(Suppression {
                    kind,
                    targets: d.targets.clone(),
                    reason: d.reason.clone(),
                    span,
                    suppressed: 0,
                });
                if d.reason.is_none() {
                    if !d.targets.is_empty() {
                        let category = d
                            .targets
                            .iter()
                            .find_map(|t| category_of(rules, t))
                            .or_else(|| {
                                d.targets
                                    .first()
                                    .map(|t| guess_category(rules, t, closest(rules, t).as_ref()))
                            })
                            .unwrap_or(Category::Readability);
                        let targets = d.targets.join(", ");
                        problems.push(problem(
                            NO_REASON,
                            category,
                            messages.no_reason(kind, &targets, d.stray.is_some()),
                            messages.add_reason(kind, &targets, d.stray.as_deref()),
                        ));
                    }
                    continue;
                }
                let (start, end) = match kind {
                    SuppressionKind::Range => (d.range.end, None),
                    SuppressionKind::NextLine => {
                        match next_line(document, d.range.end, &directives) {
                            Some(line) => (line.start, Some(line.end + 1)),
                            None => continue,
                        }
                    }
                };
                regions.extend(known.into_iter().map(|target| Region {
                    target: target.clone(),
                    start,
                    end,
                    record,
                }));
            }
        }
    }
    findings.retain(|f| {
        let at = f.span.map(|s| s.start);
        let region = regions
            .iter()
            .find(|r| r.covers(at) && select::matches(&r.target, &f.rule, f.category));
        match region.and_then(|r| records.get_mut(r.record)) {
            Some(record) => {
                record.suppressed += 1;
                false
            }
            None => true,
        }
    });
    if !problems.is_empty() {
        findings.extend(problems);
        findings.sort_by(|a, b| {
            let key = |f: &Finding| f.span.map_or(usize::MAX, |s| s.start);
            key(a).cmp(&key(b)).then_with(|| a.rule.cmp(&b.rule))
        });
    }
    records
}

/// The span of bytes `range` of the original file, with the line numbers of the file it came
/// from (a JSON Lines record starts further down).
fn source_span(document: &Document, range: Range<usize>) -> Span {
    let mut span = document
        .source
        .lines
        .span(&document.source.text, range.start, range.end);
    let shift = document.source.first_line.saturating_sub(1);
    span.line += shift;
    span.end_line += shift;
    span
}

/// The byte range of the first line after the one holding `after` that has text other than
/// directive comments.
fn next_line(document: &Document, after: usize, directives: &[Directive]) -> Option<Range<usize>> {
    let text = &document.source.text;
    let lines = &document.source.lines;
    let current = lines.position(text, after).line;
    (current + 1..=lines.line_count())
        .filter_map(|line| lines.line_range(text, line))
        .find(|range| !only_directives(text, range, directives))
}

/// True when `range` of `text` holds nothing but whitespace and directive comments.
fn only_directives(text: &str, range: &Range<usize>, directives: &[Directive]) -> bool {
    let mut at = range.start;
    for d in directives
        .iter()
        .filter(|d| d.range.end > range.start && d.range.start < range.end)
    {
        let between = text.get(at..d.range.start.max(at)).unwrap_or("");
        if !between.trim().is_empty() {
            return false;
        }
        at = at.max(d.range.end);
    }
    text.get(at.min(range.end)..range.end)
        .unwrap_or("")
        .trim()
        .is_empty()
}

/// True when `target` names a category or at least one loaded rule.
fn is_known(rules: &RuleSet, target: &str) -> bool {
    category_of(rules, target).is_some()
}

/// The category `target` names, or that of the first rule it names.
fn category_of(rules: &RuleSet, target: &str) -> Option<Category> {
    Category::from_id(target).or_else(|| {
        rules
            .rules()
            .iter()
            .find(|r| select::matches(target, &r.id, r.category))
            .map(|r| r.category)
    })
}

/// The category, or rule id, most like `target` (a few typing mistakes away), and its category.
fn closest(rules: &RuleSet, target: &str) -> Option<(String, Category)> {
    let limit = (target.chars().count() / 3).clamp(1, 4);
    Category::ALL
        .iter()
        .map(|c| (c.id(), *c))
        .chain(rules.rules().iter().map(|r| (&*r.id, r.category)))
        .map(|(id, category)| (distance(target, id), id, category))
        .filter(|(d, _, _)| *d <= limit)
        .min_by_key(|(d, _, _)| *d)
        .map(|(_, id, category)| (id.to_string(), category))
}

/// The category a finding about an unknown `target` is filed under: the one it names as the
/// middle part of a rule id (`nb.driving-licence.typo`), else the one of the closest rule or
/// category, else `readability` (the taxonomy has no category for a broken comment).
fn guess_category(rules: &RuleSet, target: &str, close: Option<&(String, Category)>) -> Category {
    target
        .split('.')
        .nth(1)
        .and_then(Category::from_id)
        .or_else(|| category_of(rules, target))
        .or_else(|| close.map(|(_, c)| *c))
        .unwrap_or(Category::Readability)
}

/// The Levenshtein distance between `a` and `b`, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let delete = previous.get(j + 1).copied().unwrap_or(0) + 1;
            let insert = current.last().copied().unwrap_or(0) + 1;
            current.push(substitute.min(delete).min(insert));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}

/// The wording of the built-in findings, in the ad's language.
struct Messages {
    language: Language,
}

impl Messages {
    fn for_language(language: Language) -> Self {
        Self { language }
    }

    fn no_reason(&self, kind: SuppressionKind, targets: &str, has_stray: bool) -> String {
        let d = kind.directive();
        let (head, tail) = match self.language {
            Language::Nb => (
                format!("Unntaket `{d} {targets}` har ingen begrunnelse og gjelder derfor ikke."),
                if has_stray {
                    "Sett et kolon foran begrunnelsen."
                } else {
                    "Skriv hvorfor etter et kolon."
                },
            ),
            Language::Nn => (
                format!("Unntaket `{d} {targets}` har inga grunngiving og gjeld difor ikkje."),
                if has_stray {
                    "Set eit kolon framfor grunngivinga."
                } else {
                    "Skriv kvifor etter eit kolon."
                },
            ),
            Language::En => (
                format!("The suppression `{d} {targets}` has no reason, so it does not apply."),
                if has_stray {
                    "Put a colon before the reason."
                } else {
                    "Write why after a colon."
                },
            ),
        };
        format!("{head} {tail}")
    }

    fn add_reason(&self, kind: SuppressionKind, targets: &str, stray: Option<&str>) -> String {
        let d = kind.directive();
        let (intro, placeholder) = match self.language {
            Language::Nb => (
                "Skriv hvorfor kravet eller ordlyden er riktig i denne stillingen, så andre kan se det:",
                "begrunnelse",
            ),
            Language::Nn => (
                "Skriv kvifor kravet eller ordlyden er rett i denne stillinga, så andre kan sjå det:",
                "grunngiving",
            ),
            Language::En => (
                "Say why the requirement or wording is right for this post, so others can see it:",
                "reason",
            ),
        };
        let reason = stray.unwrap_or(placeholder);
        format!("{intro}\n\n`<!-- {d} {targets}: {reason} -->`")
    }

    fn no_target(&self, action: Action) -> String {
        let d = action.directive();
        match self.language {
            Language::Nb => {
                format!("`{d}` nevner ingen regel eller kategori, så det blir ikke gjort unntak for noe.")
            }
            Language::Nn => format!(
                "`{d}` nemner ingen regel eller kategori, så det blir ikkje gjort unntak for noko."
            ),
            Language::En => format!("`{d}` names no rule or category, so nothing is suppressed."),
        }
    }

    fn unknown_target(&self, action: Action, target: &str, close: Option<&str>) -> String {
        let d = action.directive();
        let (head, hint) = match self.language {
            Language::Nb => (
                format!("`{d}` nevner `{target}`, som verken er en regel eller en kategori; det blir ikke gjort unntak for den."),
                close.map(|c| format!(" Mente du `{c}`?")),
            ),
            Language::Nn => (
                format!("`{d}` nemner `{target}`, som verken er ein regel eller ein kategori; det blir ikkje gjort unntak for han."),
                close.map(|c| format!(" Meinte du `{c}`?")),
            ),
            Language::En => (
                format!("`{d}` names `{target}`, which is neither a rule nor a category; nothing is suppressed for it."),
                close.map(|c| format!(" Did you mean `{c}`?")),
            ),
        };
        format!("{head}{}", hint.unwrap_or_default())
    }

    fn use_known(&self, action: Action, example: &str) -> String {
        let d = action.directive();
        let (intro, placeholder) = match self.language {
            Language::Nb => (
                "Bruk en regel-id fra `terskel rules list`, et id-prefiks eller en kategori, for eksempel:",
                "begrunnelse",
            ),
            Language::Nn => (
                "Bruk ein regel-id frå `terskel rules list`, eit id-prefiks eller ein kategori, til dømes:",
                "grunngiving",
            ),
            Language::En => (
                "Use a rule id from `terskel rules list`, an id prefix or a category, for example:",
                "reason",
            ),
        };
        match action {
            Action::Enable => format!("{intro}\n\n`<!-- {d} {example} -->`"),
            Action::Disable(_) => format!("{intro}\n\n`<!-- {d} {example}: {placeholder} -->`"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(comment: &str) -> Directive {
        let mut all = parse(comment);
        assert_eq!(all.len(), 1, "{comment}");
        all.remove(0)
    }

    #[test]
    fn parses_a_range_with_targets_and_a_reason() {
        let d = one(
            "<!-- terskel-disable driving-licence, nb.language-level: Kjører mellom brukerne -->",
        );
        assert_eq!(d.action, Action::Disable(SuppressionKind::Range));
        assert_eq!(d.targets, ["driving-licence", "nb.language-level"]);
        assert_eq!(d.reason.as_deref(), Some("Kjører mellom brukerne"));
        assert_eq!(d.stray, None);
    }

    #[test]
    fn parses_next_line_and_enable() {
        let text = "a <!--terskel-disable-next-line driving-licence:  Kjøring\n   trengs -->\n<!-- terskel-enable -->";
        let all = parse(text);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].action, Action::Disable(SuppressionKind::NextLine));
        assert_eq!(all[0].reason.as_deref(), Some("Kjøring trengs"));
        assert!(text[all[0].range.clone()].starts_with("<!--terskel"));
        assert!(text[all[0].range.clone()].ends_with("trengs -->"));
        assert_eq!(all[1].action, Action::Enable);
        assert!(all[1].targets.is_empty());
    }

    #[test]
    fn a_reason_needs_a_colon_and_a_word() {
        let d = one("<!-- terskel-disable driving-licence Stillingen krever kjøring -->");
        assert_eq!(d.targets, ["driving-licence"]);
        assert_eq!(d.reason, None);
        assert_eq!(d.stray.as_deref(), Some("Stillingen krever kjøring"));
        assert_eq!(
            one("<!-- terskel-disable driving-licence: - -->").reason,
            None
        );
        assert_eq!(one("<!-- terskel-disable driving-licence -->").reason, None);
        let d = one("<!-- terskel-disable: bare en grunn -->");
        assert!(d.targets.is_empty());
        assert_eq!(d.reason.as_deref(), Some("bare en grunn"));
    }

    #[test]
    fn other_comments_are_not_directives() {
        assert!(
            parse("<!-- en vanlig kommentar --> <!-- terskel-disabled x: y --> <!-- terskel")
                .is_empty()
        );
        assert!(parse("<!-- terskel-disable x: y").is_empty());
        assert_eq!(parse("<!----><!--terskel-enable-->").len(), 1);
    }

    #[test]
    fn builtin_selectors() {
        assert!(is_builtin_selector("terskel"));
        assert!(is_builtin_selector("terskel.suppression"));
        assert!(is_builtin_selector(NO_REASON));
        assert!(!is_builtin_selector("terskel.supp"));
        assert!(builtin_rule(UNKNOWN_TARGET).is_some());
    }

    #[test]
    fn distances() {
        assert_eq!(distance("driving-license", "driving-licence"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("æøå", "æøå"), 0);
    }
}
