//! `newsnlp stats`: a quick look at what a run produced.

use newsnlp_doc::ndjson::{parse_line, Parsed};
use newsnlp_doc::{Document, EntityLabel, QuoteKind};
use std::collections::HashMap;
use std::fmt::{self, Write};

/// Counts per layer over annotated NDJSON, with the most frequent speakers and entities.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    pub documents: u64,
    /// Error records and lines that are not documents.
    pub errors: u64,
    pub tokens: u64,
    pub sentences: u64,
    pub paragraphs: u64,
    /// Documents the dateline stage looked at, and those where it found one.
    pub dateline_looked: u64,
    pub datelines: u64,
    pub entities: HashMap<EntityLabel, u64>,
    pub quotes: HashMap<&'static str, u64>,
    pub quotes_with_speaker: u64,
    speakers: HashMap<String, u64>,
    names: HashMap<(EntityLabel, String), u64>,
}

impl Stats {
    pub fn new() -> Stats {
        Stats::default()
    }

    /// Counts one NDJSON line (blank lines are ignored).
    pub fn add_line(&mut self, line: &[u8]) {
        if line.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        match parse_line(line) {
            Ok(Parsed::Document(doc)) => self.add(&doc),
            Ok(Parsed::ErrorRecord { .. }) | Err(_) => self.errors += 1,
        }
    }

    /// Counts one document.
    pub fn add(&mut self, doc: &Document) {
        self.documents += 1;
        let len = |v: Option<usize>| v.unwrap_or(0) as u64;
        self.tokens += len(doc.tokens.as_ref().map(Vec::len));
        self.sentences += len(doc.sentences.as_ref().map(Vec::len));
        self.paragraphs += len(doc.paragraphs.as_ref().map(Vec::len));
        if let Some(dateline) = &doc.dateline {
            self.dateline_looked += 1;
            self.datelines += u64::from(dateline.is_some());
        }
        for e in doc.entities.iter().flatten() {
            *self.entities.entry(e.label).or_default() += 1;
            *self
                .names
                .entry((e.label, e.canonical.clone()))
                .or_default() += 1;
        }
        for q in doc.quotes.iter().flatten() {
            *self.quotes.entry(q.kind.as_str()).or_default() += 1;
            if let Some(s) = &q.speaker {
                self.quotes_with_speaker += 1;
                let name = s
                    .canonical
                    .clone()
                    .unwrap_or_else(|| doc.slice(s.span).to_string());
                *self.speakers.entry(name).or_default() += 1;
            }
        }
    }

    /// The `n` most frequent speakers, most frequent first (ties by name).
    pub fn top_speakers(&self, n: usize) -> Vec<(&str, u64)> {
        top(self.speakers.iter().map(|(k, &v)| (k.as_str(), v)), n)
    }

    /// The `n` most frequent entities by canonical name and label.
    pub fn top_entities(&self, n: usize) -> Vec<((EntityLabel, &str), u64)> {
        top(
            self.names.iter().map(|((l, k), &v)| ((*l, k.as_str()), v)),
            n,
        )
    }

    /// A human-readable report with the `n` top speakers and entities.
    pub fn report(&self, n: usize) -> String {
        let mut out = String::new();
        self.write_report(&mut out, n)
            .expect("writing to a String cannot fail");
        out
    }

    fn write_report(&self, out: &mut String, n: usize) -> fmt::Result {
        let entities: u64 = self.entities.values().sum();
        let quotes: u64 = self.quotes.values().sum();
        writeln!(out, "documents   {:>10}", self.documents)?;
        writeln!(out, "errors      {:>10}", self.errors)?;
        writeln!(out, "tokens      {:>10}", self.tokens)?;
        writeln!(out, "sentences   {:>10}", self.sentences)?;
        writeln!(out, "paragraphs  {:>10}", self.paragraphs)?;
        writeln!(
            out,
            "datelines   {:>10}  (of {} documents looked at)",
            self.datelines, self.dateline_looked
        )?;
        let by_label: Vec<String> = EntityLabel::ALL
            .iter()
            .map(|l| {
                format!(
                    "{} {}",
                    l.as_str(),
                    self.entities.get(l).copied().unwrap_or(0)
                )
            })
            .collect();
        writeln!(out, "entities    {entities:>10}  ({})", by_label.join(", "))?;
        let by_kind: Vec<String> = [QuoteKind::Direct, QuoteKind::Mixed, QuoteKind::Indirect]
            .iter()
            .map(|k| {
                format!(
                    "{} {}",
                    k.as_str(),
                    self.quotes.get(k.as_str()).copied().unwrap_or(0)
                )
            })
            .collect();
        writeln!(
            out,
            "quotes      {quotes:>10}  ({}; {} with a speaker)",
            by_kind.join(", "),
            self.quotes_with_speaker
        )?;
        let speakers = self.top_speakers(n);
        if !speakers.is_empty() {
            writeln!(out, "top speakers:")?;
            for (name, count) in speakers {
                writeln!(out, "  {count:>8}  {name}")?;
            }
        }
        let names = self.top_entities(n);
        if !names.is_empty() {
            writeln!(out, "top entities:")?;
            for ((label, name), count) in names {
                writeln!(out, "  {count:>8}  {:<4} {name}", label.as_str())?;
            }
        }
        Ok(())
    }
}

fn top<K: Ord + Copy>(items: impl Iterator<Item = (K, u64)>, n: usize) -> Vec<(K, u64)> {
    let mut v: Vec<(K, u64)> = items.collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(n);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_layers_speakers_and_entities() {
        let mut s = Stats::new();
        s.add_line(br#"{"id":"a","text":"Ivanov said no. Ivanov left.","tokens":[{"start":0,"end":6},{"start":7,"end":11}],"dateline":null,"entities":[{"start":0,"end":6,"label":"PER","canonical":"Ivan Ivanov"},{"start":16,"end":22,"label":"PER","canonical":"Ivan Ivanov"}],"quotes":[{"start":12,"end":14,"kind":"indirect","cue":null,"speaker":{"start":0,"end":6,"canonical":null}}]}"#);
        s.add_line(br#"{"id":null,"line":2,"error":"invalid JSON"}"#);
        s.add_line(b"   ");
        assert_eq!(
            (s.documents, s.errors, s.tokens, s.dateline_looked, s.datelines),
            (1, 1, 2, 1, 0)
        );
        assert_eq!(s.top_speakers(5), vec![("Ivanov", 1)]);
        assert_eq!(
            s.top_entities(5),
            vec![((EntityLabel::Per, "Ivan Ivanov"), 2)]
        );
        let report = s.report(5);
        assert!(
            report.contains("entities             2  (PER 2, ORG 0, LOC 0, MISC 0)"),
            "{report}"
        );
        assert!(report.contains("indirect 1; 1 with a speaker"), "{report}");
    }
}
