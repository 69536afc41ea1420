//! The default output: each finding as a miette diagnostic (the source lines with the span
//! labelled, the rule id as the code, help with the charter section), then a one-line summary.

use std::fmt::Write as _;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::{Report, escape};
use crate::finding::{Finding, Severity};

/// A few lines of a file that remember where they start, so miette prints real line numbers.
#[derive(Debug)]
struct Excerpt {
    name: String,
    text: String,
    first_line: usize,
    /// Where control characters of the file were escaped in `text`.
    offsets: escape::Offsets,
    /// Where the finding's span starts in `text`, and its own 1-based line and column.
    primary: (usize, crate::finding::Position),
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        // The header's place (miette reads the primary span alone for it) is the finding's own,
        // as in every other format: the excerpt is masked and escaped, and a prompt's excerpt is
        // its message, so its lines and columns are not the file's.
        let (line, column) = if (before, after) == (0, 0) && span.offset() == self.primary.0 {
            (self.primary.1.line.saturating_sub(1), self.primary.1.column.saturating_sub(1))
        } else {
            let line_start = span.offset().saturating_sub(inner.column());
            let column = inner.column().saturating_sub(self.offsets.added_between(line_start, span.offset()));
            (inner.line() + self.first_line - 1, column)
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            line,
            column,
            inner.line_count(),
        )))
    }
}

/// Options of the human output.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    GraphicalReportHandler::new_themed(theme).with_width(style.width).with_links(false)
}

/// Renders one finding.
pub fn render_finding(f: &Finding, style: Style) -> String {
    let severity = match f.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let mut why = String::new();
    if !f.charter_ref.is_empty() {
        let _ = write!(why, "charter {}", f.charter_ref);
    }
    for r in f.references.iter() {
        let _ = write!(why, "{}{r}", if why.is_empty() { "" } else { " · " });
    }
    let mut help = f.help.to_string();
    if !why.is_empty() {
        let _ = write!(help, "\nwhy: {why}");
    }
    if let Some(rec) = &f.record {
        let _ = write!(help, "\nrecord: {}", escape::line(rec));
    }
    let path = escape::line(&f.path).into_owned();
    let mut diag = MietteDiagnostic::new(escape::line(&f.message).into_owned())
        .with_code(f.rule.to_string())
        .with_severity(severity)
        .with_help(help);
    let mut out = String::new();
    let h = handler(style);
    match &f.excerpt {
        Some(x) => {
            // The excerpt is the scanned file's own text: its control characters are escaped,
            // and the spans moved to match.
            let (text, offsets) = escape::text_mapped(&x.text);
            let span = |r: &std::ops::Range<usize>| offsets.map(r.start)..offsets.map(r.end);
            let mut labels =
                vec![LabeledSpan::new_primary_with_span(Some(f.title.to_string()), span(&x.span))];
            labels.extend(x.labels.iter().map(|l| {
                LabeledSpan::new_with_span(Some(escape::line(&l.text).into_owned()), span(&l.span))
            }));
            diag = diag.with_labels(labels);
            let primary = (offsets.map(x.span.start), f.start);
            let src = Excerpt { name: path, text, first_line: x.first_line, offsets, primary };
            let report = miette::Report::new(diag).with_source_code(src);
            let _ = h.render_report(&mut out, report.as_ref());
        }
        None => {
            diag = diag.with_url(format!("{path}:{}", f.start.line));
            let _ = h.render_report(&mut out, &diag);
        }
    }
    out
}

pub fn summary(r: &Report<'_>) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut s = format!(
        "charterlint: {} scanned in {:.2}s: {} ({}, {}, {} info)",
        plural(r.files, "file"),
        r.elapsed.as_secs_f64(),
        plural(r.findings.len(), "finding"),
        plural(r.count(Severity::Error), "error"),
        plural(r.count(Severity::Warning), "warning"),
        r.count(Severity::Info),
    );
    if r.records > 0 {
        let _ = write!(s, "; {}", plural(r.records, "record"));
    }
    if r.skipped_large > 0 {
        let _ = write!(s, "; {} over the size cap skipped", plural(r.skipped_large, "file"));
    }
    if r.skipped_binary > 0 {
        let _ = write!(s, "; {} skipped", plural(r.skipped_binary, "binary file"));
    }
    if r.skipped_reports > 0 {
        let n = r.skipped_reports;
        let _ = write!(s, "; {n} report{} of charterlint skipped", if n == 1 { "" } else { "s" });
    }
    if !r.errors.is_empty() {
        let _ = write!(s, "; {} could not be read", plural(r.errors.len(), "file"));
    }
    if !r.notices.is_empty() {
        let _ = write!(s, "; {}", plural(r.notices.len(), "notice"));
    }
    if let Some(b) = r.baseline {
        let _ = write!(s, "; {} hidden by the baseline, {} fixed", b.hidden, b.fixed.len());
    }
    s
}
