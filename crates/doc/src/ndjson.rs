//! The wire format: one JSON document per line, code point offsets.
//!
//! [`parse_line`] turns a line of bytes into a [`Document`] (converting code point offsets to
//! byte offsets once, and validating them); [`write_document`] does the reverse. Unknown input
//! fields pass through in their input order. The two are exact inverses for every layer, so a
//! shell pipe of stage binaries and the in-process driver produce the same bytes.

use crate::error::LineError;
use crate::model::*;
use crate::offsets::OffsetMap;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

/// Field names owned by the document model; every other field passes through.
pub const LAYER_FIELDS: [&str; 6] = [
    "tokens", "sentences", "paragraphs", "dateline", "entities", "quotes",
];

#[derive(Deserialize)]
struct WireSpan {
    start: usize,
    end: usize,
}

/// A token: its span and, once the pos stage has run, its tags and lemma.
#[derive(Deserialize)]
struct WireToken {
    start: usize,
    end: usize,
    pos: Option<String>,
    tag: Option<String>,
    lemma: Option<String>,
}

#[derive(Deserialize)]
struct WireSentence {
    start: usize,
    end: usize,
    tokens: Option<[usize; 2]>,
}

#[derive(Deserialize)]
struct WirePlace {
    name: String,
    region: Option<String>,
    country: Option<String>,
}

#[derive(Deserialize)]
struct WireDateline {
    start: usize,
    end: usize,
    location: Option<String>,
    date: Option<String>,
    date_text: Option<String>,
    agency: Option<String>,
    place: Option<WirePlace>,
}

#[derive(Deserialize)]
struct WireEntity {
    start: usize,
    end: usize,
    label: String,
    canonical: Option<String>,
}

#[derive(Deserialize)]
struct WireSpeaker {
    start: usize,
    end: usize,
    canonical: Option<String>,
}

#[derive(Deserialize)]
struct WireQuote {
    start: usize,
    end: usize,
    kind: String,
    cue: Option<WireSpan>,
    speaker: Option<WireSpeaker>,
}

#[derive(Deserialize)]
struct WireDocument {
    id: Option<Value>,
    text: Option<Value>,
    tokens: Option<Vec<WireToken>>,
    sentences: Option<Vec<WireSentence>>,
    paragraphs: Option<Vec<WireSpan>>,
    /// Absent: not run; `null`: run, no dateline found.
    #[serde(default, deserialize_with = "present")]
    dateline: Option<Option<WireDateline>>,
    entities: Option<Vec<WireEntity>>,
    quotes: Option<Vec<WireQuote>>,
    #[serde(flatten)]
    fields: Map<String, Value>,
}

/// Deserialises a field that is present (possibly `null`) as `Some(..)`.
fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// What could be recovered from a line that failed: its id, when the JSON parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseFailure {
    pub id: Option<Value>,
    pub error: LineError,
}

impl ParseFailure {
    fn anonymous(error: LineError) -> ParseFailure {
        ParseFailure { id: None, error }
    }
}

/// What an input line holds.
#[derive(Debug)]
pub enum Parsed {
    Document(Box<Document>),
    /// An error record written by an earlier stage: passed through unchanged.
    ErrorRecord,
}

/// Parses one NDJSON line (without its line terminator).
pub fn parse_line(line: &[u8]) -> Result<Parsed, ParseFailure> {
    let line = std::str::from_utf8(line).map_err(|e| {
        ParseFailure::anonymous(LineError::InvalidUtf8 {
            valid_up_to: e.valid_up_to(),
        })
    })?;
    if !line.trim_start().starts_with('{') {
        return Err(ParseFailure::anonymous(LineError::NotAnObject));
    }
    let mut wire: WireDocument = serde_json::from_str(line)
        .map_err(|e| ParseFailure::anonymous(LineError::Json(e.to_string())))?;
    let id = wire.id.clone();
    let fail = |error| ParseFailure {
        id: id.clone(),
        error,
    };
    let text = match wire.text.take() {
        Some(Value::String(text)) => text,
        Some(_) => return Err(fail(LineError::TextNotString)),
        None if wire.fields.contains_key("error") => return Ok(Parsed::ErrorRecord),
        None => return Err(fail(LineError::MissingText)),
    };
    from_wire(wire, text)
        .map(|d| Parsed::Document(Box::new(d)))
        .map_err(fail)
}

