//! Guards the scan speed: a Unicode word boundary makes the regex crate's lazy DFA give up at
//! the first non-ASCII byte and fall back to an engine ~200× slower, and Unicode `\w`, `\d`,
//! `\s` are almost never what a rule means. The rules pack must spell ASCII semantics out
//! (`(?-u:\b)`, `[0-9]`, `[A-Za-z0-9_]`, `[ \t]`): [`check_ascii_semantics`] refuses anything
//! else. Patterns an organisation writes in its charter are rewritten instead
//! ([`to_ascii_semantics`]): a charter author writing `\bCTR-\d{6}\b` means ASCII, and refusing
//! it would lose a pattern that protects confidential data.
//!
//! Both work from the same walk of the pattern's syntax tree, so they agree on what is Unicode:
//! the `u` flag is followed through groups and `(?-u)`, and escapes inside brackets count.

use std::ops::Range;

use regex_syntax::ast::{
    self, AssertionKind, Ast, ClassPerlKind, ClassSet, ClassSetItem, Flag, FlagsItemKind, GroupKind,
};

/// A place where a pattern uses Unicode word semantics.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Spot {
    /// Byte range of the escape in the pattern.
    span: Range<usize>,
    column: usize,
    what: What,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum What {
    /// `\b`, `\B`, `\b{start}`, `\<` …
    Boundary,
    /// `\d`, `\w`, `\s` or a negation, outside or inside brackets.
    Perl { kind: ClassPerlKind, negated: bool },
}

/// A pattern that does not parse: why, and the bytes of the pattern at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub reason: String,
    pub span: Range<usize>,
}

/// Rejects a pattern that uses `\b`, `\B`, `\w`, `\d`, `\s` (or their negations) with Unicode
/// enabled, and says how to write it.
pub fn check_ascii_semantics(pattern: &str) -> Result<(), String> {
    let ast = ast::parse::Parser::new().parse(pattern).map_err(|e| e.to_string())?;
    let mut spots = Vec::new();
    walk(&ast, &mut true, &mut spots);
    match spots.first() {
        None => Ok(()),
        Some(Spot { column, what: What::Boundary, .. }) => Err(format!(
            "Unicode word boundary at column {column}: write (?-u:\\b) (a Unicode \\b makes scans ~200x slower)"
        )),
        Some(Spot { column, .. }) => Err(format!(
            "Unicode class \\w, \\d or \\s at column {column}: write [A-Za-z0-9_], [0-9] or [ \\t\\r\\n] (or wrap in (?-u:...))"
        )),
    }
}

/// `pattern` with every Unicode `\b`-like assertion wrapped in `(?-u:…)` and every Unicode `\d`,
/// `\w`, `\s` (and negations) replaced by its ASCII class, also inside brackets (as a nested
/// class: `[\w.-]` becomes `[[0-9A-Za-z_].-]`). The rest of the pattern is kept byte for byte.
/// A syntax error is returned as the parser words it, with its span in `pattern`.
pub fn to_ascii_semantics(pattern: &str) -> Result<String, SyntaxError> {
    let ast = ast::parse::Parser::new().parse(pattern).map_err(|e| SyntaxError {
        reason: e.kind().to_string(),
        span: e.span().start.offset..e.span().end.offset,
    })?;
    let mut spots = Vec::new();
    walk(&ast, &mut true, &mut spots);
    spots.sort_by_key(|s| s.span.start);
    let mut out = String::with_capacity(pattern.len() + 16 * spots.len());
    let mut at = 0;
    for spot in &spots {
        // Spans come from the parser over `pattern` and never overlap; a slice that fails would
        // be a parser bug, and then the original text is kept (it stays correct, only slower).
        let (Some(before), Some(escape)) = (pattern.get(at..spot.span.start), pattern.get(spot.span.clone()))
        else {
            continue;
        };
        out.push_str(before);
        match &spot.what {
            What::Boundary => {
                out.push_str("(?-u:");
                out.push_str(escape);
                out.push(')');
            }
            What::Perl { kind, negated } => {
                out.push_str(if *negated { "[^" } else { "[" });
                out.push_str(match kind {
                    ClassPerlKind::Digit => "0-9",
                    ClassPerlKind::Word => "0-9A-Za-z_",
                    // Escapes rather than a literal space, which `(?x)` would ignore.
                    ClassPerlKind::Space => r"\t\n\x0B\x0C\r\x20",
                });
                out.push(']');
            }
        }
        at = spot.span.end;
    }
    out.push_str(pattern.get(at..).unwrap_or(""));
    Ok(out)
}

fn apply_flags(items: &[ast::FlagsItem], unicode: &mut bool) {
    let mut negated = false;
    for item in items {
        match item.kind {
            FlagsItemKind::Negation => negated = true,
            FlagsItemKind::Flag(Flag::Unicode) => *unicode = !negated,
            FlagsItemKind::Flag(_) => {}
        }
    }
}

fn spot(span: &ast::Span, what: What) -> Spot {
    Spot { span: span.start.offset..span.end.offset, column: span.start.column, what }
}

