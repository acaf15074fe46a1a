//! Accuracy harness (native only): scores the engine against PolNeAR's gold
//! attributions and against the seed article's gold. Driven by
//! `whosaid eval ...`.

use std::process::ExitCode;

/// Runs `whosaid eval <polnear|seed> DIR [options]`; `args` excludes "eval".
pub fn cli(args: &[String]) -> ExitCode {
    eprintln!("whosaid eval: not implemented yet ({args:?})");
    ExitCode::from(2)
}
