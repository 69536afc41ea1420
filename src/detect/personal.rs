//! Personal data and company identifiers: email addresses, phone numbers (French and
//! international), IBANs (mod-97 and the country's length), payment cards (Luhn and a known
//! issuer prefix), French NIR (key, Corsica 2A/2B), SIREN/SIRET (Luhn, La Poste) and French
//! VAT numbers. A pattern alone decides only where its validator is strong; weak shapes (a bare
//! 10-digit phone number, a 9-digit SIREN) need a context word shortly before them. Whether a
//! datum is a placeholder is judged from the datum itself — documentation domains, numbers
//! reserved for fiction, the IBANs and cards published for tests — never from other words of
//! the message: "draft an example e-mail to Mrs Durand at 06 12 34 56 78" holds a real number.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::number_windows::{Anchored, DASHED, DOTTED, SPACED, Shapes, after};
use super::validate;

/// A personal datum or identifier found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Datum {
    pub span: Range<usize>,
    pub kind: &'static str,
}

/// The number patterns, each run in the windows its match must lie in.
const PHONE_FR: &str = r"(?:\+33[ .-]?(?:\(0\)[ .-]?)?|0033[ .-]?|0)[1-9](?:[ .-]?[0-9]{2}){4}";
const PHONE_INTL: &str = r"\+[1-9][0-9]{0,2}(?:[ .-]?\(?[0-9]{1,4}\)?){2,6}";
const IBAN: &str = r"[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]{1,4}){3,8}";
const CARD: &str = r"[0-9](?:[ -]?[0-9]){12,18}";
const NIR: &str =
    r"[1-478][ ]?[0-9]{2}[ ]?[0-9]{2}[ ]?(?:[0-9]{2}|2[AaBb])[ ]?[0-9]{3}[ ]?[0-9]{3}[ ]?[0-9]{2}";
const SIRET: &str = r"[0-9]{3}[ ]?[0-9]{3}[ ]?[0-9]{3}[ ]?[0-9]{5}";
const SIREN: &str = r"[0-9]{3}[ ]?[0-9]{3}[ ]?[0-9]{3}";
const VAT: &str = r"FR[ ]?[0-9A-HJ-NP-Z]{2}[ ]?[0-9]{3}[ ]?[0-9]{3}[ ]?[0-9]{3}";

struct Patterns {
    email: Regex,
    phone_fr: Anchored,
    phone_intl: Anchored,
    iban: Anchored,
    card: Anchored,
    nir: Anchored,
    siret: Anchored,
    siren: Anchored,
    vat: Anchored,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let r = |p: &str| crate::rules::compile::build_regex(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        let a = |p: &str| Anchored::new(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        Patterns {
            email: r(r"[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,24}"),
            phone_fr: a(PHONE_FR),
            phone_intl: a(PHONE_INTL),
            iban: a(IBAN),
            card: a(CARD),
            nir: a(NIR),
            siret: a(SIRET),
            siren: a(SIREN),
            vat: a(VAT),
        }
    })
}

/// What `email.find_iter(text)` finds, searched around each `@` only: a match holds exactly one
/// `@`, with at most 64 characters of `[A-Za-z0-9._%+-]` just before it and only
/// `[A-Za-z0-9.-]` after it, so the regex runs on that window, from where the last match ended.
/// Matches come in the order of their `@`, which is the order of their start, and each window
/// holds every match that contains its `@`: the same matches, without walking the text between
/// the `@`s (a whole-text search ran the regex's DFA over every byte of a file with one `@`).
fn emails<'t>(text: &'t str, email: &Regex) -> Vec<regex::Match<'t>> {
    let bytes = text.as_bytes();
    let local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let domain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-');
    let mut out = Vec::new();
    let mut done = 0;
    for at in memchr::memchr_iter(b'@', bytes) {
        let mut start = at;
        while start > done && at - start < 64 && local(bytes[start - 1]) {
            start -= 1;
        }
        let end = bytes[at + 1..].iter().position(|&b| !domain(b)).map_or(bytes.len(), |n| at + 1 + n);
        if let Some(m) = email.find_at(&text[..end], start) {
            done = m.end();
            out.push(m);
        }
    }
    out
}

/// Documentation domains (RFC 2606/6761) and machine senders: not a person's address.
fn reserved_email(m: &str) -> bool {
    let lower = m.to_ascii_lowercase();
    let domain = lower.rsplit('@').next().unwrap_or("");
    let local = lower.split('@').next().unwrap_or("");
    ["example.com", "example.org", "example.net"]
        .iter()
        .any(|d| domain == *d || domain.ends_with(&format!(".{d}")))
        || [".example", ".test", ".invalid", ".localhost", ".local"].iter().any(|t| domain.ends_with(t))
        || matches!(local, "noreply" | "no-reply" | "donotreply" | "git")
}

