//! Hidden Unicode that smuggles instructions to AI tools: tag characters (ASCII smuggling),
//! bidirectional controls (Trojan Source) and runs of invisible characters, with the hidden
//! payload decoded so a reviewer sees what the model would read.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use unicode_properties::UnicodeEmoji;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HiddenKind {
    /// U+E0000–U+E007F outside a flag-emoji tag sequence.
    Tags,
    /// U+202A–U+202E, U+2066–U+2069.
    Bidi,
    /// A run of invisible characters that can carry a payload (zero-width, word joiner,
    /// invisible operators, Hangul fillers, variation selectors), outside emoji sequences and
    /// the spelling of scripts that use them.
    Invisible,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hidden {
    pub kind: HiddenKind,
    /// Byte range of the run.
    pub span: Range<usize>,
    /// What the run says or holds, for the reader.
    pub decoded: String,
}

fn is_tag(c: char) -> bool {
    ('\u{E0000}'..='\u{E007F}').contains(&c)
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
            | '\u{180E}'
            | '\u{3164}'
            | '\u{FFA0}'
            | '\u{034F}'
    ) || is_variation_selector(c)
}

#[path = "hidden_script.rs"]
mod script;

/// All hidden runs in `text`. A byte-level pass finds the characters this module cares about;
/// text without any (pure ASCII, ordinary UTF-8 prose, CJK…) costs that pass only, and around
/// each one found only the emoji sequence or run that holds it is decoded.
pub fn find(text: &str) -> Vec<Hidden> {
    let mut out = Vec::new();
    if text.is_ascii() {
        return out;
    }
    let mut done = 0;
    for m in lead_bytes().find_iter(text.as_bytes()) {
        if m.start() < done || !text.is_char_boundary(m.start()) {
            continue;
        }
        let from = sequence_start(text, m.start(), done);
        done = scan(text, from, m.start(), &mut out);
    }
    out
}

/// The UTF-8 encodings (or their first three bytes, for the 4-byte planes) of every character
/// `scan` can react to: invisible characters, bidi controls, the keycap mark, presentation
/// selectors, tags and the variation-selector supplement.
fn lead_bytes() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        let mut pats: Vec<Vec<u8>> = Vec::new();
        let mut push = |c: char| {
            let mut b = [0; 4];
            let s = c.encode_utf8(&mut b).as_bytes();
            let p = s[..s.len().min(3)].to_vec();
            if !pats.contains(&p) {
                pats.push(p);
            }
        };
        for cp in (0x200B..=0x200D).chain(0x202A..=0x202E).chain(0x2060..=0x2069).chain(0xFE00..=0xFE0F) {
            char::from_u32(cp).into_iter().for_each(&mut push);
        }
        for c in ['\u{034F}', '\u{180E}', KEYCAP, '\u{3164}', '\u{FEFF}', '\u{FFA0}'] {
            push(c);
        }
        for cp in (0xE0000..=0xE007F).step_by(64).chain((0xE0100..=0xE01EF).step_by(64)) {
            char::from_u32(cp).into_iter().for_each(&mut push);
        }
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(&pats)
            .unwrap_or_else(|e| unreachable!("hidden-Unicode lead bytes: {e}"))
    })
}

/// Longest stretch walked back from a character of interest to find the emoji sequence that
/// holds it: the longest RGI sequence is 10 code points (40 bytes).
const MAX_BACK: usize = 64;

/// Where the emoji sequence holding the character at `at` can start: back over emoji and keycap
/// bases (no earlier character of interest lies after `floor`), never before `floor`.
fn sequence_start(text: &str, at: usize, floor: usize) -> usize {
    let mut start = at;
    for c in text[floor..at].chars().rev() {
        if at - start >= MAX_BACK || !(is_emoji_base(c) || c.is_ascii_digit() || c == '#' || c == '*') {
            break;
        }
        start -= c.len_utf8();
    }
    start
}

