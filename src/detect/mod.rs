//! Reusable detectors that rules call by name: hidden Unicode, key entropy, secrets, personal
//! data with their validators, classification markers and code names, pasted code, AI
//! provenance and labels, commit disclosures, code scopes, AI decisions about people, emotion
//! recognition, automations without review.

pub mod code;
pub mod commit;
pub mod emotion;
pub mod entropy;
pub mod hits;
pub mod label;
pub mod markers;
pub mod oversight;
pub mod personal;
pub mod provenance;
pub mod scope;
pub mod secrets;
pub mod unicode;
pub mod validate;
pub mod workflow;
