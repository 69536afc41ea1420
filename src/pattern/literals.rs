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

use aho_corasick::{AhoCorasick, AhoCorasickKind, Match, MatchKind};

/// The packed prefilter's limit on literals (aho-corasick's Teddy).
const QUICK_MAX: usize = 128;

#[derive(Debug)]
pub struct Literals {
    exact: AhoCorasick,
    quick: Option<Quick>,
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
        Ok(Literals { exact, quick: Quick::new(&lits) })
    }

    /// Whether any literal occurs in `text`.
    pub fn any(&self, text: &str) -> bool {
        self.quick.as_ref().map_or_else(|| self.exact.is_match(text), |q| q.any(text))
    }

    /// Every occurrence of every literal, in order of their end (Aho-Corasick's overlapping
    /// order); nothing at all, at the quick test's speed, when no literal occurs.
    pub fn overlapping<'a, 'h>(&'a self, text: &'h str) -> impl Iterator<Item = Match> + use<'a, 'h> {
        let maybe = self.quick.as_ref().is_none_or(|q| q.any(text));
        maybe.then(|| self.exact.find_overlapping_iter(text)).into_iter().flatten()
    }
}

/// The quick test alone: whether any of at most 128 literals occurs, ASCII case-insensitively,
/// for a set whose matches another automaton reports (the classification markers).
#[derive(Debug)]
pub struct Quick(AhoCorasick);

impl Quick {
    /// `None` for an empty set or one beyond the packed prefilter's limit.
    pub fn new<P: AsRef<str>>(literals: &[P]) -> Option<Quick> {
        if literals.is_empty() || literals.len() > QUICK_MAX {
            return None;
        }
        let lower: Vec<String> = literals.iter().map(|l| l.as_ref().to_ascii_lowercase()).collect();
        AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(&lower).ok().map(Quick)
    }

    pub fn any(&self, text: &str) -> bool {
        LOWER.with(|buf| {
            let mut buf = buf.borrow_mut();
            buf.clear();
            buf.extend(text.bytes().map(|b| b.to_ascii_lowercase()));
            let found = self.0.is_match(&buf[..]);
            if buf.capacity() > KEEP {
                *buf = Vec::new();
            }
            found
        })
    }
}

/// A lowered copy larger than this is not kept for the next text.
const KEEP: usize = 16 << 20;

thread_local! {
    static LOWER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
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
