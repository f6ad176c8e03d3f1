"""Throughput of the citations measure (MB/s per core) on a corpus built from ../shared/data.

Documents: BioScope abstracts (sentences regrouped by abstract), OneStopEnglish news texts and
Pei & Jurgens scientific findings (grouped in tens), repeated ``--repeat`` times. Documents are
segmented first; the measure's ``__call__`` alone is timed, then segmentation + measure.
Figures are CPU time (``time.process_time``) and wall clock; with ``--passes N`` the measure
runs N times over the same documents and the fastest pass is reported (CPU time still varies
by tens of percent between runs on a busy shared machine).

Run: ``.venv/bin/python benchmarks/bench_citations.py [--repeat 3] [--passes 5]``
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from textstudy.measures.citations import Citations
from textstudy.segment import segment

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def corpus() -> list[str]:
    texts: list[str] = []
    abstracts: dict[str, list[str]] = defaultdict(list)
    with open(DATA / "hedging" / "bioscope_abstracts.jsonl") as f:
        for line in f:
            r = json.loads(line)
            abstracts[r["doc_id"]].append(r["text"])
    texts += [" ".join(v) for v in abstracts.values()]
    with open(DATA / "readability" / "onestop.jsonl") as f:
        texts += [json.loads(line)["text"] for line in f]
    with open(DATA / "hedging" / "pei_certainty_trainval.jsonl") as f:
        findings = [json.loads(line) for line in f]
    key = next(k for k in ("finding", "text", "sentence") if k in findings[0])
    sents = [r[key] for r in findings]
    texts += [" ".join(sents[i : i + 10]) for i in range(0, len(sents), 10)]
    return texts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--passes", type=int, default=1)
    args = ap.parse_args()
    texts = corpus() * args.repeat
    mb = sum(len(t.encode()) for t in texts) / 1e6
    measure = Citations()
    c0, t0 = time.process_time(), time.perf_counter()
    docs = [segment(str(i), t) for i, t in enumerate(texts)]
    c_seg, t_seg = time.process_time() - c0, time.perf_counter() - t0
    c_meas = t_meas = float("inf")
    for _ in range(max(1, args.passes)):
        c0, t0 = time.process_time(), time.perf_counter()
        n_s = n_v = 0
        for d in docs:
            v = measure(d).values
            n_s += v["citations_specific_n"]
            n_v += v["citations_vague_n"]
        c_meas = min(c_meas, time.process_time() - c0)
        t_meas = min(t_meas, time.perf_counter() - t0)
    print(f"documents: {len(docs)}  text: {mb:.2f} MB  specific: {n_s}  vague: {n_v}")
    print("MB/s per core (CPU time, time.process_time; wall clock in brackets; one process; "
          f"fastest of {max(1, args.passes)} passes)")
    print(f"citations measure only:  {mb / c_meas:6.1f} MB/s  [{mb / t_meas:6.1f}]  "
          f"({c_meas:.2f} s CPU)")
    c_all, t_all = c_meas + c_seg, t_meas + t_seg
    print(f"segmentation + measure:  {mb / c_all:6.1f} MB/s  [{mb / t_all:6.1f}]  "
          f"({c_all:.2f} s CPU)")


if __name__ == "__main__":
    main()
