//! Gradle build scripts, Groovy and Kotlin DSL.

use super::*;

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Tok<'t> {
    Ident(&'t str),
    Str(&'t str),
    Punct(u8),
}

/// Groovy/Kotlin tokens, without comments; string contents are kept whole, so a dependency
/// line quoted inside a string is not mistaken for one.
pub(super) fn gradle_tokens(text: &str) -> Vec<Tok<'_>> {
    let b = text.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'$';
    let (mut toks, mut i) = (Vec::new(), 0);
    while let Some(&c) = b.get(i) {
        match (c, b.get(i + 1)) {
            (b'/', Some(b'/')) => i = skip_while(b, i, |c| c != b'\n'),
            (b'/', Some(b'*')) => i = find_from(text, i + 2, "*/").map_or(b.len(), |p| p + 2),
            (b'"' | b'\'', _) => {
                let Some((span, end)) = quoted(b, i, true) else {
                    break;
                };
                toks.push(Tok::Str(text.get(span).unwrap_or("")));
                i = end;
            }
            _ if ident(c) => {
                let start = i;
                i = skip_while(b, i, ident);
                toks.push(Tok::Ident(text.get(start..i).unwrap_or("")));
            }
            _ => {
                if c.is_ascii_punctuation() {
                    toks.push(Tok::Punct(c));
                }
                i += 1;
            }
        }
    }
    toks
}

/// Dependency declarations: a configuration name (`implementation`, `testApi`, `kapt`...)
/// followed, with or without parentheses and `platform(...)`-style wrappers, by coordinate
/// strings or by `group:`/`name:` map notation. `project(...)` and catalog references
/// (`libs.x`) are skipped: the catalog is read on its own.
pub(super) fn gradle(text: &str, out: &mut Out) {
    let toks = gradle_tokens(text);
    for (i, tok) in toks.iter().enumerate() {
        let after_dot = i.checked_sub(1).and_then(|p| toks.get(p)) == Some(&Tok::Punct(b'.'));
        let is_config = match *tok {
            Tok::Ident(w) => !after_dot && is_gradle_config(w),
            // Kotlin DSL for configurations created at run time: `"kaptTest"("g:a:v")`.
            Tok::Str(w) => toks.get(i + 1) == Some(&Tok::Punct(b'(')) && is_gradle_config(w),
            Tok::Punct(_) => false,
        };
        if !is_config {
            continue;
        }
        let mut j = i + 1;
        while let Some(Tok::Punct(b'(') | Tok::Ident("platform" | "enforcedPlatform" | "testFixtures")) =
            toks.get(j)
        {
            j += 1;
        }
        gradle_arguments(toks.get(j..).unwrap_or(&[]), out);
    }
}

pub(super) fn gradle_arguments(mut rest: &[Tok], out: &mut Out) {
    let (mut group, mut name) = (None, None);
    loop {
        match rest {
            [Tok::Str(s), tail @ ..] => {
                out.add(coordinate(s).unwrap_or(""));
                rest = tail;
            }
            [Tok::Ident(key), Tok::Punct(b':' | b'='), Tok::Str(v), tail @ ..] => {
                match *key {
                    "group" => group = Some(*v),
                    "name" => name = Some(*v),
                    _ => {}
                }
                rest = tail;
            }
            _ => break,
        }
        match rest {
            [Tok::Punct(b','), tail @ ..] => rest = tail,
            _ => break,
        }
    }
    if let Some(name) = name {
        out.add_as(name, group.map_or(name.to_string(), |g| format!("{g}:{name}")));
    }
}

pub(super) fn is_gradle_config(w: &str) -> bool {
    const EXACT: &[&str] = &[
        "api",
        "implementation",
        "compile",
        "compileOnly",
        "compileOnlyApi",
        "runtime",
        "runtimeOnly",
        "annotationProcessor",
        "kapt",
        "ksp",
        "classpath",
        "developmentOnly",
        "coreLibraryDesugaring",
    ];
    const SUFFIXES: &[&str] =
        &["Implementation", "Api", "CompileOnly", "RuntimeOnly", "Compile", "AnnotationProcessor"];
    let variant = |prefix: &str| {
        w.strip_prefix(prefix).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase()))
    };
    EXACT.contains(&w)
        || SUFFIXES.iter().any(|s| w.len() > s.len() && w.ends_with(s))
        || variant("kapt")
        || variant("ksp")
}

// ---- Ruby --------------------------------------------------------------------------------
