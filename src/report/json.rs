//! `--format json`: the DESIGN.md contract, one object.

use serde::Serialize;

use super::Report;
use crate::finding::{Finding, Severity};

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
/// hold a second copy of them as text. The document is serde_json's pretty form of one object
/// (version, tool, charter, summary, findings, errors, notices, fixed); its fields are written
/// one by one so that the findings can be rendered in parallel windows.
pub fn write(r: &Report<'_>, w: &mut impl std::io::Write) -> std::io::Result<()> {
    let errors: Vec<JsonError<'_>> =
        r.errors.iter().map(|e| JsonError { path: &e.path, message: &e.message }).collect();
    let notices: Vec<JsonError<'_>> =
        r.notices.iter().map(|e| JsonError { path: &e.path, message: &e.message }).collect();
    w.write_all(b"{")?;
    field(w, "version", &1u32, true)?;
    field(w, "tool", &Tool { name: "charterlint", version: env!("CARGO_PKG_VERSION") }, false)?;
    field(w, "charter", &CharterInfo { source: &r.charter_source }, false)?;
    field(w, "summary", &summary(r), false)?;
    w.write_all(b",\n  \"findings\": [")?;
    if !r.findings.is_empty() {
        super::rendered::write_each(r.findings, r.threads, w, |i, f, buf| {
            buf.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
            let json = pretty(&finding(f));
            super::rendered::indented(buf, &json, 4);
        })?;
        w.write_all(b"\n  ")?;
    }
    w.write_all(b"]")?;
    field(w, "errors", &errors, false)?;
    if !notices.is_empty() {
        field(w, "notices", &notices, false)?;
    }
    if let Some(b) = r.baseline {
        field(w, "fixed", &b.fixed.as_slice(), false)?;
    }
    w.write_all(b"\n}\n")
}

/// A value in serde_json's pretty form, as if at the top level.
fn pretty(value: &impl Serialize) -> Vec<u8> {
    // Serialising into memory fails only for maps with keys that are not strings, which the
    // report does not have; the error is written in place so the document stays JSON.
    serde_json::to_vec_pretty(value)
        .unwrap_or_else(|e| serde_json::to_vec(&e.to_string()).unwrap_or_default())
}

/// `  "key": value`, the value pretty and indented one level, after a comma unless first.
fn field(w: &mut impl std::io::Write, key: &str, value: &impl Serialize, first: bool) -> std::io::Result<()> {
    w.write_all(if first { b"\n  \"" } else { b",\n  \"" })?;
    w.write_all(key.as_bytes())?;
    w.write_all(b"\": ")?;
    let mut buf = Vec::new();
    super::rendered::indented(&mut buf, &pretty(value), 2);
    w.write_all(&buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Position;
    use crate::scan::{InputError, LogStats};

    /// The document as one serde_json value: what `write` must produce, field by field.
    #[derive(Serialize)]
    struct Whole<'a> {
        version: u32,
        tool: Tool,
        charter: CharterInfo<'a>,
        summary: Summary<'a>,
        findings: Vec<JsonFinding<'a>>,
        errors: Vec<JsonError<'a>>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        notices: Vec<JsonError<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        fixed: Option<&'a [crate::baseline::Entry]>,
    }

    fn errors_of(v: &[InputError]) -> Vec<JsonError<'_>> {
        v.iter().map(|e| JsonError { path: &e.path, message: &e.message }).collect()
    }

    fn whole(r: &Report<'_>) -> String {
        let doc = Whole {
            version: 1,
            tool: Tool { name: "charterlint", version: env!("CARGO_PKG_VERSION") },
            charter: CharterInfo { source: &r.charter_source },
            summary: summary(r),
            findings: r.findings.iter().map(finding).collect(),
            errors: errors_of(r.errors),
            notices: errors_of(r.notices),
            fixed: r.baseline.map(|b| b.fixed.as_slice()),
        };
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| panic!("{e}")) + "\n"
    }

    fn finding_no(i: usize) -> Finding {
        Finding {
            title: "A title".into(),
            message: format!("message {i} with \"quotes\", a line\nbreak and é"),
            end: Position { line: i + 1, column: 9 },
            record: i.is_multiple_of(2).then(|| format!("user u{i} › squid")),
            snippet: "x".repeat(i % 5),
            fingerprint: format!("sha256:{i:064x}"),
            charter_ref: "§7".into(),
            references: vec!["EU AI Act Art. 4".to_string(), "GDPR Art. 88".to_string()].into(),
            help: "Help,\nin two lines.".into(),
            tool: i.is_multiple_of(3).then(|| "deepseek".into()),
            ..Finding::sample(&format!("R{:03}", i % 7), "logs/access.log", i + 1)
        }
    }

    #[test]
    fn the_document_is_one_pretty_object_at_any_size() {
        let logs = LogStats::default();
        let by_user = std::collections::BTreeMap::new();
        let scope = super::super::scope::Scope::default();
        let err = |p: &str| InputError { path: p.into(), message: format!("cannot read {p}") };
        let errors = [err("a.docx"), err("b.pdf")];
        let notices = [err("c.json")];
        let applied = crate::baseline::Applied {
            hidden: 2,
            fixed: vec![crate::baseline::Entry {
                rule: "R1".into(),
                path: "x".into(),
                fingerprint: "f".into(),
            }],
        };
        let many: Vec<Finding> = (0..9_000).map(finding_no).collect();
        for (n, with_extras) in [(0, false), (1, true), (3, false), (9_000, true), (9_000, false)] {
            let report = Report {
                findings: &many[..n],
                files: 1,
                records: n,
                bytes: 10,
                skipped_large: 0,
                skipped_binary: 0,
                skipped_reports: 0,
                errors: if with_extras { &errors } else { &[] },
                notices: if with_extras { &notices } else { &[] },
                elapsed: std::time::Duration::from_millis(5),
                charter_source: "embedded default".into(),
                baseline: with_extras.then_some(&applied),
                logs: &logs,
                findings_by_user: &by_user,
                scope: &scope,
                threads: 2,
            };
            let mut out = Vec::new();
            write(&report, &mut out).unwrap_or_else(|e| panic!("{e}"));
            let ours = String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(ours, whole(&report), "{n} findings, extras {with_extras}");
        }
    }
}
