//! Runs the compiled rules over units of text. One Aho-Corasick pass over each unit finds every
//! rule keyword, key marker, API host and key variable at once; only the rules and key formats
//! whose literals occur run their regexes, and hosts come straight out of that pass.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;

use crate::catalog::hosts::{HostKind, on_label_boundary};
use crate::catalog::{Catalog, HostIndex};
use crate::charter::{Charter, ToolStatus};
use crate::detect::{emotion, entropy, oversight, unicode, workflow};
use crate::finding::{self, Category, Excerpt, Finding, Label, Position, Severity};
use crate::inputs::kind::{FileKind, Kinds};
use crate::inputs::manifest;
use crate::mask;
use crate::rules::{CompiledRule, Detector, Rule, StatusKey, compile};
use crate::suppress;

mod labels;

/// Who a prefilter literal belongs to.
#[derive(Debug, Clone, Copy)]
enum Owner {
    Rule(usize),
    Key(usize),
    Host(usize),
    EnvVar(usize),
}

#[derive(Debug)]
struct KeyFormat {
    service: usize,
    regex: Regex,
    entropy: Option<f64>,
    context: Vec<String>,
}

/// One Aho-Corasick automaton over literals, with who owns each literal.
#[derive(Debug)]
struct Prefilter {
    ac: Option<AhoCorasick>,
    owners: Vec<Vec<Owner>>,
}

impl Prefilter {
    fn new<'a>(entries: impl Iterator<Item = &'a (String, Owner)>) -> Result<Prefilter, String> {
        let mut literals: Vec<&str> = Vec::new();
        let mut owners: Vec<Vec<Owner>> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (lit, owner) in entries {
            let id = *index.entry(lit.as_str()).or_insert_with(|| {
                literals.push(lit.as_str());
                owners.push(Vec::new());
                literals.len() - 1
            });
            owners[id].push(*owner);
        }
        if literals.is_empty() {
            return Ok(Prefilter { ac: None, owners });
        }
        let build = |kind| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(kind)
                .build(&literals)
        };
        let ac = build(Some(AhoCorasickKind::DFA))
            .or_else(|_| build(None))
            .map_err(|e| format!("prefilter: {e}"))?;
        Ok(Prefilter { ac: Some(ac), owners })
    }
}

/// Which rules run, from the command line.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

/// One span of text to check, with what it is and where it came from.
#[derive(Debug, Clone, Copy)]
pub struct Unit<'a> {
    /// Path as shown to the user.
    pub path: &'a str,
    /// `/`-separated path relative to the scan root, for globs.
    pub rel_path: &'a str,
    pub text: &'a str,
    pub kinds: Kinds,
    /// Which log record, page or paragraph the text is, when it is one.
    pub record: Option<&'a str>,
    /// The AI service (catalogue index) that received this text, for prompts in logs.
    pub tool: Option<usize>,
    /// Where `text` starts in its file, for units cut out of a larger file; finding positions
    /// are shifted by it. `None` when the unit is the whole file.
    pub origin: Option<Position>,
}

