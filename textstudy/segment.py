"""Sentence splitting inside blocks, and :func:`segment`, which builds a :class:`Document`.

The splitter is one compiled regex over candidate boundaries plus a few vetoes, so it runs at
tens of MB/s. A boundary is sentence-final punctuation (``.``, ``!``, ``?``, ``…``), optionally
followed by closing quotes or brackets, then whitespace, then something that can start a
sentence (an upper-case letter, a digit, an opening quote or bracket, a bullet). It is vetoed
when the word before the period is

- a known abbreviation (``ABBREVIATIONS``: Dr., e.g., i.e., vs., Fig., Jan. ...), including
  "et al." (words that also end sentences, such as "etc.", "no." or "sat.", are not listed);
- a single capital letter (an initial: "J. Smith") or a dotted acronym ("U.S.", "Ph.D.");
- a list number at the start of the block ("1. Start low");

or when a quotation closes there and only its attribution follows ("… my life.' - Jane D.").
Control characters and emoji between the punctuation and the space do not hide a boundary.

Decimals ("3.5 mg") never match because no whitespace follows the period. Sentences never
cross block boundaries (see :mod:`textstudy.structure`).

A "sentence" of more than :data:`MAX_SENTENCE_WORDS` words (text without sentence-final
punctuation: a scraped menu, a table flattened into one line, a machine dump) is hard-split
after every ``MAX_SENTENCE_WORDS``-th word, so that no sentence-level unit (a match's context, a
readability sentence, a resampled unit) grows with the input. The document records how many
sentences were split (:attr:`Document.n_hard_split`) and the runner says so in its ``reason``.
"""

from __future__ import annotations

import re
from itertools import count, repeat

