//! A prompt that hands a decision about people to a chat tool (HITL002): a decision word, the
//! people or files it is about, and a cue that the AI's answer is the decision, close together.
//!
//! Words come from one Aho-Corasick pass over the text folded to lowercase (byte offsets kept),
//! with word boundaries checked by hand on each hit, so no Unicode `\b` is ever compiled.
//!
//! Proximity: the decision and the cue must lie in the same sentence, at most
//! [`PAIR_WORDS`] words apart — handing over a decision is one request ("tell me which ones to
//! reject", "j'enverrai les refus sans relire"), and a cue in another sentence speaks of
//! something else. The people may lie up to [`PEOPLE_WORDS`] words away, across sentences,
//! because chat prompts name them first and delegate after ("Here are 30 applications. Tell me
//! which ones to reject."), while a noun further away belongs to pasted material.

use std::ops::Range;
use std::sync::OnceLock;

use super::delegation_words::{
    BLOCKS, CUES, DECISIONS, IMPERATIVES, KEEPS, MODALS, NEGATIONS, OWN, PEOPLE, WHICH,
};
use super::{Context, Detect, Hit, Scratch};
use crate::pattern::Overlapping;
use crate::rules::Rule;
use crate::unit::Unit;

/// Words between the decision and the cue, in one sentence.
pub const PAIR_WORDS: usize = 12;
/// Words between the pair and the people it is about, across sentences.
pub const PEOPLE_WORDS: usize = 40;
/// Words before the pair where a block ("what criteria", "template") clears it.
const BLOCK_WORDS: usize = 6;
/// Words before the pair where a negation clears it.
const NEGATION_WORDS: usize = 2;
/// Words between a question word and its modal ("which of these borrowers should I").
const QUESTION_WORDS: usize = 4;
/// Words between an imperative decision verb and the people it orders about.
const IMPERATIVE_WORDS: usize = 4;
/// Prompts longer than this are read up to here: pasted documents are not requests.
const MAX_BYTES: usize = 64 * 1024;

/// The HITL002 detector.
#[derive(Debug)]
pub struct Delegation;

impl Detect for Delegation {
    fn hits(&self, _: &Rule, unit: &Unit<'_>, _: &Context, _: &Scratch) -> Vec<Hit> {
        let found = find(unit.text);
        let mut hits: Vec<Hit> = Vec::new();
        for f in found {
            match hits.first_mut() {
                Some(first) => first.repeats += 1,
                None => hits.push(Hit::at(f.span, f.detail)),
            }
        }
        hits
    }
}

/// One delegating request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delegated {
    /// From the first to the last word of the decision, the cue and, in the same sentence, the
    /// people.
    pub span: Range<usize>,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Decision,
    Imperative,
    People,
    Cue,
    Which,
    Modal,
    Block,
    Negation,
    Keep,
    Own,
}

struct Vocabulary {
    words: Overlapping,
    /// Per pattern: its family and whether it is a stem.
    meta: Vec<(Family, bool)>,
}

fn vocabulary() -> Option<&'static Vocabulary> {
    static V: OnceLock<Option<Vocabulary>> = OnceLock::new();
    V.get_or_init(|| {
        let tables = [
            (Family::Decision, DECISIONS),
            (Family::Imperative, IMPERATIVES),
            (Family::People, PEOPLE),
            (Family::Cue, CUES),
            (Family::Which, WHICH),
            (Family::Modal, MODALS),
            (Family::Block, BLOCKS),
            (Family::Negation, NEGATIONS),
            (Family::Keep, KEEPS),
            (Family::Own, OWN),
        ];
        let mut pats = Vec::new();
        let mut meta = Vec::new();
        for (family, words) in tables {
            for w in words {
                let (word, stem) = w.strip_suffix('*').map_or((*w, false), |s| (s, true));
                for v in spellings(word) {
                    pats.push(v);
                    meta.push((family, stem));
                }
            }
        }
        let words = Overlapping::new(&pats, None).ok()?;
        Some(Vocabulary { words, meta })
    })
    .as_ref()
}

