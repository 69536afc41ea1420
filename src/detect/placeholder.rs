//! Evidence that is not a use: placeholder hosts of SDK documentation
// charterlint: allow-file SHADOW002, SHADOW008 -- tests plant AI hosts, imports and constructors on purpose
//! (`{your-endpoint}.openai.azure.com`, `<resource>.openai.azure.com`) and text in comments and
//! docstrings. The detectors that find AI use lower such hits to info.

use std::ops::Range;

use crate::unit::Unit;

/// Words that mark the label before an API host as a placeholder to fill in, not a resource.
const PLACEHOLDER_WORDS: &[&str] =
    &["your", "example", "placeholder", "xxx", "resource-name", "resource_name", "my-resource", "contoso"];

/// Whether the host at `span` (subdomains included) is a placeholder: its leading labels, with
/// the template characters around them, hold `<…>` or a fill-in word (`YOUR_RESOURCE_NAME`).
/// `{resource}` alone is a template variable of real code, not a placeholder.
pub fn is_placeholder_host(text: &str, span: &Range<usize>) -> bool {
    let bytes = text.as_bytes();
    let mut start = span.start.min(bytes.len());
    while start > 0
        && (bytes[start - 1].is_ascii_alphanumeric()
            || matches!(
                bytes[start - 1],
                b'_' | b'-' | b'.' | b'{' | b'}' | b'<' | b'>' | b'$' | b'%' | b'[' | b']'
            ))
    {
        start -= 1;
    }
    let end = span.end.min(bytes.len());
    let region = String::from_utf8_lossy(&bytes[start..end]).to_ascii_lowercase();
    region.contains('<') || PLACEHOLDER_WORDS.iter().any(|w| region.contains(w))
}

/// The comment syntax of a source file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Comments {
    Hash,
    Slash,
    Both,
    None,
}

fn comments_of(rel_path: &str) -> Comments {
    let ext = rel_path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "py" | "pyi" | "rb" | "sh" | "bash" | "zsh" | "r" | "pl" | "yaml" | "yml" | "toml" | "ex" | "exs"
        | "cfg" | "ini" | "conf" | "env" => Comments::Hash,
        "js" | "mjs" | "cjs" | "jsx" | "ts" | "tsx" | "mts" | "cts" | "go" | "java" | "kt" | "kts"
        | "scala" | "cs" | "rs" | "c" | "h" | "cc" | "cpp" | "hpp" | "swift" | "dart" | "vue" | "svelte"
        | "jsonc" => Comments::Slash,
        "php" => Comments::Both,
        _ => Comments::None,
    }
}

/// Whether byte `at` of a code unit lies in a comment (a line comment, a block-comment line
/// starting with `*`), or in a Python docstring.
pub fn in_comment(unit: &Unit<'_>, at: usize) -> bool {
    let text = unit.text;
    let at = at.min(text.len());
    let style = comments_of(unit.rel_path);
    if style == Comments::None {
        return false;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..at];
    let trimmed = prefix.trim_start();
    if trimmed.starts_with("/*") || trimmed.starts_with("* ") || trimmed == "*" {
        return style != Comments::Hash;
    }
    if line_comment_before(prefix, style) {
        return true;
    }
    let py = unit.rel_path.ends_with(".py") || unit.rel_path.ends_with(".pyi");
    py && in_docstring(&text[..at])
}

/// Whether a line comment opens before the end of `prefix`, outside string literals.
fn line_comment_before(prefix: &str, style: Comments) -> bool {
    let b = prefix.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) => {
                if c == b'\\' {
                    i += 1;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                b'"' | b'\'' | b'`' => quote = Some(c),
                b'#' if matches!(style, Comments::Hash | Comments::Both) => return true,
                b'/' if matches!(style, Comments::Slash | Comments::Both) && b.get(i + 1) == Some(&b'/') => {
                    return true;
                }
                _ => {}
            },
        }
        i += 1;
    }
    false
}

/// Whether the end of `before` lies inside a Python triple-quoted string that starts a
/// statement (a docstring), counted from the start of the file.
fn in_docstring(before: &str) -> bool {
    let mut open: Option<&str> = None;
    let mut docstring = false;
    let mut rest = before;
    let mut consumed = 0;
    loop {
        let next = match open {
            Some(q) => rest.find(q).map(|i| (i, q)),
            None => {
                let a = rest.find("\"\"\"");
                let b = rest.find("'''");
                match (a, b) {
                    (Some(a), Some(b)) if b < a => Some((b, "'''")),
                    (Some(a), _) => Some((a, "\"\"\"")),
                    (None, Some(b)) => Some((b, "'''")),
                    (None, None) => None,
                }
            }
        };
        let Some((i, q)) = next else { break };
        if open.is_some() {
            open = None;
        } else {
            let abs = consumed + i;
            let line_start = before[..abs].rfind('\n').map_or(0, |j| j + 1);
            docstring = before[line_start..abs].trim().is_empty();
            open = Some(q);
        }
        rest = &rest[i + 3..];
        consumed += i + 3;
    }
    open.is_some() && docstring
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit::{Kinds, Unit};

    fn host_span(text: &str, host: &str) -> Range<usize> {
        let i = text.find(host).unwrap_or(0);
        i..i + host.len()
    }

    #[test]
    fn placeholder_hosts() {
        for t in [
            "https://{your-endpoint}.openai.azure.com/",
            "https://<resource>.openai.azure.com/",
            "https://YOUR_RESOURCE_NAME.openai.azure.com",
            "endpoint = \"https://my-resource.openai.azure.com\"",
        ] {
            assert!(is_placeholder_host(t, &host_span(t, "openai.azure.com")), "{t}");
        }
        for t in ["https://acme-prod.openai.azure.com/", "f\"https://{resource}.openai.azure.com\""] {
            assert!(!is_placeholder_host(t, &host_span(t, "openai.azure.com")), "{t}");
        }
        let t = "API = \"https://api.openai.com/v1\"";
        assert!(!is_placeholder_host(t, &host_span(t, "api.openai.com")));
    }

    fn at(path: &str, text: &str, needle: &str) -> bool {
        let u = Unit::file(path, path, text, Kinds::default());
        in_comment(&u, text.find(needle).unwrap_or(0))
    }

    #[test]
    fn comments_and_docstrings() {
        assert!(at("a.py", "x = 1  # calls api.openai.com\n", "api."));
        assert!(!at("a.py", "URL = \"https://api.openai.com\"  # ok\n", "api."));
        assert!(at("a.ts", "// see https://api.openai.com\nconst a = 1;\n", "api."));
        assert!(!at("a.ts", "const u = \"https://api.openai.com\";\n", "api."));
        assert!(at("A.java", "/**\n * Calls https://api.openai.com\n */\n", "api."));
        let doc = "def f():\n    \"\"\"Example:\n\n        client = AzureOpenAI(endpoint=\"https://x.openai.azure.com\")\n    \"\"\"\n    return 1\n";
        assert!(at("a.py", doc, "x.openai"));
        let prompt = "PROMPT = \"\"\"call api.openai.com\"\"\"\n";
        assert!(!at("a.py", prompt, "api."));
        assert!(!at("a.py", "a = \"\"\"x\"\"\"\nURL = 'https://api.openai.com'\n", "api."));
        assert!(!at("notes.md", "# api.openai.com\n", "api."));
    }
}
