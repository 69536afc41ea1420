//! Every fixture under `fixtures/network/<source>/` is sniffed and read, and its records must be
//! exactly those listed in the sibling `expected.txt`; folds are checked on top.

use std::path::{Path, PathBuf};

use super::fold::{DEFAULT_UPLOAD_THRESHOLD, Folded};
use super::*;
use crate::catalog::{Catalog, HostIndex};

fn catalog() -> (Catalog, HostIndex) {
    let c = Catalog::embedded().unwrap_or_else(|e| panic!("{e}"));
    let idx = HostIndex::new(&c);
    (c, idx)
}

fn dir(source: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/network").join(source)
}

fn map_of(dir: &Path) -> FieldMap {
    let mut map = FieldMap::default();
    if let Ok(text) = std::fs::read_to_string(dir.join("map.txt")) {
        apply_log_map(&mut map, &[text.trim().to_string()]).unwrap_or_else(|e| panic!("{e}"));
    }
    map
}

/// Reads one fixture file: its format and its records (or line errors).
fn read_file(path: &Path, map: &FieldMap) -> (NetFormat, Vec<Result<NetRecord, LineError>>) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let mut out = Vec::new();
    let format = read_any(name, file, None, map, |r| out.push(r))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .unwrap_or_else(|| panic!("{name}: not recognised"));
    (format, out)
}

fn render(r: &Result<NetRecord, LineError>, cat: &Catalog, idx: &HostIndex) -> String {
    let r = match r {
        Ok(r) => r,
        Err(e) => return format!("{} error", e.line),
    };
    let mut s = format!("{} {}", r.line, r.host);
    if let Some(m) = idx.lookup(&r.host) {
        s += &format!(" tool={}", cat.services[m.service].id);
    }
    for (k, v) in [
        ("time", &r.time),
        ("user", &r.user),
        ("client", &r.client),
        ("device", &r.device),
        ("method", &r.method),
    ] {
        if let Some(v) = v {
            s += &format!(" {k}={v}");
        }
    }
    if r.blocked {
        s += " blocked";
    }
    for (k, v) in [("up", r.bytes_up), ("down", r.bytes_down)] {
        if let Some(v) = v {
            s += &format!(" {k}={v}");
        }
    }
    if let Some(p) = &r.prompt {
        s += &format!(" prompt={p}");
    }
    s
}

fn check_source(source: &str) {
    let (cat, idx) = catalog();
    let d = dir(source);
    let map = map_of(&d);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&d)
        .unwrap_or_else(|e| panic!("{source}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !matches!(p.file_name().and_then(|n| n.to_str()), Some("expected.txt" | "map.txt")))
        .collect();
    files.sort();
    let mut got = Vec::new();
    for f in &files {
        let (format, records) = read_file(f, &map);
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        got.push(format!("== {name} {}", format.as_str()));
        got.extend(records.iter().map(|r| render(r, &cat, &idx)));
    }
    let expected =
        std::fs::read_to_string(d.join("expected.txt")).unwrap_or_else(|e| panic!("{source}: {e}"));
    let expected: Vec<&str> =
        expected.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
    assert_eq!(got, expected, "{source}");
}

#[test]
fn squid_fixtures() {
    check_source("squid");
}

#[test]
fn zscaler_fixtures() {
    check_source("zscaler");
}

#[test]
fn zeek_fixtures() {
    check_source("zeek");
}

#[test]
fn umbrella_fixtures() {
    check_source("umbrella");
}

#[test]
fn panos_fixtures() {
    check_source("panos");
}

#[test]
fn cloudflare_fixtures() {
    check_source("cloudflare");
}

#[test]
fn w3c_fixtures() {
    check_source("w3c");
}

#[test]
fn generic_csv_fixtures() {
    check_source("generic");
}

#[test]
fn generic_jsonl_fixtures() {
    check_source("generic-jsonl");
}

fn fold_file(source: &str, file: &str) -> (Catalog, Folded) {
    let (cat, idx) = catalog();
    let d = dir(source);
    let (_, records) = read_file(&d.join(file), &map_of(&d));
    let records: Vec<NetRecord> = records.into_iter().filter_map(Result::ok).collect();
    let folded = fold(&records, |h| idx.lookup(h).map(|m| m.service), DEFAULT_UPLOAD_THRESHOLD);
    (cat, folded)
}

fn usage<'f>(cat: &Catalog, f: &'f Folded, who: &str, tool: &str) -> &'f fold::Usage {
    let s = cat.index_of(tool).unwrap_or_else(|| panic!("no {tool}"));
    f.usage_of(who, s).unwrap_or_else(|| {
        let known: Vec<(&str, usize)> = f.usages().map(|u| (u.who.as_str(), u.service)).collect();
        panic!("no usage of {tool} by {who}: {known:?}")
    })
}

