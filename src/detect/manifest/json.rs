//! JSON manifests: package.json and composer.json.

use super::*;

pub(super) fn package_json(text: &str, out: &mut Out) {
    let sections = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];
    json_keys(text, out, &sections, |_| true);
}

/// Platform requirements (`php`, `ext-json`) are the only names without a vendor `/`.
pub(super) fn composer_json(text: &str, out: &mut Out) {
    json_keys(text, out, &["require", "require-dev"], |name| name.contains('/'));
}

/// Keys of the top-level objects named in `sections`. The scan tracks nesting, so the same
/// names deeper down (`"overrides": {"dependencies": ...}`) and values do not count.
pub(super) fn json_keys(text: &str, out: &mut Out, sections: &[&str], keep: fn(&str) -> bool) {
    struct Frame {
        object: bool,
        section: bool,
        want_key: bool,
    }
    let b = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let (mut i, mut last_key) = (0, "");
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                let Some((span, end)) = quoted(b, i, true) else {
                    break;
                };
                let s = text.get(span).unwrap_or("");
                let depth = stack.len();
                if let Some(top) = stack.last_mut().filter(|f| f.object && f.want_key) {
                    top.want_key = false;
                    if depth == 1 {
                        last_key = s;
                    } else if depth == 2 && top.section && keep(s) {
                        out.add(s);
                    }
                }
                i = end;
                continue;
            }
            b'{' | b'[' => {
                let section = c == b'{' && stack.len() == 1 && sections.contains(&last_key);
                stack.push(Frame { object: c == b'{', section, want_key: c == b'{' });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    top.want_key = top.object;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

// ---- Go ----------------------------------------------------------------------------------
