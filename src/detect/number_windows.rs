//! The digit runs and literal heads of a text, and the windows they give the number patterns
//! of personal data (IBAN, card, NIR, SIREN, SIRET, phones, VAT): a pattern runs only where a
//! match can lie, and finds there what it finds in the whole text.

use std::ops::Range;

use regex_automata::MatchKind;
use regex_automata::dfa::dense::{self, DFA};
use regex_automata::dfa::{Automaton, StartKind};
use regex_automata::util::primitives::StateID;

/// Where each number pattern can match, found in one pass over the digit runs of a text, so
/// that a pattern runs only on the few windows that can hold a match: most texts with digits
/// hold dates, times, counts and versions, none of which is long enough for an identifier.
#[derive(Debug, Default)]
pub(super) struct Shapes {
    /// Runs of at least [`MIN_RUN`] digits where one separator may stand between two digits
    /// (first digit to last, and how many digits), for three separator sets: a space (SIREN,
    /// SIRET, NIR); a space or a dash (cards); a space, a dot or a dash (French phones).
    pub(super) runs: [Vec<(Range<usize>, usize)>; 3],
    /// Two capitals then two digits (an IBAN's start).
    pub(super) iban_heads: Vec<usize>,
    /// `FR` (a VAT number's start).
    pub(super) fr: Vec<usize>,
    /// `+` then a digit from 1 (an international number).
    pub(super) plus: Vec<usize>,
}

/// The fewest digits in one run any number pattern needs (a NIR of Corsica has eight after
/// its `2A`).
pub(super) const MIN_RUN: usize = 8;

pub(super) const SPACED: usize = 0;
pub(super) const DASHED: usize = 1;
pub(super) const DOTTED: usize = 2;

/// The first ASCII digit of `bytes` from `from`, eight bytes at a time: a byte below 10 once
/// XORed with `'0'` is a digit, and the word test for a byte below 10 has no false positive.
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ (ONES * u64::from(b'0'));
        if x.wrapping_sub(ONES * 10) & !x & (ONES * 0x80) != 0 {
            break;
        }
        i += 8;
    }
    bytes.get(i..)?.iter().position(u8::is_ascii_digit).map(|p| i + p)
}

/// Whether `bytes` hold at least `n` ASCII digits, counted eight bytes at a time. Per byte,
/// exactly: a byte is a digit when, XORed with `'0'`, its high bit is clear and its low seven
/// bits plus 118 do not reach 128 (no carry crosses into the next byte).
pub(super) fn has_digits(bytes: &[u8], n: usize) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut count = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ (ONES * u64::from(b'0'));
        let ten_or_more = (x & (ONES * 0x7f)) + ONES * (0x80 - 10);
        count += (!(ten_or_more | x) & (ONES * 0x80)).count_ones() as usize;
        if count >= n {
            return true;
        }
    }
    count + chunks.remainder().iter().filter(|b| b.is_ascii_digit()).count() >= n
}

