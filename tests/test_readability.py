"""Readability: textstat-exact counts and scores, short-text flags, offline, structure-aware."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from textstudy.document import BLOCK_KINDS
from textstudy.measures import get
from textstudy.measures.readability import (
    COUNTS,
    SCORES,
    Readability,
    scores_from_counts,
)
from textstudy.segment import segment
from textstudy.textstat_offline import textstat

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ONESTOP = DATA / "readability" / "onestop.jsonl"

# Texts written for these tests (health-web style) with the cases textstat's counting is
# sensitive to: hyphens, numbers, straight and curly apostrophes, quotes, dashes, units, URLs.
EDGE_TEXTS = [
    "Microdosing",
    "Microdosing.",
    "Self-guided breathing exercises can lower heart rate. Try a 4-7-8 pattern twice a day.",
    "Take 2.5 mg at 8 a.m. and again at 8 p.m. Don't exceed 10 mg/day; it's not safe.",
    "Doctors say it’s safe. Patients didn’t agree – and they’ve said so “loudly” online.",
    "DON'T STOP TAKING YOUR MEDICATION WITHOUT ASKING YOUR DOCTOR FIRST. IT'S IMPORTANT.",
    "The café offers naïve smoothies — 100% organic, 0 calories, 24/7! Really? Yes.",
    "Read the study at https://example.org/health_study?id=42 before you decide anything.",
    "'Tis the season for flu shots, and rock 'n' roll won't stop the virus from spreading.",
    " ".join(["This very long sentence keeps going"] + ["and going with more words"] * 80) + ".",
    "Symptoms include fatigue , headache ( sometimes severe ) and – rarely – fever !",
    "Omega-3 fatty acids (EPA/DHA) may reduce triglycerides by 15–30 percent in adults.",
    "She said: 'I feel better.' Then she said: 'I really do feel much better now.'",
    # Tokens of 64+ characters (token-level fields computed, not read from a table).
    "The probe " + "acgt" * 17 + " was listed, and so was " + "TGCA" * 17 + ", then "
    + "x-" * 35 + "y closed the long list of sequences.",
]


def _units(doc, kinds) -> list[str]:
    return [doc.sentence_text(s) for s in doc.sentences_in(kinds)]


def textstat_input(doc, kinds) -> str:
    """The text textstat reads for "the same sentence units".

    Our units joined by spaces, with every ``.``, ``!`` or ``?`` that does not end its unit
    replaced by ``,`` (as in "2.5 mg", "a.m.", "“.amazon”"). The replacement is neutral for
    every count but sentences: both characters are punctuation, removed from words and letters,
    and one non-space character for ARI. textstat's own sentence count of this text equals ours
    unless a unit has no final ``.!?`` (textstat then merges it with the next unit); tests
    compare scores only when the two sentence counts are equal.
    """
    end = re.compile(r"[.!?]+(?=[\"'”’)\]]*$)")
    out = []
    for u in _units(doc, kinds):
        m = end.search(u)
        cut = m.start() if m else len(u)
        out.append(re.sub(r"[.!?]", ",", u[:cut]) + u[cut:])
    return " ".join(out)


def textstat_counts(ts, text: str) -> dict[str, int]:
    """Each count from textstat's own public counting functions on ``text``."""
    return {
        "words": ts.lexicon_count(text),
        "syllables": ts.syllable_count(text),
        "polysyllables": ts.polysyllabcount(text),
        "difficult_words": ts.difficult_words(text, syllable_threshold=0, unique=False),
        "complex_words": ts.difficult_words(text, syllable_threshold=3, unique=False),
        "letters": ts.letter_count(text),
        "long_words": ts.long_word_count(text),
        "characters": ts.char_count(text),
        "tokens": len(text.split()),  # textstat's count_words(rm_punctuation=False)
    }


def _onestop_rows() -> list[dict]:
    if not ONESTOP.is_file():
        pytest.skip("../shared/data/readability/onestop.jsonl is not available")
    with ONESTOP.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="module")
def ts():
    return textstat()


@pytest.fixture(scope="module")
def measure():
    # min_sentences=1 so SMOG is defined on every text we compare.
    return Readability(min_sentences=1)


