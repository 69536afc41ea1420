//! `--format github`: one GitHub Actions workflow command per finding, so findings show as
//! annotations on the pull request's diff without uploading anything:
//! `::error file=src/a.py,line=3,col=5,endLine=3,endColumn=19,title=SHADOW002 …::message`.

use std::fmt::Write as _;

use super::Report;
use crate::finding::{Finding, Severity};

/// Escapes a command's message, as the Actions runner's toolkit does; other control characters
/// (ESC) are shown escaped, so the log cannot be recoloured or rewritten.
pub fn escape_data(s: &str) -> String {
    let s = s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    super::escape::line(&s).into_owned()
}

/// Escapes a command property (file, title): the message escapes plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

pub fn render_finding(f: &Finding) -> String {
    let mut props = format!("file={},line={},col={}", escape_property(&f.path), f.start.line, f.start.column);
    let _ = write!(props, ",endLine={}", f.end.line.max(f.start.line));
    // The runner honours endColumn only on one-line annotations.
    if f.end.line <= f.start.line {
        let _ = write!(props, ",endColumn={}", f.end.column);
    }
    let _ = write!(props, ",title={}", escape_property(&format!("{} {}", f.rule, f.title)));
    let mut message = f.message.clone();
    if let Some(rec) = &f.record {
        let _ = write!(message, "\nrecord: {rec}");
    }
    if !f.help.is_empty() {
        let _ = write!(message, "\n{}", f.help.trim());
    }
    format!("::{} {props}::{}\n", command(f.severity), escape_data(&message))
}

pub fn render(r: &Report<'_>) -> String {
    let mut out: String = r.findings.iter().map(render_finding).collect();
    // A file that could not be read fails no check unless `--strict`: a warning, not an error.
    for (list, command, title) in [
        (r.errors, "warning", "charterlint could not read this file"),
        (r.notices, "notice", "charterlint did not audit this file"),
    ] {
        for e in list {
            let _ = writeln!(
                out,
                "::{command} file={},title={title}::{}",
                escape_property(&e.path),
                escape_data(&e.message)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_runner() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
        assert_eq!(escape_property("a\n::error::x.py"), "a%0A%3A%3Aerror%3A%3Ax.py");
        assert_eq!(escape_data("\x1b[31m"), "\\x1b[31m");
    }
}
