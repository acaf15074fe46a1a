//! United Kingdom sources: the Institute for Government ministers database
//! (CC BY 4.0) and the current MPs (mp-lookup).

use crate::model::Model;
use std::path::Path;

/// UK ministers since 1979 and current MPs.
pub fn ministers_and_mps(_m: &mut Model, _src: &Path) -> Result<(), String> {
    Ok(())
}
