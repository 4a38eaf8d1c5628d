//! What one annotated document gives the tables, computed on its own (so in parallel): a row
//! per quote and the entities it mentions.

use newsnlp_doc::ndjson::{parse_line, Parsed};
use newsnlp_doc::runner::{Body, Record};
use newsnlp_doc::{Document, Entity, OffsetMap};
use std::collections::HashMap;

/// One quote occurrence, before speakers and quotations are resolved across documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteRow {
    pub quote: String,
    pub kind: &'static str,
    pub cue: String,
    /// The speaker's canonical name, else the mention as written; empty when there is none.
    pub speaker: String,
    /// Code point offsets of the quote in the document text.
    pub start: usize,
    pub end: usize,
    /// Indices into [`Extracted::entities`] of the entities mentioned inside the quote.
    pub entities: Vec<usize>,
}

/// The document-level facts every row of a document shares.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocFacts {
    pub id: String,
    pub date: String,
    pub place: String,
    pub country: String,
    pub agency: String,
}

/// One distinct entity of a document (by label and canonical name) with its mention count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocEntity {
    pub label: &'static str,
    pub canonical: String,
    pub mentions: u64,
}

/// What a record holds for the tables.
#[derive(Debug)]
pub enum Extracted {
    Document {
        facts: DocFacts,
        /// `None` when the document has no `quotes` layer.
        quotes: Option<Vec<QuoteRow>>,
        /// `None` when the document has no `entities` layer.
        entities: Option<Vec<DocEntity>>,
    },
    /// An error record, a line that is not an annotated document, or a blank line.
    Error,
    Blank,
}

/// Reads one record; never fails (a bad line is [`Extracted::Error`]).
pub fn extract(record: &Record) -> Extracted {
    let line = match &record.body {
        Body::Line(line) => line,
        Body::Text(_) | Body::TooLarge(_) | Body::LineTooLong { .. } => return Extracted::Error,
    };
    if line.iter().all(u8::is_ascii_whitespace) {
        return Extracted::Blank;
    }
    match parse_line(line) {
        Ok(Parsed::Document(doc)) => {
            let id = match doc.id {
                Some(_) => doc.id_string(),
                None => format!("{}:{}", record.source, record.number),
            };
            from_document(&doc, id)
        }
        Ok(Parsed::ErrorRecord { .. }) | Err(_) => Extracted::Error,
    }
}

/// The rows of a parsed document.
pub fn from_document(doc: &Document, id: String) -> Extracted {
    let dateline = doc.dateline.as_ref().and_then(Option::as_ref);
    let place = dateline.and_then(|d| d.place.as_ref());
    let facts = DocFacts {
        id,
        date: document_date(doc),
        place: place
            .map(|p| p.name.clone())
            .or_else(|| dateline.and_then(|d| d.location.clone()))
            .unwrap_or_default(),
        country: place.and_then(|p| p.country.clone()).unwrap_or_default(),
        agency: dateline.and_then(|d| d.agency.clone()).unwrap_or_default(),
    };
    let (entities, entity_index) = match &doc.entities {
        Some(list) => {
            let (distinct, index) = distinct_entities(list);
            (Some(distinct), index)
        }
        None => (None, Vec::new()),
    };
    let quotes = doc.quotes.as_ref().map(|_| quote_rows(doc, &entity_index));
    Extracted::Document {
        facts,
        quotes,
        entities,
    }
}

/// The distinct entities of a document, and the index of each mention among them.
fn distinct_entities(list: &[Entity]) -> (Vec<DocEntity>, Vec<usize>) {
    let mut distinct: Vec<DocEntity> = Vec::new();
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    let index = list
        .iter()
        .map(|e| {
            let at = *seen
                .entry((e.label.as_str(), &e.canonical))
                .or_insert_with(|| {
                    distinct.push(DocEntity {
                        label: e.label.as_str(),
                        canonical: e.canonical.clone(),
                        mentions: 0,
                    });
                    distinct.len() - 1
                });
            distinct[at].mentions += 1;
            at
        })
        .collect();
    (distinct, index)
}

/// One row per quote. Entities are ascending and non-overlapping (the reader checks), so the
/// mentions inside a quote are found by binary search: linear in the document.
fn quote_rows(doc: &Document, entity_index: &[usize]) -> Vec<QuoteRow> {
    let map = OffsetMap::new(&doc.text);
    let all_entities = doc.entities.as_deref().unwrap_or_default();
    doc.quotes
        .iter()
        .flatten()
        .map(|q| {
            let first = all_entities.partition_point(|e| e.span.start < q.span.start);
            let mut entities: Vec<usize> = all_entities[first..]
                .iter()
                .zip(&entity_index[first..])
                .take_while(|(e, _)| e.span.start < q.span.end)
                .filter(|(e, _)| q.span.contains(e.span))
                .map(|(_, &at)| at)
                .collect();
            entities.sort_unstable();
            entities.dedup();
            QuoteRow {
                quote: doc.slice(q.span).to_string(),
                kind: q.kind.as_str(),
                cue: q.cue.map(|c| doc.slice(c).to_string()).unwrap_or_default(),
                speaker: q
                    .speaker
                    .as_ref()
                    .map(|s| {
                        s.canonical
                            .clone()
                            .unwrap_or_else(|| doc.slice(s.span).to_string())
                    })
                    .unwrap_or_default(),
                start: map.to_char(q.span.start),
                end: map.to_char(q.span.end),
                entities,
            }
        })
        .collect()
}

/// The dateline's date, else the date part of `published`, else empty.
fn document_date(doc: &Document) -> String {
    let dateline = doc.dateline.as_ref().and_then(Option::as_ref);
    if let Some(date) = dateline.and_then(|d| d.date.clone()) {
        return date;
    }
    let published = doc.published().unwrap_or_default();
    let day = published.get(..10).unwrap_or_default();
    let iso = day.len() == 10
        && day.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if iso {
        day.to_string()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(line: &str) -> Record {
        Record {
            source: "t".into(),
            number: 3,
            input_bytes: line.len() as u64,
            body: Body::Line(line.as_bytes().to_vec()),
        }
    }

    #[test]
    fn the_date_falls_back_to_published() {
        let line = r#"{"text":"«Нет», said Lavrov.","published":"2018-04-13T10:00:00Z","quotes":[{"start":1,"end":4,"kind":"direct","cue":{"start":7,"end":11},"speaker":{"start":12,"end":18,"canonical":"Sergey Lavrov"}}]}"#;
        let Extracted::Document {
            facts,
            quotes,
            entities,
        } = extract(&record(line))
        else {
            panic!("a document");
        };
        assert_eq!(facts.id, "t:3");
        assert_eq!(facts.date, "2018-04-13");
        assert_eq!(entities, None);
        let q = &quotes.unwrap()[0];
        assert_eq!((q.quote.as_str(), q.cue.as_str()), ("Нет", "said"));
        assert_eq!(
            (q.start, q.end, q.speaker.as_str()),
            (1, 4, "Sergey Lavrov")
        );
    }

    #[test]
    fn error_records_and_bad_lines_are_errors() {
        for line in [
            r#"{"id":"a","line":2,"error":"bad"}"#,
            "{not json",
            r#"{"id":1}"#,
        ] {
            assert!(matches!(extract(&record(line)), Extracted::Error), "{line}");
        }
        assert!(matches!(extract(&record("  ")), Extracted::Blank));
    }
}
