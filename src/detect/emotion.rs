//! Emotion recognition and biometric categorisation of people: face and voice APIs that infer
//! emotions (EU AI Act Art. 5(1)(f), prohibited at work and in education) or race (Art. 5(1)(g)).
//! Text sentiment analysis (of product reviews, say) infers nothing from biometric data and is
//! not matched.
// charterlint: allow-file PROHIB001 -- the patterns and tests of the emotion-recognition detector

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Emotion {
    pub span: Range<usize>,
    /// Which API or library.
    pub api: &'static str,
    /// The file speaks of employees, candidates, students or exams: the prohibition applies.
    pub workplace_or_school: bool,
}

fn re(p: &str) -> Regex {
    crate::rules::compile::build_regex(p).unwrap_or_else(|e| panic!("built-in pattern {p}: {e}"))
}

/// (API, call pattern, what must follow within the call's next characters, if anything).
static APIS: LazyLock<Vec<(&'static str, Regex, Option<Regex>)>> = LazyLock::new(|| {
    vec![
        // DeepFace.analyze's default actions include emotion and race.
        ("DeepFace", re(r"DeepFace\.(?:analyze|stream)[ \t]*\("), None),
        (
            "fer",
            re(r"(?:from[ \t]+fer[ \t]+import[ \t]+FER|\.detect_emotions[ \t]*\(|\.top_emotion[ \t]*\()"),
            None,
        ),
        (
            "AWS Rekognition",
            re(
                r"(?:detect_faces|DetectFacesCommand|detectFaces|start_face_detection|StartFaceDetection)[ \t]*\(",
            ),
            Some(re(r#"(?i)["'](?:ALL|EMOTIONS)["']"#)),
        ),
        (
            "Azure Face",
            re(r"(?i)(?:FaceAttributeType\.Emotion|return_?face_?attributes[^\n]{0,120}emotion)"),
            None,
        ),
        (
            "Hume expression measurement",
            re(
                r"(?:expression_measurement|ExpressionMeasurement|HumeBatchClient|submit_face[ \t]*\(|Models[ \t]*\([ \t]*face[ \t]*=)",
            ),
            None,
        ),
        ("face-api.js", re(r"(?:withFaceExpressions[ \t]*\(|faceExpressionNet)"), None),
        (
            "a face or voice emotion model",
            re(
                r"(?i)(?:image|audio)-classification[^\n]{0,160}(?:emotion|face-expression|facial-expression|(?-u:\b)fer)",
            ),
            None,
        ),
    ]
});

/// Work and school vocabulary. Words that also mean something else in face-analysis code are
/// left out or narrowed: `candidate` (a face-match candidate), `pupil` (of the eye), `worker`
/// (a thread or process), `exam` (inside `example`), `entretien` (maintenance).
static CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:employee|staff|workplace|workforce|coworker|applicant|job[ _-]?applica|interview|recruit|hiring|(?-u:\b)hr(?-u:\b)|human[ _-]?resources|payroll|student|classroom|school|(?-u:\b)exam(?:s|en|ination|inations)?(?-u:\b)|proctor|salari[eé]|employ[eé]|candidature|embauche|recrut|[eé]tudiant|[eé]l[eè]ve|lyc[eé]e|coll[eè]ge)",
    )
});

