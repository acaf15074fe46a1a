#!/usr/bin/env bash
# Builds the engine for the browser: dist/wasm/whosaid.js + whosaid_bg.wasm
# (wasm-bindgen --target web), optimised with binaryen's wasm-opt from npm
# (Debian's binaryen 108 corrupts wasm-bindgen output).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --lib --profile wasm --target wasm32-unknown-unknown
rm -rf dist/wasm && mkdir -p dist/wasm
wasm-bindgen --target web --no-typescript --out-dir dist/wasm --out-name whosaid \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/whosaid.wasm"
# -ocimfs 50: a function called from one place is inlined there only when
# it is small (50 bytes); without it the module is 13 KB bigger gzipped
# (wasm-opt folded much of the analysis into one 139 KB function). As fast
# once warm; the first page after the browser starts waited a few ms more
# in the bench (docs/perf2.md, "Lead, seventh day"). The producers and
# target-features sections are of no use to a browser.
node_modules/.bin/wasm-opt -Os -ocimfs 50 --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  dist/wasm/whosaid_bg.wasm -o dist/wasm/whosaid_bg.wasm
printf '[build-wasm] dist/wasm/whosaid_bg.wasm: %s bytes, %s gzipped\n' \
  "$(wc -c < dist/wasm/whosaid_bg.wasm)" "$(gzip -9c dist/wasm/whosaid_bg.wasm | wc -c)"
