//! The engine's one pass over a unit: an Aho-Corasick automaton over every rule keyword, key
// charterlint: allow-file SHADOW002, SHADOW005 -- the test plants a host and a key variable on purpose
//! marker, API host and key variable, with who owns each literal.

use std::collections::HashMap;

use aho_corasick::AhoCorasickKind;

use crate::detect::Scratch;
use crate::pattern::Overlapping;

/// Who a prefilter literal belongs to.
#[derive(Debug, Clone, Copy)]
pub enum Owner {
    Rule(usize),
    /// A keyword of a rule whose detector searches only the lines its keywords occur on: the
    /// pass records where.
    RuleLine(usize),
    Key(usize),
    Host(usize),
    EnvVar(usize),
    /// A keyword of a secret format ([`crate::detect::secrets::keywords`]).
    Secret(usize),
    /// A case-insensitive classification marker ([`crate::detect::markers::insensitive`]).
    Marker,
    /// A literal of an AI artifact (`true`) or a model-voice phrase
    /// ([`crate::detect::provenance::gate_literals`]).
    Provenance(bool),
}

#[derive(Debug)]
pub struct Prefilter {
    /// `None` without literals.
    search: Option<Overlapping>,
    owners: Vec<Vec<Owner>>,
    /// The gates this pass answers (secret formats, markers, provenance): a scan tells a unit
    /// only of those, so that a gate no pass looked at is searched by its detector.
    secret_formats: usize,
    markers: bool,
    provenance: bool,
}

