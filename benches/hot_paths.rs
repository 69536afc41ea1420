//! Micro-benchmarks of the hot paths: start-up, the engine on one unit of each kind, the
//! personal-data and secrets finders, one JSONL prompt-log line, and the host scan of a proxy
//! log. Every input is generated here, deterministically, so that runs compare.
//!
//! `cargo bench --bench hot_paths` runs them all; a filter narrows them down
//! (`cargo bench --bench hot_paths -- check`).

// The inputs are realistic on purpose: an OpenAI client, AI hosts in a proxy log.
// charterlint: allow-file SHADOW002 -- benchmark input: proxy-log lines to AI API hosts
// charterlint: allow-file SHADOW005 -- benchmark input: code that reads an AI key variable
// charterlint: allow-file SHADOW008 -- benchmark input: a source file that calls an AI SDK

use std::io::Cursor;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use charterlint::catalog::{Catalog, HostIndex};
use charterlint::charter::{self, Charter, Known, ToolStatus};
use charterlint::detect::{personal, secrets};
use charterlint::engine::{Engine, Selection};
use charterlint::finding::Position;
use charterlint::inputs::logs::{Ctx, jsonl};
use charterlint::inputs::network::NetFormat;
use charterlint::inputs::network::audit::Settings;
use charterlint::inputs::network::blocks::{self, Line};
use charterlint::inputs::network::hostscan::HostScan;
use charterlint::inputs::network::prefilter::Candidates;
use charterlint::inputs::{Counts, InputError, Sink, Source};
use charterlint::rules::{self, Rule};
use charterlint::scan::Collector;
use charterlint::unit::{Anchor, Kinds, Place, Record, Unit, UnitKind, classify};
use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};

fn main() {
    sanity();
    divan::main();
}

// ---------------------------------------------------------------------------------------------
// Inputs

/// A small deterministic generator (64-bit LCG), so that every run sees the same text.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One of the space-separated words of `items`.
    fn pick<'a>(&mut self, items: &'a str) -> &'a str {
        let n = items.split(' ').count();
        items.split(' ').nth(self.below(n)).unwrap_or_default()
    }
}

const WORDS: &str = "\
    le la les des pour avec dans projet budget client équipe réunion contrat facture livraison \
    planning rapport the and of to for with report meeting customer team invoice delivery \
    schedule summary données migration sécurité comité stratégie révision déjà prévu";

/// `n` words of French and English business prose, ending in a full stop.
fn prose(rng: &mut Lcg, n: usize) -> String {
    let words: Vec<&str> = (0..n).map(|_| rng.pick(WORDS)).collect();
    format!("{}.", words.join(" "))
}

/// About 4 KB of Python that calls OpenAI: the kind of file a repository scan reads by the
/// thousand.
fn source_file() -> String {
    let mut s = String::from(
        "\"\"\"Summaries of customer tickets for the support dashboard.\"\"\"\n\
         import os\nimport json\nimport logging\nfrom dataclasses import dataclass\n\n\
         from openai import OpenAI\n\n\
         log = logging.getLogger(__name__)\n\
         client = OpenAI(api_key=os.environ[\"OPENAI_API_KEY\"])\n\n\n\
         @dataclass\nclass Ticket:\n    id: str\n    subject: str\n    body: str\n\n\n\
         def summarise(ticket: Ticket) -> str:\n\
         \x20   response = client.chat.completions.create(\n\
         \x20       model=\"gpt-4o-mini\",\n\
         \x20       messages=[\n\
         \x20           {\"role\": \"system\", \"content\": \"Summarise the ticket in two lines.\"},\n\
         \x20           {\"role\": \"user\", \"content\": ticket.body},\n\
         \x20       ],\n\
         \x20   )\n\
         \x20   return response.choices[0].message.content\n\n",
    );
    let mut i = 0;
    while s.len() < 4096 {
        i += 1;
        s.push_str(&format!(
            "\ndef load_batch_{i}(path: str, limit: int = {n}) -> list[Ticket]:\n\
             \x20   \"\"\"Reads at most `limit` tickets from a JSON export.\"\"\"\n\
             \x20   with open(path, encoding=\"utf-8\") as f:\n\
             \x20       rows = json.load(f)\n\
             \x20   tickets = [Ticket(r[\"id\"], r[\"subject\"], r[\"body\"]) for r in rows[:limit]]\n\
             \x20   log.info(\"batch %d: %d tickets\", {i}, len(tickets))\n\
             \x20   return tickets\n",
            n = 100 * i
        ));
    }
    s
}

