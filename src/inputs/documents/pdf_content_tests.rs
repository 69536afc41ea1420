use lopdf::{Document, Object, Stream, dictionary};

use super::super::pdf::page_text;

/// A one-page document showing `content`, with a WinAnsi font `F1` and a standard-encoded
/// `F3` (`F2` is named by the streams but not defined).
fn document(content: &[u8]) -> (Document, lopdf::ObjectId) {
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let f1 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let f3 = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier" });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => f1, "F3" => f3 } });
    let content = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => content, "Resources" => resources,
    });
    let kids = dictionary! { "Type" => "Pages", "Kids" => vec![Object::from(page)], "Count" => 1 };
    doc.objects.insert(pages, Object::Dictionary(kids));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    (doc, page)
}

fn both(content: &[u8]) -> (Option<String>, Option<String>) {
    let (doc, page) = document(content);
    let by_lopdf = doc.extract_text_with_limit(&[1], 1 << 20).ok();
    (page_text(&doc, page).ok(), by_lopdf)
}

#[test]
fn a_page_reads_as_lopdf_reads_it_whatever_the_stream() {
    // Pieces of real content streams: escapes, nested strings, kerning, comments, marked
    // content, inline images, a font the page does not define.
    let pieces: &[&[u8]] = &[
        b"BT",
        b"ET",
        b"/F1 12 Tf",
        b"/F3 9 Tf",
        b"/F2 9 Tf",
        b"(Hello) Tj",
        b"(a\\(b\\)c \\101\\0618) Tj",
        b"(x\\\ny\\\r\nz\\q\\n) Tj",
        b"(nested (paren) ok) Tj",
        b"[(A) -250 (B) 120 (C) -99.5 (D) -101] TJ",
        b"[(a) [(b)] (c) 1 0 R] TJ",
        b"<48656C6C6F> Tj",
        b"< 4 8 6 > Tj",
        b"T*",
        b"(q) '",
        b"1 2 (w) \"",
        b"0 (w) \"",
        b"% comment\n",
        b"%\r\n",
        b"q",
        b"Q",
        b"1 0 0 1 50 700 cm",
        b"/P <</MCID 0 /Alt (x)>> BDC",
        b"EMC",
        b"BI /W 2 /H 1 /BPC 8 /CS /G ID \x01\x02 EI",
        b"BI /W 1 /H 1 /BPC 8 /CS /RGB /F /AHx ID 00> EI",
        b"BI /IM true /W 8 /H 1 ID \xff EI",
        b"BI /W 2 /H 1 /BPC 8 /CS /G ID  A EI",
        b"BI /W 1 /H 1 /BPC 8 /CS /G ID  EI",
        b"-.5-2 3. +4 Td",
        b"/N#41me#4 Tf",
        b"true false null 0 0 Td",
        b"d0",
        b"[[[[(deep)]]]] TJ",
        b"(\xe9t\xe9) Tj",
        b"(tab\there) Tj",
    ];
    // And broken ones, rarer: what ends the stream or fails the page.
    let broken: &[&[u8]] = &[
        b"<4G> Tj",
        b"% no end",
        b"BI /W 9 /H 9 /BPC 8 /CS /G ID xx EI",
        b"BI ID",
        b"Tf",
        b"12 Tf",
        b"(unclosed Tj",
        b"[(a) (b) TJ",
        b"nullx",
        b"\\",
        b"<<",
        b">>",
        b"99999999999999999999 Tw",
        b"(\\",
        b"'",
        b"\"",
    ];
    let seps: &[&[u8]] = &[b" ", b"\n", b"\r\n", b"", b"\t ", b"\x00"];
    let mut rng = crate::test_rng::Xorshift::new(0x9e37_79b9_7f4a_7c15);
    let mut next = |n: usize| rng.below(n);
    let (mut read, mut failed) = (0, 0);
    for _ in 0..6000 {
        let mut content = Vec::new();
        for _ in 0..next(24) {
            let piece = if next(40) == 0 { broken[next(broken.len())] } else { pieces[next(pieces.len())] };
            content.extend_from_slice(piece);
            content.extend_from_slice(seps[next(seps.len())]);
        }
        let (ours, theirs) = both(&content);
        assert_eq!(ours, theirs, "{:?}", String::from_utf8_lossy(&content));
        match ours {
            Some(t) if !t.trim().is_empty() => read += 1,
            None => failed += 1,
            _ => {}
        }
    }
    assert!(read > 1000 && failed > 200, "both outcomes are tried: {read} read, {failed} failed");
    let deep = format!("{}(x){} TJ", "[".repeat(150), "]".repeat(150));
    assert_eq!(both(deep.as_bytes()), (None, None), "nesting past lopdf's limit fails the page");
    let (ours, _) = both(b"BT /F1 12 Tf (Hello) Tj T* [(Wor) -300 (ld)] TJ ET");
    assert_eq!(ours.as_deref(), Some("Hello\nWor ld \n"));
}
