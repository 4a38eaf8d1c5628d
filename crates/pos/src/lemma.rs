//! Lemmas: a table of (word, tag) → lemma learned from the treebank where rules would get it
//! wrong, hand-checked irregular forms, and suffix rules by tag for words never seen.

use crate::features::suffix;
use newsnlp_tagger::{FeatureHash, HashedMap};
use std::collections::HashMap;

/// Irregular forms checked by hand (`form<TAB>tag<TAB>lemma`): they override the table.
pub const IRREGULAR: &str = include_str!("../data/irregular.tsv");

/// Longest suffix (in characters) a rule looks at.
const MAX_SUFFIX: usize = 5;

/// An edit from a word to its lemma: drop `strip` characters, then append `append`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Edit {
    strip: usize,
    append: String,
}

impl Edit {
    /// The edit that turns `form` into `lemma`.
    fn between(form: &str, lemma: &str) -> Edit {
        let common = form
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let at = lemma
            .char_indices()
            .nth(common)
            .map_or(lemma.len(), |(i, _)| i);
        Edit {
            strip: form.chars().count() - common,
            append: lemma[at..].to_string(),
        }
    }

    /// Applies the edit to the word at `out[start..]` in place; false (and `out` untouched)
    /// when it would strip the whole word.
    fn apply(&self, out: &mut String, start: usize) -> bool {
        let form = &out[start..];
        if self.strip >= form.chars().count() {
            return false;
        }
        let keep = match self.strip {
            0 => form.len(),
            n => form.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i),
        };
        out.truncate(start + keep);
        out.push_str(&self.append);
        true
    }
}

/// Proper nouns keep their case in lemmas (`Lavrov`); every other lemma is lower case.
pub fn keeps_case(tag: &str) -> bool {
    tag == "NNP" || tag == "NNPS"
}

/// The lemmatizer of one model.
#[derive(Debug, Default, Clone)]
pub struct Lemmatizer {
    table: HashedMap<String>,
    rules: HashedMap<Edit>,
    /// By tag, the suffix lengths that have rules (bit `1 << length`).
    lengths: HashMap<String, u8>,
    /// The table and rules as written to the model file (`T`/`R` lines).
    lines: Vec<String>,
}

fn key(tag: &str, word: &str) -> u64 {
    FeatureHash::new(1)
        .bytes(tag.as_bytes())
        .lower(word)
        .finish()
}

/// What lemmatizing reads of a tag, worked out once per tag rather than once per word.
#[derive(Debug, Clone, Copy)]
pub struct TagKey {
    /// The hash of the tag, which [`key`] continues with the word.
    hash: FeatureHash,
    /// The suffix lengths that have rules for the tag, as bits (`1 << length`).
    lengths: u8,
    keeps_case: bool,
}

impl Lemmatizer {
    /// The lemma of `word` tagged `tag`, appended to `out` (no allocation once `out` has room).
    pub fn lemma(&self, word: &str, tag: &str, out: &mut String) {
        self.lemma_with(word, &self.tag_key(tag), out);
    }

    /// The key of `tag` for [`Lemmatizer::lemma_with`].
    pub fn tag_key(&self, tag: &str) -> TagKey {
        TagKey {
            hash: FeatureHash::new(1).bytes(tag.as_bytes()),
            lengths: self.lengths.get(tag).copied().unwrap_or(0),
            keeps_case: keeps_case(tag),
        }
    }