const EMAIL: &str = "claire.martin@durand-logistique.fr";
const IBAN: &str = "FR76 3000 6000 0112 3456 7890 189";
const AWS_KEY: &str = "AKIAQX4B7ZP2MDKT5NWE";

/// A prompt of about 1 KB in French and English; with `leaks`, it carries an e-mail address, an
/// IBAN and a pasted AWS key.
fn prompt(leaks: bool) -> String {
    let mut rng = Lcg(7);
    let (who, iban, config) = if leaks {
        (format!(" ({EMAIL})"), format!("l'IBAN {IBAN}"), format!("\naws_access_key_id={AWS_KEY}\n"))
    } else {
        (String::new(), "le compte habituel".to_string(), "\n".to_string())
    };
    format!(
        "Bonjour, peux-tu rédiger un e-mail de relance pour la facture F-2025-0412 ? La cliente est \
         Claire Martin{who}, et le virement doit partir sur {iban} avant le 15 mars. Please keep it \
         polite and short, in French, with one line in English for the London office.\n\n\
         Contexte : {}\n\n{}\n\nLe script d'export plante avec cette config :{config}\
         Merci d'avance, and thanks for the quick turnaround.",
        prose(&mut rng, 60),
        prose(&mut rng, 50),
    )
}

/// An assistant's answer to the prompt: a draft letter, about 1 KB.
fn response() -> String {
    let mut rng = Lcg(11);
    format!(
        "Objet : Relance — facture F-2025-0412\n\nMadame Martin,\n\nSauf erreur de notre part, la \
         facture F-2025-0412 reste impayée à ce jour. {}\n\nNous vous remercions de bien vouloir \
         procéder au règlement avant le 15 mars.\n\n{}\n\nBien cordialement,\nLe service \
         comptabilité\n\n---\nFor the London office: a polite reminder was sent for invoice \
         F-2025-0412, due on 15 March.",
        prose(&mut rng, 45),
        prose(&mut rng, 40),
    )
}

