"""Sentence splitting inside blocks, and :func:`segment`, which builds a :class:`Document`.

The splitter is one compiled regex over candidate boundaries plus a few vetoes, so it runs at
tens of MB/s. A boundary is sentence-final punctuation (``.``, ``!``, ``?``, ``…``), optionally
followed by closing quotes or brackets, then whitespace, then something that can start a
sentence (an upper-case letter, a digit, an opening quote or bracket, a bullet). It is vetoed
when the word before the period is

- a known abbreviation (``ABBREVIATIONS``: Dr., e.g., i.e., vs., Fig., Jan. ...), including
  "et al." (words that also end sentences, such as "etc.", "no." or "sat.", are not listed);
- a single capital letter (an initial: "J. Smith") or a dotted acronym ("U.S.", "Ph.D.");
- a list number at the start of the block ("1. Start low").

Decimals ("3.5 mg") never match because no whitespace follows the period. Sentences never
cross block boundaries (see :mod:`textstudy.structure`).
"""

from __future__ import annotations

import re

from .document import Block, Document, Sentence
from .structure import parse_blocks

ABBREVIATIONS: frozenset[str] = frozenset(
    """
    dr drs mr mrs ms mx prof rev hon st sr jr sgt capt col gen lt mt ft
    vs al fig figs eq eqs vol vols pp approx ca cf dept univ assoc
    inc ltd corp llc bros
    jan feb mar apr jun jul aug sep sept oct nov dec
    e.g i.e a.m p.m u.s u.k u.n e.u ph.d m.d b.a m.a b.sc m.sc d.o r.n
    """.split()
)

_BOUNDARY_RE = re.compile(
    r"""[.!?…]+            # sentence-final punctuation
        [\"'”’)\]]*        # closing quotes or brackets
        (?=\s+[\"'“‘(\[]?[A-Z0-9•\-–])  # whitespace, then a sentence start
    """,
    re.VERBOSE,
)
_WORD_BEFORE_RE = re.compile(r"([\w.]+)$")
_LIST_NUMBER_RE = re.compile(r"^\s*\(?\d{1,2}[.)]$|^\s*\(?[a-zA-Z][.)]$")


def _vetoed(text: str, block_start: int, punct_start: int) -> bool:
    """True when the period at ``punct_start`` does not end a sentence."""
    if text[punct_start] != ".":
        return False
    head = text[max(block_start, punct_start - 40) : punct_start]
    m = _WORD_BEFORE_RE.search(head)
    if not m:
        return False
    word = m.group(1)
    low = word.lower()
    if low in ABBREVIATIONS or low.rstrip(".") in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():
        return True  # an initial
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):
        return True  # dotted acronym: U.S, Ph.D
    return bool(_LIST_NUMBER_RE.match(text[block_start : punct_start + 1]))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``, trimmed of surrounding whitespace.

    Parameters
    ----------
    text : str
        The whole document text; spans are offsets into it.
    start, end : int
        The block to split.

    Returns
    -------
    list of (int, int)
        Non-empty, non-overlapping spans in order.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cur = start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        if _vetoed(text, start, m.start()):
            continue
        spans.append((cur, m.end()))
        cur = m.end()
    spans.append((cur, end))
    out = []
    for s, e in spans:
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if e - trail > s + lead:
            out.append((s + lead, e - trail))
    return out


def segment(doc_id: str, text: str, meta: dict | None = None) -> Document:
    """Parse ``text`` into blocks and sentences.

    Parameters
    ----------
    doc_id : str
        The document's key.
    text : str
        The original text; every span in the result points into it.
    meta : dict, optional
        Metadata carried along untouched.

    Returns
    -------
    Document
    """
    blocks: list[Block] = parse_blocks(text)
    sentences: list[Sentence] = []
    for b in blocks:
        for s, e in split_sentences(text, b.start, b.end):
            sentences.append(Sentence(len(sentences), b.id, s, e))
    return Document(doc_id, text, tuple(blocks), tuple(sentences), dict(meta or {}))
