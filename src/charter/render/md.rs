//! The charter as Markdown (CommonMark): what a wiki, a repository or a pandoc run takes.

use super::{Block, Doc, Line, Span};

/// Escapes what CommonMark would read as markup in text that came from the charter file.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A code span that holds any text: the fence is one backtick more than the longest run inside.
fn code(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{s}{pad}{fence}")
}

fn line(spans: &Line) -> String {
    spans
        .iter()
        .map(|span| match span {
            Span::Text(t) => escape(t),
            Span::Code(c) => code(c),
            Span::Strong(t) => format!("**{}**", escape(t)),
            Span::Em(t) => format!("*{}*", escape(t)),
        })
        .collect()
}

pub(super) fn write(doc: &Doc) -> String {
    let mut out = format!("# {}\n\n", escape(&doc.title));
    for l in &doc.lead {
        out.push_str(&line(l));
        out.push_str("\n\n");
    }
    for (i, section) in doc.sections.iter().enumerate() {
        out.push_str(&format!("## {}. {}\n\n", i + 1, escape(&section.title)));
        for block in &section.blocks {
            match block {
                Block::Heading(h) => out.push_str(&format!("### {}\n\n", escape(h))),
                Block::Para(l) => {
                    out.push_str(&line(l));
                    out.push_str("\n\n");
                }
                Block::List(items) => {
                    for item in items {
                        out.push_str(&format!("- {}\n", line(item)));
                    }
                    out.push('\n');
                }
            }
        }
    }
    out.push_str("---\n\n");
    out.push_str(&line(&doc.footer));
    out.push('\n');
    out
}
