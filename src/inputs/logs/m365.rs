//! Microsoft 365 Copilot audit records (Purview unified audit log, Operation
//! `CopilotInteraction`, RecordType 261, Workload `Copilot`), as the Purview portal exports them
//! (CSV with columns `RecordId, CreationDate, RecordType, Operation, UserId, AuditData`, the
//! last a JSON string), or as a JSON array or JSONL of records (PowerShell
//! `Search-UnifiedAuditLog`, where `AuditData` is again a JSON string, or the Management
//! Activity API, whose records are the AuditData objects themselves).
//!
//! These records hold no prompt text: each becomes one record of the audit (by format, tool and
//! user) and one unit of kind `audit-record` whose text states, one line each, the
//! sensitivity-labelled resources Copilot accessed and the cross-prompt injections it detected.
//! Rules CONF006 and INJECT006 read those lines.

use std::io::BufRead;

use serde_json::Value;

use super::Ctx;
use super::split::{self, Element};
use crate::finding::Position;
use crate::unit::{Fact, FactKind, Kinds, Place as UnitPlace, Record, Unit, UnitKind};

const FORMAT: &str = "m365-copilot";
const TOOL: &str = "microsoft-copilot";

/// Whether a file's first bytes (BOM and leading blanks removed) are Copilot audit records: the
/// portal CSV header, or JSON records of a `CopilotInteraction`.
pub fn claims(start: &[u8]) -> bool {
    let first_line = start.split(|b| *b == b'\n').next().unwrap_or_default();
    let has = |hay: &[u8], needle: &str| memchr::memmem::find(hay, needle.as_bytes()).is_some();
    if has(first_line, "AuditData") && has(first_line, "RecordType") && has(first_line, "Operation") {
        return true;
    }
    matches!(start.first(), Some(b'[' | b'{'))
        && (has(start, "\"CopilotEventData\"")
            || has(start, "CopilotInteraction")
                && (has(start, "\"AuditData\"") || has(start, "\"Workload\"")))
}

/// Where a record lies, for findings and errors.
struct Place {
    /// `row 3`, `line 2`, `record 4`.
    name: String,
    start: Position,
    byte: u64,
}

/// One record to read on a worker thread: where it lies, the user and date columns of a CSV
/// row, and its JSON (`AuditData` for a CSV row).
struct Job {
    place: Place,
    user: Option<String>,
    date: Option<String>,
    json: Vec<u8>,
    /// `AuditData ` for a CSV cell, empty otherwise, to name what is malformed.
    what: &'static str,
    /// Why the record is skipped (longer than the cap), reported from the worker.
    skipped: Option<String>,
}

fn work(ctx: &mut Ctx<'_>, mut job: Job) {
    if let Some(why) = job.skipped {
        return ctx.error(why);
    }
    if let Some((fixed, invalid)) = crate::inputs::decode::lossy(&job.json) {
        ctx.notice(format!(
            "{} (byte {}): {}",
            job.place.name,
            job.place.byte,
            invalid.describe(job.place.byte)
        ));
        job.json = fixed;
    }
    match serde_json::from_slice::<Value>(&job.json) {
        Ok(v) => record(ctx, &v, job.user.as_deref(), job.date.as_deref(), &job.place),
        Err(e) => malformed(ctx, &job.place, job.what, &e),
    }
}

pub fn scan<R: BufRead>(ctx: &mut Ctx<'_>, mut reader: R) {
    ctx.format = FORMAT;
    let (first, one_line) = match reader.fill_buf() {
        Ok(head) => {
            let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
            let start = head.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |i| &head[i..]);
            // JSONL, unless the first line is an object cut short (a single pretty-printed
            // record, as `ConvertTo-Json` writes one search result).
            let line = start.split(|b| *b == b'\n').next().unwrap_or_default();
            let cut = serde_json::from_slice::<serde::de::IgnoredAny>(line).is_err_and(|e| e.is_eof());
            (start.first().copied(), !cut)
        }
        Err(e) => return ctx.error(format!("read error: {e}")),
    };
    match first {
        Some(b'[') => array(ctx, reader),
        Some(b'{') if one_line => lines(ctx, reader),
        Some(b'{') => array(ctx, reader),
        _ => csv(ctx, reader),
    }
}

