//! Training and measuring the tagger on a treebank read through this project's tokenizer.

use crate::align::{align, TokenGold};
use crate::conllu::GoldDocument;
use crate::features::Extractor;
use crate::lemma::{keeps_case, Lemmatizer};
use crate::model::{argmax, split_label, PosModel, MAX_LABELS, META};
use newsnlp_doc::Span;
use newsnlp_tagger::{Clusters, Constraints, ModelError, Perceptron};
use newsnlp_tokenize::Tokenizer;
use std::collections::HashMap;
use std::ops::Range;

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Feature table size: `2^bits` buckets.
    pub bits: u8,
    pub epochs: usize,
    /// A `PTB|UPOS` pair seen fewer times becomes its PTB tag's most frequent pair.
    pub min_pair: usize,
    /// Averaged weights whose quantised magnitude is below this are dropped (smaller file).
    pub prune: i16,
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            bits: 16,
            epochs: 10,
            min_pair: 3,
            prune: 1,
            seed: 1,
        }
    }
}

/// A treebank document as the tagger sees it: tokenized by the tokenizer stage, each token
/// with its aligned gold annotation (see [`crate::align`]).
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub tokens: Vec<Span>,
    pub sentences: Vec<Range<usize>>,
    pub gold: Vec<Option<TokenGold>>,
}

impl Example {
    pub fn new(doc: &GoldDocument) -> Example {
        let seg = Tokenizer::new().segment(&doc.text);
        Example {
            gold: align(&doc.text, &seg.tokens, &doc.words),
            sentences: seg.sentences.iter().map(|s| s.tokens.clone()).collect(),
            tokens: seg.tokens,
            text: doc.text.clone(),
        }
    }

    fn word(&self, i: usize) -> &str {
        &self.text[self.tokens[i].range()]
    }
}

/// Accuracy over the tokens that have a gold label.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Accuracy {
    pub tokens: usize,
    pub upos: usize,
    pub xpos: usize,
    pub lemma: usize,
    /// UPOS derived from the predicted PTB tag and the word instead (see [`UposTable`]).
    pub upos_derived: usize,
}

impl Accuracy {
    fn add(&mut self, o: Accuracy) {
        self.tokens += o.tokens;
        self.upos += o.upos;
        self.xpos += o.xpos;
        self.lemma += o.lemma;
        self.upos_derived += o.upos_derived;
    }

    /// `upos X xpos X lemma X (upos from PTB X) over N tokens`.
    pub fn line(&self) -> String {
        let r = |k: usize| k as f64 / self.tokens.max(1) as f64;
        format!(
            "upos {:.4} xpos {:.4} lemma {:.4} (upos derived from PTB+word {:.4}) over {} tokens",
            r(self.upos),
            r(self.xpos),
            r(self.lemma),
            r(self.upos_derived),
            self.tokens
        )
    }
}

/// The joint labels: every `PTB|UPOS` pair seen `min_pair` times, and a map from every pair
/// seen to its label.
fn labels(examples: &[&Example], min_pair: usize) -> (Vec<String>, HashMap<(String, String), u16>) {
    let mut counts: HashMap<(String, String), usize> = HashMap::new();
    for g in examples.iter().flat_map(|e| e.gold.iter().flatten()) {
        *counts.entry((g.xpos.clone(), g.upos.clone())).or_default() += 1;
    }
    let mut kept: Vec<(&(String, String), &usize)> = counts
        .iter()
        .filter(|(k, &n)| n >= min_pair && split_label(&format!("{}|{}", k.0, k.1)).is_some())
        .collect();
    kept.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    kept.truncate(MAX_LABELS);
    let names: Vec<String> = kept
        .iter()
        .map(|(k, _)| format!("{}|{}", k.0, k.1))
        .collect();
    let mut map: HashMap<(String, String), u16> = kept
        .iter()
        .enumerate()
        .map(|(i, (k, _))| ((*k).clone(), i as u16))
        .collect();
    for k in counts.keys() {
        if !map.contains_key(k) {
            // The most frequent kept label with the same PTB tag, else the most frequent one.
            let same = kept.iter().position(|(j, _)| j.0 == k.0).unwrap_or(0);
            map.insert(k.clone(), same as u16);
        }
    }
    (names, map)
}

