//! Charter errors as miette diagnostics: one type, [`CharterError`], for every way a charter can
//! be wrong, each pointing into the YAML file it came from (an `extends` target has its own).
//!
//! `Diagnostic` and `Display` are implemented by hand rather than derived: the code is chosen per
//! error at run time (one type, many `charter::…` codes), an error may or may not have a source
//! file (a missing file has none), and it may carry secondary labels and related errors (all the
//! problems of a file are reported at once). A derive would need one enum variant per code with
//! the same five fields repeated, plus `thiserror`, which the crate does not otherwise need.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

use crate::yaml::{Position, YamlError, YamlErrorKind};

/// What kind of charter problem; [`ErrorKind::code`] is the diagnostic code shown to users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    Io,
    Syntax,
    TooComplex,
    UnknownKey,
    WrongType,
    MissingKey,
    DuplicateKey,
    BadValue,
    EmptyValue,
    Version,
    UnknownTool,
    DuplicateTool,
    DuplicateEntry,
    UnknownRule,
    BadRegex,
    BadGlob,
    UnknownDomain,
    UnknownCountry,
    BadSize,
    Extends,
    ExtendsCycle,
    /// Not UTF-8, binary, or not a YAML mapping: nothing of the file is shown.
    NotYaml,
    /// A charter found in the scanned tree reaches outside its repository.
    Untrusted,
}

impl ErrorKind {
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::Io => "charter::io",
            ErrorKind::Syntax => "charter::syntax",
            ErrorKind::TooComplex => "charter::too_complex",
            ErrorKind::UnknownKey => "charter::unknown_key",
            ErrorKind::WrongType => "charter::wrong_type",
            ErrorKind::MissingKey => "charter::missing_key",
            ErrorKind::DuplicateKey => "charter::duplicate_key",
            ErrorKind::BadValue => "charter::bad_value",
            ErrorKind::EmptyValue => "charter::empty_value",
            ErrorKind::Version => "charter::version",
            ErrorKind::UnknownTool => "charter::unknown_tool",
            ErrorKind::DuplicateTool => "charter::duplicate_tool",
            ErrorKind::DuplicateEntry => "charter::duplicate_entry",
            ErrorKind::UnknownRule => "charter::unknown_rule",
            ErrorKind::BadRegex => "charter::bad_regex",
            ErrorKind::BadGlob => "charter::bad_glob",
            ErrorKind::UnknownDomain => "charter::unknown_domain",
            ErrorKind::UnknownCountry => "charter::unknown_country",
            ErrorKind::BadSize => "charter::bad_size",
            ErrorKind::Extends => "charter::extends",
            ErrorKind::ExtendsCycle => "charter::extends_cycle",
            ErrorKind::NotYaml => "charter::not_yaml",
            ErrorKind::Untrusted => "charter::untrusted_extends",
        }
    }
}

/// A charter file's text and the name it is shown under.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    pub name: String,
    pub text: Arc<str>,
}

/// A charter file as a diagnostic shows it: the lines that carry a label, and none around them.
/// A charter may be a file the scanned tree chose (a symlink into a `.env` written by an earlier
/// CI step), so an error shows the line at fault and never more of the file.
#[derive(Debug)]
struct LabelledLines(NamedSource<Arc<str>>);

impl SourceCode for LabelledLines {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        // A read without context is miette locating the label (the `file:line:column` header).
        if context_lines_before == 0 && context_lines_after == 0 {
            return self.0.read_span(span, 0, 0);
        }
        // A snippet: whole lines, as with context, but only those the span covers.
        let text: &str = self.0.inner();
        let start = span.offset().min(text.len());
        let end = (span.offset() + span.len()).clamp(start, text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        self.0.read_span(&(line_start, line_end - line_start).into(), 0, 0)
    }
}

/// A charter error (the first one found; the others of the same file are [`CharterError::related`]).
/// Boxed so that `Result<_, CharterError>` stays one pointer wide.
pub struct CharterError(Box<Inner>);