/// One OpenAI chat-completion record as a request log holds it, on one line.
fn jsonl_line(n: usize, user_text: &str, answer: &str) -> String {
    serde_json::json!({
        "id": format!("chatcmpl-{n}"),
        "created": 1_741_180_800 + n,
        "model": "gpt-4o-2024-08-06",
        "user": format!("emp-{}", n % 500),
        "messages": [
            {"role": "system", "content": "You are the ACME assistant."},
            {"role": "user", "content": user_text},
        ],
        "choices": [{"index": 0, "message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}],
    })
    .to_string()
}

/// `lines` request records, each with its own prompt (one in twenty leaks an e-mail address).
fn jsonl_block(lines: usize) -> String {
    let mut rng = Lcg(13);
    let mut out = String::new();
    for n in 1..=lines {
        let words = 20 + rng.below(100);
        let mut user = prose(&mut rng, words);
        if n % 20 == 0 {
            user.push_str(&format!(" Contact : {EMAIL}"));
        }
        let words = 40 + rng.below(160);
        let answer = prose(&mut rng, words);
        out.push_str(&jsonl_line(n, &user, &answer));
        out.push('\n');
    }
    out
}

const OTHER_HOSTS: &str = "\
    www.google.com fonts.gstatic.com outlook.office365.com login.microsoftonline.com \
    teams.microsoft.com github.com registry.npmjs.org pypi.org cdn.jsdelivr.net \
    s3.eu-west-3.amazonaws.com slack.com zoom.us www.linkedin.com www.lemonde.fr \
    fr.wikipedia.org www.youtube.com example.my.salesforce.com intranet.example.com \
    ocsp.digicert.com stackoverflow.com notclaude.ai chatgpt.com.example.net";
const AI_HOSTS: &str =
    "chatgpt.com api.openai.com claude.ai api.anthropic.com chat.mistral.ai chat.deepseek.com";

/// `lines` lines of a Squid access.log (native format), about 3 % of them to AI hosts.
fn squid_block(lines: usize) -> String {
    let mut rng = Lcg(42);
    let mut out = String::new();
    for i in 0..lines {
        let ai = rng.below(100) < 3;
        let host = if ai { rng.pick(AI_HOSTS) } else { rng.pick(OTHER_HOSTS) };
        let (code, method, url) = if rng.below(3) == 0 {
            ("TCP_TUNNEL/200", "CONNECT", format!("{host}:443"))
        } else {
            ("TCP_MISS/200", "GET", format!("http://{host}/static/app-{}.js", rng.below(1000)))
        };
        out.push_str(&format!(
            "{}.{:03} {:6} 10.20.{}.{} {code} {} {method} {url} user{:03} HIER_DIRECT/203.0.113.{} text/html\n",
            1_741_180_800 + i,
            rng.below(1000),
            rng.below(5000),
            rng.below(4),
            2 + rng.below(250),
            200 + rng.below(60_000),
            rng.below(600),
            1 + rng.below(250),
        ));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Shared state

/// The engine the CLI builds without a charter file: embedded rules, catalogue and charter.
static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let engine = Engine::embedded(None, &Selection::default()).unwrap_or_else(|e| panic!("{e}"));
    // The messages' automaton is built on the first message: built here, so that the `check`
    // benchmarks time checking only (`check::first_prompt` times the first one).
    engine.check(&prompt_unit(&engine, &PROMPT, &PROMPT_LINE));
    engine
});

static SOURCE: LazyLock<String> = LazyLock::new(source_file);
static PROMPT: LazyLock<String> = LazyLock::new(|| prompt(true));
static CLEAN_PROMPT: LazyLock<String> = LazyLock::new(|| prompt(false));
static RESPONSE: LazyLock<String> = LazyLock::new(response);
static PROMPT_LINE: LazyLock<String> = LazyLock::new(|| jsonl_line(1, &PROMPT, &RESPONSE));
static SOURCE_PATH: &str = "src/support/summarise.py";
static LOG_PATH: &str = "logs/openai-requests.jsonl";

/// What the CLI loads before it builds the engine: the rules pack, the catalogue and the
/// embedded default charter, validated against them.
fn load_embedded() -> (Vec<Rule>, Catalog, Charter) {
    let rules = rules::embedded().unwrap_or_else(|e| panic!("{e}"));
    let catalog = Catalog::embedded().unwrap_or_else(|e| panic!("{e}"));
    let tool_ids = catalog.ids();
    let rule_ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    let charter = charter::embedded_default(&Known { tool_ids: &tool_ids, rule_ids: &rule_ids }).charter;
    drop(rule_ids);
    drop(tool_ids);
    (rules, catalog, charter)
}

/// A whole source file, as the walk hands it over.
fn source_unit<'a>(engine: &Engine, text: &'a str) -> Unit<'a> {
    let kinds = engine.refine_kinds(SOURCE_PATH, classify(SOURCE_PATH));
    Unit::file(SOURCE_PATH, SOURCE_PATH, text, kinds)
}

