//! Pass 2: the spool read back once, `quotes` written row by row, and the per-quotation,
//! per-speaker and per-entity counts kept for the other tables and the report.

use crate::extract::DocFacts;
use crate::resolve::Resolved;
use crate::spool::{Interned, SpoolReader, Spooled, SpooledQuote};
use crate::table::{Cell, Table, TableFormat};
use crate::{output_error, report, CorpusError, Summary};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

pub const QUOTES: &[&str] = &[
    "doc_id", "date", "place", "country", "agency", "speaker_id", "speaker", "kind", "cue",
    "quote", "quotation_id", "start", "end",
];
pub const QUOTATIONS: &[&str] = &[
    "quotation_id", "speaker_id", "speaker", "quotation", "occurrences", "documents", "first_date",
    "first_doc_id", "last_date", "agencies",
];
pub const SPEAKERS: &[&str] = &[
    "speaker_id", "speaker", "variants", "quotes", "quotations", "documents", "first_date",
    "last_date",
];
pub const ENTITIES: &[&str] = &[
    "entity_id", "name", "label", "variants", "mentions", "documents", "first_date", "last_date",
];
pub const MENTIONS: &[&str] = &["speaker_id", "entity_id", "quotes"];

/// When and in how many documents something was seen.
#[derive(Debug, Clone, Default)]
pub struct Seen {
    pub count: u64,
    pub documents: u64,
    last_doc: Option<u64>,
    /// The earliest date (empty while only undated occurrences were seen) and its document:
    /// the first in input order among equal dates.
    pub first_date: String,
    pub first_doc: String,
    pub last_date: String,
}

impl Seen {
    fn see(&mut self, seq: u64, doc: &DocFacts, count: u64) {
        self.count += count;
        if self.last_doc != Some(seq) {
            self.documents += 1;
            self.last_doc = Some(seq);
        }
        let earlier =
            !doc.date.is_empty() && (self.first_date.is_empty() || doc.date < self.first_date);
        if self.first_doc.is_empty() || earlier {
            self.first_date.clone_from(&doc.date);
            self.first_doc.clone_from(&doc.id);
        }
        if doc.date > self.last_date {
            self.last_date.clone_from(&doc.date);
        }
    }
}

/// Everything pass 2 counts.
#[derive(Debug, Default)]
pub struct Counts {
    pub quotations: Vec<Seen>,
    pub agencies: Vec<BTreeSet<String>>,
    pub speakers: Vec<Seen>,
    pub entities: Vec<Seen>,
    /// Quotes per (speaker, entity) pair.
    pub mentions: BTreeMap<(usize, usize), u64>,
    /// Quotes per speaker per day, for the report's timeline.
    pub days: HashMap<usize, BTreeMap<String, u64>>,
}

/// Pass 2, then every table and the report.
pub fn write(
    dir: &Path,
    format: TableFormat,
    interned: &Interned,
    resolved: &Resolved,
    mut spool: SpoolReader,
    mut summary: Summary,
) -> Result<Summary, CorpusError> {
    let mut counts = Counts {
        quotations: vec![Seen::default(); resolved.quotation_text.len()],
        agencies: vec![BTreeSet::new(); resolved.quotation_text.len()],
        speakers: vec![Seen::default(); resolved.speakers.len()],
        entities: vec![Seen::default(); resolved.entities.len()],
        ..Counts::default()
    };
    let path = dir.join("quotes");
    let mut quotes = Table::create(dir, "quotes", format, QUOTES).map_err(output_error(&path))?;
    let mut doc = DocFacts::default();
    let mut seq = 0u64;
    while let Some(item) = spool.next_item()? {
        match item {
            Spooled::Doc(facts) => {
                doc = facts;
                seq += 1;
            }
            Spooled::Entity(raw, mentions) => {
                counts.entities[resolved.entity_of_raw[raw as usize]].see(seq, &doc, mentions);
            }
            Spooled::Quote(q) => {
                let row = count_quote(&mut counts, resolved, seq, &doc, &q);
                write_quote(&mut quotes, interned, &doc, &q, row).map_err(output_error(&path))?;
            }
        }
    }
    quotes.finish().map_err(output_error(&path))?;
    summary.quotations = counts.quotations.len() as u64;
    summary.speakers = counts.speakers.len() as u64;
    summary.entities = counts.entities.len() as u64;
    write_grouped(dir, format, interned, resolved, &counts)?;
    report::write(dir, interned, resolved, &counts, &summary)?;
    Ok(summary)
}

/// Counts one quote occurrence; returns its speaker and quotation.
fn count_quote(
    counts: &mut Counts,
    resolved: &Resolved,
    seq: u64,
    doc: &DocFacts,
    q: &SpooledQuote,
) -> (Option<usize>, usize) {
    let speaker = q.name.and_then(|n| resolved.speaker_of_name[n as usize]);
    let quotation = resolved.quotation_of_raw[q.quotation as usize];
    counts.quotations[quotation].see(seq, doc, 1);
    if !doc.agency.is_empty() {
        counts.agencies[quotation].insert(doc.agency.clone());
    }
    if let Some(s) = speaker {
        counts.speakers[s].see(seq, doc, 1);
        if !doc.date.is_empty() {
            *counts
                .days
                .entry(s)
                .or_default()
                .entry(doc.date.clone())
                .or_default() += 1;
        }
        let mut entities: Vec<usize> = q
            .entities
            .iter()
            .map(|&e| resolved.entity_of_raw[e as usize])
            .collect();
        entities.sort_unstable();
        entities.dedup();
        for e in entities {
            *counts.mentions.entry((s, e)).or_default() += 1;
        }
    }
    (speaker, quotation)
}

