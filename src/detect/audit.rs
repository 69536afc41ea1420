//! Detectors of what AI audit records state as typed facts (Microsoft 365 Copilot: a
//! sensitivity-labelled resource read, a cross-prompt injection detected). They read the
//! unit's facts, never its wording.

use super::{Context, Detect, Hit, Scratch};
use crate::rules::Rule;
use crate::unit::{FactKind, Unit};

/// Every fact of one kind in the unit, at the span of the text that states it.
#[derive(Debug)]
pub struct RecordFact(pub FactKind);

impl Detect for RecordFact {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, _: &Context, _: &Scratch) -> Vec<Hit> {
        unit.facts
            .iter()
            .filter(|f| f.kind == self.0 && unit.text.get(f.span.clone()).is_some())
            .map(|f| Hit::at(f.span.clone(), String::new()))
            .collect()
    }
}
