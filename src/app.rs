//! What each command does, from parsed arguments to an exit code.

mod charter_cmd;
mod scan;

use std::io::{self, Write};
use std::path::Path;

use clap::CommandFactory;

use crate::catalog::Catalog;
use crate::charter::{self, Known, Loaded};
use crate::cli::{
    BaselineCommand, CatalogArgs, CharterCommand, Cli, Command, CommitMsgArgs, Format, RulesArgs, ScanFormat,
};
use crate::engine::{Engine, Selection};
use crate::report::{self, Report, escape, human, output};
use crate::rules::{self, Rule};
use crate::scan as run_scan;

/// Exit codes (DESIGN.md).
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

pub fn run(cli: Cli) -> i32 {
    let result = match cli.command {
        Command::Scan(args) => scan::scan(&args),
        Command::Rules(args) => list_rules(&args),
        Command::Explain { id } => explain(&id),
        Command::Init { path, lang } => init(&path, lang.into()),
        Command::Charter { command: CharterCommand::Check { file } } => charter_check(file.as_deref()),
        Command::Charter { command: CharterCommand::Render(args) } => charter_cmd::render(&args),
        Command::Charter { command: CharterCommand::Schema } => charter_cmd::schema(),
        Command::Catalog(args) => catalog(&args),
        Command::Baseline { command: BaselineCommand::Create(args) } => scan::baseline_create(&args),
        Command::Completions { shell } => completions(shell),
        Command::Man { command } => man(command.as_deref()),
        Command::CommitMsg(args) => commit_msg(&args),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Reported) => EXIT_ERROR,
        Err(Failure::Message(m)) => {
            eprintln!("charterlint: error: {m}");
            EXIT_ERROR
        }
        Err(Failure::BrokenPipe) => EXIT_OK,
    }
}

#[derive(Debug)]
pub enum Failure {
    /// Already printed (a miette diagnostic).
    Reported,
    Message(String),
    /// The reader went away (`| head`): not an error.
    BrokenPipe,
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Message(e.to_string())
        }
    }
}

fn print(s: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn load_rules() -> Result<Vec<Rule>, Failure> {
    rules::embedded().map_err(|e| Failure::Message(format!("the embedded rules pack is invalid: {e}")))
}

fn load_catalog() -> Result<Catalog, Failure> {
    Catalog::embedded().map_err(|e| Failure::Message(format!("the embedded catalogue is invalid: {e}")))
}

fn print_diagnostic(err: &dyn miette::Diagnostic) {
    let mut s = String::new();
    let theme = if color_stderr() {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let _ = miette::GraphicalReportHandler::new_themed(theme).render_report(&mut s, err);
    eprint!("{s}");
}

fn color_stdout() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::IsTerminal::is_terminal(&io::stdout())
}

fn color_stderr() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::IsTerminal::is_terminal(&io::stderr())
}

/// The charter in force: `--charter FILE` or `CHARTERLINT_CHARTER` (trusted), else the first
/// `ai-charter.yaml` above `start` (confined to its repository), else the embedded default.
pub fn resolve_charter(
    explicit: Option<&Path>,
    start: &Path,
    rules: &[Rule],
    catalog: &Catalog,
) -> Result<Loaded, Failure> {
    let tool_ids = catalog.ids();
    let rule_ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    let known = Known { tool_ids: &tool_ids, rule_ids: &rule_ids };
    charter::resolve(explicit, start, &known).map_err(|e| {
        print_diagnostic(&e);
        Failure::Reported
    })
}

fn completions(shell: clap_complete::Shell) -> Result<i32, Failure> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "charterlint", &mut buf);
    print(&String::from_utf8_lossy(&buf)).map(|()| EXIT_OK)
}

