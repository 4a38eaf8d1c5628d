//! `report.html`: one self-contained page (no script, no network) with the most-quoted
//! speakers, the most widely carried quotations, a timeline of quotes per day for the top
//! speakers (inline SVG) and the most mentioned entities. Every name links to its row in the
//! page's speaker or entity table; every text from the articles is escaped.

use crate::resolve::Resolved;
use crate::spool::Interned;
use crate::tables::{entity_id, quotation_id, speaker_id, Counts};
use crate::{output_error, CorpusError, Summary};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// Rows per section.
const TOP: usize = 20;
/// Speakers drawn on the timeline.
const TIMELINE_SPEAKERS: usize = 5;
const COLOURS: [&str; TIMELINE_SPEAKERS] = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

pub fn write(
    dir: &Path,
    interned: &Interned,
    resolved: &Resolved,
    counts: &Counts,
    summary: &Summary,
) -> Result<(), CorpusError> {
    let mut page = String::with_capacity(1 << 16);
    page.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>newsnlp corpus report</title><style>\
         body{font-family:sans-serif;margin:2em;max-width:70em}\
         table{border-collapse:collapse;margin-bottom:2em}\
         td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}\
         :target{background:#ffd}</style></head><body>\n<h1>Who said what</h1>\n",
    );
    let _ =
        writeln!(
        page,
        "<p>{} documents, {} quotes, {} quotations, {} speakers, {} entities; {} error records \
         or unreadable lines.</p>",
        summary.documents, summary.quotes, summary.quotations, summary.speakers, summary.entities,
        summary.errors
    );
    speakers(&mut page, resolved, counts);
    timeline(&mut page, resolved, counts);
    quotations(&mut page, interned, resolved, counts);
    entities(&mut page, resolved, counts);
    page.push_str("</body></html>\n");
    let path = dir.join("report.html");
    std::fs::write(&path, page).map_err(output_error(&path))
}

/// Indices of the `n` largest by `key`, ties in id order.
fn top(len: usize, n: usize, key: impl Fn(usize) -> u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(key(i)), i));
    order.truncate(n);
    order
}

fn speaker_link(resolved: &Resolved, s: usize) -> String {
    format!(
        "<a href=\"#{}\">{}</a>",
        speaker_id(s),
        escape(&resolved.speakers[s].name)
    )
}

fn speakers(page: &mut String, resolved: &Resolved, counts: &Counts) {
    page.push_str(
        "<h2>Most-quoted speakers</h2>\n<table><tr><th>id</th><th>speaker</th><th>quotes</th>\
         <th>documents</th><th>first</th><th>last</th><th>also written</th></tr>\n",
    );
    for s in top(counts.speakers.len(), TOP, |s| counts.speakers[s].count) {
        let seen = &counts.speakers[s];
        let _ = writeln!(
            page,
            "<tr id=\"{id}\"><td>{id}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td></tr>",
            escape(&resolved.speakers[s].name),
            seen.count,
            seen.documents,
            escape(&seen.first_date),
            escape(&seen.last_date),
            escape(&resolved.speakers[s].variants.join("; ")),
            id = speaker_id(s),
        );
    }
    page.push_str("</table>\n");
}

