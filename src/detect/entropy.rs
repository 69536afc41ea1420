//! Shannon entropy of a candidate secret, to tell a real key from `sk-xxxxxxxx` placeholders.

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
        .any(|p| lower.contains(p))
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
    }
}
