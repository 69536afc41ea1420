//! The short table that ends the human output of a prompt-log audit: conversations, messages,
//! and findings by rule, by AI tool and by user.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::report::Report;

fn block(out: &mut String, title: &str, counts: &BTreeMap<String, usize>) {
    if counts.is_empty() {
        return;
    }
    let mut rows: Vec<(&String, &usize)> = counts.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let _ = writeln!(out, "  {title}");
    for (k, v) in rows.into_iter().take(15) {
        let k = super::escape::line(k);
        let _ = writeln!(out, "    {k:<40} {v:>7}");
    }
}

/// The table, or nothing when no prompt log was read.
pub fn render(r: &Report<'_>) -> String {
    let logs = r.logs;
    if logs.messages == 0 {
        return String::new();
    }
    let mut out = String::from("prompt logs\n");
    let _ = writeln!(out, "    {:<40} {:>7}", "conversations", logs.conversations);
    let _ = writeln!(out, "    {:<40} {:>7}", "messages", logs.messages);
    let mut by_rule = BTreeMap::new();
    let mut by_tool = BTreeMap::new();
    for f in r.findings.iter().filter(|f| f.record.is_some()) {
        *by_rule.entry(f.rule.to_string()).or_insert(0) += 1;
        *by_tool.entry(f.tool.as_deref().unwrap_or("unknown").to_string()).or_insert(0) += 1;
    }
    block(&mut out, "messages by tool", &logs.by_tool);
    block(&mut out, "records by app", &logs.by_app);
    block(&mut out, "findings by rule", &by_rule);
    block(&mut out, "findings by tool", &by_tool);
    block(&mut out, "findings by user", r.findings_by_user);
    if logs.by_format.contains_key("m365-copilot") {
        out.push_str(
            "  Microsoft 365 Copilot audit records hold no prompt text: only the labelled resources\n",
        );
        out.push_str("  Copilot read and the injections it detected were checked\n");
    }
    out
}
