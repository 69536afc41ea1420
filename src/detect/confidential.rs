//! Detectors of confidential data: secrets, personal data, classification markers and code
//! names, pasted code (in prompts), and code that puts personal data into a prompt for an
//! unapproved AI API (in repositories).

use super::markers::MarkerKind;
use super::{Context, Detect, Hit, Scratch, Uses, code};
use crate::charter::ToolStatus;
use crate::rules::Rule;
use crate::unit::Unit;

/// A secret: the catalogue's AI keys plus cloud, VCS, chat, payment and private-key formats,
/// JWTs and high-entropy assignments.
#[derive(Debug)]
pub struct Secret;

impl Detect for Secret {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, cx: &Context, scratch: &Scratch) -> Vec<Hit> {
        let text = unit.text;
        let mut out: Vec<Hit> = scratch
            .keys(cx, text)
            .iter()
            .map(|h| {
                let name = h.service.map(|s| cx.catalog.services[s].name.as_str()).unwrap_or_default();
                Hit {
                    span: h.span.clone(),
                    detail: format!("{name} API key"),
                    secret: true,
                    ..Hit::default()
                }
            })
            .collect();
        for s in scratch.secrets(text) {
            if !out.iter().any(|o| o.span.start < s.span.end && s.span.start < o.span.end) {
                out.push(Hit { secret: true, ..Hit::at(s.span.clone(), s.kind.to_string()) });
            }
        }
        out.sort_by_key(|h| h.span.start);
        out
    }

    fn uses(&self) -> Uses {
        Uses { keys: true, ..Uses::default() }
    }
}

/// Personal data and company identifiers, validated (email, phone, IBAN, card, NIR,
/// SIREN/SIRET, French VAT).
#[derive(Debug)]
pub struct PersonalData;

impl Detect for PersonalData {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, _: &Context, scratch: &Scratch) -> Vec<Hit> {
        scratch
            .personal(unit.text)
            .iter()
            .map(|d| Hit { secret: true, ..Hit::at(d.span.clone(), d.kind.to_string()) })
            .collect()
    }
}

/// A classification marker, a charter code name or a charter `data.patterns` match.
#[derive(Debug)]
pub struct ConfidentialMarker;

impl Detect for ConfidentialMarker {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, cx: &Context, scratch: &Scratch) -> Vec<Hit> {
        scratch
            .marks(cx, unit.text)
            .iter()
            .map(|m| {
                let detail = match m.kind {
                    MarkerKind::Classification => format!("classification marker \"{}\"", m.name),
                    MarkerKind::Codename => format!("project code name \"{}\"", m.name),
                    MarkerKind::Pattern => format!("confidential pattern \"{}\"", m.name),
                };
                // A pattern of the charter may be an identifier: masked like personal data.
                Hit { secret: m.kind == MarkerKind::Pattern, ..Hit::at(m.span.clone(), detail) }
            })
            .collect()
    }
}

/// A large block of source code pasted into the text.
#[derive(Debug)]
pub struct PastedCode;

impl Detect for PastedCode {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, _: &Context, _: &Scratch) -> Vec<Hit> {
        code::pasted_block(unit.text)
            .map(|(span, n)| vec![Hit::at(span, format!("a block of {n} lines of source code"))])
            .unwrap_or_default()
    }
}

/// Code that puts customer or employee data into a prompt, in a file that calls the API of an
/// AI service the charter does not approve.
#[derive(Debug)]
pub struct PromptWithPersonalData;

impl Detect for PromptWithPersonalData {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, cx: &Context, scratch: &Scratch) -> Vec<Hit> {
        // The AI service the file talks to: the first one the charter does not approve.
        let service = scratch
            .host_hits
            .iter()
            .map(|(_, h)| cx.hosts.entries[*h].1)
            .chain(scratch.env_hits.iter().map(|(_, s)| *s))
            .find(|s| cx.status_of(*s) != ToolStatus::Approved);
        let Some(service) = service else { return Vec::new() };
        code::prompt_with_personal_data(unit.text)
            .into_iter()
            .take(1)
            .map(|span| Hit::service(span, service))
            .collect()
    }

    fn uses(&self) -> Uses {
        Uses { hosts: true, env_vars: true, ..Uses::default() }
    }
}
