//! The read side of the wire format: one JSON object into a [`WireDocument`], then into a
//! [`Document`] whose every layer has been checked, so that no stage can be handed spans that
//! panic when sliced or indexed.

use crate::error::LineError;
use crate::model::*;
use crate::offsets::OffsetMap;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::collections::HashSet;
use std::fmt;

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

/// What the `text` field held.
pub(super) enum WireText {
    String(String),
    Null,
    Other,
}

/// One input line as parsed, before its offsets are converted and checked.
#[derive(Default)]
pub(super) struct WireDocument {
    pub text: Option<WireText>,
    tokens: Option<Vec<WireToken>>,
    sentences: Option<Vec<WireSentence>>,
    paragraphs: Option<Vec<WireSpan>>,
    /// Absent: not run; `null`: run, no dateline found.
    dateline: Option<Option<WireDateline>>,
    entities: Option<Vec<WireEntity>>,
    quotes: Option<Vec<WireQuote>>,
    /// Every other field, as written, in input order.
    pub fields: Vec<(String, RawJson)>,
}

/// Reads the top-level object of a line. The `id` goes to `id` as soon as it is read, so that
/// a line that fails further on (bad JSON, a duplicate key, cut off at the size limit) still
/// names its document.
pub(super) struct DocumentSeed<'a> {
    pub id: &'a mut Option<RawJson>,
}

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_> {
    type Value = WireDocument;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<WireDocument, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_> {
    type Value = WireDocument;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<WireDocument, A::Error> {
        let mut doc = WireDocument::default();
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
            }
            match key.as_str() {
                "id" => *self.id = Some(map.next_value()?),
                "text" => doc.text = Some(map.next_value()?),
                "tokens" => doc.tokens = map.next_value()?,
                "sentences" => doc.sentences = map.next_value()?,
                "paragraphs" => doc.paragraphs = map.next_value()?,
                "dateline" => doc.dateline = Some(map.next_value()?),
                "entities" => doc.entities = map.next_value()?,
                "quotes" => doc.quotes = map.next_value()?,
                _ => doc.fields.push((key, map.next_value()?)),
            }
        }
        Ok(doc)
    }
}

impl<'de> Deserialize<'de> for WireText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<WireText, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

