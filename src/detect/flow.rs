//! What one source file tells the repository-wide HITL001 pass: its functions (by name, with
//! whether each calls an AI API, holds a human step, and what its return values depend on), the
//! attributes it stores on records and from what, its imports, and its decisions about people
//! with what they depend on. Dependencies are names (called functions, attributes read, a direct
//! AI call), followed through local variables line by line; they are resolved across files by
//! [`super::callgraph`] at the end of the run. A summary holds names and a few lines of
//! excerpt, never the file's text.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::flow_lines::{
    Slot, argument_end, assignment, call_args, code_of, cut, enclosing_call, extend, idents, is_plumbing,
    line_spans,
};
use super::imports::{Imports, imports};
use super::oversight::{self, AI_CALL, has_human_step, noun, re};
use super::scope::{Lang, Scopes};
use super::vocabulary;
use crate::charter::Domain;

/// Most names one dependency set keeps: enough for real code, bounded for generated code.
pub(super) const MAX_DEPS: usize = 48;
/// Most decisions kept per file.
const MAX_SITES: usize = 64;
/// Most calls on one line whose arguments are read.
const MAX_CALLS: usize = 16;
/// Longest line kept in an excerpt.
const MAX_LINE: usize = 400;

/// What a value depends on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dep {
    /// An AI or ML inference call on the same line.
    Ai,
    /// A call to a function by name; `module` when the name was imported from a module.
    Call { name: String, module: Option<String> },
    /// An attribute or record field read (`cand.cv_score`, `cand["cv_score"]`).
    Attr(String),
    /// The function's parameter at this position, whatever its callers pass there.
    Param(usize),
}

pub type Deps = BTreeSet<Dep>;

/// A function (or the top level of the file, named `<module>`).
#[derive(Debug, Clone, Default)]
pub struct FnSummary {
    pub name: String,
    pub line: usize,
    pub human: bool,
    /// Line of the first direct AI call.
    pub ai_line: Option<usize>,
    pub returns: Deps,
    /// Attributes stored on records: name, what the stored value depends on, line.
    pub stores: Vec<(String, Deps, usize)>,
    /// Names this function calls; kept only for functions with a human step (their callees
    /// are cleared).
    pub calls: Vec<String>,
    /// Parameter names in order (`*` for a rest parameter).
    pub params: Vec<String>,
    /// Calls that pass a value depending on something, with what each argument depends on.
    pub passes: Vec<Pass>,
}

/// A call with the dependencies of its arguments: a value flows into the callee's parameter.
#[derive(Debug, Clone)]
pub struct Pass {
    pub name: String,
    pub module: Option<String>,
    pub line: usize,
    /// In a slice, not a set: a set's smallest node is many times one or two names, and a
    /// tree holds tens of thousands of calls.
    pub args: Vec<(Slot, Box<[Dep]>)>,
}

/// A decision about a person, with what it depends on.
#[derive(Debug, Clone)]
pub struct Site {
    pub func: usize,
    pub line: usize,
    pub domain: Domain,
    pub deps: Deps,
    /// The lines around the decision, from `first_line`, and the decision's span in them.
    pub excerpt: String,
    pub first_line: usize,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct FileSummary {
    pub path: String,
    pub rel_path: String,
    pub funcs: Vec<FnSummary>,
    pub sites: Vec<Site>,
}

impl FileSummary {
    /// The module path other files import this file by: `app/services/scoring`.
    pub fn module(&self) -> &str {
        let p = self.rel_path.rsplit_once('.').map_or(self.rel_path.as_str(), |(a, _)| a);
        p.strip_suffix("/__init__").or_else(|| p.strip_suffix("/index")).unwrap_or(p)
    }

    /// The names this summary holds, as a measure of its memory.
    pub fn size(&self) -> usize {
        let deps = |d: &Deps| d.len();
        self.sites.iter().map(|s| 1 + deps(&s.deps)).sum::<usize>()
            + self
                .funcs
                .iter()
                .map(|f| {
                    1 + f.returns.len()
                        + f.calls.len()
                        + f.stores.iter().map(|(_, d, _)| 1 + deps(d)).sum::<usize>()
                        + f.passes
                            .iter()
                            .map(|p| 1 + p.args.iter().map(|(_, d)| d.len()).sum::<usize>())
                            .sum::<usize>()
                })
                .sum::<usize>()
    }

