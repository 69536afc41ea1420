//! Reusable detectors that rules call by name: hidden Unicode, key entropy, secrets, personal
//! data with their validators, classification markers and code names, pasted code.

pub mod code;
pub mod entropy;
pub mod hits;
pub mod markers;
pub mod personal;
pub mod secrets;
pub mod unicode;
pub mod validate;
