"""Citations: specific sources a reader can look up versus vague appeals to unnamed evidence.

Two families, each counted per document and per kind:

- **specific** (``citations_specific``): ``url_or_doi`` (URLs, DOIs, PMIDs),
  ``trial_or_review`` (registry ids such as NCT########, named trials, reviews/trials with a
  year, journal or other identifying detail), ``author`` ("Smith et al. 2020", "(Smith, 2019)"),
  ``journal`` (a named journal), ``study_with_year`` ("a 2022 survey of 250 adults"),
  ``named_person`` (a named person quoted or paraphrased as a source: "said Dr. Jane Chan") and
  ``institution`` (a named agency, foundation, university or company *acting as a source*:
  "Health Canada clearly states", "according to the FDA", "researchers at Johns Hopkins");
- **vague** (``citations_vague``): ``research`` ("studies show", "some studies", "a study
  found" without detail), ``experts`` ("scientists think", "doctors agree"), ``evidence``
  ("evidence suggests", "it has been shown", "data indicate") and ``anecdote`` ("personal
  accounts", "many users report", a quote signed "- Jane D.").

The cue patterns, name lists (journals, institutions, study nouns, reporting verbs, titles,
stop words) and their sources live in ``textstudy/lexicons/citations_specific.csv`` and
``citations_vague.csv`` (columns ``term, category, role, pattern, anchors, head, source,
note``; ``anchors`` and ``head`` only make the search faster, see Speed). Rows with
``role == "cue"`` are patterns whose ``category`` is the kind; rows with ``role == "list"``
are list entries, and a cue pattern refers to a list by a placeholder (``{JOURNAL}``,
``{INSTITUTION}``, ``{PERSON}``, ``{YEAR}``, ``{STUDY_NOUN}`` ...; see :data:`PLACEHOLDERS`;
a lower-case ``{name}`` is any list of either file, matched case-insensitively). This module
only composes them. Unlike plain lexicon patterns, these patterns are compiled
case-sensitively so that names keep their capitalisation ("WHO" is not "who"); patterns that
are case-insensitive say so with a leading ``(?i)`` (all vague ones do).

Counting rules
--------------
1. **One citation, several cues.** Specific cues in the same sentence that overlap, or that are
   separated by at most ``max_gap`` characters without a ``;`` or line break, are merged into
   one citation -- unless the next cue is of a kind the citation already has and does not
   overlap it (two journals, two years, "(Smith, 2019; Lee, 2020)" stay two citations). The
   merged citation's kind is its most specific component by ``priority`` (default
   ``url_or_doi > trial_or_review > author > journal > study_with_year > named_person >
   institution``, i.e. how directly the cue identifies one document). So "A 2019 study
   published in the Journal of Psychopharmacology" is one ``journal`` citation with year 2019.
2. **Vague cues next to a specific citation.** A vague cue that overlaps a specific citation or
   lies within ``max_gap`` characters of it in the same sentence describes that citation ("a
   meta-analysis published in JAMA found"): it is absorbed (not counted as vague) and the
   citation's span grows to include it. If an absorbed cue names a review or trial
   ("meta-analysis", "systematic review", "trial") the citation becomes ``trial_or_review``.
   A sentence that carries an ``author`` or ``url_or_doi`` reference backs its whole claim
   with it ("Studies show X (Smith et al., 2019)."), so every vague cue of that sentence is
   absorbed. Other vague cues in a sentence with a specific citation ("Some studies suggest X,
   but a 2019 trial found Y") stay vague.
3. A name counts as an institution or person only beside a source context (a reporting verb,
   "according to", "researchers at", "guidelines"...): "the FDA approved it", a byline
   ("Medically reviewed by Dr. Jane Chan") and "Consult your doctor" are not citations.

Speed (none of this changes a result; ``gate=False`` is the plain reference path, tested
equal): a cue is tried only in sentences containing one of its ``anchors`` (words every match
contains, found with one prefix-tree regex over the lower-cased text, searched from the
non-word character before them) and, when the anchors column adds ``& {list}`` or ``& re:``
groups, only where an entry of each group, as written, starts between the sentence start and
its block's end (e.g. an institution name or organisation noun for the institution cues, a
year for the dated-study cues, a showing verb for "studies show"; in the lower-cased text for
an all-``(?i)`` cue), and not past the first character after the sentence that the cue cannot
contain (a cue of words and spaces stops at a full stop); a group written ``^...`` must start
in the sentence (every match begins with it: two capitalised words for "Jane Chan said").
Consecutive sentences are scanned in one pass that stops shortly after the last of them. A
cue with a ``head`` (words or ``{list}`` names, ``|``-separated: every match begins with one
of them at a word boundary, e.g. the vague cues that open with lookbehinds) or a ``(?i)`` cue
that starts with a list placeholder is tried only where that head follows a non-word
character in the lower-cased text; a case-sensitive cue that begins with a ``^re:`` group only
where that group matches; another case-sensitive cue whose first character falls in a small
class that the regex engine cannot skip to by itself (an optional "the", then
``{INSTITUTION}``: a capital or "t") only at those characters (text without characters above
U+FFFF). A ``re:`` anchor is searched only in blocks containing a character its matches can
start with, one literal-led scan per such character. Specific cues of one sentence are
collected in the order the per-sentence scans used to run (which decides ties between equal
spans in rule 1).

Rates: ``citations_<family>_per_1k = 1000 * n / words`` over blocks of ``kinds`` (NaN with no
words); ``citations_specificity = specific / (specific + vague)`` (higher = better sourced; NaN
when both are 0). References: Silberg, Lundberg & Musacchio 1997 (JAMA benchmarks,
attribution); Charnock et al. 1999 (DISCERN item 4); HONcode principles 4-5; Ganter & Strube
2009 (weasel words).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import Any

from ..document import (
    BODY_KINDS,
    Document,
    Match,
    MeasureResult,
    bmp_class,
    is_bmp,
)
from ..lexicon import Lexicon, _trie_regex, load_lexicon, resolve_overlaps
from ..regex_facts import char_head, lookahead_reach, start_chars, stopper
from . import Measure, register
from .common import per_1k

SPECIFIC_KINDS: tuple[str, ...] = (
    "url_or_doi",
    "trial_or_review",
    "author",
    "journal",
    "study_with_year",
    "named_person",
    "institution",
)
VAGUE_KINDS: tuple[str, ...] = ("research", "experts", "evidence", "anecdote")
#: Kinds whose cue (a signature such as "- Jane D.") extends back over the quotation it signs.
QUOTED_KINDS: frozenset[str] = frozenset({"anecdote"})
_CLOSE_OPEN = {"”": "“", "’": "‘'", '"': '"', "'": "'‘"}

#: Placeholder -> (list category, how it is matched). "ci": lower-case words, case-insensitive;
#: "cs": names with their capitalisation; "re": the list rows are regex fragments.
PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "YEAR": ("year", "re"),
    "STUDY_NOUN": ("study_noun", "ci"),
    "REVIEW_NOUN": ("review_noun", "ci"),
    "POPULATION": ("population", "ci"),
    "SOURCE_BEFORE": ("source_before", "ci"),
    "SOURCE_VERB": ("source_verb", "ci"),
    "SOURCE_NOUN": ("source_noun", "ci"),
    "SPEECH_BEFORE": ("speech_before", "ci"),
}
_CAPW = r"[A-Z][\w'’&\-]*"
_CONN = r"(?:of|for|and|&|on|the|in|de)"
_PLACEHOLDER_RE = re.compile(r"\{([A-Za-z][A-Za-z_0-9]*)\}")


@dataclass
class _Hit:
    family: str
    kind: str
    row: int  # row index in the family's lexicon table
    start: int
    end: int
    sid: int
    name: str | None = None
    year: int | None = None


@dataclass
class _Citation:
    start: int
    end: int
    sid: int
    parts: list[_Hit] = field(default_factory=list)
    absorbed: list[_Hit] = field(default_factory=list)


@register
class Citations(Measure):
    """Specific citations and vague appeals to evidence or authority.

    Parameters
    ----------
    kinds : tuple of str
        Block kinds scanned, and whose words are the per-1k denominator (default: body).
    max_gap : int
        Largest gap in characters between two cues of one citation (rule 1 above).
    priority : tuple of str
        Specific kinds from most to least specific: the kind of a merged citation.
    specific_lexicon, vague_lexicon : str
        Lexicon names or CSV paths (columns ``term, category, role, pattern, anchors, source,
        note``, optional ``head``).
    gate : bool
        Try a cue pattern only on sentences containing one of its ``anchors`` (words every
        match contains; ``{list}`` = the longest word of each entry of that list; ``re:`` = a
        regular expression), and only where an entry of each ``& {list}|{list}`` (or
        ``& re:``) group that follows starts, as written, between the sentence start and its
        block's end (at the latest where a match must end; in the sentence for ``& ^``); try
        a cue with a ``head`` only where the head matches; scan consecutive sentences
        together. Speed only: the result equals ``gate=False`` (tested).
    """

    name = "citations"

    def __init__(
        self,
        kinds: tuple[str, ...] = tuple(sorted(BODY_KINDS)),
        max_gap: int = 60,
        priority: tuple[str, ...] = SPECIFIC_KINDS,
        specific_lexicon: str = "citations_specific",
        vague_lexicon: str = "citations_vague",
        gate: bool = True,
    ):
        self.kinds = tuple(kinds)
        self.max_gap = max_gap
        self.priority = tuple(priority)
        self.specific_lexicon = specific_lexicon
        self.vague_lexicon = vague_lexicon
        self.gate = gate
        self._spec = load_lexicon(specific_lexicon)
        self._vague = load_lexicon(vague_lexicon)
        lists = _lists(self._spec)
        for cat, entries in _lists(self._vague).items():
            lists.setdefault(cat, []).extend(entries)
        self._lists = lists
        self._stop = frozenset(w for w, _ in lists.get("name_stop", []))
        self._fragments = _fragments(lists)
        self._institution_full = re.compile(
            r"(?:(?i:the)\s+)?" + self._fragments["INSTITUTION"][1] + r"\Z"
        )
        self._journal_full = re.compile(
            "(?:"
            + _alt(lists.get("journal_name", []) + lists.get("journal_ambiguous", []), lower=False)
            + r")\Z"
        )
        self._review_re = re.compile(r"\b" + self._fragments["REVIEW_NOUN"][1] + r"\b")
        self._rules: list[tuple[str, str, int, re.Pattern]] = []
        self._lower: list[bool] = []  # run on the lower-cased text (see _speed_form)
        self._heads: list[re.Pattern | None] = []  # see _starts_regex, _head_regex
        self._char_heads: list[re.Pattern | None] = []  # see char_head
        anchors: list[str] = []
        requires: list[list[str]] = []
        # (see stopper, whether it runs on the lower-cased text) or None
        self._stoppers: list[tuple[re.Pattern, bool] | None] = []
        # with a stopper: how far past a position the pattern's tests read (None: unbounded)
        self._reach: list[int | None] = []
        for family, lex in (("specific", self._spec), ("vague", self._vague)):
            t = lex.table
            for i in t.index[t["role"] == "cue"] if "role" in t else t.index:
                pat = t.at[i, "pattern"] or re.escape(t.at[i, "term"]).replace(r"\ ", r"\s+")
                src, lower = _speed_form(self._expand(pat))
                self._rules.append((family, t.at[i, "category"], int(i), re.compile(src)))
                self._lower.append(lower)
                self._char_heads.append(char_head(src))
                stop = stopper(src)
                self._stoppers.append((stop, lower) if stop is not None else None)
                self._reach.append(lookahead_reach(src) if stop is not None else None)
                starts = t.at[i, "head"].strip() if "head" in t else ""
                if starts:
                    self._heads.append(self._starts_regex(starts, lists))
                else:
                    self._heads.append(None if lower else self._head_regex(pat))
                spec, *more = (t.at[i, "anchors"] if "anchors" in t else "").split(" & ")
                anchors.append(spec.strip())
                requires.append([g.strip() for g in more if g.strip()])
        self._build_gate(anchors, lists)
        self._build_requires(requires, lists)
        # the lower-case heads found from the non-word character before them (the engine
        # skips ahead to it; a match starting inside a word is dropped anyway), for any text
        # and for text without characters above U+FFFF
        self._sep_heads = [
            None if h is None else tuple(
                re.compile(f"{sep}(?:{h.pattern})") for sep in (r"[^\w\-]", _SEP_BMP)
            )
            for h in self._heads
        ]
        # a case-sensitive rule without a head whose every match begins with a ``^re:``
        # requires group: that group is its head (fewer tries than a character head)
        self._start_heads: list[re.Pattern | None] = [
            None if lower or head is not None else next(
                (self._requires[g][0] for g, at_start in groups
                 if at_start and self._requires[g][2] is None), None)
            for lower, head, groups in zip(self._lower, self._heads, self._rule_requires)
        ]
        self._terms = {
            "specific": self._spec.table["term"].tolist(),
            "vague": self._vague.table["term"].tolist(),
        }
        self._order = {k: j for j, k in enumerate(self.priority)}
        self._specific_kinds = _ordered(
            {k for f, k, _, _ in self._rules if f == "specific"}, SPECIFIC_KINDS
        )
        self._vague_kinds = _ordered({k for f, k, _, _ in self._rules if f == "vague"}, VAGUE_KINDS)

    # -- composition -----------------------------------------------------------------------
    def _expand(self, pattern: str) -> str:
        used: set[str] = set()

        def sub(m: re.Match) -> str:
            key = m.group(1)
            if key.islower() and key in self._lists:
                return "(?i:" + _alt(self._lists[key], lower=True) + ")"
            if key not in self._fragments:
                raise ValueError(f"unknown placeholder {{{key}}} in citation pattern {pattern!r}")
            group, frag = self._fragments[key]
            if group and group not in used:
                used.add(group)
                return f"(?P<{group}>{frag})"
            return f"(?:{frag})"

        return _PLACEHOLDER_RE.sub(sub, pattern)

    def _head_regex(self, pattern: str) -> re.Pattern | None:
        """For a ``(?i)`` pattern that begins with a case-insensitive list placeholder: that
        list as a regex for the lower-cased text (every match starts with it), else None."""
        m = _HEAD_RE.match(pattern)
        if m is None:
            return None
        key = m.group(1)
        if key in PLACEHOLDERS and PLACEHOLDERS[key][1] == "ci":
            key = PLACEHOLDERS[key][0]
        elif not (key.islower() and key in self._lists):
            return None
        src = _alt(self._lists.get(key, []), lower=True)
        return re.compile(src) if src.isascii() else None

    @staticmethod
    def _starts_regex(spec: str, lists: dict[str, list[tuple[str, str]]]) -> re.Pattern:
        """The ``head`` column: words or ``{list}`` names, ``|``-separated, one of which every
        match begins with at a word boundary; a regex for the lower-cased text."""
        words: set[str] = set()
        for item in (a.strip() for a in spec.split("|")):
            if item.startswith("{") and item.endswith("}"):
                entries = lists.get(item[1:-1], [])
                if any(p for _, p in entries):
                    raise ValueError(f"head {item}: list has regex rows")
                words.update(term.lower() for term, _ in entries)
            elif item:
                words.add(item.lower())
        return re.compile(r"\b(?:" + _trie_regex(sorted(words)) + ")")

    def _build_requires(
        self, requires: list[list[str]], lists: dict[str, list[tuple[str, str]]]
    ) -> None:
        """Compile the ``&`` groups of the anchors column: each group lists text every match
        contains as written (``{list}``: the list's entries, case-sensitive; ``re:``: a
        regular expression), or for a rule run on the lower-cased text (all ``(?i)``), as
        found in the lower-cased text (``{list}`` entries lower-cased); a leading ``^``: every
        match begins with it (then a lower-case ``{list}`` is searched from the non-word
        character before it: a match starting inside a word is dropped anyway)."""
        sources: dict[tuple[str, bool, bool], int] = {}
        self._rule_requires: list[tuple[tuple[int, bool], ...]] = []
        for groups, lower in zip(requires, self._lower):
            ids = []
            for g in groups:
                at_start = g.startswith("^")
                g = g.removeprefix("^")
                if g.startswith("re:"):
                    src, sep = g[3:], False
                else:
                    entries = []
                    for item in g.split("|"):
                        item = item.strip()
                        if not (item.startswith("{") and item.endswith("}")):
                            raise ValueError(f"requires group {g!r}: use {{list}} or re:")
                        entries += lists.get(item[1:-1], [])
                    src, sep = _alt(entries, lower=lower), at_start and lower
                if lower and re.search(r"[A-Z]", _strip_escapes(src)):
                    raise ValueError(f"requires group {g!r} of a lower-case rule has capitals")
                ids.append((sources.setdefault((src, lower, sep), len(sources)), at_start))
            self._rule_requires.append(tuple(ids))
        # (regex, on the lower-cased text, the regex after a non-word character for any text
        # and for text without characters above U+FFFF, or None)
        self._requires = [
            (re.compile(src), lower, tuple(
                re.compile(rf"{c}(?:{src})") for c in (r"[^\w\-]", _SEP_BMP)
            ) if sep else None)
            for src, lower, sep in sources
        ]

    def _rank(self, kind: str) -> int:
        return self._order.get(kind, len(self._order))

    def _build_gate(self, anchors: list[str], lists: dict[str, list[tuple[str, str]]]) -> None:
        words: dict[str, set[int]] = {}
        # (regex, rule, the characters its matches can start with or None, and when the regex
        # begins with a class of just those: for each, the regex beginning with it; see _plan)
        self._regex_gates: list[
            tuple[re.Pattern, int, str | None, dict[str, re.Pattern] | None]
        ] = []
        self._ungated: list[int] = []
        for r, spec in enumerate(anchors):
            entries = [a.strip() for a in spec.split("|")] if spec.strip() else []
            if spec.startswith("re:"):
                rx = re.compile(spec[3:])
                first = start_chars(rx.pattern, rx.flags)
                lead = re.match(r"\[([^\]\\^]+)\](?![*+?{])", rx.pattern)
                split = None
                if first and lead and not rx.flags & re.IGNORECASE and set(lead[1]) == set(first):
                    rest = rx.pattern[lead.end():]
                    split = {c: re.compile(re.escape(c) + rest, rx.flags) for c in first}
                self._regex_gates.append((rx, r, first, split))
                continue
            if not entries:
                self._ungated.append(r)
            for a in entries:
                if a.startswith("{") and a.endswith("}"):
                    for term, _ in lists.get(a[1:-1], []):
                        words.setdefault(_longest_word(term), set()).add(r)
                else:
                    words.setdefault(a.lower(), set()).add(r)
        self._anchor_rules = words
        self._anchor_wild = [(w[:-1], ids) for w, ids in words.items() if w.endswith("*")]
        src = _trie_regex(sorted(words)) if words else ""
        self._anchor_re = re.compile(rf"(?<![\w\-])(?:{src})(?![\w\-])") if src else None
        # the same matches, found after the character before them (no lookbehind: the
        # engine skips ahead to a non-word character); every anchor is made of [\w'’\-]
        self._anchor_sep = re.compile(rf"[^\w\-]((?:{src}))(?![\w\-])") if src else None
        self._anchor_sep_bmp = (
            re.compile(rf"{_SEP_BMP}((?:{src}))(?![\w\-])") if src else None
        )
        self._anchor_memo: dict[str, frozenset[int]] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        for memo in ("_anchor_memo",):
            state[memo] = type(state[memo])()  # caches are not sent to workers
        return state

    def _rules_for(self, token: str) -> frozenset[int]:
        ids = self._anchor_memo.get(token)
        if ids is None:
            found = set(self._anchor_rules.get(re.sub(r"\s+", " ", token), ()))
            for prefix, more in self._anchor_wild:
                if token.startswith(prefix):
                    found |= more
            ids = self._anchor_memo[token] = frozenset(found)
        return ids

    # -- Measure interface -----------------------------------------------------------------
    def columns(self) -> list[str]:
        cols = [
            "citations_specific_n",
            "citations_specific_per_1k",
            "citations_vague_n",
            "citations_vague_per_1k",
            "citations_specificity",
        ]
        return cols + [f"citations_{k}_n" for k in self._specific_kinds + self._vague_kinds]

    def lexicon_hashes(self) -> dict[str, str]:
        return {self._spec.name: self._spec.sha256, self._vague.name: self._vague.sha256}

    def __call__(self, doc: Document) -> MeasureResult:
        specific, vague = self._extract(doc)
        n_s, n_v = len(specific), len(vague)
        words = doc.n_words(set(self.kinds))
        values: dict[str, float] = {
            "citations_specific_n": n_s,
            "citations_specific_per_1k": per_1k(n_s, words),
            "citations_vague_n": n_v,
            "citations_vague_per_1k": per_1k(n_v, words),
            "citations_specificity": n_s / (n_s + n_v) if n_s + n_v else math.nan,
        }
        for k in self._specific_kinds + self._vague_kinds:
            values[f"citations_{k}_n"] = 0
        matches: list[Match] = []
        terms = self._terms
        for c in specific:
            head = self._head(c)
            values[f"citations_{self._kind(c)}_n"] += 1
            matches.append(
                Match("citations_specific", self._kind(c), terms["specific"][head.row],
                      c.start, c.end, c.sid)
            )
        for h in vague:
            values[f"citations_{h.kind}_n"] += 1
            matches.append(
                Match("citations_vague", h.kind, terms["vague"][h.row], h.start, h.end, h.sid)
            )
        matches.sort(key=lambda m: (m.start, m.end))
        return MeasureResult(values, matches)

    # -- extraction --------------------------------------------------------------------------
    def table(self, doc: Document) -> list[dict[str, Any]]:
        """One dict per citation (specific and vague), in document order; see
        :func:`citation_table`."""
        specific, vague = self._extract(doc)
        rows = []
        for c in specific:
            named = sorted((p for p in c.parts if p.name), key=lambda p: self._rank(p.kind))
            years = [p.year for p in sorted(c.parts, key=lambda p: self._rank(p.kind)) if p.year]
            rows.append(self._row(doc, "specific", self._kind(c), c.start, c.end, c.sid,
                                  years[0] if years else None,
                                  named[0].name if named else None))
        for h in vague:
            rows.append(self._row(doc, "vague", h.kind, h.start, h.end, h.sid, h.year, None))
        rows.sort(key=lambda r: (r["start"], r["end"]))
        return rows

    @staticmethod
    def _row(doc: Document, family: str, kind: str, start: int, end: int, sid: int,
             year: int | None, name: str | None) -> dict[str, Any]:
        sent = doc.sentence_text(doc.sentences[sid]) if sid >= 0 else ""
        return {"family": family, "kind": kind, "text": doc.text[start:end], "year": year,
                "source_name": name, "start": start, "end": end, "sentence": sent}

    def _head(self, c: _Citation) -> _Hit:
        return min(c.parts, key=lambda p: (self._rank(p.kind), p.start))

    def _kind(self, c: _Citation) -> str:
        kind = self._head(c).kind
        if any(self._review_re.search(a.name or "") for a in c.absorbed):
            if self._rank("trial_or_review") < self._rank(kind):
                kind = "trial_or_review"
        return kind

    def _extract(self, doc: Document) -> tuple[list[_Citation], list[_Hit]]:
        text = doc.text
        kinds = set(self.kinds)
        blocks = [b for b in doc.blocks if b.kind in kinds]
        if not blocks:
            return [], []
        low = doc.lower
        heads = self.gate and not any(c in text for c in _FOLD_SPECIAL)
        bmp = self.gate and is_bmp(text)
        runs, per_sentence = self._plan(doc, blocks, low, bmp)
        spec: list[tuple[tuple, _Hit]] = []
        vague: list[_Hit] = []
        for r, rr in runs.items():
            family, kind, row, rx = self._rules[r]
            tx = low if self._lower[r] else text
            head, htx, off = None, tx, 0
            if heads and self._sep_heads[r] is not None:
                head, htx, off = self._sep_heads[r][bmp], low, 1
            elif self.gate and self._start_heads[r] is not None:
                head = self._start_heads[r]
            elif bmp:
                head = self._char_heads[r]
            reach = self._reach[r] if self.gate else None
            for starts, stops, end, floor, ks in rr:
                hi = min(end, stops[-1] + _REACH) if self.gate else end
                if head is None and len(starts) == 1:  # the common case: no match at all
                    lim = hi
                    if reach is not None:
                        # a match starting in the sentence ends by the first stopper from its
                        # last character on, and the engine reads at most ``reach`` beyond
                        s = self._stoppers[r][0].search(tx, stops[0] - 1, hi)
                        lim = min(hi, s.start() + reach) if s is not None else hi
                    m = rx.search(tx, starts[0], lim)
                    if m is None or m.start() >= stops[0]:
                        continue
                found = _run(rx, head, off, tx, htx, starts, stops, hi)
                if hi < end and found and found[-1].end() > hi - _MARGIN:
                    found = _run(rx, head, off, tx, htx, starts, stops, end)
                for m in found:
                    a = m.start()
                    if m.end() <= a or (a and _WORDCH(text[a - 1])):
                        continue  # empty, or starts inside a word
                    hit = self._hit(doc, family, kind, row, m)
                    if hit is None:
                        continue
                    if kind in QUOTED_KINDS:
                        hit.start = _quote_start(text, hit.start, floor)
                        first = doc.sentence_at(hit.start)
                        hit.sid = first.id if first is not None else hit.sid
                    if family == "vague":
                        vague.append(hit)
                    elif ks is None:  # a whole-block scan (ungated rule)
                        spec.append(((0, r, floor, a), hit))
                    else:
                        k = ks[bisect_right(starts, a) - 1]
                        spec.append(((1, k, _set_rank(per_sentence[k], r), a), hit))
        # hits in the order the per-sentence scans ran (rule order within a sentence: that of
        # its rule set), which decides ties between equal spans in _merge
        spec.sort(key=itemgetter(0))
        hits = list({(h.row, h.start, h.end): h for _, h in spec}.values())
        vague = resolve_overlaps(vague, tie=attrgetter("row"))
        cites = self._merge(hits, text)
        return cites, self._absorb(cites, vague, text)

    def _plan(
        self, doc: Document, blocks: list, low: str, bmp: bool
    ) -> tuple[dict[int, list[tuple]], dict[int, set[int]]]:
        """The scans to run: {rule: runs ``(starts, stops, end, block start, sentence indices
        or None for a whole-block scan)``}, and the rule set of every gated sentence (by
        index).

        A run scans consecutive sentences of one block that the rule is tried on (see
        ``_run``): each allowed match starts in one of them, found as the scan of that
        sentence alone, ``finditer(text, sentence start, block end)``, would find it.
        """
        text = doc.text
        if not self.gate:
            return {
                r: [([b.start], [b.end], b.end, b.start, None) for b in blocks]
                for r in range(len(self._rules))
            }, {}
        hits: list[tuple[int, frozenset[int] | tuple[int]]] = []
        if self._anchor_re is not None:
            sep = self._anchor_sep_bmp if bmp else self._anchor_sep
            rules_for, memo = self._rules_for, self._anchor_memo
            for b in blocks:
                pos = b.start - 1
                if pos < 0:
                    m = self._anchor_re.match(low, 0, b.end)
                    if m is not None:
                        hits.append((0, rules_for(m.group())))
                    pos = m.end() if m is not None else 0
                hits += [
                    (m.start(1), memo[w] if (w := m.group(1)) in memo else rules_for(w))
                    for m in sep.finditer(low, pos, b.end)
                ]
        for rx, r, first, split in self._regex_gates:
            # a block without a character a match can start with needs no scan (str.find is
            # a memchr, the regex a slower class test per character)
            chars = [c for c in first if c in text] if first is not None and bmp else None
            if chars == []:
                continue
            for b in blocks:
                if chars is None:
                    found = [m.span() for m in rx.finditer(text, b.start, b.end)]
                elif split is None:
                    if not any(text.find(c, b.start, b.end) >= 0 for c in chars):
                        continue
                    found = [m.span() for m in rx.finditer(text, b.start, b.end)]
                else:  # one scan per first character: the engine skips to a literal faster
                    found = []
                    for c in chars:
                        if text.find(c, b.start, b.end) >= 0:
                            found += [m.span() for m in split[c].finditer(text, b.start, b.end)]
                    found.sort()
                    # the single scan's matches unless two overlap (it skips the later one)
                    if any(s < e for (_, e), (s, _) in zip(found, found[1:])):
                        found = [m.span() for m in rx.finditer(text, b.start, b.end)]
                hits += [(s, (r,)) for s, _ in found]
        hits.sort(key=itemgetter(0))
        sstarts, sends = doc.sentence_index
        per_sentence: dict[int, set[int]] = {}
        for pos, ids in hits:
            k = bisect_right(sstarts, pos) - 1
            if k >= 0 and pos < sends[k]:
                per_sentence.setdefault(k, set()).update(ids)
        runs: dict[int, list[tuple]] = {
            r: [([b.start], [b.end], b.end, b.start, None) for b in blocks] for r in self._ungated
        }
        sents, all_blocks, rule_requires, requires = (
            doc.sentences, doc.blocks, self._rule_requires, self._requires
        )
        stoppers = self._stoppers
        # requires group -> (searched from, in the block ending at, first occurrence / None)
        nxt: dict[int, tuple[int, int, int | None]] = {}
        for k, ids in per_sentence.items():
            s0, send = sstarts[k], sends[k]
            block = all_blocks[sents[k].block_id]
            bend = block.end
            limits: dict[tuple[re.Pattern, bool], int] | None = None
            for r in ids:
                for g, at_start in rule_requires[r]:
                    c = nxt.get(g)
                    if c is None or c[1] != bend or (c[2] is not None and c[2] < s0):
                        rx, on_low, sep = requires[g]
                        if sep is not None and s0:
                            m = sep[bmp].search(low if on_low else text, s0 - 1, bend)
                            at = m.start() + 1 if m is not None else None
                        else:
                            m = rx.search(low if on_low else text, s0, bend)
                            at = m.start() if m is not None else None
                        c = nxt[g] = (s0, bend, at)
                    first = c[2]
                    # a match of the rule starts in the sentence and contains an occurrence
                    if first is None or (at_start and first >= send):
                        break
                    if first >= send and stoppers[r] is not None:
                        # ... and ends at the latest at the first character from the
                        # sentence's last one on that the rule cannot match
                        stop = stoppers[r]
                        if limits is None:
                            limits = {}
                        lim = limits.get(stop)
                        if lim is None:
                            m = stop[0].search(low if stop[1] else text, send - 1, bend)
                            lim = limits[stop] = m.start() if m is not None else bend
                        if first >= lim:
                            break
                else:
                    rr = runs.get(r)
                    if rr is None:
                        runs[r] = [([s0], [send], bend, block.start, [k])]
                        continue
                    last = rr[-1]
                    if last[4][-1] == k - 1 and last[2] == bend:
                        last[0].append(s0)
                        last[1].append(send)
                        last[4].append(k)
                    else:
                        rr.append(([s0], [send], bend, block.start, [k]))
        return runs, per_sentence

    def _hit(self, doc: Document, family: str, kind: str, row: int, m: re.Match) -> _Hit | None:
        gd = m.groupdict()
        name = gd.get("name")
        if name is not None:
            name = self._clean_name(name, kind)
            if name is None:
                return None
            if kind == "named_person" and self._institution_full.match(name):
                kind = "institution"  # "Health Canada states": a name list says it is an agency
        year = gd.get("year")
        s = doc.sentence_at(m.start())
        if family == "vague":
            name = m.group()  # kept to spot review nouns when absorbed
        return _Hit(family, kind, row, m.start(), m.end(), s.id if s is not None else -1,
                    name, int(year) if year else None)

    def _clean_name(self, name: str, kind: str) -> str | None:
        words = name.split()
        if kind in ("named_person", "author"):
            while words and words[0].rstrip(".,") in self._stop:
                words.pop(0)
            if not words or (kind == "named_person" and len(words) < 2):
                return None
            return " ".join(words)
        if words and words[0].lower() == "the":
            words.pop(0)
        if not words:
            return None
        if kind == "institution" or (kind == "journal" and self._known_journal(" ".join(words))):
            return " ".join(words)
        if words[0] in self._stop:
            return None
        if kind == "trial_or_review" and len(words) == 1 and words[0][:1].islower():
            return None
        return " ".join(words)

    def _known_journal(self, name: str) -> bool:
        return bool(self._journal_full.match(name))

    def _merge(self, hits: list[_Hit], text: str) -> list[_Citation]:
        hits.sort(key=lambda h: (h.sid, h.start, -h.end))
        out: list[_Citation] = []
        for h in hits:
            c = out[-1] if out else None
            if c is not None and c.sid == h.sid:
                if h.start < c.end:
                    c.parts.append(h)
                    c.end = max(c.end, h.end)
                    continue
                gap = text[c.end : h.start]
                if (
                    len(gap) <= self.max_gap
                    and ";" not in gap
                    and "\n" not in gap
                    and h.kind not in {p.kind for p in c.parts}
                ):
                    c.parts.append(h)
                    c.end = h.end
                    continue
            out.append(_Citation(h.start, h.end, h.sid, [h]))
        return out

    def _absorb(self, cites: list[_Citation], vague: list[_Hit], text: str) -> list[_Hit]:
        by_sid: dict[int, list[_Citation]] = {}
        for c in cites:
            by_sid.setdefault(c.sid, []).append(c)
        kept: list[_Hit] = []
        for v in vague:
            near = by_sid.get(v.sid, [])
            if any(p.kind in ("author", "url_or_doi") for c in near for p in c.parts):
                continue  # rule 2: the sentence's claim is referenced
            best = None
            for c in near:
                gap = max(c.start - v.end, v.start - c.end, 0)
                between = text[min(c.end, v.end) : max(c.start, v.start)] if gap else ""
                if gap <= self.max_gap and ";" not in between and "\n" not in between:
                    if best is None or gap < best[0]:
                        best = (gap, c)
            if best is None:
                kept.append(v)
                continue
            c = best[1]
            c.absorbed.append(v)
            c.start, c.end = min(c.start, v.start), max(c.end, v.end)
        return kept


def _run(
    rx: re.Pattern,
    head: re.Pattern | None,
    off: int,
    tx: str,
    htx: str,
    starts: list[int],
    stops: list[int],
    hi: int,
) -> list[re.Match]:
    """Matches of ``rx`` in ``tx[:hi]`` starting inside the sentences ``starts[i]:stops[i]``,
    each sentence as if scanned on its own from its start (see ``Citations._plan``);
    with a ``head``, ``rx`` is tried only ``off`` characters after where ``head`` matches
    ``htx`` (``tx`` or its lower case; every match of ``rx`` that is kept starts so), and at
    the text's start. ``rx`` never matches the empty string."""
    out: list[re.Match] = []
    pos, n, last = starts[0], len(starts), stops[-1]
    while True:
        if head is None:
            m = rx.search(tx, pos, hi)
        else:
            m = rx.match(tx, 0, hi) if pos < off else None
            pos = max(pos, off)
            while m is None:
                h = head.search(htx, pos - off, hi)
                if h is None or h.start() + off >= last:
                    break
                m = rx.match(tx, h.start() + off, hi)
                pos = h.start() + off + 1
        if m is None or m.start() >= last:
            return out
        i = bisect_right(starts, m.start()) - 1
        if m.start() < stops[i]:
            out.append(m)
            pos = starts[i + 1] if i + 1 < n and m.end() > starts[i + 1] else m.end()
        else:  # starts between two sentences: the next one is scanned afresh
            pos = starts[i + 1]