/// Trains a model on `examples` (an error only if the labels cannot form a model).
pub fn train(
    examples: &[&Example],
    clusters: &Clusters,
    opts: TrainOptions,
) -> Result<PosModel, ModelError> {
    let (names, map) = labels(examples, opts.min_pair);
    let n = names.len();
    let mut p = Perceptron::new(opts.bits, names, Constraints::free(n));
    let mut ex = Extractor::new(clusters, None, opts.bits);
    let mut order: Vec<(usize, usize)> = examples
        .iter()
        .enumerate()
        .flat_map(|(d, e)| (0..e.sentences.len()).map(move |s| (d, s)))
        .collect();
    let mut rng = opts.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut buckets = Vec::new();
    for _ in 0..opts.epochs {
        shuffle(&mut order, &mut rng);
        for &(d, s) in &order {
            let e = examples[d];
            let range = e.sentences[s].clone();
            ex.sentence(&e.text, &e.tokens[range.clone()]);
            let (mut prev, mut prev2) = (n as u16, n as u16);
            let mut scores = [0i32; MAX_LABELS];
            for (i, gold) in e.gold[range].iter().enumerate() {
                buckets.clear();
                buckets.extend_from_slice(ex.token(i));
                buckets.extend_from_slice(&ex.history(i, prev, prev2));
                scores[..n].fill(0);
                p.add_scores(&buckets, &mut scores[..n]);
                let pred = argmax(&scores[..n]);
                if let Some(g) = gold {
                    p.update(&buckets, map[&(g.xpos.clone(), g.upos.clone())], pred);
                }
                (prev2, prev) = (prev, pred);
            }
        }
    }
    let lemmas = Lemmatizer::learn(examples.iter().flat_map(|e| {
        e.gold.iter().enumerate().filter_map(|(i, g)| {
            g.as_ref()
                .map(|g| (e.word(i), g.xpos.as_str(), g.lemma.as_str()))
        })
    }));
    PosModel::new(p.averaged(META, opts.prune), lemmas)
}

fn shuffle<T>(v: &mut [T], state: &mut u64) {
    for i in (1..v.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        v.swap(i, (*state % (i as u64 + 1)) as usize);
    }
}

/// The most frequent Universal tag of each (PTB tag, lower-cased word), then of each PTB tag:
/// the alternative to predicting both tags jointly, measured side by side.
#[derive(Debug, Default)]
pub struct UposTable {
    by_word: HashMap<(String, String), String>,
    by_tag: HashMap<String, String>,
}

impl UposTable {
    pub fn learn(examples: &[&Example]) -> UposTable {
        let mut by_word: HashMap<(String, String), HashMap<String, usize>> = HashMap::new();
        let mut by_tag: HashMap<String, HashMap<String, usize>> = HashMap::new();
        for e in examples {
            for (i, g) in e.gold.iter().enumerate() {
                let Some(g) = g else { continue };
                let key = (g.xpos.clone(), e.word(i).to_lowercase());
                *by_word
                    .entry(key)
                    .or_default()
                    .entry(g.upos.clone())
                    .or_default() += 1;
                *by_tag
                    .entry(g.xpos.clone())
                    .or_default()
                    .entry(g.upos.clone())
                    .or_default() += 1;
            }
        }
        let top = |c: HashMap<String, usize>| {
            c.into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|t| t.0)
                .unwrap_or_default()
        };
        UposTable {
            by_word: by_word.into_iter().map(|(k, c)| (k, top(c))).collect(),
            by_tag: by_tag.into_iter().map(|(k, c)| (k, top(c))).collect(),
        }
    }

    fn get(&self, xpos: &str, word: &str) -> Option<&str> {
        self.by_word
            .get(&(xpos.to_string(), word.to_lowercase()))
            .or_else(|| self.by_tag.get(xpos))
            .map(String::as_str)
    }
}

/// Tags `examples` with `model` and counts what is right.
pub fn evaluate(
    model: &PosModel,
    clusters: &Clusters,
    examples: &[&Example],
    upos: &UposTable,
) -> Accuracy {
    let mut acc = Accuracy::default();
    let mut ex = model.extractor(clusters, None);
    let mut pred = Vec::new();
    let mut lemma = String::new();
    for e in examples {
        for s in &e.sentences {
            pred.clear();
            model.tag(&mut ex, &e.text, &e.tokens[s.clone()], &mut pred);
            for (i, &label) in s.clone().zip(&pred) {
                let Some(g) = &e.gold[i] else { continue };
                let (xpos, u) = model.labels[usize::from(label)];
                lemma.clear();
                model.lemmas.lemma(e.word(i), xpos, &mut lemma);
                let lemma_ok = if keeps_case(&g.xpos) || g.upos == "PROPN" {
                    lemma == g.lemma
                } else {
                    lemma.to_lowercase() == g.lemma.to_lowercase()
                };
                acc.add(Accuracy {
                    tokens: 1,
                    upos: usize::from(u == g.upos),
                    xpos: usize::from(xpos == g.xpos),
                    lemma: usize::from(lemma_ok),
                    upos_derived: usize::from(upos.get(xpos, e.word(i)) == Some(g.upos.as_str())),
                });
            }
        }
    }
    acc
}

