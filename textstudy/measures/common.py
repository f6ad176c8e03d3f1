"""Pieces every lexicon-based measure shares: rates and lexicon scanning over body blocks."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable

from ..document import Document
from ..lexicon import LexiconHit, LexiconMatcher

NAN = math.nan


def per_1k(n: int, words: int) -> float:
    """``1000 * n / words``; NaN when there are no words (undefined, not zero)."""
    return 1000.0 * n / words if words else NAN


def scan_blocks(
    doc: Document,
    matcher: LexiconMatcher,
    kinds: Iterable[str],
) -> list[tuple[LexiconHit, int]]:
    """Lexicon hits inside blocks of ``doc`` whose kind is in ``kinds``, with their block index.

    The whole text is scanned once (the matcher lower-cases it once); a hit that would cross
    a block boundary (a multi-word term spanning a line break) is discarded and the blocks it
    touches are scanned on their own, so no hit ever spans two blocks.
    """
    kinds = set(kinds)
    blocks = doc.blocks
    starts = [b.start for b in blocks]
    out: list[tuple[LexiconHit, int]] = []
    rescan: set[int] = set()
    for h in matcher.find(doc.text, low=doc.lower):
        i = bisect_right(starts, h.start) - 1
        if i < 0:
            continue
        b = blocks[i]
        if h.end <= b.end:
            if b.kind in kinds:
                out.append((h, i))
        else:
            j = i
            while j < len(blocks) and blocks[j].start < h.end:
                rescan.add(j)
                j += 1
    if rescan:
        out = [(h, i) for h, i in out if i not in rescan]
        for i in sorted(rescan):
            b = blocks[i]
            if b.kind in kinds:
                out.extend((h, i) for h in matcher.find(doc.text, b.start, b.end, doc.lower))
        out.sort(key=lambda x: x[0].start)
    return out
