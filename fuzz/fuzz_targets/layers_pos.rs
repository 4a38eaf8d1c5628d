//! Arbitrary valid input layers through `pos` alone; its output checked (see fuzz/README.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    newsnlp_fuzz::fuzz_layers(data, &newsnlp_fuzz::stages().pos)
});