from .document import WORD_RE, Block, Document, Sentence
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
        [\x00-\x08\x0e-\x1f\u2600-\u27bf\ufe0f\U0001f000-\U0001faff]*  # control chars, emoji
        (?=\s+[\"'“‘(\[]?[A-Z0-9•\-–])  # whitespace, then a sentence start
    """,
    re.VERBOSE,
)
# The same candidates, found from each punctuation character as a literal: the regex engine
# scans for a literal first character with memchr (~1 GB/s) but tests a class at every position
# (~70 MB/s). See :func:`_candidates`.
_FINAL_PUNCT = ".!?…"
_BOUNDARY_FROM = {
    c: re.compile(re.escape(c) + _BOUNDARY_RE.pattern.replace("[.!?…]+", "[.!?…]*", 1),
                  re.VERBOSE)
    for c in _FINAL_PUNCT
}
#: Longest sentence kept whole, in words (:data:`textstudy.document.WORD_RE`); longer ones are
#: hard-split. The longest sentence in the seed articles, the test web corpus and OneStopEnglish
#: (20,626 sentences) has 131 words; literary record sentences aside, prose stays far below 200.
MAX_SENTENCE_WORDS = 200

#: A quotation's attribution after its closing mark: a dash, a name of up to four capitalised
#: words or initials, and an optional description after a comma ("- Jane D., patient").
_NAME_WORD = r"[^\W\d_a-z][\w'’-]*\.?"
_SIGNATURE_RE = re.compile(
    rf"\s+[-–—]\s*{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}(?:,[^.!?\n]{{1,60}})?")
_QUOTE_CLOSERS = "\"'”’"
_DOTTED_ACRONYM_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# A list number making up the whole block so far ("1.", "(2)", "a."), matched with fullmatch.
_LIST_NUMBER_RE = re.compile(r"\s*\(?(?:\d{1,2}|[a-zA-Z])[.)]")
# The word before a period, read backwards from the reversed text: letters, digits, "_" and ".".
_WORD_BACK_RE = re.compile(r"[\w.]*")


def _vetoed(text: str, block_start: int, punct_start: int, rev: str) -> bool:
    """True when the period at ``punct_start`` does not end a sentence.

    ``rev`` is ``text[::-1]`` (one reversal serves every candidate of the document).
    """
    if text[punct_start] != ".":
        return False
    # The word: the run of letters, digits, "_" and "." ending at the period, within the block,
    # read forwards in the reversed text (text[i] is rev[rev_end - 1 - i]).
    rev_end = len(text)
    k = _WORD_BACK_RE.match(rev, rev_end - punct_start, rev_end - block_start).end() - (
        rev_end - punct_start)
    if not k:
        return False
    word = text[punct_start - k : punct_start]
    low = word.lower()
    if low in ABBREVIATIONS or low.rstrip(".") in ABBREVIATIONS:
        return True
    if k == 1 and word.isupper():
        return True  # an initial
    if "." in word and _DOTTED_ACRONYM_RE.fullmatch(word):
        return True  # dotted acronym: U.S, Ph.D
    # a list number's word is its one or two digits or its letter
    return k <= 2 and bool(_LIST_NUMBER_RE.fullmatch(text, block_start, punct_start + 1))


def _signs_quote(text: str, cut: int, block_end: int) -> bool:
    """True when a quotation closes at ``cut`` and only its attribution follows to the end of
    the block ("… my life.' - Jane D., patient"): the signature is part of the last sentence."""
    return text[cut - 1] in _QUOTE_CLOSERS and bool(_SIGNATURE_RE.fullmatch(text, cut, block_end))


def hard_split(text: str, start: int, end: int, max_words: int = MAX_SENTENCE_WORDS
               ) -> list[tuple[int, int]]:
    """``[(start, end)]``, or, when ``text[start:end]`` has more than ``max_words`` words,
    its pieces of ``max_words`` words each (the last one shorter): a piece ends after its last
    word and the next one starts at its first word.
    """
    if end - start < 2 * max_words:  # fewer characters than max_words + 1 words need
        return [(start, end)]
    cuts = [m.span() for i, m in enumerate(WORD_RE.finditer(text, start, end))
            if i % max_words == 0]
    if len(cuts) == 1:
        return [(start, end)]
    # cuts[k] is the span of word k * max_words: piece k runs to the end of word
    # (k + 1) * max_words - 1, i.e. to the last non-space before cuts[k + 1].
    pieces = []
    cur = start
    for s, _ in cuts[1:]:
        e = s
        while e > cur and text[e - 1].isspace():
            e -= 1
        pieces.append((cur, e))
        cur = s
    pieces.append((cur, end))
    return pieces


def _candidates(text: str) -> list[tuple[int, int]]:
    """``[m.span() for m in _BOUNDARY_RE.finditer(text)]``, several times faster.

    A match found from its first ``"."`` may start later than the punctuation run it belongs to
    ("?." ...): every span is widened back to the run's first character, then spans with the
    same end are one candidate.
    """
    found = [m.span() for m in _BOUNDARY_FROM["."].finditer(text)]
    others = [c for c in "!?…" if c in text]
    if not others:  # runs of "." only: each match already starts at its run's first "."
        return found
    for c in others:
        found += [m.span() for m in _BOUNDARY_FROM[c].finditer(text)]
    spans: dict[int, int] = {}
    for s, e in found:
        while s and text[s - 1] in _FINAL_PUNCT:
            s -= 1
        spans[e] = s
    return [(s, e) for e, s in sorted(spans.items())]


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
    spans: list[tuple[int, int, int]] = []  # (block id, start, end)
    # One regex pass over the whole text; candidates are then assigned to their blocks.
    candidates = _candidates(text)
    n_cand = len(candidates)
    rev = text[::-1] if n_cand else ""
    k = 0
    for block_id, _, b_start, b_end in blocks:
        while k < n_cand and candidates[k][0] < b_start:
            k += 1
        # Cut after each accepted boundary inside the block; the next sentence starts at the
        # next non-space character (the boundary regex saw one before the block's end).
        cur = b_start
        while k < n_cand and candidates[k][1] < b_end:
            c_start, c_end = candidates[k]
            k += 1
            if not _vetoed(text, b_start, c_start, rev) and not _signs_quote(text, c_end, b_end):
                spans.append((block_id, cur, c_end))
                cur = c_end
                while text[cur].isspace():
                    cur += 1
        spans.append((block_id, cur, b_end))
    # Over-long sentences (only those of 2 * MAX_SENTENCE_WORDS characters or more can have
    # more than MAX_SENTENCE_WORDS words) are hard-split.
    n_split = 0
    long = [k for k, (_, s, e) in enumerate(spans) if e - s >= 2 * MAX_SENTENCE_WORDS]
    for k in reversed(long):
        block_id, s, e = spans[k]
        pieces = hard_split(text, s, e)
        if len(pieces) > 1:
            n_split += 1
            spans[k : k + 1] = [(block_id, ps, pe) for ps, pe in pieces]
    # Sentence(i, block id, start, end) for every span, built in C (tuple.__new__).
    sentences = list(map(tuple.__new__, repeat(Sentence), zip(count(), *zip(*spans)))) \
        if spans else []
    return Document(doc_id, text, tuple(blocks), tuple(sentences), dict(meta or {}),
                    n_hard_split=n_split)
