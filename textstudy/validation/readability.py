"""Validate the readability measure on OneStopEnglish (Vajjala & Lučić 2018).

OneStopEnglish has 189 news texts, each rewritten by teachers at three levels: elementary
(``ele``), intermediate (``int``) and advanced (``adv``). A readability score that works orders
each triple: Flesch Reading Ease (higher = easier) ele > int > adv. The reference figure for
textstat on the raw texts is 94% of triples (../shared/data/SOURCES.md).

Run ``python -m textstudy.validation.readability`` from the project root; the figures are
written to ``benchmarks/results/readability_validation.json`` (numbers only, sorted keys).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path

from ..measures.readability import Readability
from ..segment import segment
from . import RESULTS, SHARED_DATA, read_jsonl, write_result

LEVELS = ("ele", "int", "adv")
#: Grade-level scores: higher = harder, so a correct triple has ele < int < adv.
GRADE_SCORES = (
    "flesch_kincaid_grade",
    "gunning_fog",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "lix",
)


def _ordered(vals: list[float], increasing: bool) -> bool:
    if any(math.isnan(v) for v in vals):
        return False
    pairs = zip(vals, vals[1:], strict=False)
    return all(a < b for a, b in pairs) if increasing else all(a > b for a, b in pairs)


def validate_readability(data_dir: str | Path, out: str | Path | None = None) -> dict:
    """Share of OneStopEnglish triples each score orders correctly.

    Parameters
    ----------
    data_dir : path
        The shared data folder (containing ``readability/onestop.jsonl``).
    out : path, optional
        JSON file to write; default ``benchmarks/results/readability_validation.json``.

    Returns
    -------
    dict
        ``n_triples``; ``fre_order_share`` (Flesch Reading Ease ele > int > adv) and
        ``<score>_order_share`` for the grade-level scores (ele < int < adv); the same with the
        raw text given to textstat (``textstat_fre_order_share``) for reference; and the
        mean counts per level (``mean_words_<level>``, ``mean_sentences_<level>``).
    """
    from ..textstat_offline import textstat

    rows = read_jsonl(Path(data_dir) / "readability" / "onestop.jsonl")
    measure = Readability()
    ts = textstat()
    by_topic: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in rows:
        values = measure(segment(r["path"], r["text"])).values
        values["textstat_fre"] = ts.flesch_reading_ease(r["text"])
        by_topic[r["topic"]][r["level"]] = values
    triples = [t for _, t in sorted(by_topic.items()) if all(lv in t for lv in LEVELS)]
    n = len(triples)

    def share(key: str, increasing: bool) -> float:
        ok = sum(_ordered([t[lv][key] for lv in LEVELS], increasing) for t in triples)
        return round(ok / n, 4)

    result: dict[str, float] = {
        "n_triples": n,
        "fre_order_share": share("readability_flesch_reading_ease", increasing=False),
        "textstat_fre_order_share": share("textstat_fre", increasing=False),
    }
    for s in GRADE_SCORES:
        result[f"{s}_order_share"] = share(f"readability_{s}", increasing=True)
    for lv in LEVELS:
        for c in ("words", "sentences"):
            mean = sum(t[lv][f"readability_{c}"] for t in triples) / n
            result[f"mean_{c}_{lv}"] = round(mean, 2)
    write_result(result, out if out is not None else RESULTS / "readability_validation.json")
    return result


if __name__ == "__main__":
    print(json.dumps(validate_readability(SHARED_DATA), indent=2, sort_keys=True))
