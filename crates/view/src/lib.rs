//! See what newsnlp found: annotated NDJSON turned into one self-contained HTML page (inline CSS
//! and script, nothing fetched) with an index of documents and a view of each.
//!
//! Markup contract, which tests and tools may rely on: every entity is an element with
//! `data-entity="LABEL"`, every quote one with `data-quote="KIND"`, every speaker mention one
//! with `data-speaker` and every cue one with `data-cue` (both holding the element id of their
//! quote), the dateline one with `data-dateline`. Each annotation is exactly one such element,
//! however its span overlaps others (see [`markup`]). All article text is escaped.
//!
//! ```
//! use newsnlp_doc::ndjson::{parse_line, Parsed};
//! let line = br#"{"id":"d1","text":"<b>Anna</b> left.","entities":[{"start":3,"end":7,"label":"PER","canonical":"Anna"}]}"#;
//! let Ok(Parsed::Document(doc)) = parse_line(line) else { panic!() };
//! let mut out = Vec::new();
//! let mut page = newsnlp_view::Page::new(&mut out, "demo").unwrap();
//! page.add_document(&doc, "d1").unwrap();
//! let summary = page.finish().unwrap();
//! let html = String::from_utf8(out).unwrap();
//! assert_eq!(summary.entities, 1);
//! assert!(html.contains("&lt;b&gt;<span class=\"ent PER\" data-entity=\"PER\""));
//! ```

mod document;
pub mod markup;

use newsnlp_corpus::escape;
use newsnlp_doc::runner::Record;
use newsnlp_doc::{Document, RunError};
use std::fmt::Write as _;
use std::io::Write;
use thiserror::Error;

const STYLE: &str = include_str!("../assets/view.css");
const SCRIPT: &str = include_str!("../assets/view.js");

/// Why a page could not be written (bad lines never stop it; they are counted).
#[derive(Debug, Error)]
pub enum ViewError {
    #[error(transparent)]
    Input(#[from] RunError),
    #[error("cannot write the page: {0}")]
    Output(#[from] std::io::Error),
}

/// What the page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub documents: usize,
    pub entities: usize,
    pub quotes: usize,
    /// Error records and lines that are not annotated documents (blank lines aside).
    pub skipped: usize,
}

/// A page being written: documents stream out as they are added; the index, kept small in
/// memory (one row per document), is written last and shown first.
pub struct Page<W: Write> {
    out: W,
    index: String,
    summary: Summary,
}

impl<W: Write> Page<W> {
    /// Starts the page titled `title` on `out`.
    pub fn new(mut out: W, title: &str) -> Result<Page<W>, ViewError> {
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width\"><title>{}</title>\
             <style>{STYLE}</style></head><body>\n<main id=\"docs\">\n\
             <p id=\"empty\">Choose a document from the index.</p>\n",
            escape(title)
        )?;
        Ok(Page {
            out,
            index: String::new(),
            summary: Summary::default(),
        })
    }

    /// Adds a document under the display id `id`.
    pub fn add_document(&mut self, doc: &Document, id: &str) -> Result<(), ViewError> {
        let n = self.summary.documents;
        self.out
            .write_all(document::article(doc, id, n).as_bytes())?;
        let entities = doc.entities.as_ref().map(Vec::len);
        let quotes = doc.quotes.as_ref().map(Vec::len);
        let count = |c: Option<usize>| c.map_or_else(|| "–".to_string(), |c| c.to_string());
        let dateline = match &doc.dateline {
            Some(Some(d)) => document::dateline_facts(d),
            _ => String::new(),
        };
        let _ = writeln!(
            self.index,
            "<tr data-doc=\"{n}\"><td><a href=\"#d{n}\">{}</a></td><td>{}</td><td>{}</td>\
             <td>{}</td></tr>",
            escape(id),
            escape(&dateline),
            count(entities),
            count(quotes),
        );
        self.summary.documents += 1;
        self.summary.entities += entities.unwrap_or(0);
        self.summary.quotes += quotes.unwrap_or(0);
        Ok(())
    }

    /// Counts a line that is not an annotated document.
    pub fn add_skipped(&mut self) {
        self.summary.skipped += 1;
    }

    /// Writes the index and the script, and ends the page.
    pub fn finish(mut self) -> Result<Summary, ViewError> {
        let s = &self.summary;
        write!(
            self.out,
            "</main>\n<nav id=\"index\"><h1>newsnlp</h1><p id=\"summary\">{} documents, {} \
             entities, {} quotes{}</p>\n<input id=\"filter\" type=\"search\" \
             placeholder=\"Filter by text\" aria-label=\"Filter documents by text\">\
             <p id=\"pager\"><button id=\"prev\" \
             type=\"button\">‹ previous</button> <span id=\"pageinfo\"></span> <button \
             id=\"next\" type=\"button\">next ›</button></p>\n<table><thead><tr><th>id</th><th>dateline</th>\
             <th title=\"entities\">ent.</th><th>quotes</th></tr></thead><tbody>\n{}\
             </tbody></table></nav>\n<script>{SCRIPT}</script></body></html>\n",
            s.documents,
            s.entities,
            s.quotes,
            match s.skipped {
                0 => String::new(),
                n => format!("; {n} lines not shown (error records or not annotated documents)"),
            },
            self.index,
        )?;
        self.out.flush()?;
        Ok(self.summary)
    }
}

/// Writes the page of every record (annotated NDJSON lines, as `newsnlp_doc::input::records`
/// reads them) to `out`.
pub fn write_page<W: Write>(
    records: impl Iterator<Item = Result<Record, RunError>>,
    out: W,
    title: &str,
) -> Result<Summary, ViewError> {
    let mut page = Page::new(out, title)?;
    for record in records {
        match record?.annotated_document() {
            Some((doc, id)) => page.add_document(&doc, &id)?,
            None => page.add_skipped(),
        }
    }
    page.finish()
}
