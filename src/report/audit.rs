//! Aggregation for `terskel audit`: one report over many ads, for the people who own all the
//! open positions of an employer.
//!
//! Owns [`Audit`], which is fed one [`Checked`] ad at a time and keeps only a small
//! [`AdSummary`] per ad (counts, a threshold score and the first few findings, never the
//! document), and [`AuditReport`], the sorted, render-ready result. It does not read files or
//! run rules; the renderers in [`markdown`], [`html`] and [`json`] only format an
//! [`AuditReport`].
//!
//! Everything is ordered with tie-breaks (ads by input order, rankings by score, then findings,
//! then path), so the same input always gives the same bytes.

pub mod html;
pub mod json;
pub mod markdown;
pub mod words;

use super::Checked;
use crate::taxonomy::{Category, Language, Severity};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

/// How many findings of one ad the report keeps and shows (the most severe first, shown in the
/// order they stand in the ad); the rest are counted.
pub const MAX_FINDINGS_PER_AD: usize = 10;

/// How many ads the "highest thresholds" ranking shows.
pub const TOP_ADS: usize = 10;

/// Weight of an error in the threshold score.
pub const ERROR_WEIGHT: usize = 10;
/// Weight of a warning in the threshold score.
pub const WARNING_WEIGHT: usize = 3;
/// Weight of an info finding in the threshold score.
pub const INFO_WEIGHT: usize = 1;

/// The severities, most severe first (the order of every table and list).
pub const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// Findings counted per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SeverityCounts {
    /// Errors.
    pub error: usize,
    /// Warnings.
    pub warning: usize,
    /// Info findings.
    pub info: usize,
}

impl SeverityCounts {
    /// Counts one finding of severity `s`.
    pub fn add(&mut self, s: Severity) {
        *self.slot(s) += 1;
    }

    /// Adds every count of `other`.
    pub fn merge(&mut self, other: &SeverityCounts) {
        self.error += other.error;
        self.warning += other.warning;
        self.info += other.info;
    }

    /// The count for severity `s`.
    pub fn get(&self, s: Severity) -> usize {
        match s {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }

    fn slot(&mut self, s: Severity) -> &mut usize {
        match s {
            Severity::Error => &mut self.error,
            Severity::Warning => &mut self.warning,
            Severity::Info => &mut self.info,
        }
    }

    /// All findings.
    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }

    /// The threshold score: errors × 10 + warnings × 3 + info × 1.
    ///
    /// An error (wording the law forbids) weighs more than three warnings, and a warning (a
    /// demand that likely keeps people out) more than a couple of info notes (missing contact,
    /// salary), so an ad with one discriminating phrase ranks above an ad that only lacks
    /// niceties.
    pub fn score(&self) -> usize {
        self.error * ERROR_WEIGHT + self.warning * WARNING_WEIGHT + self.info * INFO_WEIGHT
    }
}

/// One finding as the audit keeps it: enough to list it, not to quote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BriefFinding {
    /// The rule id.
    pub rule: String,
    /// The rule's category.
    pub category: Category,
    /// The severity.
    pub severity: Severity,
    /// The rule's one-line message (shared with the finding and its rule).
    pub message: std::sync::Arc<str>,
    /// 1-based line in the original file; `None` for findings about the whole ad.
    pub line: Option<usize>,
    /// 1-based column (Unicode characters); `None` for findings about the whole ad.
    pub column: Option<usize>,
}

/// What the audit keeps of one ad.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdSummary {
    /// The path as the user gave it (or `<stdin>`).
    pub path: String,
    /// The path to link to from the report (relative to where the report is written), or
    /// `None` when the ad has no file (standard input).
    pub link: Option<String>,
    /// The ad's title, if it has one.
    pub title: Option<String>,
    /// The ad's language.
    pub language: Language,
    /// The ad's uuid, for an ad of an export that has one.
    pub uuid: Option<String>,
    /// Metadata `employer` (for an ad of an export without an employer name, `orgnr N`).
    pub employer: Option<String>,
    /// Metadata `department`.
    pub department: Option<String>,
    /// Findings per severity.
    pub counts: SeverityCounts,
    /// Findings per category (only categories that occur).
    pub by_category: BTreeMap<Category, usize>,
    /// The first [`MAX_FINDINGS_PER_AD`] findings by severity, in the order they stand in the ad.
    pub findings: Vec<BriefFinding>,
    /// Findings not kept in `findings`.
    pub more_findings: usize,
}

