//! End to end: the built binaries on the bundled fixtures.
//!
//! Build first (`make test` does): `cargo build --workspace --bins`.

use newsnlp_e2e::{pipe, read, run, run_ok, STAGES};
use serde_json::Value;

fn fixtures() -> String {
    read("fixtures/news.jsonl")
}

fn parse_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8(out.to_vec())
        .expect("output is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad output line {l}: {e}")))
        .collect()
}

/// Every document of the fixtures, annotated by the driver.
fn driver_output() -> Vec<Value> {
    parse_lines(&run_ok(
        "newsnlp",
        &["run", "-q", "fixtures/news.jsonl"],
        b"",
    ))
}

fn seed() -> Value {
    driver_output()
        .into_iter()
        .find(|d| d["id"] == "tass-2016-11-24-lavrov")
        .expect("the seed article is among the fixtures")
}

fn text_of(doc: &Value, span: &Value) -> String {
    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    let (s, e) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    text[s..e].iter().collect()
}

#[test]
fn driver_matches_the_reviewed_golden_output() {
    let out = run_ok("newsnlp", &["run", "-q", "fixtures/news.jsonl"], b"");
    let golden = read("fixtures/expected/news.out.jsonl");
    let out = String::from_utf8(out).unwrap();
    for (i, (got, want)) in out.lines().zip(golden.lines()).enumerate() {
        assert_eq!(
            got, want,
            "document {i} differs from fixtures/expected (see `make golden`)"
        );
    }
    assert_eq!(out.lines().count(), golden.lines().count());
}

#[test]
fn driver_equals_the_pipe_of_stage_binaries() {
    let input = fixtures();
    let driver = run_ok("newsnlp", &["run", "-q"], input.as_bytes());
    assert_eq!(
        String::from_utf8(pipe(input.as_bytes())).unwrap(),
        String::from_utf8(driver).unwrap()
    );
}

#[test]
fn every_stage_turns_bad_lines_into_records_in_place() {
    let good = fixtures().lines().next().unwrap().to_string();
    let mut input = Vec::new();
    input.extend_from_slice(good.as_bytes());
    input.extend_from_slice(b"\n{\"id\": \"broken\", \"text\": \n");
    input.extend_from_slice(b"{\"id\": \"no-text\", \"body\": \"x\"}\n");
    input.extend_from_slice(b"{\"id\": \"bytes\", \"text\": \"caf\xe9\"}\n");
    input.extend_from_slice(b"{\"id\": \"surrogate\", \"text\": \"\\ud800\"}\n\n");
    input.extend_from_slice(good.as_bytes());
    input.push(b'\n');
    for stage in STAGES.iter().take(1).chain(["newsnlp"].iter()) {
        let args: &[&str] = if *stage == "newsnlp" {
            &["run", "-q"]
        } else {
            &["-q"]
        };
        let docs = parse_lines(&run_ok(stage, args, &input));
        assert_eq!(
            docs.len(),
            6,
            "{stage}: one output line per non-blank input line"
        );
        assert!(
            docs[0]["tokens"].is_array(),
            "{stage}: good documents are annotated"
        );
        assert!(docs[5]["tokens"].is_array());
        assert_eq!(docs[1]["line"], 2);
        assert!(docs[1]["error"]
            .as_str()
            .unwrap()
            .starts_with("invalid JSON"));
        assert_eq!(docs[2]["id"], "no-text");
        assert_eq!(docs[2]["error"], "document has no \"text\" field");
        assert!(docs[3]["error"]
            .as_str()
            .unwrap()
            .contains("not valid UTF-8"));
        assert_eq!(docs[4]["line"], 5);
    }
    // A later stage fed a document without its prerequisite layers says which stage to run.
    let docs = parse_lines(&run_ok("newsnlp-quotes", &["-q"], good.as_bytes()));
    assert!(
        docs[0]["error"]
            .as_str()
            .unwrap()
            .contains("newsnlp-tokenize"),
        "{}",
        docs[0]
    );
}

#[test]
fn strict_mode_stops_at_the_first_bad_line() {
    let out = run(
        "newsnlp-tokenize",
        &["--strict"],
        b"{\"text\":\"ok\"}\nnope\n{\"text\":\"never\"}\n",
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("stdin:2"),
        "the error names the line: {stderr}"
    );
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "one-line message: {stderr}"
    );
}

#[test]
fn the_seed_dateline_is_exact() {
    let doc = seed();
    let d = &doc["dateline"];
    assert_eq!(text_of(&doc, d), "MOSCOW, November 24. /TASS/.");
    assert_eq!(d["location"], "MOSCOW");
    assert_eq!(d["date"], "2016-11-24");
    assert_eq!(d["agency"], "TASS");
    assert_eq!(text_of(&doc, &d["location_span"]), "MOSCOW");
    assert_eq!(text_of(&doc, &d["date_span"]), "November 24");
    assert_eq!(text_of(&doc, &d["agency_span"]), "TASS");
}

