//! Training data: NDJSON with gold character spans, or CoNLL column files (IOB1 or IOB2),
//! both turned into text plus gold byte spans, then tokenized with the project's tokenizer so
//! the model learns on the tokens it will see at run time.

use newsnlp_doc::{ndjson, EntityLabel, OffsetMap, Sentence, Span};
use newsnlp_tokenize::Tokenizer;
use std::path::Path;
use thiserror::Error;

/// Why a training file could not be read.
#[derive(Debug, Error)]
pub enum DataError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Bad {
        path: String,
        line: usize,
        message: String,
    },
    #[error(transparent)]
    Brat(#[from] newsnlp_exchange::ExchangeError),
}

/// One training document: text, gold entities and the tokenizer's segmentation.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    pub text: String,
    pub gold: Vec<(Span, EntityLabel)>,
    pub tokens: Vec<Span>,
    pub sentences: Vec<Sentence>,
}

/// Counts of how well gold spans fit the tokenizer's tokens.
#[derive(Debug, Default, Clone, Copy)]
pub struct Alignment {
    pub entities: usize,
    /// Gold spans whose ends fall inside a token (trained on as the tokens they cover).
    pub misaligned: usize,
    /// Gold spans that cross a sentence boundary (dropped from training).
    pub split: usize,
}

impl GoldDoc {
    /// Gold BILOU tags of every sentence (by the scheme of [`crate::tagging::scheme`]).
    pub(crate) fn sentence_tags(&self, align: &mut Alignment) -> Vec<Vec<u16>> {
        let scheme = crate::tagging::scheme();
        let mut per_sentence: Vec<Vec<(std::ops::Range<usize>, usize)>> =
            vec![Vec::new(); self.sentences.len()];
        for &(span, label) in &self.gold {
            align.entities += 1;
            let first = self.tokens.partition_point(|t| t.end <= span.start);
            let last = self.tokens.partition_point(|t| t.start < span.end);
            if first >= last {
                align.misaligned += 1;
                continue;
            }
            if self.tokens[first].start != span.start || self.tokens[last - 1].end != span.end {
                align.misaligned += 1;
            }
            let s = self.sentences.partition_point(|s| s.tokens.end <= first);
            match self.sentences.get(s) {
                Some(sent) if sent.tokens.start <= first && last <= sent.tokens.end => {
                    let l = EntityLabel::ALL
                        .iter()
                        .position(|&x| x == label)
                        .unwrap_or(0);
                    per_sentence[s].push((first - sent.tokens.start..last - sent.tokens.start, l));
                }
                _ => align.split += 1,
            }
        }
        self.sentences
            .iter()
            .zip(per_sentence)
            .map(|(s, spans)| scheme.encode(s.tokens.len(), &spans))
            .collect()
    }
}

/// Reads training data: a brat folder (its entities as gold: corrections made in brat or
/// INCEpTION on `newsnlp export --format brat`), else a file of NDJSON (`text` +
/// `gold_entities` with code point offsets) when it starts with `{`, else CoNLL columns (token
/// first, tag last; `-DOCSTART-` between documents).
pub fn read(path: &Path) -> Result<Vec<GoldDoc>, DataError> {
    let name = path.display().to_string();
    let docs = if path.is_dir() {
        read_brat(path)?
    } else {
        let raw = std::fs::read_to_string(path).map_err(|source| DataError::Io {
            path: name.clone(),
            source,
        })?;
        read_file(&name, &raw)?
    };
    let tokenizer = Tokenizer::new();
    Ok(docs
        .into_iter()
        .map(|(text, gold)| {
            let seg = tokenizer.segment(&text);
            GoldDoc {
                text,
                gold,
                tokens: seg.tokens,
                sentences: seg.sentences,
            }
        })
        .collect())
}

/// The documents of a brat folder, with their entities as gold spans.
fn read_brat(dir: &Path) -> Result<Vec<Raw>, DataError> {
    Ok(newsnlp_exchange::brat::read_dir(dir)?
        .into_iter()
        .map(|doc| {
            let gold = doc
                .entities
                .iter()
                .flatten()
                .map(|e| (e.span, e.label))
                .collect();
            (doc.text, gold)
        })
        .collect())
}

fn read_file(name: &str, raw: &str) -> Result<Vec<Raw>, DataError> {
    Ok(if raw.trim_start().starts_with('{') {
        read_ndjson(name, raw)?
    } else {
        read_conll(name, raw)?
    })
}

type Raw = (String, Vec<(Span, EntityLabel)>);

fn read_ndjson(path: &str, raw: &str) -> Result<Vec<Raw>, DataError> {
    let mut docs = Vec::new();
    for (i, line) in raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let bad = |message: String| DataError::Bad {
            path: path.to_string(),
            line: i + 1,
            message,
        };
        let doc = match ndjson::parse_line(line.as_bytes()) {
            Ok(ndjson::Parsed::Document(d)) => d,
            Ok(ndjson::Parsed::ErrorRecord { .. }) => continue,
            Err(e) => return Err(bad(e.error.to_string())),
        };
        let ents = doc
            .field("gold_entities")
            .and_then(|v| v.to_value())
            .and_then(|v| v.as_array().cloned())
            .ok_or_else(|| bad("no gold_entities".into()))?;
        let map = OffsetMap::new(&doc.text);
        let mut gold = Vec::new();
        for e in ents {
            let field = |k: &str| e.get(k).and_then(|v| v.as_u64()).map(|v| v as usize);
            let (Some(s), Some(t)) = (field("start"), field("end")) else {
                return Err(bad("entity without start/end".into()));
            };
            let label = e
                .get("label")
                .and_then(|v| v.as_str())
                .and_then(EntityLabel::parse);
            let (Some(s), Some(t), Some(label)) = (map.to_byte(s), map.to_byte(t), label) else {
                return Err(bad(format!("bad entity {e}")));
            };
            if s < t {
                gold.push((Span::new(s, t), label));
            }
        }
        gold.sort_by_key(|(s, _)| s.start);
        docs.push((doc.text, gold));
    }
    Ok(docs)
}