def _set_rank(rules: set[int], r: int) -> int:
    """Position of ``r`` in the iteration order of ``rules``."""
    for i, x in enumerate(rules):
        if x == r:
            return i
    raise KeyError(r)  # pragma: no cover - r was scanned because it is in the set


def _longest_word(term: str) -> str:
    """The longest word of a list entry (a word every occurrence of the entry contains)."""
    words = re.findall(r"[\w'’\-]+", term.lower()) or [term.lower()]
    return max(words, key=lambda w: (w not in _FUNCTION_WORDS, len(w)))


#: A scan stops this many characters past the last allowed match start (see ``_scan``).
_REACH = 200
_MARGIN = 100
#: Characters that ``(?i)`` matches to an ASCII letter although ``str.lower`` does not.
_FOLD_SPECIAL = "\u0130\u0131\u017f"
_SEP_BMP = bmp_class(r"[^\w\-]")
#: Characters that start many words or tokens (a class with more of them is no gain).
_HEAD_RE = re.compile(r"\(\?i\)(?:\\b)?\{([A-Za-z][A-Za-z_0-9]*)\}")
_FUNCTION_WORDS = frozenset("the a an of and in for on at to by from as has have".split())
_LEADING_BOUNDARY = (r"\b", r"(?<![\w\-])")


