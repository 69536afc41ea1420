//! Reusable detectors that rules call by name: hidden Unicode, key entropy.

pub mod entropy;
pub mod unicode;
