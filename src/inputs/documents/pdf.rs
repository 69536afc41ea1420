//! PDF: the text of each page and the document information (Producer, Creator, Title,
//! Subject, Keywords). Read with `lopdf`, which parses cross-reference streams and object
//! streams, decodes the standard filters, and bounds the inflated size of page content. Page
//! text is what the content streams draw (`Tj`/`TJ`), so the order follows the producer.

use lopdf::{Document, Object};

use super::Extracted;

/// Largest inflated content of one page.
const MAX_PAGE_CONTENT: usize = 64 * 1024 * 1024;

/// Extracts a PDF's text per page and its information dictionary.
pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
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
    let mut failed = 0;
    for &n in pages.keys() {
        let text = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pdf.extract_text_with_limit(&[n], MAX_PAGE_CONTENT)
        }));
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
