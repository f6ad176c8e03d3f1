"""Tests of the commercial-intent and disclaimer measures (sentences written for these tests)."""

from __future__ import annotations

import math
import random
import re
from pathlib import Path

import pytest

from textstudy.document import BLOCK_KINDS, BODY_KINDS, lower_same_length
from textstudy.measures import get
from textstudy.measures.commercial import (
    _CASE_ODD,
    _LONG_LOWER,
    COMMERCIAL_CATEGORIES,
    DISCLAIMER_CATEGORIES,
    Commercial,
    Disclaimers,
    _Literals,
    _Pattern,
)
from textstudy.regex_facts import leading_words
from textstudy.segment import segment

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="module")
def commercial() -> Commercial:
    return Commercial()


@pytest.fixture(scope="module")
def disclaimers() -> Disclaimers:
    return Disclaimers()


def found(measure, text: str) -> list[tuple[str, str]]:
    """(category, text as written) of every match."""
    doc = segment("t", text)
    return [(m.category, doc.text[m.start : m.end]) for m in measure(doc).matches]


def cats(measure, text: str) -> set[str]:
    return {c for c, _ in found(measure, text)}


# --- categories -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, category, span",
    [
        ("Shop now and feel the difference.", "call_to_action", "Shop now"),
        ("Contact us for a tailored plan.", "call_to_action", "Contact us"),
        ("Begin your healing journey with a guided programme.", "call_to_action",
         "Begin your healing journey"),
        ("We offer a free consultation for new clients.", "consultation_offer",
         "free consultation"),
        ("Schedule a discovery call this week.", "consultation_offer", "discovery call"),
        ("Book a session to talk it through.", "consultation_offer", "Book a session"),
        ("Our capsules contain 0.1 g of dried mushroom.", "product_or_service", "Our capsules"),
        ("The six-week self-guided course walks you through it.", "product_or_service",
         "six-week self-guided course"),
        ("Each blend is designed for people like you.", "product_or_service",
         "designed for people like you"),
        ("A starter kit costs $49/month with free shipping.", "pricing", "$49/month"),
        ("A starter kit costs $49/month with free shipping.", "pricing", "free shipping"),
        ("Take 15% off with code CALM15.", "pricing", "15% off"),
        ("Take 15% off with code CALM15.", "pricing", "with code CALM15"),
        ("Read our comprehensive guide to tapering.", "self_promotion",
         "our comprehensive guide"),
        ("At Bright Path Wellness, we believe in gentle change.", "self_promotion",
         "At Bright Path Wellness, we believe"),
        ("More details are on brightpath.club and www.example-shop.com/kits.", "business_link",
         "brightpath.club"),
        ("More details are on brightpath.club and www.example-shop.com/kits.", "business_link",
         "www.example-shop.com/kits"),
    ],
)
def test_commercial_categories(commercial, text, category, span):
    assert (category, span) in found(commercial, text)


@pytest.mark.parametrize(
    "text, category, span",
    [
        ("This page is for informational purposes only.", "medical_disclaimer",
         "for informational purposes only"),
        ("Nothing here is medical advice, and it is not medical advice.", "medical_disclaimer",
         "not medical advice"),
        ("Consult your physician before starting any new supplement.", "medical_disclaimer",
         "Consult your physician before starting"),
        ("Psilocybin is illegal in most countries.", "legal_disclaimer",
         "illegal in most countries"),
        ("We accept no liability for how you use this information.", "legal_disclaimer",
         "accept no liability"),
        ("This post contains affiliate links.", "disclosure", "affiliate links"),
        ("We may earn a commission when you buy through our links.", "disclosure",
         "We may earn a commission"),
        ("The authors declare no conflict of interest.", "disclosure", "conflict of interest"),
    ],
)
def test_disclaimer_categories(disclaimers, text, category, span):
    assert (category, span) in found(disclaimers, text)


