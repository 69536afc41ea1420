//! The charter's data model, in two forms.
//!
//! - The public, effective [`Charter`]: plain Rust values after `extends` and merging, what the
//!   rest of the crate reads. It has no positions: once files are merged, a position would need a
//!   file to go with it, and nothing downstream needs one.
//! - The per-file `Raw*` form: what one YAML file says, with [`Spanned`] values so that validation
//!   can point at the offending key or value, and `Option`s so that "not set" differs from "set to
//!   the default" when merging. `deny_unknown_fields` at every level turns typos into errors.
//!
//! Merging is in `merge`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

pub(super) use super::network::RawNetwork;
pub use super::network::{NetFieldMap, Network};
use super::sovereignty::{Jurisdictions, Policy, RawJurisdictions};
use crate::finding::Severity;
use crate::yaml::Spanned;

/// High-risk areas where a model's output must not decide about a person without a human step
/// (white paper §2 and §5; EU AI Act Annex III). Employment comes first: it is the white paper's
/// own example (recruitment) and where human supervision is mandatory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Domain {
    Employment,
    Education,
    Credit,
    EssentialServices,
    Migration,
    Justice,
    LawEnforcement,
    Biometrics,
    CriticalInfrastructure,
}

impl Domain {
    /// Every domain, in the documented order; also the default when no charter narrows it.
    pub const ALL: [Domain; 9] = [
        Domain::Employment,
        Domain::Education,
        Domain::Credit,
        Domain::EssentialServices,
        Domain::Migration,
        Domain::Justice,
        Domain::LawEnforcement,
        Domain::Biometrics,
        Domain::CriticalInfrastructure,
    ];

    /// The name used in the YAML file.
    pub fn as_str(self) -> &'static str {
        match self {
            Domain::Employment => "employment",
            Domain::Education => "education",
            Domain::Credit => "credit",
            Domain::EssentialServices => "essential-services",
            Domain::Migration => "migration",
            Domain::Justice => "justice",
            Domain::LawEnforcement => "law-enforcement",
            Domain::Biometrics => "biometrics",
            Domain::CriticalInfrastructure => "critical-infrastructure",
        }
    }

    pub fn from_name(name: &str) -> Option<Domain> {
        Domain::ALL.into_iter().find(|d| d.as_str() == name)
    }
}

/// The language people read the charter in: `charter render` and reports default to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// French.
    Fr,
    /// English.
    En,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }
}

/// The effective charter: the file, its `extends` chain merged in, defaults filled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Charter {
    /// Charter format version; only 1 exists.
    pub version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Who to ask; shown in help texts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// The language of texts made from the charter (`charter render`, reports); `None`: ask.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    pub tools: Tools,
    pub data: Data,
    pub labels: Labels,
    pub oversight: Oversight,
    pub rules: Rules,
    pub scan: Scan,
    pub prompt_logs: PromptLogs,
    #[serde(skip_serializing_if = "Network::is_unset")]
    pub network: Network,
}

impl Default for Charter {
    /// The same charter as the embedded default: nothing listed, every oversight domain.
    fn default() -> Self {
        Charter {
            version: 1,
            organization: None,
            contact: None,
            language: None,
            tools: Tools::default(),
            data: Data::default(),
            labels: Labels::default(),
            oversight: Oversight::default(),
            rules: Rules::default(),
            scan: Scan::default(),
            prompt_logs: PromptLogs::default(),
            network: Network::default(),
        }
    }
}

/// Decisions over AI tools. Ids are catalogue ids or `custom` ids; a tool listed nowhere is
/// unapproved. A `custom` id equal to a catalogue id refines that catalogue entry (adds domains,
/// hosts, packages) instead of being an error.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tools {
    pub approved: Vec<String>,
    pub tolerated: Vec<String>,
    pub forbidden: Vec<String>,
    pub custom: Vec<CustomTool>,
    /// Status of tools the lists do not name, by the provider's jurisdiction.
    #[serde(skip_serializing_if = "Jurisdictions::is_empty")]
    pub jurisdictions: Jurisdictions,
    /// Status of local runtimes the lists do not name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local: Option<Policy>,
}

