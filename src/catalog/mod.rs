//! The AI service catalogue: every public AI service with its domains, API hosts, SDK packages,
//! environment variables, key formats and assistant config files, embedded from `rules/catalog/`.
//! The charter's custom tools are merged in, so the rest of the crate asks one place.

mod ecosystem;
pub mod hosts;

pub use ecosystem::Ecosystem;

use std::collections::HashMap;

use serde::Deserialize;

pub use hosts::{HostIndex, HostMatch};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/catalog_files.rs"));
}

/// What a service is, as the catalogue classifies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Chat,
    Search,
    Api,
    CodingAssistant,
    AgentPlatform,
    Image,
    Video,
    Voice,
    Music,
    Writing,
    Translation,
    Framework,
    Gateway,
    LocalRuntime,
    MlPlatform,
    Vision,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Chat => "chat",
            Kind::Search => "search",
            Kind::Api => "api",
            Kind::CodingAssistant => "coding-assistant",
            Kind::AgentPlatform => "agent-platform",
            Kind::Image => "image",
            Kind::Video => "video",
            Kind::Voice => "voice",
            Kind::Music => "music",
            Kind::Writing => "writing",
            Kind::Translation => "translation",
            Kind::Framework => "framework",
            Kind::Gateway => "gateway",
            Kind::LocalRuntime => "local-runtime",
            Kind::MlPlatform => "ml-platform",
            Kind::Vision => "vision",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Packages {
    #[serde(default)]
    pub pypi: Vec<String>,
    #[serde(default)]
    pub npm: Vec<String>,
    #[serde(default)]
    pub crates: Vec<String>,
    #[serde(default)]
    pub go: Vec<String>,
    #[serde(default)]
    pub maven: Vec<String>,
    #[serde(default)]
    pub nuget: Vec<String>,
    #[serde(default)]
    pub rubygems: Vec<String>,
    #[serde(default)]
    pub packagist: Vec<String>,
}

impl Packages {
    pub fn by_ecosystem(&self) -> [(Ecosystem, &[String]); 8] {
        [
            (Ecosystem::PyPI, &self.pypi),
            (Ecosystem::Npm, &self.npm),
            (Ecosystem::Crates, &self.crates),
            (Ecosystem::Go, &self.go),
            (Ecosystem::Maven, &self.maven),
            (Ecosystem::NuGet, &self.nuget),
            (Ecosystem::RubyGems, &self.rubygems),
            (Ecosystem::Packagist, &self.packagist),
        ]
    }

    fn list_mut(&mut self, eco: Ecosystem) -> &mut Vec<String> {
        match eco {
            Ecosystem::PyPI => &mut self.pypi,
            Ecosystem::Npm => &mut self.npm,
            Ecosystem::Crates => &mut self.crates,
            Ecosystem::Go => &mut self.go,
            Ecosystem::Maven => &mut self.maven,
            Ecosystem::NuGet => &mut self.nuget,
            Ecosystem::RubyGems => &mut self.rubygems,
            Ecosystem::Packagist => &mut self.packagist,
        }
    }
}

/// A leaked-key format of a service.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFormat {
    pub regex: String,
    pub keywords: Vec<String>,
    #[serde(default)]
    pub entropy: Option<f64>,
    /// Words of which one must occur shortly before the key, for formats with no fixed marker.
    #[serde(default)]
    pub context: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub vendor: String,
    pub country: String,
    pub kind: Vec<Kind>,
    #[serde(default)]
    pub domains: Vec<String>,
    #[serde(default)]
    pub api_hosts: Vec<String>,
    #[serde(default)]
    pub packages: Packages,
    #[serde(default)]
    pub env_vars: Vec<String>,
    #[serde(default)]
    pub keys: Vec<KeyFormat>,
    #[serde(default)]
    pub assistant_files: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The country whose law governs the provider (ISO 3166 alpha-2), usually the seat of the
    /// vendor's parent company; when absent, `country` stands in (see [`Service::jurisdiction`]).
    #[serde(default)]
    pub jurisdiction: Option<String>,
    /// Where the service processes data (country codes, or `EU`), when the provider documents it.
    #[serde(default)]
    pub hosting: Vec<String>,
    /// Where each explicit fact above comes from.
    #[serde(default)]
    pub sources: Sources,
}

/// The source (a URL or a named document) of a service's sovereignty facts.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    #[serde(default)]
    pub jurisdiction: Option<String>,
    #[serde(default)]
    pub hosting: Option<String>,
}

