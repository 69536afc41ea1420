//! YAML for the whole crate: the one module that names the YAML library (serde-saphyr).
//!
//! Everything else (charter, rules pack, catalogue) goes through [`from_str`], [`Spanned`] and
//! [`to_string`], so swapping the library, or its options, is a change to this file only. The types
//! here carry positions as byte ranges plus 1-based line/column, which is what miette labels and
//! human messages need, and nothing of the library's own types leaks out.

use std::fmt;
use std::ops::Deref;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_saphyr::MessageFormatter as _;

/// A place in YAML text: 1-based line and column (columns count characters) and a byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    /// Byte offset of the start in the text the value was parsed from.
    pub offset: usize,
    /// Length in bytes (0 for a point, e.g. the end of the input).
    pub len: usize,
}

impl Position {
    /// Converts the library's location. Byte offsets come from the parser when it knows them;
    /// otherwise (only seen on some syntax errors) they are recomputed from line/column in `text`.
    fn from_location(loc: serde_saphyr::Location, text: Option<&str>) -> Option<Position> {
        let (line, column) = (usize::try_from(loc.line()).ok()?, usize::try_from(loc.column()).ok()?);
        if line == 0 {
            return None; // the library's "unknown location"
        }
        let span = loc.span();
        let (offset, len) = match (span.byte_offset(), span.byte_len()) {
            (Some(offset), Some(len)) => (usize::try_from(offset).ok()?, usize::try_from(len).ok()?),
            _ => {
                let text = text?;
                let start = byte_offset_of(text, line, column)?;
                let chars = usize::try_from(span.len()).unwrap_or(0);
                let len = text[start..].chars().take(chars).map(char::len_utf8).sum();
                (start, len)
            }
        };
        Some(Position { line, column, offset, len })
    }
}

/// Byte offset of (1-based line, 1-based character column) in `text`, clamped to the line's end.
fn byte_offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let mut start = 0;
    for _ in 1..line {
        start += text.get(start..)?.find('\n')? + 1;
    }
    let rest = text.get(start..)?;
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let within: usize = rest[..line_end].chars().take(column.saturating_sub(1)).map(char::len_utf8).sum();
    Some(start + within)
}

/// A deserialized value with the position of the YAML node it came from.
///
/// Positions are metadata: they are `None` for values built in code, and serializing a
/// `Spanned<T>` writes the bare `T`. It derefs to `T`, so `spanned.len()` or `&*spanned` work.
#[derive(Debug, Clone, Default)]
pub struct Spanned<T> {
    pub value: T,
    pub position: Option<Position>,
}

impl<T> Spanned<T> {
    /// A value without a position (built in code, not read from YAML).
    pub fn new(value: T) -> Self {
        Spanned { value, position: None }
    }

    pub fn into_inner(self) -> T {
        self.value
    }
}

impl Spanned<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

impl<T> Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The library's own wrapper asks its deserializer for the node's location; we keep the
        // "referenced" one, i.e. where the value is used (an alias, not its anchor).
        let inner = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let position = Position::from_location(inner.referenced, None);
        Ok(Spanned { value: inner.value, position })
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// What went wrong, structured where serde gives structure, so callers can suggest fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum YamlErrorKind {
    /// Not well-formed YAML (or several documents where one was expected).
    Syntax,
    /// A mapping key the target struct does not have (`deny_unknown_fields`).
    UnknownField {
        field: String,
        expected: Vec<&'static str>,
    },
    /// A value outside an enum's variants.
    UnknownVariant {
        variant: String,
        expected: Vec<&'static str>,
    },
    MissingField {
        field: String,
    },
    /// Well-formed YAML of the wrong shape: a scalar where a list is expected, text for a number.
    WrongType,
    DuplicateKey {
        key: Option<String>,
    },
    /// The input exceeded the parser's budget (alias bombs, absurd nesting).
    TooComplex,
}

