//! Support for the end-to-end tests: locating the built binaries and running them.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Path of a workspace binary built by `cargo build --workspace --bins` (debug profile).
///
/// Panics with instructions when it has not been built: the end-to-end tests exercise the
/// real binaries, so `make test` builds them before running the tests.
pub fn binary(name: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let path = target.join("debug").join(name);
    assert!(
        path.exists(),
        "{} is not built: run `cargo build --workspace --bins` (or `make test`) first",
        path.display()
    );
    path
}

/// Runs `name args…` in the repository root with `stdin`, returning its output.
pub fn run(name: &str, args: &[&str], stdin: &[u8]) -> Output {
    let mut command = Command::new(binary(name));
    command.args(args).current_dir(root());
    run_command(command, stdin)
}

/// Runs `command` with `stdin` fed from a second thread (so a large input cannot deadlock
/// against a full stdout pipe) and returns its output.
///
/// A run that fails before reading (a usage error, `--strict` on a bad first line) may close
/// stdin while the writer is still feeding it; a successful run must have taken all of it.
pub fn run_command(mut command: Command, stdin: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let mut input = child.stdin.take().expect("stdin is piped");
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || input.write_all(&data));
    let output = child
        .wait_with_output()
        .expect("the binary runs to completion");
    match writer.join().expect("stdin writer does not panic") {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::BrokenPipe && !output.status.success() => {}
        Err(e) => panic!("{command:?} did not take its stdin: {e}"),
    }
    output
}

/// Runs `name` and returns its stdout, failing the test on a non-zero exit.
pub fn run_ok(name: &str, args: &[&str], stdin: &[u8]) -> Vec<u8> {
    let out = run(name, args, stdin);
    assert!(
        out.status.success(),
        "{name} {args:?} failed with {}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Reads a file relative to the repository root.
pub fn read(path: impl AsRef<Path>) -> String {
    let path = root().join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The stage binaries in pipeline order.
pub const STAGES: [&str; 5] = [
    "newsnlp-tokenize", "newsnlp-pos", "newsnlp-dateline", "newsnlp-entities", "newsnlp-quotes",
];

/// Pipes `input` through every stage binary in turn, as a shell pipe would.
pub fn pipe(input: &[u8]) -> Vec<u8> {
    STAGES
        .iter()
        .fold(input.to_vec(), |data, stage| run_ok(stage, &["-q"], &data))
}
