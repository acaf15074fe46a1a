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

step "show: the CLI on the bundled sample article samples/politics.html"
"${CARGO_TARGET_DIR:-target}/release/whosaid" --color always samples/politics.html
cat <<'EOF'

Built:
  target/release/whosaid        the CLI (try: target/release/whosaid --json samples/uk.html)
  dist/chrome, dist/firefox     load unpacked: chrome://extensions (Developer mode, Load unpacked)
                                or about:debugging#/runtime/this-firefox (Load Temporary Add-on, manifest.json)
  dist/whosaid-*.zip            store packages
  dist/www                      the web page: node scripts/serve.mjs dist/www  ->  http://127.0.0.1:8080/
Sample pages for the extension: node scripts/serve.mjs samples 8080  ->  http://127.0.0.1:8080/politics.html
EOF
