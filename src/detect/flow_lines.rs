//! Lines of code as the HITL001 flow summary reads them: comments and string contents blanked,
//! assignments split into targets and value, a call's arguments split at their commas, and the
//! call a keyword argument sits in.

use super::flow::{Dep, Deps, MAX_DEPS};
use super::scope::Lang;

/// `a, b = …`, `let x: T = …`, `cand.score = …`, `x := …`: the targets and the right side.
pub(super) fn assignment(code: &str) -> Option<(Vec<&str>, &str)> {
    let bytes = code.as_bytes();
    let mut depth = 0i32;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' | b'{' => depth += 1,
            b')' | b'}' => depth -= 1,
            b'=' if depth == 0 => {
                let prev = if i > 0 { bytes[i - 1] } else { b' ' };
                let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                if next == b'=' || next == b'>' || matches!(prev, b'=' | b'!' | b'<' | b'>') {
                    return None;
                }
                let lhs = code[..i].trim_end_matches([':', '+', '-', '*', '/', '|', '&', '?']);
                let targets: Vec<&str> = lhs
                    .split(',')
                    .filter_map(|t| {
                        let t = t.split(':').next()?.trim();
                        let t = t.rsplit([' ', '\t', '*', '&']).next()?.trim_start_matches(['$', '@']);
                        let ok = !t.is_empty()
                            && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
                            && !t.starts_with(|c: char| c.is_ascii_digit());
                        ok.then_some(t)
                    })
                    .collect();
                let keyword = lhs.split_whitespace().next().unwrap_or_default();
                if targets.is_empty() || matches!(keyword, "if" | "while" | "elif" | "for" | "return") {
                    return None;
                }
                return Some((targets, &code[i + 1..]));
            }
            _ => {}
        }
    }
    None
}

pub(super) fn idents(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
        .filter(|w| !w.is_empty() && !matches!(*w, "const" | "let" | "var" | "mut" | "_"))
}

/// The line with string contents blanked and the comment cut, so only code remains.
pub(super) fn code_of(line: &str, lang: Lang) -> String {
    let hash = matches!(lang, Lang::Python | Lang::Ruby);
    let mut out = String::with_capacity(line.len());
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for c in line.chars() {
        match quote {
            Some(q) if c == q && prev != '\\' => {
                quote = None;
                out.push(c);
            }
            Some(_) => out.push(' '),
            None => {
                if (hash && c == '#') || (!hash && c == '/' && prev == '/') {
                    if !hash {
                        out.pop();
                    }
                    break;
                }
                if matches!(c, '"' | '\'' | '`') {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
        prev = c;
    }
    out
}

pub(super) fn line_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for l in text.split('\n') {
        out.push((start, l.strip_suffix('\r').unwrap_or(l)));
        start += l.len() + 1;
    }
    out
}

pub(super) fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Most lines and bytes a call's arguments are looked for in, and most arguments kept: a
/// call is read in a bounded time whatever the file (one minified line holds them all).
const MAX_ARG_LINES: usize = 24;
const MAX_ARG_BYTES: usize = 1024;
const MAX_ARGS: usize = 16;

/// Where an argument goes: a position, a keyword, or nowhere known (after `*args`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    At(usize),
    Named(String),
}

/// The arguments of the call whose `(` is at byte `open` of line `i`, with their slots: the
/// text up to the matching `)`, on the following lines too, split at its top-level commas.
/// `None` when the call does not close within a few lines.
pub(super) fn call_args(codes: &[String], i: usize, open: usize) -> Option<Vec<(Slot, String)>> {
    let mut out = Vec::new();
    let (mut depth, mut arg, mut at, mut known) = (0usize, String::new(), 0usize, true);
    let mut budget = MAX_ARG_BYTES;
    let mut push = |arg: &mut String, out: &mut Vec<(Slot, String)>| {
        let a = std::mem::take(arg);
        let t = a.trim();
        if t.is_empty() || out.len() >= MAX_ARGS {
            return;
        }
        if t.starts_with('*') {
            known = false;
        } else if let Some((k, v)) = keyword(t) {
            out.push((Slot::Named(k.to_string()), v.to_string()));
        } else if known {
            out.push((Slot::At(at), t.to_string()));
            at += 1;
        }
    };
    for (n, line) in codes.iter().enumerate().skip(i).take(MAX_ARG_LINES) {
        let line = if n == i { line.get(open + 1..)? } else { line.as_str() };
        for c in line.chars() {
            budget = budget.checked_sub(c.len_utf8())?;
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth == 0 => {
                    push(&mut arg, &mut out);
                    return Some(out);
                }
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    push(&mut arg, &mut out);
                    continue;
                }
                _ => {}
            }
            arg.push(c);
        }
        arg.push(' ');
    }
    None
}

