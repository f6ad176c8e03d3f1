"""The derived gate (textstudy.engine) never changes what a rule finds.

Gate + reference == reference, for every rule of every measure that uses a RuleSet, on random
text over the gate's alphabet (with the characters where Python's and Hyperscan's notions of
case, word characters and spaces differ) and on real text: the seed articles, the fixture web
articles and the development sets in ../shared/data (read at run time when present).
"""

import json
import random
import re
from pathlib import Path

import pytest

from textstudy import engine, segment
from textstudy.measures import build
from textstudy.measures.citations import Citations
from textstudy.measures.commercial import Commercial, Disclaimers
from textstudy.measures.hedging import Hedging

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def gated_measures() -> list:
    """The measures whose rules run behind a gate."""
    return [build(cls) for cls in (Citations, Hedging, Commercial, Disclaimers)]


needs_gate = pytest.mark.skipif(not engine.gate_available(), reason="hyperscan not installed")


def real_texts(limit_per_source: int = 150) -> list[str]:
    texts = [p.read_text() for folder in (ROOT / "corpus", ROOT / "tests" / "fixtures")
             for p in sorted(folder.rglob("*.txt"))]
    for path in sorted(DATA.rglob("*.jsonl")) if DATA.exists() else []:
        with path.open() as f:
            for i, line in enumerate(f):
                if i >= limit_per_source:
                    break
                rec = json.loads(line)
                text = rec.get("text") or rec.get("sentence") or ""
                if isinstance(text, str) and text.strip():
                    texts.append(text)
    return texts


#: Characters that stress the translation: case variants, non-ASCII word and space characters,
#: quotes and dashes, and characters outside the alphabet (those blocks take the reference path).
TRICKY = "ſKİıßµΣσςéÉ’‘“”—–\u00a0\u2009\u2028\x85\x1c_0٣Ⅻ😀日"


def random_texts(rules: list[re.Pattern], n: int, seed: int = 7) -> list[str]:
    """Texts made of pieces of the rules' own literal words, random letters and TRICKY."""
    rng = random.Random(seed)
    words = sorted({w for rx in rules for w in re.findall(r"[A-Za-z]{2,}", rx.pattern)})
    pool = words + list("abcxyzABC .,;:()-'\"\n\t0123456789") + list(TRICKY)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(5, 60)):
            w = rng.choice(pool)
            parts.append(w.upper() if rng.random() < 0.1 else w)
            parts.append(rng.choice([" ", " ", "  ", "\n", ", ", ". ", "\u00a0", ""]))
        out.append("".join(parts))
    return out