# --- the imperative rule ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, cue_trigger",
    [
        ("Visit Acme Wellness to learn how microdosing works.", "brand"),
        ("Try Solace's calm blend for two weeks.", "brand"),
        ("Today, order your MindBloom starter kit.", "brand"),
        ("Now order a starter kit.", "object"),
        ("Explore our range of teas.", "first_person"),
        ("Join us for a free webinar on sleep.", "first_person"),
        ("To learn more, visit brightpath.club.", "link"),
        ("Feel free to email me with any questions.", "first_person"),
        ("Enrol online.", "now"),
        ("• Download the app and track your mood.", "object"),
    ],
)
def test_imperative_rule_positive(commercial, text, cue_trigger):
    doc = segment("t", text)
    ms = [m for m in commercial(doc).matches if m.category == "call_to_action"]
    assert len(ms) == 1
    assert ms[0].cue.endswith("+" + cue_trigger)
    # the span is the verb itself, at the start of the imperative clause
    assert doc.text[ms[0].start : ms[0].end].lower().split()[0] in ms[0].cue


@pytest.mark.parametrize(
    "text",
    [
        "Visit your doctor regularly.",
        "Start with a low dose.",
        "Try the Mediterranean diet for a month.",
        "Join a support group in your area.",
        "Order of magnitude estimates were made.",
        "Use of the drug rose sharply in 2019.",
        "Visit the NHS website for advice on dosing.",
        "Call 911 if you have chest pain.",
        "Schedule a consultation with your doctor before you begin.",
        "Book an appointment with your GP.",
        "People who visit our clinic often ask about it.",  # not sentence-initial
        "Patients were asked to visit Boston Children's Hospital.",
    ],
)
def test_imperative_rule_negative(commercial, text):
    assert "call_to_action" not in cats(commercial, text)
    assert "consultation_offer" not in cats(commercial, text)


def test_first_person_overrides_advice(commercial):
    # a health professional *of the outlet* is commercial
    assert "call_to_action" in cats(commercial, "Contact our therapist for an intake.")
    assert "call_to_action" not in cats(commercial, "Contact a therapist for support.")


@pytest.mark.parametrize(
    "text",
    [
        "Consult your physician if symptoms persist.",
        "Talk to your doctor about side effects.",
        "Speak with a healthcare provider about your options.",
        "Call your GP if the rash spreads.",
    ],
)
def test_doctor_advice_is_not_commercial(commercial, text):
    doc = segment("t", text)
    assert commercial(doc).matches == []


def test_reference_links_are_not_business(commercial):
    text = "See https://doi.org/10.1000/xyz123 and nih.gov, and who.int for details."
    assert found(commercial, text) == []


def test_own_domains_are_self_promotion():
    m = Commercial(own_domains=("brightpath.club",))
    assert cats(m, "Read more on brightpath.club today.") == {"self_promotion"}
    assert cats(Commercial(), "Read more on brightpath.club today.") == {"business_link"}


def test_reported_prices_need_reader_address(commercial):
    assert "pricing" not in cats(commercial, "Rents rose to £800 a month in the city.")
    assert "pricing" in cats(commercial, "Your plan is only £8 a month.")
    assert "pricing" not in cats(commercial, "The firm paid only £8.6m in tax.")


def test_prices_in_product_listings_count_without_address(commercial):
    listing = "Our blends\n• Calm Blend capsules – $49.99\n• Focus Blend capsules – $44.99\n"
    doc_cats = [m.category for m in commercial(segment("d", listing)).matches]
    assert doc_cats.count("pricing") == 2
    assert "pricing" not in cats(commercial, "The jacket sold for $49.99 at the auction.")


# --- columns, positions, match/column equality ------------------------------------------------


TEXT = """Microdosing: what the research says

Small doses of psilocybin are being studied for mood.
Visit Acme Wellness to start your journey today.
Our capsules are lab-tested and designed for people like you.
This article is for informational purposes only. We may earn a commission.
Subscribe to our newsletter
"""


def test_columns_and_counts(commercial, disclaimers):
    doc = segment("d1", TEXT)
    for measure in (commercial, disclaimers):
        r = measure(doc)
        assert list(r.values) == measure.columns()
        fam = measure.name
        assert r.values[f"{fam}_n"] == len(r.matches)
        assert all(m.measure == fam for m in r.matches)
        cats_ = COMMERCIAL_CATEGORIES if fam == "commercial" else DISCLAIMER_CATEGORIES
        for c in cats_:
            assert r.values[f"{fam}_{c}_n"] == sum(m.category == c for m in r.matches)
        assert sum(r.values[f"{fam}_{c}_n"] for c in cats_) == r.values[f"{fam}_n"]
        words = doc.n_words(set(measure.kinds))
        assert r.values[f"{fam}_per_1k"] == pytest.approx(1000 * len(r.matches) / words)
        for m in r.matches:
            s = doc.sentences[m.sentence_id]
            assert s.start <= m.start < m.end <= s.end


