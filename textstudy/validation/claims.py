"""Validation of claim strength (:func:`textstudy.claims.claim_strength`) on Yu et al. (2019).

Data: 3,061 conclusion sentences of PubMed abstracts labelled ``no_claim``, ``correlational``,
``conditional_causal`` or ``direct_causal`` (``claims/yu2019_pubmed_claims.csv`` in the shared
data folder; GPL-3.0, read at run time, never shipped, nothing fitted on it is shipped).

Score: macro-F1 over the four classes (the unweighted mean of per-class F1 = 2PR / (P + R);
higher is better). Reference points: fine-tuned BioBERT 0.88 (Yu et al. 2019, 5-fold); the
plain five-line rule of ``SOURCES.md`` 0.59 (:func:`five_line_rule`, scored here too).

Protocol: the sentences are split into five stratified folds (``StratifiedKFold(5,
shuffle=True, random_state=0)``). The rules were written from the annotation guidelines and
refined by reading errors on folds 0–3 only; fold 4 was never read. Reported: macro-F1 per fold,
on folds 0–3 (``development``), on fold 4 (``held_out``, the honest estimate) and on all
sentences, with per-class precision/recall/F1 and the confusion matrix (rows = gold, columns =
predicted, order :data:`textstudy.claims.CLAIM_ORDER`). No sentence text is written.

References
----------
Yu, B., Li, Y., & Wang, J. (2019). Detecting causal language use in science findings.
*EMNLP-IJCNLP 2019*, 4656–4666.
Sumner, P., et al. (2014). The association between exaggeration in health related science news
and academic press releases. *BMJ* 349:g7015.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..claims import CLAIM_ORDER, claim_strength
from . import RESULTS, SHARED_DATA, write_result

RESULT = RESULTS / "claims_validation.json"
DATA_FILE = Path("claims") / "yu2019_pubmed_claims.csv"
N_FOLDS, HELD_OUT_FOLD = 5, 4

_ASSOC = re.compile(r"\b(?:associat\w*|correlat\w*|linked|link)\b", re.I)
_CAUSAL = re.compile(r"\b(?:caus\w*|reduc\w*|increas\w*|decreas\w*|improv\w*|prevent\w*|"
                     r"lead\w*|led|result\w* in|effective)\b", re.I)
_MODAL = re.compile(r"\b(?:may|might|could|can)\b", re.I)


def five_line_rule(sentence: str) -> str:
    """The reference rule of ``SOURCES.md``: association words → correlational; causal verb with
    a modal → conditional causal; causal verb → direct causal; else no claim."""
    if _ASSOC.search(sentence):
        return "correlational"
    if _CAUSAL.search(sentence):
        return "conditional_causal" if _MODAL.search(sentence) else "direct_causal"
    return "no_claim"


def folds(labels: pd.Series) -> pd.Series:
    """Fold number (0–4) of each sentence: stratified by label, shuffled with seed 0."""
    from sklearn.model_selection import StratifiedKFold

    out = pd.Series(0, index=labels.index)
    split = StratifiedKFold(N_FOLDS, shuffle=True, random_state=0)
    for k, (_, test) in enumerate(split.split(labels, labels)):
        out.iloc[test] = k
    return out


def scores(gold: pd.Series, pred: pd.Series) -> dict:
    """Macro-F1, per-class precision/recall/F1/support and the confusion matrix."""
    from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

    p, r, f, n = precision_recall_fscore_support(gold, pred, labels=CLAIM_ORDER, zero_division=0)
    return {
        "macro_f1": round(float(f1_score(gold, pred, labels=CLAIM_ORDER, average="macro")), 4),
        "n": int(len(gold)),
        "per_class": {c: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                          "f1": round(float(f[i]), 4), "support": int(n[i])}
                      for i, c in enumerate(CLAIM_ORDER)},
        "confusion": confusion_matrix(gold, pred, labels=CLAIM_ORDER).tolist(),
    }


def validate_claims(data_dir: str | Path = SHARED_DATA, out: str | Path | None = RESULT) -> dict:
    """Claim strength against Yu et al. (2019): macro-F1 per fold, development, held out, all.

    Parameters
    ----------
    data_dir : str or Path
        The shared data folder (``../shared/data`` from the project root).
    out : str or Path or None
        Where to write the numbers as JSON (no sentence text). None: do not write.

    Returns
    -------
    dict
        ``textstudy`` and ``five_line_rule``, each ``{all, development, held_out, per_fold}``
        (score dicts of :func:`scores`; ``per_fold`` maps fold to macro-F1), plus ``protocol``
        and ``target`` (0.75 macro-F1 on the held-out fold).
    """
    data = pd.read_csv(Path(data_dir) / DATA_FILE)
    gold = data["claim_strength"]
    fold = folds(gold)
    dev = fold != HELD_OUT_FOLD
    result: dict = {
        "data": str(DATA_FILE),
        "protocol": ("rules written from Sumner et al. 2014 / Yu et al. 2019 guidelines and "
                     f"refined on folds 0-3 only; fold {HELD_OUT_FOLD} never read"),
        "target_macro_f1": 0.75,
    }
    for name, rule in (("textstudy", claim_strength), ("five_line_rule", five_line_rule)):
        pred = data["sentence"].map(rule)
        result[name] = {
            "all": scores(gold, pred),
            "development": scores(gold[dev], pred[dev]),
            "held_out": scores(gold[~dev], pred[~dev]),
            "per_fold": {str(k): scores(gold[fold == k], pred[fold == k])["macro_f1"]
                         for k in range(N_FOLDS)},
        }
    result["passed"] = result["textstudy"]["held_out"]["macro_f1"] >= 0.75
    if out is not None:
        write_result(result, out)
    return result


if __name__ == "__main__":  # python -m textstudy.validation.claims
    r = validate_claims(out=None)
    for name in ("textstudy", "five_line_rule"):
        print(name, {k: r[name][k]["macro_f1"] for k in ("development", "held_out", "all")},
              r[name]["per_fold"])
