//! The one redaction boundary of a unit's findings. Before any finding of a unit leaves the
//! engine, every sensitive span of the whole unit is known once: the catalogue's AI keys, other
//! secrets, personal data, the charter's confidential patterns, key-shaped tokens of known
//! provider prefixes (even when a marker or checksum fails) and the spans of secret hits. Every
//! text a finding carries that comes from the unit (message, snippet, excerpt with its context
//! lines, labels, record) is cut from the unit through [`Redactor::slice`] or scrubbed of the
//! sensitive values with [`Redactor::scrub`], whatever the rule and whatever the unit kind.
//! Reporters only read findings, so every output format shows the same masks.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::OnceLock;

use super::Engine;
use crate::detect::markers::MarkerKind;
use crate::detect::{Scratch, key_hits, personal, secrets};
use crate::mask;
use crate::unit::Unit;

/// The sensitive spans of one unit, merged and sorted, and their distinct values.
#[derive(Debug, Default)]
pub struct Redactor {
    /// False with `--show-secrets`: nothing is masked.
    on: bool,
    spans: Vec<Range<usize>>,
    /// Distinct sensitive values, longest first, to scrub texts that quote the unit.
    values: Vec<String>,
    /// The values of them that are secrets (keys, tokens, passwords), not personal data.
    secret_values: Vec<String>,
}

/// A range of the unit's text as it may be shown.
#[derive(Debug)]
pub struct Slice {
    pub text: String,
    /// The unit range shown: the asked range, widened to the whole of any sensitive span it cut.
    pub range: Range<usize>,
    /// Masked pieces: (unit range, range in `text`).
    pieces: Vec<(Range<usize>, Range<usize>)>,
}

impl Slice {
    /// Where the unit offset `at` (inside `range`) lies in `text`. An offset inside a masked
    /// value maps to the mask's end (its start stays its start), so a span over a value covers
    /// its whole mask.
    pub fn map(&self, at: usize) -> usize {
        let at = at.clamp(self.range.start, self.range.end);
        // The last piece that starts before `at`: `at` lies inside it or after it.
        let before = self.pieces.partition_point(|(orig, _)| orig.start < at);
        let mapped = match before.checked_sub(1).map(|i| &self.pieces[i]) {
            Some((orig, out)) if at < orig.end => out.end,
            Some((orig, out)) => out.end + (at - orig.end),
            None => at - self.range.start,
        };
        mapped.min(self.text.len())
    }

    pub fn map_range(&self, r: &Range<usize>) -> Range<usize> {
        let start = self.map(r.start);
        start..self.map(r.end).max(start)
    }
}

impl Redactor {
    /// Masks `spans` of a text (and the values they cover wherever quoted); `secrets` are those
    /// of them that are secrets rather than personal data.
    pub fn new(text: &str, spans: &[Range<usize>], secrets: &[Range<usize>]) -> Redactor {
        let on_text = |s: &Range<usize>| {
            s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
        };
        let distinct = |spans: &[Range<usize>]| {
            let mut v: Vec<String> =
                spans.iter().filter(|s| on_text(s)).map(|s| text[s.clone()].to_string()).collect();
            v.sort_by_key(|v| std::cmp::Reverse(v.len()));
            v.dedup();
            v
        };
        let spans: Vec<Range<usize>> = mask::merge(spans).into_iter().filter(on_text).collect();
        Redactor { on: true, values: distinct(&spans), secret_values: distinct(&mask::merge(secrets)), spans }
    }

    /// Shows everything (`--show-secrets`).
    pub fn none() -> Redactor {
        Redactor::default()
    }

    /// `text[range]` with every sensitive span it touches masked whole.
    pub fn slice(&self, text: &str, range: Range<usize>) -> Slice {
        let mut range = range.start.min(text.len())..range.end.min(text.len());
        // A sensitive span cut by the range is shown whole (and so masked whole).
        for s in &self.spans {
            if s.start < range.start && range.start < s.end {
                range.start = s.start;
            }
            if s.start < range.end && range.end < s.end {
                range.end = s.end;
            }
        }
        let mut out = String::with_capacity(range.len());
        let mut pieces = Vec::new();
        let mut at = range.start;
        let first = self.spans.partition_point(|s| s.end <= range.start);
        for s in self.spans[first..].iter().take_while(|s| s.start < range.end) {
            if s.start < at {
                continue;
            }
            out.push_str(&text[at..s.start]);
            let start = out.len();
            out.push_str(&mask::mask(&text[s.clone()]));
            pieces.push((s.clone(), start..out.len()));
            at = s.end;
        }
        out.push_str(&text[at..range.end.max(at)]);
        Slice { text: out, range, pieces }
    }

    /// `s` (a text that may quote the unit: a detail, a label) with every sensitive value of the
    /// unit masked, and the key-shaped tokens, secrets and personal data of its own.
    pub fn scrub(&self, s: &str) -> String {
        self.scrub_with(s, &self.values, true)
    }