impl<'a> Unit<'a> {
    /// A whole file.
    pub fn file(path: &'a str, rel_path: &'a str, text: &'a str, kinds: Kinds) -> Unit<'a> {
        Unit { path, rel_path, text, kinds, record: None, tool: None, origin: None }
    }

    /// Moves a position inside the unit's text to the file's coordinates.
    fn place(&self, p: Position) -> Position {
        match self.origin {
            None => p,
            Some(o) if p.line == 1 => Position { line: o.line, column: o.column + p.column - 1 },
            Some(o) => Position { line: o.line + p.line - 1, column: p.column },
        }
    }
}

/// A place a rule matched, before severity and suppressions are applied.
#[derive(Debug, Clone, Default)]
struct Hit {
    span: Range<usize>,
    service: Option<usize>,
    detail: String,
    secret: bool,
    /// Further hits of the same service in the same unit, folded into this one.
    repeats: usize,
    /// Secondary places shown with the finding (the AI call behind a decision).
    labels: Vec<(Range<usize>, String)>,
    /// A severity the detector decides from context, before the charter's overrides.
    severity: Option<Severity>,
}

#[derive(Debug)]
pub struct Engine {
    pub rules: Vec<CompiledRule>,
    pub catalog: Catalog,
    pub hosts: HostIndex,
    pub charter: Charter,
    /// Print secrets in full (`--show-secrets`).
    pub show_secrets: bool,
    prefilter: Prefilter,
    message_entries: Vec<(String, Owner)>,
    message_prefilter: OnceLock<Prefilter>,
    keys: Vec<KeyFormat>,
    assistant_globs: GlobSet,
    /// For each assistant glob, the service it belongs to.
    assistant_owner: Vec<usize>,
    /// Rules that run on every applicable unit (no literal gate).
    ungated: Vec<usize>,
    any_manifest_rule: bool,
    /// `labels.required_in`: where unlabelled AI content is an error.
    label_required: GlobSet,
    /// Classification markers, code names and patterns of the charter, compiled.
    markers: crate::detect::markers::Markers,
}

impl Engine {
    pub fn new(
        rules: Vec<Rule>,
        catalog: Catalog,
        charter: Charter,
        selection: &Selection,
    ) -> Result<Engine, String> {
        let rules: Vec<CompiledRule> = rules
            .into_iter()
            .filter(|r| {
                (selection.select.is_empty() || crate::rules::selected_by(&r.id, &selection.select))
                    && !crate::rules::selected_by(&r.id, &selection.ignore)
                    && !charter.rule_disabled(&r.id)
            })
            .map(CompiledRule::new)
            .collect::<Result<_, _>>()?;
        let hosts = HostIndex::new(&catalog);

        let mut entries: Vec<(String, Owner)> = Vec::new();
        let mut add = |lit: &str, owner: Owner| entries.push((lit.to_ascii_lowercase(), owner));

        let mut ungated = Vec::new();
        let wants = |d: Detector| rules.iter().any(|r| r.detector == Some(d));
        for (i, r) in rules.iter().enumerate() {
            // Keywords gate a regex, and a detector that declares some.
            if !r.rule.matcher.keywords.is_empty() {
                for k in &r.rule.matcher.keywords {
                    add(k, Owner::Rule(i));
                }
            } else if !matches!(r.detector, Some(Detector::AiHost | Detector::AiKey | Detector::AiEnvVar)) {
                ungated.push(i);
            }
        }
        let mut keys = Vec::new();
        if wants(Detector::AiKey) || wants(Detector::Secret) {
            for (si, s) in catalog.services.iter().enumerate() {
                for k in &s.keys {
                    let regex = compile::build_regex(&k.regex)
                        .map_err(|e| format!("catalogue key format of {}: {e}", s.id))?;
                    for kw in &k.keywords {
                        add(kw, Owner::Key(keys.len()));
                    }
                    keys.push(KeyFormat {
                        service: si,
                        regex,
                        entropy: k.entropy,
                        context: k.context.iter().map(|c| c.to_ascii_lowercase()).collect(),
                    });
                }
            }
        }
        if wants(Detector::AiHost) || wants(Detector::PromptWithPersonalData) {
            for (hi, (h, _, kind)) in hosts.entries.iter().enumerate() {
                if *kind == HostKind::Api {
                    add(h, Owner::Host(hi));
                }
            }
        }
        if wants(Detector::AiEnvVar) || wants(Detector::PromptWithPersonalData) {
            for (si, s) in catalog.services.iter().enumerate() {
                for v in &s.env_vars {
                    add(v, Owner::EnvVar(si));
                }
            }
        }
        // Messages of prompt logs are read only by the rules that apply to them: their automaton
        // leaves out API hosts and key variables, which only code and config rules look for.
        let reads_messages = |o: &Owner| match *o {
            Owner::Rule(i) => {
                let kinds = &rules[i].rule.applies_to.kinds;
                kinds.is_empty()
                    || kinds
                        .iter()
                        .any(|k| matches!(k, FileKind::Prompt | FileKind::Response | FileKind::Any))
            }
            Owner::Key(_) => true,
            Owner::Host(_) | Owner::EnvVar(_) => false,
        };
        let prefilter = Prefilter::new(entries.iter())?;
        // Built on the first message, so a repository scan (or a hook) never pays for it.
        let message_entries: Vec<(String, Owner)> =
            entries.iter().filter(|(_, o)| reads_messages(o)).cloned().collect();

        let mut gb = GlobSetBuilder::new();
        let mut assistant_owner = Vec::new();
        for (si, s) in catalog.services.iter().enumerate() {
            for g in &s.assistant_files {
                let glob = Glob::new(g).map_err(|e| format!("assistant file glob `{g}` of {}: {e}", s.id))?;
                gb.add(glob);
                assistant_owner.push(si);
            }
        }
        let assistant_globs = gb.build().map_err(|e| e.to_string())?;
        let any_manifest_rule = wants(Detector::AiDependency);
        let label_required = labels::required_globs(&charter.labels.required_in)?;
        let markers = crate::detect::markers::Markers::new(&charter);
        Ok(Engine {
            markers,
            rules,
            catalog,
            hosts,
            charter,
            show_secrets: false,
            prefilter,
            message_entries,
            message_prefilter: OnceLock::new(),
            keys,
            assistant_globs,
            assistant_owner,
            ungated,
            any_manifest_rule,
            label_required,
        })
    }

