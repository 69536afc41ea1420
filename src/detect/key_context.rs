//! Keys with no marker of their own. A Mistral key is 32 letters and digits, an Azure OpenAI key
//! 32 hex digits: so are Chrome extension ids, hashes, ids in URLs and slices of base64 blobs.
//! Such a format is only a key where a key is written: right after its service's name on the
//! same line (`MISTRAL_API_KEY=…`), or after a key word (`api_key`, `Bearer`, `Authorization`)
//! with the service named shortly before.
// charterlint: allow-file SHADOW002, SHADOW005 -- tests plant a key variable and an API host on purpose

use std::ops::Range;

/// How far before the value its service's name may stand when the value is assigned to it.
const NEAR: usize = 40;
/// How far before the value the service's name may stand when a key word is nearer.
const CONTEXT: usize = 120;

/// Words that introduce a credential, lowercase.
const KEY_WORDS: [&str; 7] = ["key", "token", "secret", "bearer", "authorization", "credential", "password"];

/// Whether `key` at `span` of `text`, of a format whose keys carry no marker, stands where a
/// key of the service named by one of `context` (lowercase) is written.
pub fn written_as_key(text: &str, span: &Range<usize>, context: &[String]) -> bool {
    let key = &text[span.clone()];
    if is_extension_id(key) || is_camel_case_name(key) || inside_blob(text, span) {
        return false;
    }
    let before = window(text, span.start, CONTEXT).to_ascii_lowercase();
    let near = tail(&before, NEAR);
    if near.contains("chrome-extension://") || near.contains("/webstore/detail/") {
        return false;
    }
    let line = near.rsplit('\n').next().unwrap_or(near);
    if context.iter().any(|w| line.contains(w.as_str())) {
        return true;
    }
    KEY_WORDS.iter().any(|w| near.contains(w)) && context.iter().any(|w| before.contains(w.as_str()))
}

/// Chrome and Edge extension ids are 32 letters from `a` to `p` (a hash written in base 16 with
/// those letters); a random key of 62 symbols never is.
fn is_extension_id(key: &str) -> bool {
    key.len() == 32 && key.bytes().all(|b| (b'a'..=b'p').contains(&b))
}

/// A type or function name of capitalised words and nothing else (`ChatCompletionChoiceFinishReason`
/// imported from the `mistralai` package): a random key of 62 symbols has a digit in all but
/// one case of 280, and words of two or more lowercase letters after each capital almost never.
fn is_camel_case_name(key: &str) -> bool {
    let b = key.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_uppercase) || !b.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    // Each word: one capital, then at least two lowercase letters.
    b.split(u8::is_ascii_uppercase).skip(1).all(|w| w.len() >= 2)
}

/// A slice of a longer base64 value (a manifest's public `key`, a certificate) between `+`, `/`
/// or `=`: the regex's word boundaries let it match there.
fn inside_blob(text: &str, span: &Range<usize>) -> bool {
    let b = text.as_bytes();
    let blob = |c: u8| matches!(c, b'+' | b'/' | b'=');
    let before = span.start.checked_sub(1).map(|i| b[i]);
    let after = b.get(span.end).copied();
    // `KEY=value` is an assignment, `…AQAB/value+…` is not: `=` only counts after the value.
    before.is_some_and(|c| matches!(c, b'+' | b'/')) || after.is_some_and(blob)
}

/// The `len` bytes of `text` before `at`, widened to a character boundary.
fn window(text: &str, at: usize, len: usize) -> &str {
    let mut from = at.saturating_sub(len);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    &text[from..at]
}

fn tail(s: &str, len: usize) -> &str {
    let mut from = s.len().saturating_sub(len);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    &s[from..]
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "Qk8fZ3mX9vT2pL7nR4wB6yH1aD5sJ0cE";

    fn judge(text: &str) -> bool {
        let at = text.find(KEY).or_else(|| text.find("aaidboaeckiboobjhialkmehjganhbgk")).unwrap_or(0);
        written_as_key(text, &(at..at + 32), &["mistral".to_string(), "codestral".to_string()])
    }

    #[test]
    fn keys_where_keys_are_written() {
        assert!(judge(&format!("MISTRAL_API_KEY={KEY}\n")));
        assert!(judge(&format!("client = Mistral(api_key=\"{KEY}\")\n")));
        assert!(judge(&format!(
            "url: https://api.mistral.ai/v1/chat\nheaders:\n  Authorization: Bearer {KEY}\n"
        )));
        assert!(judge(&format!("mistral:\n  api_key: {KEY}\n")));
    }

    #[test]
    fn ids_hashes_and_blobs_are_not_keys() {
        let ids = "[{\"id\": \"fmcaajfefcndfcnlbecaiapijbjpjfge\", \"file\": \"mistral.webp\"},\n {\"id\": \"aaidboaeckiboobjhialkmehjganhbgk\"}]";
        assert!(!judge(ids), "Chrome extension id after a file named mistral");
        assert!(!judge("MISTRAL_EXTENSION=aaidboaeckiboobjhialkmehjganhbgk"), "a-p only");
        assert!(!judge(&format!("chrome-extension://{KEY}/popup.html # mistral helper")));
        assert!(!judge(&format!("\"key\": \"MIIBIjANBgkqhkiG9w0B+{KEY}/AQAB\" mistral")), "base64 slice");
        assert!(!judge(&format!("the mistral model card\n\n\n\n\n\nrevision: {KEY}\n")), "no key word");
        let name = "ChatCompletionChoiceFinishReason";
        let import = format!("from mistralai.client.models import {name}\n");
        let at = import.find(name).unwrap_or(0);
        assert!(!written_as_key(&import, &(at..at + 32), &["mistral".to_string()]), "a class name");
        assert!(is_camel_case_name("StreamWorkflowExecutionLogsEvent"));
        assert!(!is_camel_case_name(KEY) && !is_camel_case_name("QkfZmXvTpLnRwByHaDsJcEQkfZmXvTpL"));
    }
}
