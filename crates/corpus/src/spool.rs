//! Pass 1: distinct names and quotation texts interned, occurrences spooled to a file.

use crate::extract::{DocEntity, DocFacts, Extracted, QuoteRow};
use crate::quotations::normalise;
use crate::{output_error, CorpusError, Summary};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

/// One distinct (speaker name, normalised text) pair, with the text as first written.
#[derive(Debug, Clone)]
pub struct RawQuotation {
    pub name: Option<u32>,
    pub norm: String,
    pub text: String,
}

/// Everything distinct that pass 1 saw, in first-appearance order.
#[derive(Debug, Default)]
pub struct Interned {
    /// Speaker texts as written (canonical names and descriptive phrases).
    pub names: Vec<String>,
    /// Quotes per speaker text, to choose a speaker's display name.
    pub name_quotes: Vec<u64>,
    pub quotations: Vec<RawQuotation>,
    /// Entities by label and canonical name, with their mention counts.
    pub entities: Vec<(&'static str, String)>,
    pub entity_mentions: Vec<u64>,
    name_index: HashMap<String, u32>,
    quotation_index: HashMap<(Option<u32>, String), u32>,
    entity_index: HashMap<(&'static str, String), u32>,
}

/// One spooled line: a document's facts, then its quotes and entities.
#[derive(Debug, Serialize, Deserialize)]
pub enum Spooled {
    Doc(DocFacts),
    Quote(SpooledQuote),
    /// An entity of the current document with its mention count.
    Entity(u32, u64),
}

#[derive(Debug, Serialize, Deserialize)]
pub struct SpooledQuote {
    pub name: Option<u32>,
    pub quotation: u32,
    pub kind: String,
    pub cue: String,
    pub quote: String,
    pub start: usize,
    pub end: usize,
    pub entities: Vec<u32>,
}

/// Pass 1's state.
pub struct Collector {
    pub summary: Summary,
    interned: Interned,
    path: PathBuf,
    spool: BufWriter<File>,
    line: Vec<u8>,
}

impl Collector {
    /// Opens the spool file in `dir`; it is removed once read back.
    pub fn create(dir: &Path) -> Result<Collector, CorpusError> {
        let path = dir.join(".corpus-spool.jsonl");
        let file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .map_err(output_error(&path))?;
        Ok(Collector {
            summary: Summary::default(),
            interned: Interned::default(),
            spool: BufWriter::with_capacity(1 << 20, file),
            path,
            line: Vec::new(),
        })
    }

    /// Counts and spools one record.
    pub fn add(&mut self, item: Extracted) -> Result<(), CorpusError> {
        let (facts, quotes, entities) = match item {
            Extracted::Blank => return Ok(()),
            Extracted::Error => {
                self.summary.errors += 1;
                return Ok(());
            }
            Extracted::Document {
                facts,
                quotes,
                entities,
            } => (facts, quotes, entities),
        };
        self.summary.documents += 1;
        self.summary.without_quotes += u64::from(quotes.is_none());
        self.summary.without_entities += u64::from(entities.is_none());
        let entities = entities.unwrap_or_default();
        let keys: Vec<u32> = entities.iter().map(|e| self.entity_key(e)).collect();
        self.write(&Spooled::Doc(facts))?;
        for (&key, e) in keys.iter().zip(&entities) {
            self.write(&Spooled::Entity(key, e.mentions))?;
        }
        for quote in quotes.unwrap_or_default() {
            self.summary.quotes += 1;
            let spooled = self.spooled_quote(quote, &keys);
            self.write(&Spooled::Quote(spooled))?;
        }
        Ok(())
    }

    fn entity_key(&mut self, e: &DocEntity) -> u32 {
        let i = &mut self.interned;
        let key = (e.label, e.canonical.clone());
        let next = i.entities.len() as u32;
        let id = *i.entity_index.entry(key).or_insert_with(|| {
            i.entities.push((e.label, e.canonical.clone()));
            i.entity_mentions.push(0);
            next
        });
        i.entity_mentions[id as usize] += e.mentions;
        id
    }

    fn spooled_quote(&mut self, q: QuoteRow, entity_keys: &[u32]) -> SpooledQuote {
        let i = &mut self.interned;
        let name = (!q.speaker.is_empty()).then(|| {
            let next = i.names.len() as u32;
            let id = *i.name_index.entry(q.speaker.clone()).or_insert_with(|| {
                i.names.push(q.speaker.clone());
                i.name_quotes.push(0);
                next
            });
            i.name_quotes[id as usize] += 1;
            id
        });
        let norm = normalise(&q.quote);
        let next = i.quotations.len() as u32;
        let quotation = *i
            .quotation_index
            .entry((name, norm.clone()))
            .or_insert_with(|| {
                i.quotations.push(RawQuotation {
                    name,
                    norm,
                    text: q.quote.clone(),
                });
                next
            });
        SpooledQuote {
            name,
            quotation,
            kind: q.kind.to_string(),
            cue: q.cue,
            quote: q.quote,
            start: q.start,
            end: q.end,
            entities: q.entities.iter().map(|&e| entity_keys[e]).collect(),
        }
    }

    fn write(&mut self, item: &Spooled) -> Result<(), CorpusError> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, item).expect("spooled rows serialise");
        self.line.push(b'\n');
        self.spool
            .write_all(&self.line)
            .map_err(output_error(&self.path))
    }

    /// Ends pass 1: what was interned, and the spool to read back.
    pub fn finish(mut self) -> Result<(Interned, SpoolReader, Summary), CorpusError> {
        let path = self.path.clone();
        self.interned.name_index = HashMap::new();
        self.interned.quotation_index = HashMap::new();
        self.interned.entity_index = HashMap::new();
        let mut file = self
            .spool
            .into_inner()
            .map_err(|e| e.into_error())
            .map_err(output_error(&path))?;
        file.rewind().map_err(output_error(&path))?;
        // The open file stays readable once its name is gone.
        let _ = fs::remove_file(&path);
        let reader = SpoolReader {
            lines: BufReader::with_capacity(1 << 20, file),
            path,
            line: String::new(),
        };
        Ok((self.interned, reader, self.summary))
    }
}

/// Pass 2's input: the spooled lines, in input order.
pub struct SpoolReader {
    lines: BufReader<File>,
    path: PathBuf,
    line: String,
}

impl SpoolReader {
    /// The next spooled item, `None` at the end.
    pub fn next_item(&mut self) -> Result<Option<Spooled>, CorpusError> {
        self.line.clear();
        let n = self
            .lines
            .read_line(&mut self.line)
            .map_err(output_error(&self.path))?;
        if n == 0 {
            return Ok(None);
        }
        serde_json::from_str(&self.line)
            .map(Some)
            .map_err(|e| output_error(&self.path)(std::io::Error::other(e)))
    }
}
