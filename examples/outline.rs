//! Prints how terskel reads an ad: its language, role family, and every block and item with its
//! effective section. Useful when writing rules.
//!
//! Run: `cargo run --example outline -- FILE...`

use std::path::PathBuf;
use terskel::posting::{self, ReadOptions};

fn main() {
    for arg in std::env::args().skip(1) {
        match posting::read_path(&PathBuf::from(&arg), &ReadOptions::default()) {
            Ok(doc) => {
                println!(
                    "# {arg}: language {} ({}), role {:?}",
                    doc.language,
                    if doc.language_detected {
                        "detected"
                    } else {
                        "given"
                    },
                    doc.role
                );
                let mut lix = terskel::engine::readability::Lix::default();
                for item in doc.items().filter(|i| {
                    matches!(
                        i.kind,
                        posting::ItemKind::ListItem | posting::ItemKind::Paragraph
                    )
                }) {
                    lix.add(doc.slice(item.span.clone()));
                }
                println!(
                    "LIX {:.1} ({} words, {} sentences, {} long words)",
                    lix.value(),
                    lix.words,
                    lix.sentences,
                    lix.long_words
                );
                println!("{}", posting::outline(&doc));
            }
            Err(e) => eprintln!("error: {e}"),
        }
    }
}
