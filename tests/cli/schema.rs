//! The JSON Schemas of `check` and `audit` (`schemas/`) validated against every corpus output,
//! and the small JSON Schema validator that does it: the keywords that terskel's own schemas
//! (`schemas/*.json`, draft 2020-12) and the official SARIF 2.1.0 schema (draft-04 style) use,
//! and nothing more. A keyword it does not know makes it panic, so a schema can never be
//! "validated" by silently skipping what it asks for.
//!
//! Why not the `jsonschema` crate: it and its dependencies made a cold `cargo test` take several
//! minutes longer on 2 cores (issue 14), for the twenty keywords used here.
//! See: issue 14.

use serde_json::Value;

/// Keywords that only annotate: they never make a document invalid.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "id",
    "$comment",
    "title",
    "description",
    "default",
    "examples",
    "deprecated",
    "readOnly",
    "format",
    "$defs",
    "definitions",
];

/// A compiled-on-the-fly validator for one schema document.
pub struct Validator {
    root: Value,
}

impl Validator {
    /// A validator for `schema`; panics on a keyword the validator does not implement, anywhere
    /// in the schema.
    pub fn new(schema: Value) -> Validator {
        check_keywords(&schema, "#");
        Validator { root: schema }
    }

    /// Every violation of the schema by `instance`, as `message at /instance/path`.
    pub fn errors(&self, instance: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.validate(&self.root, instance, "", &mut errors);
        errors
    }

    /// True when `instance` is valid.
    pub fn is_valid(&self, instance: &Value) -> bool {
        self.errors(instance).is_empty()
    }

    fn resolve(&self, reference: &str) -> &Value {
        let pointer = reference
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("only local $ref are supported: {reference}"));
        self.root
            .pointer(pointer)
            .unwrap_or_else(|| panic!("$ref {reference} points at nothing"))
    }

    fn validate(&self, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
        let schema = match schema {
            Value::Bool(true) => return,
            Value::Bool(false) => {
                errors.push(format!("nothing is allowed at {at}"));
                return;
            }
            Value::Object(map) => map,
            other => panic!("a schema is an object or a boolean, not {other}"),
        };
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            self.validate(self.resolve(reference), value, at, errors);
        }
        let mut own = Vec::new();
        let mut fail = |message: String| own.push(format!("{message} at {at}"));
        if let Some(types) = schema.get("type") {
            let allowed: Vec<&str> = match types {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                other => panic!("bad type {other}"),
            };
            if !allowed.iter().any(|t| has_type(value, t)) {
                fail(format!("{value} is not of type {allowed:?}"));
            }
        }
        if let Some(options) = schema.get("enum").and_then(Value::as_array) {
            if !options.contains(value) {
                fail(format!("{value} is not one of {options:?}"));
            }
        }
        if let Some(constant) = schema.get("const") {
            if constant != value {
                fail(format!("{value} is not {constant}"));
            }
        }
        if let Some(n) = value.as_f64() {
            if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
                if n < min {
                    fail(format!("{n} is less than {min}"));
                }
            }
            if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
                if n > max {
                    fail(format!("{n} is more than {max}"));
                }
            }
        }
        if let Some(text) = value.as_str() {
            if let Some(min) = schema.get("minLength").and_then(Value::as_u64) {
                if (text.chars().count() as u64) < min {
                    fail(format!("{text:?} is shorter than {min}"));
                }
            }
            if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
                let regex =
                    regex::Regex::new(pattern).unwrap_or_else(|e| panic!("pattern {pattern}: {e}"));
                if !regex.is_match(text) {
                    fail(format!("{text:?} does not match {pattern}"));
                }
            }
        }
        if let Some(items) = value.as_array() {
            if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
                if (items.len() as u64) < min {
                    fail(format!("fewer than {min} items"));
                }
            }
            if let Some(max) = schema.get("maxItems").and_then(Value::as_u64) {
                if (items.len() as u64) > max {
                    fail(format!("more than {max} items"));
                }
            }
            if schema.get("uniqueItems") == Some(&Value::Bool(true)) {
                for (i, item) in items.iter().enumerate() {
                    if items[..i].contains(item) {
                        fail(format!("item {i} is a duplicate"));
                    }
                }
            }
        }
        errors.append(&mut own);
        if let Some(items) = value.as_array() {
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    self.validate(item_schema, item, &format!("{at}/{i}"), errors);
                }
            }
        }
        if let Some(object) = value.as_object() {
            let properties = schema.get("properties").and_then(Value::as_object);
            if let Some(required) = schema.get("required").and_then(Value::as_array) {
                for key in required.iter().filter_map(Value::as_str) {
                    if !object.contains_key(key) {
                        errors.push(format!("missing property {key:?} at {at}"));
                    }
                }
            }
            for (key, item) in object {
                let here = format!("{at}/{key}");
                match properties.and_then(|p| p.get(key)) {
                    Some(property) => self.validate(property, item, &here, errors),
                    None => {
                        if let Some(additional) = schema.get("additionalProperties") {
                            self.validate(additional, item, &here, errors);
                        }
                    }
                }
            }
            if let Some(names) = schema.get("propertyNames") {
                for key in object.keys() {
                    self.validate(names, &Value::String(key.clone()), at, errors);
                }
            }
        }
        if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
            for sub in all {
                self.validate(sub, value, at, errors);
            }
        }
        if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
            if !any.iter().any(|sub| self.passes(sub, value)) {
                errors.push(format!("no schema of anyOf matches at {at}"));
            }
        }
        if let Some(one) = schema.get("oneOf").and_then(Value::as_array) {
            let matching = one.iter().filter(|sub| self.passes(sub, value)).count();
            if matching != 1 {
                errors.push(format!("{matching} schemas of oneOf match at {at}"));
            }
        }
    }

    fn passes(&self, schema: &Value, value: &Value) -> bool {
        let mut errors = Vec::new();
        self.validate(schema, value, "", &mut errors);
        errors.is_empty()
    }
}

