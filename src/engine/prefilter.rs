//! The engine's one pass over a unit: an Aho-Corasick automaton over every rule keyword, key
// charterlint: allow-file SHADOW002, SHADOW005 -- the test plants a host and a key variable on purpose
//! marker, API host and key variable, with who owns each literal.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::detect::Scratch;

/// Who a prefilter literal belongs to.
#[derive(Debug, Clone, Copy)]
pub enum Owner {
    Rule(usize),
    Key(usize),
    Host(usize),
    EnvVar(usize),
}

#[derive(Debug)]
pub struct Prefilter {
    ac: Option<AhoCorasick>,
    owners: Vec<Vec<Owner>>,
}

impl Prefilter {
    /// An automaton over lowercase literals (matched ASCII case-insensitively).
    pub fn new<'a>(entries: impl Iterator<Item = &'a (String, Owner)>) -> Result<Prefilter, String> {
        let mut literals: Vec<&str> = Vec::new();
        let mut owners: Vec<Vec<Owner>> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (lit, owner) in entries {
            let id = *index.entry(lit.as_str()).or_insert_with(|| {
                literals.push(lit.as_str());
                owners.push(Vec::new());
                literals.len() - 1
            });
            owners[id].push(*owner);
        }
        if literals.is_empty() {
            return Ok(Prefilter::empty());
        }
        let build = |kind| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(kind)
                .build(&literals)
        };
        let ac = build(Some(AhoCorasickKind::DFA))
            .or_else(|_| build(None))
            .map_err(|e| format!("prefilter: {e}"))?;
        Ok(Prefilter { ac: Some(ac), owners })
    }

    pub fn empty() -> Prefilter {
        Prefilter { ac: None, owners: Vec::new() }
    }

    /// Scans `text` once: marks the rules whose keywords occur in `rule_seen`, and fills the
    /// key, host and variable hits of `scratch`.
    pub fn scan(&self, text: &str, rule_seen: &mut [bool], scratch: &mut Scratch) {
        let Some(ac) = &self.ac else { return };
        for m in ac.find_overlapping_iter(text) {
            for o in &self.owners[m.pattern().as_usize()] {
                match *o {
                    Owner::Rule(i) => rule_seen[i] = true,
                    Owner::Key(k) => scratch.key_seen[k] = true,
                    Owner::Host(h) => scratch.host_hits.push((m.range(), h)),
                    Owner::EnvVar(s) => scratch.env_hits.push((m.range(), s)),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_reports_every_owner_case_insensitively() {
        let entries = [
            ("openai".to_string(), Owner::Rule(0)),
            ("api.openai.com".to_string(), Owner::Host(3)),
            ("openai_api_key".to_string(), Owner::EnvVar(7)),
            ("t3blbkfj".to_string(), Owner::Key(1)),
        ];
        let p = Prefilter::new(entries.iter()).unwrap_or_else(|e| panic!("{e}"));
        let mut seen = vec![false; 2];
        let mut scratch = Scratch { key_seen: vec![false; 2], ..Scratch::default() };
        p.scan("OPENAI_API_KEY=x\nurl = 'https://API.openai.com/v1'", &mut seen, &mut scratch);
        assert_eq!(seen, [true, false]);
        assert_eq!(scratch.host_hits.iter().map(|(_, h)| *h).collect::<Vec<_>>(), [3]);
        assert_eq!(scratch.env_hits.len(), 1);
        assert_eq!(scratch.key_seen, [false, false]);
        let mut seen = vec![false; 2];
        let mut scratch = Scratch { key_seen: vec![false; 2], ..Scratch::default() };
        Prefilter::empty().scan("openai", &mut seen, &mut scratch);
        assert_eq!(seen, [false, false]);
    }
}
