//! The metadata of PNG, JPEG and WebP images, rendered as properties for the AI-label rules:
//! image-generator parameters (Stable Diffusion `parameters`, ComfyUI `prompt`/`workflow` PNG
//! text chunks), the software and description (EXIF, XMP, PNG text), the IPTC
//! DigitalSourceType of the XMP packet, and whether a C2PA manifest is embedded (PNG `caBX`,
//! JPEG APP11 JUMBF, WebP `C2PA`) with the digital-source type it declares. Pixels are never
//! decoded; only the container's chunks and segments are walked, each bounds-checked.

use super::Extracted;
use crate::detect::provenance::IPTC_AI_SOURCE_TYPES;

/// Which image container a file is, from its first bytes.
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpeg")
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some("webp")
    } else {
        None
    }
}

/// Extracts an image's metadata.
pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let mut doc = Extracted::default();
    match sniff(bytes) {
        Some("png") => png(bytes, &mut doc)?,
        Some("jpeg") => jpeg(bytes, &mut doc)?,
        Some("webp") => webp(bytes, &mut doc)?,
        _ => return Err("not a PNG, JPEG or WebP image".into()),
    }
    Ok(doc)
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn png(b: &[u8], doc: &mut Extracted) -> Result<(), String> {
    let mut at = 8;
    while at + 8 <= b.len() {
        let len = be32(b, at).ok_or("truncated PNG chunk")? as usize;
        let kind = &b[at + 4..at + 8];
        let data = b.get(at + 8..at + 8 + len).ok_or("truncated PNG chunk")?;
        match kind {
            b"tEXt" => {
                if let Some(nul) = data.iter().position(|&c| c == 0) {
                    // tEXt is Latin-1.
                    let value: String = data[nul + 1..].iter().map(|&c| char::from(c)).collect();
                    png_text(&String::from_utf8_lossy(&data[..nul]), &value, doc);
                }
            }
            b"iTXt" => itxt(data, doc),
            b"caBX" => c2pa(data, doc),
            b"IEND" => break,
            _ => {}
        }
        at += 12 + len;
    }
    Ok(())
}

/// An iTXt chunk: keyword, compression flag and method, language, translated keyword, text.
/// Compressed iTXt is rare in generator output and is not inflated.
fn itxt(data: &[u8], doc: &mut Extracted) {
    let mut fields = data.splitn(2, |&c| c == 0);
    let (Some(key), Some(rest)) = (fields.next(), fields.next()) else { return };
    if rest.len() < 2 || rest[0] != 0 {
        return;
    }
    let mut rest = rest[2..].splitn(3, |&c| c == 0);
    let (_, _, Some(text)) = (rest.next(), rest.next(), rest.next()) else { return };
    let key = String::from_utf8_lossy(key);
    let text = String::from_utf8_lossy(text);
    if key == "XML:com.adobe.xmp" {
        xmp(&text, doc);
    } else {
        png_text(&key, &text, doc);
    }
}

fn png_text(key: &str, value: &str, doc: &mut Extracted) {
    let k = key.to_ascii_lowercase();
    match k.as_str() {
        "parameters" | "prompt" | "workflow" | "invokeai_metadata" | "sd-metadata" | "dream" => {
            doc.property(&format!("png.{k}"), value);
        }
        "software" => doc.property("software", value),
        "description" | "title" | "comment" => doc.property("description", value),
        _ => {}
    }
}

fn jpeg(b: &[u8], doc: &mut Extracted) -> Result<(), String> {
    let mut at = 2;
    while at + 4 <= b.len() {
        if b[at] != 0xFF {
            return Err(format!("corrupt JPEG segment at byte {at}"));
        }
        let marker = b[at + 1];
        if marker == 0xD9 || marker == 0xDA {
            break; // end of image, or start of scan: no metadata after this
        }
        if marker == 0xFF || (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            at += if marker == 0xFF { 1 } else { 2 };
            continue;
        }
        let len = usize::from(u16::from_be_bytes([b[at + 2], b[at + 3]]));
        let data = b.get(at + 4..at + 2 + len).ok_or("truncated JPEG segment")?;
        match marker {
            0xE1 if data.starts_with(b"Exif\0\0") => exif(&data[6..], doc),
            0xE1 if data.starts_with(b"http://ns.adobe.com/xap/1.0/\0") => {
                xmp(&String::from_utf8_lossy(&data[29..]), doc);
            }
            0xEB => c2pa(data, doc),
            0xFE => doc.property("description", &String::from_utf8_lossy(data)),
            _ => {}
        }
        at += 2 + len;
    }
    Ok(())
}

