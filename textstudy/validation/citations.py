"""Precision and recall of specific citations and vague attributions on hand-labelled blocks.

The unit is the block, scored as the blind test scores it: "the block contains at least one"
specific citation (resp. vague attribution). Units are drawn with ``random.Random(seed)`` from
the paragraphs of the advanced-level OneStopEnglish news texts (Vajjala & Lučić 2018; one
paragraph per line; the other levels rewrite the same articles) and the sentences of the
BioScope abstracts (Vincze et al. 2008), each population sorted by id before drawing. Round 1:
``development`` (seed 16; the rules were changed after it was scored) and ``held_out`` (seed
17, without the development units; scored once, after round 1's last rule change; round 2
developed on its misses). Round 2, drawn without the blocks of the project's blind codebook
sample (:data:`WITHOUT_CODEBOOK`): ``development_2`` (seed 18) and ``development_3`` (seed
19), developed on, and ``held_out_2`` (seed 20), scored once before its misses were read.
Each unit was labelled by hand from its text alone, before the measure's output on
it was looked at, by the codebook's definitions (``CODEBOOK.md``: specific citation, vague
attribution); the labels (unit ids and 0/1, never the text) are kept in
``benchmarks/results/citations_validation.json``. Each unit is read as a document of its own
(the referent rule then sees only that block).

Baseline: a plain word list (:data:`BASELINE_SPECIFIC`, :data:`BASELINE_VAGUE`; a unit counts
when it contains any entry, case-insensitively, or for specific a year 1900-2029).

Run: ``python -m textstudy.validation.citations --print held_out`` prints a sample to label;
``textstudy validate citations`` scores the measure and the baseline against the labels.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from ..measures.citations import Citations
from ..segment import segment
from . import RESULTS, SHARED_DATA, read_jsonl, write_result
from .codebook_sample import LABELS, sha1

#: sample name -> (seed, OneStopEnglish paragraphs, BioScope sentences)
SAMPLES: dict[str, tuple[int, int, int]] = {
    "development": (16, 100, 40), "held_out": (17, 100, 20), "development_2": (18, 100, 0),
    "development_3": (19, 100, 0), "held_out_2": (20, 100, 0),
}
#: Samples drawn without the blocks of the project's blind codebook sample, so that rules
#: developed on them are not tuned to its blocks (it stays the only blind check).
WITHOUT_CODEBOOK: frozenset[str] = frozenset({"development_2", "development_3", "held_out_2"})
RESULT = RESULTS / "citations_validation.json"

#: A plain word list for specific sources (reporting words, source nouns, identifiers).
BASELINE_SPECIFIC: tuple[str, ...] = (
    "according to", " said", " says", " told", "journal", "university", "institute",
    "et al", "http", "www.", "published in", "professor", "dr.", "foundation",
)
#: A plain word list for vague appeals (research nouns, unnamed experts, agentless verbs).
BASELINE_VAGUE: tuple[str, ...] = (
    "studies", "research", "experts", "scientists", "evidence", "believed", "thought to",
    "known to", "shown", "researchers", "reports suggest",
)
_YEAR = re.compile(r"\b(?:19\d\d|20[0-2]\d)\b")


def units(data: Path = SHARED_DATA) -> Iterator[tuple[str, str]]:
    """(unit id, text): OneStopEnglish advanced paragraphs, then BioScope abstract sentences."""
    for r in read_jsonl(data / "readability" / "onestop.jsonl"):
        if r["level"] == "adv":
            paras = [p.strip() for p in r["text"].split("\n") if p.strip()]
            for i, p in enumerate(paras):
                yield f"onestop/{r['topic']}/{i}", p
    for r in read_jsonl(data / "hedging" / "bioscope_abstracts.jsonl"):
        yield f"bioscope/{r['doc_id']}/{r['sent_id']}", r["text"]


def sample(name: str, data: Path = SHARED_DATA) -> list[tuple[str, str]]:
    """The units of sample ``name`` (see :data:`SAMPLES`), in a fixed order: paragraphs then
    sentences, each drawn from its population sorted by id, without the units of the samples
    listed before it (and, for :data:`WITHOUT_CODEBOOK`, without the codebook sample's
    blocks)."""
    earlier: set[str] = set()
    for other in SAMPLES:
        if other == name:
            break
        earlier |= {u for u, _ in sample(other, data)}
    blind = _codebook_hashes() if name in WITHOUT_CODEBOOK else set()
    seed, n_onestop, n_bioscope = SAMPLES[name]
    pools: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for uid, text in units(data):
        if uid not in earlier and sha1(text) not in blind:
            pools[uid.split("/")[0]].append((uid, text))
    rng = random.Random(seed)
    out = []
    for corpus, n in (("onestop", n_onestop), ("bioscope", n_bioscope)):
        out += rng.sample(sorted(pools[corpus]), n)
    return out


def _codebook_hashes() -> set[str]:
    """SHA-1 hashes of the codebook sample's block texts (read from its labels file)."""
    with open(LABELS, encoding="utf-8", newline="") as f:
        return {row["sha1"] for row in csv.DictReader(f)}


