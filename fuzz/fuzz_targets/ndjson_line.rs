//! Arbitrary bytes as one NDJSON line: read, written, read again (see fuzz/README.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newsnlp_fuzz::fuzz_ndjson_line(data));
