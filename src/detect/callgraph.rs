//! The repository-wide HITL001 pass: from the files' [`FileSummary`]s, a call graph by name
//! (imports resolved to the repository's files) tells which functions return an AI-derived
//! value (a direct AI call, or a call to such a function, or an attribute stored from one), and
//! which record attributes hold one (`cand.cv_score = score`), and which parameters receive one
//! from a caller (`create_candidate(db, cv, score)`). A decision anywhere in the
//! repository that depends on such a value, with no human step in its function, in a function
//! that calls it, or on the way from the AI call, is reported.

use std::collections::HashMap;
use std::ops::Range;

use super::flow::{Dep, FileSummary, FnSummary, Pass};
use super::flow_lines::Slot;

/// Attributes too generic to carry an AI value across files: every response object has them.
const GENERIC_ATTRS: &[&str] = &[
    "content", "text", "data", "result", "results", "response", "output", "value", "values", "message",
    "messages", "choices", "body", "json", "items", "id", "name", "type", "args", "kwargs", "config",
    "client", "model", "state", "status", "self",
];
/// A bare name defined in more files than this is not resolved (`run`, `get`, `main`).
const MAX_DEFINITIONS: usize = 4;
/// Rounds of propagation; each round follows one more call or store.
const MAX_ROUNDS: usize = 12;

/// What the pass knows so far: functions returning an AI result, attributes holding one, and
/// parameters (file, function, position) receiving one.
#[derive(Default)]
struct Tainted {
    fns: HashMap<(usize, usize), Origin>,
    attrs: HashMap<String, Origin>,
    params: HashMap<(usize, usize, usize), Origin>,
}

/// Where an AI-derived value comes from: the file and line of the AI call, and how it reached.
#[derive(Debug, Clone)]
struct Origin {
    file: usize,
    line: usize,
    via: String,
}

/// A decision found by the pass, with its excerpt.
#[derive(Debug, Clone)]
pub struct CrossDecision {
    pub path: String,
    pub rel_path: String,
    pub excerpt: String,
    pub first_line: usize,
    pub span: Range<usize>,
    pub detail: String,
}

struct Graph<'a> {
    files: &'a [FileSummary],
    by_name: HashMap<&'a str, Vec<(usize, usize)>>,
    modules: HashMap<String, Vec<usize>>,
}