    /// File kinds that need the catalogue or the manifest parser: assistant files and manifests.
    pub fn refine_kinds(&self, rel_path: &str, mut kinds: Kinds) -> Kinds {
        if self.assistant_globs.is_match(rel_path) {
            kinds = kinds.with(FileKind::Assistant);
        }
        if self.any_manifest_rule && manifest::is_manifest(rel_path) {
            kinds = kinds.with(FileKind::Manifest);
        }
        kinds
    }

    /// The AI assistant a file configures, if any.
    fn assistant_of(&self, rel_path: &str) -> Option<usize> {
        self.assistant_globs.matches(rel_path).first().map(|&g| self.assistant_owner[g])
    }

    pub fn status_of(&self, service: usize) -> ToolStatus {
        self.charter.tool_status(&self.catalog.services[service].id)
    }

    /// Checks `text` as if it were the file at `rel_path` (rule examples, staged blobs).
    pub fn check_text(&self, rel_path: &str, text: &str) -> Vec<Finding> {
        self.check_text_as(rel_path, text, &[])
    }

    /// Like [`Engine::check_text`], with more unit kinds (a rule example that is a prompt).
    pub fn check_text_as(&self, rel_path: &str, text: &str, extra: &[FileKind]) -> Vec<Finding> {
        let kinds = self.refine_kinds(rel_path, crate::inputs::kind::classify(rel_path));
        let kinds = extra.iter().fold(kinds, |k, e| k.with(*e));
        self.check(&Unit::file(rel_path, rel_path, text, kinds))
    }

    /// Checks a rule example: a file at `rel_path`, or with `tool`, a user message of a prompt
    /// log sent to that catalogue tool.
    pub fn check_example(
        &self,
        rel_path: &str,
        text: &str,
        tool: Option<&str>,
        extra: &[FileKind],
    ) -> Vec<Finding> {
        match tool {
            None => self.check_text_as(rel_path, text, extra),
            Some(t) => {
                let kinds = extra.iter().fold(Kinds::default().with(FileKind::Prompt), |k, e| k.with(*e));
                let record = format!("example message (user) to {t}");
                let unit = Unit {
                    path: rel_path,
                    rel_path,
                    text,
                    kinds,
                    record: Some(&record),
                    tool: self.catalog.index_of(t),
                    origin: None,
                };
                self.check(&unit)
            }
        }
    }