/// The source given for a jurisdiction taken from the `country` field.
pub const COUNTRY_FALLBACK: &str = "catalogue: vendor's country";

impl Service {
    /// The country whose law governs the provider: the explicit `jurisdiction`, else the
    /// vendor's `country`. `None` for local runtimes (the model runs on the company's machines,
    /// so no provider receives the data) and for vendors whose seat is unknown (`--`).
    pub fn jurisdiction(&self) -> Option<&str> {
        if self.is_local() {
            return None;
        }
        let code = self.jurisdiction.as_deref().unwrap_or(&self.country);
        (code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())).then_some(code)
    }

    /// Where [`Service::jurisdiction`] comes from.
    pub fn jurisdiction_source(&self) -> Option<&str> {
        self.jurisdiction()?;
        Some(match (&self.jurisdiction, &self.sources.jurisdiction) {
            (Some(_), Some(src)) => src,
            _ => COUNTRY_FALLBACK,
        })
    }

    /// What the charter's tool policy needs to know about this service.
    pub fn facts(&self) -> crate::charter::ToolFacts<'_> {
        crate::charter::ToolFacts { jurisdiction: self.jurisdiction(), local: self.is_local() }
    }

    /// Local runtimes run models on the company's own machines: no data leaves, so their
    /// unapproved use is reported with less weight than a remote service.
    pub fn is_local(&self) -> bool {
        !self.kind.is_empty() && self.kind.iter().all(|k| *k == Kind::LocalRuntime)
    }

    fn matches(&self, q: &str) -> bool {
        let q = q.to_ascii_lowercase();
        self.id.contains(&q)
            || self.name.to_ascii_lowercase().contains(&q)
            || self.vendor.to_ascii_lowercase().contains(&q)
            || self.kind.iter().any(|k| k.as_str() == q)
            || self.country.eq_ignore_ascii_case(&q)
            || self.jurisdiction.as_deref().is_some_and(|j| j.eq_ignore_ascii_case(&q))
            || self.domains.iter().chain(&self.api_hosts).any(|d| d.contains(&q))
            || self
                .packages
                .by_ecosystem()
                .iter()
                .any(|(_, l)| l.iter().any(|p| p.to_ascii_lowercase().contains(&q)))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    services: Vec<Service>,
}

#[derive(Debug)]
pub struct Catalog {
    pub services: Vec<Service>,
    by_id: HashMap<String, usize>,
    /// Exact package names per ecosystem, lowercased: looked up by a borrowed name for every
    /// import of a source file.
    packages: HashMap<Ecosystem, HashMap<String, usize>>,
    /// Trailing-`*` package prefixes and Go module paths (matched on path segments).
    package_prefixes: Vec<(Ecosystem, String, usize)>,
}

#[derive(Debug)]
pub struct CatalogError(pub String);

impl std::fmt::Display for CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for CatalogError {}

impl Catalog {
    /// The embedded catalogue.
    pub fn embedded() -> Result<Catalog, CatalogError> {
        let mut services = Vec::new();
        for (name, yaml, json) in embedded::FILES {
            let file: CatalogFile = crate::yaml::from_embedded(yaml, json)
                .map_err(|e| CatalogError(format!("rules/catalog/{name}: {e}")))?;
            services.extend(file.services);
        }
        Catalog::from_services(services)
    }

    pub fn from_services(services: Vec<Service>) -> Result<Catalog, CatalogError> {
        let mut cat = Catalog {
            services: Vec::new(),
            by_id: HashMap::new(),
            packages: HashMap::new(),
            package_prefixes: Vec::new(),
        };
        for s in services {
            if cat.by_id.contains_key(&s.id) {
                return Err(CatalogError(format!("service id `{}` is declared twice", s.id)));
            }
            cat.by_id.insert(s.id.clone(), cat.services.len());
            cat.services.push(s);
        }
        cat.reindex();
        Ok(cat)
    }

