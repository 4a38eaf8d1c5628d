//! Each word list is defined once: in this crate. This test reads every `crates/*/src/**/*.rs`
//! outside `crates/lexicon`, finds its arrays of string literals, and fails when
//!
//! - one of them holds three or more words of a class this crate owns (weekdays, months, titles
//!   and roles, given names, news agencies): a stage has started its own copy again;
//! - one of them is most of one of this crate's classes (determiners, page furniture, name
//!   particles, …): a class that moved here is being defined again; or
//! - two arrays in different crates share most of their words: a list defined twice, whatever
//!   it holds. Closed-class words count like any other: each stage's handful of them is a class
//!   here now, so none is exempt.
//!
//! `NEWSNLP_LIST_ROOT` points it at another checkout (how it was shown to fail on the `main` of
//! before this crate, and on the one before the particles, furniture, prefixes and closed
//! classes moved).

use newsnlp_lexicon::{self as lexicon, Flags};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

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
    problems.extend(lexicon_copies(&lists));
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

/// Pairs of arrays in different crates that share most of their words.
fn shared_lists(lists: &[List]) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, a) in lists.iter().enumerate() {
        for b in lists[i + 1..].iter().filter(|b| b.krate != a.krate) {
            if let Some(shared) = copies(&a.words, b.words.iter().map(String::as_str)) {
                problems.push(format!(
                    "{} and {} share {shared:?}: one list, define it in newsnlp-lexicon",
                    a.name, b.name
                ));
            }
        }
    }
    problems
}

/// Arrays that hold most of one of this crate's classes (`Flags::DETERMINER`,
/// `Flags::FURNITURE`, …): a class moved here and defined again in a stage.
fn lexicon_copies(lists: &[List]) -> Vec<String> {
    let mut problems = Vec::new();
    for (flag, class) in Flags::classes() {
        for list in lists {
            if let Some(shared) = copies(&list.words, lexicon::words(flag).map(|(w, _)| w)) {
                problems.push(format!(
                    "{} copies the lexicon's {class} {shared:?}: take it from newsnlp-lexicon",
                    list.name
                ));
            }
        }
    }
    problems
}

/// The words `words` shares with `other` when they are most of one list or the other: at least
/// [`SHARED_WORDS`], and [`SHARED_FRACTION`] of the smaller.
fn copies<'a>(words: &[String], other: impl Iterator<Item = &'a str>) -> Option<Vec<String>> {
    let mine: BTreeSet<&str> = words.iter().map(String::as_str).collect();
    let theirs: BTreeSet<&str> = other.map(|w| w.trim_end_matches('.')).collect();
    let shared: Vec<String> = mine.intersection(&theirs).map(|w| w.to_string()).collect();
    let smaller = mine.len().min(theirs.len()).max(1);
    (shared.len() >= SHARED_WORDS && shared.len() as f64 >= SHARED_FRACTION * smaller as f64)
        .then_some(shared)
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