def test_positions(commercial):
    doc = segment("d1", TEXT)
    r = commercial(doc)
    starts = [m.start for m in r.matches]
    assert r.values["commercial_first_position"] == pytest.approx(min(starts) / len(TEXT))
    mean = sum(s / len(TEXT) for s in starts) / len(starts)
    assert r.values["commercial_mean_position"] == pytest.approx(mean)
    assert 0 <= r.values["commercial_first_position"] <= r.values["commercial_mean_position"] < 1
    # a marker in the first line sits at 0; one at the very end approaches 1
    first = commercial(segment("x", "Shop now. " + "Plain words here. " * 20))
    assert first.values["commercial_first_position"] == 0.0
    last = commercial(segment("x", "Plain words here. " * 20 + "Shop now."))
    assert last.values["commercial_first_position"] > 0.9


def test_no_markers_gives_nan_positions_and_zero_counts(commercial):
    r = commercial(segment("x", "Sleep helps memory. Exercise helps mood."))
    assert r.values["commercial_n"] == 0 and r.values["commercial_per_1k"] == 0
    assert math.isnan(r.values["commercial_first_position"])
    assert math.isnan(r.values["commercial_mean_position"])
    empty = commercial(segment("x", ""))
    assert math.isnan(empty.values["commercial_per_1k"])


def test_boilerplate_scanned_by_default_only(commercial):
    doc = segment("x", "Sleep helps memory.\n\nSubscribe to our newsletter\n")
    assert {doc.blocks[1].kind} == {"boilerplate"}  # page furniture per structure.py
    assert commercial(doc).values["commercial_n"] == 1
    body_only = Commercial(kinds=tuple(BODY_KINDS))
    assert body_only(doc).values["commercial_n"] == 0


def test_registered_and_hashed():
    assert get("commercial") is Commercial and get("disclaimers") is Disclaimers
    for m in (Commercial(), Disclaimers()):
        (h,) = m.lexicon_hashes().values()
        assert len(h) == 64


def test_prefilter_does_not_change_results():
    """The prefiltered scan finds exactly what a full scan of every pattern finds."""
    m = Commercial()
    text = ("x " * 200 + "Prices start at only $49 per month for you; see www.example-shop.com/" +
            "a" * 400 + " and brightpath.club. At Bright Path, we care.\n") * 3
    doc = segment("p", text)
    fast = sorted(h[:4] for h in m._scanner.find(doc, set(m.kinds)))
    saved = m._scanner.patterns
    m._scanner.patterns = [(rx, None, term, cat) for rx, _, term, cat in saved]
    try:
        full = sorted(h[:4] for h in m._scanner.find(doc, set(m.kinds)))
    finally:
        m._scanner.patterns = saved
    assert fast == full and len(fast) >= 6


# --- validation data (skips without ../shared/data) -------------------------------------------


def test_false_positive_rate_on_noncommercial_text(tmp_path):
    if not (DATA / "hedging" / "bioscope_abstracts.jsonl").exists():
        pytest.skip("../shared/data not available")
    from textstudy.validation.commercial import validate_commercial

    res = validate_commercial(DATA, out=tmp_path / "v.json")
    assert (tmp_path / "v.json").exists()
    for s in ("bioscope_abstracts", "onestop_news"):
        r = res[s]["commercial"]
        assert r["words"] > 100_000
        assert r["per_10k_words"] == pytest.approx(10_000 * r["markers"] / r["words"])
        assert r["per_10k_words"] < 1.0
    assert res["passed"]


# --- speed tricks give the results of plain full scans ----------------------------------------


def _full_scan(scanner, doc):
    """The scanner's hits with its plain terms matched over the whole text and every pattern
    run over every block (no anchors, no prefilter)."""
    saved = scanner.unanchored, scanner.patterns
    scanner.unanchored = True
    scanner.patterns = [(p, None, term, cat) for p, _, term, cat in saved[1]]
    try:
        return sorted(h[:4] for h in scanner.find(doc, set(BLOCK_KINDS)))
    finally:
        scanner.unanchored, scanner.patterns = saved


