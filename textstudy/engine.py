"""A speed gate for rule patterns, derived mechanically from the patterns themselves.

A measure's rules are readable Python regular expressions, each run on the blocks of text it
applies to: that *reference path* is the definition of a match. :class:`RuleSet` only decides
where running a rule can be skipped, and never changes what a rule finds:

1. Each pattern is translated mechanically into a Hyperscan pattern over UTF-8 bytes that
   matches a *superset* of the strings the Python pattern can consume
   (:func:`superset_pattern`): zero-width assertions (lookarounds, ``\\b``, ``^``, ``$`` ...)
   are dropped (except a positive lookahead that nothing follows: Python does not look past
   the end of the span it searches, so its text is in the block and is kept as consumed
   text), capturing groups become plain groups, lazy and possessive quantifiers become
   greedy, a bounded repeat wider than :data:`_MAX_BOUNDED` is left open above, an open
   repeat of a group that itself repeats becomes any run of the group's characters, and
   every single-character item (literal, class, ``.``, ``\\w`` ...) becomes the set of
   characters that Python's own ``re`` accepts for it *with the flags in force there* (case
   folding, ``\\w``/``\\s``/``\\d``, ``.`` and newlines are Python's, not Hyperscan's). The
   sets are exact over :data:`ALPHABET` (ASCII, Latin, Greek, Cyrillic, general punctuation,
   symbols and emoji); outside ASCII a set of more than a few characters is widened to any
   run of non-ASCII bytes (still a superset).
2. All translated patterns go into one Hyperscan database (a pattern Hyperscan refuses is
   compiled in prefilter mode, approximated from above). :meth:`RuleSet.candidates`
   scans each block once and returns, per block, the rules that may match in it.
3. A block with a character outside :data:`ALPHABET` (or any block, when the ``hyperscan``
   package is not installed, or inside :func:`reference_path`) gets every rule: the
   reference path. Patterns the translation does not cover
   (backreferences, conditionals, verbose mode, patterns that can match the empty string) or
   that Hyperscan refuses run on every block.

Why the gate is exact: a Python match in ``text[start:end]`` consumes some ``text[a:b]`` with
``start <= a <= b <= end``; without the assertions, and with every item accepting at least the
characters Python accepts there, the translated pattern matches ``text[a:b]`` too (or
``text[a:c]`` with ``c <= end``, when a lookahead that ends the pattern saw ``text[b:c]``), so
Hyperscan reports a match in that block. ``tests/test_engine.py`` checks gate + reference ==
reference for every rule of every measure on random text and on real text.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

try:  # optional: without it every rule runs on every block (same output, slower)
    import hyperscan
except ImportError:  # pragma: no cover - exercised where hyperscan is not installed
    hyperscan = None

#: Code point ranges over which the gate is exact (inclusive). A block with any other
#: character (CJK, lone surrogates ...) runs on the reference path.
ALPHABET_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x052F),  # ASCII, Latin-1, Latin Extended-A/B, IPA, modifiers, Greek, Cyrillic
    (0x1E00, 0x1FFF),  # Latin Extended Additional, Greek Extended
    (0x2000, 0x2BFF),  # punctuation, super/subscripts, currency, letterlike, arrows, maths ...
    (0xFB00, 0xFB06),  # Latin ligatures
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # byte order mark
    (0xFFFC, 0xFFFD),  # replacement characters
    (0x1F000, 0x1FAFF),  # emoji and pictographs
)
_IN_RANGES = "".join(chr(c) for lo, hi in ALPHABET_RANGES for c in range(lo, hi + 1))
#: Non-ASCII characters that Python's case-insensitive matching equates with ASCII letters
#: (the Kelvin sign, long s, dotted and dotless i): left out of the alphabet, so that a
#: caseless ASCII letter is just its two cases.
ASCII_CASE_VARIANTS: str = "".join(re.findall(r"(?i)[a-z]", _IN_RANGES[128:]))
#: The characters over which the gate is exact: :data:`ALPHABET_RANGES` without
#: :data:`ASCII_CASE_VARIANTS`.
ALPHABET: str = "".join(c for c in _IN_RANGES if c not in ASCII_CASE_VARIANTS)
_ASCII = ALPHABET[:128]
_NON_ASCII = ALPHABET[128:]


def _runs(chars: str) -> list[tuple[int, int]]:
    """Runs of consecutive code points in ``chars`` (sorted, distinct), as (first, last)."""
    out: list[list[int]] = []
    for c in map(ord, chars):
        if out and out[-1][1] == c - 1:
            out[-1][1] = c
        else:
            out.append([c, c])
    return [(lo, hi) for lo, hi in out]


_OUTSIDE_RE = re.compile(
    "[^" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _runs(ALPHABET)) + "]"
)
#: Non-ASCII members of a character set are listed one by one up to this many; a set with
#: more is widened to any run of non-ASCII bytes.
_MAX_LISTED = 8
#: The flags that change which characters a single-character item accepts.
_CHAR_FLAGS = re.IGNORECASE | re.DOTALL | re.ASCII

_state = threading.local()


@contextmanager
def reference_path() -> Iterator[None]:
    """Within this block every :class:`RuleSet` returns every rule for every block (the
    reference path), as when ``hyperscan`` is not installed."""
    old = getattr(_state, "off", False)
    _state.off = True
    try:
        yield
    finally:
        _state.off = old


def gate_available() -> bool:
    """True when the ``hyperscan`` package is importable (the gate can run)."""
    return hyperscan is not None


def in_alphabet(text: str) -> bool:
    """True when every character of ``text`` is in :data:`ALPHABET` (the gate is exact)."""
    global _last_checked
    if text.isascii():
        return True
    if _last_checked[0] is not text:  # every measure asks about the same document in turn
        _last_checked = (text, _OUTSIDE_RE.search(text) is None)
    return _last_checked[1]


_last_checked: tuple[str | None, bool] = (None, True)


class Unsupported(ValueError):
    """A construct the translation does not cover: the pattern runs on every block."""


#: In a character set: any non-ASCII character.
WIDE = "\x80+"


@lru_cache(maxsize=4096)
def _char_set(item: str, flags: int) -> frozenset[str]:
    """The :data:`ALPHABET` characters that the single-character item ``item`` (``a``,
    ``\\w``, ``[^\\W\\d_]``, ``.``) accepts with ``flags``, as Python's ``re`` decides; more
    than :data:`_MAX_LISTED` non-ASCII ones are replaced by :data:`WIDE`."""
    rx = re.compile(item, flags)
    wide = rx.findall(_NON_ASCII)
    return frozenset(rx.findall(_ASCII) + (wide if len(wide) <= _MAX_LISTED else [WIDE]))


def _char_pattern(chars: frozenset[str], caseless: bool) -> str:
    """Hyperscan pattern (byte mode, over UTF-8) for one character of ``chars``; in a caseless
    region (Hyperscan adds the other case of ASCII letters) upper-case letters whose lower
    case is in the set are left out."""
    ascii_chars = {c for c in chars if c.isascii()}
    if caseless:
        ascii_chars = {c.lower() if c.lower() in ascii_chars else c for c in ascii_chars}
    alts = []
    if len(ascii_chars) == 1:
        alts.append(_hs_byte(ord(next(iter(ascii_chars)))))
    elif ascii_chars:
        alts.append(_hs_set("".join(sorted(ascii_chars))))
    if WIDE in chars:
        alts.append(r"[\x80-\xff]+")  # any non-ASCII character's UTF-8 bytes (and more)
    alts += sorted("".join(_hs_byte(b) for b in c.encode("utf-8"))
                   for c in chars if not c.isascii() and c != WIDE)
    if not alts:
        return r"\xff\xff"  # accepts nothing: never in UTF-8 text
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def _hs_byte(b: int) -> str:
    return chr(b) if chr(b).isascii() and chr(b).isalnum() else f"\\x{b:02x}"


def _hs_set(chars: str) -> str:
    return "[" + "".join(_hs_byte(lo) if lo == hi else f"{_hs_byte(lo)}-{_hs_byte(hi)}"
                         for lo, hi in _runs(chars)) + "]"


#: Widest bounded repeat kept as written ({0,3} stays; {2,100} becomes {2,}).
_MAX_BOUNDED = 3
_QUANT_RE = re.compile(r"\{(\d*)(,?)(\d*)\}")
_FLAG_LETTERS = {"i": re.IGNORECASE, "s": re.DOTALL, "a": re.ASCII, "u": re.UNICODE,
                 "m": re.MULTILINE, "x": re.VERBOSE, "L": re.LOCALE}


class _Piece(NamedTuple):
    """A translated part of a pattern."""

    pattern: str
    nullable: bool  # can match the empty string
    assertion: bool  # zero-width assertion (dropped)
    chars: frozenset[str]  # every character a match can hold (see _char_set)
    repeated: bool  # holds a quantifier
    #: The pattern when nothing follows this part: a trailing lookahead is consumed (None:
    #: the same as ``pattern``).
    tail: str | None = None


_ASSERTION = _Piece("", True, True, frozenset(), False)


class _Translator:
    """Recursive-descent reader of Python regex syntax that writes the superset pattern."""

    def __init__(self, src: str):
        self.src = src
        self.i = 0

    def peek(self, k: int = 1) -> str:
        return self.src[self.i : self.i + k]

    def alternation(self, flags: int) -> _Piece:
        """``a|b|...`` up to ``)`` or the end."""
        alts = [self.sequence(flags)]
        while self.peek() == "|":
            self.i += 1
            alts.append(self.sequence(flags))
        body = "|".join(a.pattern for a in alts)
        tail = "|".join(a.tail or a.pattern for a in alts)
        return _Piece(f"(?:{body})" if len(alts) > 1 else body,
                      any(a.nullable for a in alts), False,
                      frozenset().union(*(a.chars for a in alts)),
                      any(a.repeated for a in alts),
                      None if tail == body else f"(?:{tail})" if len(alts) > 1 else tail)

    def sequence(self, flags: int) -> _Piece:
        out, nullable, chars, repeated = [], True, set(), False
        last: _Piece | None = None  # the last item, if unquantified: its tail form may end us
        while self.i < len(self.src) and self.peek() not in ("|", ")"):
            item = self.item(flags)
            lo, hi = self.quantifier()
            if item.assertion:
                if item.tail is not None:  # a lookahead: it ends the match if nothing follows
                    last = item if (lo, hi) == (1, 1) else None
                continue  # dropped (with any quantifier on it)
            last = item if (lo, hi) == (1, 1) else None
            piece, item_nullable = item.pattern, item.nullable
            if (lo, hi) != (1, 1):
                quant = _hs_quant(lo, hi)
                if item.repeated and quant[-1] in "*+":
                    # a repeat of repeats: any string of its characters (compiles small)
                    piece, quant = _char_pattern(item.chars, bool(flags & re.IGNORECASE)), quant[-1]
                piece = f"(?:{piece}){quant}"
                item_nullable = item_nullable or lo == 0
                repeated = True
            out.append(piece)
            nullable = nullable and item_nullable
            chars |= item.chars
            repeated = repeated or item.repeated
        tail = None
        if last is not None and last.tail is not None:
            tail = "".join(out[:-1] if not last.assertion else out) + last.tail
        return _Piece("".join(out), nullable, False, frozenset(chars), repeated, tail)

    def quantifier(self) -> tuple[int, int | None]:
        c = self.peek()
        if c in ("*", "+", "?"):
            self.i += 1
            lo, hi = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
        else:
            m = _QUANT_RE.match(self.src, self.i)
            if not m or (not m.group(1) and not m.group(2)):
                return 1, 1
            self.i = m.end()
            lo = int(m.group(1) or 0)
            hi = None if m.group(2) and not m.group(3) else int(m.group(3) or m.group(1))
        if self.peek() in ("?", "+"):  # lazy or possessive: same strings, greedy
            self.i += 1
        return lo, hi

    def item(self, flags: int) -> _Piece:
        """One item (a group, a single-character item or an assertion)."""
        src, i = self.src, self.i
        c = src[i]
        if c == "(":
            return self.group(flags)
        if c in "^$":
            self.i += 1
            return _ASSERTION
        if c == "[":
            j = i + 1
            if src[j : j + 1] == "^":
                j += 1
            if src[j : j + 1] == "]":
                j += 1
            while src[j] != "]":
                j += 2 if src[j] == "\\" else 1
            self.i = j + 1
        elif c == "\\":
            self.i = i + _escape_length(src, i)
            esc = src[i + 1]
            if esc in "bBAZ":
                return _ASSERTION
            if esc.isdigit() and not _is_octal(src[i + 1 : self.i]):
                raise Unsupported("backreference")
        else:
            self.i = i + 1
        chars = _char_set(src[i : self.i], flags & _CHAR_FLAGS)
        return _Piece(_char_pattern(chars, bool(flags & re.IGNORECASE)), False, False, chars,
                      False)

    def group(self, flags: int) -> _Piece:
        src = self.src
        self.i += 1
        assertion = ahead = False
        outer, opening = flags, "(?:"
        if self.peek() == "?":
            self.i += 1
            c = self.peek()
            if c == "#":
                self.i = src.index(")", self.i) + 1
                return _ASSERTION
            if c == ":" or c == ">":
                self.i += 1
            elif c == "P" and self.peek(2) == "P<":
                self.i = src.index(">", self.i) + 1
            elif c in ("=", "!") or self.peek(2) in ("<=", "<!"):
                ahead = c == "="
                self.i += 1 if c in ("=", "!") else 2
                assertion = True
            elif c == "<":  # (?<name>...) (Python 3.12+ spelling)
                self.i = src.index(">", self.i) + 1
            elif c and (c in _FLAG_LETTERS or c == "-"):
                m = re.compile(r"([aiLmsux]*)(?:-([imsx]*))?([:)])").match(src, self.i)
                if not m:
                    raise Unsupported(f"group at {self.i}")
                self.i = m.end()
                if m.group(3) == ")":
                    return _ASSERTION  # global flags: already in the pattern's flags
                for letter in m.group(1):
                    flags |= _FLAG_LETTERS[letter]
                for letter in m.group(2) or "":
                    flags &= ~_FLAG_LETTERS[letter]
                if flags & (re.VERBOSE | re.LOCALE):
                    raise Unsupported("verbose or locale flag")
                if (flags ^ outer) & re.IGNORECASE:  # Hyperscan's caseless region follows
                    opening = "(?i:" if flags & re.IGNORECASE else "(?-i:"
            else:
                raise Unsupported(f"group (?{c} at {self.i}")
        body = self.alternation(flags)
        if self.peek() != ")":
            raise Unsupported(f"unbalanced group at {self.i}")
        self.i += 1
        if assertion:  # a lookahead's text lies inside the block: consumed where nothing follows
            return _ASSERTION._replace(tail=f"(?:{body.tail or body.pattern})" if ahead else None)
        return body._replace(pattern=f"{opening}{body.pattern})",
                             tail=body.tail and f"{opening}{body.tail})")


def _escape_length(src: str, i: int) -> int:
    """Length of the escape sequence starting at ``src[i] == "\\\\"``."""
    c = src[i + 1]
    if c == "x":
        return 4
    if c == "u":
        return 6
    if c == "U":
        return 10
    if c == "N":
        return src.index("}", i) + 1 - i
    if c.isdigit():
        m = re.compile(r"0[0-7]{0,2}|[0-7]{3}|[1-9]\d?").match(src, i + 1)
        return 1 + (m.end() - m.start() if m else 1)
    return 2


def _is_octal(digits: str) -> bool:
    return digits[0] == "0" or (len(digits) == 3 and all(d in "01234567" for d in digits))


def _hs_quant(lo: int, hi: int | None) -> str:
    """A quantifier; a range wider than :data:`_MAX_BOUNDED` is left open above (a superset
    that compiles small)."""
    if hi is not None and hi - lo > _MAX_BOUNDED:
        hi = None
    if hi is None:
        return "*" if lo == 0 else "+" if lo == 1 else f"{{{lo},}}"
    return "?" if (lo, hi) == (0, 1) else f"{{{lo}}}" if lo == hi else f"{{{lo},{hi}}}"


def superset_pattern(rx: re.Pattern) -> str:
    """Hyperscan source (UTF-8 mode) that matches every string ``rx`` can consume (with the
    text a lookahead ending ``rx`` looks at).

    Parameters
    ----------
    rx : re.Pattern
        A compiled ``str`` pattern.

    Returns
    -------
    str
        The translated pattern (see the module docstring for the rules).

    Raises
    ------
    Unsupported
        For backreferences, conditionals, verbose or locale mode, and patterns that can match
        the empty string (a gate cannot skip those).
    """
    if rx.flags & (re.VERBOSE | re.LOCALE) or not isinstance(rx.pattern, str):
        raise Unsupported("verbose, locale or bytes pattern")
    t = _Translator(rx.pattern)
    try:
        piece = t.alternation(rx.flags)
    except (IndexError, ValueError) as e:  # str.index misses, or an unreadable item
        raise Unsupported(str(e)) from None
    if t.i != len(rx.pattern):
        raise Unsupported(f"unread from {t.i}")
    if piece.nullable:
        raise Unsupported("can match the empty string")
    pattern = piece.tail or piece.pattern
    return f"(?i:{pattern})" if rx.flags & re.IGNORECASE else pattern


class RuleSet:
    """Compiled rule patterns with a derived gate deciding which rules run on which blocks.

    Parameters
    ----------
    patterns : sequence of re.Pattern
        The rules' reference patterns; a rule is known by its index here.

    Attributes
    ----------
    always : frozenset of int
        Rules that run on every block (not translatable, or refused by Hyperscan).
    """

    def __init__(self, patterns: Sequence[re.Pattern]):
        self.patterns = list(patterns)
        self.n = len(self.patterns)
        self._all = list(range(self.n))
        always: set[int] = set()
        exprs: dict[int, str] = {}
        for k, rx in enumerate(self.patterns):
            try:
                exprs[k] = superset_pattern(rx)
            except Unsupported:
                always.add(k)
        self._db = None
        if hyperscan is not None and exprs:
            self._db, refused = _compile(exprs)
            always |= refused
        self.always = frozenset(always)
        self._always_sorted = sorted(always)
        self._exprs = exprs

    def __getstate__(self) -> dict:
        return {k: v for k, v in vars(self).items() if k != "_db"}  # the database is native

    def __setstate__(self, state: dict) -> None:
        vars(self).update(state)
        self._db = _compile(self._exprs)[0] if hyperscan is not None and self._exprs else None

    def candidates(self, text: str, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
        """For each ``(start, end)`` span of ``text``, the rules (indices, ascending) that
        may match inside ``text[start:end]``: every rule, unless the gate rules some out."""
        if self._db is None or getattr(_state, "off", False):
            return [self._all] * len(spans)
        check_spans = not in_alphabet(text)
        found: set[int] = set()
        add = found.add

        def on_match(rule: int, start: int, end: int, flags: int, context: object) -> None:
            add(rule)

        scan = self._db.scan
        out = []
        for start, end in spans:
            if check_spans and _OUTSIDE_RE.search(text, start, end):
                out.append(self._all)  # a character the gate is not exact for: all rules
                continue
            if start < end:
                scan(text[start:end].encode("utf-8"), match_event_handler=on_match)
            out.append(sorted(found.union(self._always_sorted)) if found
                       else self._always_sorted)
            found.clear()
        return out


def _compile(exprs: dict[int, str]) -> tuple[object, set[int]]:
    """One block-mode database of ``exprs`` (the ids Hyperscan refuses are returned apart),
    reused within the process and, serialised, across processes (:func:`_cache_dir`)."""
    key = hashlib.sha256(repr((_CACHE_FORMAT, sorted(exprs.items()))).encode()).hexdigest()
    if key in _DATABASES:
        return _DATABASES[key]
    path = _cache_dir() / f"{key}.hsdb"
    try:
        head, blob = path.read_bytes().split(b"\n", 1)
        refused = set(json.loads(head))
        db = hyperscan.loadb(blob, hyperscan.HS_MODE_BLOCK) if blob else None
        if db is not None:
            db.scratch = hyperscan.Scratch(db)
    except Exception:  # absent, unreadable or from another Hyperscan build: compile
        db, refused = _compile_now(exprs)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(json.dumps(sorted(refused)).encode() + b"\n"
                            + (hyperscan.dumpb(db) if db else b""))
            tmp.replace(path)
        except OSError:  # pragma: no cover - a read-only cache: compile in every process
            pass
    _DATABASES[key] = db, refused
    return db, refused


_CACHE_FORMAT = 2
_DATABASES: dict[str, tuple[object, set[int]]] = {}


def _cache_dir() -> Path:
    """Where compiled databases are kept: ``$TEXTSTUDY_CACHE`` or ``~/.cache/textstudy``."""
    root = os.environ.get("TEXTSTUDY_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "textstudy")
    return Path(root) / f"hyperscan-{getattr(hyperscan, '__version__', '')}"


def _compile_now(exprs: dict[int, str]) -> tuple[object, set[int]]:
    """Compile ``exprs`` exactly; an expression Hyperscan refuses is retried in prefilter mode
    (approximated from above), and one refused there too is returned apart."""
    prefilter: set[int] = set()
    refused: set[int] = set()
    while True:
        ids = [k for k in exprs if k not in refused]
        if not ids:
            return None, refused
        flags = [hyperscan.HS_FLAG_SINGLEMATCH
                 | (hyperscan.HS_FLAG_PREFILTER if k in prefilter else 0) for k in ids]
        db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        try:
            db.compile(expressions=[exprs[k].encode() for k in ids], ids=ids,
                       elements=len(ids), flags=flags)
            return db, refused
        except hyperscan.error as e:
            bad = _refused_one(exprs, ids, flags)
            if bad is None:  # pragma: no cover - a failure no single pattern explains
                raise RuntimeError(f"hyperscan refused the rule set: {e}") from None
            (refused if bad in prefilter else prefilter).add(bad)


def _refused_one(exprs: dict[int, str], ids: list[int], flags: list[int]) -> int | None:
    for k, f in zip(ids, flags):
        try:
            hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK).compile(
                expressions=[exprs[k].encode()], ids=[k], elements=1, flags=f)
        except hyperscan.error:
            return k
    return None

