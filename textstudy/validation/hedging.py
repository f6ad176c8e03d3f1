"""Validation of the hedging measure against human annotations.

1. BioScope abstracts (Vincze et al. 2008; CoNLL-2010 biomedical data): each sentence is one
   document; a sentence is predicted *uncertain* when ``hedges_n >= 1``. Reported: precision,
   recall and F1 of the uncertain class (F1 = 2PR / (P + R), higher is better), for the full
   measure, for the measure without context rules, without the ``approximator`` category
   (Prince, Frader & Bosk 1982 separate approximators, which make a quantity or degree
   vague, from shields, which withhold commitment to a proposition), and for the epistemic
   categories only (also without ``frequency``). BioScope's guideline annotates neither
   approximators nor frequency: it marks speculation, not vagueness of quantity or frequency.
2. Pei & Jurgens (2021) scientific findings: Spearman correlation between a per-finding
   certainty score and the human sentence-level certainty (1-6, higher = more certain),
   on the ``train`` split, the ``val`` split and all findings. Scores compared:
   ``certainty_score`` (the weighted sum of :func:`textstudy.measures.hedging.cue_weight`
   over the finding's cues, fixed a priori from Rubin 2007 / Hyland 2005 strength levels),
   ``boosters_n - hedges_n`` and ``-hedges_n``. The score used for the target
   (``pei.selected``) is the one with the highest Spearman on the *train* split; the val
   split is reported separately and was not used for any choice. Expected sign: positive.

No sentence text is written: the result JSON holds numbers only.

References
----------
Vincze, V., Szarvas, G., Farkas, R., Móra, G., & Csirik, J. (2008). The BioScope corpus.
*BMC Bioinformatics* 9(S11):S9.
Prince, E. F., Frader, J., & Bosk, C. (1982). On hedging in physician-physician discourse.
In R. J. di Pietro (Ed.), *Linguistics and the Professions* (pp. 83-97). Ablex.
Pei, J., & Jurgens, D. (2021). Measuring sentence-level and aspect-level (un)certainty in
science communications. *EMNLP 2021*.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from ..measures.hedging import Hedging
from ..segment import segment
from . import RESULTS, SHARED_DATA, read_jsonl, write_result

BIOSCOPE = Path("hedging") / "bioscope_abstracts.jsonl"
PEI = Path("hedging") / "pei_certainty_trainval.jsonl"
RESULT = RESULTS / "hedging_validation.json"

#: Hedge categories that express vagueness rather than speculation.
NON_EPISTEMIC = frozenset({"approximator", "frequency"})

TARGETS = {"bioscope_f1": 0.82, "bioscope_precision": 0.80, "pei_abs_spearman": 0.65}


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
    # the hedge categories found in each sentence, per measure
    found = {
        key: [{x.category for x in m(doc).matches if x.measure == "hedges"} for doc in docs]
        for key, m in measures.items()
    }
    variants = {
        "all_hedges": ("full", frozenset()),
        "no_context_rules": ("no_context_rules", frozenset()),
        "without_approximators": ("full", frozenset({"approximator"})),
        "epistemic_only": ("full", NON_EPISTEMIC),
    }
    for name, (key, skip) in variants.items():
        out[name] = _prf(np.array([bool(c - skip) for c in found[key]]), gold)
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
        ``bioscope`` (P/R/F1 per variant), ``pei`` (Spearman rho), ``targets`` and ``passed``.
    """
    data_dir = Path(data_dir)
    measure = Hedging()
    result = {
        "bioscope": bioscope_scores(data_dir, measure),
        "pei": pei_scores(data_dir, measure),
        "targets": TARGETS,
    }
    b, e = result["bioscope"]["all_hedges"], result["bioscope"]["epistemic_only"]
    rho = result["pei"][f"spearman_{result['pei']['selected']}"]
    checks = {
        "bioscope_all_hedges_f1": b["f1"] >= TARGETS["bioscope_f1"],
        "bioscope_all_hedges_precision": b["precision"] >= TARGETS["bioscope_precision"],
        "bioscope_epistemic_only_f1": e["f1"] >= TARGETS["bioscope_f1"],
        "bioscope_epistemic_only_precision": e["precision"] >= TARGETS["bioscope_precision"],
        **{f"pei_{k}": abs(rho[k]) >= TARGETS["pei_abs_spearman"] for k in ("all", "train",
                                                                           "val")},
    }
    result["checks"] = {k: bool(v) for k, v in checks.items()}
    # the targets: all-hedges F1 and precision, and |rho| on all findings
    result["passed"] = bool(checks["bioscope_all_hedges_f1"]
                            and checks["bioscope_all_hedges_precision"] and checks["pei_all"])
    if out is not None:
        write_result(result, out, indent=1)
    return result


if __name__ == "__main__":  # pragma: no cover
    import sys

    res = validate_hedging(sys.argv[1] if len(sys.argv) > 1 else SHARED_DATA)
    print(json.dumps(res, indent=1, sort_keys=True))