fn array<R: BufRead>(ctx: &mut Ctx<'_>, reader: R) {
    let mut broken = None;
    super::fan_out(
        ctx,
        |push| {
            let result = split::split(reader, |el: Element| {
                let n = el.bytes.len();
                let name = format!("record {}", el.index + 1);
                let skipped = el.over.then(|| split::too_long(&name, el.offset, el.len));
                let place = Place { name, start: el.start, byte: el.offset };
                push(Job { place, user: None, date: None, json: el.bytes, what: "", skipped }, n);
            });
            broken = result.err();
        },
        work,
    );
    if let Some(e) = broken {
        ctx.error(format!("record {} (byte {}): {}", e.index + 1, e.offset, e.message));
    }
}

fn lines<R: BufRead>(ctx: &mut Ctx<'_>, mut reader: R) {
    let mut read_error = None;
    super::fan_out(
        ctx,
        |push| {
            read_error = super::lines::read_lines(&mut reader, split::record_cap(), |line| {
                let super::lines::Line { number, offset, mut bytes, len, over } = line;
                if number == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
                    bytes.drain(..3);
                }
                if over || !bytes.trim_ascii().is_empty() {
                    let name = format!("line {number}");
                    let skipped = over.then(|| split::too_long(&name, offset, len as u64));
                    let place = Place { name, start: Position { line: number, column: 1 }, byte: offset };
                    let n = bytes.len();
                    push(Job { place, user: None, date: None, json: bytes, what: "", skipped }, n);
                }
            });
        },
        work,
    );
    if let Some(e) = read_error {
        ctx.error(e);
    }
}

fn csv<R: BufRead>(ctx: &mut Ctx<'_>, mut reader: R) {
    let delimiter = match reader.fill_buf() {
        Ok(head) => super::csv::delimiter_of(head),
        Err(e) => return ctx.error(format!("read error: {e}")),
    };
    let mut errors = Vec::new();
    let mut minor = Vec::new();
    let mut header: Option<Header> = None;
    super::fan_out(
        ctx,
        |push| {
            let read_error = super::csv::rows(reader, delimiter, |d| {
                errors.extend(d.notices.iter().cloned());
                minor.extend(d.minor.iter().cloned());
                let Some(h) = &header else {
                    let col = |name: &str| d.fields.iter().position(|f| f.trim().eq_ignore_ascii_case(name));
                    let Some(audit) = col("AuditData") else {
                        errors.push("CSV: no AuditData column".to_string());
                        header = Some(Header { audit: None, user: None, date: None, op: None });
                        return;
                    };
                    let user = col("UserId").or_else(|| col("UserIds"));
                    header = Some(Header {
                        audit: Some(audit),
                        user,
                        date: col("CreationDate"),
                        op: col("Operation"),
                    });
                    return;
                };
                let Some(audit) = h.audit else { return };
                if d.skip {
                    return;
                }
                let get = |c: Option<usize>| {
                    c.and_then(|c| d.fields.get(c)).map(|s| s.trim()).filter(|s| !s.is_empty())
                };
                if get(h.op).is_some_and(|op| !op.eq_ignore_ascii_case("CopilotInteraction")) {
                    return;
                }
                let line = d.row.line;
                let place =
                    Place { name: d.name.clone(), start: Position { line, column: 1 }, byte: d.row.offset };
                let Some(data) = get(Some(audit)) else {
                    errors.push(format!("{} (byte {}): empty AuditData", place.name, place.byte));
                    return;
                };
                let (user, date) = (get(h.user).map(str::to_string), get(h.date).map(str::to_string));
                let json = data.as_bytes().to_vec();
                let n = json.len();
                push(Job { place, user, date, json, what: "AuditData ", skipped: None }, n);
            });
            errors.extend(read_error.map(|e| format!("CSV: {e}")));
        },
        work,
    );
    for e in errors {
        ctx.error(e);
    }
    for n in minor {
        ctx.notice(n);
    }
}

