"""Validate the topic model on OneStopEnglish (Vajjala & Lučić 2018).

OneStopEnglish has 189 news articles, each rewritten by teachers at three reading levels
(elementary, intermediate, advanced). The three versions tell the same story in different
words, so a topic model that captures subject matter should give them the same dominant topic.

Procedure (all defaults of :class:`textstudy.topics.TopicModel`: NMF on TF-IDF, units of 40-200
words, ``min_df=2``, ``max_df=0.5``, ``random_state=0``):

1. Keep the articles present at all three levels; one document per (article, level).
2. Fit ``TopicModel(n_topics="auto", k_range=K_RANGE)``: k = the k of highest mean NPMI.
3. A document's dominant topic is the argmax of its word-weighted topic shares (ratio of sums
   over its units, :meth:`TopicModel.outlet_topics` with ``by="doc_id"``). Report the share of
   articles whose three versions share their dominant topic (target >= 0.8), and as a baseline
   the same share for triples of three *different* articles drawn at random (seeded).
4. Stability at the chosen k: mean Hungarian-matched cosine of topic-term vectors over the 10
   pairs of 5 seeds (target >= 0.8).
5. The same agreement at every k of the range (each k fitted on its own), to show how the
   figure depends on k.

Run ``python -m textstudy.validation.topics`` from the project root; the figures are written to
``benchmarks/results/topics_validation.json`` (numbers only, sorted keys, no timestamps).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from ..topics import TopicModel
from . import RESULTS, SHARED_DATA, read_jsonl, write_result

K_RANGE: tuple[int, ...] = (10, 20, 30, 40, 50, 60, 80, 100)


def load_onestop(data_dir: str | Path) -> pd.DataFrame:
    """OneStopEnglish as a corpus: ``doc_id`` ("<article>|<level>"), ``text``, ``article``,
    ``level``; only articles present at all three levels."""
    df = pd.DataFrame(read_jsonl(Path(data_dir) / "readability" / "onestop.jsonl"))
    df = df[df.groupby("topic")["level"].transform("nunique") == 3]
    df = df.rename(columns={"topic": "article"})
    df["doc_id"] = df["article"] + "|" + df["level"]
    return df[["doc_id", "text", "article", "level"]].sort_values("doc_id").reset_index(drop=True)


def dominant_topics(model: TopicModel) -> pd.Series:
    """Dominant topic of each fitted document (argmax of word-weighted shares)."""
    ot = model.outlet_topics(by="doc_id")
    return ot.loc[ot.groupby("doc_id")["share"].idxmax()].set_index("doc_id")["topic"]


def triple_agreement(dom: pd.Series, articles: pd.Series) -> float:
    """Share of articles whose versions all have the same dominant topic."""
    return float((dom.groupby(articles.reindex(dom.index).to_numpy()).nunique() == 1).mean())


def random_triple_agreement(dom: pd.Series, articles: pd.Series, n: int = 2000) -> float:
    """Baseline: share of random triples of three different articles (one version each) whose
    dominant topics agree."""
    rng = np.random.default_rng(0)
    groups = dom.groupby(articles.reindex(dom.index).to_numpy())
    by_article = {a: g.to_numpy() for a, g in groups}
    names = sorted(by_article)
    hits = 0
    for _ in range(n):
        picks = rng.choice(len(names), size=3, replace=False)
        topics = {int(rng.choice(by_article[names[i]])) for i in picks}
        hits += len(topics) == 1
    return hits / n


def validate_topics(
    data_dir: str | Path,
    out: str | Path | None = None,
    k_range: tuple[int, ...] = K_RANGE,
    per_k: bool = True,
) -> dict:
    """Dominant-topic agreement across the three versions of OneStopEnglish articles.

    Parameters
    ----------
    data_dir : path
        The shared data folder (containing ``readability/onestop.jsonl``).
    out : path, optional
        JSON file to write; default ``benchmarks/results/topics_validation.json``.
    k_range : tuple of int
        Candidate numbers of topics.
    per_k : bool
        Also report the agreement at every k of the range.

    Returns
    -------
    dict
        ``chosen_k``, ``coherence_npmi``, ``stability_5_seeds``, ``triple_agreement``
        (target >= 0.8), ``random_triple_agreement`` (baseline), the ``curve`` per k, corpus
        sizes and vocabulary size.
    """
    corpus = load_onestop(data_dir)
    articles = corpus.set_index("doc_id")["article"]
    model = TopicModel(n_topics="auto", k_range=tuple(k_range), stability_seeds=5).fit(corpus)
    dom = dominant_topics(model)
    curve = model.coherence_curve()
    agreement_by_k = {}
    if per_k:
        for k in k_range:
            if k == model.n_topics_:
                agreement_by_k[k] = triple_agreement(dom, articles)
                continue
            m = TopicModel(n_topics=k, stability_seeds=0).fit(corpus)
            agreement_by_k[k] = triple_agreement(dominant_topics(m), articles)
    result = {
        "data": "OneStopEnglish (Vajjala & Lucic 2018), readability/onestop.jsonl",
        "n_articles": int(corpus["article"].nunique()),
        "n_documents": len(corpus),
        "n_units": int(model.n_units_),
        "vocabulary_size": int(len(model.vocabulary_)),
        "method": model.method,
        "k_range": [int(k) for k in k_range],
        "chosen_k": int(model.n_topics_),
        "coherence_npmi": round(model.coherence_, 4),
        "stability_5_seeds": round(model.stability_, 4),
        "triple_agreement": round(triple_agreement(dom, articles), 4),
        "random_triple_agreement": round(random_triple_agreement(dom, articles), 4),
        "targets": {"stability_5_seeds": 0.8, "triple_agreement": 0.8},
        "curve": [
            {
                "k": int(r.k),
                "coherence_npmi": round(float(r.coherence), 4),
                "triple_agreement": (
                    round(agreement_by_k[r.k], 4) if r.k in agreement_by_k else None
                ),
            }
            for r in curve.itertuples()
        ],
        "stop_words_sha256": model.provenance["stop_words_sha256"],
    }
    write_result(result, out or RESULTS / "topics_validation.json")
    return result


if __name__ == "__main__":
    print(json.dumps(validate_topics(SHARED_DATA), indent=2, sort_keys=True))
