//! The opening table (`openings.tsv`): story openings as they arrive from agency and outlet web
//! pages — the dateline after headlines, bylines, credits, time stamps and captions, and traps
//! that name places without being datelines. Every row must come out exactly.

use newsnlp_dateline::DatelineParser;
use newsnlp_doc::Span;
use std::collections::HashSet;

const TABLE: &str = include_str!("openings.tsv");

/// One row: the opening and the dateline it must give (`None`: no dateline).
struct Row {
    layout: String,
    trap: String,
    published: String,
    text: String,
    want: Option<[Option<String>; 5]>,
}

/// `\n` is a line break and `\\` a backslash; `-` is null.
fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

fn nullable(field: &str) -> Option<String> {
    (field != "-").then(|| unescape(field))
}

fn rows() -> Vec<Row> {
    let mut lines = TABLE.lines().filter(|l| !l.starts_with('#'));
    assert!(lines.next().is_some_and(|h| h.starts_with("layout\t")));
    lines
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 9, "a row has nine fields: {line}");
            let want = (f[4] != "-").then(|| [4, 5, 6, 7, 8].map(|i| nullable(f[i])));
            Row {
                layout: f[0].to_string(),
                trap: f[1].to_string(),
                published: f[2].to_string(),
                text: unescape(f[3]),
                want,
            }
        })
        .collect()
}

/// What the parser found, in the table's terms, or why its spans disagree with its strings.
fn found(row: &Row) -> Result<Option<[Option<String>; 5]>, String> {
    let Some(d) = DatelineParser::new().parse(&row.text, Some(&row.published)) else {
        return Ok(None);
    };
    let text = row.text.as_str();
    let written = |s: Option<Span>| s.map(|s| text[s.range()].to_string());
    let spans_agree = written(d.location_span) == d.location
        && written(d.date_span) == d.date_text
        && d.agency_span.is_some() == d.agency.is_some()
        && [d.location_span, d.date_span, d.agency_span]
            .into_iter()
            .flatten()
            .all(|s| d.span.contains(s));
    if !spans_agree {
        return Err(format!("part spans disagree with the strings: {d:?}"));
    }
    Ok(Some([
        written(Some(d.span)),
        d.location,
        d.date_text,
        d.date,
        d.agency,
    ]))
}

#[test]
fn every_opening_of_the_table_comes_out_exactly() {
    let rows = rows();
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|row| match found(row) {
            Ok(got) if got == row.want => None,
            Ok(got) => Some(format!(
                "[{}] {:?}\n   got  {got:?}\n   want {:?}",
                row.layout, row.text, row.want
            )),
            Err(why) => Some(format!("[{}] {:?}: {why}", row.layout, row.text)),
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} openings wrong:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

/// The table is as broad as issue 15 asks: 150 openings, 40 layouts, the dateline after other
/// lines in a third of them, 60 traps.
#[test]
fn the_table_covers_many_layouts_and_traps() {
    let rows = rows();
    let layouts: HashSet<&str> = rows.iter().map(|r| r.layout.as_str()).collect();
    let after_other_lines = rows
        .iter()
        .filter(|r| {
            r.want.as_ref().is_some_and(|w| {
                let span = w[0].as_deref().unwrap_or("");
                r.text.find(span).is_some_and(|at| at > 0)
            })
        })
        .count();
    let traps = rows.iter().filter(|r| r.trap != "none").count();
    assert!(rows.len() >= 150, "{} rows", rows.len());
    assert!(layouts.len() >= 40, "{} layouts", layouts.len());
    assert!(after_other_lines * 3 >= rows.len(), "{after_other_lines}");
    assert!(traps >= 60, "{traps} traps");
}
