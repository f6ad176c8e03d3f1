"""The runner: rows in == rows out, statuses with reasons, provenance, counts == matches."""

import json

import numpy as np
import pandas as pd
import pytest

import textstudy
from textstudy.cli import main
from textstudy.measures import available

from .conftest import WEBCORPUS


@pytest.fixture(scope="module")
def tables():
    return textstudy.analyze_with_matches(WEBCORPUS)


def test_one_row_per_document_with_metadata(tables, webcorpus):
    wide, _ = tables
    assert wide["doc_id"].tolist() == webcorpus["doc_id"].tolist()
    assert wide["outlet"].tolist() == webcorpus["outlet"].tolist()
    assert (wide["status"] == "ok").all()
    assert "text" not in wide.columns


def test_structure_counts_match_segmentation(tables, webcorpus):
    wide, _ = tables
    for _, row in webcorpus.iterrows():
        doc = textstudy.segment(row.doc_id, row.text)
        got = wide.set_index("doc_id").loc[row.doc_id]
        assert got["n_blocks"] == len(doc.blocks)
        assert got["n_boilerplate"] == sum(b.kind == "boilerplate" for b in doc.blocks)
        assert got["n_words"] == doc.n_words() > 0


def test_counts_equal_match_rows_for_every_count_column(tables):
    wide, long = tables
    per = long.groupby(["doc_id", "measure"]).size()
    per_cat = long.groupby(["doc_id", "measure", "category"]).size()
    measures = set(long["measure"])
    checked = 0
    for _, row in wide.iterrows():
        for m in measures:
            col = f"{m}_n"
            if col in wide.columns:
                assert row[col] == per.get((row.doc_id, m), 0), (row.doc_id, col)
                checked += 1
            for cat in set(long.loc[long.measure == m, "category"]):
                col = f"{m}_{cat}_n"
                if col in wide.columns:
                    assert row[col] == per_cat.get((row.doc_id, m, cat), 0), (row.doc_id, col)
                    checked += 1
    if len(available()) > 1:
        assert checked > 0


def test_match_rows_point_at_their_text(tables, webcorpus):
    # Every match starts inside the sentence it is filed under (a testimonial quote may run
    # on over several sentences of its block) and lies inside one block.
    _, long = tables
    docs = {r.doc_id: textstudy.segment(r.doc_id, r.text) for r in webcorpus.itertuples()}
    for r in long.itertuples():
        doc = docs[r.doc_id]
        assert 0 <= r.start < r.end <= len(doc.text)
        block = next(b for b in doc.blocks if b.start <= r.start < b.end)
        assert r.end <= block.end and r.block_kind == block.kind
        assert r.match == doc.text[r.start : r.end]
        # the context is the text right before and after the match, inside its sentence
        assert doc.text[r.start - len(r.left) : r.end + len(r.right)] == r.left + r.match + r.right
        assert max(len(r.left), len(r.right)) <= textstudy.run.CONTEXT_CHARS
        if r.sentence_id >= 0:
            s = doc.sentences[r.sentence_id]
            assert s.start <= r.start < s.end
            # (a match may run on past its sentence's end; its context never does)
            assert s.start <= r.start - len(r.left) and r.end + len(r.right) <= max(s.end, r.end)
    assert list(long.columns) == textstudy.run.MATCH_COLUMNS


def test_bad_documents_keep_their_rows_with_reasons():
    df = pd.DataFrame({
        "doc_id": ["ok", "empty", "german", "chinese", "furniture"],
        "text": [
            "Microdosing may help some people with pain, but the evidence is weak.",
            "",
            "Der Hund ist sehr gross und die Katze ist klein aber sie sind beide seit langer "
            "Zeit gute Freunde und spielen jeden Tag zusammen im Garten hinter dem Haus",
            "微剂量是一种服用极少量迷幻药的做法，研究人员正在研究它对慢性疼痛的作用。",
            "Share This Post\nLeave a comment",
        ],
    })
    wide = textstudy.analyze(df)
    status = dict(zip(wide.doc_id, wide.status))
    assert status == {"ok": "ok", "empty": "empty", "german": "non_english",
                      "chinese": "non_english", "furniture": "empty"}
    assert (wide.loc[wide.status != "ok", "reason"] != "").all()
    measure_cols = [c for c in wide.columns if c not in df.columns and c not in
                    ("status", "reason") and not c.startswith("n_")]
    bad = wide[wide.status != "ok"]
    for c in measure_cols:
        assert bad[c].isna().all(), c


