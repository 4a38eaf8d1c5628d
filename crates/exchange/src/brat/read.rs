//! A brat folder back into documents: the manifest's documents first, in its order, with their
//! ids and other fields; then any other `NAME.txt` in the folder, by name, with `NAME` as id.

use super::{sorted, validated, Entry, MANIFEST};
use crate::{io_error, ExchangeError};
use newsnlp_doc::{
    Document, Entity, EntityLabel, OffsetMap, Quote, QuoteKind, RawJson, Span, Speaker,
};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// What a `.ann` file says, keyed by annotation id.
#[derive(Default)]
struct Standoff {
    /// `T` annotations in file order: id, type, byte span (first fragment start to last end).
    spans: Vec<(String, String, Span)>,
    /// `A`/`M` attributes `Kind`: annotation id → value.
    kinds: HashMap<String, String>,
    /// `R` relations: (type, Arg1) → Arg2.
    relations: HashMap<(String, String), String>,
    /// `#` AnnotatorNotes: annotation id → note.
    notes: HashMap<String, String>,
}

/// Reads every document of the brat folder `dir`.
pub fn read_dir(dir: &Path) -> Result<Vec<Document>, ExchangeError> {
    let manifest_path = dir.join(MANIFEST);
    let mut entries = Vec::new();
    if manifest_path.exists() {
        let manifest = std::fs::read_to_string(&manifest_path).map_err(io_error(&manifest_path))?;
        for (i, line) in manifest
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let entry: Entry = serde_json::from_str(line).map_err(|e| ExchangeError::Ann {
                path: manifest_path.display().to_string(),
                line: i + 1,
                message: e.to_string(),
            })?;
            entries.push(entry);
        }
    }
    let listed: BTreeSet<String> = entries.iter().map(|e| e.file.clone()).collect();
    let mut others = BTreeSet::new();
    for item in std::fs::read_dir(dir).map_err(io_error(dir))? {
        let path = item.map_err(io_error(dir))?.path();
        let stem = path.file_stem().and_then(|s| s.to_str());
        if let (Some("txt"), Some(stem)) = (path.extension().and_then(|e| e.to_str()), stem) {
            if !listed.contains(stem) {
                others.insert(stem.to_string());
            }
        }
    }
    entries.extend(others.into_iter().map(|file| Entry {
        id: Some(RawJson::string(&file)),
        file,
        fields: Vec::new(),
    }));
    entries.into_iter().map(|e| read_document(dir, e)).collect()
}

/// One document: `NAME.txt` and, when present, `NAME.ann`.
fn read_document(dir: &Path, entry: Entry) -> Result<Document, ExchangeError> {
    let txt = dir.join(format!("{}.txt", entry.file));
    let text = std::fs::read_to_string(&txt).map_err(io_error(&txt))?;
    let ann_path = dir.join(format!("{}.ann", entry.file));
    let ann = match std::fs::read_to_string(&ann_path) {
        Ok(ann) => ann,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(io_error(&ann_path)(e)),
    };
    let (entities, quotes) = parse_ann(&ann_path, &text, &ann)?;
    let doc = Document {
        id: entry.id,
        fields: entry.fields,
        entities: Some(entities),
        quotes: Some(quotes),
        ..Document::new(text)
    };
    validated(doc, &ann_path)
}

