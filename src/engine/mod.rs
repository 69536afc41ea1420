//! Runs the compiled rules over units of text. One Aho-Corasick pass over each unit finds every
//! rule keyword, key marker, API host and key variable at once; only the rules whose literals
//! occur (or whose detector runs ungated) look further. The engine dispatches to detectors,
//! resolves severity from the rule, the AI service's charter status and the charter's
//! overrides, applies suppressions, and places findings in their file.

mod allow;
mod build;
mod embedded;
mod excerpt;
#[cfg(test)]
mod jurisdiction_tests;
mod prefilter;
mod redact;
mod suppress;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::catalog::hosts::HostKind;
use crate::catalog::{Catalog, HostIndex};
use crate::charter::{Charter, ToolStatus};
use crate::detect::{self, Context, Detect, Scratch, Uses};
use crate::finding::{Finding, RuleTexts};
use crate::rules::{CompiledRule, Rule};
use crate::unit::{Fact, Kinds, Place, Record, Unit, UnitKind};

use build::texts_of;
pub use build::unwrap_paragraphs;
use excerpt::LineIndex;
use prefilter::{Owner, Prefilter};
use redact::LazyRedactor;

/// Which rules run, from the command line.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

#[derive(Debug)]
pub struct Engine {
    pub rules: Vec<CompiledRule>,
    /// The detector of each rule that names one, by rule index.
    detectors: Vec<Option<Box<dyn Detect>>>,
    cx: Context,
    /// Print secrets in full (`--show-secrets`).
    pub show_secrets: bool,
    /// Build each finding's excerpt (the lines around it). Only the human and HTML reports show
    /// excerpts; machine formats skip them, which saves time and most of a finding's memory.
    pub excerpts: bool,
    /// Each rule's texts (help unwrapped), built once and shared by its findings.
    texts: Vec<RuleTexts>,
    /// The catalogue's service ids, shared by the findings that name the service.
    tool_ids: Vec<Arc<str>>,
    prefilter: Prefilter,
    message_entries: Vec<(String, Owner)>,
    message_prefilter: OnceLock<Prefilter>,
    /// Rules that run on every applicable unit (no literal gate).
    ungated: Vec<usize>,
    /// What wakes each gated detector, by rule index.
    gates: Vec<Uses>,
    /// Rules whose detector searches only the lines of their keywords, which the prefilter pass
    /// records, by rule index.
    keyword_lines: Vec<bool>,
    /// The suppression rules (ALLOW001 unused, ALLOW002 without a reason), when they run, with
    /// their texts as findings carry them.
    suppression_rules: [Option<(Rule, RuleTexts)>; 2],
}

