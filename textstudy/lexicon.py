"""Lexicons as data, and a fast longest-match matcher over them.

A lexicon is a CSV file with columns ``term, category, source, note`` and optionally
``pattern`` (tidytext-style: one row per entry, every entry with its source). ``term`` is a
word or phrase matched case-insensitively on word boundaries:

- a space matches any run of whitespace ("more research is needed");
- a trailing ``*`` matches any word ending ("suggest*" → suggests, suggested, suggestion);
- where ``pattern`` is filled it is a Python regular expression used instead of ``term``
  (matched case-insensitively; ``term`` then names the entry).

:class:`LexiconMatcher` compiles the plain terms into one prefix-tree regex over lower-cased
text (tens of MB/s, where an alternation of the same words ran at under 2 MB/s) and the pattern
rows into a second regex. Overlapping matches are resolved once: the longest wins, then the
earliest.

Researchers' own dictionaries load into the same table (:func:`load_lexicon`, by file suffix):

- a LIWC-style ``.dic`` file: a header of ``number<TAB>category`` lines between two ``%``
  lines, then one entry per line, the term (a word, a phrase, a trailing ``*`` wildcard)
  followed by the numbers of its categories;
- a quanteda YAML dictionary (``.yml``/``.yaml``): a mapping of category to a list of entries,
  nested categories named ``parent.child`` (quanteda's own flattening); ``*`` wildcards and
  multi-word entries ("kind of") as above.

An entry listed under several categories gives one row per category; a matcher attributes a hit
to the entry's first row (so a measure that counts categories counts it once, under the first).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from importlib import resources
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .document import bmp_class, lower_same_length
from .engine import RuleSet

LEXICON_COLUMNS = ("term", "category", "source", "note")


@dataclass(frozen=True)
class Lexicon:
    """A lexicon table with its name and content hash (recorded in provenance)."""

    name: str
    table: pd.DataFrame
    sha256: str

    @property
    def categories(self) -> list[str]:
        return sorted(self.table["category"].unique())


def check_categories(lex: Lexicon, allowed: Collection[str], where: str, expected: str,
                     key: Callable[[str], str] | None = None) -> None:
    """Raise ``ValueError`` naming ``where``, the row and the column ``category`` at the first
    row whose category (or ``key(category)``) is not in ``allowed`` (``expected`` says what
    is)."""
    for i, cat in enumerate(lex.table["category"]):
        if (key(cat) if key else cat) not in allowed:
            raise ValueError(f"lexicon {where!r}, row {i + 2}, column 'category': unknown "
                             f"category {cat!r}; expected {expected}")


def builtin_path(name: str) -> Path:
    """Path of a lexicon shipped in ``textstudy/lexicons/`` (``name`` without ``.csv``)."""
    return Path(str(resources.files("textstudy") / "lexicons" / f"{name}.csv"))


def load_lexicon(source: str | Path | pd.DataFrame, name: str | None = None) -> Lexicon:
    """Read and validate a lexicon.

    Parameters
    ----------
    source : str, Path or DataFrame
        A built-in lexicon name (e.g. ``"hedges"``), a CSV path, a LIWC-style ``.dic`` or
        quanteda ``.yml``/``.yaml`` dictionary (see the module docstring), or a table with the
        columns ``term, category, source`` (``note`` and ``pattern`` optional).
    name : str, optional
        Name recorded in provenance; defaults to the file stem.

    Raises
    ------
    ValueError
        When a required column is missing, a row has no term, category or source, or a
        pattern does not compile; the message names the file, the row (its line in the CSV
        file) and the column.
    """
    if isinstance(source, pd.DataFrame):
        table = source.copy()
        name = name or "custom"
        where = f"lexicon {name!r}"
        raw = table.to_csv(index=False).encode()
    else:
        path = Path(source)
        if not path.suffix and not path.exists():
            path = builtin_path(str(source))
        raw = path.read_bytes()
        reader = DICTIONARY_READERS.get(path.suffix.lower())
        if reader is not None:
            table = reader(raw.decode("utf-8-sig"), path.name)
        else:
            try:
                table = pd.read_csv(path, dtype=str, keep_default_na=False)
            except pd.errors.ParserError as e:
                raise ValueError(f"lexicon {path}: not a valid CSV: {e}") from None
        name = name or path.stem
        where = f"lexicon {name!r} ({path})"
    missing = [c for c in ("term", "category", "source") if c not in table.columns]
    if missing:
        raise ValueError(f"{where}: missing column(s) {missing}; need {LEXICON_COLUMNS}")
    table = table.fillna("").astype(str)
    for col in ("note", "pattern"):
        if col not in table.columns:
            table[col] = ""
    for i, row in table.iterrows():
        for col in ("term", "category", "source"):
            if not row[col].strip():
                raise ValueError(f"{where}, row {i + 2}, column {col!r}: empty")
        if row["pattern"]:
            try:
                re.compile(row["pattern"])
            except re.error as e:
                raise ValueError(f"{where}, row {i + 2}, column 'pattern': bad pattern: {e}"
                                 ) from None
    dup = table.duplicated(["term", "category", "pattern"])
    if dup.any():
        i = int(dup.to_numpy().nonzero()[0][0])
        raise ValueError(f"{where}, row {i + 2}, columns 'term, category, pattern': duplicate "
                         f"entry {table['term'][i]!r}")
    return Lexicon(name, table.reset_index(drop=True), hashlib.sha256(raw).hexdigest())


def read_liwc_dic(text: str, where: str = "dictionary") -> pd.DataFrame:
    """A LIWC-style ``.dic`` dictionary as a lexicon table (``term, category, source, note``).

    Parameters
    ----------
    text : str
        The file's text: ``%``, then ``number<TAB>category`` lines, ``%``, then one entry per
        line, its term (words separated by spaces, ``*`` as a wildcard) followed by the
        numbers of its categories (whitespace-separated).
    where : str
        The file's name, for the ``source`` column and error messages.

    Raises
    ------
    ValueError
        A missing header, an unknown category number, or an entry without categories (the
        message names the line).
    """
    lines = text.splitlines()
    marks = [i for i, ln in enumerate(lines) if ln.strip() == "%"]
    if len(marks) < 2:
        raise ValueError(f"{where}: not a LIWC .dic file (no header between two '%' lines)")
    names: dict[str, str] = {}
    for i in range(marks[0] + 1, marks[1]):
        parts = lines[i].split(None, 1)
        if len(parts) == 2 and parts[0].isdigit():
            names[parts[0]] = parts[1].strip()
        elif lines[i].strip():
            raise ValueError(f"{where}, line {i + 1}: expected 'number<TAB>category'")
    rows = []
    for i in range(marks[1] + 1, len(lines)):
        tokens = lines[i].split()
        if not tokens:
            continue
        k = len(tokens)
        while k > 1 and tokens[k - 1].isdigit():
            k -= 1
        codes = tokens[k:]
        if not codes:
            raise ValueError(f"{where}, line {i + 1}: an entry needs a term and the numbers of "
                             "its categories (conditional LIWC codes are not supported)")
        for code in codes:
            if code not in names:
                raise ValueError(f"{where}, line {i + 1}: category number {code} is not in the "
                                 "header")
            rows.append((" ".join(tokens[:k]), names[code], f"{where} (user dictionary)", ""))
    return pd.DataFrame(rows, columns=list(LEXICON_COLUMNS)).drop_duplicates(
        ["term", "category"]).reset_index(drop=True)


def read_yaml_dictionary(text: str, where: str = "dictionary") -> pd.DataFrame:
    """A quanteda YAML dictionary as a lexicon table (``term, category, source, note``).

    Parameters
    ----------
    text : str
        YAML: a mapping of category names to lists of entries (or to further mappings, whose
        categories are named ``parent.child``). Entries are words or phrases with ``*``
        wildcards; quanteda's single-character wildcard ``?`` is not supported.
    where : str
        The file's name, for the ``source`` column and error messages.

    Raises
    ------
    ValueError
        Invalid YAML, a top level that is not a mapping, an entry that is not a string, or an
        entry with ``?``.
    """
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise ValueError(f"{where}: not valid YAML: {' '.join(str(e).split())}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{where}: a YAML dictionary is a mapping of category to entries")
    rows: list[tuple[str, str, str, str]] = []

    def walk(node, category: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{category}.{key}" if category else str(key))
            return
        for entry in node if isinstance(node, list) else [node]:
            if not isinstance(entry, str) or not entry.strip() or "?" in entry:
                raise ValueError(f"{where}: category {category!r}: entry {entry!r} is not a "
                                 "word or phrase (with optional * wildcards)")
            rows.append((entry.strip(), category, f"{where} (user dictionary)", ""))

    walk(data, "")
    return pd.DataFrame(rows, columns=list(LEXICON_COLUMNS)).drop_duplicates(
        ["term", "category"]).reset_index(drop=True)


#: File suffix -> reader of a researcher's dictionary (:func:`load_lexicon` reads CSV otherwise).
DICTIONARY_READERS: dict[str, Callable[[str, str], pd.DataFrame]] = {
    ".dic": read_liwc_dic, ".yml": read_yaml_dictionary, ".yaml": read_yaml_dictionary}


#: A separator other than a space (neither ``\w`` nor "-"), as a bitmap class of BMP characters
#: (see :func:`textstudy.document.bmp_class`; several times faster to test than the category
#: class). It also matches every astral character, word characters included.
_OTHER_SEP = "[^" + bmp_class(r"[\w\- ]")[1:-1] + "]"


def _trie_regex(terms: Iterable[str]) -> str:
    """A regex source matching any of ``terms`` (already lower-case, tokens split on spaces).

    Built as a prefix tree over characters so that the regex engine never backtracks over
    alternatives sharing a prefix; at each node longer continuations are tried first.
    """
    trie: dict = {}
    for term in terms:
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = []
        end = "" in node
        for ch in sorted(k for k in node if k):
            if ch == " ":
                piece = r"\s+"
            elif ch == "*":
                piece = r"[\w'’\-]*"
            else:
                piece = re.escape(ch)
            alts.append(piece + emit(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return f"(?:{body})?"
        return body

    return emit(trie)


class LexiconHit(NamedTuple):
    """One lexicon match: ``text[start:end]``, of lexicon row ``entry``."""

    start: int
    end: int
    entry: int  # row index in the lexicon table


class LexiconMatcher:
    """Find lexicon entries in text: longest match wins, each character counted once.

    Parameters
    ----------
    lexicon : Lexicon
    """

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        t = lexicon.table
        plain = t[t["pattern"] == ""]
        self._entry_of: dict[str, int] = {}
        for i, term in zip(plain.index, plain["term"]):
            key = _normalise(term)
            self._entry_of.setdefault(key, int(i))
        self._wild = [
            (re.compile(_wild_to_regex(k) + r"\Z"), i)
            for k, i in self._entry_of.items()
            if "*" in k
        ]
        self._memo = dict(self._entry_of)  # matched text -> entry (see _entry)
        src = _trie_regex(self._entry_of)
        self._plain_re = self._sep_re = None
        if src:
            term = rf"({src})(?![\w\-])"
            self._plain_re = re.compile(rf"(?<![\w\-])(?:{src})(?![\w\-])")
            self._sep_re = re.compile(r"[^\w\-]" + term)
            self._space_re = re.compile(" " + term)
            self._other_sep_re = re.compile(_OTHER_SEP + term)
        pats = t[t["pattern"] != ""]
        self._pattern_res = [
            (re.compile(p, re.IGNORECASE), int(i)) for i, p in pats["pattern"].items()
        ]
        #: The pattern rows with the gate that decides where each runs (textstudy.engine).
        self.rules = RuleSet([rx for rx, _ in self._pattern_res])

    def _entry_for(self, matched: str) -> int:
        key = re.sub(r"\s+", " ", matched)
        if key in self._entry_of:
            return self._entry_of[key]
        for rx, i in self._wild:  # a wildcard entry matched
            if rx.match(key):
                return i
        raise LookupError(matched)  # pragma: no cover - the regex only matches entries

    def _entry(self, matched: str) -> int:
        i = self._memo.get(matched)
        if i is None:  # a wildcard or whitespace variant: resolved once per distinct string
            i = self._memo[matched] = self._entry_for(matched)
        return i

    def _plain_hits(self, low: str, start: int, end: int) -> list[LexiconHit]:
        r"""Plain-term hits in lower-cased text: at the start of the range (an anchored match)
        or after a separator (a character other than ``\w`` and "-"), as ``_sep_re`` finds
        them in one scan.

        Two faster scans replace that one: after a space (the regex starts with a literal, so
        the engine jumps from space to space) and after any other separator (a bitmap class).
        Merged, their hits are the single scan's unless a hit follows an astral character
        (which the bitmap class lets through) or overlaps another hit; then ``_sep_re`` runs.
        """
        spans: list[tuple[int, int]] = []
        pos = start
        m0 = self._plain_re.match(low, start, end)
        if m0:
            spans.append(m0.span())
            pos = m0.end()
        first = len(spans)
        spans += [m.span(1) for m in self._space_re.finditer(low, pos, end)]
        other = [m.span(1) for m in self._other_sep_re.finditer(low, pos, end)]
        if other:
            spans = sorted(spans + other)
            if any(low[s - 1] > "\uffff" for s, _ in other) or any(
                s <= e for (_, e), (s, _) in zip(spans, spans[1:])
            ):
                spans = spans[:first] + [m.span(1) for m in self._sep_re.finditer(low, pos, end)]
        memo, new = self._memo, tuple.__new__  # (no Python-level namedtuple constructor)
        return [new(LexiconHit, (s, e, memo[k] if (k := low[s:e]) in memo else self._entry(k)))
                for s, e in spans]

    def find(self, text: str, start: int = 0, end: int | None = None,
             low: str | None = None) -> list[LexiconHit]:
        """Non-overlapping hits in ``text[start:end]``, in order of position.

        ``low`` is ``text`` lower-cased offset for offset (``Document.lower``), when the caller
        has it already."""
        end = len(text) if end is None else end
        if low is None:
            low = lower_same_length(text)
        hits = self._plain_hits(low, start, end) if self._plain_re is not None else []
        pattern_res = self._pattern_res
        for k in self.rules.candidates(text, [(start, end)])[0] if pattern_res else ():
            rx, i = pattern_res[k]
            for m in rx.finditer(text, start, end):
                if m.end() > m.start():
                    hits.append(LexiconHit(m.start(), m.end(), i))
        if self._pattern_res:
            hits = resolve_overlaps(hits)
        return hits


def resolve_overlaps(hits: list, tie: Callable = attrgetter("entry"),
                     span: Callable = attrgetter("start", "end")) -> list:
    """Keep the longest of overlapping hits (then the earliest, then the smallest ``tie``).

    ``hits`` are objects whose ``span(hit)`` is ``(start, end)`` (``LexiconHit`` by default,
    tie-broken by their lexicon entry); the result is in order of position.
    """
    chosen: list = []
    # Taken spans of positive length, by start: they do not overlap, so their ends are sorted
    # too, and a hit overlaps one of them iff the last one starting before its end ends after
    # its start (a bisection instead of a test of every taken span). Shorter hits come later
    # and could never overlap a taken empty span, so those are not recorded.
    starts: list[int] = []
    ends: list[int] = []
    by_length = sorted(((span(h), h) for h in hits),
                       key=lambda p: (p[0][0] - p[0][1], p[0][0], tie(p[1])))
    for (start, end), h in by_length:
        i = bisect_left(starts, end)
        if i and ends[i - 1] > start:
            continue
        chosen.append((start, h))
        if end > start:
            starts.insert(i, start)
            ends.insert(i, end)
    return [h for _, h in sorted(chosen, key=itemgetter(0))]


def _normalise(term: str) -> str:
    return re.sub(r"\s+", " ", term.strip().lower())


def _wild_to_regex(term: str) -> str:
    return re.escape(term).replace(r"\*", r"[\w'’\-]*").replace(r"\ ", r"\s+")
