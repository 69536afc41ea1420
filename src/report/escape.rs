//! Text that came from scanned files (names, excerpts, conversation titles) made inert where a
//! control character would act: a terminal (ESC starts a sequence that can rewrite the screen
//! or the clipboard), a CI log (a line feed in a file name can start a `::error::` workflow
//! command), a spreadsheet. Every control character is shown as an escape (`\x1b`, `\n`,
//! `\u{9b}`), so the reader sees what the file holds instead of what it does.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `s` on one line: every control character escaped, line feeds included.
pub fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(escape(s, false).0)
}

/// `s` keeping its lines and tabs (an excerpt): other control characters escaped, and a `\r`
/// too unless it ends a line.
pub fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') && !lone_cr(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(escape(s, true).0)
}

/// Like [`text`], with a map from byte offsets in `s` to byte offsets in the result, so that
/// spans into the excerpt still point at the same characters.
pub fn text_mapped(s: &str) -> (String, Offsets) {
    let (out, shifts) = escape(s, true);
    (out, Offsets { shifts })
}

/// Maps offsets of the original text into its escaped form.
#[derive(Debug)]
pub struct Offsets {
    /// Original offset of each escaped character and how many bytes its escape adds.
    shifts: Vec<(usize, usize)>,
}

impl Offsets {
    pub fn map(&self, offset: usize) -> usize {
        offset + self.shifts.iter().take_while(|(at, _)| *at < offset).map(|(_, d)| d).sum::<usize>()
    }

    /// Bytes the escapes add between two offsets of the escaped text: a column counted in the
    /// escaped text, less this, is the column in the file.
    pub fn added_between(&self, from: usize, to: usize) -> usize {
        let mut added = 0;
        let mut total = 0;
        for (at, d) in &self.shifts {
            let escaped = at + total;
            if escaped >= to {
                break;
            }
            if escaped >= from {
                added += d;
            }
            total += d;
        }
        added
    }
}

fn lone_cr(s: &str) -> bool {
    s.match_indices('\r').any(|(i, _)| s.as_bytes().get(i + 1) != Some(&b'\n'))
}

fn escape(s: &str, keep_lines: bool) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(s.len() + 16);
    let mut shifts = Vec::new();
    for (i, c) in s.char_indices() {
        let kept = !c.is_control()
            || keep_lines && (c == '\n' || c == '\t' || c == '\r' && s.as_bytes().get(i + 1) == Some(&b'\n'));
        if kept {
            out.push(c);
            continue;
        }
        let before = out.len();
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
        shifts.push((i, out.len() - before - c.len_utf8()));
    }
    (out, shifts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_not_run() {
        assert_eq!(line("a\n::error::x.py"), "a\\n::error::x.py");
        assert_eq!(line("\x1b[31mred\x1b[0m"), "\\x1b[31mred\\x1b[0m");
        assert_eq!(line("csi\u{9b}2J"), "csi\\u{9b}2J");
        assert_eq!(line("plain é"), "plain é");
        assert_eq!(text("one\r\ntwo\tx\n"), "one\r\ntwo\tx\n");
        assert_eq!(text("a\rb\x07"), "a\\rb\\x07");
    }

    #[test]
    fn offsets_follow_the_escapes() {
        let s = "\x1b]0;t\x07key=sk";
        let (out, map) = text_mapped(s);
        let at = s.find("key").unwrap_or(0);
        assert_eq!(&out[map.map(at)..map.map(at + 3)], "key");
        assert_eq!(map.map(0), 0);
        assert_eq!(map.map(s.len()), out.len());
        // `\x1b` and `\x07` add three bytes each before `key`.
        assert_eq!(map.added_between(0, map.map(at)), 6);
        assert_eq!(map.added_between(map.map(at), out.len()), 0);
    }
}