fn webp(b: &[u8], doc: &mut Extracted) -> Result<(), String> {
    let mut at = 12;
    while at + 8 <= b.len() {
        let kind = &b[at..at + 4];
        let len = u32::from_le_bytes([b[at + 4], b[at + 5], b[at + 6], b[at + 7]]) as usize;
        let data = b.get(at + 8..at + 8 + len).ok_or("truncated WebP chunk")?;
        match kind {
            b"XMP " => xmp(&String::from_utf8_lossy(data), doc),
            b"EXIF" => exif(data.strip_prefix(b"Exif\0\0").unwrap_or(data), doc),
            b"C2PA" => c2pa(data, doc),
            _ => {}
        }
        at += 8 + len + (len & 1);
    }
    Ok(())
}

/// EXIF (a TIFF structure): Software and ImageDescription of IFD0.
fn exif(t: &[u8], doc: &mut Extracted) {
    let le = match t.get(..2) {
        Some(b"II") => true,
        Some(b"MM") => false,
        _ => return,
    };
    let u16_at = |i: usize| {
        t.get(i..i + 2)
            .map(|s| if le { u16::from_le_bytes([s[0], s[1]]) } else { u16::from_be_bytes([s[0], s[1]]) })
    };
    let u32_at = |i: usize| {
        t.get(i..i + 4).map(|s| {
            let a = [s[0], s[1], s[2], s[3]];
            if le { u32::from_le_bytes(a) } else { u32::from_be_bytes(a) }
        })
    };
    let Some(ifd0) = u32_at(4).map(|v| v as usize) else { return };
    // IFD0, then the Exif sub-IFD it points to (tag 0x8769), where UserComment lives.
    let mut ifds = vec![ifd0];
    let mut i = 0;
    while i < ifds.len() && i < 2 {
        let ifd = ifds[i];
        i += 1;
        let Some(count) = u16_at(ifd) else { continue };
        for k in 0..usize::from(count) {
            let e = ifd + 2 + k * 12;
            let (Some(tag), Some(kind), Some(n)) = (u16_at(e), u16_at(e + 2), u32_at(e + 4)) else { break };
            if tag == 0x8769 {
                if let Some(sub) = u32_at(e + 8).map(|v| v as usize).filter(|&s| s != ifd) {
                    ifds.push(sub);
                }
                continue;
            }
            // ASCII values, and UserComment (UNDEFINED with an 8-byte charset prefix).
            if !(kind == 2 || (kind == 7 && tag == 0x9286)) {
                continue;
            }
            let n = n as usize;
            let at = if n <= 4 { e + 8 } else { u32_at(e + 8).map_or(usize::MAX, |v| v as usize) };
            let Some(raw) = at.checked_add(n).and_then(|end| t.get(at..end)) else { continue };
            match tag {
                0x0131 => doc.property("software", &ascii(raw)),
                0x010E => doc.property("description", &ascii(raw)),
                0x9286 => {
                    let comment = user_comment(raw, le);
                    // Stable Diffusion web UIs write their parameters here in JPEG and WebP.
                    if comment.contains("Steps:") && comment.contains("Sampler:") {
                        doc.property("exif.parameters", &comment);
                    } else {
                        doc.property("description", &comment);
                    }
                }
                _ => {}
            }
        }
    }
}

fn ascii(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw.split(|&c| c == 0).next().unwrap_or_default()).into_owned()
}

