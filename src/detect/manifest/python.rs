//! Python manifests: requirements files, pyproject.toml, Pipfile, setup.cfg, setup.py, conda environments.

use super::*;

/// The project name at the start of a PEP 508 requirement or conda spec
/// (`name[extras] op version ; marker`). A path, URL, archive or option gives `None`.
pub(super) fn req_name(spec: &str) -> Option<&str> {
    let b = spec.as_bytes();
    let start = skip_blank(b, 0);
    let end = skip_while(b, start, is_name_byte);
    let name = spec.get(start..end)?;
    let alnum_ends = |n: &str| {
        n.bytes().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && n.bytes().last().is_some_and(|c| c.is_ascii_alphanumeric())
    };
    let follows_name = b.get(end).is_none_or(|c| c.is_ascii_whitespace() || b"[(<>=!~;@,\\".contains(c));
    let lower = name.to_ascii_lowercase();
    let archive = [".whl", ".zip", ".gz", ".bz2", ".xz", ".tgz", ".egg"].iter().any(|e| lower.ends_with(e));
    (alnum_ends(name) && follows_name && !archive).then_some(name)
}

pub(super) fn add_req(out: &mut Out, spec: &str) {
    if let Some(name) = req_name(spec) {
        out.add(name);
    }
}

/// `line` without its `#` comment; `#` starts one only at the line start or after whitespace,
/// so URL fragments like `#egg=` survive.
pub(super) fn strip_hash_comment(line: &str) -> &str {
    let b = line.as_bytes();
    let cut = (0..b.len()).find(|&i| b[i] == b'#' && (i == 0 || b[i - 1].is_ascii_whitespace()));
    line.get(..cut.unwrap_or(b.len())).unwrap_or(line)
}

// ---- Python ------------------------------------------------------------------------------

pub(super) fn requirements(text: &str, out: &mut Out) {
    let mut continued = false;
    for line in text.lines() {
        // pip joins `\`-continued lines first, so a continuation never starts a requirement.
        if std::mem::replace(&mut continued, line.ends_with('\\')) {
            continue;
        }
        add_requirement_line(out, strip_hash_comment(line));
    }
}

/// One requirements-file line without its comment: a requirement, an option, or a URL.
pub(super) fn add_requirement_line(out: &mut Out, line: &str) {
    let spec = line.trim_start();
    if spec.starts_with('-') {
        // Options are not dependencies, but an editable VCS install may name one.
        if spec.starts_with("-e") || spec.starts_with("--editable") {
            add_egg(out, spec);
        }
    } else if let Some(name) = req_name(spec) {
        out.add(name);
    } else {
        add_egg(out, spec);
    }
}

/// `git+https://host/repo.git#egg=name&subdirectory=x` names `name`.
pub(super) fn add_egg(out: &mut Out, spec: &str) {
    if let Some(at) = spec.find("#egg=").map(|p| p + 5) {
        let end = skip_while(spec.as_bytes(), at, is_name_byte);
        out.add(spec.get(at..end).unwrap_or(""));
    }
}

pub(super) fn pyproject(text: &str, out: &mut Out) {
    let doc = toml(text);
    for (path, e) in doc.paths() {
        if is_pep508_list(&path) {
            for spec in toml_array_strings(text, e.value.clone()) {
                add_req(out, spec);
            }
        }
    }
    for dep in toml_keyed(text, &doc, poetry_table) {
        if !dep.key.eq_ignore_ascii_case("python") {
            out.add(dep.key);
        }
    }
}

pub(super) fn is_pep508_list(path: &[&str]) -> bool {
    matches!(
        path,
        ["project", "dependencies"]
            | ["project", "optional-dependencies", _]
            | ["dependency-groups", _]
            | ["tool", "uv", "dev-dependencies"]
            | ["tool", "pdm", "dev-dependencies", _]
            | ["tool", "hatch", "envs", _, "dependencies" | "extra-dependencies"]
    )
}

pub(super) fn poetry_table(path: &[&str]) -> Option<usize> {
    match path {
        ["tool", "poetry", "dependencies" | "dev-dependencies", ..] => Some(3),
        ["tool", "poetry", "group", _, "dependencies", ..] => Some(5),
        _ => None,
    }
}

pub(super) fn pipfile(text: &str, out: &mut Out) {
    let table = |path: &[&str]| matches!(path, ["packages" | "dev-packages", ..]).then_some(1);
    for dep in toml_keyed(text, &toml(text), table) {
        out.add(dep.key);
    }
}

