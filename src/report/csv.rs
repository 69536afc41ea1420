//! `--format csv`: one row per finding after a header row, RFC 4180 quoting. Cells that a
//! spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) get a
//! leading `'`: snippets come from scanned files, which an attacker may have written.
//!
//! A finding inside a log record also gets the record's user, conversation, message number,
//! role and time in columns of their own (`record` keeps the whole description). The `excel`
//! dialect writes a UTF-8 byte-order mark and `;` between cells: a spreadsheet set to a locale
//! whose decimal separator is a comma (French, German…) opens it in columns, with accents.

use super::Report;
use super::record;
use crate::finding::Finding;

/// How cells are separated, and whether the file starts with a byte-order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Dialect {
    /// RFC 4180: `,` between cells, no byte-order mark.
    #[default]
    Rfc,
    /// For spreadsheets in locales with a decimal comma: UTF-8 BOM and `;` between cells.
    Excel,
}

impl Dialect {
    fn separator(self) -> char {
        match self {
            Dialect::Rfc => ',',
            Dialect::Excel => ';',
        }
    }
}

pub const HEADER: [&str; 16] = [
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
    "user",
    "conversation",
    "message_number",
    "role",
    "time",
];

/// One cell, quoted when needed and defused against formula injection; control characters
/// are shown escaped (`\n`, `\x1b`), so a cell is one line that a terminal cannot act on.
pub fn cell(s: &str) -> String {
    cell_with(s, ',')
}

/// One cell for a file whose cells are separated by `sep`.
pub fn cell_with(s: &str, sep: char) -> String {
    let s = &*super::escape::line(s);
    let defused =
        if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if defused.contains([sep, '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

fn row(f: &Finding, sep: char) -> String {
    let cell = |s: &str| cell_with(s, sep);
    let parts = f.record.as_deref().map(record::parse).unwrap_or_default();
    let opt = |s: &Option<String>| cell(s.as_deref().unwrap_or(""));
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
        opt(&parts.user),
        opt(&parts.conversation),
        parts.message.map(|n| n.to_string()).unwrap_or_default(),
        opt(&parts.role),
        opt(&parts.time),
    ];
    let mut line = cells.join(&sep.to_string());
    line.push_str("\r\n");
    line
}

pub fn render(r: &Report<'_>, dialect: Dialect) -> String {
    let sep = dialect.separator();
    let mut out = String::new();
    if dialect == Dialect::Excel {
        out.push('\u{FEFF}');
    }
    out.push_str(&HEADER.join(&sep.to_string()));
    out.push_str("\r\n");
    for f in r.findings {
        out.push_str(&row(f, sep));
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

    #[test]
    fn the_excel_dialect_quotes_semicolons_not_commas() {
        assert_eq!(cell_with("a;b", ';'), "\"a;b\"");
        assert_eq!(cell_with("a,b", ';'), "a,b");
        assert_eq!(cell_with("-1;2", ';'), "\"'-1;2\"");
    }
}