impl Shapes {
    /// Runs start at digits: the bytes between them are skipped a word at a time (letters are
    /// most of any text), and the literal heads are found with memchr.
    pub(super) fn of(bytes: &[u8]) -> Shapes {
        let mut s = Shapes {
            plus: memchr::memchr_iter(b'+', bytes)
                .filter(|&i| bytes.get(i + 1).is_some_and(|b| (b'1'..=b'9').contains(b)))
                .collect(),
            fr: memchr::memmem::find_iter(bytes, b"FR").collect(),
            ..Shapes::default()
        };
        let mut i = 0;
        while let Some(first) = next_digit(bytes, i) {
            i = first;
            // (digits, the last byte was a separator, first digit, after the last digit) for
            // each set. Each set holds the one before, so the widest run ends last.
            let mut runs = [(0usize, false, 0usize, 0usize); 3];
            let mut keep = |k: usize, (n, _, start, end): (usize, bool, usize, usize)| {
                if n >= MIN_RUN {
                    s.runs[k].push((start..end, n));
                }
            };
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii_digit() {
                    for (n, sep, start, end) in &mut runs {
                        if *n == 0 {
                            *start = i;
                        }
                        *n += 1;
                        *sep = false;
                        *end = i + 1;
                    }
                    if i >= 2
                        && bytes[i - 2].is_ascii_uppercase()
                        && bytes[i - 1].is_ascii_uppercase()
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                    {
                        s.iban_heads.push(i - 2);
                    }
                } else {
                    for (k, run) in runs.iter_mut().enumerate() {
                        let separates = match k {
                            SPACED => b == b' ',
                            DASHED => b == b' ' || b == b'-',
                            _ => b == b' ' || b == b'.' || b == b'-',
                        };
                        if run.0 > 0 && !run.1 && separates {
                            run.1 = true;
                        } else {
                            if run.0 > 0 {
                                keep(k, *run);
                            }
                            *run = (0, false, 0, 0);
                        }
                    }
                }
                i += 1;
                if runs[DOTTED].0 == 0 {
                    break;
                }
            }
            for (k, run) in runs.into_iter().enumerate() {
                keep(k, run);
            }
        }
        s
    }

    /// The runs of set `k` with at least `digits` digits, each widened by `back` bytes before
    /// it (for a pattern whose match starts with what a run cannot hold: `+33 (0) `, `2A `).
    pub(super) fn runs(
        &self,
        k: usize,
        digits: usize,
        back: usize,
    ) -> impl Iterator<Item = Range<usize>> + '_ {
        self.runs[k]
            .iter()
            .filter(move |(_, n)| *n >= digits)
            .map(move |(r, _)| r.start.saturating_sub(back)..r.end)
    }
}

/// A window of `len` bytes from each of `starts`: where a pattern that begins with a literal
/// head and has a longest match can match.
pub(super) fn after(starts: &[usize], len: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    starts.iter().map(move |&s| s..s + len)
}

/// A number pattern run from each place a match may start, on a DFA built for anchored
/// searches only.
///
/// The regex's own search is unanchored: its lazy DFA follows every match begun at each digit
/// of a run at once, and over runs of random digits those sets of partial matches are new
/// states nearly every time (a NIR window cost 3 µs, the states built faster than reused).
/// Anchored, the DFA has a state per place in the pattern, built in full at once (a few
/// kilobytes), and a window costs a walk from each digit that can begin a match.
pub(super) struct Anchored {
    dfa: DFA<Vec<u32>>,
    start: StateID,
    /// The bytes a match can begin with.
    first: [bool; 256],
}

impl Anchored {
    /// Leftmost-first, as the regex crate matches. An error for a pattern whose start depends
    /// on what comes before (an anchor, a word boundary): the walk starts anywhere.
    pub(super) fn new(pattern: &str) -> Result<Anchored, String> {
        let dfa = dense::Builder::new()
            .configure(DFA::config().start_kind(StartKind::Anchored).match_kind(MatchKind::LeftmostFirst))
            .build(pattern)
            .map_err(|e| e.to_string())?;
        let start = dfa
            .universal_start_state(regex_automata::Anchored::Yes)
            .ok_or_else(|| format!("{pattern}: a match's start depends on the text before it"))?;
        let mut first = [false; 256];
        for (b, f) in first.iter_mut().enumerate() {
            *f = !dfa.is_dead_state(dfa.next_state(start, b as u8));
        }
        Ok(Anchored { dfa, start, first })
    }

    /// The end of the match that starts at `from`, the one leftmost-first prefers, in `hay`.
    /// (The DFA has no quit state: no byte is set to quit, and the builder refuses the Unicode
    /// word boundaries that would need one.)
    fn end_from(&self, hay: &[u8], from: usize) -> Option<usize> {
        let mut sid = self.start;
        let mut last = None;
        // A DFA enters a match state one byte after the match ends.
        for (i, &b) in hay.iter().enumerate().skip(from) {
            sid = self.dfa.next_state(sid, b);
            if self.dfa.is_special_state(sid) {
                if self.dfa.is_match_state(sid) {
                    last = Some(i);
                } else if self.dfa.is_dead_state(sid) {
                    return last;
                }
            }
        }
        sid = self.dfa.next_eoi_state(sid);
        if self.dfa.is_match_state(sid) {
            last = Some(hay.len());
        }
        last
    }

