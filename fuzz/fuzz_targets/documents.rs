//! Document readers: DOCX, PPTX, ODT, PDF and image metadata (PNG, JPEG, WebP), each claimed by
//! its extension as the walk does; the first byte picks the file name. A file that is not what
//! its name says is an input error, never a panic.
#![no_main]

use charterlint_fuzz::{read_as_file, with_source};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "docs/report.docx",
    "docs/deck.pptx",
    "docs/notes.odt",
    "docs/paper.pdf",
    "img/cover.png",
    "img/photo.jpg",
    "img/banner.webp",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else { return };
    let name = NAMES[pick as usize % NAMES.len()];
    with_source(|source| read_as_file(source, name, body));
});
