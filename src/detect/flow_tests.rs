// charterlint: allow-file HITL001 -- these tests are decisions without review
use super::*;

const MARKERS: &[&str] = &["review", "human_review"];

fn sum(path: &str, text: &str) -> FileSummary {
    summarise(path, path, text, MARKERS, &Domain::ALL, &[], false).unwrap_or_else(|| panic!("{path}"))
}

#[test]
fn returns_follow_local_variables() {
    let py = "def score(cv):\n    r = client.chat.completions.create(messages=[cv])\n    text = r.choices[0].message.content\n    return float(text)\n";
    let s = sum("a.py", py);
    assert_eq!(s.funcs[1].name, "score");
    assert_eq!(s.funcs[1].ai_line, Some(2));
    assert!(s.funcs[1].returns.contains(&Dep::Ai), "{:?}", s.funcs[1].returns);
}

#[test]
fn imports_name_the_module() {
    let py = "from .services.scoring import score_cv as sc\nimport app.llm as llm\nfrom app.db import crud\n\ndef f(c):\n    a = sc(c)\n    b = llm.ask(c)\n    return a + b + crud.save(c)\n";
    let r = &sum("a.py", py).funcs[1].returns;
    assert!(
        r.contains(&Dep::Call { name: "score_cv".into(), module: Some("services/scoring".into()) }),
        "{r:?}"
    );
    assert!(r.contains(&Dep::Call { name: "ask".into(), module: Some("app/llm".into()) }), "{r:?}");
    assert!(r.contains(&Dep::Call { name: "save".into(), module: Some("app/db/crud".into()) }), "{r:?}");
    let ts = "import { scoreCv } from '../lib/scoring';\nconst { ask } = require('./llm');\nexport function f(c) {\n  const a = scoreCv(c);\n  return ask(a);\n}\n";
    let r = &sum("a.ts", ts).funcs[1].returns;
    assert!(r.contains(&Dep::Call { name: "scoreCv".into(), module: Some("lib/scoring".into()) }), "{r:?}");
    assert!(r.contains(&Dep::Call { name: "ask".into(), module: Some("llm".into()) }), "{r:?}");
}

#[test]
fn stores_on_records_dicts_and_keywords() {
    let py = "def f(c):\n    s = llm.invoke(c)\n    c.cv_score = s\n    c['fit'] = s\n    save(c, match_pct=s)\n    row = {\"ai_rank\": s}\n";
    let s = sum("a.py", py);
    let stores: Vec<&str> = s.funcs[1].stores.iter().map(|(a, _, _)| a.as_str()).collect();
    for a in ["cv_score", "fit", "match_pct", "ai_rank"] {
        assert!(stores.contains(&a), "{a} in {stores:?}");
    }
}

#[test]
fn decisions_in_every_form_with_their_conditions() {
    let py = "def nightly(t):\n    for c in Candidate.objects.filter(cv_score__lt=t):\n        if c.flag:\n            c.status = 'rejected'\n        else:\n            bewerber_ablehnen(c)\n    candidatos_rechazados = todos[5:]\n";
    let s = sum("a.py", py);
    let lines: Vec<usize> = s.sites.iter().map(|x| x.line).collect();
    assert_eq!(lines, vec![4, 6, 7]);
    assert!(s.sites[0].deps.contains(&Dep::Attr("cv_score".into())), "{:?}", s.sites[0].deps);
    assert!(s.sites[1].deps.contains(&Dep::Attr("cv_score".into())), "{:?}", s.sites[1].deps);
    assert_eq!(&s.sites[1].excerpt[s.sites[1].span.clone()], "bewerber_ablehnen");
}

#[test]
fn comments_and_strings_are_not_code() {
    assert_eq!(code_of("x = 'a # b'  # reject_candidate(c)", Lang::Python), "x = '     '  ");
    assert_eq!(code_of("let u = \"http://x\"; // c", Lang::JavaScript), "let u = \"        \"; ");
    // A status read, not set; a person named only in a string.
    let py =
        "def f(c):\n    s = llm.invoke(c)\n    if c.status == 'rejected':\n        log('candidate', s)\n";
    assert!(sum("a.py", py).sites.is_empty());
}