impl Engine {
    pub fn new(
        rules: Vec<Rule>,
        catalog: Catalog,
        charter: Charter,
        selection: &Selection,
    ) -> Result<Engine, String> {
        let runs = |id: &str| {
            (selection.select.is_empty() || crate::rules::selected_by(id, &selection.select))
                && !crate::rules::selected_by(id, &selection.ignore)
                && !charter.rule_disabled(id)
        };
        // Suppression findings come from the engine itself; they run unless ignored by name.
        let allowed =
            |id: &str| !crate::rules::selected_by(id, &selection.ignore) && !charter.rule_disabled(id);
        let mut suppression_rules: [Option<Rule>; 2] = [None, None];
        let mut kept = Vec::new();
        for r in rules {
            match r.id.as_str() {
                "ALLOW001" if allowed(&r.id) => suppression_rules[0] = Some(r),
                "ALLOW002" if allowed(&r.id) => suppression_rules[1] = Some(r),
                _ if r.category == crate::finding::Category::Suppression => {}
                _ if runs(&r.id) => kept.push(r),
                _ => {}
            }
        }
        let mut detectors = Vec::with_capacity(kept.len());
        for r in &kept {
            detectors.push(match &r.matcher.detector {
                Some(name) => Some(
                    detect::registry::build(name)
                        .ok_or_else(|| format!("{}: unknown detector `{name}`", r.id))?,
                ),
                None => None,
            });
        }
        let uses: Vec<Uses> =
            detectors.iter().map(|d| d.as_ref().map(|d| d.uses()).unwrap_or_default()).collect();
        // Key formats are always compiled: the redactor masks keys whatever rules run.
        let all = uses.iter().fold(Uses { keys: true, ..Uses::default() }, |a, u| a.union(*u));
        let hosts = HostIndex::new(&catalog);
        let keys = Context::key_formats(&catalog);

        let mut entries: Vec<(String, Owner)> = Vec::new();
        let mut add = |lit: &str, owner: Owner| entries.push((lit.to_ascii_lowercase(), owner));
        let mut ungated = Vec::new();
        let keyword_lines: Vec<bool> =
            kept.iter().zip(&uses).map(|(r, u)| u.keyword_lines && !r.matcher.keywords.is_empty()).collect();
        let mut gates = vec![Uses::default(); kept.len()];
        for (i, r) in kept.iter().enumerate() {
            // Keywords gate a regex, and a detector that declares some.
            if !r.matcher.keywords.is_empty() {
                let owner = if keyword_lines[i] { Owner::RuleLine(i) } else { Owner::Rule(i) };
                for k in &r.matcher.keywords {
                    add(k, owner);
                }
            } else if uses[i].gated {
                gates[i] = uses[i];
            } else {
                ungated.push(i);
            }
        }
        for (k, fmt) in keys.iter().enumerate() {
            for kw in &fmt.keywords {
                add(kw, Owner::Key(k));
            }
        }
        // The secret formats' keywords: the redactor looks for secrets in every unit with a
        // finding, and this pass tells it which formats may occur.
        for (kw, f) in detect::secrets::keywords() {
            add(kw, Owner::Secret(f));
        }
        // And the markers, whose search the redactor runs too. An empty one occurs everywhere:
        // the markers then search for themselves.
        let markers = detect::markers::insensitive(&charter);
        if markers.iter().all(|m| !m.is_empty()) {
            for m in markers {
                add(m, Owner::Marker);
            }
        }
        // And what the label rules' provenance search gates on.
        for (l, artifact) in detect::provenance::gate_literals() {
            add(l, Owner::Provenance(artifact));
        }
        if all.hosts {
            for (hi, (h, _, kind)) in hosts.entries.iter().enumerate() {
                if *kind == HostKind::Api {
                    add(h, Owner::Host(hi));
                }
            }
        }
        if all.env_vars {
            for (si, s) in catalog.services.iter().enumerate() {
                for v in &s.env_vars {
                    add(v, Owner::EnvVar(si));
                }
            }
        }
        // Messages of prompt logs are read only by the rules that apply to them: their automaton
        // leaves out API hosts and key variables, which only code and config rules look for.
        let reads_messages = |o: &Owner| match *o {
            Owner::Rule(i) | Owner::RuleLine(i) => {
                let kinds = &kept[i].applies_to.kinds;
                kinds.is_empty()
                    || kinds
                        .iter()
                        .any(|k| matches!(k, UnitKind::Prompt | UnitKind::Response | UnitKind::Any))
            }
            Owner::Key(_) | Owner::Secret(_) | Owner::Marker | Owner::Provenance(_) => true,
            Owner::Host(_) | Owner::EnvVar(_) => false,
        };
        // Built on the first message, so a repository scan (or a hook) never pays for it.
        let message_entries: Vec<(String, Owner)> =
            entries.iter().filter(|(_, o)| reads_messages(o)).cloned().collect();
        // The prefilter's automaton, the largest build of start-up, on a thread of its own while
        // the rules and the context are made (the context's automata and globs): a tenth of a
        // pre-commit run.
        let (prefilter, rules, cx) = std::thread::scope(|s| {
            let prefilter = s.spawn(|| Prefilter::new(entries.iter()));
            let rules: Result<Vec<CompiledRule>, String> = kept.into_iter().map(CompiledRule::new).collect();
            let cx = Context::new(catalog, charter, hosts, keys);
            let prefilter = prefilter.join().unwrap_or_else(|_| Err("building the prefilter failed".into()));
            (prefilter, rules, cx)
        });
        let (prefilter, rules, cx) = (prefilter?, rules?, cx?);
        let texts = rules.iter().map(|r| texts_of(&r.rule)).collect();
        let tool_ids = cx.catalog.services.iter().map(|s| Arc::from(s.id.as_str())).collect();
        let suppression_rules = suppression_rules.map(|r| {
            r.map(|r| {
                let texts = texts_of(&r);
                (r, texts)
            })
        });
        Ok(Engine {
            rules,
            detectors,
            cx,
            show_secrets: false,
            excerpts: true,
            texts,
            tool_ids,
            prefilter,
            message_entries,
            message_prefilter: OnceLock::new(),
            ungated,
            gates,
            keyword_lines,
            suppression_rules,
        })
    }

