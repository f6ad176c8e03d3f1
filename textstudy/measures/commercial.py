"""Commercial-intent markers, and disclaimers/disclosures as a separate family.

Two registered measures live here, one per family, so that each family has its own wide-table
columns and its own ``measure`` value in ``matches()``:

``commercial`` (:class:`Commercial`)
    What the page wants from the reader (HONcode principle 8, "advertising policy"; the JAMA
    benchmark "disclosure", Silberg et al. 1997). Categories:

    - ``call_to_action``: a request directed at the reader to act commercially ("shop now",
      "contact us", "start your journey", and the imperative rule below);
    - ``consultation_offer``: "free consultation", "discovery call", "book a session";
    - ``product_or_service``: "our products/capsules/course", "online course", "my practice",
      "designed for people like you";
    - ``pricing``: "$49/month", "only $29", "20% off", "free shipping", "use code CALM10".
      Weak price forms that news also prints (wages, rents, sale prices: the lexicon's
      ``rule:needs_address`` entries such as "$49.99", "only $49", "£9 a month") count only in
      a sentence that addresses the reader ("you", "your", "now", "today" ...) or in a list
      item or table row (a product listing: ``LISTING_KINDS``);
    - ``self_promotion``: the outlet's own content or brand ("our comprehensive guide",
      "our newsletter", "At Acme Wellness, we believe …", links to ``own_domains``);
    - ``business_link``: a URL or domain of a business (``.com``, ``.club``, ``.shop`` …).
      Hosts under ``.gov/.edu/.org/.int`` and scholarly/public-health hosts (``doi.org``,
      ``nature.com``, ``nhs.uk`` …, category ``rule:reference_host`` of the lexicon) are
      citations, not business links, and are dropped.

``disclaimers`` (:class:`Disclaimers`)
    ``medical_disclaimer`` ("not medical advice", "for informational purposes only", the FDA
    supplement disclaimer, "consult your physician before …"), ``legal_disclaimer`` (liability,
    "illegal in most countries", "check your local laws") and ``disclosure`` (affiliate links,
    sponsorship, conflicts of interest, "we may earn a commission").

The imperative rule (``call_to_action``)
----------------------------------------
Second-person imperatives next to a brand or product are found by one general rule rather
than a list of phrases. A sentence yields a call to action when

1. it *starts* with an imperative verb from the lexicon's ``rule:verb`` rows (visit, buy,
   order, book, join, contact, try, sign up, learn more …). Before the verb there may be
   non-word characters (bullets, quotes), any number of ``rule:lead`` words ("Today,",
   "now", "simply", "feel free to", "don't hesitate to" …), or one introductory clause
   opened by a ``rule:intro`` word and closed by a comma ("To learn more, visit …",
   "If you are ready, book …"). A one-word verb directly followed by a function word
   ("Order of magnitude", "Use of the drug", "Call was") is a noun, not an imperative.
2. Its *object window* -- the next ``window`` word tokens after the verb, stopped at the first
   ``, ; : . ! ? ( ) [ ]`` that is not inside a URL -- holds a commercial trigger:

   - a first-person form: ``our``, ``us``, ``me``, ``my`` ("Contact me", "Buy our blend");
   - a product/service noun (``rule:object`` rows, with plural ``-s``): "Book a session",
     "Download the app";
   - a business URL or domain ("Visit kindstranger.club");
   - for verbs in ``rule:verb_brand``: a brand name in the first three tokens (after an
     optional "the/a/an"), i.e. a run of two or more capitalised words ("Visit Acme
     Wellness"), or one capitalised word with a brand shape (possessive "Acme's", inner
     capital "MindBloom", a digit, ™ or ®). All-caps acronyms and ``rule:authority`` names
     (NHS, CDC, Mayo Clinic …) are referrals, not brands;
   - for verbs in ``rule:verb_now``: "now", "today", "online", "here" or "below"
     ("Order today", "Sign up now").
3. *Advice exclusion*: if the window names a health professional or emergency service
   (``rule:advice``: doctor, physician, GP, provider, pharmacist, therapist, hospital, 911 …),
   a public-health authority (``rule:authority``, case-sensitive: NHS, CDC, Mayo Clinic …) or a
   scholarly/public-health host, and holds no first-person form, the sentence is advice, not
   commerce ("Visit your doctor regularly", "Schedule a consultation with your doctor"). The
   same exclusion is applied to lexicon hits of ``call_to_action`` and ``consultation_offer``
   (window after the hit).

The rule's match is the verb itself (``cue`` = ``"<verb> +<trigger>"``, trigger one of
``first_person``, ``object``, ``link``, ``brand``, ``now``); the object is not part of the
span, so "Buy our capsules" counts a ``call_to_action`` ("Buy") and a ``product_or_service``
("our capsules"). Where a lexicon phrase covers the verb ("contact us", "book a session"),
overlapping matches are resolved as everywhere in textstudy: the longest wins, so the phrase's
category is used and the verb is not counted twice.

Block kinds
-----------
Commercial markers often sit in promo lines that :mod:`textstudy.structure` classifies as
boilerplate ("Subscribe to our newsletter"), so both measures scan *all* block kinds by
default (``kinds``); the per-1k denominator is the number of words in the scanned kinds.
Pass ``kinds=tuple(BODY_KINDS)`` to count body text only.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right

import numpy as np

from ..document import BLOCK_KINDS, Document, Match, MeasureResult
from ..lexicon import Lexicon, LexiconMatcher, load_lexicon
from ..regex_facts import leading_words
from . import Measure, register
from .common import NAN, per_1k

#: Block kinds that list offers (product lines, price tables): a weak price form there
#: ("Relief Blend capsules – $49.99") needs no reader address to count as pricing.
LISTING_KINDS = frozenset({"list_item", "table_row"})

COMMERCIAL_CATEGORIES: tuple[str, ...] = (
    "call_to_action",
    "consultation_offer",
    "product_or_service",
    "pricing",
    "self_promotion",
    "business_link",
)
DISCLAIMER_CATEGORIES: tuple[str, ...] = ("medical_disclaimer", "legal_disclaimer", "disclosure")

_FIRST_PERSON = frozenset({"our", "us", "me", "my", "Our", "Us", "Me", "My"})  # not "US"
_NOW_WORDS = frozenset({"now", "today", "online", "here", "below"})
_DETERMINERS = frozenset({"the", "a", "an"})
# A one-word verb followed by one of these is a noun ("Order of magnitude", "Use of the drug").
_NOUN_USE_NEXT = frozenset(
    "of is was are were has have had can could will would may might should must and or than "
    "that which between among".split()
)
# Tokens of the object window: URL/domain, word (with inner ' - & and possessive), punctuation.
_TOKEN_RE = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?]"
    r"|[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])(?:/\S*[^\s.,;:!?])?)"
    r"|(?P<word>[^\W_][\w'’&\-™®]*)"
    r"|(?P<stop>[,;:.!?()\[\]])"
)
_WORD_EDGE = re.compile(r"[\w\-]")  # a character that continues a word for LexiconMatcher
_TOKEN_ONLY = re.compile(r"[^\W_]+")
_FIRST_WORD = re.compile(r"[^\w]*([^\W_]+)")  # group 1: the first word of a sentence
_HOST_RE = re.compile(r"^(?:https?://)?(?:www\.)?([^/?#:\s]+)", re.IGNORECASE)


def _alternation(words: list[str]) -> str:
    """Regex alternation of ``words`` (longest first; a space matches any whitespace)."""
    words = sorted({w.strip().lower() for w in words if w.strip()}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in words)


def _rule_terms(lex: Lexicon, category: str) -> list[str]:
    t = lex.table
    return t.loc[t["category"] == category, "term"].str.lower().tolist()


def position(start: int, text_length: int) -> float:
    """Relative position of a match: ``start / text_length`` (0 = start, 1 = end of text)."""
    return start / text_length if text_length else NAN


class _CommercialRules:
    """The imperative rule, the advice exclusion and the host filter, compiled once."""

    def __init__(self, lex: Lexicon, window: int, own_domains: tuple[str, ...]):
        self.window = window
        self.own_domains = tuple(d.lower().removeprefix("www.") for d in own_domains)
        verbs = _rule_terms(lex, "rule:verb")
        self.brand_verbs = frozenset(_rule_terms(lex, "rule:verb_brand"))
        self.now_verbs = frozenset(_rule_terms(lex, "rule:verb_now"))
        self.objects = frozenset(_rule_terms(lex, "rule:object"))
        self.advice = frozenset(_rule_terms(lex, "rule:advice"))
        t = lex.table
        names = sorted(t.loc[t["category"] == "rule:authority", "term"], key=len, reverse=True)
        alts = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in names)
        self.authority_re = re.compile(rf"(?<!\w)(?:{alts})(?!\w)") if names else None
        self.reference_hosts = tuple(_rule_terms(lex, "rule:reference_host"))
        self.platform_hosts = tuple(_rule_terms(lex, "rule:platform_host"))
        self.needs_address = frozenset(_rule_terms(lex, "rule:needs_address"))
        address = _alternation(_rule_terms(lex, "rule:address"))
        self.address_re = re.compile(rf"(?<!\w)(?:{address})(?!\w)", re.IGNORECASE)
        self.noncommercial_tlds = tuple("." + s for s in _rule_terms(lex, "rule:noncommercial_tld"))
        # a sentence whose first word (a ``[^\W_]+`` token, lower case) is no verb, lead or
        # intro word cannot open an imperative: one match on ``doc.lower`` per sentence
        first_words = {
            re.split(r"[\s'’]", w)[0]
            for cat in ("rule:verb", "rule:lead", "rule:intro")
            for w in _rule_terms(lex, cat)
        }
        self.openers = frozenset(w for w in first_words if _TOKEN_ONLY.fullmatch(w))
        lead = _alternation(_rule_terms(lex, "rule:lead"))
        intro = _alternation(_rule_terms(lex, "rule:intro"))
        self.start_re = re.compile(
            rf"[^\w]*(?:(?:{intro})\b[^,.;:!?\n]{{0,100}},\s+)?"
            rf"(?:(?:{lead})\b[,!:]?\s+)*"
            rf"(?P<verb>{_alternation(verbs)})(?![\w'’\-])",
            re.IGNORECASE,
        )

    # -- hosts -------------------------------------------------------------------------------
    def host_kind(self, url: str) -> str:
        """``own``, ``business``, ``platform`` or ``reference`` for a URL or bare domain."""
        m = _HOST_RE.match(url)
        host = (m.group(1) if m else url).lower().rstrip(".")
        if any(host == d or host.endswith("." + d) for d in self.own_domains):
            return "own"
        if any(host == h or host.endswith("." + h) for h in self.reference_hosts):
            return "reference"
        if host.endswith(self.noncommercial_tlds):
            return "reference"
        if any(host == h or host.endswith("." + h) for h in self.platform_hosts):
            return "platform"
        return "business"

    # -- object window -----------------------------------------------------------------------
    def window_tokens(self, text: str, start: int, end: int) -> list[tuple[str, str]]:
        """Up to ``window`` (kind, token) pairs after ``start``, stopped at clause punctuation."""
        out: list[tuple[str, str]] = []
        for m in _TOKEN_RE.finditer(text, start, end):
            kind = m.lastgroup
            if kind == "stop":
                break
            out.append((kind, m.group()))
            if len(out) >= self.window:
                break
        return out

    def is_advice(self, tokens: list[tuple[str, str]]) -> bool:
        """A health professional, authority or public-health host named; no first-person form."""
        first = False
        advice = self._names_authority(" ".join(tok for _, tok in tokens))
        for kind, tok in tokens:
            if kind == "url":
                advice |= self.host_kind(tok) == "reference"
            elif tok in _FIRST_PERSON:
                first = True
            else:
                low = tok.lower()
                advice |= low in self.advice or low.rstrip("s") in self.advice
        return advice and not first

    def _names_authority(self, text: str) -> bool:
        return self.authority_re is not None and self.authority_re.search(text) is not None

    def _brand_at(self, tokens: list[tuple[str, str]], i: int) -> bool:
        run = []
        for kind, tok in tokens[i:]:
            if kind != "word" or not tok[0].isupper():
                break
            run.append(tok)
        if not run or run[0].isupper():  # acronyms (NHS, CDC) are not brands
            return False
        if self._names_authority(" ".join(run)):
            return False
        head = run[0]
        shaped = (
            head.endswith(("'s", "’s"))
            or any(c.isupper() for c in head[1:])
            or any(c.isdigit() for c in head)
            or "™" in head
            or "®" in head
        )
        return len(run) >= 2 or shaped

    def trigger(self, verb: str, tokens: list[tuple[str, str]]) -> str | None:
        """The first commercial trigger in the object window of ``verb``, or None."""
        if not tokens:
            return None
        if " " not in verb and tokens[0][0] == "word" and tokens[0][1].lower() in _NOUN_USE_NEXT:
            return None
        if self.is_advice(tokens):
            return None
        brand_from = 1 if tokens[0][1].lower() in _DETERMINERS else 0
        for i, (kind, tok) in enumerate(tokens):
            if kind == "url":
                if self.host_kind(tok) != "reference":
                    return "link"
                continue
            if tok in _FIRST_PERSON:
                return "first_person"
            low = tok.lower()
            if low in self.objects or (low.endswith("s") and low[:-1] in self.objects):
                return "object"
            if verb in self.now_verbs and low in _NOW_WORDS:
                return "now"
            if verb in self.brand_verbs and brand_from <= i <= brand_from + 2:
                if self._brand_at(tokens, i):
                    return "brand"
        return None

    def opens(self, low: str, start: int, end: int) -> bool:
        """Whether the first word of ``low[start:end]`` is a verb, lead or intro word."""
        m = _FIRST_WORD.match(low, start, end)
        return m is not None and m[1] in self.openers

    def imperatives(self, text: str, low: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """``(start, end, cue)`` of the rule's call to action in sentence ``text[start:end]``.

        ``low`` is ``text`` lower-cased offset for offset (``Document.lower``).
        """
        if not self.opens(low, start, end):
            return []  # cheap exit: the sentence cannot open with a lead, intro or verb
        m = self.start_re.match(text, start, end)
        if not m:
            return []
        verb = re.sub(r"\s+", " ", m.group("verb").lower()).replace("’", "'")
        trig = self.trigger(verb, self.window_tokens(text, m.end("verb"), end))
        if trig is None:
            return []
        return [(m.start("verb"), m.end("verb"), f"{verb} +{trig}")]


def _resolve(hits: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Non-overlapping hits: the longest wins, then the earliest."""
    chosen: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for h in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        if all(h[1] <= s or h[0] >= e for s, e in taken):
            chosen.append(h)
            taken.append((h[0], h[1]))
    return sorted(chosen)


