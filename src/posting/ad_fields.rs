//! What the fields of one JSON ad mean, for every shape NAV exports: the old public feed and
//! pam-stilling-feed (`FeedAd`: `description`, `employer.description`, `link`, `applicationDue`,
//! `occupationCategories`, `workLocations`, `contactList`), pam-ad's internal shape (`AdDTO`:
//! `properties.adtext`, `properties.jobtitle`, `properties.employerdescription`, `businessName`,
//! nested `employer`, `categoryList`, `locationList`) and the import API (`adText`).
//!
//! Owns the choice of each field (the ad text, the title, the employer's own text, the
//! structured contacts) and the metadata an ad carries into reports: `uuid`, `link`,
//! `employer`, `orgnr`, `application_due`, `sector`, `extent`, `engagement_type`, `occupation`
//! and `location` (plus every other top-level scalar under its own name, `id` and `url`). It does
//! not assemble the document text or know about positions; that is `json`.

use super::shape::{self, Fields, TEXT_FIELDS};
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::BTreeMap;

/// The metadata keys that identify an exported ad in reports (design.md §5), in output order.
pub const REPORTED: &[&str] = &[
    "uuid",
    "link",
    "employer",
    "orgnr",
    "application_due",
    "sector",
    "extent",
    "engagement_type",
    "occupation",
    "location",
];

/// The fields of one ad object, with its nested `properties` and `employer` objects.
#[derive(Debug)]
pub(crate) struct AdFields<'a> {
    /// The ad object's own fields.
    pub top: Fields<'a>,
    /// pam-ad's `properties`.
    pub properties: Fields<'a>,
    /// The nested `employer` object.
    pub employer: Fields<'a>,
}

/// One structured contact: its field values, unparsed (JSON string literals).
#[derive(Debug)]
pub(crate) struct Contact<'a> {
    /// The parts to show, in order: name, title, phone, e-mail (those that hold text).
    pub parts: Vec<&'a RawValue>,
}

/// A JSON string literal's text, when `raw` is a string.
fn string(raw: &RawValue) -> Option<String> {
    if !raw.get().starts_with('"') {
        return None;
    }
    serde_json::from_str(raw.get()).ok()
}

/// The literal when `raw` is a string holding more than whitespace.
fn texty<'a>(raw: Option<&&'a RawValue>) -> Option<&'a RawValue> {
    let raw = *raw?;
    let inner = raw.get().strip_prefix('"')?;
    // A character that is neither whitespace nor an escape is text, without decoding the string.
    if inner
        .trim_end_matches('"')
        .chars()
        .any(|c| !c.is_whitespace() && c != '\\')
    {
        let escapes_only = inner.contains('\\');
        if !escapes_only {
            return Some(raw);
        }
    }
    string(raw).filter(|s| !s.trim().is_empty()).map(|_| raw)
}

impl<'a> AdFields<'a> {
    /// The fields of the ad object `top`.
    pub fn new(top: Fields<'a>) -> Self {
        let nested = |name: &str| {
            top.get(name)
                .and_then(|raw| shape::fields(raw))
                .unwrap_or_default()
        };
        let properties = nested("properties");
        let employer = nested("employer");
        Self {
            top,
            properties,
            employer,
        }
    }

