//! The engine on its own: gating, severity from the charter, suppressions, placement and
// charterlint: allow-file SHADOW002, SHADOW005, ALLOW -- tests of the engine plant hosts, variables and suppressions on purpose
//! records, typed facts, masking of messages.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Engine, Selection};
use crate::finding::{Position, Severity};
use crate::unit::{Anchor, Fact, FactKind, Kinds, Place, Record, Unit, UnitKind};

fn engine_with(charter_yaml: Option<&str>, selection: &Selection) -> Engine {
    Engine::embedded(charter_yaml, selection).unwrap_or_else(|e| panic!("{e}"))
}

fn engine() -> Engine {
    engine_with(None, &Selection::default())
}

fn rules_of(f: &[crate::finding::Finding]) -> Vec<&str> {
    f.iter().map(|f| &*f.rule).collect()
}

const HOST_LINE: &str = "BASE = \"https://api.openai.com/v1\"\n";

#[test]
fn severity_follows_the_charter_status_of_the_service() {
    let e = engine();
    let f = e.check_text("src/client.py", HOST_LINE);
    assert_eq!(rules_of(&f), ["SHADOW002"]);
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].tool.as_deref(), Some("openai"));
    let approved = engine_with(Some("version: 1\ntools:\n  approved: [openai]\n"), &Selection::default());
    assert!(approved.check_text("src/client.py", HOST_LINE).is_empty());
    let tolerated = engine_with(Some("version: 1\ntools:\n  tolerated: [openai]\n"), &Selection::default());
    assert_eq!(tolerated.check_text("src/client.py", HOST_LINE)[0].severity, Severity::Info);
    let forbidden = engine_with(Some("version: 1\ntools:\n  forbidden: [openai]\n"), &Selection::default());
    assert_eq!(forbidden.check_text("src/client.py", HOST_LINE)[0].severity, Severity::Error);
    let overridden =
        engine_with(Some("version: 1\nrules:\n  severity: { SHADOW002: info }\n"), &Selection::default());
    assert_eq!(overridden.check_text("src/client.py", HOST_LINE)[0].severity, Severity::Info);
}

#[test]
fn repeated_hosts_of_one_service_fold_into_one_finding() {
    let text = format!("{HOST_LINE}{HOST_LINE}{HOST_LINE}");
    let f = engine().check_text("src/client.py", &text);
    assert_eq!(f.len(), 1);
    assert!(f[0].message.ends_with("(2 more in this file)"), "{}", f[0].message);
}

#[test]
fn selection_and_charter_disable_choose_the_rules() {
    let only_inject = Selection { select: vec!["INJECT".into()], ignore: Vec::new() };
    assert!(engine_with(None, &only_inject).check_text("src/client.py", HOST_LINE).is_empty());
    let ignore = Selection { select: Vec::new(), ignore: vec!["SHADOW002".into()] };
    assert!(engine_with(None, &ignore).check_text("src/client.py", HOST_LINE).is_empty());
    let disabled = engine_with(Some("version: 1\nrules:\n  disable: [SHADOW002]\n"), &Selection::default());
    assert!(disabled.check_text("src/client.py", HOST_LINE).is_empty());
}

#[test]
fn rules_apply_to_their_unit_kinds_only() {
    // SHADOW002 reads code and config; prose that names the host is not a finding.
    assert!(engine().check_text("docs/setup.md", HOST_LINE).is_empty());
}

#[test]
fn suppressions_drop_findings_and_report_unused_and_reasonless_ones() {
    let e = engine();
    let used = "# charterlint: allow SHADOW002 -- approved by the AI committee, ticket 42\n";
    assert!(e.check_text("src/client.py", &format!("{used}{HOST_LINE}")).is_empty());
    let unused = e.check_text("src/client.py", &format!("{used}x = 1\n"));
    assert_eq!(rules_of(&unused), ["ALLOW001"]);
    assert_eq!(unused[0].severity, Severity::Info);
    assert_eq!(unused[0].category, crate::finding::Category::ShadowAi);
    let reasonless = e.check_text("src/client.py", &format!("# charterlint: allow SHADOW002\n{HOST_LINE}"));
    let mut ids = rules_of(&reasonless);
    ids.sort_unstable();
    assert_eq!(ids, ["ALLOW002", "SHADOW002"]);
    let ignored = engine_with(None, &Selection { select: Vec::new(), ignore: vec!["ALLOW".into()] });
    assert!(ignored.check_text("src/client.py", &format!("{used}x = 1\n")).is_empty());
}