_WINDOW = 150  # characters searched on each side of a prefilter match
#: The only character whose ``str.lower()`` has another length ("İ", kept in ``doc.lower``), and
#: with "ı" and "ſ" (matching "i" and "s") those whose ``str.lower()`` is not the lower case that
#: ``re.IGNORECASE`` matches (both checked by tests).
_LONG_LOWER = "\u0130"
_CASE_ODD = _LONG_LOWER + "\u0131\u017f"

# Letters from the most to the least frequent in English, and frequent English trigrams (after
# Norvig 2013, "English letter frequency counts: Mayzner revisited"): an n-gram of late letters
# and without those trigrams is rare in text, so it makes a selective search key.
_LETTER_ORDER = "etaoinsrhldcumfpgwybvkxjqz"
_COMMON_TRIGRAMS = frozenset(
    "the and ing ion tio ent ati for her ter hat tha ere ate his con res ver all ons nce men ith "
    "ted ers pro thi wit are ess not ive was ect rea com eve per int est sta cti ica ist ear ain "
    "one our iti rat".split()
)

# Very frequent English words (after the Oxford English Corpus top 100, with inflected forms):
# poor anchors for a plain term.
_COMMON_WORDS = frozenset(
    "the be to of and a in that have i it for not on with he as you do at this but his by from "
    "they we say her she or an will my one all would there their what so up out if about who get "
    "which go me when make can like time no just him know take people into year your good some "
    "could them see other than then now look only come its over think also back after use two "
    "how our work first well way even new want because any these give day most us is are was "
    "were been has had may".split()
)


