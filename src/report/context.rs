//! `--context N`: cuts each finding's snippet and excerpt to N characters on each side of the
//! matched (masked) text, so that a report does not carry the rest of a private message. Done
//! once on the findings, before any reporter runs, so every output gets the same cut.

use std::ops::Range;

use crate::finding::{Excerpt, Finding};

const CUT: &str = "…";

/// Byte offset `n` characters before `at` (or 0).
fn back(text: &str, at: usize, n: usize) -> usize {
    text[..at].char_indices().rev().take(n).last().map_or(at, |(i, _)| i)
}

/// Byte offset `n` characters after `at` (or the end).
fn forward(text: &str, at: usize, n: usize) -> usize {
    text[at..].char_indices().nth(n).map_or(text.len(), |(i, _)| at + i)
}

/// A cut of a text: the kept bytes `start..end`, and whether `…` was put before them.
struct Cut {
    start: usize,
    end: usize,
    prefix: usize,
}

impl Cut {
    fn around(text: &str, span: &Range<usize>, n: usize) -> Cut {
        let start = back(text, span.start, n);
        Cut { start, end: forward(text, span.end, n), prefix: if start > 0 { CUT.len() } else { 0 } }
    }

    fn apply(&self, text: &str) -> String {
        let mut out = String::new();
        if self.prefix > 0 {
            out.push_str(CUT);
        }
        out.push_str(&text[self.start..self.end]);
        if self.end < text.len() {
            out.push_str(CUT);
        }
        out
    }

    /// Where a range of the original text lies in the cut one, if it was kept whole.
    fn map(&self, r: &Range<usize>) -> Option<Range<usize>> {
        (r.start >= self.start && r.end <= self.end)
            .then(|| r.start - self.start + self.prefix..r.end - self.start + self.prefix)
    }
}

fn valid(text: &str, span: &Range<usize>) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fn cut_excerpt(x: &mut Excerpt, n: usize) {
    if !valid(&x.text, &x.span) {
        return;
    }
    let cut = Cut::around(&x.text, &x.span, n);
    x.first_line += x.text[..cut.start].matches('\n').count();
    x.labels.retain_mut(|l| match cut.map(&l.span) {
        Some(r) => {
            l.span = r;
            true
        }
        None => false,
    });
    x.span = cut.map(&x.span).unwrap_or(0..0);
    x.text = cut.apply(&x.text);
}

fn cut_snippet(snippet: &str, datum: Option<&str>, n: usize) -> String {
    if let Some(at) = datum.filter(|d| !d.is_empty()).and_then(|d| snippet.find(d).map(|i| i..i + d.len())) {
        return Cut::around(snippet, &at, n).apply(snippet);
    }
    // The datum is not on the snippet's line (or there is no excerpt): keep its start only.
    let end = forward(snippet, 0, 2 * n);
    if end < snippet.len() { format!("{}{CUT}", &snippet[..end]) } else { snippet.to_string() }
}

/// Cuts every finding's snippet and excerpt to `n` characters around the matched text.
pub fn limit(findings: &mut [Finding], n: usize) {
    for f in findings {
        let datum = f
            .excerpt
            .as_ref()
            .filter(|x| valid(&x.text, &x.span))
            .map(|x| x.text[x.span.clone()].to_string());
        f.snippet = cut_snippet(&f.snippet, datum.as_deref(), n);
        if let Some(x) = f.excerpt.as_mut() {
            cut_excerpt(x, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Label;

    fn excerpt(text: &str, datum: &str) -> Excerpt {
        let i = text.find(datum).unwrap_or_default();
        Excerpt { text: text.into(), first_line: 10, span: i..i + datum.len(), labels: vec![] }
    }

    #[test]
    fn a_snippet_keeps_n_characters_each_side_of_the_datum() {
        let s = "Écris à Claire Martin (claire****@x.fr) pour la facture 42 du client Durand";
        assert_eq!(cut_snippet(s, Some("claire****@x.fr"), 5), "…tin (claire****@x.fr) pou…");
        assert_eq!(cut_snippet(s, Some("claire****@x.fr"), 500), s);
        assert_eq!(cut_snippet(s, Some("absent"), 3), "Écris …");
        assert_eq!(cut_snippet(s, None, 0), "…");
    }

    #[test]
    fn an_excerpt_is_cut_and_its_span_still_points_at_the_datum() {
        let mut x = excerpt("first line\nsecond: IBAN FR76 **** 189 then the rest\nthird", "FR76 **** 189");
        x.labels.push(Label { span: 0..5, text: "far away".into() });
        cut_excerpt(&mut x, 6);
        assert_eq!(x.text, "… IBAN FR76 **** 189 then …");
        assert_eq!(&x.text[x.span.clone()], "FR76 **** 189");
        assert_eq!(x.first_line, 11);
        assert!(x.labels.is_empty());
    }

    #[test]
    fn a_label_inside_the_cut_moves_with_it() {
        let mut x = excerpt("aaaaaaaaaa key=SECRET bbbbbbbbbb", "SECRET");
        let k = x.text.find("key").unwrap_or_default();
        x.labels.push(Label { span: k..k + 3, text: "name".into() });
        cut_excerpt(&mut x, 5);
        assert_eq!(x.labels.len(), 1);
        assert_eq!(&x.text[x.labels[0].span.clone()], "key");
    }
}
