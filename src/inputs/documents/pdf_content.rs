//! The text a PDF page's content stream shows, read straight from its bytes: what lopdf's
//! `extract_text` gives, without building every operation of the page as objects first (its
//! parser took three quarters of the time spent on a PDF). The grammar is lopdf's content
//! grammar, quirks included (a comment only before an operation, a content stream that stops
//! at its first unreadable operation, an unreadable inline image that fails the page), so that
//! both read the same text; a test compares them on random streams.

use std::collections::BTreeMap;

use lopdf::Encoding;

use super::pdf_text::Text;

/// Nesting lopdf allows in arrays and dictionaries, and in the parentheses of a string.
const MAX_DEPTH: usize = 100;

/// The page's text, or `Err` where lopdf's extraction fails the page.
pub fn page_text(content: &[u8], encodings: &BTreeMap<Vec<u8>, Encoding<'_>>) -> Result<String, String> {
    let mut out = Text::new(encodings);
    let mut p = Parser { b: content, i: 0 };
    let mut operands: Vec<Obj> = Vec::new();
    p.skip_white();
    loop {
        while p.comment() {
            p.skip_white();
        }
        if p.i >= p.b.len() {
            break;
        }
        if p.b[p.i..].starts_with(b"BI") {
            p.i += 2;
            p.skip_white();
            p.inline_image().map_err(|_| "unreadable inline image".to_string())?;
            continue;
        }
        operands.clear();
        loop {
            match p.operand() {
                Ok(Some(o)) => {
                    operands.push(o);
                    p.skip_white();
                }
                Ok(None) => break,
                Err(Fatal) => return Err("content nested too deep".into()),
            }
        }
        // lopdf keeps the operations before the first it cannot read.
        let Some(op) = p.operator() else { break };
        p.skip_white();
        out.operation(op, &operands)?;
    }
    Ok(out.into_string())
}

/// An operand, as far as the text operators need it.
#[derive(Debug)]
pub(super) enum Obj {
    Int(i64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Bool(bool),
    /// Null, a real number, a reference, a dictionary.
    Other,
}

/// A failure lopdf does not recover from: the whole stream is unreadable.
struct Fatal;

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0C')
}

