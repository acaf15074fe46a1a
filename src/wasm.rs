//! The WebAssembly binding: the only module that knows wasm-bindgen.
#![deny(clippy::unwrap_used)]

use wasm_bindgen::prelude::*;

/// Analyses a snapshot (the JS object the content script built) and returns
/// the report as a JS object.
#[wasm_bindgen]
pub fn analyze(snapshot: JsValue) -> Result<JsValue, JsValue> {
    let snap: crate::Snapshot = serde_wasm_bindgen::from_value(snapshot)?;
    let report = crate::analyze(&snap, crate::Kb::embedded(), &crate::Options::default())
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(serde_wasm_bindgen::to_value(&report)?)
}