#[test]
fn suppressed_files_and_reported_decisions_keep_no_site() {
    let py = "def f(c):\n    s = llm.invoke(c)\n    reject_candidate(c, s)\n";
    assert!(
        summarise("a.py", "a.py", py, MARKERS, &Domain::ALL, &[], true).is_some_and(|s| s.sites.is_empty())
    );
    let at = py.find("reject_candidate").unwrap_or_default();
    assert!(
        summarise("a.py", "a.py", py, MARKERS, &Domain::ALL, &[at], false)
            .is_some_and(|s| s.sites.is_empty())
    );
    assert!(summarise("a.kt", "a.kt", py, MARKERS, &Domain::ALL, &[], false).is_none());
}

#[test]
fn parameters_and_the_arguments_passed_on() {
    let py = "def f(db, cv, job_id=None):\n    s = llm.invoke(cv)\n    crud.save(db,\n              s, rank=job_id)\n    print(len(cv))\n    return cv\n";
    let s = sum("a.py", py);
    let f = &s.funcs[1];
    assert_eq!(f.params, vec!["db", "cv", "job_id"]);
    // What a parameter holds is not what the function returns to every caller.
    assert!(f.returns.is_empty(), "{:?}", f.returns);
    let save = f.passes.iter().find(|p| p.name == "save").unwrap_or_else(|| panic!("{:?}", f.passes));
    assert_eq!(save.line, 3);
    let slots: Vec<&Slot> = save.args.iter().map(|(slot, _)| slot).collect();
    assert_eq!(slots, vec![&Slot::At(0), &Slot::At(1), &Slot::Named("rank".into())]);
    assert!(save.args[0].1.contains(&Dep::Param(0)));
    assert!(save.args[1].1.contains(&Dep::Param(1)) && save.args[1].1.contains(&Dep::Ai), "{:?}", save.args);
    assert!(save.args[2].1.contains(&Dep::Param(2)));
    // `print(len(cv))` hands it to builtins only; an unclosed call passes nothing.
    assert_eq!(f.passes.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), vec!["invoke", "save"]);
    assert!(sum("b.py", "def g(x):\n    h(x,\n").funcs[1].passes.is_empty());
}

#[test]
fn a_decision_kwarg_in_a_record() {
    let py = "def add(cv, fit):\n    return Applicant(\n        name=cv.name,\n        shortlisted=fit >= 75,\n    )\n\ndef f(shortlisted=False):\n    pass\n\nx = Row(shortlisted=s > 1, other=2)\n";
    let s = sum("a.py", py);
    let lines: Vec<usize> = s.sites.iter().map(|x| x.line).collect();
    assert_eq!(lines, vec![4, 10]);
    assert_eq!(&s.sites[0].excerpt[s.sites[0].span.clone()], "shortlisted=fit >= 75");
    assert!(s.sites[0].deps.contains(&Dep::Param(1)), "{:?}", s.sites[0].deps);
    assert_eq!(&s.sites[1].excerpt[s.sites[1].span.clone()], "shortlisted=s > 1");
    // A number stored, not a decision.
    assert!(
        sum("b.py", "def add(cv, fit):\n    return Applicant(score=fit, suggested=fit > 3)\n")
            .sites
            .is_empty()
    );
}

#[test]
fn a_signature_is_no_decision() {
    let py = "def shortlist_candidates(db, job_id):\n    pass\n\ndef f(c):\n    shortlist_candidates(c.db, c.job)\n";
    let s = sum("a.py", py);
    assert_eq!(s.sites.iter().map(|x| x.line).collect::<Vec<_>>(), vec![5]);
    assert!(s.funcs[1].passes.is_empty() && s.funcs[2].passes.len() == 1, "{:?}", s.funcs);
}
