//! The HTML reader (text extraction and the offset map back into the page) on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use terskel::posting::{read_bytes, Format, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let options = ReadOptions::default();
    if let Ok(doc) = read_bytes("fuzz.html", data, Format::Html, &options) {
        // Every item lies in the text and maps back into the page.
        for item in doc.items() {
            assert!(doc.text.get(item.span.clone()).is_some(), "item outside the text");
            let span = doc.span(item.span.clone());
            assert!(span.end <= doc.source.text.len(), "span outside the page");
        }
    }
});