    /// Whether the file calls an AI API or decides about a person (not only a relay).
    pub fn has_ai_or_decision(&self) -> bool {
        !self.sites.is_empty() || self.funcs.iter().any(|f| f.ai_line.is_some())
    }

    /// The names of its functions and of what they and its decisions depend on.
    pub fn names_into(&self, into: &mut BTreeSet<String>) {
        let mut add = |d: &Deps| {
            for dep in d {
                match dep {
                    Dep::Call { name, .. } | Dep::Attr(name) => into.insert(name.clone()),
                    Dep::Ai | Dep::Param(_) => false,
                };
            }
        };
        for f in &self.funcs {
            add(&f.returns);
            f.stores.iter().for_each(|(_, d, _)| add(d));
        }
        self.sites.iter().for_each(|s| add(&s.deps));
        for f in self.funcs.iter().skip(1) {
            into.insert(f.name.clone());
            for (attr, _, _) in &f.stores {
                into.insert(attr.clone());
            }
        }
    }

    /// The names what its calls pass depends on, for the calls to a name already wanted: an
    /// argument matters only if the function it goes to is on a chain.
    pub fn passed_names_into(&self, into: &mut BTreeSet<String>) {
        let passes = self.funcs.iter().flat_map(|f| &f.passes);
        let wanted: Vec<&Pass> = passes.filter(|p| into.contains(&p.name)).collect();
        for dep in wanted.iter().flat_map(|p| &p.args).flat_map(|(_, d)| d) {
            if let Dep::Call { name, .. } | Dep::Attr(name) = dep {
                into.insert(name.clone());
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.sites.is_empty()
            && self.funcs.iter().all(|f| {
                f.ai_line.is_none()
                    && f.returns.is_empty()
                    && f.stores.is_empty()
                    && f.passes.is_empty()
                    && !f.human
            })
    }
}

static CHAIN: LazyLock<Regex> = LazyLock::new(|| {
    re(r"[A-Za-z_$][A-Za-z0-9_$]*(?:[ \t]*(?:\?\.|\.|::)[ \t]*[A-Za-z_$][A-Za-z0-9_$]*)*[ \t]*\(?")
});
static STRING_KEY: LazyLock<Regex> =
    LazyLock::new(|| re(r#"\[[ \t]*["']([A-Za-z_][A-Za-z0-9_]*)["'][ \t]*\]"#));
static DICT_KEY: LazyLock<Regex> =
    LazyLock::new(|| re(r#"["']([A-Za-z_][A-Za-z0-9_]*)["'][ \t]*:[ \t]*([A-Za-z_][A-Za-z0-9_.]*)"#));
static KWARG: LazyLock<Regex> =
    LazyLock::new(|| re(r"[(,][ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*([A-Za-z_][A-Za-z0-9_.]*)"));
static MUTATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"([A-Za-z_$][A-Za-z0-9_$]*)[ \t]*\.[ \t]*(?:append|extend|push|add|insert|update|put|setdefault|unshift|concat|add_all|push_back)[ \t]*\(",
    )
});
static FOR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[ \t]*(?:for|foreach)[ \t]*\(?[ \t]*(?:const|let|var|auto|final|val)?[ \t]*(.+?)[ \t]+(?:in|of|:)[ \t]+(.+)$",
    )
});
static GO_RANGE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[ \t]*for[ \t]+(.+?)[ \t]*:=[ \t]*range[ \t]+(.+)$"));
static RETURN: LazyLock<Regex> = LazyLock::new(|| re(r"^[ \t]*(?:return|yield)(?-u:\b)(.*)$"));
static CONTROL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[ \t]*\}?[ \t]*(?:if|elif|else[ \t]+if|elsif|while|unless|when|case|switch|match|for|foreach)(?-u:\b)",
    )
});
static ELSE: LazyLock<Regex> = LazyLock::new(|| re(r"^[ \t]*\}?[ \t]*else(?-u:\b)"));
/// `rejected_resumes = …`, `candidatos_rechazados = …`: a variable named after a decision.
pub(super) static DECISION_ASSIGN: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?im)^[ \t]*(?:(?:let|const|var|val)[ \t]+)?([A-Za-z0-9_]*(?:{}|{})[A-Za-z0-9_]*)[ \t]*(?::[^=\n]*)?=[^=]",
        vocabulary::verbs(),
        vocabulary::statuses()
    ))
});
/// `estado_id = 2  # Rechazado`, `status: 'abgelehnt'`: a status field set, the decision in
/// the value or the comment of the line.
pub(super) static STATUS_SET: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r#"(?i)[A-Za-z0-9_.\[\]"']*(?:{})(?:_id|_code|Id)?["'\]]*[ \t]*(?:=|:)[ \t]*[^=\n][^\n]*?(?:{})"#,
        vocabulary::status_fields(),
        vocabulary::statuses()
    ))
});

