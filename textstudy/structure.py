"""Structure-first parsing of web-article text into blocks.

Web text copied or extracted from a page keeps one block per line: headings and list items
without final punctuation, page furniture ("Share This Post", image file names), flattened
table rows. Each non-blank line becomes one block, classified by the rules below, in this order:

1. ``boilerplate``: the whole line is page furniture (``lexicons/boilerplate.csv``: share/comment
   widgets, navigation, image file names, copyright and cookie lines, bylines and date stamps).
2. ``list_item``: the line starts with a bullet (•, -, *, –, ·, ▪, ✓) or a list number
   ("1.", "2)", "a.") followed by text.
3. ``table_row``: the line has cells separated by tabs or ``|``, or by two runs of 3+ spaces.
4. ``link``: the line is a bare URL, DOI or domain ("https://doi.org/...", "example.com").
5. ``quote``: the line starts with ``>`` or is wrapped in quotation marks, optionally followed
   by an attribution ("... changed my life." - Jane D.).
6. ``heading``: a Markdown ``#`` line; a short line (at most ``HEADING_MAX_WORDS`` words)
   ending in ``?`` whose next content line is longer or is a list item, table row or link;
   a line of at most ``COLON_HEADING_MAX_WORDS`` words ending in ``:`` ("Key Takeaways:");
   or a short line with no final punctuation, unless it belongs to a list run (rule 7).
7. ``list_item``: a run of ``LIST_RUN_MIN`` or more consecutive short unpunctuated lines with
   no blank line between them (ingredient-style lists that lost their bullets).
8. Everything else is a ``paragraph``: long lines, lines ending in ``.``, ``!``, ``;``, ``,``
   or ``…``, longer ``:`` lead-ins, and ``?`` lines followed by shorter text.

Then the page as a whole (CODEBOOK.md, "boilerplate"):

9. ``table_row``: a table flattened into lines -- in a document whose blocks are separated by
   blank lines, a run of ``TABLE_MIN_LINES`` or more lines with no blank line between them,
   headed by a short Title Case line without final punctuation (the header row) and holding
   no bulleted item. "Tables are tables, not lists, whatever their bullets."
10. ``boilerplate`` sections: a table-of-contents heading and the list entries right after it;
    a related-posts heading ("More To Explore") and everything after it (teasers);
    a repeat of the title, alone or with the site's name ("Title, SITE" -- a caption or alt
    text); the short unpunctuated lines right after an image file name (its caption or a
    sidebar widget), up to a line that heads a paragraph; a disclaimer section that closes
    the page (a "Disclaimer" heading followed by nothing but its text and furniture: the
    site-wide footer). Furniture and disclaimer labels are independent: the measures that
    count disclaimers and selling read boilerplate blocks too.

A paragraph line that wraps onto following lines without a blank line in between stays one
block per line; sentences never cross lines, which is what web-extracted text needs.

Spans are character offsets into the original text, with surrounding whitespace trimmed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from itertools import count, repeat
from operator import itemgetter

from .document import Block
from .lexicon import load_lexicon

HEADING_MAX_WORDS = 14
LIST_RUN_MIN = 3
COLON_HEADING_MAX_WORDS = 5
#: A flattened table: at least this many lines (header row + 2 rows) ...
TABLE_MIN_LINES = 3
#: ... headed by a line of at most this many words ...
TABLE_HEADER_MAX_WORDS = 8
#: ... in a document where at least this share of lines follow a blank line.
BLANK_SEPARATED_SHARE = 0.5

_BULLET_RE = re.compile(r"^\s*(?:[•\-*–—·▪►✓✔●○■□➤→]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)](?=\s))\s+\S")
_SPACED_CELLS_RE = re.compile(r"\S {3,}\S.* {3,}\S")
_MD_HEADING_RE = re.compile(r"^\s*#{1,6}\s+\S")
_ATTRIBUTION = r"(?:[-–—]\s*[\w .,']{1,60})?"
_QUOTE_RE = re.compile(
    rf"^\s*(?:>|[\"“][^\"“”]+[\"”]\s*{_ATTRIBUTION}$|['‘][^\W\d_].*['’]\s*{_ATTRIBUTION}$)")
#: A section heading that closes a page with the site's disclaimer.
_DISCLAIMER_HEADING_RE = re.compile(r"(?:(?:medical|legal|important)\s+)?disclaimers?\s*:?",
                                    re.IGNORECASE)
#: Separators between a repeated title and the site's name ("Title, SITE", "Title | Site").
_TITLE_SITE_RE = re.compile(r"\s*[,|–—:-]\s*\S.{0,60}")
_SENTENCE_END_CHARS = frozenset(".!;,…")
_CLOSERS = "\"'”’)]"
BOILERPLATE_MAX_CHARS = 200  # page furniture is short; longer lines are never boilerplate
_WORD_RE = re.compile(r"[^\W_]+")
# A line's content with surrounding whitespace trimmed (what ``str.strip`` keeps).
_CONTENT_LINE_RE = re.compile(r"\S(?:[^\n]*\S)?")
_URL_LINE_RE = re.compile(
    r"(?:(?:https?://|www\.)\S+|doi:\s*\S+|(?:[\w\-]+\.)+(?:com|org|net|gov|edu|club|io|co)(?:/\S*)?)"
    r"[.,;]?",
    re.IGNORECASE,
)

#: Whole-line page furniture: ``textstudy/lexicons/boilerplate.csv`` (``pattern`` column), each
#: pattern matched against the whole stripped line, ignoring case.
BOILERPLATE = load_lexicon("boilerplate")
_BOILERPLATE_RE = re.compile(
    "|".join(f"(?:{p})" for p in BOILERPLATE.table["pattern"]), re.IGNORECASE
)
_BOILERPLATE_BY_PATTERN = [
    (re.compile(p, re.IGNORECASE), term, category)
    for p, term, category in zip(BOILERPLATE.table["pattern"], BOILERPLATE.table["term"],
                                 BOILERPLATE.table["category"])
]
#: Lexicon categories of headings whose section is furniture too: the entries right after a
#: table-of-contents heading, everything after a related-posts heading.
TOC_CATEGORY, RELATED_CATEGORY = "table_of_contents", "related_posts"


def _boilerplate_match(line: str) -> tuple[str, str] | None:
    """``(term, category)`` of the furniture pattern ``line`` (stripped) matches, or None."""
    if len(line) > BOILERPLATE_MAX_CHARS or not _BOILERPLATE_RE.fullmatch(line):
        return None
    return next((t, c) for rx, t, c in _BOILERPLATE_BY_PATTERN if rx.fullmatch(line))


def boilerplate_reason(line: str) -> str | None:
    """Why ``line`` (stripped) is page furniture, or None if it is not."""
    hit = _boilerplate_match(line)
    return hit[0] if hit else None


def _n_words(line: str, cap: int = HEADING_MAX_WORDS + 1) -> int:
    """Words in ``line``, counted up to ``cap`` (all the rules need to know)."""
    n = 0
    for _ in _WORD_RE.finditer(line):
        n += 1
        if n >= cap:
            break
    return n


def _last_char(line: str) -> str:
    """The line's last character, looking past closing quotes and brackets."""
    stripped = line.rstrip().rstrip(_CLOSERS)
    return stripped[-1:] if stripped else ""


