//! Between the passes: interned names merged into speakers and entities, quotation texts into
//! quotations, each numbered by first appearance (so ids are stable for the same input).

use crate::names;
use crate::quotations::{self, Key};
use crate::spool::Interned;
use std::collections::HashMap;

/// A merged speaker or entity: its display name and the names it was seen under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    pub name: String,
    pub variants: Vec<String>,
    /// The entity label (empty for a speaker).
    pub label: &'static str,
}

/// The merged view of everything interned.
#[derive(Debug)]
pub struct Resolved {
    /// Speaker of each interned speaker text (`None`: descriptive).
    pub speaker_of_name: Vec<Option<usize>>,
    pub speakers: Vec<Cluster>,
    /// Quotation of each interned (name, text) pair.
    pub quotation_of_raw: Vec<usize>,
    /// Per quotation: its speaker and the interned pair whose text it shows (the longest).
    pub quotation_speaker: Vec<Option<usize>>,
    pub quotation_text: Vec<usize>,
    pub entity_of_raw: Vec<usize>,
    pub entities: Vec<Cluster>,
}

impl Resolved {
    pub fn new(interned: &Interned) -> Resolved {
        let speaker_of_name = names::resolve(&interned.names, &interned.name_quotes);
        let speakers = clusters(
            &speaker_of_name,
            &interned.names,
            &interned.name_quotes,
            |_| "",
        );
        let (quotation_of_raw, quotation_text) = group_quotations(interned, &speaker_of_name);
        let quotation_speaker = quotation_text
            .iter()
            .map(|&raw| {
                interned.quotations[raw]
                    .name
                    .and_then(|n| speaker_of_name[n as usize])
            })
            .collect();
        let entity_of_raw = resolve_entities(&interned.entities, &interned.entity_mentions);
        let texts: Vec<String> = interned.entities.iter().map(|(_, c)| c.clone()).collect();
        let entities = clusters(
            &entity_of_raw.iter().map(|&e| Some(e)).collect::<Vec<_>>(),
            &texts,
            &interned.entity_mentions,
            |raw| interned.entities[raw].0,
        );
        Resolved {
            speaker_of_name,
            speakers,
            quotation_of_raw,
            quotation_speaker,
            quotation_text,
            entity_of_raw,
            entities,
        }
    }
}

/// Equal (speaker, normalised text) pairs made one key, keys grouped by containment, and the
/// groups numbered by first appearance; also the pair whose text each quotation shows.
fn group_quotations(
    interned: &Interned,
    speaker_of_name: &[Option<usize>],
) -> (Vec<usize>, Vec<usize>) {
    let mut keys: Vec<Key> = Vec::new();
    let mut key_of: HashMap<Key, usize> = HashMap::new();
    let mut first_raw: Vec<usize> = Vec::new();
    let raw_keys: Vec<usize> = interned
        .quotations
        .iter()
        .enumerate()
        .map(|(raw, q)| {
            let key = Key {
                speaker: q.name.and_then(|n| speaker_of_name[n as usize]),
                text: q.norm.clone(),
            };
            *key_of.entry(key.clone()).or_insert_with(|| {
                keys.push(key);
                first_raw.push(raw);
                keys.len() - 1
            })
        })
        .collect();
    let roots = quotations::group(&keys);
    let mut number: HashMap<usize, usize> = HashMap::new();
    let mut shown: Vec<usize> = Vec::new();
    let of_raw = raw_keys
        .iter()
        .map(|&k| {
            let root = roots[k];
            *number.entry(root).or_insert_with(|| {
                shown.push(first_raw[root]);
                shown.len() - 1
            })
        })
        .collect();
    (of_raw, shown)
}

/// Entities merged: persons by the speaker rules, other names by label and folded spelling.
fn resolve_entities(entities: &[(&'static str, String)], mentions: &[u64]) -> Vec<usize> {
    let persons: Vec<usize> = (0..entities.len())
        .filter(|&i| entities[i].0 == "PER")
        .collect();
    let person_texts: Vec<&str> = persons.iter().map(|&i| entities[i].1.as_str()).collect();
    let weights: Vec<u64> = persons.iter().map(|&i| mentions[i]).collect();
    let mut person_cluster: HashMap<usize, usize> = HashMap::new();
    for (&i, cluster) in persons.iter().zip(names::resolve(&person_texts, &weights)) {
        if let Some(c) = cluster {
            person_cluster.insert(i, c);
        }
    }
    let mut number: HashMap<(&str, Result<usize, String>), usize> = HashMap::new();
    (0..entities.len())
        .map(|i| {
            let (label, text) = &entities[i];
            let key = match person_cluster.get(&i) {
                Some(&c) => Ok(c),
                None => Err(text
                    .split_whitespace()
                    .map(names::fold)
                    .collect::<Vec<_>>()
                    .join(" ")),
            };
            let next = number.len();
            *number.entry((label, key)).or_insert(next)
        })
        .collect()
}

/// The clusters of `texts` (by `of`), each named by its most weighty full name (a name with
/// a given name before a bare surname, one in mixed case before one in capitals), titles cut.
pub(crate) fn clusters(
    of: &[Option<usize>],
    texts: &[String],
    weight: &[u64],
    label: impl Fn(usize) -> &'static str,
) -> Vec<Cluster> {
    let count = of.iter().flatten().map(|&c| c + 1).max().unwrap_or(0);
    let mut out: Vec<Cluster> = Vec::with_capacity(count);
    let mut best: Vec<((bool, bool), u64)> = Vec::with_capacity(count);
    for (raw, c) in of.iter().enumerate() {
        let Some(c) = *c else { continue };
        let parsed = names::parse(&texts[raw]);
        // A dateline's `PARIS` names the place less well than `Paris`.
        let mixed_case = texts[raw].chars().any(char::is_lowercase);
        let full = (
            parsed
                .as_ref()
                .is_some_and(|p| p.given.is_some() && !p.initial),
            mixed_case,
        );
        let display = parsed.map_or_else(|| texts[raw].clone(), |p| p.display);
        if c == out.len() {
            out.push(Cluster {
                name: display.clone(),
                variants: Vec::new(),
                label: label(raw),
            });
            best.push((full, weight[raw]));
        } else if (full, weight[raw]) > best[c] {
            out[c].name = display;
            best[c] = (full, weight[raw]);
        }
        out[c].variants.push(texts[raw].clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persons_merge_and_other_names_fold() {
        let entities = [
            ("PER", "Sergey Lavrov".to_string()),
            ("ORG", "OPCW".to_string()),
            ("PER", "Sergei Lavrov".to_string()),
            ("ORG", "Opcw".to_string()),
            ("LOC", "OPCW".to_string()),
            ("PER", "Bill Clinton".to_string()),
        ];
        assert_eq!(resolve_entities(&entities, &[1; 6]), vec![0, 1, 0, 1, 2, 3]);
    }
}
