//! An engine from what the binary embeds (the rules pack, the catalogue, the default charter), or
//! with a charter given as YAML text: how tests, examples and programs that use charterlint as a
//! library get one without resolving a charter on disk.

use super::{Engine, Selection};
use crate::catalog::Catalog;
use crate::charter::{self, Known};

impl Engine {
    /// An engine with the embedded rules and catalogue, and `charter_yaml` (trusted as an
    /// operator's `--charter`) or else the embedded default charter.
    pub fn embedded(charter_yaml: Option<&str>, selection: &Selection) -> Result<Engine, String> {
        let rules = crate::rules::embedded().map_err(|e| format!("rules pack: {e}"))?;
        let catalog = Catalog::embedded().map_err(|e| format!("catalogue: {e}"))?;
        let tool_ids = catalog.ids();
        let rule_ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        let known = Known { tool_ids: &tool_ids, rule_ids: &rule_ids };
        let loaded = match charter_yaml {
            None => charter::embedded_default(&known),
            Some(y) => {
                charter::load_str("ai-charter.yaml", y, &known).map_err(|e| format!("charter: {e}"))?
            }
        };
        drop(rule_ids);
        drop(tool_ids);
        Engine::new(rules, catalog, loaded.charter, selection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_given_charter_is_used_and_a_bad_one_is_an_error() {
        let default = Engine::embedded(None, &Selection::default()).unwrap_or_else(|e| panic!("{e}"));
        let forbidden = "version: 1\ntools:\n  forbidden: [openai]\n";
        let strict =
            Engine::embedded(Some(forbidden), &Selection::default()).unwrap_or_else(|e| panic!("{e}"));
        let openai = default.catalog().index_of("openai").unwrap_or_else(|| panic!("no openai"));
        assert_ne!(default.status_of(openai), strict.status_of(openai));
        let bad = Engine::embedded(Some("version: 1\ntools:\n  forbiden: [openai]\n"), &Selection::default());
        assert!(bad.is_err_and(|e| e.starts_with("charter: ")));
    }
}