/// The entities and quotes of a `.ann` file over `text`. Other annotation types (events,
/// normalisations, types this project does not know) are left out.
pub fn parse_ann(
    path: &Path,
    text: &str,
    ann: &str,
) -> Result<(Vec<Entity>, Vec<Quote>), ExchangeError> {
    let standoff = standoff(path, text, ann)?;
    let by_id: HashMap<&str, Span> = standoff
        .spans
        .iter()
        .map(|(t, _, s)| (t.as_str(), *s))
        .collect();
    let mut entities = Vec::new();
    let mut quotes = Vec::new();
    for (id, kind, span) in &standoff.spans {
        let note = standoff.notes.get(id).cloned();
        if let Some(label) = EntityLabel::parse(kind) {
            let canonical = note.unwrap_or_else(|| text[span.range()].to_string());
            entities.push(Entity {
                span: *span,
                label,
                canonical,
            });
        } else if kind == "Quote" {
            let related = |relation: &str| {
                let to = standoff
                    .relations
                    .get(&(relation.to_string(), id.clone()))?;
                Some((to.clone(), *by_id.get(to.as_str())?))
            };
            let speaker = related("Speaker").map(|(s, span)| Speaker {
                span,
                canonical: standoff.notes.get(&s).cloned(),
            });
            let kind = match standoff.kinds.get(id) {
                Some(k) => QuoteKind::parse(k).ok_or_else(|| ExchangeError::Invalid {
                    path: path.display().to_string(),
                    message: format!("{id}: unknown quote kind {k:?}"),
                })?,
                None => guessed_kind(text, *span),
            };
            quotes.push(Quote {
                span: *span,
                kind,
                cue: related("Cue").map(|c| c.1),
                speaker,
                rule: None,
            });
        }
    }
    quotes.sort_by_key(|q| (q.span.start, q.span.end));
    Ok((sorted(entities), quotes))
}

/// The kind of a quote drawn in brat without one: direct when a quotation mark opens it.
fn guessed_kind(text: &str, span: Span) -> QuoteKind {
    match text[..span.start].chars().next_back() {
        Some('"' | '“' | '”' | '«' | '„' | '‘' | '\'') => QuoteKind::Direct,
        _ => QuoteKind::Indirect,
    }
}

/// Reads the lines of a `.ann` file.
fn standoff(path: &Path, text: &str, ann: &str) -> Result<Standoff, ExchangeError> {
    let map = OffsetMap::new(text);
    let mut standoff = Standoff::default();
    for (i, line) in ann.lines().enumerate() {
        let bad = |message: String| ExchangeError::Ann {
            path: path.display().to_string(),
            line: i + 1,
            message,
        };
        let mut columns = line.splitn(3, '\t');
        let (id, body) = match (columns.next(), columns.next()) {
            (Some(id), Some(body)) => (id, body),
            _ if line.trim().is_empty() => continue,
            _ => return Err(bad("expected an id, a tab and an annotation".into())),
        };
        let words: Vec<&str> = body.split(' ').collect();
        match id.chars().next() {
            Some('T') => {
                let span = char_span(&map, &words[1..].join(" ")).ok_or_else(|| {
                    bad(format!("offsets {:?} are not inside the text", &words[1..]))
                })?;
                standoff
                    .spans
                    .push((id.to_string(), words[0].to_string(), span));
            }
            Some('A' | 'M') if words[0] == "Kind" && words.len() == 3 => {
                standoff
                    .kinds
                    .insert(words[1].to_string(), words[2].to_string());
            }
            Some('R') if words.len() == 3 => {
                let arg = |w: &str, name: &str| w.strip_prefix(name).map(str::to_string);
                let (Some(from), Some(to)) = (arg(words[1], "Arg1:"), arg(words[2], "Arg2:"))
                else {
                    return Err(bad("expected Arg1:… Arg2:…".into()));
                };
                standoff.relations.insert((words[0].to_string(), from), to);
            }
            Some('#') if words[0] == "AnnotatorNotes" && words.len() == 2 => {
                let note = columns.next().unwrap_or_default().to_string();
                standoff.notes.insert(words[1].to_string(), note);
            }
            _ => {}
        }
    }
    Ok(standoff)
}

/// The byte span from the first fragment's start to the last fragment's end of brat offsets
/// (`0 5` or `0 5;6 9`), when every offset lies inside the text and no fragment is reversed.
fn char_span(map: &OffsetMap, offsets: &str) -> Option<Span> {
    let mut bounds = Vec::new();
    for fragment in offsets.split(';') {
        let (start, end) = fragment.trim().split_once(' ')?;
        let (start, end) = (
            map.to_byte(start.parse().ok()?)?,
            map.to_byte(end.parse().ok()?)?,
        );
        if start > end {
            return None;
        }
        bounds.extend([start, end]);
    }
    Some(Span::new(*bounds.iter().min()?, *bounds.iter().max()?))
}
