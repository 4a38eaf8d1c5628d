//! The model's features for one window, hashed straight into its weight table.
//!
//! Besides the usual word, lemma and part-of-speech context, the features carry what decides
//! an attribution in news: the reporting-word class of each token (the rules' lexicon), the
//! nearest reporting word to either side in the sentence with its distance (content sits right
//! of `said that` and left of `, he said`), entity labels (sources are names), quotation state
//! and where the sentence stands in its paragraph.

use super::layers::{Layers, QuoteState};
use crate::lexicon::{Lexicon, Tag};
use newsnlp_tagger::{FeatureHash, Features};
use std::ops::Range;

/// Template ids; changing any feature needs a new [`super::FEATURES`] version.
mod t {
    pub const BIAS: u32 = 0;
    pub const WORD: u32 = 1;
    pub const LEMMA: u32 = 2;
    pub const UPOS: u32 = 3;
    pub const PTB: u32 = 4;
    pub const SUFFIX: u32 = 5;
    pub const CAPS: u32 = 6;
    pub const NEAR_WORD: u32 = 7;
    pub const NEAR_UPOS: u32 = 8;
    pub const UPOS_BIGRAM: u32 = 9;
    pub const CUE: u32 = 10;
    pub const NEAR_CUE: u32 = 11;
    pub const VERB: u32 = 12;
    pub const ENTITY: u32 = 13;
    pub const QUOTE: u32 = 14;
    pub const QUOTE_BIGRAM: u32 = 15;
    pub const PLACE: u32 = 16;
    pub const TRIGGER: u32 = 17;
    pub const TRIGGER_LEMMA: u32 = 18;
    pub const TRIGGER_UPOS: u32 = 19;
    pub const VERB_NEAR: u32 = 20;
    pub const VERB_NEAR_LEMMA: u32 = 21;
    pub const LEMMA_BIGRAM: u32 = 22;
    pub const ANCHOR: u32 = 23;
    pub const NEAR_STATE: u32 = 24;
}

/// A token that introduces or closes a content: a reporting verb or noun, `according`, a colon.
pub(crate) fn trigger(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Verb(..) | Tag::CueNoun | Tag::According | Tag::Colon
    )
}

/// The class of a reporting-word tag without its lemma id (ids follow list order).
fn cue_class(tag: Tag) -> String {
    match tag {
        Tag::Verb(_, class, form) => format!("verb {class:?} {form:?}"),
        other => format!("{other:?}"),
    }
}

/// Distance in tokens, in buckets that grow with it.
fn bucket(d: usize) -> u64 {
    match d {
        0..=3 => d as u64,
        4..=6 => 4,
        7..=10 => 5,
        11..=20 => 6,
        _ => 7,
    }
}

/// The nearest token before and after each token, in its sentence, for which `is` holds:
/// `(token, distance)`. Two passes, so linear in the document.
type Nearest = Vec<[Option<(usize, usize)>; 2]>;

fn nearest(layers: &Layers, is: impl Fn(usize) -> bool) -> Nearest {
    let n = layers.toks.len();
    let mut out = vec![[None, None]; n];
    let mut last: Option<usize> = None;
    for (i, near) in out.iter_mut().enumerate() {
        if layers.sentence_at[i].1 {
            last = None;
        }
        near[0] = last.map(|j| (j, i - j));
        if is(i) {
            last = Some(i);
        }
    }
    last = None;
    for i in (0..n).rev() {
        out[i][1] = last.map(|j| (j, j - i));
        if is(i) {
            last = Some(i);
        }
        if layers.sentence_at[i].1 {
            last = None;
        }
    }
    out
}

/// Per-document feature inputs that several tokens read (computed once).
pub(crate) struct Prepared {
    cue: Vec<String>,
    /// Nearest reporting word (a lexicon trigger) on either side.
    trigger: Nearest,
    /// Nearest verb on either side: the model learns which verbs report from the data, not
    /// only from the lexicon (PolNeAR counts `mocked`, `don't like`, `seemed`).
    verb: Nearest,
}

impl Prepared {
    pub fn new(layers: &Layers) -> Prepared {
        Prepared {
            cue: layers.cue.iter().map(|&c| cue_class(c)).collect(),
            trigger: nearest(layers, |i| trigger(layers.cue[i])),
            verb: nearest(layers, |i| layers.pos.tokens[i].pos() == "VERB"),
        }
    }
}

