//! The Markdown reader with front matter (and plain text, which also reads front matter) on
//! arbitrary bytes: reading may fail with an error, never panic, hang or blow up in memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use terskel::posting::{read_bytes, Format, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let options = ReadOptions::default();
    let _ = read_bytes("fuzz.md", data, Format::Markdown, &options);
    let _ = read_bytes("fuzz.txt", data, Format::Text, &options);
});
