"""What a regular expression can match, read from its parsed form (``re._parser``).

The measures use these facts to skip text cheaply before running a pattern: the characters
every match starts with, the characters a match can contain, how far past its end a match
attempt reads, the words that open every match. Each function returns None when the pattern is
too complex to tell, so the caller falls back to running the pattern everywhere.
"""

from __future__ import annotations

import re
from functools import cache
from re import _constants as sre_c
from re import _parser as sre_parse
from typing import Any

from .document import BMP_CHARS

#: Characters common at the start of a match in running text (see :func:`char_head`).
_COMMON_FIRST = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 \t\n")


def char_head(src: str) -> re.Pattern | None:
    r"""A character class every match of ``src`` starts with (for text without characters
    above U+FFFF), when the regex engine cannot skip ahead by itself (its pattern does not
    begin with a literal or a character class) and the class is rare in running text (a
    case-sensitive pattern; at most two lower-case letters, digits or spaces); else None.

    Python's engine tries a pattern such as ``(?:(?i:the)\s+)?(?P<name>...)`` at every
    position; the citations scan tries it only where the class matches, which the engine finds by a
    bitmap scan.
    """
    try:
        items = sre_parse.parse(src)
    except re.error:  # pragma: no cover - the rule compiled
        return None
    ci = bool(items.state.flags & re.IGNORECASE)
    if ci or _engine_skips(items, ci):  # (?i): both cases of a letter, too common to gain
        return None
    chars, nullable = _first_chars(items, ci)
    if chars is None or nullable or not chars:
        return None
    if sum(c in _COMMON_FIRST for c in chars) > 2:
        return None
    return re.compile("[" + "".join(sorted(re.escape(c) for c in chars)) + "]")


def stopper(src: str) -> re.Pattern | None:
    r"""A regex for one character that no match of ``src`` contains (a negated class of every
    character the pattern can consume; lookarounds consume nothing), or None when the
    pattern can consume any character (``.``, ``\S``, ``[^...]``...)."""
    try:
        items = sre_parse.parse(src)
    except re.error:  # pragma: no cover - the rule compiled
        return None
    parts: list[str] = []
    ci = [bool(items.state.flags & re.IGNORECASE)]
    if not _consumed(items, parts, ci):
        return None
    # any case-insensitive part: the whole class is, a superset of what the pattern consumes
    return re.compile(("(?i)" if ci[0] else "") + "[^" + "".join(sorted(set(parts))) + "]")


_CATEGORY_CLASS = {
    sre_c.CATEGORY_DIGIT: r"\d",
    sre_c.CATEGORY_WORD: r"\w",
    sre_c.CATEGORY_SPACE: r"\s",
}


def _consumed(items: Any, parts: list[str], ci: list[bool]) -> bool:
    """Add to ``parts`` class items for every character the parsed ``items`` can consume (set
    ``ci[0]`` if any of it is case-insensitive); False when that is any character."""
    for op, av in items:
        if op in (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT, sre_c.GROUPREF):
            continue  # zero-width, or the same characters as its group
        if op is sre_c.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is sre_c.IN:
            for o, a in av:
                if o is sre_c.LITERAL:
                    parts.append(re.escape(chr(a)))
                elif o is sre_c.RANGE:
                    parts.append(re.escape(chr(a[0])) + "-" + re.escape(chr(a[1])))
                elif o is sre_c.CATEGORY and a in _CATEGORY_CLASS:
                    parts.append(_CATEGORY_CLASS[a])
                else:
                    return False
        elif op is sre_c.BRANCH:
            if not all(_consumed(alt, parts, ci) for alt in av[1]):
                return False
        elif op is sre_c.SUBPATTERN:
            _, add, _, sub = av
            ci[0] = ci[0] or bool(add & re.IGNORECASE)
            if not _consumed(sub, parts, ci):
                return False
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            if not _consumed(av[2], parts, ci):
                return False
        else:  # ANY, NOT_LITERAL, ...
            return False
    return True


def lookahead_reach(src: str) -> int | None:
    """How many characters past the position it has reached a match attempt of ``src`` may
    read (at least 1: a word boundary test reads the next character; more in a lookahead), or
    None when unbounded or when it tests for the end of the text."""
    try:
        items = sre_parse.parse(src)
    except re.error:  # pragma: no cover - the rule compiled
        return None
    reach = _reach_of(items)
    return None if reach is None else max(reach, 1)


