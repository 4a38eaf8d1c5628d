//! Hand-made stories, annotated as the pipeline writes them, through the whole corpus build.

use newsnlp_corpus::{build, Summary, TableFormat};
use newsnlp_doc::runner::{Body, Record};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// A story: id, dateline date and agency, text, and its quotes as (quote, speaker) pairs.
struct Story<'a> {
    id: &'a str,
    date: &'a str,
    agency: &'a str,
    text: &'a str,
    quotes: &'a [(&'a str, &'a str)],
}

/// The story as one annotated NDJSON line (ASCII text: code points are bytes).
fn annotated(s: &Story) -> String {
    let span = |part: &str| {
        let start = s
            .text
            .find(part)
            .unwrap_or_else(|| panic!("{part:?} in {}", s.text));
        (start, start + part.len())
    };
    let quotes: Vec<Value> = s
        .quotes
        .iter()
        .map(|(quote, speaker)| {
            let (qs, qe) = span(quote);
            let (ss, se) = span(speaker.rsplit(' ').next().unwrap());
            json!({"start": qs, "end": qe, "text": quote, "kind": "direct", "cue": null,
                   "speaker": {"start": ss, "end": se, "text": &s.text[ss..se], "canonical": speaker}})
        })
        .collect();
    let entities: Vec<Value> = ["OPCW"]
        .iter()
        .filter_map(|name| s.text.find(name).map(|at| (name, at)))
        .map(|(name, at)| json!({"start": at, "end": at + name.len(), "text": name, "label": "ORG", "canonical": name}))
        .collect();
    json!({"id": s.id, "text": s.text, "dateline": {"start": 0, "end": 0, "text": "", "location": null,
           "date": s.date, "date_text": null, "agency": s.agency, "place": null},
           "entities": entities, "quotes": quotes})
    .to_string()
}

fn records(lines: &[String]) -> impl Iterator<Item = Result<Record, newsnlp_doc::RunError>> + '_ {
    lines.iter().enumerate().map(|(i, line)| {
        Ok(Record {
            source: "stories".into(),
            number: i as u64 + 1,
            input_bytes: line.len() as u64 + 1,
            body: Body::Line(line.clone().into_bytes()),
        })
    })
}

