//! `terskel audit --format json`: the audit as stable JSON, version 1 (README, "Auditing all open
//! positions", documents every field). Owns only the JSON shape; every number comes from
//! [`AuditReport`].
//!
//! Every category and severity is always present (with 0), so consumers see a fixed shape.

use super::{
    AdSummary, AuditReport, AuditSuppression, BriefFinding, EmployerRow, SeverityCounts, Totals,
    ERROR_WEIGHT, INFO_WEIGHT, WARNING_WEIGHT,
};
use crate::taxonomy::{Category, Language};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    tool: Tool,
    score_weights: SeverityCounts,
    totals: &'a Totals,
    by_category: &'a BTreeMap<Category, usize>,
    by_severity: &'a SeverityCounts,
    ads_by_category: &'a BTreeMap<Category, usize>,
    ads_by_severity: &'a SeverityCounts,
    top_ads: Vec<TopAd<'a>>,
    by_employer: &'a [EmployerRow],
    suppressions: &'a [AuditSuppression],
    unread: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    skipped: &'a [crate::report::Skipped],
    ads: Vec<Ad<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct TopAd<'a> {
    path: &'a str,
    title: Option<&'a str>,
    score: usize,
    findings: usize,
    by_severity: &'a SeverityCounts,
}

#[derive(Serialize)]
struct Ad<'a> {
    path: &'a str,
    title: Option<&'a str>,
    language: Language,
    employer: Option<&'a str>,
    department: Option<&'a str>,
    score: usize,
    findings: usize,
    by_severity: &'a SeverityCounts,
    by_category: &'a BTreeMap<Category, usize>,
    top_findings: &'a [BriefFinding],
    more_findings: usize,
}

impl<'a> TopAd<'a> {
    fn new(ad: &'a AdSummary) -> Self {
        TopAd {
            path: &ad.path,
            title: ad.title.as_deref(),
            score: ad.score(),
            findings: ad.counts.total(),
            by_severity: &ad.counts,
        }
    }
}

impl<'a> Ad<'a> {
    fn new(ad: &'a AdSummary) -> Self {
        Ad {
            path: &ad.path,
            title: ad.title.as_deref(),
            language: ad.language,
            employer: ad.employer.as_deref(),
            department: ad.department.as_deref(),
            score: ad.score(),
            findings: ad.counts.total(),
            by_severity: &ad.counts,
            by_category: &ad.by_category,
            top_findings: &ad.findings,
            more_findings: ad.more_findings,
        }
    }
}

/// Renders `report` as pretty-printed JSON with a final newline.
///
/// # Errors
/// Only if serialisation fails, which plain data like this does not.
pub fn render(report: &AuditReport) -> io::Result<String> {
    let out = Report {
        version: 1,
        tool: Tool {
            name: "terskel",
            version: env!("CARGO_PKG_VERSION"),
        },
        score_weights: SeverityCounts {
            error: ERROR_WEIGHT,
            warning: WARNING_WEIGHT,
            info: INFO_WEIGHT,
        },
        totals: &report.totals,
        by_category: &report.by_category,
        by_severity: &report.by_severity,
        ads_by_category: &report.ads_by_category,
        ads_by_severity: &report.ads_by_severity,
        top_ads: report.top().map(TopAd::new).collect(),
        by_employer: &report.by_employer,
        suppressions: &report.suppressions,
        unread: &report.unread,
        skipped: &report.skipped,
        ads: report.ads.iter().map(Ad::new).collect(),
    };
    let mut text = serde_json::to_string_pretty(&out).map_err(io::Error::other)?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::super::{Audit, AuditSuppression};
    use super::*;

    #[test]
    fn empty_audit_has_the_whole_shape() {
        let text = render(&Audit::new().report()).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["version"], 1);
        assert_eq!(value["totals"]["ads"], 0);
        assert_eq!(value["by_category"].as_object().unwrap().len(), 15);
        assert_eq!(value["ads_by_category"]["missing-salary"], 0);
        assert_eq!(value["by_severity"]["error"], 0);
        assert_eq!(value["score_weights"]["error"], 10);
        assert_eq!(value["top_ads"], serde_json::json!([]));
        assert_eq!(value["ads"], serde_json::json!([]));
    }

    #[test]
    fn suppressions_carry_where_and_why() {
        let mut audit = Audit::new();
        audit.add_suppression(AuditSuppression {
            path: "a.md".into(),
            line: 4,
            rule_or_category: "driving-licence".into(),
            reason: Some("kjører mellom brukerne".into()),
        });
        let value: serde_json::Value =
            serde_json::from_str(&render(&audit.report()).unwrap()).unwrap();
        assert_eq!(
            value["suppressions"],
            serde_json::json!([{
                "path": "a.md",
                "line": 4,
                "rule_or_category": "driving-licence",
                "reason": "kjører mellom brukerne"
            }])
        );
        assert_eq!(value["totals"]["suppressions"], 1);
    }
}
