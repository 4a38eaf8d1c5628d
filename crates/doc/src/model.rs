//! The one document model every stage reads and extends.
//!
//! All spans held in memory are **byte** offsets into [`Document::text`], so a stage can slice
//! `&doc.text[span.range()]` directly. They become code point offsets only on the wire
//! (see [`crate::ndjson`]).

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use std::borrow::Cow;
use std::ops::Range;

/// A JSON value kept exactly as it was written — big integers, `1e2`, `-0`, escapes, deep
/// nesting — so that `id` and unknown fields pass through every stage byte for byte (but for a
/// line break between tokens, which becomes a space: the document stays one line).
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct RawJson(Box<RawValue>);

/// Reads a value as written, refusing lone surrogate escapes: serde_json lets them through when
/// it keeps a value raw, but no JSON reader (ours included, at the next stage) turns one into a
/// string, so the line is invalid JSON here as it is in `text`.
impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RawJson, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        match lone_surrogate(raw.get()) {
            None => Ok(RawJson(one_line(raw))),
            Some(unit) => {
                let which = if unit < 0xDC00 { "leading" } else { "trailing" };
                let message = format!("lone {which} surrogate in hex escape \\u{unit:04x}");
                Err(serde::de::Error::custom(message))
            }
        }
    }
}

/// The value with every line break between its tokens made a space, so that a document stays
/// one line of NDJSON (for readers that also split at a lone `\r`, too). A valid JSON string
/// holds no raw line break, so each one is whitespace between tokens and the value is the same.
fn one_line(raw: Box<RawValue>) -> Box<RawValue> {
    if !raw.get().contains(['\n', '\r']) {
        return raw;
    }
    let flat = raw.get().replace(['\n', '\r'], " ");
    RawValue::from_string(flat).expect("spaces for line breaks keep JSON valid")
}

/// The first `\uXXXX` escape in the JSON text `raw` that is half of a surrogate pair without
/// its other half. (Backslashes occur only inside strings, so no string tracking is needed.)
fn lone_surrogate(raw: &str) -> Option<u16> {
    let bytes = raw.as_bytes();
    let unit = |at: usize| match (bytes.get(at), bytes.get(at + 1)) {
        (Some(b'\\'), Some(b'u')) => raw
            .get(at + 2..at + 6)
            .and_then(|hex| u16::from_str_radix(hex, 16).ok()),
        _ => None,
    };
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'\\' {
            at += 1;
            continue;
        }
        match unit(at) {
            Some(high @ 0xD800..=0xDBFF) => match unit(at + 6) {
                Some(0xDC00..=0xDFFF) => at += 12,
                _ => return Some(high),
            },
            Some(low @ 0xDC00..=0xDFFF) => return Some(low),
            // Any other escape: skip the backslash and the character it escapes.
            _ => at += 2,
        }
    }
    None
}

impl RawJson {
    /// A JSON string holding `s`.
    pub fn string(s: &str) -> RawJson {
        let json = serde_json::to_string(s).expect("a string always serialises");
        RawJson(RawValue::from_string(json).expect("serde_json writes valid JSON"))
    }

    /// `json` kept as written, if it is one valid JSON value (for a stage that adds a field
    /// of its own, such as the quote stage's `explain`).
    pub fn from_json(json: String) -> Option<RawJson> {
        RawValue::from_string(json).ok().map(RawJson)
    }

    /// The JSON text as written.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// The value when it is a JSON string (borrowed when it holds no escapes).
    pub fn as_str(&self) -> Option<Cow<'_, str>> {
        let raw = self.get();
        let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
        if !inner.contains('\\') {
            return Some(Cow::Borrowed(inner));
        }
        serde_json::from_str::<String>(raw).ok().map(Cow::Owned)
    }

    /// The value parsed (`None` when serde_json cannot hold it: numbers out of range, nesting
    /// beyond 128 levels).
    pub fn to_value(&self) -> Option<Value> {
        serde_json::from_str(self.get()).ok()
    }
}

