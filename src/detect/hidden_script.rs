//! Zero-width characters that are ordinary text in their script. Khmer, Thai, Lao, Myanmar and
//! other scripts written without spaces mark word boundaries with ZERO WIDTH SPACE (a localised
//! string often ends with two); Persian, Arabic and the Indic scripts use ZERO WIDTH NON-JOINER
//! and JOINER to choose letter forms; Mongolian has its own vowel separator. A short run of those
//! characters next to a letter of such a script is how the text is written, not a payload.

/// Which zero-width characters a script uses as part of its ordinary spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Uses {
    /// Word separators and shaping controls: the scripts of South-East Asia and Tibet.
    SeparatorsAndJoiners,
    /// Line-break hints only: Chinese and Japanese text.
    Separators,
    /// Shaping controls: Arabic-script, Syriac, N'Ko and the Indic scripts.
    Joiners,
    /// Shaping controls and the vowel separator U+180E.
    Mongolian,
}

fn script_use(c: char) -> Option<Uses> {
    Some(match u32::from(c) {
        // Thai, Lao, Tibetan, Myanmar (and its extensions), Khmer (and Khmer symbols), Tai Le,
        // New Tai Lue, Tai Tham, Balinese, Javanese.
        0x0E00..=0x0FFF
        | 0x1000..=0x109F
        | 0xA9E0..=0xA9FF
        | 0xAA60..=0xAA7F
        | 0x1780..=0x17FF
        | 0x19E0..=0x19FF
        | 0x1950..=0x19DF
        | 0x1A20..=0x1AAF
        | 0x1B00..=0x1B7F
        | 0xA980..=0xA9DF => Uses::SeparatorsAndJoiners,
        // CJK punctuation, kana, CJK ideographs (and extension A), fullwidth forms.
        0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF00..=0xFF9F => Uses::Separators,
        // Arabic (and supplement, extended), Syriac, Thaana, N'Ko, the Indic scripts from
        // Devanagari to Sinhala, Devanagari extended, Arabic presentation forms.
        0x0600..=0x07FF
        | 0x0860..=0x08FF
        | 0x0900..=0x0DFF
        | 0xA8E0..=0xA8FF
        | 0xFB50..=0xFDFF
        | 0xFE70..=0xFEFE => Uses::Joiners,
        0x1800..=0x18AF => Uses::Mongolian,
        _ => return None,
    })
}

fn used_by(script: Uses, c: char) -> bool {
    match script {
        Uses::SeparatorsAndJoiners => matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}'),
        Uses::Separators => matches!(c, '\u{200B}' | '\u{2060}'),
        Uses::Joiners => matches!(c, '\u{200C}' | '\u{200D}'),
        Uses::Mongolian => matches!(c, '\u{200C}' | '\u{200D}' | '\u{180E}'),
    }
}

/// Longest run a script's ordinary spelling leaves: a separator doubled at the end of a
/// localised string, a non-joiner next to a joiner. Longer runs carry bits, whatever the script.
const ORDINARY_MAX: usize = 3;

/// Whether the invisible `run` at `start..end` of `text` is ordinary spelling of the script of
/// the letter just before or just after it.
pub fn ordinary(text: &str, start: usize, end: usize, run: &[char]) -> bool {
    if run.len() > ORDINARY_MAX {
        return false;
    }
    let before = text[..start].chars().next_back().and_then(script_use);
    let after = text[end..].chars().next().and_then(script_use);
    [before, after].into_iter().flatten().any(|s| run.iter().all(|&c| used_by(s, c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> bool {
        let start = text.find(|c: char| matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{180E}'));
        let Some(start) = start else { return false };
        let run: Vec<char> = text[start..]
            .chars()
            .take_while(|c| matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{180E}'))
            .collect();
        let end = start + run.iter().map(|c| c.len_utf8()).sum::<usize>();
        ordinary(text, start, end, &run)
    }

    #[test]
    fn script_spelling_is_ordinary() {
        assert!(check("ចុច\u{200B}ដើម្បី\u{200B}\u{200B}\n"), "Khmer word separators");
        assert!(check("ภาษา\u{200B}ไทย"), "Thai");
        assert!(check("می\u{200C}خواهم"), "Persian non-joiner");
        assert!(check("क्\u{200D}ष"), "Devanagari joiner");
        assert!(check("日本語\u{200B}テキスト"), "Japanese line-break hint");
        assert!(check("ᠬᠠᠭᠠᠨ\u{180E}ᠠ"), "Mongolian vowel separator");
    }

    #[test]
    fn other_runs_are_not() {
        assert!(!check("plain\u{200B}\u{200B}text"), "no script that spells with it");
        assert!(!check("ភាសា\u{200B}\u{200C}\u{200B}\u{200C}ខ្មែរ"), "too long to be spelling");
        assert!(!check("日本\u{200C}\u{200D}語"), "CJK text has no shaping controls");
        assert!(!check("سلام\u{200B}\u{200B}"), "Arabic has no word separators");
    }
}
