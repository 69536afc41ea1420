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

static CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:employee|staff|worker|workplace|candidate|applicant|interview|recruit|hiring|(?-u:\b)hr(?-u:\b)|student|pupil|classroom|school|exam|proctor|salari[eé]|employ[eé]|candidat|entretien|recrut|[eé]tudiant|[eé]l[eè]ve|examen|lyc[eé]e|coll[eè]ge)",
    )
});

/// Every emotion-recognition call in `text`.
pub fn find(text: &str) -> Vec<Emotion> {
    let mut out = Vec::new();
    for (api, call, needs) in APIS.iter() {
        for m in call.find_iter(text) {
            if let Some(needs) = needs {
                let mut end = (m.end() + 400).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                if !needs.is_match(&text[m.end()..end]) {
                    continue;
                }
            }
            out.push(Emotion { span: m.range(), api, workplace_or_school: false });
        }
    }
    if !out.is_empty() {
        let context = CONTEXT.is_match(text);
        for e in &mut out {
            e.workplace_or_school = context;
        }
        out.sort_by_key(|e| e.span.start);
    }
    out
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
}
