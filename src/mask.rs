//! Masking of secrets and personal data: every output shows the kind and a few edge
//! characters, never the whole value. The masked text keeps its length in characters, so spans
//! computed on the original still point at the right columns.

/// `sk-proj-AbCd…9xYz` → `sk-p**********Yz`: a few leading characters (which carry the
/// provider's prefix) and the last two survive.
pub fn mask(s: &str) -> String {
    let n = s.chars().count();
    let (head, tail) = match n {
        0..=4 => (0, 0),
        5..=11 => (1, 1),
        12..=23 => (4, 2),
        _ => (6, 2),
    };
    s.chars().enumerate().map(|(i, c)| if i < head || i >= n - tail { c } else { '*' }).collect()
}

/// A short masked form for messages: `sk-ant…AA (108 chars)`.
pub fn short(s: &str) -> String {
    let n = s.chars().count();
    if n < 12 {
        return mask(s);
    }
    let head: String = s.chars().take(6).collect();
    let tail: String = s.chars().skip(n - 2).collect();
    format!("{head}…{tail} ({n} chars)")
}

/// Replaces the byte ranges `spans` of `text` (sorted, non-overlapping, on char boundaries)
/// with their masked form.
pub fn mask_spans(text: &str, spans: &[std::ops::Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in spans {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_length_and_edges_only() {
        let key = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789AA";
        let m = mask(key);
        assert_eq!(m.chars().count(), key.chars().count());
        assert!(m.starts_with("sk-ant") && m.ends_with("AA"));
        assert!(!m.contains("abcdefghij"));
        assert_eq!(mask("abc"), "***");
        assert_eq!(short(key), "sk-ant…AA (51 chars)");
    }

    #[test]
    fn masks_inside_text() {
        let t = "key = 'gsk_0123456789abcdef0123456789' # x";
        let s = t.find("gsk_").unwrap_or(0);
        let e = s + 30;
        let out = mask_spans(t, std::slice::from_ref(&(s..e)));
        assert_eq!(out.len(), t.len());
        assert!(out.starts_with("key = 'gsk_01") && out.ends_with("89' # x"));
        assert!(!out.contains("456789abcdef"));
    }
}