fn walk(ast: &Ast, unicode: &mut bool, out: &mut Vec<Spot>) {
    match ast {
        Ast::Flags(f) => apply_flags(&f.flags.items, unicode),
        Ast::Assertion(a) if *unicode => {
            let word = !matches!(
                a.kind,
                AssertionKind::StartLine
                    | AssertionKind::EndLine
                    | AssertionKind::StartText
                    | AssertionKind::EndText
            );
            if word {
                out.push(spot(&a.span, What::Boundary));
            }
        }
        Ast::ClassPerl(c) if *unicode => {
            out.push(spot(&c.span, What::Perl { kind: c.kind.clone(), negated: c.negated }));
        }
        Ast::ClassBracketed(c) if *unicode => class_set(&c.kind, out),
        Ast::Repetition(r) => walk(&r.ast, unicode, out),
        Ast::Group(g) => {
            let mut inner = *unicode;
            if let GroupKind::NonCapturing(flags) = &g.kind {
                apply_flags(&flags.items, &mut inner);
            }
            walk(&g.ast, &mut inner, out);
        }
        // Each branch starts from the flags in force before the alternation: a `(?-u)` in one
        // branch is not trusted to cover the next, so at worst an ASCII escape is rewritten to
        // itself.
        Ast::Alternation(a) => {
            for x in &a.asts {
                walk(x, &mut unicode.clone(), out);
            }
        }
        Ast::Concat(c) => {
            for x in &c.asts {
                walk(x, unicode, out);
            }
        }
        _ => {}
    }
}

fn class_set(set: &ClassSet, out: &mut Vec<Spot>) {
    match set {
        ClassSet::Item(item) => class_item(item, out),
        ClassSet::BinaryOp(op) => {
            class_set(&op.lhs, out);
            class_set(&op.rhs, out);
        }
    }
}

fn class_item(item: &ClassSetItem, out: &mut Vec<Spot>) {
    match item {
        ClassSetItem::Perl(c) => {
            out.push(spot(&c.span, What::Perl { kind: c.kind.clone(), negated: c.negated }))
        }
        ClassSetItem::Bracketed(b) => class_set(&b.kind, out),
        ClassSetItem::Union(u) => u.items.iter().for_each(|i| class_item(i, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{check_ascii_semantics as check, to_ascii_semantics as ascii};

    #[test]
    fn rejects_unicode_word_semantics() {
        assert!(check(r"\bsk-[a-z]+\b").is_err());
        assert!(check(r"(?i)ignore\s+previous").is_err());
        assert!(check(r"[\w.-]+").is_err());
        assert!(check(r"\d{4}").is_err());
        assert!(check(r"(?:a|\B)").is_err());
    }

    #[test]
    fn accepts_ascii_spellings() {
        assert!(check(r"(?-u:\b)sk-[a-z]+(?-u:\b)").is_ok());
        assert!(check(r"(?i)ignore[ \t]+previous").is_ok());
        assert!(check(r"(?-u)\bword\s\d\b").is_ok());
        assert!(check(r"(?-u:[\w.-]+)").is_ok());
        assert!(check(r"^start$").is_ok());
        assert!(check(r"(?-u:\b)(?i:précédentes)").is_ok());
    }

    #[test]
    fn rewrites_to_ascii_and_keeps_the_rest() {
        let ok = |p: &str| ascii(p).unwrap_or_else(|e| panic!("{p}: {e:?}"));
        assert_eq!(ok(r"\bCTR-\d{6}\b"), r"(?-u:\b)CTR-[0-9]{6}(?-u:\b)");
        assert_eq!(ok(r"[\w.-]+@é"), r"[[0-9A-Za-z_].-]+@é");
        assert_eq!(ok(r"[^\D]\W"), r"[^[^0-9]][^0-9A-Za-z_]");
        assert_eq!(ok(r"a\s+b"), r"a[\t\n\x0B\x0C\r\x20]+b");
        assert_eq!(ok(r"\b{start}x\>"), r"(?-u:\b{start})x(?-u:\>)");
        // Already ASCII: untouched, whether by flag or by spelling.
        for p in [r"(?-u)\bword\s\d\b", r"(?-u:\b)[0-9]{4}", r"^\p{L}+$", r"x(?-u:[\w])"] {
            assert_eq!(ok(p), p);
        }
        for p in [r"\bCTR-\d{6}\b", r"[\w.-]+", r"(?x) \s \d ", r"(?i)\W+|\S"] {
            let rewritten = ok(p);
            assert!(check(&rewritten).is_ok(), "{p} → {rewritten} still has Unicode semantics");
            assert!(regex::Regex::new(&rewritten).is_ok(), "{p} → {rewritten} does not compile");
        }
        let err = ascii(r"CTR-(\d{6}").err().unwrap_or_else(|| panic!("an unclosed group parses"));
        assert_eq!((err.reason.as_str(), err.span.start), ("unclosed group", 4));
    }

    #[test]
    fn rewritten_classes_match_ascii_only() {
        let re = |p: &str| regex::Regex::new(&ascii(p).unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));
        assert!(re(r"^\d+$").is_match("0123456789"));
        assert!(!re(r"^\d+$").is_match("٣")); // Arabic-Indic digit: Unicode \d only
        assert!(re(r"^\w+$").is_match("Az_9") && !re(r"^\w+$").is_match("é"));
        assert!(re(r"^\s+$").is_match(" \t\r\n\x0B\x0C") && !re(r"^\s$").is_match("\u{a0}"));
        assert!(re(r"(?x) a \s b ").is_match("a b"), "the space class survives verbose mode");
        assert!(re(r"\bCTR\b").is_match("ref CTR-1") && !re(r"\bCTR\b").is_match("xCTR"));
        assert!(re(r"^\D\W\S$").is_match("é-x"));
    }
}