/// Walks `text` from `from`, a character boundary where no emoji sequence is open, through the
/// step that holds byte `past`; returns where that step ends.
fn scan(text: &str, from: usize, past: usize, out: &mut Vec<Hidden>) -> usize {
    let mut i = from;
    while i <= past {
        let Some(c) = text[i..].chars().next() else { break };
        // Joiners, presentation selectors, skin tones and flag tags inside an emoji sequence
        // are how the emoji is written, so the whole sequence is stepped over as one unit.
        if let Some(end) = emoji_sequence_end(text, i) {
            i = end;
        } else if is_tag(c) {
            let (run, end) = take_run(text, i, is_tag);
            out.push(Hidden { kind: HiddenKind::Tags, span: i..end, decoded: decode_tags(&run) });
            i = end;
        } else if is_bidi(c) {
            let (run, end) = take_run(text, i, is_bidi);
            out.push(Hidden { kind: HiddenKind::Bidi, span: i..end, decoded: names(&run) });
            i = end;
        } else if is_invisible(c) && !(c == '\u{FEFF}' && i == 0) {
            let (run, end) = take_run(text, i, is_invisible);
            if carries_payload(text, i, end, &run) {
                out.push(Hidden {
                    kind: HiddenKind::Invisible,
                    span: i..end,
                    decoded: describe_invisible(&run),
                });
            }
            i = end;
        } else {
            i += c.len_utf8();
        }
    }
    i
}

/// A run of one character repeated this often is reported although it encodes nothing: at that
/// length it is deliberate.
const LONG_REPEAT: usize = 16;

/// Whether an invisible run (not inside an emoji) can hold something a reader does not see.
/// Selector runs carry one byte per character. Other runs encode bits in the choice between
/// characters: one character repeated (a doubled zero-width space from a copy-paste, non-joiners
/// used as spacing) or two different ones carry next to nothing, and a script's own spelling
/// (Khmer word separators, Persian non-joiners) is text.
fn carries_payload(text: &str, start: usize, end: usize, run: &[char]) -> bool {
    if run.len() < 2 {
        return false;
    }
    if run.iter().all(|c| is_variation_selector(*c)) {
        return true;
    }
    if script::ordinary(text, start, end, run) {
        return false;
    }
    if run.iter().all(|&c| c == run[0]) {
        return run.len() >= LONG_REPEAT;
    }
    // Indic, Persian and Arabic shaping use a joiner or non-joiner, at most two in a row.
    let shaping = run.len() < 4 && run.iter().all(|c| matches!(c, '\u{200C}' | '\u{200D}'));
    run.len() >= 3 && !shaping
}

const ZWJ: char = '\u{200D}';
const KEYCAP: char = '\u{20E3}';
const BLACK_FLAG: char = '\u{1F3F4}';
const CANCEL_TAG: char = '\u{E007F}';

/// Where the emoji sequence that starts at byte `start` ends, if one starts there and holds a
/// character other detectors would look at (a joiner, selector, keycap or tag). Follows the
/// emoji grammar of UTS #51: elements (an emoji with an optional skin tone, presentation
/// selectors and keycap mark, or the black flag with a subdivision tag sequence) joined by ZWJ.
/// Up to two presentation selectors are taken, because a doubled VS16 is common in pasted
/// text; a longer selector run after an emoji is left to the caller, as it can carry bytes.
fn emoji_sequence_end(text: &str, start: usize) -> Option<usize> {
    let mut end = element_end(text, start)?;
    loop {
        let mut rest = text[end..].chars();
        match (rest.next(), rest.next()) {
            (Some(ZWJ), Some(next)) if is_emoji_base(next) => match element_end(text, end + ZWJ.len_utf8()) {
                Some(e) => end = e,
                None => break,
            },
            _ => break,
        }
    }
    let seq = &text[start..end];
    seq.chars().any(|c| is_invisible(c) || is_tag(c) || c == KEYCAP).then_some(end)
}

/// An emoji character that can start an element. ASCII digits, `#` and `*` are emoji only as
/// keycap bases, which `element_end` checks.
fn is_emoji_base(c: char) -> bool {
    !c.is_ascii() && c.is_emoji_char()
}

/// The end of one emoji element starting at `start`, or `None` when no emoji starts there.
fn element_end(text: &str, start: usize) -> Option<usize> {
    let base = text[start..].chars().next()?;
    let mut end = start + base.len_utf8();
    if base.is_ascii_digit() || base == '#' || base == '*' {
        eat(text, &mut end, |c| c == '\u{FE0F}');
        return eat(text, &mut end, |c| c == KEYCAP).then_some(end);
    }
    if !is_emoji_base(base) {
        return None;
    }
    eat(text, &mut end, |c| matches!(c, '\u{1F3FB}'..='\u{1F3FF}'));
    if eat(text, &mut end, |c| matches!(c, '\u{FE0E}' | '\u{FE0F}')) {
        eat(text, &mut end, |c| c == '\u{FE0F}');
    }
    if base == BLACK_FLAG
        && let Some(tags) = subdivision_tags_len(&text[end..])
    {
        end += tags;
    }
    Some(end)
}

