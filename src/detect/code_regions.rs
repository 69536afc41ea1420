//! Where markup is shown rather than used: inline code spans and fenced code blocks of Markdown,
//! and the code-like elements of HTML. Evidence inside them is a mention, not an artifact.

use std::ops::Range;

/// Byte ranges of inline code spans and fenced code blocks (Markdown), where markup is shown
/// rather than used.
pub fn code_regions(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut fence: Option<(usize, &str)> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let t = line.trim_start();
        let marker = if t.starts_with("```") {
            Some("```")
        } else if t.starts_with("~~~") {
            Some("~~~")
        } else {
            None
        };
        match (fence, marker) {
            (Some((open, m)), Some(m2)) if m == m2 => {
                out.push(open..pos);
                fence = None;
            }
            (Some(_), _) => {}
            (None, Some(m)) => fence = Some((start, m)),
            (None, None) => inline_code(line, start, &mut out),
        }
    }
    if let Some((open, _)) = fence {
        out.push(open..text.len());
    }
    html_code(text, &mut out);
    out
}

/// `<code>`, `<pre>`, `<script>`, `<style>` and `<textarea>` elements of HTML (also raw HTML in
/// Markdown): markup shown or used by a program, not written to the reader.
fn html_code(text: &str, out: &mut Vec<Range<usize>>) {
    const TAGS: [&str; 5] = ["code", "pre", "script", "style", "textarea"];
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', &bytes[at..]) {
        let open = at + i;
        at = open + 1;
        let Some(tag) = TAGS.iter().find(|t| {
            bytes.get(open + 1..open + 1 + t.len()).is_some_and(|b| b.eq_ignore_ascii_case(t.as_bytes()))
                && bytes.get(open + 1 + t.len()).is_some_and(|&c| c == b'>' || c.is_ascii_whitespace())
        }) else {
            continue;
        };
        let close = format!("</{tag}");
        let rest = &text[open..];
        let end = find_ascii_ci(rest, &close).map_or(text.len(), |j| open + j + close.len());
        out.push(open..end);
        at = end;
    }
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn inline_code(line: &str, base: usize, out: &mut Vec<Range<usize>>) {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'`' {
            i += 1;
            continue;
        }
        let open = i;
        while i < b.len() && b[i] == b'`' {
            i += 1;
        }
        let ticks = i - open;
        let mut j = i;
        let mut closed = None;
        while j < b.len() {
            if b[j] == b'`' {
                let s = j;
                while j < b.len() && b[j] == b'`' {
                    j += 1;
                }
                if j - s == ticks {
                    closed = Some(j);
                    break;
                }
            } else {
                j += 1;
            }
        }
        match closed {
            Some(end) => {
                out.push(base + open..base + end);
                i = end;
            }
            None => break,
        }
    }
}

pub fn inside(regions: &[Range<usize>], span: &Range<usize>) -> bool {
    regions.iter().any(|r| r.start <= span.start && span.end <= r.end)
}
