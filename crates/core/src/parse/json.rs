//! Parse stage 2b: an article saved as JSON, as scrapers write it (trafilatura, news-please,
//! newspaper, a site's own API): one object whose fields become front matter
//! ([`super::frontmatter::FrontMatter`], read by the same code) and whose text field becomes
//! the body (plain text or HTML, read by the same walk as any other file).
//!
//! A file is read as JSON when its name ends in `.json`, `.jsonl` or `.ndjson`, or when its
//! text is one JSON object. An array, or lines of objects, hold several articles: the file is
//! reported ([`JsonKind::Several`]), not cut into one article of raw JSON; so is an object with
//! no text field, and a `.json` file that is not JSON.

use serde_json::{Map, Value as Json};

use super::JsonKind;
use super::frontmatter::{FrontMatter, Value};

/// The fields an article's text is in, most specific first.
const TEXT_KEYS: &[&str] = &[
    "text",
    "content",
    "body",
    "maintext",
    "articlebody",
    "article",
    "raw_text",
    "content_html",
    "html",
];

/// An article read from JSON: its fields as front matter, and its body; or why it is none.
pub type Read = Result<(FrontMatter, String), JsonKind>;

/// Whether a file's name says it is JSON (`.json`, `.jsonl`, `.ndjson`).
pub fn is_json_name(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".json", ".jsonl", ".ndjson"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// `text` read as a JSON article: its fields as front matter and its body; None when the file
/// is not JSON (by its name or its first character).
pub fn article(path: &str, text: &str) -> Option<Read> {
    let named = is_json_name(path);
    let t = text.trim();
    let one_object = t.starts_with('{') && t.ends_with('}');
    if !named && !one_object {
        return None;
    }
    if let Some(objects) = several(path, text) {
        return Some(Err(JsonKind::Several(objects.len())));
    }
    match serde_json::from_str::<Json>(t) {
        Ok(Json::Object(fields)) => Some(object(&fields)),
        // One article in a list is the file's one article.
        Ok(Json::Array(items)) if items.len() == 1 && items[0].is_object() => {
            items[0].as_object().map(object)
        }
        Ok(_) if named => Some(Err(JsonKind::NoText)),
        Err(_) if named => Some(Err(JsonKind::Invalid)),
        // Text in braces that is not JSON: an ordinary article.
        _ => None,
    }
}

/// The articles of a JSON file that holds several: an array of two or more objects, or JSON
/// Lines (an object per line, two or more; a line that is not one is reported in its place,
/// [`JsonKind::Invalid`]) — each read as [`article`] reads one. None for any other file, and
/// for one where no object has a text field.
pub fn several(path: &str, text: &str) -> Option<Vec<Read>> {
    let named = is_json_name(path);
    let t = text.trim();
    if !named && !t.starts_with('{') {
        return None;
    }
    let objects: Vec<Option<Map<String, Json>>> = match serde_json::from_str::<Json>(t) {
        Ok(Json::Array(items)) if named && items.len() > 1 => items
            .into_iter()
            .map(|item| match item {
                Json::Object(o) => Some(Some(o)),
                _ => None,
            })
            .collect::<Option<_>>()?,
        Ok(_) => return None,
        Err(_) => {
            let lines: Vec<Option<Map<String, Json>>> = t
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| match serde_json::from_str::<Json>(l) {
                    Ok(Json::Object(o)) => Some(o),
                    _ => None,
                })
                .collect();
            // JSON Lines: two objects at least, and most lines objects.
            let good = lines.iter().filter(|o| o.is_some()).count();
            if good < 2 || good * 2 < lines.len() {
                return None;
            }
            lines
        }
    };
    let articles: Vec<_> = objects
        .iter()
        .map(|o| o.as_ref().map_or(Err(JsonKind::Invalid), object))
        .collect();
    // A list of records that are no articles (a search's export of snippets): one file with
    // no text, not a failure per record.
    articles.iter().any(Result::is_ok).then_some(articles)
}

