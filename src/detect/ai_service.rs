//! Detectors of AI services in repositories: SDKs in manifests, API hosts, API-key variables,
//! API keys, and configuration files of AI coding assistants.

use std::ops::Range;

use super::{Context, Detect, Hit, Scratch, Uses, entropy, fold_by_service, manifest, placeholder};
use crate::catalog::hosts::on_label_boundary;
use crate::finding::Severity;
use crate::rules::Rule;
use crate::unit::{Unit, UnitKind};

#[path = "key_context.rs"]
mod key_context;

/// An AI SDK declared in a package manifest.
#[derive(Debug)]
pub struct AiDependency;

impl Detect for AiDependency {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, cx: &Context, _: &Scratch) -> Vec<Hit> {
        if !unit.kinds.contains(UnitKind::Manifest) {
            return Vec::new();
        }
        manifest::dependencies(unit.rel_path, unit.text)
            .into_iter()
            .filter_map(|d| {
                let s = cx.catalog.package_owner(d.ecosystem, &d.name)?;
                Some(Hit {
                    detail: format!("{} package `{}`", d.ecosystem.as_str(), d.name),
                    ..Hit::service(d.span, s)
                })
            })
            .collect()
    }
}

/// An AI API host of the catalogue, one finding per service and file.
#[derive(Debug)]
pub struct AiHost;

impl Detect for AiHost {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, cx: &Context, scratch: &Scratch) -> Vec<Hit> {
        let bytes = unit.text.as_bytes();
        let mut v: Vec<(Hit, usize)> = scratch
            .host_hits
            .iter()
            .filter(|(r, _)| on_label_boundary(bytes, r.start, r.end))
            .map(|(r, h)| {
                // Report the whole host name, subdomains included.
                let mut start = r.start;
                while start > 0
                    && (bytes[start - 1].is_ascii_alphanumeric() || matches!(bytes[start - 1], b'.' | b'-'))
                {
                    start -= 1;
                }
                (Hit::service(start..r.end, cx.hosts.entries[*h].1), r.len())
            })
            .collect();
        // A custom tool's host may sit under a shorter catalogue host (a resource under the
        // Azure OpenAI domain): the longest registered entry decides the service.
        v.sort_by_key(|(h, len)| (h.span.start, std::cmp::Reverse(*len)));
        v.dedup_by(|b, a| a.0.span.start == b.0.span.start);
        // A real use anywhere in the file outranks a placeholder before it.
        let mut hits: Vec<Hit> = v.into_iter().map(|(h, _)| h).collect();
        for h in &mut hits {
            if placeholder::is_placeholder_host(unit.text, &h.span)
                || placeholder::in_comment(unit, h.span.start)
            {
                h.at_most = Some(Severity::Info);
            }
        }
        hits.sort_by_key(|h| h.at_most.is_some());
        let mut hits = fold_by_service(hits);
        hits.sort_by_key(|h| h.span.start);
        hits
    }

    fn uses(&self) -> Uses {
        Uses { hosts: true, gated: true, ..Uses::default() }
    }
}

/// An AI provider's API-key environment variable, one finding per service and file.
#[derive(Debug)]
pub struct AiEnvVar;

impl Detect for AiEnvVar {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, cx: &Context, scratch: &Scratch) -> Vec<Hit> {
        let bytes = unit.text.as_bytes();
        let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let mut v: Vec<Hit> = scratch
            .env_hits
            .iter()
            .filter(|(r, s)| {
                let exact =
                    cx.catalog.services[*s].env_vars.iter().any(|e| e.as_bytes() == &bytes[r.clone()]);
                exact
                    && !(r.start > 0 && ident(bytes[r.start - 1]))
                    && !bytes.get(r.end).copied().is_some_and(ident)
            })
            .map(|(r, s)| Hit::service(r.clone(), *s))
            .collect();
        v.sort_by_key(|h| h.span.start);
        v.dedup_by(|b, a| a.span == b.span);
        fold_by_service(v)
    }

    fn uses(&self) -> Uses {
        Uses { env_vars: true, gated: true, ..Uses::default() }
    }
}

/// An AI provider's API key.
#[derive(Debug)]
pub struct AiKey;

