//! Inputs: everything that turns bytes on disk into units of text for the engine.

pub mod commit;
pub mod documents;
pub mod kind;
pub mod logs;
pub mod manifest;
pub mod network;
pub mod staged;
pub mod structured;
pub mod walk;
