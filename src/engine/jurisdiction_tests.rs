//! The charter's jurisdiction and local-runtime policy through the engine: severity and message
// charterlint: allow-file SHADOW002, SHADOW008 -- tests plant AI API hosts and SDK imports on purpose
//! of findings in code and in prompt logs.

use super::{Engine, Selection};
use crate::finding::{Finding, Severity};
use crate::unit::{Kinds, Record, Unit, UnitKind};

fn engine(charter_yaml: Option<&str>) -> Engine {
    Engine::embedded(charter_yaml, &Selection::default()).unwrap_or_else(|e| panic!("{e}"))
}

const DEEPSEEK: &str = "client = OpenAI(base_url=\"https://api.deepseek.com/v1\")\n";
const MISTRAL: &str = "BASE = \"https://api.mistral.ai/v1\"\n";
const OLLAMA: &str = "ollama==0.4.7\n";
const NO_CN: &str = "version: 1\ntools:\n  jurisdictions:\n    forbidden: [CN]\n";

fn one(findings: Vec<Finding>, rule: &str) -> Finding {
    let mut of_rule: Vec<Finding> = findings.into_iter().filter(|f| *f.rule == *rule).collect();
    assert_eq!(of_rule.len(), 1, "{of_rule:#?}");
    of_rule.remove(0)
}

#[test]
fn a_forbidden_jurisdiction_makes_a_deepseek_host_an_error_and_leaves_mistral_alone() {
    let e = engine(Some(NO_CN));
    let f = one(e.check_text("src/client.py", DEEPSEEK), "SHADOW002");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.tool.as_deref(), Some("deepseek"));
    assert!(f.message.contains("DeepSeek (CN), forbidden by the charter (jurisdiction CN)"), "{}", f.message);
    let default = engine(None);
    let m = one(e.check_text("src/client.py", MISTRAL), "SHADOW002");
    let m_default = one(default.check_text("src/client.py", MISTRAL), "SHADOW002");
    assert_eq!((m.severity, &m.message), (m_default.severity, &m_default.message));
    assert_eq!(m.severity, Severity::Warning);
    assert!(m.message.contains("(FR), not approved by the charter"), "{}", m.message);
    assert!(!m.message.contains("jurisdiction"), "no policy decided: {}", m.message);
}

#[test]
fn an_explicit_status_wins_over_the_jurisdiction() {
    let e =
        engine(Some("version: 1\ntools:\n  approved: [deepseek]\n  jurisdictions:\n    forbidden: [CN]\n"));
    assert!(e.check_text("src/client.py", DEEPSEEK).iter().all(|f| &*f.rule != "SHADOW002"));
    let e =
        engine(Some("version: 1\ntools:\n  tolerated: [deepseek]\n  jurisdictions:\n    forbidden: [CN]\n"));
    let f = one(e.check_text("src/client.py", DEEPSEEK), "SHADOW002");
    assert_eq!(f.severity, Severity::Info);
    assert!(f.message.ends_with("tolerated by the charter"), "{}", f.message);
}

#[test]
fn a_tolerated_jurisdiction_gives_info_and_the_default_charter_is_unchanged() {
    let e = engine(Some("version: 1\ntools:\n  jurisdictions:\n    tolerated: [CN]\n"));
    let f = one(e.check_text("src/client.py", DEEPSEEK), "SHADOW002");
    assert_eq!(f.severity, Severity::Info);
    assert!(f.message.contains("tolerated by the charter (jurisdiction CN)"), "{}", f.message);
    let d = one(engine(None).check_text("src/client.py", DEEPSEEK), "SHADOW002");
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.ends_with("of DeepSeek (CN), not approved by the charter"), "{}", d.message);
}

#[test]
fn local_runtimes_follow_tools_local_not_a_jurisdiction() {
    let f = one(engine(None).check_text("requirements.txt", OLLAMA), "SHADOW001");
    assert_eq!(f.severity, Severity::Info, "an unapproved local runtime is info already");
    assert!(
        f.message.contains("of Ollama, not approved"),
        "no jurisdiction for a local runtime: {}",
        f.message
    );
    // Ollama's vendor is in the US; forbidding US providers does not touch a local runtime.
    let no_us = engine(Some("version: 1\ntools:\n  jurisdictions:\n    forbidden: [US]\n"));
    assert_eq!(one(no_us.check_text("requirements.txt", OLLAMA), "SHADOW001").severity, Severity::Info);
    let approved = engine(Some("version: 1\ntools:\n  local: approved\n"));
    assert!(approved.check_text("requirements.txt", OLLAMA).iter().all(|f| &*f.rule != "SHADOW001"));
    let forbidden = engine(Some("version: 1\ntools:\n  local: forbidden\n"));
    let f = one(forbidden.check_text("requirements.txt", OLLAMA), "SHADOW001");
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.ends_with("forbidden by the charter (local runtime)"), "{}", f.message);
}

#[test]
fn prompt_logs_follow_the_jurisdiction_policy_too() {
    let text = "Résume ce document. STRICTLY CONFIDENTIAL — board minutes, 12 March";
    let check = |e: &Engine, tool: &str| {
        let record = format!("message (user) to {tool}");
        let unit = Unit {
            record: Record::Text(&record),
            tool: e.cx.catalog.index_of(tool),
            ..Unit::file(
                "export/conversations.json",
                "export/conversations.json",
                text,
                Kinds::default().with(UnitKind::Prompt),
            )
        };
        e.check(&unit)
    };
    let e = engine(Some(NO_CN));
    let f = one(check(&e, "deepseek"), "CONF003");
    assert_eq!(f.severity, Severity::Error);
    assert!(
        f.message.contains("sent to DeepSeek (CN), forbidden by the charter (jurisdiction CN)"),
        "{}",
        f.message
    );
    let default = engine(None);
    let (m, m_default) = (one(check(&e, "mistral"), "CONF003"), one(check(&default, "mistral"), "CONF003"));
    assert_eq!((m.severity, &m.message), (m_default.severity, &m_default.message));
    assert!(
        m.message.contains("sent to Mistral AI") && m.message.contains("(FR), not approved"),
        "{}",
        m.message
    );
    let d = one(check(&default, "deepseek"), "CONF003");
    assert!(d.message.ends_with("(CN), not approved by the charter"), "{}", d.message);
    // An approved jurisdiction approves its providers: classified text to them is no finding.
    let eu = engine(Some("version: 1\ntools:\n  jurisdictions:\n    approved: [EU]\n"));
    assert!(check(&eu, "mistral").iter().all(|f| &*f.rule != "CONF003"));
    assert_eq!(one(check(&eu, "deepseek"), "CONF003").severity, Severity::Error);
}
