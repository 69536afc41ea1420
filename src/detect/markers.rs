//! Classification markers and code names: the built-in markers (EN+FR) and the charter's
//! `data.markers` (case-insensitive), the bare capitalised markers (`CONFIDENTIAL`, matched
//! case-sensitively), the charter's `data.codenames` (as written or in capitals, on word
//! boundaries) and `data.patterns` (the organisation's own regexes). Built once per run from
//! the charter: the patterns at once (an invalid one is a charter error), the automata on the
//! first text (a tenth of a pre-commit hook's start-up, which a commit of code may never need).

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;

use crate::charter::Charter;
use crate::pattern::{PatternError, Quick, compile_pattern};

/// What a marker hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    Classification,
    Codename,
    Pattern,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub span: Range<usize>,
    pub kind: MarkerKind,
    /// The marker or code name as the charter writes it, or the pattern's name.
    pub name: String,
}

#[derive(Debug)]
pub struct Markers {
    insensitive: OnceLock<Option<AhoCorasick>>,
    /// The same markers for a quick test: most texts hold none, and a case-insensitive
    /// automaton has no fast prefilter of its own.
    quick: OnceLock<Option<Quick>>,
    insensitive_names: Vec<(String, MarkerKind)>,
    sensitive: OnceLock<Option<AhoCorasick>>,
    sensitive_names: Vec<(String, MarkerKind)>,
    patterns: Vec<(String, Regex)>,
}

fn build(lits: &[String], ci: bool) -> Option<AhoCorasick> {
    if lits.is_empty() {
        return None;
    }
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(ci)
        .match_kind(MatchKind::LeftmostLongest)
        .build(lits)
        .ok()
}

fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// The markers matched ASCII case-insensitively: those whose presence a pass over many literals
/// (the engine's prefilter) can tell [`Markers::find`].
pub fn insensitive(charter: &Charter) -> Vec<&str> {
    charter.markers()
}

impl Markers {
    /// Builds the matchers. A charter pattern that does not compile is an error naming it, never
    /// left out: charter loading compiles every pattern with the same function
    /// ([`compile_pattern`]), so a loaded charter always builds.
    pub fn try_new(charter: &Charter) -> Result<Markers, String> {
        let insensitive_names: Vec<(String, MarkerKind)> =
            insensitive(charter).into_iter().map(|m| (m.to_string(), MarkerKind::Classification)).collect();
        let mut sensitive_names: Vec<(String, MarkerKind)> = charter
            .uppercase_markers()
            .into_iter()
            .map(|m| (m.to_string(), MarkerKind::Classification))
            .collect();
        for c in &charter.data.codenames {
            sensitive_names.push((c.clone(), MarkerKind::Codename));
            if c.to_uppercase() != *c {
                sensitive_names.push((c.to_uppercase(), MarkerKind::Codename));
            }
        }
        let patterns = charter
            .data
            .patterns
            .iter()
            .map(|p| match compile_pattern(&p.regex) {
                Ok(regex) => Ok((p.name.clone(), regex)),
                Err(PatternError::Invalid { reason, .. }) => {
                    Err(format!("charter pattern `{}`: invalid regex: {reason}", p.name))
                }
                Err(PatternError::MatchesEmpty) => {
                    Err(format!("charter pattern `{}` matches the empty string", p.name))
                }
            })
            .collect::<Result<_, _>>()?;
        Ok(Markers {
            quick: OnceLock::new(),
            insensitive: OnceLock::new(),
            sensitive: OnceLock::new(),
            insensitive_names,
            sensitive_names,
            patterns,
        })
    }

