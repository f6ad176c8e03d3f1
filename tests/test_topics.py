"""Tests for textstudy.topics: units, coherence, stability, tidy tables, streaming."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from textstudy.lexicon import load_lexicon
from textstudy.segment import segment
from textstudy.topics import (
    TopicModel,
    build_units,
    coherence_from_terms,
    mean_pairwise_similarity,
    topic_set_similarity,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

# Three themes of invented health-web sentences (written for these tests).
THEMES = {
    "sleep": [
        "Poor sleep makes insomnia worse and many adults lie awake for hours at night.",
        "A regular bedtime and a dark bedroom help the body clock settle before sleep.",
        "Melatonin is a hormone that rises in the evening and signals the brain to sleep.",
        "Caffeine late in the afternoon can delay sleep onset and shorten deep sleep.",
        "Cognitive behavioural therapy for insomnia works better than sleeping pills long term.",
        "Shift workers report daytime sleepiness because their circadian rhythm is disrupted.",
        "Screens in the bedroom expose the eyes to blue light that suppresses melatonin.",
        "Snoring with pauses in breathing can be a sign of obstructive sleep apnoea.",
    ],
    "migraine": [
        "Migraine attacks bring throbbing headache pain, nausea and sensitivity to light.",
        "Some patients see an aura of flashing lights before the migraine headache begins.",
        "Triptans narrow blood vessels and can stop a migraine attack if taken early.",
        "Keeping a headache diary helps patients find triggers such as skipped meals.",
        "Cluster headache causes severe pain around one eye, often at the same hour each day.",
        "Preventive migraine treatment includes beta blockers and newer CGRP antibodies.",
        "Overusing painkillers can turn occasional headaches into a daily medication headache.",
        "Neurologists assess chronic migraine when headaches occur on fifteen days a month.",
    ],
    "nutrition": [
        "Vitamin D is made in the skin from sunlight and supports calcium absorption in bones.",
        "Oily fish, eggs and fortified cereals are dietary sources of vitamin D.",
        "A diet rich in fibre from vegetables, beans and whole grains feeds gut bacteria.",
        "Dietitians suggest filling half the plate with vegetables and fruit at each meal.",
        "Iron deficiency is common in women and can be treated with iron supplements.",
        "Processed foods high in salt and sugar add calories with few nutrients.",
        "Protein from beans, lentils and nuts can replace some red meat in the diet.",
        "Supplements of vitamin B12 are advised for vegans because plants lack the vitamin.",
    ],
}
OUTLETS = ("clinic_news", "wellness_blog", "health_forum")


def make_corpus(seed: int = 7, docs_per_cell: int = 2, paras: int = 3) -> pd.DataFrame:
    """Documents of one theme each: a heading, paragraphs of 5 sampled sentences, furniture."""
    rng = np.random.default_rng(seed)
    rows = []
    for outlet in OUTLETS:
        for theme, pool in THEMES.items():
            for d in range(docs_per_cell):
                parts = [f"About {theme.title()}", "Share This Post"]
                for _ in range(paras):
                    parts.append(" ".join(rng.choice(pool, size=5, replace=False)))
                parts.append("Leave a comment")
                rows.append(
                    {
                        "doc_id": f"{outlet}-{theme}-{d}",
                        "text": "\n\n".join(parts),
                        "outlet": outlet,
                        "theme": theme,
                    }
                )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return make_corpus()


@pytest.fixture(scope="module")
def model(corpus) -> TopicModel:
    return TopicModel(n_topics=3, min_df=1, max_df=0.9, stability_seeds=3).fit(corpus)


def dominant_by_doc(m: TopicModel, corpus: pd.DataFrame | None = None) -> pd.Series:
    ot = m.outlet_topics(by="doc_id", corpus=corpus)
    return ot.loc[ot.groupby("doc_id")["share"].idxmax()].set_index("doc_id")["topic"]


# ---- units ----------------------------------------------------------------------------------


def test_units_merge_heading_and_drop_boilerplate():
    text = (
        "Why Magnesium Matters\n\n"
        "Share This Post\n\n"
        "Magnesium helps muscles relax and supports over three hundred enzymes in the body.\n\n"
        "magnesium-foods.jpg\n\n"
        "Leave a comment\n\n"
        "Leafy greens, nuts and seeds are good sources, and most adults get enough from food."
    )
    doc = segment("d1", text)
    units = build_units(doc, min_words=10, max_words=200)
    joined = "\n".join(u.text for u in units)
    assert len(units) == 2
    assert units[0].text.startswith("Why Magnesium Matters\nMagnesium helps")
    for furniture in ("Share This Post", "magnesium-foods.jpg", "Leave a comment"):
        assert furniture not in joined
    assert units[1].text.startswith("Leafy greens")
    # spans point into the original text
    assert text[units[0].start : units[0].start + 21] == "Why Magnesium Matters"
    assert units[1].end == len(text)


def test_units_merge_short_blocks_and_tail():
    paras = [f"Short paragraph number {w} about hydration and kidney stones." for w in "abcde"]
    doc = segment("d", "\n\n".join(paras))  # five blocks of 9 words
    units = build_units(doc, min_words=20, max_words=200)
    # min 20: 9+9+9 = 27 closes a unit; the tail 9+9 = 18 < 20 is appended to it -> [45].
    assert [u.n_words for u in units] == [45]
    # min 18: 9+9 closes, 9+9 closes, the tail 9 < 18 joins the second unit -> [18, 27].
    units = build_units(doc, min_words=18, max_words=200)
    assert [u.n_words for u in units] == [18, 27]


def test_units_split_long_block_at_sentences():
    sent = "Regular walking lowers blood pressure in most adults over time."  # 10 words
    text = " ".join([sent] * 35)  # one block of 350 words
    units = build_units(segment("d", text), min_words=40, max_words=100)
    assert len(units) == math.ceil(350 / 100)
    assert sum(u.n_words for u in units) == 350
    assert all(u.text.endswith(".") and u.text.startswith("Regular") for u in units)
    assert max(u.n_words for u in units) <= 100


# ---- coherence and stability ----------------------------------------------------------------


def test_npmi_and_umass_hand_worked():
    # Units: {a,b} {a,b,c} {a,c} {d} {a}; N = 5.
    # D(a)=4 D(b)=2 D(c)=2 D(a,b)=2 D(a,c)=2 D(b,c)=1
    # NPMI(a,b) = log(0.4 / (0.8*0.4)) / -log(0.4) = log(1.25)/0.916291 = 0.243529 = NPMI(a,c)
    # NPMI(b,c) = log(0.2 / (0.4*0.4)) / -log(0.2) = log(1.25)/1.609438 = 0.138647
    # topic [a,b,c]: mean = (2*0.243529 + 0.138647) / 3 = 0.208568
    # topic [b,d]: never together -> -1
    # UMass [a,b,c]: log((2+1)/4) + log((2+1)/4) + log((1+1)/2) over 3 pairs
    #              = (2 * -0.287682 + 0) / 3 = -0.191788
    docs = [["a", "b"], ["a", "b", "c"], ["a", "c"], ["d"], ["a"]]
    npmi = coherence_from_terms([["a", "b", "c"], ["b", "d"]], docs, "npmi")
    assert npmi[0] == pytest.approx(0.208568, abs=1e-6)
    assert npmi[1] == -1.0
    umass = coherence_from_terms([["a", "b", "c"]], docs, "umass")
    assert umass[0] == pytest.approx(-0.191788, abs=1e-6)


def test_topic_matching_is_one_to_one():
    A = np.array([[1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0]])
    assert topic_set_similarity(A, A[[2, 0, 1]]) == pytest.approx(1.0)
    # Both rows of B match A's first topic; one-to-one matching must give A's second topic a
    # B row at cosine 0, so the mean is (1 + 0) / 2.
    B = np.array([[1.0, 0, 0], [1.0, 0, 1e-9]])
    A2 = A[:2]
    assert topic_set_similarity(A2, B) == pytest.approx(0.5, abs=1e-6)
    assert mean_pairwise_similarity([A, A, A[[1, 0, 2]]]) == pytest.approx(1.0)


# ---- the model ------------------------------------------------------------------------------


def test_same_inputs_same_tables(corpus):
    for method in ("nmf", "lda"):
        a = TopicModel(
            method=method, n_topics=3, min_df=1, stability_seeds=0, random_state=3, max_iter=60
        )
        b = clone(a)
        a.fit(corpus)
        b.fit(corpus)
        pd.testing.assert_frame_equal(a.top_terms(), b.top_terms())
        pd.testing.assert_frame_equal(a.doc_topics(), b.doc_topics())
        pd.testing.assert_frame_equal(a.outlet_topics(), b.outlet_topics())


def test_recovers_themes(model, corpus):
    dom = dominant_by_doc(model)
    theme = corpus.set_index("doc_id")["theme"]
    per_theme = dom.groupby(theme.reindex(dom.index)).nunique()
    assert (per_theme == 1).all()  # every document of a theme has the same dominant topic
    assert dom.groupby(theme.reindex(dom.index)).first().nunique() == 3  # distinct per theme
    labels = model.topic_labels(3)
    assert set(labels) == {0, 1, 2}
    assert all(lbl.startswith(f"t{t}: ") and lbl.count(" · ") == 2 for t, lbl in labels.items())


def test_tables_shapes_and_shares(model, corpus):
    tt = model.top_terms(5)
    assert list(tt.columns) == ["topic", "rank", "term", "weight"]
    assert len(tt) == 15
    assert (tt.groupby("topic")["weight"].apply(lambda w: w.is_monotonic_decreasing)).all()
    dt = model.doc_topics()
    assert list(dt.columns) == ["doc_id", "unit", "topic", "share"]
    assert np.allclose(dt.groupby(["doc_id", "unit"])["share"].sum(), 1.0)
    ot = model.outlet_topics(by="outlet")
    assert list(ot.columns) == ["outlet", "topic", "share"]
    assert set(ot["outlet"]) == set(OUTLETS)
    assert np.allclose(ot.groupby("outlet")["share"].sum(), 1.0)


def test_outlet_topics_is_ratio_of_sums(model):
    # Recompute from doc_topics and the unit word counts, independently of outlet_topics.
    dt = model.doc_topics().merge(model.units_[["doc_id", "unit", "n_words", "outlet"]])
    dt["words"] = dt["share"] * dt["n_words"]
    manual = dt.groupby(["outlet", "topic"])["words"].sum()
    manual = manual / manual.groupby(level="outlet").transform("sum")
    got = model.outlet_topics().set_index(["outlet", "topic"])["share"]
    pd.testing.assert_series_equal(got.sort_index(), manual.sort_index(), check_names=False)


def test_stop_words_and_provenance(model):
    vocab = set(model.vocabulary_)
    for w in ("may", "might", "could", "share", "comment", "post"):
        assert w not in vocab
    assert {"migraine", "melatonin", "vitamin"} <= vocab
    prov = model.provenance
    assert prov["vocabulary_size"] == len(model.vocabulary_)
    assert prov["stop_words_sha256"] == load_lexicon("topic_stopwords").sha256
    assert prov["params"]["n_topics"] == 3
    assert set(model.get_params()) >= {"method", "n_topics", "random_state", "min_df"}


def test_auto_k_curve_and_stability(corpus):
    m = TopicModel(n_topics="auto", k_range=(2, 3, 6), min_df=1, max_df=0.9, stability_seeds=3)
    m.fit(corpus)
    curve = m.coherence_curve()
    assert list(curve["k"]) == [2, 3, 6]
    assert curve.loc[curve["chosen"], "k"].item() == m.n_topics_
    assert m.coherence_ == pytest.approx(curve["coherence"].max())
    assert 0.0 <= m.stability_ <= 1.0 + 1e-9
    # coherence recomputed from the fitted top terms
    assert m.coherence_ == pytest.approx(float(np.nanmean(m.score_coherence())))


def test_streamed_fit_gives_usable_model(corpus):
    chunks = [corpus.iloc[i : i + 5] for i in range(0, len(corpus), 5)]
    m = TopicModel(method="minibatch_nmf", n_topics=3, min_df=1, max_df=0.9, batch_size=8)
    m.fit_stream(lambda: iter(chunks), n_passes=5)
    assert m.components_.shape == (3, len(m.vocabulary_))
    assert m.provenance["streamed"] and m.n_units_ == 5 * len(
        TopicModel(min_df=1)._units(corpus)
    )
    dt = m.doc_topics(corpus)
    assert np.allclose(dt.groupby(["doc_id", "unit"])["share"].sum(), 1.0)
    dom = dominant_by_doc(m, corpus)
    theme = corpus.set_index("doc_id")["theme"].reindex(dom.index)
    # most documents of a theme agree on their dominant topic
    agree = dom.groupby(theme).agg(lambda s: s.value_counts().iloc[0] / len(s))
    assert agree.mean() >= 0.8
    with pytest.raises(RuntimeError):
        m.doc_topics()  # streamed models keep no units


def test_partial_fit_first_chunk_vocabulary(corpus):
    m = TopicModel(method="lda", n_topics=3, min_df=1, max_df=1.0, batch_size=16)
    m.partial_fit(corpus.iloc[:9])
    n_vocab = len(m.vocabulary_)
    m.partial_fit(corpus.iloc[9:])
    assert len(m.vocabulary_) == n_vocab  # fixed after the first chunk
    assert m.transform(corpus).shape[1] == 3
    with pytest.raises(ValueError):
        TopicModel(method="nmf", n_topics=3).partial_fit(corpus)


def test_bad_corpus():
    with pytest.raises(ValueError, match="text"):
        TopicModel().fit(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(ValueError, match="duplicate"):
        TopicModel().fit(pd.DataFrame({"doc_id": ["a", "a"], "text": ["x y", "z w"]}))


# ---- OneStopEnglish -------------------------------------------------------------------------


def test_onestop_versions_share_dominant_topic():
    path = DATA / "readability" / "onestop.jsonl"
    if not path.exists():
        pytest.skip("../shared/data not available")
    df = pd.DataFrame([json.loads(line) for line in path.open(encoding="utf-8")])
    df = df[df.groupby("topic")["level"].transform("nunique") == 3]
    keep = sorted(df["topic"].unique())[:30]
    df = df[df["topic"].isin(keep)].assign(doc_id=lambda d: d["topic"] + "|" + d["level"])
    m = TopicModel(n_topics="auto", k_range=(10, 20, 30), stability_seeds=0)
    m.fit(df[["doc_id", "text", "topic", "level"]])
    dom = dominant_by_doc(m)
    article = dom.index.str.split("|").str[0]
    share_same = float((dom.groupby(article).nunique() == 1).mean())
    assert share_same >= 0.8