/// `k`-fold cross-validation by document: the accuracy of models trained without each fold,
/// on that fold, summed over the folds.
pub fn cross_validate(
    examples: &[Example],
    clusters: &Clusters,
    k: usize,
    opts: TrainOptions,
) -> Result<Accuracy, ModelError> {
    let mut total = Accuracy::default();
    for fold in 0..k {
        let in_fold = |want: bool| -> Vec<&Example> {
            let picked = examples
                .iter()
                .enumerate()
                .filter(|(i, _)| (i % k == fold) == want);
            picked.map(|(_, e)| e).collect()
        };
        let (held, rest) = (in_fold(true), in_fold(false));
        let model = train(&rest, clusters, opts)?;
        let acc = evaluate(&model, clusters, &held, &UposTable::learn(&rest));
        eprintln!("fold {fold}: {}", acc.line());
        total.add(acc);
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PosTagger;
    use newsnlp_doc::{Document, Stage};

    /// Two tiny documents: enough for the tagger to learn `said` after a name, `has` as an
    /// auxiliary and `dogs` as a plural.
    const TREEBANK: &str = "# newdoc id = a\n# newpar\n# text = Lavrov said dogs bark.\n\
        1\tLavrov\tLavrov\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
        2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n\
        3\tdogs\tdog\tNOUN\tNNS\t_\t4\tnsubj\t_\t_\n\
        4\tbark\tbark\tVERB\tVBP\t_\t2\tccomp\t_\tSpaceAfter=No\n\
        5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n\
        # newdoc id = b\n# newpar\n# text = Ayrault has said cats sleep.\n\
        1\tAyrault\tAyrault\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n\
        2\thas\thave\tAUX\tVBZ\t_\t3\taux\t_\t_\n\
        3\tsaid\tsay\tVERB\tVBN\t_\t0\troot\t_\t_\n\
        4\tcats\tcat\tNOUN\tNNS\t_\t5\tnsubj\t_\t_\n\
        5\tsleep\tsleep\tVERB\tVBP\t_\t3\tccomp\t_\tSpaceAfter=No\n\
        6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n";

    #[test]
    fn a_model_trained_on_a_snippet_survives_its_file_form_and_tags_what_it_learned() {
        let docs = crate::conllu::parse(TREEBANK).unwrap();
        let examples: Vec<Example> = docs.iter().map(Example::new).collect();
        let refs: Vec<&Example> = examples.iter().collect();
        let opts = TrainOptions {
            bits: 12,
            epochs: 5,
            min_pair: 1,
            prune: 0,
            seed: 1,
        };
        let clusters = Clusters::default();
        let model = train(&refs, &clusters, opts).unwrap();
        let acc = evaluate(&model, &clusters, &refs, &UposTable::learn(&refs));
        assert_eq!(
            (acc.tokens, acc.xpos, acc.upos, acc.lemma),
            (11, 11, 11, 11)
        );

        let back = PosModel::from_bytes(&model.to_bytes()).unwrap();
        let mut doc = Document::new("Ayrault has said dogs sleep.");
        newsnlp_tokenize::Tokenizer::new()
            .annotate(&mut doc)
            .unwrap();
        PosTagger::with_model(back).annotate(&mut doc).unwrap();
        let pos = doc.pos.unwrap();
        let tags: Vec<&str> = pos.tokens.iter().map(|t| t.tag()).collect();
        assert_eq!(tags, ["NNP", "VBZ", "VBN", "NNS", "VBP", "."]);
        assert_eq!((pos.tokens[1].pos(), pos.lemma(1)), ("AUX", "have"));
        assert_eq!(pos.lemma(3), "dog");
    }

    #[test]
    fn a_damaged_model_file_is_an_error() {
        assert!(matches!(
            PosModel::from_bytes(b"NNLPTAG\x01"),
            Err(newsnlp_tagger::ModelError::BadMagic)
        ));
        assert!(PosModel::from_bytes(b"NNLPPOS1\xff\xff\xff\xff\xff\xff\xff\xff").is_err());
    }
}