const PHONE_WORDS: &[&str] = &[
    "tel", "tél", "phone", "mobile", "portable", "cell", "call", "appel", "numéro", "numero", "joindre",
    "fax", "whatsapp",
];
const SIREN_WORDS: &[&str] = &[
    "siren",
    "siret",
    "rcs",
    "société",
    "societe",
    "entreprise",
    "company",
    "nic",
    "établissement",
    "etablissement",
];

/// Roots ARCEP reserves for audiovisual works (plan national de numérotation, §2.5.12):
/// numbers that ring no one, for films, series and documentation.
const FR_FICTION_ROOTS: &[&str] = &["019900", "026191", "035301", "046571", "053649", "063998"];

/// A French number, given as its digits, is reserved for fiction or is a filler
/// (`0123456789`, `06 00 00 00 00`). Digits come in national (`0…`, ten) or international
/// (`33…`, `0033…`, with or without the `(0)`) form.
fn fr_placeholder_phone(digits: &str) -> bool {
    let national = digits
        .strip_prefix("0033")
        .or_else(|| digits.strip_prefix("33"))
        .map_or_else(|| digits.to_string(), |rest| format!("0{}", rest.trim_start_matches('0')));
    if national.len() != 10 {
        return false;
    }
    let subscriber = &national.as_bytes()[2..];
    FR_FICTION_ROOTS.iter().any(|root| national.starts_with(root))
        || national == "0123456789"
        || subscriber.iter().all(|&b| b == subscriber[0])
}

/// An international number in a range reserved for drama and documentation: the United
/// Kingdom's (Ofcom) and North America's 555-01XX.
fn intl_placeholder_phone(digits: &str) -> bool {
    if let Some(uk) = digits.strip_prefix("44") {
        let uk = uk.trim_start_matches('0');
        // 0113–0118 and 0121–0191 (11X and 1X1 area codes), then 496 0XXX.
        let b = uk.as_bytes();
        let city = uk.len() == 10 && b[0] == b'1' && (b[1] == b'1' || b[2] == b'1') && &uk[3..7] == "4960";
        return city
            || ["2079460", "7700900", "1632960", "2896496", "2920180", "8081570", "9098790", "3069990"]
                .iter()
                .any(|r| uk.starts_with(r));
    }
    if let Some(nanp) = digits.strip_prefix('1') {
        return nanp.len() == 10 && &nanp[3..6] == "555" && &nanp[6..8] == "01";
    }
    digits.starts_with("33") && fr_placeholder_phone(digits)
}

/// Example IBANs of the SWIFT IBAN registry and of bank documentation, printed in countless
/// forms and tests.
const TEST_IBANS: &[&str] = &[
    "GB29NWBK60161331926819",
    "GB82WEST12345698765432",
    "DE89370400440532013000",
    "FR1420041010050500013M02606",
    "NL91ABNA0417164300",
    "BE68539007547034",
    "ES9121000418450200051332",
    "IT60X0542811101000000123456",
    "CH9300762011623852957",
    "AT611904300234573201",
    "LU280019400644750000",
];

/// Card numbers the payment processors publish for testing (Stripe, Adyen, Braintree, PayPal).
const TEST_CARDS: &[&str] = &[
    "4111111111111111",
    "4242424242424242",
    "4012888888881881",
    "4000056655665556",
    "4000000000000002",
    "5555555555554444",
    "5105105105105100",
    "5200828282828210",
    "2223003122003222",
    "378282246310005",
    "371449635398431",
    "6011111111111117",
    "6011000990139424",
    "30569309025904",
    "38520000023237",
    "3530111333300000",
    "3566002020360505",
    "6200000000000005",
];

fn compact(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
}

/// Lower-cased text of the `n` bytes before `at` (on a char boundary).
fn before(text: &str, at: usize, n: usize) -> String {
    let mut from = at.saturating_sub(n);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    text[from..at].to_lowercase()
}

fn has_word(window: &str, words: &[&str]) -> bool {
    words.iter().any(|w| window.contains(w))
}

/// The byte before and after a span are not digits or letters (a number inside a longer one
/// is not a match).
fn isolated(text: &str, span: &Range<usize>) -> bool {
    let b = text.as_bytes();
    let ok = |c: Option<&u8>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
    ok(span.start.checked_sub(1).and_then(|i| b.get(i))) && ok(b.get(span.end))
}