/// Columns of the portal CSV.
struct Header {
    audit: Option<usize>,
    user: Option<usize>,
    date: Option<usize>,
    op: Option<usize>,
}

fn malformed(ctx: &mut Ctx<'_>, place: &Place, what: &str, e: &serde_json::Error) {
    let kind = if e.is_eof() { "truncated" } else { "malformed" };
    ctx.error(format!("{} (byte {}): {what}is {kind} JSON: {e}; record skipped", place.name, place.byte));
}

fn str_at<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty())
}

/// A name fit for one quoted line: no quotes, no line breaks.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '"' {
                '\''
            } else if c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A resource name as findings show it: cleaned, and with the personal data and secrets it
/// holds (a mail subject with an address or a phone number) masked unless `--show-secrets`.
fn shown_name(ctx: &Ctx<'_>, s: &str) -> String {
    let s = clean(s);
    if ctx.source.show_secrets {
        return s;
    }
    let mut spans: Vec<std::ops::Range<usize>> =
        crate::detect::personal::find(&s).into_iter().map(|d| d.span).collect();
    spans.extend(crate::detect::secrets::find(&s).into_iter().map(|d| d.span));
    if spans.is_empty() {
        return s;
    }
    spans.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    crate::mask::mask_spans(&s, &spans)
}

/// `2026-03-02T09:14:11` (UTC implied) → `2026-03-02T09:14:11Z`.
fn utc(t: &str) -> String {
    let has_zone = t.ends_with('Z') || t.get(19..).is_some_and(|rest| rest.contains(['+', '-']));
    if has_zone || !t.contains('T') { t.to_string() } else { format!("{t}Z") }
}