/// The features of the tokens of window `w`, written into `f`. With `cue`, each token also
/// gets its position relative to that cue: the attribution tagger then reads one cue at a time
/// and marks that cue's content and source.
pub(crate) fn window(
    lexicon: &Lexicon,
    l: &Layers,
    p: &Prepared,
    w: Range<usize>,
    cue: Option<&Range<usize>>,
    f: &mut Features,
) {
    f.clear();
    for i in w.clone() {
        f.next_token();
        token(lexicon, l, p, i, f);
        context(l, p, &w, i, f);
        triggers(lexicon, l, p, i, f);
        if let Some(cue) = cue {
            anchored(lexicon, l, p, cue, i, f);
        }
    }
}

/// Where token `i` stands relative to the cue `c`, alone and with what the token is.
fn anchored(
    lexicon: &Lexicon,
    l: &Layers,
    p: &Prepared,
    c: &Range<usize>,
    i: usize,
    f: &mut Features,
) {
    let (side, d) = if i < c.start {
        (0u64, c.start - i)
    } else if i < c.end {
        (1, i - c.start)
    } else {
        (2, i + 1 - c.end)
    };
    let b = bucket(d);
    let head = c
        .clone()
        .rev()
        .find(|&j| l.pos.tokens[j].pos() == "VERB")
        .unwrap_or(c.start);
    let cue_lemma = match l.cue[head] {
        Tag::Verb(id, ..) => lexicon.lemmas.get(usize::from(id)).copied().unwrap_or(""),
        _ => l.pos.lemma(head),
    };
    // A window lies inside one paragraph, where a sentence is known by its index.
    let same_sentence = l.sentence_at[i].0 == l.sentence_at[c.start].0;
    let h = |k: u64| FeatureHash::new(t::ANCHOR).num(k).num(side).num(b);
    f.add(h(0));
    f.add(h(1).num(u64::from(same_sentence)));
    f.add(h(2).bytes(l.pos.tokens[i].pos().as_bytes()));
    f.add(h(3).lower(cue_lemma));
    f.add(h(4).num(l.quote[i] as u64).num(l.quote[head] as u64));
    f.add(h(5).num(l.entity[i].map_or(0, |(e, _)| 1 + l.entities[e].label as u64)));
    f.add(h(6).bytes(p.cue[i].as_bytes()));
    f.add(
        FeatureHash::new(t::ANCHOR)
            .num(7)
            .num(side)
            .lower(cue_lemma)
            .bytes(l.pos.tokens[i].pos().as_bytes()),
    );
    if d <= 3 {
        f.add(h(8).bytes(l.lower[i].as_bytes()));
    }
}

/// What the token itself is.
fn token(lexicon: &Lexicon, l: &Layers, p: &Prepared, i: usize, f: &mut Features) {
    let word = &l.lower[i];
    let tp = &l.pos.tokens[i];
    f.add(FeatureHash::new(t::BIAS));
    f.add(FeatureHash::new(t::WORD).bytes(word.as_bytes()));
    f.add(FeatureHash::new(t::LEMMA).lower(l.pos.lemma(i)));
    f.add(FeatureHash::new(t::UPOS).bytes(tp.pos().as_bytes()));
    f.add(FeatureHash::new(t::PTB).bytes(tp.tag().as_bytes()));
    let chars: Vec<char> = word.chars().collect();
    let suffix: String = chars[chars.len().saturating_sub(3)..].iter().collect();
    f.add(FeatureHash::new(t::SUFFIX).bytes(suffix.as_bytes()));
    let raw = l.text.get(l.toks[i].range()).unwrap_or("");
    let caps = raw
        .chars()
        .next()
        .map_or(0, |c| u64::from(c.is_uppercase()))
        + 2 * u64::from(raw.chars().all(|c| !c.is_lowercase()));
    f.add(FeatureHash::new(t::CAPS).num(caps));
    f.add(FeatureHash::new(t::CUE).bytes(p.cue[i].as_bytes()));
    if let Tag::Verb(id, ..) = l.cue[i] {
        let lemma = lexicon.lemmas.get(usize::from(id)).copied().unwrap_or("");
        f.add(FeatureHash::new(t::VERB).bytes(lemma.as_bytes()));
    }
    let entity = l.entity[i].map_or((0, 0), |(e, first)| {
        (1 + l.entities[e].label as u64, u64::from(first))
    });
    f.add(FeatureHash::new(t::ENTITY).num(entity.0).num(entity.1));
    f.add(FeatureHash::new(t::QUOTE).num(l.quote[i] as u64));
    let (sentence, starts) = l.sentence_at[i];
    f.add(
        FeatureHash::new(t::PLACE)
            .num(sentence.min(3) as u64)
            .num(u64::from(starts))
            .num(l.para[i].min(3) as u64),
    );
}

