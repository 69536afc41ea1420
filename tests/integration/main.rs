//! Integration tests: the rules' own examples, the binary on realistic trees, the contracts.

mod charter_trust;
mod ci;
mod cli;
mod documents;
mod examples;
mod fixtures;
mod hostile;
mod layers;
mod logs;
mod m365;
mod oversight;
mod readme;
mod snapshots;
mod util;
