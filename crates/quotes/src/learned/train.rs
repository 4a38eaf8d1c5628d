//! Training: averaged-perceptron epochs over the windows of the training documents, each
//! epoch's averaged model scored on a held-out part of the training documents, the best kept
//! (early stopping that never looks at a dev split).

use super::layers::Layers;
use super::{features, gold, scheme, QuoteModel, TrainError, FEATURES};
use crate::lexicon::Lexicon;
use newsnlp_doc::Document;
use newsnlp_tagger::{Bilou, FeatureHash, Features, Model, Perceptron, Scratch};
use rayon::prelude::*;
use std::ops::Range;

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Weight table of `2^bits` buckets.
    pub bits: u8,
    pub max_epochs: usize,
    /// Stop after this many epochs without a better held-out F1.
    pub patience: usize,
    /// Every `holdout`-th document is held out to pick the epoch (0: none, last epoch kept).
    pub holdout: usize,
    /// Seed of the window order.
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            bits: 19,
            max_epochs: 12,
            patience: 2,
            holdout: 10,
            seed: 1,
        }
    }
}

/// What one epoch did.
#[derive(Debug, Clone, Copy)]
pub struct Epoch {
    pub epoch: usize,
    /// Tag errors made while learning (before each update).
    pub train_errors: usize,
    /// Span F1 (Jaccard ≥ 0.5 over tokens, same label) on the held-out documents, in percent,
    /// for contents and for all three labels.
    pub content_f1: f64,
    pub all_f1: f64,
}

/// One window: its features and gold tags.
struct Example {
    feats: Features,
    gold: Vec<u16>,
    heldout: bool,
}

/// Trains a model on documents annotated by the pipe (tokens, pos, entities) that carry
/// `gold_attributions`; `licence` is stored in the model and printed wherever it is loaded.
pub fn train(
    docs: &[Document],
    licence: &str,
    opts: TrainOptions,
    mut report: impl FnMut(&Epoch),
) -> Result<QuoteModel, TrainError> {
    let examples = examples(docs, opts)?;
    if examples.iter().all(|e| e.heldout) {
        return Err(TrainError::Empty);
    }
    let scheme = scheme();
    let mut p = Perceptron::new(opts.bits, scheme.tag_names(), scheme.constraints());
    let mut order: Vec<usize> = (0..examples.len())
        .filter(|&i| !examples[i].heldout)
        .collect();
    let mut pred = Vec::new();
    let mut best: Option<(Model, f64)> = None;
    let mut since_best = 0;
    for epoch in 1..=opts.max_epochs {
        order.sort_by_key(|&i| {
            FeatureHash::new(epoch as u32)
                .num(opts.seed)
                .num(i as u64)
                .finish()
        });
        let train_errors = order
            .iter()
            .map(|&i| p.learn(&examples[i].feats, &examples[i].gold, &mut pred))
            .sum();
        let model = p.averaged(FEATURES, 1);
        let (content_f1, all_f1) = evaluate(&model, &scheme, &examples);
        report(&Epoch {
            epoch,
            train_errors,
            content_f1,
            all_f1,
        });
        if opts.holdout == 0 || best.as_ref().map_or(true, |(_, f)| all_f1 > *f) {
            best = Some((model, all_f1));
            since_best = 0;
        } else {
            since_best += 1;
            if since_best >= opts.patience {
                break;
            }
        }
    }
    let tagger = best.map_or_else(|| p.averaged(FEATURES, 1), |(m, _)| m);
    Ok(QuoteModel {
        tagger,
        licence: licence.to_string(),
    })
}

/// The windows of every document with features and gold tags, built in parallel.
fn examples(docs: &[Document], opts: TrainOptions) -> Result<Vec<Example>, TrainError> {
    let lexicon = Lexicon::new();
    let scheme = scheme();
    let per_doc: Result<Vec<Vec<Example>>, TrainError> = docs
        .par_iter()
        .enumerate()
        .map(|(k, doc)| {
            let layers = Layers::new(&lexicon, doc).map_err(|source| TrainError::Layers {
                id: doc.id_string(),
                source,
            })?;
            let pieces = gold::pieces(doc, &layers)?;
            let prepared = features::Prepared::new(&layers);
            let heldout = opts.holdout > 0 && k % opts.holdout == opts.holdout - 1;
            Ok(layers
                .windows
                .iter()
                .map(|w| {
                    let mut feats = Features::new(opts.bits);
                    features::window(&lexicon, &layers, &prepared, w.clone(), &mut feats);
                    let gold = gold::window_tags(&scheme, &pieces, w);
                    Example {
                        feats,
                        gold,
                        heldout,
                    }
                })
                .collect())
        })
        .collect();
    Ok(per_doc?.into_iter().flatten().collect())
}

/// Content and all-label span F1 (percent) of `model` on the held-out windows.
fn evaluate(model: &Model, scheme: &Bilou, examples: &[Example]) -> (f64, f64) {
    let counts = examples
        .par_iter()
        .filter(|e| e.heldout)
        .map_init(
            || (Scratch::default(), Vec::new()),
            |(scratch, pred), e| {
                model.decode(&e.feats, scratch, pred);
                matches(&scheme.decode(pred), &scheme.decode(&e.gold))
            },
        )
        .reduce(
            || [[0; 3]; 2],
            |a, b| {
                let add = |x: [usize; 3], y: [usize; 3]| [x[0] + y[0], x[1] + y[1], x[2] + y[2]];
                [add(a[0], b[0]), add(a[1], b[1])]
            },
        );
    let f1 = |[tp, pred, gold]: [usize; 3]| {
        if pred + gold == 0 {
            0.0
        } else {
            200.0 * tp as f64 / (pred + gold) as f64
        }
    };
    (f1(counts[0]), f1(counts[1]))
}

/// `[matched, predicted, gold]` for contents and for all labels; a predicted span matches a
/// gold span of its label when they share at least half their tokens (Jaccard ≥ 0.5).
fn matches(pred: &[(Range<usize>, usize)], gold: &[(Range<usize>, usize)]) -> [[usize; 3]; 2] {
    let jaccard_ok = |a: &Range<usize>, b: &Range<usize>| {
        let inter = a.end.min(b.end).saturating_sub(a.start.max(b.start));
        let union = a.end.max(b.end) - a.start.min(b.start);
        2 * inter >= union
    };
    let mut out = [[0; 3]; 2];
    for (r, l) in pred {
        let hit = gold.iter().any(|(g, m)| m == l && jaccard_ok(r, g));
        for (k, row) in out.iter_mut().enumerate() {
            if k == 1 || *l == 0 {
                row[0] += usize::from(hit);
                row[1] += 1;
            }
        }
    }
    out[0][2] = gold.iter().filter(|(_, l)| *l == 0).count();
    out[1][2] = gold.len();
    out
}
