//! The wire format: one JSON document per line, code point offsets.
//!
//! [`parse_line`] turns a line of bytes into a [`Document`] (converting code point offsets to
//! byte offsets once, and validating them); [`write_document`] does the reverse. Unknown input
//! fields pass through in their input order. The two are exact inverses for every layer, so a
//! shell pipe of stage binaries and the in-process driver produce the same bytes.

mod read;

use crate::error::LineError;
use crate::model::*;
use crate::offsets::OffsetMap;
use read::{from_wire, DocumentSeed, WireText};
use serde::de::DeserializeSeed;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use std::io::{self, Write};

/// Field names owned by the document model; every other field passes through.
pub const LAYER_FIELDS: [&str; 6] = [
    "tokens", "sentences", "paragraphs", "dateline", "entities", "quotes",
];

/// What could be recovered from a line that failed: its id, when it could be read.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseFailure {
    pub id: Option<RawJson>,
    pub error: LineError,
}

/// What an input line holds.
#[derive(Debug)]
pub enum Parsed {
    Document(Box<Document>),
    /// An error record written by an earlier stage, with its message: passed through unchanged.
    ErrorRecord {
        error: String,
    },
}

/// Parses one NDJSON line (without its line terminator), checking every layer it carries.
pub fn parse_line(line: &[u8]) -> Result<Parsed, ParseFailure> {
    match read_wire(line)? {
        Wire::Document(doc) => doc.finish().map(Parsed::Document),
        Wire::ErrorRecord(error) => Ok(Parsed::ErrorRecord { error }),
    }
}

/// An earlier stage's error record as [`parse_owned_line`] returns it: the line, to be passed
/// on unchanged, and its message.
pub type ErrorRecordLine = (Vec<u8>, String);

/// [`parse_line`] for a line the caller gives up: the line is freed once it is read, before
/// its layers are checked and converted, so that a huge line and the document made from it
/// are never held together.
pub fn parse_owned_line(
    line: Vec<u8>,
) -> Result<Result<Box<Document>, ErrorRecordLine>, ParseFailure> {
    match read_wire(&line)? {
        Wire::Document(doc) => {
            drop(line);
            doc.finish().map(Ok)
        }
        Wire::ErrorRecord(error) => Ok(Err((line, error))),
    }
}

/// A line as read, before its layers are checked.
enum Wire {
    Document(Box<WireLine>),
    ErrorRecord(String),
}

/// A document line as read; it borrows nothing from the line.
struct WireLine {
    id: Option<RawJson>,
    wire: read::WireDocument,
    text: String,
}

impl WireLine {
    /// The document with its layers checked and converted to byte offsets.
    fn finish(self) -> Result<Box<Document>, ParseFailure> {
        let WireLine { id, wire, text } = self;
        match from_wire(wire, text) {
            Ok(doc) => Ok(Box::new(Document { id, ..doc })),
            Err(error) => Err(ParseFailure { id, error }),
        }
    }
}

/// Reads the JSON of one line into its wire form, which borrows nothing from the line.
fn read_wire(line: &[u8]) -> Result<Wire, ParseFailure> {
    let line = std::str::from_utf8(line).map_err(|e| ParseFailure {
        id: id_of_prefix(&line[..e.valid_up_to()]),
        error: LineError::InvalidUtf8 {
            valid_up_to: e.valid_up_to(),
        },
    })?;
    if !line.trim_start().starts_with('{') {
        let error = LineError::NotAnObject;
        return Err(ParseFailure { id: None, error });
    }
    let mut id = None;
    let mut de = serde_json::Deserializer::from_str(line);
    let parsed = DocumentSeed { id: &mut id }
        .deserialize(&mut de)
        .and_then(|wire| de.end().map(|()| wire));
    let mut wire = match parsed {
        Ok(wire) => wire,
        Err(e) => {
            let error = json_error(line, &e);
            return Err(ParseFailure { id, error });
        }
    };
    let error = match wire.text.take() {
        Some(WireText::String(text)) => {
            return Ok(Wire::Document(Box::new(WireLine { id, wire, text })))
        }
        Some(WireText::Null) => LineError::TextNull,
        Some(WireText::Other) => LineError::TextNotString,
        None => match error_record(&wire.fields) {
            Some(error) => return Ok(Wire::ErrorRecord(error)),
            None => LineError::MissingText,
        },
    };
    Err(ParseFailure { id, error })
}

/// The id of a line that was cut off at the size limit, when it comes before the cut.
pub fn id_of_prefix(prefix: &[u8]) -> Option<RawJson> {
    let mut id = None;
    let mut de = serde_json::Deserializer::from_slice(prefix);
    let _ = DocumentSeed { id: &mut id }.deserialize(&mut de);
    id
}