fn is_regular(c: u8) -> bool {
    !is_white(c) && !b"()<>[]{}/%".contains(&c)
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|v| v as u8)
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn rest(&self) -> &[u8] {
        &self.b[self.i..]
    }

    fn skip_white(&mut self) {
        while self.peek().is_some_and(is_white) {
            self.i += 1;
        }
    }

    /// A `%` comment with its end of line (one without is no comment).
    fn comment(&mut self) -> bool {
        if self.peek() != Some(b'%') {
            return false;
        }
        let Some(n) = self.rest().iter().position(|&c| c == b'\r' || c == b'\n') else { return false };
        self.i += n;
        self.eol();
        true
    }

    fn eol(&mut self) -> bool {
        if self.rest().starts_with(b"\r\n") {
            self.i += 2;
        } else if matches!(self.peek(), Some(b'\n' | b'\r')) {
            self.i += 1;
        } else {
            return false;
        }
        true
    }

    /// White space and comments.
    fn space(&mut self) {
        loop {
            self.skip_white();
            if !self.comment() {
                return;
            }
        }
    }

    /// `[A-Za-z0-9*'"]+`, not starting with a digit.
    fn operator(&mut self) -> Option<&'a [u8]> {
        let n = self.rest().iter().take_while(|c| c.is_ascii_alphanumeric() || b"*'\"".contains(c)).count();
        if n == 0 || self.b[self.i].is_ascii_digit() {
            return None;
        }
        let b: &'a [u8] = self.b;
        let op = &b[self.i..self.i + n];
        self.i += n;
        Some(op)
    }

    /// An operand of an operation, in lopdf's order of attempts; `None` where none starts.
    fn operand(&mut self) -> Result<Option<Obj>, Fatal> {
        let r = self.rest();
        if r.starts_with(b"null") {
            self.i += 4;
            return Ok(Some(Obj::Other));
        }
        if let Some(b) = self.boolean() {
            return Ok(Some(b));
        }
        if let Some(n) = self.number() {
            return Ok(Some(n));
        }
        match self.peek() {
            Some(b'/') => Ok(Some(Obj::Name(self.name()))),
            Some(b'(') => Ok(self.literal()),
            Some(b'<') => match self.hex_string() {
                Some(s) => Ok(Some(s)),
                None => self.dictionary(MAX_DEPTH),
            },
            Some(b'[') => self.array(MAX_DEPTH),
            _ => Ok(None),
        }
    }

    fn boolean(&mut self) -> Option<Obj> {
        for (word, v) in [(&b"true"[..], true), (b"false", false)] {
            if self.rest().starts_with(word) {
                self.i += word.len();
                return Some(Obj::Bool(v));
            }
        }
        None
    }

    /// A real (`1.`, `.5`, `-0.00-4`, lopdf reading a minus inside the fraction) or an
    /// integer (none past `i64`).
    fn number(&mut self) -> Option<Obj> {
        let r = self.rest();
        let signed = matches!(r.first(), Some(b'+' | b'-'));
        let s = usize::from(signed);
        let digits = r[s..].iter().take_while(|c| c.is_ascii_digit()).count();
        let after = s + digits;
        if r.get(after) == Some(&b'.') && (digits > 0 || r.get(after + 1).is_some_and(u8::is_ascii_digit)) {
            let tail = r[after + 1..].iter().take_while(|&&c| c == b'-' || c.is_ascii_digit()).count();
            self.i += after + 1 + tail;
            return Some(Obj::Other);
        }
        if digits == 0 {
            return None;
        }
        let magnitude =
            r[s..after].iter().try_fold(0u64, |v, &d| v.checked_mul(10)?.checked_add(u64::from(d - b'0')))?;
        let value =
            if r[0] == b'-' { 0i64.checked_sub_unsigned(magnitude) } else { i64::try_from(magnitude).ok() }?;
        self.i += after;
        Some(Obj::Int(value))
    }

    /// `/Name` with `#xx` escapes; a `#` without two hexadecimal digits ends it.
    fn name(&mut self) -> Vec<u8> {
        self.i += 1;
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            if c == b'#' {
                match (
                    self.b.get(self.i + 1).and_then(|&c| hex(c)),
                    self.b.get(self.i + 2).and_then(|&c| hex(c)),
                ) {
                    (Some(h), Some(l)) => {
                        out.push(h << 4 | l);
                        self.i += 3;
                    }
                    _ => break,
                }
            } else if is_regular(c) {
                out.push(c);
                self.i += 1;
            } else {
                break;
            }
        }
        out
    }

    /// `(…)` with its escapes decoded and its balanced parentheses kept; `None` (nothing
    /// consumed) when it does not close.
    fn literal(&mut self) -> Option<Obj> {
        let start = self.i;
        self.i += 1;
        let mut out = Vec::new();
        if self.literal_inner(MAX_DEPTH, &mut out) && self.peek() == Some(b')') {
            self.i += 1;
            return Some(Obj::Str(out));
        }
        self.i = start;
        None
    }

    /// The inside of a string up to (not past) its closing parenthesis; `false` on a nested
    /// string that does not close or is too deep, or a backslash at the end.
    fn literal_inner(&mut self, depth: usize, out: &mut Vec<u8>) -> bool {
        while let Some(c) = self.peek() {
            match c {
                b')' => return true,
                b'\\' => {
                    let Some(&e) = self.b.get(self.i + 1) else { return true };
                    self.i += 1;
                    match e {
                        b'0'..=b'7' => {
                            let n =
                                self.rest().iter().take(3).take_while(|c| (b'0'..=b'7').contains(c)).count();
                            let v = self.b[self.i..self.i + n]
                                .iter()
                                .fold(0u16, |v, &d| v * 8 + u16::from(d - b'0'));
                            out.push(v as u8);
                            self.i += n;
                        }
                        b'\r' | b'\n' => {
                            self.eol();
                        }
                        _ => {
                            out.push(match e {
                                b'n' => b'\n',
                                b'r' => b'\r',
                                b't' => b'\t',
                                b'b' => b'\x08',
                                b'f' => b'\x0C',
                                other => other,
                            });
                            self.i += 1;
                        }
                    }
                }
                b'\r' | b'\n' => {
                    self.eol();
                    out.push(b'\n');
                }
                b'(' => {
                    if depth == 0 {
                        return true;
                    }
                    let at = self.i;
                    self.i += 1;
                    let mut inner = vec![b'('];
                    if self.literal_inner(depth - 1, &mut inner) && self.peek() == Some(b')') {
                        self.i += 1;
                        inner.push(b')');
                        out.extend_from_slice(&inner);
                    } else {
                        self.i = at;
                        return true;
                    }
                }
                _ => {
                    out.push(c);
                    self.i += 1;
                }
            }
        }
        true
    }

    /// `<48 65 6C>`: white space anywhere, an odd last digit taken as `x0`.
    fn hex_string(&mut self) -> Option<Obj> {
        let start = self.i;
        self.i += 1;
        let mut out: Vec<u8> = Vec::new();
        let mut half = false;
        loop {
            let at = self.i;
            self.skip_white();
            match self.peek().and_then(hex) {
                Some(v) => {
                    if half {
                        if let Some(last) = out.last_mut() {
                            *last |= v;
                        }
                    } else {
                        out.push(v << 4);
                    }
                    half = !half;
                    self.i += 1;
                }
                None => {
                    self.i = at;
                    break;
                }
            }
        }
        self.skip_white();
        if self.peek() == Some(b'>') {
            self.i += 1;
            return Some(Obj::Str(out));
        }
        self.i = start;
        None
    }

    /// `[…]`: objects as inside a PDF object, each followed by white space and comments.
    fn array(&mut self, depth: usize) -> Result<Option<Obj>, Fatal> {
        let start = self.i;
        self.i += 1;
        self.space();
        let mut items = Vec::new();
        while let Some(o) = self.object(depth)? {
            items.push(o);
        }
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(Some(Obj::Array(items)));
        }
        self.i = start;
        Ok(None)
    }

    /// `<< /Key value … >>`.
    fn dictionary(&mut self, depth: usize) -> Result<Option<Obj>, Fatal> {
        let start = self.i;
        if !self.rest().starts_with(b"<<") {
            return Ok(None);
        }
        self.i += 2;
        self.space();
        self.pairs(depth)?;
        if self.rest().starts_with(b">>") {
            self.i += 2;
            return Ok(Some(Obj::Other));
        }
        self.i = start;
        Ok(None)
    }

    /// `/Key value` pairs, as many as there are.
    fn pairs(&mut self, depth: usize) -> Result<Vec<(Vec<u8>, Obj)>, Fatal> {
        let mut pairs = Vec::new();
        loop {
            if self.peek() != Some(b'/') {
                return Ok(pairs);
            }
            let at = self.i;
            let key = self.name();
            self.space();
            match self.object(depth)? {
                Some(v) => pairs.push((key, v)),
                None => {
                    self.i = at;
                    return Ok(pairs);
                }
            }
        }
    }

    /// An object inside an array or dictionary, then white space and comments. Past the
    /// nesting limit the stream is unreadable.
    fn object(&mut self, depth: usize) -> Result<Option<Obj>, Fatal> {
        if depth == 0 {
            return Err(Fatal);
        }
        let depth = depth - 1;
        let start = self.i;
        let o = match self.peek() {
            Some(b'n') => self.rest().starts_with(b"null").then(|| {
                self.i += 4;
                Obj::Other
            }),
            Some(b't' | b'f') => self.boolean(),
            Some(b'0'..=b'9') => match self.reference() {
                true => Some(Obj::Other),
                false => self.number(),
            },
            Some(b'+' | b'-' | b'.') => self.number(),
            Some(b'/') => Some(Obj::Name(self.name())),
            Some(b'(') => self.literal(),
            Some(b'<') => match self.hex_string() {
                Some(s) => Some(s),
                None => self.dictionary(depth)?,
            },
            Some(b'[') => self.array(depth)?,
            _ => None,
        };
        match o {
            Some(o) => {
                self.space();
                Ok(Some(o))
            }
            None => {
                self.i = start;
                Ok(None)
            }
        }
    }

    /// `12 0 R`; nothing consumed when it is not one.
    fn reference(&mut self) -> bool {
        let start = self.i;
        let number = |p: &mut Parser<'_>, max: u64| {
            let n = p.rest().iter().take_while(|c| c.is_ascii_digit()).count();
            let v = p.b[p.i..p.i + n]
                .iter()
                .try_fold(0u64, |v, &d| v.checked_mul(10)?.checked_add(u64::from(d - b'0')));
            p.i += n;
            n > 0 && v.is_some_and(|v| v <= max)
        };
        let ok = number(self, u64::from(u32::MAX))
            && {
                self.space();
                number(self, u64::from(u16::MAX))
            }
            && {
                self.space();
                self.peek() == Some(b'R')
            };
        if ok {
            self.i += 1;
        } else {
            self.i = start;
        }
        ok
    }

    /// After `BI` and white space: the image's dictionary, `ID`, its data and `EI`. An error
    /// fails the page, as in lopdf.
    fn inline_image(&mut self) -> Result<(), Fatal> {
        let dict = self.pairs(MAX_DEPTH)?;
        if !self.rest().starts_with(b"ID") {
            return Err(Fatal);
        }
        self.i += 2;
        // One white-space byte (a CR LF pair as one) before the data.
        if !self.eol() && self.peek().is_some_and(is_white) {
            self.i += 1;
        }
        let rest = self.rest().len();
        match image_length(&dict).filter(|&len| len <= rest) {
            Some(len) => {
                self.i += len;
                self.skip_white();
                if !self.rest().starts_with(b"EI") {
                    return Err(Fatal);
                }
                self.i += 2;
            }
            None => {
                // Skipped to the first `EI` after white space and before white space or the end.
                let r = self.rest();
                let Some(at) = (0..r.len().saturating_sub(2)).find(|&k| {
                    is_white(r[k]) && &r[k + 1..k + 3] == b"EI" && r.get(k + 3).is_none_or(|&c| is_white(c))
                }) else {
                    return Err(Fatal);
                };
                self.i += at + 3;
            }
        }
        self.skip_white();
        Ok(())
    }
}

