//! `terskel audit --format html`: the audit as ONE self-contained, accessible HTML page with the
//! same content as the Markdown report.
//!
//! Owns only the HTML layout. The page makes no requests: CSS is inline, charts are inline SVG,
//! there is no JavaScript, and a Content-Security-Policy forbids loading anything. Links go only
//! to the ads' files (relative paths) and to anchors in the page. Every text taken from ads
//! (titles, metadata, paths, messages, reasons) is HTML-escaped.

use super::words::{words, Words};
use super::{percent, url_path, AdSummary, AuditReport, BriefFinding, SEVERITIES};
use crate::taxonomy::Severity;
use std::fmt::Write as _;

const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 1rem; line-height: 1.5; color: #1a1a1a; background: #ffffff; }
header, main, footer { max-width: 64rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid #d0d7de; }
h3 { font-size: 1.1rem; margin: 1.75rem 0 .25rem; }
a { color: #0b57a4; }
a:focus-visible, .table-wrap:focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em;
  background: #f0f3f6; padding: .05em .3em; border-radius: 3px; overflow-wrap: anywhere; }
.lead { color: #3d4650; margin: 0 0 1rem; }
nav ul { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: .75rem; margin: 0; }
.cards div { border: 1px solid #d0d7de; border-radius: 6px; padding: .6rem .8rem; background: #f7f9fb; }
.cards dt { font-size: .85rem; color: #3d4650; }
.cards dd { margin: 0; font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.chart { display: block; width: 100%; max-width: 30rem; height: auto; margin: .5rem 0 1.25rem; }
.chart text { font-family: inherit; font-size: 13px; fill: #1a1a1a; }
.bar { fill: #2f5d8a; }
.bar-error { fill: #b3261e; }
.bar-warning { fill: #9a5200; }
.bar-info { fill: #2f5d8a; }
.track { fill: #eef2f6; }
.table-wrap { overflow-x: auto; margin: .5rem 0 1rem; }
table { border-collapse: collapse; min-width: 50%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid #d0d7de; }
thead th { background: #eef2f6; border-bottom: 2px solid #8c959f; }
tbody tr:nth-child(even) { background: #f7f9fb; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th.num { white-space: normal; }
.sev { display: inline-block; min-width: 4.8rem; text-align: center; border-radius: 3px; padding: 0 .4rem;
  font-size: .85rem; font-weight: 600; color: #ffffff; }
.sev-error { background: #b3261e; }
.sev-warning { background: #9a5200; }
.sev-info { background: #2f5d8a; }
.missing { font-weight: 700; color: #b3261e; }
article { border-top: 1px solid #d0d7de; padding-bottom: .75rem; }
h2 + article { border-top: 0; }
article .meta { margin: 0 0 .5rem; color: #3d4650; }
ul.findings { margin: 0; padding-left: 0; list-style: none; }
ul.findings li { margin: .2rem 0; display: grid; grid-template-columns: 5.4rem 1fr; gap: .5rem; align-items: baseline; }
ul.findings li.more { display: block; }
.whole { font-style: italic; }
td .path { display: block; font-size: .85rem; }
td.nowrap, td code { white-space: nowrap; overflow-wrap: normal; }
.pos { font-variant-numeric: tabular-nums; color: #3d4650; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { margin-top: 3rem; padding-bottom: 2rem; color: #3d4650; font-size: .9rem; }
@media (max-width: 40rem) { h1 { font-size: 1.5rem; } .cards dd { font-size: 1.3rem; } }
"#;

/// Renders `report` as one self-contained HTML page.
pub fn render(report: &AuditReport) -> String {
    let w = words(report.language);
    let mut out = String::new();
    head(&mut out, report, w);
    out.push_str("<main>\n");
    totals(&mut out, report, w);
    categories(&mut out, report, w);
    severities(&mut out, report, w);
    top_ads(&mut out, report, w);
    employers(&mut out, report, w);
    suppressions(&mut out, report, w);
    unread(&mut out, report, w);
    ads(&mut out, report, w);
    out.push_str("</main>\n");
    let _ = writeln!(
        out,
        "<footer><p>{} {}. {}</p></footer>\n</body>\n</html>",
        w.made_by,
        env!("CARGO_PKG_VERSION"),
        esc(w.score_explained)
    );
    out
}

fn head(out: &mut String, report: &AuditReport, w: &Words) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"generator\" content=\"terskel {version}\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{title}</h1>\n",
        lang = report.language,
        version = env!("CARGO_PKG_VERSION"),
        title = esc(w.title),
    );
    let _ = writeln!(
        out,
        "<p class=\"lead\">{} {}. {}</p>",
        w.made_by,
        env!("CARGO_PKG_VERSION"),
        esc(w.score_explained)
    );
    let _ = writeln!(out, "<nav aria-label=\"{}\"><ul>", esc(w.contents));
    let mut links = vec![
        ("totals", w.totals),
        ("categories", w.per_category),
        ("severities", w.per_severity),
        ("top", w.top_ads),
        ("employers", w.by_employer),
        ("suppressions", w.suppressions),
    ];
    if !report.unread.is_empty() {
        links.push(("unread", w.unread));
    }
    links.push(("ads", w.the_ads));
    for (id, label) in links {
        let _ = writeln!(out, "<li><a href=\"#{id}\">{}</a></li>", esc(label));
    }
    out.push_str("</ul></nav>\n</header>\n");
}

fn section_start(out: &mut String, id: &str, heading: &str) {
    let _ = writeln!(
        out,
        "<section id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">{}</h2>",
        esc(heading)
    );
}

fn totals(out: &mut String, report: &AuditReport, w: &Words) {
    let t = &report.totals;
    section_start(out, "totals", w.totals);
    out.push_str("<dl class=\"cards\">\n");
    let mut cards: Vec<(String, usize)> = vec![
        (w.ads.into(), t.ads),
        (w.ads_with_findings.into(), t.ads_with_findings),
        (w.ads_without_findings.into(), t.ads - t.ads_with_findings),
        (w.findings.into(), t.findings),
    ];
    for s in SEVERITIES {
        cards.push((w.severity_heading(s), report.by_severity.get(s)));
    }
    cards.push((w.suppressions_count.into(), t.suppressions));
    if t.unread > 0 {
        cards.push((w.unread_count.into(), t.unread));
    }
    if t.skipped > 0 {
        cards.push((w.skipped_count.into(), t.skipped));
    }
    for (language, n) in &t.by_language {
        cards.push((format!("{} {language}", w.language), *n));
    }
    for (label, n) in cards {
        let _ = writeln!(out, "<div><dt>{}</dt><dd>{n}</dd></div>", esc(&label));
    }
    out.push_str("</dl>\n</section>\n");
}

/// One bar of a chart: label, value, CSS class of the bar.
struct Bar {
    label: String,
    value: usize,
    class: &'static str,
}

/// A horizontal bar chart as inline SVG, each label above its bar so it stays readable when the
/// chart shrinks to a phone's width; bars are scaled to `max`. The table after each chart holds
/// the same numbers for screen readers and copying.
fn bar_chart(out: &mut String, id: &str, title: &str, bars: &[Bar], max: usize, total: usize) {
    const WIDTH: usize = 400;
    const ROW: usize = 38;
    const BAR_HEIGHT: usize = 12;
    let height = bars.len() * ROW + 4;
    let _ = writeln!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{id}-t\">\n<title id=\"{id}-t\">{}</title>",
        esc(title)
    );
    let max = max.max(1);
    for (i, bar) in bars.iter().enumerate() {
        let y = i * ROW;
        let length = bar.value.min(max) * WIDTH / max;
        let share = if total > 0 {
            format!(" ({} %)", percent(bar.value, total))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "<text x=\"0\" y=\"{text_y}\">{label}</text>\
             <text x=\"{WIDTH}\" y=\"{text_y}\" text-anchor=\"end\">{value}{share}</text>\
             <rect class=\"track\" x=\"0\" y=\"{bar_y}\" width=\"{WIDTH}\" height=\"{BAR_HEIGHT}\"/>\
             <rect class=\"{class}\" x=\"0\" y=\"{bar_y}\" width=\"{length}\" height=\"{BAR_HEIGHT}\"/>",
            text_y = y + 15,
            bar_y = y + 21,
            label = esc(&bar.label),
            value = bar.value,
            class = bar.class,
        );
    }
    out.push_str("</svg>\n");
}

fn table_start(out: &mut String, caption: &str, headers: &[(&str, bool)]) {
    let _ = write!(
        out,
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{0}\">\n<table>\n<caption class=\"visually-hidden\">{0}</caption>\n<thead><tr>",
        esc(caption)
    );
    for (header, numeric) in headers {
        let class = if *numeric { " class=\"num\"" } else { "" };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", esc(header));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
}

fn table_end(out: &mut String) {
    out.push_str("</tbody>\n</table>\n</div>\n");
}

fn num(n: impl std::fmt::Display) -> String {
    format!("<td class=\"num\">{n}</td>")
}

fn categories(out: &mut String, report: &AuditReport, w: &Words) {
    section_start(out, "categories", w.per_category);
    let rows = report.categories_by_ads();
    if rows.is_empty() {
        let _ = writeln!(out, "<p>{}</p>\n</section>", esc(w.no_findings_at_all));
        return;
    }
    let _ = writeln!(out, "<p>{}</p>", esc(w.per_category_intro));
    let bars: Vec<Bar> = rows
        .iter()
        .map(|(c, ads, _)| Bar {
            label: w.category(*c).to_string(),
            value: *ads,
            class: "bar",
        })
        .collect();
    bar_chart(
        out,
        "chart-categories",
        w.per_category,
        &bars,
        report.totals.ads,
        report.totals.ads,
    );
    table_start(
        out,
        w.per_category,
        &[
            (w.category, false),
            ("id", false),
            (w.ads, true),
            (w.share, true),
            (w.findings, true),
        ],
    );
    for (c, ads, findings) in rows {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td><code>{c}</code></td>{}{}{}</tr>",
            esc(w.category(c)),
            num(ads),
            num(format!("{} %", percent(ads, report.totals.ads))),
            num(findings)
        );
    }
    table_end(out);
    out.push_str("</section>\n");
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn severities(out: &mut String, report: &AuditReport, w: &Words) {
    section_start(out, "severities", w.per_severity);
    let bars: Vec<Bar> = SEVERITIES
        .into_iter()
        .map(|s| Bar {
            label: w.severity_heading(s),
            value: report.by_severity.get(s),
            class: match s {
                Severity::Error => "bar-error",
                Severity::Warning => "bar-warning",
                Severity::Info => "bar-info",
            },
        })
        .collect();
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    bar_chart(out, "chart-severities", w.per_severity, &bars, max, 0);
    table_start(
        out,
        w.per_severity,
        &[(w.severity, false), (w.findings, true), (w.ads, true)],
    );
    for s in SEVERITIES {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th>{}{}</tr>",
            badge(w, s),
            num(report.by_severity.get(s)),
            num(report.ads_by_severity.get(s))
        );
    }
    table_end(out);
    out.push_str("</section>\n");
}

fn badge(w: &Words, s: Severity) -> String {
    format!(
        "<span class=\"sev sev-{}\">{}</span>",
        severity_class(s),
        esc(w.severity_word(s))
    )
}

fn top_ads(out: &mut String, report: &AuditReport, w: &Words) {
    section_start(out, "top", w.top_ads);
    if report.top_ads.is_empty() {
        let _ = writeln!(out, "<p>{}</p>\n</section>", esc(w.no_findings_at_all));
        return;
    }
    let _ = writeln!(out, "<p>{}</p>", esc(w.score_explained));
    let error = w.severity_heading(Severity::Error);
    let warning = w.severity_heading(Severity::Warning);
    let info = w.severity_heading(Severity::Info);
    table_start(
        out,
        w.top_ads,
        &[
            ("#", true),
            (w.ad, false),
            (w.score, true),
            (&error, true),
            (&warning, true),
            (&info, true),
            (w.findings, true),
        ],
    );
    for (rank, &i) in report.top_ads.iter().enumerate() {
        let Some(ad) = report.ads.get(i) else {
            continue;
        };
        let _ = write!(
            out,
            "<tr>{}<td><a href=\"#ad-{}\">{}</a><span class=\"path\">{}</span></td>{}",
            num(rank + 1),
            i + 1,
            esc(&ad.name()),
            file_link(ad),
            num(ad.score())
        );
        for s in SEVERITIES {
            out.push_str(&num(ad.counts.get(s)));
        }
        let _ = writeln!(out, "{}</tr>", num(ad.counts.total()));
    }
    table_end(out);
    out.push_str("</section>\n");
}

fn employers(out: &mut String, report: &AuditReport, w: &Words) {
    section_start(out, "employers", w.by_employer);
    if report.by_employer.is_empty() {
        let _ = writeln!(
            out,
            "<p>{}</p>\n</section>",
            code_ticks(w.no_employer_metadata)
        );
        return;
    }
    let error = w.severity_heading(Severity::Error);
    let warning = w.severity_heading(Severity::Warning);
    let info = w.severity_heading(Severity::Info);
    table_start(
        out,
        w.by_employer,
        &[
            (w.employer, false),
            (w.department, false),
            (w.ads, true),
            (w.with_findings, true),
            (w.findings, true),
            (&error, true),
            (&warning, true),
            (&info, true),
            (w.mean_score, true),
        ],
    );
    for row in &report.by_employer {
        let name = |v: &Option<String>| esc(v.as_deref().unwrap_or(w.not_given));
        let _ = write!(
            out,
            "<tr><td class=\"nowrap\">{}</td><td>{}</td>{}{}{}",
            name(&row.employer),
            name(&row.department),
            num(row.ads),
            num(row.ads_with_findings),
            num(row.findings)
        );
        for s in SEVERITIES {
            out.push_str(&num(row.by_severity.get(s)));
        }
        let _ = writeln!(out, "{}</tr>", num(w.decimal(row.mean_score)));
    }
    table_end(out);
    out.push_str("</section>\n");
}

fn suppressions(out: &mut String, report: &AuditReport, w: &Words) {
    section_start(out, "suppressions", w.suppressions);
    if report.suppressions.is_empty() {
        let _ = writeln!(out, "<p>{}</p>\n</section>", esc(w.none));
        return;
    }
    let _ = writeln!(out, "<p>{}</p>", esc(w.suppressions_intro));
    table_start(
        out,
        w.suppressions,
        &[
            (w.ad, false),
            (w.employer, false),
            (w.place, false),
            (w.rule_or_category, false),
            (w.reason, false),
        ],
    );
    let by_path = report.ads_by_path();
    for s in &report.suppressions {
        let ad = by_path.get(s.path.as_str());
        let name = ad.map_or(std::borrow::Cow::Borrowed(s.path.as_str()), |a| a.name());
        let employer = ad
            .and_then(|a| a.employer.as_deref())
            .unwrap_or(w.not_given);
        let reason = match s.reason.as_deref().filter(|r| !r.trim().is_empty()) {
            Some(reason) => esc(reason),
            None => format!("<span class=\"missing\">{}</span>", esc(w.no_reason)),
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td><code>{}:{}</code></td><td><code>{}</code></td><td>{reason}</td></tr>",
            esc(&name),
            esc(employer),
            esc(&s.path),
            s.line,
            esc(&s.rule_or_category)
        );
    }
    table_end(out);
    out.push_str("</section>\n");
}

fn unread(out: &mut String, report: &AuditReport, w: &Words) {
    if report.unread.is_empty() {
        return;
    }
    section_start(out, "unread", w.unread);
    out.push_str("<ul>\n");
    for message in &report.unread {
        let _ = writeln!(out, "<li>{}</li>", esc(message));
    }
    out.push_str("</ul>\n</section>\n");
}

fn ads(out: &mut String, report: &AuditReport, w: &Words) {
    section_start(out, "ads", w.the_ads);
    if report.ads.is_empty() {
        let _ = writeln!(out, "<p>{}</p>\n</section>", esc(w.no_ads));
        return;
    }
    for (i, ad) in report.ads.iter().enumerate() {
        let _ = writeln!(
            out,
            "<article id=\"ad-{}\" aria-labelledby=\"ad-{}-h\">\n<h3 id=\"ad-{}-h\" lang=\"{}\">{}</h3>",
            i + 1,
            i + 1,
            i + 1,
            ad.language,
            esc(&ad.name())
        );
        let mut meta = vec![file_link(ad), ad.language.to_string()];
        meta.extend(ad.employer.as_deref().map(esc));
        meta.extend(ad.department.as_deref().map(esc));
        if ad.counts.total() > 0 {
            meta.push(esc(&w.counts(&ad.counts)));
            meta.push(format!("{} {}", esc(&w.score.to_lowercase()), ad.score()));
        }
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", meta.join(" · "));
        if ad.counts.total() == 0 {
            let _ = writeln!(out, "<p>{}</p>\n</article>", esc(w.clean_ad));
            continue;
        }
        out.push_str("<ul class=\"findings\">\n");
        for f in &ad.findings {
            let _ = writeln!(out, "<li>{}</li>", finding(f, w, ad));
        }
        if ad.more_findings > 0 {
            let _ = writeln!(
                out,
                "<li class=\"more\">{}</li>",
                code_ticks(&w.more(ad.more_findings, &ad.path))
            );
        }
        out.push_str("</ul>\n</article>\n");
    }
    out.push_str("</section>\n");
}

fn finding(f: &BriefFinding, w: &Words, ad: &AdSummary) -> String {
    let place = match (f.line, f.column) {
        (Some(line), Some(column)) => format!("<span class=\"pos\">{line}:{column}</span>"),
        _ => format!("<span class=\"pos whole\">{}</span>", esc(w.whole_ad)),
    };
    format!(
        "{}<span>{place} <code>{}</code> <span lang=\"{}\">{}</span></span>",
        badge(w, f.severity),
        esc(&f.rule),
        ad.language,
        esc(&f.message)
    )
}

fn file_link(ad: &AdSummary) -> String {
    match &ad.link {
        Some(link) => format!(
            "<a href=\"{}\"><code>{}</code></a>",
            esc(&url_path(link)),
            esc(&ad.path)
        ),
        None => format!("<code>{}</code>", esc(&ad.path)),
    }
}

/// Escapes `text` and turns `` `code` `` spans of the frame words into `<code>` elements.
fn code_ticks(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", esc(part));
        } else {
            out.push_str(&esc(part));
        }
    }
    out
}

/// `text` escaped for HTML text and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Audit, AuditSuppression};
    use super::*;

    #[test]
    fn escapes_what_comes_from_ads() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(code_ticks("kjør `a<b`"), "kjør <code>a&lt;b</code>");
    }

    #[test]
    fn suppressions_render_with_reason_or_its_absence() {
        let mut audit = Audit::new();
        audit.add_suppression(AuditSuppression {
            path: "a.md".into(),
            line: 3,
            rule_or_category: "driving-licence".into(),
            reason: Some("<kjører> mellom brukerne".into()),
        });
        audit.add_suppression(AuditSuppression {
            path: "b.md".into(),
            line: 7,
            rule_or_category: "nb.readability.lix".into(),
            reason: None,
        });
        let page = render(&audit.report());
        assert!(page.contains("&lt;kjører&gt; mellom brukerne"));
        assert!(page.contains("<code>b.md:7</code>"));
        assert!(page.contains("(ingen begrunnelse)"));
        assert!(!page.contains("<p>Ingen.</p>"));
    }

    #[test]
    fn empty_audit_is_a_whole_page() {
        let page = render(&Audit::new().report());
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"nb\">"));
        assert!(page.ends_with("</html>\n"));
        assert!(page.contains("Fant ingen annonser."));
    }
}
