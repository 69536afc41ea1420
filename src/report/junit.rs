//! `--format junit`: JUnit XML, the report every CI server can show. One test suite per file
//! with findings, one failed test case per finding (named after the rule, at its line); files
//! that could not be read are test cases in error. A clean run is one passing test case, so the
//! report is never empty.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Report;
use crate::finding::Finding;

/// Escapes text for XML content and attributes, dropping characters XML 1.0 cannot carry.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if u32::from(c) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                let _ = write!(out, "\\u{{{:04X}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

fn case(f: &Finding) -> String {
    let mut body = format!("{}:{}:{}: {} {}", f.path, f.start.line, f.start.column, f.rule, f.message);
    if let Some(rec) = &f.record {
        let _ = write!(body, "\nrecord: {rec}");
    }
    if !f.snippet.is_empty() {
        let _ = write!(body, "\n{}", f.snippet);
    }
    format!(
        "    <testcase name=\"{rule} at line {line}, column {col}\" classname=\"{path}\" file=\"{path}\" line=\"{line}\">\n      <failure message=\"{msg}\" type=\"{severity}\">{body}</failure>\n    </testcase>\n",
        rule = escape(&f.rule),
        line = f.start.line,
        col = f.start.column,
        path = escape(&f.path),
        msg = escape(&f.message),
        severity = f.severity.as_str(),
        body = escape(&body),
    )
}

pub fn render(r: &Report<'_>) -> String {
    let mut by_path: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in r.findings {
        by_path.entry(&f.path).or_default().push(f);
    }
    let failures = r.findings.len();
    let errors = r.errors.len();
    let tests = (failures + errors).max(1);
    let secs = r.elapsed.as_secs_f64();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"charterlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" time=\"{secs:.3}\">"
    );
    for (path, list) in &by_path {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{n}\" failures=\"{n}\" errors=\"0\">",
            escape(path),
            n = list.len()
        );
        for f in list {
            out.push_str(&case(f));
        }
        out.push_str("  </testsuite>\n");
    }
    if errors > 0 {
        let _ = writeln!(
            out,
            "  <testsuite name=\"unreadable files\" tests=\"{errors}\" failures=\"0\" errors=\"{errors}\">"
        );
        for e in r.errors {
            let _ = writeln!(
                out,
                "    <testcase name=\"read {path}\" classname=\"{path}\">\n      <error message=\"{msg}\"/>\n    </testcase>",
                path = escape(&e.path),
                msg = escape(&e.message)
            );
        }
        out.push_str("  </testsuite>\n");
    }
    if failures == 0 && errors == 0 {
        let _ = writeln!(
            out,
            "  <testsuite name=\"charterlint\" tests=\"1\" failures=\"0\" errors=\"0\">\n    <testcase name=\"{} file{} checked against the AI-usage charter\" classname=\"charterlint\"/>\n  </testsuite>",
            r.files,
            if r.files == 1 { "" } else { "s" }
        );
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(escape("bell\u{7}"), "bell\\u{0007}");
    }
}
