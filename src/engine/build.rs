//! From a detector's hit to a finding: severity (rule, unit kind, the AI service's charter
//! status, the charter's override), message, position, masked excerpt and snippet.

use super::Engine;
use super::excerpt::{self, LineIndex, Secondary};
use crate::charter::ToolStatus;
use crate::detect::Hit;
use crate::finding::{self, Finding, Severity};
use crate::mask;
use crate::rules::{CompiledRule, RegexMatcher, StatusKey};
use crate::unit::Unit;

/// Hits of a regex rule: the rule's capture group, or the whole match.
pub(super) fn regex_hits(m: &RegexMatcher, rule: &CompiledRule, text: &str) -> Vec<Hit> {
    m.regex
        .captures_iter(text)
        .filter_map(|c| c.get(m.group).or_else(|| c.get(0)))
        .filter(|g| !g.range().is_empty())
        .map(|g| Hit { span: g.range(), secret: rule.rule.secret, ..Hit::default() })
        .collect()
}

impl Engine {
    /// Resolves severity and builds the finding, in the unit's coordinates; `None` when the
    /// charter's status of the AI service means no finding.
    pub(super) fn finding(
        &self,
        rule: &CompiledRule,
        unit: &Unit<'_>,
        hit: Hit,
        lines: &mut LineIndex,
    ) -> Option<Finding> {
        let r = &rule.rule;
        let catalog = &self.cx.catalog;
        let mut severity = hit.severity.unwrap_or_else(|| rule.base_severity(unit.kinds));
        let mut status_word = "";
        let mut tool_name = String::new();
        let service_idx = hit.service.or(unit.tool);
        if let Some(s) = service_idx {
            let service = &catalog.services[s];
            tool_name = service.name.clone();
            let status = self.status_of(s);
            if let Some(by_status) = r.severity_by_status.get(&StatusKey::of(status)) {
                severity = by_status.severity()?;
                status_word = status_words(status);
            } else if r.severity_from_tool {
                (severity, status_word) = match status {
                    ToolStatus::Approved => return None,
                    ToolStatus::Tolerated => (Severity::Info, "tolerated"),
                    ToolStatus::Unapproved if service.is_local() => (Severity::Info, "not approved"),
                    ToolStatus::Unapproved => (severity, "not approved"),
                    ToolStatus::Forbidden => (Severity::Error, "forbidden"),
                };
            }
        }
        if tool_name.is_empty() && r.severity_by_status.keys().next().is_some() {
            tool_name = "an AI tool the catalogue does not know".into();
            status_word = "not approved";
        }
        if let Some(cap) = hit.at_most {
            severity = severity.min(cap);
        }
        if let Some(o) = self.cx.charter.severity_override(&r.id) {
            severity = o;
        }
        let matched = &unit.text[hit.span.clone()];
        let mask_it = hit.secret && !self.show_secrets;
        let shown = if mask_it { mask::short(matched) } else { matched.to_string() };
        let mut message = r
            .message
            .replace("{match}", &shown)
            .replace("{tool}", &tool_name)
            .replace("{status}", status_word)
            .replace("{detail}", &hit.detail);
        if hit.repeats > 0 {
            message.push_str(&format!(" ({} more in this file)", hit.repeats));
        }
        message.push_str(&hit.suffix);
        let mut help = unwrap_paragraphs(&r.help);
        if !hit.help.is_empty() {
            help.push('\n');
            help.push_str(&hit.help);
        }
        let (start, end) = lines.positions(unit.text, hit.span.clone());
        let more = Secondary { labels: &hit.labels, notes: &hit.notes };
        Some(Finding {
            rule: r.id.clone(),
            category: r.category,
            severity,
            title: r.title.clone(),
            message,
            path: unit.path.to_string(),
            start,
            end,
            record: None,
            snippet: excerpt::snippet(unit.text, &hit.span, mask_it, lines),
            fingerprint: finding::fingerprint(&r.id, unit.rel_path, matched),
            charter_ref: r.charter_ref.clone(),
            references: r.references.clone(),
            help,
            excerpt: Some(excerpt::excerpt(unit.text, &hit.span, mask_it, more, lines)),
            tool: service_idx.map(|s| catalog.services[s].id.clone()),
        })
    }
}

fn status_words(s: ToolStatus) -> &'static str {
    match s {
        ToolStatus::Approved => "approved",
        ToolStatus::Tolerated => "tolerated",
        ToolStatus::Unapproved => "not approved",
        ToolStatus::Forbidden => "forbidden",
    }
}

/// YAML help texts are wrapped for the editor; reporters wrap for the terminal. Single line
/// breaks become spaces, blank lines stay paragraph breaks.
pub fn unwrap_paragraphs(s: &str) -> String {
    s.trim()
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A message often holds several data (an email and a phone number on one line): each finding
/// masks its own match, and here every other secret or personal datum of the message is masked
/// in its snippet and excerpt too.
pub(super) fn mask_all(text: &str, findings: &mut [Finding]) {
    let mut values: Vec<&str> =
        crate::detect::personal::find(text).iter().map(|d| &text[d.span.clone()]).collect();
    values.extend(crate::detect::secrets::find(text).iter().map(|s| &text[s.span.clone()]));
    if values.is_empty() {
        return;
    }
    for f in findings.iter_mut() {
        for v in &values {
            let masked = mask::mask(v);
            f.snippet = f.snippet.replace(v, &masked);
            if let Some(x) = f.excerpt.as_mut() {
                x.text = x.text.replace(v, &masked);
            }
        }
    }
}
