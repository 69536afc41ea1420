//! The HTML both pages charterlint writes share (the charter rendered for people, the audit
//! report for a committee): escaping, and the head of a self-contained page whose Content
//! Security Policy lets the browser fetch nothing (no script, font, image or style sheet), so
//! the file can be mailed, archived and printed as it is.

use std::fmt::Write as _;

/// Text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Hidden characters (tag characters, bidi controls) would be invisible in a browser
            // and could reorder the text around them: show their code point instead.
            c if hidden(c) || (c.is_control() && c != '\n' && c != '\t') => {
                let _ = write!(out, "&lt;U+{:04X}&gt;", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

fn hidden(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{E0000}'..='\u{E007F}')
}

/// A page up to its open `<body>`: language, charset, the policy that fetches nothing, the
/// viewport, the generator, the title (escaped here) and the inline `css`. Void elements are
/// closed (`<meta … />`) so that the page also reads as XML.
pub fn page_head(lang: &str, title: &str, css: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
         <meta name=\"generator\" content=\"charterlint {}\" />\n<title>{}</title>\n<style>\n{}\n</style>\n</head>\n<body>\n",
        escape(lang),
        env!("CARGO_PKG_VERSION"),
        escape(title),
        css.trim_end(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_hidden_characters_are_escaped() {
        assert_eq!(escape("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
        assert_eq!(escape("a\u{202E}b\u{E0041}\tc"), "a&lt;U+202E&gt;b&lt;U+E0041&gt;\tc");
    }

    #[test]
    fn the_head_fetches_nothing_and_escapes_its_title() {
        let h = page_head("fr", "Charte <IA>", "body{margin:0}\n");
        assert!(h.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
        assert!(h.contains("default-src 'none'") && h.contains("<title>Charte &lt;IA&gt;</title>"));
        assert!(h.contains("<style>\nbody{margin:0}\n</style>") && h.ends_with("<body>\n"));
    }
}
