//! Turns a rule declaration into what the engine runs: its regex (size-limited, ASCII word
//! semantics enforced) and its path filters.

use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::{Regex, RegexBuilder};

use super::Rule;
use crate::finding::Severity;
use crate::unit::Kinds;

#[derive(Debug)]
pub struct RegexMatcher {
    pub regex: Regex,
    pub group: usize,
}

#[derive(Debug)]
pub struct CompiledRule {
    pub rule: Rule,
    pub regex: Option<RegexMatcher>,
    paths: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

/// Compiles a regex the way every rule and key format is compiled.
pub fn build_regex(pattern: &str) -> Result<Regex, String> {
    super::check_ascii_semantics(pattern)?;
    RegexBuilder::new(pattern)
        .size_limit(16 << 20)
        .dfa_size_limit(16 << 20)
        .build()
        .map_err(|e| e.to_string())
}

/// Long patterns are written one alternative per line in YAML; the lines are joined with their
/// surrounding whitespace trimmed (write `[ \t]` for a space that matters).
pub fn join_lines(pattern: &str) -> String {
    pattern.lines().map(str::trim).collect()
}

fn globs(patterns: &[String]) -> Result<Option<GlobSet>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).map_err(|e| format!("glob `{p}`: {e}"))?);
    }
    b.build().map(Some).map_err(|e| e.to_string())
}

impl CompiledRule {
    pub fn new(rule: Rule) -> Result<CompiledRule, String> {
        let regex = match &rule.matcher.regex {
            Some(p) => {
                let regex = build_regex(&join_lines(p)).map_err(|e| format!("{}: regex: {e}", rule.id))?;
                if rule.matcher.group > regex.captures_len().saturating_sub(1) {
                    return Err(format!("{}: group {} does not exist", rule.id, rule.matcher.group));
                }
                Some(RegexMatcher { regex, group: rule.matcher.group })
            }
            None => None,
        };
        Ok(CompiledRule {
            paths: globs(&rule.applies_to.paths).map_err(|e| format!("{}: {e}", rule.id))?,
            exclude: globs(&rule.applies_to.exclude_paths).map_err(|e| format!("{}: {e}", rule.id))?,
            regex,
            rule,
        })
    }

    /// Whether the rule reads a file of these kinds at this path.
    pub fn applies(&self, kinds: Kinds, rel_path: &str) -> bool {
        kinds.intersects(&self.rule.applies_to.kinds)
            && self.paths.as_ref().is_none_or(|g| g.is_match(rel_path))
            && !self.exclude.as_ref().is_some_and(|g| g.is_match(rel_path))
    }

    /// The rule's severity for a file of these kinds, before the charter has its say.
    pub fn base_severity(&self, kinds: Kinds) -> Severity {
        self.rule
            .severity_by_kind
            .iter()
            .filter(|(k, _)| kinds.contains(**k))
            .map(|(_, s)| *s)
            .fold(self.rule.severity, Severity::max)
    }
}
