"""Topic models over paragraph-sized units of health web articles.

:class:`TopicModel` wraps scikit-learn's ``NMF``, ``MiniBatchNMF`` and
``LatentDirichletAllocation`` with the parts a comparative study needs:

- **Units.** Articles are few and long, so topics are fitted on paragraph-sized units built from
  the structural blocks of :func:`textstudy.segment.segment` (see :func:`build_units`):
  boilerplate blocks are dropped, a heading is merged into the text that follows it, short
  blocks are merged with their neighbours until a unit has at least ``min_unit_words`` words
  (default 40), and blocks longer than ``max_unit_words`` (default 200) are split at sentence
  boundaries into near-equal parts.
- **Vocabulary.** Lower-cased tokens of two or more characters that start with a letter, a
  hyphen between two letters folded away so that spelling variants are one term
  ("micro-dosing" = "microdosing", "self-guided" -> "selfguided"), apostrophes splitting
  ("doesn't" -> "doesn"); a term must occur in ``min_docs`` documents (with 2, a brand or
  outlet name that only its own article uses cannot make a topic); stop words are
  scikit-learn's ``ENGLISH_STOP_WORDS`` plus the page-furniture, contraction-fragment and
  health-web function words of ``lexicons/topic_stopwords.csv``. scikit-learn's list removes
  hedges (may, might, could, perhaps, seem ...): that is fine for topics, and hedge counting
  (:mod:`textstudy.measures`) never uses this preprocessing.
- **Weights.** NMF is fitted on TF-IDF (sublinear tf by default, smooth idf
  ``ln((1 + n) / (1 + df)) + 1``, rows L2-normalised, as scikit-learn's ``TfidfTransformer``);
  LDA on raw counts.
- **Number of topics.** ``n_topics="auto"`` fits every k in ``k_range`` and keeps the k with the
  highest mean NPMI coherence (:func:`npmi_coherence`) of its topics' top terms, computed on the
  units themselves; ties go to the smaller k. With ``min_stability`` only the k whose topics
  are reproduced across seeds at least that well compete.
- **Stability.** :meth:`TopicModel.stability` refits at k with several seeds and reports the mean
  best-match cosine similarity of topic-term vectors over all seed pairs, topics matched
  one-to-one by the Hungarian algorithm (:func:`topic_set_similarity`).
- **Large corpora.** :meth:`TopicModel.fit_stream` makes two passes over an iterable of
  DataFrame chunks: the first counts document frequencies to fix the vocabulary and idf, the
  second calls ``partial_fit`` of ``MiniBatchNMF`` (or online LDA) chunk by chunk. Memory is
  bounded by the chunk size plus the vocabulary (document-frequency table, ``k x V`` topic
  matrix), never by the corpus.

References
----------
Lee & Seung 1999 (NMF); Blei, Ng & Jordan 2003 (LDA); Hoffman, Blei & Bach 2010 (online LDA);
Bouma 2009 (NPMI); Mimno et al. 2011 (UMass coherence); Röder, Both & Hinneburg 2015
(coherence measures); Greene, O'Callaghan & Cunningham 2014 (topic stability by matching
topics across runs); Schofield, Magnusson & Mimno 2017 (stop lists for topic models).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache, partial
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import NMF, LatentDirichletAllocation, MiniBatchNMF
from sklearn.feature_extraction.text import (
    ENGLISH_STOP_WORDS,
    CountVectorizer,
    strip_accents_ascii,
    strip_accents_unicode,
)
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from ._version import __version__
from .document import BODY_KINDS, WORD_RE, Document
from .lexicon import load_lexicon
from .segment import segment

#: Default minimum and maximum words per unit (a typical web paragraph is 40-120 words).
MIN_UNIT_WORDS = 40
MAX_UNIT_WORDS = 200

#: Tokens: start with a letter, at least two characters, inner hyphens kept ("e-bikes") until
#: :func:`fold_hyphens` removes those between letters. An apostrophe splits ("doesn't" ->
#: "doesn", "t"); the fragments are in topic_stopwords.csv.
TOKEN_PATTERN = r"(?u)\b[^\W\d_](?:[^\W_]|-[^\W_])+\b"

#: A hyphen between two letters ("micro-dosing", "self-guided"; not "5-HT2A"'s digit side).
_LETTER_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def fold_hyphens(text: str, strip_accents: str | None = None) -> str:
    """Lower-case ``text`` and drop hyphens between letters: one term per spelling variant.

    "Micro-dosing" and "microdosing" become the same term "microdosing". This is the
    vectoriser's preprocessor, so it also strips accents when asked ("ascii" or "unicode", as
    scikit-learn's ``strip_accents``, which a custom preprocessor replaces).
    """
    text = text.lower()
    if strip_accents == "ascii":
        text = strip_accents_ascii(text)
    elif strip_accents == "unicode":
        text = strip_accents_unicode(text)
    return _LETTER_HYPHEN.sub("", text)


METHODS = ("nmf", "lda", "minibatch_nmf")
STREAM_METHODS = ("minibatch_nmf", "lda")


# --------------------------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------------------------


class Unit(NamedTuple):
    """A paragraph-sized unit: ``text`` joins its pieces with newlines; ``start``/``end`` is the
    outer character span in the document (it may enclose dropped boilerplate)."""

    unit: int
    start: int
    end: int
    n_words: int
    text: str


def build_units(
    doc: Document,
    min_words: int = MIN_UNIT_WORDS,
    max_words: int = MAX_UNIT_WORDS,
    kinds: frozenset[str] | set[str] = BODY_KINDS,
) -> list[Unit]:
    """Paragraph-sized units of a document's body blocks.

    Parameters
    ----------
    doc : Document
    min_words : int
        A unit is closed once it has at least this many words; shorter blocks are merged with
        the following ones, and a short tail is appended to the previous unit.
    max_words : int
        A block with more words is split at sentence boundaries into ``ceil(n / max_words)``
        near-equal parts (a single sentence is never split). After merging, a unit can hold up
        to ``max_words + min_words - 1`` words.
    kinds : set of str
        Block kinds used (default: everything but boilerplate).

    Returns
    -------
    list of Unit
        In document order. A heading is always merged into the text after it (or, at the end of
        the document, into the unit before it). A document whose whole body is shorter than
        ``min_words`` gives one short unit; one without words gives none.
    """
    pieces: list[tuple[int, int, int, bool]] = []  # start, end, n_words, is_heading
    sents_by_block: dict[int, list] = {}
    for s in doc.sentences:
        sents_by_block.setdefault(s.block_id, []).append(s)
    for b, n in zip(doc.blocks, doc.words_per_block, strict=True):
        if b.kind not in kinds or n == 0:
            continue
        if n <= max_words:
            pieces.append((b.start, b.end, n, b.kind == "heading"))
            continue
        sents = sents_by_block.get(b.id, [])
        target = n / math.ceil(n / max_words)
        cur_start, cur_n, cur_end = None, 0, None
        for s in sents:
            sn = len(WORD_RE.findall(doc.text, s.start, s.end))
            if cur_start is None:
                cur_start = s.start
            cur_n += sn
            cur_end = s.end
            if cur_n >= target:
                pieces.append((cur_start, cur_end, cur_n, False))
                cur_start, cur_n = None, 0
        if cur_start is not None and cur_n:
            pieces.append((cur_start, cur_end, cur_n, False))

    groups: list[list[tuple[int, int, int, bool]]] = []
    buf: list[tuple[int, int, int, bool]] = []
    bw = 0
    for p in pieces:
        buf.append(p)
        bw += p[2]
        if not p[3] and bw >= min_words:
            groups.append(buf)
            buf, bw = [], 0
    if buf:
        if groups and bw < min_words:
            groups[-1].extend(buf)
        else:
            groups.append(buf)
    return [
        Unit(
            i,
            g[0][0],
            g[-1][1],
            sum(p[2] for p in g),
            "\n".join(doc.text[p[0] : p[1]] for p in g),
        )
        for i, g in enumerate(groups)
    ]


def _check_corpus(corpus: pd.DataFrame) -> None:
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError("corpus must be a DataFrame with 'doc_id' and 'text' columns")
    missing = [c for c in ("doc_id", "text") if c not in corpus.columns]
    if missing:
        raise ValueError(f"corpus is missing column(s) {missing}")
    dup = corpus["doc_id"].duplicated()
    if dup.any():
        raise ValueError(f"duplicate doc_id {corpus['doc_id'][dup].iloc[0]!r}")


def corpus_units(
    corpus: pd.DataFrame,
    min_words: int = MIN_UNIT_WORDS,
    max_words: int = MAX_UNIT_WORDS,
    kinds: frozenset[str] | set[str] = BODY_KINDS,
) -> pd.DataFrame:
    """Units of every document of ``corpus`` as a table.

    Returns
    -------
    DataFrame
        ``doc_id, unit, start, end, n_words, text`` plus the corpus's metadata columns.
    """
    _check_corpus(corpus)
    meta_cols = [c for c in corpus.columns if c not in ("doc_id", "text")]
    rows: list[tuple] = []
    for rec in corpus.itertuples(index=False):
        r = dict(zip(corpus.columns, rec, strict=True))
        text = r["text"] if isinstance(r["text"], str) else ""
        doc = segment(str(r["doc_id"]), text)
        meta = tuple(r[c] for c in meta_cols)
        for u in build_units(doc, min_words, max_words, kinds):
            rows.append((r["doc_id"], u.unit, u.start, u.end, u.n_words, u.text) + meta)
    cols = ["doc_id", "unit", "start", "end", "n_words", "text"] + meta_cols
    return pd.DataFrame(rows, columns=cols)


def small_corpus_settings(n_units: int) -> dict[str, Any]:
    """``k_range``, ``min_df`` and ``min_docs`` for a corpus of ``n_units`` units (notebook 06).

    Candidate k are 2-12 below half the number of units (at least [2]: each topic needs
    units); a term must occur in 2 units, or in 1 when there are fewer than 50 units, and
    in 2 documents, so that no topic rests on one article's own words (its brand name); and
    only k whose topics are reproduced across seeds (stability >= 0.95) compete on coherence.
    """
    k_range = [k for k in (2, 3, 4, 5, 6, 8, 10, 12) if k < max(n_units // 2, 3)] or [2]
    return {"k_range": k_range, "min_df": 1 if n_units < 50 else 2, "min_docs": 2,
            "min_stability": 0.95}


# --------------------------------------------------------------------------------------------
# Coherence and stability
# --------------------------------------------------------------------------------------------


def _cooccurrence(X_bin: sp.spmatrix, ids: Sequence[int]) -> np.ndarray:
    sub = sp.csc_matrix(X_bin)[:, list(ids)]
    return np.asarray((sub.T @ sub).todense(), dtype=float)


def npmi_coherence(top_ids: Sequence[Sequence[int]], X_bin: sp.spmatrix) -> np.ndarray:
    """NPMI coherence of each topic from document co-occurrence.

    For the top terms of a topic and every pair ``i < j``, with ``N`` units (documents),
    ``P(w) = D(w) / N`` and ``P(wi, wj) = D(wi, wj) / N`` (``D`` = number of units containing
    the term(s))::

        NPMI(wi, wj) = log(P(wi, wj) / (P(wi) P(wj))) / -log P(wi, wj)

    with NPMI = -1 when the pair never co-occurs and +1 when both terms are in every unit.
    A topic's coherence is the mean over its pairs; range [-1, 1], higher = more coherent.

    Parameters
    ----------
    top_ids : list of list of int
        Column indices of each topic's top terms.
    X_bin : sparse matrix (n_units, n_terms)
        Term presence (any non-zero counts as present).

    References
    ----------
    Bouma 2009, "Normalized (pointwise) mutual information in collocation extraction";
    Lau, Newman & Baldwin 2014; Röder, Both & Hinneburg 2015.
    """
    n = X_bin.shape[0]
    out = np.full(len(top_ids), np.nan)
    X_bin = (sp.csc_matrix(X_bin) != 0).astype(np.float64)
    for t, ids in enumerate(top_ids):
        if len(ids) < 2 or n == 0:
            continue
        co = _cooccurrence(X_bin, ids)
        d = np.diag(co)
        vals = []
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                dij = co[i, j]
                if dij == 0:
                    vals.append(-1.0)
                elif dij == n:
                    vals.append(1.0)
                else:
                    pij = dij / n
                    vals.append(math.log(pij / ((d[i] / n) * (d[j] / n))) / -math.log(pij))
        out[t] = float(np.mean(vals))
    return out


def umass_coherence(top_ids: Sequence[Sequence[int]], X_bin: sp.spmatrix) -> np.ndarray:
    """UMass coherence of each topic (Mimno et al. 2011), averaged over pairs.

    For top terms in rank order ``w1 .. wN``::

        C = mean over m > l of log((D(wm, wl) + 1) / D(wl))

    ``D`` counts units containing the term(s). Values are <= log(1 + 1/D(wl)); higher (closer
    to 0) = more coherent. Pairs whose ``D(wl)`` is 0 are skipped.

    References
    ----------
    Mimno, Wallach, Talley, Leenders & McCallum 2011, "Optimizing semantic coherence in topic
    models", EMNLP.
    """
    out = np.full(len(top_ids), np.nan)
    X_bin = (sp.csc_matrix(X_bin) != 0).astype(np.float64)
    for t, ids in enumerate(top_ids):
        if len(ids) < 2:
            continue
        co = _cooccurrence(X_bin, ids)
        vals = [
            math.log((co[m, l] + 1) / co[l, l])
            for m in range(1, len(ids))
            for l in range(m)  # noqa: E741
            if co[l, l] > 0
        ]
        if vals:
            out[t] = float(np.mean(vals))
    return out


COHERENCE = {"npmi": npmi_coherence, "umass": umass_coherence}


def coherence_from_terms(
    topics: Sequence[Sequence[str]], docs: Sequence[Iterable[str]], measure: str = "npmi"
) -> np.ndarray:
    """Coherence of topics given as term lists over documents given as token collections.

    A convenience around :func:`npmi_coherence` / :func:`umass_coherence` for small examples.
    """
    vocab = {w: i for i, w in enumerate(sorted({w for t in topics for w in t}))}
    rows, cols = [], []
    for r, d in enumerate(docs):
        for w in set(d):
            if w in vocab:
                rows.append(r)
                cols.append(vocab[w])
    X = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(docs), len(vocab)))
    return COHERENCE[measure]([[vocab[w] for w in t] for t in topics], X)


def topic_set_similarity(A: np.ndarray, B: np.ndarray) -> float:
    """Mean cosine similarity of two topic-term matrices after one-to-one topic matching.

    Rows are L2-normalised, ``S = A B^T`` holds all topic-pair cosines, and the Hungarian
    algorithm (``scipy.optimize.linear_sum_assignment``) picks the matching that maximises the
    total cosine; the result is the mean matched cosine, in [0, 1] for non-negative matrices
    (1 = the same topics). Reference: Greene, O'Callaghan & Cunningham 2014.
    """
    S = normalize(np.asarray(A, float)) @ normalize(np.asarray(B, float)).T
    r, c = linear_sum_assignment(-S)
    return float(S[r, c].mean())


def mean_pairwise_similarity(components: Sequence[np.ndarray]) -> float:
    """Mean of :func:`topic_set_similarity` over all pairs of topic-term matrices."""
    sims = [
        topic_set_similarity(components[i], components[j])
        for i in range(len(components))
        for j in range(i + 1, len(components))
    ]
    return float(np.mean(sims)) if sims else float("nan")


# --------------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def topic_stop_words(lexicon: str = "topic_stopwords") -> tuple[frozenset[str], str]:
    """scikit-learn's English stop words plus a topic stop-word lexicon, and the lexicon hash.

    Cached per lexicon name for the process (the built-in file does not change while running).
    """
    lex = load_lexicon(lexicon)
    extra = {t.strip().lower() for t in lex.table["term"]}
    return frozenset(ENGLISH_STOP_WORDS | extra), lex.sha256


class TopicModel(TransformerMixin, BaseEstimator):
    """Topic model over paragraph-sized units of a corpus.

    Parameters
    ----------
    method : {"nmf", "lda", "minibatch_nmf"}
        NMF (Frobenius loss) on TF-IDF, LDA (variational Bayes) on counts, or mini-batch NMF on
        TF-IDF. ``fit_stream``/``partial_fit`` need "minibatch_nmf" or "lda" (online).
    n_topics : int or "auto"
        Number of topics, or "auto" to choose it by coherence over ``k_range``.
    k_range : sequence of int
        Candidate numbers of topics for "auto" and :meth:`coherence_curve`.
    coherence : {"npmi", "umass"}
        Coherence used to choose k (see :func:`npmi_coherence`, :func:`umass_coherence`).
    n_top_terms : int
        Top terms per topic used for coherence.
    random_state : int or None
        Seed of the estimator; stability runs use ``random_state + i``.
    stability_seeds : int
        Number of seeds for :meth:`stability` (computed during ``fit`` at the chosen k when
        >= 2; 0 skips it).
    curve_stability : bool
        Also compute stability for every k of the coherence curve (``stability_seeds`` fits each).
    min_stability : float or None
        With "auto": only the k whose stability across ``stability_seeds`` seeds is at least
        this compete on coherence (Greene, O'Callaghan & Cunningham 2014: a k worth reporting
        gives the same topics from any seed). On a handful of articles NPMI keeps rising with k
        as topics shrink to single paragraphs; stability stops that. None: coherence alone.
    min_unit_words, max_unit_words : int
        Unit sizes, see :func:`build_units`.
    min_df, max_df, ngram_range, max_features, token_pattern :
        As in scikit-learn's ``CountVectorizer`` (over units). For streamed fitting
        ``max_features`` keeps the terms with the highest document frequency.
    min_docs : int
        A term must also occur in at least this many documents (``doc_id``), not just units:
        2 keeps one article's own vocabulary (its brand, its author's name) from making a
        topic. Batch ``fit`` only; 1 switches it off.
    sublinear_tf : bool
        Use ``1 + log(tf)`` in TF-IDF (NMF methods).
    strip_accents : {None, "ascii", "unicode"}
        As in ``CountVectorizer``. Off by default: English health text has few accents and
        "unicode" stripping cost about a third of the vectoriser's time on curly-quoted web text.
    stop_words : "topic" or sequence of str or None
        "topic" = ``ENGLISH_STOP_WORDS`` + ``lexicons/topic_stopwords.csv``. scikit-learn's
        list removes hedges (may, might, could, perhaps, seem, often): fine for topics; hedge
        counting is separate and never uses this preprocessing.
    blas_threads : int or None
        BLAS threads while fitting/transforming (None = library default). Default 1: with
        k x V factor matrices this small, OpenBLAS threads only fight scikit-learn's OpenMP
        threads (measured: NMF, k=20, 857 units x 3,788 terms, 0.8 s with 1 thread, 2.5-13 s
        with 2).
    init, max_iter, batch_size, alpha_W, l1_ratio :
        Passed to the scikit-learn estimator (``init`` default "nndsvdar" for NMF: NNDSVD with
        zeros filled by seeded random values; ``batch_size`` for mini-batch NMF and online LDA).

    Attributes
    ----------
    n_topics_ : int
    vocabulary_ : ndarray of str
    idf_ : ndarray
    components_ : ndarray (n_topics_, n_terms)
        Topic-term weights; for LDA the topic-word distributions. Batch-fitted topics are
        ordered by prevalence (share of unit words), largest first.
    units_ : DataFrame
        The units fitted (without their text), with the corpus metadata.
    unit_topics_ : ndarray (n_units, n_topics_)
        Unit-topic weights (NMF ``W``; LDA topic proportions).
    topic_coherence_ : ndarray, coherence_ : float
    coherence_curve_ : DataFrame (k, coherence, stability, chosen)
    stability_ : float
    estimator_ : the fitted scikit-learn estimator
    provenance_ : dict
    """

    def __init__(
        self,
        method: str = "nmf",
        n_topics: int | str = 10,
        k_range: Sequence[int] = (5, 10, 15, 20, 25, 30),
        coherence: str = "npmi",
        n_top_terms: int = 10,
        random_state: int | None = 0,
        stability_seeds: int = 5,
        curve_stability: bool = False,
        min_unit_words: int = MIN_UNIT_WORDS,
        max_unit_words: int = MAX_UNIT_WORDS,
        min_df: int | float = 2,
        max_df: int | float = 0.5,
        min_docs: int = 1,
        min_stability: float | None = None,
        ngram_range: tuple[int, int] = (1, 1),
        max_features: int | None = None,
        token_pattern: str = TOKEN_PATTERN,
        sublinear_tf: bool = True,
        strip_accents: str | None = None,
        stop_words: str | Sequence[str] | None = "topic",
        init: str | None = None,
        max_iter: int = 400,
        batch_size: int = 2048,
        alpha_W: float = 0.0,
        l1_ratio: float = 0.0,
        blas_threads: int | None = 1,
    ):
        self.method = method
        self.n_topics = n_topics
        self.k_range = k_range
        self.coherence = coherence
        self.n_top_terms = n_top_terms
        self.random_state = random_state
        self.stability_seeds = stability_seeds
        self.curve_stability = curve_stability
        self.min_unit_words = min_unit_words
        self.max_unit_words = max_unit_words
        self.min_df = min_df
        self.max_df = max_df
        self.min_docs = min_docs
        self.min_stability = min_stability
        self.ngram_range = ngram_range
        self.max_features = max_features
        self.token_pattern = token_pattern
        self.sublinear_tf = sublinear_tf
        self.strip_accents = strip_accents
        self.stop_words = stop_words
        self.init = init
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.alpha_W = alpha_W
        self.l1_ratio = l1_ratio
        self.blas_threads = blas_threads

    # -- preprocessing -----------------------------------------------------------------------

    def _validate(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}, got {self.method!r}")
        if self.coherence not in COHERENCE:
            raise ValueError(f"coherence must be one of {tuple(COHERENCE)}")
        if not (self.n_topics == "auto" or (isinstance(self.n_topics, int) and self.n_topics > 0)):
            raise ValueError("n_topics must be a positive int or 'auto'")

    def _stop_words(self) -> tuple[frozenset[str] | None, str | None]:
        if self.stop_words == "topic":
            return topic_stop_words()
        if self.stop_words is None:
            return None, None
        words = frozenset(w.lower() for w in self.stop_words)
        return words, hashlib.sha256("\n".join(sorted(words)).encode()).hexdigest()

    def _count_vectorizer(self, vocabulary=None, **kw) -> CountVectorizer:
        stop, _ = self._stop_words()
        return CountVectorizer(
            preprocessor=partial(fold_hyphens, strip_accents=self.strip_accents),
            token_pattern=self.token_pattern,
            stop_words=sorted(stop) if stop else None,
            ngram_range=tuple(self.ngram_range),
            vocabulary=vocabulary,
            dtype=np.float64,
            **kw,
        )

    def _units(self, corpus: pd.DataFrame) -> pd.DataFrame:
        return corpus_units(corpus, self.min_unit_words, self.max_unit_words)

    def _weigh(self, counts: sp.spmatrix) -> sp.csr_matrix:
        """Counts -> the estimator's input (TF-IDF for NMF, counts for LDA)."""
        if self.method == "lda":
            return sp.csr_matrix(counts)
        X = sp.csr_matrix(counts, dtype=np.float64, copy=True)
        if self.sublinear_tf:
            np.log(X.data, X.data)
            X.data += 1.0
        X = X @ sp.diags(self.idf_)
        return normalize(X, norm="l2", copy=False).tocsr()

    def _set_idf(self, df: np.ndarray, n_units: int) -> None:
        self.idf_ = np.log((1.0 + n_units) / (1.0 + np.asarray(df, float))) + 1.0

    def _vectorize(self, texts: Sequence[str]) -> sp.csr_matrix:
        return self._vectorizer_.transform(texts)

    # -- estimator ---------------------------------------------------------------------------

    def _make_estimator(self, k: int, seed: int | None, online: bool = False):
        if self.method == "nmf":
            return NMF(
                n_components=k,
                init=self.init or "nndsvdar",
                max_iter=self.max_iter,
                random_state=seed,
                alpha_W=self.alpha_W,
                l1_ratio=self.l1_ratio,
            )
        if self.method == "minibatch_nmf":
            return MiniBatchNMF(
                n_components=k,
                init=self.init or "nndsvdar",
                batch_size=self.batch_size,
                max_iter=self.max_iter,
                random_state=seed,
                alpha_W=self.alpha_W,
                l1_ratio=self.l1_ratio,
            )
        return LatentDirichletAllocation(
            n_components=k,
            learning_method="online" if online else "batch",
            batch_size=self.batch_size,
            max_iter=self.max_iter if not online else 1,
            random_state=seed,
        )

    def _threads(self):
        return threadpool_limits(self.blas_threads, user_api="blas")

    def _seeds(self, n: int) -> list[int | None]:
        if self.random_state is None:
            return list(np.random.SeedSequence().generate_state(n).astype(int))
        return [int(self.random_state) + i for i in range(n)]

    @staticmethod
    def _topic_term(est) -> np.ndarray:
        H = np.asarray(est.components_, float)
        if isinstance(est, LatentDirichletAllocation):
            H = H / H.sum(axis=1, keepdims=True)
        return H

    def _fit_k(self, X: sp.csr_matrix, k: int, seed: int | None):
        est = self._make_estimator(k, seed)
        with self._threads():
            W = est.fit_transform(X)
        return est, W, self._topic_term(est)

    def _top_ids(self, H: np.ndarray, n: int) -> list[list[int]]:
        # Stable sort on -weight, so ties break by vocabulary order (deterministic).
        return [list(np.argsort(-h, kind="stable")[:n]) for h in H]

    # -- fitting -----------------------------------------------------------------------------

    def fit(self, corpus: pd.DataFrame, y=None) -> TopicModel:
        """Build units from ``corpus`` (``doc_id``, ``text``, metadata...) and fit the model."""
        self._validate()
        units = self._units(corpus)
        if units.empty:
            raise ValueError("corpus has no body text to fit")
        self._vectorizer_ = self._count_vectorizer(
            min_df=self.min_df, max_df=self.max_df, max_features=self.max_features
        )
        counts = self._vectorizer_.fit_transform(units["text"])
        self.vocabulary_ = self._vectorizer_.get_feature_names_out()
        if self.min_docs > 1:
            counts = self._keep_multi_doc_terms(counts, units["doc_id"])
        self._set_idf(np.asarray((counts > 0).sum(axis=0)).ravel(), counts.shape[0])
        X = self._weigh(counts)
        self._X_bin = (counts > 0).astype(np.float64).tocsc()
        self._X = X

        ks = list(self.k_range) if self.n_topics == "auto" else [int(self.n_topics)]
        seed = self._seeds(1)[0]
        every_k_stability = self.stability_seeds >= 2 and (
            self.curve_stability or self.min_stability is not None)
        fits, rows = {}, []
        for k in ks:
            if k > min(X.shape):
                continue
            est, W, H = self._fit_k(X, k, seed)
            coh = COHERENCE[self.coherence](self._top_ids(H, self.n_top_terms), self._X_bin)
            stab = (self._stability(X, k, H, self.stability_seeds) if every_k_stability
                    else float("nan"))
            fits[k] = (est, W, H, coh)
            rows.append({"k": k, "coherence": float(np.nanmean(coh)), "stability": stab})
        if not rows:
            raise ValueError(f"no k in {ks} fits {X.shape[0]} units x {X.shape[1]} terms")
        k = self._choose_k(pd.DataFrame(rows))
        est, W, H, coh = fits[k]

        # Order topics by prevalence: share of unit words, largest first.
        shares = _row_shares(W)
        prevalence = np.nansum(shares * units["n_words"].to_numpy()[:, None], axis=0)
        order = np.argsort(-prevalence, kind="stable")
        self.estimator_ = est
        self._order = order
        self.n_topics_ = k
        self.components_ = H[order]
        self.unit_topics_ = W[:, order]
        self.topic_coherence_ = coh[order]
        self.coherence_ = float(np.nanmean(coh))
        self.units_ = units.drop(columns="text").reset_index(drop=True)
        self.n_units_ = len(units)
        self.streamed_ = False

        curve = pd.DataFrame(rows)
        if self.stability_seeds >= 2:
            self.stability_ = (
                float(curve.loc[curve["k"] == k, "stability"].iloc[0])
                if self.curve_stability
                else self._stability(X, k, H, self.stability_seeds)
            )
            curve.loc[curve["k"] == k, "stability"] = self.stability_
        else:
            self.stability_ = float("nan")
        curve["chosen"] = curve["k"] == k
        self.coherence_curve_ = curve.reset_index(drop=True)
        self._finish_provenance()
        return self

    def _choose_k(self, curve: pd.DataFrame) -> int:
        """The k of highest coherence (ties: the smaller k), among the k whose stability is at
        least ``min_stability`` when that is set and any k reaches it."""
        if self.min_stability is not None:
            stable = curve[curve["stability"] >= self.min_stability]
            curve = stable if len(stable) else curve
        return int(curve.sort_values(["coherence", "k"], ascending=[False, True])["k"].iloc[0])

    def _keep_multi_doc_terms(self, counts: sp.spmatrix, doc_ids: pd.Series) -> sp.csr_matrix:
        """Drop the terms found in fewer than ``min_docs`` documents; refit the vocabulary."""
        codes, _ = pd.factorize(doc_ids)
        docs = sp.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))))
        n_docs = np.asarray(((docs @ (counts > 0)) > 0).sum(axis=0)).ravel()
        keep = np.flatnonzero(n_docs >= self.min_docs)
        if keep.size == 0:
            raise ValueError(f"no term occurs in {self.min_docs} documents")
        self.vocabulary_ = self.vocabulary_[keep]
        self._vectorizer_ = self._count_vectorizer(
            vocabulary={t: i for i, t in enumerate(self.vocabulary_)})
        return sp.csr_matrix(counts)[:, keep]

    def _stability(self, X: sp.csr_matrix, k: int, H0: np.ndarray | None, n_seeds: int) -> float:
        seeds = self._seeds(n_seeds)
        comps = [H0] if H0 is not None else []
        for s in seeds[len(comps) :]:
            comps.append(self._fit_k(X, k, s)[2])
        return mean_pairwise_similarity(comps)

    def stability(self, k: int | None = None, n_seeds: int | None = None) -> float:
        """Mean best-match cosine of topic-term vectors across seeds (batch-fitted models).

        Fits the model at ``k`` (default: the fitted k) with seeds ``random_state + i``,
        ``i < n_seeds`` (default ``stability_seeds``, 5), on the same units and vocabulary;
        topics of each pair of runs are matched one-to-one by the Hungarian algorithm
        (:func:`topic_set_similarity`) and the matched cosines are averaged over topics and
        then over all ``n_seeds (n_seeds - 1) / 2`` pairs. 1 = identical topics in every run.
        """
        self._require_batch()
        k = self.n_topics_ if k is None else int(k)
        n = self.stability_seeds if n_seeds is None else int(n_seeds)
        H0 = self._topic_term(self.estimator_) if k == self.n_topics_ else None
        return self._stability(self._X, k, H0, max(n, 2))

    def coherence_curve(self, k_range: Sequence[int] | None = None) -> pd.DataFrame:
        """Coherence (and stability, where computed) per k: ``k, coherence, stability, chosen``.

        Without ``k_range`` this is the curve computed by ``fit``; with it, each k is fitted
        on the same units and vocabulary (stability when ``curve_stability``).
        """
        self._require_batch()
        if k_range is None:
            return self.coherence_curve_.copy()
        rows = []
        for k in k_range:
            if k == self.n_topics_:
                rows.append(
                    {"k": k, "coherence": self.coherence_, "stability": self.stability_}
                )
                continue
            _, _, H = self._fit_k(self._X, k, self._seeds(1)[0])
            coh = COHERENCE[self.coherence](self._top_ids(H, self.n_top_terms), self._X_bin)
            stab = (
                self._stability(self._X, k, H, self.stability_seeds)
                if self.curve_stability and self.stability_seeds >= 2
                else float("nan")
            )
            rows.append({"k": k, "coherence": float(np.nanmean(coh)), "stability": stab})
        out = pd.DataFrame(rows)
        out["chosen"] = out["k"] == self.n_topics_
        return out

    # -- streaming ---------------------------------------------------------------------------

    def fit_vocabulary(self, chunks: Iterable[pd.DataFrame]) -> TopicModel:
        """First streamed pass: document frequencies over all units -> vocabulary and idf.

        Keeps one ``{term: df}`` table (size of the vocabulary before pruning), never the
        text. ``min_df``/``max_df`` apply to the document frequencies over all units;
        ``max_features`` keeps the terms of highest document frequency (ties: alphabetical).
        """
        self._validate()
        df: dict[str, int] = {}
        n_units = 0
        for chunk in chunks:
            units = self._units(chunk)
            if units.empty:
                continue
            cv = self._count_vectorizer(binary=True)
            try:
                C = cv.fit_transform(units["text"])
            except ValueError:  # only stop words in this chunk
                n_units += len(units)
                continue
            n_units += len(units)
            terms = cv.get_feature_names_out()
            for term, d in zip(terms, np.asarray(C.sum(axis=0)).ravel(), strict=True):
                df[term] = df.get(term, 0) + int(d)
        if not df:
            raise ValueError("no terms found in the stream")
        lo = self.min_df if isinstance(self.min_df, int) else math.ceil(self.min_df * n_units)
        hi = self.max_df if isinstance(self.max_df, int) else math.floor(self.max_df * n_units)
        kept = [(t, d) for t, d in df.items() if lo <= d <= hi]
        if self.max_features is not None:
            kept = sorted(kept, key=lambda td: (-td[1], td[0]))[: self.max_features]
        kept.sort()
        if not kept:
            raise ValueError("min_df/max_df leave no terms")
        self.vocabulary_ = np.array([t for t, _ in kept], dtype=object)
        self._vectorizer_ = self._count_vectorizer(
            vocabulary={t: i for i, t in enumerate(self.vocabulary_)}
        )
        self._set_idf(np.array([d for _, d in kept]), n_units)
        self.n_units_ = 0
        self._vocab_units = n_units
        return self

    def partial_fit(self, corpus: pd.DataFrame, y=None) -> TopicModel:
        """Update the model with one chunk of documents (``method`` "minibatch_nmf" or "lda").

        Needs an int ``n_topics``. Without a prior :meth:`fit_vocabulary`, the vocabulary and
        idf are fitted on this first chunk and then kept fixed (terms first seen in later
        chunks are ignored); :meth:`fit_stream` does the two passes for you.
        """
        self._validate()
        if self.method not in STREAM_METHODS:
            raise ValueError(f"partial_fit needs method in {STREAM_METHODS}")
        if not isinstance(self.n_topics, int):
            raise ValueError("partial_fit needs an int n_topics")
        if not hasattr(self, "vocabulary_"):
            self.fit_vocabulary([corpus])
        units = self._units(corpus)
        if units.empty:
            return self
        X = self._weigh(self._vectorize(units["text"]))
        if not hasattr(self, "estimator_"):
            self.estimator_ = self._make_estimator(self.n_topics, self._seeds(1)[0], online=True)
            if self.method == "lda":
                self.estimator_.set_params(total_samples=max(self._vocab_units, len(units)))
        with self._threads():
            self.estimator_.partial_fit(X)
        self.n_units_ += len(units)
        self.n_topics_ = self.n_topics
        self._order = np.arange(self.n_topics)
        self.components_ = self._topic_term(self.estimator_)
        self.streamed_ = True
        self._finish_provenance()
        return self

    def fit_stream(
        self, chunks: Callable[[], Iterable[pd.DataFrame]], n_passes: int = 1
    ) -> TopicModel:
        """Fit on a corpus too large for memory, given as chunks of documents.

        Parameters
        ----------
        chunks : callable returning an iterable of DataFrames
            Called ``1 + n_passes`` times; each call must yield the same chunks (e.g. a
            function that reads a file in chunks). Pass 1 fixes the vocabulary and idf
            (:meth:`fit_vocabulary`); each further pass calls :meth:`partial_fit` per chunk.
        n_passes : int
            Passes of mini-batch updates over the stream.
        """
        for attr in ("estimator_", "vocabulary_"):
            if hasattr(self, attr):
                delattr(self, attr)
        self.fit_vocabulary(chunks())
        for _ in range(n_passes):
            for chunk in chunks():
                self.partial_fit(chunk)
        return self

    # -- outputs -----------------------------------------------------------------------------

    def _require_fitted(self) -> None:
        if not hasattr(self, "components_"):
            raise RuntimeError("TopicModel is not fitted yet")

    def _require_batch(self) -> None:
        self._require_fitted()
        if getattr(self, "streamed_", False):
            raise RuntimeError("not available for a streamed model; pass a corpus instead")

    def _transform_units(self, units: pd.DataFrame) -> np.ndarray:
        if units.empty:
            return np.zeros((0, self.n_topics_))
        X = self._weigh(self._vectorize(units["text"]))
        with self._threads():
            return self.estimator_.transform(X)[:, self._order]

    def transform(self, corpus: pd.DataFrame) -> np.ndarray:
        """Unit-topic weights (n_units, n_topics_) of ``corpus``'s units, in unit order."""
        self._require_fitted()
        return self._transform_units(self._units(corpus))

    def _units_and_weights(self, corpus: pd.DataFrame | None) -> tuple[pd.DataFrame, np.ndarray]:
        self._require_fitted()
        if corpus is None:
            self._require_batch()
            return self.units_, self.unit_topics_
        units = self._units(corpus)
        return units.drop(columns="text"), self._transform_units(units)

    def top_terms(self, n: int = 10) -> pd.DataFrame:
        """Top ``n`` terms per topic: ``topic, rank, term, weight`` (rank 1 = highest weight).

        ``weight`` is the topic-term weight (NMF ``H``; LDA topic-word probability).
        """
        self._require_fitted()
        rows = []
        for t, ids in enumerate(self._top_ids(self.components_, n)):
            for r, i in enumerate(ids, 1):
                rows.append((t, r, str(self.vocabulary_[i]), float(self.components_[t, i])))
        return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])

    def topic_labels(self, n: int = 3) -> dict[int, str]:
        """Labels from top terms, e.g. ``{3: "t3: serotonin · receptor · brain"}``."""
        tt = self.top_terms(n)
        return {
            int(t): f"t{t}: " + " · ".join(g.sort_values("rank")["term"])
            for t, g in tt.groupby("topic")
        }

    def doc_topics(self, corpus: pd.DataFrame | None = None) -> pd.DataFrame:
        """Topic shares per unit: ``doc_id, unit, topic, share``.

        ``share`` = the unit's topic weight over the sum of its topic weights (sums to 1 per
        unit; NaN for a unit with no weight, e.g. only out-of-vocabulary words). Without
        ``corpus`` the fitted units; with it, ``corpus`` is transformed.
        """
        units, W = self._units_and_weights(corpus)
        S = _row_shares(W)
        k = S.shape[1]
        return pd.DataFrame(
            {
                "doc_id": np.repeat(units["doc_id"].to_numpy(), k),
                "unit": np.repeat(units["unit"].to_numpy(), k),
                "topic": np.tile(np.arange(k), len(units)),
                "share": S.ravel(),
            }
        )

    def outlet_topics(
        self, by: str = "outlet", corpus: pd.DataFrame | None = None, weight: str = "words"
    ) -> pd.DataFrame:
        """Topic mix per group (outlet, or any metadata column, or ``doc_id``) as a ratio of sums.

        For group g and topic t, with unit shares ``s[u, t]`` (as in :meth:`doc_topics`) and
        unit weight ``n[u]`` (``weight="words"``: body words of the unit; ``"units"``: 1)::

            share[g, t] = sum_{u in g} n[u] s[u, t] / sum_{u in g} n[u]

        i.e. the share of the group's body words attributed to each topic. Units with no topic
        weight are left out. Shares sum to 1 per group.

        Returns
        -------
        DataFrame ``<by>, topic, share``
        """
        units, W = self._units_and_weights(corpus)
        if by not in units.columns:
            raise KeyError(f"no column {by!r} in the corpus metadata")
        if weight not in ("words", "units"):
            raise ValueError("weight must be 'words' or 'units'")
        S = _row_shares(W)
        ok = ~np.isnan(S).any(axis=1)
        n = units["n_words"].to_numpy(float) if weight == "words" else np.ones(len(units))
        M = pd.DataFrame(S[ok] * n[ok, None])
        M[by] = units[by].to_numpy()[ok]
        sums = M.groupby(by, sort=True).sum()
        shares = sums.div(sums.sum(axis=1), axis=0)
        out = shares.stack().reset_index()
        out.columns = [by, "topic", "share"]
        out["topic"] = out["topic"].astype(int)
        return out

    def score_coherence(self, corpus: pd.DataFrame | None = None) -> np.ndarray:
        """Per-topic coherence (``self.coherence``) on ``corpus``'s units (default: fitted)."""
        self._require_fitted()
        if corpus is None:
            self._require_batch()
            X_bin = self._X_bin
        else:
            X_bin = (self._vectorize(self._units(corpus)["text"]) > 0).astype(np.float64)
        return COHERENCE[self.coherence](
            self._top_ids(self.components_, self.n_top_terms), X_bin
        )

    # -- provenance --------------------------------------------------------------------------

    def _finish_provenance(self) -> None:
        import sklearn

        stop, sha = self._stop_words()
        params = {
            k: (list(v) if isinstance(v, tuple) else v) for k, v in self.get_params().items()
        }
        self.provenance_ = {
            "textstudy_version": __version__,
            "sklearn_version": sklearn.__version__,
            "method": self.method,
            "n_topics": int(self.n_topics_),
            "n_units": int(self.n_units_),
            "vocabulary_size": int(len(self.vocabulary_)),
            "stop_words": "sklearn ENGLISH_STOP_WORDS + topic_stopwords.csv"
            if self.stop_words == "topic"
            else ("custom" if stop else None),
            "n_stop_words": len(stop) if stop else 0,
            "stop_words_sha256": sha,
            "params": params,
            "streamed": bool(getattr(self, "streamed_", False)),
        }

    @property
    def provenance(self) -> dict:
        """Version, parameters, vocabulary size and stop-word lexicon hash of the fitted model."""
        self._require_fitted()
        return dict(self.provenance_)


def _row_shares(W: np.ndarray) -> np.ndarray:
    """Rows scaled to sum to 1; rows summing to 0 become NaN."""
    W = np.asarray(W, float)
    tot = W.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(tot > 0, W / np.where(tot > 0, tot, 1.0), np.nan)

