//! How secrets and personal data are shown: one readable shape, `sk-pro…cS (164 chars)`, that
//! keeps a few edge characters (a key's provider prefix, an IBAN's country) and the length, never
//! enough of the value to use or search for it. Also the one finder that lives this low: tokens
//! shaped like a provider's API key, so that layers below the detectors (charter diagnostics) can
//! mask them too.

pub mod pseudonym;

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// `sk-proj-AbCd…9xYz` → `sk-pro…Yz (164 chars)`. Short values show fewer edge characters, so
/// no value shows more than 8 of its characters (6 leading, 2 trailing).
pub fn mask(s: &str) -> String {
    let n = s.chars().count();
    let (head, tail) = match n {
        0..=4 => (0, 0),
        5..=11 => (1, 1),
        12..=23 => (4, 2),
        _ => (6, 2),
    };
    let h: String = s.chars().take(head).collect();
    let t: String = s.chars().skip(n - tail).collect();
    format!("{h}…{t} ({n} chars)")
}

/// Replaces the byte ranges `spans` of `text` with their masked form. Spans may come in any
/// order and overlap (they are merged); those off a char boundary or past the end are ignored.
pub fn mask_spans(text: &str, spans: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in merge(spans) {
        if s.start < at
            || s.end > text.len()
            || !text.is_char_boundary(s.start)
            || !text.is_char_boundary(s.end)
        {
            continue;
        }
        out.push_str(&text[at..s.start]);
        out.push_str(&mask(&text[s.clone()]));
        at = s.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Sorted, overlapping or touching spans merged into one; empty spans dropped.
pub fn merge(spans: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut v: Vec<Range<usize>> = spans.iter().filter(|s| s.start < s.end).cloned().collect();
    v.sort_by_key(|s| (s.start, s.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(v.len());
    for s in v {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// Prefixes of provider API keys (the catalogue's key formats, and cloud, VCS, chat and package
/// registry tokens): a prefix followed by at least 16 key characters that look random is masked
/// even when the format's marker, checksum or length does not match, so a made-up or mistyped
/// key never shows. Longer prefixes of the same family (`sk-proj-`, `sk-ant-api03-`) are covered
/// by the shorter one.
pub const KEY_PREFIXES: &[&str] = &[
    "sk-",
    "sk_",
    "rk_",
    "pk-lf-",
    "AIza",
    "api_org_",
    "fc-",
    "fw_",
    "gsk_",
    "hf_",
    "ls__",
    "lsv2_",
    "nvapi-",
    "pcsk_",
    "pplx-",
    "r8_",
    "tgp_v1_",
    "tvly-",
    "xai-",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "glpat-",
    "glptt-",
    "gldt-",
    "xoxa-",
    "xoxb-",
    "xoxp-",
    "xoxr-",
    "xoxs-",
    "xapp-",
    "npm_",
    "pypi-",
];

/// Prefixes whose keys are base64 (`+`, `/` and `=` belong to the key).
const BASE64_PREFIXES: &[&str] = &["ABSK", "bedrock-api-key-"];

/// AWS access key IDs: four letters and 16 upper-case base-32 characters.
const AWS_PREFIXES: &[&str] = &["AKIA", "ASIA", "ABIA", "ACCA"];

fn key_regex() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        let alt = |v: &[&str]| v.iter().map(|p| regex::escape(p)).collect::<Vec<_>>().join("|");
        let pattern = format!(
            r"(?-u:\b)(?:(?:{})[A-Za-z0-9_-]{{16,}}|(?:{})[A-Za-z0-9_+/=-]{{16,}}|(?:{})[A-Z0-9]{{16}}(?-u:\b))",
            alt(KEY_PREFIXES),
            alt(BASE64_PREFIXES),
            alt(AWS_PREFIXES),
        );
        Regex::new(&pattern).unwrap_or_else(|e| panic!("key-shaped token pattern: {e}"))
    })
}

/// Byte ranges of tokens shaped like a provider's API key: a known prefix and 16 or more key
/// characters with a digit or both letter cases (so `sk-spinner-double-bounce` or a run of
/// `xxxx` placeholders stay readable).
pub fn key_tokens(text: &str) -> Vec<Range<usize>> {
    key_regex()
        .find_iter(text)
        .filter(|m| {
            let s = m.as_str();
            let b = s.as_bytes();
            let aws = AWS_PREFIXES.iter().any(|p| s.starts_with(p));
            aws || b.iter().any(u8::is_ascii_digit)
                || (b.iter().any(u8::is_ascii_uppercase) && b.iter().any(u8::is_ascii_lowercase))
        })
        .map(|m| m.range())
        .collect()
}

/// `text` with its key-shaped tokens masked: for text quoted outside a finding (a charter line
/// in an error message).
pub fn mask_key_tokens(text: &str) -> String {
    let spans = key_tokens(text);
    if spans.is_empty() { text.to_string() } else { mask_spans(text, &spans) }
}

/// `text` with its key-shaped tokens masked in place: each mask is padded with spaces to the
/// token's byte length, so byte offsets into the text (a diagnostic's labels) stay valid. A
/// token too short for the mask keeps its edges and shows `*` between them.
pub fn mask_key_tokens_in_place(text: &str) -> String {
    let mut out = text.to_string();
    for r in key_tokens(text) {
        let token = &text[r.clone()];
        let m = mask(token);
        let shown = if m.len() <= token.len() {
            let pad = token.len() - m.len();
            format!("{m}{}", " ".repeat(pad))
        } else {
            format!("{}{}{}", &token[..4], "*".repeat(token.len() - 6), &token[token.len() - 2..])
        };
        out.replace_range(r, &shown);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_shape_with_edges_and_length() {
        let key = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789AA";
        assert_eq!(mask(key), "sk-ant…AA (51 chars)");
        assert_eq!(mask("FR7630006000011234567890189"), "FR7630…89 (27 chars)");
        assert_eq!(mask("Vt9kQ2mZx7LpR4"), "Vt9k…R4 (14 chars)");
        assert_eq!(mask("abcdefg"), "a…g (7 chars)");
        assert_eq!(mask("abc"), "… (3 chars)");
        assert_eq!(mask("é€ü漢字"), "é…字 (5 chars)");
    }

    #[test]
    fn masks_inside_text_merging_overlaps() {
        let t = "key = 'gsk_0123456789abcdef0123456789' # x";
        let s = t.find("gsk_").unwrap_or(0);
        let out = mask_spans(t, &[s + 4..s + 30, s..s + 10]);
        assert_eq!(out, "key = 'gsk_01…89 (30 chars)' # x");
        assert_eq!(mask_spans(t, std::slice::from_ref(&(0..1000))), t, "a span past the end is ignored");
    }

    #[test]
    fn key_shaped_tokens_of_known_prefixes() {
        let t = "a sk-proj-Ab12Cd34Ef56Gh78Ij90 b ghp_short c hf_AbCdEfGhIjKlMnOpQrSt d AKIAQX4B7ZP2MDKT5NWE";
        let found: Vec<&str> = key_tokens(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            found,
            ["sk-proj-Ab12Cd34Ef56Gh78Ij90", "hf_AbCdEfGhIjKlMnOpQrSt", "AKIAQX4B7ZP2MDKT5NWE"]
        );
        assert!(key_tokens("class sk-spinner-double-bounce-fade").is_empty());
        assert!(key_tokens("api_key=sk-xxxxxxxxxxxxxxxxxxxxxxxx").is_empty());
        assert!(key_tokens("task-Ab12Cd34Ef56Gh78Ij90 desk_Ab12Cd34Ef56Gh78Ij90").is_empty());
        assert_eq!(
            mask_key_tokens("token: sk-proj-AbCdEf0123456789GhIjKlMnOpQrStUvWx # note"),
            "token: sk-pro…Wx (42 chars) # note"
        );
        let line = "token: sk-proj-AbCdEf0123456789GhIjKlMnOpQrStUvWx # note";
        let fixed = mask_key_tokens_in_place(line);
        assert_eq!(fixed.len(), line.len());
        assert_eq!(fixed, format!("token: sk-pro…Wx (42 chars){} # note", " ".repeat(20)));
        assert_eq!(mask_key_tokens_in_place("k: r8_Ab12Cd34Ef56Gh78"), "k: r8_A*************78");
    }
}