/// `shortlisted=score >= 80` in a call: a keyword argument named after the decision it sets.
/// Only a status is a decision here (`rejected=`, `is_hired=`); `score=` stores a number.
pub(super) static KWARG_DECISION: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"(?im)(?:^|[(,])[ \t]*((?:is_)?(?:{}))[ \t]*=[^=]", vocabulary::statuses()))
});

/// A called name that decides: a decision verb, ranking aside.
static DECIDING_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = vocabulary::alternation(vocabulary::VERBS.iter().copied().filter(|v| *v != "rank"));
    re(&format!("(?i)(?:{verbs})"))
});

/// Whether files at `rel_path` have a parser, and so a summary.
pub fn parses(rel_path: &str) -> bool {
    Lang::of(rel_path).is_some()
}

/// The summary of one file, or `None` for languages without a parser. `reported` are the
/// decisions the per-file pass already reported; `suppressed` drops every decision (the file
/// suppresses HITL001).
pub fn summarise(
    path: &str,
    rel_path: &str,
    text: &str,
    markers: &[&str],
    domains: &[Domain],
    reported: &[usize],
    suppressed: bool,
) -> Option<FileSummary> {
    let lang = Lang::of(rel_path)?;
    let scopes = Scopes::parse(lang, text)?;
    let list: Vec<_> = scopes.iter().collect();
    let lines: Vec<(usize, &str)> = line_spans(text);
    let mut funcs: Vec<FnSummary> = vec![FnSummary { name: "<module>".into(), ..FnSummary::default() }];
    // Whether each function (and the file) speaks of people: `c.status = 'rejected'` in a
    // loop over `Candidate.objects` decides about a candidate.
    let mut noun_in_fn = vec![noun(text, None).is_some()];
    for s in &list {
        let before = s.range.start.checked_sub(1).map(|i| text.as_bytes()[i]);
        noun_in_fn.push(noun(&text[s.range.clone()], before).is_some());
        let body = text[s.range.clone()].replace(s.name.as_str(), " ");
        funcs.push(FnSummary {
            name: s.name.clone(),
            line: lines.partition_point(|(l, _)| *l <= s.range.start).max(1),
            human: has_human_step(&body, markers),
            params: s.params.clone(),
            ..FnSummary::default()
        });
    }
    let imports = imports(lang, text);
    let codes: Vec<String> = lines.iter().map(|(_, l)| code_of(l, lang)).collect();
    // A parameter holds whatever the callers pass: the call graph says which are AI results.
    let mut vars: Vec<HashMap<String, Deps>> = funcs
        .iter()
        .map(|f| {
            let named = f.params.iter().enumerate().filter(|(_, p)| !p.is_empty() && *p != "*");
            named.map(|(k, p)| (p.clone(), Deps::from([Dep::Param(k)]))).collect()
        })
        .collect();
    let mut sites = Vec::new();
    // Whole-text passes find the few lines worth a closer look; most lines are neither.
    let line_at = |at: usize| lines.partition_point(|(s, _)| *s <= at).saturating_sub(1);
    let mut ai_lines = vec![false; lines.len()];
    for m in AI_CALL.find_iter(text) {
        ai_lines[line_at(m.start())] = true;
    }
    let mut decision_lines = vec![false; lines.len()];
    if !suppressed {
        for r in super::hitl_gate::decision_patterns() {
            for m in r.find_iter(text) {
                decision_lines[line_at(m.start())] = true;
            }
        }
    }
    let (mut open, mut next): (Vec<usize>, usize) = (Vec::new(), 0);
    for (i, (start, raw)) in lines.iter().enumerate() {
        let code = &codes[i];
        if code.trim().is_empty() {
            continue;
        }
        let first = start + (raw.len() - raw.trim_start().len());
        // Scopes come in source order and nest: a stack of the open ones gives the innermost
        // in one sweep (a bundle has thousands of functions).
        while next < list.len() && list[next].range.start <= first {
            while open.last().is_some_and(|&k| list[k].range.end <= list[next].range.start) {
                open.pop();
            }
            open.push(next);
            next += 1;
        }
        while open.last().is_some_and(|&k| list[k].range.end <= first) {
            open.pop();
        }
        let f = open.last().map_or(0, |&k| k + 1);
        // `def shortlist_candidates(db, job_id):` names a function; it neither decides nor
        // passes anything.
        let signature = f > 0 && (*start..start + raw.len()).contains(&list[f - 1].range.start);
        let mut reads = reads_of(code, raw, &vars[f], &imports);
        if ai_lines[i] {
            reads.insert(Dep::Ai);
            funcs[f].ai_line.get_or_insert(i + 1);
        }
        if (code.contains("return") || code.contains("yield"))
            && let Some(c) = RETURN.captures(code)
        {
            let r = reads_of(&c[1], &c[1], &vars[f], &imports);
            // What a parameter becomes is the caller's business: a helper is not an AI
            // function because one caller hands it an AI result.
            let r = r.into_iter().filter(|d| !matches!(d, Dep::Param(_)));
            extend(&mut funcs[f].returns, r.chain(reads.iter().filter(|d| **d == Dep::Ai).cloned()));
        }
        if code.contains('(') && !signature && !funcs[f].human && funcs[f].passes.len() < MAX_DEPS {
            for p in passes_of(&codes, i, &vars[f], &imports) {
                // The same call again (a loop body, a retry) passes nothing new.
                let known = |q: &Pass| q.name == p.name && q.module == p.module && q.args == p.args;
                if funcs[f].passes.len() < MAX_DEPS && !funcs[f].passes.iter().any(known) {
                    funcs[f].passes.push(p);
                }
            }
        }
        if funcs[f].human {
            for d in &reads {
                if let Dep::Call { name, .. } = d
                    && !funcs[f].calls.contains(name)
                    && funcs[f].calls.len() < MAX_DEPS
                {
                    funcs[f].calls.push(name.clone());
                }
            }
        }
        let for_loop =
            if code.contains("for") { FOR.captures(code).or_else(|| GO_RANGE.captures(code)) } else { None };
        if let Some(c) = for_loop {
            let d = reads_of(&c[2], &c[2], &vars[f], &imports);
            for t in idents(&c[1]) {
                vars[f].insert(t.to_string(), d.clone());
            }
        } else if let Some((targets, rhs)) = assignment(code) {
            let d = reads_of(rhs, rhs, &vars[f], &imports);
            let d: Deps = d.into_iter().chain(reads.iter().filter(|x| **x == Dep::Ai).cloned()).collect();
            for t in targets {
                if let Some((_, attr)) = t.rsplit_once('.') {
                    if carries(&d) {
                        funcs[f].stores.push((attr.to_string(), d.clone(), i + 1));
                    }
                } else {
                    let e = vars[f].entry(t.to_string()).or_default();
                    extend(e, d.iter().cloned());
                }
            }
        }
        for c in MUTATE.captures_iter(if code.contains('.') { code } else { "" }) {
            let e = vars[f].entry(c[1].to_string()).or_default();
            extend(e, reads.iter().cloned());
        }
        let keyed = if raw.contains(':') { raw } else { "" };
        for c in KWARG
            .captures_iter(if code.contains('=') { code } else { "" })
            .chain(DICT_KEY.captures_iter(keyed))
        {
            let root = c[2].split('.').next().unwrap_or_default();
            if let Some(d) = vars[f].get(root).filter(|d| carries(d)) {
                funcs[f].stores.push((c[1].to_string(), d.clone(), i + 1));
            }
        }
        if raw.contains('[')
            && let Some(c) = STRING_KEY.captures(raw)
            && let Some((lhs, rhs)) = raw.split_once('=')
            && lhs.contains(&c[0])
            && !rhs.starts_with('=')
        {
            let d = reads_of(rhs, rhs, &vars[f], &imports);
            if carries(&d) {
                funcs[f].stores.push((c[1].to_string(), d, i + 1));
            }
        }
        if !decision_lines[i] || signature || sites.len() >= MAX_SITES {
            continue;
        }
        let Some((span, domain)) = decision_on(raw, &codes, i, noun_in_fn[f]) else { continue };
        if !domains.contains(&domain) || reported.contains(&(start + span.start)) {
            continue;
        }
        let mut deps = reads.clone();
        extend(&mut deps, control_deps(&lines, &codes, i, &vars[f], &imports));
        let from = i.saturating_sub(2);
        let to = (i + 2).min(lines.len());
        let mut excerpt = String::new();
        let mut offset = 0;
        for (k, (_, l)) in lines[from..to].iter().enumerate() {
            if from + k == i {
                offset = excerpt.len();
            }
            excerpt.push_str(cut(l, MAX_LINE));
            excerpt.push('\n');
        }
        let kept = cut(raw, MAX_LINE).len();
        let (s, e) = (span.start.min(kept), span.end.min(kept));
        sites.push(Site {
            func: f,
            line: i + 1,
            domain,
            deps,
            excerpt,
            first_line: from + 1,
            span: offset + s..offset + e.max(s),
        });
    }
    funcs.iter_mut().for_each(|f| f.stores.truncate(MAX_DEPS));
    Some(FileSummary { path: path.to_string(), rel_path: rel_path.to_string(), funcs, sites })
}

