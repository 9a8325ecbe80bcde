//! The JSON readers on arbitrary bytes: one-ad JSON, a JSON file of many ads (arrays, feeds
//! wrapping an array, objects per line) and JSON Lines read as a stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use terskel::posting::json::{read_record, split, JsonLines};
use terskel::posting::{read_bytes, Format, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let options = ReadOptions::default();
    let _ = read_bytes("fuzz.json", data, Format::Json, &options);
    let _ = read_bytes("fuzz.jsonl", data, Format::Json, &options);
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(records) = split("fuzz.json", text) {
            for record in records {
                let _ = read_record(record, &options);
            }
        }
    }
    for item in JsonLines::new("fuzz.jsonl", data).take(10_000) {
        if let Ok(record) = item {
            let _ = read_record(record, &options);
        }
    }
});
