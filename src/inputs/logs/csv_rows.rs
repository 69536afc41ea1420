//! Cuts a CSV file into rows before any field is parsed, so that each row knows the line it
//! starts on, the bytes it may hold are capped, its encoding is decided per row, and a quote
//! left open does not swallow the rest of the file.
//!
//! An open quote runs over line breaks by design (a prompt of several lines), so a quote left
//! open looks, at first, like a long cell. A quoted cell that spans lines is taken for an
//! unclosed quote when what follows cannot be CSV: the quote that ends it is followed by
//! something other than a separator or the end of the line (the opening quote of a later row's
//! cell, `…,"Appelle…`), the row ends with more fields than the header has, or the file ends
//! inside it. Such a row is read up to the end of its first line, reported, and the lines after
//! it are read again as rows of their own.

use std::io::BufRead;

/// One row: its bytes (line ending removed) and where it lies.
#[derive(Debug, Default)]
pub struct Row {
    /// Empty when the row was longer than the cap (`over`).
    pub bytes: Vec<u8>,
    /// 1-based line of its first byte.
    pub line: usize,
    /// Byte offset of its first byte.
    pub offset: u64,
    /// Its length in the file.
    pub len: u64,
    /// Longer than the cap: its bytes were dropped as they came.
    pub over: bool,
    /// A quote of this row was never closed: the row holds its first line only.
    pub unclosed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote seen inside a quoted field: its end, or the first of a doubled quote.
    QuoteInQuoted,
}

/// The rows of a CSV stream.
#[derive(Debug)]
pub struct Rows<R> {
    reader: R,
    delimiter: u8,
    cap: usize,
    /// Bytes to read again before the stream (the lines after an unclosed quote's line).
    replay: Vec<u8>,
    replay_at: usize,
    /// Line and offset of the next byte.
    line: usize,
    offset: u64,
    /// Fields of the first row.
    header_fields: Option<usize>,
    done: bool,
}

/// A row being cut.
struct Cut {
    row: Row,
    state: State,
    fields: usize,
    /// Length of the row's first line with its line feed, when a quoted field spans it.
    first_line: Option<usize>,
}

enum Step {
    /// The row ended at a line feed (consumed).
    End,
    /// The row is an unclosed quote (found at the byte consumed last).
    Runaway,
    /// The chunk was used up.
    More,
}

impl<R: BufRead> Rows<R> {
    pub fn new(reader: R, delimiter: u8, cap: usize) -> Rows<R> {
        Rows {
            reader,
            delimiter,
            cap,
            replay: Vec::new(),
            replay_at: 0,
            line: 1,
            offset: 0,
            header_fields: None,
            done: false,
        }
    }

    /// The next non-empty row, `Err` on a read error (after which the stream ends).
    pub fn next_row(&mut self) -> Option<Result<Row, String>> {
        loop {
            let row = match self.cut()? {
                Ok(r) => r,
                Err(e) => return Some(Err(e)),
            };
            if row.over || !row.bytes.is_empty() || row.unclosed {
                return Some(Ok(row));
            }
        }
    }

    fn cut(&mut self) -> Option<Result<Row, String>> {
        if self.done {
            return None;
        }
        let row = Row { line: self.line, offset: self.offset, ..Row::default() };
        let mut cut = Cut { row, state: State::FieldStart, fields: 1, first_line: None };
        loop {
            let from_replay = self.replay_at < self.replay.len();
            let chunk: &[u8] = if from_replay {
                &self.replay[self.replay_at..]
            } else {
                match self.reader.fill_buf() {
                    Ok(c) => c,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        self.done = true;
                        return Some(Err(format!("line {}: read error: {e}", self.line)));
                    }
                }
            };
            if chunk.is_empty() {
                self.done = true;
                if cut.row.len == 0 {
                    return None;
                }
                if cut.state == State::Quoted {
                    if cut.first_line.is_some() {
                        return Some(Ok(self.resync(cut)));
                    }
                    cut.row.unclosed = true;
                }
                return Some(Ok(self.finish(cut)));
            }
            let (used, step) = scan(self.delimiter, &mut cut, chunk);
            let taken = &chunk[..used];
            self.line += memchr::memchr_iter(b'\n', taken).count();
            self.offset += used as u64;
            cut.row.len += used as u64;
            if !cut.row.over && cut.row.bytes.len() + used > self.cap {
                cut.row.over = true;
                cut.row.bytes = Vec::new();
            }
            if !cut.row.over {
                cut.row.bytes.extend_from_slice(taken);
            }
            if from_replay {
                self.replay_at += used;
            } else {
                self.reader.consume(used);
            }
            match step {
                Step::More => {}
                Step::End => {
                    let too_many = self.header_fields.is_some_and(|h| cut.fields > h);
                    if cut.first_line.is_some() && too_many {
                        return Some(Ok(self.resync(cut)));
                    }
                    self.header_fields.get_or_insert(cut.fields);
                    return Some(Ok(self.finish(cut)));
                }
                Step::Runaway => return Some(Ok(self.resync(cut))),
            }
        }
    }

    /// The row of an unclosed quote: its first line; the bytes after it are read again.
    fn resync(&mut self, mut cut: Cut) -> Row {
        cut.row.unclosed = true;
        let Some(first) = cut.first_line else { return self.finish(cut) };
        if cut.row.over {
            // Too long to read again: what it swallowed is lost, and said to be.
            return self.finish(cut);
        }
        let mut replay = cut.row.bytes.split_off(first);
        replay.extend_from_slice(&self.replay[self.replay_at..]);
        self.replay = replay;
        self.replay_at = 0;
        self.line = cut.row.line + 1;
        self.offset = cut.row.offset + first as u64;
        self.done = false;
        cut.row.len = first as u64;
        self.header_fields.get_or_insert(cut.fields);
        self.finish(cut)
    }

    fn finish(&self, mut cut: Cut) -> Row {
        while cut.row.bytes.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
            cut.row.bytes.pop();
        }
        cut.row
    }
}