    /// [`Lemmatizer::lemma`] with the tag's key known: only suffixes that may have a rule are
    /// looked up.
    pub fn lemma_with(&self, word: &str, tag: &TagKey, out: &mut String) {
        if let Some(l) = self.table.get(&tag.hash.lower(word).finish()) {
            out.push_str(l);
            return;
        }
        let start = out.len();
        if tag.keeps_case {
            out.push_str(word);
        } else if word.is_ascii() {
            out.push_str(word);
            out[start..].make_ascii_lowercase();
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
        if tag.lengths == 0 {
            return;
        }
        let n = if word.is_ascii() {
            word.len()
        } else {
            word.chars().count()
        };
        for k in (1..=MAX_SUFFIX.min(n))
            .rev()
            .filter(|k| tag.lengths >> k & 1 == 1)
        {
            let suffix = if word.is_ascii() {
                &word[n - k..]
            } else {
                suffix(word, k)
            };
            if let Some(edit) = self.rules.get(&tag.hash.lower(suffix).finish()) {
                edit.apply(out, start);
                return;
            }
        }
    }

    /// Reads `T<TAB>tag<TAB>word<TAB>lemma` and `R<TAB>tag<TAB>suffix<TAB>strip<TAB>append` lines.
    pub fn parse(lines: &str) -> Result<Lemmatizer, String> {
        let mut l = Lemmatizer::default();
        for line in lines.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            match cols[..] {
                ["T", tag, word, lemma] => l.add_table(tag, word, lemma),
                ["R", tag, suf, strip, append] => {
                    if suf.is_empty() || suf.chars().count() > MAX_SUFFIX {
                        return Err(format!(
                            "rule suffix of 1 to {MAX_SUFFIX} characters: {line:?}"
                        ));
                    }
                    let strip = strip
                        .parse()
                        .map_err(|_| format!("bad rule line {line:?}"))?;
                    l.add_rule(
                        tag,
                        suf,
                        Edit {
                            strip,
                            append: append.to_string(),
                        },
                    );
                }
                _ => return Err(format!("bad lemma line {line:?}")),
            }
        }
        Ok(l)
    }

    /// The lines [`Lemmatizer::parse`] reads.
    pub fn to_lines(&self) -> String {
        self.lines.iter().map(|l| format!("{l}\n")).collect()
    }

    fn add_table(&mut self, tag: &str, word: &str, lemma: &str) {
        self.table.insert(key(tag, word), lemma.to_string());
        self.lines.push(format!("T\t{tag}\t{word}\t{lemma}"));
    }

    fn add_rule(&mut self, tag: &str, suf: &str, edit: Edit) {
        self.lines
            .push(format!("R\t{tag}\t{suf}\t{}\t{}", edit.strip, edit.append));
        *self.lengths.entry(tag.to_string()).or_default() |= 1 << suf.chars().count();
        self.rules.insert(key(tag, suf), edit);
    }

    /// Learns from `(word, tag, gold lemma)` triples: suffix rules from word types, then a
    /// table entry wherever the rules miss the most frequent lemma, then the irregular forms.
    pub fn learn<'a>(
        examples: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
    ) -> Lemmatizer {
        let mut lemmas: HashMap<(String, String), HashMap<String, usize>> = HashMap::new();
        for (word, tag, lemma) in examples {
            let (form, lemma) = normalise(word, tag, lemma);
            *lemmas
                .entry((form, tag.to_string()))
                .or_default()
                .entry(lemma)
                .or_default() += 1;
        }
        let best: Vec<((String, String), String)> = lemmas
            .into_iter()
            .map(|(k, counts)| {
                let top = counts
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
                (k, top.map(|t| t.0).unwrap_or_default())
            })
            .collect();
        let mut l = Lemmatizer::default();
        learn_rules(&mut l, &best);
        let mut sorted = best;
        sorted.sort();
        let mut out = String::new();
        for ((form, tag), lemma) in &sorted {
            out.clear();
            l.lemma(form, tag, &mut out);
            if out != *lemma {
                l.add_table(tag, form, lemma);
            }
        }
        for line in IRREGULAR.lines().filter(|l| !l.starts_with('#')) {
            if let [form, tag, lemma] = line.split('\t').collect::<Vec<_>>()[..] {
                l.add_table(tag, form, lemma);
            }
        }
        l
    }
}

/// The word as rules see it and the lemma as scored: lower case unless a proper noun.
fn normalise(word: &str, tag: &str, lemma: &str) -> (String, String) {
    if keeps_case(tag) {
        (word.to_string(), lemma.to_string())
    } else {
        (word.to_lowercase(), lemma.to_lowercase())
    }
}

