//! charterlint: checks what people do with AI against the organisation's AI-usage charter.
//!
//! Flow: inputs → units → engine → findings → reporters, driven by `scan`. The layers, bottom
//! to top, each importing only from below: `yaml`, `html`, `finding`, `paths`, `unit`, `mask` →
//! `charter` → `catalog` → `rules` → `detect` → `engine` → `inputs` → `scan` → `baseline` →
//! `report` → `cli` → `app`. ARCHITECTURE.md walks through them. The binary only parses
//! arguments and calls [`app::run`].

pub mod app;
pub mod baseline;
pub mod catalog;
pub mod charter;
pub mod cli;
pub mod detect;
pub mod engine;
pub mod finding;
pub mod html;
pub mod inputs;
pub mod mask;
pub mod paths;
pub mod pattern;
pub mod report;
pub mod rules;
pub mod scan;
pub mod unit;
pub mod yaml;

#[cfg(test)]
mod test_rng;