    /// Checks one unit and returns its findings, suppressions applied.
    pub fn check(&self, unit: &Unit<'_>) -> Vec<Finding> {
        let text = unit.text;
        let mut rule_seen = vec![false; self.rules.len()];
        let mut key_seen = vec![false; self.keys.len()];
        let mut host_hits: Vec<(Range<usize>, usize)> = Vec::new();
        let mut env_hits: Vec<(Range<usize>, usize)> = Vec::new();
        let pf = if unit.kinds.contains(FileKind::Prompt) || unit.kinds.contains(FileKind::Response) {
            self.message_prefilter.get_or_init(|| {
                Prefilter::new(self.message_entries.iter())
                    .unwrap_or(Prefilter { ac: None, owners: Vec::new() })
            })
        } else {
            &self.prefilter
        };
        if let Some(ac) = &pf.ac {
            for m in ac.find_overlapping_iter(text) {
                for o in &pf.owners[m.pattern().as_usize()] {
                    match *o {
                        Owner::Rule(i) => rule_seen[i] = true,
                        Owner::Key(k) => key_seen[k] = true,
                        Owner::Host(h) => host_hits.push((m.range(), h)),
                        Owner::EnvVar(s) => env_hits.push((m.range(), s)),
                    }
                }
            }
        }
        for &i in &self.ungated {
            rule_seen[i] = true;
        }
        if !host_hits.is_empty() {
            rule_seen.iter_mut().zip(&self.rules).for_each(|(seen, r)| {
                *seen |= r.detector == Some(Detector::AiHost);
            });
        }
        if !env_hits.is_empty() {
            rule_seen.iter_mut().zip(&self.rules).for_each(|(seen, r)| {
                *seen |= r.detector == Some(Detector::AiEnvVar);
            });
        }
        if key_seen.iter().any(|&k| k) {
            rule_seen.iter_mut().zip(&self.rules).for_each(|(seen, r)| {
                *seen |= r.detector == Some(Detector::AiKey);
            });
        }

        let hidden = OnceLock::new();
        let verdict = OnceLock::new();
        let mut out = Vec::new();
        let mut lines = LineIndex::default();
        for (i, rule) in self.rules.iter().enumerate() {
            if !rule_seen[i] || !rule.applies(unit.kinds, unit.rel_path) {
                continue;
            }
            let mut hits = self.hits(rule, unit, &key_seen, &host_hits, &env_hits, &hidden, &verdict);
            if matches!(rule.detector, Some(Detector::AiHost | Detector::AiEnvVar)) {
                hits = fold_by_service(hits);
            }
            for hit in hits {
                if let Some(mut f) = self.finding(rule, unit, hit, &mut lines) {
                    if rule.detector.is_some_and(Detector::is_label) {
                        self.label_finding(rule, unit, &mut f);
                    }
                    out.push(f);
                }
            }
        }
        self.apply_suppressions(unit, out, &mut lines)
    }

