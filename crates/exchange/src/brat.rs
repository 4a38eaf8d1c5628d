//! brat standoff, the format of brat and INCEpTION: per document `NAME.txt` (the text,
//! unchanged) and `NAME.ann`:
//!
//! ```text
//! (columns separated by tabs)
//! T1  PER 52 69  Jean-Marc Ayrault         an entity (PER, ORG, LOC, MISC)
//! #1  AnnotatorNotes T1  Jean-Marc Ayrault   its canonical name
//! T2  Quote 130 143  without delay          a quote ...
//! A1  Kind T2 direct                         ... its kind
//! T3  Cue 95 101  called
//! R1  Cue Arg1:T2 Arg2:T3
//! T4  Speaker 52 69  Jean-Marc Ayrault      (its canonical name in a note, too)
//! R2  Speaker Arg1:T2 Arg2:T4
//! ```
//!
//! Offsets count code points; a span across a line break is written as fragments (`0 5;6 9`),
//! as brat does. The folder also holds `annotation.conf` and `visual.conf`, so brat and
//! INCEpTION open it as it is, and `newsnlp.jsonl`: one line per document, in input order, with
//! its file name, its id as written and its other input fields, which come back on import.

use crate::{io_error, ExchangeError};
use newsnlp_doc::ndjson::{parse_line, write_document};
use newsnlp_doc::{Document, Entity, OffsetMap, Quote, RawJson, Span};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

mod read;

pub use read::{parse_ann, read_dir};

const ANNOTATION_CONF: &str = include_str!("../brat/annotation.conf");
const VISUAL_CONF: &str = include_str!("../brat/visual.conf");
/// The file that keeps each document's id, other fields and place in the input.
pub const MANIFEST: &str = "newsnlp.jsonl";
/// Longest file name kept from an id (before the `.txt`, `.ann` and any `-2` suffix).
const MAX_NAME: usize = 100;

/// One line of [`MANIFEST`].
#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<RawJson>,
    #[serde(default)]
    fields: Vec<(String, RawJson)>,
}

/// Writes a brat folder, one document at a time.
pub struct Exporter {
    dir: PathBuf,
    /// File names given so far, lower-cased (case-insensitive file systems).
    used: HashSet<String>,
    manifest: BufWriter<std::fs::File>,
}

impl Exporter {
    /// Creates `dir` (when missing) with the configuration files and an empty manifest.
    pub fn create(dir: &Path) -> Result<Exporter, ExchangeError> {
        std::fs::create_dir_all(dir).map_err(io_error(dir))?;
        for (name, text) in [
            ("annotation.conf", ANNOTATION_CONF),
            ("visual.conf", VISUAL_CONF),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, text).map_err(io_error(&path))?;
        }
        let path = dir.join(MANIFEST);
        let manifest = std::fs::File::create(&path).map_err(io_error(&path))?;
        Ok(Exporter {
            dir: dir.to_path_buf(),
            used: HashSet::new(),
            manifest: BufWriter::new(manifest),
        })
    }

    /// Writes `doc` as `NAME.txt` and `NAME.ann`, `NAME` a safe form of its id (of `fallback`
    /// when it has none), and returns `NAME`.
    pub fn add(&mut self, doc: &Document, fallback: &str) -> Result<String, ExchangeError> {
        let id = match doc.id {
            Some(_) => doc.id_string(),
            None => fallback.to_string(),
        };
        let name = self.unique(safe_name(&id));
        for (extension, content) in [("txt", doc.text.clone()), ("ann", ann(doc))] {
            let path = self.dir.join(format!("{name}.{extension}"));
            std::fs::write(&path, content).map_err(io_error(&path))?;
        }
        let entry = Entry {
            file: name.clone(),
            id: doc.id.clone(),
            fields: doc.fields.clone(),
        };
        let path = self.dir.join(MANIFEST);
        serde_json::to_writer(&mut self.manifest, &entry)
            .map_err(std::io::Error::from)
            .and_then(|()| self.manifest.write_all(b"\n"))
            .map_err(io_error(&path))?;
        Ok(name)
    }

    /// Flushes the manifest.
    pub fn finish(mut self) -> Result<(), ExchangeError> {
        let path = self.dir.join(MANIFEST);
        self.manifest.flush().map_err(io_error(&path))
    }

    /// `name`, or `name-2`, `name-3`, … when a document already has it.
    fn unique(&mut self, name: String) -> String {
        let mut candidate = name.clone();
        let mut n = 1;
        while !self.used.insert(candidate.to_lowercase()) {
            n += 1;
            candidate = format!("{name}-{n}");
        }
        candidate
    }
}

