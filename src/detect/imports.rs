//! The imports of a source file (Python, JavaScript, TypeScript): which local name stands
//! for which name of which module, so that the call graph resolves `score(…)` to the file
//! that defines it.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::oversight::re;
use super::scope::Lang;

/// Imports of one file: local name → (original name or `*` for a module, module path).
pub type Imports = HashMap<String, (String, String)>;

static PY_FROM: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[ \t]*from[ \t]+([A-Za-z0-9_.]+)[ \t]+import[ \t]+\(?([A-Za-z0-9_, \t]+)"));
static PY_IMPORT: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[ \t]*import[ \t]+([A-Za-z0-9_.]+)(?:[ \t]+as[ \t]+([A-Za-z0-9_]+))?[ \t]*$"));
static JS_IMPORT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"^[ \t]*import[ \t]+(?:type[ \t]+)?(?:([A-Za-z0-9_$]+)[ \t]*,?[ \t]*)?(?:\{([^}]*)\}|\*[ \t]+as[ \t]+([A-Za-z0-9_$]+))?[ \t]*from[ \t]+["']([^"']+)["']"#,
    )
});
static JS_REQUIRE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?:const|let|var)[ \t]+(?:\{([^}]*)\}|([A-Za-z0-9_$]+))[ \t]*=[ \t]*require\([ \t]*["']([^"']+)["']"#,
    )
});

/// The imports of `text`.
pub fn imports(lang: Lang, text: &str) -> Imports {
    let mut out = Imports::new();
    let norm = |m: &str| m.trim_start_matches(['.', '/']).replace("../", "").replace("./", "");
    for line in text.lines() {
        match lang {
            Lang::Python => {
                if let Some(c) = PY_FROM.captures(line) {
                    let module = c[1].trim_start_matches('.').replace('.', "/");
                    for item in c[2].split(',') {
                        let mut w = item.split_whitespace();
                        let (Some(orig), alias) = (w.next(), w.nth(1)) else { continue };
                        let local = alias.unwrap_or(orig);
                        out.insert(local.to_string(), (orig.to_string(), module.clone()));
                    }
                } else if let Some(c) = PY_IMPORT.captures(line) {
                    let local =
                        c.get(2).map_or_else(|| c[1].rsplit('.').next().unwrap_or(""), |m| m.as_str());
                    out.insert(local.to_string(), ("*".into(), c[1].replace('.', "/")));
                }
            }
            Lang::JavaScript | Lang::TypeScript | Lang::Tsx => {
                let (default, named, star, module) = if let Some(c) = JS_IMPORT.captures(line) {
                    (c.get(1), c.get(2), c.get(3), norm(&c[4]))
                } else if let Some(c) = JS_REQUIRE.captures(line) {
                    (c.get(2), c.get(1), None, norm(&c[3]))
                } else {
                    continue;
                };
                for m in default.iter().chain(star.iter()) {
                    out.insert(m.as_str().to_string(), ("*".into(), module.clone()));
                }
                for item in named.map_or("", |m| m.as_str()).split(',') {
                    let (orig, local) =
                        item.split_once(" as ").or_else(|| item.split_once(':')).unwrap_or((item, item));
                    let (orig, local) = (orig.trim(), local.trim());
                    if !orig.is_empty() && !local.is_empty() {
                        out.insert(local.to_string(), (orig.to_string(), module.clone()));
                    }
                }
            }
            _ => {}
        }
    }
    out
}
