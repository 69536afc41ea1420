//! `--format html`: the audit report for an AI committee, one self-contained file. Inline CSS
//! and inline SVG only: no script, font, image or style sheet is fetched (a Content Security
//! Policy says so to the browser), so the file can be mailed, archived and printed to PDF as it
//! is. Every text comes from findings, which are masked when built: the report never sees a
//! secret or a personal datum in full.
//!
//! Sections: scope, headline figures, findings by category and severity, shadow-AI inventory,
//! confidential data by tool and by month, human oversight and prohibited practices, AI labels
//! of documents, most serious conversations, findings per person, method and limits.

pub mod charts;
pub mod i18n;
mod sections;

use std::fmt::Write as _;

use self::charts::{Bar, Segment};
use self::i18n::{Lang, Text};
use super::Report;
use super::record::{self, Parts};
use crate::charter::ToolStatus;
use crate::finding::{Category, Finding, Severity};
pub use crate::html::escape;

/// Findings with their record's parts, read once.
pub(crate) struct Audit<'r, 'a> {
    pub r: &'r Report<'a>,
    pub lang: Lang,
    pub t: &'static Text,
    pub parts: Vec<Parts>,
}

impl<'r, 'a> Audit<'r, 'a> {
    fn new(r: &'r Report<'a>, lang: Lang) -> Self {
        let parts =
            r.findings.iter().map(|f| f.record.as_deref().map(record::parse).unwrap_or_default()).collect();
        Audit { r, lang, t: lang.text(), parts }
    }