def _compare(measure, ts, doc) -> tuple[bool, list[str]]:
    """(sentence units agree, names of values that differ from textstat)."""
    kinds = measure.kinds
    text = " ".join(_units(doc, kinds))
    ours = measure.counts(doc)
    bad = [k for k, v in textstat_counts(ts, text).items() if ours[k] != v]
    if not ours["words"]:  # nothing to score: NaN here, where textstat says 0.0
        return False, bad + [k for k in SCORES if not math.isnan(measure(doc).values[
            f"readability_{k}"])]
    # Formulas on textstat's own counts (its own sentence count) reproduce textstat exactly.
    own = scores_from_counts({**ours, "sentences": ts.sentence_count(text)})
    bad += [f"formula:{k}" for k in SCORES if not math.isclose(own[k], getattr(ts, k)(text),
                                                               rel_tol=0, abs_tol=1e-6)]
    same_units = textstat_input(doc, kinds)
    agree = ts.sentence_count(same_units) == ours["sentences"]
    if agree:
        values = measure(doc).values
        bad += [k for k in SCORES if not math.isclose(
            values[f"readability_{k}"], getattr(ts, k)(same_units), rel_tol=0, abs_tol=1e-6)]
    return agree, bad


def test_exact_on_onestop(measure, ts):
    rows = _onestop_rows()
    assert len(rows) >= 500
    n_agree = 0
    failures = {}
    for r in rows:
        agree, bad = _compare(measure, ts, segment(r["path"], r["text"]))
        n_agree += agree
        if bad:
            failures[r["path"]] = bad
    assert not failures, list(failures.items())[:5]
    # Scores compared end to end (same sentence units) on at least 500 texts.
    assert n_agree >= 500, n_agree


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_exact_on_edge_cases(measure, ts, text):
    doc = segment("edge", text)
    agree, bad = _compare(measure, ts, doc)
    assert not bad
    if len(_units(doc, measure.kinds)) == 1 and measure.counts(doc)["words"] >= 3:
        assert agree  # a single unit ending in .!? is one sentence for both


def test_counting_rules():
    m = Readability()
    c = m.counts(segment("d", "Self-guided care costs 3.5 dollars – don’t panic, it's fine."))
    # textstat: hyphenated and decimal tokens are one word; a lone dash is no word.
    assert c["words"] == 9
    assert c["tokens"] == 10
    # Coleman–Liau letters: word characters only ("Selfguided" = 10, "35" = 2 ...).
    words = "Self-guided care costs 3.5 dollars don’t panic it's fine"
    assert c["letters"] == len(re.findall(r"\w", words))


def test_offline(monkeypatch):
    nltk = pytest.importorskip("nltk")

    def no_network(*args, **kwargs):
        raise RuntimeError("network access attempted")

    monkeypatch.setattr(nltk, "download", no_network)
    values = Readability()(segment("d", "Regular walking improves sleep quality in adults.")).values
    assert values["readability_syllables"] > 0
    assert math.isfinite(values["readability_flesch_reading_ease"])


def test_short_texts_are_flagged_not_zero():
    m = Readability()
    one = m(segment("d", "Microdosing.")).values
    assert "short_text:<100 words" in one["readability_warning"]
    assert "smog_needs_30_sentences" in one["readability_warning"]
    assert math.isnan(one["readability_smog_index"])
    assert one["readability_words"] == 1
    assert one["readability_flesch_reading_ease"] != 0

    for text in ("", "   \n", "Share This Post"):
        empty = m(segment("d", text)).values
        assert empty["readability_warning"] == "no_text"
        assert all(math.isnan(empty[c]) for c in m.columns() if c != "readability_warning")


def test_long_text_has_no_warning():
    para = (
        "Sleep helps the body repair itself after a long day of work. "
        "Most adults need seven to nine hours of sleep every night. "
    )
    text = "\n\n".join([para * 3] * 6)  # 36 sentences, 300+ words
    values = Readability()(segment("d", text)).values
    assert values["readability_sentences"] == 36
    assert values["readability_words"] >= 100
    assert values["readability_warning"] == ""
    assert math.isfinite(values["readability_smog_index"])


def test_thresholds_are_parameters():
    text = "Drink water every day. Walk for thirty minutes. Sleep well at night."
    loose = Readability(min_words=5, min_sentences=3)(segment("d", text)).values
    assert loose["readability_warning"] == ""
    assert math.isfinite(loose["readability_smog_index"])
    strict = Readability()(segment("d", text)).values
    assert strict["readability_warning"] == "short_text:<100 words;smog_needs_30_sentences"


def test_one_and_two_word_units_are_not_sentences():
    text = (
        "These are the most common side effects of the new drug:\n"
        "• Nausea\n• Headache\n• Mild dizziness\nTell your doctor."
    )
    doc = segment("d", text)
    assert len(doc.sentences_in({"paragraph", "list_item"})) == 5
    c = Readability().counts(doc)
    assert c["sentences"] == 2  # the lead-in and "Tell your doctor." have 3+ words
    assert c["words"] == 11 + 1 + 1 + 2 + 3
    assert Readability(min_sentence_words=1).counts(doc)["sentences"] == 5


