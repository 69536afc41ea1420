//! Network log readers (Squid, Zscaler, Zeek, Umbrella, PAN-OS, Cloudflare, W3C, generic CSV and
//! JSON lines), gzip and zstd included: the first byte picks the file name, the second whether
//! the format is sniffed or forced (`--input-format`). Line numbers only grow.
#![no_main]

use charterlint::inputs::network::{FieldMap, NetFormat, read_any};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] =
    &["proxy/access.log", "zeek/http.log", "gw/http.json", "export.csv", "dns.jsonl", "w3c.log.gz"];

fuzz_target!(|data: &[u8]| {
    let [a, b, body @ ..] = data else { return };
    let name = NAMES[*a as usize % NAMES.len()];
    let forced = NetFormat::ALL.get(*b as usize % (NetFormat::ALL.len() + 1)).copied();
    let mut last = 0;
    let _ = read_any(name, body, forced, &FieldMap::default(), |r| {
        let line = match r {
            Ok(rec) => rec.line,
            Err(e) => e.line,
        };
        assert!(line >= last, "line numbers go back: {line} after {last}");
        last = line;
    });
});
