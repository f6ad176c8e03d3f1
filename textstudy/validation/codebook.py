"""Block-level agreement of every measure family with hand-coding by ``CODEBOOK.md``.

The unit is a *block* (a paragraph, heading, list item, table row; an ad; a pin): for each
codebook construct, does the block contain at least one instance? textstudy says yes when a
match of the construct's ``matches()`` measure lies in the block (:data:`CONSTRUCT_MEASURES`).
Scored on two hand-coded sets, each coded blind (without the package's output):

- the validation sample of non-seed text (:mod:`textstudy.validation.codebook_sample`);
- every non-blank line of the seed articles (``tests/expectations/seed/codebook_blocks.csv``).

Beside textstudy, a plain word list per construct (:data:`WORD_LISTS`; case-insensitive,
whole words) is scored the same way, as the floor a measure has to beat.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path

import pandas as pd

from . import RESULTS, write_result
from .codebook_sample import (
    CONSTRUCTS,
    LABELS,
    LABELS_B,
    LABELS_C,
    LABELS_D,
    load_codebook_sample,
)

#: The ``matches()`` measure that implements each codebook construct.
CONSTRUCT_MEASURES: dict[str, str] = {
    "hedge": "hedges",
    "booster": "boosters",
    "specific_citation": "citations_specific",
    "vague_attribution": "citations_vague",
    "commercial": "commercial",
    "disclaimer": "disclaimers",
}

#: Plain word lists (the baseline): a block is positive when it contains any of the words.
#: Hedges and boosters: the Hyland (2005) lists in ``../shared/data/lexicons``; commercial:
#: the call-to-action list of ``../shared/data/SOURCES.md``; the rest: the obvious words.
WORD_LISTS: dict[str, tuple[str, ...]] = {
    "specific_citation": ("according to", "et al", "journal", "university", "institute",
                          "published", "http", "www", "doi"),
    "vague_attribution": ("studies show", "research shows", "research suggests", "studies",
                          "research", "experts", "scientists", "evidence"),
    "commercial": ("buy", "order", "shop", "visit", "contact", "sign up", "subscribe",
                   "free consultation", "our products", "discount", "coupon", "course",
                   "start your journey"),
    "disclaimer": ("disclaimer", "not medical advice", "consult", "affiliate", "sponsored",
                   "funded by", "conflict of interest", "informational purposes"),
}
HYLAND = Path("lexicons") / "hedge_booster_reference.csv"
SEED_BLOCKS = (Path(__file__).resolve().parents[2] / "tests" / "expectations" / "seed"
               / "codebook_blocks.csv")


def word_lists(data_dir: str | Path) -> dict[str, tuple[str, ...]]:
    """:data:`WORD_LISTS` with the hedge and booster lists read from ``data_dir``."""
    ref = pd.read_csv(Path(data_dir) / HYLAND, dtype=str)
    out = dict(WORD_LISTS)
    for construct, category in (("hedge", "hedge"), ("booster", "booster")):
        words = ref.loc[ref["category"] == category, "term"].dropna().str.lower().str.strip()
        out[construct] = tuple(sorted(set(words) - {""}))
    return out


def word_list_labels(texts: pd.Series, lists: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """0/1 per construct: does each text contain a word of the construct's plain list?"""
    out = {}
    for construct in CONSTRUCTS:
        words = sorted(lists[construct], key=len, reverse=True)
        rx = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.I)
        out[construct] = texts.map(lambda t, rx=rx: int(bool(rx.search(t))))
    return pd.DataFrame(out, index=texts.index)


def textstudy_labels(texts: pd.Series) -> pd.DataFrame:
    """0/1 per construct: does textstudy find a match of the construct in each text?"""
    import textstudy

    corpus = pd.DataFrame({"doc_id": [f"b{i}" for i in range(len(texts))],
                           "text": texts.to_list()})
    hits = textstudy.matches(corpus)
    return _labels_from_hits(hits, corpus["doc_id"], texts.index)


def _labels_from_hits(hits: pd.DataFrame, keys: pd.Series, index: pd.Index) -> pd.DataFrame:
    found = set(zip(hits["doc_id"], hits["measure"]))
    return pd.DataFrame({c: [int((k, CONSTRUCT_MEASURES[c]) in found) for k in keys]
                         for c in CONSTRUCTS}, index=index)