/// Builds the document from its parsed wire form and its `text` (taken out of `wire`).
fn from_wire(wire: WireDocument, text: String) -> Result<Document, LineError> {
    let map = OffsetMap::new(&text);
    let span = |layer: &'static str, index: usize, start: usize, end: usize| {
        let bad = |detail: String| LineError::BadLayer {
            layer,
            index,
            detail,
        };
        if start > end {
            return Err(bad(format!("start {start} is after end {end}")));
        }
        match (map.to_byte(start), map.to_byte(end)) {
            (Some(s), Some(e)) => Ok(Span::new(s, e)),
            _ => Err(bad(format!(
                "offsets {start}..{end} lie outside the text ({} code points)",
                map.char_len()
            ))),
        }
    };
    let spans = |layer: &'static str, v: Vec<WireSpan>| {
        v.into_iter()
            .enumerate()
            .map(|(i, s)| span(layer, i, s.start, s.end))
            .collect::<Result<Vec<_>, _>>()
    };

    let (tokens, pos) = match wire.tokens {
        Some(v) => {
            let pos = pos_layer(&v)?;
            let spans = v
                .iter()
                .enumerate()
                .map(|(i, t)| span("tokens", i, t.start, t.end));
            (Some(spans.collect::<Result<Vec<_>, _>>()?), pos)
        }
        None => (None, None),
    };
    let n_tokens = tokens.as_ref().map_or(0, Vec::len);
    let sentences = wire
        .sentences
        .map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, s)| {
                    let [a, b] = s.tokens.unwrap_or([0, 0]);
                    if a > b || b > n_tokens {
                        return Err(LineError::BadLayer {
                            layer: "sentences",
                            index: i,
                            detail: format!("token range {a}..{b} outside 0..{n_tokens}"),
                        });
                    }
                    Ok(Sentence {
                        span: span("sentences", i, s.start, s.end)?,
                        tokens: a..b,
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?;
    let paragraphs = wire
        .paragraphs
        .map(|v| spans("paragraphs", v))
        .transpose()?;
    let dateline = match wire.dateline {
        None => None,
        Some(None) => Some(None),
        Some(Some(d)) => Some(Some(Dateline {
            span: span("dateline", 0, d.start, d.end)?,
            location: d.location,
            date: d.date,
            date_text: d.date_text,
            agency: d.agency,
            place: d.place.map(|p| Place {
                name: p.name,
                region: p.region,
                country: p.country,
            }),
        })),
    };
    let entities = wire
        .entities
        .map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, e)| {
                    let label =
                        EntityLabel::parse(&e.label).ok_or_else(|| LineError::BadLayer {
                            layer: "entities",
                            index: i,
                            detail: format!("unknown label {:?}", e.label),
                        })?;
                    let span = span("entities", i, e.start, e.end)?;
                    let canonical = e
                        .canonical
                        .unwrap_or_else(|| text[span.range()].to_string());
                    Ok::<_, LineError>(Entity {
                        span,
                        label,
                        canonical,
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?;
    let quotes = wire
        .quotes
        .map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, q)| {
                    let kind = QuoteKind::parse(&q.kind).ok_or_else(|| LineError::BadLayer {
                        layer: "quotes",
                        index: i,
                        detail: format!("unknown kind {:?}", q.kind),
                    })?;
                    Ok::<_, LineError>(Quote {
                        span: span("quotes", i, q.start, q.end)?,
                        kind,
                        cue: q
                            .cue
                            .map(|c| span("quotes", i, c.start, c.end))
                            .transpose()?,
                        speaker: q
                            .speaker
                            .map(|s| {
                                Ok::<_, LineError>(Speaker {
                                    span: span("quotes", i, s.start, s.end)?,
                                    canonical: s.canonical,
                                })
                            })
                            .transpose()?,
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?;

    Ok(Document {
        id: wire.id,
        text,
        fields: wire.fields,
        tokens,
        sentences,
        paragraphs,
        pos,
        dateline,
        entities,
        quotes,
    })
}

/// The pos layer held in `tokens`: every token has `pos`, `tag` and `lemma`, or none has.
fn pos_layer(tokens: &[WireToken]) -> Result<Option<PosLayer>, LineError> {
    let has = |t: &WireToken| t.pos.is_some() || t.tag.is_some() || t.lemma.is_some();
    if !tokens.iter().any(has) {
        return Ok(None);
    }
    let mut layer = PosLayer::with_capacity(tokens.len());
    for (index, t) in tokens.iter().enumerate() {
        let bad = |detail: String| LineError::BadLayer {
            layer: "tokens",
            index,
            detail,
        };
        let (Some(pos), Some(tag), Some(lemma)) = (&t.pos, &t.tag, &t.lemma) else {
            return Err(bad(
                "`pos`, `tag` and `lemma` must be on every token or on none".into(),
            ));
        };
        let pos = intern_tag(&UPOS_TAGS, pos)
            .ok_or_else(|| bad(format!("unknown Universal POS tag {pos:?}")))?;
        let tag =
            intern_tag(&PTB_TAGS, tag).ok_or_else(|| bad(format!("unknown PTB tag {tag:?}")))?;
        layer.push(pos, tag, lemma);
    }
    Ok(Some(layer))
}

/// Serialises `doc` as one JSON line (without the newline) onto `out`.
pub fn write_document(doc: &Document, out: &mut Vec<u8>) {
    let map = OffsetMap::new(&doc.text);
    let ctx = Ctx {
        text: &doc.text,
        map: &map,
    };
    serde_json::to_writer(out, &Item(doc, &ctx)).expect("serialising to memory cannot fail");
}

/// Serialises an error record: `{"id": …, "line": N, "error": "…"}`.
pub fn write_error_record(id: Option<&Value>, line: u64, error: &str, out: &mut Vec<u8>) {
    let record = serde_json::json!({ "id": id, "line": line, "error": error });
    serde_json::to_writer(out, &record).expect("serialising to memory cannot fail");
}

/// What every layer item needs to be written: the text and its offset map.
struct Ctx<'a> {
    text: &'a str,
    map: &'a OffsetMap,
}

/// A value written as the entries of one JSON object.
trait WireEntries {
    fn entries<M: SerializeMap>(&self, ctx: &Ctx<'_>, m: &mut M) -> Result<(), M::Error>;
}

/// One item written as a JSON object.
struct Item<'a, T>(&'a T, &'a Ctx<'a>);

impl<T: WireEntries> Serialize for Item<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        self.0.entries(self.1, &mut m)?;
        m.end()
    }
}

/// A layer written as a JSON array of objects.
struct Items<'a, T>(&'a [T], &'a Ctx<'a>);

impl<T: WireEntries> Serialize for Items<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            seq.serialize_element(&Item(item, self.1))?;
        }
        seq.end()
    }
}

