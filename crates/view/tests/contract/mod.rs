//! The markup contract, checked from the outside: how many elements of each kind a page (or a
//! browser's dump of its DOM) holds, against how many annotations its NDJSON holds.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// The contract's attributes: `data-entity`, `data-quote`, `data-speaker`, `data-cue`,
/// `data-dateline`.
pub const ATTRIBUTES: [&str; 5] = ["entity", "quote", "speaker", "cue", "dateline"];

/// Count per contract attribute.
pub type Counts = BTreeMap<&'static str, usize>;

/// The bundled fixtures as `newsnlp run` annotates them, then the hostile documents.
pub fn annotated_input() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let read = |p: PathBuf| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p:?}: {e}"));
    read(root.join("../../fixtures/expected/news.out.jsonl"))
        + &read(root.join("tests/hostile.jsonl"))
}

/// Annotations in NDJSON documents (error records and lines without text count nothing).
pub fn expected(ndjson: &str) -> Counts {
    let mut counts: Counts = ATTRIBUTES.iter().map(|&a| (a, 0)).collect();
    for line in ndjson.lines() {
        let doc: serde_json::Value = serde_json::from_str(line).expect("fixture lines are JSON");
        if doc.get("text").is_none() {
            continue;
        }
        let len = |k: &str| doc.get(k).and_then(|v| v.as_array()).map_or(0, Vec::len);
        *counts.get_mut("entity").unwrap() += len("entities");
        let quotes = doc
            .get("quotes")
            .and_then(|v| v.as_array())
            .cloned()
            .unwrap_or_default();
        *counts.get_mut("quote").unwrap() += quotes.len();
        for (attribute, key) in [("speaker", "speaker"), ("cue", "cue")] {
            *counts.get_mut(attribute).unwrap() +=
                quotes.iter().filter(|q| !q[key].is_null()).count();
        }
        *counts.get_mut("dateline").unwrap() +=
            usize::from(doc.get("dateline").is_some_and(|d| !d.is_null()));
    }
    counts
}

/// Elements carrying each contract attribute in serialised HTML. A `<` in serialised HTML
/// always opens a tag (text has it escaped); attribute values are double-quoted, so a tag ends
/// at the first `>` outside quotes, and attribute names are what lies outside quotes.
pub fn elements(html: &str) -> Counts {
    let mut counts: Counts = ATTRIBUTES.iter().map(|&a| (a, 0)).collect();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let mut names = String::new();
        let mut quoted = false;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            match c {
                '"' => quoted = !quoted,
                '>' if !quoted => {
                    end = i;
                    break;
                }
                c if !quoted => names.push(c),
                _ => {}
            }
        }
        for attribute in ATTRIBUTES {
            let name = format!("data-{attribute}");
            if names
                .split(|c: char| c.is_whitespace() || c == '=')
                .any(|n| n == name)
            {
                *counts.get_mut(attribute).unwrap() += 1;
            }
        }
        rest = &rest[end..];
    }
    counts
}