/// A decision on one line: its span in the line and its domain.
fn decision_on(raw: &str, codes: &[String], i: usize, noun_around: bool) -> Option<(Range<usize>, Domain)> {
    let code = codes[i].as_str();
    for (r, d) in oversight::decisions(raw, 0, raw.len()) {
        // The verb must name what the call does (`RankedResume.model_validate` decides
        // nothing), and ordering alone is not a decision: a ranked list goes to a recruiter.
        let callee = raw[r.clone()].rsplit(['.', ':']).next().unwrap_or_default().to_ascii_lowercase();
        let is_call = raw[r.clone()].contains('(') || !raw[r.clone()].contains(['=', ':']);
        if is_call && !DECIDING_NAME.is_match(&callee) {
            continue;
        }
        return Some((r, d));
    }
    let noun_in = |s: &str| noun(s, None).map(|m| vocabulary::domain_of(m.as_str()));
    if let Some(c) = DECISION_ASSIGN.captures(code) {
        let name = c.get(1)?;
        if let Some(d) = noun_in(name.as_str()) {
            return Some((name.range(), d));
        }
    }
    // The person is the record built (`Candidate(shortlisted=…)`) or the code around it.
    let kwarg = KWARG_DECISION.captures(code).and_then(|c| c.get(1));
    if let Some(name) = kwarg
        && let Some(call) = enclosing_call(codes, i, name.start())
        && let Some(d) = noun_in(call).or_else(|| noun_in(code)).or(noun_around.then_some(Domain::Employment))
    {
        let at = KWARG_DECISION.captures(raw).and_then(|c| c.get(1)).map_or(name.start(), |m| m.start());
        return Some((at..argument_end(raw, at), d));
    }
    if let Some(m) = STATUS_SET.find(raw) {
        let d = noun_in(m.as_str()).or_else(|| noun_in(code)).or(noun_around.then_some(Domain::Employment))?;
        let start = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
        return Some((start..m.end(), d));
    }
    None
}