/// The message of an earlier stage's error record (a line with `error` and no `text`).
fn error_record(fields: &[(String, RawJson)]) -> Option<String> {
    let (_, error) = fields.iter().find(|(k, _)| k == "error")?;
    Some(
        error
            .as_str()
            .map_or_else(|| error.get().to_string(), |e| e.into_owned()),
    )
}

/// serde_json's message, except that it calls a lone *trailing* surrogate escape (`"\udc00"`)
/// a leading one: the escape just before the error position tells which it was.
fn json_error(line: &str, e: &serde_json::Error) -> LineError {
    const LEADING: &str = "lone leading surrogate";
    let message = e.to_string();
    let escape = e
        .column()
        .checked_sub(6)
        .and_then(|at| line.get(at..e.column()))
        .and_then(|esc| esc.strip_prefix("\\u"))
        .and_then(|hex| u16::from_str_radix(hex, 16).ok());
    match escape {
        Some(0xDC00..=0xDFFF) if message.starts_with(LEADING) => {
            LineError::Json(message.replacen(LEADING, "lone trailing surrogate", 1))
        }
        _ => LineError::Json(message),
    }
}

/// Serialises `doc` as one JSON line (without the newline) onto `out`.
pub fn write_document(doc: &Document, out: &mut Vec<u8>) {
    write_document_to(doc, out).expect("serialising to memory cannot fail");
}

/// Serialises `doc` as one JSON line (without the newline) straight into `out`, so that a
/// huge line need never be held in memory whole; fails only when `out` does.
///
/// The top-level object is written by hand so that the `tokens` layer, most of every annotated
/// line, can skip serde's per-field machinery (see [`write_tokens`]); every other value goes
/// through serde_json, and the bytes are what `serde_json::to_writer` of the whole would give.
pub fn write_document_to<W: Write>(doc: &Document, mut out: W) -> io::Result<()> {
    let map = OffsetMap::new(&doc.text);
    let ctx = Ctx {
        text: &doc.text,
        map: &map,
    };
    let mut fields = Fields {
        out: &mut out,
        first: true,
    };
    if let Some(id) = &doc.id {
        fields.entry("id", id)?;
    }
    fields.entry("text", &doc.text)?;
    for (k, v) in &doc.fields {
        fields.entry(k, v)?;
    }
    if let Some(tokens) = &doc.tokens {
        fields.key("tokens")?;
        write_tokens(fields.out, tokens, doc.pos.as_ref(), &ctx)?;
    }
    if let Some(sentences) = &doc.sentences {
        fields.entry("sentences", &Items(sentences, &ctx))?;
    }
    if let Some(paragraphs) = &doc.paragraphs {
        fields.entry("paragraphs", &Items(paragraphs, &ctx))?;
    }
    if let Some(dateline) = &doc.dateline {
        fields.entry("dateline", &dateline.as_ref().map(|d| Item(d, &ctx)))?;
    }
    if let Some(entities) = &doc.entities {
        fields.entry("entities", &Items(entities, &ctx))?;
    }
    if let Some(quotes) = &doc.quotes {
        fields.entry("quotes", &Items(quotes, &ctx))?;
    }
    fields.out.write_all(b"}")
}

/// The entries of the top-level object, written one after another: `{` before the first,
/// `,` before every other.
struct Fields<'w, W: Write> {
    out: &'w mut W,
    first: bool,
}

impl<W: Write> Fields<'_, W> {
    fn key(&mut self, key: &str) -> io::Result<()> {
        self.out.write_all(if self.first { b"{" } else { b"," })?;
        self.first = false;
        serde_json::to_writer(&mut *self.out, key)?;
        self.out.write_all(b":")
    }

    fn entry<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> io::Result<()> {
        self.key(key)?;
        serde_json::to_writer(&mut *self.out, value).map_err(io::Error::from)
    }
}

/// Flush the tokens buffer to the writer past this many bytes (memory stays bounded).
const TOKENS_CHUNK: usize = 64 << 10;

