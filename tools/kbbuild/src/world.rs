//! World leaders (every-politician world-leaders-2021, CC0) with their
//! parties from `facts/world_leaders.tsv`.

use crate::model::Model;
use std::path::Path;

/// Heads of state and government.
pub fn leaders(_m: &mut Model, _src: &Path, _facts: &Path) -> Result<(), String> {
    Ok(())
}
