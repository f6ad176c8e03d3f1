"""Running textstudy on a Dask cluster (optional: ``pip install textstudy[dask]``).

Each partition of a Dask DataFrame with ``doc_id`` and ``text`` columns (plus any metadata) is
measured by :func:`textstudy.run.analyze_partition`, the same function the single-machine runner
uses, so the result equals ``textstudy.analyze`` on the same documents::

    import dask.dataframe as dd
    from distributed import Client, LocalCluster
    import textstudy.dask

    if __name__ == "__main__":          # required by distributed's process workers
        with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster):
            ddf = dd.read_parquet("corpus.parquet")
            table = textstudy.dask.analyze(ddf).compute()

Documents are not checked for duplicate ids across partitions here (that needs a shuffle);
check ``ddf.doc_id.nunique()`` against the length if ids may repeat.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .corpus import load_corpus
from .measures import Measure
from .run import (
    DEFAULT_MAX_CHARS,
    _worker_measures,
    analyze_partition,
    measure_specs,
    resolve_measures,
    run_provenance,
)


def _measure_partition(part: pd.DataFrame, specs: bytes, max_chars: int, text_col: str,
                       id_col: str) -> pd.DataFrame:
    # the measures travel as a small recipe and are built once per worker process
    measures = _worker_measures(specs)
    if not len(part):
        return _empty_meta(part, measures, text_col, id_col)
    return analyze_partition(load_corpus(part, text_col=text_col, id_col=id_col), measures,
                             max_chars)


def _empty_meta(part: pd.DataFrame, measures: list[Measure], text_col: str, id_col: str
                ) -> pd.DataFrame:
    """An empty result table with the right columns and dtypes (Dask's ``meta``)."""
    meta_cols = [c for c in part.columns if c not in (id_col, text_col)]
    cols = ["doc_id", *meta_cols, "status", "reason"] + [c for m in measures for c in m.columns()]
    return analyze_partition(
        pd.DataFrame({"doc_id": ["_"], **{c: [""] for c in meta_cols}, "text": [""]}),
        measures,
    ).iloc[:0][cols]


def analyze(ddf, measures: Sequence[str | Measure] | None = None,
            max_chars: int = DEFAULT_MAX_CHARS, text_col: str = "text", id_col: str = "doc_id"):
    """The lazy Dask equivalent of :func:`textstudy.analyze`: one row per document.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        Documents with ``id_col`` and ``text_col`` columns; other columns pass through.
    measures, max_chars
        As in :func:`textstudy.analyze`.

    Returns
    -------
    dask.dataframe.DataFrame
        Call ``.compute()`` for a pandas DataFrame; provenance is in its ``attrs`` only after
        :func:`with_provenance`.
    """
    ms = resolve_measures(measures)
    meta = _empty_meta(ddf._meta, ms, text_col, id_col)
    return ddf.map_partitions(_measure_partition, measure_specs(ms), max_chars, text_col, id_col,
                              meta=meta)


def with_provenance(table: pd.DataFrame, measures: Sequence[str | Measure] | None = None,
                    max_chars: int = DEFAULT_MAX_CHARS) -> pd.DataFrame:
    """Attach the same provenance record that :func:`textstudy.analyze` attaches."""
    table.attrs["provenance"] = run_provenance(measures, n_jobs=-1, chunksize=-1,
                                               max_chars=max_chars)
    table.attrs["provenance"]["parameters"]["scheduler"] = "dask"
    return table
