//! The confidential-data detectors as the engine calls them: each hit with its span, a short
//! description (`{detail}` in rule messages) and whether it is masked in outputs.

use std::ops::Range;

use super::markers::MarkerKind;
use super::{code, personal, secrets};
use crate::engine::Engine;
use crate::rules::Detector;

/// Hits of one confidential-data detector in `text`.
pub fn confidential(
    engine: &Engine,
    detector: Detector,
    text: &str,
    key_seen: &[bool],
) -> Vec<(Range<usize>, String, bool)> {
    match detector {
        Detector::Secret => {
            let mut out: Vec<(Range<usize>, String, bool)> = engine
                .ai_keys(text, key_seen)
                .into_iter()
                .map(|(span, service)| (span, format!("{service} API key"), true))
                .collect();
            for s in secrets::find(text) {
                if !out.iter().any(|(o, _, _)| o.start < s.span.end && s.span.start < o.end) {
                    out.push((s.span, s.kind.to_string(), true));
                }
            }
            out.sort_by_key(|(s, _, _)| s.start);
            out
        }
        Detector::PersonalData => {
            personal::find(text).into_iter().map(|d| (d.span, d.kind.to_string(), true)).collect()
        }
        Detector::ConfidentialMarker => engine
            .markers()
            .find(text)
            .into_iter()
            .map(|m| {
                let detail = match m.kind {
                    MarkerKind::Classification => format!("classification marker \"{}\"", m.name),
                    MarkerKind::Codename => format!("project code name \"{}\"", m.name),
                    MarkerKind::Pattern => format!("confidential pattern \"{}\"", m.name),
                };
                // A pattern of the charter may be an identifier: masked like personal data.
                (m.span, detail, m.kind == MarkerKind::Pattern)
            })
            .collect(),
        Detector::PastedCode => code::pasted_block(text)
            .map(|(span, n)| vec![(span, format!("a block of {n} lines of source code"), false)])
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}