/// CoNLL columns: tokens joined by one space, sentences by `\n` (as the NDJSON sets are).
/// IOB1 (`I-` may start a span) and IOB2 (`B-` always starts one) both read correctly.
fn read_conll(path: &str, raw: &str) -> Result<Vec<Raw>, DataError> {
    let mut docs = Vec::new();
    let mut text = String::new();
    let mut gold: Vec<(Span, EntityLabel)> = Vec::new();
    let mut open: Option<(usize, EntityLabel)> = None;
    let mut line_start = true;
    let close = |open: &mut Option<(usize, EntityLabel)>,
                 end: usize,
                 gold: &mut Vec<(Span, EntityLabel)>| {
        if let Some((s, l)) = open.take() {
            gold.push((Span::new(s, end), l));
        }
    };
    let mut last_end = 0;
    for (i, line) in raw.lines().enumerate() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.first() == Some(&"-DOCSTART-") {
            close(&mut open, last_end, &mut gold);
            if !text.is_empty() {
                docs.push((std::mem::take(&mut text), std::mem::take(&mut gold)));
            }
            line_start = true;
            continue;
        }
        if cols.is_empty() {
            close(&mut open, last_end, &mut gold);
            if !line_start {
                text.push('\n');
                line_start = true;
            }
            continue;
        }
        if cols.len() < 2 {
            return Err(DataError::Bad {
                path: path.to_string(),
                line: i + 1,
                message: "expected a token and a tag".into(),
            });
        }
        let (token, tag) = (cols[0], cols[cols.len() - 1]);
        if !line_start {
            text.push(' ');
        }
        line_start = false;
        let start = text.len();
        text.push_str(token);
        let (prefix, label) = match tag.split_once('-') {
            Some((p, l)) => (p, EntityLabel::parse(l)),
            None => (tag, None),
        };
        match (prefix, label) {
            ("B", Some(l)) | ("S", Some(l)) | ("U", Some(l)) => {
                close(&mut open, last_end, &mut gold);
                open = Some((start, l));
            }
            ("I", Some(l)) | ("E", Some(l)) | ("L", Some(l)) => {
                if open.map(|(_, o)| o) != Some(l) {
                    close(&mut open, last_end, &mut gold);
                    open = Some((start, l));
                }
            }
            _ => close(&mut open, last_end, &mut gold),
        }
        last_end = text.len();
    }
    close(&mut open, last_end, &mut gold);
    if !text.is_empty() {
        docs.push((text, gold));
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(raw: &str) -> Vec<(String, Vec<(String, &'static str)>)> {
        read_conll("t", raw)
            .unwrap()
            .into_iter()
            .map(|(text, gold)| {
                let g = gold
                    .iter()
                    .map(|(s, l)| (text[s.range()].to_string(), l.as_str()))
                    .collect();
                (text, g)
            })
            .collect()
    }

    #[test]
    fn reads_iob2_documents_and_sentences() {
        let raw = "-DOCSTART- -X- O\n\nAnna NNP B-PER\nKarlsson NNP I-PER\nvisited VBD O\nOslo NNP B-LOC\n\nShe PRP O\nleft VBD O\n-DOCSTART- -X- O\n\nAcme NNP B-ORG\nCorp NNP I-ORG\n";
        let got = spans(raw);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, "Anna Karlsson visited Oslo\nShe left");
        assert_eq!(
            got[0].1,
            vec![
                ("Anna Karlsson".to_string(), "PER"),
                ("Oslo".to_string(), "LOC")
            ]
        );
        assert_eq!(got[1].1, vec![("Acme Corp".to_string(), "ORG")]);
    }

    #[test]
    fn reads_a_brat_folder_with_its_entities_as_gold() {
        let dir =
            std::env::temp_dir().join(format!("newsnlp-entities-brat-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.txt"), "Anna Berg visited Oslo.").unwrap();
        std::fs::write(
            dir.join("a.ann"),
            "T1\tPER 0 9\tAnna Berg\nT2\tLOC 18 22\tOslo\nT3\tQuote 0 4\tAnna\n",
        )
        .unwrap();
        let docs = read(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let gold: Vec<(&str, &str)> = docs[0]
            .gold
            .iter()
            .map(|(s, l)| (&docs[0].text[s.range()], l.as_str()))
            .collect();
        assert_eq!(gold, [("Anna Berg", "PER"), ("Oslo", "LOC")]);
        assert_eq!(docs[0].tokens.len(), 5);
    }

    #[test]
    fn reads_iob1_where_b_only_separates_adjacent_spans() {
        let raw = "In O\nNorth I-LOC\nKorea I-LOC\nand O\nSouth I-LOC\nKorea I-LOC\nJapan B-LOC\n";
        let got = spans(raw);
        let names: Vec<&str> = got[0].1.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["North Korea", "South Korea", "Japan"]);
    }
}
