//! Line-based logs (JSONL requests, Copilot audit records as JSONL) read line by line, with a
//! cap on the bytes one line may hold: a line over it is dropped as it streams, its length
//! still counted, and the next line found.

/// One line of a line-based log.
#[derive(Debug)]
pub struct Line {
    /// 1-based.
    pub number: usize,
    /// Byte offset of its first byte.
    pub offset: u64,
    /// Its bytes with the line feed; empty when it was longer than the cap (`over`).
    pub bytes: Vec<u8>,
    /// Its length in the file, line feed included.
    pub len: usize,
    /// Longer than the cap: its bytes were dropped as they came, and the next line found.
    pub over: bool,
}

/// Reads `reader` line by line, calling `each` with every line, keeping at most `cap` bytes of
/// one. A read error ends the loop and is returned, for the caller to report after everything
/// read before it.
pub fn read_lines<R: std::io::BufRead>(
    mut reader: R,
    cap: usize,
    mut each: impl FnMut(Line),
) -> Option<String> {
    let (mut number, mut offset) = (0usize, 0u64);
    let mut line = Line { number: 1, ..Line::empty() };
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Some(format!("line {}: read error: {e}", number + 1)),
        };
        if buf.is_empty() {
            if line.len > 0 {
                each(line);
            }
            return None;
        }
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        line.len += take;
        if !line.over && line.bytes.len() + take > cap {
            line.over = true;
            line.bytes = Vec::new();
        }
        if !line.over {
            line.bytes.extend_from_slice(&buf[..take]);
        }
        reader.consume(take);
        if done {
            number += 1;
            let next = Line { number: number + 1, offset: offset + line.len as u64, ..Line::empty() };
            offset += line.len as u64;
            each(std::mem::replace(&mut line, next));
        }
    }
}

impl Line {
    fn empty() -> Line {
        Line { number: 0, offset: 0, bytes: Vec::new(), len: 0, over: false }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_lines_skips_the_bytes_of_a_line_over_the_cap() {
        let data = format!("a\n{}\nb", "x".repeat(100));
        let mut seen = Vec::new();
        let err =
            read_lines(data.as_bytes(), 10, |l| seen.push((l.number, l.offset, l.bytes, l.len, l.over)));
        assert_eq!(err, None);
        assert_eq!(
            seen,
            [
                (1, 0, b"a\n".to_vec(), 2, false),
                (2, 2, Vec::new(), 101, true),
                (3, 103, b"b".to_vec(), 1, false)
            ]
        );
    }
}
