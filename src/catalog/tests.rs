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

/// The services most people use, by id: each must have a jurisdiction (explicit or from the
/// vendor's country), except local runtimes, which have none.
const COMMON: &[&str] = &[
    "openai",
    "anthropic",
    "google-gemini",
    "google-vertex-ai",
    "microsoft-copilot",
    "azure-openai",
    "mistral",
    "deepseek",
    "qwen",
    "kimi",
    "zhipu",
    "baidu-ernie",
    "doubao",
    "tencent-hunyuan",
    "minimax",
    "perplexity",
    "cohere",
    "aleph-alpha",
    "deepl",
    "huggingface",
    "groq",
    "together",
    "fireworks",
    "replicate",
    "xai",
    "meta-ai",
    "aws-bedrock",
    "github-copilot",
    "cursor",
    "windsurf",
    "jetbrains-ai",
    "tabnine",
    "openrouter",
    "poe",
    "character-ai",
    "midjourney",
    "elevenlabs",
    "grammarly",
    "jasper",
    "claude-code",
    "openai-codex",
    "gemini-code-assist",
    "amazon-q-developer",
    "cognition-devin",
    "qwen-code",
    "trae",
    "lovable",
    "v0",
    "bolt-new",
    "cerebras",
    "sambanova",
    "nvidia-nim",
    "ibm-watsonx",
    "google-notebooklm",
    "coze",
    "mistral-vibe",
    "jetbrains-junie",
    "kiro",
    "google-jules",
    "azure-ai-services",
];

#[test]
fn every_provider_has_a_jurisdiction_and_every_explicit_fact_a_source() {
    let c = catalog();
    let iso = |code: &str| crate::charter::is_country_code(code);
    for s in &c.services {
        match s.jurisdiction() {
            Some(code) => {
                assert!(iso(code), "{}: jurisdiction `{code}` is not an ISO 3166 alpha-2 code", s.id);
                assert!(s.jurisdiction_source().is_some_and(|src| !src.trim().is_empty()), "{}", s.id);
            }
            // No provider: a local runtime, or a vendor whose seat the catalogue could not establish.
            None => assert!(s.is_local() || s.country == "--", "{}: no jurisdiction", s.id),
        }
        if let Some(j) = &s.jurisdiction {
            assert!(iso(j), "{}: jurisdiction `{j}`", s.id);
            assert!(
                s.sources.jurisdiction.as_ref().is_some_and(|x| x.len() > 10),
                "{}: jurisdiction without source",
                s.id
            );
        } else {
            assert!(
                s.sources.jurisdiction.is_none(),
                "{}: a source for a jurisdiction it does not state",
                s.id
            );
            if s.jurisdiction().is_some() {
                assert_eq!(s.jurisdiction_source(), Some(COUNTRY_FALLBACK), "{}", s.id);
            }
        }
        for h in &s.hosting {
            assert!(h == crate::charter::EU || iso(h), "{}: hosting region `{h}`", s.id);
        }
        assert_eq!(
            s.hosting.is_empty(),
            s.sources.hosting.is_none(),
            "{}: hosting and its source go together",
            s.id
        );
    }
    for id in COMMON {
        let s = c.get(id).unwrap_or_else(|| panic!("{id} is not in the catalogue"));
        assert!(s.jurisdiction().is_some(), "{id} has no jurisdiction");
    }
    assert!(COMMON.len() >= 60);
}

#[test]
fn jurisdiction_facts_of_well_known_providers() {
    let c = catalog();
    let jur = |id: &str| c.get(id).and_then(Service::jurisdiction);
    assert_eq!(jur("deepseek"), Some("CN"));
    assert_eq!(jur("mistral"), Some("FR"));
    assert_eq!(jur("openai"), Some("US"));
    assert_eq!(jur("jetbrains-ai"), Some("CZ"));
    assert_eq!(jur("cohere"), Some("CA"));
    // Local runtimes have no provider that receives data.
    for local in ["ollama", "llama-cpp", "lm-studio"] {
        assert_eq!(jur(local), None, "{local}");
        assert!(c.get(local).is_some_and(Service::is_local), "{local} must be a local runtime");
    }
    let deepseek = c.get("deepseek").map(|s| s.hosting.clone());
    assert_eq!(deepseek, Some(vec!["CN".to_string()]));
    // The fallback says where it comes from.
    assert_eq!(c.get("groq").and_then(Service::jurisdiction_source), Some(COUNTRY_FALLBACK));
}

#[test]
fn every_catalogue_file_is_read_from_its_build_time_json_with_the_yaml_meaning() {
    for (name, yaml, json) in embedded::FILES {
        let from_json: CatalogFile = serde_json::from_str(json)
            .unwrap_or_else(|e| panic!("{name}: the converted form does not read: {e}"));
        let from_yaml: CatalogFile = crate::yaml::from_str(yaml).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(format!("{from_json:?}"), format!("{from_yaml:?}"), "{name}");
    }
}
