//! Property: whatever a unit holds and wherever its secrets sit, no output format shows any 12
//! characters in a row of a planted secret. Units are a code file, a Markdown document and a
//! prompt sent to an AI tool, made of random words with secrets planted at random places: AI keys
//! in the catalogue's real formats, made-up keys of a provider's shape, AWS secret keys, IBANs
//! with a valid mod-97, e-mail addresses, French phone numbers and cards with a valid Luhn digit.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use charterlint::engine::Engine;
use charterlint::unit::{self, Kinds, Record, Unit, UnitKind};

use super::render::{default_engine, every_format};

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

fn chars(alphabet: &'static [u8], n: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(0..alphabet.len(), n)
        .prop_map(move |v| v.into_iter().map(|i| char::from(alphabet[i])).collect())
}

/// A planted secret: the text inserted and the secret value inside it.
#[derive(Debug, Clone)]
struct Plant {
    text: String,
    secret: String,
    /// Length of the provider's published prefix (`sk-ant-api03-`), which the rule
    /// documentation quotes: only windows with a character after it count.
    public: usize,
}

fn plain(secret: String) -> Plant {
    let public = ["sk-ant-api03-", "sk-proj-", "nvapi-"]
        .iter()
        .find(|p| secret.starts_with(*p))
        .map_or(0, |p| p.len());
    Plant { text: secret.clone(), secret, public }
}

/// A key in a real format of the catalogue (markers, lengths and suffixes that validate).
fn real_key() -> impl Strategy<Value = Plant> {
    prop_oneof![
        (chars(ALNUM, 74), chars(ALNUM, 74)).prop_map(|(a, b)| plain(format!("sk-proj-{a}T3BlbkFJ{b}"))),
        (chars(ALNUM, 20), chars(ALNUM, 20)).prop_map(|(a, b)| plain(format!("sk-{a}T3BlbkFJ{b}"))),
        chars(ALNUM, 93).prop_map(|a| plain(format!("sk-ant-api03-{a}AA"))),
        chars(ALNUM, 52).prop_map(|a| plain(format!("gsk_{a}"))),
        chars(ALNUM, 80).prop_map(|a| plain(format!("xai-{a}"))),
        chars(ALNUM, 37).prop_map(|a| plain(format!("r8_{a}"))),
        chars(ALNUM, 64).prop_map(|a| plain(format!("nvapi-{a}"))),
    ]
}

/// A key of a provider's shape that no format validates (no marker, wrong length).
fn fake_key() -> impl Strategy<Value = Plant> {
    let prefix =
        prop_oneof![Just("sk-proj-"), Just("sk-ant-"), Just("sk-"), Just("ghp_"), Just("hf_"), Just("gsk_")];
    (prefix, chars(ALNUM, 12), chars(ALNUM, 12)).prop_map(|(p, a, b)| plain(format!("{p}{a}7q{b}")))
}

fn aws_secret() -> impl Strategy<Value = Plant> {
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    chars(B64, 40).prop_map(|s| Plant {
        text: format!("aws_secret_access_key = \"{s}\""),
        secret: s,
        public: 0,
    })
}

/// A French IBAN (23-digit BBAN) with its mod-97 check digits, in groups of four.
fn iban() -> impl Strategy<Value = Plant> {
    chars(b"0123456789", 23).prop_map(|bban| {
        // BBAN, then "FR00" with letters as numbers (F=15, R=27): 98 - that mod 97.
        let rem = format!("{bban}152700").bytes().fold(0u32, |r, b| (r * 10 + u32::from(b - b'0')) % 97);
        let compact = format!("FR{:02}{bban}", 98 - rem);
        let grouped: Vec<String> =
            compact.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
        plain(grouped.join(" "))
    })
}

fn email() -> impl Strategy<Value = Plant> {
    (chars(b"abcdefghijklmnopqrstuvwxyz", 6), chars(b"abcdefghijklmnopqrstuvwxyz", 5))
        .prop_map(|(l, d)| plain(format!("{l}.{l}@{d}-corp.fr")))
}