def _WORDCH(c: str) -> bool:
    return c.isalnum() or c in "_-"


def _speed_form(src: str) -> tuple[str, bool]:
    """An equivalent, faster form of a composed pattern, and whether it runs on lower-cased text.

    A leading word-boundary test is removed (the caller drops matches that start inside a
    word), so the regex engine can skip to the pattern's possible first characters; a
    ``(?i)`` pattern without case-sensitive parts runs, without the flag, on the lower-cased
    text (same offsets), which Python's engine scans several times faster.
    """
    lower = (
        src.startswith("(?i)")
        and "(?-i:" not in src
        and not re.search(r"[A-Z]", _strip_escapes(src))
    )
    if src.startswith("(?i)"):
        body = src[4:]
        for b in _LEADING_BOUNDARY:
            if body.startswith(b):
                body = body[len(b):]
                break
        if lower:  # the list tries are lower-case too: no case folding needed anywhere
            return body.replace("(?i:", "(?:"), True
        return "(?i)" + body, False
    for b in _LEADING_BOUNDARY:
        if src.startswith(b):
            return src[len(b):], False
    return src, False


def _strip_escapes(src: str) -> str:
    """The pattern without escape sequences and character-class names (for a case check)."""
    return re.sub(r"\\[A-Za-z]|\(\?P<\w+>|\(\?[aiLmsux\-]+[:)]", "", src)