#[derive(Debug)]
struct Inner {
    kind: ErrorKind,
    message: String,
    source: Option<LabelledLines>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    related: Vec<CharterError>,
}

impl CharterError {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        CharterError(Box::new(Inner {
            kind,
            // A message may quote the charter (a value): key-shaped tokens never show.
            message: crate::mask::mask_key_tokens(&message.into()),
            source: None,
            labels: Vec::new(),
            help: None,
            related: Vec::new(),
        }))
    }

    /// An error in `file`, labelled at `at` (no label when the position is unknown).
    pub(crate) fn at(
        kind: ErrorKind,
        file: &SourceFile,
        at: Option<Position>,
        message: impl Into<String>,
    ) -> Self {
        let mut err = CharterError::new(kind, message);
        // The line shown may hold a key (`token: sk-…`): masked, at the same byte offsets.
        let text: Arc<str> = crate::mask::mask_key_tokens_in_place(&file.text).into();
        err.0.source = Some(LabelledLines(NamedSource::new(&file.name, text).with_language("yaml")));
        err.add_label(at, String::new(), true);
        err
    }

    fn add_label(&mut self, at: Option<Position>, text: String, primary: bool) {
        let Some(at) = at else { return };
        let size = self.0.source.as_ref().map_or(0, |s| s.0.inner().len());
        // miette cannot show a snippet of an empty file; never let a span leave the text either.
        if size == 0 || at.offset > size {
            return;
        }
        let span = (at.offset, at.len.min(size - at.offset));
        let label = (!text.is_empty()).then_some(text);
        self.0.labels.push(if primary {
            LabeledSpan::new_primary_with_span(label, span)
        } else {
            LabeledSpan::new_with_span(label, span)
        });
    }

    /// Sets the text of the primary label.
    pub(crate) fn label(mut self, text: impl Into<String>) -> Self {
        if let Some(first) = self.0.labels.first_mut() {
            first.set_label(Some(text.into()));
        }
        self
    }

    /// Adds a secondary label, e.g. "first listed here".
    pub(crate) fn also(mut self, at: Option<Position>, text: impl Into<String>) -> Self {
        self.add_label(at, text.into(), false);
        self
    }

    pub(crate) fn help(mut self, text: impl Into<String>) -> Self {
        self.0.help = Some(text.into());
        self
    }

    /// The first error with the others attached as related diagnostics; `None` if there are none.
    pub(crate) fn combine(mut errors: Vec<CharterError>) -> Option<CharterError> {
        if errors.is_empty() {
            return None;
        }
        let mut first = errors.remove(0);
        first.0.related.extend(errors);
        Some(first)
    }

    /// Turns a parse error into a located diagnostic, with a suggestion where one can be made.
    pub(crate) fn from_yaml(err: YamlError, file: &SourceFile) -> Self {
        let at = err.position;
        match err.kind {
            YamlErrorKind::UnknownField { field, expected } => {
                let help = match closest(&field, expected.iter().copied()) {
                    Some(best) => {
                        format!("did you mean `{best}`? Valid keys here: {}", backticked(&expected))
                    }
                    None => format!("valid keys here: {}", backticked(&expected)),
                };
                CharterError::at(ErrorKind::UnknownKey, file, at, format!("unknown key `{field}`"))
                    .label("unknown key")
                    .help(help)
            }
            YamlErrorKind::UnknownVariant { variant, expected } => {
                let mut help = format!("use one of {}", backticked(&expected));
                if let Some(best) = closest(&variant, expected.iter().copied()) {
                    help = format!("did you mean `{best}`? {help}");
                }
                CharterError::at(
                    ErrorKind::BadValue,
                    file,
                    at,
                    format!("`{variant}` is not a valid value here"),
                )
                .label("not a valid value")
                .help(help)
            }
            YamlErrorKind::MissingField { field } => {
                CharterError::at(ErrorKind::MissingKey, file, at, format!("missing key `{field}`"))
                    .label(format!("this entry needs `{field}`"))
                    .help(format!("add `{field}: …` to this entry"))
            }
            YamlErrorKind::DuplicateKey { key } => {
                let key = key.unwrap_or_else(|| "this key".into());
                CharterError::at(ErrorKind::DuplicateKey, file, at, format!("`{key}` is given twice"))
                    .label("second occurrence")
                    .help("keep one: merge the two values into the first occurrence")
            }
            YamlErrorKind::WrongType => {
                let place = at.and_then(|p| key_at(&file.text, p));
                let wanted = expected_shape(place.as_ref(), &err.message);
                let message = match &place {
                    Some(place) if place.item => {
                        format!("wrong type for an item of `{}`: {wanted}", place.key)
                    }
                    Some(place) => format!("wrong type for `{}`: {wanted}", place.key),
                    None if at.is_some_and(|p| p.offset == 0) => {
                        "a charter is a mapping of keys, e.g. `version: 1`".to_string()
                    }
                    None => format!("wrong type: {wanted}"),
                };
                let help =
                    place.as_ref().and_then(|p| shape(&p.key)).map_or(
                        "`charterlint init` writes a commented example of every key",
                        |(_, _, help)| help,
                    );
                CharterError::at(ErrorKind::WrongType, file, at, message).label(wanted).help(help)
            }
            YamlErrorKind::TooComplex => {
                CharterError::at(ErrorKind::TooComplex, file, at, err.message.clone())
                    .help("a charter is a small file: remove deep nesting or repeated aliases")
            }
            _ => CharterError::at(ErrorKind::Syntax, file, at, format!("invalid YAML: {}", err.message))
                .label("here")
                .help("check indentation (spaces, not tabs), quotes and brackets around this point"),
        }
    }

    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// One line, without file or position (the diagnostic shows those).
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The name of the file the error points into, when it points into one.
    pub fn file_name(&self) -> Option<&str> {
        self.0.source.as_ref().map(|s| s.0.name())
    }

    /// 1-based line and column (in characters) of the primary label, when there is one.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        let source = self.0.source.as_ref()?;
        let label = self.0.labels.iter().find(|l| l.primary()).or(self.0.labels.first())?;
        let before = source.0.inner().get(..label.offset())?;
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Some((line, column))
    }

    pub fn help_text(&self) -> Option<&str> {
        self.0.help.as_deref()
    }

    /// Further errors found in the same run (this error is the first).
    pub fn related(&self) -> &[CharterError] {
        &self.0.related
    }
}

