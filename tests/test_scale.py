"""Chunking, worker processes and Dask all give the single-process table."""

import pandas as pd
import pytest

import textstudy

from .conftest import WEBCORPUS


@pytest.fixture(scope="module")
def corpus():
    base = textstudy.load_corpus(WEBCORPUS).drop(columns=["source_file"])
    # 40 documents: the five fixtures, each also cut into its halves
    rows = []
    for i in range(4):
        for r in base.itertuples():
            text = r.text if i == 0 else r.text[: len(r.text) * i // 4]
            rows.append({"doc_id": f"{r.doc_id}-{i}", "outlet": r.outlet, "text": text})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def single(corpus):
    return textstudy.analyze(corpus)


def test_two_jobs_equal_one_job(corpus, single):
    parallel = textstudy.analyze(corpus, n_jobs=2, chunksize=7)
    pd.testing.assert_frame_equal(single, parallel)
    m1 = textstudy.matches(corpus)
    m2 = textstudy.matches(corpus, n_jobs=2, chunksize=7)
    pd.testing.assert_frame_equal(m1, m2)


def test_streamed_files_equal_in_memory_tables(tmp_path, corpus, single):
    corpus.to_json(tmp_path / "c.jsonl", orient="records", lines=True)
    prov = textstudy.run.analyze_to_files(tmp_path / "c.jsonl", tmp_path / "out", chunksize=6)
    assert prov["outputs"]["documents"] == len(corpus)
    got = pd.read_csv(tmp_path / "out" / "results.csv", keep_default_na=False,
                      na_values=[""])
    assert got["doc_id"].tolist() == single["doc_id"].tolist()
    num = single.select_dtypes("number").columns
    pd.testing.assert_frame_equal(got[num], single[num], check_dtype=False)


def test_streamed_matches_are_the_bytes_pandas_writes(tmp_path, corpus):
    awkward = pd.DataFrame({"doc_id": ["q1", "q2"], "outlet": ["a, b", 'say "hi"'], "text": [
        'She said "it may help, maybe"; we could see.\tTab; "quoted, comma"\n'
        "Visit shop.example.com for 20% off! Studies show it works.",
        "Résumé: naïve “curly” ‘quotes’ — it might, perhaps, ease pain\r\nSecond line may end",
    ]})
    both = pd.concat([awkward, corpus.iloc[:9]], ignore_index=True)
    both.to_json(tmp_path / "c.jsonl", orient="records", lines=True)
    textstudy.run.analyze_to_files(tmp_path / "c.jsonl", tmp_path / "out", chunksize=4)
    long = textstudy.matches(tmp_path / "c.jsonl")
    assert (tmp_path / "out" / "matches.csv").read_text() == long.to_csv(index=False)
    assert long["right"].str.contains('"').any() and long["right"].str.contains(",").any()


def test_streamed_results_do_not_depend_on_the_chunk_size(tmp_path, corpus):
    # an empty and a non-English document give NaN rows in some chunks only
    bad = pd.DataFrame({"doc_id": ["e", "f"], "outlet": ["x", "y"],
                        "text": ["   ", "Le patient a été traité avec un médicament. " * 5]})
    both = pd.concat([corpus.iloc[:7], bad, corpus.iloc[7:12]], ignore_index=True)
    both.to_json(tmp_path / "c.jsonl", orient="records", lines=True)
    files = []
    for size in (3, 100):
        textstudy.run.analyze_to_files(tmp_path / "c.jsonl", tmp_path / str(size), chunksize=size)
        files.append((tmp_path / str(size) / "results.csv").read_text())
    assert files[0] == files[1]
    counts = pd.read_csv(tmp_path / "3" / "results.csv", dtype=str, keep_default_na=False
                         )["hedges_n"].tolist()
    assert "" in counts and all(c == "" or c.isdigit() for c in counts)


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_table(corpus, single):
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    import textstudy.dask

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        ddf = dd.from_pandas(corpus, npartitions=4)
        got = textstudy.dask.analyze(ddf).compute()
    pd.testing.assert_frame_equal(got.reset_index(drop=True), single, check_dtype=False)
