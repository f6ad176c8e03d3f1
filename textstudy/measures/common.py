"""Pieces every lexicon-based measure shares: rates and lexicon scanning over body blocks."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from ..document import Document, Match
from ..lexicon import LexiconHit, LexiconMatcher

NAN = math.nan


def per_1k(n: int, words: int) -> float:
    """``1000 * n / words``; NaN when there are no words (undefined, not zero)."""
    return 1000.0 * n / words if words else NAN


def sentence_share(matches: Iterable[Match], n_sentences: int) -> float:
    """Share of sentences with at least one match; NaN when there are no sentences."""
    if not n_sentences:
        return NAN
    return len({m.sentence_id for m in matches if m.sentence_id >= 0}) / n_sentences


def scan_blocks(
    doc: Document,
    matcher: LexiconMatcher,
    kinds: Iterable[str],
) -> list[LexiconHit]:
    """Lexicon hits in the blocks of ``doc`` whose kind is in ``kinds``, in document order."""
    kinds = set(kinds)
    hits: list[LexiconHit] = []
    for b in doc.blocks:
        if b.kind in kinds:
            hits.extend(matcher.find(doc.text, b.start, b.end))
    return hits


def hits_to_matches(
    doc: Document,
    hits: Iterable[LexiconHit],
    matcher: LexiconMatcher,
    measure: str,
    category: Callable[[LexiconHit], str] | None = None,
) -> list[Match]:
    """Turn lexicon hits into :class:`Match` rows (category from the lexicon unless given).

    ``cue`` is the lexicon term (the entry that matched); the text as written is
    ``doc.text[start:end]``.
    """
    table = matcher.lexicon.table
    terms = table["term"].tolist()
    cats = table["category"].tolist()
    out = []
    for h in hits:
        s = doc.sentence_at(h.start)
        out.append(
            Match(
                measure,
                category(h) if category else cats[h.entry],
                terms[h.entry],
                h.start,
                h.end,
                s.id if s is not None else -1,
            )
        )
    return out
