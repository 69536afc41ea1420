//! A TOML reader just deep enough to find dependency tables with their positions, and the manifests written in TOML: Cargo.toml and Gradle version catalogs.

use super::*;

/// The table headers and `key = value` entries of a TOML document: just enough structure to
/// find dependency tables, with keys as slices of the text and values as byte ranges.
pub(super) struct Toml<'t> {
    pub(super) tables: Vec<Vec<&'t str>>,
    pub(super) entries: Vec<TomlEntry<'t>>,
}

pub(super) struct TomlEntry<'t> {
    pub(super) table: usize,
    pub(super) keys: Vec<&'t str>,
    pub(super) value: Range<usize>,
}

impl<'t> Toml<'t> {
    /// Each entry with its full key path (table keys, then its own). Dependency paths are
    /// short; skipping long ones keeps a huge table header from being copied per entry.
    pub(super) fn paths(&self) -> impl Iterator<Item = (Vec<&'t str>, &TomlEntry<'t>)> {
        self.entries.iter().filter_map(|e| {
            let table = self.tables.get(e.table).map_or(&[][..], Vec::as_slice);
            let path = table.iter().chain(&e.keys).copied();
            (table.len() + e.keys.len() <= 8).then(|| (path.collect(), e))
        })
    }
}

pub(super) fn toml(text: &str) -> Toml<'_> {
    let b = text.as_bytes();
    let mut doc = Toml { tables: vec![Vec::new()], entries: Vec::new() };
    let mut i = 0;
    while i < b.len() {
        i = skip_blank(b, i);
        match b.get(i) {
            Some(b'[') => {
                let open = i + if b.get(i + 1) == Some(&b'[') { 2 } else { 1 };
                let (keys, end) = toml_keys(text, open);
                doc.tables.push(keys);
                i = end;
            }
            Some(b'#' | b'\n' | b'\r') | None => {}
            Some(_) => {
                let (keys, end) = toml_keys(text, i);
                let eq = skip_blank(b, end);
                i = end;
                if !keys.is_empty() && b.get(eq) == Some(&b'=') {
                    let start = skip_blank(b, eq + 1);
                    i = toml_value_end(b, start);
                    let table = doc.tables.len() - 1;
                    doc.entries.push(TomlEntry { table, keys, value: start..i });
                }
            }
        }
        i = line_after(b, i);
    }
    doc
}

/// A dotted key (`a."b.c".d`) from `i`: its parts and the position after it.
pub(super) fn toml_keys(text: &str, mut i: usize) -> (Vec<&str>, usize) {
    let b = text.as_bytes();
    let mut keys = Vec::new();
    loop {
        i = skip_blank(b, i);
        let span = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => match quoted(b, i, q == b'"') {
                Some((span, end)) => {
                    i = end;
                    span
                }
                None => break,
            },
            Some(&c) if c.is_ascii_alphanumeric() || c == b'-' || c == b'_' => {
                let start = i;
                i = skip_while(b, i, |c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_');
                start..i
            }
            _ => break,
        };
        keys.extend(text.get(span));
        i = skip_blank(b, i);
        if b.get(i) != Some(&b'.') {
            break;
        }
        i += 1;
    }
    (keys, i)
}

/// The end of the value starting at `i`: a string, or a (possibly multi-line) array or inline
/// table, or a bare scalar up to the line end, comma or closing bracket.
pub(super) fn toml_value_end(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' | b'\'' => {
                i = quoted(b, i, c == b'"').map_or(i + 1, |(_, end)| end);
                continue;
            }
            b'#' if depth > 0 => {
                i = skip_while(b, i, |c| c != b'\n');
                continue;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' if depth <= 1 => return if depth == 1 { i + 1 } else { i },
            b']' | b'}' => depth -= 1,
            b'#' | b'\n' | b',' if depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    i
}

pub(super) fn toml_string<'t>(text: &'t str, value: &Range<usize>) -> Option<&'t str> {
    let b = text.as_bytes();
    let q = *b.get(value.start).filter(|&&q| q == b'"' || q == b'\'')?;
    text.get(quoted(b, value.start, q == b'"')?.0)
}

