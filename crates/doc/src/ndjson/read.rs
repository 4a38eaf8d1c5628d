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

/// The `tokens` layer as read: the spans in code points, and the tags and lemmas gathered
/// straight into a [`PosLayer`], so that reading a token allocates nothing of its own (a
/// document of millions of punctuation tokens would otherwise hold a few strings per token).
/// Offsets are kept in 32 bits while the input line is still held (see
/// [`super::parse_owned_line`]); a text has fewer than 2^32 code points.
#[derive(Default)]
pub(super) struct WireTokens {
    spans: Vec<(u32, u32)>,
    /// The first token with an offset past `u32::MAX` (index, start, end); it is stored as
    /// `(0, 0)` and the layer refused.
    first_past_u32: Option<(usize, usize, usize)>,
    pos: PosLayer,
    /// Whether any token carries `pos`, `tag` or `lemma`.
    any_pos: bool,
    /// The first token without any of them.
    first_without: Option<usize>,
    /// The first token with some but not all of them, or with an unknown tag, and why.
    first_bad: Option<(usize, String)>,
}

/// Keys of a token object (others are ignored).
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum TokenKey {
    Start,
    End,
    Pos,
    Tag,
    Lemma,
    #[serde(other)]
    Other,
}

/// A tag as read: one of the known tag names, or what was written instead.
enum TagName {
    Known(&'static str),
    Unknown(String),
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
    location_span: Option<WireSpan>,
    date: Option<String>,
    date_text: Option<String>,
    date_span: Option<WireSpan>,
    agency: Option<String>,
    agency_span: Option<WireSpan>,
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
    rule: Option<String>,
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
    tokens: Option<WireTokens>,
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
                "tokens" => doc.tokens = map.next_value_seed(TokensSeed)?,
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

/// Reads the `tokens` layer (or `null`) into [`WireTokens`].
struct TokensSeed;

impl<'de> DeserializeSeed<'de> for TokensSeed {
    type Value = Option<WireTokens>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<WireTokens>, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for TokensSeed {
    type Value = Option<WireTokens>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of tokens")
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut tokens = WireTokens::default();
        let mut lemma = String::new();
        while seq
            .next_element_seed(TokenSeed {
                tokens: &mut tokens,
                lemma: &mut lemma,
            })?
            .is_some()
        {}
        Ok(Some(tokens))
    }
}

/// Reads one token object onto the end of [`WireTokens`]; `lemma` is scratch space.
struct TokenSeed<'a> {
    tokens: &'a mut WireTokens,
    lemma: &'a mut String,
}

impl<'de> DeserializeSeed<'de> for TokenSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TokenSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a token object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (mut start, mut end, mut pos, mut tag) = (None, None, None, None);
        let mut lemma: Option<bool> = None;
        while let Some(key) = map.next_key::<TokenKey>()? {
            let (seen, name) = match key {
                TokenKey::Start => (start.is_some(), "start"),
                TokenKey::End => (end.is_some(), "end"),
                TokenKey::Pos => (pos.is_some(), "pos"),
                TokenKey::Tag => (tag.is_some(), "tag"),
                TokenKey::Lemma => (lemma.is_some(), "lemma"),
                TokenKey::Other => (false, ""),
            };
            if seen {
                return Err(de::Error::duplicate_field(name));
            }
            match key {
                TokenKey::Start => start = Some(map.next_value::<usize>()?),
                TokenKey::End => end = Some(map.next_value::<usize>()?),
                TokenKey::Pos => pos = Some(map.next_value::<Option<TagName>>()?),
                TokenKey::Tag => tag = Some(map.next_value::<Option<TagName>>()?),
                TokenKey::Lemma => lemma = Some(map.next_value_seed(LemmaSeed(self.lemma))?),
                TokenKey::Other => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        let start = start.ok_or_else(|| de::Error::missing_field("start"))?;
        let end = end.ok_or_else(|| de::Error::missing_field("end"))?;
        let lemma = lemma.unwrap_or(false).then_some(self.lemma.as_str());
        self.tokens
            .push(start, end, pos.flatten(), tag.flatten(), lemma);
        Ok(())
    }
}

impl WireTokens {
    /// Adds one token, noting the first problem with its pos fields.
    fn push(
        &mut self,
        start: usize,
        end: usize,
        pos: Option<TagName>,
        tag: Option<TagName>,
        lemma: Option<&str>,
    ) {
        let index = self.spans.len();
        match (u32::try_from(start), u32::try_from(end)) {
            (Ok(s), Ok(e)) => self.spans.push((s, e)),
            _ => {
                self.first_past_u32.get_or_insert((index, start, end));
                self.spans.push((0, 0));
            }
        }
        if pos.is_none() && tag.is_none() && lemma.is_none() {
            self.first_without.get_or_insert(index);
            return;
        }
        self.any_pos = true;
        let known = match (pos, tag, lemma) {
            (Some(pos), Some(tag), Some(lemma)) => pos
                .known(&UPOS_TAGS, "Universal POS")
                .and_then(|pos| Ok((pos, tag.known(&PTB_TAGS, "PTB")?, lemma))),
            _ => Err("`pos`, `tag` and `lemma` must be on every token or on none".to_string()),
        };
        match known {
            Ok((pos, tag, lemma)) if self.first_bad.is_none() => self.pos.push(pos, tag, lemma),
            Ok(_) => {}
            Err(detail) => {
                self.first_bad.get_or_insert((index, detail));
            }
        }
    }
}

impl TagName {
    /// The tag when it is one of `list`, else why not.
    fn known(self, list: &[&'static str], kind: &str) -> Result<&'static str, String> {
        let name = match self {
            TagName::Known(name) => name,
            TagName::Unknown(name) => return Err(format!("unknown {kind} tag {name:?}")),
        };
        intern_tag(list, name).ok_or_else(|| format!("unknown {kind} tag {name:?}"))
    }
}

impl<'de> Deserialize<'de> for TagName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<TagName, D::Error> {
        d.deserialize_str(TagVisitor)
    }
}

/// Reads a tag name without allocating when it is a known one.
struct TagVisitor;

impl<'de> Visitor<'de> for TagVisitor {
    type Value = TagName;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E>(self, v: &str) -> Result<TagName, E> {
        let known = intern_tag(&UPOS_TAGS, v).or_else(|| intern_tag(&PTB_TAGS, v));
        Ok(known.map_or_else(|| TagName::Unknown(v.to_string()), TagName::Known))
    }
}

/// Reads a lemma (or `null`) into the scratch string; `true` when there was one.
struct LemmaSeed<'a>(&'a mut String);

impl<'de> DeserializeSeed<'de> for LemmaSeed<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for LemmaSeed<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_none<E>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
    fn visit_str<E>(self, v: &str) -> Result<bool, E> {
        self.0.clear();
        self.0.push_str(v);
        Ok(true)
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
    text: &'a str,
    /// Built at the first span: a document that arrives without layers needs none.
    map: std::cell::OnceCell<OffsetMap>,
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
    fn map(&self) -> &OffsetMap {
        self.map.get_or_init(|| OffsetMap::new(self.text))
    }

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
        match (self.map().to_byte(start), self.map().to_byte(end)) {
            (Some(s), Some(e)) => Ok(Span::new(s, e)),
            _ => Err(bad(
                layer,
                i,
                format!(
                    "offsets {start}..{end} lie outside the text ({} code points)",
                    self.map().char_len()
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
    fn tokens(&self, mut v: WireTokens) -> Result<(Vec<Span>, Option<PosLayer>), LineError> {
        if let Some((i, start, end)) = v.first_past_u32 {
            self.span("tokens", i, start, end)?;
            let detail = format!("offsets {start}..{end} are past 2^32 code points");
            return Err(bad("tokens", i, detail));
        }
        let pos = v.pos_layer()?;
        let spans = v.spans.into_iter().map(|(s, e)| (s as usize, e as usize));
        let spans = self.ordered_spans("tokens", spans)?;
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
        let part = |s: Option<WireSpan>| {
            s.map(|s| self.span("dateline", 0, s.start, s.end))
                .transpose()
        };
        Ok(Dateline {
            span: self.span("dateline", 0, d.start, d.end)?,
            location: d.location,
            location_span: part(d.location_span)?,
            date: d.date,
            date_text: d.date_text,
            date_span: part(d.date_span)?,
            agency: d.agency,
            agency_span: part(d.agency_span)?,
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
            rule: q.rule,
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

impl WireTokens {
    /// The pos layer held in `tokens`: every token has `pos`, `tag` and `lemma`, or none has;
    /// the error names the first token that breaks this or has an unknown tag.
    fn pos_layer(&mut self) -> Result<Option<PosLayer>, LineError> {
        if !self.any_pos {
            return Ok(None);
        }
        let without = self.first_without.map(|i| {
            let detail = "`pos`, `tag` and `lemma` must be on every token or on none";
            (i, detail.to_string())
        });
        let first = match (without, self.first_bad.take()) {
            (Some(a), Some(b)) => Some(if a.0 < b.0 { a } else { b }),
            (a, b) => a.or(b),
        };
        match first {
            Some((index, detail)) => Err(LineError::BadLayer {
                layer: "tokens",
                index,
                detail,
            }),
            None => Ok(Some(std::mem::take(&mut self.pos))),
        }
    }
}

/// Builds the document from its parsed wire form and its `text`, checking every layer.
pub(super) fn from_wire(wire: WireDocument, text: String) -> Result<Document, LineError> {
    let check = Check {
        text: &text,
        map: std::cell::OnceCell::new(),
    };
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
