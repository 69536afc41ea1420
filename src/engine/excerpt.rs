//! Line arithmetic of a unit, and the excerpt and snippet a finding carries so that reporters
//! never need the file again.

use std::ops::Range;

use super::redact::Redactor;
use crate::finding::{Excerpt, Label, Position};

/// Byte offsets of line starts, built on the first finding of a unit.
#[derive(Debug, Default)]
pub struct LineIndex {
    starts: Option<Vec<usize>>,
}

impl LineIndex {
    fn starts(&mut self, text: &str) -> &[usize] {
        self.starts.get_or_insert_with(|| {
            std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect()
        })
    }

    /// 0-based line index containing `offset`.
    pub fn line_of(&mut self, text: &str, offset: usize) -> usize {
        let starts = self.starts(text);
        starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    pub fn position(&mut self, text: &str, offset: usize) -> Position {
        let line = self.line_of(text, offset);
        let start = self.starts(text)[line];
        let column = text.get(start..offset).map_or(offset - start, |s| s.chars().count()) + 1;
        Position { line: line + 1, column }
    }

    pub fn positions(&mut self, text: &str, span: Range<usize>) -> (Position, Position) {
        (self.position(text, span.start), self.position(text, span.end))
    }

    /// Byte range of the lines `first..=last` (0-based), without the final newline.
    fn line_range(&mut self, text: &str, first: usize, last: usize) -> Range<usize> {
        let starts = self.starts(text);
        let start = starts[first.min(starts.len() - 1)];
        let end = starts.get(last + 1).map_or(text.len(), |&s| s.saturating_sub(1));
        start..end.max(start)
    }
}

/// Secondary places of a finding: `labels` widen the excerpt to show them, `notes` are shown
/// only when they fall inside it.
#[derive(Debug, Clone, Copy)]
pub struct Secondary<'a> {
    pub labels: &'a [(Range<usize>, String)],
    pub notes: &'a [(Range<usize>, String)],
}

/// The finding's lines plus one on each side, with every sensitive span of the unit masked
/// (`red`), and the span and labels relative to the text shown. `secret`: the finding's own span
/// is a secret, so notes (which may point inside it) are left out.
pub fn excerpt(
    text: &str,
    span: &Range<usize>,
    red: &Redactor,
    secret: bool,
    more: Secondary<'_>,
    lines: &mut LineIndex,
) -> Excerpt {
    let labels = more.labels;
    let lo = labels.iter().map(|(r, _)| r.start).fold(span.start, usize::min);
    let hi = labels.iter().map(|(r, _)| r.end).fold(span.end, usize::max);
    let first = lines.line_of(text, lo).saturating_sub(1);
    let last_line = lines.line_of(text, hi.saturating_sub(1).max(lo));
    let n_lines = lines.starts(text).len();
    let whole = lines.line_range(text, first, (last_line + 1).min(n_lines - 1));
    // Keep pathological one-line files (minified JS, huge JSON) readable.
    let range = if labels.is_empty() { clamp_range(text, whole.clone(), span, 400) } else { whole.clone() };
    let shown = red.slice(text, range.clone());
    let range = shown.range.clone();
    let inside = |r: &Range<usize>| r.start >= range.start && r.end <= range.end;
    let relative = |(r, t): &(Range<usize>, String)| Label { span: shown.map_range(r), text: red.scrub(t) };
    let mut out_labels: Vec<Label> = labels.iter().filter(|(r, _)| inside(r)).map(relative).collect();
    // Notes only where the excerpt is the text as it is (not cut around a long line).
    if range == whole && !secret {
        out_labels.extend(more.notes.iter().filter(|(r, _)| inside(r)).map(relative));
    }
    Excerpt {
        span: shown.map_range(&(span.start..span.end.min(range.end))),
        first_line: lines.line_of(text, range.start) + 1,
        text: shown.text,
        labels: out_labels,
    }
}

fn clamp_range(text: &str, range: Range<usize>, span: &Range<usize>, max: usize) -> Range<usize> {
    if range.len() <= max + span.len() {
        return range;
    }
    let mut start = span.start.saturating_sub(max / 2).max(range.start);
    let mut end = (span.end + max / 2).min(range.end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The matched line, masked (`red`) and trimmed, for JSON and other flat outputs.
pub fn snippet(text: &str, span: &Range<usize>, red: &Redactor, lines: &mut LineIndex) -> String {
    let l = lines.line_of(text, span.start);
    let line = lines.line_range(text, l, l);
    let range = clamp_range(text, line.clone(), span, 160);
    red.slice(text, range).text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_from_one() {
        let text = "a\néé x\nz";
        let mut l = LineIndex::default();
        assert_eq!(l.position(text, 0), Position { line: 1, column: 1 });
        let x = text.find('x').unwrap_or_default();
        assert_eq!(l.position(text, x), Position { line: 2, column: 4 });
        assert_eq!(l.position(text, text.len()), Position { line: 3, column: 2 });
    }

    #[test]
    fn excerpt_keeps_a_line_of_context_and_masks_the_span() {
        let text = "one\ntwo key=SECRETVALUE123 end\nthree\nfour";
        let start = text.find("SECRET").unwrap_or_default();
        let span = start..start + "SECRETVALUE123".len();
        let mut l = LineIndex::default();
        let none = Secondary { labels: &[], notes: &[] };
        let red = Redactor::new(text, std::slice::from_ref(&span), &[]);
        let x = excerpt(text, &span, &red, true, none, &mut l);
        assert_eq!(x.first_line, 1);
        assert_eq!(x.text, "one\ntwo key=SECR…23 (14 chars) end\nthree");
        assert_eq!(&x.text[x.span.clone()], "SECR…23 (14 chars)");
        assert_eq!(snippet(text, &span, &red, &mut l), "two key=SECR…23 (14 chars) end");
        assert_eq!(snippet(text, &span, &Redactor::none(), &mut l), "two key=SECRETVALUE123 end");
    }

    #[test]
    fn notes_show_only_inside_an_uncut_excerpt() {
        let text = "a\nb X\nc\nd\ne Y";
        let x = text.find('X').unwrap_or_default();
        let y = text.find('Y').unwrap_or_default();
        let notes =
            vec![(y..y + 1, "far".to_string()), (text.len() - 10..text.len() - 9, "near".to_string())];
        let mut l = LineIndex::default();
        let e = excerpt(
            text,
            &(x..x + 1),
            &Redactor::none(),
            false,
            Secondary { labels: &[], notes: &notes },
            &mut l,
        );
        assert_eq!(e.labels.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["near"]);
    }
}
