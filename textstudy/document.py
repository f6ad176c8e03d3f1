"""The segmented document every measure works on.

A :class:`Document` holds the original text and, as character spans into it, its blocks
(headings, paragraphs, list items ...) and the sentences inside those blocks. Measures read a
``Document``; they never re-segment the text themselves.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

import numpy as np

#: Block kinds produced by :func:`textstudy.structure.parse_blocks`.
BLOCK_KINDS: tuple[str, ...] = (
    "heading",
    "paragraph",
    "list_item",
    "table_row",
    "quote",
    "link",
    "boilerplate",
)

#: Block kinds that count as the article's body unless a measure is told otherwise:
#: everything but page furniture.
BODY_KINDS: frozenset[str] = frozenset(set(BLOCK_KINDS) - {"boilerplate"})

#: Kinds whose sentences are running prose (used by readability by default).
PROSE_KINDS: frozenset[str] = frozenset({"paragraph", "list_item", "quote"})

#: A word: letters/digits, with inner apostrophes or hyphens ("don't", "5-HT2A", "self-guided").
WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")

#: Every character of the Basic Multilingual Plane (U+0000-U+FFFF), in order.
BMP_CHARS = "".join(map(chr, range(0x10000)))


def bmp_class(char_class: str) -> str:
    r"""The BMP characters that the regex class ``char_class`` matches, as an explicit class.

    Python's regex engine tests a Unicode category class such as ``[^\W_]`` with several table
    lookups per character, but an explicit class of BMP characters with one bitmap lookup: about
    1.6x faster in ``findall``. The result matches exactly the same characters up to U+FFFF and
    none above, so use it only on text for which :func:`is_bmp` is true.

    Parameters
    ----------
    char_class : str
        A regex character class, e.g. ``r"[^\W_]"``.

    Returns
    -------
    str
        An equivalent class of ``\uXXXX`` ranges, e.g. ``"[\u0030-\u0039\u0041-\u005a...]"``.
    """
    codes = [ord(c) for c in re.findall(char_class, BMP_CHARS)]
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        parts.append(f"\\u{codes[i]:04x}" + (f"-\\u{codes[j]:04x}" if j > i else ""))
        i = j + 1
    return "[" + "".join(parts) + "]"


def is_bmp(text: str) -> bool:
    """True when ``text`` has no character above U+FFFF (so :func:`bmp_class` patterns apply)."""
    return text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)


_ALNUM_BMP = bmp_class(r"[^\W_]")
#: :data:`WORD_RE` with its letter/digit class spelled out for the BMP (see :func:`bmp_class`).
WORD_RE_BMP = re.compile(f"{_ALNUM_BMP}+(?:['’\\-]{_ALNUM_BMP}+)*")


def lower_same_length(text: str) -> str:
    """``text.lower()`` with every offset kept: characters whose lower case has another length
    (e.g. "İ") stay as they are, so spans found in the result are spans of ``text``."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


_ASCII = bytes(range(128))
#: Byte -> ``a`` (ASCII letter or digit, as ``[^\W_]``), ``j`` (``'`` or ``-``, which join the
#: parts of a word) or a space (any other byte, including those of non-ASCII characters).
_WORD_BYTES = bytes(
    ord("a") if chr(i).isalnum() and i < 128 else ord("j") if chr(i) in "'-" else ord(" ")
    for i in range(256)
)


def count_words(text: str) -> int:
    """``len(WORD_RE.findall(text))``, counted with byte operations (~5x faster).

    A word (:data:`WORD_RE`) is a run of letters or digits whose parts may be joined by single
    ``'``, ``’`` or ``-``. In the UTF-8 bytes of ``text``, ``’`` and the (few distinct)
    non-ASCII letters and digits are replaced by ``'`` and ``a``; then every byte is mapped to
    ``a``, ``j`` (joiner) or a space, two adjacent joiners become spaces, the remaining joiners
    are deleted (merging the parts they join) and the runs of ``a`` are counted.
    """
    raw = text.encode("utf-8", "surrogatepass")
    if len(raw) != len(text):  # non-ASCII
        for ch in set(raw.translate(None, _ASCII).decode("utf-8", "surrogatepass")):
            if ch == "’" or ch.isalnum():
                raw = raw.replace(ch.encode("utf-8", "surrogatepass"), b"'" if ch == "’" else b"a")
    # "jj" becomes two spaces (a third "j" then lies next to a space); single joiners go.
    b = b" " + raw.translate(_WORD_BYTES).replace(b"jj", b"  ").replace(b"j", b"")
    codes = np.frombuffer(b, np.uint8)  # only " " (32) and "a" (97) are left
    return int(np.count_nonzero(codes[1:] > codes[:-1]))  # starts of runs of "a"