/// Equal when written identically.
impl PartialEq for RawJson {
    fn eq(&self, other: &RawJson) -> bool {
        self.get() == other.get()
    }
}

/// A half-open byte range `[start, end)` into the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A sentence: its span and the token range `[first, last + 1)` it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<usize>,
}

/// Where, when and by whom a story was filed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dateline {
    /// The dateline span, terminator included.
    pub span: Span,
    /// The location as written, qualifiers included (`RICHMOND, Va.`).
    pub location: Option<String>,
    /// Where `location` is written: `text[location_span] == location`.
    pub location_span: Option<Span>,
    /// ISO date (`2016-11-24`) when day and month are known and the year resolved.
    pub date: Option<String>,
    /// The date words as written (`November 24`).
    pub date_text: Option<String>,
    /// Where `date_text` is written: `text[date_span] == date_text`.
    pub date_span: Option<Span>,
    /// The agency's usual short name (`AP`, `TASS`).
    pub agency: Option<String>,
    /// Where the agency is named, as written (`Associated Press` for `AP`), without brackets.
    pub agency_span: Option<Span>,
    /// The location normalised against the gazetteer.
    pub place: Option<Place>,
}

/// A normalised place.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place {
    pub name: String,
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
}

/// The CoNLL-2003 entity classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityLabel {
    Per,
    Org,
    Loc,
    Misc,
}

impl EntityLabel {
    pub const ALL: [EntityLabel; 4] = [
        EntityLabel::Per,
        EntityLabel::Org,
        EntityLabel::Loc,
        EntityLabel::Misc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Per => "PER",
            EntityLabel::Org => "ORG",
            EntityLabel::Loc => "LOC",
            EntityLabel::Misc => "MISC",
        }
    }

    pub fn parse(s: &str) -> Option<EntityLabel> {
        match s {
            "PER" => Some(EntityLabel::Per),
            "ORG" => Some(EntityLabel::Org),
            "LOC" => Some(EntityLabel::Loc),
            "MISC" => Some(EntityLabel::Misc),
            _ => None,
        }
    }
}

/// A named-entity mention linked to its canonical name within the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub span: Span,
    pub label: EntityLabel,
    /// The entity's full name in this document (`Sergey Lavrov` for `Lavrov's`).
    pub canonical: String,
}

/// The Universal POS tags (UD v2), the values of a token's `pos`.
pub const UPOS_TAGS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// The Penn Treebank tags as GUM's XPOS column uses them (with UD English's additions `HYPH`,
/// `NFP`, `ADD`, `AFX`, `GW`, `XX`), the values of a token's `tag`.
pub const PTB_TAGS: [&str; 51] = [
    "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS", "NNP", "NNPS",
    "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG",
    "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", "$", "``", "''", "-LRB-", "-RRB-", ",", ".",
    ":", "HYPH", "NFP", "ADD", "AFX", "GW", "XX", "-LSB-",
];

/// `name` as the `'static` entry of `list`, so a tag costs no allocation per token.
pub fn intern_tag(list: &[&'static str], name: &str) -> Option<&'static str> {
    list.iter().find(|&&t| t == name).copied()
}

/// Part of speech and lemma of one token: 12 bytes, as a document of millions of one-character
/// tokens holds one per token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenPos {
    /// Index into [`UPOS_TAGS`].
    upos: u8,
    /// Index into [`PTB_TAGS`].
    ptb: u8,
    /// Byte range of the lemma in [`PosLayer::lemmas`].
    lemma: (u32, u32),
}

impl TokenPos {
    /// Universal POS tag, one of [`UPOS_TAGS`].
    pub fn pos(&self) -> &'static str {
        UPOS_TAGS[usize::from(self.upos)]
    }

    /// Penn Treebank tag, one of [`PTB_TAGS`].
    pub fn tag(&self) -> &'static str {
        PTB_TAGS[usize::from(self.ptb)]
    }
}

