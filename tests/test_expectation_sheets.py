"""The reading-sheet checks (tests/expectations/sheets.py) on two short articles labelled here.

The labels below were decided by reading the two texts; each check must accept them and must
report a wrong, missing or extra label.
"""

import pandas as pd
import pytest

import textstudy
from tests.expectations.sheets import (
    SHEETS,
    blank_labels,
    check_blocks,
    check_citations,
    check_commercial,
    check_evidence,
    check_may,
    check_sentences,
    evidence_scores,
    read_sheet,
    write_templates,
)
from textstudy.evidence import evidence_mentions

CLINIC = (
    "Microdosing and Pain\n"
    "In May 2023 we asked our patients about microdosing. Psilocybin may ease nerve pain, "
    "but the evidence is thin.\n"
    "A 2022 survey of 250 people with chronic pain found that many reported less pain. "
    "Studies show that it works for everyone.\n"
    "You may contact us at any time. Book a free consultation today.\n"
)
BLOG = (
    "What Readers Ask\n"
    "Some experts say that microdosing may help with pain. A 2022 survey of 250 people with "
    "chronic pain found that many reported less pain.\n"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    (folder / "clinic.txt").write_text(CLINIC)
    (folder / "blog.txt").write_text(BLOG)
    return textstudy.load_corpus(folder)


def sheet(rows: list[tuple], name: str) -> pd.DataFrame:
    given, labels = SHEETS[name]
    return pd.DataFrame(rows, columns=given + labels).astype(str)


MAY = sheet([
    ("blog", 1, "", "hedge", "possibility"),
    ("clinic", 1, "", "not_hedge", "the month"),
    ("clinic", 2, "", "hedge", "possibility"),
    ("clinic", 3, "", "not_hedge", "permission"),
], "may")
BLOCKS = sheet([
    ("blog", 1, "", "heading"), ("blog", 2, "", "paragraph"),
    ("clinic", 1, "", "heading"), ("clinic", 2, "", "paragraph"),
    ("clinic", 3, "", "paragraph"), ("clinic", 4, "", "paragraph"),
], "blocks")
SENTENCES = sheet([("blog", 2), ("clinic", 6)], "sentences")
CITATIONS = sheet([
    ("blog", "Some experts say", "vague", "experts"),
    ("blog", "A 2022 survey of 250 people", "specific", "study"),
    ("clinic", "A 2022 survey of 250 people", "specific", "study"),
    ("clinic", "Studies show", "vague", "research"),
], "citations")
# certainty is left blank (not checked): "found that" is a reporting verb, and whether the
# boosters measure counts it is settled by the hedging measure's own sheet, not here.
EVIDENCE = sheet([
    ("2022 survey", "blog", "A 2022 survey of 250 people", "correlational", "", "specific"),
    ("2022 survey", "clinic", "A 2022 survey of 250 people", "correlational", "", "specific"),
], "evidence")


def test_templates_list_what_to_label_with_blank_labels(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "clinic.txt").write_text(CLINIC)
    written = write_templates(folder, tmp_path / "sheets")
    assert sorted(p.stem for p in written) == sorted(SHEETS)
    may = read_sheet(tmp_path / "sheets", "may")
    assert may["occurrence"].tolist() == ["1", "2", "3"]
    assert "[May] 2023" in may["context"].iloc[0] and "[may] ease" in may["context"].iloc[1]
    assert len(blank_labels(may, "may")) == 3
    blocks = read_sheet(tmp_path / "sheets", "blocks")
    assert blocks["line"].tolist() == ["1", "2", "3", "4"]
    assert len(blank_labels(blocks, "blocks")) == 4
    (tmp_path / "sheets" / "may.csv").write_text("kept")
    assert write_templates(folder, tmp_path / "sheets") == []  # filled sheets are never replaced
    assert (tmp_path / "sheets" / "may.csv").read_text() == "kept"


def test_may_labels_agree_and_errors_are_reported(corpus):
    assert check_may(corpus, MAY) == []
    flipped = MAY.copy()
    flipped.loc[3, "label"] = "hedge"  # "You may contact us": permission, not a hedge
    [problem] = check_may(corpus, flipped)
    assert problem.startswith("clinic may #3 (") and "[may] contact us" in problem
    assert problem.endswith("read as hedge (permission), textstudy: not_hedge")
    [missing] = check_may(corpus, MAY.drop(index=0))
    assert missing.startswith("blog may #1") and missing.endswith("no label")
    extra = pd.concat([MAY, sheet([("blog", 2, "", "hedge", "")], "may")])
    assert check_may(corpus, extra) == [
        "blog may #2: labelled, but the text has no such occurrence"]
    wrong = MAY.copy()
    wrong.loc[0, "label"] = "maybe"
    [bad] = check_may(corpus, wrong)
    assert "label 'maybe' is not one of ['hedge', 'not_hedge']" in bad


def test_blocks_and_sentences(corpus):
    assert check_blocks(corpus, BLOCKS) == []
    wrong = BLOCKS.copy()
    wrong.loc[0, "kind"] = "paragraph"
    assert check_blocks(corpus, wrong) == [
        "blog line 1 ('What Readers Ask'): read as paragraph, textstudy: heading"]
    assert check_blocks(corpus, BLOCKS.iloc[1:]) == ["blog line 1: no label"]
    assert check_sentences(corpus, SENTENCES) == []
    assert check_sentences(corpus, sheet([("clinic", 5)], "sentences")) == [
        "clinic: 5 sentences read, textstudy: 6"]


def test_citations_both_ways(corpus):
    assert check_citations(corpus, CITATIONS) == []
    # a reading that missed one: textstudy's find is reported as not read
    (missed,) = check_citations(corpus, CITATIONS.iloc[1:])
    assert missed.startswith("blog 'Some experts say")
    assert missed.endswith("': found as vague/experts, not read as such")
    # a wrong kind, and a quote that is not in the text
    wrong = CITATIONS.copy()
    wrong.loc[3, "kind"] = "experts"
    wrong.loc[0, "quote"] = "Some experts said"
    problems = check_citations(corpus, wrong)
    assert "blog: quote not in the text: 'Some experts said'" in problems
    assert "clinic 'Studies show': read as vague/experts, textstudy: vague/research" in problems


def test_commercial_reading_is_checked_both_ways(corpus):
    reading = sheet([
        ("clinic", "contact us", "commercial", "call_to_action"),
        ("clinic", "Book a free consultation", "commercial", "consultation_offer"),
    ], "commercial")
    assert check_commercial(corpus, reading) == []
    assert check_commercial(corpus, reading.iloc[1:]) == [
        "clinic 'contact us': found as commercial/call_to_action, not read as such"]
    wrong = reading.copy()
    wrong.loc[1, "category"] = "pricing"
    assert check_commercial(corpus, wrong) == [
        "clinic 'Book a free consultation': read as commercial/pricing, "
        "textstudy: commercial/consultation_offer"]


def test_evidence_pieces_splits_and_labels(corpus):
    assert check_evidence(corpus, EVIDENCE) == []
    mentions = evidence_mentions(corpus)
    survey = mentions["sentence"].str.startswith("A 2022 survey")
    assert survey.sum() == 2
    split = mentions.copy()
    split.loc[survey, "piece_id"] = split.loc[survey, "pieces"] = ["P1", "P2"]
    assert check_evidence(corpus, EVIDENCE, mentions=split) == [
        "2022 survey: no piece holds its mentions from two or more articles"]
    assert check_evidence(corpus, EVIDENCE, mentions=mentions[~survey]) == [
        "2022 survey: no piece holds its mentions from two or more articles"]
    # labels are reported (issue 17: agreement), not checked
    wrong = EVIDENCE.copy()
    wrong.loc[0, "claim_strength"] = "direct_causal"
    assert check_evidence(corpus, wrong) == []
    assert evidence_scores(corpus, wrong)["claim_strength"] == {"n": 2, "agree": 1,
                                                                "agreement": 0.5}
    scores = evidence_scores(corpus, EVIDENCE)
    assert (scores["shared_pieces"], scores["recovered"]) == (1, 1)
    assert scores["pairs"]["precision"] == scores["pairs"]["recall"] == 1.0
    assert scores["claim_strength"] == {"n": 2, "agree": 2, "agreement": 1.0}
