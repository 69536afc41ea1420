//! The short table that ends the human output of a network-log audit: per AI tool, its
//! charter status, people, days, requests and refused requests.

use std::fmt::Write as _;

use crate::report::Report;

/// The table, or nothing when no network log was read.
pub fn render(r: &Report<'_>) -> String {
    let inv = &r.logs.network;
    if inv.is_empty() {
        return String::new();
    }
    let mut out = String::from("network logs\n");
    for (f, n) in &inv.files_by_format {
        let _ = writeln!(out, "    {:<28} {:>9}", format!("{f} files"), n);
    }
    let _ = writeln!(out, "    {:<28} {:>9}", "records", inv.records);
    let _ = writeln!(out, "    {:<28} {:>9}", "to AI services", inv.matched);
    let rows = inv.by_tool();
    if rows.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "  {:<28} {:<11} {:>7} {:>5} {:>9} {:>8}",
        "tool", "status", "people", "days", "requests", "blocked"
    );
    for t in rows.iter().take(25) {
        let _ = writeln!(
            out,
            "    {:<26} {:<11} {:>7} {:>5} {:>9} {:>8}",
            t.id, t.tool.status, t.people, t.days, t.requests, t.blocked
        );
    }
    if rows.len() > 25 {
        let _ = writeln!(out, "    … {} more tools (see --format json)", rows.len() - 25);
    }
    out
}
