//! The one pattern compiler: the rules pack, the catalogue's key formats, the detectors' built-in
//! patterns and the charter's own patterns all compile here, with ASCII word semantics (a
//! Unicode `\b` makes a scan ~200x slower) and bounded sizes.

mod ascii;
mod interleaved;
mod literals;
mod overlapping;

use std::ops::Range;

use regex::{Regex, RegexBuilder};

pub use ascii::{SyntaxError, check_ascii_semantics, to_ascii_semantics};
pub use interleaved::Interleaved;
pub(crate) use literals::with_lowered;
pub use literals::{Literals, Quick};
pub use overlapping::Overlapping;

/// Compiles a regex the way every rule and key format is compiled.
pub fn build_regex(pattern: &str) -> Result<Regex, String> {
    check_ascii_semantics(pattern)?;
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
    let ascii = to_ascii_semantics(pattern)
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