impl<'a> Graph<'a> {
    fn new(files: &'a [FileSummary]) -> Graph<'a> {
        let mut by_name: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        for (fi, f) in files.iter().enumerate() {
            for (fj, func) in f.funcs.iter().enumerate().skip(1) {
                if func.name != "<anonymous>" {
                    by_name.entry(func.name.as_str()).or_default().push((fi, fj));
                }
            }
        }
        Graph { files, by_name, modules: HashMap::new() }
    }

    /// The files an import's module path names (`app/scoring` is `backend/app/scoring.py`).
    fn files_of(&mut self, module: &str) -> Vec<usize> {
        if let Some(v) = self.modules.get(module) {
            return v.clone();
        }
        let v: Vec<usize> = (0..self.files.len())
            .filter(|&i| {
                let m = self.files[i].module();
                m == module || m.ends_with(&format!("/{module}"))
            })
            .collect();
        self.modules.insert(module.to_string(), v.clone());
        v
    }

    /// The functions a call from file `from` may reach.
    fn resolve(&mut self, from: usize, name: &str, module: Option<&str>) -> Vec<(usize, usize)> {
        let defs = self.by_name.get(name).cloned().unwrap_or_default();
        if let Some(m) = module {
            let mut files = self.files_of(m);
            // `from app.db import models` then `models.Candidate(…)`: a class of the package.
            if files.is_empty()
                && let Some((parent, _)) = m.rsplit_once('/')
            {
                files = self.files_of(parent);
            }
            return defs.into_iter().filter(|(fi, _)| files.contains(fi)).collect();
        }
        let local: Vec<_> = defs.iter().copied().filter(|(fi, _)| *fi == from).collect();
        if !local.is_empty() {
            return local;
        }
        if defs.len() <= MAX_DEFINITIONS { defs } else { Vec::new() }
    }

    /// The functions a call passing arguments reaches: as [`Graph::resolve`], but a bare name
    /// from another file must be the only one of its name, and the arguments must fit the
    /// parameters (a value handed to the wrong `save` would taint what it never sees).
    fn callees(&mut self, from: usize, pass: &Pass) -> Vec<(usize, usize)> {
        let mut found = self.resolve(from, &pass.name, pass.module.as_deref());
        if pass.module.is_none() && found.iter().any(|(fi, _)| *fi != from) && found.len() > 1 {
            return Vec::new();
        }
        found.retain(|&(fi, fj)| {
            let params = &self.files[fi].funcs[fj].params;
            pass.args
                .iter()
                .all(|(slot, _)| slot_of(params, slot).is_some() || params.iter().any(|p| p == "*"))
        });
        found
    }
}

/// The position of the parameter an argument goes to.
fn slot_of(params: &[String], slot: &Slot) -> Option<usize> {
    match slot {
        Slot::At(k) => params.get(..*k + 1).filter(|p| p.iter().all(|p| p != "*")).map(|_| *k),
        Slot::Named(name) => params.iter().position(|p| p == name),
    }
}

/// Every decision that depends on an AI-derived value with no human step on the path.
pub fn resolve(files: &[FileSummary]) -> Vec<CrossDecision> {
    let mut g = Graph::new(files);
    let mut t = Tainted::default();
    let edges = edges(&mut g, files);
    for _ in 0..MAX_ROUNDS {
        let mut changed = false;
        for (fi, f) in files.iter().enumerate() {
            for (fj, func) in f.funcs.iter().enumerate() {
                if func.human {
                    continue;
                }
                if fj > 0 && !t.fns.contains_key(&(fi, fj)) {
                    let direct = func.returns.contains(&Dep::Ai).then(|| Origin {
                        file: fi,
                        line: func.ai_line.unwrap_or(func.line),
                        via: format!("the result of `{}`", func.name),
                    });
                    let found = direct.or_else(|| {
                        origin_of(&mut g, (fi, fj), func.returns.iter(), &t).map(|o| Origin {
                            via: format!("the result of `{}`, from {}", func.name, o.via),
                            ..o
                        })
                    });
                    if let Some(o) = found {
                        t.fns.insert((fi, fj), o);
                        changed = true;
                    }
                }
                for (attr, deps, line) in &func.stores {
                    if t.attrs.contains_key(attr) || GENERIC_ATTRS.contains(&attr.as_str()) || attr.len() < 3
                    {
                        continue;
                    }
                    if let Some(o) = direct_or(&mut g, (fi, fj), func, deps.iter(), *line, &t) {
                        let via = format!("`{attr}`, stored at {}:{line} from {}", f.path, o.via);
                        t.attrs.insert(attr.clone(), Origin { via, ..o });
                        changed = true;
                    }
                }
            }
        }
        for e in &edges {
            changed |= pass_arguments(&mut g, e, &mut t);
        }
        if !changed {
            break;
        }
    }
    let mut out = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        // One finding per function and AI origin: a batch that rejects, saves and mails the
        // rejection is one decision.
        let mut seen: Vec<(usize, usize, usize)> = Vec::new();
        for site in &f.sites {
            let func = &f.funcs[site.func];
            if func.human || called_by_human(files, &func.name, site.func) {
                continue;
            }
            let origin = if site.deps.contains(&Dep::Ai) {
                func.ai_line.map(|l| Origin { file: fi, line: l, via: "an AI result".into() })
            } else {
                None
            };
            let Some(o) = origin.or_else(|| origin_of(&mut g, (fi, site.func), site.deps.iter(), &t)) else {
                continue;
            };
            if seen.contains(&(site.func, o.file, o.line)) {
                continue;
            }
            seen.push((site.func, o.file, o.line));
            let scope =
                if site.func == 0 { "this top-level code".to_string() } else { format!("`{}`", func.name) };
            out.push(CrossDecision {
                path: f.path.clone(),
                rel_path: f.rel_path.clone(),
                excerpt: site.excerpt.clone(),
                first_line: site.first_line,
                span: site.span.clone(),
                detail: format!(
                    "{} decision on {}, from the AI call at {}:{}; no review step in {scope}, its callers or on the way",
                    site.domain.as_str(),
                    o.via,
                    files[o.file].path,
                    o.line
                ),
            });
        }
    }
    out
}

