//! `newsnlp view`, `export` and `import` end to end on the annotated fixtures.

use newsnlp_e2e::run_command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn newsnlp(args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsnlp"));
    command.args(args);
    run_command(command, b"")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn annotated() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/expected/news.out.jsonl")
}

/// A layer item without its `text` copy (ignored on input, so not part of a span).
fn spans(doc: &Value, layer: &str) -> Value {
    let mut items = doc[layer].clone();
    for item in items.as_array_mut().expect("layer list") {
        let item = item.as_object_mut().expect("layer item");
        item.remove("text");
        for part in ["cue", "speaker"] {
            if let Some(Value::Object(inner)) = item.get_mut(part) {
                inner.remove("text");
            }
        }
    }
    items
}

#[test]
fn brat_export_then_import_gives_back_entity_and_quote_spans() {
    let dir = scratch("cli-brat");
    let (brat, back) = (dir.join("brat"), dir.join("back.jsonl"));
    let s = |p: &Path| p.to_str().expect("utf-8").to_string();
    let out = newsnlp(&[
        "export",
        "--format",
        "brat",
        "-q",
        &s(&annotated()),
        "-o",
        &s(&brat),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = newsnlp(&["import", "--format", "brat", &s(&brat), "-o", &s(&back)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |p: &Path| -> Vec<Value> {
        let text = std::fs::read_to_string(p).expect("written");
        text.lines()
            .map(|l| serde_json::from_str(l).expect("JSON"))
            .collect()
    };
    let (before, after) = (read(&annotated()), read(&back));
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(
            (&b["id"], &b["published"], &b["text"]),
            (&a["id"], &a["published"], &a["text"])
        );
        assert_eq!(spans(b, "entities"), spans(a, "entities"), "{}", b["id"]);
        assert_eq!(spans(b, "quotes"), spans(a, "quotes"), "{}", b["id"]);
    }
}

#[test]
fn conll_export_has_a_docstart_per_document_and_a_tag_per_token() {
    let dir = scratch("cli-conll");
    let file = dir.join("news.conll");
    let input = annotated();
    let args = [
        "export",
        "--format",
        "conll",
        "-q",
        input.to_str().unwrap(),
        "-o",
        file.to_str().unwrap(),
    ];
    assert!(newsnlp(&args).status.success());
    let conll = std::fs::read_to_string(&file).expect("written");
    let docs: Vec<Value> = std::fs::read_to_string(annotated())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(conll.matches("-DOCSTART- O\n").count(), docs.len());
    let tokens: usize = docs
        .iter()
        .map(|d| d["tokens"].as_array().unwrap().len())
        .sum();
    let lines = conll
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("-DOCSTART-"));
    assert_eq!(lines.clone().count(), tokens);
    let begins = lines.filter(|l| l.contains(" B-")).count();
    let entities: usize = docs
        .iter()
        .map(|d| d["entities"].as_array().unwrap().len())
        .sum();
    assert_eq!(begins, entities);
}

#[test]
fn view_writes_one_page_and_says_what_it_holds() {
    let dir = scratch("cli-view");
    let page = dir.join("news.html");
    let out = newsnlp(&[
        "view",
        annotated().to_str().unwrap(),
        "-o",
        page.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.starts_with("newsnlp view: 11 documents, "),
        "{stderr}"
    );
    let html = std::fs::read_to_string(&page).expect("written");
    assert_eq!(html.matches("<article ").count(), 11);
    assert!(!html.contains("src=\"http"));
}