/// The ways users type a word: as written, without accents, German umlauts as `ae`, `oe`, `ue`,
/// with a typographic apostrophe or none, with a space for a hyphen.
pub fn spellings(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string(), strip_accents(word, false), strip_accents(word, true)];
    for i in 0..out.len() {
        out.push(out[i].replace('\'', "’"));
        out.push(out[i].replace('\'', ""));
    }
    for i in 0..out.len() {
        if out[i].contains('-') {
            out.push(out[i].replace('-', " "));
        }
    }
    out.sort();
    out.dedup();
    out
}

fn strip_accents(word: &str, german: bool) -> String {
    let mut s = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'à' | 'â' | 'á' | 'ä' if german && c == 'ä' => s.push_str("ae"),
            'ö' if german => s.push_str("oe"),
            'ü' if german => s.push_str("ue"),
            'ß' => s.push_str("ss"),
            'à' | 'â' | 'á' | 'ä' => s.push('a'),
            'é' | 'è' | 'ê' | 'ë' => s.push('e'),
            'î' | 'ï' | 'í' => s.push('i'),
            'ô' | 'ó' | 'ö' => s.push('o'),
            'ù' | 'û' | 'ú' | 'ü' => s.push('u'),
            'ç' => s.push('c'),
            'ñ' => s.push('n'),
            _ => s.push(c),
        }
    }
    s
}

/// Lowercase with the same byte offsets: characters whose lowercase has another length stay.
fn fold(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        let mut low = c.to_lowercase();
        match (low.next(), low.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => s.push(l),
            _ => s.push(c),
        }
    }
    s
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[derive(Debug, Clone)]
struct Word {
    family: Family,
    span: Range<usize>,
    /// Index of the word it starts at, of the word after it, and of the sentence.
    word: usize,
    end_word: usize,
    sentence: usize,
}