impl fmt::Debug for CharterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for CharterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for CharterError {}

impl Diagnostic for CharterError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.0.kind.code()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Error)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.0.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (!self.0.labels.is_empty())
            .then(|| Box::new(self.0.labels.iter().cloned()) as Box<dyn Iterator<Item = _>>)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        (!self.0.related.is_empty()).then(|| {
            Box::new(self.0.related.iter().map(|e| e as &dyn Diagnostic)) as Box<dyn Iterator<Item = _>>
        })
    }
}

/// The candidate closest to `word`, if one is close enough to be worth suggesting: a small edit
/// distance for its length (typos, transpositions), or one contains the other (`warn` →
/// `warning`, `copilot` → `github-copilot`). Case is ignored.
pub(crate) fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let word = word.to_lowercase();
    let mut best: Option<(&str, f64)> = None;
    for candidate in candidates {
        let c = candidate.to_lowercase();
        let mut score = strsim::normalized_damerau_levenshtein(&word, &c);
        if word.chars().count() >= 3 && (c.contains(&word) || word.contains(&c)) {
            score = score.max(0.7);
        }
        if score >= 0.6 && best.is_none_or(|(_, s)| score > s) {
            best = Some((candidate, score));
        }
    }
    best.map(|(c, _)| c)
}

fn backticked(items: &[&str]) -> String {
    items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
}

