//! A log whose lines stand alone, read in large blocks: one search over each block finds the
//! lines that can matter (a catalogue host or a captured prompt in them), and only those are
//! handed on; the lines between are counted with `memchr`, as a text search passes over them.
//! Searching a block rather than each line saves the per-line copy and the per-call set-up of
//! the automaton, which cost more than the search itself on a proxy log of short lines.

use std::io::Read;

use memchr::memmem::Finder;

use super::MAX_LINE;

/// Bytes held at once: more than the longest line kept, so that a line that starts at the
/// front of the buffer and is not too long always ends inside it.
const BLOCK: usize = 4 * MAX_LINE;

/// What the scan hands on.
#[derive(Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// A line in which a literal occurs: its 1-based number and its bytes (without the line
    /// ending, a first line without its byte-order mark).
    Kept(usize, &'a [u8]),
    /// A line longer than [`MAX_LINE`]: its number; its bytes are not kept.
    TooLong(usize),
}

/// What the lines passed over and the end of the scan were.
#[derive(Debug, Default)]
pub struct Scanned {
    /// Lines passed over that were not blank.
    pub skipped: u64,
    /// A read error and the number of the line it stopped at.
    pub error: Option<(usize, std::io::Error)>,
}

/// The literals a line must hold to be kept: any of the automaton's (ASCII case ignored), or
/// `also` as written.
#[derive(Debug)]
pub struct Needles<'a> {
    pub hosts: &'a super::hostscan::HostScan,
    pub also: &'a Finder<'a>,
}

struct State {
    number: usize,
    skipped: u64,
}

impl State {
    /// Counts the complete lines of `seg` (the last one may lack its line feed), reporting
    /// those over the length limit.
    fn pass_over(&mut self, seg: &[u8], on: &mut impl FnMut(Line<'_>)) {
        let mut start = 0;
        for nl in memchr::memchr_iter(b'\n', seg) {
            self.one(&seg[start..nl], on);
            start = nl + 1;
        }
        if start < seg.len() {
            self.one(&seg[start..], on);
        }
    }

    fn one(&mut self, line: &[u8], on: &mut impl FnMut(Line<'_>)) {
        self.number += 1;
        if line.len() > MAX_LINE {
            on(Line::TooLong(self.number));
            return;
        }
        let line = if self.number == 1 { line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line) } else { line };
        // A blank line is no record: the first byte settles it for almost every line.
        if line.first().is_some_and(|b| !b.is_ascii_whitespace()) || !line.iter().all(u8::is_ascii_whitespace)
        {
            self.skipped += 1;
        }
    }

    /// Hands on the line `line` (without its line feed) after counting it.
    fn keep(&mut self, line: &[u8], on: &mut impl FnMut(Line<'_>)) {
        self.number += 1;
        if line.len() > MAX_LINE {
            on(Line::TooLong(self.number));
            return;
        }
        let mut line =
            if self.number == 1 { line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line) } else { line };
        if let [rest @ .., b'\r'] = line {
            line = rest;
        }
        on(Line::Kept(self.number, line));
    }

    /// Goes through `region`, a run of complete lines (the last one may lack its line feed).
    fn region(&mut self, region: &[u8], needles: &Needles<'_>, on: &mut impl FnMut(Line<'_>)) {
        let mut pos = 0;
        // Where `also` occurs next, searched again only once the scan has passed it.
        let mut also: Option<Option<usize>> = None;
        while pos < region.len() {
            let host = needles.hosts.find(region, pos);
            let next_also = match also {
                Some(Some(at)) if at >= pos => Some(at),
                Some(None) => None,
                _ => needles.also.find(&region[pos..]).map(|i| pos + i),
            };
            also = Some(next_also);
            let hit = match (host, next_also) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let Some(hit) = hit else {
                self.pass_over(&region[pos..], on);
                return;
            };
            let start = memchr::memrchr(b'\n', &region[pos..hit]).map_or(pos, |i| pos + i + 1);
            self.pass_over(&region[pos..start], on);
            let end = memchr::memchr(b'\n', &region[hit..]).map_or(region.len(), |i| hit + i);
            self.keep(&region[start..end], on);
            pos = end + 1;
        }
    }
}