/// The index of `name` in `list`, or of `fallback` (callers pass interned tags; see
/// [`intern_tag`]).
fn tag_index(list: &[&'static str], name: &str, fallback: &str) -> u8 {
    let at = |name: &str| list.iter().position(|&t| t == name);
    at(name).or_else(|| at(fallback)).unwrap_or(0) as u8
}

/// A Universal and a Penn tag as their places in [`UPOS_TAGS`] and [`PTB_TAGS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagPair {
    upos: u8,
    ptb: u8,
}

impl TagPair {
    /// `pos` from [`UPOS_TAGS`] and `tag` from [`PTB_TAGS`]; anything else is `X` and `XX`.
    pub fn new(pos: &str, tag: &str) -> TagPair {
        TagPair {
            upos: tag_index(&UPOS_TAGS, pos, "X"),
            ptb: tag_index(&PTB_TAGS, tag, "XX"),
        }
    }
}

/// The pos stage's layer, parallel to `tokens`: every lemma lives in one buffer, so tagging a
/// document allocates per document, not per token.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PosLayer {
    pub tokens: Vec<TokenPos>,
    lemmas: String,
}

impl PosLayer {
    /// An empty layer (a document without tokens).
    pub const fn new() -> PosLayer {
        PosLayer {
            tokens: Vec::new(),
            lemmas: String::new(),
        }
    }

    /// An empty layer with room for `n` tokens.
    pub fn with_capacity(n: usize) -> PosLayer {
        PosLayer {
            tokens: Vec::with_capacity(n),
            lemmas: String::with_capacity(n * 6),
        }
    }

    /// Appends the next token's tags (one of [`UPOS_TAGS`] and one of [`PTB_TAGS`]; anything
    /// else is stored as `X` and `XX`) and lemma.
    pub fn push(&mut self, pos: &str, tag: &str, lemma: &str) {
        self.push_pair(TagPair::new(pos, tag), lemma);
    }

    /// [`PosLayer::push`] with the tags looked up once, by a tagger that pushes a few pairs
    /// over and over.
    pub fn push_pair(&mut self, tags: TagPair, lemma: &str) {
        let start = self.lemmas.len() as u32;
        self.lemmas.push_str(lemma);
        let lemma = (start, self.lemmas.len() as u32);
        self.tokens.push(TokenPos {
            upos: tags.upos,
            ptb: tags.ptb,
            lemma,
        });
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The lemma of token `i`.
    pub fn lemma(&self, i: usize) -> &str {
        let (start, end) = self.tokens[i].lemma;
        &self.lemmas[start as usize..end as usize]
    }
}

/// How a statement is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// Entirely inside quotation marks.
    Direct,
    /// Reported speech with a quoted phrase inside.
    Mixed,
    /// Reported speech without quotation marks.
    Indirect,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
        }
    }

    pub fn parse(s: &str) -> Option<QuoteKind> {
        match s {
            "direct" => Some(QuoteKind::Direct),
            "mixed" => Some(QuoteKind::Mixed),
            "indirect" => Some(QuoteKind::Indirect),
            _ => None,
        }
    }
}

/// The person or body a quote is attributed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The mention near the cue (may be `he`).
    pub span: Span,
    /// The resolved full name.
    pub canonical: Option<String>,
}

/// A statement: its content (without enclosing quotation marks), cue and speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub span: Span,
    pub kind: QuoteKind,
    pub cue: Option<Span>,
    pub speaker: Option<Speaker>,
    /// The name of the rule that found it (`inverted_said`): written only when asked for
    /// (`--explain`), so the usual output does not change.
    pub rule: Option<String>,
}

/// One news document with the annotation layers added so far.
///
/// A layer that is `None` has not been computed; `Some(vec![])` means computed and empty.
/// For the dateline, `Some(None)` means "looked, found none" (serialised as `null`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The document id as written (usually a string); `None` when the input had none.
    pub id: Option<RawJson>,
    pub text: String,
    /// Every other input field, in input order, passed through as written (`published` too).
    pub fields: Vec<(String, RawJson)>,
    pub tokens: Option<Vec<Span>>,
    pub sentences: Option<Vec<Sentence>>,
    pub paragraphs: Option<Vec<Span>>,
    /// Part of speech and lemma of each token (written inside `tokens` on the wire).
    pub pos: Option<PosLayer>,
    pub dateline: Option<Option<Dateline>>,
    pub entities: Option<Vec<Entity>>,
    pub quotes: Option<Vec<Quote>>,
    /// Notes for the user about this document that did not stop a stage (a `published`
    /// field that is not a date); the runner prints them as warnings with the line number.
    pub warnings: Vec<String>,
}