/// Where a wrong-typed value sits: under which key, and whether it is an item of that key's list.
#[derive(Debug, PartialEq, Eq)]
struct Place {
    key: String,
    item: bool,
}

/// The key whose value is at `at`, found in the text (the parser's error has only a position):
/// the key the position itself is on, else the last `key:` before it on its line, else the nearest
/// line above that is indented less (the key of a block list). Only used to word errors.
fn key_at(text: &str, at: Position) -> Option<Place> {
    let lines: Vec<&str> = text.lines().collect();
    let own = *lines.get(at.line.checked_sub(1)?)?;
    let split = own.char_indices().nth(at.column.saturating_sub(1)).map_or(own.len(), |(i, _)| i);
    let (before, from) = own.split_at(split);
    let is_key = |k: &str| !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    // The position is on a key (serde reports some type errors there): that key, not an item.
    if let Some((key, _)) = from.split_once(':')
        && is_key(key)
    {
        return Some(Place { key: key.to_string(), item: false });
    }
    // The last `key:` before the position; a `[` after it means we are inside its flow list.
    let colons = before.match_indices(':').rev();
    for (i, _) in colons {
        let after = &before[i + 1..];
        if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
            continue;
        }
        let head = before[..i].trim_end().trim_end_matches(['"', '\'']);
        let start = head
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .map_or(0, |(j, c)| j + c.len_utf8());
        if is_key(&head[start..]) {
            return Some(Place { key: head[start..].to_string(), item: after.contains('[') });
        }
    }
    // A block list item (`- value`): the key is on a less indented line above.
    let indent = |l: &str| l.len() - l.trim_start().len();
    let item = own.trim_start().starts_with('-');
    let line = lines[..at.line - 1].iter().rev().find(|l| {
        let t = l.trim_start();
        !t.is_empty()
            && !t.starts_with('#')
            && (indent(l) < indent(own) || (item && indent(l) == indent(own) && !t.starts_with('-')))
    })?;
    let (key, _) = line.trim_start().trim_start_matches("- ").split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    is_key(key).then(|| Place { key: key.to_string(), item })
}

/// What was expected, in plain words: from the key when we know it, else from the parser's
/// message ("expected sequence start", "invalid type: …, expected …").
fn expected_shape(place: Option<&Place>, message: &str) -> String {
    if let Some(place) = place
        && let Some((whole, item, _)) = shape(&place.key)
    {
        return if place.item { item } else { whole }.to_string();
    }
    let m = message.to_ascii_lowercase();
    let wanted = m.rsplit_once("expected ").map_or(m.as_str(), |(_, w)| w);
    let words = if wanted.contains("sequence") {
        "expected a list"
    } else if wanted.contains("map") {
        "expected a mapping of keys"
    } else if ["u8", "u16", "u32", "u64", "i64", "integer"].iter().any(|t| wanted.contains(t)) {
        "expected a whole number"
    } else if wanted.contains("bool") {
        "expected true or false"
    } else if wanted.contains("str") {
        "expected a text value"
    } else {
        return format!("expected {wanted}");
    };
    words.to_string()
}