#[test]
fn findings_are_placed_in_the_file_and_records_built_only_when_needed() {
    let e = engine();
    let kinds = crate::unit::classify("src/client.py");
    let calls = AtomicUsize::new(0);
    let record = || {
        calls.fetch_add(1, Ordering::Relaxed);
        "request 7".to_string()
    };
    let at = Place::At(Position { line: 10, column: 5 });
    let unit =
        Unit { place: at, record: Record::Lazy(&record), ..Unit::file("log", "log", HOST_LINE, kinds) };
    let f = e.check(&unit);
    let col = HOST_LINE.find("api.").unwrap_or(0) + 1;
    assert_eq!(f[0].start, Position { line: 10, column: 5 + col - 1 });
    assert_eq!(f[0].record.as_deref(), Some("request 7"));
    assert_eq!(calls.load(Ordering::Relaxed), 1);
    let clean =
        Unit { place: at, record: Record::Lazy(&record), ..Unit::file("log", "log", "x = 1\n", kinds) };
    assert!(e.check(&clean).is_empty());
    assert_eq!(calls.load(Ordering::Relaxed), 1, "no finding, no record");
    let rec = Place::Record(Position { line: 3, column: 1 });
    let f = e.check(&Unit { place: rec, ..Unit::file("log", "log", HOST_LINE, kinds) });
    assert_eq!((f[0].start, f[0].end), (Position { line: 3, column: 1 }, Position { line: 3, column: 1 }));
    assert!(f[0].excerpt.is_none());
}

#[test]
fn a_message_decoded_from_json_points_at_its_place_in_the_file() {
    let e = engine();
    let raw = br#"{"messages":[{"role":"user","content":"mail jean.dupont@acme.fr please"}]}"#;
    let text = "mail jean.dupont@acme.fr please";
    let anchor = Anchor { raw, start: Position { line: 4, column: 1 } };
    let kinds = Kinds::default().with(UnitKind::Prompt);
    let unit = Unit { place: Place::Json(anchor), ..Unit::file("p.jsonl", "p.jsonl", text, kinds) };
    let f = e.check(&unit);
    assert_eq!(rules_of(&f), ["CONF002"]);
    let col = std::str::from_utf8(raw).map(|r| r.find("jean").unwrap_or(0)).unwrap_or(0) + 1;
    assert_eq!(f[0].start, Position { line: 4, column: col });
    assert!(!f[0].snippet.contains("jean.dupont@acme.fr"), "{}", f[0].snippet);
}

#[test]
fn the_findings_of_one_message_share_its_record_and_each_points_at_its_own_place() {
    let e = engine();
    let raw = br#"{"content":"say \"hi\"\nto jean.dupont@acme.fr\nor 06 12 34 56 78"}"#;
    let text = "say \"hi\"\nto jean.dupont@acme.fr\nor 06 12 34 56 78";
    let calls = AtomicUsize::new(0);
    let record = || {
        calls.fetch_add(1, Ordering::Relaxed);
        "message 2 (user)".to_string()
    };
    let place = Place::Json(Anchor { raw, start: Position { line: 9, column: 1 } });
    let kinds = Kinds::default().with(UnitKind::Prompt);
    let unit = Unit { place, record: Record::Lazy(&record), ..Unit::file("p.jsonl", "p.jsonl", text, kinds) };
    let f = e.check(&unit);
    assert_eq!(f.len(), 2, "{f:?}");
    let raw = std::str::from_utf8(raw).unwrap_or_default();
    let col = |s: &str| raw.find(s).map_or(0, |i| i + 1);
    let mut starts: Vec<_> = f.iter().map(|x| x.start).collect();
    starts.sort_by_key(|p| p.column);
    assert_eq!(
        starts,
        [Position { line: 9, column: col("jean") }, Position { line: 9, column: col("06 12") }]
    );
    assert!(f.iter().all(|x| x.record.as_deref() == Some("message 2 (user)")));
    assert_eq!(calls.load(Ordering::Relaxed), 1, "one record for the message");
}

#[test]
fn every_datum_of_a_message_is_masked_in_each_finding() {
    let e = engine();
    let text = "call 06 12 34 56 78 or write to jean.dupont@acme.fr";
    let kinds = Kinds::default().with(UnitKind::Prompt);
    let f = e.check(&Unit::file("p", "p", text, kinds));
    assert_eq!(f.len(), 2);
    for finding in &f {
        assert!(!finding.snippet.contains("jean.dupont@acme.fr"), "{}", finding.snippet);
        assert!(!finding.snippet.contains("34 56 78"), "{}", finding.snippet);
    }
}

#[test]
fn audit_rules_match_typed_facts_not_wording() {
    let e = engine();
    let text = "Copilot in Word accessed \"Budget.xlsx\" (sensitivity label 42)";
    let kinds = Kinds::default().with(UnitKind::AuditRecord);
    assert!(e.check(&Unit::file("a.csv", "a.csv", text, kinds)).is_empty(), "no fact, no finding");
    let facts = [Fact { kind: FactKind::LabelledResource, span: 0..text.len() }];
    let f = e.check(&Unit { facts: &facts, ..Unit::file("a.csv", "a.csv", text, kinds) });
    assert_eq!(rules_of(&f), ["CONF006"]);
    let reworded = "Word : Copilot a lu « Budget.xlsx » (étiquette 42)";
    let facts = [Fact { kind: FactKind::InjectionDetected, span: 0..reworded.len() }];
    let f = e.check(&Unit { facts: &facts, ..Unit::file("a.csv", "a.csv", reworded, kinds) });
    assert_eq!(rules_of(&f), ["INJECT006"]);
}

