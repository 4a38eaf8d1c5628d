//! Training an entity model: averaged perceptron epochs over the training documents, each
//! epoch's averaged model scored on dev, the best one kept (early stopping).

use crate::canonical;
use crate::data::{Alignment, GoldDoc};
use crate::features::{Extractor, FeatureSet, Group};
use crate::history::History;
use crate::tagging::{meta, remember, scheme, NerModel};
use newsnlp_doc::{EntityLabel, Span};
use newsnlp_tagger::Clusters;
use newsnlp_tagger::{EarlyStop, Model, Perceptron};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fmt;

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub features: FeatureSet,
    /// Weight table of `2^bits` buckets.
    pub bits: u8,
    pub max_epochs: usize,
    /// Stop after this many epochs without a better dev F1.
    pub patience: usize,
    /// Quantised weights smaller than this become zero (smaller model file).
    pub prune: i16,
    pub seed: u64,
    /// Probability (per mille) of leaving out a training token's word features.
    pub word_dropout: u64,
    /// Models trained with seeds `seed, seed + 1, …` and averaged into one.
    pub ensemble: usize,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            features: FeatureSet::standard(),
            bits: 18,
            max_epochs: 20,
            patience: 3,
            prune: 1,
            seed: 1,
            word_dropout: 100,
            ensemble: 1,
        }
    }
}

/// Entity-level precision/recall counts per label (exact span and label, as conlleval).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Score {
    /// `[tp, predicted, gold]` per label in [`EntityLabel::ALL`] order.
    pub counts: [[usize; 3]; 4],
}

impl Score {
    fn add(&mut self, other: &Score) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
    }

    fn prf(c: [usize; 3]) -> (f64, f64, f64) {
        let p = if c[1] > 0 {
            100.0 * c[0] as f64 / c[1] as f64
        } else {
            0.0
        };
        let r = if c[2] > 0 {
            100.0 * c[0] as f64 / c[2] as f64
        } else {
            0.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }

    fn total(&self) -> [usize; 3] {
        self.counts
            .iter()
            .fold([0; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]])
    }

    /// Micro-averaged F1 in percent.
    pub fn f1(&self) -> f64 {
        Self::prf(self.total()).2
    }

    /// F1 of one label in percent.
    pub fn label_f1(&self, label: EntityLabel) -> f64 {
        let i = EntityLabel::ALL
            .iter()
            .position(|&l| l == label)
            .unwrap_or(0);
        Self::prf(self.counts[i]).2
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (p, r, f1) = Self::prf(self.total());
        write!(f, "P {p:.2} R {r:.2} F1 {f1:.2}")?;
        for (l, c) in EntityLabel::ALL.iter().zip(self.counts) {
            write!(f, " | {} {:.2}", l.as_str(), Self::prf(c).2)?;
        }
        Ok(())
    }
}

/// What one epoch did.
#[derive(Debug, Clone, Copy)]
pub struct Epoch {
    /// Which model is being trained (`level 1`, `fold 2/4`, `level 2`).
    pub stage: &'static str,
    pub epoch: usize,
    /// Token tag errors made while learning (before each update).
    pub train_errors: usize,
    pub dev: Score,
}

/// What [`train`] produced.
pub struct Trained {
    model: NerModel,
    pub score: Score,
    pub alignment: Alignment,
}

impl Trained {
    /// The model file (one model, or a stacked pair when document features are on).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.model.to_bytes()
    }
}

/// Scores a model's output (after span clean-up) against gold documents.
pub(crate) fn evaluate(model: &NerModel, docs: &[GoldDoc], clusters: &Clusters) -> Score {
    docs.par_iter()
        .map(|d| {
            let spans = model.tag(&d.text, &d.tokens, &d.sentences, clusters, &[]);
            let pred: HashSet<(Span, EntityLabel)> = canonical::link(&d.text, &d.tokens, &spans)
                .into_iter()
                .map(|e| (e.span, e.label))
                .collect();
            let gold: HashSet<(Span, EntityLabel)> = d.gold.iter().copied().collect();
            let mut s = Score::default();
            for (i, l) in EntityLabel::ALL.iter().enumerate() {
                s.counts[i][0] = pred
                    .iter()
                    .filter(|p| p.1 == *l && gold.contains(p))
                    .count();
                s.counts[i][1] = pred.iter().filter(|p| p.1 == *l).count();
                s.counts[i][2] = gold.iter().filter(|g| g.1 == *l).count();
            }
            s
        })
        .reduce(Score::default, |mut a, b| {
            a.add(&b);
            a
        })
}

/// Number of folds for the first level's held-out document labels.
const FOLDS: usize = 4;