def test_too_long_documents_are_flagged():
    df = pd.DataFrame({"doc_id": ["a"], "text": ["Pain relief is possible. " * 50]})
    wide = textstudy.analyze(df, max_chars=100)
    assert wide.loc[0, "status"] == "too_long" and "max_chars=100" in wide.loc[0, "reason"]
    assert wide[["n_words", "hedges_n", "readability_flesch_reading_ease"]].isna().all(axis=None)


def test_provenance_in_attrs(tables):
    prov = tables[0].attrs["provenance"]
    assert prov["textstudy"] == textstudy.__version__
    assert "structure" in prov["measures"]
    for name, sha in prov["lexicons"].items():
        assert len(sha) == 64, name
    # the evidence tables' claim-strength and facet lexicons are recorded with the measures'
    from textstudy.claims import CLAIM_LEXICON
    from textstudy.evidence import FACET_LEXICON

    assert prov["lexicons"]["claim_strength"] == CLAIM_LEXICON.sha256
    assert prov["lexicons"]["evidence_facets"] == FACET_LEXICON.sha256


def test_results_are_identical_across_runs_and_chunk_sizes():
    a = textstudy.analyze(WEBCORPUS, chunksize=1000)
    b = textstudy.analyze(WEBCORPUS, chunksize=2)
    pd.testing.assert_frame_equal(a, b)
    assert a.to_csv(index=False) == textstudy.analyze(WEBCORPUS).to_csv(index=False)


def test_cli_analyze_writes_four_files(tmp_path, capsys):
    assert main(["analyze", str(WEBCORPUS), "-o", str(tmp_path / "out")]) == 0
    res = pd.read_csv(tmp_path / "out" / "results.csv")
    assert len(res) == 5
    prov = json.loads((tmp_path / "out" / "provenance.json").read_text())
    assert prov["outputs"]["documents"] == 5
    long = pd.read_csv(tmp_path / "out" / "matches.csv", keep_default_na=False)
    assert prov["outputs"]["matches"] == len(long)
    # every match row's sentence is in sentences.csv, and holds the match
    sents = pd.read_csv(tmp_path / "out" / "sentences.csv", keep_default_na=False)
    both = long[long.sentence_id >= 0].merge(sents, on=["doc_id", "sentence_id"],
                                              suffixes=("", "_s"), validate="many_to_one")
    assert len(both) == (long.sentence_id >= 0).sum()
    for r in both.itertuples():
        at = r.start - r.start_s  # where the match starts in its sentence
        assert 0 <= at < len(r.sentence) and r.sentence[at - len(r.left) : at] == r.left
        assert (r.match + r.right).startswith(r.sentence[at : at + len(r.match + r.right)])
    wide = textstudy.analyze(WEBCORPUS)
    np.testing.assert_allclose(res["n_words"], wide["n_words"])


def test_cli_errors_are_one_line(tmp_path, capsys):
    (tmp_path / "c.csv").write_text("doc_id,body\na,b\n")
    assert main(["analyze", str(tmp_path / "c.csv"), "-o", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("textstudy: error:") and err.count("\n") == 1


def test_written_outputs_are_byte_identical_across_runs(tmp_path):
    for out in ("a", "b"):
        assert main(["analyze", str(WEBCORPUS), "-o", str(tmp_path / out)]) == 0
    for name in ("results.csv", "matches.csv", "sentences.csv", "provenance.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
