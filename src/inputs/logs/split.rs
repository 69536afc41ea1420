//! Cuts a JSON export into its conversations without parsing the whole file: a byte-level
//! scanner that tracks strings and nesting and hands over each element of the top-level array
//! (or of `{"conversations": [...]}`, or the single top-level object) with its byte offset and
//! line/column. Memory is bounded by the largest conversation, not the file; a truncated or
//! broken file is reported at the byte where it broke, after every complete element before it
//! has been handed over.

use crate::unit::chars;
use std::io::Read;

use crate::finding::Position;

/// The most one record (a conversation, a JSONL line, a CSV row) may hold in memory: a longer
/// one is skipped and reported, while the reader still finds where the next one starts. Parsed
/// JSON takes a few times its text, and a few records are in flight at once: 64 MiB keeps a
/// run under 300 MB whatever the input.
pub const RECORD_CAP: usize = 64 << 20;

/// [`RECORD_CAP`], or less when `CHARTERLINT_RECORD_CAP` (bytes) says so: tests use it to try
/// the cap on small inputs. It never raises the cap.
pub fn record_cap() -> usize {
    static CAP: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CAP.get_or_init(|| {
        std::env::var("CHARTERLINT_RECORD_CAP")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .map_or(RECORD_CAP, |c| c.clamp(1, RECORD_CAP))
    })
}

/// `record 3 (byte 1234): longer than 64 MiB (1073741824 bytes), skipped`.
pub fn too_long(what: &str, offset: u64, len: u64) -> String {
    let cap = record_cap();
    let limit =
        if cap.is_multiple_of(1 << 20) { format!("{} MiB", cap >> 20) } else { format!("{cap} bytes") };
    format!("{what} (byte {offset}): longer than {limit} ({len} bytes), skipped")
}

/// One element of the export: a conversation's raw JSON and where it starts.
#[derive(Debug)]
pub struct Element {
    /// Its bytes; empty when it was longer than the cap (`over`).
    pub bytes: Vec<u8>,
    /// Its length in the file.
    pub len: u64,
    /// Longer than [`record_cap`]: its bytes were dropped as they came.
    pub over: bool,
    /// Byte offset of its first byte in the file.
    pub offset: u64,
    /// Line and column (1-based, column in characters) of its first byte.
    pub start: Position,
    /// 0-based index among the elements.
    pub index: usize,
}

impl Element {
    fn keep(&mut self, data: &[u8], cap: usize) {
        self.len += data.len() as u64;
        if self.over {
            return;
        }
        if self.bytes.len() + data.len() > cap {
            self.over = true;
            self.bytes = Vec::new();
        } else {
            self.bytes.extend_from_slice(data);
        }
    }

    /// Makes the element ready to parse, `what` naming it (`conversation 3`): `Err` with the
    /// notice when it was too long to keep; invalid UTF-8 replaced with U+FFFD in place (one bad
    /// byte must not cost the whole conversation), with a notice saying where.
    pub fn checked(&mut self, what: &str) -> Result<Option<String>, String> {
        if self.over {
            return Err(too_long(what, self.offset, self.len));
        }
        Ok(crate::inputs::decode::lossy(&self.bytes).map(|(fixed, invalid)| {
            self.bytes = fixed;
            format!("{what} (byte {}): {}", self.offset, invalid.describe(self.offset))
        }))
    }

    fn new(offset: u64, start: Position, index: usize) -> Element {
        Element { bytes: Vec::new(), len: 0, over: false, offset, start, index }
    }
}

/// The top-level shape of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Array,
    /// `{"conversations": [...]}`
    Wrapped,
    Object,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    pub offset: u64,
    /// Index of the element being read when it broke.
    pub index: usize,
    pub message: String,
}

/// Line/column tracking over the bytes seen so far.
#[derive(Debug, Clone, Copy)]
struct Cursor {
    offset: u64,
    line: usize,
    /// Characters since the start of the line.
    col: usize,
}

impl Cursor {
    fn advance(&mut self, bytes: &[u8]) {
        self.offset += bytes.len() as u64;
        match memchr::memrchr(b'\n', bytes) {
            Some(nl) => {
                self.line += memchr::memchr_iter(b'\n', bytes).count();
                self.col = chars(&bytes[nl + 1..]);
            }
            None => self.col += chars(bytes),
        }
    }

    /// One byte, without the scans `advance` does.
    fn step(&mut self, b: u8) {
        self.offset += 1;
        if b == b'\n' {
            self.line += 1;
            self.col = 0;
        } else if (b & 0xC0) != 0x80 {
            self.col += 1;
        }
    }

    fn position(&self) -> Position {
        Position { line: self.line, column: self.col + 1 }
    }
}

/// Calls `each` with every element, in order. Returns the shape, or where the file broke.
pub fn split<R: Read>(reader: R, each: impl FnMut(Element)) -> Result<Shape, SplitError> {
    split_capped(reader, record_cap(), each)
}