/// The origin of the first AI-derived dependency among `deps`, read in function `at`.
fn origin_of<'d>(
    g: &mut Graph<'_>,
    at: (usize, usize),
    deps: impl Iterator<Item = &'d Dep>,
    t: &Tainted,
) -> Option<Origin> {
    for d in deps {
        match d {
            Dep::Ai => {}
            Dep::Call { name, module } => {
                for k in g.resolve(at.0, name, module.as_deref()) {
                    if let Some(o) = t.fns.get(&k) {
                        return Some(o.clone());
                    }
                }
            }
            Dep::Attr(a) => {
                if let Some(o) = t.attrs.get(a) {
                    return Some(o.clone());
                }
            }
            Dep::Param(k) => {
                if let Some(o) = t.params.get(&(at.0, at.1, *k)) {
                    return Some(o.clone());
                }
            }
        }
    }
    None
}

/// The origin of a value: the function's own AI call when it reads one on that line, else
/// what it depends on.
fn direct_or<'d>(
    g: &mut Graph<'_>,
    at: (usize, usize),
    func: &FnSummary,
    deps: impl Iterator<Item = &'d Dep> + Clone,
    line: usize,
    t: &Tainted,
) -> Option<Origin> {
    if deps.clone().any(|d| *d == Dep::Ai) {
        return Some(Origin { file: at.0, line: func.ai_line.unwrap_or(line), via: "an AI result".into() });
    }
    origin_of(g, at, deps, t)
}

/// A call that hands a value to a parameter of a function of the repository: the caller, the
/// call, and for each argument the parameters (file, function, position) it reaches.
struct Edge<'a> {
    at: (usize, usize),
    pass: &'a Pass,
    targets: Vec<Vec<(usize, usize, usize)>>,
}

/// The calls that reach a parameter, resolved once: most calls of a tree go to libraries it
/// does not hold, and the rounds then look only at the few that remain.
fn edges<'a>(g: &mut Graph<'a>, files: &'a [FileSummary]) -> Vec<Edge<'a>> {
    let mut out = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        for (fj, func) in f.funcs.iter().enumerate().filter(|(_, func)| !func.human) {
            for pass in &func.passes {
                let callees = g.callees(fi, pass);
                let targets: Vec<Vec<(usize, usize, usize)>> = pass
                    .args
                    .iter()
                    .map(|(slot, _)| {
                        callees
                            .iter()
                            .filter(|&&(ci, cj)| (ci, cj) != (fi, fj) && !files[ci].funcs[cj].human)
                            .filter_map(|&(ci, cj)| {
                                slot_of(&files[ci].funcs[cj].params, slot).map(|k| (ci, cj, k))
                            })
                            .collect()
                    })
                    .collect();
                if targets.iter().any(|t| !t.is_empty()) {
                    out.push(Edge { at: (fi, fj), pass, targets });
                }
            }
        }
    }
    out
}

/// Marks the parameters that a call hands an AI-derived value; whether any was new.
fn pass_arguments(g: &mut Graph<'_>, e: &Edge<'_>, t: &mut Tainted) -> bool {
    let mut changed = false;
    let func = &g.files[e.at.0].funcs[e.at.1];
    for ((_, deps), targets) in e.pass.args.iter().zip(&e.targets) {
        if targets.iter().all(|k| t.params.contains_key(k)) {
            continue;
        }
        let Some(o) = direct_or(g, e.at, func, deps.iter(), e.pass.line, t) else { continue };
        for &(ci, cj, k) in targets {
            if t.params.contains_key(&(ci, cj, k)) {
                continue;
            }
            let callee = &g.files[ci].funcs[cj];
            let via = format!(
                "the parameter `{}` of `{}`, passed at {}:{} from {}",
                callee.params[k], callee.name, g.files[e.at.0].path, e.pass.line, o.via
            );
            t.params.insert((ci, cj, k), Origin { via, ..o.clone() });
            changed = true;
        }
    }
    changed
}

/// Whether a function with a human step calls `name` (the top level is called by no one).
fn called_by_human(files: &[FileSummary], name: &str, func: usize) -> bool {
    func > 0
        && files
            .iter()
            .flat_map(|f| &f.funcs)
            .any(|c| c.human && c.name != name && c.calls.iter().any(|n| n == name))
}

#[cfg(test)]
#[path = "callgraph_tests.rs"]
mod tests;
