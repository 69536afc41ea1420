//! Source code in prose: a large block of code pasted into a prompt, and (in repositories) code
//! that puts customer or employee data into a prompt.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// Code-looking lines in a block before it counts as "a large block of source code".
pub const MIN_CODE_LINES: usize = 20;

fn code_line(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    const STARTS: &[&str] = &[
        "def ",
        "class ",
        "import ",
        "from ",
        "fn ",
        "pub ",
        "impl ",
        "use ",
        "let ",
        "const ",
        "var ",
        "function ",
        "return",
        "if (",
        "if ",
        "for (",
        "for ",
        "while ",
        "#include",
        "package ",
        "public ",
        "private ",
        "protected ",
        "static ",
        "func ",
        "SELECT ",
        "INSERT ",
        "UPDATE ",
        "@",
        "//",
        "/*",
        "*",
        "}",
        "elif ",
        "else",
        "try",
        "except",
        "catch",
        "async ",
        "await ",
        "export ",
        "type ",
        "struct ",
    ];
    // The first byte first: comparing each start in full was a call per start and per line of
    // every prompt.
    let first = t.as_bytes()[0];
    STARTS.iter().any(|s| s.as_bytes()[0] == first && t.starts_with(s))
        || t.ends_with(';')
        || t.ends_with('{')
        || t.ends_with('}')
        || t.ends_with(':') && (t.starts_with("def ") || t.starts_with("class ") || t.contains('('))
        || t.ends_with(')') && t.contains('(') && !t.contains(' ')
        || t.contains(" = ") && !t.contains(". ")
}

/// The first large block of pasted code: a fenced block or a run of code-looking lines (blank
/// lines allowed) with at least [`MIN_CODE_LINES`] of them. Returns the span of its first line
/// and the number of code lines.
pub fn pasted_block(text: &str) -> Option<(Range<usize>, usize)> {
    let mut run_start: Option<Range<usize>> = None;
    let mut run = 0usize;
    let mut fenced = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let span = at..at + line.trim_end().len();
        at += line.len();
        let t = line.trim();
        if t.starts_with("```") {
            fenced = !fenced;
            if fenced {
                run_start = None;
                run = 0;
            } else if run >= MIN_CODE_LINES {
                return run_start.map(|s| (s, run));
            }
            continue;
        }
        let counts = if fenced { !t.is_empty() } else { code_line(line) };
        if counts {
            if run_start.is_none() {
                run_start = Some(span);
            }
            run += 1;
            if !fenced && run >= MIN_CODE_LINES * 2 {
                return run_start.map(|s| (s, run));
            }
        } else if !t.is_empty() && !fenced {
            if run >= MIN_CODE_LINES {
                return run_start.map(|s| (s, run));
            }
            run_start = None;
            run = 0;
        }
    }
    (run >= MIN_CODE_LINES).then(|| run_start.map(|s| (s, run))).flatten()
}

/// The whole pattern of [`prompt_with_personal_data`], and its personal-field part alone.
fn prompt_regexes() -> &'static (Regex, Regex) {
    const FIELD: &str = concat!(
        r"((?:customer|client|employee|employe|salarie|patient|user|member|candidate|candidat|person|contact)s?",
        r"(?:\.|\[[ \t]*['\x22]|\.get\([ \t]*['\x22]|->|\x22?\]?\[?)",
        r"(?:email|mail|phone|telephone|address|adresse|iban|salary|salaire|birth|date_of_birth|ssn|nir|name|nom|full_name|first_name|last_name|health|medical|diagnos|notes|history|record|profile|data)[A-Za-z_]*)",
    );
    static R: OnceLock<(Regex, Regex)> = OnceLock::new();
    R.get_or_init(|| {
        let build = |p: &str| {
            crate::rules::compile::build_regex(p).unwrap_or_else(|e| panic!("prompt-with-personal-data: {e}"))
        };
        (
            build(&format!(r"(?i)(?:prompt|messages|content|input)[^\n]{{0,160}}?{FIELD}")),
            build(&format!("(?i){FIELD}")),
        )
    })
}

/// A line that puts customer or employee data into a prompt or chat messages: a prompt-ish
/// name (`prompt`, `messages`, `content`) and, on the same line, a personal-data field of a
/// customer/employee object (`customer.email`, `employee["salary"]`, `client.iban`, …).
pub fn prompt_with_personal_data(text: &str) -> Vec<Range<usize>> {
    let (whole, field) = prompt_regexes();
    // A match lies on one line and holds a personal field: only the lines with a field are
    // searched whole (the bounded gap makes the whole pattern slow to run over every line).
    let mut out = Vec::new();
    let mut done = 0;
    for m in field.find_iter(text) {
        if m.start() < done {
            continue;
        }
        let start = text[..m.start()].rfind('\n').map_or(0, |i| i + 1);
        let end = text[m.end()..].find('\n').map_or(text.len(), |i| m.end() + i);
        out.extend(
            whole
                .captures_iter(&text[start..end])
                .filter_map(|c| c.get(1))
                .map(|g| start + g.start()..start + g.end()),
        );
        done = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_fenced_block_of_code() {
        let mut t = String::from("Can you fix this?\n```python\n");
        for i in 0..25 {
            t.push_str(&format!("    total_{i} = compute(row, {i})\n"));
        }
        t.push_str("```\nthanks");
        let (span, n) = pasted_block(&t).unwrap_or_else(|| panic!("no block"));
        assert_eq!(n, 25);
        assert!(t[span].contains("total_0"));
        assert!(pasted_block("def f():\n    return 1\n").is_none(), "small snippets are fine");
        assert!(pasted_block(&"Une phrase ordinaire, sans code.\n".repeat(40)).is_none());
    }

    #[test]
    fn searching_only_the_lines_with_a_field_finds_what_the_whole_search_finds() {
        let lines = [
            "prompt = f\"Write to {customer.email} about {customer.iban}\"",
            "user_name = input()",
            "messages=[{\"role\": \"user\", \"content\": employee[\"salary\"]}] # users.data",
            "content = 'plain'  # customer.email on a line of its own is no prompt",
            "customer.email",
            "INPUT: candidate->history and then patient.get('medical_notes'), PROMPT contact.phone",
            "",
            "input = userdata",
        ];
        let text = lines.join("\n").repeat(3);
        let whole: Vec<_> =
            prompt_regexes().0.captures_iter(&text).filter_map(|c| c.get(1)).map(|g| g.range()).collect();
        assert!(whole.len() >= 15, "{whole:?}");
        assert_eq!(prompt_with_personal_data(&text), whole);
    }

    #[test]
    fn finds_personal_fields_in_prompts() {
        let t = "prompt = f\"Write to {customer.email} about {customer.iban}\"";
        assert_eq!(prompt_with_personal_data(t).len(), 1);
        let t = "messages=[{\"role\": \"user\", \"content\": employee[\"salary\"]}]";
        assert_eq!(prompt_with_personal_data(t).len(), 1);
        assert!(prompt_with_personal_data("prompt = \"Summarise the release notes\"").is_empty());
    }
}