/// A message of a JSONL request log, as the reader hands it over: its service, its sender and
/// its place in the line.
fn message_unit<'a>(engine: &Engine, text: &'a str, line: &'a str, kind: UnitKind) -> Unit<'a> {
    static RECORD: fn() -> String = || "user emp-1 › conversation \"request chatcmpl-1\" › message 2".into();
    Unit {
        record: Record::Lazy(&RECORD),
        tool: engine.catalog().index_of("openai"),
        place: Place::Json(Anchor { raw: line.as_bytes(), start: Position { line: 1, column: 1 } }),
        user: Some("emp-1"),
        ..Unit::file(LOG_PATH, LOG_PATH, text, Kinds::default().with(kind))
    }
}

fn prompt_unit<'a>(engine: &Engine, text: &'a str, line: &'a str) -> Unit<'a> {
    message_unit(engine, text, line, UnitKind::Prompt)
}

/// A sink that only counts what it is handed: the log benchmarks time reading, not checking.
#[derive(Default)]
struct Counting {
    units: AtomicUsize,
    bytes: AtomicUsize,
    errors: AtomicUsize,
}

impl Sink for Counting {
    /// Says every unit has a finding, so that the reader hands over each message it parses
    /// (one found clean is not handed over again): the benchmark measures the reading.
    fn unit(&self, unit: &Unit<'_>) -> usize {
        self.units.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(black_box(unit.text).len(), Ordering::Relaxed);
        1
    }

    fn error(&self, _: InputError) {
        self.errors.fetch_add(1, Ordering::Relaxed);
    }

    fn counts(&self, _: Counts) {}
}

