//! Every occurrence of a large set of literals, over a run that may be a hook's ten files or a
//! gigabyte of prompts: the library's automaton, built at once, serves the first megabyte; the
//! interleaved DFA, a few milliseconds to build, serves the rest of the run.

use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::Interleaved;

/// Bytes searched with the library's automaton before the DFA is built. Building the DFA over
/// the prefilter's literals takes longer than a pre-commit hook's ten files take to scan (5 ms);
/// the NFA's search is 6 ns a byte slower than the DFA's four cursors, so past a megabyte the DFA
/// has paid for itself.
pub const DFA_AFTER: usize = 1 << 20;

#[derive(Debug)]
pub struct Overlapping {
    first: AhoCorasick,
    /// The same literals and matches, built once `DFA_AFTER` bytes were searched (`None` when
    /// it cannot be: the empty literal, the automaton's size limits).
    dfa: OnceLock<Option<Interleaved>>,
    literals: Vec<Vec<u8>>,
    searched: AtomicUsize,
}

impl Overlapping {
    /// `kind` is the library automaton's (`None`: the library's choice).
    pub fn new<P: AsRef<[u8]>>(literals: &[P], kind: Option<AhoCorasickKind>) -> Result<Overlapping, String> {
        let first = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(kind)
            .build(literals)
            .map_err(|e| e.to_string())?;
        Ok(Overlapping {
            first,
            dfa: OnceLock::new(),
            literals: literals.iter().map(|l| l.as_ref().to_vec()).collect(),
            searched: AtomicUsize::new(0),
        })
    }

    /// Calls `found(literal, range)` for every occurrence in `text`, in the order of the
    /// library's overlapping search (by end; the literals of one end in the library's order).
    pub fn each(&self, text: &[u8], mut found: impl FnMut(usize, Range<usize>)) {
        match self.dfa(text.len()) {
            Some(dfa) => {
                for (id, s, e) in dfa.all(text) {
                    found(id, s..e);
                }
            }
            None => {
                for m in self.first.find_overlapping_iter(text) {
                    found(m.pattern().as_usize(), m.range());
                }
            }
        }
    }

    /// The DFA once enough bytes were searched.
    fn dfa(&self, len: usize) -> Option<&Interleaved> {
        if self.searched.fetch_add(len, Ordering::Relaxed) < DFA_AFTER {
            return None;
        }
        self.dfa.get_or_init(|| Interleaved::new(&self.literals).ok()).as_ref()
    }

    /// Whether the DFA serves: built, or not yet.
    #[cfg(test)]
    pub fn has_dfa(&self) -> bool {
        self.dfa.get().is_some_and(Option::is_some)
    }

    /// As after a large run: the next search builds the DFA.
    #[cfg(test)]
    pub fn warm(&self) {
        self.searched.store(DFA_AFTER, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(o: &Overlapping, text: &[u8]) -> Vec<(usize, Range<usize>)> {
        let mut v = Vec::new();
        o.each(text, |id, r| v.push((id, r)));
        v
    }

    #[test]
    fn the_dfa_taken_after_a_megabyte_reports_what_the_first_automaton_reports_in_its_order() {
        let literals = ["ab", "abc", "bca", "c", "cab", "écart"];
        let text = "abcabcx écarter cab ".repeat(30);
        let o = Overlapping::new(&literals, None).unwrap_or_else(|e| panic!("{e}"));
        let first = found(&o, text.as_bytes());
        assert!(!o.has_dfa(), "a small run builds no DFA");
        o.warm();
        let then = found(&o, text.as_bytes());
        assert!(o.has_dfa(), "the DFA serves a large run");
        assert_eq!(first, then);
        assert_eq!(first.iter().filter(|(id, _)| *id == 5).count(), 30, "non-ASCII literals too");
        // The empty literal has no DFA: the first automaton serves on.
        let o = Overlapping::new(&["a", ""], None).unwrap_or_else(|e| panic!("{e}"));
        o.warm();
        assert_eq!(found(&o, b"ba").len(), 4, "three empty matches and one `a`");
        assert!(!o.has_dfa());
    }
}
