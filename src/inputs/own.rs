//! Reports charterlint wrote itself, recognised by content so that a scan never checks its own
//! earlier output (a SARIF or JUnit file written into the tree by a CI job): their snippets would
//! be reported again, and a JSON report would pass for a prompt log. Each format is told by what
//! only charterlint writes: the tool name in SARIF's driver, JUnit's `<testsuites
//! name="charterlint"`, the JSON report's `"tool": {"name": "charterlint"`, the CSV header, and
//! GitLab Code Quality issues named after rule ids.

/// What the first bytes of a file say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recognised {
    /// A report charterlint wrote.
    Report,
    /// A SARIF log: charterlint's only if its driver says so, which may lie past the first bytes.
    Sarif,
    NotReport,
}

/// charterlint's CSV header row (`report::csv::HEADER`; a test through the binary keeps both).
const CSV_HEADER: &str = "rule,category,severity,path,line,column,message,snippet,fingerprint,record,tool";

/// Tells a report from its first bytes (8 KiB are plenty: every mark is near the start).
pub fn recognise(head: &[u8]) -> Recognised {
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |i| &body[i..]);
    let has = |needle: &[u8]| memchr::memmem::find(start, needle).is_some();
    match start.first() {
        Some(b'r') => {
            let line = start.split(|b| *b == b'\n').next().unwrap_or_default();
            // Later columns may be added, and the spreadsheet dialect separates with `;`.
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let commas: Vec<u8> = line.iter().map(|&b| if b == b';' { b',' } else { b }).collect();
            let header = CSV_HEADER.as_bytes();
            if commas.starts_with(header) && matches!(commas.get(header.len()), None | Some(b',')) {
                return Recognised::Report;
            }
        }
        Some(b'<') if has(b"<testsuites name=\"charterlint\"") => return Recognised::Report,
        Some(b'{') => {
            if tokens(start, &["\"tool\"", ":", "{", "\"name\"", ":", "\"charterlint\""]) {
                return Recognised::Report;
            }
            if has(b"\"runs\"") && has(b"sarif") {
                return Recognised::Sarif;
            }
        }
        Some(b'[') if gitlab_issue(start) => return Recognised::Report,
        _ => {}
    }
    Recognised::NotReport
}

/// Whether a whole SARIF log was written by charterlint: its driver's `"name": "charterlint"`.
/// Names in results are inside escaped strings, so an unescaped pair is the driver's (or a rule
/// descriptor's, whose names are rule names).
pub fn is_charterlint_sarif(bytes: &[u8]) -> bool {
    tokens(bytes, &["\"name\"", ":", "\"charterlint\""])
}

/// Whether a whole file (a staged blob) is a report charterlint wrote.
pub fn is_report(bytes: &[u8]) -> bool {
    match recognise(&bytes[..bytes.len().min(8 * 1024)]) {
        Recognised::Report => true,
        Recognised::Sarif => is_charterlint_sarif(bytes),
        Recognised::NotReport => false,
    }
}

/// A GitLab Code Quality array whose first issue's `check_name` is a rule id (`SHADOW002`).
fn gitlab_issue(start: &[u8]) -> bool {
    let Some(at) = memchr::memmem::find(start, b"\"check_name\"") else { return false };
    if memchr::memmem::find(start, b"\"fingerprint\"").is_none() {
        return false;
    }
    let rest = skip_ws(&start[at + b"\"check_name\"".len()..]);
    let Some(rest) = rest.strip_prefix(b":") else { return false };
    let Some(value) = skip_ws(rest).strip_prefix(b"\"") else { return false };
    let letters = value.iter().take_while(|b| b.is_ascii_uppercase()).count();
    let digits = value[letters..].iter().take_while(|b| b.is_ascii_digit()).count();
    letters >= 2 && digits == 3 && value.get(letters + digits) == Some(&b'"')
}

fn skip_ws(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// Whether `seq` occurs in `hay` as consecutive tokens, with only whitespace between them.
fn tokens(hay: &[u8], seq: &[&str]) -> bool {
    let Some((first, rest)) = seq.split_first() else { return true };
    memchr::memmem::find_iter(hay, first.as_bytes()).any(|at| {
        let mut tail = &hay[at + first.len()..];
        rest.iter().all(|t| {
            tail = skip_ws(tail);
            match tail.strip_prefix(t.as_bytes()) {
                Some(after) => {
                    tail = after;
                    true
                }
                None => false,
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_told_by_content() {
        let json = b"{\n  \"version\": 1,\n  \"tool\": {\n    \"name\": \"charterlint\",\n    \"version\": \"0.1.0\"\n  }";
        assert_eq!(recognise(json), Recognised::Report);
        assert_eq!(
            recognise(b"<?xml version=\"1.0\"?>\n<testsuites name=\"charterlint\" tests=\"1\">"),
            Recognised::Report
        );
        assert_eq!(recognise(format!("{CSV_HEADER}\r\nSHADOW002,shadow-ai").as_bytes()), Recognised::Report);
        let gitlab = b"[\n  {\n    \"categories\": [\"Security\"],\n    \"check_name\": \"SHADOW002\",\n    \"fingerprint\": \"sha256:ab\"";
        assert_eq!(recognise(gitlab), Recognised::Report);
        let sarif = b"{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"runs\": [";
        assert_eq!(recognise(sarif), Recognised::Sarif);
        assert!(is_charterlint_sarif(b"\"driver\": {\"informationUri\": \"x\", \"name\" : \"charterlint\"}"));
        assert!(!is_charterlint_sarif(
            b"\"driver\": {\"name\": \"semgrep\"}, \"text\": \"\\\"name\\\": \\\"charterlint\\\"\""
        ));
    }

    #[test]
    fn look_alikes_are_not_reports() {
        // A package named charterlint, another tool's JSON, a CSV of other columns.
        assert_eq!(recognise(b"{\"name\": \"charterlint\", \"version\": \"1.0.0\"}"), Recognised::NotReport);
        assert_eq!(recognise(b"{\"tool\": {\"name\": \"gitleaks\"}}"), Recognised::NotReport);
        assert_eq!(recognise(b"rule,severity,path\nX,error,a.py\n"), Recognised::NotReport);
        assert_eq!(
            recognise(b"[{\"check_name\": \"pylint-unused\", \"fingerprint\": \"x\"}]"),
            Recognised::NotReport
        );
        assert_eq!(recognise(b"<testsuites name=\"pytest\">"), Recognised::NotReport);
        assert!(!is_report(b"import os\n"));
    }
}
