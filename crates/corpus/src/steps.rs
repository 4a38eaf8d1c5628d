//! The corpus build cut into steps that run apart, for a cluster (`examples/spark`): the
//! per-document rows, and the two cross-document merges run on the part of the keys they need.
//!
//! 1. [`occurrences`]: one row per quote, with its keys — the normalised quotation text and the
//!    folded surname the speaker merges under. Computed per document, so any split of the
//!    input gives the same rows.
//! 2. [`speakers`]: distinct speaker names with their quote counts, in order of first
//!    appearance, merged into speakers ([`crate::names`]). The rules only ever compare names of
//!    one surname, so each call needs every name of the surnames it is given, nothing else.
//! 3. [`quotations`]: distinct (speaker, normalised text) keys in order of first appearance,
//!    grouped by containment ([`crate::quotations`]). Containment is tried only within a
//!    speaker, so each call needs every key of the speakers it is given.
//!
//! Steps 2 and 3 name their results by text (a speaker by its first name, a quotation by its
//! longest text), so results of separate calls can be joined back without numbering; ids are
//! then numbered by first appearance, as [`crate::build`] numbers them.

use crate::extract::{extract, Extracted};
use crate::quotations::{self, normalise, Key};
use crate::{names, output_error, resolve, CorpusError};
use newsnlp_doc::runner::{Body, Record};
use newsnlp_doc::RunError;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// One quote occurrence with its keys, as step 1 writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    /// The document's line in its input (1-based), and the quote's index in the document:
    /// with the input's position, the order of first appearance.
    pub line: u64,
    pub index: usize,
    pub doc_id: String,
    pub date: String,
    pub place: String,
    pub country: String,
    pub agency: String,
    /// The speaker's name as the document gives it; empty when the quote has none.
    pub speaker: String,
    /// The folded surname the speaker merges under; `None` for no speaker or a descriptive one
    /// (`a spokesman`), which never becomes a speaker.
    pub surname: Option<String>,
    pub kind: String,
    pub cue: String,
    pub quote: String,
    /// The normalised text: the quotation key, per speaker.
    pub quotation: String,
    pub start: usize,
    pub end: usize,
}

/// Step 2's input: one distinct speaker name and how many quotes carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerName {
    pub speaker: String,
    pub quotes: u64,
}

/// Step 2's output: the speaker a name belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerOfName {
    pub speaker: String,
    /// The speaker's first name in input order: the same for every name of one speaker.
    pub speaker_key: String,
    /// The speaker's display name and every name it was quoted under, as `speakers` shows them.
    pub name: String,
    pub variants: String,
}

/// Step 3's input and output: a distinct quotation key (`speaker_key` empty for quotes
/// without a speaker) and, on output, the text of the quotation it joins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotationKey {
    pub speaker_key: String,
    pub quotation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<String>,
}

/// What step 1 read, for its one-line summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StepSummary {
    pub documents: u64,
    /// Error records and lines that are not annotated documents.
    pub errors: u64,
    pub rows: u64,
}

/// Step 1: the occurrence rows of every document, one NDJSON line each.
pub fn occurrences(
    records: impl Iterator<Item = Result<Record, RunError>>,
    mut out: impl Write,
) -> Result<StepSummary, CorpusError> {
    let mut summary = StepSummary::default();
    for record in records {
        let record = record?;
        let (facts, quotes) = match extract(&record) {
            Extracted::Blank => continue,
            Extracted::Error => {
                summary.errors += 1;
                continue;
            }
            Extracted::Document { facts, quotes, .. } => (facts, quotes.unwrap_or_default()),
        };
        summary.documents += 1;
        for (index, q) in quotes.into_iter().enumerate() {
            let row = Occurrence {
                line: record.number,
                index,
                doc_id: facts.id.clone(),
                date: facts.date.clone(),
                place: facts.place.clone(),
                country: facts.country.clone(),
                agency: facts.agency.clone(),
                surname: names::parse(&q.speaker).map(|n| n.surname),
                quotation: normalise(&q.quote),
                speaker: q.speaker,
                kind: q.kind.to_string(),
                cue: q.cue,
                quote: q.quote,
                start: q.start,
                end: q.end,
            };
            write_row(&mut out, &row)?;
            summary.rows += 1;
        }
    }
    out.flush().map_err(output_error(Path::new("stdout")))?;
    Ok(summary)
}

