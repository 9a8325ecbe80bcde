//! Splitting a rule file into its YAML documents, and finding a key's line and column in one.
//!
//! Plain `std` only: `build.rs` includes this file too, to cut the embedded pack into the same
//! documents when it converts them ahead of time.

/// One YAML document of a file: its text and the file line it starts on.
pub(crate) struct Chunk {
    /// The file line (1-based) of the document's first line.
    pub first_line: usize,
    /// The document's text.
    pub text: String,
}

impl Chunk {
    /// The 1-based file line and column of the first `field:` key in the chunk.
    pub fn field_location(&self, field: &str) -> Option<(usize, usize, String)> {
        self.text.lines().enumerate().find_map(|(i, line)| {
            let trimmed = line.trim_start();
            let key = trimmed.strip_prefix("- ").unwrap_or(trimmed).trim_start();
            let rest = key.strip_prefix(field)?;
            rest.trim_start().starts_with(':').then(|| {
                let column = line.chars().count() - key.chars().count() + 1;
                (self.first_line + i, column, line.to_string())
            })
        })
    }

    pub fn line(&self, file_line: usize) -> Option<String> {
        self.text
            .lines()
            .nth(file_line.checked_sub(self.first_line)?)
            .map(str::to_string)
    }

    /// The value of a top-level `id:` line, for messages about rules that fail to deserialise.
    pub fn id(&self) -> Option<String> {
        self.text.lines().find_map(|line| {
            let value = line.strip_prefix("id:")?.trim();
            let value = value.trim_matches(|c| c == '"' || c == '\'');
            (!value.is_empty()).then(|| value.to_string())
        })
    }
}

/// Splits a multi-document YAML text at `---` lines (a `...` line ends a document).
pub(crate) fn split_documents(text: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut current = String::new();
    let mut first_line = 1;
    for (i, line) in text.split('\n').enumerate() {
        let bare = line.trim_end();
        if bare == "---" || bare.starts_with("--- ") || bare == "..." {
            chunks.push(Chunk {
                first_line,
                text: std::mem::take(&mut current),
            });
            first_line = i + 2;
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    chunks.push(Chunk {
        first_line,
        text: current,
    });
    chunks
        .into_iter()
        .filter(|c| {
            c.text
                .lines()
                .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        })
        .collect()
}
