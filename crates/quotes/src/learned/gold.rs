//! Gold attributions of a training document (PolNeAR's `gold_attributions`: `content`, `cue`
//! and `source` as lists of `[start, end]` code point pieces) as token ranges.

use super::layers::Layers;
use super::TrainError;
use newsnlp_doc::{Document, OffsetMap};
use newsnlp_tagger::Bilou;
use serde_json::Value;
use std::ops::Range;

/// One gold attribution: the token ranges of its pieces.
#[derive(Debug, Clone, Default)]
pub(crate) struct Attribution {
    pub content: Vec<Range<usize>>,
    pub cue: Vec<Range<usize>>,
    pub source: Vec<Range<usize>>,
}

/// The gold attributions of `doc`.
pub(crate) fn attributions(
    doc: &Document,
    layers: &Layers,
) -> Result<Vec<Attribution>, TrainError> {
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
    let ranges = |a: &Value, field: &str| -> Result<Vec<Range<usize>>, TrainError> {
        let mut out = Vec::new();
        for piece in a.get(field).and_then(Value::as_array).into_iter().flatten() {
            let bytes =
                piece_bytes(piece, &offsets).ok_or_else(|| bad("bad [start, end] piece"))?;
            out.extend(token_range(layers, bytes));
        }
        Ok(out)
    };
    list.iter()
        .map(|a| {
            Ok(Attribution {
                content: ranges(a, "content")?,
                cue: ranges(a, "cue")?,
                source: ranges(a, "source")?,
            })
        })
        .collect()
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

/// The tags of window `w` for labelled `spans` (absolute ranges, clipped to the window). Longer
/// spans are encoded first, so where two overlap the outer one is kept.
pub(crate) fn window_tags(
    scheme: &Bilou,
    spans: &[(Range<usize>, usize)],
    w: &Range<usize>,
) -> Vec<u16> {
    let mut clipped: Vec<(Range<usize>, usize)> = spans
        .iter()
        .filter(|(r, _)| r.start < w.end && r.end > w.start)
        .map(|(r, l)| {
            (
                r.start.max(w.start) - w.start..r.end.min(w.end) - w.start,
                *l,
            )
        })
        .collect();
    clipped.sort_by_key(|(r, _)| (usize::MAX - r.len(), r.start));
    scheme.encode(w.len(), &clipped)
}