/// Every delegating request in `text`, first to last.
pub fn find(text: &str) -> Vec<Delegated> {
    let Some(v) = vocabulary() else { return Vec::new() };
    let mut end = text.len().min(MAX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let low = fold(text);
    let mut found: Vec<(Family, bool, Range<usize>)> = Vec::new();
    v.words.each(low.as_bytes(), |id, range| {
        let (family, stem) = v.meta[id];
        found.push((family, stem, range));
    });
    // Nothing is delegated without a person and a decision or an order: most prompts stop here,
    // before their words and sentences are indexed.
    let has = |f: Family| found.iter().any(|m| m.0 == f);
    if !has(Family::People) || !(has(Family::Decision) || has(Family::Imperative)) {
        return Vec::new();
    }
    let starts = word_starts(&low);
    let breaks = sentence_breaks(text);
    let mut words: Vec<Word> = Vec::new();
    for (family, stem, m) in found {
        let before = low[..m.start].chars().next_back();
        let after = low[m.end..].chars().next();
        if before.is_some_and(is_word_char) || (!stem && after.is_some_and(is_word_char)) {
            continue;
        }
        // A stem is shown and spanned as the whole word it begins.
        let end = if stem {
            low[m.end..].find(|c: char| !is_word_char(c)).map_or(low.len(), |n| m.end + n)
        } else {
            m.end
        };
        let word = starts.partition_point(|&s| s < m.start);
        let end_word = starts.partition_point(|&s| s < end);
        let sentence = breaks.partition_point(|&b| b < m.start);
        let w = Word { family, span: m.start..end, word, end_word, sentence };
        if !words.iter().any(|o| o.family == family && o.span == w.span) {
            words.push(w);
        }
    }
    if words.iter().any(|w| w.family == Family::Keep) {
        return Vec::new();
    }
    // A question word a few words before a modal makes the pair a cue: "which X should I".
    let questions: Vec<Word> = words
        .iter()
        .filter(|m| m.family == Family::Modal)
        .filter_map(|m| {
            let q = words.iter().find(|q| {
                q.family == Family::Which
                    && q.sentence == m.sentence
                    && q.span.end <= m.span.start
                    && m.word - q.word <= QUESTION_WORDS
            })?;
            Some(Word { family: Family::Cue, span: q.span.start..m.span.end, ..m.clone() })
        })
        .collect();
    words.extend(questions);
    let of = |f: Family| words.iter().filter(move |w| w.family == f);
    let people: Vec<&Word> = of(Family::People).filter(|p| !is_own(p, of(Family::Own))).collect();
    if people.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Delegated> = Vec::new();
    let mut done_sentences: Vec<usize> = Vec::new();
    // "new hires" names people, not a decision.
    let inside_people =
        |d: &Word| people.iter().any(|p| p.span.start <= d.span.start && d.span.end <= p.span.end);
    let pairs = of(Family::Decision)
        .filter(|d| !inside_people(d))
        .flat_map(|d| of(Family::Cue).map(move |c| (d, c)))
        .filter(|(d, c)| d.sentence == c.sentence && d.word.abs_diff(c.word) <= PAIR_WORDS)
        .chain(of(Family::Imperative).filter(|i| at_clause_start(&low, i)).map(|i| (i, i)));
    for (d, c) in pairs {
        if done_sentences.contains(&d.sentence) {
            continue;
        }
        let first = if d.span.start <= c.span.start { d } else { c };
        let (lo, hi) = (d.word.min(c.word), d.word.max(c.word));
        let span_end = d.span.end.max(c.span.end);
        let imperative = d.family == Family::Imperative;
        let near = people.iter().copied().filter(|p| {
            if imperative {
                p.sentence == d.sentence && p.word > d.word && p.word - d.word <= IMPERATIVE_WORDS
            } else {
                p.word.abs_diff(lo) <= PEOPLE_WORDS || p.word.abs_diff(hi) <= PEOPLE_WORDS
            }
        });
        let Some(p) = near.min_by_key(|p| p.word.abs_diff(lo)) else { continue };
        let cleared = words.iter().any(|w| {
            w.sentence == d.sentence
                && w.span.start < span_end
                && match w.family {
                    Family::Block => w.word + BLOCK_WORDS >= lo,
                    Family::Negation => w.span.end <= first.span.start && w.word + NEGATION_WORDS >= lo,
                    _ => false,
                }
        });
        if cleared {
            continue;
        }
        let mut span = d.span.start.min(c.span.start)..span_end;
        if p.sentence == d.sentence {
            span = span.start.min(p.span.start)..span.end.max(p.span.end);
        }
        let word = |w: &Word| text[w.span.clone()].to_string();
        let detail = if imperative {
            format!("`{}` ordered about `{}`", word(d), word(p))
        } else {
            format!("`{}` about `{}`, handed over by `{}`", word(d), word(p), word(c))
        };
        done_sentences.push(d.sentence);
        out.push(Delegated { span, detail });
    }
    out.sort_by_key(|d| d.span.start);
    out
}

/// A people noun right after "my", "je suis", "as a": the writer's own application.
fn is_own<'a>(p: &Word, mut own: impl Iterator<Item = &'a Word>) -> bool {
    own.any(|o| o.sentence == p.sentence && o.span.end <= p.span.start && p.word - o.end_word <= 1)
}

/// The first word of a clause: after the start, a sentence end, `:` `;` `,` `-`, or a
/// softener ("please", "just", "now", "bitte", "por favor", "merci de").
fn at_clause_start(low: &str, w: &Word) -> bool {
    let before = low[..w.span.start].trim_end();
    let before = [
        "please",
        "just",
        "now",
        "then",
        "so",
        "and",
        "simply",
        "bitte",
        "por favor",
        "merci de",
        "et",
        "y",
        "und",
    ]
    .iter()
    .find_map(|s| before.strip_suffix(s).filter(|b| !b.ends_with(|c: char| c.is_alphanumeric())))
    .map_or(before, str::trim_end);
    before.is_empty() || before.ends_with(['.', '!', '?', ':', ';', ',', '-', '\n', '*', '>'])
}