/// An AI service the catalogue does not know (or a refinement of one it knows).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CustomTool {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub domains: Vec<String>,
    pub api_hosts: Vec<String>,
    #[serde(skip_serializing_if = "Packages::is_empty")]
    pub packages: Packages,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub env_vars: Vec<String>,
}

/// SDK package names of a custom tool, per ecosystem (names as written in manifests).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Packages {
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Vec::is_empty")]
    pub pypi: Vec<String>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Vec::is_empty")]
    pub npm: Vec<String>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Vec::is_empty")]
    pub crates: Vec<String>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Vec::is_empty")]
    pub go: Vec<String>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Vec::is_empty")]
    pub maven: Vec<String>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Vec::is_empty")]
    pub nuget: Vec<String>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Vec::is_empty")]
    pub rubygems: Vec<String>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Vec::is_empty")]
    pub packagist: Vec<String>,
}

impl Packages {
    /// (ecosystem, package names) pairs, in a fixed order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &[String])> {
        [
            ("pypi", &self.pypi),
            ("npm", &self.npm),
            ("crates", &self.crates),
            ("go", &self.go),
            ("maven", &self.maven),
            ("nuget", &self.nuget),
            ("rubygems", &self.rubygems),
            ("packagist", &self.packagist),
        ]
        .into_iter()
        .map(|(eco, names)| (eco, names.as_slice()))
    }

    pub fn is_empty(&self) -> bool {
        self.iter().all(|(_, names)| names.is_empty())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Data {
    /// The charter's own classification markers; see `Charter::markers` for the full set.
    pub markers: Vec<String>,
    /// Project code names that must never leave the company.
    pub codenames: Vec<String>,
    pub patterns: Vec<Pattern>,
}

/// A custom confidential pattern. `regex` is Rust regex syntax and is known to compile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Pattern {
    pub name: String,
    pub regex: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Labels {
    /// Globs (known to compile) of where AI-made content must carry a label.
    pub required_in: Vec<String>,
    /// The charter's own label phrases; see `Charter::accepted_labels` for the full set.
    pub accepted: Vec<String>,
    /// Commit trailer key that declares AI assistance, e.g. `Assisted-by`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit_trailer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Oversight {
    /// The charter's own review markers; see `Charter::review_markers` for the full set.
    pub review_markers: Vec<String>,
    /// Domains where human oversight is checked; all of them unless a charter narrows it.
    pub domains: Vec<Domain>,
}

impl Default for Oversight {
    fn default() -> Self {
        Oversight { review_markers: Vec::new(), domains: Domain::ALL.to_vec() }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Rules {
    /// Rule ids, or id prefixes such as `LABEL` (see `Charter::rule_disabled`).
    pub disable: Vec<String>,
    /// Rule id or id prefix → severity.
    pub severity: BTreeMap<String, Severity>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scan {
    /// Globs (known to compile) of paths not to scan.
    pub exclude: Vec<String>,
    /// Files larger than this many bytes are skipped; `None`: the scanner's own limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_file_size: Option<u64>,
    /// `scan.strict`: files that cannot be read or parsed make the run exit 2, as `--strict`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strict: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PromptLogs {
    /// Which CSV columns hold what, for CSV prompt-log exports.
    #[serde(default, deserialize_with = "nullable")]
    pub csv_map: CsvMap,
}

/// Column names of a CSV prompt log, by meaning. Unset: the reader's own guesses apply.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CsvMap {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<String>,
}

/// Parses a size: a byte count, or a number with a `KB`/`MB`/`GB` suffix (also `K`, `KiB`, …;
/// any case; multiples of 1024, as in most scanners). `1.5MB` is allowed; zero is not.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, unit) = (&text[..split], text[split..].trim());
    let shift = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("unknown unit `{unit}`: use KB, MB or GB")),
    };
    let value: f64 = number.parse().map_err(|_| format!("`{text}` is not a size"))?;
    let bytes = (value * f64::from(1u32 << shift)).round();
    if bytes.is_nan() || bytes < 1.0 || bytes >= u64::MAX as f64 {
        return Err(format!("`{text}` is out of range: give at least 1 byte"));
    }
    Ok(bytes as u64)
}