/// Writes the `tokens` layer, each token with its pos entries when they were computed:
/// `{"start":0,"end":5,"pos":"PROPN","tag":"NNP","lemma":"Paris"}`. By hand, into a buffer
/// flushed in chunks: through serde this layer took a tenth of the whole pipeline's time.
fn write_tokens<W: Write>(
    out: &mut W,
    tokens: &[Span],
    pos: Option<&PosLayer>,
    ctx: &Ctx<'_>,
) -> io::Result<()> {
    let mut buf = Vec::with_capacity(TOKENS_CHUNK.min(tokens.len() * 80 + 2));
    buf.push(b'[');
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        buf.extend_from_slice(b"{\"start\":");
        push_number(&mut buf, ctx.map.to_char(t.start));
        buf.extend_from_slice(b",\"end\":");
        push_number(&mut buf, ctx.map.to_char(t.end));
        if let Some(layer) = pos.filter(|l| i < l.len()) {
            buf.extend_from_slice(b",\"pos\":");
            push_string(&mut buf, layer.tokens[i].pos());
            buf.extend_from_slice(b",\"tag\":");
            push_string(&mut buf, layer.tokens[i].tag());
            buf.extend_from_slice(b",\"lemma\":");
            push_string(&mut buf, layer.lemma(i));
        }
        buf.push(b'}');
        if buf.len() >= TOKENS_CHUNK {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    buf.push(b']');
    out.write_all(&buf)
}

/// Appends `n` in decimal.
fn push_number(buf: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[at..]);
}

/// Appends `s` as a JSON string: as it is when nothing in it needs escaping (JSON escapes
/// only `"`, `\` and control characters), else through serde_json.
fn push_string(buf: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
    } else {
        serde_json::to_writer(&mut *buf, s).expect("serialising to memory cannot fail");
    }
}

