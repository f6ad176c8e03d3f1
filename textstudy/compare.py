"""Outlet-level comparison: ratios of sums with bootstrap intervals, and honest tests.

Rates for a group of documents (an outlet, an outlet type) are ratios of sums, never means of
per-document ratios: ``per_1k = 1000 * sum(matches) / sum(body words)`` and
``sentence_share = sum(sentences with >= 1 match) / sum(sentences)``.

Uncertainty comes from resampling the unit that varies:

- a group with **two or more documents**: a cluster bootstrap over its documents (documents
  are drawn with replacement, each with all its sentences), which captures between-document
  variation;
- a group with **one document**: a bootstrap over that document's sentences. This only says how
  stable the rate is within the one article, not how the outlet writes in general; the ``note``
  column says so.

:func:`pairwise_tests` runs a permutation test (document labels shuffled between two groups)
only where both groups have at least ``min_docs`` documents; otherwise it returns the pair with a
note instead of a p-value (Efron & Tibshirani 1993, *An Introduction to the Bootstrap*; Good 2005,
*Permutation, Parametric and Bootstrap Tests of Hypotheses*).
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from .document import BODY_KINDS

ONE_DOC_NOTE = ("one document: interval resamples its sentences (within-article stability), "
                "not the outlet's other articles")


#: Metadata columns that name a document's outlet in figures, in order of preference.
LABEL_COLUMNS = ("label", "outlet")


def outlet_labels(corpus: pd.DataFrame, column: str | None = None) -> pd.Series:
    """Group label per ``doc_id``: the ``column`` value, or the doc_id where it is missing/empty.

    ``column`` defaults to the first of :data:`LABEL_COLUMNS` (``label``, a short name for
    figures, then ``outlet``) that the table has.
    """
    ids = corpus["doc_id"].astype(str)
    if column is None:
        column = next((c for c in LABEL_COLUMNS if c in corpus.columns), LABEL_COLUMNS[-1])
    if column not in corpus.columns:
        return pd.Series(ids.to_numpy(), index=ids, name=column)
    vals = corpus[column].fillna("").astype(str)
    return pd.Series(vals.where(vals != "", ids).to_numpy(), index=ids, name=column)


def sentence_counts(matches: pd.DataFrame, sentences: pd.DataFrame, measure: str,
                    kinds: frozenset[str] | set[str] = BODY_KINDS) -> pd.DataFrame:
    """Per body sentence: ``doc_id, sentence_id, n_words, n_matches`` for one measure.

    Matches outside body sentences (e.g. in boilerplate) are counted on sentence ``-1`` of
    their document, with zero words, so that totals equal the wide table's counts.
    """
    body = sentences[sentences["block_kind"].isin(kinds)][["doc_id", "sentence_id", "n_words"]]
    m = matches[matches["measure"] == measure]
    in_body = m.merge(body[["doc_id", "sentence_id"]], on=["doc_id", "sentence_id"])
    per = in_body.groupby(["doc_id", "sentence_id"]).size().rename("n_matches").reset_index()
    out = body.merge(per, on=["doc_id", "sentence_id"], how="left").fillna({"n_matches": 0})
    outside = len(m) - len(in_body)
    if outside:
        extra = (m.merge(body[["doc_id", "sentence_id"]], on=["doc_id", "sentence_id"],
                         how="left", indicator=True)
                 .query("_merge == 'left_only'").groupby("doc_id").size())
        out = pd.concat([out, pd.DataFrame({"doc_id": extra.index, "sentence_id": -1,
                                            "n_words": 0, "n_matches": extra.to_numpy()})],
                        ignore_index=True)
    out["n_matches"] = out["n_matches"].astype(int)
    return out


def _rates(c: np.ndarray, w: np.ndarray, h: np.ndarray, s: np.ndarray) -> tuple[float, float]:
    words, sents = w.sum(axis=-1), s.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return 1000.0 * c.sum(axis=-1) / words, h.sum(axis=-1) / sents


def group_rates(matches: pd.DataFrame, sentences: pd.DataFrame, groups: pd.Series,
                measures: list[str] | None = None, n_boot: int = 2000, ci: float = 0.95,
                random_state: int = 0, kinds: frozenset[str] | set[str] = BODY_KINDS
                ) -> pd.DataFrame:
    """Rate per group and measure with bootstrap percentile intervals.

    Parameters
    ----------
    matches, sentences : DataFrame
        :func:`textstudy.matches` and :func:`textstudy.tables.sentences` for the same corpus.
    groups : Series
        Group label per ``doc_id`` (index = doc_id), e.g. ``results.set_index("doc_id").outlet``.
    measures : list of str, optional
        Values of ``matches.measure`` (default: all present).
    n_boot, ci, random_state
        Bootstrap replicates, interval coverage and seed.

    Returns
    -------
    DataFrame
        ``group, measure, n_docs, n_sentences, n_words, n_matches, per_1k, per_1k_low,
        per_1k_high, sentence_share, sentence_share_low, sentence_share_high, resampled, note``.
    """
    rng = np.random.default_rng(random_state)
    measures = measures or sorted(matches["measure"].unique())
    lo_q, hi_q = (1 - ci) / 2, 1 - (1 - ci) / 2
    rows = []
    for measure in measures:
        per_sent = sentence_counts(matches, sentences, measure, kinds)
        per_sent["group"] = per_sent["doc_id"].map(groups)
        for group, g in per_sent.groupby("group", sort=True):
            c = g["n_matches"].to_numpy(float)
            w = g["n_words"].to_numpy(float)
            s = (g["sentence_id"] >= 0).to_numpy(float)
            h = ((c > 0) & (s > 0)).astype(float)
            rate, share = _rates(c, w, h, s)
            docs = g["doc_id"].unique()
            if len(docs) >= 2:
                # cluster bootstrap: per-document totals, documents drawn with replacement
                tot = g.assign(s=s, h=h).groupby("doc_id")[["n_matches", "n_words", "h", "s"]].sum()
                idx = rng.integers(0, len(tot), size=(n_boot, len(tot)))
                arr = tot.to_numpy(float)
                b_rate, b_share = _rates(arr[idx, 0], arr[idx, 1], arr[idx, 2], arr[idx, 3])
                resampled, note = "documents", ""
            else:
                idx = rng.integers(0, len(g), size=(n_boot, len(g)))
                b_rate, b_share = _rates(c[idx], w[idx], h[idx], s[idx])
                resampled, note = "sentences", ONE_DOC_NOTE
            rows.append({
                "group": group, "measure": measure, "n_docs": len(docs),
                "n_sentences": int(s.sum()), "n_words": int(w.sum()), "n_matches": int(c.sum()),
                "per_1k": rate, "per_1k_low": _q(b_rate, lo_q), "per_1k_high": _q(b_rate, hi_q),
                "sentence_share": share, "sentence_share_low": _q(b_share, lo_q),
                "sentence_share_high": _q(b_share, hi_q), "resampled": resampled, "note": note,
            })
    return pd.DataFrame(rows)


def _q(x: np.ndarray, q: float) -> float:
    x = x[np.isfinite(x)]
    return float(np.quantile(x, q)) if len(x) else np.nan


def pairwise_tests(doc_table: pd.DataFrame, count_col: str, words_col: str, by: str,
                   n_perm: int = 5000, min_docs: int = 2, random_state: int = 0
                   ) -> pd.DataFrame:
    """Permutation tests of the difference in ratio-of-sums rates between every pair of groups.

    ``rate = 1000 * sum(count_col) / sum(words_col)`` per group; the p-value is two-sided,
    ``(1 + #{|perm diff| >= |observed diff|}) / (1 + n_perm)``, shuffling document labels
    between the two groups. Pairs where a group has fewer than ``min_docs`` documents get
    ``p_value`` NaN and a note: with one document per outlet there is nothing to permute.
    """
    rng = np.random.default_rng(random_state)
    rows = []
    groups = sorted(doc_table[by].dropna().unique())
    for a, b in combinations(groups, 2):
        da, db = doc_table[doc_table[by] == a], doc_table[doc_table[by] == b]
        ca, wa = da[count_col].to_numpy(float), da[words_col].to_numpy(float)
        cb, wb = db[count_col].to_numpy(float), db[words_col].to_numpy(float)
        diff = 1000 * (ca.sum() / wa.sum() - cb.sum() / wb.sum())
        row = {"group_a": a, "group_b": b, "n_docs_a": len(da), "n_docs_b": len(db),
               "rate_a": 1000 * ca.sum() / wa.sum(), "rate_b": 1000 * cb.sum() / wb.sum(),
               "difference": diff, "p_value": np.nan, "note": ""}
        if min(len(da), len(db)) < min_docs:
            row["note"] = f"fewer than {min_docs} documents in a group: no test"
        else:
            c, w, n_a = np.concatenate([ca, cb]), np.concatenate([wa, wb]), len(ca)
            perms = np.argsort(rng.random((n_perm, len(c))), axis=1)
            pa, pb = perms[:, :n_a], perms[:, n_a:]
            d = 1000 * (c[pa].sum(1) / w[pa].sum(1) - c[pb].sum(1) / w[pb].sum(1))
            row["p_value"] = (1 + np.sum(np.abs(d) >= abs(diff) - 1e-12)) / (1 + n_perm)
        rows.append(row)
    return pd.DataFrame(rows)
