"""CPU-time throughput of structure-first segmentation and the per-document runner overhead.

Builds a corpus of resampled paragraphs (deterministic seed, same pool as ``bench_scale.py``:
the synthetic web articles in tests/fixtures/webcorpus, OneStopEnglish paragraphs and BioScope
sentences from ../shared/data), then reports MB/s of CPU time (``time.process_time``), best of
``--repeat`` runs, for:

- ``segment``: :func:`textstudy.segment` (blocks + sentences);
- ``status``: :func:`textstudy.run.document_status` on freshly segmented documents (it computes
  the cached word counts per block);
- ``n_words``: ``Document.n_words()`` on freshly segmented documents (first call, uncached);
- ``segment+status+n_words``: all three per document, as the runner does;
- ``analyze_structure_only``: ``textstudy.analyze(df, measures=[])`` (structure counts only).

Usage::

    .venv/bin/python benchmarks/bench_segment.py [--docs 2000] [--repeat 3] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scale import paragraphs  # noqa: E402

SEED = 20261123


def build(pool: list[str], n: int) -> pd.DataFrame:
    """``n`` documents of 4-12 resampled paragraphs joined by newlines (blank line now and then)."""
    rng = random.Random(SEED + n)
    texts = []
    for _ in range(n):
        parts = [rng.choice(pool) for _ in range(rng.randint(4, 12))]
        texts.append("".join(p + ("\n\n" if rng.random() < 0.3 else "\n") for p in parts))
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "text": texts})


def best_cpu(fn, repeat: int) -> float:
    """Smallest CPU time (s) of ``repeat`` calls of ``fn``."""
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args()

    import textstudy
    from textstudy.run import document_status

    df = build(paragraphs(args.data), args.docs)
    pairs = list(zip(df["doc_id"], df["text"]))
    mb = sum(len(t.encode()) for t in df["text"]) / 1e6

    def fresh():
        return [textstudy.segment(d, t) for d, t in pairs]

    def segment_only():
        fresh()

    def all_three():
        for d, t in pairs:
            doc = textstudy.segment(d, t)
            document_status(doc)
            doc.n_words()

    def timed_on_fresh(fn) -> float:
        best = float("inf")
        for _ in range(args.repeat):
            docs = fresh()
            t = time.process_time()
            for doc in docs:
                fn(doc)
            best = min(best, time.process_time() - t)
        return best

    secs = {
        "segment": best_cpu(segment_only, args.repeat),
        "status": timed_on_fresh(document_status),
        "n_words": timed_on_fresh(lambda doc: doc.n_words()),
        "segment+status+n_words": best_cpu(all_three, args.repeat),
        "analyze_structure_only": best_cpu(lambda: textstudy.analyze(df, measures=[]),
                                           args.repeat),
    }
    print(f"corpus: {args.docs} documents, {mb:.2f} MB (UTF-8), seed {SEED}; "
          f"CPU time, best of {args.repeat}")
    print(f"{'step':<26}{'CPU s':>8}{'MB/s':>9}")
    for k, s in secs.items():
        print(f"{k:<26}{s:>8.3f}{mb / s:>9.1f}")


if __name__ == "__main__":
    main()