impl Document {
    /// A bare document holding only `text`.
    pub fn new(text: impl Into<String>) -> Document {
        Document {
            text: text.into(),
            ..Document::default()
        }
    }

    /// The text under `span`.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// The input field `name` as written, when present.
    pub fn field(&self, name: &str) -> Option<&RawJson> {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// The `published` input field, when it is a string.
    pub fn published(&self) -> Option<Cow<'_, str>> {
        self.field("published").and_then(RawJson::as_str)
    }

    /// The id as a display string (`-` when there is none).
    pub fn id_string(&self) -> String {
        match &self.id {
            None => "-".to_string(),
            Some(id) => id
                .as_str()
                .map_or_else(|| id.get().to_string(), Cow::into_owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_relations() {
        let a = Span::new(0, 5);
        assert!(a.contains(Span::new(1, 5)));
        assert!(!a.contains(Span::new(1, 6)));
        assert!(a.overlaps(Span::new(4, 9)));
        assert!(!a.overlaps(Span::new(5, 9)));
    }

    #[test]
    fn pos_layer_keeps_each_lemma() {
        let mut layer = PosLayer::with_capacity(2);
        layer.push("AUX", "VBZ", "have");
        layer.push("PROPN", "NNP", "Lavrov");
        assert_eq!((layer.lemma(0), layer.lemma(1)), ("have", "Lavrov"));
        assert_eq!(layer.tokens[1].tag(), "NNP");
        assert_eq!(intern_tag(&PTB_TAGS, "PRP$"), Some("PRP$"));
        assert_eq!(intern_tag(&UPOS_TAGS, "NN"), None);
    }

    #[test]
    fn a_tag_pair_looked_up_once_stores_what_push_stores() {
        let mut layer = PosLayer::new();
        let pair = TagPair::new("VERB", "VBD");
        layer.push_pair(pair, "say");
        layer.push("VERB", "VBD", "say");
        layer.push_pair(TagPair::new("NOUN", "NOT-A-TAG"), "x");
        let token = |i: usize| (layer.tokens[i].pos(), layer.tokens[i].tag(), layer.lemma(i));
        assert_eq!(token(0), ("VERB", "VBD", "say"));
        assert_eq!(token(1), token(0));
        assert_eq!(
            (layer.tokens[2].pos(), layer.tokens[2].tag()),
            ("NOUN", "XX")
        );
    }

    #[test]
    fn pos_tags_are_stored_as_indices() {
        let mut layer = PosLayer::new();
        for (&pos, &tag) in UPOS_TAGS.iter().zip(PTB_TAGS.iter().rev()) {
            layer.push(pos, tag, "x");
        }
        layer.push("NOUN?", "NN?", "y");
        let got: Vec<_> = layer.tokens.iter().map(|t| (t.pos(), t.tag())).collect();
        let want: Vec<_> = UPOS_TAGS
            .iter()
            .copied()
            .zip(PTB_TAGS.iter().rev().copied())
            .collect();
        assert_eq!(got[..UPOS_TAGS.len()], want[..]);
        assert_eq!(got[UPOS_TAGS.len()], ("X", "XX"));
        // A document of millions of one-character tokens holds one of these per token.
        assert!(std::mem::size_of::<TokenPos>() <= 12);
    }

    #[test]
    fn labels_round_trip() {
        for l in EntityLabel::ALL {
            assert_eq!(EntityLabel::parse(l.as_str()), Some(l));
        }
        assert_eq!(EntityLabel::parse("PERSON"), None);
    }
}
