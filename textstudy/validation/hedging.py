"""Validation of the hedging measure against human annotations.

1. BioScope abstracts (Vincze et al. 2008; CoNLL-2010 biomedical data): each sentence is one
   document; a sentence is predicted *uncertain* when ``hedges_n >= 1``. Reported: precision,
   recall and F1 of the uncertain class (F1 = 2PR / (P + R), higher is better) for the
   measure (``hedges``), the measure without context rules, and the measure with
   approximators and frequency words counted as hedges (the codebook keeps them apart;
   BioScope does not annotate them either: it marks speculation, not vagueness of quantity).
2. Pei & Jurgens (2021) scientific findings: Spearman correlation between a per-finding
   certainty score and the human sentence-level certainty (1-6, higher = more certain),
   on the ``train`` split, the ``val`` split and all findings. Scores compared:
   ``certainty_score`` (the sum of :meth:`textstudy.measures.hedging.Hedging.cue_weight`
   over the finding's cues, with the lexicons' a-priori weights), ``boosters_n - hedges_n``
   and ``-hedges_n``. Sign convention: higher score = more certain, so the expected
   correlation is positive. The score used for the target (``pei.selected``) is the one with
   the highest Spearman on the *train* split; the val split is never used for a choice.
3. Boosters on a hand-labelled sample (:func:`booster_sample`): 50 sentences of
   OneStopEnglish texts (Vajjala & Lučić 2018) and 50 Pei & Jurgens findings drawn with a
   fixed seed, labelled by reading each one against the codebook's booster section before
   looking at the measure's output (:data:`BOOSTER_SAMPLE_POSITIVES`). Reported: precision
   and recall of "sentence has >= 1 booster".

No sentence text is written: the result JSON holds numbers only.

References
----------
Vincze, V., Szarvas, G., Farkas, R., Móra, G., & Csirik, J. (2008). The BioScope corpus.
*BMC Bioinformatics* 9(S11):S9.
Prince, E. F., Frader, J., & Bosk, C. (1982). On hedging in physician-physician discourse.
In R. J. di Pietro (Ed.), *Linguistics and the Professions* (pp. 83-97). Ablex.
Pei, J., & Jurgens, D. (2021). Measuring sentence-level and aspect-level (un)certainty in
science communications. *EMNLP 2021*.
Vajjala, S., & Lučić, I. (2018). OneStopEnglish corpus: A new corpus for automatic
readability assessment and text simplification. *BEA workshop 2018*, 297-304.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pandas as pd

from ..measures.hedging import Hedging
from ..segment import segment
from . import RESULTS, SHARED_DATA, read_jsonl, write_result

BIOSCOPE = Path("hedging") / "bioscope_abstracts.jsonl"
PEI = Path("hedging") / "pei_certainty_trainval.jsonl"
ONESTOP = Path("readability") / "onestop.jsonl"
RESULT = RESULTS / "hedging_validation.json"

TARGETS = {"bioscope_f1": 0.85, "bioscope_precision": 0.85, "pei_spearman": 0.65}

#: Seed and size of the booster sample (:func:`booster_sample`).
BOOSTER_SAMPLE_SEED = 16
BOOSTER_SAMPLE_SIZE = 100
#: The sample sentences that assert certainty as the codebook defines a booster, by id
#: (``onestop:<text>:<sentence>``, ``pei:<finding>``); every other sampled sentence was
#: labelled as having no booster. Labelled by reading each sentence (one reader, blind to the
#: measure's output): "The big database will help global organizations ... to better care for
#: us all" (a confident prediction about an uncertain outcome) and "It's proof that not only
#: are economies vulnerable ..." (an explicit certainty marker).
BOOSTER_SAMPLE_POSITIVES = frozenset({"onestop:223:8", "onestop:38:35"})


def _prf(pred: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    tp = int(np.sum(pred & gold))
    fp = int(np.sum(pred & ~gold))
    fn = int(np.sum(~pred & gold))
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    f = 2 * p * r / (p + r) if p + r else float("nan")
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "fp": fp, "fn": fn}


def bioscope_scores(data_dir: Path, measure: Hedging | None = None) -> dict:
    """Sentence-level P/R/F1 of "sentence has >= 1 hedge" on BioScope abstracts."""
    rows = read_jsonl(Path(data_dir) / BIOSCOPE)
    gold = np.array([bool(r["uncertain"]) for r in rows])
    out: dict = {"sentences": len(rows), "uncertain": int(gold.sum())}
    measures = {"full": measure or Hedging(), "no_context_rules": Hedging(context_rules=False)}
    docs = [segment(str(i), r["text"]) for i, r in enumerate(rows)]
    # the measures found in each sentence, per measure instance
    found = {key: [{x.measure for x in m(doc).matches} for doc in docs]
             for key, m in measures.items()}
    variants = {
        "hedges": ("full", {"hedges"}),
        "no_context_rules": ("no_context_rules", {"hedges"}),
        "with_approximators_and_frequency": ("full", {"hedges", "approximators", "frequency"}),
    }
    for name, (key, counted) in variants.items():
        out[name] = _prf(np.array([bool(c & counted) for c in found[key]]), gold)
    return out


#: Per-finding certainty scores compared on Pei & Jurgens (higher = more certain).
PEI_SCORES = ("certainty_score", "boosters_minus_hedges", "minus_hedges")


def _spearman(a: pd.Series, b: pd.Series) -> float:
    return round(float(a.corr(b, method="spearman")), 4)


def pei_scores(data_dir: Path, measure: Hedging | None = None) -> dict:
    """Spearman rho of per-finding certainty scores with human certainty, by split.

    Each finding is one document; its ``certainty_score`` is the sum of the cue weights over
    all its matches (one value per finding even when it is segmented into two sentences).
    The score with the best train-split rho is ``selected``; val is reported, never used.
    """
    rows = read_jsonl(Path(data_dir) / PEI)
    m = measure or Hedging()
    recs = []
    for i, r in enumerate(rows):
        res = m(segment(str(i), r["finding"]))
        v = res.values
        w = sum(m.cue_weight(x.measure, x.category, x.cue) for x in res.matches)
        recs.append((r.get("split", "all"), v["hedges_n"], v["boosters_n"], w,
                     float(r["sentence-level-certainty"])))
    df = pd.DataFrame(recs, columns=["split", "h", "b", "w", "certainty"])
    scores = {"certainty_score": df["w"], "boosters_minus_hedges": df["b"] - df["h"],
              "minus_hedges": -df["h"]}
    parts = {"all": df.index, **{s: df.index[df["split"] == s] for s in ("train", "val")}}
    out: dict = {
        "findings": {k: len(ix) for k, ix in parts.items()},
        "share_with_hedge": round(float((df["h"] > 0).mean()), 4),
        "share_with_booster": round(float((df["b"] > 0).mean()), 4),
    }
    for name in PEI_SCORES:
        out[f"spearman_{name}"] = {k: _spearman(scores[name][ix], df["certainty"][ix])
                                   for k, ix in parts.items()}
    out["selected"] = max(PEI_SCORES, key=lambda n: out[f"spearman_{n}"]["train"])
    return out


def booster_sample(data_dir: Path, n: int = BOOSTER_SAMPLE_SIZE,
                   seed: int = BOOSTER_SAMPLE_SEED) -> list[tuple[str, str]]:
    """``(id, sentence)`` pairs: ``n // 2`` sentences of the OneStopEnglish texts (as
    :func:`textstudy.segment.segment` splits them) and ``n - n // 2`` Pei & Jurgens findings,
    drawn with ``random.Random(seed)``."""
    data_dir = Path(data_dir)
    sentences = []
    for i, r in enumerate(read_jsonl(data_dir / ONESTOP)):
        doc = segment(str(i), r["text"])
        sentences += [(f"onestop:{i}:{s.id}", doc.text[s.start : s.end]) for s in doc.sentences]
    findings = [(f"pei:{i}", r["finding"]) for i, r in enumerate(read_jsonl(data_dir / PEI))]
    rng = random.Random(seed)
    return rng.sample(sentences, n // 2) + rng.sample(findings, n - n // 2)


def booster_sample_scores(data_dir: Path, measure: Hedging | None = None) -> dict:
    """Precision and recall of "sentence has >= 1 booster" on the hand-labelled sample."""
    m = measure or Hedging()
    sample = booster_sample(data_dir)
    pred = np.array([m(segment(k, t)).values["boosters_n"] > 0 for k, t in sample])
    gold = np.array([k in BOOSTER_SAMPLE_POSITIVES for k, _ in sample])
    return {"sentences": len(sample), "seed": BOOSTER_SAMPLE_SEED,
            "labelled_positive": int(gold.sum()),
            "positive_ids": sorted(BOOSTER_SAMPLE_POSITIVES),
            "predicted_ids": sorted(k for (k, _), p in zip(sample, pred) if p),
            **_prf(pred, gold)}


def validate_hedging(data_dir: str | Path, out: str | Path | None = RESULT) -> dict:
    """Run both validations and (unless ``out`` is None) write the numbers as sorted JSON.

    Parameters
    ----------
    data_dir : str or Path
        The shared data folder (``../shared/data`` from the project root).
    out : str or Path or None
        Result file; default ``benchmarks/results/hedging_validation.json``.

    Returns
    -------
    dict
        ``bioscope`` (P/R/F1 per variant), ``pei`` (Spearman rho), ``booster_sample``
        (P/R on the hand-labelled sample), ``targets``, ``checks`` and ``passed``.
    """
    data_dir = Path(data_dir)
    measure = Hedging()
    result = {
        "bioscope": bioscope_scores(data_dir, measure),
        "pei": pei_scores(data_dir, measure),
        "booster_sample": booster_sample_scores(data_dir, measure),
        "targets": TARGETS,
    }
    b = result["bioscope"]["hedges"]
    rho = result["pei"][f"spearman_{result['pei']['selected']}"]
    checks = {
        "bioscope_f1": b["f1"] >= TARGETS["bioscope_f1"],
        "bioscope_precision": b["precision"] >= TARGETS["bioscope_precision"],
        **{f"pei_{k}": rho[k] >= TARGETS["pei_spearman"] for k in ("all", "train", "val")},
    }
    result["checks"] = {k: bool(v) for k, v in checks.items()}
    # the targets: BioScope F1 and precision, and rho on all findings
    result["passed"] = bool(checks["bioscope_f1"] and checks["bioscope_precision"]
                            and checks["pei_all"])
    if out is not None:
        write_result(result, out, indent=1)
    return result


if __name__ == "__main__":  # pragma: no cover
    import sys

    res = validate_hedging(sys.argv[1] if len(sys.argv) > 1 else SHARED_DATA)
    print(json.dumps(res, indent=1, sort_keys=True))
