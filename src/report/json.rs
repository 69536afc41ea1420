//! `--format json`: the DESIGN.md contract, one object.

use serde::Serialize;

use super::Report;
use crate::finding::{Finding, Severity};

#[derive(Serialize)]
struct Out<'a> {
    version: u32,
    tool: Tool,
    charter: CharterInfo<'a>,
    summary: Summary<'a>,
    findings: Findings<'a>,
    errors: Vec<JsonError<'a>>,
    /// Files shaped like a prompt log that no reader knows: not audited, not a read failure.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notices: Vec<JsonError<'a>>,
    /// Baseline entries that no longer occur; present when `--baseline` was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<&'a [crate::baseline::Entry]>,
}

/// The findings, each turned into its JSON shape as it is written rather than all at once.
struct Findings<'a>(&'a [Finding]);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(finding))
    }
}

#[derive(Serialize)]
struct BaselineCounts {
    hidden: usize,
    fixed: usize,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct CharterInfo<'a> {
    source: &'a str,
}

#[derive(Serialize)]
pub(super) struct Summary<'a> {
    files: usize,
    records: usize,
    /// Prompt-log records (messages) by format and by receiving AI tool.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    records_by_format: &'a std::collections::BTreeMap<String, usize>,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    records_by_tool: &'a std::collections::BTreeMap<String, usize>,
    /// Records by the app an AI tool was used in (Microsoft 365 Copilot audit records).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    records_by_app: &'a std::collections::BTreeMap<String, usize>,
    #[serde(skip_serializing_if = "is_zero")]
    conversations: usize,
    findings: usize,
    by_severity: BySeverity,
    /// Findings by the person who sent the text (prompt logs, audit records, commits): user ids
    /// as the record names them, pseudonyms under `--pseudonymize`.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    findings_by_user: std::collections::BTreeMap<String, BySeverity>,
    bytes: u64,
    skipped: Skipped,
    elapsed_ms: u128,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineCounts>,
    /// AI use found in network logs: tools and the inventory of tools × people × days.
    #[serde(skip_serializing_if = "Option::is_none")]
    network: Option<Network<'a>>,
}

#[derive(Serialize)]
struct Network<'a> {
    files_by_format: &'a std::collections::BTreeMap<String, usize>,
    records: u64,
    matched: u64,
    tools: Vec<NetTool<'a>>,
    inventory: Vec<NetRow<'a>>,
}

#[derive(Serialize)]
struct NetTool<'a> {
    tool: &'a str,
    name: &'a str,
    status: &'a str,
    people: usize,
    days: usize,
    requests: u64,
    blocked: u64,
}

#[derive(Serialize)]
struct NetRow<'a> {
    tool: &'a str,
    status: &'a str,
    user: &'a str,
    day: &'a str,
    requests: u64,
    blocked: u64,
}

fn network(inv: &crate::inputs::network::inventory::Inventory) -> Option<Network<'_>> {
    if inv.is_empty() {
        return None;
    }
    let tools = inv
        .by_tool()
        .into_iter()
        .map(|t| NetTool {
            tool: t.id,
            name: &t.tool.name,
            status: t.tool.status,
            people: t.people,
            days: t.days,
            requests: t.requests,
            blocked: t.blocked,
        })
        .collect();
    let inventory = inv
        .days
        .iter()
        .map(|((tool, user, day), d)| NetRow {
            tool,
            status: inv.tools.get(tool).map_or("", |t| t.status),
            user,
            day,
            requests: d.requests,
            blocked: d.blocked,
        })
        .collect();
    Some(Network {
        files_by_format: &inv.files_by_format,
        records: inv.records,
        matched: inv.matched,
        tools,
        inventory,
    })
}

#[derive(Serialize, Default)]
struct BySeverity {
    error: usize,
    warning: usize,
    info: usize,
}

#[derive(Serialize)]
struct Skipped {
    too_large: usize,
    binary: usize,
    /// charterlint's own reports found in the tree.
    #[serde(skip_serializing_if = "is_zero")]
    reports: usize,
}

#[derive(Serialize)]
pub(super) struct JsonFinding<'a> {
    rule: &'a str,
    category: &'a str,
    severity: &'a str,
    title: &'a str,
    message: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<&'a str>,
    snippet: &'a str,
    fingerprint: &'a str,
    charter_ref: &'a str,
    references: &'a [String],
    help: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    message: &'a str,
}

pub(super) fn finding(f: &Finding) -> JsonFinding<'_> {
    JsonFinding {
        rule: &f.rule,
        category: f.category.as_str(),
        severity: f.severity.as_str(),
        title: &f.title,
        message: &f.message,
        path: &f.path,
        line: f.start.line,
        column: f.start.column,
        end_line: f.end.line,
        end_column: f.end.column,
        record: f.record.as_deref(),
        snippet: &f.snippet,
        fingerprint: &f.fingerprint,
        charter_ref: &f.charter_ref,
        references: &f.references,
        help: &f.help,
        tool: f.tool.as_deref(),
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn by_user(findings: &[Finding]) -> std::collections::BTreeMap<String, BySeverity> {
    let mut users = std::collections::BTreeMap::<String, BySeverity>::new();
    for f in findings {
        let Some(user) = f.record.as_deref().and_then(|r| super::record::parse(r).user) else { continue };
        let n = users.entry(user).or_default();
        match f.severity {
            Severity::Error => n.error += 1,
            Severity::Warning => n.warning += 1,
            Severity::Info => n.info += 1,
        }
    }
    users
}

/// The run's summary, as the contract's `summary` object.
pub(super) fn summary<'a>(r: &'a Report<'_>) -> Summary<'a> {
    Summary {
        files: r.files,
        records: r.records,
        records_by_format: &r.logs.by_format,
        records_by_tool: &r.logs.by_tool,
        records_by_app: &r.logs.by_app,
        conversations: r.logs.conversations,
        findings: r.findings.len(),
        by_severity: BySeverity {
            error: r.count(Severity::Error),
            warning: r.count(Severity::Warning),
            info: r.count(Severity::Info),
        },
        findings_by_user: by_user(r.findings),
        bytes: r.bytes,
        skipped: Skipped { too_large: r.skipped_large, binary: r.skipped_binary, reports: r.skipped_reports },
        elapsed_ms: r.elapsed.as_millis(),
        baseline: r.baseline.map(|b| BaselineCounts { hidden: b.hidden, fixed: b.fixed.len() }),
        network: network(&r.logs.network),
    }
}

/// The report as one string (`--output FILE=json`, tests).
pub fn render(r: &Report<'_>) -> String {
    let mut buf = Vec::new();
    if let Err(e) = write(r, &mut buf) {
        return format!("{{\"error\": \"{e}\"}}\n");
    }
    String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes the report to `w` as it is serialised, so that a run with many findings does not
/// hold a second copy of them as text.
pub fn write(r: &Report<'_>, w: &mut impl std::io::Write) -> std::io::Result<()> {
    let out = Out {
        version: 1,
        tool: Tool { name: "charterlint", version: env!("CARGO_PKG_VERSION") },
        charter: CharterInfo { source: &r.charter_source },
        summary: summary(r),
        findings: Findings(r.findings),
        errors: r.errors.iter().map(|e| JsonError { path: &e.path, message: &e.message }).collect(),
        notices: r.notices.iter().map(|e| JsonError { path: &e.path, message: &e.message }).collect(),
        fixed: r.baseline.map(|b| b.fixed.as_slice()),
    };
    serde_json::to_writer_pretty(&mut *w, &out)?;
    w.write_all(b"\n")
}
