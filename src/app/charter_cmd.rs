//! `charter render`, `charter schema` and the text `init` writes: the charter for people and
//! for editors.

use std::path::Path;

use super::{Failure, load_catalog, load_rules, print, resolve_charter};
use crate::charter::render::{self, Context, References};
use crate::charter::{self, Language, schema};
use crate::cli::{RenderArgs, RenderFormat};
use crate::finding::Category;
use crate::rules::Rule;

/// The starter charter in `lang`, behind the modeline that points editors at the schema.
pub fn starter(lang: Language) -> String {
    format!("{}{}", schema::modeline(), charter::starter_template_for(lang))
}

/// `charterlint charter schema`.
pub fn schema() -> Result<i32, Failure> {
    print(&schema::schema_json()).map(|()| super::EXIT_OK)
}

/// `charterlint charter render`.
pub fn render(args: &RenderArgs) -> Result<i32, Failure> {
    let rules = load_rules()?;
    let catalog = load_catalog()?;
    let loaded = resolve_charter(args.file.as_deref(), Path::new("."), &rules, &catalog)?;
    // The embedded default is the white paper's charter, which is French.
    let lang = args
        .lang
        .map(Language::from)
        .or(loaded.charter.language)
        .unwrap_or(if loaded.source == charter::Source::Embedded { Language::Fr } else { Language::En });
    let tool_name = |id: &str| catalog.get(id).map(|s| s.name.clone());
    let references = references(&rules);
    let cx = Context { lang, tool_name: &tool_name, references: &references };
    let format = match args.format {
        RenderFormat::Md => render::Format::Markdown,
        RenderFormat::Html => render::Format::Html,
    };
    print(&render::render(&loaded.charter, &cx, format)).map(|()| super::EXIT_OK)
}

/// What each category's rules cite, in pack order, without repeats; exceptions last.
fn references(rules: &[Rule]) -> Vec<References> {
    let mut out = Vec::new();
    for category in Category::ALL.into_iter().chain([Category::Suppression]) {
        let mut r = References { category, charter_refs: Vec::new(), articles: Vec::new() };
        for rule in rules.iter().filter(|rule| rule.category == category) {
            if !r.charter_refs.contains(&rule.charter_ref) {
                r.charter_refs.push(rule.charter_ref.clone());
            }
            for a in &rule.references {
                if !r.articles.contains(a) {
                    r.articles.push(a.clone());
                }
            }
        }
        if !r.charter_refs.is_empty() {
            out.push(r);
        }
    }
    out
}
