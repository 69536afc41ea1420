//! charterlint: checks what people do with AI against the organisation's AI-usage charter.
//!
//! Flow: inputs → units → engine → findings → reporters. The binary only parses arguments and
//! calls [`app::run`].

pub mod app;
pub mod baseline;
pub mod catalog;
pub mod charter;
pub mod cli;
pub mod detect;
pub mod engine;
pub mod finding;
pub mod inputs;
pub mod mask;
pub mod report;
pub mod rules;
pub mod suppress;
pub mod yaml;
