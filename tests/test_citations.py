"""Tests of the citations measure: every kind, the counting rules, and table/count agreement.

All sentences are written for these tests (realistic health-web phrasing, not copied).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from textstudy.lexicon import load_lexicon
from textstudy.measures import get
from textstudy.measures.citations import SPECIFIC_KINDS, VAGUE_KINDS, Citations, citation_table
from textstudy.segment import segment

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="module")
def measure() -> Citations:
    return Citations()


def cites(text: str, measure: Citations) -> list[tuple[str, str]]:
    """(kind, span text) of every counted citation in ``text``."""
    return [(r["kind"], r["text"]) for r in citation_table(segment("t", text), measure)]


def kinds(text: str, measure: Citations) -> list[str]:
    return [k for k, _ in cites(text, measure)]


# -- specific kinds: positives -----------------------------------------------------------------
@pytest.mark.parametrize(
    "text, kind, needle",
    [
        ("A 2022 survey of over 250 individuals found fewer migraines.", "study_with_year", "2022"),
        ("A 2019 study linked poor sleep to weight gain.", "study_with_year", "2019 study"),
        ("One study published in 2018 tracked 400 nurses.", "study_with_year", "2018"),
        ("The results were published in the Journal of Psychopharmacology.", "journal",
         "Journal of Psychopharmacology"),
        ("A team writing in Frontiers in Psychiatry described the cases.", "journal",
         "Frontiers in Psychiatry"),
        ("The Lancet has called the findings robust.", "journal", "Lancet"),
        ("The authors reported their data in JAMA last spring.", "journal", "JAMA"),
        ("The paper appeared in Nature in March.", "journal", "Nature"),
        ("Smith et al. 2020 reported a similar pattern.", "author", "Smith et al. 2020"),
        ("Smith and Lee (2019) found no change in blood pressure.", "author", "Smith and Lee"),
        ("Fasting may lower insulin levels (Garcia, 2021).", "author", "Garcia, 2021"),
        ("Health Canada clearly states that the product is not approved.", "institution",
         "Health Canada"),
        ("According to the FDA, the supplement is unsafe.", "institution", "FDA"),
        ("Researchers at Johns Hopkins University gave volunteers a single dose.", "institution",
         "Johns Hopkins University"),
        ("The Beckley Foundation's research focuses on psychedelic drug policy.", "institution",
         "Beckley Foundation"),
        ("The trial is registered as NCT04123456.", "trial_or_review", "NCT04123456"),
        ("The SPRINT trial lowered blood pressure targets.", "trial_or_review", "SPRINT"),
        ("A 2021 meta-analysis pooled 14 trials.", "trial_or_review", "2021 meta-analysis"),
        ("A systematic review published in the BMJ found small benefits.", "trial_or_review",
         "systematic review"),
        ("Full guidance is at https://www.nhs.uk/conditions/migraine/ for readers.", "url_or_doi",
         "https://www.nhs.uk/conditions/migraine/"),
        ("See doi:10.1056/NEJMoa2032994 for the full paper.", "url_or_doi",
         "10.1056/NEJMoa2032994"),
        ("The abstract is indexed as PMID: 31234567.", "url_or_doi", "PMID: 31234567"),
        ("Details are on cdc.gov under travel vaccines.", "url_or_doi", "cdc.gov"),
        ('"Most people tolerate it well," said Dr. Jane Chan, a neurologist at Stanford.',
         "named_person", "Jane Chan"),
        ("According to Prof. Smith, the effect fades within weeks.", "named_person", "Prof. Smith"),
        ("Maria Lopez, a dietitian in Toronto, says fibre is the first thing to check.",
         "named_person", "Maria Lopez"),
    ],
)
def test_specific_kind(text: str, kind: str, needle: str, measure: Citations) -> None:
    found = cites(text, measure)
    assert [k for k, _ in found] == [kind], found
    assert needle in found[0][1]


# -- vague kinds: positives --------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, kind",
    [
        ("Studies show that magnesium improves sleep.", "research"),
        ("Research suggests that walking lowers anxiety.", "research"),
        ("Some studies have demonstrated a benefit for mood.", "research"),
        ("A study found that people who nap live longer.", "research"),
        ("In one study, participants slept an hour more.", "research"),
        ("Scientists think the gut shapes mood.", "experts"),
        ("Experts emphasize that the dose matters.", "experts"),
        ("Doctors agree that rest helps.", "experts"),
        ("Evidence suggests the effect is small.", "evidence"),
        ("It has been shown to reduce inflammation.", "evidence"),
        ("Data indicate a steady rise in cases.", "evidence"),
        ("There is growing evidence for this approach.", "evidence"),
        ("Personal accounts from individuals describe profound change.", "anecdote"),
        ("Many users report better focus.", "anecdote"),
        ('"This tea changed my life!" - Jane D.', "anecdote"),
    ],
)
def test_vague_kind(text: str, kind: str, measure: Citations) -> None:
    assert kinds(text, measure) == [kind]


def test_testimonial_span_covers_the_quote(measure: Citations) -> None:
    [(kind, text)] = cites('"I sleep through the night now." - Tom K.', measure)
    assert kind == "anecdote" and text.startswith('"I sleep') and text.endswith("Tom K.")


# -- negatives ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "In 2022, I started taking magnesium before bed.",
        "Consult your doctor before taking supplements.",
        "Medically reviewed by Dr. Jane Chan, MD.",
        "Written by Dr. Jane Chan on 3 May 2023.",
        "The FDA approved the drug in 2019.",
        "More research is needed before anyone can recommend it.",
        "The researchers found no side effects.",
        "These data suggest a role for sleep.",
        "A trial in 2000 patients is under way.",
        "Nature walks can ease stress.",
        "Science is a process, not a list of facts.",
        "The WHO who visited the clinic stayed late.",
        "Talk to your pharmacist about interactions.",
    ],
)
def test_not_a_citation(text: str, measure: Citations) -> None:
    found = cites(text, measure)
    assert [k for k in found if k[0] in SPECIFIC_KINDS] == [], found
    if "doctor" in text or "Medically" in text or "Written" in text or "pharmacist" in text:
        assert found == []


def test_a_study_without_detail_is_vague_with_detail_specific(measure: Citations) -> None:
    assert kinds("A study found that coffee helps.", measure) == ["research"]
    assert kinds("A 2020 study found that coffee helps.", measure) == ["study_with_year"]


# -- counting rules ----------------------------------------------------------------------------
def test_several_cues_one_citation(measure: Citations) -> None:
    text = "A 2019 study published in the Journal of Psychopharmacology found lower anxiety."
    [row] = citation_table(segment("t", text), measure)
    assert row["family"] == "specific"
    assert row["kind"] == "journal"  # journal outranks study_with_year
    assert row["year"] == 2019
    assert row["source_name"] == "Journal of Psychopharmacology"
    assert row["text"].startswith("A 2019 study")


def test_two_sources_in_one_sentence_stay_two(measure: Citations) -> None:
    text = "A 2018 study in JAMA and a 2021 study in the BMJ disagreed."
    assert kinds(text, measure) == ["journal", "journal"]
    assert kinds("Both agree (Smith, 2019; Lee, 2020).", measure) == ["author", "author"]


def test_vague_cue_next_to_specific_is_absorbed(measure: Citations) -> None:
    assert kinds("A meta-analysis published in JAMA found a small effect.", measure) == [
        "trial_or_review"
    ]
    assert kinds("Studies show that fibre helps (Smith et al., 2019).", measure) == ["author"]


def test_distant_vague_cue_stays_vague(measure: Citations) -> None:
    text = (
        "Some studies suggest that it lifts mood in older adults with long-term pain, "
        "but the CDC recommends caution."
    )
    assert sorted(kinds(text, measure)) == ["institution", "research"]


def test_institution_name_read_as_person_becomes_institution(measure: Citations) -> None:
    assert kinds("Health Canada says the product is unsafe.", measure) == ["institution"]


# -- the wide row ------------------------------------------------------------------------------
ARTICLE = """# Does magnesium help you sleep?

