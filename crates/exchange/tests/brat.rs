//! brat export and import: a round trip gives back the same documents.

use newsnlp_doc::ndjson::{parse_line, Parsed};
use newsnlp_doc::Document;
use newsnlp_exchange::brat;
use std::path::{Path, PathBuf};

/// The bundled fixtures as `newsnlp run` annotates them, plus documents with awkward ids and
/// fields: a `/` in the id, ids equal but for case, a big-number id, none at all, and a quote
/// and an entity across a line break.
fn documents() -> Vec<Document> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fixtures =
        std::fs::read_to_string(root.join("../../fixtures/expected/news.out.jsonl")).unwrap();
    let awkward = [
        r#"{"id":"wire/2024/a b","text":"Anna Berg said.\n\"Go\nnow,\" she said.","meta":{"x":[1,2e3]},"entities":[{"start":0,"end":9,"label":"PER","canonical":"Anna Berg"}],"quotes":[{"start":17,"end":24,"kind":"direct","cue":{"start":26,"end":34},"speaker":{"start":26,"end":29,"canonical":"Anna Berg"}}]}"#,
        r#"{"id":"WIRE/2024/A B","text":"Acme\nCorp fell.","entities":[{"start":0,"end":9,"label":"ORG","canonical":"Acme Corp"}],"quotes":[]}"#,
        r#"{"id":123456789012345678901234567890,"text":"No annotations.","entities":[],"quotes":[]}"#,
        r#"{"text":"No id; Oslo.","published":"2024-01-01","entities":[{"start":7,"end":11,"label":"LOC","canonical":"Oslo"}],"quotes":[]}"#,
    ];
    fixtures
        .lines()
        .chain(awkward)
        .map(|line| match parse_line(line.as_bytes()) {
            Ok(Parsed::Document(doc)) => *doc,
            _ => panic!("not a document: {line}"),
        })
        .collect()
}

fn export(docs: &[Document], dir: &Path) -> Vec<String> {
    let _ = std::fs::remove_dir_all(dir);
    let mut exporter = brat::Exporter::create(dir).unwrap();
    let names = docs
        .iter()
        .enumerate()
        .map(|(i, d)| exporter.add(d, &format!("stdin:{}", i + 1)).unwrap())
        .collect();
    exporter.finish().unwrap();
    names
}

#[test]
fn export_then_import_gives_back_ids_fields_text_entities_and_quotes() {
    let docs = documents();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("brat-round-trip");
    let names = export(&docs, &dir);
    assert_eq!(
        &names[11..],
        [
            "wire_2024_a_b",
            "WIRE_2024_A_B-2",
            "123456789012345678901234567890",
            "stdin_15"
        ]
    );
    assert!(dir.join("annotation.conf").exists() && dir.join("visual.conf").exists());
    let back = brat::read_dir(&dir).unwrap();
    assert_eq!(back.len(), docs.len());
    for (got, want) in back.iter().zip(&docs) {
        assert_eq!(got.id, want.id);
        assert_eq!(got.fields, want.fields);
        assert_eq!(got.text, want.text);
        assert_eq!(got.entities, want.entities, "{}", want.id_string());
        assert_eq!(got.quotes, want.quotes, "{}", want.id_string());
    }
    assert!(
        docs[..11]
            .iter()
            .map(|d| d.quotes.as_ref().unwrap().len())
            .sum::<usize>()
            > 50
    );
}

#[test]
fn a_span_across_a_line_break_is_written_as_fragments() {
    let docs = documents();
    let ann = brat::ann(&docs[12]);
    assert_eq!(
        ann,
        "T1\tORG 0 4;5 9\tAcme Corp\n#1\tAnnotatorNotes T1\tAcme Corp\n"
    );
}

#[test]
fn a_folder_corrected_in_brat_reads_back_with_new_files_and_annotations() {
    let docs = documents();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("brat-corrected");
    let names = export(&docs[11..12], &dir);
    // A correction: Berg re-labelled ORG, a quote drawn without a kind, and a new document.
    let ann_path = dir.join(format!("{}.ann", names[0]));
    let ann = std::fs::read_to_string(&ann_path)
        .unwrap()
        .replace("T1\tPER", "T1\tORG");
    std::fs::write(
        &ann_path,
        ann + "T9\tQuote 0 4\tAnna\nT10\tQuote 17 19\tGo\n",
    )
    .unwrap();
    std::fs::write(dir.join("new.txt"), "Oslo is cold.").unwrap();
    std::fs::write(dir.join("new.ann"), "T1\tLOC 0 4\tOslo\n").unwrap();
    let back = brat::read_dir(&dir).unwrap();
    assert_eq!(back.len(), 2);
    let first = &back[0];
    assert_eq!(first.entities.as_ref().unwrap()[0].label.as_str(), "ORG");
    let kinds: Vec<&str> = first
        .quotes
        .iter()
        .flatten()
        .map(|q| q.kind.as_str())
        .collect();
    // Anna is not after a quotation mark (indirect); `Go` is (direct, as exported, and the new one).
    assert_eq!(kinds, ["indirect", "direct", "direct"]);
    assert_eq!(back[1].id_string(), "new");
    assert_eq!(back[1].entities.as_ref().unwrap()[0].canonical, "Oslo");
}

#[test]
fn bad_offsets_and_overlapping_entities_are_errors_naming_file_and_line() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("brat-bad");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "Oslo is cold.").unwrap();
    std::fs::write(dir.join("a.ann"), "T1\tLOC 0 4\tOslo\nT2\tLOC 9 99\tcold\n").unwrap();
    let err = brat::read_dir(&dir).unwrap_err().to_string();
    assert!(
        err.ends_with("a.ann:2: offsets [\"9\", \"99\"] are not inside the text"),
        "{err}"
    );
    std::fs::write(dir.join("a.ann"), "T1\tLOC 0 4\tOslo\nT2\tLOC 2 7\tlo is\n").unwrap();
    let err = brat::read_dir(&dir).unwrap_err().to_string();
    assert!(err.contains("a.ann: entities[1]"), "{err}");
}