/// The strings directly inside the array at `value`; those nested in inline tables
/// (`{include-group = "x"}`) or inner arrays are not requirements.
pub(super) fn toml_array_strings(text: &str, value: Range<usize>) -> Vec<&str> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    if b.get(value.start) != Some(&b'[') {
        return out;
    }
    let (mut i, mut depth) = (value.start + 1, 1usize);
    while i < value.end {
        let Some(&c) = b.get(i) else { break };
        match c {
            b'"' | b'\'' => {
                let Some((span, end)) = quoted(b, i, c == b'"') else {
                    break;
                };
                if depth == 1 {
                    out.extend(text.get(span));
                }
                i = end;
                continue;
            }
            b'#' => i = skip_while(b, i, |c| c != b'\n'),
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The `key = value` pairs of the inline table at `value`.
pub(super) fn toml_inline(text: &str, value: Range<usize>) -> Vec<(Vec<&str>, Range<usize>)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    if b.get(value.start) != Some(&b'{') {
        return out;
    }
    let trivia = |i| skip_while(b, i, |c| c.is_ascii_whitespace());
    let mut i = value.start + 1;
    while i < value.end {
        let (keys, end) = toml_keys(text, trivia(i));
        let eq = skip_blank(b, end);
        if keys.is_empty() || b.get(eq) != Some(&b'=') {
            break;
        }
        let start = skip_blank(b, eq + 1);
        i = toml_value_end(b, start);
        out.push((keys, start..i));
        i = trivia(i);
        if b.get(i) != Some(&b',') {
            break;
        }
        i += 1;
    }
    out
}

/// A dependency named by its key in a TOML table (Cargo, Poetry, Pipfile, version catalogs),
/// with the string fields TOML lets it spread over an inline table, dotted keys
/// (`foo.package = "x"`) or a table of its own (`[dependencies.foo]`).
pub(super) struct Keyed<'t> {
    pub(super) key: &'t str,
    pub(super) value: Option<&'t str>,
    pub(super) fields: Vec<(&'t str, &'t str)>,
}

impl<'t> Keyed<'t> {
    pub(super) fn field(&self, name: &str) -> Option<&'t str> {
        self.fields.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    }
}

/// The dependencies keyed in tables that `table` recognises: given a full key path, it returns
/// the length of the dependency-table prefix, the next key being the dependency.
pub(super) fn toml_keyed<'t>(
    text: &'t str,
    doc: &Toml<'t>,
    table: fn(&[&str]) -> Option<usize>,
) -> Vec<Keyed<'t>> {
    let mut deps: Vec<Keyed> = Vec::new();
    let mut seen: HashMap<Vec<&str>, usize> = HashMap::new();
    let headers = doc.tables.iter().map(|t| (t.clone(), None));
    let entries = doc.paths().map(|(path, e)| (path, Some(e.value.clone())));
    for (path, value) in headers.chain(entries) {
        let Some(k) = table(&path) else { continue };
        let (Some(&key), Some(id)) = (path.get(k), path.get(..=k)) else {
            continue;
        };
        let at = *seen.entry(id.to_vec()).or_insert_with(|| {
            deps.push(Keyed { key, value: None, fields: Vec::new() });
            deps.len() - 1
        });
        let (Some(dep), Some(value)) = (deps.get_mut(at), value) else {
            continue;
        };
        match path.get(k + 1..).unwrap_or(&[]) {
            [] => match toml_string(text, &value) {
                Some(s) => dep.value = Some(s),
                None => {
                    for (keys, v) in toml_inline(text, value) {
                        if let ([field], Some(s)) = (keys.as_slice(), toml_string(text, &v)) {
                            dep.fields.push((*field, s));
                        }
                    }
                }
            },
            [field] => dep.fields.extend(toml_string(text, &value).map(|s| (*field, s))),
            _ => {}
        }
    }
    deps
}

/// A renamed crate (`llm = { package = "llm-chain" }`) is reported as the real crate, at its
/// `package` value.
pub(super) fn cargo(text: &str, out: &mut Out) {
    for dep in toml_keyed(text, &toml(text), cargo_table) {
        out.add(dep.field("package").unwrap_or(dep.key));
    }
}

pub(super) fn cargo_table(path: &[&str]) -> Option<usize> {
    let deps = |s: &str| {
        matches!(s, "dependencies" | "dev-dependencies" | "build-dependencies")
            || matches!(s, "dev_dependencies" | "build_dependencies")
    };
    match path {
        ["workspace", "dependencies", ..] => Some(2),
        ["target", _, d, ..] if deps(d) => Some(3),
        [d, ..] if deps(d) => Some(1),
        _ => None,
    }
}

/// Gradle `libs.versions.toml` `[libraries]`: `"g:a:v"`, `{ module = "g:a" }` or
/// `{ group = "g", name = "a" }`.
pub(super) fn version_catalog(text: &str, out: &mut Out) {
    let table = |path: &[&str]| matches!(path, ["libraries", ..]).then_some(1);
    for dep in toml_keyed(text, &toml(text), table) {
        if let Some(ga) = dep.value.or(dep.field("module")).and_then(coordinate) {
            out.add(ga);
        } else if let Some(name) = dep.field("name") {
            out.add_as(name, dep.field("group").map_or(name.to_string(), |g| format!("{g}:{name}")));
        }
    }
}

/// The `group:artifact` prefix of a `group:artifact[:version[:classifier]][@ext]` string.
pub(super) fn coordinate(s: &str) -> Option<&str> {
    let ok = |p: &str| !p.is_empty() && p.bytes().all(|c| is_name_byte(c) || b"${}".contains(&c));
    let (group, rest) = s.split_once(':')?;
    let artifact = rest.split([':', '@']).next()?;
    (ok(group) && ok(artifact)).then(|| s.get(..group.len() + 1 + artifact.len()))?
}

// ---- JSON --------------------------------------------------------------------------------