    #[allow(clippy::too_many_arguments)] // reason: per-unit caches shared by the rules of one unit
    fn hits(
        &self,
        rule: &CompiledRule,
        unit: &Unit<'_>,
        key_seen: &[bool],
        host_hits: &[(Range<usize>, usize)],
        env_hits: &[(Range<usize>, usize)],
        hidden: &OnceLock<Vec<unicode::Hidden>>,
        verdict: &OnceLock<Option<crate::detect::label::Verdict>>,
    ) -> Vec<Hit> {
        let text = unit.text;
        let plain = |span: Range<usize>| Hit {
            span,
            service: None,
            detail: String::new(),
            secret: rule.rule.secret,
            ..Hit::default()
        };
        if let Some(m) = &rule.regex {
            return m
                .regex
                .captures_iter(text)
                .filter_map(|c| c.get(m.group).or_else(|| c.get(0)))
                .filter(|g| !g.range().is_empty())
                .map(|g| plain(g.range()))
                .collect();
        }
        let Some(detector) = rule.detector else { return Vec::new() };
        match detector {
            Detector::AiDependency => {
                if !unit.kinds.contains(FileKind::Manifest) {
                    return Vec::new();
                }
                manifest::dependencies(unit.rel_path, text)
                    .into_iter()
                    .filter_map(|d| {
                        let s = self.catalog.package_owner(d.ecosystem, &d.name)?;
                        Some(Hit {
                            span: d.span,
                            service: Some(s),
                            detail: format!("{} package `{}`", d.ecosystem.as_str(), d.name),
                            ..Hit::default()
                        })
                    })
                    .collect()
            }
            Detector::AiHost => {
                let bytes = text.as_bytes();
                let mut v: Vec<(Hit, usize)> = host_hits
                    .iter()
                    .filter(|(r, _)| on_label_boundary(bytes, r.start, r.end))
                    .map(|(r, h)| {
                        // Report the whole host name, subdomains included.
                        let mut start = r.start;
                        while start > 0
                            && (bytes[start - 1].is_ascii_alphanumeric()
                                || matches!(bytes[start - 1], b'.' | b'-'))
                        {
                            start -= 1;
                        }
                        let hit = Hit {
                            span: start..r.end,
                            service: Some(self.hosts.entries[*h].1),
                            detail: String::new(),
                            ..Hit::default()
                        };
                        (hit, r.len())
                    })
                    .collect();
                // A custom tool's host may sit under a shorter catalogue host (a resource under
                // the Azure OpenAI domain): the longest registered entry decides the service.
                v.sort_by_key(|(h, len)| (h.span.start, std::cmp::Reverse(*len)));
                v.dedup_by(|b, a| a.0.span.start == b.0.span.start);
                v.into_iter().map(|(h, _)| h).collect()
            }
            Detector::AiEnvVar => {
                let bytes = text.as_bytes();
                let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
                let mut v: Vec<Hit> = env_hits
                    .iter()
                    .filter(|(r, s)| {
                        let exact = self.catalog.services[*s]
                            .env_vars
                            .iter()
                            .any(|e| e.as_bytes() == &bytes[r.clone()]);
                        exact
                            && !(r.start > 0 && ident(bytes[r.start - 1]))
                            && !bytes.get(r.end).copied().is_some_and(ident)
                    })
                    .map(|(r, s)| Hit {
                        span: r.clone(),
                        service: Some(*s),
                        detail: String::new(),
                        ..Hit::default()
                    })
                    .collect();
                v.sort_by_key(|h| h.span.start);
                v.dedup_by(|b, a| a.span == b.span);
                v
            }
            Detector::AiKey => self.key_hits(text, key_seen),
            Detector::Secret
            | Detector::PersonalData
            | Detector::ConfidentialMarker
            | Detector::PastedCode => crate::detect::hits::confidential(self, detector, text, key_seen)
                .into_iter()
                .map(|(span, detail, secret)| Hit { span, service: None, detail, secret, ..Hit::default() })
                .collect(),
            Detector::PromptWithPersonalData => {
                // The AI service the file talks to: the first one the charter does not approve.
                let service = host_hits
                    .iter()
                    .map(|(_, h)| self.hosts.entries[*h].1)
                    .chain(env_hits.iter().map(|(_, s)| *s))
                    .find(|s| self.status_of(*s) != ToolStatus::Approved);
                let Some(service) = service else { return Vec::new() };
                crate::detect::code::prompt_with_personal_data(text)
                    .into_iter()
                    .take(1)
                    .map(|span| Hit { span, service: Some(service), detail: String::new(), ..Hit::default() })
                    .collect()
            }
            Detector::AssistantFile => match self.assistant_of(unit.rel_path) {
                Some(s) => {
                    let end = text.find('\n').unwrap_or(text.len());
                    vec![Hit { span: 0..end, service: Some(s), detail: String::new(), ..Hit::default() }]
                }
                None => Vec::new(),
            },
            Detector::AiDecision => {
                let markers = self.charter.review_markers();
                oversight::find(unit.rel_path, text, &markers, &self.charter.oversight.domains)
                    .into_iter()
                    .map(|d| {
                        let scope = match &d.scope {
                            Some(name) => format!("`{name}` or the functions of this file that call it"),
                            None => format!(
                                "the {} lines around the call (no parser for this language)",
                                oversight::FALLBACK_WINDOW
                            ),
                        };
                        Hit {
                            span: d.decision,
                            service: None,
                            detail: format!("{} decision; no review step in {scope}", d.domain.as_str()),
                            secret: false,
                            labels: vec![(d.ai_call, "the AI call whose output drives it".into())],
                            ..Hit::default()
                        }
                    })
                    .collect()
            }
            Detector::EmotionRecognition => emotion::find(text)
                .into_iter()
                .map(|e| Hit {
                    span: e.span,
                    service: None,
                    detail: e.api.to_string(),
                    secret: false,
                    repeats: 0,
                    labels: Vec::new(),
                    severity: (!e.workplace_or_school).then_some(Severity::Warning),
                })
                .collect(),
            Detector::AiAutomerge | Detector::NoCodeDecision => {
                let found = if detector == Detector::AiAutomerge {
                    workflow::ci(unit.rel_path, text)
                } else {
                    workflow::no_code(unit.rel_path, text)
                };
                found
                    .into_iter()
                    .map(|a| Hit {
                        span: a.action,
                        service: None,
                        detail: a.what,
                        secret: false,
                        labels: vec![(a.ai, "the AI step".into())],
                        ..Hit::default()
                    })
                    .collect()
            }
            Detector::AiUnlabelled
            | Detector::AiArtifactLabelled
            | Detector::AiImageUnmarked
            | Detector::AiCommitUndisclosed => self.label_hits(detector, unit, verdict),
            Detector::HiddenTags | Detector::BidiControl | Detector::InvisibleRun => {
                let want = match detector {
                    Detector::HiddenTags => unicode::HiddenKind::Tags,
                    Detector::BidiControl => unicode::HiddenKind::Bidi,
                    _ => unicode::HiddenKind::Invisible,
                };
                hidden
                    .get_or_init(|| unicode::find(text))
                    .iter()
                    .filter(|h| h.kind == want)
                    .map(|h| Hit {
                        span: h.span.clone(),
                        service: None,
                        detail: h.decoded.clone(),
                        ..Hit::default()
                    })
                    .collect()
            }
        }
    }