/// Advances `pos` over the character there when `pred` accepts it.
fn eat(text: &str, pos: &mut usize, pred: impl Fn(char) -> bool) -> bool {
    match text[*pos..].chars().next() {
        Some(c) if pred(c) => {
            *pos += c.len_utf8();
            true
        }
        _ => false,
    }
}

/// Byte length of a subdivision flag's tag sequence (`gbsct` + CANCEL TAG) at the start of
/// `rest`: lowercase letters and digits in tag form, at most six, then CANCEL TAG.
fn subdivision_tags_len(rest: &str) -> Option<usize> {
    let mut len = 0;
    for (n, c) in rest.chars().enumerate() {
        if c == CANCEL_TAG && n >= 2 {
            return Some(len + c.len_utf8());
        }
        if n >= 6 || !matches!(c, '\u{E0030}'..='\u{E0039}' | '\u{E0061}'..='\u{E007A}') {
            return None;
        }
        len += c.len_utf8();
    }
    None
}

/// The run of characters at byte `start` for which `pred` holds; returns the characters and
/// the byte offset where the run ends.
fn take_run(text: &str, start: usize, pred: fn(char) -> bool) -> (Vec<char>, usize) {
    let mut end = start;
    let mut run = Vec::new();
    for c in text[start..].chars().take_while(|&c| pred(c)) {
        run.push(c);
        end += c.len_utf8();
    }
    (run, end)
}

/// Tag characters U+E0020–U+E007E mirror printable ASCII one to one.
fn decode_tags(run: &[char]) -> String {
    run.iter()
        .filter_map(|&t| {
            let cp = u32::from(t) - 0xE0000;
            (0x20..0x7F).contains(&cp).then(|| char::from(cp as u8))
        })
        .collect()
}

fn names(run: &[char]) -> String {
    run.iter().map(|c| format!("U+{:04X} {}", u32::from(*c), bidi_name(*c))).collect::<Vec<_>>().join(", ")
}

fn bidi_name(c: char) -> &'static str {
    match c {
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => "",
    }
}

/// Variation-selector runs can carry bytes (VS1–16 → 0–15, VS17–256 → 16–255); other
/// invisible runs are summarised by code point.
fn describe_invisible(run: &[char]) -> String {
    if run.iter().all(|c| is_variation_selector(*c)) {
        let bytes: Vec<u8> = run
            .iter()
            .map(|&c| match c {
                '\u{FE00}'..='\u{FE0F}' => (u32::from(c) - 0xFE00) as u8,
                _ => (u32::from(c) - 0xE0100 + 16) as u8,
            })
            .collect();
        if let Ok(s) = std::str::from_utf8(&bytes)
            && s.chars().all(|c| !c.is_control() || c == '\n')
        {
            return format!("{} variation selectors encoding \"{s}\"", run.len());
        }
        return format!("{} variation selectors", run.len());
    }
    let mut counts: Vec<(char, usize)> = Vec::new();
    for &c in run {
        match counts.iter_mut().find(|(d, _)| *d == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    let parts: Vec<String> = counts.iter().map(|(c, n)| format!("U+{:04X}×{n}", u32::from(*c))).collect();
    let mut s = format!("{} invisible characters ({})", run.len(), parts.join(", "));
    if let [(zero, _), (one, _)] = counts[..]
        && let Some(text) = decode_binary(run, one).or_else(|| decode_binary(run, zero))
    {
        s.push_str(&format!(" encoding \"{text}\" in binary"));
    }
    s
}

/// Two characters used as 0 and 1, eight to a byte, most significant bit first: the simplest
/// zero-width encoding. Only printable ASCII counts as decoded.
fn decode_binary(run: &[char], one: char) -> Option<String> {
    if run.len() < 16 || !run.len().is_multiple_of(8) {
        return None;
    }
    let bytes = run.chunks(8).map(|byte| byte.iter().fold(0u8, |b, &c| (b << 1) | u8::from(c == one)));
    let text: String = bytes.map(char::from).collect();
    text.chars().all(|c| c == ' ' || c.is_ascii_graphic()).then_some(text)
}

/// Encodes ASCII as tag characters: used by tests and examples to build payloads.
pub fn encode_tags(s: &str) -> String {
    s.chars().filter(char::is_ascii).filter_map(|c| char::from_u32(0xE0000 + u32::from(c))).collect()
}

#[cfg(test)]
#[path = "unicode_tests.rs"]
mod tests;