    /// What the pattern's `find_iter(text)` finds, searched in `windows` only (sorted by
    /// start; each match lies inside one of them). A window is searched from where the last
    /// match ended, on the text cut at its end: the first place from there a match starts at
    /// is where the leftmost match starts (the patterns have no anchors nor word boundaries,
    /// so a match there is a match of the whole text, and any match starting between lies in
    /// this window or an earlier one), and its end is the anchored search's.
    pub(super) fn windowed(
        &self,
        text: &str,
        windows: impl Iterator<Item = Range<usize>>,
    ) -> Vec<Range<usize>> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut done = 0;
        let mut search = |w: Range<usize>| {
            // The patterns match ASCII only: a match starts and ends on a character boundary.
            let hay = &bytes[..w.end.min(bytes.len())];
            let mut at = w.start.max(done);
            while at < hay.len() {
                if self.first[usize::from(hay[at])]
                    && let Some(end) = self.end_from(hay, at)
                {
                    out.push(at..end);
                    done = end;
                    // The patterns match no empty text; guard the loop all the same.
                    at = end.max(at + 1);
                } else {
                    at += 1;
                }
            }
        };
        let mut current: Option<Range<usize>> = None;
        for w in windows {
            match &mut current {
                Some(c) if w.start <= c.end => c.end = c.end.max(w.end),
                _ => {
                    if let Some(c) = current.replace(w) {
                        search(c);
                    }
                }
            }
        }
        if let Some(c) = current {
            search(c);
        }
        out
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The byte-by-byte pass the digit-run walk replaced, which kept only the longest run of
    /// each set and whether each head occurs: the reference the walk must agree with.
    fn longest_by_bytes(bytes: &[u8]) -> ([usize; 3], [bool; 3]) {
        let mut longest = [0usize; 3];
        let mut heads = [false; 3];
        let mut runs = [(0usize, false); 3];
        let seps: [&[u8]; 3] = [b" ", b" -", b" .-"];
        for (i, &b) in bytes.iter().enumerate() {
            for (k, (run, sep)) in runs.iter_mut().enumerate() {
                if b.is_ascii_digit() {
                    *run += 1;
                    *sep = false;
                } else if *run > 0 && !*sep && seps[k].contains(&b) {
                    *sep = true;
                } else {
                    *run = 0;
                    *sep = false;
                }
                longest[k] = longest[k].max(*run);
            }
            let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
            if b == b'+' {
                heads[2] |= (b'1'..=b'9').contains(&at(1));
            } else if b.is_ascii_uppercase() {
                heads[1] |= b == b'F' && at(1) == b'R';
                heads[0] |= at(1).is_ascii_uppercase() && at(2).is_ascii_digit() && at(3).is_ascii_digit();
            }
        }
        (longest, heads)
    }

    #[test]
    fn digits_are_counted_exactly_a_word_at_a_time() {
        // Every byte value at every place of a word, among digits and bytes next to them.
        for b in 0..=255u8 {
            for at in 0..12 {
                let mut text = vec![b'/'; 12];
                text[at] = b;
                text[(at + 5) % 12] = b'9';
                text[(at + 7) % 12] = b':';
                let want = text.iter().filter(|c| c.is_ascii_digit()).count();
                for n in 0..4 {
                    assert_eq!(has_digits(&text, n), want >= n, "byte {b} at {at}, n {n}");
                }
            }
        }
        assert!(has_digits(b"tel 06 12 34 56 78", 9) && !has_digits(b"2025-03-02 10:14", 13));
    }

    pub(in crate::detect) fn random_texts(
        pieces: &[&str],
        seed: u64,
        count: usize,
        max_len: usize,
    ) -> Vec<String> {
        let mut seed = seed;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        (0..count)
            .map(|_| {
                let len = 1 + next(max_len);
                (0..len).map(|_| pieces[next(pieces.len())]).collect()
            })
            .collect()
    }

