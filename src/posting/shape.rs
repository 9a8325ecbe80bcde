//! Which of NAV's JSON shapes a JSON value is, decided by its fields (content sniffing).
//!
//! Owns the recognition of every structured export terskel reads, and nothing of reading an ad:
//! - **many ads**: an array; a page `{"content": [ad, …]}` (the old public feed, Spring pages
//!   with `pageable`/`totalElements`); an Elasticsearch answer `{"hits": {"hits": [{"_source":
//!   ad}]}}`; a pam-stilling-feed page `{"version", "feed_url", "items": [{…, "_feed_entry"}]}`,
//!   whose items name ads without their text;
//! - **one ad behind a wrapper**: a pam-stilling-feed entry `{"uuid", "status", "sistEndret",
//!   "ad_content": ad}` (no content when inactive or masked), rekrutteringsbistand
//!   `{"stillingsinfo", "stilling": ad}`, an Elasticsearch hit `{"_source": ad}`;
//! - **an ad**: an object with a text field (`description`, `adText`, `adtext`, `text`, `body`,
//!   or pam-ad's `properties.adtext`), or with what names an ad (`uuid`, `title`, `properties`,
//!   …) but no text, which is an ad to skip.
//!
//! Anything else is [`Shape::Unknown`]: the caller refuses it, naming [`LOOKED_FOR`].

use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// The fields of a JSON object, values unparsed.
pub(crate) type Fields<'a> = BTreeMap<String, &'a RawValue>;

/// The top-level fields an ad's text is taken from, in order of preference.
pub const TEXT_FIELDS: &[&str] = &["description", "adText", "adtext", "text", "body"];

/// Fields that name an ad even when it has no text (an empty, inactive or masked ad is skipped,
/// not refused as an unknown shape).
const AD_FIELDS: &[&str] = &[
    "uuid",
    "title",
    "jobtitle",
    "properties",
    "businessName",
    "employer",
    "status",
    "reference",
];

/// What a JSON file of an unknown shape is told terskel looked for.
pub const LOOKED_FOR: &str = "an ad (description, adText, adtext, text, body or properties.adtext), an array of ads, a page (content), a pam-stilling-feed page (items with _feed_entry) or entry (ad_content), rekrutteringsbistand (stilling) or an Elasticsearch answer (hits.hits[]._source)";

/// The shape of one JSON value.
#[derive(Debug)]
pub(crate) enum Shape<'a> {
    /// Several records: the elements of this array (an array, a page's `content`,
    /// `hits.hits`, a feed page's `items`).
    Many(&'a RawValue),
    /// One ad wrapped in another object: read the inner object.
    Wrapped(&'a RawValue),
    /// A wrapper without its ad: skip it, for this reason.
    Empty(String),
    /// An ad object.
    Ad,
    /// An item of a pam-stilling-feed page: names an ad, holds no text.
    FeedItem,
    /// None of the shapes: the fields it has, sorted.
    Unknown(Vec<String>),
}

/// The fields of `raw` when it is a JSON object.
pub(crate) fn fields(raw: &RawValue) -> Option<Fields<'_>> {
    if !raw.get().starts_with('{') {
        return None;
    }
    serde_json::from_str(raw.get()).ok()
}

/// True when `raw` is a JSON array.
fn is_array(raw: Option<&&RawValue>) -> bool {
    raw.is_some_and(|raw| raw.get().starts_with('['))
}

/// True when `raw` is a JSON object.
fn is_object(raw: Option<&&RawValue>) -> bool {
    raw.is_some_and(|raw| raw.get().starts_with('{'))
}

/// True when the object has one of the text fields (holding anything), top-level or in
/// `properties`.
pub(crate) fn has_text_field(fields: &Fields<'_>) -> bool {
    TEXT_FIELDS.iter().any(|f| fields.contains_key(*f))
        || fields
            .get("properties")
            .and_then(|p| self::fields(p))
            .is_some_and(|p| p.contains_key("adtext"))
}

/// The shape of the object `fields`.
pub(crate) fn of_object<'a>(fields: &Fields<'a>) -> Shape<'a> {
    if let Some(entry) = fields.get("ad_content").or_else(|| fields.get("json")) {
        if fields.contains_key("sistEndret") || fields.contains_key("status") {
            let status = fields
                .get("status")
                .and_then(|s| serde_json::from_str::<String>(s.get()).ok());
            if !entry.get().starts_with('{') {
                return Shape::Empty(format!(
                    "the feed entry has no ad content (status {}; inactive and masked entries carry none)",
                    status.as_deref().unwrap_or("unknown")
                ));
            }
            if let Some(reason) = status.as_deref().and_then(inactive) {
                return Shape::Empty(reason);
            }
            return Shape::Wrapped(entry);
        }
    }
    if let Some(stilling) = fields
        .get("stilling")
        .filter(|_| fields.contains_key("stillingsinfo") || !has_text_field(fields))
    {
        return if stilling.get().starts_with('{') {
            Shape::Wrapped(stilling)
        } else {
            Shape::Empty("the rekrutteringsbistand record has no stilling".to_string())
        };
    }
    if let Some(source) = fields.get("_source").filter(|s| is_object(Some(s))) {
        return Shape::Wrapped(source);
    }
    if let Some(hits) = fields.get("hits").and_then(|h| self::fields(h)) {
        if let Some(inner) = hits.get("hits").filter(|h| is_array(Some(h))) {
            return Shape::Many(inner);
        }
    }
    if fields.contains_key("_feed_entry") {
        return Shape::FeedItem;
    }
    let feed_page = ["feed_url", "home_page_url", "next_url", "version"]
        .iter()
        .any(|f| fields.contains_key(*f));
    if let Some(items) = fields.get("items").filter(|i| is_array(Some(i))) {
        if feed_page || !has_text_field(fields) {
            return Shape::Many(items);
        }
    }
    if !has_text_field(fields) {
        if let Some(content) = fields.get("content").filter(|c| is_array(Some(c))) {
            return Shape::Many(content);
        }
    }
    let named = AD_FIELDS.iter().any(|f| fields.contains_key(*f));
    if has_text_field(fields) || named {
        if let Some(reason) = fields
            .get("status")
            .and_then(|s| serde_json::from_str::<String>(s.get()).ok())
            .as_deref()
            .and_then(inactive)
        {
            return Shape::Empty(reason);
        }
        return Shape::Ad;
    }
    Shape::Unknown(fields.keys().cloned().collect())
}

/// The reason to skip an ad of status `status`, when it is not a live ad.
fn inactive(status: &str) -> Option<String> {
    matches!(
        status.to_ascii_uppercase().as_str(),
        "INACTIVE" | "STOPPED" | "DELETED" | "REJECTED"
    )
    .then(|| format!("the ad's status is {status}, it is not published"))
}

/// True when the object is of a shape terskel reads (an ad, a wrapper or a page of ads): what
/// tells an export of ads from other JSON in a directory.
pub(crate) fn is_ad_like(fields: &Fields<'_>) -> bool {
    !matches!(of_object(fields), Shape::Unknown(_))
}