/// `name=value` with `name` an identifier and `=` not a comparison.
fn keyword(arg: &str) -> Option<(&str, &str)> {
    let (k, v) = arg.split_once('=')?;
    let k = k.trim();
    let ok = !k.is_empty()
        && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !k.starts_with(|c: char| c.is_ascii_digit())
        && !v.starts_with('=');
    ok.then_some((k, v))
}

/// The name of the call an argument at byte `at` of line `i` sits in (`models.Candidate` for
/// `shortlisted=…` on a line of its own inside `models.Candidate(`), looking back a few lines;
/// `None` outside any call, or in a function's own parameters (`def f(shortlisted=False)`).
pub(super) fn enclosing_call(codes: &[String], i: usize, at: usize) -> Option<&str> {
    let (mut depth, mut budget) = (0usize, MAX_ARG_BYTES);
    for n in (i.saturating_sub(MAX_ARG_LINES)..=i).rev() {
        let line = &codes[n];
        let end = if n == i { at.min(line.len()) } else { line.len() };
        let head = line.get(..end)?;
        for (k, c) in head.char_indices().rev() {
            budget = budget.checked_sub(c.len_utf8())?;
            match c {
                ')' | ']' | '}' => depth += 1,
                '(' if depth == 0 => {
                    let before = head[..k].trim_end();
                    let start = before
                        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                        .map_or(0, |s| s + 1);
                    let name = &before[start..];
                    let word = before[..start].split_whitespace().next_back().unwrap_or_default();
                    let defines = matches!(word, "def" | "function" | "fn" | "func");
                    return (!name.is_empty() && !defines).then_some(name);
                }
                '[' | '{' if depth == 0 => return None,
                '(' | '[' | '{' => depth -= 1,
                _ => {}
            }
        }
    }
    None
}

/// Names that pass a value on to the language or its containers, not to a function of the
/// repository: keywords before a parenthesis, builtins, container, string and logging methods.
/// Their arguments are not kept (they are most of a file's calls); a function of the same name
/// imported from a module of the repository still is.
pub(super) fn is_plumbing(name: &str) -> bool {
    matches!(
        name,
        "if" | "elif"
            | "while"
            | "for"
            | "return"
            | "yield"
            | "await"
            | "not"
            | "and"
            | "or"
            | "in"
            | "is"
            | "assert"
            | "with"
            | "match"
            | "switch"
            | "catch"
            | "typeof"
            | "print"
            | "len"
            | "isinstance"
            | "issubclass"
            | "getattr"
            | "setattr"
            | "hasattr"
            | "int"
            | "str"
            | "float"
            | "bool"
            | "list"
            | "dict"
            | "set"
            | "tuple"
            | "bytes"
            | "type"
            | "range"
            | "enumerate"
            | "zip"
            | "map"
            | "filter"
            | "sorted"
            | "reversed"
            | "min"
            | "max"
            | "sum"
            | "abs"
            | "any"
            | "all"
            | "repr"
            | "iter"
            | "next"
            | "open"
            | "super"
            | "round"
            | "cast"
            | "append"
            | "extend"
            | "insert"
            | "pop"
            | "remove"
            | "push"
            | "join"
            | "split"
            | "strip"
            | "replace"
            | "startswith"
            | "endswith"
            | "format"
            | "encode"
            | "decode"
            | "write"
            | "read"
            | "seek"
            | "close"
            | "items"
            | "keys"
            | "values"
            | "copy"
            | "debug"
            | "info"
            | "warning"
            | "warn"
            | "error"
            | "exception"
            | "log"
            | "forEach"
            | "includes"
            | "indexOf"
            | "toString"
            | "then"
            | "require"
    )
}

/// Where the argument starting at `at` ends: its top-level `,` or `)`, or the line's end.
pub(super) fn argument_end(raw: &str, at: usize) -> usize {
    let mut depth = 0usize;
    for (k, c) in raw.get(at..).unwrap_or_default().char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ',' | ')' | ']' | '}' if depth == 0 => return at + raw[at..at + k].trim_end().len(),
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    at + raw.get(at..).unwrap_or_default().trim_end().len()
}

/// Adds to a dependency set, up to its bound.
pub(super) fn extend(into: &mut Deps, from: impl IntoIterator<Item = Dep>) {
    for d in from {
        if into.len() >= MAX_DEPS {
            return;
        }
        into.insert(d);
    }
}