    /// A record (who sent the text, which conversation): its secrets are masked, but not the
    /// personal data, since a record names the user on purpose.
    pub fn scrub_record(&self, s: &str) -> String {
        self.scrub_with(s, &self.secret_values, false)
    }

    fn scrub_with(&self, s: &str, values: &[String], personal_data: bool) -> String {
        // Most findings have no suffix: nothing to search.
        if !self.on || s.is_empty() {
            return s.to_string();
        }
        let mut out = s.to_string();
        for v in values {
            if out.contains(v.as_str()) {
                out = out.replace(v.as_str(), &mask::mask(v));
            }
        }
        let mut own = mask::key_tokens(&out);
        own.extend(secrets::find(&out).into_iter().map(|x| x.span));
        if personal_data {
            own.extend(personal::find(&out).into_iter().map(|x| x.span));
        }
        if own.is_empty() { out } else { mask::mask_spans(&out, &own) }
    }
}

/// A unit's redactor, computed on first use: only units that have findings pay for it.
pub(super) struct LazyRedactor<'a> {
    cell: OnceCell<Redactor>,
    engine: &'a Engine,
    unit: &'a Unit<'a>,
    scratch: &'a Scratch,
    secret_hits: Vec<Range<usize>>,
    /// Where sensitive spans are searched when not in the whole unit ([`windows`]).
    windows: Option<Vec<Range<usize>>>,
}

impl<'a> LazyRedactor<'a> {
    /// `shown`: every range a finding of the unit may show (its span, labels and notes, and the
    /// suppression comments' spans).
    pub fn new(
        engine: &'a Engine,
        unit: &'a Unit<'a>,
        scratch: &'a Scratch,
        secret_hits: Vec<Range<usize>>,
        shown: impl IntoIterator<Item = Range<usize>>,
    ) -> LazyRedactor<'a> {
        let windows = windows(unit.text, shown);
        LazyRedactor { cell: OnceCell::new(), engine, unit, scratch, secret_hits, windows }
    }

    pub fn get(&self) -> &Redactor {
        self.cell.get_or_init(|| {
            if self.engine.show_secrets {
                return Redactor::none();
            }
            let text = self.unit.text;
            let cx = &self.engine.cx;
            let sc = self.scratch;
            let w = self.windows.as_deref();
            let mut secret =
                spans_in(text, w, &sc.keys, |t| key_hits(cx, t, &sc.key_seen), |h| Some(h.span.clone()));
            secret.extend(spans_in(text, w, &sc.secrets, |t| sc.secrets_of(t), |s| Some(s.span.clone())));
            secret.extend(spans_in(text, w, &OnceLock::new(), mask::key_tokens, |r| Some(r.clone())));
            let mut spans = self.secret_hits.clone();
            spans.extend(secret.iter().cloned());
            spans.extend(spans_in(text, w, &sc.personal, personal::find, |d| Some(d.span.clone())));
            // Only the charter's confidential patterns are sensitive; its classification words are not.
            let patterns =
                |m: &crate::detect::markers::Mark| (m.kind == MarkerKind::Pattern).then(|| m.span.clone());
            spans.extend(spans_in(text, w, &sc.marks, |t| cx.markers.find(t, sc.marker_seen), patterns));
            Redactor::new(text, &spans, &secret)
        })
    }
}

/// Units from this size on search for sensitive spans only around what their findings show.
const WINDOWED_FROM: usize = 256 * 1024;
/// Text searched on each side of what a finding shows: more than the longest sensitive span
/// with its context (a private key block of the secrets' formats is at most about 10 KB), so
/// that every span a shown range touches is found whole, as in the whole unit.
const MARGIN: usize = 16 * 1024;

/// For a large unit whose findings show little of it (a notebook of megabytes of images with
/// one AI import), the windows around what they show: their lines and the lines on each side
/// (an excerpt's context), widened by [`MARGIN`]. `None`: search the whole unit. The values a
/// finding's texts may quote (its detail names, its own sentence) lie in its windows too.
fn windows(text: &str, shown: impl IntoIterator<Item = Range<usize>>) -> Option<Vec<Range<usize>>> {
    if text.len() < WINDOWED_FROM {
        return None;
    }
    let b = text.as_bytes();
    // (`str::floor_char_boundary` is newer than the supported Rust.)
    let floor = |mut at: usize| {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let ceil = |mut at: usize| {
        while !text.is_char_boundary(at) {
            at += 1;
        }
        at
    };
    let windows: Vec<Range<usize>> = shown
        .into_iter()
        .map(|r| {
            let (lo, hi) = (r.start.min(b.len()), r.end.min(b.len()));
            // The start of the line before, and the end of the line after (its newline included).
            let back = |at: usize| memchr::memrchr(b'\n', &b[..at]);
            let start = back(lo).and_then(back).map_or(0, |i| i + 1);
            let forth = |at: usize| memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |i| at + i + 1);
            let end = forth(hi).min(b.len());
            let end = forth(end).min(b.len());
            floor(start.saturating_sub(MARGIN))..ceil((end + MARGIN).min(b.len()))
        })
        .collect();
    let windows = mask::merge(&windows);
    let covered: usize = windows.iter().map(|w| w.len()).sum();
    (covered < text.len() / 2).then_some(windows)
}

