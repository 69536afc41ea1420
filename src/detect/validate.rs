//! Check-digit validators for the identifiers the personal-data detector finds: Luhn (payment
//! cards, SIREN, SIRET), IBAN mod-97 with each country's length, the French NIR key (Corsica
//! 2A/2B) and the French VAT key. They run only on regex hits.

/// Luhn over ASCII digits (other bytes ignored).
pub fn luhn(digits: &str) -> bool {
    let mut sum = 0u32;
    let mut n = 0;
    for (i, b) in digits.bytes().filter(u8::is_ascii_digit).rev().enumerate() {
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
        n += 1;
    }
    n > 0 && sum.is_multiple_of(10)
}

/// IBAN lengths by country (ISO 13616 registry, SEPA and common others).
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BR", 29),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MA", 28),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NL", 18),
    ("NO", 15),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("SA", 24),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
];

/// The IBAN length of a country code, if the country uses IBANs.
pub fn iban_length(country: &str) -> Option<usize> {
    IBAN_LENGTHS.iter().find(|(c, _)| *c == country).map(|(_, n)| *n)
}

/// Whether `s` (spaces allowed) is an IBAN of its country's length with a valid mod-97 check.
pub fn iban(s: &str) -> bool {
    let compact: Vec<u8> = s.bytes().filter(|b| *b != b' ').collect();
    let Some(country) = std::str::from_utf8(compact.get(..2).unwrap_or_default()).ok() else { return false };
    if iban_length(country) != Some(compact.len()) || !compact.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let mut rem = 0u32;
    for &b in compact[4..].iter().chain(&compact[..4]) {
        let v = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            _ => return false,
        };
        rem = if v >= 10 { (rem * 100 + v) % 97 } else { (rem * 10 + v) % 97 };
    }
    rem == 1
}

/// French NIR (social security number, 15 characters): key = 97 − (first 13 mod 97), with the
/// Corsican departments 2A and 2B counted as 19 and 18.
pub fn nir(s: &str) -> bool {
    let c: String = s.chars().filter(|c| *c != ' ').collect::<String>().to_ascii_uppercase();
    if c.len() != 15 || !c.is_ascii() {
        return false;
    }
    let (body, key) = c.split_at(13);
    let body = match &body[5..7] {
        "2A" => format!("{}19{}", &body[..5], &body[7..]),
        "2B" => format!("{}18{}", &body[..5], &body[7..]),
        _ => body.to_string(),
    };
    let (Ok(n), Ok(k)) = (body.parse::<u64>(), key.parse::<u64>()) else { return false };
    matches!(body.as_bytes()[0], b'1' | b'2' | b'3' | b'4' | b'7' | b'8') && 97 - n % 97 == k
}

/// SIREN: 9 digits, Luhn.
pub fn siren(s: &str) -> bool {
    let d: String = s.chars().filter(char::is_ascii_digit).collect();
    d.len() == 9 && luhn(&d)
}

/// SIRET: 14 digits, Luhn on the SIRET and on its SIREN; La Poste's establishments (SIREN
/// 356000000) use a digit sum divisible by 5 instead.
pub fn siret(s: &str) -> bool {
    let d: String = s.chars().filter(char::is_ascii_digit).collect();
    if d.len() != 14 {
        return false;
    }
    if d.starts_with("356000000") && d != "35600000000048" {
        return d.bytes().map(|b| u32::from(b - b'0')).sum::<u32>().is_multiple_of(5);
    }
    luhn(&d) && luhn(&d[..9])
}

/// French intra-community VAT number `FR` + 2-character key + SIREN; a numeric key must be
/// (12 + 3 × (SIREN mod 97)) mod 97 (alphabetic keys, older scheme, are only shape-checked).
pub fn fr_vat(s: &str) -> bool {
    let c: String = s.chars().filter(|c| *c != ' ').collect::<String>().to_ascii_uppercase();
    if c.len() != 13 || !c.starts_with("FR") {
        return false;
    }
    let (key, siren_part) = (&c[2..4], &c[4..]);
    if !siren(siren_part) {
        return false;
    }
    match (key.parse::<u64>(), siren_part.parse::<u64>()) {
        (Ok(k), Ok(n)) => (12 + 3 * (n % 97)) % 97 == k,
        _ => key.bytes().all(|b| b.is_ascii_alphanumeric()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_cards() {
        assert!(luhn("4111 1111 1111 1111"));
        assert!(luhn("5555555555554444"));
        assert!(!luhn("4111111111111112"));
    }

    #[test]
    fn iban_mod97_and_length() {
        assert!(iban("FR76 3000 6000 0112 3456 7890 189"));
        assert!(iban("DE89370400440532013000"));
        assert!(iban("GB29NWBK60161331926819"));
        assert!(!iban("FR76 3000 6000 0112 3456 7890 188"), "bad check digits");
        assert!(!iban("FR7630006000011234567890"), "too short for FR");
        assert!(!iban("ZZ89370400440532013000"), "unknown country");
    }

    #[test]
    fn nir_key_with_corsica() {
        assert!(nir("1 85 05 78 006 084 91"));
        assert!(!nir("1 85 05 78 006 084 92"));
        // Born in Corse-du-Sud (2A) and Haute-Corse (2B): the key is computed with 19 and 18.
        let body_a: u64 = 1_850_519_006_084;
        let body_b: u64 = 2_920_418_123_456;
        assert!(nir(&format!("18505 2A006084{:02}", 97 - body_a % 97)));
        assert!(nir(&format!("29204 2B123456{:02}", 97 - body_b % 97)));
        assert!(!nir(&format!("18505 2B006084{:02}", 97 - body_a % 97)));
        assert!(!nir("585057800608491"), "first digit is the sex");
    }

    #[test]
    fn siren_siret_vat() {
        assert!(siren("732 829 320"));
        assert!(!siren("732 829 321"));
        assert!(siret("732 829 320 00074"));
        assert!(!siret("732 829 320 00075"));
        // La Poste: Luhn does not hold, the digit sum is a multiple of 5.
        assert!(siret("35600000049837"));
        assert!(!siret("35600000049838"));
        assert!(fr_vat("FR44732829320"));
        assert!(fr_vat("FR 44 732829320"));
        assert!(!fr_vat("FR45732829320"));
    }
}
