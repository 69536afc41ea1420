//! Integration tests: the rules' own examples, the binary on realistic trees, the contracts.

mod cli;
mod examples;
mod fixtures;
mod logs;
mod util;
