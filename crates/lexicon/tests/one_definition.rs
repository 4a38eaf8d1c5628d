//! Each word list is defined once: in this crate. This test reads every `crates/*/src/**/*.rs`
//! outside `crates/lexicon`, finds its arrays of string literals, and fails when
//!
//! - one of them holds three or more words of a class this crate owns (weekdays, months, titles
//!   and roles, given names, news agencies): a stage has started its own copy again; or
//! - two arrays in different crates share most of their words: a list defined twice, whatever
//!   it holds.
//!
//! `NEWSNLP_LIST_ROOT` points it at another checkout (how it was shown to fail on the `main` of
//! before this crate). Lists that are still defined twice and wait for their move are named in
//! [`NOT_YET_MOVED`]; an entry there that no longer overlaps fails too, so the list only shrinks.

use newsnlp_lexicon::{self as lexicon, Flags};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Pairs of lists still defined in two crates, as `crate/file::NAME`, to move here next.
const NOT_YET_MOVED: &[(&str, &str)] = &[
    // Lowercase particles inside names (`Rio de Janeiro`, `Abu Bakr al-Baghdadi`).
    (
        "corpus/src/names.rs::CONNECTIVES",
        "dateline/src/parse.rs::CONNECTORS",
    ),
    // Page furniture: caption and credit words.
    (
        "dateline/src/parse.rs::FURNITURE",
        "tokenize/src/sentences.rs::CAPTION_WORDS",
    ),
    // Prefixes bound by a hyphen (`anti-`, `pro-`).
    (
        "coref/src/names.rs::PREFIXES",
        "tokenize/src/words.rs::HYPHEN_PREFIXES",
    ),
];

/// Closed-class English words, which the pairwise check ignores: stages pick different handfuls
/// of them for different jobs (prepositions that open a run-in sentence, conjunctions that end a
/// speaker's phrase, words that start a heading), so two such lists sharing `in`, `on` and
/// `with` are not one list defined twice. The lexicon will own them as classes too; until then
/// they are named here.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "according", "after", "again", "against", "all", "already", "also", "although",
    "among", "an", "and", "another", "any", "are", "as", "at", "be", "because", "been", "before",
    "both", "but", "by", "could", "despite", "did", "do", "does", "during", "each", "earlier",
    "even", "for", "from", "had", "has", "have", "he", "her", "here", "his", "how", "however", "i",
    "if", "in", "instead", "into", "is", "it", "its", "last", "later", "many", "may", "meanwhile",
    "might", "more", "moreover", "most", "must", "my", "nevertheless", "not", "now", "of", "on",
    "one", "or", "other", "our", "over", "several", "she", "should", "since", "so", "some",
    "still", "such", "than", "that", "the", "their", "them", "then", "there", "therefore",
    "these", "they", "this", "those", "though", "three", "through", "thus", "to", "today", "two",
    "under", "until", "upon", "was", "we", "were", "what", "when", "where", "whether", "which",
    "while", "who", "why", "will", "with", "within", "without", "would", "yesterday", "yet",
    "you", "your",
];

/// Words of one owned class that make an array a copy of it.
const CLASS_LIMIT: usize = 3;
const ROLE_LIMIT: usize = 5;
/// Two arrays in different crates are one list defined twice when they share this many words,
/// and this share of the smaller one.
const SHARED_WORDS: usize = 5;
const SHARED_FRACTION: f64 = 0.5;

/// An array of string literals in a source file.
struct List {
    /// `crate/path/in/src.rs::NAME` (the const or let it is bound to, else its line).
    name: String,
    krate: String,
    words: Vec<String>,
}

