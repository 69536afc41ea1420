//! Reusable detectors that rules call by name: hidden Unicode, key entropy.

pub mod emotion;
pub mod entropy;
pub mod oversight;
pub mod scope;
pub mod unicode;
pub mod workflow;