def assert_gate_exact(rs: engine.RuleSet, text: str) -> None:
    """Every rule the gate leaves out of a block has no non-empty match in that block (and
    no match at all when it could only match the empty string)."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)] + [(0, len(text))]
    for (s, e), run in zip(spans, rs.candidates(text, spans)):
        allowed = set(run)
        for k, rx in enumerate(rs.patterns):
            if k not in allowed:
                found = [m.span() for m in rx.finditer(text, s, e)]
                assert not found, (k, rx.pattern[:80], text[s:e][:200], found)


@pytest.fixture(scope="module")
def rule_sets() -> dict[str, engine.RuleSet]:
    return {m.name: m.rule_set() for m in gated_measures()}


@needs_gate
def test_gate_leaves_out_only_rules_without_matches_on_random_text(rule_sets):
    for rs in rule_sets.values():
        for text in random_texts(rs.patterns, 300):
            assert_gate_exact(rs, text)


@needs_gate
def test_gate_leaves_out_only_rules_without_matches_on_real_text(rule_sets):
    texts = real_texts()
    assert len(texts) > 20
    for rs in rule_sets.values():
        for text in texts:
            assert_gate_exact(rs, text)


def synthetic_texts(n: int, seed: int = 11) -> list[str]:
    """~8 KB documents of resampled paragraphs, as benchmarks/bench_scale.py builds them."""
    rng = random.Random(seed)
    pool = [p for t in real_texts(60) for p in t.split("\n") if p.strip()]
    return ["\n".join(rng.choice(pool) for _ in range(rng.randint(12, 28))) for _ in range(n)]


@needs_gate
def test_measures_equal_with_and_without_the_gate():
    texts = real_texts(60) + synthetic_texts(40) + random_texts([], 30)
    for measure in gated_measures():
        for i, text in enumerate(texts):
            doc = segment(f"d{i}", text)
            got = measure(doc)
            with engine.reference_path():
                ref = measure(doc)
            assert got.matches == ref.matches
            assert repr(got.values) == repr(ref.values)  # NaN == NaN


@needs_gate
def test_gate_skips_rules_on_plain_text():
    rs = engine.RuleSet([re.compile(r"(?i)\bstudies\s+show\b"), re.compile(r"[A-Z]\w+ et al\.")])
    text = "Studies show that it works.\nNothing here.\nSmith et al. found it."
    spans = [(0, 27), (28, 41), (42, len(text))]
    assert rs.candidates(text, spans) == [[0], [], [1]]
    with engine.reference_path():
        assert rs.candidates(text, spans) == [[0, 1]] * 3


@needs_gate
def test_a_trailing_lookahead_is_text_the_block_must_hold():
    """Python cannot look past the end of the span it searches, so a lookahead that ends the
    pattern needs its text inside the block: without it the rule is skipped, as the
    reference path finds nothing there."""
    rx = re.compile(r"(?i)\bstudies(?:\s+show\b|(?=\s+and\s+\w+\s+show\b))")
    rs = engine.RuleSet([rx])
    text = "Studies and trials show it.\nStudies are many.\nStudies and trials\nshow"
    spans = [(0, 27), (28, 45), (46, 64), (46, len(text))]
    assert rs.candidates(text, spans) == [[0], [], [], [0]]
    assert [bool(rx.search(text, s, e)) for s, e in spans] == [True, False, False, True]


def test_outside_the_alphabet_every_rule_runs():
    rs = engine.RuleSet([re.compile("a"), re.compile("b")])
    assert not engine.in_alphabet("日本") and not engine.in_alphabet("ſ")
    assert engine.in_alphabet("café — “quoted” 😀")
    assert rs.candidates("日本 x", [(0, 4)]) == [[0, 1]]


@pytest.mark.parametrize("pattern, text", [
    (r"(?i)k", "K"), (r"(?i)straße", "STRASSE"), (r"\w+", "é"), (r"\s", "\u00a0"),
    (r"\d", "٣"), (r"(?i)[a-z]+", "ABC"), (r"(?-i:A)b", "Ab"), (r"(?i:A)b", "ab"),
    (r"[^\W\d_]+", "naïve"), (r".", "\n"), (r"(?s).", "\n"), (r"(?a)\w", "é"),
    (r"x{2,5}?", "xxx"), (r"(?<=a)b|c\b", "ab c"), (r"[\]\-]x", "]x"),
    (r"ab(?=cd)", "abcd"), (r"a(?:b|(?=c))", "ac"),
])
def test_translation_matches_whatever_python_matches(pattern, text):
    """Where Python finds a match, so does the translated pattern."""
    if not engine.gate_available():
        pytest.skip("hyperscan not installed")
    rx = re.compile(pattern)
    if any(m.end() > m.start() for m in rx.finditer(text)):
        assert engine.RuleSet([rx]).candidates(text, [(0, len(text))]) == [[0]]


def test_untranslatable_patterns_always_run():
    rs = engine.RuleSet([re.compile(r"(a)\1"), re.compile(r"x*"), re.compile("(?x) a b")])
    assert rs.always == {0, 1, 2}
    assert rs.candidates("zzz", [(0, 3)]) == [[0, 1, 2]]


def test_without_hyperscan_every_rule_runs(monkeypatch):
    monkeypatch.setattr(engine, "hyperscan", None)
    rs = engine.RuleSet([re.compile("a"), re.compile("b")])
    assert rs.candidates("xyz", [(0, 3), (1, 2)]) == [[0, 1], [0, 1]]