/// Takes a string without copying it twice, and tells `null` from every other non-string.
struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = WireText;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E>(self, v: &str) -> Result<WireText, E> {
        Ok(WireText::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<WireText, E> {
        Ok(WireText::String(v))
    }
    fn visit_unit<E>(self) -> Result<WireText, E> {
        Ok(WireText::Null)
    }
    fn visit_bool<E>(self, _: bool) -> Result<WireText, E> {
        Ok(WireText::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<WireText, E> {
        Ok(WireText::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<WireText, E> {
        Ok(WireText::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<WireText, E> {
        Ok(WireText::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<WireText, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(WireText::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<WireText, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(WireText::Other)
    }
}

/// Converts the code point offsets of one document to byte offsets and checks them: every
/// span inside the text and not reversed (so on character boundaries, as code points map to
/// them), and the ordering a layer promises.
struct Check<'a> {
    map: &'a OffsetMap,
}

/// The error that names a layer item.
fn bad(layer: &'static str, index: usize, detail: String) -> LineError {
    LineError::BadLayer {
        layer,
        index,
        detail,
    }
}

impl Check<'_> {
    fn span(
        &self,
        layer: &'static str,
        i: usize,
        start: usize,
        end: usize,
    ) -> Result<Span, LineError> {
        if start > end {
            return Err(bad(layer, i, format!("start {start} is after end {end}")));
        }
        match (self.map.to_byte(start), self.map.to_byte(end)) {
            (Some(s), Some(e)) => Ok(Span::new(s, e)),
            _ => Err(bad(
                layer,
                i,
                format!(
                    "offsets {start}..{end} lie outside the text ({} code points)",
                    self.map.char_len()
                ),
            )),
        }
    }

    /// A layer of spans that must be non-empty, ascending and non-overlapping.
    fn ordered(&self, layer: &'static str, v: Vec<WireSpan>) -> Result<Vec<Span>, LineError> {
        self.ordered_spans(layer, v.iter().map(|s| (s.start, s.end)))
    }

    /// The same check over `(start, end)` pairs in code points.
    fn ordered_spans(
        &self,
        layer: &'static str,
        v: impl Iterator<Item = (usize, usize)>,
    ) -> Result<Vec<Span>, LineError> {
        let spans = v
            .enumerate()
            .map(|(i, (start, end))| self.span(layer, i, start, end))
            .collect::<Result<Vec<_>, _>>()?;
        check_order(layer, &spans, |s| *s)?;
        Ok(spans)
    }

    /// The tokens, ordered like any span layer, and the pos layer they may carry.
    fn tokens(&self, v: Vec<WireToken>) -> Result<(Vec<Span>, Option<PosLayer>), LineError> {
        let pos = pos_layer(&v)?;
        let spans = self.ordered_spans("tokens", v.iter().map(|t| (t.start, t.end)))?;
        Ok((spans, pos))
    }

    fn sentences(&self, v: Vec<WireSentence>, tokens: &[Span]) -> Result<Vec<Sentence>, LineError> {
        let sentences = v
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let [a, b] = s.tokens.unwrap_or([0, 0]);
                let span = self.span("sentences", i, s.start, s.end)?;
                if a > b || b > tokens.len() {
                    let n = tokens.len();
                    let detail = format!("token range {a}..{b} outside 0..{n}");
                    return Err(bad("sentences", i, detail));
                }
                let inside =
                    a == b || (span.start <= tokens[a].start && tokens[b - 1].end <= span.end);
                if !inside {
                    let detail = format!("tokens {a}..{b} lie outside the sentence");
                    return Err(bad("sentences", i, detail));
                }
                Ok(Sentence { span, tokens: a..b })
            })
            .collect::<Result<Vec<_>, _>>()?;
        // With the tokens ordered and each sentence's tokens inside it, ordered sentences
        // also have ordered, disjoint token ranges.
        check_order("sentences", &sentences, |s| s.span)?;
        Ok(sentences)
    }

    fn dateline(&self, d: WireDateline) -> Result<Dateline, LineError> {
        Ok(Dateline {
            span: self.span("dateline", 0, d.start, d.end)?,
            location: d.location,
            date: d.date,
            date_text: d.date_text,
            agency: d.agency,
            place: d.place.map(|p| Place {
                name: p.name,
                region: p.region,
                country: p.country,
            }),
        })
    }

    fn entities(&self, v: Vec<WireEntity>, text: &str) -> Result<Vec<Entity>, LineError> {
        let entities = v
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                let label = EntityLabel::parse(&e.label)
                    .ok_or_else(|| bad("entities", i, format!("unknown label {:?}", e.label)))?;
                let span = self.span("entities", i, e.start, e.end)?;
                let canonical = e
                    .canonical
                    .unwrap_or_else(|| text[span.range()].to_string());
                Ok::<_, LineError>(Entity {
                    span,
                    label,
                    canonical,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        check_order("entities", &entities, |e| e.span)?;
        Ok(entities)
    }

    fn quote(&self, i: usize, q: WireQuote) -> Result<Quote, LineError> {
        let kind = QuoteKind::parse(&q.kind)
            .ok_or_else(|| bad("quotes", i, format!("unknown kind {:?}", q.kind)))?;
        let speaker = q
            .speaker
            .map(|s| {
                Ok::<_, LineError>(Speaker {
                    span: self.span("quotes", i, s.start, s.end)?,
                    canonical: s.canonical,
                })
            })
            .transpose()?;
        Ok(Quote {
            span: self.span("quotes", i, q.start, q.end)?,
            kind,
            cue: q
                .cue
                .map(|c| self.span("quotes", i, c.start, c.end))
                .transpose()?,
            speaker,
        })
    }
}

/// Checks that the items of a layer are non-empty, ascending and non-overlapping.
fn check_order<T>(
    layer: &'static str,
    items: &[T],
    span: impl Fn(&T) -> Span,
) -> Result<(), LineError> {
    for (i, item) in items.iter().enumerate() {
        let s = span(item);
        if s.is_empty() {
            return Err(bad(layer, i, "is empty".to_string()));
        }
        if i > 0 && s.start < span(&items[i - 1]).end {
            let detail = format!("starts before {layer}[{}] ends", i - 1);
            return Err(bad(layer, i, detail));
        }
    }
    Ok(())
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

/// Builds the document from its parsed wire form and its `text`, checking every layer.
pub(super) fn from_wire(wire: WireDocument, text: String) -> Result<Document, LineError> {
    let map = OffsetMap::new(&text);
    let check = Check { map: &map };
    let (tokens, pos) = match wire.tokens.map(|v| check.tokens(v)).transpose()? {
        Some((tokens, pos)) => (Some(tokens), pos),
        None => (None, None),
    };
    let sentences = wire
        .sentences
        .map(|v| check.sentences(v, tokens.as_deref().unwrap_or_default()))
        .transpose()?;
    let paragraphs = wire
        .paragraphs
        .map(|v| check.ordered("paragraphs", v))
        .transpose()?;
    let dateline = match wire.dateline {
        None => None,
        Some(d) => Some(d.map(|d| check.dateline(d)).transpose()?),
    };
    let entities = wire
        .entities
        .map(|v| check.entities(v, &text))
        .transpose()?;
    let quotes = wire
        .quotes
        .map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, q)| check.quote(i, q))
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?;
    Ok(Document {
        id: None,
        text,
        fields: wire.fields,
        tokens,
        sentences,
        paragraphs,
        pos,
        dateline,
        entities,
        quotes,
        warnings: Vec::new(),
    })
}
