#!/usr/bin/env bash
# Installs everything the build and the tests need, idempotently: Debian's
# browsers, the wasm32 target, wasm-bindgen-cli at the crate's pinned
# version, and the npm packages. Safe to run again; quick when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO=sudo; fi

# Debian packages: browsers for the end-to-end tests (test tools must never
# download browsers of their own).
need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
command -v firefox-esr >/dev/null || need_apt+=(firefox-esr)
command -v zip >/dev/null || need_apt+=(zip)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "apt-get install ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# Rust: the wasm32 target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate version pinned in Cargo.toml.
want=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "cargo install wasm-bindgen-cli --version $want (takes a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$want"
fi

# npm packages (playwright-core, puppeteer-core, web-ext, binaryen's wasm-opt).
if [ ! -d node_modules ] || [ package.json -nt node_modules/.installed ] || { [ -f package-lock.json ] && [ package-lock.json -nt node_modules/.installed ]; }; then
  say "npm install"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
  touch node_modules/.installed
fi