    fn reindex(&mut self) {
        self.packages.clear();
        self.package_prefixes.clear();
        for (i, s) in self.services.iter().enumerate() {
            for (eco, names) in s.packages.by_ecosystem() {
                for n in names {
                    let n = normalise_package(eco, n);
                    if let Some(prefix) = n.strip_suffix('*') {
                        self.package_prefixes.push((eco, prefix.to_string(), i));
                    } else if eco == Ecosystem::Go {
                        self.package_prefixes.push((eco, n, i));
                    } else {
                        self.packages.entry(eco).or_default().entry(n).or_insert(i);
                    }
                }
            }
        }
        // Longest prefix first, so the most specific service wins.
        self.package_prefixes.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.1.cmp(&b.1)));
    }

    /// Adds the charter's custom tools. A custom id that is already in the catalogue refines
    /// that service (its hosts and packages are added); a new id becomes a new service.
    pub fn add_custom(&mut self, tools: &[crate::charter::CustomTool]) {
        for t in tools {
            let idx = match self.by_id.get(&t.id) {
                Some(&i) => i,
                None => {
                    self.services.push(Service {
                        id: t.id.clone(),
                        name: t.name.clone().unwrap_or_else(|| t.id.clone()),
                        vendor: "custom".into(),
                        country: "--".into(),
                        kind: vec![Kind::Api],
                        domains: Vec::new(),
                        api_hosts: Vec::new(),
                        packages: Packages::default(),
                        env_vars: Vec::new(),
                        keys: Vec::new(),
                        assistant_files: Vec::new(),
                        aliases: Vec::new(),
                        jurisdiction: None,
                        hosting: Vec::new(),
                        sources: Sources::default(),
                    });
                    self.by_id.insert(t.id.clone(), self.services.len() - 1);
                    self.services.len() - 1
                }
            };
            let s = &mut self.services[idx];
            s.domains.extend(t.domains.iter().cloned());
            s.api_hosts.extend(t.api_hosts.iter().cloned());
            s.env_vars.extend(t.env_vars.iter().cloned());
            for (eco, names) in t.packages.iter() {
                if let Some(eco) = Ecosystem::from_name(eco) {
                    s.packages.list_mut(eco).extend(names.iter().cloned());
                }
            }
        }
        self.reindex();
    }

    pub fn get(&self, id: &str) -> Option<&Service> {
        self.by_id.get(id).map(|&i| &self.services[i])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn ids(&self) -> Vec<&str> {
        self.services.iter().map(|s| s.id.as_str()).collect()
    }

    /// The service that publishes a package, if any.
    pub fn package_owner(&self, eco: Ecosystem, name: &str) -> Option<usize> {
        let n = normalise_package(eco, name);
        if let Some(&i) = self.packages.get(&eco).and_then(|m| m.get(n.as_str())) {
            return Some(i);
        }
        self.package_prefixes.iter().find_map(|(e, prefix, i)| {
            let hit = *e == eco
                && if eco == Ecosystem::Go {
                    n == *prefix || n.strip_prefix(prefix.as_str()).is_some_and(|rest| rest.starts_with('/'))
                } else {
                    n.starts_with(prefix.as_str())
                };
            hit.then_some(*i)
        })
    }

    /// Services whose id, name, vendor, kind, country, host or package contains `query`.
    pub fn search(&self, query: Option<&str>) -> Vec<&Service> {
        self.services.iter().filter(|s| query.is_none_or(|q| s.matches(q))).collect()
    }

    /// Number of distinct web domains and API hosts.
    pub fn host_count(&self) -> usize {
        let mut all: Vec<&str> = self
            .services
            .iter()
            .flat_map(|s| s.domains.iter().chain(&s.api_hosts))
            .map(String::as_str)
            .collect();
        all.sort_unstable();
        all.dedup();
        all.len()
    }

    /// Number of distinct SDK packages (ecosystem + name), prefixes excluded.
    pub fn package_count(&self) -> usize {
        self.packages.values().map(HashMap::len).sum::<usize>()
            + self.package_prefixes.iter().filter(|(e, _, _)| *e == Ecosystem::Go).count()
    }
}

/// Registry-level normalisation, so that `Langchain_OpenAI` in a requirements file finds
/// `langchain-openai` in the catalogue.
pub fn normalise_package(eco: Ecosystem, name: &str) -> String {
    match eco {
        Ecosystem::PyPI => {
            let mut out = String::with_capacity(name.len());
            let mut sep = false;
            for c in name.chars() {
                if matches!(c, '-' | '_' | '.') {
                    sep = true;
                } else {
                    if sep && !out.is_empty() {
                        out.push('-');
                    }
                    sep = false;
                    out.push(c.to_ascii_lowercase());
                }
            }
            out
        }
        // NuGet ids and Packagist names are case-insensitive; crates.io treats - and _ alike.
        Ecosystem::NuGet | Ecosystem::Packagist | Ecosystem::RubyGems => name.to_ascii_lowercase(),
        Ecosystem::Crates => name.to_ascii_lowercase().replace('_', "-"),
        Ecosystem::Npm | Ecosystem::Go | Ecosystem::Maven => name.to_string(),
    }
}

#[cfg(test)]
mod tests;