def _rarity(gram: str) -> int:
    """How rare the n-gram ``gram`` is likely to be in English text (higher is rarer)."""
    score = sum(_LETTER_ORDER.find(c) if c in _LETTER_ORDER else 20 for c in gram)
    return score - 100 * sum(t in _COMMON_TRIGRAMS for t in _grams(gram, 3))


def _grams(word: str, n: int) -> list[str]:
    return [word[i : i + n] for i in range(len(word) - n + 1)]


def _anchor_score(word: str) -> tuple:
    """Sort key of a term's word parts: the highest is the least common in text."""
    rarity = max(map(_rarity, _grams(word, 3)), default=-100)
    return (word not in _COMMON_WORDS, len(word) >= 4, rarity, len(word))


_HASH_MUL = np.uint32(0x9E3779B1)  # Fibonacci hashing of a 4-gram (four bytes, one uint32)
_HASH_SHIFT = np.uint32(10)  # keeps 22 bits


def _hash4(gram: str) -> int:
    k = int.from_bytes(gram.encode("latin-1").ljust(4, b"\0"), "little")
    return ((k * int(_HASH_MUL)) & 0xFFFFFFFF) >> int(_HASH_SHIFT)


_ALL_BYTES = "".join(map(chr, range(128)))
_NON_WORD_BYTES = "".join(c for c in _ALL_BYTES if not _WORD_EDGE.match(c))  # "?" and "\0" too


