//! Replays every input in `tests/fuzz/<target>/` through the same code the
//! fuzz targets run (`fuzz/fuzz_targets/common.rs`), in the normal
//! `cargo test`. A crash `scripts/fuzz.sh` finds is copied there, so once
//! fixed it stays fixed; see tests/fuzz/README.md.

#[path = "../fuzz/fuzz_targets/common.rs"]
mod common;

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// Generous: each input is small; a hang is what this catches.
const BOUND: Duration = Duration::from_secs(if cfg!(debug_assertions) { 60 } else { 10 });

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for f in &files {
        let data = std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let (tx, rx) = mpsc::channel();
        let name = f.display().to_string();
        let h = std::thread::spawn(move || {
            run(&data);
            let _ = tx.send(());
        });
        match rx.recv_timeout(BOUND) {
            Ok(()) => {
                let _ = h.join();
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{name}: crashed (see the panic above)"),
            Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name}: no result within {BOUND:?}"),
        }
    }
    files.len()
}

#[test]
fn fuzz_regressions_text() {
    assert!(replay("text", common::run_text) > 0, "no inputs in tests/fuzz/text");
}

#[test]
fn fuzz_regressions_html() {
    assert!(replay("html", common::run_html) > 0, "no inputs in tests/fuzz/html");
}

#[test]
fn fuzz_regressions_snapshot_json() {
    assert!(replay("snapshot_json", common::run_snapshot_json) > 0, "no inputs in tests/fuzz/snapshot_json");
}

#[test]
fn fuzz_regressions_snapshot_nodes() {
    assert!(replay("snapshot_nodes", common::run_snapshot_nodes) > 0, "no inputs in tests/fuzz/snapshot_nodes");
}

/// The structure-aware builder can produce invalid snapshots (so the fuzzer
/// exercises the error path): make sure it does, and valid ones too.
#[test]
fn snapshot_builder_makes_valid_and_invalid_snapshots() {
    let valid = common::build(&[0x00, 0x02, 0x05, 0x05, 0x14, 0x03, 0x00, 0x01, 0x02]);
    assert!(valid.validate().is_ok() && valid.nodes.len() == 3, "{valid:?}");
    let invalid = common::build(&[0x00, 0x02, 0xC0, 0xFF]);
    assert!(invalid.validate().is_err(), "{invalid:?}");
}
