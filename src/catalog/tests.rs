// charterlint: allow-file SHADOW002 -- tests of host matching name real API hosts
use super::*;

fn catalog() -> Catalog {
    match Catalog::embedded() {
        Ok(c) => c,
        Err(e) => panic!("embedded catalogue: {e}"),
    }
}

#[test]
fn breadth_beats_the_best_peer() {
    let c = catalog();
    assert!(c.host_count() >= 500, "only {} domains and API hosts", c.host_count());
    assert!(c.package_count() >= 300, "only {} SDK packages", c.package_count());
    for eco in Ecosystem::ALL {
        let n: usize = c
            .services
            .iter()
            .map(|s| s.packages.by_ecosystem().iter().find(|(e, _)| *e == eco).map_or(0, |(_, l)| l.len()))
            .sum();
        assert!(n >= 5, "ecosystem {} has only {n} packages", eco.as_str());
    }
}

#[test]
fn every_key_format_compiles_with_ascii_semantics() {
    for s in &catalog().services {
        for k in &s.keys {
            assert!(!k.keywords.is_empty(), "{}: a key format needs keywords", s.id);
            if let Err(e) = crate::rules::compile::build_regex(&k.regex) {
                panic!("{}: {e}", s.id);
            }
        }
    }
}

#[test]
fn hosts_belong_to_one_service_and_look_like_hosts() {
    let c = catalog();
    let mut seen = HashMap::new();
    for s in &c.services {
        assert!(
            s.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "id {}",
            s.id
        );
        for h in s.domains.iter().chain(&s.api_hosts) {
            assert!(h.contains('.') && !h.contains('/') && !h.contains(':'), "{}: bad host {h}", s.id);
            assert_eq!(h, &h.to_ascii_lowercase(), "{}: host {h} must be lowercase", s.id);
            if let Some(other) = seen.insert(h.clone(), s.id.clone()) {
                panic!("{h} is in both {other} and {}", s.id);
            }
        }
    }
}

#[test]
fn packages_resolve_to_their_service() {
    let c = catalog();
    let owner = |eco, name| c.package_owner(eco, name).map(|i| c.services[i].id.as_str());
    assert_eq!(owner(Ecosystem::PyPI, "OpenAI"), Some("openai"));
    assert_eq!(owner(Ecosystem::PyPI, "anthropic"), Some("anthropic"));
    assert_eq!(owner(Ecosystem::Npm, "@anthropic-ai/sdk"), Some("anthropic"));
    assert!(owner(Ecosystem::Go, "github.com/sashabaranov/go-openai/v2").is_some());
    assert_eq!(owner(Ecosystem::PyPI, "requests"), None);
    assert_eq!(owner(Ecosystem::Npm, "express"), None);
    assert_eq!(owner(Ecosystem::Go, "github.com/sashabaranov/go-openaiX"), None);
}

#[test]
fn host_lookup_uses_label_boundaries() {
    let c = catalog();
    let idx = HostIndex::new(&c);
    let id = |h: &str| idx.lookup(h).map(|m| c.services[m.service].id.clone());
    assert_eq!(id("claude.ai").as_deref(), Some("anthropic"));
    assert_eq!(id("api.claude.ai").as_deref(), Some("anthropic"));
    assert_eq!(id("notclaude.ai"), None);
    assert_eq!(id("API.OPENAI.COM.").as_deref(), Some("openai"));
}

#[test]
fn custom_tools_extend_the_catalogue() {
    let mut c = catalog();
    let mut tool = crate::charter::CustomTool {
        id: "acme-assistant".into(),
        name: Some("ACME Assistant".into()),
        api_hosts: vec!["acme-eu.openai.azure.com".into()],
        ..crate::charter::CustomTool::default()
    };
    tool.packages.pypi.push("acme-ai".into());
    c.add_custom(&[tool]);
    let i = c.package_owner(Ecosystem::PyPI, "acme_ai");
    assert_eq!(i.map(|i| c.services[i].id.as_str()), Some("acme-assistant"));
    let idx = HostIndex::new(&c);
    // The more specific custom host wins over the catalogue's openai.azure.com.
    let m = idx.lookup("acme-eu.openai.azure.com").map(|m| c.services[m.service].id.clone());
    assert_eq!(m.as_deref(), Some("acme-assistant"));
}