/// Runs `read` with an input source like the scan's, its units going to `sink`.
fn with_source<T>(sink: &dyn Sink, read: impl FnOnce(&Source<'_>) -> T) -> T {
    let engine = &*ENGINE;
    let refine = |rel: &str, kinds: Kinds| engine.refine_kinds(rel, kinds);
    let label_required = |rel: &str| engine.label_required(rel);
    let status = |s: usize| -> ToolStatus { engine.status_of(s) };
    let network = Settings::new(&status);
    let source = Source {
        catalog: engine.catalog(),
        csv_map: &engine.charter().prompt_logs.csv_map,
        refine: &refine,
        label_required: &label_required,
        show_secrets: false,
        network: &network,
        pseudonym: None,
        sink,
    };
    read(&source)
}

/// Checks, before any timing, that the inputs hold what the benchmarks say they hold: a
/// benchmark "with hits" that found nothing would time the wrong path.
fn sanity() {
    let engine = &*ENGINE;
    let kinds = |found: &[personal::Datum]| found.iter().map(|d| d.kind).collect::<Vec<_>>();
    assert_eq!(kinds(&personal::find(&PROMPT)), ["email address", "IBAN"], "personal data in the prompt");
    assert!(personal::find(&CLEAN_PROMPT).is_empty(), "personal data in the clean prompt");
    assert_eq!(secrets::find(&PROMPT).len(), 1, "the AWS key in the prompt");
    assert!(secrets::find(&CLEAN_PROMPT).is_empty(), "a secret in the clean prompt");
    assert!(!engine.check(&source_unit(engine, &SOURCE)).is_empty(), "the source file's OpenAI use");
    assert!(!engine.check(&prompt_unit(engine, &PROMPT, &PROMPT_LINE)).is_empty(), "the prompt's leaks");
    let sink = Counting::default();
    let block = jsonl_block(64);
    with_source(&sink, |s| jsonl::scan(&mut Ctx::new(s, LOG_PATH, LOG_PATH), Cursor::new(block.as_bytes())));
    assert_eq!(sink.units.load(Ordering::Relaxed), 128, "a prompt and an answer per line");
    assert_eq!(sink.errors.load(Ordering::Relaxed), 0);
}

// ---------------------------------------------------------------------------------------------
// Benchmarks

/// What the CLI does before it reads anything.
#[divan::bench_group(sample_count = 30)]
mod startup {
    use super::*;

    /// Parsing the embedded rules pack, catalogue and default charter.
    #[divan::bench]
    fn load() -> (Vec<Rule>, Catalog, Charter) {
        load_embedded()
    }

    /// Building the engine from them: rule regexes, detectors, the automaton of keywords,
    /// hosts and key variables.
    #[divan::bench]
    fn engine_new(bencher: Bencher) {
        bencher.with_inputs(load_embedded).bench_values(|(rules, catalog, charter)| {
            Engine::new(black_box(rules), catalog, charter, &Selection::default())
        });
    }

    /// Both, as `Engine::embedded` does.
    #[divan::bench]
    fn total() -> Result<Engine, String> {
        Engine::embedded(black_box(None), &Selection::default())
    }
}

/// `Engine::check` on one unit of each kind the inputs hand over.
mod check {
    use super::*;

    /// A 4 KB Python file that calls OpenAI. The engine keeps a copy of each code file for the
    /// run-level pass (HITL001), as it does in a scan: memory grows by one file per iteration.
    #[divan::bench]
    fn source_file(bencher: Bencher) {
        let engine = &*ENGINE;
        bencher
            .counter(BytesCount::of_str(&*SOURCE))
            .bench(|| engine.check(black_box(&source_unit(engine, &SOURCE))));
    }

    /// A prompt of a request log, with an e-mail address, an IBAN and a key.
    #[divan::bench]
    fn prompt(bencher: Bencher) {
        let engine = &*ENGINE;
        bencher
            .counter(BytesCount::of_str(&*PROMPT))
            .bench(|| engine.check(black_box(&prompt_unit(engine, &PROMPT, &PROMPT_LINE))));
    }

    /// The same prompt without them: the common case of a prompt log.
    #[divan::bench]
    fn clean_prompt(bencher: Bencher) {
        let engine = &*ENGINE;
        let line = jsonl_line(1, &CLEAN_PROMPT, &RESPONSE);
        bencher
            .counter(BytesCount::of_str(&*CLEAN_PROMPT))
            .bench(|| engine.check(black_box(&prompt_unit(engine, &CLEAN_PROMPT, &line))));
    }

    /// The assistant's answer.
    #[divan::bench]
    fn response(bencher: Bencher) {
        let engine = &*ENGINE;
        bencher.counter(BytesCount::of_str(&*RESPONSE)).bench(|| {
            engine.check(black_box(&message_unit(engine, &RESPONSE, &PROMPT_LINE, UnitKind::Response)))
        });
    }

    /// The first prompt a fresh engine sees, which builds the messages' automaton.
    #[divan::bench(sample_count = 30)]
    fn first_prompt(bencher: Bencher) {
        bencher
            .with_inputs(|| Engine::embedded(None, &Selection::default()).unwrap_or_else(|e| panic!("{e}")))
            .bench_local_refs(|engine| engine.check(black_box(&prompt_unit(engine, &PROMPT, &PROMPT_LINE))));
    }
}

/// The finders of personal data and secrets, on a prompt with and without hits.
mod detect {
    use super::*;

    #[divan::bench(args = ["hits", "clean"])]
    fn personal(bencher: Bencher, which: &str) {
        let text: &str = if which == "hits" { &PROMPT } else { &CLEAN_PROMPT };
        bencher.counter(BytesCount::of_str(text)).bench(|| personal::find(black_box(text)));
    }

    #[divan::bench(args = ["hits", "clean"])]
    fn secrets(bencher: Bencher, which: &str) {
        let text: &str = if which == "hits" { &PROMPT } else { &CLEAN_PROMPT };
        bencher.counter(BytesCount::of_str(text)).bench(|| secrets::find(black_box(text)));
    }
}

/// Reading a JSONL request log: parsing and mapping records to messages, no checking.
mod jsonl_log {
    use super::*;

    /// One line: parsing into the lean tree and the mapping of the record to its two messages.
    #[divan::bench]
    fn one_line(bencher: Bencher) {
        let line = PROMPT_LINE.as_bytes();
        let sink = Counting::default();
        with_source(&sink, |source| {
            bencher.counter(BytesCount::new(line.len())).bench_local(|| {
                // A fresh context per line: the reader skips prompts it has already seen.
                let mut ctx = Ctx::new(source, LOG_PATH, LOG_PATH);
                ctx.format = "jsonl";
                let raw = black_box(line);
                let anchor = Anchor { raw, start: Position { line: 1, column: 1 } };
                match charterlint::inputs::logs::tree::Lean::parse(raw) {
                    Ok(v) => jsonl::request(&mut ctx, &v, 1, &anchor),
                    Err(_) => false,
                }
            });
        });
    }

    /// 500 lines through the reader itself (line splitting, worker threads).
    #[divan::bench(sample_count = 30)]
    fn block(bencher: Bencher) {
        let block = jsonl_block(500);
        let sink = Counting::default();
        with_source(&sink, |source| {
            bencher.counter(ItemsCount::new(500usize)).counter(BytesCount::of_str(&block)).bench_local(
                || {
                    let mut ctx = Ctx::new(source, LOG_PATH, LOG_PATH);
                    jsonl::scan(&mut ctx, Cursor::new(black_box(block.as_bytes())));
                    ctx.counts
                },
            );
        });
    }

    /// The same 500 lines read and checked by the engine, as a scan does.
    #[divan::bench(sample_count = 20)]
    fn block_checked(bencher: Bencher) {
        let block = jsonl_block(500);
        bencher.counter(ItemsCount::new(500usize)).counter(BytesCount::of_str(&block)).bench_local(|| {
            let collector = Collector::new(&ENGINE);
            with_source(&collector, |source| {
                let mut ctx = Ctx::new(source, LOG_PATH, LOG_PATH);
                jsonl::scan(&mut ctx, Cursor::new(black_box(block.as_bytes())));
            });
            collector
        });
    }
}

/// Finding the lines of a proxy log that name a catalogue host.
mod network {
    use super::*;

    const LINES: usize = 2000;

    /// The host scan alone over a block of Squid lines: the positions of the lines it keeps.
    #[divan::bench]
    fn hostscan(bencher: Bencher) {
        let index = HostIndex::new(ENGINE.catalog());
        let scan = HostScan::new(index.entries.iter().map(|(h, _, _)| h.as_str()))
            .unwrap_or_else(|| panic!("no host scan"));
        let block = squid_block(LINES);
        bencher.counter(ItemsCount::new(LINES)).counter(BytesCount::of_str(&block)).bench_local(|| {
            let hay = black_box(block.as_bytes());
            let (mut pos, mut kept) = (0, 0usize);
            while let Some(at) = scan.find(hay, pos) {
                kept += 1;
                pos = memchr_after(hay, at);
            }
            kept
        });
    }

    /// The block reader a network log goes through: the host scan and the captured-prompt
    /// search, counting the lines passed over.
    #[divan::bench]
    fn blocks(bencher: Bencher) {
        let candidates = Candidates::new(&HostIndex::new(ENGINE.catalog()));
        let needles = candidates.needles(NetFormat::SquidNative).unwrap_or_else(|| panic!("no needles"));
        let block = squid_block(LINES);
        bencher.counter(ItemsCount::new(LINES)).counter(BytesCount::of_str(&block)).bench_local(|| {
            let mut kept = 0usize;
            let scanned = blocks::scan(Cursor::new(black_box(block.as_bytes())), &needles, |line| {
                if let Line::Kept(_, bytes) = line {
                    kept += black_box(bytes).len();
                }
            });
            (kept, scanned.skipped)
        });
    }

    /// Building the host scan from the catalogue, once per network log read.
    #[divan::bench]
    fn build(bencher: Bencher) {
        let catalog = ENGINE.catalog();
        bencher.bench_local(|| Candidates::new(&HostIndex::new(black_box(catalog))));
    }

    /// The start of the line after the one holding `at`.
    fn memchr_after(hay: &[u8], at: usize) -> usize {
        hay[at..].iter().position(|&b| b == b'\n').map_or(hay.len(), |i| at + i + 1)
    }
}
