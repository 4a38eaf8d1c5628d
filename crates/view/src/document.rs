//! One document's view: its header with the boxed dateline facts, the marked-up text, and the
//! side panel of who said what.

use crate::markup::{mark_up, Mark};
use newsnlp_corpus::escape;
use newsnlp_doc::{Dateline, Document, Quote};
use std::collections::HashMap;
use std::fmt::Write;

/// Speaker colours (classes `s0`…`s7` in the stylesheet); a quote without a speaker is `sx`.
const SPEAKER_COLOURS: usize = 8;

/// The `<article>` of document number `n` (hidden until the page's script shows it).
pub fn article(doc: &Document, id: &str, n: usize) -> String {
    let speakers = speaker_names(doc);
    let mut marks = Vec::new();
    if let Some(Some(dateline)) = &doc.dateline {
        marks.push(dateline_mark(dateline));
    }
    for e in doc.entities.iter().flatten() {
        let (label, canonical) = (e.label.as_str(), escape(&e.canonical));
        marks.push(Mark {
            start: e.span.start,
            end: e.span.end,
            rank: 4,
            attributes: format!(
                "class=\"ent {label}\" data-entity=\"{label}\" data-canonical=\"{canonical}\" \
                 title=\"{label}: {canonical}\""
            ),
            class: format!("ent {label}"),
        });
    }
    for (k, q) in doc.quotes.iter().flatten().enumerate() {
        let colour = colour(&speakers, speaker_name(doc, q).as_deref());
        quote_marks(doc, q, &quote_id(n, k), colour, &mut marks);
    }
    let mut html = String::with_capacity(doc.text.len() * 2);
    let _ = writeln!(
        html,
        "<article id=\"d{n}\" class=\"doc\" data-doc=\"{n}\" hidden><h2>{}</h2>{}\
         <div class=\"cols\"><div class=\"text\">{}</div>{}</div></article>",
        escape(id),
        dateline_box(doc),
        mark_up(&doc.text, marks),
        who_said_what(doc, n, &speakers),
    );
    html
}

/// The element id of quote `k` of document `n`.
fn quote_id(n: usize, k: usize) -> String {
    format!("d{n}q{k}")
}

/// The name a quote's speaker goes by in this document: its canonical name, else the mention.
fn speaker_name(doc: &Document, q: &Quote) -> Option<String> {
    let speaker = q.speaker.as_ref()?;
    Some(
        speaker
            .canonical
            .clone()
            .unwrap_or_else(|| doc.slice(speaker.span).to_string()),
    )
}

/// The document's distinct speaker names in order of first quote: their index picks the colour.
struct Speakers {
    names: Vec<String>,
    index: HashMap<String, usize>,
}

fn speaker_names(doc: &Document) -> Speakers {
    let mut speakers = Speakers {
        names: Vec::new(),
        index: HashMap::new(),
    };
    for name in doc
        .quotes
        .iter()
        .flatten()
        .filter_map(|q| speaker_name(doc, q))
    {
        if !speakers.index.contains_key(&name) {
            speakers.index.insert(name.clone(), speakers.names.len());
            speakers.names.push(name);
        }
    }
    speakers
}

/// The colour class of a quote by its speaker's name: the name's place among the document's
/// speakers, `sx` for a quote without one.
fn colour(speakers: &Speakers, name: Option<&str>) -> String {
    match name.and_then(|name| speakers.index.get(name)) {
        Some(i) => format!("s{}", i % SPEAKER_COLOURS),
        None => "sx".to_string(),
    }
}

/// The quote, its cue and its speaker mention, all pointing at the quote's element id.
fn quote_marks(doc: &Document, q: &Quote, id: &str, colour: String, marks: &mut Vec<Mark>) {
    let kind = q.kind.as_str();
    let speaker = speaker_name(doc, q).unwrap_or_else(|| "no speaker found".to_string());
    marks.push(Mark {
        start: q.span.start,
        end: q.span.end,
        rank: 1,
        attributes: format!(
            "class=\"quote {colour}\" id=\"{id}\" data-quote=\"{kind}\" title=\"{kind} quote: {}\"",
            escape(&speaker)
        ),
        class: format!("quote {colour}"),
    });
    if let Some(cue) = q.cue {
        marks.push(Mark {
            start: cue.start,
            end: cue.end,
            rank: 3,
            attributes: format!("class=\"cue\" data-cue=\"{id}\""),
            class: "cue".to_string(),
        });
    }
    if let Some(s) = &q.speaker {
        marks.push(Mark {
            start: s.span.start,
            end: s.span.end,
            rank: 2,
            attributes: format!(
                "class=\"speaker {colour}\" data-speaker=\"{id}\" title=\"speaker: {}\"",
                escape(&speaker)
            ),
            class: format!("speaker {colour}"),
        });
    }
}

fn dateline_mark(d: &Dateline) -> Mark {
    Mark {
        start: d.span.start,
        end: d.span.end,
        rank: 0,
        attributes: format!(
            "class=\"dateline\" data-dateline title=\"{}\"",
            escape(&dateline_facts(d))
        ),
        class: "dateline".to_string(),
    }
}

/// `place · date · agency` of a dateline, each part only when known.
pub fn dateline_facts(d: &Dateline) -> String {
    let place = d.place.as_ref().map(|p| {
        let mut s = p.name.clone();
        for part in [&p.region, &p.country].into_iter().flatten() {
            s.push_str(", ");
            s.push_str(part);
        }
        s
    });
    let place = place.or_else(|| d.location.clone());
    let date = d.date.clone().or_else(|| d.date_text.clone());
    [place, date, d.agency.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

fn dateline_box(doc: &Document) -> String {
    match &doc.dateline {
        Some(Some(d)) => format!(
            "<p class=\"dlbox\">Dateline: {}</p>",
            escape(&dateline_facts(d))
        ),
        Some(None) => "<p class=\"dlbox none\">No dateline found.</p>".to_string(),
        None => String::new(),
    }
}

/// The side panel: each speaker (in order of first quote) with links to their quotes, then the
/// quotes without a speaker.
fn who_said_what(doc: &Document, n: usize, speakers: &Speakers) -> String {
    let Some(quotes) = &doc.quotes else {
        return "<aside class=\"who\"><p>No quotes layer.</p></aside>".to_string();
    };
    let mut html = String::from("<aside class=\"who\"><h3>Who said what</h3>");
    if quotes.is_empty() {
        html.push_str("<p>No quotes found.</p>");
    }
    let unattributed = speakers.names.len();
    let mut said: Vec<Vec<usize>> = vec![Vec::new(); unattributed + 1];
    for (k, q) in quotes.iter().enumerate() {
        let name = speaker_name(doc, q);
        let group = name.and_then(|name| speakers.index.get(&name).copied());
        said[group.unwrap_or(unattributed)].push(k);
    }
    let names = speakers
        .names
        .iter()
        .map(|s| Some(s.as_str()))
        .chain([None]);
    for (name, ks) in names.zip(&said).filter(|(_, ks)| !ks.is_empty()) {
        let _ = write!(
            html,
            "<h4 class=\"{}\">{}</h4><ul>",
            colour(speakers, name),
            escape(name.unwrap_or("(no speaker found)"))
        );
        for &k in ks {
            let _ = write!(
                html,
                "<li><a href=\"#{}\">{}</a></li>",
                quote_id(n, k),
                escape(&shorten(doc.slice(quotes[k].span), 120))
            );
        }
        html.push_str("</ul>");
    }
    html.push_str("</aside>");
    html
}

/// At most `max` characters of `text`, with `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}
