"""Corpus-level tables that are not measures: blocks (for layout and auditing)."""

from __future__ import annotations

import pandas as pd

from .corpus import iter_corpus
from .document import WORD_RE
from .run import CorpusLike
from .segment import segment

BLOCK_COLUMNS = ["doc_id", "block_id", "kind", "start", "end", "n_words", "n_sentences", "text"]


def blocks(corpus: CorpusLike) -> pd.DataFrame:
    """One row per block: ``doc_id, block_id, kind, start, end, n_words, n_sentences, text``.

    ``text`` is ``document_text[start:end]``, so every block can be checked against the source.
    """
    rows = []
    for chunk in iter_corpus(corpus):
        for doc_id, text in zip(chunk["doc_id"], chunk["text"]):
            doc = segment(doc_id, text)
            per_block = [0] * len(doc.blocks)
            for s in doc.sentences:
                per_block[s.block_id] += 1
            for b in doc.blocks:
                rows.append((doc_id, b.id, b.kind, b.start, b.end,
                             len(WORD_RE.findall(text, b.start, b.end)), per_block[b.id],
                             text[b.start : b.end]))
    return pd.DataFrame(rows, columns=BLOCK_COLUMNS)