/// Serialises an error record: `{"id": …, "line": N, "error": "…"}`, the id as written.
pub fn write_error_record(id: Option<&RawJson>, line: u64, error: &str, out: &mut Vec<u8>) {
    #[derive(Serialize)]
    struct ErrorRecord<'a> {
        id: Option<&'a RawJson>,
        line: u64,
        error: &'a str,
    }
    let record = ErrorRecord { id, line, error };
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
        m.serialize_entry(
            "location_span",
            &self.location_span.as_ref().map(|s| Item(s, ctx)),
        )?;
        m.serialize_entry("date", &self.date)?;
        m.serialize_entry("date_text", &self.date_text)?;
        m.serialize_entry("date_span", &self.date_span.as_ref().map(|s| Item(s, ctx)))?;
        m.serialize_entry("agency", &self.agency)?;
        m.serialize_entry(
            "agency_span",
            &self.agency_span.as_ref().map(|s| Item(s, ctx)),
        )?;
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
        m.serialize_entry("speaker", &self.speaker.as_ref().map(|sp| Item(sp, ctx)))?;
        if let Some(rule) = &self.rule {
            m.serialize_entry("rule", rule)?;
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
        assert_eq!(d.published().as_deref(), Some("2016-11-24"));
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
        let line = r#"{"id":"r","text":"MOSCOW, Nov. 24. Lavrov said “no”.","tokens":[{"start":0,"end":6}],"sentences":[{"start":0,"end":16,"tokens":[0,1]}],"paragraphs":[{"start":0,"end":34}],"dateline":{"start":0,"end":16,"text":"MOSCOW, Nov. 24.","location":"MOSCOW","location_span":{"start":0,"end":6},"date":null,"date_text":"Nov. 24","date_span":{"start":8,"end":15},"agency":null,"agency_span":null,"place":{"name":"Moscow","region":null,"country":"RU"}},"entities":[{"start":17,"end":23,"text":"Lavrov","label":"PER","canonical":"Sergey Lavrov"}],"quotes":[{"start":30,"end":32,"text":"no","kind":"direct","cue":{"start":24,"end":28,"text":"said"},"speaker":{"start":17,"end":23,"text":"Lavrov","canonical":"Sergey Lavrov"}}]}"#;
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
        let first_wins = |line: &str| err(line.as_bytes()).error.to_string();
        assert_eq!(
            first_wins(
                r#"{"text":"a b","tokens":[{"start":0,"end":1,"pos":null},{"start":2,"end":3,"pos":"X","tag":"NNX","lemma":"b"}]}"#
            ),
            "tokens[0]: `pos`, `tag` and `lemma` must be on every token or on none"
        );
        assert!(first_wins(r#"{"text":"a b","tokens":[{"start":0,"end":1,"pos":"X","tag":"XX","lemma":"a"},{"start":2,"end":3,"pos":"X","tag":"XX","lemma":"b","lemma":"c"}]}"#)
            .contains("duplicate field `lemma`"));
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
        let latin1 = err(b"{\"id\": \"l1\", \"text\": \"caf\xe9\"}");
        assert_eq!(
            latin1.id,
            Some(RawJson::string("l1")),
            "the id before the bad byte is kept"
        );
        assert_eq!(err(b"[1,2]").error, LineError::NotAnObject);
        assert!(matches!(err(b"{\"text\": ").error, LineError::Json(_)));
        assert!(matches!(
            err(br#"{"text": "\ud800"}"#).error,
            LineError::Json(_)
        ));
        let missing = err(br#"{"id": "k", "body": "x"}"#);
        assert_eq!(missing.error, LineError::MissingText);
        assert_eq!(missing.id, Some(RawJson::string("k")));
        assert_eq!(err(br#"{"text": 3}"#).error, LineError::TextNotString);
        let e = err(br#"{"text": "ab", "tokens": [{"start": 1, "end": 5}]}"#).error;
        assert_eq!(
            e.to_string(),
            "tokens[0]: offsets 1..5 lie outside the text (2 code points)"
        );
        let past_u32 = br#"{"text": "ab", "tokens": [{"start": 0, "end": 1}, {"start": 1, "end": 5000000000}]}"#;
        assert_eq!(
            err(past_u32).error.to_string(),
            "tokens[1]: offsets 1..5000000000 lie outside the text (2 code points)"
        );
    }

    #[test]
    fn an_owned_line_reads_as_a_borrowed_one() {
        let line = r#"{"id":"o","text":"Ann said no.","tokens":[{"start":0,"end":3},{"start":4,"end":8}],"x":[1]}"#;
        let owned = parse_owned_line(line.as_bytes().to_vec()).unwrap().unwrap();
        assert_eq!(*owned, doc(line));
        let record = br#"{"id":"r","line":3,"error":"invalid JSON"}"#.to_vec();
        let (back, error) = parse_owned_line(record.clone()).unwrap().unwrap_err();
        assert_eq!((back, error.as_str()), (record, "invalid JSON"));
        let failed = parse_owned_line(br#"{"id":"f","text":3}"#.to_vec()).unwrap_err();
        assert_eq!(failed, err(br#"{"id":"f","text":3}"#));
    }

    #[test]
    fn error_records_pass_through() {
        assert!(matches!(
            parse_line(br#"{"id":null,"line":3,"error":"invalid JSON"}"#),
            Ok(Parsed::ErrorRecord { error }) if error == "invalid JSON"
        ));
    }

    fn written(line: &str) -> String {
        let mut out = Vec::new();
        write_document(&doc(line), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn id_and_unknown_fields_pass_through_as_written() {
        for value in [
            "123456789012345678901234567890",
            "1e2",
            "-0",
            "1E400",
            r#""caf\u00e9 \/""#,
            r#"{"b":1,"a":[1.50,true,null]}"#,
        ] {
            let line = format!(r#"{{"id":{value},"text":"a","extra":{value}}}"#);
            assert_eq!(written(&line), line);
        }
        let (open, close) = ("[".repeat(300), "]".repeat(300));
        let deep = format!(r#"{{"id":"d","text":"a","deep":{open}{close}}}"#);
        assert_eq!(written(&deep), deep);
    }

    #[test]
    fn a_repeated_key_is_an_error_whichever_the_field() {
        for line in [
            r#"{"id":"k","text":"a","text":"b"}"#,
            r#"{"id":"k","text":"a","note":1,"note":2}"#,
            r#"{"id":"k","text":"a","tokens":[],"tokens":[]}"#,
            r#"{"id":"k","text":"a","tokens":[{"start":0,"end":1,"end":1}]}"#,
        ] {
            let f = err(line.as_bytes());
            assert_eq!(f.id, Some(RawJson::string("k")), "{line}");
            let message = f.error.to_string();
            assert!(message.contains("duplicate field"), "{line}: {message}");
        }
        let f = err(br#"{"id":"first","id":"second","text":"a"}"#);
        assert_eq!(f.id, Some(RawJson::string("first")));
    }

    #[test]
    fn the_id_is_kept_when_the_line_fails_after_it() {
        let f = err(br#"{"id":7,"text":"a","x":[1,}"#);
        assert!(matches!(f.error, LineError::Json(_)));
        assert_eq!(f.id.as_ref().map(RawJson::get), Some("7"));
        let cut = br#"{"id":"big","text":"aaaaaaaa"#;
        assert_eq!(id_of_prefix(cut), Some(RawJson::string("big")));
        assert_eq!(id_of_prefix(br#"{"text":"aaa"#), None);
    }

    #[test]
    fn null_text_and_surrogates_are_named_as_they_are() {
        assert_eq!(err(br#"{"text": null}"#).error, LineError::TextNull);
        assert_eq!(err(br#"{"text": [1]}"#).error, LineError::TextNotString);
        let trailing = err(br#"{"text": "a\udc00"}"#).error.to_string();
        assert!(trailing.contains("lone trailing surrogate"), "{trailing}");
        let leading = err(br#"{"text": "a\ud800\u0041"}"#).error.to_string();
        assert!(leading.contains("lone leading surrogate"), "{leading}");
    }

    /// Found by the ndjson_line fuzz target: `{"text":"","":"\ud824"}` read, and was written
    /// back as a line no JSON reader accepts. A lone surrogate is invalid JSON in any field.
    #[test]
    fn lone_surrogates_are_refused_in_every_field() {
        for (line, which) in [
            (r#"{"text":"","":"\ud824"}"#, "leading"),
            (r#"{"id":["\udc00x"],"text":"a"}"#, "trailing"),
            (r#"{"text":"a","f":{"k":"\ud800\u0041"}}"#, "leading"),
        ] {
            let e = err(line.as_bytes());
            let message = e.error.to_string();
            assert!(
                message.starts_with("invalid JSON: lone"),
                "{line}: {message}"
            );
            assert!(message.contains(which), "{line}: {message}");
        }
        for line in [
            r#"{"id":"\ud83d\ude00","text":"a","f":"\\ud800"}"#,
            r#"{"text":"a","f":["\u00e9\\","\\\ud83d\ude00"]}"#,
        ] {
            let mut out = Vec::new();
            write_document(&doc(line), &mut out);
            assert_eq!(String::from_utf8(out).unwrap(), line);
        }
    }

    /// Found by the ndjson_line fuzz target: a line break between the tokens of an unknown
    /// field (`\r` in a file; `\n` from a library caller) was written back as it was, and the
    /// document spanned two lines.
    #[test]
    fn line_breaks_inside_pass_through_values_become_spaces() {
        for (line, written) in [
            ("{\"text\":\"\",\"\":[{\n}]}", r#"{"text":"","":[{ }]}"#),
            (
                "{\"id\":[1,\r\n2],\"text\":\"a\",\"f\":\"x\\ny\"}",
                r#"{"id":[1,  2],"text":"a","f":"x\ny"}"#,
            ),
        ] {
            let mut out = Vec::new();
            write_document(&doc(line), &mut out);
            assert_eq!(String::from_utf8(out).unwrap(), written);
        }
    }

    /// The error for "Sergey Lavrov spoke." with the given layers.
    fn layers_error(layers: &str) -> String {
        let line = format!(r#"{{"text":"Sergey Lavrov spoke.",{layers}}}"#);
        err(line.as_bytes()).error.to_string()
    }

    #[test]
    fn input_layers_are_checked_on_read() {
        let toks = r#""tokens":[{"start":0,"end":6},{"start":7,"end":13},{"start":14,"end":19}]"#;
        let cases = [
            (
                r#""tokens":[{"start":7,"end":13},{"start":0,"end":6}]"#.to_string(),
                "tokens[1]: starts before tokens[0] ends",
            ),
            (r#""tokens":[{"start":3,"end":3}]"#.to_string(), "tokens[0]: is empty"),
            (
                format!(r#"{toks},"sentences":[{{"start":0,"end":20,"tokens":[0,4]}}]"#),
                "sentences[0]: token range 0..4 outside 0..3",
            ),
            (
                format!(r#"{toks},"sentences":[{{"start":0,"end":10,"tokens":[0,2]}}]"#),
                "sentences[0]: tokens 0..2 lie outside the sentence",
            ),
            (
                format!(
                    r#"{toks},"sentences":[{{"start":0,"end":13,"tokens":[0,2]}},{{"start":7,"end":20,"tokens":[2,3]}}]"#
                ),
                "sentences[1]: starts before sentences[0] ends",
            ),
            (
                r#""paragraphs":[{"start":0,"end":21}]"#.to_string(),
                "paragraphs[0]: offsets 0..21 lie outside the text (20 code points)",
            ),
            (
                r#""dateline":{"start":5,"end":2}"#.to_string(),
                "dateline[0]: start 5 is after end 2",
            ),
            (
                r#""dateline":{"start":0,"end":2,"agency_span":{"start":0,"end":30}}"#.to_string(),
                "dateline[0]: offsets 0..30 lie outside the text (20 code points)",
            ),
            (
                r#""entities":[{"start":7,"end":13,"label":"PER"},{"start":0,"end":13,"label":"PER"}]"#
                    .to_string(),
                "entities[1]: starts before entities[0] ends",
            ),
            (
                r#""quotes":[{"start":0,"end":5,"kind":"direct","cue":{"start":9,"end":99}}]"#
                    .to_string(),
                "quotes[0]: offsets 9..99 lie outside the text (20 code points)",
            ),
        ];
        for (layers, message) in cases {
            assert_eq!(layers_error(&layers), message);
        }
    }
}