/// For a key: what its value is, what an item of it is (for lists), and how to write it.
fn shape(key: &str) -> Option<(&'static str, &'static str, &'static str)> {
    const TEXT: &str = "expected a text value";
    const LIST: &str = "expected a list";
    const MAP: &str = "expected a mapping of keys";
    Some(match key {
        "version" => (
            "expected the number 1",
            TEXT,
            "write `version: 1`: it is the charter format version, and only 1 exists",
        ),
        "approved" | "tolerated" | "forbidden" => {
            (LIST, TEXT, "write a list of tool ids: `approved: [deepl]`, or one `- id` per line")
        }
        "markers" | "codenames" | "accepted" | "review_markers" | "required_in" | "exclude" | "disable"
        | "domains" | "api_hosts" | "env_vars" | "pypi" | "npm" | "crates" | "go" | "maven" | "nuget"
        | "rubygems" | "packagist" => {
            (LIST, TEXT, "write a list of text values: `key: [a, b]`, or one `- item` per line")
        }
        "severity" => (
            "expected a mapping of rule id to severity",
            TEXT,
            "write a mapping of rule id to error, warning or info: `severity: { SHADOW001: warning }`",
        ),
        "max_file_size" => (
            "expected a size such as 10MB",
            TEXT,
            "write a number of bytes (`10485760`) or a size with a unit (`10MB`)",
        ),
        "strict" => ("expected true or false", TEXT, "write `strict: true` or `strict: false`"),
        "custom" => (LIST, MAP, "write a list of tools, each a mapping with at least `id:`"),
        "patterns" => (LIST, MAP, "write a list of mappings: `- {name: employee-id, regex: 'EMP-[0-9]{6}'}`"),
        "tools" | "data" | "labels" | "oversight" | "rules" | "scan" | "prompt_logs" | "packages"
        | "csv_map" | "network" | "field_map" => {
            (MAP, TEXT, "write a mapping: its keys go on the following lines, indented")
        }
        "organization" | "contact" | "name" | "id" | "regex" | "commit_trailer" | "extends" | "prompt"
        | "response" | "role" | "user" | "tool" | "time" | "conversation" => {
            (TEXT, TEXT, "write a single text value (quote it if it contains `: ` or ` #`)")
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_made_only_when_close() {
        let keys = ["version", "extends", "tools", "data", "labels", "oversight", "rules", "scan"];
        assert_eq!(closest("tolls", keys), Some("tools"));
        assert_eq!(closest("Rules", keys), Some("rules"));
        assert_eq!(closest("verison", keys), Some("version"));
        assert_eq!(closest("warn", ["info", "warning", "error"]), Some("warning"));
        assert_eq!(closest("copilot", ["github-copilot", "chatgpt"]), Some("github-copilot"));
        assert_eq!(closest("LABEL03", ["LABEL001", "LABEL003", "CONF003"]), Some("LABEL003"));
        assert_eq!(closest("zzz", keys), None);
        assert_eq!(closest("organisation_name", keys), None);
    }

    #[test]
    fn key_at_finds_the_key_of_inline_and_list_values() {
        let text = "tools:\n  approved: deepl\ndata:\n  markers:\n    - [x]\n  codenames: [a, [b]]\nscan: {max_file_size: [1]}\n";
        let at = |line, column| key_at(text, Position { line, column, offset: 0, len: 0 });
        let place = |key: &str, item| Some(Place { key: key.into(), item });
        assert_eq!(at(2, 13), place("approved", false));
        assert_eq!(at(5, 7), place("markers", true));
        assert_eq!(at(6, 18), place("codenames", true));
        assert_eq!(at(7, 8), place("max_file_size", false), "a position on a key is that key");
        assert_eq!(at(1, 1), place("tools", false));
        assert_eq!(key_at("- a\n", Position { line: 1, column: 1, offset: 0, len: 0 }), None);
    }

    #[test]
    fn line_column_counts_characters() {
        let file = SourceFile { name: "c.yaml".into(), text: Arc::from("é: 1\nàb: x\n") };
        let err = CharterError::at(
            ErrorKind::BadValue,
            &file,
            Some(Position { line: 2, column: 5, offset: 11, len: 1 }),
            "m",
        );
        assert_eq!(err.line_column(), Some((2, 5)));
        let empty = SourceFile { name: "e.yaml".into(), text: Arc::from("") };
        let err = CharterError::at(
            ErrorKind::Version,
            &empty,
            Some(Position { line: 1, column: 1, offset: 0, len: 0 }),
            "m",
        );
        assert_eq!(err.line_column(), None, "no label into an empty file");
    }
}
