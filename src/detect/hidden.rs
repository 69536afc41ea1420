//! Detectors of hidden Unicode: tag characters (ASCII smuggling), bidirectional controls,
//! runs of invisible characters. The unit is scanned once for all three.

use super::unicode::{self, HiddenKind};
use super::{Context, Detect, Hit, Scratch};
use crate::rules::Rule;
use crate::unit::Unit;

/// Unicode tag characters, bidi controls or invisible runs, by the kind it reports.
#[derive(Debug)]
pub struct Hidden(pub HiddenKind);

impl Detect for Hidden {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, _: &Context, scratch: &Scratch) -> Vec<Hit> {
        scratch
            .hidden
            .get_or_init(|| unicode::find(unit.text))
            .iter()
            .filter(|h| h.kind == self.0)
            .map(|h| Hit::at(h.span.clone(), h.decoded.clone()))
            .collect()
    }
}
