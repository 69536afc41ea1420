//! The charter loader: YAML text, as an operator would give it, to a validated charter. Errors
//! are fine; a panic, a hang or unbounded memory is not. A charter that loads is written back
//! as YAML (what `charter show` prints).
#![no_main]

use charterlint::charter::{Known, load_str};
use charterlint_fuzz::{CATALOG, RULE_IDS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let tool_ids = CATALOG.ids();
    let rule_ids: Vec<&str> = RULE_IDS.iter().map(String::as_str).collect();
    let known = Known { tool_ids: &tool_ids, rule_ids: &rule_ids };
    // A name in a directory that does not exist: a relative `extends` finds nothing on disk.
    match load_str("/nonexistent-fuzz-dir/ai-charter.yaml", text, &known) {
        Ok(loaded) => {
            let _ = loaded.charter.to_yaml();
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
