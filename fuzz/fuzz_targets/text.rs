//! Fuzz target `text`: plain-text article -> analyze (see common.rs).
#![no_main]
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| common::run_text(data));
