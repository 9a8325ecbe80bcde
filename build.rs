//! Embeds the default rule pack (`rules/**/*.yaml`) into the binary, each YAML document also
//! converted to JSON ahead of time: reading JSON at start-up is many times faster than YAML, and
//! start-up is what a one-file check pays. A document that does not convert is left to the YAML
//! reader at run time (which then gives the exact error), so the conversion never changes what
//! loads; a unit test in `rules/load.rs` checks that both ways give the same rules.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/rules/chunk.rs"]
mod chunk;

/// `(first line, JSON)` of every document of `text` that converts.
fn documents(text: &str) -> Vec<(usize, String)> {
    chunk::split_documents(text)
        .into_iter()
        .filter_map(|c| {
            let value: serde_json::Value = serde_yaml_ng::from_str(&c.text).ok()?;
            Some((c.first_line, serde_json::to_string(&value).ok()?))
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&rules, &mut files);
    files.sort();
    let mut code = String::from(
        "/// (path under rules/, contents, (first line, JSON) of each document) of every embedded\n/// rule file.\n#[allow(clippy::type_complexity)]\npub static RULE_FILES: &[(&str, &str, &[(usize, &str)])] = &[\n",
    );
    for file in &files {
        let name = file
            .strip_prefix(&rules)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        println!("cargo:rerun-if-changed={}", file.display());
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let _ = write!(
            code,
            "    ({name:?}, include_str!({:?}), &[",
            file.display().to_string()
        );
        for (line, json) in documents(&text) {
            let _ = write!(code, "({line}, {json:?}), ");
        }
        code.push_str("]),\n");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()));
    if let Err(e) = std::fs::write(out.join("embedded_rules.rs"), code) {
        println!("cargo:warning=cannot write embedded rule list: {e}");
        std::process::exit(1);
    }
}