/// Reads `reader` to its end, calling `on` with every line in which a needle occurs and every
/// line too long to keep, in order. A read error ends the scan after the complete lines read
/// before it.
pub fn scan(mut reader: impl Read, needles: &Needles<'_>, mut on: impl FnMut(Line<'_>)) -> Scanned {
    let mut state = State { number: 0, skipped: 0 };
    let mut buf = vec![0u8; BLOCK];
    let mut filled = 0;
    // Bytes of a line over the limit being passed over, not kept.
    let mut dropping = false;
    loop {
        let mut eof = false;
        let mut error = None;
        while filled < buf.len() {
            match reader.read(&mut buf[filled..]) {
                Ok(0) => {
                    eof = true;
                    break;
                }
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        let data = &buf[..filled];
        let mut from = 0;
        if dropping {
            match memchr::memchr(b'\n', data) {
                Some(nl) => {
                    dropping = false;
                    state.number += 1;
                    on(Line::TooLong(state.number));
                    from = nl + 1;
                }
                None => {
                    if let Some(e) = error {
                        return Scanned { skipped: state.skipped, error: Some((state.number + 1, e)) };
                    }
                    if eof {
                        state.number += 1;
                        on(Line::TooLong(state.number));
                        return Scanned { skipped: state.skipped, error: None };
                    }
                    filled = 0;
                    continue;
                }
            }
        }
        let end =
            if eof { filled } else { memchr::memrchr(b'\n', &data[from..]).map_or(from, |nl| from + nl + 1) };
        if end == 0 && error.is_none() && filled == buf.len() {
            // A full buffer without a line feed: the start of a line over the limit.
            dropping = true;
            filled = 0;
            continue;
        }
        state.region(&data[from..end], needles, &mut on);
        if let Some(e) = error {
            return Scanned { skipped: state.skipped, error: Some((state.number + 1, e)) };
        }
        if eof {
            return Scanned { skipped: state.skipped, error: None };
        }
        buf.copy_within(end..filled, 0);
        filled -= end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &[u8], chunk: usize) -> (Vec<String>, u64) {
        let hosts = super::super::hostscan::HostScan::new(["claude.ai", "chatgpt.com"].into_iter())
            .unwrap_or_else(|| panic!("no scan"));
        let also = Finder::new("prompt");
        let needles = Needles { hosts: &hosts, also: &also };
        let mut seen = Vec::new();
        let reader = Trickle { data: text, chunk };
        let s = scan(reader, &needles, |l| {
            seen.push(match l {
                Line::Kept(n, b) => format!("{n}:{}", String::from_utf8_lossy(b)),
                Line::TooLong(n) => format!("{n}: too long"),
            })
        });
        assert!(s.error.is_none());
        (seen, s.skipped)
    }

    /// A reader that gives at most `chunk` bytes a call, as a pipe does.
    struct Trickle<'a> {
        data: &'a [u8],
        chunk: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.data.len().min(self.chunk).min(buf.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    #[test]
    fn keeps_the_lines_with_a_needle_and_counts_the_others() {
        let text =
            b"\xEF\xBB\xBFa CLAUDE.ai x\r\nb example.org\n\n  \nc chatgpt.com claude.ai\nd prompt_req\ne";
        for chunk in [1, 3, 7, 1 << 20] {
            let (seen, skipped) = run(text, chunk);
            assert_eq!(seen, ["1:a CLAUDE.ai x", "5:c chatgpt.com claude.ai", "6:d prompt_req"], "{chunk}");
            assert_eq!(skipped, 2, "b and e, not the blank lines");
        }
        let (seen, skipped) = run(b"x\ny claude.ai", 2);
        assert_eq!((seen, skipped), (vec!["2:y claude.ai".to_string()], 1));
        assert_eq!(run(b"", 4), (Vec::new(), 0));
    }

    #[test]
    fn a_line_over_the_limit_is_reported_by_number_and_not_kept() {
        let mut text = b"claude.ai 1\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', MAX_LINE + 1));
        text.extend(b" claude.ai\nclaude.ai 3\n");
        text.extend(std::iter::repeat_n(b'y', BLOCK + 10));
        text.extend(b"\nclaude.ai 5\n");
        text.extend(std::iter::repeat_n(b'z', BLOCK * 2));
        let (seen, skipped) = run(&text, 1 << 16);
        assert_eq!(
            seen,
            ["1:claude.ai 1", "2: too long", "3:claude.ai 3", "4: too long", "5:claude.ai 5", "6: too long"]
        );
        assert_eq!(skipped, 0);
    }
}
