//! Secrets beyond the AI keys of the catalogue: cloud (AWS, GCP, Azure), VCS tokens (GitHub,
// charterlint: allow-file SHADOW005, SHADOW008 -- the tests and a comment name a key variable and an SDK client on purpose
//! GitLab), Slack, Stripe, private-key blocks, JWTs and high-entropy values assigned to
//! password/secret/token names. One Aho-Corasick pass over the formats' literals decides which
//! regexes run; entropy and placeholder checks run on hits only.

use std::ops::Range;
use std::sync::OnceLock;

use regex::bytes::{Regex, RegexBuilder};

use crate::pattern::Literals;

use super::entropy;

/// A secret found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secret {
    pub span: Range<usize>,
    /// What it is, e.g. "AWS access key ID".
    pub kind: &'static str,
}

struct Format {
    kind: &'static str,
    keywords: &'static [&'static str],
    /// Byte semantics throughout (`(?-u)`): secrets are ASCII, and a Unicode class (a case-folded
    /// letter, a negated class, `.`) makes the automaton larger and slower for nothing.
    regex: &'static str,
    /// Minimum Shannon entropy (bits per character) of the captured value.
    entropy: f64,
}

const FORMATS: &[Format] = &[
    Format {
        kind: "AWS access key ID",
        keywords: &["AKIA", "ASIA", "ABIA", "ACCA"],
        regex: r"(?-u)\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b",
        entropy: 3.0,
    },
    Format {
        kind: "AWS secret access key",
        keywords: &["aws_secret", "secret_access_key", "secretaccesskey"],
        regex: r#"(?i-u)(?:aws_secret_access_key|aws_secret_key|secret_access_key|secretaccesskey)["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9/+=]{40})(?:[^A-Za-z0-9/+=]|$)"#,
        entropy: 4.0,
    },
    Format {
        kind: "Google Cloud API key",
        keywords: &["AIza"],
        regex: r"(?-u)\b(AIza[A-Za-z0-9_-]{35})(?:[^A-Za-z0-9_-]|$)",
        entropy: 3.5,
    },
    Format {
        kind: "Azure storage account key",
        keywords: &["AccountKey="],
        regex: r"(?-u)AccountKey=([A-Za-z0-9+/]{86}==)",
        entropy: 4.0,
    },
    Format {
        kind: "Azure AD client secret",
        keywords: &["8Q~"],
        regex: r"(?-u)(?:^|[^A-Za-z0-9_~.-])([A-Za-z0-9_~.]{3}8Q~[A-Za-z0-9_~.-]{31,34})(?:[^A-Za-z0-9_~.-]|$)",
        entropy: 3.5,
    },
    Format {
        kind: "GitHub token",
        keywords: &["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
        regex: r"(?-u)\b(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})\b",
        entropy: 3.0,
    },
    Format {
        kind: "GitLab token",
        keywords: &["glpat-", "glptt-", "gldt-"],
        regex: r"(?-u)\b((?:glpat|glptt|gldt)-[A-Za-z0-9_-]{20,})(?:[^A-Za-z0-9_-]|$)",
        entropy: 3.0,
    },
    Format {
        kind: "Slack token",
        keywords: &["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xapp-"],
        regex: r"(?-u)\b((?:xox[abprs]|xapp)-[0-9A-Za-z-]{20,})\b",
        entropy: 3.0,
    },
    Format {
        kind: "Slack webhook URL",
        keywords: &["hooks.slack.com/services/"],
        regex: r"(?-u)(https://hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,})",
        entropy: 3.0,
    },
    Format {
        kind: "Stripe key",
        keywords: &["sk_live_", "rk_live_", "sk_test_", "rk_test_"],
        regex: r"(?-u)\b((?:sk|rk)_(?:live|test)_[0-9A-Za-z]{24,99})\b",
        entropy: 3.0,
    },
    Format {
        kind: "private key",
        keywords: &["PRIVATE KEY"],
        regex: r"(?-u)(-----BEGIN[A-Z ]{0,20} PRIVATE KEY(?: BLOCK)?-----(?s:.){16,10000}?-----END[A-Z ]{0,20} PRIVATE KEY(?: BLOCK)?-----|-----BEGIN[A-Z ]{0,20} PRIVATE KEY(?: BLOCK)?-----[\r\n]+[A-Za-z0-9+/=\r\n]{40,})",
        entropy: 0.0,
    },
    Format {
        kind: "JSON Web Token",
        keywords: &["eyJ"],
        regex: r"(?-u)\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,})(?:[^A-Za-z0-9_.-]|$)",
        entropy: 3.0,
    },
    Format {
        kind: ASSIGNED,
        keywords: &[
            "password",
            "passwd",
            "pwd",
            "secret",
            "token",
            "api_key",
            "apikey",
            "api-key",
            "mot de passe",
            "mdp",
        ],
        regex: r#"(?i-u)(?:password|passwd|pwd|secret|token|api[_-]?key|mot[ \t]de[ \t]passe|mdp)[A-Za-z0-9_]{0,20}["']?[ \t]{0,3}(?:[:=]|:=|=>|est|is)[ \t]{0,3}["'`]?([A-Za-z0-9+/=_.!@#$%^&*~-]{12,128})"#,
        entropy: 3.5,
    },
];

/// The format of a value assigned to a secret-named key (`password = …`, `api_key: …`).
const ASSIGNED: &str = "password or secret";

/// Whether a value assigned to a secret-named key is itself the name of one: the variable or
/// setting that holds it (`api_key=ANTHROPIC_API_KEY`, `token = github_token`), as code pasted
/// into a prompt is full of. No generated secret is an identifier ending in `_KEY` or `_TOKEN`.
fn names_a_secret(v: &str) -> bool {
    let Some((head, last)) = v.rsplit_once('_') else { return false };
    let identifier = v.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    let one_case = v.bytes().all(|b| !b.is_ascii_lowercase()) || v.bytes().all(|b| !b.is_ascii_uppercase());
    let named = ["key", "token", "secret", "password", "passwd", "pwd", "pass"]
        .iter()
        .any(|w| last.eq_ignore_ascii_case(w));
    identifier && one_case && named && !head.is_empty()
}

struct Compiled {
    prefilter: Literals,
    /// For each prefilter literal, its format.
    owner: Vec<usize>,
    regexes: Vec<Regex>,
}

fn compiled() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    C.get_or_init(|| {
        let mut lits = Vec::new();
        let mut owner = Vec::new();
        for (i, f) in FORMATS.iter().enumerate() {
            for k in f.keywords {
                lits.push(*k);
                owner.push(i);
            }
        }
        let prefilter = Literals::new(&lits).unwrap_or_else(|e| panic!("secret prefilter: {e}"));
        let regexes = FORMATS
            .iter()
            .map(|f| build(f.regex).unwrap_or_else(|e| panic!("secret format {}: {e}", f.kind)))
            .collect();
        Compiled { prefilter, owner, regexes }
    })
}