/// [`split`] with a cap on the bytes kept per element.
pub fn split_capped<R: Read>(
    mut reader: R,
    cap: usize,
    mut each: impl FnMut(Element),
) -> Result<Shape, SplitError> {
    let mut buf = vec![0u8; 256 * 1024];
    let mut cur = Cursor { offset: 0, line: 1, col: 0 };
    let mut shape: Option<Shape> = None;
    let mut depth = 0usize;
    let mut elem_depth = 1usize;
    let mut in_str = false;
    let mut esc = false;
    let mut capture: Option<Element> = None;
    // The scalar or string element being captured ends at a delimiter, not at a bracket.
    let mut capture_is_container = false;
    let mut index = 0usize;
    // The single top-level object, kept whole unless it turns out to wrap `conversations`.
    let mut whole: Option<Element> = None;
    // The last string closed at depth 1 of a top-level object (a key), up to 32 bytes.
    let mut key = Vec::new();
    let mut key_str = false;
    let mut expecting_value_of_conversations = false;
    let mut first = true;
    let err = |cur: &Cursor, index: usize, message: String| SplitError { offset: cur.offset, index, message };
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(err(&cur, index, format!("read error: {e}"))),
        };
        let chunk = &buf[..n];
        let mut i = 0;
        while i < n {
            if in_str {
                // Fast path: jump to the next quote or backslash.
                let rest = &chunk[i..];
                let j = if esc { 0 } else { memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len()) };
                if j > 0 {
                    let run = &rest[..j];
                    if let Some(c) = capture.as_mut() {
                        c.keep(run, cap);
                    }
                    if let Some(w) = whole.as_mut() {
                        w.keep(run, cap);
                    }
                    if key_str && key.len() < 32 {
                        key.extend_from_slice(&run[..run.len().min(32)]);
                    }
                    cur.advance(run);
                    i += j;
                    continue;
                }
            }
            let b = chunk[i];
            if first {
                if b == 0xEF || b == 0xBB || b == 0xBF || b.is_ascii_whitespace() {
                    cur.step(b);
                    i += 1;
                    continue;
                }
                first = false;
                match b {
                    b'[' => shape = Some(Shape::Array),
                    b'{' => {
                        shape = Some(Shape::Object);
                        whole = Some(Element::new(cur.offset, cur.position(), 0));
                    }
                    _ => {
                        return Err(err(
                            &cur,
                            0,
                            format!("not a JSON export: expected `[` or `{{`, found {:?}", b as char),
                        ));
                    }
                }
            }
            // Start of an element?
            if capture.is_none()
                && !in_str
                && depth == elem_depth
                && matches!(shape, Some(Shape::Array | Shape::Wrapped))
                && !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b',' | b']')
            {
                capture = Some(Element::new(cur.offset, cur.position(), index));
                capture_is_container = matches!(b, b'{' | b'[');
            }
            // A scalar element ends at a delimiter.
            if capture.as_ref().is_some_and(|c| c.len > 0)
                && !capture_is_container
                && !in_str
                && depth == elem_depth
                && matches!(b, b',' | b']' | b' ' | b'\t' | b'\r' | b'\n')
                && let Some(c) = capture.take()
            {
                each(c);
                index += 1;
            }
            if let Some(c) = capture.as_mut() {
                c.keep(&[b], cap);
            }
            if let Some(w) = whole.as_mut() {
                w.keep(&[b], cap);
            }
            if in_str {
                if esc {
                    esc = false;
                } else if b == b'\\' {
                    esc = true;
                } else if b == b'"' {
                    in_str = false;
                    if key_str {
                        key_str = false;
                    }
                    // A string element closes here.
                    if !capture_is_container
                        && depth == elem_depth
                        && let Some(c) = capture.take()
                    {
                        each(c);
                        index += 1;
                    }
                } else if key_str && key.len() < 32 {
                    key.push(b);
                }
            } else {
                match b {
                    b'"' => {
                        in_str = true;
                        if depth == 1 && shape == Some(Shape::Object) {
                            key.clear();
                            key_str = true;
                        }
                    }
                    b':' if depth == 1 && shape == Some(Shape::Object) => {
                        expecting_value_of_conversations = key == b"conversations";
                    }
                    b'{' | b'[' => {
                        if b == b'[' && depth == 1 && expecting_value_of_conversations {
                            shape = Some(Shape::Wrapped);
                            elem_depth = 2;
                            whole = None;
                        }
                        expecting_value_of_conversations = false;
                        depth += 1;
                    }
                    b'}' | b']' => {
                        if depth == 0 {
                            return Err(err(
                                &cur,
                                index,
                                format!("unexpected `{}` after the end of the export", b as char),
                            ));
                        }
                        depth -= 1;
                        if capture_is_container
                            && depth == elem_depth
                            && let Some(c) = capture.take()
                        {
                            each(c);
                            index += 1;
                        }
                        if b == b']' && shape == Some(Shape::Wrapped) && depth == 1 {
                            elem_depth = usize::MAX;
                        }
                    }
                    _ => {
                        if depth == 1 && !b.is_ascii_whitespace() && b != b',' {
                            expecting_value_of_conversations &= b == b':';
                        }
                    }
                }
            }
            cur.step(b);
            i += 1;
        }
    }
    if first {
        return Err(err(&cur, 0, "empty file".into()));
    }
    if let Some(c) = capture {
        return Err(err(
            &cur,
            c.index,
            format!(
                "the export is truncated: it ends at byte {} inside conversation {} (which starts at byte {})",
                cur.offset, c.index, c.offset
            ),
        ));
    }
    if depth > 0 || in_str {
        return Err(err(
            &cur,
            index,
            format!("the export is truncated: it ends at byte {} before its closing bracket", cur.offset),
        ));
    }
    let shape = shape.unwrap_or(Shape::Array);
    if let Some(w) = whole {
        each(w);
    }
    Ok(shape)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Seen = Vec<(String, u64, usize, usize)>;

    fn run(s: &str) -> (Seen, Result<Shape, SplitError>) {
        let mut v = Vec::new();
        let r = split(s.as_bytes(), |e| {
            v.push((String::from_utf8_lossy(&e.bytes).into_owned(), e.offset, e.start.line, e.start.column))
        });
        (v, r)
    }

    #[test]
    fn splits_an_array_with_positions() {
        let (v, r) = run("[{\"a\":\"x]}\"},\n {\"b\":[1,{\"c\":2}]}]");
        assert_eq!(r, Ok(Shape::Array));
        assert_eq!(v.len(), 2);
        assert_eq!(v[0], ("{\"a\":\"x]}\"}".into(), 1, 1, 2));
        assert_eq!(v[1], ("{\"b\":[1,{\"c\":2}]}".into(), 15, 2, 2));
    }

    #[test]
    fn wrapped_and_single_object() {
        let (v, r) = run("{\"meta\":{\"n\":2},\"conversations\":[{\"id\":1},{\"id\":2}]}");
        assert_eq!(r, Ok(Shape::Wrapped));
        assert_eq!(v.iter().map(|e| e.0.as_str()).collect::<Vec<_>>(), ["{\"id\":1}", "{\"id\":2}"]);
        let (v, r) = run("\u{feff}{\"title\":\"t\",\"mapping\":{}}");
        assert_eq!(r, Ok(Shape::Object));
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].0, "{\"title\":\"t\",\"mapping\":{}}");
    }

    #[test]
    fn an_element_over_the_cap_is_dropped_and_the_next_found() {
        let big = format!("{{\"t\":\"{}\"}}", "x]}\\\"".repeat(40));
        let text = format!("[{{\"a\":1}},{big},\n {{\"b\":2}}]");
        let mut seen = Vec::new();
        let r =
            split_capped(text.as_bytes(), 64, |e| seen.push((e.index, e.over, e.len, e.bytes, e.start.line)));
        assert_eq!(r, Ok(Shape::Array));
        assert_eq!(seen.len(), 3);
        assert_eq!(seen[0], (0, false, 7, b"{\"a\":1}".to_vec(), 1));
        assert_eq!(seen[1], (1, true, big.len() as u64, Vec::new(), 1));
        assert_eq!(seen[2], (2, false, 7, b"{\"b\":2}".to_vec(), 2));
        // The single top-level object too.
        let mut over = None;
        let r = split_capped(big.as_bytes(), 64, |e| over = Some(e.over));
        assert_eq!((r, over), (Ok(Shape::Object), Some(true)));
    }

    #[test]
    fn invalid_utf8_is_replaced_in_the_element() {
        let mut seen = Vec::new();
        let r = split(&b"[{\"t\":\"caf\xE9\"}]"[..], |e| seen.push(e));
        assert_eq!(r, Ok(Shape::Array));
        let mut e = seen.pop().unwrap_or_else(|| panic!("no element"));
        let notice = e.checked("conversation 0");
        assert_eq!(
            notice,
            Ok(Some(
                "conversation 0 (byte 1): 1 invalid UTF-8 sequence(s), the first at byte 10, replaced with U+FFFD"
                    .into()
            ))
        );
        assert_eq!(String::from_utf8_lossy(&e.bytes), "{\"t\":\"caf\u{FFFD}\"}");
    }

    #[test]
    fn truncation_keeps_what_came_before() {
        let (v, r) = run("[{\"a\":1},{\"b\":\"é\\\"");
        assert_eq!(v.len(), 1);
        let e = r.err().unwrap_or_else(|| panic!("no error"));
        assert_eq!(e.index, 1);
        assert!(e.message.contains("truncated"), "{}", e.message);
        assert_eq!(e.offset, 19, "the file is 19 bytes long");
        assert!(run("hello").1.is_err());
    }
}