/// Keywords that validate (besides [`ANNOTATIONS`]).
const KEYWORDS: &[&str] = &[
    "$ref",
    "type",
    "enum",
    "const",
    "minimum",
    "maximum",
    "minLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "items",
    "properties",
    "required",
    "additionalProperties",
    "propertyNames",
    "allOf",
    "anyOf",
    "oneOf",
];

fn check_keywords(schema: &Value, at: &str) {
    let Value::Object(map) = schema else {
        return;
    };
    for (key, sub) in map {
        assert!(
            KEYWORDS.contains(&key.as_str()) || ANNOTATIONS.contains(&key.as_str()),
            "the test validator does not implement `{key}` (at {at})"
        );
        match key.as_str() {
            "properties" | "$defs" | "definitions" => {
                for (name, s) in sub.as_object().into_iter().flatten() {
                    check_keywords(s, &format!("{at}/{key}/{name}"));
                }
            }
            "items" | "additionalProperties" | "propertyNames" => {
                check_keywords(sub, &format!("{at}/{key}"))
            }
            "allOf" | "anyOf" | "oneOf" => {
                for (i, s) in sub.as_array().into_iter().flatten().enumerate() {
                    check_keywords(s, &format!("{at}/{key}/{i}"));
                }
            }
            _ => {}
        }
    }
}

fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => {
            value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|n| n.fract() == 0.0)
        }
        other => panic!("unknown type {other}"),
    }
}

#[test]
fn the_validator_rejects_what_a_schema_forbids() {
    let schema = serde_json::json!({
        "type": "object",
        "required": ["a"],
        "additionalProperties": false,
        "properties": {
            "a": {"type": "integer", "minimum": 1},
            "b": {"$ref": "#/$defs/level"},
            "c": {"type": "array", "items": {"type": "string", "pattern": "^x"}, "uniqueItems": true},
            "d": {"oneOf": [{"type": "null"}, {"type": "string"}]}
        },
        "$defs": {"level": {"enum": ["error", "warning"]}}
    });
    let v = Validator::new(schema);
    assert!(v.is_valid(&serde_json::json!({"a": 1, "b": "error", "c": ["x1"], "d": null})));
    for bad in [
        serde_json::json!({}),
        serde_json::json!({"a": 0}),
        serde_json::json!({"a": 1.5}),
        serde_json::json!({"a": 1, "b": "fatal"}),
        serde_json::json!({"a": 1, "c": ["y"]}),
        serde_json::json!({"a": 1, "c": ["x", "x"]}),
        serde_json::json!({"a": 1, "d": 3}),
        serde_json::json!({"a": 1, "e": 3}),
    ] {
        assert!(!v.is_valid(&bad), "{bad}");
    }
}