fn out_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsnlp-corpus-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn table(dir: &Path, name: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(dir.join(format!("{name}.jsonl"))).unwrap();
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn run(name: &str, lines: &[String]) -> (PathBuf, Summary) {
    let dir = out_dir(name);
    let summary = build(records(lines), &dir, TableFormat::Jsonl, |_| {}).unwrap();
    (dir, summary)
}

const WHOLE: &str = "We believe the OPCW report on Douma is a provocation staged by the West.";

fn lavrov_stories() -> Vec<String> {
    let text = |speaker: &str| format!("{speaker} said: \"{WHOLE}\" He spoke in Moscow.");
    let tass = text("Russian Foreign Minister Sergey Lavrov");
    let reuters = text("Sergei Lavrov");
    let partial = "Lavrov called the OPCW report on Douma \"a provocation staged by the West.\"";
    [
        Story {
            id: "tass-1",
            date: "2018-04-14",
            agency: "TASS",
            text: &tass,
            quotes: &[(WHOLE, "Russian Foreign Minister Sergey Lavrov")],
        },
        Story {
            id: "reuters-1",
            date: "2018-04-13",
            agency: "Reuters",
            text: &reuters,
            quotes: &[(WHOLE, "Sergei Lavrov")],
        },
        Story {
            id: "ap-1",
            date: "2018-04-15",
            agency: "AP",
            text: partial,
            quotes: &[("a provocation staged by the West.", "Lavrov")],
        },
    ]
    .iter()
    .map(annotated)
    .collect()
}

#[test]
fn one_quotation_carried_by_two_outlets_with_the_earlier_date_first() {
    let (dir, summary) = run("outlets", &lavrov_stories()[..2]);
    assert_eq!(
        (summary.documents, summary.quotes, summary.quotations),
        (2, 2, 1)
    );
    let q = &table(&dir, "quotations")[0];
    assert_eq!(q["occurrences"], 2);
    assert_eq!(q["documents"], 2);
    assert_eq!(q["first_date"], "2018-04-13");
    assert_eq!(q["first_doc_id"], "reuters-1");
    assert_eq!(q["last_date"], "2018-04-14");
    assert_eq!(q["agencies"], "Reuters; TASS");
    assert_eq!(q["quotation"], WHOLE);
    let quotes = table(&dir, "quotes");
    assert_eq!(quotes.len(), 2);
    assert!(quotes
        .iter()
        .all(|r| r["quotation_id"] == q["quotation_id"]));
}

#[test]
fn a_partial_quotation_joins_its_whole_and_the_lavrovs_are_one_speaker() {
    let (dir, summary) = run("partial", &lavrov_stories());
    assert_eq!(
        (summary.quotes, summary.quotations, summary.speakers),
        (3, 1, 1)
    );
    let q = &table(&dir, "quotations")[0];
    assert_eq!(
        (q["occurrences"].clone(), q["quotation"].clone()),
        (json!(3), json!(WHOLE))
    );
    let speakers = table(&dir, "speakers");
    assert_eq!(speakers.len(), 1);
    assert_eq!(speakers[0]["speaker"], "Sergey Lavrov");
    assert_eq!(
        speakers[0]["variants"],
        "Russian Foreign Minister Sergey Lavrov; Sergei Lavrov; Lavrov"
    );
    assert_eq!(
        (
            speakers[0]["quotes"].clone(),
            speakers[0]["quotations"].clone()
        ),
        (json!(3), json!(1))
    );
    // The OPCW is inside the two whole quotes; the partial one names it outside its marks.
    let mentions = table(&dir, "mentions");
    assert_eq!(
        mentions,
        vec![json!({"speaker_id": "S1", "entity_id": "E1", "quotes": 2})]
    );
    let entities = table(&dir, "entities");
    assert_eq!(
        (entities[0]["name"].clone(), entities[0]["mentions"].clone()),
        (json!("OPCW"), json!(3))
    );
}

#[test]
fn the_two_clintons_are_two_and_a_spokesman_is_no_speaker() {
    let said = "\"We will not give up on this fight.\"";
    let texts = [
        format!("{said} Hillary Clinton told supporters."),
        format!("{said} Bill Clinton told supporters."),
        format!("{said} a spokesman told supporters."),
    ];
    let speakers = ["Hillary Clinton", "Bill Clinton", "a spokesman"];
    let lines: Vec<String> = texts
        .iter()
        .zip(speakers)
        .enumerate()
        .map(|(i, (text, speaker))| {
            let id = format!("c{i}");
            annotated(&Story {
                id: &id,
                date: "2016-11-09",
                agency: "",
                text,
                quotes: &[(&said[1..said.len() - 1], speaker)],
            })
        })
        .collect();
    let (dir, summary) = run("clintons", &lines);
    assert_eq!((summary.speakers, summary.quotations), (2, 3));
    let names: Vec<Value> = table(&dir, "speakers")
        .iter()
        .map(|s| s["speaker"].clone())
        .collect();
    assert_eq!(names, vec![json!("Hillary Clinton"), json!("Bill Clinton")]);
    let quotes = table(&dir, "quotes");
    assert_eq!(quotes[2]["speaker_id"], "");
    let report = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(report.contains("<svg") && !report.contains("No quote of these speakers is dated"));
    assert_eq!(quotes[2]["speaker"], "a spokesman");
}

#[test]
fn bad_lines_are_counted_and_the_same_stories_twice_double_the_occurrences() {
    let mut lines = lavrov_stories();
    lines.push(r#"{"id":"x","line":7,"error":"not UTF-8"}"#.to_string());
    lines.push(r#"{"id":"bare","text":"No layers here."}"#.to_string());
    let (dir, once) = run("once", &lines);
    assert_eq!(
        (once.errors, once.without_quotes, once.without_entities),
        (1, 1, 1)
    );
    let again: Vec<String> = lavrov_stories()
        .iter()
        .map(|l| l.replacen("\"id\":\"", "\"id\":\"again-", 1))
        .collect();
    lines.extend(again);
    let (dir2, twice) = run("twice", &lines);
    assert_eq!(
        (twice.quotations, twice.speakers),
        (once.quotations, once.speakers)
    );
    assert_eq!(twice.quotes, 2 * once.quotes);
    let (a, b) = (table(&dir, "quotations"), table(&dir2, "quotations"));
    for (a, b) in a.iter().zip(&b) {
        assert_eq!(
            b["occurrences"].as_u64().unwrap(),
            2 * a["occurrences"].as_u64().unwrap()
        );
        assert_eq!(
            b["documents"].as_u64().unwrap(),
            2 * a["documents"].as_u64().unwrap()
        );
    }
}

#[test]
fn csv_tables_have_their_headers_and_the_report_is_escaped() {
    let text =
        "\"<script>alert(1)</script> is what we found in the OPCW report,\" Sergey Lavrov said.";
    let story = Story {
        id: "x<1>",
        date: "2018-04-13",
        agency: "TASS",
        text,
        quotes: &[(
            "<script>alert(1)</script> is what we found in the OPCW report,",
            "Sergey Lavrov",
        )],
    };
    let dir = out_dir("csv");
    build(
        records(&[annotated(&story)]),
        &dir,
        TableFormat::Csv,
        |_| {},
    )
    .unwrap();
    let quotes = std::fs::read_to_string(dir.join("quotes.csv")).unwrap();
    assert!(quotes.starts_with("doc_id,date,place,country,agency,speaker_id,speaker,kind,cue,quote,quotation_id,start,end\n"));
    assert!(quotes.contains("\"<script>alert(1)</script> is what we found in the OPCW report,\""));
    let report = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(!report.contains("<script>"));
    assert!(report.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(report.contains("<svg") && report.contains("href=\"#S1\""));
    // Self-contained: nothing is fetched.
    assert!(!report.contains("src=") && !report.contains("<link"));
}