    #[test]
    fn digit_runs_agree_with_the_byte_by_byte_pass() {
        let pieces = [
            "0",
            "1",
            "7",
            "42",
            "2026",
            "12345678",
            " ",
            " ",
            "-",
            ".",
            "+",
            "+3",
            "FR",
            "F",
            "R",
            "GB",
            "2A",
            "x",
            "é",
            "\n",
            ":",
            "/",
            "(0)",
            "--",
            "  ",
            "..",
            "abcdefghij",
        ];
        let mut open = [0usize; 6];
        for text in random_texts(&pieces, 0x5851_f42d_4c95_7f2d, 50_000, 40) {
            let s = Shapes::of(text.as_bytes());
            let (longest, heads) = longest_by_bytes(text.as_bytes());
            for k in [SPACED, DASHED, DOTTED] {
                let recorded = s.runs[k].iter().map(|(_, n)| *n).max().unwrap_or(0);
                // Runs shorter than any pattern needs are not recorded.
                let expected = if longest[k] >= MIN_RUN { longest[k] } else { 0 };
                assert_eq!(recorded, expected, "set {k} in {text:?}: {s:?}");
                for (r, n) in &s.runs[k] {
                    assert_eq!(text.as_bytes()[r.clone()].iter().filter(|b| b.is_ascii_digit()).count(), *n);
                }
            }
            assert_eq!([!s.iban_heads.is_empty(), !s.fr.is_empty(), !s.plus.is_empty()], heads, "{text:?}");
            for (n, on) in open.iter_mut().zip([
                longest[SPACED] >= 9,
                longest[DASHED] >= 13,
                longest[DOTTED] >= 9,
                heads[0],
                heads[1],
                heads[2],
            ]) {
                *n += usize::from(on);
            }
        }
        assert!(open.iter().all(|&n| n > 50), "every shape seen open: {open:?}");
        // Long texts cross the word-at-a-time skip at every alignment.
        let long = "abcdefgh ".repeat(3) + "tel 06 12 34 56 78" + &"z".repeat(13) + "4111 1111 1111 1111";
        for cut in 0..9 {
            let t = &long[cut..];
            let s = Shapes::of(t.as_bytes());
            assert_eq!(s.runs[DOTTED].len(), 2, "{t:?}");
            assert_eq!(s.runs[DASHED].iter().map(|(_, n)| *n).collect::<Vec<_>>(), [10, 16]);
        }
    }

    #[test]
    fn patterns_the_anchored_walk_cannot_serve_are_refused() {
        // A start that depends on the byte before; a Unicode boundary, which needs a quit state.
        assert!(Anchored::new(r"\bab").is_err());
        assert!(Anchored::new(r"a\bb").is_err());
        let a = Anchored::new(r"[0-9]{3}").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.windowed("ab 12345 678", std::iter::once(0..12)), [3..6, 9..12]);
    }

    #[test]
    fn dates_times_and_counts_shut_the_number_gates() {
        let s = Shapes::of(
            b"alice used DeepSeek 31 times from 2026-03-02T00:00:00Z to 2026-03-04T12:28:18Z, 376.4 KB",
        );
        let shut =
            s.runs(SPACED, 8, 0).count() + s.runs(DASHED, 13, 0).count() + s.runs(DOTTED, 9, 0).count();
        assert_eq!(shut, 0, "{s:?}");
        assert!(s.iban_heads.is_empty() && s.fr.is_empty() && s.plus.is_empty());
        let open = Shapes::of(b"tel 06 12 34 56 78, FR40 303 265 045, +44 20 7946 0958, GB82 WEST");
        assert_eq!(open.runs(DOTTED, 9, 0).collect::<Vec<_>>(), [4..18, 22..36, 39..54]);
        assert!(!open.fr.is_empty() && !open.plus.is_empty() && !open.iban_heads.is_empty(), "{open:?}");
    }
}
