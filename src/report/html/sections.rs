//! The audit report's sections past the headline: inventory of AI tools, confidential data by
//! tool and month, oversight and prohibited practices, AI labels, conversations, people, and
//! method and limits.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::charts::{self, Bar};
use super::{Audit, day, escape, location, table};
use crate::charter::ToolStatus;
use crate::finding::{Category, Finding, Severity};

/// Longest excerpt shown per finding: snippets are masked, and this keeps a table readable.
const EXCERPT_MAX: usize = 220;

fn para(s: &str) -> String {
    format!("<p>{}</p>", escape(s))
}

fn none(a: &Audit<'_, '_>) -> String {
    format!("<p class=\"none\">{}</p>", escape(a.t.none))
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max).collect();
    out.push('…');
    out
}

/// First and last of a set of times.
#[derive(Debug, Default)]
struct Seen<'p> {
    first: Option<&'p str>,
    last: Option<&'p str>,
}

impl<'p> Seen<'p> {
    fn add(&mut self, t: Option<&'p str>) {
        let Some(t) = t else { return };
        if self.first.is_none_or(|f| t < f) {
            self.first = Some(t);
        }
        if self.last.is_none_or(|l| t > l) {
            self.last = Some(t);
        }
    }

    fn cells(&self) -> [String; 2] {
        [self.first, self.last].map(|t| t.map_or_else(|| "—".to_string(), day))
    }
}

/// Order of tools in the inventory: the most troubling status first.
fn status_rank(s: Option<ToolStatus>) -> u8 {
    match s {
        Some(ToolStatus::Forbidden) => 0,
        Some(ToolStatus::Unapproved) => 1,
        None => 2,
        Some(ToolStatus::Tolerated) => 3,
        Some(ToolStatus::Approved) => 4,
    }
}

pub(super) fn inventory(a: &Audit<'_, '_>) -> String {
    struct Row<'p> {
        findings: usize,
        users: BTreeSet<&'p str>,
        seen: Seen<'p>,
    }
    let mut tools: BTreeMap<&str, Row<'_>> = BTreeMap::new();
    for id in a.r.scope.tools.keys() {
        tools.insert(id, Row { findings: 0, users: BTreeSet::new(), seen: Seen::default() });
    }
    for (f, p) in a.rows() {
        let Some(id) = f.tool.as_deref() else { continue };
        let row = tools.entry(id).or_insert_with(|| Row {
            findings: 0,
            users: BTreeSet::new(),
            seen: Seen::default(),
        });
        row.findings += 1;
        if let Some(u) = p.user.as_deref() {
            row.users.insert(u);
        }
        row.seen.add(p.time.as_deref());
    }
    if tools.is_empty() {
        return para(a.t.none);
    }
    let mut ordered: Vec<(&str, Row<'_>)> = tools.into_iter().collect();
    ordered.sort_by_key(|(id, row)| (status_rank(a.tool_status(id)), usize::MAX - row.findings, *id));
    let rows: Vec<Vec<String>> = ordered
        .iter()
        .map(|(id, row)| {
            let [first, last] = row.seen.cells();
            vec![
                escape(&a.tool_name(id)),
                a.status(a.tool_status(id)),
                a.r.logs.by_tool.get(*id).copied().unwrap_or(0).to_string(),
                row.findings.to_string(),
                row.users.len().to_string(),
                first,
                last,
            ]
        })
        .collect();
    let t = a.t;
    let head = [t.tool, t.status, t.messages, t.findings, t.users, t.first_seen, t.last_seen];
    format!("{}\n{}", para(t.inventory_intro), table(t.inventory_caption, &head, &rows, 2))
}

