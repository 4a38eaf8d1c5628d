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
