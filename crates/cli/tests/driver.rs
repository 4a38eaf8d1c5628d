//! The `newsnlp` binary end to end: ordering, parallelism, bad input, input kinds, stages.

use flate2::write::GzEncoder;
use flate2::Compression;
use newsnlp_e2e::run_command;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SENTENCES: [&str; 6] = [
    "The harbour authority said on Tuesday that the ferry would resume service.",
    "“We are not leaving,” the mayor told reporters outside the town hall.",
    "Prices for rye rose 4.5% in São Paulo, traders said.",
    "Officials in Kraków didn't comment.",
    "A spokeswoman for the ministry declined to say when talks would restart.",
    "Шторм обрушился на побережье — the storm hit the coast overnight.",
];

/// A document of `n` sentences, different for every `i`.
fn article(i: usize) -> String {
    let mut text = format!("Story {i}.\n\n");
    for k in 0..(i % 7 + 1) {
        text.push_str(SENTENCES[(i + k) % SENTENCES.len()]);
        text.push(if k % 3 == 2 { '\n' } else { ' ' });
    }
    text
}

fn ndjson_line(id: &str, text: &str) -> String {
    serde_json::json!({ "id": id, "text": text }).to_string()
}

fn newsnlp(args: &[&str], stdin: &[u8]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsnlp"));
    command.args(args);
    run_command(command, stdin)
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("output is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(bytes).expect("gzip to memory");
    enc.finish().expect("gzip to memory")
}

#[test]
fn output_is_identical_whatever_the_thread_count_and_keeps_input_order() {
    let input: String = (0..3000)
        .map(|i| ndjson_line(&format!("d{i}"), &article(i)) + "\n")
        .collect();
    let one = newsnlp(&["run", "-q", "-j", "1"], input.as_bytes());
    let two = newsnlp(&["run", "-q", "-j", "2"], input.as_bytes());
    let four = newsnlp(&["run", "-q", "--threads", "4"], input.as_bytes());
    assert!(one.status.success() && two.status.success() && four.status.success());
    assert!(one.stdout == two.stdout, "-j 1 and -j 2 differ");
    assert!(one.stdout == four.stdout, "-j 1 and -j 4 differ");
    let docs = lines(&one);
    assert_eq!(docs.len(), 3000);
    for (i, doc) in docs.iter().enumerate() {
        assert_eq!(doc["id"], format!("d{i}"), "document {i} out of place");
        assert_eq!(doc["text"], article(i).as_str());
        assert!(!doc["tokens"].as_array().expect("tokens").is_empty());
    }
}

/// Three kinds of bad line among good documents.
fn mixed_input() -> Vec<u8> {
    let mut input = Vec::new();
    for (i, line) in [
        ndjson_line("g1", &article(1)).into_bytes(),
        b"{\"id\": \"broken\", \"text\": \"unterminated".to_vec(),
        ndjson_line("g2", &article(2)).into_bytes(),
        br#"{"id": "no-text", "body": "The text went missing."}"#.to_vec(),
        b"{\"id\": \"latin1\", \"text\": \"Caf\xe9 owners protested.\"}".to_vec(),
        ndjson_line("g3", &article(3)).into_bytes(),
    ]
    .into_iter()
    .enumerate()
    {
        input.extend_from_slice(&line);
        input.extend_from_slice(if i == 2 { b"\r\n\n" } else { b"\n" });
    }
    input
}

#[test]
fn bad_lines_become_error_records_in_place() {
    let out = newsnlp(&["run"], &mixed_input());
    assert_eq!(out.status.code(), Some(0));
    let docs = lines(&out);
    let ids: Vec<String> = docs.iter().map(|d| d["id"].to_string()).collect();
    // An id read before the line went wrong (bad JSON, a bad byte) is kept.
    assert_eq!(
        ids,
        [r#""g1""#, r#""broken""#, r#""g2""#, r#""no-text""#, r#""latin1""#, r#""g3""#]
    );
    for i in [0, 2, 5] {
        assert!(
            docs[i]["tokens"].as_array().is_some_and(|t| !t.is_empty()),
            "{}",
            docs[i]
        );
    }
    // Line numbers count the blank line after g2.
    for (i, line, error) in [
        (1, 2, "invalid JSON"),
        (3, 5, "no \"text\""),
        (4, 6, "not valid UTF-8"),
    ] {
        assert_eq!(docs[i]["line"], line);
        assert!(
            docs[i]["error"].as_str().is_some_and(|e| e.contains(error)),
            "{}",
            docs[i]
        );
        assert!(docs[i].get("tokens").is_none());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning: stdin:2:"), "{stderr}");
    let summary = stderr.lines().last().unwrap_or_default();
    assert!(
        summary.starts_with("newsnlp: 3 documents, 3 errors, "),
        "{summary}"
    );
    assert!(summary.ends_with(" MB/s"), "{summary}");
}

#[test]
fn on_error_fail_and_strict_stop_at_the_first_bad_line() {
    for flag in [&["--on-error", "fail"][..], &["--strict"]] {
        let args = [&["run"][..], flag].concat();
        let out = newsnlp(&args, &mixed_input());
        assert_eq!(out.status.code(), Some(1));
        let docs = lines(&out);
        assert_eq!(
            docs.len(),
            1,
            "only the document before the bad line is written"
        );
        assert_eq!(docs[0]["id"], "g1");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("error: stdin:2: invalid JSON"), "{stderr}");
    }
}

#[test]
fn on_error_skip_leaves_bad_lines_out() {
    let out = newsnlp(&["run", "-q", "--on-error", "skip"], &mixed_input());
    assert_eq!(out.status.code(), Some(0));
    let ids: Vec<Value> = lines(&out).into_iter().map(|d| d["id"].clone()).collect();
    assert_eq!(ids, ["g1", "g2", "g3"]);
    assert!(
        out.stderr.is_empty(),
        "-q prints nothing: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn text_files_directories_and_gzip_are_inputs() {
    let dir = scratch("inputs");
    std::fs::create_dir_all(dir.join("sub")).expect("sub dir");
    let a = format!(
        "{}\n{}\n",
        ndjson_line("a1", &article(1)),
        ndjson_line("a2", &article(2))
    );
    std::fs::write(dir.join("a.jsonl"), &a).expect("write");
    let c = format!("{}\n", ndjson_line("c1", &article(3)));
    std::fs::write(dir.join("c.ndjson.gz"), gzip(c.as_bytes())).expect("write");
    std::fs::write(dir.join("sub/b.txt"), article(4)).expect("write");
    std::fs::write(dir.join("sub/d.TXT.gz"), gzip(article(5).as_bytes())).expect("write");
    std::fs::write(dir.join("notes.md"), "not an input").expect("write");

    let out = newsnlp(&["run", "-q", dir.to_str().expect("utf-8 path")], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = lines(&out);
    let ids: Vec<String> = docs
        .iter()
        .map(|d| d["id"].as_str().unwrap_or("?").to_string())
        .collect();
    let path = |p: &str| dir.join(p).display().to_string();
    assert_eq!(
        ids,
        ["a1", "a2", "c1", &path("sub/b.txt"), &path("sub/d.TXT.gz")]
    );
    assert_eq!(docs[3]["text"], article(4).as_str());
    assert_eq!(docs[4]["text"], article(5).as_str());

    // Files and stdin mix, in command-line order; documents without id get FILE:LINE.
    std::fs::write(dir.join("anon.jsonl"), "{\"text\": \"No id here.\"}\n").expect("write");
    let stdin = ndjson_line("s1", &article(6)) + "\n";
    let anon = path("anon.jsonl");
    let b = path("sub/b.txt");
    let out = newsnlp(&["run", "-q", &b, "-", &anon], stdin.as_bytes());
    let ids: Vec<Value> = lines(&out).into_iter().map(|d| d["id"].clone()).collect();
    assert_eq!(ids, [b.clone(), "s1".into(), format!("{anon}:1")]);
}

#[test]
fn a_malformed_published_date_is_a_usage_error() {
    let out = newsnlp(&["run", "--published", "2016-13-45"], b"{\"text\":\"x\"}\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a YYYY-MM-DD date"));
}

#[test]
fn missing_inputs_and_unknown_stages_exit_1() {
    let out = newsnlp(&["run", "/nonexistent/newsnlp-input.jsonl"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("cannot read /nonexistent/newsnlp-input.jsonl"));
    let out = newsnlp(&["run", "--stages", "tokenize,sentiment"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown stage \"sentiment\""));
    assert_eq!(
        newsnlp(&["run", "--threads", "many"], b"").status.code(),
        Some(2)
    );
}

#[test]
fn oversized_documents_become_error_records() {
    let big = ndjson_line("big", &"word ".repeat(2000));
    let text = format!(
        "{}\n{big}\n{}\n",
        ndjson_line("s", "Short."),
        ndjson_line("t", "Tiny.")
    );
    let out = newsnlp(&["run", "-q", "--max-doc-bytes", "1000"], text.as_bytes());
    assert!(out.status.success());
    let docs = lines(&out);
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[1]["line"], 2);
    assert_eq!(docs[1]["id"], "big");
    assert_eq!(
        docs[1]["error"],
        "text is 10000 bytes, over the limit of 1000 bytes (--max-doc-bytes)"
    );
    assert_eq!(docs[2]["id"], "t");
}

#[test]
fn output_file_and_stats() {
    let dir = scratch("stats");
    let input: String = (0..5)
        .map(|i| ndjson_line(&format!("d{i}"), &article(i)) + "\n")
        .collect();
    let annotated = dir.join("out.jsonl");
    let out = newsnlp(
        &["run", "-q", "-o", annotated.to_str().expect("utf-8 path")],
        input.as_bytes(),
    );
    assert!(out.status.success() && out.stdout.is_empty());
    let written = std::fs::read_to_string(&annotated).expect("output file");
    let tokens: usize = written
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("JSON")["tokens"]
                .as_array()
                .map_or(0, Vec::len)
        })
        .sum();
    let out = newsnlp(&["stats", annotated.to_str().expect("utf-8 path")], b"");
    assert!(out.status.success());
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("documents            5\n"), "{report}");
    assert!(
        report.contains(&format!("tokens      {tokens:>10}\n")),
        "{report}"
    );
}

