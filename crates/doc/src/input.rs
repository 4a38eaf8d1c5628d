//! Command-line inputs turned into the runner's records, the same for the driver and every
//! stage binary (feature `input`): NDJSON files, plain-text files, directories, stdin, and
//! gzip of any of them — recognised by its magic bytes, whatever the name.
//!
//! Files are opened one at a time as the runner reaches them, so a directory of a million
//! files holds one open file, and every read goes through the `--max-doc-bytes` guard. A UTF-8
//! byte order mark at the start of an input is dropped (offsets count from after it).

use crate::error::RunError;
use crate::runner::{Body, Lines, Record, BOM};
use flate2::read::MultiGzDecoder;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Cursor, Read};
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

/// The gzip magic bytes.
const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

/// One input stream: a file or stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// `None` is stdin.
    pub path: Option<PathBuf>,
    pub format: Format,
}

impl Input {
    fn stdin() -> Input {
        Input {
            path: None,
            format: Format::Ndjson,
        }
    }

    /// Classifies a file by its name: `.txt` (or `.txt.gz`) is text, anything else NDJSON.
    /// Whether it is gzip is read from its first bytes when it is opened.
    pub fn file(path: PathBuf) -> Input {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let stem = name.strip_suffix(".gz").unwrap_or(&name);
        let format = if stem.ends_with(".txt") {
            Format::Text
        } else {
            Format::Ndjson
        };
        Input {
            path: Some(path),
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

/// The total input size when every input is a file that is not gzip (for a progress bar's
/// ETA; it opens each file to read its first bytes).
pub fn known_size(inputs: &[Input]) -> Option<u64> {
    inputs.iter().try_fold(0u64, |sum, input| {
        let path = input.path.as_ref()?;
        let mut head = Vec::new();
        File::open(path).ok()?.take(2).read_to_end(&mut head).ok()?;
        (head != GZIP_MAGIC).then_some(())?;
        Some(sum + fs::metadata(path).ok()?.len())
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
    let raw: Box<dyn Read> = match &input.path {
        None => Box::new(io::stdin().lock()),
        Some(path) => match File::open(path) {
            Err(err) => return Box::new(std::iter::once(Err(io_error(err)))),
            Ok(file) => Box::new(file),
        },
    };
    let reader = match unpacked(raw) {
        Ok(reader) => reader,
        Err(err) => return Box::new(std::iter::once(Err(io_error(err)))),
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

/// The bytes of `raw`, unpacked when they start with the gzip magic bytes.
fn unpacked(mut raw: Box<dyn Read>) -> io::Result<Box<dyn BufRead>> {
    let mut head = Vec::with_capacity(GZIP_MAGIC.len());
    raw.by_ref()
        .take(GZIP_MAGIC.len() as u64)
        .read_to_end(&mut head)?;
    let gzip = head == GZIP_MAGIC;
    let whole = Cursor::new(head).chain(raw);
    Ok(if gzip {
        Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(whole),
        ))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, whole))
    })
}

/// Reads a whole text document without its byte order mark, holding at most
/// `max_doc_bytes + 1` bytes of its text.
fn read_text(mut reader: impl Read, max_doc_bytes: usize) -> io::Result<(u64, Body)> {
    let mut bytes = Vec::new();
    let limit = u64::try_from(max_doc_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1 + BOM.len() as u64);
    let kept = reader.by_ref().take(limit).read_to_end(&mut bytes)? as u64;
    let bom = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    bytes.drain(..bom);
    if bytes.len() <= max_doc_bytes {
        return Ok((kept, Body::Text(bytes)));
    }
    let rest = io::copy(&mut reader, &mut io::sink())?;
    let total = kept + rest;
    let text = usize::try_from(total - bom as u64).unwrap_or(usize::MAX);
    Ok((total, Body::TooLarge(text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_decide_the_format() {
        let f = |p: &str| Input::file(PathBuf::from(p)).format;
        assert_eq!(f("a/story.txt"), Format::Text);
        assert_eq!(f("a/STORY.TXT.gz"), Format::Text);
        assert_eq!(f("wire.jsonl.gz"), Format::Ndjson);
        assert_eq!(f("wire.json"), Format::Ndjson);
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

    #[test]
    fn a_byte_order_mark_is_not_text() {
        let (n, body) = read_text(&b"\xEF\xBB\xBF0123"[..], 4).unwrap();
        assert_eq!((n, body), (7, Body::Text(b"0123".to_vec())));
        let (n, body) = read_text(&b"\xEF\xBB\xBF01234"[..], 4).unwrap();
        assert_eq!((n, body), (8, Body::TooLarge(5)));
    }

    #[test]
    fn gzip_is_known_by_its_first_bytes() {
        use flate2::write::GzEncoder;
        use std::io::Write;
        let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"{\"text\":\"a\"}\n").unwrap();
        let packed = enc.finish().unwrap();
        let mut text = String::new();
        unpacked(Box::new(Cursor::new(packed)))
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "{\"text\":\"a\"}\n");
        for plain in [&b""[..], b"\x1f", b"{}\n"] {
            let mut bytes = Vec::new();
            unpacked(Box::new(plain))
                .unwrap()
                .read_to_end(&mut bytes)
                .unwrap();
            assert_eq!(bytes, plain);
        }
    }
}
