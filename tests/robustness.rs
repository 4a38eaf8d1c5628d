//! End to end: bad and unusual input never hangs a binary, never loses a document, and the
//! pipe of stage binaries still equals the driver (issue 9, sections 1, 4 and 5).
//!
//! Build first (`make test` does): `cargo build --workspace --bins`.

use flate2::write::GzEncoder;
use flate2::Compression;
use newsnlp_e2e::{run, run_ok, STAGES};
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;

/// The issue's reproducer: tokens out of order, which made the entity stage panic and hang.
const REPRODUCER: &str = r#"{"id":"x","text":"Sergey Lavrov spoke.","tokens":[{"start":7,"end":13},{"start":0,"end":6}],"sentences":[{"start":0,"end":20,"tokens":[0,2]}],"paragraphs":[{"start":0,"end":20}]}"#;

/// The reproducer between two good documents, tokenized when `tokenized` (for a later stage).
fn around_the_reproducer(tokenized: bool) -> Vec<u8> {
    let good = "{\"id\":\"before\",\"text\":\"Sergey Lavrov spoke in Moscow.\"}\n{\"id\":\"after\",\"text\":\"Rain fell.\"}\n";
    let good = if tokenized {
        String::from_utf8(run_ok("newsnlp-tokenize", &["-q"], good.as_bytes())).unwrap()
    } else {
        good.to_string()
    };
    let (before, after) = good.split_once('\n').unwrap();
    format!("{before}\n{REPRODUCER}\n{after}").into_bytes()
}

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8(out.to_vec())
        .expect("output is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad output line {l}: {e}")))
        .collect()
}

/// Pipes `input` through every stage binary, each given `args`.
fn pipe_with(args: &[&str], input: &[u8]) -> Vec<u8> {
    STAGES
        .iter()
        .fold(input.to_vec(), |data, stage| run_ok(stage, args, &data))
}

/// The driver with `args` after `run`.
fn driver(args: &[&str], input: &[u8]) -> Vec<u8> {
    let args: Vec<&str> = ["run"].iter().chain(args).copied().collect();
    run_ok("newsnlp", &args, input)
}

/// A scratch file holding `bytes`, under the test target directory.
fn scratch_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("robustness");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("scratch file");
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(bytes).expect("gzip to memory");
    enc.finish().expect("gzip to memory")
}

#[test]
fn a_bad_input_layer_costs_its_document_only_in_a_stage_and_in_the_driver() {
    for (name, args) in [
        ("newsnlp-entities", &["-q"][..]),
        ("newsnlp", &["run", "-q"]),
    ] {
        let out = run(name, args, &around_the_reproducer(name != "newsnlp"));
        assert_eq!(out.status.code(), Some(0), "{name}");
        let docs = json_lines(&out.stdout);
        assert_eq!(docs.len(), 3, "{name}: one line per document");
        assert_eq!(docs[0]["id"], "before");
        assert_eq!(
            docs[0]["entities"][0]["canonical"], "Sergey Lavrov",
            "{name}"
        );
        assert_eq!(docs[1]["id"], "x");
        assert_eq!(docs[1]["error"], "tokens[1]: starts before tokens[0] ends");
        assert_eq!(docs[2]["id"], "after");
    }
    // In strict mode the run stops at the bad document, with exit code 1 and one line.
    let out = run(
        "newsnlp-entities",
        &["--strict"],
        &around_the_reproducer(true),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("stdin:2: tokens[1]"), "{stderr}");
}

#[test]
fn max_doc_bytes_limits_the_text_alike_in_pipe_and_driver() {
    let small = serde_json::json!({"id": "small", "text": "Officials said talks would resume. ".repeat(22)});
    let big =
        serde_json::json!({"id": "big", "text": "Officials said talks would resume. ".repeat(60)});
    let input = format!("{small}\n{big}\n");
    assert!(
        small.to_string().len() > 700,
        "an annotated line is far longer than the limit"
    );
    let args = ["-q", "--max-doc-bytes", "2000"];
    let piped = pipe_with(&args, input.as_bytes());
    assert_eq!(
        String::from_utf8(piped.clone()).unwrap(),
        String::from_utf8(driver(&args, input.as_bytes())).unwrap()
    );
    let docs = json_lines(&piped);
    assert!(docs[0]["quotes"].is_array(), "{}", docs[0]);
    assert_eq!(docs[1]["id"], "big");
    assert_eq!(
        docs[1]["error"],
        "text is 2100 bytes, over the limit of 2000 bytes (--max-doc-bytes)"
    );
}

