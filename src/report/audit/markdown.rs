//! `terskel audit --format markdown` (the default): the audit as one GitHub-renderable Markdown
//! page: totals, a Mermaid bar chart of ads per category, severities, the ads with the highest
//! thresholds, the per-employer breakdown, suppressions, then a short section per ad.
//!
//! Owns only the Markdown layout; every number comes from [`AuditReport`]. Text taken from ads
//! (titles, metadata, paths, reasons) is escaped so it cannot break a table or inject markup.

use super::words::{words, Words};
use super::{percent, url_path, AdSummary, AuditReport, BriefFinding, SEVERITIES};
use std::fmt::Write as _;

/// Renders `report` as Markdown.
pub fn render(report: &AuditReport) -> String {
    let w = words(report.language);
    let mut out = String::new();
    header(&mut out, report, w);
    categories(&mut out, report, w);
    severities(&mut out, report, w);
    top_ads(&mut out, report, w);
    employers(&mut out, report, w);
    suppressions(&mut out, report, w);
    unread(&mut out, report, w);
    ads(&mut out, report, w);
    out
}

fn header(out: &mut String, report: &AuditReport, w: &Words) {
    let t = &report.totals;
    let _ = writeln!(out, "# {}\n", w.title);
    let _ = writeln!(
        out,
        "{} {}. {}\n",
        w.made_by,
        env!("CARGO_PKG_VERSION"),
        w.score_explained
    );
    let _ = writeln!(out, "## {}\n", w.totals);
    let _ = writeln!(out, "| | |\n|---|---:|");
    let _ = writeln!(out, "| {} | {} |", w.ads, t.ads);
    let _ = writeln!(out, "| {} | {} |", w.ads_with_findings, t.ads_with_findings);
    let _ = writeln!(
        out,
        "| {} | {} |",
        w.ads_without_findings,
        t.ads - t.ads_with_findings
    );
    let _ = writeln!(out, "| {} | {} |", w.findings, t.findings);
    for s in SEVERITIES {
        let _ = writeln!(
            out,
            "| {} | {} |",
            w.severity_heading(s),
            report.by_severity.get(s)
        );
    }
    let _ = writeln!(out, "| {} | {} |", w.suppressions_count, t.suppressions);
    if t.unread > 0 {
        let _ = writeln!(out, "| {} | {} |", w.unread_count, t.unread);
    }
    if t.skipped > 0 {
        let _ = writeln!(out, "| {} | {} |", w.skipped_count, t.skipped);
    }
    for (language, n) in &t.by_language {
        let _ = writeln!(out, "| {} `{language}` | {n} |", w.language);
    }
    out.push('\n');
}

fn categories(out: &mut String, report: &AuditReport, w: &Words) {
    let _ = writeln!(out, "## {}\n", w.per_category);
    let rows = report.categories_by_ads();
    if rows.is_empty() {
        let _ = writeln!(out, "{}\n", w.no_findings_at_all);
        return;
    }
    let _ = writeln!(out, "{}\n", w.per_category_intro);
    let labels: Vec<String> = rows
        .iter()
        .map(|(c, _, _)| format!("\"{}\"", w.category(*c)))
        .collect();
    let bars: Vec<String> = rows.iter().map(|(_, ads, _)| ads.to_string()).collect();
    let _ = writeln!(out, "```mermaid\nxychart-beta horizontal");
    let _ = writeln!(out, "    title \"{}\"", w.per_category);
    let _ = writeln!(out, "    x-axis [{}]", labels.join(", "));
    let _ = writeln!(
        out,
        "    y-axis \"{}\" 0 --> {}",
        w.ads,
        report.totals.ads.max(1)
    );
    let _ = writeln!(out, "    bar [{}]\n```\n", bars.join(", "));
    let _ = writeln!(
        out,
        "| {} | id | {} | {} | {} |\n|---|---|---:|---:|---:|",
        w.category, w.ads, w.share, w.findings
    );
    for (c, ads, findings) in rows {
        let _ = writeln!(
            out,
            "| {} | `{c}` | {ads} | {} % | {findings} |",
            w.category(c),
            percent(ads, report.totals.ads)
        );
    }
    out.push('\n');
}

