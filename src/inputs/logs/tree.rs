//! JSON trees as the log readers walk them: `serde_json::Value` for exports read whole, and
//! [`Lean`] for request logs read line by line, whose strings borrow from the line and whose
//! objects are short lists of pairs. One set of walking functions (`at`, `text_of`, `time_of`)
//! serves both.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// What the readers ask of a JSON value.
pub trait Tree: Sized {
    fn get(&self, key: &str) -> Option<&Self>;
    fn as_str(&self) -> Option<&str>;
    fn as_array(&self) -> Option<&[Self]>;
    fn as_f64(&self) -> Option<f64>;
    fn is_null(&self) -> bool;
}

impl Tree for Value {
    fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }
    fn as_str(&self) -> Option<&str> {
        Value::as_str(self)
    }
    fn as_array(&self) -> Option<&[Value]> {
        Value::as_array(self).map(Vec::as_slice)
    }
    fn as_f64(&self) -> Option<f64> {
        Value::as_f64(self)
    }
    fn is_null(&self) -> bool {
        Value::is_null(self)
    }
}

/// A JSON value that borrows its strings from the text it was parsed from when they hold no
/// escape. Parsing a request-log line into a `serde_json::Value` allocated every key and string
/// and sorted the keys into B-trees, a fifth of the time spent on such a log; a line's objects
/// have a dozen keys, which a list finds as fast.
#[derive(Debug, Clone, PartialEq)]
pub enum Lean<'a> {
    Null,
    Bool(bool),
    /// Numbers serve as times here, where a double is exact enough.
    Number(f64),
    Str(Cow<'a, str>),
    Array(Vec<Lean<'a>>),
    /// Keys in the order written; a repeated key's last value wins, as in `serde_json`. With
    /// the [`key_bit`]s of its keys: a request is asked for ~30 keys it mostly lacks, and a
    /// missing key is then told without reading the list.
    Object(Vec<(Cow<'a, str>, Lean<'a>)>, u64),
}

/// A key's bit in an object's set: from its first byte and its length.
fn key_bit(key: &str) -> u64 {
    let first = key.as_bytes().first().map_or(0, |&b| u64::from(b));
    1 << ((first * 7 + key.len() as u64) % 64)
}

impl<'a> Lean<'a> {
    pub fn parse(bytes: &'a [u8]) -> serde_json::Result<Lean<'a>> {
        serde_json::from_slice(bytes)
    }

    /// Like [`Lean::parse`], for text already known to be UTF-8: its strings are not checked
    /// again.
    pub fn parse_str(text: &'a str) -> serde_json::Result<Lean<'a>> {
        serde_json::from_str(text)
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Lean::Array(_))
    }
}

impl Tree for Lean<'_> {
    fn get(&self, key: &str) -> Option<&Self> {
        match self {
            // The first byte first: a request is looked up ~30 times among a dozen keys, most
            // of which differ there, and a whole comparison is a call.
            Lean::Object(_, keys) if keys & key_bit(key) == 0 => None,
            Lean::Object(pairs, _) => pairs
                .iter()
                .rev()
                .find(|(k, _)| k.as_bytes().first() == key.as_bytes().first() && k == key)
                .map(|(_, v)| v),
            _ => None,
        }
    }
    fn as_str(&self) -> Option<&str> {
        match self {
            Lean::Str(s) => Some(s),
            _ => None,
        }
    }
    fn as_array(&self) -> Option<&[Self]> {
        match self {
            Lean::Array(a) => Some(a),
            _ => None,
        }
    }
    fn as_f64(&self) -> Option<f64> {
        match self {
            Lean::Number(n) => Some(*n),
            _ => None,
        }
    }
    fn is_null(&self) -> bool {
        matches!(self, Lean::Null)
    }
}

/// A string that borrows when it can: serde's own `Cow<str>` always copies.
struct Text<'a>(Cow<'a, str>);

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(v)))
    }
}

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text<'de>, D::Error> {
        d.deserialize_str(TextVisitor)
    }
}

struct LeanVisitor;