def _ascii_key(gram: str) -> bool:
    """Whether ``gram`` can key a literal: ASCII, without the "?" standing for other text."""
    return gram.isascii() and "?" not in gram


class _Literals:
    """Every occurrence of a fixed set of literals in a lower-cased text, in one pass.

    Each literal is keyed by its rarest ASCII 4-gram (or trigram, for a literal of three
    characters). One vectorised lookup of the 4-grams at every offset of the text in a hash
    table of the keys (a trigram key with every possible fourth byte) finds the few candidate
    positions; ``str.startswith`` confirms. That costs about as much as ten ``str.find``
    calls, for any number of literals. Literals without an ASCII trigram are searched with
    ``str.find``. A three-letter literal of ``word_end`` is only wanted where no word character
    or "-" follows: it is keyed with each following byte but those (no candidate "app" in
    "apply"); its other occurrences may be left out.
    """

    def __init__(self, literals: set[str], word_end: set[str] | frozenset[str] = frozenset()):
        self.quad_table = np.zeros(1 << 22, dtype=bool)
        keyed: tuple[dict, dict] = ({}, {})  # 3- and 4-char key -> [(literal, offset)]
        self.short: list[str] = []
        for lit in sorted(literals):
            if lit in word_end and len(lit) == 3 and _ascii_key(lit):
                key, off, lasts = lit, 0, _NON_WORD_BYTES
            else:
                keys = [
                    [(g, i) for i, g in enumerate(_grams(lit, n)) if _ascii_key(g)] for n in (4, 3)
                ]
                keys = keys[0] or keys[1]
                if not keys:
                    self.short.append(lit)
                    continue
                key, off = max(keys, key=lambda k: _rarity(k[0]))
                # a trigram key is followed by any byte: ASCII, "?" or the end padding (0)
                lasts = key[3:] or _ALL_BYTES
            keyed[len(key) - 3].setdefault(key, []).append((lit, off))
            for last in lasts:
                self.quad_table[_hash4(key[:3] + last)] = True
        self.keyed3, self.keyed4 = keyed
        for key, entries in self.keyed4.items():  # one lookup finds a 4-char key and its trigram
            entries.extend(self.keyed3.get(key[:3], ()))

    def find(self, low: str) -> dict[str, list[int]]:
        """Sorted start offsets of each literal occurring in ``low`` (overlaps included)."""
        out: dict[str, list[int]] = {}
        for lit in self.short:
            i = low.find(lit)
            while i >= 0:
                out.setdefault(lit, []).append(i)
                i = low.find(lit, i + 1)
        if len(low) < 3 or not (self.keyed3 or self.keyed4):
            return out
        # a non-ASCII character becomes one "?" (offsets kept), which no key contains
        b = low.encode("ascii", "replace")
        quads = np.ndarray((len(b),), "<u4", b + b"\0\0\0", 0, (1,))  # 4 bytes from each offset
        cand = np.flatnonzero(self.quad_table.take((quads * _HASH_MUL) >> _HASH_SHIFT))
        keyed3, keyed4 = self.keyed3, self.keyed4
        for p in cand.tolist():
            for lit, off in keyed4.get(low[p : p + 4]) or keyed3.get(low[p : p + 3], ()):
                if p >= off and low.startswith(lit, p - off):
                    out.setdefault(lit, []).append(p - off)
        return out


