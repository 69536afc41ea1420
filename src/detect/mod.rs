//! Reusable detectors that rules call by name: hidden Unicode, key entropy, AI provenance and
//! labels, commit disclosures, code scopes, AI decisions about people, emotion recognition,
//! automations without review.

pub mod commit;
pub mod emotion;
pub mod entropy;
pub mod label;
pub mod oversight;
pub mod provenance;
pub mod scope;
pub mod unicode;
pub mod workflow;