def baseline(text: str) -> dict[str, bool]:
    low = text.lower()
    return {
        "specific": any(w in low for w in BASELINE_SPECIFIC) or bool(_YEAR.search(text)),
        "vague": any(w in low for w in BASELINE_VAGUE),
    }


def predict(text: str, measure: Citations) -> dict[str, bool]:
    v = measure(segment("u", text)).values
    return {"specific": v["citations_specific_n"] > 0, "vague": v["citations_vague_n"] > 0}


def scores(gold: list[bool], pred: list[bool]) -> dict[str, float | int]:
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum(p and not g for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    prec = tp / (tp + fp) if tp + fp else float("nan")
    rec = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * prec * rec / (prec + rec) if tp else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(prec, 3), "recall": round(rec, 3),
            "f1": round(f1, 3)}


def validate_citations(data_dir: str | Path = SHARED_DATA, write: bool = True) -> dict:
    """Score the measure and the word-list baseline against the recorded hand labels.

    Returns the result (also written to ``benchmarks/results/citations_validation.json``,
    keeping the labels): per family, precision, recall and F1 of "the unit contains at least
    one", for the measure and the baseline, plus the units the measure gets wrong (ids).
    """
    recorded = json.loads(RESULT.read_text(encoding="utf-8"))
    measure = Citations()
    out = {"method": recorded["method"], "samples": {}}
    for name, (seed, _, _) in SAMPLES.items():
        labels: dict[str, dict[str, int]] = recorded["samples"][name]["labels"]
        drawn = sample(name, Path(data_dir))
        if {u for u, _ in drawn} != set(labels):
            raise ValueError(f"the drawn {name} sample differs from the labelled one")
        res: dict = {"seed": seed, "units": len(drawn), "labels": labels}
        predicted = [predict(t, measure) for _, t in drawn]
        for family in ("specific", "vague"):
            gold = [bool(labels[u][family]) for u, _ in drawn]
            pred = [p[family] for p in predicted]
            base = [baseline(t)[family] for _, t in drawn]
            res[family] = {
                "positives": sum(gold),
                "measure": scores(gold, pred),
                "baseline_word_list": scores(gold, base),
                "measure_false_positives": [u for (u, _), g, p in zip(drawn, gold, pred) if p > g],
                "measure_false_negatives": [u for (u, _), g, p in zip(drawn, gold, pred) if g > p],
            }
        out["samples"][name] = res
    if write:
        write_result(out, RESULT)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--print", choices=sorted(SAMPLES), help="print a sample to label")
    args = ap.parse_args()
    if args.print:
        for uid, text in sample(args.print):
            print(f"\n[{uid}]\n{text}")
    else:
        print(json.dumps(validate_citations(), indent=2))


if __name__ == "__main__":
    main()