#[test]
fn stages_add_their_prerequisites_with_a_note() {
    let input = ndjson_line(
        "w1",
        "LONDON, March 3 (Reuters) - Rain fell on the capital.",
    ) + "\n";
    let out = newsnlp(&["run", "--stages", "dateline"], input.as_bytes());
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("note: also running tokenize"), "{stderr}");
    let doc = &lines(&out)[0];
    assert!(
        doc["tokens"].as_array().is_some_and(|t| !t.is_empty()),
        "{doc}"
    );
    assert!(doc.get("dateline").is_some(), "{doc}");
    assert!(
        doc.get("entities").is_none() && doc.get("quotes").is_none(),
        "{doc}"
    );

    let out = newsnlp(&["run", "--stages", "quotes"], input.as_bytes());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("note: also running tokenize, entities"),
        "{stderr}"
    );
    let doc = &lines(&out)[0];
    assert!(
        doc.get("entities").is_some() && doc.get("quotes").is_some(),
        "{doc}"
    );
    assert!(doc.get("dateline").is_none(), "{doc}");

    let out = newsnlp(&["run", "--stages", "tokenize"], input.as_bytes());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("note:"));
    let doc = &lines(&out)[0];
    assert!(
        doc.get("tokens").is_some() && doc.get("dateline").is_none(),
        "{doc}"
    );
}