/// `null` (e.g. a section whose lines are all commented out) means "empty", not a type error.
pub(super) fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

// ---------------------------------------------------------------------------------------------
// One file, as written.

type List = Vec<Spanned<String>>;

// Doc comments of the file form are the JSON Schema's descriptions: editors show them on hover.

/// An organisation's AI-usage charter, checked by charterlint. Only `version` is required.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "AiCharter")]
pub(super) struct RawCharter {
    /// Charter format version: 1.
    #[schemars(required, range(min = 1, max = 1))]
    pub version: Option<Spanned<u32>>,
    /// Another charter this one builds on, relative to this file: lists merged, values overridden.
    pub extends: Option<Spanned<String>>,
    /// The organisation the charter belongs to; shown in the rendered charter.
    pub organization: Option<Spanned<String>>,
    /// Who to ask (an address or a team); shown in help texts and in the rendered charter.
    pub contact: Option<Spanned<String>>,
    /// The language of texts made from the charter (`charter render`, reports): fr or en.
    pub language: Option<Spanned<Language>>,
    #[serde(default, deserialize_with = "nullable")]
    pub tools: RawTools,
    #[serde(default, deserialize_with = "nullable")]
    pub data: RawData,
    #[serde(default, deserialize_with = "nullable")]
    pub labels: RawLabels,
    #[serde(default, deserialize_with = "nullable")]
    pub oversight: RawOversight,
    #[serde(default, deserialize_with = "nullable")]
    pub rules: RawRules,
    #[serde(default, deserialize_with = "nullable")]
    pub scan: RawScan,
    #[serde(default, deserialize_with = "nullable")]
    pub prompt_logs: PromptLogs,
    #[serde(default, deserialize_with = "nullable")]
    pub network: RawNetwork,
}

/// Decisions over AI tools: catalogue ids (`charterlint catalog`) or `custom` ids. A catalogue
/// service listed nowhere is unapproved (shadow AI).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Tools")]
pub(super) struct RawTools {
    /// Any data allowed.
    #[serde(default, deserialize_with = "nullable")]
    pub approved: List,
    /// Allowed, but no confidential data.
    #[serde(default, deserialize_with = "nullable")]
    pub tolerated: List,
    /// Never.
    #[serde(default, deserialize_with = "nullable")]
    pub forbidden: List,
    /// Services the catalogue does not know; an entry with a catalogue id adds to that service.
    #[serde(default, deserialize_with = "nullable")]
    pub custom: Vec<RawCustomTool>,
    /// Status of the tools the lists above do not name, by the country whose law governs the
    /// provider (`charterlint catalog` shows it): ISO 3166 alpha-2 codes, or `EU`.
    #[serde(default, deserialize_with = "nullable")]
    pub jurisdictions: RawJurisdictions,
    /// Status of local runtimes (Ollama, llama.cpp…) the lists above do not name: the model runs
    /// on the organisation's machines.
    pub local: Option<Spanned<Policy>>,
}

