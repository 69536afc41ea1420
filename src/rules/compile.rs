//! Turns a rule declaration into what the engine runs: its regex (size-limited, ASCII word
//! semantics enforced) and its path filters; and compiles the patterns an organisation writes in
//! its charter ([`compile_pattern`]), the one compiler that both `charter check` and the scan use.

use std::ops::Range;

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

/// Why a charter pattern cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// Not a valid regex; `span` is the bytes of the pattern at fault, when the parser knows them.
    Invalid { reason: String, span: Option<Range<usize>> },
    /// Matches the empty string, so it would match everywhere.
    MatchesEmpty,
}

/// Compiles a pattern an organisation wrote (charter `data.patterns`). Unicode `\b`, `\d`, `\w`,
/// `\s` get ASCII semantics (`\bCTR-\d{6}\b` means ASCII digits between ASCII word boundaries,
/// and a Unicode `\b` would make every scan ~200× slower); anything else that the rules pack
/// would refuse is an error here, never a pattern quietly left out. Charter validation and the
/// scan both call this, so a charter that `charter check` accepts is a charter that scans.
pub fn compile_pattern(pattern: &str) -> Result<Regex, PatternError> {
    let ascii = super::ascii::to_ascii_semantics(pattern)
        .map_err(|e| PatternError::Invalid { reason: e.reason, span: Some(e.span) })?;
    // Errors past parsing (a class that cannot be translated, the size limit) come as text only,
    // and refer to the rewritten pattern: keep the reason, not a position.
    let regex = build_regex(&ascii).map_err(|e| PatternError::Invalid {
        reason: e.lines().rev().find_map(|l| l.strip_prefix("error: ")).unwrap_or(e.trim()).to_string(),
        span: None,
    })?;
    if regex.is_match("") {
        return Err(PatternError::MatchesEmpty);
    }
    Ok(regex)
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
