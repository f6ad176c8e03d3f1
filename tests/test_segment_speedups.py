"""The fast paths of segmentation, word counts and document status equal plain reference code.

Each reference below is the straightforward (slower) way of computing the same thing; the
texts are written to hit the edge cases: unicode whitespace and letters, characters above
U+FFFF, abbreviations, list numbers, long and short lines.
"""

import random
import re

import pytest

from textstudy import segment
from textstudy.document import (
    BLOCK_KINDS,
    BODY_KINDS,
    PROSE_KINDS,
    WORD_RE,
    WORD_RE_BMP,
    bmp_class,
    count_words,
    is_bmp,
    word_re_for,
)
from textstudy.measures.readability import cmu_syllable_counts
from textstudy.run import (
    ENGLISH_FUNCTION_WORDS,
    ENGLISH_MIN_WORDS,
    OTHER_FUNCTION_WORDS,
    STATUS_SAMPLE_CHARS,
    document_status,
)
from textstudy.structure import HEADING_MAX_WORDS, parse_blocks

BMP = "".join(map(chr, range(0x10000)))

TEXTS = [
    "Microdosing and pain\nIt is a small dose. It is not a trip.\n\n• Start low\n• Go slow",
    "Dr. Smith et al. found it. J. K. Rowling agreed.\n1. Start low. Go slow.\n(b) Ask first.",
    "Legal in the U.S. and Canada. Ph.D. students e.g. Ann. Doses of 0.1 g. Then 3.5 mg. Done.",
    "  \tIndented title\u00a0 \r\n\r\nBody text “quoted.” Next one!\u2028Same line? Yes.\x85Tail.",
    "Café au lait—naïve coöperation. Self-guided 5-HT2A don’t can't. Ünïcödé Ⅻ snake_case.",
    "Emoji line 😀 here. 𝐁𝐨𝐥𝐝 math letters 𝐱𝐲. Second sentence 🙂 ends.",
    "Ingredients\nSalt\nPepper\nWater\n\nKey Takeaways:\nWhat is it?\nA longer line follows it.",
    "Outcome\tPsilocybin\tPlacebo\nPain    |    Sleep    |    Mood\nhttps://doi.org/10.1/x",
    "Share This Post\nmindful microdosing.jpeg\n© 2024 Foo Inc.\nLeave a comment\nBy Jane Doe",
    "One two three four five six seven eight nine ten eleven twelve thirteen fourteen\n"
    "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen",
    "a_b_c d__e ___ 12_34 x-'y a--b a-b-c-d it’s’ ’tis",
    "日本語のテキストです。これは文です。\nПривет мир, это текст. Да.",
    "",
    " \n\t\n ",
]


