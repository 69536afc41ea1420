//! Renders findings in every output format through the library, as `scan` does: a test that
//! must hold for every format (nothing leaks, every finding is there) calls [`every_format`].

use std::collections::BTreeMap;
use std::time::Duration;

use charterlint::engine::{Engine, Selection};
use charterlint::finding::Finding;
use charterlint::report::{Format, Report, human, output};
use charterlint::rules::Rule;
use charterlint::scan::LogStats;
use clap::ValueEnum;

/// An engine with the embedded rules, catalogue and default charter.
pub fn default_engine() -> Engine {
    Engine::embedded(None, &Selection::default()).unwrap_or_else(|e| panic!("engine: {e}"))
}

/// `findings` rendered in every `--format`, with the summary, statistics and rule metadata a
/// scan writes.
pub fn every_format(engine: &Engine, findings: &[Finding]) -> Vec<(Format, String)> {
    let logs = LogStats::default();
    let by_user = BTreeMap::new();
    let scope = charterlint::report::scope::Scope::default();
    let report = Report {
        findings,
        files: 1,
        records: 0,
        bytes: 0,
        skipped_large: 0,
        skipped_binary: 0,
        skipped_reports: 0,
        errors: &[],
        notices: &[],
        elapsed: Duration::from_millis(1),
        charter_source: "embedded default".into(),
        baseline: None,
        logs: &logs,
        findings_by_user: &by_user,
        scope: &scope,
        threads: 1,
    };
    let ran: Vec<&Rule> = engine.rules.iter().map(|r| &r.rule).collect();
    let cx = output::Context {
        rules: &ran,
        style: human::Style { color: false, width: 100 },
        quiet: false,
        stats: true,
        root: None,
        help_base: None,
        csv_dialect: charterlint::report::csv::Dialect::default(),
        lang: charterlint::report::html::i18n::Lang::default(),
    };
    Format::value_variants().iter().map(|f| (*f, output::render(*f, &report, &cx))).collect()
}
