//! Shannon entropy of a candidate secret, to tell a real key from `sk-xxxxxxxx` placeholders.
// charterlint: allow-file SHADOW003 -- the tests hold random keys of real formats on purpose

/// Bits per character.
pub fn shannon(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    let mut n = 0u32;
    for b in s.bytes() {
        counts[b as usize] += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    let n = f64::from(n);
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

/// Whether a key is an obvious placeholder (`xxxx`, `0000`, `your-key-here`, `...`), which docs
/// and tests are full of.
pub fn is_placeholder(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    ["xxxx", "****", "....", "0000000", "your", "example", "placeholder", "dummy", "redacted"]
        .iter()
        .any(|p| lower.match_indices(p).any(|(at, _)| written_as_word(s.as_bytes(), at, p.len())))
}

/// Whether the letters at `at..at + len` are written as a word of their own: in one case
/// (`your`, `YOUR`, `Your`, `xxxx`) and not the middle of a run of letters (at the start, after
/// a digit or a sign, or where a capital starts a word: `getYourKey`). A random key holds
/// `YOuR` or `bxyourq` now and then (about one 64-character key in 15,000 holds `your` in some
/// case), and was taken for a placeholder. Words of signs or digits are words as they are.
fn written_as_word(s: &[u8], at: usize, len: usize) -> bool {
    let w = &s[at..at + len];
    if !w.iter().all(u8::is_ascii_alphabetic) {
        return true;
    }
    let lower = |c: &u8| c.is_ascii_lowercase();
    let one_case = w.iter().all(lower)
        || w.iter().all(u8::is_ascii_uppercase)
        || (w[0].is_ascii_uppercase() && w[1..].iter().all(lower));
    let starts =
        at == 0 || !s[at - 1].is_ascii_alphabetic() || (lower(&s[at - 1]) && w[0].is_ascii_uppercase());
    one_case && starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_separates_keys_from_placeholders() {
        assert!(shannon("aaaaaaaaaaaaaaaa") < 0.01);
        assert!((shannon("abcd") - 2.0).abs() < 1e-9);
        assert!(shannon("hf_kT3jYb9QwErTyUiOpAsDfGhJkLzXcVbNm12") > 4.0);
        assert!(is_placeholder("sk-proj-xxxxxxxxxxxxxxxxxxxx"));
        assert!(!is_placeholder("hf_kT3jYb9QwErTyUiOpAsDfGhJkLzXcVbNm"));
        // Fill-in words written as words are placeholders.
        for p in
            ["nvapi-YOUR_KEY_HERE", "sk-your-key-here", "hf_YourTokenHere", "sk-getYourKey", "r8_dummytoken"]
        {
            assert!(is_placeholder(p), "{p}");
        }
        assert!(is_placeholder("sk-proj-XXXXXXXXXXXXXXXXXXXXXXXX") && is_placeholder("sk-ant-...redacted"));
        // The same letters inside a random key are not (a real key's body, found by a property
        // test: `iYOuRAfg`).
        for k in [
            "nvapi-xSNVLmhDrAZ8jZfGRfg3GP1ubEQdihpIZCLXMlal4lD12iYOuRAfg8y3i9gJNfmy",
            "r8_Qm7bxyourq2LkP0aZ9tRvWc3nHdE5sJfG8hK1",
            "gsk_8fK2mXxXxQ1rT9sLbN4vC7zD0yHwE6uJpAoGiS3eR5tY2uI8oP1aS4dF7gH0",
        ] {
            assert!(!is_placeholder(k), "{k}");
        }
    }
}