    pub fn catalog(&self) -> &Catalog {
        &self.cx.catalog
    }

    pub fn charter(&self) -> &Charter {
        &self.cx.charter
    }

    /// File kinds that need the catalogue or the manifest parser: assistant files and manifests.
    pub fn refine_kinds(&self, rel_path: &str, mut kinds: Kinds) -> Kinds {
        if self.cx.assistant_of(rel_path).is_some() {
            kinds = kinds.with(UnitKind::Assistant);
        }
        if detect::manifest::is_manifest(rel_path) {
            kinds = kinds.with(UnitKind::Manifest);
        }
        kinds
    }

    /// Whether the charter requires AI content at this path to be labelled.
    pub fn label_required(&self, rel_path: &str) -> bool {
        self.cx.label_required(rel_path)
    }

    pub fn status_of(&self, service: usize) -> ToolStatus {
        self.cx.status_of(service)
    }

    /// Checks `text` as if it were the file at `rel_path` (rule examples, staged blobs).
    pub fn check_text(&self, rel_path: &str, text: &str) -> Vec<Finding> {
        self.check_text_as(rel_path, text, &[])
    }

    /// Like [`Engine::check_text`], with more unit kinds (a rule example that is a prompt).
    pub fn check_text_as(&self, rel_path: &str, text: &str, extra: &[UnitKind]) -> Vec<Finding> {
        let kinds = self.refine_kinds(rel_path, crate::unit::classify(rel_path));
        let kinds = extra.iter().fold(kinds, |k, e| k.with(*e));
        self.check(&Unit::file(rel_path, rel_path, text, kinds))
    }

    /// Checks a rule example: a file at `rel_path`, or with `tool`, a user message of a prompt
    /// log sent to that catalogue tool. `facts` each span the whole trimmed text (an audit
    /// record's statement).
    pub fn check_example(&self, example: &crate::rules::Example) -> Vec<Finding> {
        let (rel_path, text) = (example.path.as_str(), example.text.as_str());
        let trimmed = text.trim_end().len();
        let facts: Vec<Fact> = example.facts.iter().map(|k| Fact { kind: *k, span: 0..trimmed }).collect();
        let extra = &example.kinds;
        match &example.tool {
            None => {
                let kinds = self.refine_kinds(rel_path, crate::unit::classify(rel_path));
                let kinds = extra.iter().fold(kinds, |k, e| k.with(*e));
                self.check(&Unit { facts: &facts, ..Unit::file(rel_path, rel_path, text, kinds) })
            }
            Some(t) => {
                let kinds = extra.iter().fold(Kinds::default().with(UnitKind::Prompt), |k, e| k.with(*e));
                let record = format!("example message (user) to {t}");
                self.check(&Unit {
                    record: Record::Text(&record),
                    tool: self.cx.catalog.index_of(t),
                    facts: &facts,
                    ..Unit::file(rel_path, rel_path, text, kinds)
                })
            }
        }
    }