impl AdSummary {
    /// Summarises one checked ad; `link` is the path to link to, if any.
    pub fn new(checked: &Checked, link: Option<String>) -> Self {
        let doc = &checked.document;
        let mut counts = SeverityCounts::default();
        let mut by_category = BTreeMap::new();
        for f in &checked.findings {
            counts.add(f.severity);
            *by_category.entry(f.category).or_insert(0) += 1;
        }
        // The most severe first; among equals, the one that comes first in the ad.
        let mut order: Vec<usize> = (0..checked.findings.len()).collect();
        order.sort_by_key(|&i| {
            let severity = checked.findings.get(i).map(|f| f.severity);
            (std::cmp::Reverse(severity), i)
        });
        order.truncate(MAX_FINDINGS_PER_AD);
        order.sort_unstable();
        let findings: Vec<BriefFinding> = order
            .iter()
            .filter_map(|&i| checked.findings.get(i))
            .map(|f| BriefFinding {
                rule: f.rule.to_string(),
                category: f.category,
                severity: f.severity,
                message: f.message.clone(),
                line: f.span.map(|s| s.line),
                column: f.span.map(|s| s.column),
            })
            .collect();
        let more_findings = checked.findings.len().saturating_sub(findings.len());
        let export = doc.format == crate::posting::Format::Json;
        // An ad of an export links to the ad on the web, else to its file (not to `FILE#N`).
        let web = meta(doc, "link").filter(|l| export && is_web(l));
        let link = match (web, link) {
            (Some(web), _) => Some(web),
            (None, Some(_)) if export && doc.path != crate::posting::json::file_of(doc) => {
                self::link(crate::posting::json::file_of(doc), None)
            }
            (None, link) => link,
        };
        let employer = meta(doc, "employer").or_else(|| {
            meta(doc, "orgnr")
                .filter(|_| export)
                .map(|n| format!("orgnr {n}"))
        });
        AdSummary {
            path: doc.path.clone(),
            link,
            title: doc.title.clone(),
            language: doc.language,
            uuid: meta(doc, "uuid").filter(|_| export),
            employer,
            department: meta(doc, "department"),
            counts,
            by_category,
            findings,
            more_findings,
        }
    }

    /// The threshold score of the ad (see [`SeverityCounts::score`]).
    pub fn score(&self) -> usize {
        self.counts.score()
    }

    /// The title (with the uuid for an ad of an export), or the path when the ad has none.
    pub fn name(&self) -> std::borrow::Cow<'_, str> {
        match (&self.title, &self.uuid) {
            (Some(title), Some(uuid)) => format!("{title} ({uuid})").into(),
            (Some(title), None) => title.as_str().into(),
            (None, Some(uuid)) => format!("{} ({uuid})", self.path).into(),
            (None, None) => self.path.as_str().into(),
        }
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn meta(doc: &crate::posting::Document, key: &str) -> Option<String> {
    doc.meta_str(key)
        .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|v| !v.is_empty())
}

/// A finding switched off inside an ad (`<!-- terskel-disable RULE: reason -->`), as the audit
/// lists it: who (the ad), where (path and line) and why (the reason).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct AuditSuppression {
    /// The ad's path.
    pub path: String,
    /// 1-based line of the suppression comment.
    pub line: usize,
    /// The rule id or category that is switched off.
    pub rule_or_category: String,
    /// The reason given; `None` when the comment gives none (which the report points out).
    pub reason: Option<String>,
}

/// Where the report will be written, so links to ads can be relative to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkBase {
    /// The working directory the ads' paths are relative to (absolute).
    pub cwd: PathBuf,
    /// The directory the report is written to (absolute, or relative to `cwd`).
    pub dir: PathBuf,
}

/// The aggregation: feed it ads with [`Audit::add`], suppressions with
/// [`Audit::add_suppression`], then take the [`AuditReport`].
#[derive(Debug, Default)]
pub struct Audit {
    links: Option<LinkBase>,
    ads: Vec<AdSummary>,
    suppressions: Vec<AuditSuppression>,
    unread: Vec<String>,
    skipped: Vec<super::Skipped>,
}

impl Audit {
    /// An empty audit whose links are the ads' paths as given.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty audit whose links are relative to `base` (for a report written to a file).
    pub fn with_links(base: LinkBase) -> Self {
        Self {
            links: Some(base),
            ..Self::default()
        }
    }