/// Step 2: the speaker of each name. The names come in order of first appearance, with every
/// name of each surname among them.
pub fn speakers(names: &[SpeakerName]) -> Vec<SpeakerOfName> {
    let texts: Vec<&str> = names.iter().map(|n| n.speaker.as_str()).collect();
    let weights: Vec<u64> = names.iter().map(|n| n.quotes).collect();
    let of = names::resolve(&texts, &weights);
    let owned: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
    let clusters = resolve::clusters(&of, &owned, &weights, |_| "");
    let mut first: Vec<Option<&str>> = vec![None; clusters.len()];
    names
        .iter()
        .zip(&of)
        .filter_map(|(name, c)| {
            let c = (*c)?;
            let key = *first[c].get_or_insert(&name.speaker);
            Some(SpeakerOfName {
                speaker: name.speaker.clone(),
                speaker_key: key.to_string(),
                name: clusters[c].name.clone(),
                variants: clusters[c].variants.join("; "),
            })
        })
        .collect()
}

/// Step 3: the quotation each key joins, as `root`. The keys come in order of first
/// appearance, distinct, with every key of each speaker among them.
pub fn quotations(keys: &[QuotationKey]) -> Vec<QuotationKey> {
    let mut speaker_number: HashMap<&str, usize> = HashMap::new();
    let grouped: Vec<Key> = keys
        .iter()
        .map(|k| {
            let next = speaker_number.len();
            Key {
                speaker: Some(*speaker_number.entry(&k.speaker_key).or_insert(next)),
                text: k.quotation.clone(),
            }
        })
        .collect();
    let roots = quotations::group(&grouped);
    keys.iter()
        .zip(roots)
        .map(|(k, root)| QuotationKey {
            root: Some(keys[root].quotation.clone()),
            ..k.clone()
        })
        .collect()
}

