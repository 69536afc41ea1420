//! Detectors of AI use that network logs show: the input folds a log per person and service
//! and states each usage as typed facts on a unit whose `tool` is the service; these read the
//! facts, never the wording, and name the service so that the charter's status sets the
//! severity.

use super::{Context, Detect, Hit, Scratch};
use crate::rules::Rule;
use crate::unit::{FactKind, Unit};

/// A usage of the unit's AI service: `Use` when at least one request went through, `Attempt`
/// when every one was refused.
#[derive(Debug)]
pub struct NetworkUse(pub FactKind);

impl Detect for NetworkUse {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, _: &Context, _: &Scratch) -> Vec<Hit> {
        let Some(service) = unit.tool else { return Vec::new() };
        let stated =
            |k: FactKind| unit.facts.iter().find(|f| f.kind == k && unit.text.get(f.span.clone()).is_some());
        let Some(fact) = stated(self.0) else { return Vec::new() };
        let mut hit = Hit::service(fact.span.clone(), service);
        // The span (who and which service) keeps the fingerprint stable from one audit to the
        // next; the message states the whole usage, counts and times included.
        hit.detail = unit.text.trim().to_string();
        if self.0 == FactKind::NetworkUse && stated(FactKind::NetworkUpload).is_some() {
            hit.suffix =
                "; a request above the upload threshold: a pasted document or an uploaded file".into();
        }
        vec![hit]
    }
}
