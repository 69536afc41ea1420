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
        key_hits(cx, unit.text, &scratch.key_seen)
    }

    fn uses(&self) -> Uses {
        Uses { keys: true, gated: true, ..Uses::default() }
    }
}

/// The catalogue's AI keys in `text`, for the key formats whose markers occur.
pub fn key_hits(cx: &Context, text: &str, key_seen: &[bool]) -> Vec<Hit> {
    let mut out: Vec<Hit> = Vec::new();
    for (k, fmt) in cx.keys.iter().enumerate() {
        if !key_seen.get(k).copied().unwrap_or(false) {
            continue;
        }
        let Some(regex) = fmt.regex() else { continue };
        for c in regex.captures_iter(text) {
            let Some(m) = c.get(1).or_else(|| c.get(0)) else { continue };
            let key = m.as_str();
            if entropy::is_placeholder(key) || fmt.entropy.is_some_and(|min| entropy::shannon(key) < min) {
                continue;
            }
            if !fmt.context.is_empty() && !preceded_by(text, m.start(), &fmt.context) {
                continue;
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
                continue;
            }
            if out.iter().any(|h| overlaps(&h.span, &m.range())) {
                continue;
            }
            out.push(Hit { secret: true, ..Hit::service(m.range(), fmt.service) });
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
