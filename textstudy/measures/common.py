"""Pieces every lexicon-based measure shares: rates and lexicon scanning over body blocks."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable

import numpy as np

from ..document import Document, Match
from ..lexicon import LexiconHit, LexiconMatcher

NAN = math.nan
_ASCII = bytes(range(128))
#: Byte -> ``a`` (ASCII alphanumeric, as ``[^\W_]``), ``j`` (``'`` or ``-``, which join a word)
#: or a space (any other byte, including those of non-ASCII characters).
_WORD_BYTES = bytes(
    ord("a") if chr(i).isalnum() and i < 128 else ord("j") if chr(i) in "'-" else ord(" ")
    for i in range(256)
)


def per_1k(n: int, words: int) -> float:
    """``1000 * n / words``; NaN when there are no words (undefined, not zero)."""
    return 1000.0 * n / words if words else NAN


def count_words(doc: Document, kinds: frozenset[str] | set[str]) -> int:
    """``doc.n_words(kinds)``, counted with byte operations when ``doc`` has not counted its
    words yet (else its cached count).

    A word (:data:`textstudy.document.WORD_RE`) is a run of alphanumeric characters joined by
    single ``'``, ``’`` or ``-``. In the UTF-8 bytes of the blocks' text (joined by spaces),
    ``’`` and the distinct non-ASCII alphanumeric characters are replaced by ``'`` and ``a``;
    then every byte is mapped to ``a`` (alphanumeric), ``j`` (joiner) or a space, the joiners
    between two ``a`` are deleted, the others become spaces, and the runs of ``a`` are counted.
    """
    if "words_per_block" in doc.__dict__:
        return doc.n_words(kinds)
    text = doc.text
    body = " ".join([text[b.start : b.end] for b in doc.blocks if b.kind in kinds])
    raw = body.encode("utf-8", "surrogatepass")
    if len(raw) != len(body):  # non-ASCII: only few distinct characters, found bytewise
        for ch in set(raw.translate(None, _ASCII).decode("utf-8", "surrogatepass")):
            if ch == "’" or ch.isalnum():
                raw = raw.replace(ch.encode("utf-8", "surrogatepass"), b"'" if ch == "’" else b"a")
    # A joiner next to another one joins nothing: "jj" becomes two spaces (a third "j" then
    # lies next to a space); the remaining single joiners are deleted, merging their runs.
    b = b" " + raw.translate(_WORD_BYTES).replace(b"jj", b"  ").replace(b"j", b"")
    codes = np.frombuffer(b, np.uint8)  # only " " (32) and "a" (97) are left
    return int(np.count_nonzero(codes[1:] > codes[:-1]))  # starts of runs of "a"


def sentence_share(matches: Iterable[Match], n_sentences: int) -> float:
    """Share of sentences with at least one match; NaN when there are no sentences."""
    if not n_sentences:
        return NAN
    return len({m.sentence_id for m in matches if m.sentence_id >= 0}) / n_sentences


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
