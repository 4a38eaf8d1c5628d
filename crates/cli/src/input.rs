//! Command-line inputs turned into the runner's records: NDJSON files, plain-text files,
//! directories, gzip files and stdin.
//!
//! Files are opened one at a time as the runner reaches them, so a directory of a million
//! files holds one open file, and every read goes through the `--max-doc-bytes` guard.

use flate2::read::MultiGzDecoder;
use newsnlp_doc::runner::{Body, Lines, Record};
use newsnlp_doc::RunError;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use thiserror::Error;

/// How an input's bytes become documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON document per line.
    Ndjson,
    /// The whole file is one document; its id is the path.
    Text,
}

/// One input stream: a file or stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// `None` is stdin.
    pub path: Option<PathBuf>,
    pub gzip: bool,
    pub format: Format,
}

impl Input {
    fn stdin() -> Input {
        Input {
            path: None,
            gzip: false,
            format: Format::Ndjson,
        }
    }

    /// Classifies a file by its name: `.txt` is text, anything else NDJSON; `.gz` is unpacked.
    pub fn file(path: PathBuf) -> Input {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let (gzip, stem) = match name.strip_suffix(".gz") {
            Some(stem) => (true, stem),
            None => (false, name.as_str()),
        };
        let format = if stem.ends_with(".txt") {
            Format::Text
        } else {
            Format::Ndjson
        };
        Input {
            path: Some(path),
            gzip,
            format,
        }
    }

    /// The name used in warnings and default ids.
    pub fn name(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "stdin".to_string(), |p| p.display().to_string())
    }
}

/// An input that cannot be found or listed.
#[derive(Debug, Error)]
#[error("cannot read {}: {err}", path.display())]
pub struct InputError {
    pub path: PathBuf,
    pub err: io::Error,
}

/// Expands command-line paths: `-` (or no path at all) is stdin, a directory stands for its
/// `.jsonl`, `.ndjson` and `.txt` files (gzipped too), recursively, in sorted order.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<Input>, InputError> {
    if paths.is_empty() {
        return Ok(vec![Input::stdin()]);
    }
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::stdin());
            continue;
        }
        let meta = fs::metadata(path).map_err(|err| InputError {
            path: path.clone(),
            err,
        })?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files)?;
            files.sort();
            inputs.extend(files.into_iter().map(Input::file));
        } else {
            inputs.push(Input::file(path.clone()));
        }
    }
    Ok(inputs)
}

/// Whether a file found in a directory is an input.
fn is_input_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let stem = name.strip_suffix(".gz").unwrap_or(&name);
    [".jsonl", ".ndjson", ".txt"]
        .iter()
        .any(|ext| stem.ends_with(ext))
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), InputError> {
    let err = |err| InputError {
        path: dir.to_path_buf(),
        err,
    };
    for entry in fs::read_dir(dir).map_err(err)? {
        let entry = entry.map_err(err)?;
        let path = entry.path();
        // file_type does not follow symbolic links, so a link cycle cannot trap the walk.
        if entry.file_type().map_err(err)?.is_dir() {
            walk(&path, files)?;
        } else if is_input_name(&path) {
            files.push(path);
        }
    }
    Ok(())
}

/// The total input size when every input is a plain file (for a progress bar's ETA).
pub fn known_size(inputs: &[Input]) -> Option<u64> {
    inputs
        .iter()
        .try_fold(0u64, |sum, input| match (&input.path, input.gzip) {
            (Some(path), false) => Some(sum + fs::metadata(path).ok()?.len()),
            _ => None,
        })
}

/// Every record of every input, in order, opening each input when it is reached.
pub fn records(
    inputs: Vec<Input>,
    max_doc_bytes: usize,
) -> impl Iterator<Item = Result<Record, RunError>> {
    inputs
        .into_iter()
        .flat_map(move |input| open(input, max_doc_bytes))
}

type Records = Box<dyn Iterator<Item = Result<Record, RunError>>>;

fn open(input: Input, max_doc_bytes: usize) -> Records {
    let name: Arc<str> = input.name().into();
    let io_error = |err| RunError::Io {
        source_name: name.to_string(),
        err,
    };
    let reader: Box<dyn BufRead> = match &input.path {
        None => Box::new(io::stdin().lock()),
        Some(path) => match File::open(path) {
            Err(err) => return Box::new(std::iter::once(Err(io_error(err)))),
            Ok(file) if input.gzip => {
                Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(file)))
            }
            Ok(file) => Box::new(BufReader::with_capacity(1 << 16, file)),
        },
    };
    match input.format {
        Format::Ndjson => Box::new(Lines::new(name, reader, max_doc_bytes)),
        Format::Text => Box::new(std::iter::once(
            read_text(reader, max_doc_bytes)
                .map(|(input_bytes, body)| Record {
                    source: name.clone(),
                    number: 1,
                    input_bytes,
                    body,
                })
                .map_err(io_error),
        )),
    }
}

/// Reads a whole text document, holding at most `max_doc_bytes + 1` bytes of it.
fn read_text(mut reader: impl Read, max_doc_bytes: usize) -> io::Result<(u64, Body)> {
    let mut bytes = Vec::new();
    let limit = u64::try_from(max_doc_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let kept = reader.by_ref().take(limit).read_to_end(&mut bytes)? as u64;
    if bytes.len() <= max_doc_bytes {
        return Ok((kept, Body::Text(bytes)));
    }
    let rest = io::copy(&mut reader, &mut io::sink())?;
    let total = kept + rest;
    Ok((
        total,
        Body::TooLarge(usize::try_from(total).unwrap_or(usize::MAX)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_decide_the_format() {
        let f = |p: &str| {
            let i = Input::file(PathBuf::from(p));
            (i.gzip, i.format)
        };
        assert_eq!(f("a/story.txt"), (false, Format::Text));
        assert_eq!(f("a/STORY.TXT.gz"), (true, Format::Text));
        assert_eq!(f("wire.jsonl.gz"), (true, Format::Ndjson));
        assert_eq!(f("wire.json"), (false, Format::Ndjson));
        assert!(is_input_name(Path::new("x/y.ndjson")));
        assert!(!is_input_name(Path::new("x/notes.md")));
    }

    #[test]
    fn text_over_the_limit_is_counted_not_kept() {
        let (n, body) = read_text(&b"0123456789"[..], 4).unwrap();
        assert_eq!((n, body), (10, Body::TooLarge(10)));
        let (n, body) = read_text(&b"0123"[..], 4).unwrap();
        assert_eq!((n, body), (4, Body::Text(b"0123".to_vec())));
    }
}
