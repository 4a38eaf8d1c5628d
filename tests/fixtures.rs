//! The fixture input must say exactly what the reviewed articles say.

use newsnlp_e2e::{read, root};
use serde_json::Value;
use std::collections::BTreeMap;

#[test]
fn news_jsonl_matches_the_articles() {
    let published: BTreeMap<String, String> = read("fixtures/articles/published.tsv")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (stem, date) = l
                .split_once('\t')
                .expect("published.tsv rows are STEM<TAB>DATE");
            (stem.to_string(), date.to_string())
        })
        .collect();
    let docs: Vec<Value> = read("fixtures/news.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("news.jsonl lines are JSON"))
        .collect();
    let mut articles: Vec<_> = std::fs::read_dir(root().join("fixtures/articles"))
        .expect("fixtures/articles exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    articles.sort();
    assert!(
        articles.len() >= 9,
        "the seed and at least eight articles of our own"
    );
    assert_eq!(
        docs.len(),
        articles.len(),
        "run `make fixtures` after adding an article"
    );
    for (doc, path) in docs.iter().zip(&articles) {
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(doc["id"], stem, "run `make fixtures`");
        assert_eq!(
            doc["text"],
            text.trim_end_matches('\n'),
            "{stem}: run `make fixtures`"
        );
        assert_eq!(
            doc["published"].as_str(),
            published.get(stem).map(String::as_str)
        );
    }
}

#[test]
fn the_seed_article_is_the_original() {
    let seed = root().join("../shared/data/seed/tass-2016-11-24-lavrov.txt");
    let Ok(original) = std::fs::read_to_string(&seed) else {
        eprintln!("skipped: {} not present", seed.display());
        return;
    };
    assert_eq!(
        read("fixtures/articles/tass-2016-11-24-lavrov.txt"),
        original
    );
}
