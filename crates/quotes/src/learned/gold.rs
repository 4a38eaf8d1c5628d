//! Gold attributions of a training document (PolNeAR's `gold_attributions`: `content`, `cue`
//! and `source` as lists of `[start, end]` code point pieces) as token spans.

use super::layers::Layers;
use super::{Label, TrainError};
use newsnlp_doc::{Document, OffsetMap};
use serde_json::Value;
use std::ops::Range;

/// One labelled piece: a token range and what it is.
pub(crate) type Piece = (Range<usize>, Label);

/// The pieces of every gold attribution of `doc`, contents first and longest first: where
/// attributions nest, the tag sequence keeps the outer content (a span overlapping an earlier
/// one is dropped by the encoding), which is the one a reader asks for.
pub(crate) fn pieces(doc: &Document, layers: &Layers) -> Result<Vec<Piece>, TrainError> {
    let bad = |reason: &str| TrainError::BadGold {
        id: doc.id_string(),
        reason: reason.to_string(),
    };
    let raw = doc
        .field("gold_attributions")
        .ok_or_else(|| bad("no gold_attributions field"))?;
    let value = raw
        .to_value()
        .ok_or_else(|| bad("gold_attributions is not JSON"))?;
    let list = value
        .as_array()
        .ok_or_else(|| bad("gold_attributions is not a list"))?;
    let offsets = OffsetMap::new(&doc.text);
    let mut out: Vec<Piece> = Vec::new();
    for label in [Label::Content, Label::Cue, Label::Source] {
        let mut these = Vec::new();
        for a in list {
            for piece in a
                .get(label.field())
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let range =
                    piece_bytes(piece, &offsets).ok_or_else(|| bad("bad [start, end] piece"))?;
                if let Some(toks) = token_range(layers, range) {
                    these.push((toks, label));
                }
            }
        }
        these.sort_by_key(|(r, _)| (usize::MAX - r.len(), r.start));
        out.extend(these);
    }
    Ok(out)
}

/// A `[start, end]` code point piece as a byte range.
fn piece_bytes(piece: &Value, offsets: &OffsetMap) -> Option<Range<usize>> {
    let pair = piece.as_array()?;
    let at = |k: usize| {
        pair.get(k)?
            .as_u64()
            .and_then(|c| offsets.to_byte(c as usize))
    };
    let (s, e) = (at(0)?, at(1)?);
    (s <= e).then_some(s..e)
}

/// The tokens a byte range touches (binary search: tokens are ascending).
fn token_range(layers: &Layers, bytes: Range<usize>) -> Option<Range<usize>> {
    let toks = layers.toks;
    let first = toks.partition_point(|t| t.end <= bytes.start);
    let end = toks.partition_point(|t| t.start < bytes.end);
    (first < end).then_some(first..end)
}

/// The tag sequence of window `w` for `pieces` (clipped to the window).
pub(crate) fn window_tags(
    scheme: &newsnlp_tagger::Bilou,
    pieces: &[Piece],
    w: &Range<usize>,
) -> Vec<u16> {
    let clipped: Vec<(Range<usize>, usize)> = pieces
        .iter()
        .filter(|(r, _)| r.start < w.end && r.end > w.start)
        .map(|(r, l)| {
            (
                r.start.max(w.start) - w.start..r.end.min(w.end) - w.start,
                *l as usize,
            )
        })
        .collect();
    scheme.encode(w.len(), &clipped)
}
