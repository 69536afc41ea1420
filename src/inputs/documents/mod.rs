//! Documents that are not plain text: office files (DOCX, ODT, PPTX), PDFs and the metadata of
//! images (PNG, JPEG, WebP). Each format extracts its text as located parts (a paragraph, a
//! slide, a page, a comment) plus its document properties; this module renders them as one
//! unit (properties as a front-matter block, then one part per line, so the document-level
//! label rules see the whole document), checks it, and maps every finding back to the part it
//! fell in (`record`: "page 3", "slide 2", "paragraph 14", "document properties").

pub mod docx;
pub mod image;
pub mod odt;
pub mod office;
pub mod pdf;
pub mod pptx;

use std::io::Read;

use crate::engine::{Engine, Unit};
use crate::inputs::kind::{FileKind, Kinds};
use crate::inputs::structured::Claimed;
use crate::inputs::walk::{InputError, Outcome};

/// Largest document read into memory; larger ones are reported and skipped.
pub const MAX_DOCUMENT: u64 = 256 * 1024 * 1024;
/// Largest inflated size of one zip entry (an XML part, say) that is read.
pub const MAX_ENTRY: u64 = 64 * 1024 * 1024;
/// Largest inflated size of all the entries read from one zip file.
pub const MAX_INFLATED: u64 = 256 * 1024 * 1024;
/// Longest property value kept (an image-generator prompt can be long).
const MAX_VALUE: usize = 4096;

/// One piece of text and where it is in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// "page 3", "slide 2", "paragraph 14", "comment 1 (J. Martin)".
    pub location: String,
    pub text: String,
}

/// What a format extracted from a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Document properties as `key: value` pairs (keys as the label rules know them:
    /// `generator`, `producer`, `application`, `software`, `description`, `keywords`…).
    pub properties: Vec<(String, String)>,
    pub parts: Vec<Part>,
}

impl Extracted {
    pub fn property(&mut self, key: &str, value: &str) {
        let v: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if v.is_empty() {
            return;
        }
        let v = match v.char_indices().nth(MAX_VALUE) {
            Some((i, _)) => format!("{}…", &v[..i]),
            None => v,
        };
        self.properties.push((key.to_string(), v));
    }

    pub fn part(&mut self, location: String, text: String) {
        self.parts.push(Part { location, text });
    }

    /// The unit text and, for each of its lines, the location it comes from.
    pub fn render(&self) -> (String, Vec<String>) {
        let mut text = String::new();
        let mut lines = Vec::new();
        if !self.properties.is_empty() {
            text.push_str("---\n");
            lines.push("document properties".to_string());
            for (k, v) in &self.properties {
                text.push_str(&format!("{k}: {v}\n"));
                lines.push("document properties".to_string());
            }
            text.push_str("---\n");
            lines.push("document properties".to_string());
        }
        for p in &self.parts {
            for line in p.text.lines() {
                text.push_str(line);
                text.push('\n');
                lines.push(p.location.clone());
            }
        }
        (text, lines)
    }
}

/// Checks an extracted document as one unit of `kinds` and maps the findings to their parts.
pub fn check(engine: &Engine, shown: &str, rel_path: &str, kinds: Kinds, doc: &Extracted, out: &mut Outcome) {
    let (text, lines) = doc.render();
    out.files += 1;
    out.records += doc.parts.len();
    out.bytes += text.len() as u64;
    let unit = Unit::file(shown, rel_path, &text, kinds);
    for mut f in engine.check(&unit) {
        if let Some(loc) = lines.get(f.start.line.saturating_sub(1)) {
            f.record = Some(match f.record.take() {
                Some(r) => format!("{loc} › {r}"),
                None => loc.clone(),
            });
        }
        out.findings.push(f);
    }
}

/// Kinds of a document unit: prose that came out of a document.
pub fn document_kinds(engine: &Engine, rel_path: &str) -> Kinds {
    engine.refine_kinds(rel_path, Kinds::default().with(FileKind::Document).with(FileKind::Prose))
}

/// Reports a document that could not be read and skips it.
pub fn fail(out: &mut Outcome, shown: &str, what: &str, why: impl std::fmt::Display) {
    out.errors.push(InputError { path: shown.to_string(), message: format!("{what}: {why}") });
}

/// A document format this module reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Pptx,
    Odt,
    Pdf,
    Image,
}

/// Largest image whose metadata is read; metadata sits in the first chunks of real images.
const MAX_IMAGE: u64 = 64 * 1024 * 1024;

/// Claims a file by its extension, or an image or PDF by its magic bytes whatever its name.
/// A claimed file that turns out not to be of its format is reported as corrupt.
pub fn claim(rel_path: &str, head: &[u8]) -> Option<Format> {
    let lower = rel_path.rsplit('/').next().unwrap_or(rel_path).to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "docx" | "docm" | "dotx" => Some(Format::Docx),
        "pptx" | "pptm" | "potx" => Some(Format::Pptx),
        "odt" | "ott" => Some(Format::Odt),
        "pdf" => Some(Format::Pdf),
        "png" | "jpg" | "jpeg" | "webp" => Some(Format::Image),
        _ if head.starts_with(b"%PDF-") => Some(Format::Pdf),
        _ if image::sniff(head).is_some() => Some(Format::Image),
        _ => None,
    }
}

/// Reads a claimed document (bounded), extracts it and checks it. Corrupt, encrypted and
/// oversized documents are reported as input errors and skipped.
pub fn scan(format: Format, file: &Claimed<'_>, reader: &mut dyn Read, out: &mut Outcome) {
    let Claimed { engine, shown, rel_path, len } = *file;
    let is_image = format == Format::Image;
    // Image metadata only matters where the charter requires labels.
    if is_image && !engine.label_required(rel_path) {
        out.skipped_binary += 1;
        return;
    }
    let cap = if is_image { MAX_IMAGE } else { MAX_DOCUMENT };
    if len > cap {
        out.skipped_large += 1;
        return;
    }
    let mut bytes = Vec::with_capacity(len as usize);
    if let Err(e) = (&mut *reader).take(cap + 1).read_to_end(&mut bytes) {
        return fail(out, shown, "read error", e);
    }
    if bytes.len() as u64 > cap {
        out.skipped_large += 1;
        return;
    }
    let what = match format {
        Format::Docx => "DOCX",
        Format::Pptx => "PPTX",
        Format::Odt => "ODT",
        Format::Pdf => "PDF",
        Format::Image => "image",
    };
    if matches!(format, Format::Docx | Format::Pptx | Format::Odt)
        && bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
    {
        return fail(out, shown, what, "the document is encrypted (or a legacy binary file)");
    }
    let extracted = match format {
        Format::Docx => docx::extract(bytes),
        Format::Pptx => pptx::extract(bytes),
        Format::Odt => odt::extract(bytes),
        Format::Pdf => pdf::extract(&bytes),
        Format::Image => image::extract(&bytes),
    };
    let doc = match extracted {
        Ok(d) => d,
        Err(e) => return fail(out, shown, what, e),
    };
    let kinds = if is_image {
        engine.refine_kinds(rel_path, Kinds::default().with(FileKind::Image))
    } else {
        document_kinds(engine, rel_path)
    };
    check(engine, shown, rel_path, kinds, &doc, out);
}