/// Whether a stored value depends on more than the function's parameters: a record field set
/// from a parameter holds an AI result only for some callers, and every function stores its
/// parameters somewhere.
fn carries(d: &Deps) -> bool {
    d.iter().any(|x| !matches!(x, Dep::Param(_)))
}

/// What an expression reads: calls, attributes, and the dependencies of local variables.
fn reads_of(code: &str, raw: &str, vars: &HashMap<String, Deps>, imports: &Imports) -> Deps {
    let mut out = Deps::new();
    for m in CHAIN.find_iter(code) {
        let s = m.as_str().trim_end();
        let call = s.ends_with('(');
        let s = s.trim_end_matches('(').trim_end();
        let parts: Vec<&str> = s.split(['.', ':', '?']).map(str::trim).filter(|p| !p.is_empty()).collect();
        let Some((&last, _)) = parts.split_last() else { continue };
        let root = parts[0];
        if let Some(d) = vars.get(root) {
            extend(&mut out, d.iter().cloned());
        }
        if call {
            out.insert(callee(&parts, imports));
        } else if parts.len() > 1 {
            out.insert(Dep::Attr(last.to_string()));
        } else if let Some((attr, _)) = last.split_once("__").filter(|(a, _)| !a.is_empty()) {
            // Django lookups: `cv_score__lt=50` reads `cv_score`.
            out.insert(Dep::Attr(attr.to_string()));
        }
        if out.len() >= MAX_DEPS {
            break;
        }
    }
    for c in STRING_KEY.captures_iter(if raw.contains('[') { raw } else { "" }) {
        extend(&mut out, [Dep::Attr(c[1].to_string())]);
    }
    out
}