def _is_table_row(line: str) -> bool:
    if "\t" in line or " | " in line or (line.startswith("|") and line.endswith("|")):
        return True
    return "   " in line and bool(_SPACED_CELLS_RE.search(line))


def _line_kind(line: str) -> str | None:
    """Kind decided by the line alone, or None when its context decides (heading vs paragraph)."""
    if len(line) <= BOILERPLATE_MAX_CHARS and _BOILERPLATE_RE.fullmatch(line):
        return "boilerplate"
    if _BULLET_RE.match(line):
        return "list_item"
    if _is_table_row(line):
        return "table_row"
    if _URL_LINE_RE.fullmatch(line):
        return "link"
    if _QUOTE_RE.match(line):
        return "quote"
    if _MD_HEADING_RE.match(line):
        return "heading"
    return None


def parse_blocks(text: str) -> list[Block]:
    """Split ``text`` into classified blocks with character spans into ``text``.

    Parameters
    ----------
    text : str
        The original document text (newlines separate blocks).

    Returns
    -------
    list of Block
        In document order; ``text[b.start:b.end]`` is the block's stripped content.
    """
    lines: list[tuple[int, int, bool]] = []  # (start, end, preceded_by_blank_line)
    count_in = text.count
    prev_end = -1
    for m in _CONTENT_LINE_RE.finditer(text):
        start, end = m.span()
        # Lines between two content lines hold only whitespace: > 1 newline = a blank line.
        lines.append((start, end, prev_end < 0 or count_in("\n", prev_end, start) > 1))
        prev_end = end

    texts = [text[s:e] for s, e, _ in lines]
    kinds: list[str | None] = [_line_kind(line) for line in texts]
    n = len(lines)
    words: list[int | None] = [None] * n  # _n_words per line, computed at most once

    def n_words(k: int) -> int:
        w = words[k]
        if w is None:
            w = words[k] = _n_words(texts[k])
        return w

    # Context rules for the lines their own text does not decide.
    i = 0
    while i < n:
        if kinds[i] is not None:
            i += 1
            continue
        kinds[i] = _prose_or_heading(texts[i], partial(n_words, i),
                                     partial(_next_content, n_words, kinds, i))
        if kinds[i] is not None:
            i += 1
            continue
        # A run of short unpunctuated lines with no blank line between them: a list when
        # LIST_RUN_MIN or longer, otherwise headings.
        j = i + 1
        while (
            j < n
            and kinds[j] is None
            and not lines[j][2]
            and _prose_or_heading(texts[j], partial(n_words, j)) is None
        ):
            j += 1
        run_kind = "list_item" if j - i >= LIST_RUN_MIN else "heading"
        for k in range(i, j):
            kinds[k] = run_kind
        i = j

    final = [k or "paragraph" for k in kinds]
    _mark_tables(texts, [blank for _, _, blank in lines], final, n_words)
    _mark_furniture_sections(texts, final)
    # Block(i, kind, start, end) for every line, built in C (tuple.__new__).
    return list(map(tuple.__new__, repeat(Block),
                    zip(count(), final, map(itemgetter(0), lines), map(itemgetter(1), lines))))


