// charterlint: allow-file HITL001, SHADOW008 -- these tests are decisions without review, on AI clients planted on purpose
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
    let found = run(&[("app/scoring.py", SCORING), ("app/upload.py", store), ("app/nightly.py", nightly)]);
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

/// An application whose screening model runs through the Ollama command line, and whose
/// storage layer sets the shortlist flag from the score it is handed.
const RUNNER: &str = "import subprocess\n\ndef ask_model(name, prompt):\n    done = subprocess.run(\n        [\"ollama\", \"run\", name],\n        input=prompt.encode(),\n        capture_output=True,\n    )\n    return done.stdout.decode()\n";
const FIT: &str = "import json\nfrom app.llm.runner import ask_model\n\ndef fit_score(job, cv):\n    reply = ask_model(\"llama3\", f\"{job} {cv}\")\n    return json.loads(reply)\n\ndef rule_fit(job, cv):\n    return {\"score\": len(set(job) & set(cv))}\n";

fn repo(kwarg: &str) -> String {
    format!(
        "from app.store import tables\n\ndef add_applicant(session, cv, fit, job_id):\n    row = tables.Applicant(\n        name=cv.get(\"name\"),\n        fit=fit.get(\"score\"),\n        {kwarg}=fit.get(\"score\", 0) >= 75,\n        job_id=job_id,\n    )\n    session.add(row)\n    return row\n"
    )
}

fn views(call: &str) -> String {
    format!(
        "from app.store import repo\nfrom app.scoring import fit_score, rule_fit\n\ndef apply(job, cv, session):\n    result = {call}\n    row = repo.add_applicant(session, cv, result, job.id)\n    return row.id\n"
    )
}

fn screening(repo_text: &str, views_text: &str) -> Vec<CrossDecision> {
    run(&[
        ("app/llm/runner.py", RUNNER),
        ("app/scoring.py", FIT),
        ("app/store/repo.py", repo_text),
        ("app/views.py", views_text),
    ])
}

#[test]
fn an_ai_score_passed_to_the_function_that_stores_the_shortlist() {
    let found = screening(&repo("shortlisted"), &views("fit_score(job, cv)"));
    assert_eq!(lines(&found), vec![("app/store/repo.py".to_string(), 7)]);
    let d = &found[0];
    assert!(d.excerpt[d.span.clone()].starts_with("shortlisted=fit.get("), "{}", &d.excerpt[d.span.clone()]);
    assert!(d.excerpt[d.span.clone()].ends_with(">= 75"), "{}", &d.excerpt[d.span.clone()]);
    assert!(
        d.detail.contains("the parameter `fit` of `add_applicant`, passed at app/views.py:6"),
        "{}",
        d.detail
    );
    assert!(d.detail.contains("app/llm/runner.py:4"), "{}", d.detail);
    // By keyword, in another order, the same parameter.
    let by_name = views("fit_score(job, cv)")
        .replace("(session, cv, result, job.id)", "(session, cv, job_id=job.id, fit=result)");
    assert_eq!(lines(&screening(&repo("shortlisted"), &by_name)), vec![("app/store/repo.py".to_string(), 7)]);
}

#[test]
fn a_suggestion_a_rule_score_or_a_reviewed_call_is_no_finding() {
    // A flag a recruiter confirms later, or a number stored for them, decides nothing.
    assert!(screening(&repo("suggested"), &views("fit_score(job, cv)")).is_empty());
    assert!(screening(&repo("score"), &views("fit_score(job, cv)")).is_empty());
    // No AI on the way: the score comes from a rule.
    assert!(screening(&repo("shortlisted"), &views("rule_fit(job, cv)")).is_empty());
    // A recruiter approves before the record is made.
    let reviewed =
        views("fit_score(job, cv)").replace("    row = repo", "    request_approval(result)\n    row = repo");
    assert!(screening(&repo("shortlisted"), &reviewed).is_empty());
    // The AI result goes to another parameter than the one the flag is computed from.
    let other =
        views("fit_score(job, cv)").replace("(session, cv, result, job.id)", "(session, result, {}, job.id)");
    assert!(screening(&repo("shortlisted"), &other).is_empty());
}

#[test]
fn only_an_ollama_command_that_generates_is_an_ai_call() {
    let ok = "import subprocess\n\ndef ask(p):\n    out = subprocess.check_output(['ollama', 'generate', 'm', p])\n    return out\n\ndef screen(c):\n    if ask(c.cv) < 5:\n        reject_candidate(c)\n";
    assert_eq!(lines(&run(&[("a.py", ok)])), vec![("a.py".to_string(), 9)]);
    for other in ["['ollama', 'pull', 'm']", "['ollama', 'list']", "['ls', 'ollama']"] {
        let py = ok.replace("['ollama', 'generate', 'm', p]", other);
        assert!(run(&[("a.py", &py)]).is_empty(), "{other}");
    }
}
