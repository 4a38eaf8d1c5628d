//! `newsnlp corpus` end to end on the pipeline's own output for the bundled fixtures.

use flate2::write::GzEncoder;
use flate2::Compression;
use newsnlp_e2e::run_command;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn newsnlp(args: &[&str], stdin: &[u8]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsnlp"));
    command.args(args);
    run_command(command, stdin)
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The fixtures annotated by `newsnlp run`.
fn annotated_fixtures() -> String {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/news.jsonl");
    let out = newsnlp(&["run", "-q", fixtures.to_str().expect("utf-8 path")], b"");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn rows(dir: &Path, table: &str) -> Vec<Value> {
    std::fs::read_to_string(dir.join(format!("{table}.jsonl")))
        .expect("table written")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON row"))
        .collect()
}

fn corpus(name: &str, stdin: &[u8], files: &[&Path]) -> (PathBuf, String) {
    let dir = scratch(name);
    let out_dir = dir.join("tables");
    let mut args = vec![
        "corpus",
        "--format",
        "jsonl",
        "-o",
        out_dir.to_str().expect("utf-8"),
    ];
    args.extend(files.iter().map(|f| f.to_str().expect("utf-8")));
    let out = newsnlp(&args, stdin);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (out_dir, stderr)
}

#[test]
fn one_row_per_quote_and_bad_lines_counted_not_fatal() {
    let annotated = annotated_fixtures();
    let quotes: usize = annotated
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("JSON")["quotes"]
                .as_array()
                .map_or(0, Vec::len)
        })
        .sum();
    assert!(quotes > 20);
    // Gzip from a file, plus an error record and a line that is not JSON on stdin.
    let dir = scratch("corpus-input");
    let gz = dir.join("annotated.jsonl.gz");
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(annotated.as_bytes()).expect("gzip");
    std::fs::write(&gz, enc.finish().expect("gzip")).expect("write");
    let stdin = b"{\"id\":\"x\",\"line\":3,\"error\":\"bad\"}\nnot json\n";
    let dash = Path::new("-");
    let (tables, stderr) = corpus("corpus-once", stdin, &[&gz, dash]);
    assert!(
        stderr.contains("(2 error records or unreadable lines, "),
        "{stderr}"
    );
    assert_eq!(rows(&tables, "quotes").len(), quotes);
    let html = std::fs::read_to_string(tables.join("report.html")).expect("report");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
}

#[test]
fn the_same_stories_twice_double_occurrences_not_quotations() {
    let annotated = annotated_fixtures();
    let again = annotated.replace("{\"id\":\"", "{\"id\":\"again-");
    assert_eq!(again.matches("again-").count(), annotated.lines().count());
    let (once, _) = corpus("corpus-1", annotated.as_bytes(), &[]);
    let (twice, _) = corpus("corpus-2", format!("{annotated}{again}").as_bytes(), &[]);
    for table in ["quotations", "speakers", "entities", "mentions"] {
        assert_eq!(
            rows(&once, table).len(),
            rows(&twice, table).len(),
            "{table}"
        );
    }
    for (a, b) in rows(&once, "quotations")
        .iter()
        .zip(rows(&twice, "quotations"))
    {
        assert_eq!(a["quotation"], b["quotation"]);
        assert_eq!(
            2 * a["occurrences"].as_u64().unwrap(),
            b["occurrences"].as_u64().unwrap()
        );
    }
}

/// NDJSON rows of a command's stdout.
fn stdout_rows(out: &Output) -> Vec<Value> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON row"))
        .collect()
}

fn ndjson(rows: &[Value]) -> String {
    rows.iter().map(|r| format!("{r}\n")).collect()
}

/// The first-appearance order of distinct values, with counts.
fn distinct_in_order(values: impl Iterator<Item = Value>) -> Vec<(Value, u64)> {
    let mut out: Vec<(Value, u64)> = Vec::new();
    for v in values {
        match out.iter_mut().find(|(seen, _)| *seen == v) {
            Some((_, n)) => *n += 1,
            None => out.push((v, 1)),
        }
    }
    out
}

#[test]
fn the_steps_a_cluster_runs_give_the_speakers_and_quotations_of_the_build() {
    let annotated = annotated_fixtures();
    let (tables, _) = corpus("corpus-steps", annotated.as_bytes(), &[]);
    let occurrences = stdout_rows(&newsnlp(
        &["corpus", "--step", "occurrences", "-q"],
        annotated.as_bytes(),
    ));
    let quotes = rows(&tables, "quotes");
    assert_eq!(occurrences.len(), quotes.len());
    for (o, q) in occurrences.iter().zip(&quotes) {
        for column in ["doc_id", "speaker", "quote", "start", "end"] {
            assert_eq!(o[column], q[column], "{column}");
        }
        assert_eq!(o["surname"].is_null(), q["speaker_id"] == "", "{o}");
    }
    // Speakers: distinct names in order of first appearance, with their quote counts.
    let names: Vec<Value> = distinct_in_order(
        occurrences
            .iter()
            .filter(|o| !o["surname"].is_null())
            .map(|o| o["speaker"].clone()),
    )
    .into_iter()
    .map(|(speaker, quotes)| serde_json::json!({"speaker": speaker, "quotes": quotes}))
    .collect();
    let of_name = stdout_rows(&newsnlp(
        &["corpus", "--step", "speakers"],
        ndjson(&names).as_bytes(),
    ));
    let clusters = distinct_in_order(
        of_name
            .iter()
            .map(|s| serde_json::json!([s["speaker_key"], s["name"], s["variants"]])),
    );
    let speakers = rows(&tables, "speakers");
    assert_eq!(clusters.len(), speakers.len());
    for ((c, _), s) in clusters.iter().zip(&speakers) {
        assert_eq!((&c[1], &c[2]), (&s["speaker"], &s["variants"]));
    }
    // Quotations: distinct (speaker, text) keys, each joined to its root.
    let key_of = |o: &Value| {
        of_name
            .iter()
            .find(|s| s["speaker"] == o["speaker"])
            .map_or(Value::from(""), |s| s["speaker_key"].clone())
    };
    let keys: Vec<Value> = distinct_in_order(
        occurrences
            .iter()
            .map(|o| serde_json::json!({"speaker_key": key_of(o), "quotation": o["quotation"]})),
    )
    .into_iter()
    .map(|(k, _)| k)
    .collect();
    let roots = stdout_rows(&newsnlp(
        &["corpus", "--step", "quotations"],
        ndjson(&keys).as_bytes(),
    ));
    let quotations = distinct_in_order(
        roots
            .iter()
            .map(|r| serde_json::json!([r["speaker_key"], r["root"]])),
    );
    assert_eq!(quotations.len(), rows(&tables, "quotations").len());
}

#[test]
fn a_step_fails_in_one_line_on_a_row_it_does_not_take() {
    let out = newsnlp(
        &["corpus", "--step", "quotations"],
        b"{\"speaker_key\":\"S\",\"quotation\":\"a b\"}\n{\"quotation\":1}\n",
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("stdin:2: not a row"), "{stderr}");
}