/// The byte length of an inline image's data as lopdf computes it; `None` where lopdf falls
/// back to looking for `EI` (a filter, a colour space it does not know, a size missing, more
/// data than the stream holds).
fn image_length(dict: &[(Vec<u8>, Obj)]) -> Option<usize> {
    // A repeated key's last value counts.
    let get = |abbr: &[u8], key: &[u8]| {
        let find = |k: &[u8]| dict.iter().rev().find(|(n, _)| n == k).map(|(_, v)| v);
        find(abbr).or_else(|| find(key))
    };
    let size = |abbr: &[u8], key: &[u8]| match get(abbr, key) {
        Some(Obj::Int(v)) => usize::try_from(*v).ok(),
        _ => None,
    };
    let width = size(b"W", b"Width")?;
    let height = size(b"H", b"Height")?;
    let mask = matches!(get(b"IM", b"ImageMask"), Some(Obj::Bool(true)));
    let bpc = match get(b"BPC", b"BitsPerComponent") {
        None if mask => 1,
        _ => size(b"BPC", b"BitsPerComponent")?,
    };
    let colors = if mask {
        1
    } else {
        match get(b"CS", b"ColorSpace")? {
            Obj::Array(a) if matches!(a.first(), Some(Obj::Name(n)) if n == b"Indexed" || n == b"I") => 1,
            Obj::Name(n) => match n.as_slice() {
                b"DeviceGray" | b"G" | b"Gray" => 1,
                b"DeviceRGB" | b"RGB" => 3,
                b"DeviceRGBA" | b"RGBA" | b"DeviceCMYK" | b"CMYK" => 4,
                _ => return None,
            },
            _ => return None,
        }
    };
    if get(b"F", b"Filter").is_some() {
        return None;
    }
    bpc.checked_mul(colors)
        .and_then(|bits| width.checked_mul(bits))
        .and_then(|row| row.div_ceil(8).checked_mul(height))
}

#[cfg(test)]
#[path = "pdf_content_tests.rs"]
mod tests;