def test_deterministic():
    text = "\n\n".join(EDGE_TEXTS)
    doc = segment("d", text)
    a = Readability()(doc).values
    b = Readability()(doc).values
    warm = Readability()
    warm(segment("other", "Completely different words warm the memo first."))
    c = warm(doc).values
    tiny = Readability(cache_size=5)  # the memo is cleared again and again
    d = tiny(doc).values
    for other in (b, c, d, tiny(doc).values):
        assert set(other) == set(a)
        for k, v in a.items():
            assert v == other[k] or (isinstance(v, float) and math.isnan(v)
                                     and math.isnan(other[k]))


def test_heading_glued_vs_separated():
    body = (
        "Magnesium supplements are popular. Some people take them for sleep. "
        "The evidence is mixed. Talk to a pharmacist first."
    )
    heading = "What the research says about magnesium and better sleep"
    separated = segment("s", heading + "\n\n" + body)
    glued = segment("g", heading + " " + body)
    assert [b.kind for b in separated.blocks] == ["heading", "paragraph"]
    m = Readability()
    sep, glu = m(separated).values, m(glued).values
    # Glued, the heading's 9 words lengthen the first sentence: same sentences, more words.
    assert glu["readability_sentences"] == sep["readability_sentences"] == 4
    assert glu["readability_words"] == sep["readability_words"] + 9
    assert glu["readability_flesch_kincaid_grade"] > sep["readability_flesch_kincaid_grade"]
    # Counting headings as units (kinds parameter) reads the heading as its own sentence.
    with_heading = Readability(kinds=("heading", "paragraph"))(separated).values
    assert with_heading["readability_sentences"] == 5
    assert with_heading["readability_words"] == glu["readability_words"]
    assert (
        with_heading["readability_flesch_kincaid_grade"]
        < glu["readability_flesch_kincaid_grade"]
    )


def test_columns_and_registry():
    m = get("readability")()
    values = m(segment("d", "\n\n".join(EDGE_TEXTS))).values
    assert list(values) == m.columns()
    assert m.columns() == (
        [f"readability_{s}" for s in SCORES]
        + [f"readability_{c}" for c in COUNTS]
        + ["readability_warning"]
    )
    assert m.get_params()["kinds"] == ("list_item", "paragraph", "quote")
    with pytest.raises(ValueError):
        Readability(lang="de")


def test_syllables_of_words_outside_the_dictionary_equal_textstat(ts):
    """Words the CMU dictionary lacks are hyphenated (pyphen's en_US patterns), as textstat."""
    from textstudy.textstat_offline import cmu_dictionary

    cmu = cmu_dictionary()
    made = [w + s for w in list(cmu)[::193] for s in ("ness", "ings", "ically")]
    words = [w for w in made if w.isalpha() and w not in cmu]
    words += ["microdosing", "immunohistochemistry", "covid", "kinasespecific"]
    # Short words (no point possible), digits, non-ASCII letters and pattern characters.
    words += ["a", "ab", "abc", "abcd", "2024", "naïve", "café", "ﬁnancial", "don’t", "x.y"]
    assert len(words) > 500
    m = Readability(kinds=BLOCK_KINDS)  # a one-word line is a heading
    for w in words:
        assert m.counts(segment("d", w))["syllables"] == ts.syllable_count(w), w


def test_cmu_syllable_counts_equal_cmudict_first_pronunciation():
    from textstudy.measures.readability import cmu_syllable_counts
    from textstudy.textstat_offline import cmu_dictionary

    cmu = cmu_dictionary()
    table = cmu_syllable_counts()
    assert table.keys() == cmu.keys()
    for w, prons in cmu.items():
        assert table[w] == sum(1 for p in prons[0] if p[-1].isdigit()), w


def test_single_words_match_textstat(ts):
    """Every per-token path: CMU words (precomputed fields), pyphen words, punctuation."""
    from textstudy.measures.readability import cmu_syllable_counts

    words = [w for w in list(cmu_syllable_counts())[::400] if w.isalpha()]
    words += [w.capitalize() for w in words[::5]] + [w + "," for w in words[::7]]
    words += ["kinasespecific", "Nonepithelial.", "“quoted”", "it’s", "don't", "--", "3.5", "x_y"]
    m = Readability(min_sentences=1)
    for w in words:
        doc = segment("d", f"We read {w} here today, as we planned.")
        ours = m.counts(doc)
        theirs = textstat_counts(ts, " ".join(_units(doc, m.kinds)))
        assert theirs["words"] >= 4
        assert {k: ours[k] for k in theirs} == theirs, w
