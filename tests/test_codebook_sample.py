import csv
import json

import pandas as pd
import pytest

from textstudy.validation.codebook_sample import (
    CONSTRUCTS,
    LABELS,
    LABELS_B,
    LABELS_C,
    LABELS_D,
    SEED_B,
    SEED_C,
    SEED_D,
    STRATA,
    STRATA_B,
    draw_sample,
    load_codebook_sample,
    sha1,
)


@pytest.fixture(scope="module")
def sample(shared_data):
    return draw_sample(shared_data)


def test_sampler_is_deterministic_and_fills_every_stratum(shared_data, sample):
    again = draw_sample(shared_data)
    assert again[["dataset", "item", "text"]].equals(sample[["dataset", "item", "text"]])
    sizes = sample.groupby(["dataset", "stratum"]).size().to_dict()
    assert sizes == {(d, s): n for d, _, s, n in STRATA}
    assert not sample.duplicated(["dataset", "item"]).any()
    assert (sample["text"].str.split().str.len() >= 4).all()


def test_every_label_row_is_binary_and_matches_a_drawn_item(shared_data, sample):
    with open(LABELS, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {(r["dataset"], r["item"]) for r in rows} == set(zip(sample.dataset, sample.item))
    assert all(r[c] in ("0", "1") for r in rows for c in CONSTRUCTS)
    labelled = load_codebook_sample(shared_data)
    drawn = dict(zip(zip(sample.dataset, sample.item), sample.text))
    assert all(drawn[(r.dataset, r.item)] == r.text for r in labelled.itertuples())


@pytest.mark.parametrize("seed, labels, earlier",
                         [(SEED_B, LABELS_B, 1), (SEED_C, LABELS_C, 2), (SEED_D, LABELS_D, 3)])
def test_later_samples_fill_their_strata_and_share_no_block_or_news_text_with_earlier_ones(
        shared_data, sample, seed, labels, earlier):
    taken = sample
    for later in (SEED_B, SEED_C)[: earlier - 1]:
        taken = pd.concat([taken, draw_sample(shared_data, later, STRATA_B, exclude=taken)])
    drawn = draw_sample(shared_data, seed, STRATA_B, exclude=taken)
    assert drawn.groupby(["dataset", "stratum"]).size().to_dict() == {
        (d, s): n for d, _, s, n in STRATA_B}
    assert not set(zip(drawn.dataset, drawn.item)) & set(zip(taken.dataset, taken.item))
    line = drawn["item"].str.split(":").str[0]
    taken_line = taken["item"].str.split(":").str[0]
    assert not set(line[drawn.dataset == "onestop"]) & set(taken_line[taken.dataset == "onestop"])
    if labels.exists():
        with open(labels, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert {(r["dataset"], r["item"]) for r in rows} == set(zip(drawn.dataset, drawn.item))
        assert len(load_codebook_sample(shared_data, labels)) == len(drawn)


def _fake_data(tmp_path, finding):
    hedging = tmp_path / "data" / "hedging"
    hedging.mkdir(parents=True)
    rows = [{"id": 0, "finding": "Coffee drinkers live longer than tea drinkers.",
             "sentence-level-certainty": 5.0},
            {"id": 1, "finding": finding, "sentence-level-certainty": 3.0}]
    (hedging / "pei_certainty_trainval.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return tmp_path / "data"


def _labels(tmp_path, text, hedge="1"):
    path = tmp_path / "labels.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["dataset", "item", "sha1", *CONSTRUCTS, "note"])
        w.writerow(["pei", "L2:P0", sha1(text), hedge, "0", "0", "0", "0", "0", ""])
    return path


def test_loader_reads_the_text_and_fails_loudly_when_it_changed(tmp_path):
    text = "These results suggest that sleep may protect memory."
    labels = _labels(tmp_path, text)
    loaded = load_codebook_sample(_fake_data(tmp_path, text), labels)
    assert loaded.loc[0, "text"] == text and loaded.loc[0, "hedge"] == 1

    changed = tmp_path / "changed"
    changed.mkdir()
    data = _fake_data(changed, "These results show that sleep protects memory.")
    with pytest.raises(ValueError, match="SHA-1.*data file changed"):
        load_codebook_sample(data, labels)


def test_loader_rejects_a_label_that_is_not_0_or_1(tmp_path):
    text = "These results suggest that sleep may protect memory."
    with pytest.raises(ValueError, match="hedge: labels must be 0 or 1"):
        load_codebook_sample(_fake_data(tmp_path, text), _labels(tmp_path, text, hedge="yes"))