/// An EXIF UserComment: an 8-byte character-code prefix, then the text.
fn user_comment(raw: &[u8], le: bool) -> String {
    let (code, text) = raw.split_at(raw.len().min(8));
    if code.starts_with(b"UNICODE") {
        let units: Vec<u16> = text
            .chunks_exact(2)
            .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
            .collect();
        // Writers disagree on the byte order of this field; pick the one that reads as text.
        let swapped: Vec<u16> = units.iter().map(|u| u.swap_bytes()).collect();
        let a = String::from_utf16_lossy(&units);
        let b = String::from_utf16_lossy(&swapped);
        let ascii_share = |s: &str| s.chars().filter(char::is_ascii).count();
        let best = if ascii_share(&b) > ascii_share(&a) { b } else { a };
        best.trim_end_matches('\0').to_string()
    } else {
        ascii(text)
    }
}

/// The value of an XMP property written as an attribute (`ns:Name="v"`) or an element
/// (`<ns:Name>v</ns:Name>`, or the first `rdf:li` inside it).
fn xmp_value<'a>(x: &'a str, name: &str) -> Option<&'a str> {
    if let Some(i) = x.find(&format!(":{name}=\"")) {
        let rest = &x[i + name.len() + 3..];
        return rest.split('"').next();
    }
    let i = x.find(&format!(":{name}>"))?;
    let mut rest = &x[i + name.len() + 2..];
    loop {
        let (text, after) = rest.split_once('<')?;
        if !text.trim().is_empty() {
            return Some(text.trim());
        }
        if after.starts_with('/') && !after.starts_with("/rdf:") {
            return None;
        }
        rest = after.split_once('>')?.1;
    }
}

fn xmp(x: &str, doc: &mut Extracted) {
    if let Some(v) = xmp_value(x, "DigitalSourceType") {
        doc.property("xmp.DigitalSourceType", v);
    }
    if let Some(v) = xmp_value(x, "CreatorTool") {
        doc.property("creator_tool", v);
    }
    if let Some(v) = xmp_value(x, "description") {
        doc.property("description", v);
    }
}

