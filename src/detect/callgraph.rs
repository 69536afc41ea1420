//! The repository-wide HITL001 pass: from the files' [`FileSummary`]s, a call graph by name
//! (imports resolved to the repository's files) tells which functions return an AI-derived
//! value (a direct AI call, or a call to such a function, or an attribute stored from one), and
//! which record attributes hold one (`cand.cv_score = score`). A decision anywhere in the
//! repository that depends on such a value, with no human step in its function, in a function
//! that calls it, or on the way from the AI call, is reported.
// charterlint: allow-file SHADOW008 -- tests plant AI imports and clients on purpose

use std::collections::HashMap;
use std::ops::Range;

use super::flow::{Dep, FileSummary};

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
}

/// Every decision that depends on an AI-derived value with no human step on the path.
pub fn resolve(files: &[FileSummary]) -> Vec<CrossDecision> {
    let mut g = Graph::new(files);
    let mut ai_fn: HashMap<(usize, usize), Origin> = HashMap::new();
    let mut ai_attr: HashMap<String, Origin> = HashMap::new();
    for _ in 0..MAX_ROUNDS {
        let mut changed = false;
        for (fi, f) in files.iter().enumerate() {
            for (fj, func) in f.funcs.iter().enumerate() {
                if func.human {
                    continue;
                }
                if fj > 0 && !ai_fn.contains_key(&(fi, fj)) {
                    let direct = func.returns.contains(&Dep::Ai).then(|| Origin {
                        file: fi,
                        line: func.ai_line.unwrap_or(func.line),
                        via: format!("the result of `{}`", func.name),
                    });
                    let found = direct.or_else(|| {
                        origin_of(&mut g, fi, func.returns.iter(), &ai_fn, &ai_attr).map(|o| Origin {
                            via: format!("the result of `{}`, from {}", func.name, o.via),
                            ..o
                        })
                    });
                    if let Some(o) = found {
                        ai_fn.insert((fi, fj), o);
                        changed = true;
                    }
                }
                for (attr, deps, line) in &func.stores {
                    if ai_attr.contains_key(attr) || GENERIC_ATTRS.contains(&attr.as_str()) || attr.len() < 3
                    {
                        continue;
                    }
                    let o = if deps.contains(&Dep::Ai) {
                        Some(Origin {
                            file: fi,
                            line: func.ai_line.unwrap_or(*line),
                            via: "an AI result".into(),
                        })
                    } else {
                        origin_of(&mut g, fi, deps.iter(), &ai_fn, &ai_attr)
                    };
                    if let Some(o) = o {
                        let via = format!("`{attr}`, stored at {}:{line} from {}", f.path, o.via);
                        ai_attr.insert(attr.clone(), Origin { via, ..o });
                        changed = true;
                    }
                }
            }
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
            let Some(o) = origin.or_else(|| origin_of(&mut g, fi, site.deps.iter(), &ai_fn, &ai_attr)) else {
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

/// The origin of the first AI-derived dependency among `deps`.
fn origin_of<'d>(
    g: &mut Graph<'_>,
    from: usize,
    deps: impl Iterator<Item = &'d Dep>,
    ai_fn: &HashMap<(usize, usize), Origin>,
    ai_attr: &HashMap<String, Origin>,
) -> Option<Origin> {
    for d in deps {
        match d {
            Dep::Ai => {}
            Dep::Call { name, module } => {
                for k in g.resolve(from, name, module.as_deref()) {
                    if let Some(o) = ai_fn.get(&k) {
                        return Some(o.clone());
                    }
                }
            }
            Dep::Attr(a) => {
                if let Some(o) = ai_attr.get(a) {
                    return Some(o.clone());
                }
            }
        }
    }
    None
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
mod tests {
    use super::*;
    use crate::charter::Domain;
    use crate::detect::flow::summarise;

    const MARKERS: &[&str] = &["review", "human_review", "request_approval"];

    fn run(files: &[(&str, &str)]) -> Vec<CrossDecision> {
        let sums: Vec<FileSummary> =
            files.iter().filter_map(|(p, t)| summarise(p, p, t, MARKERS, &Domain::ALL, &[], false)).collect();
        resolve(&sums)
    }

    fn lines(found: &[CrossDecision]) -> Vec<(String, usize)> {
        found
            .iter()
            .map(|d| {
                let before = &d.excerpt[..d.span.start];
                (d.rel_path.clone(), d.first_line + before.matches('\n').count())
            })
            .collect()
    }

    const SCORING: &str = "from openai import OpenAI\nclient = OpenAI()\n\ndef score_with_llm(cv):\n    r = client.chat.completions.create(model='m', messages=[cv])\n    return float(r.choices[0].message.content)\n";

    #[test]
    fn a_wrapper_in_another_file() {
        let jobs = "from app.scoring import score_with_llm\n\ndef screen(candidate):\n    score = score_with_llm(candidate.cv)\n    if score < 50:\n        reject_candidate(candidate)\n";
        let found = run(&[("app/scoring.py", SCORING), ("app/jobs.py", jobs)]);
        assert_eq!(lines(&found), vec![("app/jobs.py".to_string(), 6)]);
        assert!(found[0].detail.contains("the result of `score_with_llm`"), "{}", found[0].detail);
        assert!(found[0].detail.contains("app/scoring.py:5"), "{}", found[0].detail);
    }

    #[test]
    fn a_score_stored_on_the_record_then_a_nightly_job() {
        let store = "from app.scoring import score_with_llm\n\ndef on_upload(cand):\n    cand.cv_score = score_with_llm(cand.cv)\n    cand.save()\n";
        let nightly = "def nightly():\n    for cand in Candidate.objects.filter(cv_score__lt=40):\n        cand.status = 'rejected'\n        cand.save()\n";
        let found =
            run(&[("app/scoring.py", SCORING), ("app/upload.py", store), ("app/nightly.py", nightly)]);
        assert_eq!(lines(&found), vec![("app/nightly.py".to_string(), 3)]);
        assert!(found[0].detail.contains("`cv_score`"), "{}", found[0].detail);
    }

    #[test]
    fn a_human_step_on_the_path_clears_it() {
        let reviewed = "from app.scoring import score_with_llm\n\ndef screen(candidate):\n    score = score_with_llm(candidate.cv)\n    if score < 50:\n        reject_candidate(candidate)\n\ndef handle(c):\n    human_review(c)\n    screen(c)\n";
        assert!(run(&[("app/scoring.py", SCORING), ("app/jobs.py", reviewed)]).is_empty());
        let wrapper = "from app.scoring import score_with_llm\n\ndef checked(cv):\n    s = score_with_llm(cv)\n    return request_approval(s)\n\ndef screen(candidate):\n    if checked(candidate.cv) < 50:\n        reject_candidate(candidate)\n";
        assert!(run(&[("app/scoring.py", SCORING), ("app/jobs.py", wrapper)]).is_empty());
    }

    #[test]
    fn no_ai_on_the_path_no_finding() {
        let jobs = "def rule_score(c):\n    return len(c.skills)\n\ndef screen(candidate):\n    if rule_score(candidate) < 3:\n        reject_candidate(candidate)\n";
        assert!(run(&[("app/scoring.py", SCORING), ("app/jobs.py", jobs)]).is_empty());
        // A function of the same name in a module the file does not import is not the callee.
        let other = "from vendor.lib import score_with_llm\n\ndef screen(candidate):\n    if score_with_llm(candidate) < 3:\n        reject_candidate(candidate)\n";
        assert!(run(&[("app/scoring.py", SCORING), ("app/jobs.py", other)]).is_empty());
    }

    #[test]
    fn spanish_status_in_a_comment() {
        let py = "from app.scoring import score_with_llm\n\ndef evaluar_postulante(postulacion):\n    puntaje = score_with_llm(postulacion.cv)\n    if puntaje < 60:\n        postulacion.estado_id = 2  # Rechazado\n";
        let found = run(&[("app/scoring.py", SCORING), ("app/evaluar.py", py)]);
        assert_eq!(lines(&found), vec![("app/evaluar.py".to_string(), 6)]);
        assert_eq!(&found[0].excerpt[found[0].span.clone()], "postulacion.estado_id = 2  # Rechazado");
    }

    #[test]
    fn top_level_script_ranks_and_files_the_bottom_as_rejected() {
        let py = "from groq import Groq\nclient = Groq()\n\ndef compare(resume):\n    c = client.chat.completions.create(messages=[resume])\n    m = re.search('Score: (\\\\d+)', c.choices[0].message.content)\n    return int(m.group(1))\n\nscores = []\nfor f in files:\n    score = compare(read(f))\n    scores.append((f, score))\nscores.sort()\nrejected_resumes = scores[n:]\n";
        let found = run(&[("src/brain.py", py)]);
        assert_eq!(lines(&found), vec![("src/brain.py".to_string(), 14)]);
    }
}