    /// Every marker, code name and charter pattern in `text`, on word boundaries. `present`
    /// says whether one of the [`insensitive`] markers occurs in `text` when a pass over it
    /// already knows (else it is searched here).
    pub fn find(&self, text: &str, present: Option<bool>) -> Vec<Mark> {
        let bytes = text.as_bytes();
        let bounded = |r: &Range<usize>| {
            (r.start == 0 || !word_byte(bytes[r.start - 1]))
                && bytes.get(r.end).is_none_or(|b| !word_byte(*b))
        };
        let mut out: Vec<Mark> = Vec::new();
        let lits = |v: &[(String, MarkerKind)]| v.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>();
        let maybe = present.unwrap_or_else(|| {
            let quick = self.quick.get_or_init(|| Quick::new(&lits(&self.insensitive_names)));
            quick.as_ref().is_none_or(|q| q.any(text))
        });
        let insensitive = || self.insensitive.get_or_init(|| build(&lits(&self.insensitive_names), true));
        let sensitive = self.sensitive.get_or_init(|| build(&lits(&self.sensitive_names), false));
        for (ac, names) in [
            (if maybe { insensitive().as_ref() } else { None }, &self.insensitive_names),
            (sensitive.as_ref(), &self.sensitive_names),
        ] {
            let Some(ac) = ac else { continue };
            for m in ac.find_iter(text) {
                let r = m.range();
                if !bounded(&r) || out.iter().any(|o| o.span.start < r.end && r.start < o.span.end) {
                    continue;
                }
                let (name, kind) = &names[m.pattern().as_usize()];
                out.push(Mark { span: r, kind: *kind, name: name.clone() });
            }
        }
        for (name, re) in &self.patterns {
            for m in re.find_iter(text) {
                if !m.range().is_empty() {
                    out.push(Mark { span: m.range(), kind: MarkerKind::Pattern, name: name.clone() });
                }
            }
        }
        out.sort_by_key(|m| m.span.start);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charter::{Known, load_str};

    fn markers(yaml: &str) -> Markers {
        let known = Known { tool_ids: &[], rule_ids: &[] };
        let loaded = load_str("ai-charter.yaml", yaml, &known).unwrap_or_else(|e| panic!("{e:?}"));
        Markers::try_new(&loaded.charter).unwrap_or_else(|e| panic!("{e}"))
    }

    fn names(m: &Markers, t: &str) -> Vec<(MarkerKind, String)> {
        m.find(t, None).into_iter().map(|x| (x.kind, x.name)).collect()
    }

    #[test]
    fn builtin_charter_codenames_and_patterns() {
        let m = markers(
            "version: 1\ndata:\n  markers: [\"ACME Restricted\"]\n  codenames: [Bluebird]\n  patterns:\n    - name: contract number\n      regex: 'CTR-[0-9]{6}'\n",
        );
        assert_eq!(
            names(&m, "strictly confidential draft"),
            [(MarkerKind::Classification, "Strictly Confidential".into())]
        );
        assert_eq!(names(&m, "acme restricted"), [(MarkerKind::Classification, "ACME Restricted".into())]);
        // Bare markers count only in capitals.
        assert_eq!(names(&m, "CONFIDENTIEL"), [(MarkerKind::Classification, "CONFIDENTIEL".into())]);
        assert!(m.find("a confidential chat", None).is_empty());
        // Code names as written or in capitals, on word boundaries.
        assert_eq!(names(&m, "projet BLUEBIRD"), [(MarkerKind::Codename, "BLUEBIRD".into())]);
        assert!(m.find("bluebirds and Bluebirdy", None).is_empty());
        // A pass that already looked for the case-insensitive markers is taken at its word; the
        // code names and patterns are searched whatever it says.
        let t = "strictly confidential draft of projet BLUEBIRD";
        assert_eq!(m.find(t, Some(true)), m.find(t, None));
        assert_eq!(m.find(t, None).len(), 2);
        assert_eq!(
            m.find(t, Some(false)).into_iter().map(|x| x.kind).collect::<Vec<_>>(),
            [MarkerKind::Codename]
        );
        assert_eq!(names(&m, "ref CTR-004211"), [(MarkerKind::Pattern, "contract number".into())]);
    }

    #[test]
    fn unicode_classes_in_charter_patterns_are_read_as_ascii() {
        let m = markers(
            "version: 1\ndata:\n  patterns:\n    - name: contract\n      regex: '\\bCTR-\\d{6}\\b'\n",
        );
        assert_eq!(names(&m, "réf. CTR-123456 signée"), [(MarkerKind::Pattern, "contract".into())]);
        assert!(m.find("CTR-1234567 xCTR-123456", None).is_empty());
    }

    #[test]
    fn a_pattern_that_does_not_compile_is_an_error_naming_it() {
        let mut charter = crate::charter::embedded_default(&Known::default()).charter;
        charter.data.patterns.push(crate::charter::Pattern { name: "broken".into(), regex: "CTR-(".into() });
        let err = Markers::try_new(&charter).err().unwrap_or_default();
        assert!(err.contains("`broken`") && err.contains("invalid regex"), "{err}");
    }
}