def ref_lines(text):
    """Original line splitting: every line of ``[^\\n]+`` with str.strip() spans."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        if raw.strip():
            start = m.start() + len(raw) - len(raw.lstrip())
            out.append((start, start + len(raw.strip())))
    return out


def ref_status(doc):
    """The status rules read plainly: join all body blocks, then scan the first
    STATUS_SAMPLE_CHARS."""
    if not sum(len(WORD_RE.findall(doc.text, b.start, b.end)) for b in doc.blocks
               if b.kind in BODY_KINDS):
        return "empty"
    sample = " ".join(doc.text[b.start : b.end] for b in doc.blocks
                      if b.kind in BODY_KINDS)[:STATUS_SAMPLE_CHARS]
    non_latin = len(re.findall(r"[^\W\d_A-Za-z\u00C0-\u024F]", sample))
    letters = len(re.findall(r"[^\W\d_]", sample))
    if non_latin and non_latin / letters > 0.5:
        return "non_english"
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) >= ENGLISH_MIN_WORDS:
        english = sum(1 for w in words if w in ENGLISH_FUNCTION_WORDS)
        if english / len(words) < 0.12:
            # evidence of another language: its function words, or few English words
            if sum(1 for w in words if w in OTHER_FUNCTION_WORDS) > english:
                return "non_english"
            if sum(1 for w in words if w in cmu_syllable_counts()) / len(words) < 0.5:
                return "non_english"
    return "ok"


@pytest.mark.parametrize("cls", [r"[^\W_]", r"[^\W\d_]", r"\w", r"[\w.]"])
def test_bmp_class_matches_the_same_bmp_characters(cls):
    fast = re.compile(bmp_class(cls))
    assert fast.findall(BMP) == re.findall(cls, BMP)
    # Nothing above the BMP: callers switch to the original class there.
    assert not fast.search("".join(map(chr, range(0x10000, 0x110000, 97))))


def test_is_bmp():
    assert is_bmp("plain ascii") and is_bmp("") and is_bmp("café ’quoted’ 日本\ud800")
    assert not is_bmp("smile 😀") and not is_bmp("𝐁")
    assert word_re_for("café") is WORD_RE_BMP and word_re_for("a 😀") is WORD_RE


WORD_EDGE_CASES = [
    "don’t re-use it -- or 'quote' it: well--known x-'y don''t a-b-c-d a---b -a- ''x''",
    "café naïve Ⅻ ٣ İstanbul straße 𝐀𝐁 😀x ‐ ʼ _under_score x__y é\u0301 ﬁ ½ ²",
    "a’b’ ’c ’’d -e f- g'-h \ud800lone",
]


def test_byte_word_count_equals_findall_on_random_text():
    rng = random.Random(3)
    alphabet = "ab Z09_'’-‐\n\t.,é😀Ⅻ٣\u0301ß"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        assert count_words(text) == len(WORD_RE.findall(text)), text


@pytest.mark.parametrize("text", TEXTS + WORD_EDGE_CASES)
def test_word_counts_equal_plain_findall(text):
    doc = segment("d", text)
    if is_bmp(text):
        assert WORD_RE_BMP.findall(text) == WORD_RE.findall(text)
    expected = tuple(len(WORD_RE.findall(text[b.start : b.end])) for b in doc.blocks)
    assert doc.words_per_block == expected
    for kinds in (BODY_KINDS, PROSE_KINDS, frozenset(BLOCK_KINDS), frozenset({"heading"}), set()):
        assert doc.n_words(kinds) == sum(n for b, n in zip(doc.blocks, expected) if b.kind in kinds)
    assert [text[s:e] for s, e in doc.words()] == [
        w for b in doc.blocks if b.kind in BODY_KINDS for w in WORD_RE.findall(text[b.start:b.end])]


def test_word_back_class_is_isalnum_or_dot_or_underscore():
    got = re.findall(r"[\w.]", BMP)
    assert got == [c for c in BMP if c.isalnum() or c in "._"]


@pytest.mark.parametrize("text", TEXTS)
def test_line_spans_equal_strip_per_line(text):
    assert [(b.start, b.end) for b in parse_blocks(text)] == ref_lines(text)


def test_a_short_unpunctuated_line_is_a_heading_up_to_the_word_limit():
    """Structure counts words as runs of letters and digits ("a_b", "5-HT2A" are two each)."""
    for unit in ("w", "a_b", "5-HT2A", "é ü", "__x__"):
        for k in range(1, 12):
            line = " ".join([unit] * k)
            words = len(re.findall(r"[^\W_]+", line))
            (block,) = parse_blocks(line)
            assert block.kind == ("paragraph" if words > HEADING_MAX_WORDS else "heading"), line


@pytest.mark.parametrize("text", TEXTS + [
    "The patient was treated and it may help. " * 300,  # sample cut at 2,000 characters
    "Le patient a été traité avec un médicament. Les résultats sont bons et durables. " * 5,
    "Die Behandlung wurde gut vertragen und zeigte Wirkung bei vielen Patienten. " * 4,
    "日本語のテキストです。" * 50 + "\nThe end of the text is in English for a while.",
])
def test_document_status_equals_the_reference(text):
    doc = segment("d", text)
    assert document_status(doc)[0] == ref_status(doc)


def test_status_reasons_on_written_examples():
    assert document_status(segment("d", ""))[0] == "empty"
    assert document_status(segment("d", "Le patient a été traité. " * 10))[0] == "non_english"
    assert document_status(segment("d", "日本語のテキストです。" * 20))[0] == "non_english"
    assert document_status(segment("d", "It may help with pain, in the short term. " * 10)) == (
        "ok", "")