def _quote_start(text: str, start: int, floor: int) -> int:
    """Start of the quotation closed just before ``start`` (else ``start``)."""
    i = start - 1
    while i >= floor and text[i] in " \t":
        i -= 1
    if i < floor or text[i] not in _CLOSE_OPEN:
        return start
    j = i
    while True:
        j = max(text.rfind(o, floor, j) for o in _CLOSE_OPEN[text[i]])
        if j < 0:
            return start
        if text[j] in "“‘\"" or j == floor or not text[j - 1].isalnum():
            return j


def _ordered(found: set[str], order: tuple[str, ...]) -> list[str]:
    return [k for k in order if k in found] + sorted(found - set(order))


def _lists(lex: Lexicon) -> dict[str, list[tuple[str, str]]]:
    t = lex.table
    out: dict[str, list[tuple[str, str]]] = {}
    if "role" not in t:
        return out
    rows = t[t["role"] == "list"]
    for term, cat, pat in zip(rows["term"], rows["category"], rows["pattern"]):
        out.setdefault(cat, []).append((term, pat))
    return out


def _alt(entries: list[tuple[str, str]], lower: bool) -> str:
    """One regex over list entries: a prefix tree of the plain terms, plus regex rows."""
    plain = sorted({(t.lower() if lower else t).replace("*", r"\*") for t, p in entries if not p})
    parts = [p for _, p in entries if p]
    if plain:
        parts.insert(0, _trie_regex(plain))
    return "|".join(parts) if parts else r"(?!x)x"


