"""Validation of the commercial and disclaimer measures.

False positives on non-commercial text: BioScope abstract sentences (Vincze et al. 2008) and
OneStopEnglish news texts (Vajjala & Lučić 2018) contain no commercial intent, so every marker
found there is a false positive.
The target (issue 6) is below 1 commercial marker per 10,000 words on each set.

Documents: each BioScope abstract (sentences joined by a space, one paragraph) and each
OneStopEnglish text (all three levels) is one document; all block kinds are scanned, as the
measures do by default. Words are ``Document.n_words`` over all block kinds.

Hand-labelled texts (``commercial/`` of the shared data, see its SOURCES.md):

- Facebook ads (``fb_ads_dev.jsonl``): an ad is *found* when ``commercial`` finds at least
  one marker in it; recall = found commercial ads / commercial ads, flag rate = flagged
  informational ads (mostly NGO donation appeals) / informational ads. The rows are split
  once with ``random.Random(ADS_SEED)`` into a development half (used to write the rules)
  and a held-out half (reported, never read while writing them).
- Pinterest pin descriptions (``pinterest_affiliate_disclosures.jsonl``, Mathur et al.
  2018): a pin is predicted a disclosure when ``disclaimers`` finds an
  ``affiliate_disclosure`` in it; precision, recall and F1 of the disclosure class.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from ..document import BLOCK_KINDS, Document
from ..measures.commercial import Commercial, Disclaimers
from ..segment import segment
from . import RESULTS, SHARED_DATA, read_jsonl, write_result

BIOSCOPE = Path("hedging") / "bioscope_abstracts.jsonl"
ONESTOP = Path("readability") / "onestop.jsonl"
ADS = Path("commercial") / "fb_ads_dev.jsonl"
PINTEREST = Path("commercial") / "pinterest_affiliate_disclosures.jsonl"
RESULT = RESULTS / "commercial_validation.json"
#: Seed of the development / held-out split of the ads.
ADS_SEED = 16


def bioscope_documents(data_dir: Path) -> Iterator[Document]:
    """One :class:`Document` per BioScope abstract (its sentences joined by spaces)."""
    sents: dict[str, list[str]] = defaultdict(list)
    for row in read_jsonl(data_dir / BIOSCOPE):
        sents[row["doc_id"]].append(row["text"])
    for doc_id, texts in sents.items():
        yield segment(f"bioscope:{doc_id}", " ".join(texts))


def onestop_documents(data_dir: Path) -> Iterator[Document]:
    """One :class:`Document` per OneStopEnglish text (each level separately)."""
    for row in read_jsonl(data_dir / ONESTOP):
        yield segment(f"onestop:{row['topic']}:{row['level']}", row["text"])


def _rate(docs: Iterator[Document], measure) -> dict:
    markers = words = n_docs = 0
    by_cat: Counter[str] = Counter()
    found = []
    for doc in docs:
        n_docs += 1
        words += doc.n_words(set(BLOCK_KINDS))
        for m in measure(doc).matches:
            markers += 1
            by_cat[m.category] += 1
            found.append(
                {"doc_id": doc.doc_id, "category": m.category, "cue": m.cue,
                 "start": m.start, "end": m.end}
            )
    return {
        "documents": n_docs,
        "markers": markers,
        "words": words,
        "per_10k_words": 10_000 * markers / words if words else float("nan"),
        "by_category": dict(sorted(by_cat.items())),
        "false_positives": found,
    }


def ads_split(rows: list[dict], seed: int = ADS_SEED) -> tuple[list[dict], list[dict]]:
    """The development and held-out halves of the ads (a fixed-seed shuffle, cut in two)."""
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    half = len(order) // 2
    return [rows[i] for i in sorted(order[:half])], [rows[i] for i in sorted(order[half:])]


def _ads_scores(rows: list[dict], commercial: Commercial) -> dict:
    found = {"commercial": 0, "informational": 0}
    total = Counter(r["label"] for r in rows)
    for i, r in enumerate(rows):
        if commercial(segment(f"ad:{i}", r["text"])).matches:
            found[r["label"]] += 1
    return {
        "commercial_ads": total["commercial"],
        "informational_ads": total["informational"],
        "commercial_found": _share(found["commercial"], total["commercial"]),
        "informational_flagged": _share(found["informational"], total["informational"]),
    }


def _share(k: int, n: int) -> float:
    return k / n if n else float("nan")


def ads_result(data_dir: Path, commercial: Commercial) -> dict:
    """Share of commercial ads found and of informational ads flagged, per half.

    Targets: at least 50% found (higher is better), at most 10% flagged (lower is better).
    """
    dev, held_out = ads_split(read_jsonl(data_dir / ADS))
    out = {"seed": ADS_SEED, "target_found_min": 0.5, "target_flagged_max": 0.1}
    for name, rows in (("development_half", dev), ("held_out_half", held_out)):
        out[name] = _ads_scores(rows, commercial)
    return out


def pinterest_result(data_dir: Path, disclaimers: Disclaimers) -> dict:
    """Precision, recall and F1 of affiliate disclosures in Pinterest pins (target F1 0.70).

    F1 = 2PR / (P + R) of the disclosure class (higher is better).
    """
    tp = fp = fn = 0
    for i, r in enumerate(read_jsonl(data_dir / PINTEREST)):
        doc = segment(f"pin:{i}", r["text"])
        pred = any(m.category == "affiliate_disclosure" for m in disclaimers(doc).matches)
        tp += pred and r["disclosure"] == 1
        fp += pred and r["disclosure"] == 0
        fn += (not pred) and r["disclosure"] == 1
    p = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": rec, "f1": f1,
            "target_f1": 0.7}


def validate_commercial(data_dir: str | Path, out: str | Path | None = RESULT) -> dict:
    """False positives of ``commercial`` and ``disclaimers`` on BioScope and OneStopEnglish.

    Parameters
    ----------
    data_dir : str or Path
        The shared data folder (``../shared/data`` from the project root).
    out : str or Path or None
        Where to write the numbers as JSON (sorted keys; the false-positive list is kept to
        document ids, categories, lexicon cues and offsets, no corpus text). None: do not write.

    Returns
    -------
    dict
        ``{set: {measure: {documents, markers, words, per_10k_words, by_category,
        false_positives}}}``, ``target_per_10k_words`` (1.0), ``ads`` (:func:`ads_result`),
        ``pinterest_affiliate`` (:func:`pinterest_result`) and ``passed`` (every set's
        commercial rate below the target and the held-out ads and Pinterest targets met).
        Rate = 10,000 · markers / words (lower is better).
    """
    data_dir = Path(data_dir)
    commercial, disclaimers = Commercial(), Disclaimers()
    result: dict = {"target_per_10k_words": 1.0}
    for name, reader in (("bioscope_abstracts", bioscope_documents),
                         ("onestop_news", onestop_documents)):
        docs = list(reader(data_dir))
        result[name] = {
            "commercial": _rate(iter(docs), commercial),
            "disclaimers": _rate(iter(docs), disclaimers),
        }
    sets = ("bioscope_abstracts", "onestop_news")
    result["ads"] = ads_result(data_dir, commercial)
    result["pinterest_affiliate"] = pinterest_result(data_dir, disclaimers)
    ads = result["ads"]["held_out_half"]
    result["passed"] = (
        all(result[s]["commercial"]["per_10k_words"] < 1.0 for s in sets)
        and ads["commercial_found"] >= 0.5
        and ads["informational_flagged"] <= 0.1
        and result["pinterest_affiliate"]["f1"] >= 0.7
    )
    if out is not None:
        write_result(result, out, indent=1)
    return result


if __name__ == "__main__":  # pragma: no cover
    import sys

    res = validate_commercial(sys.argv[1] if len(sys.argv) > 1 else SHARED_DATA)
    for s in ("bioscope_abstracts", "onestop_news"):
        for m in ("commercial", "disclaimers"):
            r = res[s][m]
            print(f"{s:20s} {m:12s} markers={r['markers']:4d} words={r['words']:7d} "
                  f"per_10k={r['per_10k_words']:.3f} {r['by_category']}")
    print("ads:", res["ads"])
    print("pinterest:", res["pinterest_affiliate"])
    print("passed:", res["passed"])
