//! Human oversight and prohibited practices on fixtures per language: every expected finding is
//! marked in the fixture with an `expect: RULE [severity]` comment on its line, and the scan
//! must find exactly those (100 % precision and recall).

use std::collections::BTreeSet;

use crate::util::{findings_with, scan_json, tree};

fn expected(dir: &str) -> BTreeSet<(String, String, u64, String)> {
    let mut out = BTreeSet::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut stack = vec![root.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())).flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            let rel = format!("{dir}/{}", p.strip_prefix(&root).unwrap_or(&p).display());
            for (i, line) in text.lines().enumerate() {
                if let Some((_, rest)) = line.split_once("expect: ") {
                    let mut words = rest.split_whitespace();
                    let rule = words.next().unwrap_or_default().to_string();
                    let severity =
                        words.next().unwrap_or("error").trim_matches(|c: char| !c.is_ascii_alphabetic());
                    out.insert((rule, rel.clone(), i as u64 + 1, severity.to_string()));
                }
            }
        }
    }
    out
}

fn found(dir: &str) -> BTreeSet<(String, String, u64, String)> {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (v, _) = scan_json(&["--select", "HITL,PROHIB", dir], &root);
    findings_with(&v, "severity")
        .into_iter()
        .map(|(rule, sev, path, line, _)| (rule, path, line, sev))
        .collect()
}

#[test]
fn decisions_without_a_human_step_in_every_language() {
    let want = expected("fixtures/oversight");
    assert!(want.len() >= 9, "one failing case per language: {want:?}");
    assert_eq!(found("fixtures/oversight"), want);
}

#[test]
fn a_chain_across_files_is_found_whichever_file_is_read_first() {
    // A file that decides is read before any AI call is seen when it sorts first and one
    // thread walks: it is kept aside, and decided on at the end of the run.
    // charterlint: allow SHADOW008 -- an AI client planted on purpose
    let scoring = "from openai import OpenAI\nclient = OpenAI()\n\ndef score_with_llm(cv):\n    r = client.chat.completions.create(model='m', messages=[cv])\n    return float(r.choices[0].message.content)\n";
    let jobs = |module: &str| {
        format!(
            "from app.{module} import score_with_llm\n\ndef screen(candidate):\n    score = score_with_llm(candidate.cv)\n    if score < 50:\n        reject_candidate(candidate)\n"
        )
    };
    for (decider, ai) in [("a_jobs", "z_scoring"), ("z_jobs", "a_scoring")] {
        let (decider_path, ai_path) = (format!("app/{decider}.py"), format!("app/{ai}.py"));
        let with_ai = tree(&[(decider_path.as_str(), jobs(ai).as_str()), (ai_path.as_str(), scoring)]);
        let without_ai = tree(&[(decider_path.as_str(), jobs(ai).as_str())]);
        for threads in ["1", "2"] {
            let hitl = |dir: &std::path::Path| -> Vec<(String, u64)> {
                let (v, _) = scan_json(&["--select", "HITL001", "-j", threads, "."], dir);
                findings_with(&v, "severity").into_iter().map(|(_, _, path, line, _)| (path, line)).collect()
            };
            assert_eq!(
                hitl(with_ai.path()),
                [(decider_path.clone(), 6)],
                "{decider} first, {threads} thread(s)"
            );
            assert_eq!(hitl(without_ai.path()), [], "no AI call, no chain: {decider}, {threads} thread(s)");
        }
    }
}

#[test]
fn emotion_recognition_not_sentiment_analysis() {
    let want = expected("fixtures/emotion");
    assert_eq!(want.len(), 4);
    assert_eq!(found("fixtures/emotion"), want);
}

#[test]
fn the_diagnostic_labels_the_ai_call_and_the_decision() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = crate::util::charterlint()
        .current_dir(&root)
        .args(["scan", "--select", "HITL", "fixtures/oversight/python/screening.py"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("the AI call whose output drives it"), "{s}");
    assert!(s.contains("AI output decides about a person with no human step"), "{s}");
    assert!(s.contains("`screen_application` or the functions of this file that call it"), "{s}");
}
