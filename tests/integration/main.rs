//! Integration tests: the rules' own examples, the binary on realistic trees, the contracts.

mod audit_report;
mod charter_doc;
mod charter_trust;
mod chat_exports;
mod ci;
mod cli;
mod documents;
mod encodings;
mod examples;
mod fixtures;
mod hitl002;
mod hostile;
mod layers;
mod logs;
mod m365;
mod network;
mod oversight;
mod pseudonymize;
mod readme;
mod redact;
mod redact_prop;
mod render;
mod shadow_inject;
mod snapshots;
mod trust;
mod util;