def _prefilter(spec: str) -> tuple[str, ...] | re.Pattern:
    """A ``rule:prefilter`` pattern: ``|``-separated literals, or a regex after ``re:``."""
    return re.compile(spec[3:]) if spec.startswith("re:") else tuple(spec.split("|"))


def _occurrences(
    low: str, prefilter: tuple[str, ...] | re.Pattern, found: dict[str, list[int]]
) -> list[tuple[int, int]]:
    """Sorted spans in ``low`` of a :func:`_prefilter` (its literals' occurrences ``found`` by
    :class:`_Literals`)."""
    if isinstance(prefilter, re.Pattern):
        return [m.span() for m in prefilter.finditer(low)]
    occ = [(i, i + len(lit)) for lit in prefilter for i in found.get(lit, ())]
    occ.sort()
    return occ


def _windows(occ: list[tuple[int, int]], blocks, starts: list[int]) -> dict[int, list[list[int]]]:
    """Merged search windows around each prefilter occurrence in ``occ``, by block index."""
    out: dict[int, list[list[int]]] = {}
    for a, z in occ:
        bi = bisect_right(starts, a) - 1
        if bi < 0 or a >= blocks[bi].end:
            continue
        b = blocks[bi]
        wa, wz = max(b.start, a - _WINDOW), min(b.end, z + _WINDOW)
        ws = out.setdefault(bi, [])
        if ws and wa <= ws[-1][1]:
            ws[-1][1] = max(ws[-1][1], wz)
        else:
            ws.append([wa, wz])
    return out


_LEADING_LOOKBEHINDS = re.compile(r"(?:\(\?<[=!](?:[^()\\]|\\.)*\))+")


class _Pattern:
    r"""A lexicon pattern (case-insensitive) whose ``finditer`` skips fast to possible starts.

    A pattern opening with lookbehinds (``(?<!over )[$£€]…``) gets no prefix scan from the
    regex engine, which then tests every lookbehind at every position. Without them the
    pattern (``rest``) matches wherever the whole one does, and its first character class is
    scanned fast: ``rest`` finds the candidates, the whole pattern is tried only there.
    A pattern opening with ``\b`` and words (``\b(?:book|schedule)\s+…``) gets no prefix
    scan either (its letters are cased): ``lead``, the words' leading letters, is searched in
    the lower-cased text, and the pattern runs from there.
    """

    def __init__(self, pattern: str):
        self.rx = re.compile(pattern, re.IGNORECASE)
        lead = _LEADING_LOOKBEHINDS.match(pattern)
        try:
            self.rest = re.compile(pattern[lead.end() :], re.IGNORECASE) if lead else None
        except re.error:  # e.g. a group referred to after the lookbehinds
            self.rest = None
        words = leading_words(pattern)
        self.lead = re.compile("|".join(sorted(set(words)))) if words else None

    def finditer(self, text: str, start: int, end: int, low: str | None = None) -> list[re.Match]:
        """``list(self.rx.finditer(text, start, end))``; ``low`` is ``text`` lower-cased, given
        when it holds no :data:`_CASE_ODD` character."""
        if low is not None and self.lead is not None:
            c = self.lead.search(low, start, end)
            if c is None:
                return []
            start = c.start()  # no match starts before the first of its leading words
        if self.rest is None:
            return list(self.rx.finditer(text, start, end))
        out = []
        pos = start
        while (c := self.rest.search(text, pos, end)) is not None:
            m = self.rx.match(text, c.start(), end)
            if m is None:
                pos = c.start() + 1
            elif m.end() == m.start():  # finditer's rules after empty matches: no shortcut
                return list(self.rx.finditer(text, start, end))
            else:
                out.append(m)
                pos = m.end()
        return out


