//! Training: two averaged-perceptron taggers, one for cues and one for the content and source
//! of a given cue. Each runs epochs over its examples; each epoch's averaged model is scored on
//! a held-out part of the training documents and the best is kept (early stopping that never
//! looks at a dev split).

use super::features::{self, Prepared};
use super::gold::{self, Attribution};
use super::layers::Layers;
use super::{attribution_scheme, cue_scheme, QuoteModel, TrainError, FEATURES};
use crate::lexicon::Lexicon;
use newsnlp_doc::Document;
use newsnlp_tagger::{Bilou, EarlyStop, FeatureHash, Features, Model, Perceptron, Scratch};
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
    /// Seed of the example order.
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
    /// Which tagger: `cue` or `attribution`.
    pub tagger: &'static str,
    pub epoch: usize,
    /// Tag errors made while learning (before each update).
    pub train_errors: usize,
    /// Span F1 (Jaccard ≥ 0.5 over tokens, same label) on the held-out documents, in percent,
    /// for the first label (cues; contents) and for all labels.
    pub first_f1: f64,
    pub all_f1: f64,
}

/// One sequence to learn: a window of a document, the cue it is anchored to (attribution
/// tagger only) and its gold tags. Features are extracted when the example is visited, so
/// memory holds tags, not features, of the many cue-anchored copies of each window.
struct Example {
    doc: usize,
    window: Range<usize>,
    cue: Option<Range<usize>>,
    gold: Vec<u16>,
    heldout: bool,
}

/// A training document with what the features read.
struct Prepped<'a> {
    layers: Layers<'a>,
    prepared: Prepared,
    gold: Vec<Attribution>,
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
    let lexicon = Lexicon::new();
    let prepped = docs
        .par_iter()
        .enumerate()
        .map(|(k, doc)| {
            let layers = Layers::new(&lexicon, doc).map_err(|source| TrainError::Layers {
                id: doc.id_string(),
                source,
            })?;
            Ok(Prepped {
                prepared: Prepared::new(&layers),
                gold: gold::attributions(doc, &layers)?,
                heldout: opts.holdout > 0 && k % opts.holdout == opts.holdout - 1,
                layers,
            })
        })
        .collect::<Result<Vec<Prepped>, TrainError>>()?;
    let learn = |tagger, scheme: &Bilou, examples: &[Example], report: &mut dyn FnMut(&Epoch)| {
        let fill = |e: &Example, f: &mut Features| {
            let p = &prepped[e.doc];
            features::window(
                &lexicon,
                &p.layers,
                &p.prepared,
                e.window.clone(),
                e.cue.as_ref(),
                f,
            )
        };
        fit(tagger, scheme, examples, fill, opts, report)
    };
    let cue = learn("cue", &cue_scheme(), &cue_examples(&prepped), &mut report)?;
    let attribution = learn(
        "attribution",
        &attribution_scheme(),
        &anchored_examples(&prepped),
        &mut report,
    )?;
    Ok(QuoteModel {
        cue,
        attribution,
        licence: licence.to_string(),
    })
}

/// Every window with its gold cues.
fn cue_examples(prepped: &[Prepped]) -> Vec<Example> {
    let scheme = cue_scheme();
    let mut out = Vec::new();
    for (k, p) in prepped.iter().enumerate() {
        let cues: Vec<(Range<usize>, usize)> = p
            .gold
            .iter()
            .flat_map(|a| a.cue.iter().map(|c| (c.clone(), 0)))
            .collect();
        for w in &p.layers.windows {
            out.push(Example {
                doc: k,
                window: w.clone(),
                cue: None,
                gold: gold::window_tags(&scheme, &cues, w),
                heldout: p.heldout,
            });
        }
    }
    out
}

/// For each window, one example per gold cue in it (tagged with that attribution's content
/// and source) and one per verb or reporting word that is no gold cue (tagged all `O`), so the
/// tagger also learns to give a false cue nothing.
fn anchored_examples(prepped: &[Prepped]) -> Vec<Example> {
    let scheme = attribution_scheme();
    let mut out = Vec::new();
    for (k, p) in prepped.iter().enumerate() {
        let l = &p.layers;
        for w in &l.windows {
            let example = |cue: Range<usize>, gold: Vec<u16>| Example {
                doc: k,
                window: w.clone(),
                cue: Some(cue),
                gold,
                heldout: p.heldout,
            };
            for a in &p.gold {
                let Some(cue) = a.cue.first().filter(|c| w.contains(&c.start)) else {
                    continue;
                };
                let spans: Vec<(Range<usize>, usize)> = (a.content.iter().map(|r| (r.clone(), 0)))
                    .chain(a.source.iter().map(|r| (r.clone(), 1)))
                    .collect();
                out.push(example(cue.clone(), gold::window_tags(&scheme, &spans, w)));
            }
        }
    }
    out
}

/// Perceptron epochs over the examples not held out, keeping the epoch whose averaged model
/// scores best on those held out.
fn fit(
    tagger: &'static str,
    scheme: &Bilou,
    examples: &[Example],
    fill: impl Fn(&Example, &mut Features) + Sync,
    opts: TrainOptions,
    report: &mut dyn FnMut(&Epoch),
) -> Result<Model, TrainError> {
    let mut order: Vec<usize> = (0..examples.len())
        .filter(|&i| !examples[i].heldout)
        .collect();
    if order.is_empty() {
        return Err(TrainError::Empty);
    }
    let mut p = Perceptron::new(opts.bits, scheme.tag_names(), scheme.constraints());
    let (mut feats, mut pred) = (Features::new(opts.bits), Vec::new());
    let mut best = EarlyStop::new(opts.patience);
    for epoch in 1..=opts.max_epochs {
        order.sort_by_key(|&i| {
            FeatureHash::new(epoch as u32)
                .num(opts.seed)
                .num(i as u64)
                .finish()
        });
        let mut train_errors = 0;
        for &i in &order {
            fill(&examples[i], &mut feats);
            train_errors += p.learn(&feats, &examples[i].gold, &mut pred);
        }
        let model = p.averaged(FEATURES, 1);
        let (first_f1, all_f1) = evaluate(&model, scheme, examples, &fill, opts.bits);
        report(&Epoch {
            tagger,
            epoch,
            train_errors,
            first_f1,
            all_f1,
        });
        if opts.holdout == 0 {
            best.keep(model);
        } else if !best.offer(model, all_f1) {
            break;
        }
    }
    Ok(best.into_best().unwrap_or_else(|| p.averaged(FEATURES, 1)))
}

/// First-label and all-label span F1 (percent) of `model` on the held-out examples.
fn evaluate(
    model: &Model,
    scheme: &Bilou,
    examples: &[Example],
    fill: &(impl Fn(&Example, &mut Features) + Sync),
    bits: u8,
) -> (f64, f64) {
    let counts = examples
        .par_iter()
        .filter(|e| e.heldout)
        .map_init(
            || (Features::new(bits), Scratch::default(), Vec::new()),
            |(feats, scratch, pred), e| {
                fill(e, feats);
                model.decode(feats, scratch, pred);
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

/// `[matched, predicted, gold]` for the first label and for all labels; a predicted span
/// matches a gold span of its label when they share at least half their tokens.
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
