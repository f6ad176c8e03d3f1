"""Precision check of specific citations on real text the rules were not tuned on.

Runs the citations measure over BioScope abstracts (Vincze et al. 2008; sentences regrouped
by abstract) and the advanced-level OneStopEnglish news texts (Vajjala & Lučić 2018), pools
every specific citation found, and draws a deterministic random sample (``random.Random(seed)``
over the citations sorted by corpus, document and offset) for reading by hand. Each sampled
citation is printed with its kind, span and sentence; the reader judges whether the span is a
source a reader could look up, of the stated kind.

Run: ``.venv/bin/python -m textstudy.validation.citations --seed 11 --n 100`` to print the
sample; ``textstudy validate citations`` reports the recorded judgement and whether the current
rules still produce the judged sample.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from ..measures.citations import Citations, citation_table
from ..segment import segment
from . import RESULTS, SHARED_DATA, read_jsonl

DATA = SHARED_DATA


def documents(data: Path = DATA) -> Iterator[tuple[str, str, str]]:
    """(corpus, doc_id, text) for BioScope abstracts and OneStopEnglish advanced texts."""
    abstracts: dict[str, list[str]] = defaultdict(list)
    for r in read_jsonl(data / "hedging" / "bioscope_abstracts.jsonl"):
        abstracts[r["doc_id"]].append(r["text"])
    for doc_id in sorted(abstracts):
        yield "bioscope", doc_id, " ".join(abstracts[doc_id])
    for r in read_jsonl(data / "readability" / "onestop.jsonl"):
        if r["level"] == "adv":  # the other levels rewrite the same articles
            yield "onestop", r["topic"], r["text"]


def specific_citations(data: Path = DATA) -> list[dict]:
    """Every specific citation in the validation corpora, in a fixed order."""
    measure = Citations()
    rows = []
    for corpus, doc_id, text in documents(data):
        for r in citation_table(segment(doc_id, text), measure):
            if r["family"] == "specific":
                rows.append({"corpus": corpus, "doc_id": doc_id, **r})
    rows.sort(key=lambda r: (r["corpus"], r["doc_id"], r["start"], r["end"]))
    return rows


def draw(rows: list[dict], n: int, seed: int) -> list[dict]:
    """A deterministic random sample of ``n`` rows (all rows when there are fewer)."""
    return random.Random(seed).sample(rows, min(n, len(rows)))


def validate_citations(data_dir: str | Path = DATA) -> dict:
    """The recorded hand judgement (``benchmarks/results/citations_validation.json``) and
    whether it still applies: the sample is re-drawn from the current rules' citations and
    compared, span by span, with the judged one (``sample_sha256``)."""
    recorded = json.loads((RESULTS / "citations_validation.json").read_text(encoding="utf-8"))
    rows = specific_citations(Path(data_dir))
    sample = draw(rows, recorded["sampled"], recorded["seed"])
    digest = _sample_digest(sample)
    return {**recorded, "current_population": len(rows), "current_sample_sha256": digest,
            "judgement_applies_to_current_rules": digest == recorded.get("sample_sha256")}


def _sample_digest(sample: list[dict]) -> str:
    keys = [(r["corpus"], r["doc_id"], r["start"], r["end"], r["kind"]) for r in sample]
    return hashlib.sha256(json.dumps(keys).encode()).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--n", type=int, default=100)
    args = ap.parse_args()
    rows = specific_citations()
    by_corpus: dict[str, int] = defaultdict(int)
    for r in rows:
        by_corpus[r["corpus"]] += 1
    print(f"specific citations: {len(rows)} {dict(by_corpus)}; sample n={args.n} seed={args.seed}")
    for i, r in enumerate(draw(rows, args.n, args.seed), 1):
        print(f"\n[{i}] {r['corpus']}/{r['doc_id']} {r['kind']}: {r['text']!r}")
        print(f"    {r['sentence']}")


if __name__ == "__main__":
    main()
