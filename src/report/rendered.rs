//! Writing many findings as text: each is rendered on its own (no finding's text depends on
//! another's), so a large report renders them on every core, a window at a time, and writes the
//! windows in order. Memory holds one window of text, not the whole report.

use std::io::Write;

/// Items a thread renders per window.
const PER_THREAD: usize = 1024;

/// Below this many items, one thread renders them all: starting threads costs more.
const PARALLEL_ITEMS: usize = 4 * PER_THREAD;

/// Writes `items` to `w`, each rendered by `render(index, item, buffer)` appending to the buffer,
/// on at most `threads` threads. The output is the same as rendering them one after the other.
pub fn write_each<T: Sync>(
    items: &[T],
    threads: usize,
    w: &mut impl Write,
    render: impl Fn(usize, &T, &mut Vec<u8>) + Sync,
) -> std::io::Result<()> {
    let threads = threads.clamp(1, 8);
    if threads < 2 || items.len() < PARALLEL_ITEMS {
        let mut buf = Vec::new();
        for (i, item) in items.iter().enumerate() {
            buf.clear();
            render(i, item, &mut buf);
            w.write_all(&buf)?;
        }
        return Ok(());
    }
    let window = threads * PER_THREAD;
    let mut bufs: Vec<Vec<u8>> = vec![Vec::new(); threads];
    for (w_index, chunk) in items.chunks(window).enumerate() {
        let base = w_index * window;
        std::thread::scope(|s| {
            for (t, buf) in bufs.iter_mut().enumerate() {
                let start = (t * PER_THREAD).min(chunk.len());
                let part = &chunk[start..(start + PER_THREAD).min(chunk.len())];
                let render = &render;
                s.spawn(move || {
                    buf.clear();
                    for (i, item) in part.iter().enumerate() {
                        render(base + start + i, item, buf);
                    }
                });
            }
        });
        for buf in &bufs {
            w.write_all(buf)?;
        }
    }
    Ok(())
}

/// Appends `json` with `pad` spaces after each line break: a value rendered at the top level,
/// placed inside an indented document. JSON escapes line breaks inside strings, so every raw
/// line break is the formatter's.
pub fn indented(out: &mut Vec<u8>, json: &[u8], pad: usize) {
    let mut rest = json;
    while let Some(i) = memchr::memchr(b'\n', rest) {
        out.extend_from_slice(&rest[..=i]);
        out.extend(std::iter::repeat_n(b' ', pad));
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_windows_write_what_one_thread_writes() {
        let items: Vec<u32> = (0..(3 * PARALLEL_ITEMS as u32 + 17)).collect();
        let render = |i: usize, n: &u32, buf: &mut Vec<u8>| {
            buf.extend_from_slice(format!("{i}:{n}\n").as_bytes());
        };
        let mut all = Vec::new();
        write_each(&items, 3, &mut all, render).unwrap_or_else(|e| panic!("{e}"));
        let expected: String = items.iter().enumerate().map(|(i, n)| format!("{i}:{n}\n")).collect();
        assert_eq!(String::from_utf8_lossy(&all), expected);
        let mut one = Vec::new();
        write_each(&items, 1, &mut one, render).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(one, all);
        let mut few = Vec::new();
        write_each(&items[..5], 3, &mut few, render).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(String::from_utf8_lossy(&few), "0:0\n1:1\n2:2\n3:3\n4:4\n");
    }

    #[test]
    fn indentation_follows_line_breaks_only() {
        let mut out = Vec::new();
        indented(&mut out, b"{\n  \"a\": \"x\\ny\"\n}", 4);
        assert_eq!(String::from_utf8_lossy(&out), "{\n      \"a\": \"x\\ny\"\n    }");
    }
}