/// An article's object: its text and the rest as front matter (keys lower-cased; strings,
/// numbers, lists of them, and the `name` of objects in a list, as news-please and
/// schema.org write authors).
fn object(fields: &Map<String, Json>) -> Read {
    let lower: Vec<(String, &Json)> = fields
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v))
        .collect();
    let body = TEXT_KEYS
        .iter()
        .find_map(|key| {
            lower.iter().find_map(|(k, v)| match v {
                Json::String(s) if k == key && !s.trim().is_empty() => Some(s.clone()),
                _ => None,
            })
        })
        .ok_or(JsonKind::NoText)?;
    let mut fm = FrontMatter::default();
    for (key, v) in lower {
        if TEXT_KEYS.contains(&key.as_str()) {
            continue;
        }
        let value = match v {
            Json::String(s) => Value::Scalar(s.trim().to_owned()),
            Json::Number(n) => Value::Scalar(n.to_string()),
            Json::Array(items) => Value::List(items.iter().filter_map(scalar).collect()),
            Json::Object(o) => match o.get("name").and_then(Json::as_str) {
                Some(name) => Value::Scalar(name.trim().to_owned()),
                None => continue,
            },
            Json::Null | Json::Bool(_) => continue,
        };
        fm.entries.push((key, value));
    }
    Ok((fm, body))
}

/// An item of a list: a string, a number, or an object's `name`.
fn scalar(v: &Json) -> Option<String> {
    match v {
        Json::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Json::Number(n) => Some(n.to_string()),
        Json::Object(o) => o
            .get("name")
            .and_then(Json::as_str)
            .map(|s| s.trim().to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_object_gives_its_text_and_fields() {
        let (fm, body) = article(
            "a.json",
            r#"{"title": "标题", "Authors": [{"name": "张三"}, "李四"], "date_publish": "2022-02-22 09:15:00", "text": "正文。", "views": 12, "paywall": false}"#,
        )
        .unwrap()
        .unwrap();
        assert_eq!(body, "正文。");
        assert_eq!(fm.get(&["title"]), Some(&Value::Scalar("标题".into())));
        assert_eq!(
            fm.get(&["authors"]),
            Some(&Value::List(vec!["张三".into(), "李四".into()]))
        );
        assert_eq!(fm.get(&["views"]), Some(&Value::Scalar("12".into())));
        assert_eq!(fm.get(&["paywall"]), None);
        assert_eq!(fm.get(&["text"]), None, "the text is the body, not a field");
    }

    #[test]
    fn several_articles_no_text_and_not_json_are_reported() {
        let lines = "{\"title\": \"一\", \"content\": \"正文一。\"}\n{\"title\": \"二\", \"content\": \"正文二。\"}\n";
        assert_eq!(
            article("b.jsonl", lines).unwrap().unwrap_err(),
            JsonKind::Several(2)
        );
        assert!(
            article("b.txt", "[{\"a\": 1}, {\"a\": 2}]").is_none(),
            "an array in a file not named .json is text"
        );
        let two = "[{\"title\": \"一\", \"text\": \"正文。\"}, {\"a\": 2}]";
        assert_eq!(
            article("c.json", two).unwrap().unwrap_err(),
            JsonKind::Several(2)
        );
        assert_eq!(several("c.json", two).map(|a| a.len()), Some(2));
        // Records with no text at all (an export of snippets): one file with no text.
        let records = "[{\"rank\": 1, \"snippets\": [\"…\"]}, {\"rank\": 2}]";
        assert!(several("c.json", records).is_none());
        assert_eq!(
            article("c.json", records).unwrap().unwrap_err(),
            JsonKind::NoText
        );
        assert_eq!(
            article("d.json", "{\"name\": \"dossier\", \"version\": \"1\"}")
                .unwrap()
                .unwrap_err(),
            JsonKind::NoText
        );
        assert_eq!(
            article("e.json", "标题\n\n正文。").unwrap().unwrap_err(),
            JsonKind::Invalid
        );
        // Text that only looks like an object is no JSON article.
        assert!(article("f.txt", "{重要} 会议纪要 {完}").is_none());
        assert!(article("g.md", "标题\n\n正文。").is_none());
    }
}