impl Detect for AiKey {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, cx: &Context, scratch: &Scratch) -> Vec<Hit> {
        scratch.keys(cx, unit.text).to_vec()
    }

    fn uses(&self) -> Uses {
        Uses { keys: true, gated: true, ..Uses::default() }
    }
}

/// The catalogue's AI keys in `text`, for the key formats whose markers occur.
pub fn key_hits(cx: &Context, text: &str, key_seen: &[bool]) -> Vec<Hit> {
    let mut out: Vec<Hit> = Vec::new();
    let mut lowered: Option<String> = None;
    for (k, fmt) in cx.keys.iter().enumerate() {
        if !key_seen.get(k).copied().unwrap_or(false) {
            continue;
        }
        let Some(regex) = fmt.regex() else { continue };
        let mut check = |c: regex::Captures<'_>| {
            let Some(m) = c.get(1).or_else(|| c.get(0)) else { return };
            let key = m.as_str();
            if entropy::is_placeholder(key) || fmt.entropy.is_some_and(|min| entropy::shannon(key) < min) {
                return;
            }
            if !fmt.context.is_empty() && !preceded_by(text, m.start(), &fmt.context) {
                return;
            }
            // A bare format (letters and digits only, no prefix or keyword of its own: Mistral's
            // 32 alphanumerics, Azure's 32 hex digits) matches ids and hashes too: it must stand
            // where a key is written.
            let marked = !key.bytes().all(|b| b.is_ascii_alphanumeric())
                || fmt.keywords.iter().any(|k| key.to_ascii_lowercase().contains(&k.to_ascii_lowercase()));
            if !marked
                && !fmt.context.is_empty()
                && !key_context::written_as_key(text, &m.range(), &fmt.context)
            {
                return;
            }
            if out.iter().any(|h| overlaps(&h.span, &m.range())) {
                return;
            }
            out.push(Hit { secret: true, ..Hit::service(m.range(), fmt.service) });
        };
        match fmt.longest().filter(|&n| !fmt.context.is_empty() && n <= MAX_WINDOWED) {
            // A format that needs a context word is searched only where a key can follow one:
            // the bare formats (32 alphanumerics) would otherwise walk every word of the text.
            Some(longest) => {
                let low = lowered.get_or_insert_with(|| text.to_ascii_lowercase());
                for c in windowed(regex, text, &context_windows(low, &fmt.context, longest), longest) {
                    check(c);
                }
            }
            None => regex.captures_iter(text).for_each(&mut check),
        }
    }
    out
}

/// Bytes before a key where [`preceded_by`] looks for a context word (its 120, and the few a
/// character boundary may add).
const CONTEXT_REACH: usize = 124;

/// Formats whose matches are at most this long are searched in windows (all context formats of
/// the catalogue are: 32 to 40 bytes).
const MAX_WINDOWED: usize = 256;

/// Where matches of a format (of at most `longest` bytes) that needs one of `words` before it
/// can start: from a match's length before each word (so that a match overlapping the window's
/// start is found, as a search of the whole text finds it, and what follows it is searched
/// from its end) to [`CONTEXT_REACH`] after it. Sorted and merged.
fn context_windows(low: &str, words: &[String], longest: usize) -> Vec<Range<usize>> {
    let windows: Vec<Range<usize>> = words
        .iter()
        .flat_map(|w| {
            memchr::memmem::find_iter(low.as_bytes(), w.as_bytes())
                .map(move |p| p.saturating_sub(longest + 1)..p + w.len() + CONTEXT_REACH)
        })
        .collect();
    crate::mask::merge(&windows)
}

/// The captures `regex.captures_iter(text)` gives that start in one of `windows`. Each window
/// is searched from where the last match ended, in the text cut `longest` bytes (and a
/// character) after its end: a match starting in the window ends before the cut, so the cut
/// changes neither it nor what its boundaries see, and `$` cannot match at the cut.
fn windowed<'t>(
    regex: &regex::Regex,
    text: &'t str,
    windows: &[Range<usize>],
    longest: usize,
) -> Vec<regex::Captures<'t>> {
    let mut out = Vec::new();
    let mut done = 0;
    for w in windows {
        let mut cut = (w.end + longest + 2).min(text.len());
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        let hay = &text[..cut];
        let mut at = w.start.max(done);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        while at <= w.end && at < cut {
            let Some(c) = regex.captures_at(hay, at) else { break };
            let Some(m) = c.get(0) else { break };
            if m.start() > w.end {
                break;
            }
            at = m.end().max(at + 1);
            done = m.end();
            out.push(c);
        }
    }
    out
}

