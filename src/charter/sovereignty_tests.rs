//! Tests of the jurisdiction and local-runtime policy: loading, precedence, merging, errors.

use std::fs;

use miette::{GraphicalReportHandler, GraphicalTheme};

use super::super::{CharterError, ErrorKind, Known, Trust, load, load_str};
use super::*;

const TOOLS: &[&str] = &["deepseek", "mistral", "ollama", "openai", "qwen"];
const KNOWN: Known<'static> = Known { tool_ids: TOOLS, rule_ids: &[] };

const CN: ToolFacts<'static> = ToolFacts { jurisdiction: Some("CN"), local: false };
const FR: ToolFacts<'static> = ToolFacts { jurisdiction: Some("FR"), local: false };
const US: ToolFacts<'static> = ToolFacts { jurisdiction: Some("US"), local: false };
const LOCAL: ToolFacts<'static> = ToolFacts { jurisdiction: None, local: true };

fn render(err: &CharterError) -> String {
    let mut out = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .render_report(&mut out, err)
        .expect("rendering never fails on a String");
    out
}

fn charter(text: &str) -> super::super::Charter {
    match load_str("ai-charter.yaml", text, &KNOWN) {
        Ok(l) => l.charter,
        Err(e) => panic!("{}", render(&e)),
    }
}

fn error(text: &str) -> (CharterError, String) {
    let e = load_str("ai-charter.yaml", text, &KNOWN).expect_err("invalid");
    let shown = render(&e);
    (e, shown)
}

#[test]
fn jurisdiction_policy_decides_for_tools_the_lists_do_not_name() {
    let c = charter(
        "version: 1\ntools:\n  approved: [qwen]\n  jurisdictions:\n    forbidden: [CN]\n    tolerated: [US]\n",
    );
    assert_eq!(c.tool_status("deepseek", CN), ToolStatus::Forbidden);
    assert_eq!(c.tool_status("openai", US), ToolStatus::Tolerated);
    assert_eq!(c.tool_status("mistral", FR), ToolStatus::Unapproved, "FR is named nowhere");
    // The tool's own entry wins over its jurisdiction.
    assert_eq!(c.tool_status("qwen", CN), ToolStatus::Approved);
    assert_eq!(c.tool_decision("qwen", CN).ground, Ground::Listed);
    let d = c.tool_decision("deepseek", CN);
    assert_eq!(d.ground, Ground::Jurisdiction { code: "CN", group: None });
    assert_eq!(d.reason(), " (jurisdiction CN)");
    assert_eq!(c.tool_decision("mistral", FR).reason(), "");
    // Without facts (a custom tool), only the lists count.
    assert_eq!(c.tool_status("deepseek", ToolFacts::default()), ToolStatus::Unapproved);
}

#[test]
fn eu_names_every_member_state_and_an_exact_code_wins_over_it() {
    let c = charter("version: 1\ntools:\n  jurisdictions:\n    approved: [EU]\n    tolerated: [DE]\n");
    let d = c.tool_decision("mistral", FR);
    assert_eq!(d.status, ToolStatus::Approved);
    assert_eq!(d.reason(), " (jurisdiction FR, in EU)");
    let de = ToolFacts { jurisdiction: Some("DE"), local: false };
    assert_eq!(c.tool_status("aleph-alpha", de), ToolStatus::Tolerated);
    assert_eq!(c.tool_status("openai", US), ToolStatus::Unapproved);
    assert_eq!(EU_MEMBERS.len(), 27);
    assert!(EU_MEMBERS.iter().all(|c| is_country_code(c)));
}

#[test]
fn local_runtimes_have_their_own_status() {
    let c = charter(
        "version: 1\ntools:\n  forbidden: [ollama]\n  local: approved\n  jurisdictions: {forbidden: [US]}\n",
    );
    let lmstudio = c.tool_decision("lm-studio", LOCAL);
    assert_eq!((lmstudio.status, lmstudio.ground), (ToolStatus::Approved, Ground::Local));
    assert_eq!(lmstudio.reason(), " (local runtime)");
    assert_eq!(c.tool_status("ollama", LOCAL), ToolStatus::Forbidden, "the tool's entry wins");
    assert_eq!(c.tool_status("openai", US), ToolStatus::Forbidden);
    let tolerant = charter("version: 1\ntools:\n  local: tolerated\n");
    assert_eq!(tolerant.tool_status("llama-cpp", LOCAL), ToolStatus::Tolerated);
    assert_eq!(tolerant.tool_status("openai", US), ToolStatus::Unapproved);
}