#[test]
#[should_panic(expected = "does not implement `dependentRequired`")]
fn an_unknown_keyword_is_refused() {
    Validator::new(serde_json::json!({"dependentRequired": {}}));
}

/// The repository's schema `name` (`schemas/NAME.schema.json`).
fn repository_schema(name: &str) -> Validator {
    let path = crate::root()
        .join("schemas")
        .join(format!("{name}.schema.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    Validator::new(schema)
}

#[track_caller]
fn assert_valid(validator: &Validator, output: &std::process::Output, what: &str) {
    let value: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {}", crate::stderr(output)));
    let errors = validator.errors(&value);
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

/// Every input of the corpus and the fixtures, one at a time and all together, an export, and a
/// run with a suppression: each `check --format json` output is valid.
// See: issue 14.
#[test]
fn check_json_of_every_corpus_ad_validates_against_the_schema() {
    let validator = repository_schema("check");
    let mut inputs: Vec<String> = vec!["corpus/".into(), "tests/fixtures/".into()];
    for dir in ["corpus/nb", "corpus/nn", "corpus/en", "tests/fixtures"] {
        let mut files: Vec<_> = std::fs::read_dir(crate::root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        inputs.extend(
            files
                .iter()
                .map(|p| p.strip_prefix(crate::root()).unwrap().display().to_string()),
        );
    }
    for input in &inputs {
        let out = crate::run(&["check", "--format", "json", "--fail-on", "never", input]);
        assert_eq!(crate::code(&out), 0, "{input}: {}", crate::stderr(&out));
        assert_valid(&validator, &out, input);
    }
    let dir = tempfile::tempdir().unwrap();
    let export = crate::write(
        dir.path(),
        "eksport.jsonl",
        "{\"id\":\"a1\",\"title\":\"Renholder\",\"employer\":\"Storåsen kommune\",\"description\":\"<h3>Kvalifikasjoner</h3><ul><li>Du må ha førerkort</li></ul>\"}\n",
    );
    let out = crate::run(&[
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        export.to_str().unwrap(),
    ]);
    assert_valid(&validator, &out, "export");

    // The validator is not a rubber stamp: a wrong severity is refused.
    let mut value: Value = serde_json::from_slice(&out.stdout).unwrap();
    value["documents"][0]["findings"][0]["severity"] = "fatal".into();
    assert!(!validator.is_valid(&value));
}

// See: issue 14.
#[test]
fn audit_json_validates_against_the_schema() {
    let validator = repository_schema("audit");
    for input in ["corpus/", "corpus/nb", "tests/fixtures/"] {
        let out = crate::run(&["audit", "--format", "json", "--fail-on", "never", input]);
        assert_eq!(crate::code(&out), 0, "{input}: {}", crate::stderr(&out));
        assert_valid(&validator, &out, input);
    }
    let dir = tempfile::tempdir().unwrap();
    crate::write(
        dir.path(),
        "a.md",
        "---\nemployer: Storåsen kommune\n---\n# Sjåfør\n\n## Kvalifikasjoner\n\n<!-- terskel-disable-next-line driving-licence: Jobben er kjøring. -->\n- Førerkort klasse B\n<!-- terskel-disable-next-line driving-licence -->\n- Førerkort klasse C\n",
    );
    let out = crate::run(&[
        "audit",
        "--format",
        "json",
        "--fail-on",
        "never",
        dir.path().to_str().unwrap(),
        "no-such.md",
    ]);
    assert_eq!(crate::code(&out), 2);
    assert_valid(&validator, &out, "suppressions and an unread input");
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!value["suppressions"].as_array().unwrap().is_empty());
    assert_eq!(value["unread"].as_array().unwrap().len(), 1);
}
