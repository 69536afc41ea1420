//! Chat-tool leftovers in code files. A page whose JSX text or string says "…listed in the
//! proposal:contentReference[oaicite:8]{index=8}." was pasted from ChatGPT whatever the file's
//! language. Code is read more narrowly than prose: only the citation markup that nothing but
//! a chat tool writes (`:contentReference[oaicite:N]`, `[oai_citation:N‡…](…)`, `citeturn`
//! markers inside their private-use delimiters), outside comments and tests, and not in a file
//! that handles the markup itself (a cleaner's regex or its sample strings).

use memchr::memmem;

use crate::detect::placeholder;
use crate::detect::provenance::{self, Evidence, EvidenceKind};
use crate::unit::Unit;

/// Literals one of which every leftover read in code holds.
const GATES: [&str; 3] = [":contentReference[oaicite:", "[oai_citation", "\u{E200}"];

/// Names of the markup: a file that spells one outside a concrete marker handles the markup.
const NAMES: [&str; 4] = ["contentReference", "oaicite", "oai_citation", "citeturn"];

/// The chat-tool leftovers of a code unit, in text order.
pub fn find(unit: &Unit<'_>) -> Vec<Evidence> {
    let text = unit.text;
    if !GATES.iter().any(|g| memmem::find(text.as_bytes(), g.as_bytes()).is_some())
        || is_test_path(unit.rel_path)
    {
        return Vec::new();
    }
    let found: Vec<Evidence> = provenance::artifacts(text, &[])
        .into_iter()
        .filter(|e| match e.kind {
            EvidenceKind::ContentReference | EvidenceKind::OaiCitation => true,
            EvidenceKind::CiteTurn => text[e.span.clone()].starts_with('\u{E200}'),
            _ => false,
        })
        .collect();
    if handles_markup(text, &found) {
        return Vec::new();
    }
    found
        .into_iter()
        .filter(|e| !placeholder::in_comment(unit, e.span.start) && !whole_literal(text, e))
        .collect()
}

/// Whether a name of the markup occurs outside every marker found: in a regex, a `replace`
/// call, a constant or documentation of a tool that cleans chat output.
fn handles_markup(text: &str, found: &[Evidence]) -> bool {
    NAMES.iter().any(|name| {
        memmem::find_iter(text.as_bytes(), name.as_bytes())
            .any(|at| !found.iter().any(|e| e.span.start <= at && at < e.span.end))
    })
}

/// A string literal that is the marker and nothing else (spaces aside) is data about the
/// markup (a sample to strip or to generate), not prose that carries it.
fn whole_literal(text: &str, e: &Evidence) -> bool {
    let quote = |c: Option<char>| c.is_some_and(|c| matches!(c, '"' | '\'' | '`'));
    let before = text[..e.span.start].trim_end_matches([' ', '\t']).chars().next_back();
    let after = text[e.span.end..].trim_start_matches([' ', '\t']).chars().next();
    quote(before) && quote(after)
}

/// Tests hold chat markup as sample input on purpose.
fn is_test_path(path: &str) -> bool {
    let mut parts = path.split('/');
    let name = parts.next_back().unwrap_or(path).to_ascii_lowercase();
    parts.any(|d| matches!(d, "test" | "tests" | "__tests__" | "spec" | "specs" | "fixtures" | "testdata"))
        || name.starts_with("test_")
        || [".test.", ".spec.", "_test.", "_tests.", "_spec."].iter().any(|s| name.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit::{Kinds, UnitKind};

    fn found(path: &str, text: &str) -> Vec<String> {
        let unit = Unit::file(path, path, text, Kinds::default().with(UnitKind::Code));
        find(&unit).iter().map(|e| text[e.span.clone()].to_string()).collect()
    }

    #[test]
    fn leftovers_in_jsx_text_and_strings() {
        let jsx = "export default function Upload() {\n  return (\n    <p>\n      Matches the upload wireframe of the brief:contentReference[oaicite:4]{index=4}.\n    </p>\n  );\n}\n";
        assert_eq!(found("src/pages/Upload.jsx", jsx), [":contentReference[oaicite:4]{index=4}"]);
        let py =
            "HELP = \"Scores follow the rubric of the hiring guide:contentReference[oaicite:2]{index=2}.\"\n";
        assert_eq!(found("app/help.py", py).len(), 1);
        let cite = "const note = 'Rates rose in May \u{E200}cite\u{E202}turn0search3\u{E201}.';\n";
        assert_eq!(found("web/note.ts", cite).len(), 1);
    }

    #[test]
    fn code_about_the_markup_is_not_a_leftover() {
        let cleaner = "const RE = /:contentReference\\[oaicite:\\d+\\]\\{index=\\d+\\}/g;\n// e.g. \"text:contentReference[oaicite:0]{index=0}\"\nexport const clean = (s) => s.replace(RE, '');\n";
        assert!(found("src/clean.js", cleaner).is_empty(), "a cleaner names the markup");
        let sample = "SAMPLE = \":contentReference[oaicite:0]{index=0}\"\n";
        assert!(found("tools/strip.py", sample).is_empty(), "the literal is the marker alone");
        let pieces = "ART = [\"I hope this helps! \",\n       \" :contentReference[oaicite:0]{index=0}\"]\n";
        assert!(found("bench/gen_logs.py", pieces).is_empty(), "a generator's sample piece");
        let commented = "// Intro copied from the spec:contentReference[oaicite:1]{index=1}\nconst x = 1;\n";
        assert!(found("src/a.ts", commented).is_empty(), "comments are not shown to readers");
        let test = "assert strip(\"a:contentReference[oaicite:3]{index=3} b\") == \"a b\"\n";
        assert!(found("tests/test_strip.py", test).is_empty());
        assert!(found("src/strip.test.ts", test).is_empty());
        assert!(found("src/model.rs", "let s = \"as an AI language model\";\n").is_empty());
    }
}