#[test]
fn the_default_charter_has_no_policy() {
    let c = super::super::Charter::default();
    for (id, facts) in [("deepseek", CN), ("mistral", FR), ("ollama", LOCAL)] {
        assert_eq!(
            c.tool_decision(id, facts),
            Decision { status: ToolStatus::Unapproved, ground: Ground::Unlisted }
        );
    }
    assert!(!c.to_yaml().contains("jurisdictions") && !c.to_yaml().contains("local:"));
}

#[test]
fn unknown_country_codes_point_at_the_item_and_suggest_the_code() {
    let (e, shown) = error("version: 1\ntools:\n  jurisdictions:\n    forbidden: [CN, China]\n");
    assert_eq!(e.kind(), ErrorKind::UnknownCountry, "{shown}");
    assert_eq!(e.line_column(), Some((4, 21)), "{shown}");
    assert!(
        shown.contains("unknown country code `China`") && shown.contains("did you mean `CN`?"),
        "{shown}"
    );
    let (_, shown) = error("version: 1\ntools:\n  jurisdictions:\n    tolerated: [UK]\n");
    assert!(shown.contains("did you mean `GB`?"), "{shown}");
    let (_, shown) = error("version: 1\ntools:\n  jurisdictions:\n    tolerated: [us]\n");
    assert!(shown.contains("did you mean `US`?"), "{shown}");
    let (_, shown) = error("version: 1\ntools:\n  jurisdictions:\n    tolerated: [XQ]\n");
    assert!(shown.contains("ISO 3166") && !shown.contains("did you mean"), "{shown}");
}

#[test]
fn a_jurisdiction_has_one_status_and_bad_keys_or_values_are_errors() {
    let (e, shown) =
        error("version: 1\ntools:\n  jurisdictions:\n    tolerated: [US]\n    forbidden: [CN, US]\n");
    assert_eq!(e.kind(), ErrorKind::DuplicateEntry, "{shown}");
    assert_eq!(e.line_column(), Some((5, 21)), "{shown}");
    assert!(shown.contains("`US` is both tolerated and forbidden"), "{shown}");
    let (e, shown) = error("version: 1\ntools:\n  local: unapproved\n");
    assert!(shown.contains("unapproved"), "{shown}");
    assert_ne!(e.kind(), ErrorKind::UnknownCountry);
    let (e, _) = error("version: 1\ntools:\n  jurisdictions:\n    banned: [CN]\n");
    assert_eq!(e.kind(), ErrorKind::UnknownKey);
}

#[test]
fn extends_merges_the_policy_and_a_child_reclassifies_a_code() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let base = tmp.path().join("base.yaml");
    fs::write(&base, "version: 1\ntools:\n  local: tolerated\n  jurisdictions:\n    tolerated: [US, CN]\n")
        .expect("write");
    let child = tmp.path().join("ai-charter.yaml");
    fs::write(&child, "version: 1\nextends: base.yaml\ntools:\n  jurisdictions:\n    forbidden: [CN, RU]\n")
        .expect("write");
    let loaded = load(&child, &Trust::Operator, &KNOWN).unwrap_or_else(|e| panic!("{}", render(&e)));
    let j = &loaded.charter.tools.jurisdictions;
    assert_eq!(j.tolerated, ["US"]);
    assert_eq!(j.forbidden, ["CN", "RU"]);
    assert_eq!(loaded.charter.tools.local, Some(Policy::Tolerated), "inherited");
    // The effective charter prints the policy and reads back the same.
    let text = loaded.charter.to_yaml();
    assert!(text.contains("jurisdictions") && text.contains("local: tolerated"), "{text}");
    let back = load_str("effective.yaml", &text, &KNOWN).unwrap_or_else(|e| panic!("{}", render(&e)));
    assert_eq!(back.charter, loaded.charter);
}

#[test]
fn suggestions_cover_names_alpha3_and_case() {
    assert_eq!(suggest_country("germany"), Some("DE"));
    assert_eq!(suggest_country("FRA"), Some("FR"));
    assert_eq!(suggest_country("eu"), Some("EU"));
    assert_eq!(suggest_country("Atlantis"), None);
    assert!(
        is_country_code("CN") && !is_country_code("cn") && !is_country_code("UK") && !is_country_code("EU")
    );
}