/// Whether one of `words` occurs in the 120 bytes before `at`.
fn preceded_by(text: &str, at: usize, words: &[String]) -> bool {
    let mut from = at.saturating_sub(120);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text[from..at].to_ascii_lowercase();
    words.iter().any(|w| before.contains(w.as_str()))
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// A configuration file of an AI coding assistant, reported once per assistant and run.
#[derive(Debug)]
pub struct AssistantFile;

impl Detect for AssistantFile {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, cx: &Context, _: &Scratch) -> Vec<Hit> {
        match cx.assistant_of(unit.rel_path) {
            Some(s) => {
                let end = unit.text.find('\n').unwrap_or(unit.text.len());
                vec![Hit::service(0..end, s)]
            }
            None => Vec::new(),
        }
    }

    fn once_per_run(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Context;

    /// The starts of the matches a search of the whole text finds that have a context word
    /// before them, and the same of the windowed search: equal on dense random texts.
    #[test]
    fn context_formats_searched_in_windows_find_what_the_whole_text_gives() {
        let catalog = crate::catalog::Catalog::embedded().unwrap_or_else(|e| panic!("{e:?}"));
        let keys = Context::key_formats(&catalog);
        let formats: Vec<_> = keys
            .iter()
            .filter(|f| !f.context.is_empty() && f.longest().is_some_and(|n| n <= MAX_WINDOWED))
            .collect();
        assert!(formats.len() >= 3, "Gemini, Azure OpenAI and Mistral at least");
        let mut rng = crate::test_rng::Xorshift::new(0x9E37_79B9_7F4A_7C15);
        let mut next = |n: usize| rng.below(n);
        let alnum: &[u8] = b"abcdefABCDEF0123456789xyzXYZ";
        let (mut texts, mut matched) = (0, 0);
        for fmt in &formats {
            let Some(regex) = fmt.regex() else { panic!("{fmt:?}") };
            let longest = fmt.longest().unwrap_or_default();
            for _ in 0..300 {
                let mut text = String::new();
                for _ in 0..(20 + next(200)) {
                    match next(9) {
                        0 => {
                            let w = &fmt.context[next(fmt.context.len())];
                            text.push_str(&if next(2) == 0 { w.to_uppercase() } else { w.clone() });
                        }
                        1 => text.push_str("AIza"),
                        2..=4 => {
                            // Key-shaped runs: 32 alphanumerics, 32 hex digits, AIza and 35,
                            // or a few characters more or fewer.
                            let (head, chars, n): (&str, &[u8], usize) = match next(4) {
                                0 => ("", alnum, 32),
                                1 => ("", b"0123456789abcdef", 32),
                                2 => ("AIza", b"aZ09_-kQ", 35),
                                _ => ("", alnum, 28 + next(10)),
                            };
                            text.push_str(head);
                            for _ in 0..n {
                                text.push(chars[next(chars.len())] as char);
                            }
                        }
                        5 => text.push_str(&" ".repeat(1 + next(60))),
                        6 => text.push_str(["-", "_", "=\"", "\n", "é", "—", ": "][next(7)]),
                        _ => text.push_str(["key ", "the ", "id=", "hash "][next(4)]),
                    }
                }
                let whole: Vec<usize> = regex
                    .captures_iter(&text)
                    .filter_map(|c| c.get(1).or_else(|| c.get(0)))
                    .map(|m| m.start())
                    .filter(|&s| preceded_by(&text, s, &fmt.context))
                    .collect();
                let low = text.to_ascii_lowercase();
                let windows = context_windows(&low, &fmt.context, longest);
                let found: Vec<usize> = windowed(regex, &text, &windows, longest)
                    .into_iter()
                    .filter_map(|c| c.get(1).or_else(|| c.get(0)))
                    .map(|m| m.start())
                    .filter(|&s| preceded_by(&text, s, &fmt.context))
                    .collect();
                assert_eq!(found, whole, "{text:?}");
                texts += 1;
                matched += whole.len();
            }
        }
        // Most formats have shapes of their own (prefixes, lengths): the three drawn above match.
        assert!(matched > 500, "the texts hold keys after context words: {matched} in {texts}");
    }
}