@pytest.mark.parametrize("seed", range(6))
def test_anchored_runs_find_what_a_full_scan_finds(commercial, disclaimers, seed):
    """Plain terms are matched only in runs around anchors: same hits as one scan of the text,
    with terms split by odd whitespace and line breaks, inside longer words, next to hyphens,
    apostrophes and non-ASCII letters, and across block boundaries."""
    rng = random.Random(seed)
    glue = [" ", "  ", "\n", "\n\n", ", ", ". ", "-", "’", "é", "x", " (", ") ", " the ", "\t"]
    for measure in (commercial, disclaimers):
        scanner = measure._scanner
        t = scanner.lexicon.table
        terms = t.loc[~t["category"].str.startswith("rule:") & (t["pattern"] == ""), "term"]
        terms = terms.tolist()
        pieces = []
        for _ in range(150):
            term = rng.choice(terms)
            term = rng.choice([term, term.upper(), term.capitalize()])
            pieces.append(term.replace(" ", rng.choice([" ", "  ", "\n", " \n "])))
            pieces.append(rng.choice(glue))
        doc = segment("r", "".join(pieces))
        fast = sorted(h[:4] for h in scanner.find(doc, set(BLOCK_KINDS)))
        assert fast == _full_scan(scanner, doc)
        assert len(fast) > 30


def test_literal_index_finds_every_occurrence():
    literals = {"app", "apply", "sign", "’s", "£", "aaa", "ssion", "1:1", ", we", "x"}
    index = _Literals(literals)
    rng = random.Random(1)
    alphabet = list("apslyignx ,we1:£’é?aaa") + ["ssion", "\U0001f600"]
    for _ in range(200):
        low = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        expected = {}
        for lit in literals:
            starts = [i for i in range(len(low)) if low.startswith(lit, i)]
            if starts:
                expected[lit] = starts
        assert index.find(low) == expected


def test_literal_index_word_end_keeps_occurrences_before_a_word_edge():
    """A three-letter literal wanted only before a word edge (end of text, space, punctuation,
    a non-ASCII non-word character such as "’") is still found there; "app" in "apply" may go."""
    literals = {"app", "apply", "sign", "aaa", "’s", ", we"}
    index = _Literals(literals, word_end={"app", "aaa", "sign"})
    rng = random.Random(2)
    alphabet = ["app", "sign", "aaa", "ly", "a", "p", "s", "i", " ", ",", "we", ".", "-", "_"]
    alphabet += ["’", "é", "?", "\0", "\u2019s", "\U0001f600"]
    for _ in range(300):
        low = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        found = index.find(low)
        for lit in literals:
            starts = [i for i in range(len(low)) if low.startswith(lit, i)]
            if lit in {"app", "aaa", "sign"}:
                assert set(found.get(lit, [])) <= set(starts)
                starts = [i for i in starts if not re.match(r"[\w\-]", low[i + len(lit) :])]
                assert set(starts) <= set(found.get(lit, []))
            else:
                assert found.get(lit, []) == starts


def test_case_odd_characters():
    """Only "İ" (``_LONG_LOWER``) changes length when lower-cased; outside ``_CASE_ODD``,
    ``str.lower()`` maps every character that re.IGNORECASE matches to an ASCII letter onto
    that letter (so a pattern's leading words are found in ``doc.lower``)."""
    chars = list(map(chr, range(0x110000)))
    assert {c for c in chars if len(c.lower()) != 1} == set(_LONG_LOWER)
    letter = re.compile("[a-z]", re.IGNORECASE).fullmatch
    odd = {c for c in chars if letter(c) and not ("a" <= c.lower() <= "z")}
    assert odd | set(_LONG_LOWER) == set(_CASE_ODD)


def test_leading_words_with_case_odd_characters(commercial):
    """"ſ" matches "s" case-insensitively but stays "ſ" in ``doc.lower``: the pattern is
    searched without its leading words."""
    doc = segment("p", "Please reſerve a session with me.")
    hits = commercial._scanner.find(doc, set(BLOCK_KINDS))
    assert [doc.text[h[0] : h[1]] for h in hits if h[3] == "book a session"] == [
        "reſerve a session"
    ]


def test_leading_words():
    assert leading_words(r"\b(?:Book|schedule\s+a)\s+x") == ["book", "schedule"]
    assert leading_words(r"\bfree\s+\d") == ["free"]
    assert leading_words(r"\b(?:a|b)x|y") is None  # "y" may open a match
    assert leading_words(r"\b(?:these\s+)?statements") is None
    assert leading_words(r"\b(?:\d{1,2}|one)-week") is None
    assert leading_words(r"(?<!x)\bfoo") is None