/// DeepFace's actions that infer emotion or race; age and gender alone are neither.
static PROHIBITED_ACTION: LazyLock<Regex> = LazyLock::new(|| re(r#"["'](?:emotion|race)["']"#));

/// Every emotion-recognition call in `text`. The workplace-or-school context is read from the
/// text alone; [`find_in_file`] also reads it from the file's path.
pub fn find(text: &str) -> Vec<Emotion> {
    find_in_file("", text)
}

/// Every emotion-recognition call in the file at `rel_path` with content `text`. Calls in
/// comments (commented-out code) and DeepFace calls whose actions name neither emotion nor race
/// are not reported.
pub fn find_in_file(rel_path: &str, text: &str) -> Vec<Emotion> {
    let mut out = Vec::new();
    for (api, call, needs) in APIS.iter() {
        for m in call.find_iter(text) {
            if in_comment(text, m.start()) {
                continue;
            }
            if let Some(needs) = needs
                && !needs.is_match(&text[m.end()..window_end(text, m.end(), 400)])
            {
                continue;
            }
            if *api == "DeepFace" && !deepface_infers_emotion(text, m.end()) {
                continue;
            }
            out.push(Emotion { span: m.range(), api, workplace_or_school: false });
        }
    }
    if !out.is_empty() {
        let context = CONTEXT.is_match(rel_path) || CONTEXT.is_match(text);
        for e in &mut out {
            e.workplace_or_school = context;
        }
        out.sort_by_key(|e| e.span.start);
    }
    out
}

fn window_end(text: &str, from: usize, len: usize) -> usize {
    let mut end = (from + len).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The match at `pos` sits in a line comment (`#`, `//`, `--`, `*` of a block comment) or in a
/// `/* … */` block. Quotes on the line before it are followed so a `#` in a string is no comment.
fn in_comment(text: &str, pos: usize) -> bool {
    let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..pos];
    let lead = prefix.trim_start();
    if lead.starts_with('*') || lead.starts_with("--") || lead.starts_with("<!--") {
        return true;
    }
    let bytes = prefix.as_bytes();
    let mut quote: Option<u8> = None;
    for (k, &b) in bytes.iter().enumerate() {
        match quote {
            Some(q) if b == q && (k == 0 || bytes[k - 1] != b'\\') => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' | b'`' => quote = Some(b),
                b'#' if k == 0 || bytes[k - 1].is_ascii_whitespace() => return true,
                b'/' if bytes.get(k + 1) == Some(&b'/') => return true,
                _ => {}
            },
        }
    }
    // Inside a block comment whose opening line starts with `/*` (a `/*` elsewhere may be a
    // glob in a string). Bounded look-back.
    if lead.starts_with("/*") {
        return true;
    }
    for line in text[..line_start].lines().rev().take(200) {
        if line.contains("*/") {
            return false;
        }
        if line.trim_start().starts_with("/*") {
            return true;
        }
    }
    false
}

/// A `DeepFace.analyze(`/`DeepFace.stream(` call whose arguments start at `args`: analyze infers
/// emotion and race unless its actions leave both out; stream does unless face analysis is off.
fn deepface_infers_emotion(text: &str, args: usize) -> bool {
    let args = call_arguments(text, args);
    if args.contains("enable_face_analysis") {
        let off = args
            .split("enable_face_analysis")
            .nth(1)
            .is_some_and(|rest| rest.trim_start().trim_start_matches('=').trim_start().starts_with("False"));
        return !off;
    }
    match actions_value(text, args) {
        Some(list) => PROHIBITED_ACTION.is_match(list),
        // The default actions are age, gender, race and emotion.
        None => true,
    }
}

/// The text between a call's parentheses (the opening one just before `start`), bounded.
fn call_arguments(text: &str, start: usize) -> &str {
    let end = window_end(text, start, 2000);
    let mut depth = 0usize;
    for (k, b) in text[start..end].bytes().enumerate() {
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth == 0 => return &text[start..start + k],
            b')' | b']' | b'}' => depth -= 1,
            _ => {}
        }
    }
    &text[start..end]
}

/// The actions list of a DeepFace call: `actions=[…]`/`(…)`, a list given by position, or the
/// list a variable named in `actions=name` was assigned in the same file. `None` when the
/// actions are not written out (the defaults apply, or they come from elsewhere).
fn actions_value<'a>(text: &'a str, args: &'a str) -> Option<&'a str> {
    static KEYWORD: LazyLock<Regex> =
        LazyLock::new(|| re(r"actions[ \t]*=[ \t]*(?:(\[[^\]]*\]|\([^)]*\))|([A-Za-z_][A-Za-z0-9_]*))"));
    static POSITIONAL: LazyLock<Regex> =
        LazyLock::new(|| re(r#"^[^,\[(]*,[ \t\r\n]*(\[[ \t\r\n]*["'][^\]]*\]|\([ \t\r\n]*["'][^)]*\))"#));
    if let Some(c) = KEYWORD.captures(args) {
        if let Some(list) = c.get(1) {
            return Some(list.as_str());
        }
        let name = c.get(2)?.as_str();
        let assign = re(&format!(
            r"(?m)^[ \t]*{}[ \t]*(?::[^=\n]*)?=[ \t]*(\[[^\]]*\]|\([^)]*\))",
            regex::escape(name)
        ));
        return assign.captures(text).and_then(|c| c.get(1)).map(|m| m.as_str());
    }
    POSITIONAL.captures(args).and_then(|c| c.get(1)).map(|m| m.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn face_and_voice_emotion_apis() {
        let py = "from deepface import DeepFace\n# score employees' mood at the door camera\nres = DeepFace.analyze(img_path=frame)\n";
        let e = find(py);
        assert_eq!(e.len(), 1);
        assert!(e[0].workplace_or_school);
        let aws = "rek.detect_faces(Image={'Bytes': b}, Attributes=['ALL'])";
        assert_eq!(find(aws).len(), 1);
        assert!(!find(aws)[0].workplace_or_school);
        assert!(find("rek.detect_faces(Image={'Bytes': b}, Attributes=['DEFAULT'])").is_empty());
        assert_eq!(find("const d = await faceapi.detectAllFaces(v).withFaceExpressions();").len(), 1);
        let hf = "clf = pipeline(\"image-classification\", model=\"trpakov/vit-face-expression\")";
        assert_eq!(find(hf).len(), 1);
    }

    #[test]
    fn text_sentiment_is_not_emotion_recognition() {
        assert!(find("clf = pipeline('sentiment-analysis')\nclf(review_text)\n").is_empty());
        assert!(find("from textblob import TextBlob\nTextBlob(review).sentiment\n").is_empty());
        let txt =
            "clf = pipeline('text-classification', model='j-hartmann/emotion-english-distilroberta-base')";
        assert!(find(txt).is_empty());
    }

    #[test]
    fn commented_out_calls_are_not_reported() {
        let py = "from deepface import DeepFace\n\nDeepFace.stream(\"db\", enable_face_analysis=False)\n# DeepFace.stream(\"db\", detector_backend='ssd')\n#DeepFace.analyze(img)\nx = 1  # DeepFace.analyze(img)\n";
        assert!(find(py).is_empty(), "{:?}", find(py));
        let js = "// const r = await faceapi.detectAllFaces(v).withFaceExpressions();\n/*\n  old: faceapi.detectAllFaces(v).withFaceExpressions()\n*/\nconst d = await faceapi.detectAllFaces(v).withFaceLandmarks();\n";
        assert!(find(js).is_empty(), "{:?}", find(js));
        // A `#` inside a string, and a glob `/*` in a string, comment nothing out.
        let live = "files = glob('data/*.jpg')\nlabel = '#1'; res = DeepFace.analyze(img_path=f)\n";
        assert_eq!(find(live).len(), 1);
        assert_eq!(find("res = DeepFace.analyze(img)  # emotion of the visitor\n").len(), 1);
    }

    #[test]
    fn deepface_actions_without_emotion_or_race() {
        for call in [
            "DeepFace.analyze(img, actions=[\"age\", \"gender\"])",
            "DeepFace.analyze(img_path=p, actions=(\"gender\",), enforce_detection=False)",
            "DeepFace.analyze(img, ['age', 'gender'], silent=True)",
            "ACTIONS = ['age', 'gender']\nres = DeepFace.analyze(frame, actions=ACTIONS)",
            "DeepFace.stream(db_path=\"staff\", enable_face_analysis=False)",
        ] {
            assert!(find(call).is_empty(), "{call}");
        }
        for call in [
            "DeepFace.analyze(img, actions=[\"age\", \"emotion\"])",
            "DeepFace.analyze(img, actions=(\"race\",))",
            "DeepFace.analyze(img, ('age', 'gender', 'emotion'))",
            "ACTIONS = ['emotion']\nres = DeepFace.analyze(frame, actions=ACTIONS)",
            "res = DeepFace.analyze(frame, actions=request.actions)",
            "DeepFace.stream(db_path=\"db\")",
            "DeepFace.analyze(\n    img_path=face,\n    actions=(\"age\", \"gender\", \"emotion\"),\n)",
        ] {
            assert_eq!(find(call).len(), 1, "{call}");
        }
    }

    #[test]
    fn work_or_school_context_comes_from_hr_and_school_words() {
        // A face-match candidate, an example, workers and pupils are no workplace or school.
        let lib = "candidate = df.iloc[0]\n# for example\nnum_workers = 4\npupil_size = 3\nres = DeepFace.analyze(img_path=face)\n";
        let e = find(lib);
        assert_eq!(e.len(), 1);
        assert!(!e[0].workplace_or_school);
        let hr = "def screen_applicant(video):\n    return DeepFace.analyze(video)\n";
        assert!(find(hr)[0].workplace_or_school);
        let exam = "# online exams: flag stressed takers\nDeepFace.analyze(frame)\n";
        assert!(find(exam)[0].workplace_or_school);
        let plain = "res = DeepFace.analyze(frame)\n";
        assert!(!find_in_file("demo/app.py", plain)[0].workplace_or_school);
        assert!(find_in_file("hr/onboarding_cam.py", plain)[0].workplace_or_school);
        assert!(find_in_file("school/classroom_mood.py", plain)[0].workplace_or_school);
    }
}