fn man(command: Option<&str>) -> Result<i32, Failure> {
    let cli = Cli::command();
    let page = match command {
        None => cli,
        Some(name) => {
            let sub = cli.find_subcommand(name).cloned().ok_or_else(|| {
                let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
                Failure::Message(format!("no command `{name}` (one of {})", names.join(", ")))
            })?;
            sub.display_name(format!("charterlint-{name}"))
                .bin_name(format!("charterlint {name}"))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut buf = Vec::new();
    clap_mangen::Man::new(page).render(&mut buf)?;
    print(&String::from_utf8_lossy(&buf)).map(|()| EXIT_OK)
}

/// `charterlint commit-msg FILE`: the commit-msg hook.
fn commit_msg(args: &CommitMsgArgs) -> Result<i32, Failure> {
    let rules = load_rules()?;
    let mut catalog = load_catalog()?;
    let loaded = resolve_charter(args.charter.as_deref(), Path::new("."), &rules, &catalog)?;
    catalog.add_custom(&loaded.charter.tools.custom);
    let charter_source = loaded.source.display();
    let engine =
        Engine::new(rules, catalog, loaded.charter, &Selection::default()).map_err(Failure::Message)?;
    let outcome = run_scan::commit_message(&engine, &args.file, Path::new("."));
    let report = Report {
        findings: &outcome.findings,
        files: outcome.counts.files,
        records: outcome.counts.records,
        bytes: outcome.counts.bytes,
        skipped_large: 0,
        skipped_binary: 0,
        skipped_reports: 0,
        errors: &outcome.errors,
        notices: &outcome.notices,
        elapsed: outcome.elapsed,
        charter_source,
        baseline: None,
        logs: &outcome.counts.logs,
        findings_by_user: &outcome.findings_by_user,
        scope: &report::scope::Scope::default(),
        threads: 1,
    };
    for e in &outcome.errors {
        eprintln!("charterlint: {}: {}", escape::line(&e.path), escape::line(&e.message));
    }
    match args.format {
        Format::Json => print(&report::json::render(&report))?,
        Format::Human => {
            let cx = output::Context {
                rules: &[],
                style: human::Style { color: color_stdout(), width: terminal_width() },
                quiet: false,
                stats: false,
                root: None,
                help_base: None,
                csv_dialect: report::csv::Dialect::default(),
                lang: report::html::i18n::Lang::default(),
            };
            print(&output::render(ScanFormat::Human, &report, &cx))?;
        }
    }
    if !outcome.errors.is_empty() {
        return Ok(EXIT_ERROR);
    }
    let failing = args.fail_on.threshold().is_some_and(|t| outcome.findings.iter().any(|f| f.severity >= t));
    Ok(if failing { EXIT_FINDINGS } else { EXIT_OK })
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(100)
}

fn list_rules(args: &RulesArgs) -> Result<i32, Failure> {
    let rules = load_rules()?;
    if args.format == Format::Json {
        let v: Vec<serde_json::Value> = rules
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id, "name": r.name, "category": r.category.as_str(),
                    "severity": r.severity.as_str(), "title": r.title,
                    "charter_ref": r.charter_ref, "references": r.references,
                })
            })
            .collect();
        return print(&format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default()))
            .map(|()| EXIT_OK);
    }
    let mut s = format!("{:<10} {:<20} {:<8} {}\n", "ID", "CATEGORY", "SEVERITY", "TITLE");
    for r in &rules {
        s.push_str(&format!(
            "{:<10} {:<20} {:<8} {}\n",
            r.id,
            r.category.as_str(),
            r.severity.as_str(),
            r.title
        ));
    }
    print(&s).map(|()| EXIT_OK)
}

/// The rule's documentation, rendered from its YAML.
pub fn explain_text(r: &Rule) -> String {
    let mut s = format!("{} ({}) — {}\n\n", r.id, r.name, r.title);
    s.push_str(&format!("category: {}   default severity: {}", r.category, r.severity));
    if r.severity_from_tool {
        s.push_str(" (follows the charter's status of the AI service: approved → none, tolerated → info, forbidden → error)");
    }
    for (k, sev) in &r.severity_by_kind {
        s.push_str(&format!("; {sev} in {} files", k.as_str()));
    }
    s.push_str("\n\nWhat it checks\n");
    s.push_str(&indent(r.description.trim()));
    s.push_str("\n\nWhy\n");
    s.push_str(&indent(&format!("AI-usage charter {}", r.charter_ref)));
    for reference in &r.references {
        s.push_str(&indent(reference));
    }
    s.push_str("\nHow to fix\n");
    s.push_str(&indent(r.help.trim()));
    for (title, list) in [("Fails on", &r.examples.fail), ("Passes", &r.examples.pass)] {
        s.push_str(&format!("\n{title}\n"));
        for ex in list {
            s.push_str(&format!("  {}:\n", ex.path));
            s.push_str(&indent(&indent(visible(ex.text.trim_end()).as_str())));
        }
    }
    s
}

/// Makes hidden characters in examples readable in a terminal.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| {
            let invisible = matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{E0000}'..='\u{E007F}');
            if invisible { format!("<U+{:04X}>", u32::from(c)) } else { c.to_string() }
        })
        .collect()
}