/// A span written with the text it covers.
struct TextSpan(Span);

impl WireEntries for Span {
    fn entries<M: SerializeMap>(&self, ctx: &Ctx<'_>, m: &mut M) -> Result<(), M::Error> {
        m.serialize_entry("start", &ctx.map.to_char(self.start))?;
        m.serialize_entry("end", &ctx.map.to_char(self.end))
    }
}

impl WireEntries for TextSpan {
    fn entries<M: SerializeMap>(&self, ctx: &Ctx<'_>, m: &mut M) -> Result<(), M::Error> {
        self.0.entries(ctx, m)?;
        m.serialize_entry("text", &ctx.text[self.0.range()])
    }
}

/// A token with its tags and lemma when the pos layer is present.
struct Token<'a> {
    span: Span,
    pos: Option<(&'a PosLayer, usize)>,
}

impl WireEntries for Token<'_> {
    fn entries<M: SerializeMap>(&self, ctx: &Ctx<'_>, m: &mut M) -> Result<(), M::Error> {
        self.span.entries(ctx, m)?;
        if let Some((layer, i)) = self.pos {
            m.serialize_entry("pos", layer.tokens[i].pos)?;
            m.serialize_entry("tag", layer.tokens[i].tag)?;
            m.serialize_entry("lemma", layer.lemma(i))?;
        }
        Ok(())
    }
}

/// The `tokens` layer, each token with its pos entries when they were computed.
struct Tokens<'a>(&'a [Span], Option<&'a PosLayer>, &'a Ctx<'a>);

impl Serialize for Tokens<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for (i, &span) in self.0.iter().enumerate() {
            let pos = self.1.filter(|l| i < l.len()).map(|l| (l, i));
            seq.serialize_element(&Item(&Token { span, pos }, self.2))?;
        }
        seq.end()
    }
}

