//! From a detector's hit to a finding: severity (rule, unit kind, the AI service's charter
//! status, the charter's override), message, position, excerpt and snippet, every text cut
//! from the unit through its [`Redactor`].

use std::sync::Arc;

use super::Engine;
use super::excerpt::{self, LineIndex, Secondary};
use super::redact::Redactor;
use crate::charter::ToolStatus;
use crate::detect::Hit;
use crate::finding::{self, Finding, RuleTexts, Severity};
use crate::rules::{CompiledRule, RegexMatcher, StatusKey};
use crate::unit::Unit;

/// Hits of a regex rule: the rule's capture group, or the whole match.
pub(super) fn regex_hits(m: &RegexMatcher, rule: &CompiledRule, text: &str) -> Vec<Hit> {
    let Some(regex) = m.regex() else { return Vec::new() };
    regex
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
        rule_index: usize,
        unit: &Unit<'_>,
        hit: Hit,
        lines: &mut LineIndex,
        red: &Redactor,
    ) -> Option<Finding> {
        let rule = &self.rules[rule_index];
        let r = &rule.rule;
        let catalog = &self.cx.catalog;
        let mut severity = hit.severity.unwrap_or_else(|| rule.base_severity(unit.kinds));
        let mut status_word = "";
        let mut tool_name = String::new();
        let (mut jurisdiction, mut reason) = (String::new(), String::new());
        let service_idx = hit.service.or(unit.tool);
        if let Some(s) = service_idx {
            let service = &catalog.services[s];
            tool_name = service.name.clone();
            if let Some(code) = service.jurisdiction() {
                jurisdiction = format!(" ({code})");
            }
            let decision = self.cx.decision_of(s);
            let status = decision.status;
            if let Some(by_status) = r.severity_by_status.get(&StatusKey::of(status)) {
                severity = by_status.severity()?;
                status_word = status_words(status);
                reason = decision.reason();
            } else if r.severity_from_tool {
                reason = decision.reason();
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
        let shown = red.slice(unit.text, hit.span.clone()).text;
        let message = fill(
            &r.message,
            &[
                ("{match}", &shown),
                ("{tool}", &tool_name),
                ("{jurisdiction}", &jurisdiction),
                ("{status}", status_word),
                ("{reason}", &reason),
                ("{detail}", &hit.detail),
            ],
        );
        let mut message = red.scrub(&message);
        if hit.repeats > 0 {
            message.push_str(&format!(" ({} more in this file)", hit.repeats));
        }
        message.push_str(&red.scrub(&hit.suffix));
        let texts = &self.texts[rule_index];
        let help = if hit.help.is_empty() {
            texts.help.clone()
        } else {
            format!("{}\n{}", texts.help, red.scrub(&hit.help)).into()
        };
        let (start, end) = lines.positions(unit.text, hit.span.clone());
        let more = Secondary { labels: &hit.labels, notes: &hit.notes };
        Some(Finding {
            rule: texts.id.clone(),
            category: r.category,
            severity,
            title: texts.title.clone(),
            message,
            path: shared_path(unit.path),
            start,
            end,
            record: None,
            snippet: excerpt::snippet(unit.text, &hit.span, red, lines),
            fingerprint: finding::fingerprint(&r.id, unit.rel_path, matched),
            charter_ref: texts.charter_ref.clone(),
            references: texts.references.clone(),
            help,
            excerpt: self
                .excerpts
                .then(|| Box::new(excerpt::excerpt(unit.text, &hit.span, red, hit.secret, more, lines))),
            tool: service_idx.and_then(|s| self.tool_ids.get(s).cloned()),
        })
    }
}

thread_local! {
    /// The path of this thread's last finding: the findings of a file (every message of a log)
    /// share one copy of it.
    static LAST_PATH: std::cell::RefCell<Option<Arc<str>>> = const { std::cell::RefCell::new(None) };
}

fn shared_path(path: &str) -> Arc<str> {
    LAST_PATH.with(|last| {
        let mut last = last.borrow_mut();
        match &*last {
            Some(p) if **p == *path => p.clone(),
            _ => {
                let p: Arc<str> = path.into();
                *last = Some(p.clone());
                p
            }
        }
    })
}

fn status_words(s: ToolStatus) -> &'static str {
    match s {
        ToolStatus::Approved => "approved",
        ToolStatus::Tolerated => "tolerated",
        ToolStatus::Unapproved => "not approved",
        ToolStatus::Forbidden => "forbidden",
    }
}

/// A rule's texts as its findings carry them.
pub(super) fn texts_of(r: &crate::rules::Rule) -> RuleTexts {
    RuleTexts::new(&r.id, &r.title, &r.charter_ref, &r.references, unwrap_paragraphs(&r.help))
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

/// `template` with each `{name}` of `vars` replaced, in one pass: a value is never read as a
/// template (a matched text that holds `{detail}` stays as written).
pub(super) fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match vars.iter().find(|(name, _)| rest.starts_with(name)) {
            Some((name, value)) => {
                out.push_str(value);
                rest = &rest[name.len()..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