fn digits(s: &str) -> usize {
    s.bytes().filter(u8::is_ascii_digit).count()
}

fn card_issuer(d: &str) -> bool {
    let p2: u32 = d.get(..2).and_then(|s| s.parse().ok()).unwrap_or(0);
    let p4: u32 = d.get(..4).and_then(|s| s.parse().ok()).unwrap_or(0);
    d.starts_with('4')
        || (51..=55).contains(&p2)
        || (2221..=2720).contains(&p4)
        || p2 == 34
        || p2 == 37
        || p4 == 6011
        || p2 == 65
        || p2 == 35
        || p2 == 36
        || p2 == 38
        || p2 == 30
        || p2 == 62
}

/// The longest IBAN match: `[A-Z]{2}[0-9]{2}` and eight groups of a space and four.
const IBAN_MAX: usize = 4 + 8 * 5;
/// `FR`, a space, two, then three groups of a space and three.
const VAT_MAX: usize = 2 + 1 + 2 + 3 * 4;
/// `+`, three digits, then six groups of a separator, `(`, four digits and `)`.
const PHONE_INTL_MAX: usize = 1 + 3 + 6 * 7;
/// What a French phone number may have before its run of nine digits: `+33 (0) `.
const PHONE_FR_BACK: usize = 8;
/// What a NIR of Corsica has before the eight digits after its department: `1 85 05 2A `.
const NIR_BACK: usize = 5 + 3 + 2 + 1;

