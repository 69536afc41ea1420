//! Reusable detectors that rules call by name: hidden Unicode, key entropy, AI provenance.

pub mod commit;
pub mod entropy;
pub mod label;
pub mod provenance;
pub mod unicode;
