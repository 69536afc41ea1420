//! `--format gitlab`: GitLab Code Quality JSON, an array of issues that GitLab shows in merge
//! requests (`artifacts: reports: codequality`). Each issue's fingerprint must be unique in the
//! report: repeated findings of the same text in one file get an occurrence suffix.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::Report;
use crate::finding::Severity;

pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "info",
    }
}

pub fn render(r: &Report<'_>) -> String {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let issues: Vec<Value> = r
        .findings
        .iter()
        .map(|f| {
            let n = seen.entry(f.fingerprint.as_str()).or_insert(0);
            *n += 1;
            let fingerprint =
                if *n == 1 { f.fingerprint.clone() } else { format!("{}#{}", f.fingerprint, n) };
            json!({
                "type": "issue",
                "description": format!("{}: {}", f.rule, f.message),
                "check_name": f.rule,
                "categories": ["Security"],
                "fingerprint": fingerprint,
                "severity": severity(f.severity),
                "location": {
                    "path": f.path.trim_start_matches("./"),
                    "lines": { "begin": f.start.line.max(1), "end": f.end.line.max(f.start.line).max(1) },
                },
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}