    /// AI keys of the catalogue found in `text`: span and the service's name.
    pub(crate) fn ai_keys(&self, text: &str, key_seen: &[bool]) -> Vec<(Range<usize>, String)> {
        self.key_hits(text, key_seen)
            .into_iter()
            .map(|h| (h.span, h.service.map(|s| self.catalog.services[s].name.clone()).unwrap_or_default()))
            .collect()
    }

    pub(crate) fn markers(&self) -> &crate::detect::markers::Markers {
        &self.markers
    }

    fn key_hits(&self, text: &str, key_seen: &[bool]) -> Vec<Hit> {
        let mut out: Vec<Hit> = Vec::new();
        for (k, fmt) in self.keys.iter().enumerate() {
            if !key_seen[k] {
                continue;
            }
            for c in fmt.regex.captures_iter(text) {
                let Some(m) = c.get(1).or_else(|| c.get(0)) else { continue };
                let key = m.as_str();
                if entropy::is_placeholder(key) || fmt.entropy.is_some_and(|min| entropy::shannon(key) < min)
                {
                    continue;
                }
                if !fmt.context.is_empty() {
                    let mut from = m.start().saturating_sub(120);
                    while !text.is_char_boundary(from) {
                        from -= 1;
                    }
                    let before = text[from..m.start()].to_ascii_lowercase();
                    if !fmt.context.iter().any(|w| before.contains(w.as_str())) {
                        continue;
                    }
                }
                if out.iter().any(|h| h.span.start < m.end() && m.start() < h.span.end) {
                    continue;
                }
                out.push(Hit {
                    span: m.range(),
                    service: Some(fmt.service),
                    detail: String::new(),
                    secret: true,
                    ..Hit::default()
                });
            }
        }
        out
    }

    /// Resolves severity (rule, file kind, AI service status, charter override) and builds the
    /// finding; `None` when the charter approves the service.
    fn finding(
        &self,
        rule: &CompiledRule,
        unit: &Unit<'_>,
        hit: Hit,
        lines: &mut LineIndex,
    ) -> Option<Finding> {
        let r = &rule.rule;
        let mut severity = hit.severity.unwrap_or_else(|| rule.base_severity(unit.kinds));
        let mut status_word = "";
        let mut tool_name = String::new();
        let service_idx = hit.service.or(unit.tool);
        if let Some(s) = service_idx {
            let service = &self.catalog.services[s];
            tool_name = service.name.clone();
            let status = self.status_of(s);
            if let Some(by_status) = r.severity_by_status.get(&StatusKey::of(status)) {
                severity = by_status.severity()?;
                status_word = status_words(status);
            } else if r.severity_from_tool {
                let status = self.status_of(s);
                (severity, status_word) = match status {
                    ToolStatus::Approved => return None,
                    ToolStatus::Tolerated => (Severity::Info, "tolerated"),
                    ToolStatus::Unapproved if service.is_local() => (Severity::Info, "not approved"),
                    ToolStatus::Unapproved => (severity, "not approved"),
                    ToolStatus::Forbidden => (Severity::Error, "forbidden"),
                };
            }
        }
        if tool_name.is_empty() && r.severity_by_status.keys().next().is_some() {
            tool_name = "an AI tool the catalogue does not know".into();
            status_word = "not approved";
        }
        if let Some(o) = self.charter.severity_override(&r.id) {
            severity = o;
        }
        let matched = &unit.text[hit.span.clone()];
        let shown = if hit.secret && !self.show_secrets { mask::short(matched) } else { matched.to_string() };
        let message = r
            .message
            .replace("{match}", &shown)
            .replace("{tool}", &tool_name)
            .replace("{status}", status_word)
            .replace("{detail}", &hit.detail);
        let mut message = message;
        if hit.repeats > 0 {
            message.push_str(&format!(" ({} more in this file)", hit.repeats));
        }
        let (start, end) = lines.positions(unit.text, hit.span.clone());
        let (start, end) = (unit.place(start), unit.place(end));
        let mask_it = hit.secret && !self.show_secrets;
        let excerpt = excerpt(unit.text, &hit.span, mask_it, &hit.labels, lines);
        let snippet = snippet(unit.text, &hit.span, mask_it, lines);
        Some(Finding {
            rule: r.id.clone(),
            category: r.category,
            severity,
            title: r.title.clone(),
            message,
            path: unit.path.to_string(),
            start,
            end,
            record: unit.record.map(str::to_string),
            snippet,
            fingerprint: finding::fingerprint(&r.id, unit.rel_path, matched),
            charter_ref: r.charter_ref.clone(),
            references: r.references.clone(),
            help: unwrap_paragraphs(&r.help),
            excerpt: Some(excerpt),
            tool: service_idx.map(|s| self.catalog.services[s].id.clone()),
        })
    }