fn indent(s: &str) -> String {
    s.lines().map(|l| format!("  {l}\n")).collect()
}

fn explain(id: &str) -> Result<i32, Failure> {
    let rules = load_rules()?;
    match rules::find(&rules, id) {
        Some(r) => print(&explain_text(r)).map(|()| EXIT_OK),
        None => {
            let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
            let hint = did_you_mean(id, &ids).map(|c| format!("; did you mean {c}?")).unwrap_or_default();
            Err(Failure::Message(format!("no rule `{id}`{hint} (`charterlint rules` lists them)")))
        }
    }
}

/// The candidate closest to what was typed (case ignored), if it is close enough to be what
/// was meant: rule ids and prefixes (`SHADW` → `SHADOW`, `CONF02` → `CONF002`).
pub(crate) fn did_you_mean<'c>(typed: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let typed = typed.to_ascii_uppercase();
    candidates
        .iter()
        .map(|c| (*c, strsim::jaro_winkler(&c.to_ascii_uppercase(), &typed)))
        .filter(|(_, score)| *score >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| c)
}

fn init(path: &Path, lang: charter::Language) -> Result<i32, Failure> {
    let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(Failure::Message(format!(
                "{} already exists; charterlint init never overwrites",
                path.display()
            )));
        }
        Err(e) => return Err(Failure::Message(format!("{}: {e}", path.display()))),
    };
    file.write_all(charter_cmd::starter(lang).as_bytes())
        .map_err(|e| Failure::Message(format!("{}: {e}", path.display())))?;
    eprintln!("charterlint: wrote {}; edit it, then run `charterlint charter check`", path.display());
    Ok(EXIT_OK)
}

fn charter_check(file: Option<&Path>) -> Result<i32, Failure> {
    let rules = load_rules()?;
    let catalog = load_catalog()?;
    let loaded = resolve_charter(file, Path::new("."), &rules, &catalog)?;
    print(&format!("# effective charter ({})\n{}", loaded.source.display(), loaded.charter.to_yaml()))?;
    eprintln!("charterlint: {} is valid", loaded.source.display());
    Ok(EXIT_OK)
}

fn catalog(args: &CatalogArgs) -> Result<i32, Failure> {
    let catalog = load_catalog()?;
    let found = catalog.search(args.query.as_deref());
    if args.format == Format::Json {
        let v: Vec<serde_json::Value> = found
            .iter()
            .map(|s| {
                serde_json::json!({
                    "id": s.id, "name": s.name, "vendor": s.vendor, "country": s.country,
                    "kind": s.kind.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
                    "domains": s.domains, "api_hosts": s.api_hosts, "env_vars": s.env_vars,
                    "packages": {
                        "pypi": s.packages.pypi, "npm": s.packages.npm, "crates": s.packages.crates,
                        "go": s.packages.go, "maven": s.packages.maven, "nuget": s.packages.nuget,
                        "rubygems": s.packages.rubygems, "packagist": s.packages.packagist,
                    },
                    "key_formats": s.keys.iter().map(|k| &k.regex).collect::<Vec<_>>(),
                    "assistant_files": s.assistant_files,
                    "jurisdiction": s.jurisdiction(),
                    "hosting": s.hosting,
                    "sources": {
                        "jurisdiction": s.jurisdiction_source(),
                        "hosting": s.sources.hosting,
                    },
                })
            })
            .collect();
        return print(&format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default()))
            .map(|()| EXIT_OK);
    }
    let mut s =
        format!("{:<28} {:<40} {:<3} {:<3} {:<12} {}\n", "ID", "NAME", "CC", "JUR", "HOSTING", "KIND");
    for svc in &found {
        let kinds: Vec<&str> = svc.kind.iter().map(|k| k.as_str()).collect();
        // A local runtime has no provider: `loc` says why the column is not a country.
        let jur = svc.jurisdiction().unwrap_or(if svc.is_local() { "loc" } else { "--" });
        let hosting = if svc.hosting.is_empty() { "-".to_string() } else { svc.hosting.join(",") };
        s.push_str(&format!(
            "{:<28} {:<40} {:<3} {:<3} {:<12} {}\n",
            svc.id,
            svc.name,
            svc.country,
            jur,
            hosting,
            kinds.join(",")
        ));
    }
    s.push_str(&format!(
        "{} of {} services; the catalogue knows {} domains and API hosts and {} SDK packages\n",
        found.len(),
        catalog.services.len(),
        catalog.host_count(),
        catalog.package_count()
    ));
    print(&s).map(|()| EXIT_OK)
}