/// Compiled over bytes, with the limits of every other pattern. Every capture starts and ends on
/// an ASCII character, so its range is a character range of the text too.
fn build(pattern: &str) -> Result<Regex, String> {
    crate::pattern::check_ascii_semantics(pattern)?;
    RegexBuilder::new(pattern)
        .size_limit(16 << 20)
        .dfa_size_limit(16 << 20)
        .build()
        .map_err(|e| e.to_string())
}

/// The formats' keywords, each with its format: a pass over many literals (the engine's
/// prefilter) can tell [`find_among`] which formats may occur.
pub fn keywords() -> impl Iterator<Item = (&'static str, usize)> {
    FORMATS.iter().enumerate().flat_map(|(i, f)| f.keywords.iter().map(move |k| (*k, i)))
}

/// How many formats [`keywords`] numbers.
pub fn formats() -> usize {
    FORMATS.len()
}

/// Every secret in `text`, in order, without overlaps.
pub fn find(text: &str) -> Vec<Secret> {
    let c = compiled();
    let mut seen = vec![false; FORMATS.len()];
    for m in c.prefilter.overlapping(text) {
        seen[c.owner[m.pattern().as_usize()]] = true;
    }
    find_among(text, &seen)
}

/// [`find`], for a text in which the formats marked in `seen` (by format, as [`keywords`]
/// numbers them) have a keyword, as matched ASCII case-insensitively, and the others none.
pub fn find_among(text: &str, seen: &[bool]) -> Vec<Secret> {
    let c = compiled();
    let mut out: Vec<Secret> = Vec::new();
    for (i, f) in FORMATS.iter().enumerate() {
        if !seen.get(i).is_some_and(|&s| s) {
            continue;
        }
        for caps in c.regexes[i].captures_iter(text.as_bytes()) {
            let Some(m) = caps.get(1) else { continue };
            let Some(v) = text.get(m.range()) else { continue };
            if f.entropy > 0.0 && (entropy::shannon(v) < f.entropy || entropy::is_placeholder(v)) {
                continue;
            }
            if f.kind == ASSIGNED && names_a_secret(v) {
                continue;
            }
            if out.iter().any(|s| s.span.start < m.end() && m.start() < s.span.end) {
                continue;
            }
            out.push(Secret { span: m.range(), kind: f.kind });
        }
    }
    out.sort_by_key(|s| s.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<&'static str> {
        find(t).into_iter().map(|s| s.kind).collect()
    }

    #[test]
    fn finds_each_format() {
        assert_eq!(kinds("aws key AKIAQX4B7ZP2MDKT5NWE here"), ["AWS access key ID"]);
        assert_eq!(
            kinds("aws_secret_access_key = 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"),
            ["AWS secret access key"]
        );
        assert_eq!(kinds("token ghp_R8fK2mQ9vX1pL7nZ4wB6yT3cH5jD0sA2gE8u ok"), ["GitHub token"]);
        assert_eq!(kinds("glpat-Xy7Kq2Lm9Pv4Rt8Nw3Bz"), ["GitLab token"]);
        assert_eq!(kinds("xoxb-2048-6201-Qk8fZ3mX9vT2pL7nR4wB"), ["Slack token"]);
        assert_eq!(kinds("sk_live_51Hq8vRt2LmN5pK9wZ3yB7cF1"), ["Stripe key"]);
        assert_eq!(
            kinds(
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAABlwAAAAdzc2gtcn\n-----END OPENSSH PRIVATE KEY-----"
            ),
            ["private key"]
        );
        assert_eq!(
            kinds(
                "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlbXAtNDIiLCJyb2xlIjoiYWRtaW4ifQ.Qk8fZ3mX9vT2pL7nR4wB6yH1"
            ),
            ["JSON Web Token"]
        );
        assert_eq!(kinds("DB_PASSWORD=Vt9#kQ2!mZx7LpR4"), ["password or secret"]);
        // The name of the variable that holds the secret is not the secret.
        assert!(kinds("client = anthropic.Anthropic(api_key=ANTHROPIC_API_KEY)").is_empty());
        assert!(kinds("token = GITHUB_ACCESS_TOKEN\npassword: db_admin_password").is_empty());
        assert_eq!(kinds("password = SUMMER_2024_WINTER_Q"), ["password or secret"]);
        assert_eq!(kinds("api_key=Xk9fQ2mZx7Lp_token"), ["password or secret"]);
        assert_eq!(kinds("le mot de passe est Vt9kQ2mZx7LpR4wB"), ["password or secret"]);
    }

    #[test]
    fn the_formats_a_keyword_pass_marks_give_what_the_own_search_gives() {
        let texts = [
            "aws key AKIAQX4B7ZP2MDKT5NWE here and TOKEN=Qk8fZ3mX9vT2pL7nR4wB",
            "token ghp_R8fK2mQ9vX1pL7nZ4wB6yT3cH5jD0sA2gE8u ok, glpat-Xy7Kq2Lm9Pv4Rt8Nw3Bz",
            "le MOT DE PASSE est Vt9kQ2mZx7LpR4wB; xoxb-2048-6201-Qk8fZ3mX9vT2pL7nR4wB",
            "nothing here",
        ];
        for t in texts {
            let low = t.to_ascii_lowercase();
            let mut seen = vec![false; formats()];
            for (k, f) in keywords() {
                seen[f] |= low.contains(&k.to_ascii_lowercase());
            }
            let spans = |v: Vec<Secret>| v.into_iter().map(|s| (s.span, s.kind)).collect::<Vec<_>>();
            assert_eq!(spans(find_among(t, &seen)), spans(find(t)), "{t}");
        }
        assert_eq!(find(texts[0]).len(), 2, "the texts hold secrets");
        assert!(find_among(texts[0], &vec![false; formats()]).is_empty(), "no keyword, no search");
    }

    /// Every format is written with ASCII (byte) semantics: no Unicode class, case folding or
    /// word boundary anywhere. A `(?i)` without `-u` folds `k` into KELVIN SIGN and `s` into
    /// LONG S, and a negated class or `.` spans all of Unicode.
    #[test]
    fn formats_use_no_unicode_class() {
        use regex_syntax::hir::{Class, Hir, HirKind};
        fn ascii_only(h: &Hir) -> bool {
            match h.kind() {
                HirKind::Class(Class::Unicode(c)) => c.ranges().iter().all(|r| r.end().is_ascii()),
                HirKind::Class(Class::Bytes(_)) | HirKind::Empty => true,
                HirKind::Literal(l) => l.0.is_ascii(),
                HirKind::Look(l) => !format!("{l:?}").contains("Unicode"),
                HirKind::Repetition(r) => ascii_only(&r.sub),
                HirKind::Capture(c) => ascii_only(&c.sub),
                HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().all(ascii_only),
            }
        }
        // A fresh parser each time: a top-level `(?-u)` stays set in the parser that read it.
        let parse = |p: &str| {
            regex_syntax::ParserBuilder::new().utf8(false).build().parse(p).map_err(|e| e.to_string())
        };
        for f in FORMATS {
            let hir = parse(f.regex).unwrap_or_else(|e| panic!("{}: {e}", f.kind));
            assert!(ascii_only(&hir), "{} uses a Unicode class: {}", f.kind, f.regex);
        }
        // The check itself sees what it is for.
        for unicode in [r"(?i)secret=([A-Za-z]{8})", r"key=([^ ]+)", r"(?s:.)", r"\bkey\b", r"\w+"] {
            let hir = parse(unicode).unwrap_or_else(|e| panic!("{e}"));
            assert!(!ascii_only(&hir), "{unicode}: {hir:?}");
        }
    }

    #[test]
    fn secrets_next_to_non_ascii_text() {
        // A key followed by a non-ASCII letter or quote is still delimited.
        assert_eq!(kinds("clé : AIzaSyD4xQ9vR2mK7pL1nZ8wB3yT6cH5jF0sA2g» fin"), ["Google Cloud API key"]);
        assert_eq!(kinds("jeton ghp_R8fK2mQ9vX1pL7nZ4wB6yT3cH5jD0sA2gE8u»"), ["GitHub token"]);
        // No Unicode case folding: a KELVIN SIGN does not spell "key".
        assert!(find("aws_secret_access_\u{212A}ey = Xq8vRt2LmN5pK9wZ3yB7cF1hJ4gD6sA0eU+iO/Tr").is_empty());
    }

    #[test]
    fn ignores_placeholders_and_low_entropy() {
        assert!(find("password = changeme_changeme").is_empty());
        assert!(find("password: your-password-here").is_empty());
        assert!(find("AKIAIOSFODNN7EXAMPLE is the documented example").is_empty());
        assert!(find("sk_live_xxxxxxxxxxxxxxxxxxxxxxxx").is_empty());
        assert!(find("the secret of the plan").is_empty());
    }
}
