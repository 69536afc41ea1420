//! Every occurrence of many literals (overlapping ones too) found by stepping one Aho-Corasick DFA
//! over four parts of the text at once.
//!
//! The library's own search follows one chain of table loads: each byte's next state waits for
//! the one before. Over hundreds of literals the table does not fit the first-level cache, and
//! that wait is most of the search (about 3 ns a byte). Four cursors make four independent chains
//! the processor runs side by side: the same search in about half the time.
//!
//! A cursor starts its part `longest - 1` bytes early, so that its state on entering the part is
//! the one a single search would have there (an overlapping search's state only depends on the
//! last `longest - 1` bytes), and it reports only matches that end inside its part: each
//! occurrence is reported once, as by one pass.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

/// Parts searched at once (the loop names each).
const CURSORS: usize = 4;
/// Texts shorter than this are searched in one pass: the parts' warm-up and bookkeeping would
/// cost more than they save.
const SPLIT_FROM: usize = 256;

#[derive(Debug)]
pub struct Interleaved {
    dfa: DFA,
    start: StateID,
    longest: usize,
}

impl Interleaved {
    /// An error for the empty literal too: it occurs before the first byte, where the cursors
    /// look at no state.
    pub fn new<P: AsRef<[u8]>>(literals: &[P]) -> Result<Interleaved, String> {
        if literals.iter().any(|l| l.as_ref().is_empty()) {
            return Err("the empty literal occurs everywhere".into());
        }
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Unanchored)
            // Without a prefilter the start state is not special: the loop only stops on matches.
            .prefilter(false)
            .build(literals)
            .map_err(|e| e.to_string())?;
        let start = dfa.start_state(Anchored::No).map_err(|e| e.to_string())?;
        let longest = literals.iter().map(|l| l.as_ref().len()).max().unwrap_or(1).max(1);
        Ok(Interleaved { dfa, start, longest })
    }

    /// Every occurrence in `text` as (literal, start, end), in the order of the library's
    /// overlapping search: by end (stable, so that the literals of one end keep its order).
    pub fn all(&self, text: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        self.for_each(text, |id, s, e| out.push((id, s, e)));
        out.sort_by_key(|&(_, _, e)| e);
        out
    }

    /// Calls `found(literal, start, end)` for every occurrence in `text`, in no set order.
    fn for_each(&self, text: &[u8], mut found: impl FnMut(usize, usize, usize)) {
        let n = text.len();
        let part = n / CURSORS;
        if n < SPLIT_FROM || part < self.longest {
            self.run(self.start, text, 0, n, &mut found);
            return;
        }
        let warm = self.longest - 1;
        let warmed = |from: usize| self.step(self.start, &text[from - warm..from]);
        let (mut s0, mut s1, mut s2, mut s3) = (self.start, warmed(part), warmed(2 * part), warmed(3 * part));
        // Four named states and four slices: kept in registers, no bounds check in the loop.
        let parts = text[..part].iter().zip(&text[part..]).zip(&text[2 * part..]).zip(&text[3 * part..]);
        for (j, (((&b0, &b1), &b2), &b3)) in parts.enumerate() {
            s0 = self.dfa.next_state(Anchored::No, s0, b0);
            s1 = self.dfa.next_state(Anchored::No, s1, b1);
            s2 = self.dfa.next_state(Anchored::No, s2, b2);
            s3 = self.dfa.next_state(Anchored::No, s3, b3);
            if self.dfa.is_special(s0) {
                self.report(s0, j + 1, &mut found);
            }
            if self.dfa.is_special(s1) {
                self.report(s1, part + j + 1, &mut found);
            }
            if self.dfa.is_special(s2) {
                self.report(s2, 2 * part + j + 1, &mut found);
            }
            if self.dfa.is_special(s3) {
                self.report(s3, 3 * part + j + 1, &mut found);
            }
        }
        // What `n / CURSORS` left over, after the last part, where its cursor stands.
        self.run(s3, text, CURSORS * part, n, &mut found);
    }

    /// The state after `bytes` from `sid`, matches ignored.
    fn step(&self, sid: StateID, bytes: &[u8]) -> StateID {
        bytes.iter().fold(sid, |s, &b| self.dfa.next_state(Anchored::No, s, b))
    }

    /// Whether any literal occurs in `text`: one cursor, which stops at the first.
    pub fn any(&self, text: &[u8]) -> bool {
        let mut sid = self.start;
        for &b in text {
            sid = self.dfa.next_state(Anchored::No, sid, b);
            if self.dfa.is_special(sid) && self.dfa.is_match(sid) {
                return true;
            }
        }
        false
    }

    /// One cursor from `sid` over `text[from..to]`.
    fn run(
        &self,
        mut sid: StateID,
        text: &[u8],
        from: usize,
        to: usize,
        found: &mut impl FnMut(usize, usize, usize),
    ) {
        for (at, &b) in text[from..to].iter().enumerate() {
            sid = self.dfa.next_state(Anchored::No, sid, b);
            if self.dfa.is_special(sid) {
                self.report(sid, from + at + 1, found);
            }
        }
    }

    /// The literals the state matches, ending at `end`. (Special states are the match states and
    /// the dead one, which a standard unanchored search never enters.) Out of line: inlined, it
    /// took the registers of the search loop, whose states then went through memory on each byte.
    #[cold]
    #[inline(never)]
    fn report(&self, sid: StateID, end: usize, found: &mut impl FnMut(usize, usize, usize)) {
        if !self.dfa.is_match(sid) {
            return;
        }
        for i in 0..self.dfa.match_len(sid) {
            let id = self.dfa.match_pattern(sid, i);
            found(id.as_usize(), end - self.dfa.pattern_len(id), end);
        }
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::AhoCorasick;

    use super::*;

    /// (literal, start, end) sorted, as the library's overlapping search gives them.
    fn by_library(ac: &AhoCorasick, text: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut v: Vec<_> =
            ac.find_overlapping_iter(text).map(|m| (m.pattern().as_usize(), m.start(), m.end())).collect();
        v.sort_unstable();
        v
    }

    fn by_cursors(il: &Interleaved, text: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut v = Vec::new();
        il.for_each(text, |id, s, e| v.push((id, s, e)));
        v.sort_unstable();
        v
    }

    #[test]
    fn finds_every_occurrence_the_library_finds_across_the_parts() {
        // Overlapping literals, one inside another, and a long one to straddle the part edges.
        let literals = ["ab", "abc", "bca", "c", "aaaa", "abcabcabcabcab", "cab"];
        let il = Interleaved::new(&literals).unwrap_or_else(|e| panic!("{e}"));
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(literals)
            .unwrap_or_else(|e| panic!("{e}"));
        let mut rng = crate::test_rng::Xorshift::new(0x2545_f491_4f6c_dd1d);
        let mut next = move || rng.next_u64();
        let mut compared = 0;
        for _ in 0..2000 {
            let len = (next() % 1200) as usize;
            let text: Vec<u8> = (0..len).map(|_| b"abcx"[(next() % 4) as usize]).collect();
            let want = by_library(&ac, &text);
            assert_eq!(by_cursors(&il, &text), want, "text of {len} bytes");
            compared += want.len();
        }
        assert!(compared > 100_000, "the texts hold many occurrences: {compared}");
        let text = b"abcabcaaaaxcab".repeat(30);
        let ordered: Vec<_> =
            ac.find_overlapping_iter(&text).map(|m| (m.pattern().as_usize(), m.start(), m.end())).collect();
        assert_eq!(il.all(&text), ordered, "the library's order");
        assert!(Interleaved::new(&["a", ""]).is_err());
        assert!(il.any(b"xxxxab") && !il.any(b"xxxxxxxxb"));
        // Every length around the split point and the part edges.
        let text = b"abcabcabcabcabcaaaab".repeat(40);
        for len in 0..text.len() {
            assert_eq!(by_cursors(&il, &text[..len]), by_library(&ac, &text[..len]), "prefix of {len}");
        }
    }
}