    fn apply_suppressions(
        &self,
        unit: &Unit<'_>,
        findings: Vec<Finding>,
        lines: &mut LineIndex,
    ) -> Vec<Finding> {
        let sups = suppress::parse(unit.text);
        if sups.is_empty() {
            return findings;
        }
        let mut used = vec![false; sups.len()];
        let mut kept: Vec<Finding> = findings
            .into_iter()
            .filter(|f| {
                let hit = sups.iter().position(|s| s.covers(&f.rule, f.start.line));
                if let Some(i) = hit {
                    used[i] = true;
                }
                hit.is_none()
            })
            .collect();
        for (s, used) in sups.iter().zip(used) {
            if used {
                continue;
            }
            let meta_allowed = |id: &str| sups.iter().any(|o| o.file_level && o.covers(id, 0));
            let (msg, sev, id) = if s.reason.is_none() {
                (
                    format!("suppression of {} has no reason, so it suppresses nothing", s.ids.join(", ")),
                    Severity::Warning,
                    "ALLOW002",
                )
            } else {
                (format!("unused suppression of {}", s.ids.join(", ")), Severity::Info, "ALLOW001")
            };
            if meta_allowed(id) {
                continue;
            }
            let category = s
                .ids
                .iter()
                .find_map(|id| Category::ALL.into_iter().find(|c| id.starts_with(c.id_prefix())))
                .unwrap_or(Category::ShadowAi);
            let (start, end) = lines.positions(unit.text, s.span.clone());
            let (start, end) = (unit.place(start), unit.place(end));
            kept.push(Finding {
                rule: id.into(),
                category,
                severity: sev,
                title: "Suppression comment".into(),
                message: msg,
                path: unit.path.to_string(),
                start,
                end,
                record: unit.record.map(str::to_string),
                snippet: snippet(unit.text, &s.span, false, lines),
                fingerprint: finding::fingerprint(id, unit.rel_path, &unit.text[s.span.clone()]),
                charter_ref: String::new(),
                references: Vec::new(),
                help: "write `charterlint: allow ID -- reason` on the line of the finding or the line above; remove suppressions that no longer match".into(),
                excerpt: Some(excerpt(unit.text, &s.span, false, &[], lines)),
                tool: None,
            });
        }
        kept
    }

    /// Merges findings of assistant config files so one tool used in many files is reported
    /// once, at its first file, with the count of the others.
    pub fn merge_assistant_findings(&self, findings: &mut Vec<Finding>) {
        let ids: Vec<&str> = self
            .rules
            .iter()
            .filter(|r| r.detector == Some(Detector::AssistantFile))
            .map(|r| r.rule.id.as_str())
            .collect();
        if ids.is_empty() {
            return;
        }
        findings.sort_by(|a, b| (&a.path, a.start).cmp(&(&b.path, b.start)));
        let mut seen: HashMap<(String, Option<String>), (usize, usize)> = HashMap::new();
        let mut drop = vec![false; findings.len()];
        for (i, f) in findings.iter().enumerate() {
            if !ids.contains(&f.rule.as_str()) {
                continue;
            }
            let key = (f.rule.clone(), f.tool.clone());
            match seen.get_mut(&key) {
                Some((_, n)) => {
                    *n += 1;
                    drop[i] = true;
                }
                None => {
                    seen.insert(key, (i, 0));
                }
            }
        }
        for (first, n) in seen.into_values() {
            if n > 0 {
                let s = if n == 1 { "" } else { "s" };
                findings[first].message.push_str(&format!(" (and {n} more file{s})"));
            }
        }
        let mut i = 0;
        findings.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }
}

fn status_words(s: ToolStatus) -> &'static str {
    match s {
        ToolStatus::Approved => "approved",
        ToolStatus::Tolerated => "tolerated",
        ToolStatus::Unapproved => "not approved",
        ToolStatus::Forbidden => "forbidden",
    }
}

