//! Guards the scan speed: a Unicode word boundary makes the regex crate's lazy DFA give up at
//! the first non-ASCII byte and fall back to an engine ~200× slower, and Unicode `\w`, `\d`,
//! `\s` are almost never what a rule means. Patterns must spell ASCII semantics out:
//! `(?-u:\b)`, `[0-9]`, `[A-Za-z0-9_]`, `[ \t]`.

use regex_syntax::ast::{self, AssertionKind, Ast, ClassSet, ClassSetItem, Flag, FlagsItemKind, GroupKind};

/// Rejects a pattern that uses `\b`, `\B`, `\w`, `\d`, `\s` (or their negations) with Unicode
/// enabled, and says how to write it.
pub fn check_ascii_semantics(pattern: &str) -> Result<(), String> {
    let ast = ast::parse::Parser::new().parse(pattern).map_err(|e| e.to_string())?;
    walk(&ast, &mut true)
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

fn walk(ast: &Ast, unicode: &mut bool) -> Result<(), String> {
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
                return Err(format!(
                    "Unicode word boundary at column {}: write (?-u:\\b) (a Unicode \\b makes scans ~200x slower)",
                    a.span.start.column
                ));
            }
        }
        Ast::ClassPerl(c) if *unicode => return Err(perl_error(c.span.start.column)),
        Ast::ClassBracketed(c) if *unicode => class_set(&c.kind)?,
        Ast::Repetition(r) => walk(&r.ast, unicode)?,
        Ast::Group(g) => {
            let mut inner = *unicode;
            if let GroupKind::NonCapturing(flags) = &g.kind {
                apply_flags(&flags.items, &mut inner);
            }
            walk(&g.ast, &mut inner)?;
        }
        Ast::Alternation(a) => {
            for x in &a.asts {
                walk(x, &mut unicode.clone())?;
            }
        }
        Ast::Concat(c) => {
            for x in &c.asts {
                walk(x, unicode)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn class_set(set: &ClassSet) -> Result<(), String> {
    match set {
        ClassSet::Item(item) => class_item(item),
        ClassSet::BinaryOp(op) => {
            class_set(&op.lhs)?;
            class_set(&op.rhs)
        }
    }
}

fn class_item(item: &ClassSetItem) -> Result<(), String> {
    match item {
        ClassSetItem::Perl(c) => Err(perl_error(c.span.start.column)),
        ClassSetItem::Bracketed(b) => class_set(&b.kind),
        ClassSetItem::Union(u) => u.items.iter().try_for_each(class_item),
        _ => Ok(()),
    }
}

fn perl_error(column: usize) -> String {
    format!(
        "Unicode class \\w, \\d or \\s at column {column}: write [A-Za-z0-9_], [0-9] or [ \\t\\r\\n] (or wrap in (?-u:...))"
    )
}

#[cfg(test)]
mod tests {
    use super::check_ascii_semantics as check;

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
}
