#!/usr/bin/env bash
# Builds everything (CLI, wasm, extension for Chrome and Firefox, www) and
# shows the engine working on the bundled sample article.
# Installs what it needs first (scripts/setup.sh, idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }

step "setup"
bash scripts/setup.sh

step "build: CLI (target/release/whosaid)"
cargo build --release --bin whosaid

step "build: wasm (dist/wasm)"
bash scripts/build-wasm.sh

step "build: www (dist/www; serve it with: node scripts/serve.mjs dist/www)"
node scripts/build-www.mjs

step "build: browser extension (dist/chrome, dist/firefox, dist/whosaid-{chrome,firefox}.zip)"
node scripts/build-extension.mjs