/// The call `parts` names (`crud.create` with `crud` imported from `app.db`).
fn callee(parts: &[&str], imports: &Imports) -> Dep {
    let (root, last) = (parts[0], parts[parts.len() - 1]);
    let module = match imports.get(root) {
        Some((orig, module)) if parts.len() == 1 => {
            return Dep::Call { name: orig.clone(), module: Some(module.clone()) };
        }
        // `from app.db import crud` then `crud.create(…)`: the name is a module.
        Some((orig, module)) if orig != "*" => Some(format!("{module}/{orig}")),
        Some((_, module)) => Some(module.clone()),
        None => None,
    };
    Dep::Call { name: last.to_string(), module }
}

/// The calls on line `i` that pass something a value depends on, with their arguments.
fn passes_of(codes: &[String], i: usize, vars: &HashMap<String, Deps>, imports: &Imports) -> Vec<Pass> {
    let code = &codes[i];
    let mut out = Vec::new();
    for m in CHAIN.find_iter(code).filter(|m| m.as_str().ends_with('(')).take(MAX_CALLS) {
        let s = m.as_str().trim_end_matches('(').trim_end();
        let parts: Vec<&str> = s.split(['.', ':', '?']).map(str::trim).filter(|p| !p.is_empty()).collect();
        let Some(Dep::Call { name, module }) = (!parts.is_empty()).then(|| callee(&parts, imports)) else {
            continue;
        };
        if module.is_none() && is_plumbing(&name) {
            continue;
        }
        let Some(args) = call_args(codes, i, m.end() - 1) else { continue };
        let args: Vec<(Slot, Box<[Dep]>)> = args
            .into_iter()
            .map(|(slot, a)| (slot, reads_of(&a, &a, vars, imports).into_iter().collect::<Box<[Dep]>>()))
            .filter(|(_, d)| !d.is_empty())
            .collect();
        if !args.is_empty() {
            out.push(Pass { name, module, line: i + 1, args });
        }
    }
    out
}

/// The conditions and loops a line sits in, by indentation, up to its function's first line.
fn control_deps(
    lines: &[(usize, &str)],
    codes: &[String],
    at: usize,
    vars: &HashMap<String, Deps>,
    imports: &Imports,
) -> Deps {
    let indent = |s: &str| s.len() - s.trim_start().len();
    let mut cur = indent(lines[at].1);
    let mut out = Deps::new();
    let mut after_else = false;
    for k in (0..at).rev() {
        let code = &codes[k];
        if code.trim().is_empty() {
            continue;
        }
        let ind = indent(lines[k].1);
        let take = ind < cur || (after_else && ind == cur);
        if !take {
            continue;
        }
        if ind == 0 && !CONTROL.is_match(code) && !ELSE.is_match(code) {
            break;
        }
        cur = ind;
        after_else = ELSE.is_match(code) && !CONTROL.is_match(code);
        if CONTROL.is_match(code) {
            let rest = FOR.captures(code).or_else(|| GO_RANGE.captures(code)).map(|c| c[2].to_string());
            let rest = rest.as_deref().unwrap_or(code);
            extend(&mut out, reads_of(rest, lines[k].1, vars, imports));
        }
    }
    out
}

#[cfg(test)]
#[path = "flow_tests.rs"]
mod tests;
