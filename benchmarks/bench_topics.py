"""Streamed topic-model fit on 100,000 paragraph units: peak memory and throughput.

The corpus is built on the fly by resampling paragraphs (with replacement, seeded) from
../shared/data: OneStopEnglish paragraphs (one per line of each text) and BioScope abstracts
(sentences of one abstract joined into a paragraph). Only paragraphs of 40-200 words are
used, so each becomes exactly one unit of :func:`textstudy.topics.build_units` (defaults 40-200).
Each synthetic document has ``--paras`` paragraphs separated by blank lines plus one
"Share This Post" boilerplate line (dropped by the unit builder); documents are yielded in
chunks of ``--chunk-docs`` and never held all at once.

The model is ``TopicModel(method="minibatch_nmf")`` fitted with :meth:`fit_stream`: pass 1
fixes the vocabulary and idf from document frequencies, pass 2 calls ``partial_fit`` per chunk.
Peak RSS is the process's ``ru_maxrss``. MB/s = UTF-8 megabytes of generated text per second of
wall time; passes are timed separately and together (unit building is included, as it is part
of every pass), and a third pass times unit building alone (segmentation, merging, splitting).

Run from the project root::

    .venv/bin/python benchmarks/bench_topics.py            # 100,000 units, k = 20
    .venv/bin/python benchmarks/bench_topics.py --units 20000 --method lda
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from textstudy.document import WORD_RE
from textstudy.topics import TopicModel, corpus_units

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def paragraph_pool(min_words: int = 40, max_words: int = 200) -> list[str]:
    paras: list[str] = []
    with (DATA / "readability" / "onestop.jsonl").open(encoding="utf-8") as f:
        for line in f:
            for p in json.loads(line)["text"].split("\n"):
                paras.append(p.strip())
    abstracts: dict[str, list[str]] = {}
    with (DATA / "hedging" / "bioscope_abstracts.jsonl").open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            abstracts.setdefault(r["doc_id"], []).append(r["text"].strip())
    paras.extend(" ".join(s) for s in abstracts.values())
    return [p for p in paras if min_words <= len(WORD_RE.findall(p)) <= max_words]


def make_chunks(
    pool: list[str], n_docs: int, paras: int, chunk_docs: int, seed: int = 0
) -> Iterator[pd.DataFrame]:
    rng = np.random.default_rng(seed)
    for start in range(0, n_docs, chunk_docs):
        n = min(chunk_docs, n_docs - start)
        idx = rng.integers(0, len(pool), size=(n, paras))
        texts = ["\n\n".join([pool[i] for i in row] + ["Share This Post"]) for row in idx]
        yield pd.DataFrame(
            {
                "doc_id": [f"d{start + i}" for i in range(n)],
                "text": texts,
                "outlet": [f"o{(start + i) % 5}" for i in range(n)],
            }
        )


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--paras", type=int, default=10, help="paragraphs per document")
    ap.add_argument("--chunk-docs", type=int, default=1000)
    ap.add_argument("--k", type=int, default=20)
    ap.add_argument("--method", default="minibatch_nmf", choices=("minibatch_nmf", "lda"))
    args = ap.parse_args()

    pool = paragraph_pool()
    n_docs = -(-args.units // args.paras)
    nbytes = sum(
        len(t.encode("utf-8"))
        for c in make_chunks(pool, n_docs, args.paras, args.chunk_docs)
        for t in c["text"]
    )
    rss_before = rss_mb()

    model = TopicModel(
        method=args.method, n_topics=args.k, min_df=5, max_df=0.5, batch_size=2048
    )
    t0 = time.perf_counter()
    model.fit_vocabulary(make_chunks(pool, n_docs, args.paras, args.chunk_docs))
    t1 = time.perf_counter()
    for chunk in make_chunks(pool, n_docs, args.paras, args.chunk_docs):
        model.partial_fit(chunk)
    t2 = time.perf_counter()

    # Unit building alone (segmentation + merging/splitting), to separate it from fitting.
    for chunk in make_chunks(pool, n_docs, args.paras, args.chunk_docs):
        corpus_units(chunk)
    t3 = time.perf_counter()

    first = next(make_chunks(pool, n_docs, args.paras, args.chunk_docs))
    coh = model.score_coherence(first)
    mb = nbytes / 1e6
    result = {
        "method": args.method,
        "k": args.k,
        "paragraph_pool": len(pool),
        "documents": n_docs,
        "units_pass1": int(model._vocab_units),
        "units_fitted": int(model.n_units_),
        "vocabulary_size": int(len(model.vocabulary_)),
        "text_mb": round(mb, 1),
        "seconds_vocabulary_pass": round(t1 - t0, 1),
        "seconds_fit_pass": round(t2 - t1, 1),
        "mb_per_s_total": round(mb / (t2 - t0), 2),
        "mb_per_s_fit_pass": round(mb / (t2 - t1), 2),
        "seconds_units_only": round(t3 - t2, 1),
        "mb_per_s_units_only": round(mb / (t3 - t2), 2),
        "mb_per_s_fit_pass_excl_units": round(mb / max(t2 - t1 - (t3 - t2), 1e-9), 2),
        "peak_rss_mb_before_fit": round(rss_before),
        "peak_rss_mb": round(rss_mb()),
        "npmi_first_chunk": round(float(np.nanmean(coh)), 4),
    }
    print(json.dumps(result, indent=2))
    for label in list(model.topic_labels(4).values())[:8]:
        print(label)


if __name__ == "__main__":
    main()
