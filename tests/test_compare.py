"""Outlet comparison: ratios of sums, the right resampling unit, and no pretend tests."""

import numpy as np
import pandas as pd

from textstudy.compare import ONE_DOC_NOTE, group_rates, pairwise_tests, sentence_counts


def make_tables():
    # doc a (outlet X): 3 sentences of 10 words, hedges in sentences 0 (2 cues) and 2 (1 cue)
    # doc b (outlet Y): 2 sentences of 20 words, no hedges; one hedge in a boilerplate line
    sentences = pd.DataFrame({
        "doc_id": ["a", "a", "a", "b", "b", "b"],
        "sentence_id": [0, 1, 2, 0, 1, 2],
        "block_kind": ["paragraph"] * 5 + ["boilerplate"],
        "n_words": [10, 10, 10, 20, 20, 3],
    })
    matches = pd.DataFrame({
        "doc_id": ["a", "a", "a", "b"],
        "measure": ["hedges"] * 4,
        "sentence_id": [0, 0, 2, 2],
    })
    return matches, sentences


def test_sentence_counts_keep_totals():
    matches, sentences = make_tables()
    per = sentence_counts(matches, sentences, "hedges")
    assert per.groupby("doc_id")["n_matches"].sum().to_dict() == {"a": 3, "b": 1}
    assert per.groupby("doc_id")["n_words"].sum().to_dict() == {"a": 30, "b": 40}


def test_group_rates_are_ratios_of_sums_with_one_doc_notes():
    matches, sentences = make_tables()
    groups = pd.Series({"a": "X", "b": "Y"})
    out = group_rates(matches, sentences, groups, n_boot=500).set_index("group")
    assert out.loc["X", "per_1k"] == 1000 * 3 / 30
    assert out.loc["X", "sentence_share"] == 2 / 3
    assert out.loc["Y", "per_1k"] == 1000 * 1 / 40
    assert out.loc["Y", "sentence_share"] == 0  # the boilerplate hit is in no body sentence
    assert (out["note"] == ONE_DOC_NOTE).all() and (out["resampled"] == "sentences").all()
    assert out.loc["X", "per_1k_low"] <= out.loc["X", "per_1k"] <= out.loc["X", "per_1k_high"]
    assert out.loc["X", "per_1k_low"] < out.loc["X", "per_1k_high"]


def test_group_with_several_documents_resamples_documents():
    matches, sentences = make_tables()
    groups = pd.Series({"a": "X", "b": "X"})
    out = group_rates(matches, sentences, groups, n_boot=500)
    assert out.loc[0, "resampled"] == "documents" and out.loc[0, "n_docs"] == 2
    assert out.loc[0, "per_1k"] == 1000 * 4 / 70
    # resampling whole documents: every replicate is a mix of a (100/1k) and b (25/1k)
    assert 25 - 1e-9 <= out.loc[0, "per_1k_low"] <= out.loc[0, "per_1k_high"] <= 100 + 1e-9


def test_bootstrap_is_seeded():
    matches, sentences = make_tables()
    groups = pd.Series({"a": "X", "b": "Y"})
    a = group_rates(matches, sentences, groups, n_boot=300, random_state=3)
    b = group_rates(matches, sentences, groups, n_boot=300, random_state=3)
    pd.testing.assert_frame_equal(a, b)


def test_pairwise_tests_only_where_there_is_something_to_permute():
    docs = pd.DataFrame({
        "outlet": ["X"] * 6 + ["Y"] * 6 + ["Z"],
        "hedges_n": [10, 12, 11, 9, 10, 13] + [1, 0, 2, 1, 1, 0] + [5],
        "n_words": [500] * 13,
    })
    out = pairwise_tests(docs, "hedges_n", "n_words", by="outlet", n_perm=2000)
    xy = out[(out.group_a == "X") & (out.group_b == "Y")].iloc[0]
    assert xy["difference"] == 1000 * (65 / 3000 - 5 / 3000)
    # all 924 splits of 12 docs: only the observed split and its mirror are as extreme
    assert xy["p_value"] < 0.01
    xz = out[(out.group_b == "Z")]
    assert xz["p_value"].isna().all() and xz["note"].str.contains("no test").all()


def test_pairwise_test_finds_no_difference_between_identical_groups():
    rng = np.random.default_rng(0)
    counts = rng.integers(5, 15, size=20)
    docs = pd.DataFrame({"g": ["A", "B"] * 10, "c": counts, "w": 1000})
    out = pairwise_tests(docs, "c", "w", by="g", n_perm=2000)
    assert out.loc[0, "p_value"] > 0.05