#[test]
fn squid_folds_per_user_and_tool() {
    let (cat, f) = fold_file("squid", "access.log");
    assert_eq!((f.records, f.matched), (6, 4));
    // Non-AI hosts (the intranet, notdeepseek.com) give nothing: three (who, tool) pairs.
    assert_eq!(f.usages().count(), 3);
    let alice = usage(&cat, &f, "alice", "deepseek");
    assert_eq!(alice.requests, 2);
    assert_eq!(alice.blocked, 0);
    assert_eq!(alice.bytes_down, 5120 + 7300);
    assert_eq!(alice.first_line, 1);
    assert_eq!(alice.first_seen.as_deref(), Some("2024-03-02T10:14:00Z"));
    assert_eq!(alice.last_seen.as_deref(), Some("2024-03-02T10:18:20Z"));
    assert_eq!(alice.client.as_deref(), Some("10.0.0.5"));
    let bob = usage(&cat, &f, "bob", "anthropic");
    assert_eq!((bob.requests, bob.blocked, bob.first_line), (1, 1, 3));
    // No user on line 4: the client address stands for the person.
    let anon = usage(&cat, &f, "10.0.0.9", "openai");
    assert_eq!((anon.requests, anon.user.as_deref(), anon.bytes_down), (1, None, 2_411_520));
    let day = f.days().find(|&(who, s, day, _)| (who, s, day) == ("alice", alice.service, "2024-03-02"));
    assert_eq!(day.map(|(.., d)| (d.requests, d.blocked)), Some((2, 0)));
}

#[test]
fn zscaler_folds_uploads_and_keeps_prompts() {
    let (cat, f) = fold_file("zscaler", "web.json");
    let carol = usage(&cat, &f, "carol@example.com", "openai");
    assert_eq!((carol.requests, carol.bytes_up, carol.large_uploads), (2, 1716 + 2_500_000, 1));
    assert!(carol.uploaded());
    assert_eq!(carol.max_upload, 2_500_000);
    assert_eq!(carol.device.as_deref(), Some("LAPTOP-CAROL"));
    let dave = usage(&cat, &f, "dave@example.com", "google-gemini");
    assert_eq!((dave.requests, dave.blocked), (1, 1));
    assert!(!dave.uploaded());
    assert_eq!(f.prompts.len(), 1);
    let p = &f.prompts[0];
    assert_eq!((p.line, p.user.as_deref()), (1, Some("carol@example.com")));
    assert_eq!(p.service, cat.index_of("openai"));
    assert_eq!(p.text, "Summarise the Q3 board minutes for me");
    // A higher threshold: the same upload is no longer a document.
    let (_, idx) = catalog();
    let d = dir("zscaler");
    let (_, records) = read_file(&d.join("web.json"), &FieldMap::default());
    let records: Vec<NetRecord> = records.into_iter().filter_map(Result::ok).collect();
    let high = fold(&records, |h| idx.lookup(h).map(|m| m.service), 10 << 20);
    assert!(high.usages().all(|u| !u.uploaded()));
}