/// A French number that rings someone: not in a range ARCEP reserves for fiction (`06 39 98`,
/// `01 99 00`), nor a filler of one repeated digit, which are not personal data and stay shown.
fn phone() -> impl Strategy<Value = Plant> {
    let pairs = (10u8..39, 40u8..100, 0u8..100, 0u8..100);
    (prop_oneof![Just("06"), Just("07"), Just("01")], pairs)
        .prop_map(|(p, (a, b, c, d))| plain(format!("{p} {a:02} {b:02} {c:02} {d:02}")))
}

/// A 16-digit Visa number with its Luhn check digit, in groups of four.
fn card() -> impl Strategy<Value = Plant> {
    chars(b"0123456789", 14).prop_map(|body| {
        let mut d: Vec<u32> = std::iter::once(4).chain(body.bytes().map(|b| u32::from(b - b'0'))).collect();
        let sum: u32 = d
            .iter()
            .rev()
            .enumerate()
            .map(|(i, &x)| if i % 2 == 0 { if x * 2 > 9 { x * 2 - 9 } else { x * 2 } } else { x })
            .sum();
        d.push((10 - sum % 10) % 10);
        let s: String = d.iter().map(|x| char::from_digit(*x, 10).unwrap_or('0')).collect();
        let grouped: Vec<&str> = (0..4).map(|i| &s[i * 4..i * 4 + 4]).collect();
        plain(grouped.join(" "))
    })
}

fn any_plant() -> impl Strategy<Value = Plant> {
    prop_oneof![real_key(), fake_key(), aws_secret(), iban(), email(), phone(), card()]
}

fn word() -> impl Strategy<Value = String> {
    proptest::collection::vec(0..26u8, 2..8)
        .prop_map(|v| v.into_iter().map(|i| char::from(b'a' + i)).collect())
}

/// Lines of random words; each plant goes before a random word, with words around it.
fn unit_text() -> impl Strategy<Value = (String, Vec<(String, usize)>)> {
    let lines = proptest::collection::vec(proptest::collection::vec(word(), 1..8), 2..8);
    let plants = (real_key(), proptest::collection::vec((any_plant(), any::<usize>(), any::<usize>()), 0..5));
    (lines, plants).prop_map(|(mut lines, (key, more))| {
        let mut secrets = Vec::new();
        for (i, (p, line, at)) in std::iter::once((key, 0, 0)).chain(more).enumerate() {
            let n = lines.len();
            let words = &mut lines[(line + i) % n];
            let at = at % (words.len() + 1);
            words.insert(at, format!("{} and", p.text));
            secrets.push((p.secret, p.public));
        }
        let text = lines.iter().map(|w| w.join(" ")).collect::<Vec<_>>().join("\n") + "\n";
        (text, secrets)
    })
}

fn check_unit(engine: &Engine, kind: usize, text: &str) -> Vec<charterlint::finding::Finding> {
    match kind {
        0 => engine.check(&Unit::file("src/app.py", "src/app.py", text, unit::classify("src/app.py"))),
        1 => {
            engine.check(&Unit::file("docs/notes.md", "docs/notes.md", text, unit::classify("docs/notes.md")))
        }
        _ => engine.check(&Unit {
            record: Record::Text("conversation \"notes\", message 1 (user)"),
            tool: engine.catalog().index_of("openai"),
            ..Unit::file("export.json", "export.json", text, Kinds::default().with(UnitKind::Prompt))
        }),
    }
}

#[test]
fn no_output_format_shows_any_part_of_a_planted_secret() {
    let engine = default_engine();
    // Not shrunk: a shrunk key becomes a run of one letter, a placeholder no rule reports, and the
    // input shown would fail for that reason instead of the one found.
    let config = Config { cases: 48, max_shrink_iters: 0, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&(0..3usize, unit_text()), |(kind, (text, secrets))| {
        let findings = check_unit(&engine, kind, &text);
        prop_assert!(!findings.is_empty(), "a real-format key is planted, yet no finding:\n{text}");
        for (format, out) in every_format(&engine, &findings) {
            for (s, public) in &secrets {
                let c: Vec<char> = s.chars().collect();
                for w in c[public.saturating_sub(11)..].windows(12) {
                    let w: String = w.iter().collect();
                    let line = out.lines().find(|l| l.contains(&w));
                    prop_assert!(
                        line.is_none(),
                        "{format:?} shows `{w}` of `{s}` in {line:?}\n--- unit:\n{text}"
                    );
                }
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