    /// Adds one checked ad (its findings already selected).
    pub fn add(&mut self, checked: &Checked) {
        let link = link(&checked.document.path, self.links.as_ref());
        self.ads.push(AdSummary::new(checked, link));
    }

    /// Adds a suppression found in an ad.
    pub fn add_suppression(&mut self, suppression: AuditSuppression) {
        self.suppressions.push(suppression);
    }

    /// Notes an input that could not be read (the error message, which names the file).
    pub fn add_unread(&mut self, message: String) {
        self.unread.push(message);
    }

    /// Notes an ad that was skipped because it has no text.
    pub fn add_skipped(&mut self, skipped: super::Skipped) {
        self.skipped.push(skipped);
    }

    /// The finished, sorted report.
    pub fn report(self) -> AuditReport {
        AuditReport::new(self)
    }
}

/// Totals over the whole audit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Ads audited.
    pub ads: usize,
    /// Ads with at least one finding.
    pub ads_with_findings: usize,
    /// Findings in all ads.
    pub findings: usize,
    /// The sum of the ads' threshold scores.
    pub score: usize,
    /// Suppressions listed.
    pub suppressions: usize,
    /// Inputs that could not be read.
    pub unread: usize,
    /// Ads skipped because they have no text (left out of the JSON when 0).
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped: usize,
    /// Ads per language.
    pub by_language: BTreeMap<Language, usize>,
}

/// One row of the per-employer/department breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmployerRow {
    /// Metadata `employer`, if given.
    pub employer: Option<String>,
    /// Metadata `department`, if given.
    pub department: Option<String>,
    /// Ads.
    pub ads: usize,
    /// Ads with at least one finding.
    pub ads_with_findings: usize,
    /// Findings.
    pub findings: usize,
    /// Findings per severity.
    pub by_severity: SeverityCounts,
    /// Sum of the ads' threshold scores.
    pub score: usize,
    /// Mean threshold score per ad, rounded to one decimal.
    pub mean_score: f64,
}

/// The audit, aggregated and sorted for rendering.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditReport {
    /// The language of the report frame: the ads' language when they share one, else Bokmål.
    pub language: Language,
    /// Totals.
    pub totals: Totals,
    /// Findings per category, every category (zeros included), in taxonomy order.
    pub by_category: BTreeMap<Category, usize>,
    /// Findings per severity.
    pub by_severity: SeverityCounts,
    /// Ads with at least one finding of each category, every category, in taxonomy order.
    pub ads_by_category: BTreeMap<Category, usize>,
    /// Ads with at least one finding of each severity.
    pub ads_by_severity: SeverityCounts,
    /// Indices into `ads` of the [`TOP_ADS`] ads with the highest threshold score (ads with
    /// findings only), by score, then findings, then path.
    pub top_ads: Vec<usize>,
    /// The per-employer/department breakdown, sorted by employer then department (not given
    /// last); empty when no ad names an employer or department.
    pub by_employer: Vec<EmployerRow>,
    /// Suppressions by path, line and rule.
    pub suppressions: Vec<AuditSuppression>,
    /// Messages of inputs that could not be read, in input order.
    pub unread: Vec<String>,
    /// Ads skipped because they have no text, in input order.
    pub skipped: Vec<super::Skipped>,
    /// Every ad, in input order.
    pub ads: Vec<AdSummary>,
}