#[test]
fn folds_merge_across_files() {
    let (cat, mut a) = fold_file("squid", "access.log");
    let (_, b) = fold_file("squid", "common.log");
    a.absorb(b);
    assert_eq!(a.records, 6 + 3);
    let alice = cat.index_of("mistral").and_then(|s| a.usage_of("alice", s));
    assert_eq!(alice.map(|u| u.requests), Some(1));
    let bob = usage(&cat, &a, "bob", "perplexity");
    assert_eq!(bob.blocked, 1);
    // Merging a fold into itself doubles counts and keeps the extreme times.
    let (_, c) = fold_file("squid", "access.log");
    let (_, d) = fold_file("squid", "access.log");
    let mut c2 = c.clone();
    c2.absorb(d);
    let one = usage(&cat, &c, "alice", "deepseek");
    let two = usage(&cat, &c2, "alice", "deepseek");
    assert_eq!(two.requests, 2 * one.requests);
    assert_eq!((&two.first_seen, &two.last_seen), (&one.first_seen, &one.last_seen));
}

#[test]
fn gzip_is_read_transparently() {
    use std::io::Write;
    let plain = std::fs::read(dir("squid").join("access.log")).unwrap_or_else(|e| panic!("{e}"));
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let gz = tmp.path().join("access.log.1.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(&plain).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&gz, enc.finish().unwrap_or_else(|e| panic!("{e}"))).unwrap_or_else(|e| panic!("{e}"));
    let (format, from_gz) = read_file(&gz, &FieldMap::default());
    let (_, from_plain) = read_file(&dir("squid").join("access.log"), &FieldMap::default());
    assert_eq!(format, NetFormat::SquidNative);
    assert_eq!(from_gz, from_plain);
    assert_eq!(from_gz.len(), 7);
}

#[test]
fn sniffing_by_content() {
    let s = |name: &str, head: &str| sniff(name, head.as_bytes());
    assert_eq!(
        s("x", "1700000000.123    245 10.0.0.5 TCP_TUNNEL/200 5 CONNECT a.b:443 - HIER_DIRECT/1.2.3.4 -"),
        Some(NetFormat::SquidNative)
    );
    assert_eq!(s("x", "#separator \\x09\n#fields\tts\n"), Some(NetFormat::ZeekTsv));
    assert_eq!(s("x", "#Software: Microsoft Internet Information Services 10.0\n"), Some(NetFormat::W3c));
    assert_eq!(s("x", "{\"ts\":1,\"id.orig_h\":\"10.0.0.1\"}\n"), Some(NetFormat::ZeekJson));
    // Not network logs: source code, a plain CSV, a JSON document with no host.
    assert_eq!(s("main.rs", "fn main() {}\n"), None);
    assert_eq!(s("prices.txt", "sku,price\n1,2\n"), None);
    assert_eq!(s("package.json", "{\"name\":\"x\",\"version\":\"1.0.0\"}\n"), None);
    assert_eq!(s("empty.log", ""), None);
    // The first line that is not blank decides, after a byte-order mark, blank and
    // whitespace-only lines, with CRLF endings; what follows it does not matter.
    let squid = "1700000000.123    245 10.0.0.5 TCP_TUNNEL/200 5 CONNECT a.b:443 - HIER_DIRECT/1.2.3.4 -";
    let mut head = b"\xEF\xBB\xBF\r\n \t\r\n\n".to_vec();
    head.extend_from_slice(squid.as_bytes());
    head.extend_from_slice(b"\r\n\xFF\xFE not text\n");
    assert_eq!(sniff("x", &head), Some(NetFormat::SquidNative));
    assert_eq!(sniff("x", b"\n\n  \n"), None, "only blank lines");
    // Bytes that are not UTF-8 in the first line read as replacement characters, as before.
    assert_eq!(sniff("x", b"\xFF{not json\n"), None);
}

#[test]
fn format_names_round_trip() {
    for f in NetFormat::ALL {
        assert_eq!(NetFormat::from_name(f.as_str()), Some(f));
    }
    assert_eq!(NetFormat::from_name("Blue_Coat"), Some(NetFormat::W3c));
    assert_eq!(NetFormat::from_name("PAN-OS"), Some(NetFormat::PanOs));
    assert_eq!(NetFormat::from_name("chatgpt"), None);
}

#[test]
fn zscaler_tsv_through_a_numbered_map_and_zone() {
    let mut map = FieldMap::default();
    apply_log_map(
        &mut map,
        &["time=1,user=2,url=3,action=4".into(), "bytes_up=5,client=6,zone=+01:00".into()],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // Padded to the default order's width: its method and device columns hold `X`.
    let text = format!(
        "2024-03-02 10:40:00\tfrank@example.com\tcopilot.microsoft.com/\tAllowed\t120\t10.1.2.10{}\n",
        "\tX".repeat(30)
    );
    let mut out = Vec::new();
    read(NetFormat::ZscalerCsv, text.as_bytes(), &map, |r| out.push(r));
    let r = out.pop().and_then(Result::ok).unwrap_or_else(|| panic!("no record"));
    assert_eq!(r.host, "copilot.microsoft.com");
    assert_eq!(r.time.as_deref(), Some("2024-03-02T09:40:00Z"));
    assert_eq!(
        (r.user.as_deref(), r.client.as_deref(), r.bytes_up, r.blocked),
        (Some("frank@example.com"), Some("10.1.2.10"), Some(120), false)
    );
    // With a map, fields it leaves out are not taken from the default order.
    assert_eq!((r.method.as_deref(), r.device.as_deref()), (None, None));
}

#[test]
fn log_map_errors_are_clear() {
    let mut map = FieldMap::default();
    let e = apply_log_map(&mut map, &["colour=3".into()]).err().unwrap_or_default();
    assert!(e.contains("unknown key `colour`"), "{e}");
    let e = apply_log_map(&mut map, &["user".into()]).err().unwrap_or_default();
    assert!(e.contains("expected KEY=COLUMN"), "{e}");
    let e = apply_log_map(&mut map, &["zone=Paris".into()]).err().unwrap_or_default();
    assert!(e.contains("zone"), "{e}");
}

#[test]
fn bad_lines_do_not_stop_the_file() {
    // Invalid UTF-8 is read lossily, an over-long line is reported and skipped.
    let mut data =
        b"1709374440.123 1 10.0.0.5 TCP_TUNNEL/200 1 CONNECT claude.ai:443 caf\xe9 HIER_DIRECT/1.2.3.4 -\n"
            .to_vec();
    data.extend(vec![b'x'; MAX_LINE + 10]);
    data.extend(
        b"\n1709374441.000 1 10.0.0.6 TCP_TUNNEL/200 1 CONNECT chatgpt.com:443 - HIER_DIRECT/1.2.3.4 -",
    );
    let mut out = Vec::new();
    read(NetFormat::SquidNative, data.as_slice(), &FieldMap::default(), |r| out.push(r));
    assert_eq!(out.len(), 3);
    assert_eq!(out[0].as_ref().ok().and_then(|r| r.user.as_deref()), Some("caf\u{FFFD}"));
    assert_eq!(out[1].as_ref().err().map(|e| e.line), Some(2));
    assert_eq!(out[2].as_ref().ok().map(|r| (r.line, r.host.as_str())), Some((3, "chatgpt.com")));
}

#[test]
fn action_words() {
    for a in
        ["Blocked", "BLOCKED", "deny", "drop", "reset-both", "block-url", "TCP_DENIED", "blockedByCategory"]
    {
        assert!(is_blocked(a), "{a}");
    }
    for a in ["Allowed", "allow", "alert", "continue", "OBSERVED", "unblocked", "TCP_TUNNEL", ""] {
        assert!(!is_blocked(a), "{a}");
    }
}
