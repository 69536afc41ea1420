//! HITL002 measured on a labelled set of prompts (tests/data/hitl002.tsv): positives hand a
//! decision about people to the AI, hard negatives look alike but keep it with a person, ask
//! for a method or a draft, or are about the writer's own application. Run through the engine
//! as user messages of a prompt log, so the rule's keyword gate is measured too.

use charterlint::unit::UnitKind;

const SET: &str = include_str!("../data/hitl002.tsv");

#[test]
fn hitl002_precision_and_recall_on_the_labelled_prompts() {
    let engine = super::render::default_engine();
    let (mut tp, mut fp, mut fneg, mut tn) = (0usize, 0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    let mut languages = std::collections::BTreeMap::<&str, (usize, usize)>::new();
    for line in SET.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let mut cols = line.splitn(3, '\t');
        let (Some(label), Some(lang), Some(prompt)) = (cols.next(), cols.next(), cols.next()) else {
            panic!("malformed line: {line}");
        };
        let positive = match label {
            "pos" => true,
            "neg" => false,
            _ => panic!("label must be pos or neg: {line}"),
        };
        let found = engine
            .check_text_as("export/conversations.json", prompt, &[UnitKind::Prompt])
            .iter()
            .any(|f| &*f.rule == "HITL002");
        let e = languages.entry(lang).or_default();
        e.0 += 1;
        e.1 += usize::from(found == positive);
        match (positive, found) {
            (true, true) => tp += 1,
            (false, true) => {
                fp += 1;
                wrong.push(format!("false positive [{lang}] {prompt}"));
            }
            (true, false) => {
                fneg += 1;
                wrong.push(format!("missed [{lang}] {prompt}"));
            }
            (false, false) => tn += 1,
        }
    }
    let total = tp + fp + fneg + tn;
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fneg).max(1) as f64;
    println!(
        "HITL002 on {total} prompts ({} positive): precision {precision:.3} ({tp}/{}), recall {recall:.3} ({tp}/{})",
        tp + fneg,
        tp + fp,
        tp + fneg
    );
    for (lang, (n, right)) in &languages {
        println!("  {lang}: {right}/{n} right");
    }
    for w in &wrong {
        println!("  {w}");
    }
    assert!(total >= 200, "only {total} labelled prompts");
    assert!(languages.len() == 4, "languages: {:?}", languages.keys().collect::<Vec<_>>());
    assert!(
        precision >= 0.9 && recall >= 0.8,
        "precision {precision:.3}, recall {recall:.3}:\n{}",
        wrong.join("\n")
    );
}