impl Prefilter {
    /// An automaton over the literals lowered (matched ASCII case-insensitively: the text is
    /// lowered too).
    pub fn new<'a>(entries: impl Iterator<Item = &'a (String, Owner)>) -> Result<Prefilter, String> {
        let mut literals: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<Owner>> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (lit, owner) in entries {
            // The engine lowers its literals already; the search's correctness must not hang on it.
            let lit = lit.to_ascii_lowercase();
            let id = *index.entry(lit.clone()).or_insert_with(|| {
                literals.push(lit);
                owners.push(Vec::new());
                literals.len() - 1
            });
            owners[id].push(*owner);
        }
        if literals.is_empty() {
            return Ok(Prefilter::empty());
        }
        // Over the literals lowered, for text lowered the same way: an ASCII case-insensitive
        // automaton finds the same matches but takes four times longer to build (a tenth of a
        // pre-commit hook), and lowering the text costs less than a byte's step of the search.
        let search = Overlapping::new(&literals, Some(AhoCorasickKind::NoncontiguousNFA))
            .map_err(|e| format!("prefilter: {e}"))?;
        let all = || owners.iter().flatten();
        let secret_formats =
            if all().any(|o| matches!(o, Owner::Secret(_))) { crate::detect::secrets::formats() } else { 0 };
        let markers = all().any(|o| matches!(o, Owner::Marker));
        let provenance = all().any(|o| matches!(o, Owner::Provenance(_)));
        Ok(Prefilter { search: Some(search), owners, secret_formats, markers, provenance })
    }

    pub fn empty() -> Prefilter {
        Prefilter { search: None, owners: Vec::new(), secret_formats: 0, markers: false, provenance: false }
    }

    /// Scans `text` once: marks the rules whose keywords occur in `rule_seen`, fills the key,
    /// host and variable hits of `scratch` in the order they end, and answers the gates it
    /// holds the literals of.
    pub fn scan(&self, text: &str, rule_seen: &mut [bool], scratch: &mut Scratch) {
        let Some(search) = self.search.as_ref() else { return };
        if self.secret_formats > 0 {
            scratch.secret_seen = vec![false; self.secret_formats];
        }
        if self.markers {
            scratch.marker_seen = Some(false);
        }
        if self.provenance {
            scratch.provenance_seen = Some((false, false));
        }
        // In the one order of an overlapping search: the detectors take the first host or
        // variable of a file.
        crate::pattern::with_lowered(text, |low| {
            search.each(low, |id, range| {
                for o in &self.owners[id] {
                    match *o {
                        Owner::Rule(i) => rule_seen[i] = true,
                        Owner::RuleLine(i) => {
                            rule_seen[i] = true;
                            scratch.keyword_at.push((i, range.start));
                        }
                        Owner::Key(k) => scratch.key_seen[k] = true,
                        Owner::Host(h) => scratch.host_hits.push((range.clone(), h)),
                        Owner::EnvVar(s) => scratch.env_hits.push((range.clone(), s)),
                        Owner::Provenance(artifact) => {
                            if let Some((a, v)) = scratch.provenance_seen.as_mut() {
                                *(if artifact { a } else { v }) = true;
                            }
                        }
                        Owner::Marker => {
                            if let Some(seen) = scratch.marker_seen.as_mut() {
                                *seen = true;
                            }
                        }
                        Owner::Secret(f) => {
                            if let Some(seen) = scratch.secret_seen.get_mut(f) {
                                *seen = true;
                            }
                        }
                    }
                }
            })
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What one pass of a prefilter over `entries` finds in `text`, with `rules` rules and `keys`
    /// key formats.
    fn scan(entries: &[(String, Owner)], text: &str, rules: usize, keys: usize) -> (Vec<bool>, Scratch) {
        let p = Prefilter::new(entries.iter()).unwrap_or_else(|e| panic!("{e}"));
        let mut seen = vec![false; rules];
        let mut scratch = Scratch { key_seen: vec![false; keys], ..Scratch::default() };
        p.scan(text, &mut seen, &mut scratch);
        (seen, scratch)
    }

    #[test]
    fn one_pass_reports_every_owner_case_insensitively() {
        let entries = [
            ("OpenAI".to_string(), Owner::Rule(0)),
            ("api.openai.com".to_string(), Owner::Host(3)),
            ("openai_api_key".to_string(), Owner::EnvVar(7)),
            ("t3blbkfj".to_string(), Owner::Key(1)),
        ];
        let (seen, scratch) = scan(&entries, "OPENAI_API_KEY=x\nurl = 'https://API.openai.com/v1'", 2, 2);
        assert_eq!(seen, [true, false]);
        assert_eq!(scratch.host_hits.iter().map(|(_, h)| *h).collect::<Vec<_>>(), [3]);
        assert_eq!(scratch.env_hits.len(), 1);
        assert_eq!(scratch.key_seen, [false, false]);
        let mut seen = vec![false; 2];
        let mut scratch = Scratch { key_seen: vec![false; 2], ..Scratch::default() };
        Prefilter::empty().scan("openai", &mut seen, &mut scratch);
        assert_eq!(seen, [false, false]);
    }

    #[test]
    fn a_rule_searching_its_keywords_lines_is_told_where_they_are() {
        let entries = [
            ("ignore".to_string(), Owner::RuleLine(1)),
            ("follow".to_string(), Owner::RuleLine(1)),
            ("ignore".to_string(), Owner::Rule(0)),
        ];
        let text = "a\nIGNORE b\nc follow\n";
        let (seen, scratch) = scan(&entries, text, 2, 0);
        assert_eq!(seen, [true, true]);
        assert_eq!(scratch.keyword_at, [(1, 2), (1, 13)]);
        let at = scratch.keyword_at.iter().map(|&(_, a)| a).collect();
        assert_eq!(crate::detect::lines_holding(text, at), [2..10, 11..19]);
    }

    #[test]
    fn a_pass_answers_only_the_gates_it_holds_the_literals_of() {
        let gated = [
            ("password".to_string(), Owner::Secret(3)),
            ("confidential".to_string(), Owner::Marker),
            ("as an ai".to_string(), Owner::Provenance(false)),
        ];
        let scan = |p: &Prefilter, text: &str| {
            let mut scratch = Scratch::default();
            p.scan(text, &mut [], &mut scratch);
            scratch
        };
        let p = Prefilter::new(gated.iter()).unwrap_or_else(|e| panic!("{e}"));
        let s = scan(&p, "Strictly CONFIDENTIAL: the PASSWORD is below");
        assert!(
            s.secret_seen.len() > 3 && s.secret_seen[3] && s.secret_seen.iter().filter(|&&x| x).count() == 1
        );
        assert_eq!((s.marker_seen, s.provenance_seen), (Some(true), Some((false, false))));
        let s = scan(&p, "nothing");
        assert!(s.secret_seen.iter().all(|&x| !x) && s.marker_seen == Some(false));
        // A pass without those literals, or none at all, leaves them to the detectors.
        let rules_only = [("openai".to_string(), Owner::Rule(0))];
        let p = Prefilter::new(rules_only.iter()).unwrap_or_else(|e| panic!("{e}"));
        let mut seen = [false];
        let mut s = Scratch::default();
        p.scan("openai password", &mut seen, &mut s);
        assert!(
            seen[0] && s.secret_seen.is_empty() && s.marker_seen.is_none() && s.provenance_seen.is_none()
        );
        let s = scan(&Prefilter::empty(), "password");
        assert!(s.secret_seen.is_empty() && s.marker_seen.is_none() && s.provenance_seen.is_none());
    }

    #[test]
    fn the_dfa_taken_on_a_large_run_finds_what_the_nfa_finds() {
        let entries = [
            ("openai".to_string(), Owner::Rule(0)),
            ("api.openai.com".to_string(), Owner::Host(0)),
            ("ai.com".to_string(), Owner::Host(1)),
            ("openai_api_key".to_string(), Owner::EnvVar(2)),
        ];
        let line = "x OPENAI_API_KEY y https://api.OpenAI.com/v1 openai\n";
        // Long enough to be searched in parts, which report out of order.
        let text = &line.repeat(20);
        let found = |p: &Prefilter| {
            let mut seen = vec![false; 1];
            let mut scratch = Scratch::default();
            p.scan(text, &mut seen, &mut scratch);
            (seen, scratch.host_hits, scratch.env_hits)
        };
        let p = Prefilter::new(entries.iter()).unwrap_or_else(|e| panic!("{e}"));
        let by_nfa = found(&p);
        let search = p.search.as_ref().unwrap_or_else(|| panic!("literals"));
        assert!(!search.has_dfa(), "a small run never builds the DFA");
        search.warm();
        let by_dfa = found(&p);
        assert!(search.has_dfa(), "the DFA serves once the run is large");
        assert_eq!(by_nfa, by_dfa, "the same hits in the same order");
        assert_eq!(
            by_dfa.1.iter().map(|(_, h)| *h).collect::<Vec<_>>(),
            [0, 1].repeat(20),
            "overlapping hosts both found"
        );
        assert_eq!(by_dfa.2.len(), 20);
    }
}