class _Scanner:
    """Matched rows of a lexicon over a whole document: plain terms and prefiltered patterns.

    Plain terms: every term has an *anchor*, its least common literal word part, and a match
    can only lie in a *run* of characters that terms can match (word characters, whitespace,
    ``-`` and the terms' own punctuation) around an occurrence of an anchor standing between
    word edges. The ``LexiconMatcher`` scans just those runs (with ``doc.lower``): a run is
    bounded by characters no match can hold, so the hits are those of one scan of the whole
    text (a hit crossing blocks included, which is then dropped as before).
    Each ``pattern`` row runs only within ``_WINDOW`` characters of an occurrence of its
    ``rule:prefilter`` (``|``-separated literals, or a regex after ``re:``, searched in the
    lower-cased text; every match of the pattern contains one).
    A match touching a window edge inside its block is re-searched over the whole block, so
    the prefilter never changes the result. Anchors and prefilter literals are all found in
    one pass (:class:`_Literals`). Hits in blocks whose kind is not scanned, or crossing a
    block boundary, are dropped.
    """

    def __init__(self, lexicon: str | Lexicon):
        lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
        self.lexicon = lex
        t = lex.table
        rule = t["category"].str.startswith("rule:")
        pre = t[t["category"] == "rule:prefilter"]
        prefilter = dict(zip(pre["term"], pre["pattern"], strict=True))
        plain = t[~rule & (t["pattern"] == "")].reset_index(drop=True)
        self.matcher = LexiconMatcher(load_lexicon(plain, name=lex.name))
        self.terms = plain["term"].tolist()
        self.cats = plain["category"].tolist()
        pats = t[~rule & (t["pattern"] != "")]
        self.patterns = [
            (
                _Pattern(p),
                _prefilter(prefilter[term].lower()) if term in prefilter else None,
                term,
                cat,
            )
            for term, cat, p in zip(pats["term"], pats["category"], pats["pattern"], strict=True)
        ]
        # anchor of a term: its least common word part; a part of a word with a "*" may sit
        # inside a longer word, the others stand between characters LexiconMatcher takes as
        # word edges (an occurrence inside a longer word cannot be theirs)
        self.anchors: dict[str, bool] = {}  # anchor -> stands between word edges
        self.unanchored = False  # a term without a literal part: scan the whole text
        for term in self.terms:
            parts = [(p, "*" not in w) for w in term.lower().split() for p in w.split("*") if p]
            if not parts:
                self.unanchored = True
                continue
            anchor, edged = max(parts, key=lambda p: _anchor_score(p[0]))
            self.anchors[anchor] = self.anchors.get(anchor, True) and edged
        # characters a plain-term match may hold: its literal characters, whitespace (for a
        # space), word characters and ' ’ - (for a "*"); "-" always, so a run never ends at a
        # character the matcher's (?![\w\-]) would refuse
        extra = {c for term in self.terms for c in term.lower() if not re.match(r"[\w\s]", c)}
        extra |= {"-", "'", "’"} if "*" in extra else {"-"}
        nonc = "[^\\w\\s" + "".join(re.escape(c) for c in sorted(extra)) + "]"
        self.run_start_re = re.compile(rf"(?s:.*){nonc}")
        self.run_end_re = re.compile(nonc)
        literals = {lit for _, p, _, _ in self.patterns if isinstance(p, tuple) for lit in p}
        # an anchor between word edges is only wanted before a word edge (unless a prefilter)
        word_end = {a for a, edged in self.anchors.items() if edged} - literals
        self.literals = _Literals(set(self.anchors) | literals, word_end)

    def _runs(self, low: str, found: dict[str, list[int]]) -> list[tuple[int, int]]:
        """Maximal runs of term characters around each anchor occurrence, in order."""
        if self.unanchored:
            return [(0, len(low))]
        anchors = self.anchors
        occ = sorted(
            (i, i + len(lit), anchors[lit])
            for lit, at in found.items()
            if lit in anchors
            for i in at
        )
        runs: list[tuple[int, int]] = []
        edge = _WORD_EDGE.match
        for a, z, edged in occ:
            if runs and a < runs[-1][1]:
                continue  # in the previous run
            if edged and ((a and edge(low, a - 1)) or edge(low, z)):
                continue  # inside a longer word: no term can match through it
            m = self.run_start_re.match(low, 0, a)
            e = self.run_end_re.search(low, z)
            runs.append((m.end() if m else 0, e.start() if e else len(low)))
        return runs

    def find(self, doc: Document, kinds: set[str]) -> list[tuple[int, int, str, str, int]]:
        """``(start, end, category, term, block index)`` of all hits in blocks of ``kinds``."""
        text, low, blocks = doc.text, doc.lower, doc.blocks
        starts = [b.start for b in blocks]
        found = self.literals.find(low)
        raw: list[tuple[int, int, str, str]] = [
            (h.start, h.end, self.cats[h.entry], self.terms[h.entry])
            for a, z in self._runs(low, found)
            for h in self.matcher.find(text, a, z, low)
        ]
        # prefilters and ``_Pattern`` leads need the lower case re.IGNORECASE matches: none with
        # the rare letters it folds otherwise ("İ", "ı", "ſ")
        plow = None if any(c in text for c in _CASE_ODD) else low
        windows: dict[tuple | re.Pattern, dict[int, list[list[int]]]] = {}
        for rx, pre, term, cat in self.patterns:
            if pre is None or plow is None:  # rare case-folding letters: no prefilter
                spans = [(b.start, b.end) for b in blocks]
            else:
                if pre not in windows:
                    windows[pre] = _windows(_occurrences(low, pre, found), blocks, starts)
                spans = []
                for bi, ws in windows[pre].items():
                    b = blocks[bi]
                    kept = []
                    for wa, wz in ws:
                        for m in rx.finditer(text, wa, wz, plow):
                            # a match touching a window edge inside the block may be cut: rescan
                            if (m.start() == wa > b.start) or (m.end() == wz < b.end):
                                kept = None
                                break
                            kept.append(m)
                        if kept is None:
                            break
                    if kept is None:
                        spans.append((b.start, b.end))
                    else:
                        raw.extend(
                            (m.start(), m.end(), cat, term) for m in kept if m.end() > m.start()
                        )
            for a, z in spans:
                raw.extend(
                    (m.start(), m.end(), cat, term)
                    for m in rx.finditer(text, a, z, plow)
                    if m.end() > m.start()
                )
        out = []
        for a, z, cat, term in raw:
            i = bisect_right(starts, a) - 1
            if i >= 0 and blocks[i].kind in kinds and z <= blocks[i].end:
                out.append((a, z, cat, term, i))
        return out


