//! `--format jsonl`: one JSON object per line, for pipelines that read a stream (Spark's
//! `RDD.pipe`, `jq -c`, log shippers): each finding with the JSON contract's fields and
//! `"type": "finding"`, then one line `{"type": "summary", "summary": …, "errors": […]}`
//! with the contract's summary (the network inventory included).

use serde::Serialize;

use super::Report;
use super::json::{JsonFinding, Summary, finding};

#[derive(Serialize)]
struct FindingLine<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    finding: JsonFinding<'a>,
}

#[derive(Serialize)]
struct SummaryLine<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    tool: &'static str,
    version: &'static str,
    charter: &'a str,
    summary: Summary<'a>,
    errors: Vec<Error<'a>>,
}

#[derive(Serialize)]
struct Error<'a> {
    path: &'a str,
    message: &'a str,
}

fn line(out: &mut impl std::io::Write, value: &impl Serialize) -> std::io::Result<()> {
    if let Err(e) = serde_json::to_writer(&mut *out, value) {
        if e.is_io() {
            return Err(e.into());
        }
        serde_json::to_writer(&mut *out, &serde_json::json!({ "type": "error", "message": e.to_string() }))?;
    }
    out.write_all(b"\n")
}

/// The report as one string (`--output FILE=jsonl`, tests).
pub fn render(r: &Report<'_>) -> String {
    let mut buf = Vec::new();
    // Writing into memory does not fail, and a value that cannot be serialised is written as
    // an error line by `line` itself.
    let _ = write(r, &mut buf);
    String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes the report to `w` line by line, so that a run with many findings does not hold a
/// second copy of them as text.
pub fn write(r: &Report<'_>, w: &mut impl std::io::Write) -> std::io::Result<()> {
    super::rendered::write_each(r.findings, r.threads, w, |_, f, buf| {
        // Into memory: no I/O error, and `line` writes a value's own error as a line.
        let _ = line(buf, &FindingLine { kind: "finding", finding: finding(f) });
    })?;
    let summary = SummaryLine {
        kind: "summary",
        tool: "charterlint",
        version: env!("CARGO_PKG_VERSION"),
        charter: &r.charter_source,
        summary: super::json::summary(r),
        errors: r.errors.iter().map(|e| Error { path: &e.path, message: &e.message }).collect(),
    };
    line(w, &summary)
}
