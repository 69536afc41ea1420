//! Reads what the scan needs out of the charter model.
use crate::catalog::CustomTool;
use crate::charter::Charter;

pub fn custom_tools(_c: &Charter) -> Vec<CustomTool> { Vec::new() }
pub fn excludes(c: &Charter) -> Vec<String> { c.exclude.clone() }
pub fn max_file_size(_c: &Charter) -> Option<u64> { None }