impl WireEntries for Sentence {
    fn entries<M: SerializeMap>(&self, ctx: &Ctx<'_>, m: &mut M) -> Result<(), M::Error> {
        self.span.entries(ctx, m)?;
        m.serialize_entry("tokens", &[self.tokens.start, self.tokens.end])
    }
}

impl WireEntries for Place {
    fn entries<M: SerializeMap>(&self, _: &Ctx<'_>, m: &mut M) -> Result<(), M::Error> {
        m.serialize_entry("name", &self.name)?;
        m.serialize_entry("region", &self.region)?;
        m.serialize_entry("country", &self.country)
    }
}

impl WireEntries for Dateline {
    fn entries<M: SerializeMap>(&self, ctx: &Ctx<'_>, m: &mut M) -> Result<(), M::Error> {
        TextSpan(self.span).entries(ctx, m)?;
        m.serialize_entry("location", &self.location)?;
        m.serialize_entry("date", &self.date)?;
        m.serialize_entry("date_text", &self.date_text)?;
        m.serialize_entry("agency", &self.agency)?;
        m.serialize_entry("place", &self.place.as_ref().map(|p| Item(p, ctx)))
    }
}

impl WireEntries for Entity {
    fn entries<M: SerializeMap>(&self, ctx: &Ctx<'_>, m: &mut M) -> Result<(), M::Error> {
        TextSpan(self.span).entries(ctx, m)?;
        m.serialize_entry("label", self.label.as_str())?;
        m.serialize_entry("canonical", &self.canonical)
    }
}

impl WireEntries for Speaker {
    fn entries<M: SerializeMap>(&self, ctx: &Ctx<'_>, m: &mut M) -> Result<(), M::Error> {
        TextSpan(self.span).entries(ctx, m)?;
        m.serialize_entry("canonical", &self.canonical)
    }
}

impl WireEntries for Quote {
    fn entries<M: SerializeMap>(&self, ctx: &Ctx<'_>, m: &mut M) -> Result<(), M::Error> {
        TextSpan(self.span).entries(ctx, m)?;
        m.serialize_entry("kind", self.kind.as_str())?;
        m.serialize_entry(
            "cue",
            &self.cue.map(TextSpan).as_ref().map(|c| Item(c, ctx)),
        )?;
        m.serialize_entry("speaker", &self.speaker.as_ref().map(|sp| Item(sp, ctx)))
    }
}

impl WireEntries for Document {
    fn entries<M: SerializeMap>(&self, ctx: &Ctx<'_>, m: &mut M) -> Result<(), M::Error> {
        if let Some(id) = &self.id {
            m.serialize_entry("id", id)?;
        }
        m.serialize_entry("text", &self.text)?;
        for (k, v) in &self.fields {
            m.serialize_entry(k, v)?;
        }
        if let Some(tokens) = &self.tokens {
            m.serialize_entry("tokens", &Tokens(tokens, self.pos.as_ref(), ctx))?;
        }
        if let Some(sentences) = &self.sentences {
            m.serialize_entry("sentences", &Items(sentences, ctx))?;
        }
        if let Some(paragraphs) = &self.paragraphs {
            m.serialize_entry("paragraphs", &Items(paragraphs, ctx))?;
        }
        if let Some(dateline) = &self.dateline {
            m.serialize_entry("dateline", &dateline.as_ref().map(|d| Item(d, ctx)))?;
        }
        if let Some(entities) = &self.entities {
            m.serialize_entry("entities", &Items(entities, ctx))?;
        }
        if let Some(quotes) = &self.quotes {
            m.serialize_entry("quotes", &Items(quotes, ctx))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(line: &str) -> Document {
        match parse_line(line.as_bytes()) {
            Ok(Parsed::Document(d)) => *d,
            other => panic!("expected a document, got {other:?}"),
        }
    }

    fn err(line: &[u8]) -> ParseFailure {
        parse_line(line).expect_err("expected a failure")
    }

    #[test]
    fn unknown_fields_pass_through_in_order() {
        let line =
            r#"{"id":"a","text":"Hi","zeta":1,"alpha":{"x":[1,2]},"published":"2016-11-24"}"#;
        let d = doc(line);
        assert_eq!(d.published(), Some("2016-11-24"));
        let mut out = Vec::new();
        write_document(&d, &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), line);
    }

    #[test]
    fn code_points_become_bytes_and_back() {
        let line = r#"{"id":"x","text":"“Да” 😀 ok","tokens":[{"start":0,"end":1},{"start":1,"end":3},{"start":3,"end":4},{"start":5,"end":6},{"start":7,"end":9}]}"#;
        let d = doc(line);
        let toks: Vec<&str> = d
            .tokens
            .as_ref()
            .unwrap()
            .iter()
            .map(|&t| d.slice(t))
            .collect();
        assert_eq!(toks, ["“", "Да", "”", "😀", "ok"]);
        let mut out = Vec::new();
        write_document(&d, &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), line);
    }