#[test]
fn assistant_files_are_reported_once_per_run() {
    let e = engine();
    let mut all = e.check_text("CLAUDE.md", "# notes\n");
    all.extend(e.check_text("pkg/CLAUDE.md", "# more notes\n"));
    assert_eq!(rules_of(&all), ["SHADOW004", "SHADOW004"]);
    e.merge_run_findings(&mut all);
    assert_eq!(all.len(), 1);
    assert!(all[0].message.ends_with("(and 1 more file)"), "{}", all[0].message);
    // The finding kept is the first file in path order, whatever order the files were read in.
    let mut reversed = e.check_text("pkg/CLAUDE.md", "# more notes\n");
    reversed.extend(e.check_text("CLAUDE.md", "# notes\n"));
    e.merge_run_findings(&mut reversed);
    assert_eq!(reversed.len(), 1);
    assert_eq!(&*reversed[0].path, "CLAUDE.md");
}

#[test]
fn an_unknown_detector_is_an_error_naming_the_rule() {
    let mut rules = crate::rules::embedded().unwrap_or_else(|e| panic!("{e}"));
    let i = rules.iter().position(|r| r.id == "SHADOW002").unwrap_or_default();
    rules[i].matcher.detector = Some("no-such-detector".into());
    let id = rules[i].id.clone();
    let catalog = crate::catalog::Catalog::embedded().unwrap_or_else(|e| panic!("{e}"));
    let err = Engine::new(rules, catalog, crate::charter::Charter::default(), &Selection::default())
        .err()
        .unwrap_or_default();
    assert!(err.contains(&id) && err.contains("no-such-detector"), "{err}");
}

#[test]
fn without_excerpts_a_finding_is_the_same_but_for_its_excerpt() {
    let text = "# charterlint: allow SHADOW005\nBASE = \"https://api.openai.com/v1\"\nkey = OPENAI_API_KEY\n";
    let full = engine().check_text("src/client.py", text);
    let mut lean = engine();
    lean.excerpts = false;
    let lean = lean.check_text("src/client.py", text);
    assert!(full.len() >= 2 && full.iter().all(|f| f.excerpt.is_some()), "{full:?}");
    assert_eq!(full.len(), lean.len());
    for (mut f, l) in full.into_iter().zip(lean) {
        assert!(l.excerpt.is_none());
        f.excerpt = None;
        assert_eq!(format!("{f:?}"), format!("{l:?}"));
    }
}

#[test]
fn a_message_template_is_filled_in_one_pass() {
    let vars = [("{match}", "x{detail}y"), ("{tool}", "OpenAI"), ("{detail}", "d")];
    assert_eq!(
        super::build::fill("{tool} key `{match}` ({detail}) {other} { {", &vars),
        "OpenAI key `x{detail}y` (d) {other} { {",
        "a value is not read as a template; unknown names and lone braces stay"
    );
    assert_eq!(super::build::fill("né {tool}", &vars), "né OpenAI");
}

/// A large unit searches for sensitive data only around what its findings show: what they show
/// must be masked exactly as in a small unit, up to a private key block whose start lies
/// kilobytes before the shown lines.
#[test]
fn a_large_unit_masks_what_its_findings_show_as_a_small_one() {
    let body: String =
        (0..60).map(|i| format!("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC{i:02}xyz\n")).collect();
    let core = format!(
        "-----BEGIN PRIVATE KEY-----\n{body}-----END PRIVATE KEY-----\n{HOST_LINE}\
         contact = \"claire.martin@groupe-acme.fr\"; password = \"Vt9kQ2mZx7LpR4wBq\"\n"
    );
    let filler = "the quick brown fox jumps over the lazy dog\n".repeat(8_000);
    let large = format!("{filler}{core}{filler}");
    assert!(large.len() > 600_000);
    let e = engine();
    let (small, big) = (e.check_text("src/client.py", &core), e.check_text("src/client.py", &large));
    assert_eq!(rules_of(&small), rules_of(&big));
    let shown = |f: &crate::finding::Finding| {
        let x = f.excerpt.as_ref().map(|x| x.text.clone()).unwrap_or_default();
        (f.message.clone(), f.snippet.clone(), x)
    };
    let host = small.iter().position(|f| &*f.rule == "SHADOW002").unwrap_or_else(|| panic!("{small:?}"));
    let (message, snippet, excerpt) = shown(&small[host]);
    assert!(
        excerpt.contains("clai") && !excerpt.contains("groupe-acme") && !excerpt.contains("PRIVATE"),
        "{excerpt}"
    );
    assert!(!excerpt.contains("Vt9kQ2mZx7") && !excerpt.contains("AASCBKcw"), "{excerpt}");
    assert_eq!(shown(&big[host]), (message, snippet, excerpt));
}
