"""False-positive rate of the commercial and disclaimer measures on non-commercial text.

BioScope abstract sentences (Vincze et al. 2008) and OneStopEnglish news texts (Vajjala &
Lučić 2018) contain no commercial intent, so every marker found there is a false positive.
The target (issue 6) is below 1 commercial marker per 10,000 words on each set.

Documents: each BioScope abstract (sentences joined by a space, one paragraph) and each
OneStopEnglish text (all three levels) is one document; all block kinds are scanned, as the
measures do by default. Words are ``Document.n_words`` over all block kinds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from ..document import BLOCK_KINDS, Document
from ..measures.commercial import Commercial, Disclaimers
from ..segment import segment
from . import RESULTS, SHARED_DATA, read_jsonl, write_result

BIOSCOPE = Path("hedging") / "bioscope_abstracts.jsonl"
ONESTOP = Path("readability") / "onestop.jsonl"
RESULT = RESULTS / "commercial_validation.json"


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
        false_positives}}}`` plus ``target_per_10k_words`` (1.0) and ``passed`` (every set's
        commercial rate below the target). Rate = 10,000 · markers / words (lower is better).
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
    result["passed"] = all(result[s]["commercial"]["per_10k_words"] < 1.0 for s in sets)
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
    print("passed:", res["passed"])
