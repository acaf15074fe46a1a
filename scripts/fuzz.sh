#!/usr/bin/env bash
# Fuzzes the engine for a bounded time: scripts/fuzz.sh [SECONDS_PER_TARGET]
# (default 60) [TARGET...] (default: all of text, html, snapshot_json,
# snapshot_nodes). libFuzzer through cargo-fuzz, on the stable toolchain
# (RUSTC_BOOTSTRAP=1 lets it take the nightly-only sanitizer flags),
# AddressSanitizer on.
#
# No panic, no hang (a single input over 10 s), no inconsistent report (see
# fuzz/fuzz_targets/common.rs). A crash is copied to tests/fuzz/<target>/,
# where tests/fuzz_regressions.rs replays it in the normal `cargo test`, and
# the script exits 1. Installs cargo-fuzz first if needed (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(text html snapshot_json snapshot_nodes)
say() { printf '\033[1;34m[fuzz]\033[0m %s\n' "$*"; }

if ! cargo fuzz --version >/dev/null 2>&1; then
  say "cargo install cargo-fuzz (once)"
  cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1
# cargo-fuzz keeps its own target dir inside fuzz/ (gitignored); an
# inherited CARGO_TARGET_DIR would mix sanitizer builds with normal ones.
unset CARGO_TARGET_DIR

say "build (release + debug assertions, ASan)"
(cd fuzz && cargo fuzz build -O)

# Seed corpora: the regression inputs, the samples, and for the JSON
# target the samples as snapshots.
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  cp -n tests/fuzz/"$t"/* "fuzz/corpus/$t/" 2>/dev/null || true
done
[ -d fuzz/corpus/text ] && cp -n samples/*.txt fuzz/corpus/text/ 2>/dev/null || true
[ -d fuzz/corpus/html ] && cp -n samples/*.html fuzz/corpus/html/ 2>/dev/null || true
if [ -d fuzz/corpus/snapshot_json ]; then
  for f in samples/*.txt; do
    out="fuzz/corpus/snapshot_json/$(basename "$f" .txt).json"
    [ -f "$out" ] || python3 - "$f" > "$out" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
nodes = [{"p": -1, "tag": "html", "attrs": {"lang": "en"}}, {"p": 0, "tag": "body"}, {"p": 1, "tag": "article"}]
for para in text.split("\n\n"):
    if para.strip():
        nodes.append({"p": 2, "tag": "p"})
        nodes.append({"p": len(nodes) - 1, "text": para.strip()})
print(json.dumps({"nodes": nodes}, ensure_ascii=False))
PY
  done
fi

status=0
summary=()
for t in "${targets[@]}"; do
  say "$t: ${secs} s"
  log="fuzz/artifacts/$t.log"
  mkdir -p "fuzz/artifacts/$t"
  set +e
  (cd fuzz && cargo fuzz run -O "$t" "corpus/$t" -- \
      -max_total_time="$secs" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
      -dict=dict.txt -print_final_stats=1) > "$log" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1 | awk '{print $2}')
  crashes=$(ls "fuzz/artifacts/$t" 2>/dev/null | grep -E '^(crash|timeout|oom|leak)-' || true)
  if [ "$rc" -ne 0 ] || [ -n "$crashes" ]; then
    status=1
    for c in $crashes; do
      cp "fuzz/artifacts/$t/$c" "tests/fuzz/$t/$c"
      say "$t: FOUND $c -> tests/fuzz/$t/$c (replayed by tests/fuzz_regressions.rs)"
    done
    grep -E 'panicked|ERROR|SUMMARY' "$log" | head -n 5 || true
    summary+=("$t: FAILED (exit $rc), ${runs:-?} runs, see $log")
  else
    summary+=("$t: ok, ${runs:-?} runs in ${secs} s, coverage ${cov:-?} edges")
  fi
done
say "summary"
printf '  %s\n' "${summary[@]}"
exit $status