pub(super) fn confidential(a: &Audit<'_, '_>) -> String {
    let t = a.t;
    let conf: Vec<(&Finding, &super::Parts)> =
        a.rows().filter(|(f, _)| f.category == Category::ConfidentialData && f.tool.is_some()).collect();
    if conf.is_empty() {
        return format!("{}\n{}", para(t.confidential_intro), none(a));
    }
    let mut by_tool: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    let mut by_month: BTreeMap<String, Vec<&Finding>> = BTreeMap::new();
    for (f, p) in &conf {
        by_tool.entry(f.tool.as_deref().unwrap_or_default()).or_default().push(f);
        let month = p.month().map_or_else(|| format!("~ {}", t.undated), str::to_string);
        by_month.entry(month).or_default().push(f);
    }
    let mut tool_bars: Vec<Bar> = by_tool
        .iter()
        .map(|(id, fs)| Bar { label: a.tool_short(id), segments: a.severity_segments(fs.iter().copied()) })
        .collect();
    tool_bars.sort_by(|x, y| y.total().cmp(&x.total()).then_with(|| x.label.cmp(&y.label)));
    let month_bars: Vec<Bar> = by_month
        .iter()
        .map(|(m, fs)| Bar { label: m.clone(), segments: a.severity_segments(fs.iter().copied()) })
        .collect();
    let rows = |bars: &[Bar]| -> Vec<Vec<String>> {
        bars.iter()
            .map(|b| {
                let mut row = vec![escape(&b.label)];
                row.extend(b.segments.iter().map(|s| s.value.to_string()));
                row.push(b.total().to_string());
                row
            })
            .collect()
    };
    let l = a.lang;
    let sev = [l.severity(Severity::Error), l.severity(Severity::Warning), l.severity(Severity::Info)];
    let tool_title = format!("{} — {}", t.confidential, t.by_tool);
    let month_title = format!("{} — {}", t.confidential, t.by_month);
    let mut out = para(t.confidential_intro);
    let _ = write!(
        out,
        "\n<h3>{}</h3>\n<figure>{}</figure>\n{}\n<h3>{}</h3>\n<figure>{}</figure>\n{}",
        escape(t.by_tool),
        charts::hbar("chart-conf-tool", &tool_title, &tool_bars),
        table(&tool_title, &[t.tool, sev[0], sev[1], sev[2], t.total], &rows(&tool_bars), 1),
        escape(t.by_month),
        charts::hbar("chart-conf-month", &month_title, &month_bars),
        table(&month_title, &[t.month, sev[0], sev[1], sev[2], t.total], &rows(&month_bars), 1),
    );
    out
}

/// A table of findings: severity, rule, location (and record), message.
fn findings_table(a: &Audit<'_, '_>, caption: &str, first: &str, found: &[&Finding]) -> String {
    let t = a.t;
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|f| {
            let mut place = format!("<code>{}</code>", escape(&location(f)));
            if let Some(r) = &f.record {
                let _ = write!(place, "<br><small>{}</small>", escape(r));
            }
            vec![
                place,
                a.severity(f.severity),
                format!("<code>{}</code>", escape(&f.rule)),
                format!(
                    "{}<br><small class=\"x\">{}</small>",
                    escape(&f.message),
                    escape(&short(&f.snippet, EXCERPT_MAX))
                ),
            ]
        })
        .collect();
    table(caption, &[first, t.severity, t.rule, t.message], &rows, usize::MAX)
}

pub(super) fn oversight(a: &Audit<'_, '_>) -> String {
    let found: Vec<&Finding> =
        a.r.findings
            .iter()
            .filter(|f| matches!(f.category, Category::HumanOversight | Category::ProhibitedPractice))
            .collect();
    if found.is_empty() {
        return none(a);
    }
    findings_table(a, a.t.oversight_caption, a.t.location, &found)
}

pub(super) fn labels(a: &Audit<'_, '_>) -> String {
    let found: Vec<&Finding> = a.r.findings.iter().filter(|f| f.category == Category::AiLabel).collect();
    if found.is_empty() {
        return para(a.t.labels_none);
    }
    findings_table(a, a.t.labels_caption, a.t.document, &found)
}

fn weight(s: Severity) -> usize {
    match s {
        Severity::Error => 100,
        Severity::Warning => 10,
        Severity::Info => 1,
    }
}

