//! Every rule is tested by its own declared examples: each `fail` example yields a finding of
//! that rule, each `pass` example none. The same examples are what `charterlint explain` shows.

use charterlint::engine::{Engine, Selection};
use charterlint::rules::{self, Rule};

fn pack() -> Vec<Rule> {
    rules::embedded().unwrap_or_else(|e| panic!("rules pack: {e}"))
}

fn engine_for(charter_yaml: Option<&str>) -> Engine {
    Engine::embedded(charter_yaml, &Selection::default())
        .unwrap_or_else(|e| panic!("example charter does not load: {e}"))
}

#[test]
fn every_rule_fails_on_its_fail_examples_and_passes_its_pass_examples() {
    let default = engine_for(None);
    let mut checked = 0;
    for rule in pack() {
        for (expect_finding, list) in [(true, &rule.examples.fail), (false, &rule.examples.pass)] {
            for ex in list {
                let custom;
                let engine = match &ex.charter {
                    Some(y) => {
                        custom = engine_for(Some(y));
                        &custom
                    }
                    None => &default,
                };
                let findings = engine.check_example(ex);
                let mine: Vec<_> = findings.iter().filter(|f| *f.rule == *rule.id).collect();
                assert_eq!(
                    !mine.is_empty(),
                    expect_finding,
                    "{} {} example at {} gave {:?}",
                    rule.id,
                    if expect_finding { "fail" } else { "pass" },
                    ex.path,
                    mine.iter().map(|f| &f.message).collect::<Vec<_>>()
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 20, "only {checked} examples");
}

#[test]
fn secrets_never_appear_in_findings_of_key_examples() {
    let engine = engine_for(None);
    for rule in pack().iter().filter(|r| r.secret) {
        for ex in &rule.examples.fail {
            for f in engine.check_example(ex).iter().filter(|f| *f.rule == *rule.id) {
                let key_line = ex.text.lines().nth(f.start.line - 1).unwrap_or_default();
                let start = key_line.char_indices().nth(f.start.column - 1).map_or(0, |(i, _)| i);
                let key: String = key_line[start..].chars().take(f.end.column - f.start.column).collect();
                assert!(key.len() > 12, "{}: span too short: {key}", rule.id);
                let middle = &key[6..key.len() - 2];
                for shown in
                    [&f.message, &f.snippet, &f.excerpt.as_ref().map(|x| x.text.clone()).unwrap_or_default()]
                {
                    assert!(!shown.contains(middle), "{} leaks the key in {shown}", rule.id);
                }
            }
        }
    }
}

#[test]
fn pack_meta() {
    let rules = pack();
    assert!(rules.len() >= 10);
    for r in &rules {
        assert!(!r.description.trim().is_empty() && !r.help.trim().is_empty(), "{} lacks docs", r.id);
        assert!(r.charter_ref.starts_with('§'), "{}: charter_ref must cite a section", r.id);
        let explained = charterlint::app::explain_text(r);
        assert!(explained.contains(&r.id) && explained.contains(r.charter_ref.as_str()));
    }
    // Every category used by this pack is one of the six, and shadow-ai and prompt-injection are covered.
    for c in ["shadow-ai", "prompt-injection"] {
        assert!(rules.iter().any(|r| r.category.as_str() == c), "no {c} rule");
    }
}