/// The spans of one kind of sensitive data, found by `search`: in the whole unit, kept in `memo`
/// where the detectors share it (and reused when a detector ran it already), or, with windows,
/// in each window, moved to the unit's offsets.
fn spans_in<T>(
    text: &str,
    windows: Option<&[Range<usize>]>,
    memo: &OnceLock<Vec<T>>,
    search: impl Fn(&str) -> Vec<T>,
    span: impl Fn(&T) -> Option<Range<usize>>,
) -> Vec<Range<usize>> {
    match windows {
        Some(ws) if memo.get().is_none() => ws
            .iter()
            .flat_map(|w| {
                search(&text[w.clone()])
                    .iter()
                    .filter_map(&span)
                    .map(|r| r.start + w.start..r.end + w.start)
                    .collect::<Vec<_>>()
            })
            .collect(),
        _ => memo.get_or_init(|| search(text)).iter().filter_map(span).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_masks_every_span_and_maps_offsets() {
        let text = "a=SECRETVALUE123 b=OTHERSECRET99 c";
        let s1 = 2..16;
        let s2 = 19..32;
        let r = Redactor::new(text, &[s2.clone(), s1.clone()], &[]);
        let sl = r.slice(text, 0..text.len());
        let offset = r.slice(text, 1..text.len());
        assert_eq!(&offset.text[offset.map_range(&s2)], "OTHE…99 (13 chars)");
        assert_eq!(sl.text, "a=SECR…23 (14 chars) b=OTHE…99 (13 chars) c");
        assert_eq!(&sl.text[sl.map_range(&s1)], "SECR…23 (14 chars)");
        assert_eq!(&sl.text[sl.map_range(&s2)], "OTHE…99 (13 chars)");
        assert_eq!(&sl.text[sl.map(text.len() - 1)..], "c");
        // A range that cuts a value is widened to show it whole, masked.
        let cut = r.slice(text, 5..24);
        assert_eq!(cut.range, 2..32);
        assert!(!cut.text.contains("VALUE") && !cut.text.contains("SECRET9"), "{}", cut.text);
    }

    #[test]
    fn scrub_masks_quoted_values_and_its_own_secrets() {
        let text = "x = Vt9kQ2mZx7LpR4wB";
        let value = 4..text.len();
        let r = Redactor::new(text, std::slice::from_ref(&value), std::slice::from_ref(&value));
        assert_eq!(r.scrub("value Vt9kQ2mZx7LpR4wB again"), "value Vt9k…wB (16 chars) again");
        assert_eq!(r.scrub("mail claire.martin@groupe-acme.fr"), "mail claire…fr (28 chars)");
        let record = "user claire.martin@groupe-acme.fr › conversation \"Vt9kQ2mZx7LpR4wB\"";
        assert_eq!(
            r.scrub_record(record),
            "user claire.martin@groupe-acme.fr › conversation \"Vt9k…wB (16 chars)\""
        );
        assert_eq!(Redactor::none().scrub("claire.martin@groupe-acme.fr"), "claire.martin@groupe-acme.fr");
    }

    #[test]
    fn windows_cover_the_shown_lines_with_a_margin_only_in_large_units() {
        let line = "x".repeat(99) + "\n";
        let large = line.repeat(10_000);
        assert_eq!(windows(&line.repeat(100), std::iter::once(5..6)), None);
        // A finding on line 5,000: its line, one line before and after, and the margin.
        let at = 5_000 * 100 + 3;
        let w = windows(&large, std::iter::once(at..at + 2)).unwrap_or_default();
        assert_eq!(w.first(), Some(&(4_999 * 100 - MARGIN..5_002 * 100 + MARGIN)));
        assert_eq!(w.len(), 1);
        // Two findings close together share one window; far apart, each has its own.
        assert_eq!(windows(&large, [at..at + 2, at + 1_000..at + 1_001]).map(|w| w.len()), Some(1));
        assert_eq!(windows(&large, [100..101, at..at + 2]).map(|w| w.len()), Some(2));
        // Findings all over the unit: the whole unit is searched, once.
        let spread: Vec<Range<usize>> = (0..100).map(|i| i * 10_000..i * 10_000 + 1).collect();
        assert_eq!(windows(&large, spread), None);
    }
}