    /// A unit's scratch, ready for the prefilter's pass (which answers the gates it can).
    fn scratch(&self) -> Scratch {
        Scratch { key_seen: vec![false; self.cx.keys.len()], ..Scratch::default() }
    }

    /// Checks one unit and returns its findings, suppressions applied, placed in the file.
    pub fn check(&self, unit: &Unit<'_>) -> Vec<Finding> {
        let mut rule_seen = vec![false; self.rules.len()];
        let mut scratch = self.scratch();
        let message = unit.kinds.contains(UnitKind::Prompt) || unit.kinds.contains(UnitKind::Response);
        let pf = if message {
            self.message_prefilter.get_or_init(|| {
                Prefilter::new(self.message_entries.iter()).unwrap_or_else(|_| Prefilter::empty())
            })
        } else {
            &self.prefilter
        };
        pf.scan(unit.text, &mut rule_seen, &mut scratch);
        for &i in &self.ungated {
            rule_seen[i] = true;
        }
        let any_key = scratch.key_seen.iter().any(|&k| k);
        for (seen, g) in rule_seen.iter_mut().zip(&self.gates) {
            *seen |= (g.hosts && !scratch.host_hits.is_empty())
                || (g.env_vars && !scratch.env_hits.is_empty())
                || (g.keys && any_key);
        }

        let mut hits = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            if !rule_seen[i] || !rule.applies(unit.kinds, unit.rel_path) {
                continue;
            }
            let found = match (&rule.regex, &self.detectors[i]) {
                (Some(m), _) => build::regex_hits(m, rule, unit.text),
                (None, Some(d)) => {
                    scratch.lines = self.keyword_lines[i].then(|| {
                        let at = scratch.keyword_at.iter().filter(|&&(r, _)| r == i).map(|&(_, a)| a);
                        detect::lines_holding(unit.text, at.collect())
                    });
                    d.hits(&rule.rule, unit, &self.cx, &scratch)
                }
                (None, None) => Vec::new(),
            };
            hits.extend(found.into_iter().map(|h| (i, h)));
        }
        self.build_all(unit, &scratch, hits)
    }

    /// Findings from a unit's hits (rule index, hit): built, suppressed and placed.
    fn build_all(&self, unit: &Unit<'_>, scratch: &Scratch, hits: Vec<(usize, detect::Hit)>) -> Vec<Finding> {
        // Sensitive spans are known for the whole unit before any finding is built, so that each
        // finding masks every secret it shows, not only its own.
        let secret_hits = hits.iter().filter(|(_, h)| h.secret).map(|(_, h)| h.span.clone()).collect();
        let sups = suppress::parse(unit.text);
        let shown = hits
            .iter()
            .flat_map(|(_, h)| {
                let more = h.labels.iter().chain(&h.notes).map(|(r, _)| r.clone());
                std::iter::once(h.span.clone()).chain(more)
            })
            .chain(sups.iter().map(|s| s.span.clone()));
        let red = LazyRedactor::new(self, unit, scratch, secret_hits, shown);
        let mut out = Vec::new();
        let mut lines = LineIndex::default();
        for (i, hit) in hits {
            if let Some(f) = self.finding(i, unit, hit, &mut lines, red.get()) {
                out.push(f);
            }
        }
        let mut out = self.apply_suppressions(unit, out, sups, &mut lines, &red);
        self.place(unit, &mut out, &red);
        out
    }

    /// Findings of the detectors' run-level passes ([`Detect::finish`]), built, masked,
    /// suppressed and placed like any other; called once, after every unit was checked.
    pub fn finish_run(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            let Some(d) = &self.detectors[i] else { continue };
            for rh in d.finish(&rule.rule, &self.cx) {
                let kinds = self.refine_kinds(&rh.rel_path, crate::unit::classify(&rh.rel_path));
                let at = crate::finding::Position { line: rh.first_line, column: 1 };
                let unit =
                    Unit { place: Place::At(at), ..Unit::file(&rh.path, &rh.rel_path, &rh.text, kinds) };
                let mut seen = vec![false; self.rules.len()];
                let mut scratch = self.scratch();
                self.prefilter.scan(unit.text, &mut seen, &mut scratch);
                let found = self.build_all(&unit, &scratch, vec![(i, rh.hit)]);
                // Unused suppressions were reported when the file itself was checked.
                for mut f in found.into_iter().filter(|f| *f.rule == *rule.rule.id) {
                    // The excerpt is numbered like the file, as for a whole-file unit.
                    if let Some(x) = f.excerpt.as_mut() {
                        x.first_line += rh.first_line - 1;
                    }
                    out.push(f);
                }
            }
        }
        out
    }

    /// Gives a unit's findings their record (masked like the rest) and their position in the
    /// file.
    fn place(&self, unit: &Unit<'_>, findings: &mut [Finding], red: &LazyRedactor<'_>) {
        if findings.is_empty() {
            return;
        }
        // Findings of one message share its record and the literal it was decoded from.
        let place = unit.place.placer(unit.text);
        // Only a record per line depends on the line.
        let per_line = matches!(unit.record, Record::PerLine(_));
        let mut record: Option<(usize, Option<String>)> = None;
        for f in findings.iter_mut() {
            let unit_line = f.start.line;
            let key = if per_line { unit_line } else { 0 };
            f.record = match &record {
                Some((k, r)) if *k == key => r.clone(),
                _ => {
                    let r = unit.record.at_line(unit_line).map(|r| red.get().scrub_record(&r));
                    record = Some((key, r.clone()));
                    r
                }
            };
            f.start = place(f.start);
            f.end = place(f.end);
            match unit.place {
                // The human output shows the message itself, numbered so that the matched line
                // carries the file's line number.
                Place::Json(_) => {
                    if let Some(x) = f.excerpt.as_mut() {
                        x.first_line = (f.start.line + x.first_line).saturating_sub(unit_line).max(1);
                    }
                }
                Place::Record(_) => f.excerpt = None,
                Place::File | Place::At(_) => {}
            }
        }
    }

    /// Merges findings of detectors that report once per run (assistant config files) so one
    /// tool used in many files is reported once, at its first file, with the count of the others.
    pub fn merge_run_findings(&self, findings: &mut Vec<Finding>) {
        let ids: Vec<&str> = self
            .rules
            .iter()
            .zip(&self.detectors)
            .filter(|(_, d)| d.as_ref().is_some_and(|d| d.once_per_run()))
            .map(|(r, _)| r.rule.id.as_str())
            .collect();
        if ids.is_empty() {
            return;
        }
        // Only these findings are put in order (the first file is the one kept): the run's other
        // findings, a large log's tens of thousands, are sorted once, by the caller.
        let mut order: Vec<usize> =
            (0..findings.len()).filter(|&i| ids.contains(&&*findings[i].rule)).collect();
        order.sort_by(|&a, &b| {
            (&findings[a].path, findings[a].start).cmp(&(&findings[b].path, findings[b].start))
        });
        let mut seen: HashMap<(&str, Option<&str>), (usize, usize)> = HashMap::new();
        let mut drop = vec![false; findings.len()];
        for i in order {
            let f = &findings[i];
            match seen.get_mut(&(&*f.rule, f.tool.as_deref())) {
                Some((_, n)) => {
                    *n += 1;
                    drop[i] = true;
                }
                None => {
                    seen.insert((&*f.rule, f.tool.as_deref()), (i, 0));
                }
            }
        }
        let firsts: Vec<(usize, usize)> = seen.into_values().collect();
        for (first, n) in firsts {
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