def seed_line_labels(corpus: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """0/1 per construct for each ``doc_id, line`` of ``lines``: a textstudy match starts on it."""
    import textstudy

    hits = textstudy.matches(corpus)
    texts = dict(zip(corpus["doc_id"], corpus["text"]))
    starts = {d: [0] + [m.end() for m in re.finditer("\n", t)] for d, t in texts.items()}
    line_of = [bisect_right(starts[d], a) for d, a in zip(hits["doc_id"], hits["start"])]
    keys = pd.Series(list(zip(lines["doc_id"], lines["line"].astype(int))), index=lines.index)
    hits = hits.assign(doc_id=list(zip(hits["doc_id"], line_of)))
    return _labels_from_hits(hits, keys, lines.index)


def scores(gold: pd.DataFrame, pred: pd.DataFrame) -> dict[str, dict[str, float | int]]:
    """Precision, recall and F1 of the positive class per construct, with the counts.

    ``precision = tp / (tp + fp)``, ``recall = tp / (tp + fn)``, ``F1 = 2tp / (2tp + fp + fn)``;
    higher is better; None (JSON null) when undefined (no positive predicted / in the gold).
    """
    out = {}
    for c in CONSTRUCTS:
        g, p = gold[c].astype(int).astype(bool), pred[c].astype(bool)
        tp, fp, fn = int((g & p).sum()), int((~g & p).sum()), int((g & ~p).sum())
        out[c] = {"gold_positive": int(g.sum()), "tp": tp, "fp": fp, "fn": fn,
                  "precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn),
                  "f1": _ratio(2 * tp, 2 * tp + fp + fn)}
    return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def _compare(gold: pd.DataFrame, texts: pd.Series, ours: pd.DataFrame,
             lists: dict[str, tuple[str, ...]]) -> dict:
    return {"n_blocks": len(gold), "textstudy": scores(gold, ours),
            "word_list": scores(gold, word_list_labels(texts, lists))}


def validate_codebook(data_dir: str | Path, labels_path: str | Path = LABELS,
                      seed_blocks: str | Path = SEED_BLOCKS, corpus_dir: str | Path | None = None,
                      out: str | Path | None = RESULTS / "codebook_validation.json",
                      later_samples: dict[str, str | Path] | None = None) -> dict:
    """Score textstudy and the plain word lists against the hand-coded block sets.

    Returns (and writes to ``out``) ``{"sample": {"all": …, "<dataset>": …}, "sample_b": …,
    "sample_c": …, "sample_d": …, "seed": …}``, each with per-construct precision, recall and
    F1 of "the block contains at least one". The later samples (``later_samples``, default B, C
    and D: blind samples coded after the earlier ones had been used to refine the measures) are
    there when their labels files exist.
    """
    lists = word_lists(data_dir)
    later = ({"sample_b": LABELS_B, "sample_c": LABELS_C, "sample_d": LABELS_D}
             if later_samples is None else later_samples)
    result: dict = {}
    for key, path in {"sample": labels_path, **later}.items():
        if key != "sample" and not Path(path).exists():
            continue
        sample = load_codebook_sample(data_dir, path)
        ours = textstudy_labels(sample["text"])
        result[key] = {"all": _compare(sample, sample["text"], ours, lists)}
        for name, part in sample.groupby("dataset", sort=True):
            result[key][name] = _compare(part, part["text"], ours.loc[part.index], lists)
    seed_blocks = Path(seed_blocks)
    if seed_blocks.exists():
        import textstudy

        corpus = textstudy.load_corpus(corpus_dir or seed_blocks.parents[3] / "corpus")
        gold = pd.read_csv(seed_blocks, dtype={"doc_id": str})
        lines = {d: t.split("\n") for d, t in zip(corpus["doc_id"], corpus["text"])}
        line_text = pd.Series([lines[d][int(n) - 1]
                               for d, n in zip(gold["doc_id"], gold["line"])], index=gold.index)
        result["seed"] = _compare(gold, line_text, seed_line_labels(corpus, gold), lists)
    if out is not None:
        write_result(result, out)
    return result
