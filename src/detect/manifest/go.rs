//! go.mod.

use super::*;

/// `require path version` lines and `require ( ... )` blocks; other blocks (`replace`,
/// `exclude`, `retract`, `tool`) name modules that are not requirements.
pub(super) fn go_mod(text: &str, out: &mut Out) {
    let mut block: Option<bool> = None; // inside `( ... )`: whether it is a require block
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("").trim();
        if let Some(require) = block {
            if code.starts_with(')') {
                block = None;
            } else if require {
                add_go_module(out, code);
            }
            continue;
        }
        let verb_end = skip_while(code.as_bytes(), 0, |c| c.is_ascii_alphabetic());
        let (verb, rest) = code.split_at_checked(verb_end).unwrap_or((code, ""));
        let rest = rest.trim_start();
        if rest.starts_with('(') {
            block = Some(verb == "require");
        } else if verb == "require" {
            add_go_module(out, rest);
        }
    }
}

pub(super) fn add_go_module(out: &mut Out, spec: &str) {
    if let Some(path) = spec.split_whitespace().next() {
        out.add(path.trim_matches(['"', '`']));
    }
}

// ---- XML (Maven, NuGet) ------------------------------------------------------------------