/// Reads the NDJSON rows steps 2 and 3 take; a line that is not one is an error.
pub fn read_rows<T: serde::de::DeserializeOwned>(
    records: impl Iterator<Item = Result<Record, RunError>>,
) -> Result<Vec<T>, CorpusError> {
    let mut rows = Vec::new();
    for record in records {
        let record = record?;
        let bad = |why: String| CorpusError::Row {
            input: record.source.to_string(),
            line: record.number,
            why,
        };
        let Body::Line(line) = &record.body else {
            return Err(bad("not an NDJSON line".into()));
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        rows.push(serde_json::from_slice(line).map_err(|e| bad(e.to_string()))?);
    }
    Ok(rows)
}

/// Writes rows as NDJSON.
pub fn write_rows<T: Serialize>(rows: &[T], mut out: impl Write) -> Result<(), CorpusError> {
    rows.iter().try_for_each(|row| write_row(&mut out, row))?;
    out.flush().map_err(output_error(Path::new("stdout")))
}

fn write_row<T: Serialize>(out: &mut impl Write, row: &T) -> Result<(), CorpusError> {
    let mut line = serde_json::to_vec(row).expect("rows serialise");
    line.push(b'\n');
    out.write_all(&line)
        .map_err(output_error(Path::new("stdout")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(texts: &[(&str, u64)]) -> Vec<SpeakerName> {
        texts
            .iter()
            .map(|&(speaker, quotes)| SpeakerName {
                speaker: speaker.into(),
                quotes,
            })
            .collect()
    }

    fn keys(texts: &[(&str, &str)]) -> Vec<QuotationKey> {
        texts
            .iter()
            .map(|&(speaker, text)| QuotationKey {
                speaker_key: speaker.into(),
                quotation: normalise(text),
                root: None,
            })
            .collect()
    }

    #[test]
    fn occurrence_rows_carry_the_keys_of_one_document() {
        let line = r#"{"id":"d","text":"«Нет, мы не согласны», said Mr. Lavrov. An aide said: no.","published":"2018-04-13","quotes":[{"start":1,"end":20,"kind":"direct","cue":{"start":23,"end":27},"speaker":{"start":28,"end":38}},{"start":54,"end":56,"kind":"indirect","cue":null,"speaker":{"start":40,"end":47}}]}"#;
        let record = Record {
            source: "stdin".into(),
            number: 7,
            input_bytes: line.len() as u64,
            body: Body::Line(line.as_bytes().to_vec()),
        };
        let mut out = Vec::new();
        let summary = occurrences(std::iter::once(Ok(record)), &mut out).unwrap();
        assert_eq!((summary.documents, summary.rows), (1, 2));
        let rows: Vec<Occurrence> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!((rows[0].line, rows[0].index, rows[1].index), (7, 0, 1));
        assert_eq!(rows[0].speaker, "Mr. Lavrov");
        assert_eq!(rows[0].surname.as_deref(), Some("lavrov"));
        assert_eq!(rows[0].quotation, "нет мы не согласны");
        assert_eq!(
            (rows[0].date.as_str(), rows[0].cue.as_str()),
            ("2018-04-13", "said")
        );
        // `An aide` is descriptive: no surname, so never a speaker.
        assert_eq!(
            (rows[1].speaker.as_str(), rows[1].surname.as_deref()),
            ("An aide", None)
        );
    }

    #[test]
    fn speakers_are_named_by_their_first_name_and_merge_within_a_surname() {
        let all = names(&[
            ("Lavrov", 1),
            ("Hillary Clinton", 3),
            ("Russian Foreign Minister Sergey Lavrov", 2),
            ("Bill Clinton", 1),
            ("Sergei Lavrov", 1),
        ]);
        let out = speakers(&all);
        let key = |i: usize| out[i].speaker_key.as_str();
        assert_eq!([key(0), key(2), key(4)], ["Lavrov"; 3]);
        assert_eq!((key(1), key(3)), ("Hillary Clinton", "Bill Clinton"));
        assert_eq!(out[0].name, "Sergey Lavrov");
        assert_eq!(
            out[0].variants,
            "Lavrov; Russian Foreign Minister Sergey Lavrov; Sergei Lavrov"
        );
        // What the cluster job relies on: one call per surname gives the same rows.
        let lavrovs = speakers(&[all[0].clone(), all[2].clone(), all[4].clone()]);
        let clintons = speakers(&[all[1].clone(), all[3].clone()]);
        assert_eq!(
            lavrovs,
            vec![out[0].clone(), out[2].clone(), out[4].clone()]
        );
        assert_eq!(clintons, vec![out[1].clone(), out[3].clone()]);
    }

    #[test]
    fn a_partial_quotation_joins_its_whole_only_for_its_speaker() {
        let whole = "We believe the OPCW report is a provocation staged by the West.";
        let all = keys(&[
            ("Lavrov", "the OPCW report is a provocation"),
            ("Zakharova", "the OPCW report is a provocation"),
            ("Lavrov", whole),
            ("", "a provocation staged by the West"),
        ]);
        let roots: Vec<String> = quotations(&all)
            .into_iter()
            .map(|k| k.root.unwrap())
            .collect();
        assert_eq!(roots[0], normalise(whole));
        assert_eq!(roots[1], all[1].quotation);
        assert_eq!(roots[2], normalise(whole));
        assert_eq!(roots[3], all[3].quotation);
        // One call per speaker gives the same roots.
        let lavrov = quotations(&[all[0].clone(), all[2].clone()]);
        assert_eq!(lavrov[0].root.as_deref(), Some(roots[0].as_str()));
    }

    #[test]
    fn a_row_of_the_wrong_shape_is_an_error_that_names_its_line() {
        let record = |n: u64, line: &str| {
            Ok(Record {
                source: "stdin".into(),
                number: n,
                input_bytes: 0,
                body: Body::Line(line.as_bytes().to_vec()),
            })
        };
        let rows = [
            record(1, r#"{"speaker":"Lavrov","quotes":2}"#),
            record(2, r#"{"speaker":"Lavrov"}"#),
        ];
        let err = read_rows::<SpeakerName>(rows.into_iter()).unwrap_err();
        assert!(err.to_string().starts_with("stdin:2: not a row"), "{err}");
    }
}