impl AuditReport {
    fn new(audit: Audit) -> Self {
        let Audit {
            ads,
            mut suppressions,
            unread,
            skipped,
            ..
        } = audit;
        let mut totals = Totals {
            ads: ads.len(),
            suppressions: suppressions.len(),
            unread: unread.len(),
            skipped: skipped.len(),
            ..Totals::default()
        };
        let mut by_category: BTreeMap<Category, usize> =
            Category::ALL.into_iter().map(|c| (c, 0)).collect();
        let mut ads_by_category = by_category.clone();
        let mut by_severity = SeverityCounts::default();
        let mut ads_by_severity = SeverityCounts::default();
        for ad in &ads {
            let n = ad.counts.total();
            totals.findings += n;
            totals.score += ad.score();
            if n > 0 {
                totals.ads_with_findings += 1;
            }
            *totals.by_language.entry(ad.language).or_insert(0) += 1;
            by_severity.merge(&ad.counts);
            for s in SEVERITIES {
                if ad.counts.get(s) > 0 {
                    ads_by_severity.add(s);
                }
            }
            for (&c, &count) in &ad.by_category {
                *by_category.entry(c).or_insert(0) += count;
                *ads_by_category.entry(c).or_insert(0) += 1;
            }
        }

        let mut top_ads: Vec<usize> = (0..ads.len())
            .filter(|&i| ads.get(i).is_some_and(|a| a.counts.total() > 0))
            .collect();
        top_ads.sort_by(|&a, &b| match (ads.get(a), ads.get(b)) {
            (Some(x), Some(y)) => y
                .score()
                .cmp(&x.score())
                .then(y.counts.total().cmp(&x.counts.total()))
                .then(x.path.cmp(&y.path))
                .then(a.cmp(&b)),
            _ => a.cmp(&b),
        });
        top_ads.truncate(TOP_ADS);

        suppressions.sort();
        let language = match totals.by_language.keys().collect::<Vec<_>>().as_slice() {
            [only] => **only,
            _ => Language::Nb,
        };
        AuditReport {
            language,
            by_employer: employer_rows(&ads),
            totals,
            by_category,
            by_severity,
            ads_by_category,
            ads_by_severity,
            top_ads,
            suppressions,
            unread,
            skipped,
            ads,
        }
    }

    /// The ads of the "highest thresholds" ranking, in rank order.
    pub fn top(&self) -> impl Iterator<Item = &AdSummary> {
        self.top_ads.iter().filter_map(|&i| self.ads.get(i))
    }

    /// Categories with at least one ad, most ads first (ties in taxonomy order), with the number
    /// of ads and of findings.
    pub fn categories_by_ads(&self) -> Vec<(Category, usize, usize)> {
        let mut rows: Vec<(Category, usize, usize)> = self
            .ads_by_category
            .iter()
            .filter(|(_, &ads)| ads > 0)
            .map(|(&c, &ads)| (c, ads, self.by_category.get(&c).copied().unwrap_or(0)))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        rows
    }

    /// The ad at `path`, if it was audited (for naming the employer of a suppression).
    pub fn ads_by_path(&self) -> HashMap<&str, &AdSummary> {
        self.ads.iter().map(|a| (a.path.as_str(), a)).collect()
    }
}

/// `part` of `whole` as a whole percentage, rounded half up; 0 when `whole` is 0.
pub fn percent(part: usize, whole: usize) -> usize {
    (part * 100 + whole / 2).checked_div(whole).unwrap_or(0)
}

fn employer_rows(ads: &[AdSummary]) -> Vec<EmployerRow> {
    if ads
        .iter()
        .all(|a| a.employer.is_none() && a.department.is_none())
    {
        return Vec::new();
    }
    // `None` sorts after every name: (is_none, name).
    type Key = ((bool, String), (bool, String));
    let key = |v: &Option<String>| (v.is_none(), v.clone().unwrap_or_default());
    let mut groups: BTreeMap<Key, EmployerRow> = BTreeMap::new();
    for ad in ads {
        let row = groups
            .entry((key(&ad.employer), key(&ad.department)))
            .or_insert_with(|| EmployerRow {
                employer: ad.employer.clone(),
                department: ad.department.clone(),
                ads: 0,
                ads_with_findings: 0,
                findings: 0,
                by_severity: SeverityCounts::default(),
                score: 0,
                mean_score: 0.0,
            });
        row.ads += 1;
        if ad.counts.total() > 0 {
            row.ads_with_findings += 1;
        }
        row.findings += ad.counts.total();
        row.by_severity.merge(&ad.counts);
        row.score += ad.score();
    }
    groups
        .into_values()
        .map(|mut row| {
            if row.ads > 0 {
                row.mean_score = (row.score as f64 * 10.0 / row.ads as f64).round() / 10.0;
            }
            row
        })
        .collect()
}

/// The link to an ad from the report: its path relative to `base` (with `/` separators), or the
/// path as given without a base; `None` for standard input.
pub fn link(path: &str, base: Option<&LinkBase>) -> Option<String> {
    if path == "<stdin>" {
        return None;
    }
    let Some(base) = base else {
        return Some(slashes(Path::new(path)));
    };
    let ad = normalise(&base.cwd.join(path));
    let dir = normalise(&base.cwd.join(&base.dir));
    let ad_parts: Vec<Component> = ad.components().collect();
    let dir_parts: Vec<Component> = dir.components().collect();
    let common = ad_parts
        .iter()
        .zip(&dir_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        // Different roots (another drive): only an absolute link works.
        return Some(slashes(&ad));
    }
    let mut relative = PathBuf::new();
    for _ in common..dir_parts.len() {
        relative.push("..");
    }
    for part in ad_parts.iter().skip(common) {
        relative.push(part.as_os_str());
    }
    Some(slashes(&relative))
}