/// A file name for any id: ASCII letters, digits, `-`, `_` and `.` kept, every other character
/// `_`, no leading dot, at most [`MAX_NAME`] characters; `doc` when nothing is left.
pub fn safe_name(id: &str) -> String {
    let name: String = id
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' | '.' => c,
            _ => '_',
        })
        .skip_while(|&c| c == '.')
        .take(MAX_NAME)
        .collect();
    if name.is_empty() {
        "doc".to_string()
    } else {
        name
    }
}

/// The `.ann` text of a document: its entities, then its quotes with their cues and speakers.
pub fn ann(doc: &Document) -> String {
    let mut ann = Ann {
        out: String::new(),
        text: &doc.text,
        map: OffsetMap::new(&doc.text),
        spans: 0,
        notes: 0,
        relations: 0,
    };
    for e in doc.entities.iter().flatten() {
        let t = ann.span(e.label.as_str(), e.span);
        ann.note(&t, &e.canonical);
    }
    for (k, q) in doc.quotes.iter().flatten().enumerate() {
        ann.quote(q, k + 1);
    }
    ann.out
}

/// The `.ann` being written, with its running numbers.
struct Ann<'a> {
    out: String,
    text: &'a str,
    map: OffsetMap,
    spans: usize,
    notes: usize,
    relations: usize,
}

impl Ann<'_> {
    /// Writes a `T` line and returns its id.
    fn span(&mut self, kind: &str, span: Span) -> String {
        self.spans += 1;
        let id = format!("T{}", self.spans);
        let fragments = fragments(self.text, span);
        let offsets: Vec<String> = fragments
            .iter()
            .map(|f| format!("{} {}", self.map.to_char(f.start), self.map.to_char(f.end)))
            .collect();
        let words: Vec<&str> = fragments.iter().map(|f| &self.text[f.range()]).collect();
        let _ = writeln!(
            self.out,
            "{id}\t{kind} {}\t{}",
            offsets.join(";"),
            words.join(" ")
        );
        id
    }

    fn note(&mut self, target: &str, note: &str) {
        self.notes += 1;
        let note = note.replace(['\n', '\r', '\t'], " ");
        let _ = writeln!(self.out, "#{}\tAnnotatorNotes {target}\t{note}", self.notes);
    }

    fn relation(&mut self, kind: &str, from: &str, to: &str) {
        self.relations += 1;
        let _ = writeln!(
            self.out,
            "R{}\t{kind} Arg1:{from} Arg2:{to}",
            self.relations
        );
    }

    /// The quote with its kind (attribute `A{number}`), cue and speaker.
    fn quote(&mut self, q: &Quote, number: usize) {
        let t = self.span("Quote", q.span);
        let _ = writeln!(self.out, "A{number}\tKind {t} {}", q.kind.as_str());
        if let Some(cue) = q.cue {
            let c = self.span("Cue", cue);
            self.relation("Cue", &t, &c);
        }
        if let Some(speaker) = &q.speaker {
            let s = self.span("Speaker", speaker.span);
            if let Some(canonical) = &speaker.canonical {
                self.note(&s, canonical);
            }
            self.relation("Speaker", &t, &s);
        }
    }
}

/// The pieces of `span` between line breaks (brat's fragments); the span itself when it holds
/// nothing else.
fn fragments(text: &str, span: Span) -> Vec<Span> {
    let mut pieces = Vec::new();
    let mut start = span.start;
    for (at, c) in text[span.range()].char_indices() {
        if c == '\n' || c == '\r' {
            pieces.push(Span::new(start, span.start + at));
            start = span.start + at + 1;
        }
    }
    pieces.push(Span::new(start, span.end));
    pieces.retain(|p| !p.is_empty());
    if pieces.is_empty() {
        pieces.push(span);
    }
    pieces
}

/// `doc` checked as every stage checks its input (spans in order, inside the text, known
/// labels): written and read back.
fn validated(doc: Document, path: &Path) -> Result<Document, ExchangeError> {
    let mut line = Vec::new();
    write_document(&doc, &mut line);
    match parse_line(&line) {
        Ok(_) => Ok(doc),
        Err(failure) => Err(ExchangeError::Invalid {
            path: path.display().to_string(),
            message: failure.error.to_string(),
        }),
    }
}

/// Entities in the order the contract wants them (by start).
fn sorted(mut entities: Vec<Entity>) -> Vec<Entity> {
    entities.sort_by_key(|e| (e.span.start, e.span.end));
    entities
}
