//! News-like text through `tokenize` and `pos`; every layer checked (see fuzz/README.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newsnlp_fuzz::fuzz_text_chain(data, "pos"));
