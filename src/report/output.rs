//! Chooses the reporter for each output of a scan (`--format` on stdout, every `--output
//! FORMAT=FILE`), and renders the per-rule statistics of `--stats`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use super::{Report, csv, github, gitlab, html, human, json, jsonl, junit, sarif};
use crate::rules::Rule;

/// What the reporters need beyond the report itself.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The rules that ran (SARIF lists them all, with their documentation).
    pub rules: &'a [&'a Rule],
    pub style: human::Style,
    /// Human output: the findings only, no summary.
    pub quiet: bool,
    /// Human output: per-rule counts before the summary.
    pub stats: bool,
    /// Directory that finding paths are relative to (SARIF's `%SRCROOT%`).
    pub root: Option<&'a Path>,
    /// Where rule documentation lives, for SARIF's `helpUri`.
    pub help_base: Option<&'a str>,
    /// CSV: separator and byte-order mark.
    pub csv_dialect: csv::Dialect,
    /// HTML: the report's language.
    pub lang: html::i18n::Lang,
}

pub fn render(format: super::Format, r: &Report<'_>, cx: &Context<'_>) -> String {
    match format {
        super::Format::Human => render_human(r, cx),
        super::Format::Json => json::render(r),
        super::Format::Sarif => sarif::render(r, cx.rules, cx.root, cx.help_base),
        super::Format::Github => github::render(r),
        super::Format::Junit => junit::render(r),
        super::Format::Gitlab => gitlab::render(r),
        super::Format::Csv => csv::render(r, cx.csv_dialect),
        super::Format::Html => html::render(r, cx.lang),
        super::Format::Jsonl => jsonl::render(r),
    }
}

fn render_human(r: &Report<'_>, cx: &Context<'_>) -> String {
    let mut out = String::new();
    for f in r.findings {
        out.push_str(&human::render_finding(f, cx.style));
        out.push('\n');
    }
    if cx.stats {
        out.push_str(&stats(r));
    }
    if !cx.quiet {
        out.push_str(&super::logs_table::render(r));
        out.push_str(&super::network_table::render(r));
        out.push_str(&human::summary(r));
        out.push('\n');
    }
    out
}

/// Findings per rule, most frequent first: `   12  SHADOW002  warning  AI API host in code`.
pub fn stats(r: &Report<'_>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in r.findings {
        *counts.entry(&*f.rule).or_insert(0) += 1;
    }
    let mut rows: Vec<(&str, usize)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let width = rows.iter().map(|(_, n)| n.to_string().len()).max().unwrap_or(1);
    let mut out = String::new();
    for (id, n) in rows {
        let of_rule = || r.findings.iter().filter(|f| *f.rule == *id);
        let title = of_rule().next().map_or("", |f| &*f.title);
        let severity = of_rule().map(|f| f.severity).max();
        let _ = writeln!(out, "{n:>width$}  {id:<10} {:<8} {title}", severity.map_or("", |s| s.as_str()));
    }
    out
}