/// `path` with `.` removed and `..` applied, without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn slashes(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Percent-encodes a relative path for a link target (Markdown or HTML `href`), keeping `/`.
pub fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    // A link to the ad on the web keeps its URL syntax; only what would break the markup is
    // encoded.
    let web = is_web(path);
    for byte in path.bytes() {
        let url_syntax = web && b":?#[]@!$&'()*+,;=%".contains(&byte);
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) || url_syntax {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// True for an `http://` or `https://` address.
fn is_web(link: &str) -> bool {
    link.starts_with("https://") || link.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Finding;
    use crate::posting::{self, Format, ReadOptions};
    use crate::span::Span;

    fn ad(path: &str, front: &str, severities: &[(Severity, Category)]) -> Checked {
        let text = format!("---\ntitle: {path}\n{front}---\n\n# Annonse\n\nTekst.\n");
        let document = posting::read_bytes(
            path,
            text.as_bytes(),
            Format::Markdown,
            &ReadOptions::default(),
        )
        .unwrap();
        let findings = severities
            .iter()
            .enumerate()
            .map(|(i, &(severity, category))| Finding {
                rule: format!("nb.{category}.r{i}").into(),
                category,
                severity,
                section: None,
                message: format!("melding {i}").into(),
                suggestion: "".into(),
                text: Box::default(),
                span: Some(Span {
                    start: i,
                    end: i + 1,
                    line: i + 1,
                    column: 1,
                    end_line: i + 1,
                    end_column: 2,
                }),
                range: None,
                context: None,
            })
            .collect();
        Checked {
            document,
            findings,
            suppressions: Vec::new(),
        }
    }

    #[test]
    fn score_weights_errors_over_warnings_over_info() {
        let counts = SeverityCounts {
            error: 1,
            warning: 2,
            info: 3,
        };
        assert_eq!(counts.score(), 10 + 6 + 3);
    }

    #[test]
    fn totals_and_categories_count_ads_and_findings() {
        use Category::*;
        use Severity::*;
        let mut audit = Audit::new();
        audit.add(&ad(
            "a.md",
            "",
            &[(Warning, DrivingLicence), (Warning, DrivingLicence)],
        ));
        audit.add(&ad(
            "b.md",
            "",
            &[(Info, DrivingLicence), (Error, Discrimination)],
        ));
        audit.add(&ad("c.md", "", &[]));
        let report = audit.report();
        assert_eq!(report.totals.ads, 3);
        assert_eq!(report.totals.ads_with_findings, 2);
        assert_eq!(report.totals.findings, 4);
        assert_eq!(report.by_category[&DrivingLicence], 3);
        assert_eq!(report.ads_by_category[&DrivingLicence], 2);
        assert_eq!(report.ads_by_category[&Discrimination], 1);
        assert_eq!(report.ads_by_category[&MissingSalary], 0);
        assert_eq!(report.ads_by_severity.warning, 1);
        assert_eq!(report.by_severity.warning, 2);
        // b: 10 + 1 = 11 beats a: 3 + 3 = 6; c has no findings and is not ranked.
        let top: Vec<&str> = report.top().map(|a| a.path.as_str()).collect();
        assert_eq!(top, ["b.md", "a.md"]);
        assert_eq!(
            report.categories_by_ads(),
            [(DrivingLicence, 2, 3), (Discrimination, 1, 1)]
        );
    }

    #[test]
    fn ties_in_the_ranking_are_broken_by_path() {
        let mut audit = Audit::new();
        for path in ["z.md", "m.md", "a.md"] {
            audit.add(&ad(path, "", &[(Severity::Info, Category::MissingSalary)]));
        }
        let report = audit.report();
        let top: Vec<&str> = report.top().map(|a| a.path.as_str()).collect();
        assert_eq!(top, ["a.md", "m.md", "z.md"]);
        let all: Vec<&str> = report.ads.iter().map(|a| a.path.as_str()).collect();
        assert_eq!(all, ["z.md", "m.md", "a.md"], "ads keep input order");
    }

    #[test]
    fn only_the_most_severe_findings_are_kept_in_ad_order() {
        let mut findings = vec![(Severity::Info, Category::Readability); 12];
        findings.push((Severity::Error, Category::Discrimination));
        let summary = AdSummary::new(&ad("a.md", "", &findings), None);
        assert_eq!(summary.findings.len(), MAX_FINDINGS_PER_AD);
        assert_eq!(summary.more_findings, 3);
        let last = summary.findings.last().unwrap();
        assert_eq!(
            last.severity,
            Severity::Error,
            "kept, and last as in the ad"
        );
        assert_eq!(last.line, Some(13));
    }

    #[test]
    fn employers_are_grouped_with_not_given_last() {
        let mut audit = Audit::new();
        let info = [(Severity::Info, Category::MissingSalary)];
        audit.add(&ad("1.md", "employer: Vik\ndepartment: Helse\n", &info));
        audit.add(&ad("2.md", "", &[]));
        audit.add(&ad("3.md", "employer: Vik\ndepartment: Helse\n", &[]));
        audit.add(&ad("4.md", "employer: Aas\n", &info));
        let rows = audit.report().by_employer;
        let keys: Vec<(Option<&str>, Option<&str>, usize)> = rows
            .iter()
            .map(|r| (r.employer.as_deref(), r.department.as_deref(), r.ads))
            .collect();
        assert_eq!(
            keys,
            [
                (Some("Aas"), None, 1),
                (Some("Vik"), Some("Helse"), 2),
                (None, None, 1)
            ]
        );
        assert_eq!(rows[1].mean_score, 0.5);
    }

    #[test]
    fn no_employer_metadata_gives_no_breakdown() {
        let mut audit = Audit::new();
        audit.add(&ad("1.md", "", &[]));
        assert!(audit.report().by_employer.is_empty());
    }

    #[test]
    fn suppressions_are_sorted_by_path_and_line() {
        let mut audit = Audit::new();
        let s = |path: &str, line| AuditSuppression {
            path: path.into(),
            line,
            rule_or_category: "driving-licence".into(),
            reason: None,
        };
        audit.add_suppression(s("b.md", 1));
        audit.add_suppression(s("a.md", 9));
        audit.add_suppression(s("a.md", 2));
        let report = audit.report();
        let order: Vec<(&str, usize)> = report
            .suppressions
            .iter()
            .map(|s| (s.path.as_str(), s.line))
            .collect();
        assert_eq!(order, [("a.md", 2), ("a.md", 9), ("b.md", 1)]);
        assert_eq!(report.totals.suppressions, 3);
    }

    #[test]
    fn the_frame_follows_a_shared_language_else_bokmal() {
        let mut audit = Audit::new();
        audit.add(&ad("1.md", "lang: nn\n", &[]));
        assert_eq!(audit.report().language, Language::Nn);
        let mut audit = Audit::new();
        audit.add(&ad("1.md", "lang: nn\n", &[]));
        audit.add(&ad("2.md", "lang: en\n", &[]));
        assert_eq!(audit.report().language, Language::Nb);
    }

    #[test]
    fn links_are_relative_to_the_report() {
        let base = |dir: &str| LinkBase {
            cwd: PathBuf::from("/home/hr"),
            dir: PathBuf::from(dir),
        };
        assert_eq!(link("ads/a.md", None).as_deref(), Some("ads/a.md"));
        assert_eq!(link("<stdin>", None), None);
        assert_eq!(
            link("ads/a.md", Some(&base(""))).as_deref(),
            Some("ads/a.md")
        );
        assert_eq!(
            link("./ads/a.md", Some(&base("reports"))).as_deref(),
            Some("../ads/a.md")
        );
        assert_eq!(
            link("ads/a.md", Some(&base("/home/hr/ads"))).as_deref(),
            Some("a.md")
        );
        assert_eq!(
            link("/srv/ads/a.md", Some(&base("/home/hr/out"))).as_deref(),
            Some("../../../srv/ads/a.md")
        );
    }

    #[test]
    fn url_paths_are_percent_encoded() {
        assert_eq!(url_path("nb/sjåfør x.md"), "nb/sj%C3%A5f%C3%B8r%20x.md");
        assert_eq!(url_path("a\"b<c>.md"), "a%22b%3Cc%3E.md");
    }

    #[test]
    fn percent_rounds_half_up_and_survives_zero() {
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(1, 0), 0);
    }
}