fn write_quote(
    table: &mut Table,
    interned: &Interned,
    doc: &DocFacts,
    q: &SpooledQuote,
    (speaker, quotation): (Option<usize>, usize),
) -> std::io::Result<()> {
    let speaker_id = speaker.map(speaker_id).unwrap_or_default();
    let name = q.name.map_or("", |n| interned.names[n as usize].as_str());
    table.row(&[
        Cell::Text(&doc.id),
        Cell::Text(&doc.date),
        Cell::Text(&doc.place),
        Cell::Text(&doc.country),
        Cell::Text(&doc.agency),
        Cell::Text(&speaker_id),
        Cell::Text(name),
        Cell::Text(&q.kind),
        Cell::Text(&q.cue),
        Cell::Text(&q.quote),
        Cell::Text(&quotation_id(quotation)),
        Cell::Count(q.start as u64),
        Cell::Count(q.end as u64),
    ])
}

pub fn speaker_id(i: usize) -> String {
    format!("S{}", i + 1)
}

pub fn quotation_id(i: usize) -> String {
    format!("Q{}", i + 1)
}

pub fn entity_id(i: usize) -> String {
    format!("E{}", i + 1)
}

/// `quotations`, `speakers`, `entities` and `mentions`.
fn write_grouped(
    dir: &Path,
    format: TableFormat,
    interned: &Interned,
    resolved: &Resolved,
    counts: &Counts,
) -> Result<(), CorpusError> {
    let path = dir.join("quotations");
    let io = |r: std::io::Result<()>, p: &Path| r.map_err(output_error(p));
    io(
        write_quotations(dir, format, interned, resolved, counts),
        &path,
    )?;
    io(
        write_speakers(dir, format, resolved, counts),
        &dir.join("speakers"),
    )?;
    io(
        write_entities(dir, format, resolved, counts),
        &dir.join("entities"),
    )?;
    let mut mentions =
        Table::create(dir, "mentions", format, MENTIONS).map_err(output_error(dir))?;
    for (&(s, e), &n) in &counts.mentions {
        io(
            mentions.row(&[
                Cell::Text(&speaker_id(s)),
                Cell::Text(&entity_id(e)),
                Cell::Count(n),
            ]),
            dir,
        )?;
    }
    io(mentions.finish(), dir)
}

fn write_quotations(
    dir: &Path,
    format: TableFormat,
    interned: &Interned,
    resolved: &Resolved,
    counts: &Counts,
) -> std::io::Result<()> {
    let mut table = Table::create(dir, "quotations", format, QUOTATIONS)?;
    for (i, seen) in counts.quotations.iter().enumerate() {
        let speaker = resolved.quotation_speaker[i];
        let agencies: Vec<&str> = counts.agencies[i].iter().map(String::as_str).collect();
        table.row(&[
            Cell::Text(&quotation_id(i)),
            Cell::Text(&speaker.map(speaker_id).unwrap_or_default()),
            Cell::Text(speaker.map_or("", |s| resolved.speakers[s].name.as_str())),
            Cell::Text(&interned.quotations[resolved.quotation_text[i]].text),
            Cell::Count(seen.count),
            Cell::Count(seen.documents),
            Cell::Text(&seen.first_date),
            Cell::Text(&seen.first_doc),
            Cell::Text(&seen.last_date),
            Cell::Text(&agencies.join("; ")),
        ])?;
    }
    table.finish()
}

fn write_speakers(
    dir: &Path,
    format: TableFormat,
    resolved: &Resolved,
    counts: &Counts,
) -> std::io::Result<()> {
    let mut quotations = vec![0u64; resolved.speakers.len()];
    for s in resolved.quotation_speaker.iter().flatten() {
        quotations[*s] += 1;
    }
    let mut table = Table::create(dir, "speakers", format, SPEAKERS)?;
    for (i, (speaker, seen)) in resolved.speakers.iter().zip(&counts.speakers).enumerate() {
        table.row(&[
            Cell::Text(&speaker_id(i)),
            Cell::Text(&speaker.name),
            Cell::Text(&speaker.variants.join("; ")),
            Cell::Count(seen.count),
            Cell::Count(quotations[i]),
            Cell::Count(seen.documents),
            Cell::Text(&seen.first_date),
            Cell::Text(&seen.last_date),
        ])?;
    }
    table.finish()
}

fn write_entities(
    dir: &Path,
    format: TableFormat,
    resolved: &Resolved,
    counts: &Counts,
) -> std::io::Result<()> {
    let mut table = Table::create(dir, "entities", format, ENTITIES)?;
    for (i, (entity, seen)) in resolved.entities.iter().zip(&counts.entities).enumerate() {
        table.row(&[
            Cell::Text(&entity_id(i)),
            Cell::Text(&entity.name),
            Cell::Text(entity.label),
            Cell::Text(&entity.variants.join("; ")),
            Cell::Count(seen.count),
            Cell::Count(seen.documents),
            Cell::Text(&seen.first_date),
            Cell::Text(&seen.last_date),
        ])?;
    }
    table.finish()
}
