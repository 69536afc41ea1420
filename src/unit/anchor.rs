//! Where the text of a unit decoded from JSON lies in its file: the raw bytes of the record and
//! their position, so that a finding inside a decoded message points at the file's line and
//! column.

use crate::finding::Position;

/// Characters in UTF-8 bytes (continuation bytes do not count).
pub fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// Where the text of a record lies in the file, to give findings a line and column.
#[derive(Debug, Clone, Copy)]
pub struct Anchor<'a> {
    /// The raw bytes the text was decoded from (a conversation's JSON, a JSONL line).
    pub raw: &'a [u8],
    /// Position of `raw`'s first byte in the file.
    pub start: Position,
}

impl Anchor<'_> {
    /// Byte offset in `raw` of the JSON string literal's content that decodes to `text`: found
    /// by searching its JSON-escaped start (exact when the export escapes as serde_json does,
    /// e.g. not `\u00e9` for `é`).
    fn find(&self, text: &str) -> Option<usize> {
        let mut end = text.len().min(48);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let needle = serde_json::to_string(&text[..end]).ok()?;
        let needle = needle.as_bytes().get(1..needle.len().saturating_sub(1))?;
        if needle.is_empty() {
            return None;
        }
        memchr::memmem::find(self.raw, needle)
    }

    /// Position in the file of byte `at` of `raw`.
    fn position_at(&self, at: usize) -> Position {
        let before = &self.raw[..at.min(self.raw.len())];
        match memchr::memrchr(b'\n', before) {
            None => Position { line: self.start.line, column: self.start.column + chars(before) },
            Some(nl) => Position {
                line: self.start.line + memchr::memchr_iter(b'\n', before).count(),
                column: chars(&before[nl + 1..]) + 1,
            },
        }
    }

    /// Position of `text` in the file, else the start of the record.
    pub fn locate(&self, text: &str) -> Position {
        self.find(text).map_or(self.start, |at| self.position_at(at))
    }

    /// Moves positions inside `text` (1-based line and column, as the engine gives them for a
    /// unit with no origin) to the file, walking the JSON string escapes from where `text`
    /// starts in `raw`. Falls back to the text's start when the raw bytes do not decode to it.
    /// The literal `text` decodes from is searched once for all positions.
    pub fn placer<'s>(&'s self, text: &'s str) -> impl Fn(Position) -> Position + 's {
        let lit = self.find(text);
        move |p| self.place_from(lit, text, p)
    }

    fn place_from(&self, lit: Option<usize>, text: &str, p: Position) -> Position {
        let Some(lit) = lit else { return self.start };
        // Byte offset of the position in the decoded text.
        let mut off = 0;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            if i + 1 == p.line {
                off += line.char_indices().nth(p.column - 1).map_or(line.len(), |(b, _)| b);
                break;
            }
            off += line.len();
        }
        // Walk the literal: each decoded byte or escape, to the raw offset of `off`.
        let raw = &self.raw[lit..];
        let (mut r, mut d) = (0usize, 0usize);
        let bytes = text.as_bytes();
        while d < off && r < raw.len() {
            if raw[r] == b'\\' {
                let esc = raw.get(r + 1).copied().unwrap_or(b'"');
                let (raw_len, dec_len) = match esc {
                    b'u' => {
                        let cp = std::str::from_utf8(raw.get(r + 2..r + 6).unwrap_or_default())
                            .ok()
                            .and_then(|h| u32::from_str_radix(h, 16).ok())
                            .unwrap_or(0xFFFD);
                        if (0xD800..0xDC00).contains(&cp) {
                            (12, 4)
                        } else {
                            (6, char::from_u32(cp).map_or(3, char::len_utf8))
                        }
                    }
                    _ => (2, 1),
                };
                r += raw_len;
                d += dec_len;
            } else {
                if bytes.get(d) != Some(&raw[r]) {
                    return self.position_at(lit);
                }
                r += 1;
                d += 1;
            }
        }
        self.position_at(lit + r)
    }
}