/// An AI service the catalogue does not know, or more about one it knows.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CustomTool")]
pub(super) struct RawCustomTool {
    /// Lowercase letters, digits, `-`, `_` or `.`.
    #[schemars(regex(pattern = r"^[a-z0-9._-]+$"))]
    pub id: Spanned<String>,
    /// The name people know it by.
    pub name: Option<Spanned<String>>,
    /// Hosts people visit.
    #[serde(default, deserialize_with = "nullable")]
    pub domains: List,
    /// Hosts its API is called on.
    #[serde(default, deserialize_with = "nullable")]
    pub api_hosts: List,
    /// SDK package names, per ecosystem.
    #[serde(default, deserialize_with = "nullable")]
    pub packages: Packages,
    /// Environment variables that hold its API key.
    #[serde(default, deserialize_with = "nullable")]
    pub env_vars: List,
}

/// What must never go into an AI tool the charter does not approve.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Data")]
pub(super) struct RawData {
    /// Classification markers, added to the built-in English and French ones.
    #[serde(default, deserialize_with = "nullable")]
    pub markers: List,
    /// Project code names that must never leave the company.
    #[serde(default, deserialize_with = "nullable")]
    pub codenames: List,
    /// Confidential identifiers of the organisation, as Rust regexes.
    #[serde(default, deserialize_with = "nullable")]
    pub patterns: Vec<RawPattern>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Pattern")]
pub(super) struct RawPattern {
    pub name: Spanned<String>,
    /// Rust regex syntax.
    pub regex: Spanned<String>,
}

/// Labelling of AI-made content.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Labels")]
pub(super) struct RawLabels {
    /// Globs of where AI-made content must carry a label; empty: wherever AI provenance shows.
    #[serde(default, deserialize_with = "nullable")]
    pub required_in: List,
    /// Label phrases, added to the built-in ones.
    #[serde(default, deserialize_with = "nullable")]
    pub accepted: List,
    /// The commit trailer that declares AI assistance, e.g. `Assisted-by`.
    pub commit_trailer: Option<Spanned<String>>,
}

/// Human oversight of decisions about people.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Oversight")]
pub(super) struct RawOversight {
    /// Identifiers that count as a human review step, added to the built-in ones.
    #[serde(default, deserialize_with = "nullable")]
    pub review_markers: List,
    /// Domains where a model must not decide about a person without a human step; default: all.
    // Names, checked by the validator (not by serde) so the error can say "unknown domain".
    #[schemars(with = "Option<Vec<Domain>>")]
    pub domains: Option<List>,
}

/// Which rules run, and how severe their findings are.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Rules")]
pub(super) struct RawRules {
    /// Rule ids or id prefixes, e.g. `LABEL003` or `LABEL`.
    #[serde(default, deserialize_with = "nullable")]
    pub disable: List,
    /// Rule id or prefix → error, warning or info.
    #[serde(default, deserialize_with = "nullable")]
    pub severity: SeverityMap,
}

/// What is scanned.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Scan")]
pub(super) struct RawScan {
    /// Globs of paths not to scan, relative to this file's directory.
    #[serde(default, deserialize_with = "nullable")]
    pub exclude: List,
    /// Larger files are skipped: bytes, or a number with KB, MB or GB.
    pub max_file_size: Option<Spanned<SizeText>>,
    pub strict: Option<bool>,
}

/// `rules.severity` in file order, keys with positions (a map type would lose both).
#[derive(Debug, Default)]
pub(super) struct SeverityMap(pub Vec<(Spanned<String>, Spanned<Severity>)>);

impl<'de> Deserialize<'de> for SeverityMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = SeverityMap;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping of rule id to error, warning or info")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<SeverityMap, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(SeverityMap(entries))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// `max_file_size` as written (an integer or a string like `10MB`); parsed by the validator so a
/// bad value gets a located, specific error.
#[derive(Debug, Clone, Default)]
pub(super) struct SizeText(pub String);

impl<'de> Deserialize<'de> for SizeText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = SizeText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a size such as 10485760 or 10MB")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SizeText, E> {
                Ok(SizeText(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<SizeText, E> {
                Ok(SizeText(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<SizeText, E> {
                Ok(SizeText(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<SizeText, E> {
                Ok(SizeText(v.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
