//! The JSON export splitter: every element it hands over is a slice of the input at the offset
//! it reports, in order; a broken file ends with an error, never a panic.
#![no_main]

use charterlint::inputs::logs::split::split;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut next = 0u64;
    let mut index = 0;
    let _ = split(data, |e| {
        let at = usize::try_from(e.offset).expect("offset fits");
        assert!(e.offset >= next, "elements out of order");
        assert_eq!(e.index, index, "element indexes skip");
        assert!(
            data.get(at..at + e.bytes.len()) == Some(&e.bytes[..]),
            "element is not the input at its offset"
        );
        assert!(e.start.line >= 1 && e.start.column >= 1, "positions are 1-based");
        next = e.offset + e.bytes.len() as u64;
        index += 1;
    });
});