Studies show that magnesium may improve sleep. A 2021 trial published in Sleep Medicine \
Reviews followed 120 adults. Experts say more work is needed.

"I finally sleep through the night!" - Mark T.

According to the NHS, most adults get enough magnesium from food. Dr. Amy Reid, a sleep \
researcher at the University of Leeds, said the evidence is thin.

- See https://www.nhs.uk/conditions/insomnia/ for more.
"""


def test_counts_equal_match_rows(measure: Citations) -> None:
    doc = segment("a", ARTICLE)
    res = measure(doc)
    v = res.values
    spec = [m for m in res.matches if m.measure == "citations_specific"]
    vague = [m for m in res.matches if m.measure == "citations_vague"]
    assert v["citations_specific_n"] == len(spec) > 0
    assert v["citations_vague_n"] == len(vague) > 0
    for k in SPECIFIC_KINDS:
        assert v[f"citations_{k}_n"] == sum(m.category == k for m in spec)
    for k in VAGUE_KINDS:
        assert v[f"citations_{k}_n"] == sum(m.category == k for m in vague)
    assert sum(v[f"citations_{k}_n"] for k in SPECIFIC_KINDS) == v["citations_specific_n"]
    words = doc.n_words()
    assert v["citations_specific_per_1k"] == pytest.approx(1000 * len(spec) / words)
    assert v["citations_specificity"] == pytest.approx(len(spec) / (len(spec) + len(vague)))
    assert set(v) == set(measure.columns())
    # matches and the citation table are the same units
    table = citation_table(doc, measure)
    assert [(r["start"], r["end"], r["kind"]) for r in table] == [
        (m.start, m.end, m.category) for m in res.matches
    ]
    for m in res.matches:
        assert m.sentence_id >= 0
        s = doc.sentences[m.sentence_id]
        assert s.start <= m.start < s.end


def test_table_fields(measure: Citations) -> None:
    doc = segment("a", ARTICLE)
    table = citation_table(doc, measure)
    assert {"family", "kind", "text", "year", "source_name", "start", "end", "sentence"} <= set(
        table[0]
    )
    for r in table:
        assert doc.text[r["start"] : r["end"]] == r["text"]
        assert r["year"] is None or isinstance(r["year"], int)
    names = {r["source_name"] for r in table}
    assert "NHS" in names and "Dr. Amy Reid" in names


def test_specificity_nan_without_citations(measure: Citations) -> None:
    v = measure(segment("a", "Drink water and rest.")).values
    assert v["citations_specific_n"] == 0 and v["citations_vague_n"] == 0
    assert math.isnan(v["citations_specificity"])
    assert v["citations_specific_per_1k"] == 0.0


def test_boilerplate_excluded_by_default() -> None:
    doc = segment("a", ARTICLE)
    only_headings = Citations(kinds=("heading",))(doc).values
    assert only_headings["citations_specific_n"] == 0


def test_registered_and_parameters() -> None:
    m = get("citations")()
    assert m.get_params()["max_gap"] == 60
    assert set(m.lexicon_hashes()) == {"citations_specific", "citations_vague"}


def test_gate_is_only_a_speed_gate(measure: Citations) -> None:
    ungated = Citations(gate=False)
    texts = [ARTICLE] + [
        "Smith et al. (2020) and Lee (2019) said so; see www.who.int/news for figures.",
        "'It works,' said Prof. Anna Berg. Personal accounts vary - Sam R.",
    ]
    if (DATA / "readability" / "onestop.jsonl").exists():
        with open(DATA / "readability" / "onestop.jsonl") as f:
            texts += [json.loads(line)["text"] for _, line in zip(range(60), f)]
    for i, t in enumerate(texts):
        doc = segment(str(i), t)
        assert measure(doc).matches == ungated(doc).matches


# -- lexicons ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["citations_specific", "citations_vague"])
def test_lexicon_rows_have_sources(name: str) -> None:
    t = load_lexicon(name).table
    assert (t["source"].str.strip() != "").all()
    cues = t[t["role"] == "cue"]
    assert len(cues) > 0 and (cues["pattern"] != "").all() and (cues["anchors"] != "").all()
    assert set(t["role"]) == {"cue", "list"}


# -- fast paths agree with the plain reference path --------------------------------------------
FAST_PATH_TEXTS = [
    # institution cues need a name or organisation noun somewhere after the sentence start
    "The study was small. Researchers at the University of Leeds said it was promising. "
    "According to the FDA, the supplement is unsafe. The agency said so twice.",
    # a match that runs over the next sentence start, and several gated sentences in a row
    "Dr. Jane Chan. Smith said so. Prof. Anna Berg said no. Lee said yes. Experts say more.",
    # dated studies need a year; a year in the next sentence only
    "A study found it works. A 2019 study of 300 adults disagreed. One survey. In 2020, a "
    "survey of nurses and a trial in 2000 patients followed.",
    # head lists on lower-cased text, and a text with a character whose case folding differs
    "SAID Dr. Amy Reid on Monday; ACCORDING TO the NHS the risk is low.",
    "Reſearchers at the Mayo Clinic said that ſtudies show a benefit, according to the WHO.",
    "Health Canada clearly states it. 'It helped,' said Tom Lee, a nurse at St Mary's Hospital, "
    "who added that the Beckley Foundation's research is early.",
    # rules tried only where a head word starts (the head column): after a hyphen, inside a
    # word, after an excluded determiner, and several candidates in one sentence
    "Non-studies show little. Somestudies show nothing, but some recent studies suggest a "
    "benefit. These studies show harm; early research shows promise and many experts say so.",
    "Most doctors believe it. The data show a rise, yet the latest figures suggest a fall. "
    "Growing evidence suggests benefit; this evidence shows harm. Stats show it (evidence is "
    "clear).",
    # person cues need two capitalised words in a row or a title and a name (requires group)
    "he said it. She said. Chan said so, and so did Dr. Lee. said Jane Chan, a nurse. MAYA "
    "LEE SAID SO. Anna B. Cole, a nurse, has said it.",
    # cues tried only at capitals (or "the"), a dash-led signature, and the same text with a
    # character above U+FFFF (no character heads, no bitmap classes)
    "“It changed my life.” — Jane D. the Mayo Clinic says so, and the WHO warns. "
    "Smith et al. (2020) agreed (Lee, 2019; Chan and Wu, 2018). Said Prof. Anna Berg.",
    "“It changed my life.” — Jane D. the Mayo Clinic says so, and the WHO warns 😀. "
    "Smith et al. (2020) agreed (Lee, 2019; Chan and Wu, 2018). Said Prof. Anna Berg.",
    # cues at the very start of the text (no character before a head or a required word)
    "Many users report calmer days. It has been shown to help, and studies show it.",
    "Studies show it works. In one study, it did not. Some studies suggest more - Sam R. "
    "“Great.” – Jo K. “Fine.” - Al B.",
    "Jane Chan said so. Smith (2019) and Lee and Wu (2020) disagree (Berg, 2018).",
    # required words only after the sentence end: beyond a character the cue cannot contain,
    # and within what it can ("Dr." ends a sentence, the name follows)
    "Many users. Report it. A study. Shows nothing. Growing evidence. Suggests it. Said Dr. "
    "Amy Reid. The Journal. Of Medicine. The TRIAL. Study it. Smith. (2019) Lee (2019).",
]


@pytest.mark.parametrize("text", FAST_PATH_TEXTS + [ARTICLE])
def test_fast_path_equals_reference_path(text: str, measure: Citations) -> None:
    doc = segment("t", text)
    fast, slow = measure(doc), Citations(gate=False)(doc)
    assert fast.matches == slow.matches
    assert fast.matches, "the text should contain citations"
    assert citation_table(doc, measure) == Citations(gate=False).table(doc)


def test_rates_use_the_document_word_count(measure: Citations) -> None:
    doc = segment("t", ARTICLE)
    v = measure(doc).values
    words = segment("t", ARTICLE).n_words(set(measure.kinds))
    assert v["citations_specific_n"] > 0 and v["citations_vague_n"] > 0
    assert v["citations_specific_per_1k"] == 1000 * v["citations_specific_n"] / words
    assert v["citations_vague_per_1k"] == 1000 * v["citations_vague_n"] / words


def test_character_heads_hold_every_first_character(measure: Citations) -> None:
    """A rule with a character head is tried only where the head class matches: every
    non-empty match, wherever it starts (inside a word too), must start with that class."""
    texts = FAST_PATH_TEXTS + [ARTICLE, "the FDA said; The NHS says \u212aelvin said Ms. Lee"]
    tried = 0
    for r, head in enumerate(measure._char_heads):
        if head is None:
            continue
        rx = measure._rules[r][3]
        for text in texts:
            tx = text.lower() if measure._lower[r] else text
            for i in range(len(tx)):
                m = rx.match(tx, i)
                if m is not None and m.end() > i:
                    tried += 1
                    assert head.match(tx, i), (r, tx[i : m.end()])
    assert tried > 20


def test_character_head_case_folding() -> None:
    from textstudy.regex_facts import char_head

    head = char_head(r"(?:(?i:k)\s+)?[A-Z]x")  # (?i) k also matches the Kelvin sign
    assert head is not None
    assert {c for c in "kK\u212aQ" if head.match(c)} == set("kK\u212aQ")
    assert not head.match("q")
    assert char_head(r"[A-Z]x") is None  # the engine skips to a leading class itself
    assert char_head(r"(?:a|b|c)?[d-z]x") is None  # too many lower-case letters


def test_measure_pickles(measure: Citations) -> None:
    import pickle

    doc = segment("a", ARTICLE)
    measure(doc)  # fills caches
    copy = pickle.loads(pickle.dumps(measure))
    assert copy(doc).matches == measure(doc).matches


def _matches_everywhere(measure: Citations, r: int, texts: list[str]):
    """Every non-empty match of rule ``r`` starting at any position that is not inside a word
    (as the measure keeps them), with the text it ran on."""
    rx = measure._rules[r][3]
    for text in texts:
        tx = text.lower() if measure._lower[r] else text
        for i in range(len(tx)):
            if i and (text[i - 1].isalnum() or text[i - 1] in "_-"):
                continue
            m = rx.match(tx, i)
            if m is not None and m.end() > i:
                yield tx, m


def test_stoppers_hold_no_character_of_a_match(measure: Citations) -> None:
    """A requires group may lie after the sentence end only up to the first character that a
    match of the rule cannot contain (its stopper): no match contains such a character."""
    texts = FAST_PATH_TEXTS + [ARTICLE]
    tried = 0
    for r, stop in enumerate(measure._stoppers):
        if stop is None:
            continue
        for tx, m in _matches_everywhere(measure, r, texts):
            tried += 1
            assert stop[0].search(tx, m.start(), m.end()) is None, (r, m.group())
    assert tried > 20
    assert measure._stoppers[27] is None  # "[^,;()]" can contain anything but four characters


def test_requires_groups_hold_in_every_match(measure: Citations) -> None:
    """Every kept match contains the start of an occurrence of each requires group of its
    rule, and begins with one of each ``^`` group (found after a non-word character for a
    ``{list}``)."""
    texts = FAST_PATH_TEXTS + [ARTICLE]
    tried = 0
    for r, groups in enumerate(measure._rule_requires):
        for tx, m in _matches_everywhere(measure, r, texts):
            for g, at_start in groups:
                rx, on_low, sep = measure._requires[g]
                assert on_low == measure._lower[r]
                if at_start:
                    tried += 1
                    assert rx.match(tx, m.start()), (r, m.group())
                    if sep is not None and m.start():
                        assert all(x.match(tx, m.start() - 1) for x in sep), (r, m.group())
                else:
                    found = rx.search(tx, m.start())  # it may end past the match (lookahead)
                    assert found is not None and found.start() < m.end(), (r, m.group())
    assert tried > 10


def test_scan_may_stop_at_the_stopper(measure: Citations) -> None:
    """A rule with a stopper finds the same match in the text cut ``reach`` characters after
    the first stopper from the match's last character on (what the single-sentence scan
    reads), and the lookahead and end tests make the reach unbounded."""
    from textstudy.regex_facts import lookahead_reach

    texts = FAST_PATH_TEXTS + [ARTICLE]
    tried = 0
    for r, reach in enumerate(measure._reach):
        if reach is None:
            continue
        stop = measure._stoppers[r][0]
        rx = measure._rules[r][3]
        for tx, m in _matches_everywhere(measure, r, texts):
            s = stop.search(tx, m.end() - 1)
            cut = s.start() + reach if s is not None else len(tx)
            tried += 1
            assert rx.match(tx, m.start(), cut).span() == m.span(), (r, m.group())
    assert tried > 20
    assert lookahead_reach(r"a\b") == 1 and lookahead_reach(r"a(?=\s?[;)])") == 2
    assert lookahead_reach(r"a(?=\s*;)") is None and lookahead_reach(r"a(?=,|$)") is None
