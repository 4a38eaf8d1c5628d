//! Per-stage throughput (criterion): tokenize alone in MB/s, every stage in tokens/s, and the
//! pipeline through NDJSON on one thread in MB/s (tokenize alone, and every stage).
//!
//! Texts: the first ~512 KB of `../shared/data/polnear/train.input.jsonl` when present, else the
//! project's `fixtures/`. Run with `cargo bench -p newsnlp --bench stages`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use newsnlp::stages::{Selection, StageConfig, STAGES};
use newsnlp_doc::ndjson::{parse_line, Parsed};
use newsnlp_doc::{Document, RunOptions, Runner, Stage};
use std::path::Path;

const SAMPLE_BYTES: usize = 512 << 10;

/// NDJSON lines of the benchmark texts.
fn corpus() -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = root.join("../shared/data/polnear/train.input.jsonl");
    let mut out = Vec::new();
    if let Ok(text) = std::fs::read(&shared) {
        for line in text.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            out.extend_from_slice(line);
            out.push(b'\n');
            if out.len() >= SAMPLE_BYTES {
                break;
            }
        }
        return out;
    }
    let mut paths: Vec<_> = std::fs::read_dir(root.join("fixtures"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    for path in paths {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        match path.extension().and_then(|e| e.to_str()) {
            Some("txt") => {
                let text = String::from_utf8_lossy(&bytes);
                let line = serde_json::json!({ "id": path.display().to_string(), "text": text });
                out.extend_from_slice(line.to_string().as_bytes());
                out.push(b'\n');
            }
            Some("jsonl") if !path.to_string_lossy().contains("expected") => {
                out.extend_from_slice(&bytes);
                if !bytes.ends_with(b"\n") {
                    out.push(b'\n');
                }
            }
            _ => {}
        }
    }
    out
}

fn documents(ndjson: &[u8]) -> Vec<Document> {
    ndjson
        .split(|&b| b == b'\n')
        .filter_map(|l| match parse_line(l) {
            Ok(Parsed::Document(d)) => Some(*d),
            _ => None,
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let ndjson = corpus();
    let config = StageConfig::default();
    let stages: Vec<Box<dyn Stage>> = STAGES.iter().map(|s| s.build(&config)).collect();
    // `docs` holds the documents as they enter stage i: annotated by every stage before it.
    let mut docs = documents(&ndjson);
    let text_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    for (info, stage) in STAGES.iter().zip(&stages) {
        let mut group = c.benchmark_group(format!("stage/{}", info.name()));
        short(&mut group);
        if info.name() == "tokenize" {
            group.throughput(Throughput::Bytes(text_bytes as u64));
            group.bench_function("MB/s", |b| bench_stage(b, &docs, stage.as_ref()));
        }
        let mut next = docs.clone();
        for d in &mut next {
            // A document the stage refuses is left as it is; the runner would record it.
            let _ = stage.annotate(d);
        }
        let tokens: usize = next
            .iter()
            .map(|d| d.tokens.as_ref().map_or(0, Vec::len))
            .sum();
        group.throughput(Throughput::Elements(tokens as u64));
        group.bench_function("tokens/s", |b| bench_stage(b, &docs, stage.as_ref()));
        group.finish();
        docs = next;
    }

    let mut group = c.benchmark_group("end-to-end");
    short(&mut group);
    group.throughput(Throughput::Bytes(ndjson.len() as u64));
    let tokenize_only = Selection::parse(&["tokenize"]).expect("tokenize is a stage");
    for (name, selection) in [
        ("tokenize", tokenize_only),
        ("all stages", Selection::all()),
    ] {
        let pipeline = selection.build(&config);
        group.bench_function(format!("ndjson, {name}, one thread, MB/s"), |b| {
            let options = RunOptions {
                threads: Some(1),
                warn: false,
                ..Default::default()
            };
            let mut runner = Runner::new(&pipeline, options).expect("a one-thread pool");
            let mut out = Vec::with_capacity(ndjson.len() * 8);
            b.iter(|| {
                out.clear();
                runner
                    .run("bench", &ndjson[..], &mut out)
                    .expect("writing to memory");
            })
        });
    }
    group.finish();
}

/// Few, short samples: these are figures for a report on a shared 2-core machine.
fn short(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    group.sample_size(10);
    group.warm_up_time(std::time::Duration::from_secs(1));
    group.measurement_time(std::time::Duration::from_secs(3));
}

fn bench_stage(b: &mut criterion::Bencher<'_>, docs: &[Document], stage: &dyn Stage) {
    b.iter_batched_ref(
        || docs.to_vec(),
        |docs| {
            for d in docs.iter_mut() {
                let _ = stage.annotate(d);
            }
        },
        BatchSize::LargeInput,
    )
}

criterion_group!(stage_benches, benches);
criterion_main!(stage_benches);
