"""What a regular expression can match, read from its parsed form (``re._parser``).

The commercial measure uses this to skip text cheaply before running a pattern: the words that
open every match. The function returns None when the pattern is too complex to tell, so the
caller falls back to running the pattern everywhere.
"""

from __future__ import annotations

import re
from re import _constants as sre_c
from re import _parser as sre_parse


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
