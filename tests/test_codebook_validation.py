"""Block-level scoring against codebook hand-coding (textstudy.validation.codebook)."""

import pandas as pd

from textstudy.validation.codebook import (
    CONSTRUCTS,
    WORD_LISTS,
    scores,
    textstudy_labels,
    word_list_labels,
)


def test_scores_count_agreement_per_construct():
    gold = pd.DataFrame({c: [1, 1, 0, 0] for c in CONSTRUCTS})
    pred = pd.DataFrame({c: [1, 0, 1, 0] for c in CONSTRUCTS})
    s = scores(gold, pred)["hedge"]
    assert (s["tp"], s["fp"], s["fn"]) == (1, 1, 1)
    assert s["precision"] == s["recall"] == s["f1"] == 0.5


def test_scores_are_undefined_without_positives():
    none = pd.DataFrame({c: [0, 0] for c in CONSTRUCTS})
    assert scores(none, none)["booster"]["f1"] is None


def test_word_list_is_whole_word_and_case_insensitive():
    lists = dict(WORD_LISTS, hedge=("may",), booster=("clearly",))
    texts = pd.Series(["It MAY help.", "Mayhem, clearly.", "Buy now", "Shopping is fun"])
    got = word_list_labels(texts, lists)
    assert got["hedge"].tolist() == [1, 0, 0, 0]
    assert got["booster"].tolist() == [0, 1, 0, 0]
    assert got["commercial"].tolist() == [0, 0, 1, 0]


def test_textstudy_labels_one_row_per_block():
    texts = pd.Series(["Studies show that it may help.", "The sky is blue today."],
                      index=[10, 11])
    got = textstudy_labels(texts)
    assert got.index.tolist() == [10, 11]
    assert got.loc[10, "hedge"] == 1 and got.loc[10, "vague_attribution"] == 1
    assert got.loc[11].sum() == 0