pub(super) fn conversations(a: &Audit<'_, '_>) -> String {
    struct Conv<'f> {
        title: &'f str,
        user: Option<&'f str>,
        tools: BTreeSet<&'f str>,
        seen: Seen<'f>,
        findings: Vec<&'f Finding>,
    }
    let mut convs: BTreeMap<(&str, Option<&str>, &str), Conv<'_>> = BTreeMap::new();
    for (f, p) in a.rows() {
        let Some(title) = p.conversation.as_deref() else { continue };
        let c = convs.entry((&*f.path, p.user.as_deref(), title)).or_insert_with(|| Conv {
            title,
            user: p.user.as_deref(),
            tools: BTreeSet::new(),
            seen: Seen::default(),
            findings: Vec::new(),
        });
        if let Some(tool) = f.tool.as_deref() {
            c.tools.insert(tool);
        }
        c.seen.add(p.time.as_deref());
        c.findings.push(f);
    }
    if convs.is_empty() {
        return none(a);
    }
    let mut ranked: Vec<Conv<'_>> = convs.into_values().collect();
    let score = |c: &Conv<'_>| c.findings.iter().map(|f| weight(f.severity)).sum::<usize>();
    ranked.sort_by(|x, y| score(y).cmp(&score(x)).then_with(|| x.title.cmp(y.title)));
    let t = a.t;
    let rows: Vec<Vec<String>> = ranked
        .iter()
        .take(10)
        .map(|c| {
            let worst = c.findings.iter().map(|f| f.severity).max().unwrap_or(Severity::Info);
            let tools: Vec<String> = c.tools.iter().map(|id| escape(&a.tool_short(id))).collect();
            let mut excerpts = String::from("<ul class=\"x\">");
            for f in &c.findings {
                let _ = write!(
                    excerpts,
                    "<li><code>{}</code> {}</li>",
                    escape(&f.rule),
                    escape(&short(&f.snippet, EXCERPT_MAX))
                );
            }
            excerpts.push_str("</ul>");
            vec![
                escape(c.title),
                escape(c.user.unwrap_or("—")),
                tools.join(", "),
                c.seen.cells()[0].clone(),
                a.severity(worst),
                excerpts,
            ]
        })
        .collect();
    let head = [t.conversation, t.user, t.tool, t.time, t.severity, t.excerpts];
    format!("{}\n{}", para(t.serious_intro), table(t.serious_caption, &head, &rows, usize::MAX))
}

pub(super) fn per_user(a: &Audit<'_, '_>) -> String {
    #[derive(Default)]
    struct Person<'p> {
        n: [usize; 3],
        confidential: usize,
        tools: BTreeSet<&'p str>,
        seen: Seen<'p>,
    }
    let mut people: BTreeMap<&str, Person<'_>> = BTreeMap::new();
    for (f, p) in a.rows() {
        let Some(u) = p.user.as_deref() else { continue };
        let person = people.entry(u).or_default();
        person.n[super::sev_index(f.severity)] += 1;
        if f.category == Category::ConfidentialData {
            person.confidential += 1;
        }
        if let Some(tool) = f.tool.as_deref() {
            person.tools.insert(tool);
        }
        person.seen.add(p.time.as_deref());
    }
    if people.is_empty() {
        return none(a);
    }
    let mut ordered: Vec<(&str, Person<'_>)> = people.into_iter().collect();
    let total = |p: &Person<'_>| p.n.iter().sum::<usize>();
    ordered.sort_by(|x, y| total(&y.1).cmp(&total(&x.1)).then_with(|| x.0.cmp(y.0)));
    let rows: Vec<Vec<String>> = ordered
        .iter()
        .map(|(u, p)| {
            let tools: Vec<String> = p.tools.iter().map(|id| escape(&a.tool_short(id))).collect();
            let [first, last] = p.seen.cells();
            vec![
                escape(u),
                tools.join(", "),
                first,
                last,
                total(p).to_string(),
                p.n[0].to_string(),
                p.n[1].to_string(),
                p.n[2].to_string(),
                p.confidential.to_string(),
            ]
        })
        .collect();
    let (t, l) = (a.t, a.lang);
    let head = [
        t.user,
        t.tool,
        t.first_seen,
        t.last_seen,
        t.findings,
        l.severity(Severity::Error),
        l.severity(Severity::Warning),
        l.severity(Severity::Info),
        l.category(Category::ConfidentialData),
    ];
    table(t.per_user_caption, &head, &rows, 4)
}

pub(super) fn method(a: &Audit<'_, '_>) -> String {
    let t = a.t;
    let list = |items: &[&str]| -> String {
        let li: String = items.iter().map(|i| format!("<li>{}</li>", escape(i))).collect();
        format!("<ul>{li}</ul>")
    };
    let mut limits: Vec<&str> = t.limits_items.to_vec();
    if a.r.logs.by_format.contains_key("m365-copilot") {
        limits.insert(0, t.m365_limit);
    }
    format!(
        "<h3>{}</h3>\n{}\n<h3>{}</h3>\n{}",
        escape(t.checked),
        list(t.checked_items),
        escape(t.limits),
        list(&limits)
    )
}