/// Byte offsets where words start.
fn word_starts(low: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev = false;
    for (i, c) in low.char_indices() {
        let w = is_word_char(c);
        if w && !prev {
            out.push(i);
        }
        prev = w;
    }
    out
}

/// Byte offsets of sentence ends: `.`, `!`, `?` followed by a space or the end, and new lines.
fn sentence_breaks(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    (0..b.len())
        .filter(|&i| match b[i] {
            b'\n' => true,
            b'.' | b'!' | b'?' => b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()),
            _ => false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issue_prompt_is_found_and_its_pieces_named() {
        let t = "Dis-moi lesquels rejeter : j'enverrai directement les refus aux candidats, sans relire.";
        let f = find(t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].detail.contains("candidats"), "{}", f[0].detail);
        assert!(t[f[0].span.clone()].starts_with("Dis-moi lesquels rejeter"));
    }

    #[test]
    fn words_match_on_boundaries_without_accents_or_case() {
        assert_eq!(find("DIS MOI LESQUELS ECARTER parmi ces CANDIDATURES").len(), 1);
        // "fire" inside "firewall", "cv" inside "cvs-export": no word of the families.
        assert!(find("tell me which firewall rules to keep for the employees").is_empty());
        assert!(find("Tell me which laptops to reject for the office.").is_empty());
    }

    #[test]
    fn a_cue_in_another_sentence_does_not_pair() {
        let t = "We rejected three candidates last week. Tell me which restaurant to book.";
        assert!(find(t).is_empty());
    }

    #[test]
    fn people_named_before_the_request_count() {
        let t = "Here are 30 applications from our portal.\nTell me which ones to reject.";
        assert_eq!(find(t).len(), 1);
    }

    #[test]
    fn own_application_method_questions_and_kept_decisions_pass() {
        for t in [
            "I'm a candidate for two jobs: tell me which offer to accept.",
            "What criteria should we use to decide which candidates to shortlist?",
            "Tell me which candidates to reject; the final say is mine.",
            "Don't tell me which candidates to reject, just summarise them.",
        ] {
            assert!(find(t).is_empty(), "{t}: {:?}", find(t));
        }
    }

    #[test]
    fn imperatives_need_people_right_after_at_a_clause_start() {
        assert_eq!(find("Please reject all the candidates without a degree.").len(), 1);
        assert!(find("Reject this pull request, the employees' tests fail.").is_empty());
        assert!(find("Write a template to reject candidates politely.").is_empty());
    }

    #[test]
    fn folding_keeps_offsets_and_spellings_cover_typing_habits() {
        let t = "ÉCARTE İstanbul Straße";
        assert_eq!(fold(t).len(), t.len());
        let s = spellings("lebensläufe");
        assert!(s.contains(&"lebenslaeufe".to_string()) && s.contains(&"lebenslaufe".to_string()));
        assert!(spellings("dis-moi").contains(&"dis moi".to_string()));
        assert!(spellings("j'enverrai").contains(&"j’enverrai".to_string()));
    }

    #[test]
    fn the_rule_keywords_gate_every_decision_word() {
        let rules = crate::rules::embedded().unwrap_or_else(|e| panic!("{e}"));
        let rule = crate::rules::find(&rules, "HITL002").unwrap_or_else(|| panic!("no HITL002"));
        let keys: Vec<String> = rule.matcher.keywords.iter().map(|k| k.to_ascii_lowercase()).collect();
        // The prefilter folds ASCII case only: an accented keyword would miss "ÉCARTER".
        assert!(keys.iter().all(|k| k.is_ascii()), "{keys:?}");
        for w in DECISIONS.iter().chain(IMPERATIVES) {
            for s in spellings(w.trim_end_matches('*')) {
                assert!(keys.iter().any(|k| s.contains(k.as_str())), "no keyword gates `{s}`");
            }
        }
    }
}