/// A YAML error with its position when the parser knows it.
#[derive(Debug, Clone)]
pub struct YamlError {
    pub kind: YamlErrorKind,
    /// One line, no position in it (see [`YamlError::position`]).
    pub message: String,
    pub position: Option<Position>,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(p) = self.position {
            write!(f, " at line {}, column {}", p.line, p.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for YamlError {}

/// Parses one YAML document into `T`. Duplicate keys are errors, and the library's default
/// budget bounds alias expansion and nesting, so hostile input fails instead of exhausting memory.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let mut options = serde_saphyr::Options::default();
    options.with_snippet = false; // we render snippets ourselves (miette); don't pay for them
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    serde_saphyr::from_str_with_options(text, options).map_err(|e| convert_error(&e, text))
}

/// Parses an embedded file: from the JSON the build converted it to when that reads (a tenth of
/// the YAML parse, which start-up pays for every file of the rules pack and the catalogue),
/// from the YAML otherwise, so a file that is wrong reports its error, with its line, as any
/// YAML does.
pub fn from_embedded<T: DeserializeOwned>(yaml: &str, json: &str) -> Result<T, YamlError> {
    serde_json::from_str(json).or_else(|_| from_str(yaml))
}

fn convert_error(err: &serde_saphyr::Error, text: &str) -> YamlError {
    use serde_saphyr::Error as E;
    let err = err.without_snippet();
    // An error met while replaying an alias is wrapped; classify (and word) the original one,
    // but keep the outer position: the place in the text the user wrote.
    let mut original = err;
    while let E::AliasError { error, .. } | E::WithSnippet { error, .. } = original {
        original = error;
    }
    let kind = match original {
        E::SerdeUnknownField { field, expected, .. } => {
            YamlErrorKind::UnknownField { field: field.clone(), expected: expected.clone() }
        }
        E::SerdeUnknownVariant { variant, expected, .. } => {
            YamlErrorKind::UnknownVariant { variant: variant.clone(), expected: expected.clone() }
        }
        E::SerdeMissingField { field, .. } => YamlErrorKind::MissingField { field: (*field).to_string() },
        E::DuplicateMappingKey { key, .. } => YamlErrorKind::DuplicateKey { key: key.clone() },
        E::Budget { .. } => YamlErrorKind::TooComplex,
        E::SerdeInvalidType { .. }
        | E::SerdeInvalidValue { .. }
        | E::SerdeInvalidLength { .. }
        | E::InvalidScalar { .. }
        | E::Unexpected { .. }
        | E::NullIntoString { .. }
        | E::InvalidBooleanStrict { .. }
        | E::UnexpectedValueForUnit { .. } => YamlErrorKind::WrongType,
        _ => YamlErrorKind::Syntax,
    };
    // The "user" formatter words messages for people editing the file rather than for the
    // developer calling the library; the text can quote input, so control characters are escaped.
    let message = serde_saphyr::UserMessageFormatter
        .format_message(original)
        .chars()
        .flat_map(|c| if c.is_control() { c.escape_default().collect::<Vec<_>>() } else { vec![c] })
        .collect();
    let position = err.location().and_then(|loc| Position::from_location(loc, Some(text)));
    YamlError { kind, message, position }
}

/// Serializes `value` as a YAML document. Our types always serialize; should one not, the result
/// is a YAML comment saying why, rather than a panic in a reporting path.
pub fn to_string<T: Serialize>(value: &T) -> String {
    serde_saphyr::to_string(value).unwrap_or_else(|e| format!("# cannot be written as YAML: {e}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, Serialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        name: Spanned<String>,
        #[serde(default)]
        items: Vec<Spanned<u32>>,
    }

    #[test]
    fn an_embedded_file_reads_from_its_json_and_reports_errors_from_its_yaml() {
        #[derive(Debug, Deserialize, PartialEq)]
        #[serde(deny_unknown_fields)]
        struct Plain {
            name: String,
        }
        // The JSON wins when it reads: here it differs from the YAML on purpose.
        let p: Plain = from_embedded("name: yaml", r#"{"name":"json"}"#).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.name, "json");
        // No conversion: the YAML is read.
        let p: Plain = from_embedded("name: yaml", "").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.name, "yaml");
        // A wrong file reports the YAML's error and line, not the JSON's.
        let e = from_embedded::<Plain>("name: x\nnmae: y\n", r#"{"name":"x","nmae":"y"}"#)
            .err()
            .unwrap_or_else(|| panic!("an unknown field must fail"));
        assert!(matches!(e.kind, YamlErrorKind::UnknownField { .. }), "{e:?}");
        assert_eq!(e.position.map(|p| p.line), Some(2));
    }

    #[test]
    fn spanned_values_carry_byte_ranges_and_line_columns() {
        let doc: Doc = from_str("# c\nname: 'Généré'\nitems: [1, 22]\n").expect("valid");
        let p = doc.name.position.expect("position");
        assert_eq!((p.line, p.column), (2, 7));
        assert_eq!(&"# c\nname: 'Généré'\n"[p.offset..p.offset + p.len], "'Généré'");
        assert_eq!(doc.name.as_str(), "Généré");
        let p = doc.items[1].position.expect("position");
        assert_eq!((p.line, p.column, *doc.items[1]), (3, 12, 22));
    }

    #[test]
    fn unknown_fields_are_structured_and_located() {
        let err = from_str::<Doc>("name: x\nnmae: y\n").expect_err("unknown key");
        match &err.kind {
            YamlErrorKind::UnknownField { field, expected } => {
                assert_eq!(field, "nmae");
                assert_eq!(expected, &["name", "items"]);
            }
            other => panic!("unexpected kind {other:?}"),
        }
        let p = err.position.expect("position");
        assert_eq!((p.line, p.column, p.offset, p.len), (2, 1, 8, 4));
        assert!(err.to_string().ends_with("at line 2, column 1"), "{err}");
    }

    #[test]
    fn wrong_types_duplicates_and_syntax_are_classified() {
        let e = from_str::<Doc>("name: x\nitems: 3\n").expect_err("scalar for list");
        assert_eq!(e.kind, YamlErrorKind::WrongType);
        let e = from_str::<Doc>("name: x\nname: y\n").expect_err("duplicate");
        assert!(matches!(e.kind, YamlErrorKind::DuplicateKey { .. }), "{e:?}");
        let e = from_str::<Doc>("name: [x\n").expect_err("unclosed");
        assert!(e.position.is_some(), "{e:?}");
        let e = from_str::<Doc>("\u{0}\u{1}").expect_err("binary");
        assert_eq!(e.kind, YamlErrorKind::Syntax);
        let p = e.position.expect("recomputed position");
        assert_eq!((p.line, p.column, p.offset), (1, 1, 0));
        assert!(!e.message.contains('\u{0}'), "control characters are escaped: {e:?}");
    }

    #[test]
    fn alias_bombs_and_deep_nesting_fail_fast() {
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = format!("*a{}", i - 1);
            bomb.push_str(&format!("a{i}: &a{i} [{}]\n", vec![p; 9].join(", ")));
        }
        let e = from_str::<serde::de::IgnoredAny>(&bomb).expect_err("a billion nodes");
        assert_eq!(e.kind, YamlErrorKind::TooComplex, "{e:?}");
        let e = from_str::<serde::de::IgnoredAny>(&"[".repeat(100_000)).expect_err("too deep");
        assert!(e.position.is_some(), "{e:?}");
    }

    #[test]
    fn byte_offsets_are_recomputed_from_character_columns() {
        assert_eq!(byte_offset_of("é\nab", 2, 2), Some(4));
        assert_eq!(byte_offset_of("éé: x", 1, 3), Some(4));
        assert_eq!(byte_offset_of("a", 1, 99), Some(1));
        assert_eq!(byte_offset_of("a", 3, 1), None);
    }

    #[test]
    fn serializes_bare_values() {
        let doc = Doc { name: Spanned::new("C3 – Confidentiel: x".into()), items: vec![Spanned::new(1)] };
        let text = to_string(&doc);
        let back: Doc = from_str(&text).expect("round trip");
        assert_eq!(back.name.as_str(), "C3 – Confidentiel: x");
        assert_eq!(*back.items[0], 1);
    }
}