/// One audit record: a PowerShell/portal wrapper with `AuditData`, or the AuditData itself.
fn record(ctx: &mut Ctx<'_>, v: &Value, user: Option<&str>, date: Option<&str>, place: &Place) {
    let parsed;
    let data = match v.get("AuditData") {
        Some(Value::String(s)) => match serde_json::from_str::<Value>(s) {
            Ok(d) => {
                parsed = d;
                &parsed
            }
            Err(e) => return malformed(ctx, place, "AuditData ", &e),
        },
        Some(d @ Value::Object(_)) => d,
        _ => v,
    };
    let op = str_at(data, "Operation").or_else(|| str_at(v, "Operations")).or_else(|| str_at(v, "Operation"));
    if op.is_some_and(|op| !op.eq_ignore_ascii_case("CopilotInteraction")) {
        return;
    }
    let Some(event) = data.get("CopilotEventData") else {
        ctx.error(format!("{} (byte {}): no CopilotEventData; record skipped", place.name, place.byte));
        return;
    };
    let user = str_at(data, "UserId").or(user).or_else(|| str_at(v, "UserIds"));
    let user = user.map(|u| ctx.source.person(u).into_owned());
    let time = str_at(data, "CreationTime").or(date).or_else(|| str_at(v, "CreationDate")).map(utc);
    let app = str_at(event, "AppHost").map_or_else(|| "an unknown app".to_string(), clean);
    let list = |key: &str| event.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let plugins: Vec<&str> =
        list("AISystemPlugin").iter().filter_map(|p| str_at(p, "Name").or_else(|| str_at(p, "Id"))).collect();
    let web = plugins.iter().any(|p| p.eq_ignore_ascii_case("BingWebSearch"));
    let models: Vec<&str> =
        list("ModelTransparencyDetails").iter().filter_map(|m| str_at(m, "ModelName")).collect();

    let tool = ctx.tool(TOOL);
    ctx.counts.records += 1;
    let logs = &mut ctx.counts.logs;
    logs.conversations += 1;
    logs.messages += 1;
    *logs.by_format.entry(FORMAT.to_string()).or_default() += 1;
    *logs.by_tool.entry(TOOL.to_string()).or_default() += 1;
    *logs.by_app.entry(format!("Copilot in {app}")).or_default() += 1;

    // The unit's text states each fact in a sentence; rules match the typed facts.
    let mut text = String::new();
    let mut facts = Vec::new();
    let mut state = |text: &mut String, kind: FactKind, sentence: String| {
        facts.push(Fact { kind, span: text.len()..text.len() + sentence.len() });
        text.push_str(&sentence);
        text.push('\n');
    };
    for r in list("AccessedResources") {
        let name = str_at(r, "Name")
            .or_else(|| str_at(r, "SiteUrl"))
            .or_else(|| str_at(r, "Id"))
            .map_or_else(|| "an unnamed resource".to_string(), |n| shown_name(ctx, n));
        let site = match (str_at(r, "SiteUrl"), str_at(r, "Name")) {
            (Some(u), Some(_)) => format!(" on {}", clean(u)),
            _ => String::new(),
        };
        if let Some(label) = str_at(r, "SensitivityLabelId") {
            let kind = str_at(r, "Type").map(|t| format!("{}, ", clean(t))).unwrap_or_default();
            let grounding = if web { ", with web search on" } else { "" };
            let sentence = format!(
                "Copilot in {app} accessed \"{name}\" ({kind}sensitivity label {}){site}{grounding}",
                clean(label)
            );
            state(&mut text, FactKind::LabelledResource, sentence);
        }
        if r.get("XPIADetected").and_then(Value::as_bool) == Some(true) {
            let sentence = format!("Copilot in {app} detected a cross-prompt injection in \"{name}\"{site}");
            state(&mut text, FactKind::InjectionDetected, sentence);
        }
    }
    if facts.is_empty() {
        return;
    }
    let record = || {
        let mut parts = Vec::new();
        if let Some(u) = &user {
            parts.push(format!("user {u}"));
        }
        parts.push(format!("Copilot in {app}"));
        if let Some(agent) = str_at(event, "AgentName").or_else(|| str_at(data, "AgentName")) {
            parts.push(format!("agent {agent:?}"));
        }
        match str_at(data, "Id") {
            Some(id) => parts.push(format!("{} (audit record {id})", place.name)),
            None => parts.push(place.name.clone()),
        }
        if !plugins.is_empty() {
            parts.push(format!("plugins {}", plugins.join(", ")));
        }
        if !models.is_empty() {
            parts.push(format!("model {}", models.join(", ")));
        }
        if let Some(t) = &time {
            parts.push(t.clone());
        }
        parts.join(" › ")
    };
    let unit = Unit {
        record: Record::Lazy(&record),
        tool,
        place: UnitPlace::Record(place.start),
        user: user.as_deref(),
        facts: &facts,
        ..Unit::file(ctx.shown, ctx.rel_path, &text, Kinds::default().with(UnitKind::AuditRecord))
    };
    ctx.unit(&unit);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_the_portal_csv_and_json_records() {
        assert!(claims(b"RecordId,CreationDate,RecordType,Operation,UserId,AuditData\r\n1,"));
        assert!(claims(b"[{\"CreationTime\":\"2026-03-02T09:14:11\",\"CopilotEventData\":{"));
        assert!(claims(b"{\"Operation\":\"CopilotInteraction\",\"Workload\":\"Copilot\"}\n"));
        assert!(!claims(b"time,user,prompt\n"));
        assert!(!claims(b"[{\"Operation\":\"FileAccessed\"}]"));
    }

    #[test]
    fn creation_time_is_utc() {
        assert_eq!(utc("2026-03-02T09:14:11"), "2026-03-02T09:14:11Z");
        assert_eq!(utc("2026-03-02T09:14:11.123Z"), "2026-03-02T09:14:11.123Z");
        assert_eq!(utc("2026-03-02T09:14:11+01:00"), "2026-03-02T09:14:11+01:00");
    }
}
