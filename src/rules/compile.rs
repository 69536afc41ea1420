//! Turns a rule declaration into what the engine runs: its regex (size-limited, ASCII word
//! semantics enforced) and its path filters; and compiles the patterns an organisation writes in
//! its charter ([`compile_pattern`]), the one compiler that both `charter check` and the scan use.

use std::sync::OnceLock;

use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;

use super::Rule;
use crate::finding::Severity;
pub use crate::pattern::{PatternError, build_regex, compile_pattern, join_lines};
use crate::unit::Kinds;

/// A rule's regex, compiled on first use: start-up compiled every rule's regex, a fifth of a
/// pre-commit run's start-up, and most runs meet the keywords of a few rules.
#[derive(Debug)]
pub struct RegexMatcher {
    pattern: String,
    regex: OnceLock<Option<Regex>>,
    pub group: usize,
}

impl RegexMatcher {
    /// The compiled regex; `None` only if the pattern does not compile or lacks the rule's
    /// group, which the rules pack's tests rule out ([`RegexMatcher::check`]).
    pub fn regex(&self) -> Option<&Regex> {
        self.regex.get_or_init(|| self.check().ok()).as_ref()
    }

    /// Compiles the pattern and checks that the rule's group exists.
    pub fn check(&self) -> Result<Regex, String> {
        let regex = build_regex(&self.pattern).map_err(|e| format!("regex: {e}"))?;
        if self.group > regex.captures_len().saturating_sub(1) {
            return Err(format!("group {} does not exist", self.group));
        }
        Ok(regex)
    }
}

#[derive(Debug)]
pub struct CompiledRule {
    pub rule: Rule,
    pub regex: Option<RegexMatcher>,
    paths: Option<GlobSet>,
    exclude: Option<GlobSet>,
    /// The rule's kinds as a set (empty = every kind).
    kinds: Kinds,
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
        let regex = rule.matcher.regex.as_ref().map(|p| RegexMatcher {
            pattern: join_lines(p),
            regex: OnceLock::new(),
            group: rule.matcher.group,
        });
        Ok(CompiledRule {
            paths: globs(&rule.applies_to.paths).map_err(|e| format!("{}: {e}", rule.id))?,
            exclude: globs(&rule.applies_to.exclude_paths).map_err(|e| format!("{}: {e}", rule.id))?,
            kinds: Kinds::exactly(&rule.applies_to.kinds),
            regex,
            rule,
        })
    }

    /// Whether the rule reads a file of these kinds at this path.
    pub fn applies(&self, kinds: Kinds, rel_path: &str) -> bool {
        kinds.meets(self.kinds)
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

#[cfg(test)]
mod tests {
    use super::{PatternError, compile_pattern};

    #[test]
    fn charter_patterns_get_ascii_semantics() {
        let re = compile_pattern(r"\bCTR-\d{6}\b").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(re.find("contract CTR-123456.").map(|m| m.as_str()), Some("CTR-123456"));
        assert!(!re.is_match("CTR-1234567") && !re.is_match("xCTR-123456"));
        let re = compile_pattern(r"[\w.-]+@acme\.example").unwrap_or_else(|e| panic!("{e:?}"));
        assert!(re.is_match("jean.dupont@acme.example"));
    }

    #[test]
    fn invalid_and_empty_patterns_are_errors_with_a_place() {
        match compile_pattern(r"CTR-(\d{6}") {
            Err(PatternError::Invalid { reason, span: Some(span) }) => {
                assert!(reason.contains("unclosed"), "{reason}");
                assert_eq!(span.start, 4, "points at the open parenthesis");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(compile_pattern(r"(?<=a)b"), Err(PatternError::Invalid { .. })));
        assert_eq!(compile_pattern(r"\d*").err(), Some(PatternError::MatchesEmpty));
        let not_boundary = compile_pattern(r"\Bb").unwrap_or_else(|e| panic!("{e:?}"));
        assert!(not_boundary.is_match("ab") && !not_boundary.is_match("a b"));
    }
}
