//! `--format csv`: one row per finding after a header row, RFC 4180 quoting. Cells that a
//! spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) get a
//! leading `'`: snippets come from scanned files, which an attacker may have written.

use super::Report;
use crate::finding::Finding;

pub const HEADER: [&str; 11] = [
    "rule",
    "category",
    "severity",
    "path",
    "line",
    "column",
    "message",
    "snippet",
    "fingerprint",
    "record",
    "tool",
];

/// One cell, quoted when needed and defused against formula injection; control characters
/// are shown escaped (`\n`, `\x1b`), so a cell is one line that a terminal cannot act on.
pub fn cell(s: &str) -> String {
    let s = &*super::escape::line(s);
    let defused =
        if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

fn row(f: &Finding) -> String {
    let cells = [
        cell(&f.rule),
        cell(f.category.as_str()),
        cell(f.severity.as_str()),
        cell(&f.path),
        f.start.line.to_string(),
        f.start.column.to_string(),
        cell(&f.message),
        cell(&f.snippet),
        cell(&f.fingerprint),
        cell(f.record.as_deref().unwrap_or("")),
        cell(f.tool.as_deref().unwrap_or("")),
    ];
    let mut line = cells.join(",");
    line.push_str("\r\n");
    line
}

pub fn render(r: &Report<'_>) -> String {
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    for f in r.findings {
        out.push_str(&row(f));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_defused() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("line\nbreak"), "line\\nbreak");
        assert_eq!(cell("\x1b[2Jx,y"), "\"\\x1b[2Jx,y\"");
    }
}