/// YAML help texts are wrapped for the editor; reporters wrap for the terminal. Single line
/// breaks become spaces, blank lines stay paragraph breaks.
pub fn unwrap_paragraphs(s: &str) -> String {
    s.trim()
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One finding per AI service and file for endpoints and variables: a file that talks to a
/// service talks to it many times, and the first place is where a reviewer starts.
fn fold_by_service(hits: Vec<Hit>) -> Vec<Hit> {
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        match out.iter_mut().find(|o| o.service == h.service) {
            Some(first) => first.repeats += 1,
            None => out.push(h),
        }
    }
    out
}

/// Byte offsets of line starts, built on the first finding of a unit.
#[derive(Debug, Default)]
struct LineIndex {
    starts: Option<Vec<usize>>,
}

impl LineIndex {
    fn starts(&mut self, text: &str) -> &[usize] {
        self.starts.get_or_insert_with(|| {
            std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect()
        })
    }

    /// 0-based line index containing `offset`.
    fn line_of(&mut self, text: &str, offset: usize) -> usize {
        let starts = self.starts(text);
        starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    fn position(&mut self, text: &str, offset: usize) -> Position {
        let line = self.line_of(text, offset);
        let start = self.starts(text)[line];
        let column = text.get(start..offset).map_or(offset - start, |s| s.chars().count()) + 1;
        Position { line: line + 1, column }
    }

    fn positions(&mut self, text: &str, span: Range<usize>) -> (Position, Position) {
        (self.position(text, span.start), self.position(text, span.end))
    }

    /// Byte range of the lines `first..=last` (0-based), without the final newline.
    fn line_range(&mut self, text: &str, first: usize, last: usize) -> Range<usize> {
        let starts = self.starts(text);
        let start = starts[first.min(starts.len() - 1)];
        let end = starts.get(last + 1).map_or(text.len(), |&s| s.saturating_sub(1));
        start..end.max(start)
    }
}

/// The finding's lines plus one on each side, masked, with the span relative to them.
fn excerpt(
    text: &str,
    span: &Range<usize>,
    secret: bool,
    labels: &[(Range<usize>, String)],
    lines: &mut LineIndex,
) -> Excerpt {
    let lo = labels.iter().map(|(r, _)| r.start).fold(span.start, usize::min);
    let hi = labels.iter().map(|(r, _)| r.end).fold(span.end, usize::max);
    let first = lines.line_of(text, lo).saturating_sub(1);
    let last_line = lines.line_of(text, hi.saturating_sub(1).max(lo));
    let n_lines = lines.starts(text).len();
    let range = lines.line_range(text, first, (last_line + 1).min(n_lines - 1));
    // Keep pathological one-line files (minified JS, huge JSON) readable.
    let range = if labels.is_empty() { clamp_range(text, range, span, 400) } else { range };
    let local = span.start - range.start..span.end.min(range.end) - range.start;
    let raw = &text[range.clone()];
    let masked = if secret { mask::mask_spans(raw, std::slice::from_ref(&local)) } else { raw.to_string() };
    Excerpt {
        text: masked,
        first_line: lines.line_of(text, range.start) + 1,
        span: local,
        labels: labels
            .iter()
            .filter(|(r, _)| r.start >= range.start && r.end <= range.end)
            .map(|(r, t)| Label { span: r.start - range.start..r.end - range.start, text: t.clone() })
            .collect(),
    }
}

fn clamp_range(text: &str, range: Range<usize>, span: &Range<usize>, max: usize) -> Range<usize> {
    if range.len() <= max + span.len() {
        return range;
    }
    let mut start = span.start.saturating_sub(max / 2).max(range.start);
    let mut end = (span.end + max / 2).min(range.end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The matched line, masked and trimmed, for JSON and other flat outputs.
fn snippet(text: &str, span: &Range<usize>, secret: bool, lines: &mut LineIndex) -> String {
    let l = lines.line_of(text, span.start);
    let line = lines.line_range(text, l, l);
    let range = clamp_range(text, line.clone(), span, 160);
    let local_end = span.end.min(range.end);
    let local = span.start - range.start..local_end - range.start;
    let raw = &text[range];
    let s = if secret { mask::mask_spans(raw, std::slice::from_ref(&local)) } else { raw.to_string() };
    s.trim().to_string()
}