/// Trains on `train`, keeps the epoch with the best F1 on `dev`, and returns that model with
/// its dev score. `report` hears about each epoch.
///
/// With the `document` feature group on, this trains two levels (stacking): a first model
/// without it, then a second that also sees the first's labels for the same word anywhere in
/// the document. The second level learns from first-level labels of documents the first level
/// did not train on (4-fold jackknife), so it learns how far to trust them on unseen text.
pub fn train(
    train: &[GoldDoc],
    dev: &[GoldDoc],
    clusters: &Clusters,
    opts: TrainOptions,
    mut report: impl FnMut(&Epoch),
) -> Trained {
    let mut alignment = Alignment::default();
    let gold: Vec<Vec<Vec<u16>>> = train
        .iter()
        .map(|d| d.sentence_tags(&mut alignment))
        .collect();
    let all: Vec<usize> = (0..train.len()).collect();
    if !opts.features.has(Group::Document) {
        let (mut model, mut score) = train_level(
            "level 1", train, &gold, &all, None, dev, clusters, opts, &mut report,
        );
        if opts.ensemble > 1 {
            let mut models = vec![model.model];
            for k in 1..opts.ensemble {
                let o = TrainOptions {
                    seed: opts.seed + k as u64,
                    ..opts
                };
                models.push(
                    train_level(
                        "ensemble", train, &gold, &all, None, dev, clusters, o, &mut report,
                    )
                    .0
                    .model,
                );
            }
            let mean = Model::mean(&models).unwrap_or_else(|| models.swap_remove(0));
            model = NerModel::trained(mean, opts.features, None);
            score = evaluate(&model, dev, clusters);
        }
        return Trained {
            model,
            score,
            alignment,
        };
    }
    let first_opts = TrainOptions {
        features: opts.features.without(Group::Document),
        ..opts
    };
    let mut labels: Vec<History> = vec![History::default(); train.len()];
    const FOLD_NAMES: [&str; FOLDS] = ["fold 1/4", "fold 2/4", "fold 3/4", "fold 4/4"];
    for (k, name) in FOLD_NAMES.iter().enumerate() {
        let rest: Vec<usize> = all.iter().copied().filter(|i| i % FOLDS != k).collect();
        let (m, _) = train_level(
            name, train, &gold, &rest, None, dev, clusters, first_opts, &mut report,
        );
        for i in all.iter().copied().filter(|i| i % FOLDS == k) {
            let d = &train[i];
            labels[i] = m.document_labels(&d.text, &d.tokens, &d.sentences, clusters);
        }
    }
    let (first, _) = train_level(
        "level 1", train, &gold, &all, None, dev, clusters, first_opts, &mut report,
    );
    let (second, score) = train_level(
        "level 2",
        train,
        &gold,
        &all,
        Some((&labels, first)),
        dev,
        clusters,
        opts,
        &mut report,
    );
    Trained {
        model: second,
        score,
        alignment,
    }
}

/// One perceptron model over the documents `which` of `train` (early-stopped on `dev`).
/// `stacked`: the first-level labels of each training document and the first-level model.
#[allow(clippy::too_many_arguments)]
fn train_level(
    stage: &'static str,
    train: &[GoldDoc],
    gold: &[Vec<Vec<u16>>],
    which: &[usize],
    stacked: Option<(&[History], NerModel)>,
    dev: &[GoldDoc],
    clusters: &Clusters,
    opts: TrainOptions,
    report: &mut impl FnMut(&Epoch),
) -> (NerModel, Score) {
    let scheme = scheme();
    let (doc_labels, first) = match stacked {
        Some((labels, first)) => (Some(labels), Some(Box::new(first))),
        None => (None, None),
    };
    let mut p = Perceptron::new(opts.bits, scheme.tag_names(), scheme.constraints());
    let mut ex = Extractor::new(opts.features, clusters).with_word_dropout(opts.word_dropout);
    let mut feats = newsnlp_tagger::Features::new(opts.bits);
    let mut history = History::default();
    let mut pred = Vec::new();
    let mut order = which.to_vec();
    let mut rng = opts.seed.max(1);
    let mut best = EarlyStop::new(opts.patience);
    for epoch in 1..=opts.max_epochs {
        // Fisher–Yates with xorshift: reproducible document order per seed.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut errors = 0;
        for &d in &order {
            let doc = &train[d];
            history.clear();
            let document = doc_labels.map(|l| &l[d]);
            for (s, tags) in doc.sentences.iter().zip(&gold[d]) {
                let Some(toks) = doc.tokens.get(s.tokens.clone()) else {
                    continue;
                };
                if toks.is_empty() {
                    continue;
                }
                ex.sentence(&doc.text, toks, &history, document, &mut feats);
                errors += p.learn(&feats, tags, &mut pred);
                remember(&scheme, &ex, &pred, &mut history);
            }
        }
        let averaged = p.averaged(&meta(opts.features), opts.prune);
        let ner = NerModel::trained(averaged, opts.features, first.clone());
        let dev_score = evaluate(&ner, dev, clusters);
        report(&Epoch {
            stage,
            epoch,
            train_errors: errors,
            dev: dev_score,
        });
        if !best.offer((ner, dev_score), dev_score.f1()) {
            break;
        }
    }
    best.into_best().unwrap_or_else(|| {
        let averaged = p.averaged(&meta(opts.features), opts.prune);
        let ner = NerModel::trained(averaged, opts.features, first);
        (ner, Score::default())
    })
}