impl<'de> Visitor<'de> for LeanVisitor {
    type Value = Lean<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Lean<'de>, E> {
        Ok(Lean::Null)
    }
    fn visit_none<E>(self) -> Result<Lean<'de>, E> {
        Ok(Lean::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Lean<'de>, E> {
        Ok(Lean::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Lean<'de>, E> {
        Ok(Lean::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Lean<'de>, E> {
        Ok(Lean::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Lean<'de>, E> {
        Ok(Lean::Number(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Lean<'de>, E> {
        Ok(Lean::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Lean<'de>, E> {
        Ok(Lean::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Lean<'de>, E> {
        Ok(Lean::Str(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lean<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Lean::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Lean<'de>, A::Error> {
        // The parser gives no size; most objects of a request log are messages (two keys) and
        // the request itself (about ten): one allocation for the first, two for the second.
        let mut pairs = Vec::with_capacity(8);
        let mut keys = 0;
        while let Some(Text(key)) = map.next_key()? {
            keys |= key_bit(&key);
            pairs.push((key, map.next_value()?));
        }
        Ok(Lean::Object(pairs, keys))
    }
}

impl<'de> Deserialize<'de> for Lean<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lean<'de>, D::Error> {
        d.deserialize_any(LeanVisitor)
    }
}

/// The value at a JSON pointer made of plain keys and array indices (`/response/choices/0`).
/// `Value::pointer` unescapes every token into a new string, which made it a fifth of the time
/// spent reading a request log; these keys never hold `~`.
/// Keys are cut at `/` by a plain byte loop: they are a few bytes long, where `split`'s
/// searcher cost a tenth of reading a request log, for the many pointers tried per record.
pub fn at<'v, T: Tree>(v: &'v T, pointer: &str) -> Option<&'v T> {
    let mut v = v;
    let Some(first) = pointer.bytes().position(|b| b == b'/') else { return Some(v) };
    let mut rest = &pointer[first + 1..];
    loop {
        let (key, next) = match rest.bytes().position(|b| b == b'/') {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        v = step(v, key)?;
        match next {
            Some(n) => rest = n,
            None => return Some(v),
        }
    }
}

/// The value at a path of keys: [`at`] for a pointer cut into its keys before the run (a
/// request is asked for ~30; cutting each pointer per record was a twentieth of reading a log).
pub fn path<'v, T: Tree>(v: &'v T, keys: &[&str]) -> Option<&'v T> {
    keys.iter().try_fold(v, |v, key| step(v, key))
}

/// One key of a pointer: an index into an array, a key of an object.
fn step<'v, T: Tree>(v: &'v T, key: &str) -> Option<&'v T> {
    match v.as_array() {
        Some(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
        None => v.get(key),
    }
}

/// Text of a string, or of an array of strings and `{text: …}` parts, joined by newlines.
pub fn text_of<T: Tree>(v: &T) -> String {
    text_in(v).into_owned()
}

/// [`text_of`], borrowed when the value is one string (most messages of a request log).
pub fn text_in<T: Tree>(v: &T) -> Cow<'_, str> {
    if let Some(s) = v.as_str() {
        return Cow::Borrowed(s);
    }
    if let Some(a) = v.as_array() {
        let parts: Vec<String> = a.iter().map(text_of).filter(|s| !s.is_empty()).collect();
        return Cow::Owned(parts.join("\n"));
    }
    ["text", "content", "transcript"]
        .iter()
        .find_map(|k| v.get(k).filter(|v| v.as_str().is_some() || v.as_array().is_some()))
        .map(text_in)
        .unwrap_or_default()
}

/// A time field of any shape: epoch seconds (number or numeric string) or a date string.
pub fn time_of<T: Tree>(v: &T) -> Option<String> {
    if let Some(n) = v.as_f64() {
        return super::iso_time(n);
    }
    match v.as_str() {
        Some(s) if !s.is_empty() => match s.parse::<f64>() {
            Ok(f) => super::iso_time(f),
            Err(_) => Some(s.to_string()),
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_reach_what_serde_json_pointers_reach() {
        let value: Value = serde_json::from_str(r#"{"a":[1,{"":{"b":"x"}}],"":{"c":"y"},"d":{"e":[["z"]]}}"#)
            .unwrap_or_else(|e| panic!("{e}"));
        let pointers =
            ["", "/", "/a", "/a/1", "/a/1/", "/a/1//b", "//c", "/d/e/0/0", "/d/e/0/1", "/a/x", "/d/", "/q/r"];
        for p in pointers {
            assert_eq!(at(&value, p), value.pointer(p), "{p:?}");
        }
    }

    #[test]
    fn lean_reads_what_serde_json_reads() {
        let line = br#"{"id":"r1","n":3,"f":1.5,"t":true,"z":null,"s":"a\"b","a":[1,"x",{"k":"v"}],"o":{"p":[{"q":"deep"}]},"id":"r2"}"#;
        let lean = Lean::parse(line).unwrap_or_else(|e| panic!("{e}"));
        let value: Value = serde_json::from_slice(line).unwrap_or_else(|e| panic!("{e}"));
        for p in ["/id", "/s", "/a/1", "/a/2/k", "/o/p/0/q", "/missing", "/a/9", "/s/0"] {
            assert_eq!(at(&lean, p).and_then(Tree::as_str), at(&value, p).and_then(Tree::as_str), "{p}");
        }
        assert_eq!(at(&lean, "/id").and_then(Tree::as_str), Some("r2"), "the last of a repeated key wins");
        assert_eq!(at(&lean, "/f").and_then(Tree::as_f64), Some(1.5));
        assert!(at(&lean, "/z").is_some_and(Tree::is_null) && at(&lean, "/a").is_some_and(Lean::is_array));
        // An unescaped string borrows from the line; an escaped one is decoded.
        assert!(matches!(at(&lean, "/o/p/0/q"), Some(Lean::Str(Cow::Borrowed("deep")))));
        assert!(matches!(at(&lean, "/s"), Some(Lean::Str(Cow::Owned(s))) if s == "a\"b"));
        let text = std::str::from_utf8(line).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(Lean::parse_str(text).ok(), Some(lean), "text and bytes parse alike");
        assert!(Lean::parse_str(r#"{"a" 1}"#).is_err());
    }

    #[test]
    fn every_key_is_found_and_no_other_whatever_the_keys_bits() {
        let keys: Vec<String> =
            (0..90).map(|i| format!("{}{}", char::from(b'a' + (i % 26) as u8), "k".repeat(i / 26))).collect();
        let line =
            format!("{{{}}}", keys.iter().map(|k| format!("{k:?}:{k:?}")).collect::<Vec<_>>().join(","));
        let lean = Lean::parse(line.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        for k in &keys {
            assert_eq!(lean.get(k).and_then(Tree::as_str), Some(k.as_str()));
        }
        let small = Lean::parse(br#"{"id":"x","messages":[]}"#).unwrap_or_else(|e| panic!("{e}"));
        for missing in ["body", "request", "i", "idx", "message", "", "model"] {
            assert!(small.get(missing).is_none(), "{missing}");
        }
        assert!(small.get("id").is_some() && small.get("messages").is_some());
    }

    #[test]
    fn text_and_time_read_both_trees_alike() {
        let line = br#"{"c":[{"type":"text","text":"one"},"two",{"content":"three"},{"image":1}],"t":1740910440,"u":"1740910440.5","d":"2025-03-02"}"#;
        let lean = Lean::parse(line).unwrap_or_else(|e| panic!("{e}"));
        let value: Value = serde_json::from_slice(line).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(text_of(&lean), "");
        let c = (at(&lean, "/c"), at(&value, "/c"));
        assert_eq!(c.0.map(text_of).as_deref(), Some("one\ntwo\nthree"));
        assert_eq!(c.0.map(text_of), c.1.map(text_of));
        for p in ["/t", "/u", "/d", "/c"] {
            assert_eq!(at(&lean, p).and_then(time_of), at(&value, p).and_then(time_of), "{p}");
        }
        assert_eq!(at(&lean, "/t").and_then(time_of).as_deref(), Some("2025-03-02T10:14:00Z"));
    }

    #[test]
    fn malformed_and_deep_lines_are_errors_not_crashes() {
        assert!(Lean::parse(br#"{"a":"#).is_err_and(|e| e.is_eof()));
        assert!(Lean::parse(br#"{"a" 1}"#).is_err());
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(Lean::parse(deep.as_bytes()).is_err(), "the parser's depth limit holds");
    }
}