@register
class Commercial(Measure):
    """Commercial-intent markers: counts by category, density and position in the document.

    Parameters
    ----------
    lexicon : str or Lexicon
        Lexicon name or object (default the built-in ``commercial``); rows with a
        ``rule:*`` category are the imperative rule's vocabulary, the others are matched.
    kinds : tuple of str
        Block kinds scanned (default: all, boilerplate included, since promo lines are often
        classified as page furniture). Also the per-1k denominator.
    window : int
        Number of word tokens after an imperative verb searched for a trigger (default 6).
    own_domains : tuple of str
        The outlet's own domains: links to them count as ``self_promotion``, not
        ``business_link``.

    Notes
    -----
    Columns: ``commercial_n`` (matches), ``commercial_per_1k`` = 1000 · n / words in
    ``kinds`` (NaN without words), ``commercial_<category>_n`` for each category,
    ``commercial_first_position`` = min over matches of ``start / len(doc.text)`` and
    ``commercial_mean_position`` = mean of ``start / len(doc.text)`` over matches, where
    ``start`` is the character offset of the match in the original text (0 = the first
    character, values approach 1 at the end); NaN when there is no match. The rule is
    described in the module docstring. Reference: HONcode principle 8 (HON Foundation 1997);
    Silberg, Lundberg & Musacchio 1997, JAMA 277:1244 (disclosure benchmark).
    """

    name = "commercial"

    def __init__(
        self,
        lexicon: str | Lexicon = "commercial",
        kinds: tuple[str, ...] = BLOCK_KINDS,
        window: int = 6,
        own_domains: tuple[str, ...] = (),
    ):
        self.lexicon = lexicon
        self.kinds = tuple(kinds)
        self.window = window
        self.own_domains = tuple(own_domains)
        self._scanner = _Scanner(lexicon)
        self._lex = self._scanner.lexicon
        self._rules = _CommercialRules(self._lex, window, self.own_domains)

    def columns(self) -> list[str]:
        return (
            ["commercial_n", "commercial_per_1k"]
            + [f"commercial_{c}_n" for c in COMMERCIAL_CATEGORIES]
            + ["commercial_first_position", "commercial_mean_position"]
        )

    def lexicon_hashes(self) -> dict[str, str]:
        return {self._lex.name: self._lex.sha256}

    def find(self, doc: Document) -> list[tuple[int, int, str, str]]:
        """All ``(start, end, category, cue)`` commercial hits in the scanned blocks."""
        text, rules, kinds = doc.text, self._rules, set(self.kinds)
        hits: list[tuple[int, int, str, str]] = []
        for start, end, cat, cue, bi in self._scanner.find(doc, kinds):
            b = doc.blocks[bi]
            if cue.lower() in rules.needs_address and b.kind not in LISTING_KINDS:
                s = doc.sentence_at(start)
                a, z = (s.start, s.end) if s is not None else (b.start, b.end)
                if not rules.address_re.search(text, a, z):
                    continue
            if cat == "business_link":
                kind = rules.host_kind(text[start:end])
                if kind in ("reference", "platform"):
                    continue
                if kind == "own":
                    cat = "self_promotion"
            elif cat in ("call_to_action", "consultation_offer"):
                if rules.is_advice(rules.window_tokens(text, end, b.end)):
                    continue
            hits.append((start, end, cat, cue))
        low, blocks, first, openers = doc.lower, doc.blocks, _FIRST_WORD.match, rules.openers
        for s in doc.sentences:  # rules.opens(), inlined: one cheap match per sentence
            w = first(low, s.start, s.end)
            if w and w[1] in openers and blocks[s.block_id].kind in kinds:
                hits.extend(
                    (a, z, "call_to_action", cue)
                    for a, z, cue in rules.imperatives(text, low, s.start, s.end)
                )
        return _resolve(hits)

    def __call__(self, doc: Document) -> MeasureResult:
        matches = []
        for start, end, cat, cue in self.find(doc):
            s = doc.sentence_at(start)
            matches.append(Match(self.name, cat, cue, start, end, s.id if s is not None else -1))
        n = len(matches)
        values: dict[str, float] = {
            "commercial_n": n,
            "commercial_per_1k": per_1k(n, doc.n_words(self.kinds)),
        }
        for c in COMMERCIAL_CATEGORIES:
            values[f"commercial_{c}_n"] = sum(1 for m in matches if m.category == c)
        pos = [position(m.start, len(doc.text)) for m in matches]
        values["commercial_first_position"] = min(pos) if pos else NAN
        values["commercial_mean_position"] = math.fsum(pos) / n if n else NAN
        return MeasureResult(values, matches)