fn severities(out: &mut String, report: &AuditReport, w: &Words) {
    let _ = writeln!(out, "## {}\n", w.per_severity);
    let _ = writeln!(
        out,
        "| {} | {} | {} |\n|---|---:|---:|",
        w.severity, w.findings, w.ads
    );
    for s in SEVERITIES {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            w.severity_heading(s),
            report.by_severity.get(s),
            report.ads_by_severity.get(s)
        );
    }
    out.push('\n');
}

fn top_ads(out: &mut String, report: &AuditReport, w: &Words) {
    let _ = writeln!(out, "## {}\n", w.top_ads);
    if report.top_ads.is_empty() {
        let _ = writeln!(out, "{}\n", w.no_findings_at_all);
        return;
    }
    let _ = writeln!(out, "{}\n", w.score_explained);
    let _ = write!(out, "| # | {} | {} |", w.ad, w.score);
    for s in SEVERITIES {
        let _ = write!(out, " {} |", w.severity_heading(s));
    }
    let _ = writeln!(
        out,
        " {} |\n|---:|---|---:|---:|---:|---:|---:|",
        w.findings
    );
    for (rank, ad) in report.top().enumerate() {
        let _ = write!(out, "| {} | {} | {} |", rank + 1, ad_link(ad), ad.score());
        for s in SEVERITIES {
            let _ = write!(out, " {} |", ad.counts.get(s));
        }
        let _ = writeln!(out, " {} |", ad.counts.total());
    }
    out.push('\n');
}

fn employers(out: &mut String, report: &AuditReport, w: &Words) {
    let _ = writeln!(out, "## {}\n", w.by_employer);
    if report.by_employer.is_empty() {
        let _ = writeln!(out, "{}\n", w.no_employer_metadata);
        return;
    }
    let _ = write!(
        out,
        "| {} | {} | {} | {} | {} |",
        w.employer, w.department, w.ads, w.with_findings, w.findings
    );
    for s in SEVERITIES {
        let _ = write!(out, " {} |", w.severity_heading(s));
    }
    let _ = writeln!(
        out,
        " {} |\n|---|---|---:|---:|---:|---:|---:|---:|---:|",
        w.mean_score
    );
    for row in &report.by_employer {
        let name = |v: &Option<String>| v.as_deref().map_or(w.not_given.to_string(), escape);
        let _ = write!(
            out,
            "| {} | {} | {} | {} | {} |",
            name(&row.employer),
            name(&row.department),
            row.ads,
            row.ads_with_findings,
            row.findings
        );
        for s in SEVERITIES {
            let _ = write!(out, " {} |", row.by_severity.get(s));
        }
        let _ = writeln!(out, " {} |", w.decimal(row.mean_score));
    }
    out.push('\n');
}

fn suppressions(out: &mut String, report: &AuditReport, w: &Words) {
    let _ = writeln!(out, "## {}\n", w.suppressions);
    if report.suppressions.is_empty() {
        let _ = writeln!(out, "{}\n", w.none);
        return;
    }
    let _ = writeln!(out, "{}\n", w.suppressions_intro);
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
        w.ad, w.employer, w.place, w.rule_or_category, w.reason
    );
    let by_path = report.ads_by_path();
    for s in &report.suppressions {
        let ad = by_path.get(s.path.as_str());
        let name = ad.map_or_else(|| escape(&s.path), |a| escape(&a.name()));
        let employer = ad
            .and_then(|a| a.employer.as_deref())
            .map_or(w.not_given.to_string(), escape);
        let reason = s
            .reason
            .as_deref()
            .filter(|r| !r.trim().is_empty())
            .map_or(format!("**{}**", w.no_reason), escape);
        let _ = writeln!(
            out,
            "| {name} | {employer} | {} | {} | {reason} |",
            code(&format!("{}:{}", s.path, s.line)),
            code(&s.rule_or_category)
        );
    }
    out.push('\n');
}

fn unread(out: &mut String, report: &AuditReport, w: &Words) {
    if report.unread.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", w.unread);
    for message in &report.unread {
        let _ = writeln!(out, "- {}", escape(message));
    }
    out.push('\n');
}