/// Quotes per day of the top speakers, one polyline each, on a shared day axis.
fn timeline(page: &mut String, resolved: &Resolved, counts: &Counts) {
    let chosen = top(counts.speakers.len(), TIMELINE_SPEAKERS, |s| {
        counts.speakers[s].count
    });
    let days: Vec<&String> = chosen
        .iter()
        .filter_map(|s| counts.days.get(s))
        .flat_map(BTreeMap::keys)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if days.is_empty() {
        page.push_str("<h2>Quotes per day</h2>\n<p>No quote of these speakers is dated (no dateline date, no \
                       <code>published</code>).</p>\n");
        return;
    }
    let (width, height, pad) = (800.0, 200.0, 30.0);
    let max = chosen
        .iter()
        .filter_map(|s| counts.days.get(s))
        .flat_map(BTreeMap::values)
        .copied()
        .max()
        .unwrap_or(1) as f64;
    let x = |i: usize| pad + (width - 2.0 * pad) * i as f64 / (days.len().max(2) - 1) as f64;
    let y = |n: u64| height - pad - (height - 2.0 * pad) * n as f64 / max;
    let _ = writeln!(
        page,
        "<h2>Quotes per day</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" \
         height=\"{height}\" role=\"img\"><title>Quotes per day, {} to {}</title>\
         <text x=\"{pad}\" y=\"{}\" font-size=\"11\">{}</text>\
         <text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>\
         <text x=\"2\" y=\"{pad}\" font-size=\"11\">{max}</text>",
        escape(days[0]),
        escape(days[days.len() - 1]),
        height - 8.0,
        escape(days[0]),
        width - pad,
        height - 8.0,
        escape(days[days.len() - 1]),
    );
    for (&s, colour) in chosen.iter().zip(COLOURS) {
        let per_day = counts.days.get(&s);
        let points: Vec<String> = days
            .iter()
            .enumerate()
            .map(|(i, d)| {
                format!(
                    "{:.1},{:.1}",
                    x(i),
                    y(per_day.and_then(|p| p.get(*d)).copied().unwrap_or(0))
                )
            })
            .collect();
        let _ = write!(
            page,
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{}\">\
             <title>{}</title></polyline>",
            points.join(" "),
            escape(&resolved.speakers[s].name)
        );
    }
    page.push_str("</svg>\n<p>");
    for (&s, colour) in chosen.iter().zip(COLOURS) {
        let _ = write!(
            page,
            "<span style=\"color:{colour}\">&#9632;</span> {} ",
            speaker_link(resolved, s)
        );
    }
    page.push_str("</p>\n");
}

fn quotations(page: &mut String, interned: &Interned, resolved: &Resolved, counts: &Counts) {
    page.push_str(
        "<h2>Most widely carried quotations</h2>\n<table><tr><th>id</th><th>speaker</th>\
         <th>quotation</th><th>documents</th><th>first seen</th><th>outlets</th></tr>\n",
    );
    for q in top(counts.quotations.len(), TOP, |q| {
        counts.quotations[q].documents
    }) {
        let seen = &counts.quotations[q];
        let speaker = resolved.quotation_speaker[q].map(|s| speaker_link(resolved, s));
        let agencies: Vec<&str> = counts.agencies[q].iter().map(String::as_str).collect();
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} ({})</td><td>{}</td></tr>",
            quotation_id(q),
            speaker.unwrap_or_default(),
            escape(&interned.quotations[resolved.quotation_text[q]].text),
            seen.documents,
            escape(&seen.first_date),
            escape(&seen.first_doc),
            escape(&agencies.join(", ")),
        );
    }
    page.push_str("</table>\n");
}

fn entities(page: &mut String, resolved: &Resolved, counts: &Counts) {
    page.push_str(
        "<h2>Most mentioned entities</h2>\n<table><tr><th>id</th><th>name</th><th>label</th>\
         <th>mentions</th><th>documents</th><th>first</th><th>last</th></tr>\n",
    );
    for e in top(counts.entities.len(), TOP, |e| counts.entities[e].count) {
        let seen = &counts.entities[e];
        let _ = writeln!(
            page,
            "<tr id=\"{id}\"><td><a href=\"#{id}\">{id}</a></td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&resolved.entities[e].name),
            resolved.entities[e].label,
            seen.count,
            seen.documents,
            escape(&seen.first_date),
            escape(&seen.last_date),
            id = entity_id(e),
        );
    }
    page.push_str("</table>\n");
}

/// Text made safe inside HTML elements and quoted attributes (the viewer, `newsnlp-view`, uses
/// it too).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_in_article_text_is_escaped() {
        assert_eq!(
            super::escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }
}