#[test]
fn no_word_list_is_defined_twice() {
    let root = std::env::var_os("NEWSNLP_LIST_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
    let lists = workspace_lists(&root);
    assert!(
        lists.len() > 20,
        "found only {} lists under {}",
        lists.len(),
        root.display()
    );
    let mut problems = class_copies(&lists);
    problems.extend(shared_lists(&lists));
    assert!(
        problems.is_empty(),
        "word lists defined outside newsnlp-lexicon or twice:\n{}",
        problems.join("\n")
    );
}

/// A class this crate owns: its name, how many of its words make a copy, how to tell one.
type OwnedClass = (&'static str, usize, Box<dyn Fn(&str) -> bool>);

/// The classes this crate owns, by name, and how to tell a word of each.
fn owned_classes() -> [OwnedClass; 6] {
    let class = |f: Flags| move |w: &str| lexicon::flags(w).intersects(f);
    let agency = |w: &str| lexicon::AGENCIES.iter().any(|a| a.aliases.contains(&w));
    [
        ("weekdays", CLASS_LIMIT, Box::new(class(Flags::WEEKDAY))),
        ("months", CLASS_LIMIT, Box::new(class(Flags::MONTH))),
        (
            "titles",
            CLASS_LIMIT,
            Box::new(class(Flags::TITLE | Flags::TITLE_ABBREVIATION)),
        ),
        // Role nouns are common nouns (`officials`, `sources`), found in other lists too.
        ("role nouns", ROLE_LIMIT, Box::new(class(Flags::ROLE))),
        (
            "given names",
            CLASS_LIMIT,
            Box::new(class(Flags::GIVEN_NAME)),
        ),
        ("agencies", CLASS_LIMIT, Box::new(agency)),
    ]
}

/// Arrays outside this crate holding three or more words of one owned class.
fn class_copies(lists: &[List]) -> Vec<String> {
    let classes = owned_classes();
    let mut problems = Vec::new();
    for list in lists {
        for (class, limit, is) in &classes {
            let hits: Vec<&str> = list
                .words
                .iter()
                .map(String::as_str)
                .filter(|w| is(w))
                .collect();
            if hits.len() >= *limit {
                problems.push(format!(
                    "{} lists {class} {hits:?}: take them from newsnlp-lexicon",
                    list.name
                ));
            }
        }
    }
    problems
}

/// Pairs of arrays in different crates that share most of their words, less the known ones;
/// and known ones that no longer do.
fn shared_lists(lists: &[List]) -> Vec<String> {
    let mut found = BTreeSet::new();
    let mut problems = Vec::new();
    for (i, a) in lists.iter().enumerate() {
        for b in lists[i + 1..].iter().filter(|b| b.krate != a.krate) {
            let (sa, sb) = (content_words(a), content_words(b));
            let shared: Vec<&&String> = sa.intersection(&sb).collect();
            let smaller = sa.len().min(sb.len()).max(1);
            if shared.len() >= SHARED_WORDS
                && shared.len() as f64 >= SHARED_FRACTION * smaller as f64
            {
                let known = NOT_YET_MOVED
                    .iter()
                    .any(|&(x, y)| (x, y) == (&a.name, &b.name) || (y, x) == (&a.name, &b.name));
                found.insert((a.name.clone(), b.name.clone()));
                found.insert((b.name.clone(), a.name.clone()));
                if !known {
                    problems.push(format!(
                        "{} and {} share {shared:?}: one list, define it in newsnlp-lexicon",
                        a.name, b.name
                    ));
                }
            }
        }
    }
    for (x, y) in NOT_YET_MOVED {
        if !found.contains(&(x.to_string(), y.to_string())) {
            problems.push(format!(
                "{x} and {y} no longer share a list: drop them from NOT_YET_MOVED"
            ));
        }
    }
    problems
}

/// The words of `list` that are not [`FUNCTION_WORDS`].
fn content_words(list: &List) -> BTreeSet<&String> {
    let content = |w: &&String| !FUNCTION_WORDS.contains(&w.as_str());
    list.words.iter().filter(content).collect()
}

/// Every array of four or more string literals in `crates/*/src` outside this crate, its words
/// lowercased and without a final full stop (`Gen.` and `gen` are one word here); entries that
/// do not start with a letter (punctuation, `/afp`) are no words.
fn workspace_lists(root: &Path) -> Vec<List> {
    let mut files = Vec::new();
    let crates = std::fs::read_dir(root.join("crates"))
        .map(|d| d.flatten().map(|e| e.path()).collect::<Vec<_>>());
    for krate in crates.unwrap_or_default() {
        if krate.file_name().is_some_and(|n| n != "lexicon") {
            rust_files(&krate.join("src"), &mut files);
        }
    }
    files.sort();
    let mut lists = Vec::new();
    for file in files {
        let Ok(source) = std::fs::read_to_string(&file) else {
            continue;
        };
        // Unit tests list words to check, not to define a class: `tests.rs` and what follows a
        // file's `#[cfg(test)]` are left out.
        if file.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let source = source.split("#[cfg(test)]").next().unwrap_or("");
        let rel = file
            .strip_prefix(root.join("crates"))
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        let krate = rel.split('/').next().unwrap_or("").to_string();
        for (name, words) in string_arrays(source) {
            let words: Vec<String> = words
                .iter()
                .map(|w| w.trim_end_matches('.').to_lowercase())
                .filter(|w| w.starts_with(char::is_alphabetic))
                .collect();
            lists.push(List {
                name: format!("{rel}::{name}"),
                krate: krate.clone(),
                words,
            });
        }
    }
    lists
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A token of Rust source, as far as finding string arrays needs.
#[derive(Debug, PartialEq)]
enum Tok {
    Str(String),
    Ident(String),
    Punct(char),
}

/// The arrays of four or more string literals in `source`, with the name they are bound to
/// (`const NAME`, `let name`) or their line.
fn string_arrays(source: &str) -> Vec<(String, Vec<String>)> {
    let toks = lex(source);
    let mut out = Vec::new();
    for (i, (t, line)) in toks.iter().enumerate() {
        if *t != Tok::Punct('[') {
            continue;
        }
        let mut words = Vec::new();
        let mut j = i + 1;
        while let Some((Tok::Str(s), _)) = toks.get(j) {
            words.push(s.clone());
            j += 1;
            if toks.get(j).map(|t| &t.0) == Some(&Tok::Punct(',')) {
                j += 1;
            }
        }
        if words.len() >= 4 && toks.get(j).map(|t| &t.0) == Some(&Tok::Punct(']')) {
            out.push((
                binding(&toks[..i]).unwrap_or_else(|| format!("line {line}")),
                words,
            ));
        }
    }
    out
}

/// The name a `const NAME: … = [` or `let name = [` before an array binds it to.
fn binding(before: &[(Tok, usize)]) -> Option<String> {
    let eq = before.iter().rposition(|(t, _)| *t == Tok::Punct('='))?;
    if before.len() - eq > 3 {
        return None;
    }
    let start = before[..eq].iter().rposition(
        |(t, _)| matches!(t, Tok::Ident(k) if k == "const" || k == "static" || k == "let"),
    )?;
    match before.get(start + 1) {
        Some((Tok::Ident(name), _)) if eq - start < 12 => Some(name.clone()),
        _ => None,
    }
}

/// Strings (with escapes, raw strings), identifiers and punctuation, with their lines; comments,
/// char literals and lifetimes dropped.
fn lex(source: &str) -> Vec<(Tok, usize)> {
    let chars: Vec<char> = source.chars().collect();
    let (mut out, mut i, mut line) = (Vec::new(), 0, 1);
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        match c {
            '\n' => line += 1,
            '/' if next == Some('/') => {
                while chars.get(i).is_some_and(|&c| c != '\n') {
                    i += 1;
                }
                continue;
            }
            '/' if next == Some('*') => {
                let end = (i + 2..chars.len())
                    .find(|&k| chars[k] == '*' && chars.get(k + 1) == Some(&'/'));
                line += chars[i..end.unwrap_or(chars.len())]
                    .iter()
                    .filter(|&&c| c == '\n')
                    .count();
                i = end.map_or(chars.len(), |k| k + 2);
                continue;
            }
            '"' => {
                let (s, end) = string_literal(&chars, i + 1);
                line += s.matches('\n').count();
                out.push((Tok::Str(s), line));
                i = end;
                continue;
            }
            'r' if matches!(next, Some('"' | '#'))
                && !chars[..i]
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || *c == '_') =>
            {
                let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
                let open = i + 1 + hashes;
                if chars.get(open) == Some(&'"') {
                    let close: String = std::iter::once('"')
                        .chain(std::iter::repeat('#').take(hashes))
                        .collect();
                    let rest: String = chars[open + 1..].iter().collect();
                    let len = rest.find(&close).unwrap_or(rest.len());
                    let s: String = rest[..len].to_string();
                    line += s.matches('\n').count();
                    i = open + 1 + s.chars().count() + close.chars().count();
                    out.push((Tok::Str(s), line));
                    continue;
                }
            }
            '\'' => {
                // A char literal (`'"'`, `'\n'`) is skipped whole; a lifetime is just a quote.
                if next == Some('\\') {
                    i = (i + 2..chars.len())
                        .find(|&k| chars[k] == '\'')
                        .map_or(chars.len(), |k| k + 1);
                    continue;
                }
                if chars.get(i + 2) == Some(&'\'') {
                    i += 3;
                    continue;
                }
            }
            c if c.is_alphabetic() || c == '_' => {
                let len = chars[i..]
                    .iter()
                    .take_while(|c| c.is_alphanumeric() || **c == '_')
                    .count();
                out.push((Tok::Ident(chars[i..i + len].iter().collect()), line));
                i += len;
                continue;
            }
            c if !c.is_whitespace() => out.push((Tok::Punct(c), line)),
            _ => {}
        }
        i += 1;
    }
    out
}

/// The text of a string literal whose body starts at `start`, and the index after its quote.
fn string_literal(chars: &[char], start: usize) -> (String, usize) {
    let mut s = String::new();
    let mut i = start;
    while let Some(&c) = chars.get(i) {
        match c {
            '"' => return (s, i + 1),
            '\\' => {
                if let Some(&e) = chars.get(i + 1) {
                    s.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                }
                i += 2;
            }
            c => {
                s.push(c);
                i += 1;
            }
        }
    }
    (s, i)
}

#[test]
fn finds_arrays_through_comments_and_char_literals() {
    let src = "const A: &[&str] = &[\n // a comment, \"not\" a word\n \"Mon\", \"Tue\", /* x */ \"Wed\",\n \"Thu\",\n];\nlet q = '\"'; let b = [\"x\", \"y\", \"z\", \"w\"];";
    let arrays = string_arrays(src);
    assert_eq!(arrays.len(), 2, "{arrays:?}");
    assert_eq!(arrays[0].0, "A");
    assert_eq!(arrays[0].1, ["Mon", "Tue", "Wed", "Thu"]);
    assert_eq!(arrays[1].0, "b");
}
