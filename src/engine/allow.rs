//! Suppression comments applied to a unit's findings: a covered finding is dropped; a comment
//! that covers nothing is reported (ALLOW001), and so is one without a reason (ALLOW002), which
//! suppresses nothing.

use super::Engine;
use super::excerpt::{self, LineIndex, Secondary};
use super::redact::LazyRedactor;
use super::suppress;
use crate::finding::{self, Category, Finding};
use crate::unit::Unit;

impl Engine {
    pub(super) fn apply_suppressions(
        &self,
        unit: &Unit<'_>,
        findings: Vec<Finding>,
        sups: Vec<suppress::Suppression>,
        lines: &mut LineIndex,
        red: &LazyRedactor<'_>,
    ) -> Vec<Finding> {
        if sups.is_empty() {
            return findings;
        }
        let mut used = vec![false; sups.len()];
        let mut kept: Vec<Finding> = findings
            .into_iter()
            .filter(|f| {
                let hit = sups.iter().position(|s| s.covers(&f.rule, f.start.line));
                if let Some(i) = hit {
                    used[i] = true;
                }
                hit.is_none()
            })
            .collect();
        for (s, used) in sups.iter().zip(used) {
            if used {
                continue;
            }
            let which = usize::from(s.reason.is_none());
            let Some((rule, texts)) = &self.suppression_rules[which] else { continue };
            if sups.iter().any(|o| o.file_level && o.covers(&rule.id, 0)) {
                continue;
            }
            // The finding belongs to the category of the rule the comment names.
            let category = s
                .ids
                .iter()
                .find_map(|id| Category::ALL.into_iter().find(|c| id.starts_with(c.id_prefix())))
                .unwrap_or(Category::ShadowAi);
            let severity = self.cx.charter.severity_override(&rule.id).unwrap_or(rule.severity);
            let (start, end) = lines.positions(unit.text, s.span.clone());
            let none = Secondary { labels: &[], notes: &[] };
            kept.push(Finding {
                rule: rule.id.as_str().into(),
                category,
                severity,
                title: texts.title.clone(),
                message: rule.message.replace("{detail}", &s.ids.join(", ")),
                path: unit.path.into(),
                start,
                end,
                record: None,
                snippet: excerpt::snippet(unit.text, &s.span, red.get(), lines),
                fingerprint: finding::fingerprint(&rule.id, unit.rel_path, &unit.text[s.span.clone()]),
                charter_ref: texts.charter_ref.clone(),
                references: texts.references.clone(),
                help: texts.help.clone(),
                excerpt: self
                    .excerpts
                    .then(|| Box::new(excerpt::excerpt(unit.text, &s.span, red.get(), false, none, lines))),
                tool: None,
            });
        }
        kept
    }
}