/// Issue 12's NAPLES case: the entity stage takes the dateline's parts by their spans, so the
/// `AP` inside `NAPLES` is not mistaken for the agency and the real `(AP)` stays an ORG.
#[test]
fn dateline_parts_become_entities_by_their_spans() {
    let line = r#"{"id":"naples","text":"Pope visits flood zone\n\nNAPLES, Italy (AP) — Pope Francis visited flooded towns near Naples on Sunday, officials said.","published":"2024-02-13"}"#;
    let out = parse_lines(&run_ok("newsnlp", &["run", "-q"], line.as_bytes()));
    let doc = &out[0];
    let d = &doc["dateline"];
    assert_eq!(text_of(doc, d), "NAPLES, Italy (AP) —");
    assert_eq!(text_of(doc, &d["agency_span"]), "AP");
    let found: Vec<(String, String)> = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["end"].as_u64() <= d["end"].as_u64())
        .map(|e| (text_of(doc, e), e["label"].as_str().unwrap().to_string()))
        .collect();
    let want = [("NAPLES", "LOC"), ("Italy", "LOC"), ("AP", "ORG")]
        .map(|(t, l)| (t.to_string(), l.to_string()));
    assert!(want.iter().all(|w| found.contains(w)), "{found:?}");
    assert_eq!(
        found.iter().filter(|(t, _)| t == "AP").count(),
        1,
        "{found:?}"
    );
}

/// Issue 12's MOSCOW canonical: a place written in capitals in the dateline is named as the
/// gazetteer spells it, and a capitals mention elsewhere takes the story's own spelling.
#[test]
fn places_in_capitals_are_named_in_normal_case() {
    let doc = seed();
    let moscow: Vec<&Value> = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| text_of(&doc, e) == "MOSCOW")
        .collect();
    assert_eq!(moscow.len(), 1);
    assert_eq!(moscow[0]["canonical"], "Moscow");
    let line =
        r#"{"id":"caps","text":"GAZA CITY — Talks in Gaza City ended on Monday, officials said."}"#;
    let out = parse_lines(&run_ok("newsnlp", &["run", "-q"], line.as_bytes()));
    let canonical: Vec<(String, &str)> = out[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (text_of(&out[0], e), e["canonical"].as_str().unwrap()))
        .collect();
    assert!(
        canonical.contains(&("GAZA CITY".to_string(), "Gaza City")),
        "{canonical:?}"
    );
}

#[test]
fn seed_entities_are_linked_to_full_names() {
    let doc = seed();
    let entities = doc["entities"].as_array().unwrap();
    let lavrovs: Vec<&Value> = entities
        .iter()
        .filter(|e| text_of(&doc, e).contains("Lavrov"))
        .collect();
    let mentions = doc["text"].as_str().unwrap().matches("Lavrov").count();
    assert_eq!(lavrovs.len(), mentions, "every Lavrov mention is an entity");
    for e in &lavrovs {
        assert_eq!(e["label"], "PER");
        assert_eq!(e["canonical"], "Sergey Lavrov");
    }
    let opcw: Vec<&Value> = entities
        .iter()
        .filter(|e| text_of(&doc, e) == "OPCW")
        .collect();
    assert_eq!(opcw.len(), 2);
    for e in opcw {
        assert_eq!(
            e["canonical"],
            "Organization for the Prohibition of Chemical Weapons"
        );
    }
}

#[test]
fn seed_quotes_name_the_right_speakers() {
    let doc = seed();
    let quotes = doc["quotes"].as_array().unwrap();
    let speaker_of = |needle: &str| -> String {
        let q = quotes
            .iter()
            .find(|q| text_of(&doc, q).contains(needle))
            .unwrap_or_else(|| panic!("no quote contains {needle:?}"));
        q["speaker"]["canonical"]
            .as_str()
            .unwrap_or("<none>")
            .to_string()
    };
    assert_eq!(speaker_of("total war"), "Jean-Marc Ayrault");
    assert_eq!(
        speaker_of("When in this situation"),
        "Sergey Lavrov",
        "he stressed"
    );
    assert_eq!(
        speaker_of("We have heard about this proposal"),
        "Sergey Lavrov",
        "the minister said"
    );
    assert_eq!(
        speaker_of("if only the countries"),
        "Sergey Lavrov",
        "according to Lavrov"
    );
    assert_eq!(speaker_of("not in France"), "Sergey Lavrov", "he added");
    let direct = quotes.iter().filter(|q| q["kind"] == "direct").count();
    assert!(direct >= 5, "the seed's direct quotes are found: {direct}");
}

#[test]
fn a_tail_verb_outside_the_lexicon_is_found_by_its_part_of_speech() {
    // `kept` is no reporting verb in the lexicon and has no verb ending: the pos stage's tag
    // is what makes `Trump kept on` the attribution of the quotation before it.
    let text = "Megyn Kelly asked about the feud. \
                “You know, it happens, right?” Trump kept on, as if he did not hear her.";
    let line = serde_json::json!({"id": "t", "text": text}).to_string() + "\n";
    let doc = &parse_lines(&run_ok("newsnlp", &["run", "-q"], line.as_bytes()))[0];
    let quote = doc["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| text_of(doc, q).starts_with("You know"))
        .expect("the quotation is a quote");
    assert_eq!(text_of(doc, &quote["speaker"]), "Trump", "{quote}");
}