@register
class Disclaimers(Measure):
    """Medical and legal disclaimers and disclosures of commercial interest.

    Parameters
    ----------
    lexicon : str or Lexicon
        Lexicon name or object (default the built-in ``disclaimers``).
    kinds : tuple of str
        Block kinds scanned (default all: disclaimers often sit in footers classified as
        boilerplate). Also the per-1k denominator.

    Notes
    -----
    Columns: ``disclaimers_n``, ``disclaimers_per_1k`` = 1000 · n / words in ``kinds`` (NaN
    without words) and ``disclaimers_<category>_n``. Overlapping lexicon hits count once
    (longest wins). Reference: HONcode principles 1 and 8 (HON Foundation 1997); Silberg et al.
    1997 (JAMA disclosure benchmark); FTC Endorsement Guides, 16 CFR Part 255; 21 CFR 101.93(c).
    """

    name = "disclaimers"

    def __init__(
        self, lexicon: str | Lexicon = "disclaimers", kinds: tuple[str, ...] = BLOCK_KINDS
    ):
        self.lexicon = lexicon
        self.kinds = tuple(kinds)
        self._scanner = _Scanner(lexicon)
        self._lex = self._scanner.lexicon

    def columns(self) -> list[str]:
        return ["disclaimers_n", "disclaimers_per_1k"] + [
            f"disclaimers_{c}_n" for c in DISCLAIMER_CATEGORIES
        ]

    def lexicon_hashes(self) -> dict[str, str]:
        return {self._lex.name: self._lex.sha256}

    def __call__(self, doc: Document) -> MeasureResult:
        kinds = set(self.kinds)
        hits = _resolve([h[:4] for h in self._scanner.find(doc, kinds)])
        matches = []
        for start, end, cat, cue in hits:
            s = doc.sentence_at(start)
            matches.append(Match(self.name, cat, cue, start, end, s.id if s is not None else -1))
        n = len(matches)
        values: dict[str, float] = {
            "disclaimers_n": n,
            "disclaimers_per_1k": per_1k(n, doc.n_words(kinds)),
        }
        for c in DISCLAIMER_CATEGORIES:
            values[f"disclaimers_{c}_n"] = sum(1 for m in matches if m.category == c)
        return MeasureResult(values, matches)