    #[test]
    fn every_layer_round_trips() {
        let line = r#"{"id":"r","text":"MOSCOW, Nov. 24. Lavrov said “no”.","tokens":[{"start":0,"end":6}],"sentences":[{"start":0,"end":16,"tokens":[0,1]}],"paragraphs":[{"start":0,"end":34}],"dateline":{"start":0,"end":16,"text":"MOSCOW, Nov. 24.","location":"MOSCOW","date":null,"date_text":"Nov. 24","agency":null,"place":{"name":"Moscow","region":null,"country":"RU"}},"entities":[{"start":17,"end":23,"text":"Lavrov","label":"PER","canonical":"Sergey Lavrov"}],"quotes":[{"start":30,"end":32,"text":"no","kind":"direct","cue":{"start":24,"end":28,"text":"said"},"speaker":{"start":17,"end":23,"text":"Lavrov","canonical":"Sergey Lavrov"}}]}"#;
        let d = doc(line);
        let mut out = Vec::new();
        write_document(&d, &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), line);
    }

    #[test]
    fn pos_fields_round_trip_inside_tokens() {
        let line = r#"{"text":"He has left","tokens":[{"start":0,"end":2,"pos":"PRON","tag":"PRP","lemma":"he"},{"start":3,"end":6,"pos":"AUX","tag":"VBZ","lemma":"have"},{"start":7,"end":11,"pos":"VERB","tag":"VBN","lemma":"leave"}]}"#;
        let d = doc(line);
        assert_eq!(d.pos.as_ref().unwrap().lemma(1), "have");
        let mut out = Vec::new();
        write_document(&d, &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), line);
    }

    #[test]
    fn pos_fields_are_all_or_nothing_and_known() {
        let partial = err(br#"{"text":"a b","tokens":[{"start":0,"end":1,"pos":"X","tag":"XX","lemma":"a"},{"start":2,"end":3}]}"#);
        assert!(partial
            .error
            .to_string()
            .starts_with("tokens[1]: `pos`, `tag` and `lemma`"));
        let unknown = err(
            br#"{"text":"a","tokens":[{"start":0,"end":1,"pos":"NN","tag":"NN","lemma":"a"}]}"#,
        );
        assert_eq!(
            unknown.error.to_string(),
            "tokens[0]: unknown Universal POS tag \"NN\""
        );
    }

    #[test]
    fn null_dateline_differs_from_absent() {
        assert_eq!(doc(r#"{"text":"a","dateline":null}"#).dateline, Some(None));
        assert_eq!(doc(r#"{"text":"a"}"#).dateline, None);
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        assert!(matches!(
            err(b"{\"text\": \"a\xff\"}").error,
            LineError::InvalidUtf8 { .. }
        ));
        assert_eq!(err(b"[1,2]").error, LineError::NotAnObject);
        assert!(matches!(err(b"{\"text\": ").error, LineError::Json(_)));
        assert!(matches!(
            err(br#"{"text": "\ud800"}"#).error,
            LineError::Json(_)
        ));
        let missing = err(br#"{"id": "k", "body": "x"}"#);
        assert_eq!(missing.error, LineError::MissingText);
        assert_eq!(missing.id, Some(Value::from("k")));
        assert_eq!(err(br#"{"text": 3}"#).error, LineError::TextNotString);
        let e = err(br#"{"text": "ab", "tokens": [{"start": 1, "end": 5}]}"#).error;
        assert_eq!(
            e.to_string(),
            "tokens[0]: offsets 1..5 lie outside the text (2 code points)"
        );
    }

    #[test]
    fn error_records_pass_through() {
        assert!(matches!(
            parse_line(br#"{"id":null,"line":3,"error":"invalid JSON"}"#),
            Ok(Parsed::ErrorRecord)
        ));
    }
}