@pytest.mark.parametrize("seed", range(4))
def test_patterns_skip_to_their_leading_words_exactly(commercial, disclaimers, seed):
    """Searching from the first leading word in the lower-cased text finds what the pattern
    finds, with upper case, the Kelvin sign (lower case "k") and non-ASCII letters around."""
    rng = random.Random(seed)
    pieces = [
        "BOOK a Session", "boo\u212a an initial call", "Only $5", "FREE 30-minute call",
        "kick-start your journey", "Start your healing journey", "use code CALM10",
        "Consult your doctor before", "We may earn a commission", "This post is sponsored",
        "Produced in partnership with", "not intended to diagnose, treat, cure or prevent",
        "save 20%", "book", "é", " ", "\n", ", ", "x", "Ärzte", "’",
    ]
    text = "".join(rng.choice(pieces) for _ in range(120))
    low = lower_same_length(text)
    n = 0
    for measure in (commercial, disclaimers):
        for fast, _, _, _ in measure._scanner.patterns:
            if fast.lead is None:
                continue
            for _ in range(10):
                a = rng.randrange(len(text))
                z = rng.randrange(a, len(text) + 1)
                expected = [m.span() for m in fast.rx.finditer(text, a, z)]
                assert [m.span() for m in fast.finditer(text, a, z, low)] == expected
                n += len(expected)
    assert n > 20


def test_lookbehind_patterns_skip_to_candidates_exactly():
    t = Commercial()._scanner.lexicon.table
    patterns = [p for p in t["pattern"] if p.startswith("(?<")]
    assert patterns
    text = (
        "It costs over $5 a month, more than £3 per week, $49.99/month or £9 a month, "
        "and between $2 and $4 per session; about €10 a year. $$5 per day.£1 a week"
    )
    for p in patterns:
        fast = _Pattern(p)
        assert fast.rest is not None
        for a, z in [(0, len(text)), (5, 60), (17, len(text) - 3), (30, 30)]:
            expected = [m.span() for m in re.compile(p, re.IGNORECASE).finditer(text, a, z)]
            assert [m.span() for m in fast.finditer(text, a, z)] == expected


def test_sentence_opener_check_is_the_first_word_in_lower_case(commercial):
    """The opener test on ``doc.lower`` agrees with lower-casing the sentence's first word,
    also for the Kelvin sign (lower case "k") and "İ" (whose lower case has two characters)."""
    rules = commercial._rules
    t = commercial._lex.table
    first = {
        re.split(r"[\s'’]", w.lower())[0]
        for w in t.loc[t["category"].isin(["rule:verb", "rule:lead", "rule:intro"]), "term"]
    }
    for s in [
        "Visit us", "VISIT us", "• “Order now", "Visitors come", "İf you can, visit us",
        "If you can, visit us", "Clic\u212a here", "_Shop now", "Shop_now", "sign-up now",
        "123 shop", "", "   ", "Çall us",
    ]:
        w = re.match(r"[^\w]*([^\W_]+)", s)
        expected = w is not None and w.group(1).lower() in first
        low = lower_same_length(s)
        assert rules.opens(low, 0, len(low)) == expected, s


def test_rates_without_matches(commercial, disclaimers):
    for measure in (commercial, disclaimers):
        fam = measure.name
        assert math.isnan(measure(segment("x", "… — !!")).values[f"{fam}_per_1k"])
        assert measure(segment("x", "Sleep helps memory.")).values[f"{fam}_per_1k"] == 0.0


@pytest.mark.parametrize("odd", ["ſ", "ı"])
def test_case_odd_letters_inside_a_prefiltered_pattern(commercial, odd):
    """A prefilter word spelt with a letter that re.IGNORECASE folds but ``doc.lower`` keeps
    ("ſeſſion", "dıscount") is not in the lower-cased text: the pattern then runs unfiltered."""
    word = "ſeſſion" if odd == "ſ" else "sessıon"
    doc = segment("p", f"Book a {word} with me today.")
    hits = commercial._scanner.find(doc, set(BLOCK_KINDS))
    assert any(word in doc.text[h[0] : h[1]] for h in hits)