    pub fn rows(&self) -> impl Iterator<Item = (&'r Finding, &Parts)> + '_ {
        self.r.findings.iter().zip(&self.parts)
    }

    /// The report's name of a tool id.
    pub fn tool_name(&self, id: &str) -> String {
        self.r.scope.tools.get(id).map_or_else(|| id.to_string(), |t| t.name.clone())
    }

    /// The name without its parenthesised list of products: `OpenAI (ChatGPT, …)` → `OpenAI`.
    pub fn tool_short(&self, id: &str) -> String {
        let name = self.tool_name(id);
        match name.split_once(" (") {
            Some((head, _)) if !head.is_empty() => head.to_string(),
            _ => name,
        }
    }

    pub fn tool_status(&self, id: &str) -> Option<ToolStatus> {
        self.r.scope.tools.get(id).and_then(|t| t.status)
    }

    /// A severity as a word with an icon, coloured by its class: never colour alone.
    pub fn severity(&self, s: Severity) -> String {
        let icon = match s {
            Severity::Error => "✖",
            Severity::Warning => "▲",
            Severity::Info => "●",
        };
        format!(r#"<span class="sev sev-{}">{icon} {}</span>"#, s.as_str(), self.lang.severity(s))
    }

    pub fn status(&self, s: Option<ToolStatus>) -> String {
        let (icon, class) = match s {
            Some(ToolStatus::Approved) => ("✔", "approved"),
            Some(ToolStatus::Tolerated) => ("◐", "tolerated"),
            Some(ToolStatus::Unapproved) => ("▲", "unapproved"),
            Some(ToolStatus::Forbidden) => ("✖", "forbidden"),
            None => ("?", "unknown"),
        };
        format!(r#"<span class="st st-{class}">{icon} {}</span>"#, self.lang.status(s))
    }

    /// Severity segments of a set of findings, for a stacked bar.
    pub fn severity_segments<'f>(&self, findings: impl Iterator<Item = &'f Finding>) -> Vec<Segment> {
        let mut n = [0usize; 3];
        for f in findings {
            n[sev_index(f.severity)] += 1;
        }
        [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .map(|s| Segment {
                name: self.lang.severity(s).to_lowercase(),
                value: n[sev_index(s)],
                class: sev_class(s),
            })
            .collect()
    }
}

fn sev_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "fill-error",
        Severity::Warning => "fill-warning",
        Severity::Info => "fill-info",
    }
}

/// `path:line`, the place a reader can open.
pub fn location(f: &Finding) -> String {
    if f.start.line > 0 { format!("{}:{}", f.path, f.start.line) } else { f.path.to_string() }
}

/// The day of an RFC 3339 time, or the time as written, kept on one line.
pub fn day(t: &str) -> String {
    format!("<span class=\"nw\">{}</span>", escape(t.get(..10).unwrap_or(t)))
}

/// A table: caption, header cells (`scope="col"`), rows whose first cell is a row header.
pub fn table(caption: &str, head: &[&str], rows: &[Vec<String>], numeric_from: usize) -> String {
    let mut out = format!("<table><caption>{}</caption><thead><tr>", escape(caption));
    for (i, h) in head.iter().enumerate() {
        let class = if i >= numeric_from { r#" class="num""# } else { "" };
        let _ = write!(out, r#"<th scope="col"{class}>{}</th>"#, escape(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let class = if i >= numeric_from { r#" class="num""# } else { "" };
            if i == 0 {
                let _ = write!(out, r#"<th scope="row"{class}>{cell}</th>"#);
            } else {
                let _ = write!(out, "<td{class}>{cell}</td>");
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

const CSS: &str = include_str!("report.css");

/// The whole report.
pub fn render(r: &Report<'_>, lang: Lang) -> String {
    let a = Audit::new(r, lang);
    let t = a.t;
    let body: Vec<(&str, &str, String)> = vec![
        ("scope", t.scope, scope(&a)),
        ("headline", t.headline, headline(&a)),
        ("categories", t.by_category, by_category(&a)),
        ("inventory", t.inventory, sections::inventory(&a)),
        ("confidential", t.confidential, sections::confidential(&a)),
        ("oversight", t.oversight, sections::oversight(&a)),
        ("labels", t.labels, sections::labels(&a)),
        ("conversations", t.serious, sections::conversations(&a)),
        ("users", t.per_user, sections::per_user(&a)),
        ("method", t.method, sections::method(&a)),
    ];
    let title = match &r.scope.organization {
        Some(o) => format!("{} — {}", t.title, o),
        None => t.title.to_string(),
    };
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(&crate::html::page_head(lang.code(), &title, CSS));
    let _ = writeln!(
        out,
        "<header><h1>{}</h1><p class=\"sub\">{} {}</p></header>",
        escape(&title),
        t.generated_by,
        env!("CARGO_PKG_VERSION"),
    );
    let _ = write!(out, "<nav aria-label=\"{}\"><h2>{}</h2><ol>", t.contents, t.contents);
    for (id, heading, _) in &body {
        let _ = write!(out, "<li><a href=\"#{id}\">{}</a></li>", escape(heading));
    }
    out.push_str("</ol></nav>\n<main>\n");
    for (id, heading, html) in &body {
        let _ = write!(
            out,
            "<section id=\"{id}\" aria-labelledby=\"{id}-h\"><h2 id=\"{id}-h\">{}</h2>\n{html}\n</section>\n",
            escape(heading)
        );
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// Inputs, period, charter.
fn scope(a: &Audit<'_, '_>) -> String {
    let (t, r) = (a.t, a.r);
    let times: Vec<&str> = a.parts.iter().filter_map(|p| p.time.as_deref()).collect();
    let period = match (times.iter().min(), times.iter().max()) {
        (Some(lo), Some(hi)) => format!("{} {} {}", day(lo), t.to, day(hi)),
        _ => escape(t.period_unknown),
    };
    let inputs = if r.scope.inputs.is_empty() {
        escape(t.unknown)
    } else {
        r.scope.inputs.iter().map(|i| format!("<code>{}</code>", escape(i))).collect::<Vec<_>>().join(", ")
    };
    let mut rows =
        vec![(t.inputs, inputs), (t.files, r.files.to_string()), (t.records, r.records.to_string())];
    if r.logs.messages > 0 {
        rows.push((t.conversations, r.logs.conversations.to_string()));
        rows.push((t.messages, r.logs.messages.to_string()));
    }
    rows.push((t.period, period));
    rows.push((t.organization, escape(r.scope.organization.as_deref().unwrap_or(t.unknown))));
    rows.push((t.source, format!("<code>{}</code>", escape(&r.charter_source))));
    if let Some(v) = r.scope.charter_version {
        rows.push((t.version, v.to_string()));
    }
    if let Some(h) = &r.scope.charter_sha256 {
        rows.push((t.sha256, format!("<code class=\"hash\">{h}</code>")));
    }
    if !r.errors.is_empty() {
        let list: Vec<String> =
            r.errors.iter().map(|e| format!("<code>{}</code>", escape(&e.path))).collect();
        rows.push((t.input_errors, format!("{}: {}", r.errors.len(), list.join(", "))));
    }
    let mut out = String::from("<dl class=\"scope\">");
    for (k, v) in rows {
        let _ = write!(out, "<dt>{}</dt><dd>{v}</dd>", escape(k));
    }
    out.push_str("</dl>");
    out
}

fn figure(n: usize, label: &str, extra: &str) -> String {
    format!(
        r#"<div class="fig"><span class="n">{n}</span><span class="l">{}</span>{extra}</div>"#,
        escape(label)
    )
}

fn headline(a: &Audit<'_, '_>) -> String {
    let (t, r) = (a.t, a.r);
    let by_sev: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|s| format!("{} {}", a.severity(s), r.count(s)))
        .collect();
    let outside = r
        .scope
        .tools
        .values()
        .filter(|tool| matches!(tool.status, Some(ToolStatus::Unapproved | ToolStatus::Forbidden)))
        .count();
    // Sent: in a log record, i.e. text that reached an AI tool (code is counted by category).
    let sent =
        r.findings.iter().filter(|f| f.category == Category::ConfidentialData && f.record.is_some()).count();
    let mut users: Vec<&str> = a.parts.iter().filter_map(|p| p.user.as_deref()).collect();
    users.extend(r.findings_by_user.keys().map(String::as_str));
    users.sort_unstable();
    users.dedup();
    let mut out = String::from("<div class=\"figs\">");
    out.push_str(&figure(
        r.findings.len(),
        t.findings,
        &format!("<span class=\"d\">{}</span>", by_sev.join("<br>")),
    ));
    out.push_str(&figure(sent, t.confidential_sent, ""));
    out.push_str(&figure(outside, t.tools_outside, ""));
    out.push_str(&figure(users.len(), t.users_with_findings, ""));
    if r.logs.messages > 0 {
        out.push_str(&figure(r.logs.messages, t.messages, ""));
    }
    out.push_str("</div>");
    out
}

fn by_category(a: &Audit<'_, '_>) -> String {
    let (t, lang) = (a.t, a.lang);
    let bars: Vec<Bar> = Category::ALL
        .into_iter()
        .map(|c| Bar {
            label: lang.category(c).to_string(),
            segments: a.severity_segments(a.r.findings.iter().filter(|f| f.category == c)),
        })
        .collect();
    let rows: Vec<Vec<String>> = bars
        .iter()
        .map(|b| {
            let mut row = vec![escape(&b.label)];
            row.extend(b.segments.iter().map(|s| s.value.to_string()));
            row.push(b.total().to_string());
            row
        })
        .collect();
    let head = [
        t.category,
        lang.severity(Severity::Error),
        lang.severity(Severity::Warning),
        lang.severity(Severity::Info),
        t.total,
    ];
    format!(
        "<figure>{}</figure>\n{}",
        charts::hbar("chart-categories", t.by_category_caption, &bars),
        table(t.by_category_caption, &head, &rows, 1)
    )
}