/// INI: `install_requires`/`tests_require` in `[options]` and every key of
/// `[options.extras_require]`, each value on its key's line and/or indented lines below.
pub(super) fn setup_cfg(text: &str, out: &mut Out) {
    let (mut section, mut collecting) = ("", false);
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        let value = if trimmed.len() < line.len() {
            if !collecting {
                continue;
            }
            trimmed
        } else if let Some(rest) = line.strip_prefix('[') {
            section = rest.split(']').next().unwrap_or("").trim();
            collecting = false;
            continue;
        } else {
            // `=` first: a value's environment marker may hold a `:`.
            let Some((key, value)) = line.split_once('=').or_else(|| line.split_once(':')) else {
                collecting = false;
                continue;
            };
            let key = key.trim();
            collecting = section == "options.extras_require"
                || (section == "options" && matches!(key, "install_requires" | "tests_require"));
            value
        };
        if collecting {
            for spec in split_top_commas(value) {
                add_req(out, spec);
            }
        }
    }
}

/// Splits on commas outside brackets, so `foo[a,b]>=1` stays whole.
pub(super) fn split_top_commas(s: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0usize, 0);
    for (i, c) in s.bytes().enumerate() {
        match c {
            b'[' | b'(' => depth += 1,
            b']' | b')' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => {
                parts.extend(s.get(start..i));
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.extend(s.get(start..));
    parts
}

/// String literals in the bracketed value of `install_requires=`, `extras_require=` and
/// `tests_require=` (also as `"install_requires": [...]` dict entries). A variable value is
/// not followed.
pub(super) fn setup_py(text: &str, out: &mut Out) {
    let b = text.as_bytes();
    for keyword in ["install_requires", "extras_require", "tests_require"] {
        let (mut from, mut scanned, mut commented) = (0, 0, false);
        while let Some(p) = find_from(text, from, keyword) {
            from = p + keyword.len();
            // Whether a `#` precedes `p` on its line, updated over each byte once: stays linear.
            for &c in b.get(scanned..p).unwrap_or(&[]) {
                commented = (commented || c == b'#') && c != b'\n';
            }
            scanned = p;
            let word_start = p.checked_sub(1).and_then(|q| b.get(q)).is_none_or(|&c| !is_ident_byte(c));
            if commented || !word_start {
                continue;
            }
            let mut i = from + usize::from(matches!(b.get(from), Some(b'"' | b'\'')));
            i = skip_while(b, i, |c| c.is_ascii_whitespace());
            if !matches!(b.get(i), Some(b'=' | b':')) {
                continue;
            }
            i = skip_while(b, i + 1, |c| c.is_ascii_whitespace());
            // `extras_require=dict(dev=[...])`: keyword keys are not strings, so no harm.
            if text.get(i..).is_some_and(|r| r.starts_with("dict(")) {
                i += 4;
            }
            if matches!(b.get(i), Some(b'[' | b'(' | b'{')) {
                from = python_literal_strings(text, i, out);
            }
        }
    }
}

/// Adds the requirement strings in the bracketed Python literal opening at `open`, skipping
/// dict keys (`"dev": [...]`) and comments; returns the position after it.
pub(super) fn python_literal_strings(text: &str, open: usize, out: &mut Out) -> usize {
    let b = text.as_bytes();
    let (mut i, mut depth) = (open, 0usize);
    while let Some(&c) = b.get(i) {
        match c {
            b'[' | b'(' | b'{' => depth += 1,
            b']' | b')' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            b'#' => i = skip_while(b, i, |c| c != b'\n'),
            b'"' | b'\'' => {
                let Some((span, end)) = quoted(b, i, true) else {
                    break;
                };
                if b.get(skip_while(b, end, |c| c.is_ascii_whitespace())) != Some(&b':') {
                    add_req(out, text.get(span).unwrap_or(""));
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// conda `environment.yml`: the top-level `dependencies:` list, including its `- pip:` list.
/// Conda names are PyPI-like; `python` there is the interpreter, not a dependency.
pub(super) fn conda(text: &str, out: &mut Out) {
    let (mut in_deps, mut pip_indent) = (false, None);
    for line in text.lines() {
        let code = strip_hash_comment(line).trim_end();
        let item = code.trim_start();
        let indent = code.len() - item.len();
        if item.is_empty() {
            continue;
        }
        if indent == 0 && !item.starts_with('-') {
            in_deps = item.starts_with("dependencies:");
            pip_indent = None;
            continue;
        }
        let Some(value) = item.strip_prefix('-').map(str::trim_start) else {
            continue;
        };
        if !in_deps {
            continue;
        }
        let value = unquote(value);
        if pip_indent.is_some_and(|p| indent > p) {
            add_requirement_line(out, value);
            continue;
        }
        pip_indent = None;
        if value.strip_suffix(':').is_some_and(|v| v.trim_end() == "pip") {
            pip_indent = Some(indent);
            continue;
        }
        let spec = value.split_once("::").map_or(value, |(_channel, s)| s);
        if let Some(name) = req_name(spec).filter(|n| !n.eq_ignore_ascii_case("python")) {
            out.add(name);
        }
    }
}

pub(super) fn unquote(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(&q @ (b'"' | b'\'')) => s.get(1..).and_then(|r| r.split(q as char).next()).unwrap_or(s),
        _ => s,
    }
}

// ---- TOML --------------------------------------------------------------------------------
