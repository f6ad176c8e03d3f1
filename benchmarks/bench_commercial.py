"""Throughput of the ``commercial`` and ``disclaimers`` measures (MB/s, one core).

Corpus: OneStopEnglish news texts and BioScope abstracts (sentences joined per abstract) from
../shared/data, resampled with a fixed seed into ~``--mb`` MB of documents. Documents are
segmented first; the figure that counts is the time of the measures' ``__call__`` alone
(after ``Document.n_words`` has been computed once, as the runner's structure measure does),
with segmentation included reported beside it. Both wall-clock and CPU time (``process_time``,
robust to other processes on the machine) are printed.

Run: ``.venv/bin/python benchmarks/bench_commercial.py [--mb 10]``.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from textstudy.document import BLOCK_KINDS
from textstudy.measures.commercial import Commercial, Disclaimers
from textstudy.segment import segment
from textstudy.validation.commercial import bioscope_documents, onestop_documents

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _timed(f) -> tuple[float, float]:
    w, c = time.perf_counter(), time.process_time()
    f()
    return time.perf_counter() - w, time.process_time() - c


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (UTF-8)")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    pool = [d.text for d in onestop_documents(args.data)]
    pool += [d.text for d in bioscope_documents(args.data)]
    rng = random.Random(0)
    texts, size = [], 0
    while size < args.mb * 1e6:
        t = rng.choice(pool)
        texts.append(t)
        size += len(t.encode("utf-8"))
    mb = size / 1e6
    docs: list = []
    seg_w, seg_c = _timed(lambda: docs.extend(segment(str(i), t) for i, t in enumerate(texts)))
    kinds = set(BLOCK_KINDS)
    _timed(lambda: [d.n_words(kinds) for d in docs])
    print(f"corpus: {len(docs)} documents, {mb:.1f} MB; segmentation {mb / seg_c:.1f} MB/s (CPU)")
    for measure in (Commercial(), Disclaimers()):
        w, c = _timed(lambda m=measure: [m(d) for d in docs])
        print(
            f"{measure.name:12s} measure only: {mb / c:5.1f} MB/s CPU, {mb / w:5.1f} MB/s wall; "
            f"with segmentation: {mb / (c + seg_c):5.1f} MB/s CPU"
        )


if __name__ == "__main__":
    main()
