"""Throughput of the hedging measure (MB of text per second, one core).

Corpus: every OneStopEnglish text, every BioScope abstract (its sentences joined into one
paragraph) and the Pei & Jurgens findings (in groups of 20, one paragraph each), read from
``../shared/data``; the set is repeated ``--repeat`` times (default 3). Documents are segmented
first; the time of ``Hedging()(doc)`` over all documents is reported (a) with the Documents'
word counts already cached (as in ``analyze()`` after the structure measure has run), (b) on
fresh Documents, so including the word-count denominator (``document.count_words``),
and (c) together with segmentation. Each timing is the best of ``--rounds`` runs (fresh
Documents each run, so no cached word counts are reused).

Usage: ``.venv/bin/python benchmarks/bench_hedging.py [--data ../shared/data]``
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from textstudy.measures.hedging import Hedging
from textstudy.segment import segment

ROOT = Path(__file__).resolve().parents[1]


def corpus_texts(data: Path) -> list[str]:
    texts: list[str] = []
    with open(data / "readability" / "onestop.jsonl", encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in f]
    abstracts: dict[str, list[str]] = defaultdict(list)
    with open(data / "hedging" / "bioscope_abstracts.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            abstracts[row["doc_id"]].append(row["text"])
    texts += [" ".join(v) for v in abstracts.values()]
    with open(data / "hedging" / "pei_certainty_trainval.jsonl", encoding="utf-8") as f:
        findings = [json.loads(line)["finding"] for line in f]
    texts += [" ".join(findings[i : i + 20]) for i in range(0, len(findings), 20)]
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    texts = corpus_texts(args.data) * args.repeat
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    measure = Hedging()
    best = {"warm": float("inf"), "cold": float("inf"), "total": float("inf")}
    n_hedges = 0
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        docs = [segment(str(i), t) for i, t in enumerate(texts)]
        t1 = time.perf_counter()
        n_hedges = sum(measure(d).values["hedges_n"] for d in docs)
        t2 = time.perf_counter()
        for d in docs:  # as after the structure measure: word counts cached on the Document
            d.words_per_block  # noqa: B018
        t3 = time.perf_counter()
        for d in docs:
            measure(d)
        t4 = time.perf_counter()
        best["cold"] = min(best["cold"], t2 - t1)
        best["total"] = min(best["total"], t2 - t0)
        best["warm"] = min(best["warm"], t4 - t3)
    print(f"corpus: {len(texts)} documents, {mb:.1f} MB, {n_hedges} hedges")
    labels = (("warm", "measure, word counts cached"), ("cold", "measure incl. word counts"),
              ("total", "segmentation + measure"))
    for key, label in labels:
        print(f"{label:29s} {mb / best[key]:6.1f} MB/s ({best[key]:.2f} s)")


if __name__ == "__main__":
    main()