/// Runs the state machine over `chunk`: bytes used and why it stopped.
fn scan(d: u8, cut: &mut Cut, chunk: &[u8]) -> (usize, Step) {
    for (i, &b) in chunk.iter().enumerate() {
        let at = cut.row.len as usize + i;
        cut.state = match (cut.state, b) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, b'\n') => {
                cut.first_line.get_or_insert(at + 1);
                State::Quoted
            }
            (State::Quoted, _) => State::Quoted,
            (State::FieldStart, b'"') => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (_, b'\n') => return (i + 1, Step::End),
            (_, x) if x == d => {
                cut.fields += 1;
                State::FieldStart
            }
            (State::QuoteInQuoted, b'\r' | b' ' | b'\t') => State::QuoteInQuoted,
            (State::QuoteInQuoted, _) if cut.first_line.is_some() => return (i + 1, Step::Runaway),
            _ => State::Unquoted,
        };
    }
    (chunk.len(), Step::More)
}

/// The fields of one row's text. Lenient as spreadsheets are: a quote inside an unquoted field
/// is kept, text after a closing quote is kept, a quote left open runs to the end of the row.
pub fn fields(text: &str, delimiter: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut state = State::FieldStart;
    for c in text.chars() {
        state = match (state, c) {
            (State::FieldStart, '"') => State::Quoted,
            (State::Quoted, '"') => State::QuoteInQuoted,
            (State::Quoted, c) => {
                field.push(c);
                State::Quoted
            }
            (State::QuoteInQuoted, '"') => {
                field.push('"');
                State::Quoted
            }
            (_, c) if c == delimiter => {
                out.push(std::mem::take(&mut field));
                State::FieldStart
            }
            (_, c) => {
                field.push(c);
                State::Unquoted
            }
        };
    }
    out.push(field);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(line, offset, text, unclosed)` of every row.
    fn rows(data: &str, cap: usize) -> Vec<(usize, u64, String, bool)> {
        let mut r = Rows::new(data.as_bytes(), b',', cap);
        let mut out = Vec::new();
        while let Some(Ok(row)) = r.next_row() {
            let text = if row.over {
                format!("<over {}>", row.len)
            } else {
                String::from_utf8_lossy(&row.bytes).into()
            };
            out.push((row.line, row.offset, text, row.unclosed));
        }
        out
    }

    fn row(line: usize, offset: u64, text: &str, unclosed: bool) -> (usize, u64, String, bool) {
        (line, offset, text.into(), unclosed)
    }

    #[test]
    fn rows_start_on_their_own_line_with_crlf_and_multiline_cells() {
        let data = "a,b\r\n1,\"x\r\ny\"\r\n\r\n2,z\r\n";
        assert_eq!(
            rows(data, 1 << 20),
            [row(1, 0, "a,b", false), row(2, 5, "1,\"x\r\ny\"", false), row(5, 17, "2,z", false)]
        );
    }

    #[test]
    fn an_unclosed_quote_is_its_own_line_and_the_rest_is_read_again() {
        // The quote of line 2 is closed by the opening quote of line 4's last cell.
        let data = "d,u,p\n1,ann,\"hello\n2,bob,Bluebird\n3,cy,\"call me\"\n";
        assert_eq!(
            rows(data, 1 << 20),
            [
                row(1, 0, "d,u,p", false),
                row(2, 6, "1,ann,\"hello", true),
                row(3, 19, "2,bob,Bluebird", false),
                row(4, 34, "3,cy,\"call me\"", false),
            ]
        );
        // Closed by a stray quote at the end of a field: too many fields.
        let data = "d,u,p\n1,ann,\"hello\n2,bob\",x,y\n";
        assert_eq!(
            rows(data, 1 << 20),
            [row(1, 0, "d,u,p", false), row(2, 6, "1,ann,\"hello", true), row(3, 19, "2,bob\",x,y", false)]
        );
        // Never closed: found at the end of the file.
        let data = "d,u,p\n1,ann,\"hello\n2,bob,x\n";
        assert_eq!(
            rows(data, 1 << 20),
            [row(1, 0, "d,u,p", false), row(2, 6, "1,ann,\"hello", true), row(3, 19, "2,bob,x", false)]
        );
        // A quoted cell over several lines, closed as it should be, is no error.
        let data = "d,u,p\n1,ann,\"a\nb, \"\"c\"\"\nd\"\n2,bob,x\n";
        let got = rows(data, 1 << 20);
        assert_eq!(got.len(), 3);
        assert!(got.iter().all(|r| !r.3), "{got:?}");
        assert_eq!(got[2], row(5, 27, "2,bob,x", false));
    }

    #[test]
    fn a_row_over_the_cap_is_skipped_and_the_next_found() {
        let long = "y".repeat(100);
        let data = format!("a,b\n1,\"{long}\n{long}\"\n2,z\n");
        let got = rows(&data, 64);
        assert_eq!(got[1], row(2, 4, "<over 206>", false));
        assert_eq!(got[2], row(4, 210, "2,z", false));
    }

    #[test]
    fn fields_unquote_and_stay_lenient() {
        assert_eq!(fields("a,\"b,c\",\"d\"\"e\",5\" tv,", ','), ["a", "b,c", "d\"e", "5\" tv", ""]);
        assert_eq!(fields("x;\"open", ';'), ["x", "open"]);
    }
}