#[test]
fn id_and_unknown_fields_come_out_as_they_went_in() {
    let deep = format!("{}{}", "[".repeat(130), "]".repeat(130));
    let line = format!(
        r#"{{"id":123456789012345678901234567890,"text":"Rain fell.","a":1e2,"b":-0,"c":1E400,"d":{deep},"e":"\u00e9"}}"#
    );
    let input = format!("{line}\n");
    let piped = pipe_with(&["-q"], input.as_bytes());
    assert_eq!(piped, driver(&["-q"], input.as_bytes()));
    let out = String::from_utf8(piped).unwrap();
    let head = &line[..line.len() - 1];
    assert!(out.starts_with(head), "{out}");
    assert!(out[head.len()..].starts_with(r#","tokens":"#), "{out}");
}

#[test]
fn a_byte_order_mark_is_dropped_from_jsonl_and_txt_inputs() {
    let jsonl = scratch_file(
        "bom.jsonl",
        "\u{feff}{\"id\":\"j\",\"text\":\"Ja, sagte er.\"}\n".as_bytes(),
    );
    let txt = scratch_file("bom.txt", "\u{feff}Ja, sagte er.".as_bytes());
    for name in ["newsnlp-tokenize", "newsnlp"] {
        let mut args = if name == "newsnlp" {
            vec!["run", "--stages", "tokenize"]
        } else {
            vec![]
        };
        args.extend(["-q", jsonl.to_str().unwrap(), txt.to_str().unwrap()]);
        let docs = json_lines(&run_ok(name, &args, b""));
        assert_eq!(docs.len(), 2, "{name}");
        for doc in &docs {
            assert_eq!(doc["text"], "Ja, sagte er.", "{name}");
            assert_eq!(
                doc["tokens"][0],
                serde_json::json!({"start": 0, "end": 2}),
                "{name}"
            );
        }
    }
}

#[test]
fn gzip_is_read_by_its_magic_bytes_in_every_binary() {
    let input = "{\"id\":\"g\",\"text\":\"Rain fell.\"}\n";
    let named_gz = scratch_file("news.jsonl.gz", &gzip(input.as_bytes()));
    let unnamed = scratch_file("packed.jsonl", &gzip(input.as_bytes()));
    for name in STAGES.iter().take(1).chain(&["newsnlp"]) {
        for path in [&named_gz, &unnamed] {
            let mut args = if *name == "newsnlp" {
                vec!["run", "--stages", "tokenize"]
            } else {
                vec![]
            };
            args.extend(["-q", path.to_str().unwrap()]);
            let docs = json_lines(&run_ok(name, &args, b""));
            assert_eq!(docs.len(), 1, "{name} {}", path.display());
            assert_eq!(docs[0]["text"], "Rain fell.", "{name} {}", path.display());
        }
        let args: &[&str] = if *name == "newsnlp" {
            &["run", "--stages", "tokenize", "-q"]
        } else {
            &["-q"]
        };
        let docs = json_lines(&run_ok(name, args, &gzip(input.as_bytes())));
        assert_eq!(docs[0]["text"], "Rain fell.", "{name} on gzip stdin");
    }
}

#[test]
fn a_later_stage_obeys_on_error_for_an_earlier_stages_error_records() {
    let input = b"{\"id\":\"a\",\"text\":\"One.\"}\nnot json\n{\"id\":\"c\",\"text\":\"Two.\"}\n";
    let tokenized = run_ok("newsnlp-tokenize", &["-q"], input);
    let skipped = run_ok(
        "newsnlp-dateline",
        &["-q", "--on-error", "skip"],
        &tokenized,
    );
    let driver_skip = driver(
        &["--stages", "tokenize,dateline", "-q", "--on-error", "skip"],
        input,
    );
    assert_eq!(skipped, driver_skip);
    assert_eq!(json_lines(&skipped).len(), 2);
    let failed = run("newsnlp-dateline", &["--on-error", "fail"], &tokenized);
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains("stdin:2: line is not a JSON object"),
        "{stderr}"
    );
}

#[test]
fn a_published_value_that_is_no_date_is_warned_about_with_its_line() {
    let input = b"{\"text\":\"LONDON (Reuters) - Rain.\"}\n{\"text\":\"LONDON, May 3 (Reuters) - Rain.\",\"published\":\"yesterday\"}\n";
    let tokenized = run_ok("newsnlp-tokenize", &["-q"], input);
    let out = run("newsnlp-dateline", &[], &tokenized);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim_end(),
        "warning: stdin:2: dateline: `published` \"yesterday\" is not a YYYY-MM-DD date; ignored"
    );
    let docs = json_lines(&out.stdout);
    assert_eq!(docs[1]["dateline"]["date"], Value::Null);
    assert_eq!(docs[1]["published"], "yesterday");
}