def word_re_for(text: str) -> re.Pattern:
    """:data:`WORD_RE_BMP` when ``text`` allows it, else :data:`WORD_RE` (same matches)."""
    return WORD_RE_BMP if is_bmp(text) else WORD_RE


class Block(NamedTuple):
    """A structural unit of a document: ``text[start:end]`` is its content."""

    id: int
    kind: str
    start: int
    end: int


class Sentence(NamedTuple):
    """A sentence inside one block; it never crosses a block boundary."""

    id: int
    block_id: int
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """A document's text with its blocks and sentences as spans into that text.

    Build one with :func:`textstudy.segment.segment`; do not construct spans by hand.
    """

    doc_id: str
    text: str
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]
    meta: dict = field(default_factory=dict, compare=False)
    #: Number of over-long sentences that segmentation hard-split (see
    #: :data:`textstudy.segment.MAX_SENTENCE_WORDS`).
    n_hard_split: int = field(default=0, compare=False)

    def block_of(self, sentence: Sentence) -> Block:
        return self.blocks[sentence.block_id]

    def sentences_in(self, kinds: frozenset[str] | set[str] = BODY_KINDS) -> list[Sentence]:
        """Sentences whose block kind is in ``kinds``, in document order."""
        in_kinds = list(map(kinds.__contains__, map(itemgetter(1), self.blocks)))
        if all(in_kinds):
            return list(self.sentences)
        return list(compress(self.sentences,
                             map(in_kinds.__getitem__, map(itemgetter(1), self.sentences))))

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]

    def words(self, kinds: frozenset[str] | set[str] = BODY_KINDS) -> list[tuple[int, int]]:
        """Character spans of the word tokens in blocks of ``kinds``."""
        spans: list[tuple[int, int]] = []
        rx = word_re_for(self.text)
        for b in self.blocks:
            if b.kind in kinds:
                spans.extend(m.span() for m in rx.finditer(self.text, b.start, b.end))
        return spans

    def n_words(self, kinds: frozenset[str] | set[str] = BODY_KINDS) -> int:
        """Number of word tokens (:data:`WORD_RE`) in blocks of ``kinds`` (the denominator of
        per-1k rates); counted once per set of kinds (:func:`count_words`)."""
        key = frozenset(kinds)
        n = self._n_words.get(key)
        if n is None:
            # Only whitespace lies between blocks, so the whole text counts every block's words:
            # subtract those of the blocks left out (usually a few lines of page furniture).
            text = self.text
            left_out = [text[b.start : b.end] for b in self.blocks if b.kind not in key]
            n = self._n_words[key] = (
                self._n_words_all - count_words(" ".join(left_out)) if left_out
                else self._n_words_all)
        return n

    @cached_property
    def _n_words(self) -> dict[frozenset[str], int]:
        return {}

    @cached_property
    def _n_words_all(self) -> int:
        return count_words(self.text)

    @cached_property
    def lower(self) -> str:
        """The text in lower case, offset for offset (:func:`lower_same_length`), made once and
        shared by every lexicon scan of this document."""
        return lower_same_length(self.text)

    @cached_property
    def words_per_block(self) -> tuple[int, ...]:
        """Number of word tokens (:data:`WORD_RE`) in each block, in block order."""
        text = self.text
        findall = word_re_for(text).findall
        return tuple(len(findall(text, b.start, b.end)) for b in self.blocks)

    @cached_property
    def sentence_index(self) -> tuple[list[int], list[int]]:
        """Sorted sentence starts and ends, for locating a character offset."""
        return [s.start for s in self.sentences], [s.end for s in self.sentences]

    @cached_property
    def block_starts(self) -> list[int]:
        """Sorted block starts, for locating a character offset."""
        return [b.start for b in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        """The block containing character ``offset``, or None (e.g. between blocks)."""
        i = bisect_right(self.block_starts, offset) - 1
        if i >= 0 and offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing character ``offset``, or None (e.g. between sentences)."""
        starts, ends = self.sentence_index
        i = bisect_right(starts, offset) - 1
        if i >= 0 and offset < ends[i]:
            return self.sentences[i]
        return None


class Match(NamedTuple):
    """One auditable hit of a measure: ``text[start:end]`` is the cue as it stands in the text."""

    measure: str
    category: str
    cue: str
    start: int
    end: int
    sentence_id: int


@dataclass
class MeasureResult:
    """What a measure returns for one document: wide-table values, their matches, and flags
    (short reasons why a value is not to be trusted, which the runner adds to ``reason``)."""

    values: dict[str, float]
    matches: list[Match] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