/// Neighbours within ±2 tokens of the window.
fn context(l: &Layers, p: &Prepared, w: &Range<usize>, i: usize, f: &mut Features) {
    let upos = |j: usize| l.pos.tokens[j].pos().as_bytes();
    for d in [-2i64, -1, 1, 2] {
        let j = i as i64 + d;
        let (word, pos, cue, state): (&[u8], &[u8], &[u8], u64) =
            if j < w.start as i64 || j >= w.end as i64 {
                (b"<edge>", b"<edge>", b"<edge>", 9)
            } else {
                let j = j as usize;
                let entity = l.entity[j].map_or(0, |(e, _)| 1 + l.entities[e].label as u64);
                let state = entity * 4 + l.quote[j] as u64;
                (l.lower[j].as_bytes(), upos(j), p.cue[j].as_bytes(), state)
            };
        let h = |t: u32| FeatureHash::new(t).num(d as u64);
        f.add(h(t::NEAR_WORD).bytes(word));
        f.add(h(t::NEAR_UPOS).bytes(pos));
        f.add(h(t::NEAR_STATE).num(state));
        if d.abs() == 1 {
            f.add(h(t::NEAR_CUE).bytes(cue));
            f.add(h(t::UPOS_BIGRAM).bytes(pos).bytes(upos(i)));
        }
    }
    let before = if i > w.start {
        l.pos.lemma(i - 1)
    } else {
        "<edge>"
    };
    f.add(
        FeatureHash::new(t::LEMMA_BIGRAM)
            .lower(before)
            .lower(l.pos.lemma(i)),
    );
    let prev = if i > w.start {
        l.quote[i - 1]
    } else {
        QuoteState::Outside
    };
    f.add(
        FeatureHash::new(t::QUOTE_BIGRAM)
            .num(prev as u64)
            .num(l.quote[i] as u64),
    );
}

/// The nearest reporting words on either side in the sentence.
fn triggers(lexicon: &Lexicon, l: &Layers, p: &Prepared, i: usize, f: &mut Features) {
    for (side, near) in [(0u64, p.trigger[i][0]), (1, p.trigger[i][1])] {
        let Some((j, d)) = near else {
            f.add(FeatureHash::new(t::TRIGGER).num(side).bytes(b"none"));
            continue;
        };
        let lemma = match l.cue[j] {
            Tag::Verb(id, ..) => lexicon.lemmas.get(usize::from(id)).copied().unwrap_or(""),
            _ => l.lower[j].as_str(),
        };
        let b = bucket(d);
        f.add(
            FeatureHash::new(t::TRIGGER)
                .num(side)
                .bytes(p.cue[j].as_bytes())
                .num(b),
        );
        f.add(
            FeatureHash::new(t::TRIGGER_LEMMA)
                .num(side)
                .bytes(lemma.as_bytes()),
        );
        f.add(
            FeatureHash::new(t::TRIGGER_UPOS)
                .num(side)
                .num(b)
                .bytes(l.pos.tokens[i].pos().as_bytes()),
        );
    }
    for (side, near) in [(0u64, p.verb[i][0]), (1, p.verb[i][1])] {
        let (lemma, b) = near.map_or(("<none>", 8), |(j, d)| (l.pos.lemma(j), bucket(d)));
        f.add(FeatureHash::new(t::VERB_NEAR).num(side).lower(lemma).num(b));
        f.add(FeatureHash::new(t::VERB_NEAR_LEMMA).num(side).lower(lemma));
    }
}