def _is_header_row(line: str, words: int) -> bool:
    """A table's header row: a few Title Case words, no final punctuation ("Aspect Description")."""
    return (words <= TABLE_HEADER_MAX_WORDS and _last_char(line) not in _SENTENCE_END_CHARS
            and _last_char(line) not in "?:"
            and all(w[0].isupper() or not w[0].isalpha() for w in line.split()))


def _mark_tables(texts: list[str], blank_before: list[bool], kinds: list[str], n_words) -> None:
    """Rule 9: runs of lines without blank lines between them, headed like a table, in a
    document whose blocks are otherwise separated by blank lines."""
    n = len(texts)
    if n == 0 or sum(blank_before) < BLANK_SEPARATED_SHARE * n:
        return
    i = 0
    while i < n:
        j = i + 1
        while j < n and not blank_before[j]:
            j += 1
        run = range(i, j)
        if (j - i >= TABLE_MIN_LINES and _is_header_row(texts[i], n_words(i))
                and not any(kinds[k] == "boilerplate" or _BULLET_RE.match(texts[k]) for k in run)):
            for k in run:
                kinds[k] = "table_row"
        i = j


def _mark_furniture_sections(texts: list[str], kinds: list[str]) -> None:
    """Rule 10: furniture that only the page around a line shows.

    Only lines rule 1 made boilerplate can match the furniture lexicon (no later rule turns
    boilerplate into another kind), so only those are matched again, for their category.
    """
    n = len(texts)
    at = next((k for k in range(n) if kinds[k] == "heading"), None)
    for k in range(n):
        hit = _boilerplate_match(texts[k]) if kinds[k] == "boilerplate" else None
        if hit and hit[1] == TOC_CATEGORY:
            j = k + 1
            while j < n and kinds[j] == "list_item":
                kinds[j] = "boilerplate"
                j += 1
        elif hit and hit[1] == RELATED_CATEGORY:
            for j in range(k + 1, n):
                kinds[j] = "boilerplate"
            break
        elif hit and hit[0] == "image file name":
            _mark_caption(texts, kinds, k + 1)
        elif at is not None and k > at and _repeats_title(texts[k], texts[at]):
            kinds[k] = "boilerplate"
    _mark_closing_disclaimer(texts, kinds)


def _repeats_title(line: str, title: str) -> bool:
    """``line`` is the title again, alone or followed by the site's name."""
    return line.startswith(title) and (
        len(line) == len(title) or bool(_TITLE_SITE_RE.fullmatch(line, len(title))))


def _mark_caption(texts: list[str], kinds: list[str], start: int) -> None:
    """Short unpunctuated lines after an image: its caption or widget, up to (not including) a
    line that heads a paragraph."""
    k = start
    while (k < len(texts) and kinds[k] == "heading" and _last_char(texts[k]) not in "?:"
           and k + 1 < len(texts) and kinds[k + 1] in ("heading", "boilerplate")):
        kinds[k] = "boilerplate"
        k += 1


def _mark_closing_disclaimer(texts: list[str], kinds: list[str]) -> None:
    """A "Disclaimer" heading whose section runs to the end of the page is the site's footer."""
    for k in range(len(texts) - 1, -1, -1):
        if kinds[k] == "heading":
            if _DISCLAIMER_HEADING_RE.fullmatch(texts[k]):
                for j in range(k, len(texts)):
                    kinds[j] = "boilerplate"
            return


def _next_content(n_words, kinds: list[str | None], i: int) -> tuple[int, str | None]:
    """Word count and line-decided kind of the next non-boilerplate line after line ``i``."""
    for k in range(i + 1, len(kinds)):
        if kinds[k] != "boilerplate":
            return n_words(k), kinds[k]
    return 0, None


def _prose_or_heading(line: str, words: Callable[[], int],
                      next_content: Callable[[], tuple[int, str | None]] = lambda: (0, None)
                      ) -> str | None:
    """``paragraph`` or ``heading`` when the line decides it; None for a short unpunctuated line.

    ``words()`` is the line's word count (:func:`_n_words`), ``next_content()`` the word count
    and line-decided kind of the next content line (:func:`_next_content`); each is asked
    only when a rule reads it.
    """
    last = _last_char(line)
    if last in _SENTENCE_END_CHARS:
        return "paragraph"
    n = words()
    if n > HEADING_MAX_WORDS:
        return "paragraph"
    if last == "?":
        next_words, next_kind = next_content()
        introduces = next_kind in ("list_item", "table_row", "link")
        return "heading" if introduces or next_words > n else "paragraph"
    if line.endswith(":"):
        return "heading" if n <= COLON_HEADING_MAX_WORDS else "paragraph"
    return None
