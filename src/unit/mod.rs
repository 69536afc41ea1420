//! A unit: one span of text to check, with what it is and where it came from. Inputs make
//! units; the engine checks them; neither knows the other.

mod anchor;
mod kind;

use std::fmt;
use std::ops::Range;

use crate::finding::Position;

pub use anchor::{Anchor, chars};
pub use kind::{Kinds, UnitKind, classify};

/// One span of text to check, with what it is and where it came from.
#[derive(Debug, Clone, Copy)]
pub struct Unit<'a> {
    /// Path as shown to the user.
    pub path: &'a str,
    /// `/`-separated path relative to the scan root, for globs.
    pub rel_path: &'a str,
    pub text: &'a str,
    pub kinds: Kinds,
    /// Which log record, page or paragraph the text is, when it is one.
    pub record: Record<'a>,
    /// The AI service (catalogue index) that received this text, for prompts in logs.
    pub tool: Option<usize>,
    /// Where `text` lies in its file.
    pub place: Place<'a>,
    /// The person who wrote or sent the text, for prompt logs and audit records.
    pub user: Option<&'a str>,
    /// Typed facts of a structured record (an audit record's labelled resources), each with the
    /// span of `text` that states it.
    pub facts: &'a [Fact],
}

impl<'a> Unit<'a> {
    /// A whole file.
    pub fn file(path: &'a str, rel_path: &'a str, text: &'a str, kinds: Kinds) -> Unit<'a> {
        Unit {
            path,
            rel_path,
            text,
            kinds,
            record: Record::None,
            tool: None,
            place: Place::File,
            user: None,
            facts: &[],
        }
    }
}

/// Which record of a file a unit is, for `record` in findings.
#[derive(Clone, Copy, Default)]
pub enum Record<'a> {
    #[default]
    None,
    Text(&'a str),
    /// Built only when the unit has findings: most log messages have none.
    Lazy(&'a (dyn Fn() -> String + Sync)),
    /// One record per line of the unit's text (the part of a document a line comes from).
    PerLine(&'a [String]),
}

impl Record<'_> {
    /// The record of a finding that starts on `line` (1-based) of the unit.
    pub fn at_line(&self, line: usize) -> Option<String> {
        match self {
            Record::None => None,
            Record::Text(t) => Some((*t).to_string()),
            Record::Lazy(f) => Some(f()),
            Record::PerLine(lines) => lines.get(line.saturating_sub(1)).cloned(),
        }
    }
}

impl fmt::Debug for Record<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Record::None => f.write_str("None"),
            Record::Text(t) => f.debug_tuple("Text").field(t).finish(),
            Record::Lazy(_) => f.write_str("Lazy"),
            Record::PerLine(l) => f.debug_tuple("PerLine").field(&l.len()).finish(),
        }
    }
}

/// Where a unit's text lies in its file, so that findings point at the file.
#[derive(Debug, Clone, Copy, Default)]
pub enum Place<'a> {
    /// The text is the whole file.
    #[default]
    File,
    /// The text starts at this position of the file.
    At(Position),
    /// The text was decoded from a JSON string inside these raw bytes of the file.
    Json(Anchor<'a>),
    /// The text describes a record that starts here: findings point at the record and carry no
    /// excerpt (the text was written by the input, not read from the file).
    Record(Position),
}

impl Place<'_> {
    /// Moves positions inside the unit's `text` to the file's coordinates; what they share (the
    /// JSON literal `text` was decoded from) is searched once.
    pub fn placer<'s>(&'s self, text: &'s str) -> impl Fn(Position) -> Position + 's {
        let json = match self {
            Place::Json(a) => Some(a.placer(text)),
            _ => None,
        };
        move |p| match *self {
            Place::File => p,
            Place::At(o) if p.line == 1 => Position { line: o.line, column: o.column + p.column - 1 },
            Place::At(o) => Position { line: o.line + p.line - 1, column: p.column },
            Place::Json(a) => json.as_ref().map_or(a.start, |j| j(p)),
            Place::Record(o) => o,
        }
    }
}

/// A typed fact of a structured record, with the span of the unit's text that states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub kind: FactKind,
    pub span: Range<usize>,
}

/// What a structured record says, as rules can match it without reading the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FactKind {
    /// An AI assistant read a resource that carries a sensitivity label.
    LabelledResource,
    /// An AI assistant's own classifier found a cross-prompt injection in a resource it read.
    InjectionDetected,
    /// Network logs show a person reaching the unit's AI service (`tool`), at least once let
    /// through.
    NetworkUse,
    /// Network logs show only refused attempts to reach the unit's AI service.
    NetworkAttempt,
    /// One request to the unit's AI service sent more than the upload threshold: a pasted
    /// document or an uploaded file.
    NetworkUpload,
}