    /// The ad text: the first of [`TEXT_FIELDS`] with text, else `properties.adtext`.
    pub fn text(&self) -> Option<&'a RawValue> {
        TEXT_FIELDS
            .iter()
            .find_map(|f| texty(self.top.get(*f)))
            .or_else(|| texty(self.properties.get("adtext")))
    }

    /// The title: `title`, else `properties.jobtitle`, else `jobtitle`.
    pub fn title(&self) -> Option<&'a RawValue> {
        texty(self.top.get("title"))
            .or_else(|| texty(self.properties.get("jobtitle")))
            .or_else(|| texty(self.top.get("jobtitle")))
    }

    /// The employer's own text: `employer.description`, `properties.employerdescription` or
    /// `employerDescription`.
    pub fn employer_text(&self) -> Option<&'a RawValue> {
        texty(self.employer.get("description"))
            .or_else(|| texty(self.properties.get("employerdescription")))
            .or_else(|| texty(self.top.get("employerDescription")))
    }

    /// The entries of `contactList` that have a name and a phone number or an e-mail address.
    pub fn contacts(&self) -> Vec<Contact<'a>> {
        let Some(list) = self.top.get("contactList").or(self.top.get("contacts")) else {
            return Vec::new();
        };
        let items: Vec<&RawValue> = serde_json::from_str(list.get()).unwrap_or_default();
        items
            .into_iter()
            .filter_map(|item| {
                let fields = shape::fields(item)?;
                let name = texty(fields.get("name"))?;
                let phone = texty(fields.get("phone"));
                let email = texty(fields.get("email"));
                if phone.is_none() && email.is_none() {
                    return None;
                }
                let title = texty(fields.get("title")).or_else(|| texty(fields.get("role")));
                let parts = [Some(name), title, phone, email]
                    .into_iter()
                    .flatten()
                    .collect();
                Some(Contact { parts })
            })
            .collect()
    }

    /// The ad's metadata (see the module docs).
    pub fn metadata(&self) -> BTreeMap<String, Value> {
        let mut out = BTreeMap::new();
        for (name, raw) in &self.top {
            if TEXT_FIELDS.contains(&name.as_str()) {
                continue;
            }
            if let Ok(value @ (Value::String(_) | Value::Number(_) | Value::Bool(_))) =
                serde_json::from_str::<Value>(raw.get())
            {
                out.insert(name.clone(), value);
            }
        }
        let top = |name: &str| self.top.get(name).and_then(|r| scalar(r));
        let prop = |name: &str| self.properties.get(name).and_then(|r| scalar(r));
        let emp = |name: &str| self.employer.get(name).and_then(|r| scalar(r));
        let pick = |candidates: Vec<Option<Value>>| candidates.into_iter().flatten().next();
        let derived = [
            ("uuid", pick(vec![top("uuid"), top("reference")])),
            (
                "link",
                pick(vec![top("link"), top("url"), top("sourceurl")]),
            ),
            (
                "employer",
                pick(vec![
                    emp("name"),
                    emp("businessName"),
                    top("employer"),
                    top("businessName"),
                    prop("employer"),
                ]),
            ),
            ("orgnr", pick(vec![emp("orgnr"), top("orgnr")])),
            (
                "application_due",
                pick(vec![top("applicationDue"), prop("applicationdue")]),
            ),
            (
                "sector",
                pick(vec![top("sector"), prop("sector"), emp("sector")]),
            ),
            ("extent", pick(vec![top("extent"), prop("extent")])),
            (
                "engagement_type",
                pick(vec![top("engagementtype"), prop("engagementtype")]),
            ),
            ("occupation", self.occupation()),
            ("location", self.location()),
            ("id", pick(vec![top("uuid"), top("id")])),
            ("url", pick(vec![top("link"), top("sourceurl"), top("url")])),
        ];
        for (key, value) in derived {
            match value {
                Some(value) => {
                    out.insert(key.to_string(), value);
                }
                // A nested employer object without a name is no employer name.
                None if key == "employer"
                    && out.get("employer").is_some_and(|v| !v.is_string()) =>
                {
                    out.remove("employer");
                }
                None => {}
            }
        }
        out
    }

    /// The occupation: `categoryList` codes (STYRK08, ESCO) with their names, else
    /// `occupationCategories` (`level1 / level2`), joined with `; `.
    fn occupation(&self) -> Option<Value> {
        let list = |name: &str| -> Vec<Fields<'a>> {
            self.top
                .get(name)
                .and_then(|raw| serde_json::from_str::<Vec<&RawValue>>(raw.get()).ok())
                .unwrap_or_default()
                .into_iter()
                .filter_map(shape::fields)
                .collect()
        };
        let get = |f: &Fields<'_>, name: &str| f.get(name).and_then(|r| string(r));
        let mut parts: Vec<String> = list("categoryList")
            .iter()
            .filter_map(|c| {
                let kind = get(c, "categoryType").unwrap_or_default();
                let code = get(c, "code")?;
                let name = get(c, "name").unwrap_or_default();
                let kind = if kind.to_ascii_uppercase().starts_with("STYRK") {
                    "STYRK08"
                } else if kind.to_ascii_uppercase().starts_with("ESCO") {
                    "ESCO"
                } else {
                    return None;
                };
                Some(format!("{kind} {code} {name}").trim().to_string())
            })
            .collect();
        if parts.is_empty() {
            parts = list("occupationCategories")
                .iter()
                .filter_map(|c| {
                    let levels: Vec<String> = ["level1", "level2"]
                        .iter()
                        .filter_map(|l| get(c, l))
                        .filter(|s| !s.trim().is_empty())
                        .collect();
                    (!levels.is_empty()).then(|| levels.join(" / "))
                })
                .collect();
        }
        if parts.is_empty() {
            parts.extend(
                self.properties
                    .get("occupation")
                    .and_then(|r| string(r))
                    .filter(|s| !s.trim().is_empty()),
            );
        }
        (!parts.is_empty()).then(|| Value::String(parts.join("; ")))
    }

    /// The first work location: municipality (or city), with the county, e.g. `LEKA, TRØNDELAG`.
    fn location(&self) -> Option<Value> {
        let first = ["locationList", "workLocations"].iter().find_map(|name| {
            let raw = self.top.get(*name)?;
            let items: Vec<&RawValue> = serde_json::from_str(raw.get()).ok()?;
            items.into_iter().find_map(shape::fields)
        })?;
        let get = |name: &str| {
            first
                .get(name)
                .and_then(|r| string(r))
                .filter(|s| !s.trim().is_empty())
        };
        let place = get("municipal").or_else(|| get("city"))?;
        Some(Value::String(match get("county") {
            Some(county) if county != place => format!("{place}, {county}"),
            _ => place,
        }))
    }
}

/// A scalar JSON value (string with text, number, boolean).
fn scalar(raw: &RawValue) -> Option<Value> {
    match serde_json::from_str::<Value>(raw.get()).ok()? {
        Value::String(s) if s.trim().is_empty() => None,
        value @ (Value::String(_) | Value::Number(_) | Value::Bool(_)) => Some(value),
        _ => None,
    }
}