def _reach_of(items: Any) -> int | None:
    reach = 0
    for op, av in items:
        sub: list[Any] = []
        if op is sre_c.AT:
            if av in (sre_c.AT_END, sre_c.AT_END_LINE, sre_c.AT_END_STRING):
                return None
            reach = max(reach, 1)
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            direction, pattern = av
            inner = _reach_of(pattern)
            if inner is None:
                return None
            if direction == 1:  # a lookahead reads its whole width
                width = pattern.getwidth()[1]
                if width >= _UNBOUNDED:
                    return None
                inner += width
            reach = max(reach, inner)
        elif op is sre_c.BRANCH:
            sub = av[1]
        elif op is sre_c.SUBPATTERN:
            sub = [av[3]]
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            sub = [av[2]]
        elif op in (sre_c.ATOMIC_GROUP, sre_c.GROUPREF_EXISTS):
            return None
        for pattern in sub:
            inner = _reach_of(pattern)
            if inner is None:
                return None
            reach = max(reach, inner)
    return reach


_UNBOUNDED = 1 << 20


def start_chars(src: str, flags: int = 0, most: int = 8) -> str | None:
    """The characters (at most ``most``) that every match of ``src`` in text without
    characters above U+FFFF starts with, or None."""
    try:
        items = sre_parse.parse(src, flags)
    except re.error:  # pragma: no cover - the pattern compiled
        return None
    chars, nullable = _first_chars(items, bool(items.state.flags & re.IGNORECASE))
    if chars is None or nullable or len(chars) > most:
        return None
    return "".join(sorted(chars))


def _engine_skips(items: Any, ci: bool) -> bool:
    """Whether the engine finds the pattern's possible starts itself (a literal, a class or
    alternatives that each begin with a literal, case-sensitively; as ``re._compiler``)."""
    while items.data and items.data[0][0] is sre_c.SUBPATTERN:
        _, add, drop, items = items.data[0][1]
        ci = (ci or bool(add & re.IGNORECASE)) and not drop & re.IGNORECASE
    if not items.data:
        return False
    op, av = items.data[0]
    if op is sre_c.LITERAL:
        return not (ci and _cased(av))
    if op is sre_c.IN:
        return not ci or not any(o is not sre_c.LITERAL or _cased(a) for o, a in av)
    if op is sre_c.BRANCH:
        return all(
            alt.data and alt.data[0][0] is sre_c.LITERAL and not (ci and _cased(alt.data[0][1]))
            for alt in av[1]
        )
    return False


def _cased(code: int) -> bool:
    c = chr(code)
    return c.lower() != c or c.upper() != c


def _first_chars(items: Any, ci: bool) -> tuple[set[str] | None, bool]:
    """(A superset of the first characters of a non-empty match of the parsed ``items``, or
    None when unknown; whether ``items`` can match the empty string)."""
    out: set[str] = set()
    for op, av in items:
        if op in (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT):
            continue  # zero-width
        if op is sre_c.LITERAL:
            first, nullable = _variants(av, ci), False
        elif op is sre_c.IN:
            first, nullable = set(), False
            for o, a in av:
                if o is sre_c.LITERAL:
                    first |= _variants(a, ci)
                elif o is sre_c.RANGE and a[1] - a[0] < 256:
                    for code in range(a[0], a[1] + 1):
                        first |= _variants(code, ci)
                else:
                    return None, False
        elif op is sre_c.BRANCH:
            first, nullable = set(), False
            for alt in av[1]:
                f, n = _first_chars(alt, ci)
                if f is None:
                    return None, False
                first |= f
                nullable = nullable or n
        elif op is sre_c.SUBPATTERN:
            _, add, drop, sub = av
            first, nullable = _first_chars(
                sub, (ci or bool(add & re.IGNORECASE)) and not drop & re.IGNORECASE
            )
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            first, nullable = _first_chars(av[2], ci)
            nullable = nullable or av[0] == 0
        else:
            return None, False
        if first is None:
            return None, False
        out |= first
        if not nullable:
            return out, False
    return out, True


@cache
def _fold(code: int) -> frozenset[str]:
    """The BMP characters that ``(?i)`` matches to the character ``code``."""
    return frozenset(re.findall("(?i)" + re.escape(chr(code)), BMP_CHARS))


def _variants(code: int, ci: bool) -> set[str]:
    return set(_fold(code)) if ci else {chr(code)}


def leading_words(pattern: str) -> list[str] | None:
    r"""The ASCII letters (lower case) that open every match of ``pattern``, one string per
    alternative (``\b(?:book|schedule)\s+…`` gives ``book``, ``schedule``), or None."""
    items = list(sre_parse.parse(pattern, re.IGNORECASE))
    while items and items[0] == (sre_c.AT, sre_c.AT_BOUNDARY):
        items.pop(0)
    if not items:
        return None
    alts = items[0][1][1] if items[0][0] is sre_c.BRANCH else [items]
    words = []
    for alt in alts:
        word = ""
        for op, av in alt:
            if op is not sre_c.LITERAL or not (chr(av).isascii() and chr(av).isalpha()):
                break
            word += chr(av).lower()
        if not word:
            return None
        words.append(word)
    return words
