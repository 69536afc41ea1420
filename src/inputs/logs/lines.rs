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

/// Consecutive lines in one buffer: a gigabyte log is read without an allocation per line.
#[derive(Debug, Default)]
pub struct Block {
    pub bytes: Vec<u8>,
    pub lines: Vec<Span>,
}

/// A line of a [`Block`].
#[derive(Debug, Clone)]
pub struct Span {
    /// 1-based.
    pub number: usize,
    /// Byte offset of its first byte in the file.
    pub offset: u64,
    /// Where its bytes (line feed included) are in the block; empty when `over`.
    pub range: std::ops::Range<usize>,
    /// Its length in the file, line feed included.
    pub len: usize,
    /// Longer than the cap: its bytes were dropped as they came, and the next line found.
    pub over: bool,
}

impl Block {
    pub fn line(&self, span: &Span) -> &[u8] {
        &self.bytes[span.range.clone()]
    }
}

/// Reads `reader` line by line, calling `each` with every line, keeping at most `cap` bytes of
/// one. A read error ends the loop and is returned, for the caller to report after everything
/// read before it.
pub fn read_lines<R: std::io::BufRead>(reader: R, cap: usize, mut each: impl FnMut(Line)) -> Option<String> {
    read_blocks(reader, cap, 64 << 10, |block| {
        for span in &block.lines {
            let Span { number, offset, len, over, .. } = *span;
            each(Line { number, offset, bytes: block.line(span).to_vec(), len, over });
        }
    })
}

/// Reads `reader` in blocks of whole lines: a block is handed to `each` once it holds `size`
/// bytes or more (so its bounds depend on the file alone), and at the end. A line keeps at most
/// `cap` bytes. A read error ends the loop and is returned, for the caller to report after
/// everything read before it.
pub fn read_blocks<R: std::io::BufRead>(
    mut reader: R,
    cap: usize,
    size: usize,
    mut each: impl FnMut(Block),
) -> Option<String> {
    let mut block = Block::default();
    // The line being read: its number, offset, length so far, and whether it is over the cap.
    let (mut number, mut offset, mut len, mut over) = (1usize, 0u64, 0usize, false);
    let mut start = 0;
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                if !block.lines.is_empty() {
                    each(block);
                }
                return Some(format!("line {number}: read error: {e}"));
            }
        };
        if buf.is_empty() {
            if len > 0 {
                let range = if over { start..start } else { start..block.bytes.len() };
                block.lines.push(Span { number, offset, range, len, over });
            }
            if !block.lines.is_empty() {
                each(block);
            }
            return None;
        }
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        len += take;
        if !over && block.bytes.len() - start + take > cap {
            over = true;
            block.bytes.truncate(start);
        }
        if !over {
            block.bytes.extend_from_slice(&buf[..take]);
        }
        reader.consume(take);
        if done {
            let range = if over { start..start } else { start..block.bytes.len() };
            block.lines.push(Span { number, offset, range, len, over });
            number += 1;
            offset += len as u64;
            (len, over) = (0, false);
            start = block.bytes.len();
            if block.bytes.len() >= size {
                // Room for the next block and the line that ends it, so that it is not copied
                // as it grows, nor held at twice its size.
                let next = Block { bytes: Vec::with_capacity(size + size / 4), lines: Vec::new() };
                each(std::mem::replace(&mut block, next));
                start = 0;
            }
        }
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

    #[test]
    fn blocks_end_at_the_first_line_end_past_their_size_and_a_read_error_keeps_whole_lines() {
        let data = format!("a\n{}\nbb\nccc", "x".repeat(100));
        let mut blocks = Vec::new();
        let err = read_blocks(data.as_bytes(), 10, 3, |b| {
            let lines: Vec<_> =
                b.lines.iter().map(|s| (s.number, s.offset, b.line(s).to_vec(), s.len, s.over)).collect();
            blocks.push(lines);
        });
        assert_eq!(err, None);
        assert_eq!(
            blocks,
            [
                vec![
                    (1, 0, b"a\n".to_vec(), 2, false),
                    (2, 2, Vec::new(), 101, true),
                    (3, 103, b"bb\n".to_vec(), 3, false)
                ],
                vec![(4, 106, b"ccc".to_vec(), 3, false)],
            ]
        );
        struct Failing;
        impl std::io::Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk gone"))
            }
        }
        let reader = std::io::BufReader::new(std::io::Read::chain(&b"one\ntwo\nthr"[..], Failing));
        let mut seen = Vec::new();
        let err =
            read_blocks(reader, 10, 1 << 20, |b| seen.extend(b.lines.iter().map(|s| b.line(s).to_vec())));
        assert_eq!(err.as_deref(), Some("line 3: read error: disk gone"));
        assert_eq!(seen, [b"one\n".to_vec(), b"two\n".to_vec()], "the lines read before the error are kept");
    }
}
