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

fn line(out: &mut String, value: &impl Serialize) {
    match serde_json::to_string(value) {
        Ok(s) => out.push_str(&s),
        Err(e) => out.push_str(&serde_json::json!({ "type": "error", "message": e.to_string() }).to_string()),
    }
    out.push('\n');
}

pub fn render(r: &Report<'_>) -> String {
    let mut out = String::new();
    for f in r.findings {
        line(&mut out, &FindingLine { kind: "finding", finding: finding(f) });
    }
    let summary = SummaryLine {
        kind: "summary",
        tool: "charterlint",
        version: env!("CARGO_PKG_VERSION"),
        charter: &r.charter_source,
        summary: super::json::summary(r),
        errors: r.errors.iter().map(|e| Error { path: &e.path, message: &e.message }).collect(),
    };
    line(&mut out, &summary);
    out
}