/// A C2PA manifest store: its presence, and the IPTC digital-source type it declares.
fn c2pa(data: &[u8], doc: &mut Extracted) {
    if memchr::memmem::find(data, b"c2pa").is_none() {
        return; // some other JUMBF payload
    }
    let declared = IPTC_AI_SOURCE_TYPES
        .iter()
        .filter(|t| memchr::memmem::find(data, t.as_bytes()).is_some())
        .max_by_key(|t| t.len());
    match declared {
        Some(t) => doc.property("c2pa", &format!("manifest, digitalSourceType {t}")),
        None => doc.property("c2pa", "manifest"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut v = (data.len() as u32).to_be_bytes().to_vec();
        v.extend_from_slice(kind);
        v.extend_from_slice(data);
        v.extend_from_slice(&[0, 0, 0, 0]);
        v
    }

    #[test]
    fn png_text_chunks_and_xmp() {
        let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
        b.extend(chunk(b"tEXt", b"parameters\0a lighthouse, Steps: 25, Sampler: Euler a"));
        b.extend(chunk(
            b"iTXt",
            b"XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta><rdf:Description Iptc4xmpExt:DigitalSourceType=\"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia\"/></x:xmpmeta>",
        ));
        b.extend(chunk(b"IEND", b""));
        let d = extract(&b).unwrap_or_default();
        assert_eq!(d.properties[0].0, "png.parameters");
        assert!(d.properties[1].1.ends_with("/trainedAlgorithmicMedia"), "{:?}", d.properties);
    }

    #[test]
    fn truncated_png_is_an_error() {
        let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
        b.extend_from_slice(&[0, 0, 1, 0, b't', b'E', b'X', b't', 1, 2]);
        assert!(extract(&b).is_err());
    }

    #[test]
    fn jpeg_exif_software_and_c2pa() {
        // EXIF, big-endian, one IFD0 entry: Software = "DALL-E 3" (9 bytes, stored at offset 26).
        let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01".to_vec();
        tiff.extend_from_slice(&[0x01, 0x31, 0, 2, 0, 0, 0, 9, 0, 0, 0, 26]);
        tiff.extend_from_slice(&[0, 0, 0, 0]);
        tiff.extend_from_slice(b"DALL-E 3\0");
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(tiff);
        let mut b = vec![0xFF, 0xD8];
        b.extend_from_slice(&[0xFF, 0xE1]);
        b.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
        b.extend(app1);
        let jumbf = b"JP\0\x01jumbc2pa c2pa.actions c2pa.created compositeWithTrainedAlgorithmicMedia";
        b.extend_from_slice(&[0xFF, 0xEB]);
        b.extend_from_slice(&((jumbf.len() + 2) as u16).to_be_bytes());
        b.extend_from_slice(jumbf);
        b.extend_from_slice(&[0xFF, 0xD9]);
        let d = extract(&b).unwrap_or_default();
        assert_eq!(d.properties[0], ("software".to_string(), "DALL-E 3".to_string()));
        assert_eq!(d.properties[1].1, "manifest, digitalSourceType compositeWithTrainedAlgorithmicMedia");
    }

    #[test]
    fn truncated_and_garbled_images_never_panic() {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(chunk(b"tEXt", b"parameters\0castle"));
        png.extend(chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0<x:DigitalSourceType>"));
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x20];
        jpeg.extend_from_slice(b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x05\x01\x31\0\x02\xff\xff\xff\xff\xff\xff");
        let webp = b"RIFF\0\0\0\0WEBPXMP \xff\xff\xff\x7f<x:".to_vec();
        for bytes in [png, jpeg, webp] {
            for n in 0..=bytes.len() {
                let _ = extract(&bytes[..n]);
                let mut flipped = bytes[..n].to_vec();
                if let Some(b) = flipped.get_mut(n / 2) {
                    *b ^= 0xA5;
                }
                let _ = extract(&flipped);
            }
        }
    }

    #[test]
    fn stable_diffusion_parameters_in_exif_user_comment() {
        // Little-endian TIFF: IFD0 with one entry pointing to the Exif IFD at 26, which holds
        // a UserComment in UTF-16 (big-endian, as A1111 writes it) at offset 44.
        let text = "a castle, Steps: 20, Sampler: Euler a, Model: sd_xl";
        let mut comment = b"UNICODE\0".to_vec();
        for u in text.encode_utf16() {
            comment.extend_from_slice(&u.to_be_bytes());
        }
        let mut t = b"II\x2a\0\x08\0\0\0\x01\0".to_vec();
        t.extend_from_slice(&[0x69, 0x87, 4, 0, 1, 0, 0, 0, 26, 0, 0, 0]);
        t.extend_from_slice(&[0, 0, 0, 0]);
        t.extend_from_slice(&[1, 0]);
        t.extend_from_slice(&[0x86, 0x92, 7, 0]);
        t.extend_from_slice(&(comment.len() as u32).to_le_bytes());
        t.extend_from_slice(&44u32.to_le_bytes());
        t.extend_from_slice(&[0, 0, 0, 0]);
        assert_eq!(t.len(), 44);
        t.extend(comment);
        let mut d = Extracted::default();
        exif(&t, &mut d);
        assert_eq!(d.properties, [("exif.parameters".to_string(), text.to_string())]);
    }

    #[test]
    fn webp_xmp_creator_tool() {
        let x = b"<x:xmpmeta><rdf:Description><xmp:CreatorTool>Midjourney</xmp:CreatorTool></rdf:Description></x:xmpmeta>";
        let mut b = b"RIFF\0\0\0\0WEBP".to_vec();
        b.extend_from_slice(b"XMP ");
        b.extend_from_slice(&(x.len() as u32).to_le_bytes());
        b.extend_from_slice(x);
        if x.len() % 2 == 1 {
            b.push(0);
        }
        let d = extract(&b).unwrap_or_default();
        assert_eq!(d.properties, [("creator_tool".to_string(), "Midjourney".to_string())]);
    }
}
