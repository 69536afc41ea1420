//! PDF: the text of each page and the document information (Producer, Creator, Title,
//! Subject, Keywords). Read with `lopdf`, which parses cross-reference streams and object
//! streams, decodes the standard filters, and bounds the inflated size of page content. Page
//! text is what the content streams draw (`Tj`/`TJ`), so the order follows the producer; the
//! streams are read by [`super::pdf_content`], which gives lopdf's text faster.

use lopdf::{Document, Object};

use super::Extracted;

/// Largest inflated content of one page.
const MAX_PAGE_CONTENT: usize = 64 * 1024 * 1024;

/// Extracts a PDF's text per page and its information dictionary.
pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    // lopdf rebuilds what it can of a cut file and reads its surviving pages as if whole: the
    // missing end would go unchecked without a word.
    if !has_end_marker(bytes) {
        return Err("the PDF is truncated (no %%EOF end marker)".into());
    }
    // lopdf may panic on some malformed files; a bad file must never stop the scan.
    let loaded = std::panic::catch_unwind(|| Document::load_mem(bytes))
        .map_err(|_| "the PDF structure could not be parsed".to_string())?;
    let pdf = loaded.map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => "the PDF is encrypted".to_string(),
        e => format!("not a readable PDF ({e})"),
    })?;
    if pdf.is_encrypted() && pdf.encryption_state.is_none() {
        return Err("the PDF is encrypted".into());
    }
    let mut doc = Extracted::default();
    if let Ok(info) = pdf.trailer.get_deref(b"Info", &pdf).and_then(Object::as_dict) {
        for (key, name) in [
            (&b"Producer"[..], "producer"),
            (b"Creator", "creator_tool"),
            (b"Title", "title"),
            (b"Subject", "subject"),
            (b"Keywords", "keywords"),
            (b"Author", "author"),
        ] {
            if let Ok(v) = info.get_deref(key, &pdf).and_then(lopdf::decode_text_string) {
                doc.property(name, &v);
            }
        }
    }
    let pages = pdf.get_pages();
    if pages.is_empty() {
        return Err("no page could be found: the PDF is damaged".into());
    }
    let mut failed = 0;
    for (&n, &id) in &pages {
        let text = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| page_text(&pdf, id)));
        match text {
            Ok(Ok(t)) => doc.part(format!("page {n}"), t),
            _ => failed += 1,
        }
    }
    if failed > 0 && failed == pages.len() {
        return Err(format!("no text could be extracted from its {failed} page(s)"));
    }
    Ok(doc)
}

/// A page's text as lopdf's `extract_text` gives it (its fonts' encodings, its content
/// bounded), the content stream read by [`super::pdf_content`].
pub(super) fn page_text(pdf: &Document, page: lopdf::ObjectId) -> Result<String, String> {
    let fonts = pdf.get_page_fonts(page).map_err(|e| e.to_string())?;
    let mut encodings = std::collections::BTreeMap::new();
    for (name, font) in fonts {
        let encoding = font.get_font_encoding_with_limit(pdf, MAX_PAGE_CONTENT).map_err(|e| e.to_string())?;
        encodings.insert(name, encoding);
    }
    let content = pdf.get_page_content_with_limit(page, MAX_PAGE_CONTENT).map_err(|e| e.to_string())?;
    super::pdf_content::page_text(&content, &encodings)
}

/// Whether `%%EOF` ends the file, as readers expect it within the last kilobyte (after trailing
/// blanks and NUL padding, which some tools add).
fn has_end_marker(bytes: &[u8]) -> bool {
    let end = bytes.iter().rposition(|b| !b.is_ascii_whitespace() && *b != 0).map_or(0, |i| i + 1);
    let tail = &bytes[end.saturating_sub(1024)..end];
    memchr::memmem::rfind(tail, b"%%EOF").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-page PDF with a correct cross-reference table.
    fn one_page() -> Vec<u8> {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
            "<< /Length 20 >>\nstream\nBT (a page) Tj ET   \nendstream",
        ];
        let mut out = String::from("%PDF-1.4\n");
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
        }
        let xref = out.len();
        out.push_str("xref\n0 5\n0000000000 65535 f \n");
        for o in offsets {
            out.push_str(&format!("{o:010} 00000 n \n"));
        }
        out.push_str(&format!("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        out.into_bytes()
    }

    #[test]
    fn a_whole_pdf_gives_its_page() {
        let doc = extract(&one_page()).map_err(|e| e.to_string());
        assert_eq!(doc.map(|d| d.parts.len()), Ok(1));
    }

    #[test]
    fn a_pdf_cut_before_its_pages_is_an_error() {
        let whole = one_page();
        let cut = &whole[..whole.len() / 3];
        assert_eq!(extract(cut).err().as_deref(), Some("the PDF is truncated (no %%EOF end marker)"));
        let mut padded = whole.clone();
        padded.extend_from_slice(b"\r\n\0\0\0\n");
        assert!(extract(&padded).is_ok(), "trailing blanks and NULs are padding");
    }
}
