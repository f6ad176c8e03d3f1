"""Corpus-level tables that are not measures: blocks and sentences (layout, auditing, and the
units that :mod:`textstudy.compare` resamples)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .corpus import iter_corpus
from .document import WORD_RE, Document
from .segment import segment

if TYPE_CHECKING:
    from .run import CorpusLike

BLOCK_COLUMNS = ["doc_id", "block_id", "kind", "start", "end", "n_words", "n_sentences", "text"]
SENTENCE_COLUMNS = ["doc_id", "sentence_id", "block_id", "block_kind", "start", "end", "n_words",
                    "sentence"]


def _documents(corpus: CorpusLike):
    for chunk in iter_corpus(corpus):
        for doc_id, text in zip(chunk["doc_id"], chunk["text"]):
            yield segment(doc_id, text)


def sentence_rows(doc: Document) -> list[tuple]:
    """The document's rows of :func:`sentences` (tuples in :data:`SENTENCE_COLUMNS` order)."""
    text, blocks = doc.text, doc.blocks
    return [(doc.doc_id, s.id, s.block_id, blocks[s.block_id].kind, s.start, s.end,
             len(WORD_RE.findall(text, s.start, s.end)), text[s.start : s.end])
            for s in doc.sentences]


def sentences(corpus: CorpusLike) -> pd.DataFrame:
    """One row per sentence: ``doc_id, sentence_id, block_id, block_kind, start, end, n_words,
    sentence``; ``sentence_id`` is the id that :func:`textstudy.matches` rows refer to (and
    :func:`textstudy.run.analyze_to_files` writes this table as ``sentences.csv``)."""
    rows = [r for doc in _documents(corpus) for r in sentence_rows(doc)]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def blocks(corpus: CorpusLike) -> pd.DataFrame:
    """One row per block: ``doc_id, block_id, kind, start, end, n_words, n_sentences, text``.

    ``text`` is ``document_text[start:end]``, so every block can be checked against the source.
    """
    rows = []
    for doc in _documents(corpus):
        per_block = [0] * len(doc.blocks)
        for s in doc.sentences:
            per_block[s.block_id] += 1
        for b, n_words in zip(doc.blocks, doc.words_per_block):
            rows.append((doc.doc_id, b.id, b.kind, b.start, b.end, n_words, per_block[b.id],
                         doc.text[b.start : b.end]))
    return pd.DataFrame(rows, columns=BLOCK_COLUMNS)


KWIC_COLUMNS = ["doc_id", "measure", "category", "cue", "left", "match", "right", "start", "end"]


def kwic(matches: pd.DataFrame, corpus: pd.DataFrame, width: int = 40) -> pd.DataFrame:
    """Keyword in context for match rows: ``width`` characters either side of each match.

    ``corpus`` is what :func:`textstudy.load_corpus` returns (for the original texts).
    """
    texts = dict(zip(corpus["doc_id"].astype(str), corpus["text"]))
    rows = []
    for r in matches.itertuples(index=False):
        t = texts[str(r.doc_id)]
        left = t[max(0, r.start - width) : r.start].replace("\n", " ")
        right = t[r.end : r.end + width].replace("\n", " ")
        rows.append((r.doc_id, r.measure, r.category, r.cue, left, t[r.start : r.end], right,
                     r.start, r.end))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


CITATION_COLUMNS = ["doc_id", "kind", "text", "year", "source_name", "start", "end", "sentence"]


def citations(corpus: CorpusLike) -> pd.DataFrame:
    """Every specific citation and vague appeal found, one row each:
    ``doc_id, kind, text, year, source_name, start, end, sentence`` (plus ``family``)."""
    from .measures.citations import citation_table

    rows = []
    for doc in _documents(corpus):
        rows.extend({"doc_id": doc.doc_id, **c} for c in citation_table(doc))
    table = pd.DataFrame(rows)
    if table.empty:
        return pd.DataFrame(columns=CITATION_COLUMNS)
    return table[CITATION_COLUMNS + [c for c in table.columns if c not in CITATION_COLUMNS]]
