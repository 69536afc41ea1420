//! Prompt-log readers: ChatGPT, Claude.ai, Gemini, LibreChat, Open WebUI exports (through the
//! splitter), Claude projects, JSONL request logs, CSV prompt logs and Microsoft 365 audit
//! records (CSV, JSON, JSONL). The first byte picks the file name, and whether the format is
//! sniffed from the content (as the walk does) or forced (so each reader sees every mutation).
#![no_main]

use charterlint::inputs::logs::Format;
use charterlint::inputs::structured::Claim;
use charterlint_fuzz::{read_as_file, read_claimed, with_source};
use libfuzzer_sys::fuzz_target;

const CASES: &[(&str, Option<Format>)] = &[
    ("export/conversations.json", None),
    ("logs/requests.jsonl", None),
    ("logs/prompts.csv", None),
    ("audit/copilot.json", None),
    ("audit/copilot.csv", None),
    ("export/projects.json", None),
    ("export/conversations.json", Some(Format::ChatExport)),
    ("logs/requests.jsonl", Some(Format::Jsonl)),
    ("logs/prompts.csv", Some(Format::Csv)),
    ("audit/copilot.csv", Some(Format::M365Audit)),
    ("export/projects.json", Some(Format::ClaudeProjects)),
];

fuzz_target!(
    init: {
        // The secret formats compile once, on first use: slow under the sanitizer, it would
        // count against the first input's time.
        let _ = charterlint::detect::secrets::find("");
    },
    |data: &[u8]| {
        let Some((&pick, body)) = data.split_first() else { return };
        let (name, format) = CASES[pick as usize % CASES.len()];
        with_source(|source| match format {
            None => read_as_file(source, name, body),
            Some(f) => read_claimed(source, Claim::Log(f), name, body),
        });
    }
);