fn ads(out: &mut String, report: &AuditReport, w: &Words) {
    let _ = writeln!(out, "## {}\n", w.the_ads);
    if report.ads.is_empty() {
        let _ = writeln!(out, "{}\n", w.no_ads);
        return;
    }
    for ad in &report.ads {
        let _ = writeln!(out, "### {}\n", escape(&ad.name()));
        let place = match &ad.link {
            Some(link) => format!("[{}](<{}>)", code(&ad.path), url_path(link)),
            None => code(&ad.path),
        };
        let _ = write!(out, "{place} · {}", ad.language);
        if let Some(org) = organisation(ad) {
            let _ = write!(out, " · {org}");
        }
        if ad.counts.total() == 0 {
            let _ = writeln!(out, "\n\n{}\n", w.clean_ad);
            continue;
        }
        let _ = writeln!(
            out,
            " · {} · {} {}\n",
            w.counts(&ad.counts),
            w.score.to_lowercase(),
            ad.score()
        );
        for f in &ad.findings {
            let _ = writeln!(out, "- {}", finding(f, w));
        }
        if ad.more_findings > 0 {
            let _ = writeln!(out, "- {}", w.more(ad.more_findings, &ad.path));
        }
        out.push('\n');
    }
}

fn finding(f: &BriefFinding, w: &Words) -> String {
    let place = match (f.line, f.column) {
        (Some(line), Some(column)) => format!("`{line}:{column}`"),
        _ => format!("*{}*", w.whole_ad),
    };
    format!(
        "{place} {} [`{}`] {}",
        w.severity_word(f.severity),
        f.rule,
        escape(&f.message)
    )
}

fn organisation(ad: &AdSummary) -> Option<String> {
    let parts: Vec<String> = [&ad.employer, &ad.department]
        .into_iter()
        .flatten()
        .map(|s| escape(s))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn ad_link(ad: &AdSummary) -> String {
    match &ad.link {
        Some(link) => format!("[{}](<{}>)", escape(&ad.name()), url_path(link)),
        None => escape(&ad.name()),
    }
}

/// Text from an ad made safe for Markdown (inline and table cells): one line, with Markdown
/// and HTML punctuation escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '!' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    out
}

/// `text` as inline code that holds any backticks and cannot break a table.
fn code(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.replace('|', "\\|");
    let fence = if text.contains('`') { "`` " } else { "`" };
    let close = if text.contains('`') { " ``" } else { "`" };
    format!("{fence}{text}{close}")
}

#[cfg(test)]
mod tests {
    use super::super::{Audit, AuditSuppression};
    use super::*;

    #[test]
    fn suppressions_list_where_and_why() {
        let mut audit = Audit::new();
        audit.add_suppression(AuditSuppression {
            path: "ads/hjemmetjeneste.md".into(),
            line: 12,
            rule_or_category: "driving-licence".into(),
            reason: Some("Du kjører mellom brukerne | hele dagen".into()),
        });
        audit.add_suppression(AuditSuppression {
            path: "ads/kantine.md".into(),
            line: 3,
            rule_or_category: "nb.readability.lix".into(),
            reason: None,
        });
        let text = render(&audit.report());
        let section = text
            .split("## Unntak\n")
            .nth(1)
            .and_then(|s| s.split("\n## ").next())
            .unwrap();
        assert!(section.contains(
            "| ads/hjemmetjeneste.md | (ikke oppgitt) | `ads/hjemmetjeneste.md:12` | `driving-licence` | Du kjører mellom brukerne \\| hele dagen |"
        ), "{section}");
        assert!(section.contains("**(ingen begrunnelse)**"), "{section}");
        assert!(text.contains("| Unntak | 2 |"));
    }

    #[test]
    fn escaping_keeps_tables_and_markup_intact() {
        assert_eq!(
            escape("Kokk | <b>*sjef*</b>\n[x]"),
            "Kokk \\| &lt;b&gt;\\*sjef\\*&lt;/b&gt; \\[x\\]"
        );
        assert_eq!(code("a|b"), "`a\\|b`");
        assert_eq!(code("a`b"), "`` a`b ``");
    }
}