/// For each tag and suffix, the edit most word types with that suffix take (two or more),
/// kept only where it differs from what a shorter suffix already says.
fn learn_rules(l: &mut Lemmatizer, best: &[((String, String), String)]) {
    type Counts = HashMap<(String, String), HashMap<Edit, usize>>;
    let mut counts: Counts = HashMap::new();
    for ((form, tag), lemma) in best {
        let edit = Edit::between(form, lemma);
        let n = form.chars().count();
        for k in edit.strip.max(1)..=MAX_SUFFIX.min(n.saturating_sub(1)) {
            let key = (tag.clone(), suffix(form, k).to_lowercase());
            *counts
                .entry(key)
                .or_default()
                .entry(edit.clone())
                .or_default() += 1;
        }
    }
    let mut rules: Vec<((String, String), Edit)> = counts
        .into_iter()
        .filter_map(|(k, edits)| {
            let (edit, n) = edits.into_iter().max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then(b.0.strip.cmp(&a.0.strip))
                    .then(b.0.append.cmp(&a.0.append))
            })?;
            (n >= 2).then_some((k, edit))
        })
        .collect();
    // Shorter suffixes first, so each rule can be compared with what is already kept.
    rules.sort_by(|a, b| (a.0 .1.chars().count(), &a.0).cmp(&(b.0 .1.chars().count(), &b.0)));
    let identity = Edit {
        strip: 0,
        append: String::new(),
    };
    for ((tag, suf), edit) in rules {
        let n = suf.chars().count();
        let shorter = (1..n)
            .rev()
            .find_map(|k| l.rules.get(&key(&tag, suffix(&suf, k))))
            .unwrap_or(&identity);
        if *shorter != edit {
            l.add_rule(&tag, &suf, edit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lemma(l: &Lemmatizer, word: &str, tag: &str) -> String {
        let mut out = String::new();
        l.lemma(word, tag, &mut out);
        out
    }

    fn trained() -> Lemmatizer {
        let examples = [
            ("walked", "VBD", "walk"),
            ("talked", "VBD", "talk"),
            ("jumped", "VBD", "jump"),
            ("liked", "VBD", "like"),
            ("hoped", "VBD", "hope"),
            ("tried", "VBD", "try"),
            ("cried", "VBD", "cry"),
            ("cats", "NNS", "cat"),
            ("dogs", "NNS", "dog"),
            ("cities", "NNS", "city"),
            ("parties", "NNS", "party"),
            ("boxes", "NNS", "box"),
            ("taxes", "NNS", "tax"),
            ("Says", "VBZ", "say"),
            ("runs", "VBZ", "run"),
            ("news", "NN", "news"),
            ("Americans", "NNPS", "American"),
        ];
        Lemmatizer::learn(examples)
    }

    #[test]
    fn suffix_rules_reach_unseen_words() {
        let l = trained();
        assert_eq!(lemma(&l, "worked", "VBD"), "work");
        assert_eq!(lemma(&l, "Studies", "NNS"), "study");
        assert_eq!(lemma(&l, "faxes", "NNS"), "fax");
        assert_eq!(lemma(&l, "birds", "NNS"), "bird");
        assert_eq!(lemma(&l, "sings", "VBZ"), "sing");
        // No rule for the tag: the lower-cased word; proper nouns keep their case.
        assert_eq!(lemma(&l, "Bus", "NN"), "bus");
        assert_eq!(lemma(&l, "Lavrov", "NNP"), "Lavrov");
    }

    #[test]
    fn seen_words_and_irregular_forms_come_from_the_table() {
        let l = trained();
        assert_eq!(lemma(&l, "liked", "VBD"), "like");
        assert_eq!(lemma(&l, "hoped", "VBD"), "hope");
        for (form, tag, want) in [
            ("has", "VBZ", "have"),
            ("Was", "VBD", "be"),
            ("went", "VBD", "go"),
            ("children", "NNS", "child"),
            ("people", "NNS", "person"),
            ("better", "JJR", "good"),
            ("said", "VBD", "say"),
            ("'re", "VBP", "be"),
        ] {
            assert_eq!(lemma(&l, form, tag), want, "{form}/{tag}");
        }
    }

    #[test]
    fn the_file_form_round_trips() {
        let l = trained();
        let back = Lemmatizer::parse(&l.to_lines()).unwrap();
        for (w, t) in [
            ("worked", "VBD"),
            ("went", "VBD"),
            ("faxes", "NNS"),
            ("x", "NN"),
        ] {
            assert_eq!(lemma(&back, w, t), lemma(&l, w, t));
        }
        assert!(Lemmatizer::parse("Q\tbad").is_err());
        assert!(Lemmatizer::parse("R\tNNS\tlongest\t1\t").is_err());
    }

    #[test]
    fn edits_count_characters() {
        let e = Edit::between("studies", "study");
        assert_eq!(
            e,
            Edit {
                strip: 3,
                append: "y".into()
            }
        );
        let mut out = String::from("the cities");
        assert!(e.apply(&mut out, 4));
        assert_eq!(out, "the city");
        let mut short = String::from("ab");
        assert!(!Edit {
            strip: 2,
            append: String::new()
        }
        .apply(&mut short, 0));
        assert_eq!(short, "ab");
    }
}
