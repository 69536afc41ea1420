//! A set of literals matched ASCII case-insensitively, every occurrence reported (overlapping),
//! for the detectors' keyword gates.
//!
//! Aho-Corasick has no SIMD prefilter for case-insensitive sets, so an overlapping search walks
//! its DFA byte by byte (about 350 MB/s), and most texts hold none of a gate's words. A set of at
//! most 128 literals also gets a quick test: the text lowered once (ASCII only, as the matching
//! folds) and searched leftmost-first, which the packed (Teddy) prefilter serves at over 1 GB/s.
//! No match there means no occurrence at all, so the overlapping search only runs on texts that
//! hold one, and finds what it would have found alone.

use std::cell::RefCell;

use aho_corasick::{AhoCorasick, AhoCorasickKind, FindOverlappingIter, MatchKind};

/// The packed prefilter's limit on literals (aho-corasick's Teddy).
const QUICK_MAX: usize = 128;

#[derive(Debug)]
pub struct Literals {
    exact: AhoCorasick,
    quick: Option<AhoCorasick>,
}

impl Literals {
    pub fn new<I, P>(literals: I) -> Result<Literals, String>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<str>,
    {
        let lits: Vec<String> = literals.into_iter().map(|l| l.as_ref().to_string()).collect();
        let exact = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&lits)
            .map_err(|e| e.to_string())?;
        let quick = (lits.len() <= QUICK_MAX)
            .then(|| {
                let lower: Vec<String> = lits.iter().map(|l| l.to_ascii_lowercase()).collect();
                AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(&lower).ok()
            })
            .flatten();
        Ok(Literals { exact, quick })
    }

    /// Whether any literal occurs in `text`.
    pub fn any(&self, text: &str) -> bool {
        match &self.quick {
            Some(q) => LOWER.with(|buf| {
                let mut buf = buf.borrow_mut();
                buf.clear();
                buf.extend(text.bytes().map(|b| b.to_ascii_lowercase()));
                let found = q.is_match(&buf[..]);
                if buf.capacity() > KEEP {
                    *buf = Vec::new();
                }
                found
            }),
            None => self.exact.is_match(text),
        }
    }

    /// Every occurrence of every literal, in order of their end (Aho-Corasick's overlapping
    /// order); nothing at all, at the quick test's speed, when no literal occurs.
    pub fn overlapping<'a, 'h>(&'a self, text: &'h str) -> Overlapping<'a, 'h> {
        Overlapping((self.quick.is_none() || self.any(text)).then(|| self.exact.find_overlapping_iter(text)))
    }
}

/// A lowered copy larger than this is not kept for the next text.
const KEEP: usize = 16 << 20;

thread_local! {
    static LOWER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

#[derive(Debug)]
pub struct Overlapping<'a, 'h>(Option<FindOverlappingIter<'a, 'h>>);

impl Iterator for Overlapping<'_, '_> {
    type Item = aho_corasick::Match;

    fn next(&mut self) -> Option<aho_corasick::Match> {
        self.0.as_mut()?.next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact_only(lits: &[&str], text: &str) -> Vec<(usize, std::ops::Range<usize>)> {
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(lits)
            .unwrap_or_else(|e| panic!("{e}"));
        ac.find_overlapping_iter(text).map(|m| (m.pattern().as_usize(), m.range())).collect()
    }

    #[test]
    fn finds_what_the_plain_overlapping_search_finds() {
        let lits = ["said", "as an ai", "an AI", "†", "utm_source=", "Copy code", "é"];
        let set = Literals::new(lits).unwrap_or_else(|e| panic!("{e}"));
        assert!(set.quick.is_some());
        let texts = [
            "",
            "nothing here",
            "As An AI model, I SAID so",
            "see [1†source] and ?UTM_SOURCE=chatgpt.com",
            "pythonCopy Code\nprint(1)",
            "caf\u{e9} and CAF\u{c9}",
            "as an aI said AS AN AI",
        ];
        for t in texts {
            let got: Vec<_> = set.overlapping(t).map(|m| (m.pattern().as_usize(), m.range())).collect();
            assert_eq!(got, exact_only(&lits, t), "{t:?}");
            assert_eq!(set.any(t), !got.is_empty(), "{t:?}");
        }
        // Overlapping occurrences are all reported: "as an ai" and "an ai" share their end.
        assert_eq!(set.overlapping("as an ai").count(), 2);
        // Only ASCII folds, as the exact automaton folds: É is not é.
        assert_eq!(set.overlapping("CAF\u{c9}").count(), 0);
    }

    #[test]
    fn a_large_set_runs_without_the_quick_test() {
        let lits: Vec<String> = (0..200).map(|i| format!("word{i:03}x")).collect();
        let set = Literals::new(&lits).unwrap_or_else(|e| panic!("{e}"));
        assert!(set.quick.is_none());
        assert_eq!(set.overlapping("a WORD042X b word199x").count(), 2);
        assert!(set.any("WORD000X") && !set.any("word"));
    }
}