/// Every personal datum or identifier in `text`, in order, without overlaps.
pub fn find(text: &str) -> Vec<Datum> {
    let p = patterns();
    let mut out: Vec<Datum> = Vec::new();
    let push = |out: &mut Vec<Datum>, span: Range<usize>, kind: &'static str| {
        if !out.iter().any(|d| d.span.start < span.end && span.start < d.span.end) {
            out.push(Datum { span, kind });
        }
    };
    let bytes = text.as_bytes();
    for m in emails(text, &p.email) {
        if !reserved_email(m.as_str()) {
            push(&mut out, m.range(), "email address");
        }
    }
    if !super::number_windows::has_digits(bytes, 9) {
        return out;
    }
    // Each pattern runs in the windows its match must lie in: a digit run long enough for it
    // (widened by what may precede the run), or its longest length after the literal it starts
    // with.
    let shapes = Shapes::of(bytes);
    // Strong validators first, so a card or IBAN is not also reported as a phone number.
    for m in p.iban.windowed(text, after(&shapes.iban_heads, IBAN_MAX)) {
        let s = &text[m.clone()];
        let Some(len) = validate::iban_length(&s[..2]) else { continue };
        // Take exactly the country's number of characters (the regex may run on into a word).
        let mut n = 0;
        let mut end = m.start;
        for (i, c) in s.char_indices() {
            if c != ' ' {
                n += 1;
            }
            if n == len {
                end = m.start + i + 1;
                break;
            }
        }
        let span = m.start..end;
        if n == len
            && isolated(text, &span)
            && validate::iban(&text[span.clone()])
            && !TEST_IBANS.contains(&compact(&text[span.clone()]).as_str())
        {
            push(&mut out, span, "IBAN");
        }
    }
    for m in p.vat.windowed(text, after(&shapes.fr, VAT_MAX)) {
        if isolated(text, &m) && validate::fr_vat(&text[m.clone()]) {
            push(&mut out, m, "French VAT number");
        }
    }
    for m in p.nir.windowed(text, shapes.runs(SPACED, 8, NIR_BACK)) {
        if isolated(text, &m) && validate::nir(&text[m.clone()]) {
            push(&mut out, m, "French social security number (NIR)");
        }
    }
    for m in p.card.windowed(text, shapes.runs(DASHED, 13, 0)) {
        let d: String = text[m.clone()].chars().filter(char::is_ascii_digit).collect();
        let same = d.bytes().all(|b| b == d.as_bytes()[0]);
        if isolated(text, &m)
            && (13..=19).contains(&d.len())
            && !same
            && card_issuer(&d)
            && validate::luhn(&d)
            && !TEST_CARDS.contains(&d.as_str())
        {
            push(&mut out, m, "payment card number");
        }
    }
    for m in p.siret.windowed(text, shapes.runs(SPACED, 14, 0)) {
        let ctx = before(text, m.start, 48);
        if isolated(text, &m) && has_word(&ctx, SIREN_WORDS) && validate::siret(&text[m.clone()]) {
            push(&mut out, m, "SIRET number");
        }
    }
    for m in p.siren.windowed(text, shapes.runs(SPACED, 9, 0)) {
        let ctx = before(text, m.start, 48);
        if isolated(text, &m) && has_word(&ctx, SIREN_WORDS) && validate::siren(&text[m.clone()]) {
            push(&mut out, m, "SIREN number");
        }
    }
    for m in p.phone_fr.windowed(text, shapes.runs(DOTTED, 9, PHONE_FR_BACK)) {
        if !isolated(text, &m) {
            continue;
        }
        let s = &text[m.clone()];
        let formatted = s.starts_with('+') || s.starts_with("00") || s.contains([' ', '.', '-']);
        let ctx = before(text, m.start, 48);
        let d: String = s.chars().filter(char::is_ascii_digit).collect();
        if fr_placeholder_phone(&d) {
            continue;
        }
        // `06 12 34 56 78` or `+33 6…` stands alone; a bare `0612345678` needs a context word.
        if formatted || has_word(&ctx, PHONE_WORDS) {
            push(&mut out, m, "phone number");
        }
    }
    for m in p.phone_intl.windowed(text, after(&shapes.plus, PHONE_INTL_MAX)) {
        let s = &text[m.clone()];
        if !(8..=15).contains(&digits(s)) || !isolated(text, &m) {
            continue;
        }
        let d: String = s.chars().filter(char::is_ascii_digit).collect();
        if !intl_placeholder_phone(&d) {
            push(&mut out, m, "phone number");
        }
    }
    out.sort_by_key(|d| d.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::number_windows::tests::random_texts;

    fn kinds(t: &str) -> Vec<&'static str> {
        find(t).into_iter().map(|d| d.kind).collect()
    }

    #[test]
    fn each_pattern_from_its_starts_in_its_windows_finds_what_the_regex_finds_in_the_whole_text() {
        let p = patterns();
        let pieces = [
            "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "06", "12", "33", "45", "789", " ", " ", "-",
            ".", "+", "FR", "2A", "2b", "(0)", "(", ")", "GB", "DE", "x", "T", ":", "/", "é", "+33 (0)",
        ];
        let mut matched = [0usize; 8];
        let whole: Vec<Regex> = [IBAN, VAT, NIR, CARD, SIRET, SIREN, PHONE_FR, PHONE_INTL]
            .into_iter()
            .map(|source| Regex::new(source).unwrap_or_else(|e| panic!("{e}")))
            .collect();
        for text in random_texts(&pieces, 0x9e37_79b9_7f4a_7c15, 40_000, 40) {
            let s = Shapes::of(text.as_bytes());
            let cases: [(&Anchored, Vec<Range<usize>>); 8] = [
                (&p.iban, after(&s.iban_heads, IBAN_MAX).collect()),
                (&p.vat, after(&s.fr, VAT_MAX).collect()),
                (&p.nir, s.runs(SPACED, 8, NIR_BACK).collect()),
                (&p.card, s.runs(DASHED, 13, 0).collect()),
                (&p.siret, s.runs(SPACED, 14, 0).collect()),
                (&p.siren, s.runs(SPACED, 9, 0).collect()),
                (&p.phone_fr, s.runs(DOTTED, 9, PHONE_FR_BACK).collect()),
                (&p.phone_intl, after(&s.plus, PHONE_INTL_MAX).collect()),
            ];
            for (i, (anchored, windows)) in cases.into_iter().enumerate() {
                let whole: Vec<Range<usize>> = whole[i].find_iter(&text).map(|m| m.range()).collect();
                let found = anchored.windowed(&text, windows.into_iter());
                assert_eq!(found, whole, "pattern {i} in {text:?}: {s:?}");
                matched[i] += usize::from(!whole.is_empty());
            }
        }
        // Every pattern matched often enough for its windows to have been tried.
        assert!(matched.iter().all(|&n| n > 50), "{matched:?}");
    }

    #[test]
    fn emails_around_each_at_are_the_whole_text_matches() {
        let email = &patterns().email;
        let long = "a".repeat(40);
        let words = "@ @ a b Z 9 . . - _ % + é co fr x.y @@ @example.com";
        let pieces: Vec<&str> = words.split(' ').chain([" ", "\n", long.as_str()]).collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        let mut found = 0;
        for _ in 0..40_000 {
            let len = 2 + next(30);
            let text: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
            let whole: Vec<_> = email.find_iter(&text).map(|m| m.range()).collect();
            let around: Vec<_> = emails(&text, email).into_iter().map(|m| m.range()).collect();
            assert_eq!(around, whole, "{text:?}");
            found += whole.len();
        }
        assert!(found > 5_000, "{found}");
    }

    #[test]
    fn emails_but_not_documentation_domains() {
        assert_eq!(kinds("écrire à claire.martin@groupe-acme.fr svp"), ["email address"]);
        assert!(find("mail jane@example.com or bot@ci.test").is_empty());
    }

    #[test]
    fn phones_french_and_international() {
        assert_eq!(kinds("appelez le 06 12 34 56 78 demain"), ["phone number"]);
        assert_eq!(kinds("mobile: +33 6 12 34 56 78"), ["phone number"]);
        assert_eq!(kinds("call +44 20 7123 4567 now"), ["phone number"]);
        assert_eq!(kinds("tél 0612345678"), ["phone number"]);
        assert!(find("order 0612345678 shipped").is_empty(), "bare digits need a context word");
    }

    #[test]
    fn placeholder_test_reads_the_datum_not_the_message() {
        let prompt = "Rédige un mail d'exemple pour relancer Mme Durand au 06 12 34 56 78";
        assert_eq!(kinds(prompt), ["phone number"]);
        assert_eq!(kinds("Write a sample reply to Mr Shah, mobile +44 7911 123456"), ["phone number"]);
        assert_eq!(
            kinds("Dummy data is fine, but this one is real: IBAN FR76 3000 4000 0312 3456 7890 143"),
            ["IBAN"]
        );
        assert_eq!(kinds("exemple fictif : SIREN 732 829 320"), ["SIREN number"]);
        // Numbers ARCEP reserves for fiction, in every written form.
        for fiction in [
            "Appelez le 01 99 00 12 34",
            "tél 0639981234",
            "mobile: +33 6 39 98 45 67",
            "call +33 (0)5 36 49 00 11",
            "joindre le 04.65.71.22.33",
            "tél 01 23 45 67 89",
            "portable 06 00 00 00 00",
        ] {
            assert!(find(fiction).is_empty(), "{fiction}: {:?}", find(fiction));
        }
        // Ofcom's drama ranges and North America's 555-01XX.
        for drama in ["call +44 20 7946 0958", "ring +44 7700 900123", "+44 113 496 0000", "+1 212 555 0147"]
        {
            assert!(find(drama).is_empty(), "{drama}: {:?}", find(drama));
        }
        assert_eq!(kinds("+1 212 555 2368 is the office"), ["phone number"]);
        assert_eq!(kinds("tél 06 39 97 12 34"), ["phone number"], "next to the reserved block");
    }

    #[test]
    fn published_test_ibans_and_cards_are_placeholders() {
        for iban in TEST_IBANS {
            assert!(validate::iban(iban), "{iban} must be a valid IBAN to be worth listing");
            assert!(find(&format!("IBAN {iban} pour le virement")).is_empty(), "{iban}");
        }
        assert!(find("IBAN : FR14 2004 1010 0505 0001 3M02 606").is_empty());
        assert!(find("IBAN GB29 NWBK 6016 1331 9268 19").is_empty());
        for card in TEST_CARDS {
            assert!(validate::luhn(card), "{card} must pass Luhn to be worth listing");
            assert!(find(&format!("carte {card} exp 12/27")).is_empty(), "{card}");
        }
        assert!(find("Test with card 4242 4242 4242 4242, any CVC").is_empty());
        assert_eq!(kinds("ma carte 4970 1012 3456 7893"), ["payment card number"]);
        assert_eq!(kinds("mail jane.doe@acme-corp.fr, an example"), ["email address"]);
    }

    #[test]
    fn iban_card_nir() {
        assert_eq!(kinds("IBAN FR76 3000 6000 0112 3456 7890 189 merci"), ["IBAN"]);
        assert!(find("IBAN FR76 3000 6000 0112 3456 7890 188").is_empty(), "bad mod-97");
        assert_eq!(kinds("carte 4970 1012 3456 7893 exp 12/27"), ["payment card number"]);
        assert!(find("ref 4970 1012 3456 7899").is_empty(), "bad Luhn");
        assert_eq!(kinds("NIR 1 85 05 78 006 084 91"), ["French social security number (NIR)"]);
        assert!(find("NIR 1 85 05 78 006 084 92").is_empty());
    }

    #[test]
    fn company_identifiers_need_context_or_a_strong_key() {
        assert_eq!(kinds("SIREN 732 829 320"), ["SIREN number"]);
        assert!(find("ticket 732 829 320").is_empty());
        assert_eq!(kinds("SIRET : 732 829 320 00074"), ["SIRET number"]);
        assert_eq!(kinds("TVA FR44732829320"), ["French VAT number"]);
    }
}