def _fragments(lists: dict[str, list[tuple[str, str]]]) -> dict[str, tuple[str | None, str]]:
    """Placeholder -> (named group or None, regex source)."""
    frag: dict[str, tuple[str | None, str]] = {}
    for key, (cat, how) in PLACEHOLDERS.items():
        src = _alt(lists.get(cat, []), lower=how == "ci")
        frag[key] = ("year" if key == "YEAR" else None, f"(?i:{src})" if how == "ci" else src)
    journals = lists.get("journal_name", [])
    known = _alt(journals, lower=False)
    every = _alt(journals + lists.get("journal_ambiguous", []), lower=False)
    generic_cap = rf"{_CAPW}(?:\s+(?:{_CONN}\s+)?{_CAPW}){{0,6}}"
    frag["JOURNAL"] = ("name", rf"(?-i:{known})")
    frag["JOURNAL_ANY"] = ("name", rf"(?-i:(?:{every})(?![\w\-])|{generic_cap})")
    org = _alt(lists.get("org_noun", []), lower=False)
    more = rf"(?:\s+(?:(?:and|&|of|for)\s+)?{_CAPW}){{0,4}}"
    tail = rf"(?:\s+(?:of|for|on|in)\s+(?:the\s+)?{_CAPW}{more})"
    generic_org = (
        rf"(?:{_CAPW}\s+(?:{_CONN}\s+)*){{1,5}}(?:{org})(?![\w\-]){tail}?"
        rf"|(?:{org})\s+(?:of|for|on)\s+(?:the\s+)?{_CAPW}(?:\s+(?:(?:and|&|of|for)\s+)?{_CAPW}){{0,4}}"
    )
    inst = _alt(lists.get("institution_name", []), lower=False)
    frag["INSTITUTION"] = ("name", rf"(?-i:(?:{inst})(?![\w\-])|{generic_org})")
    title = _alt(lists.get("person_title", []), lower=False)
    word = r"[A-Z][\w'’\-]+"
    frag["PERSON"] = (
        "name",
        rf"(?-i:(?:{title})\s+{word}(?:\s+[A-Z]\.)?(?:\s+{word}){{0,2}}"
        rf"|[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+{word}){{1,2}})",
    )
    return frag


@lru_cache(maxsize=1)
def _default() -> Citations:
    return Citations()


def citation_table(doc: Document, measure: Citations | None = None) -> list[dict[str, Any]]:
    """The citations of one document as rows a researcher can check against the literature.

    Parameters
    ----------
    doc : Document
    measure : Citations, optional
        A configured measure (default parameters when omitted).

    Returns
    -------
    list of dict
        In document order, one per counted citation or vague appeal (the same units as the
        ``citations_*_n`` counts), with keys ``family`` ("specific"/"vague"), ``kind``,
        ``text`` (the span as written), ``year`` (int or None), ``source_name`` (journal,
        institution, author or person name, or None), ``start``, ``end`` (character offsets into
        ``doc.text``) and ``sentence`` (the sentence's text).
    """
    return (measure or _default()).table(doc)
