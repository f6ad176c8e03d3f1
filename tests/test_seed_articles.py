"""The five seed articles in corpus/ against what a reader finds in them.

Skipped until the articles are in ``corpus/`` (see corpus/README.md). Then every sheet of
``tests/expectations/seed/`` must exist and be filled in by reading the articles (see
tests/expectations/README.md); a missing or half-filled sheet fails with what to do.
"""

import pytest

import textstudy
from tests.conftest import ROOT
from tests.expectations.sheets import CHECKS, blank_labels, read_sheet

CORPUS = ROOT / "corpus"
SHEETS = ROOT / "tests" / "expectations" / "seed"
#: Sheets that cannot be empty once filled in (the issues ask for at least two sentence counts).
MIN_ROWS = {"sentences": 2, "citations": 1, "commercial": 1, "evidence": 2}

pytestmark = pytest.mark.skipif(
    not any(CORPUS.glob("*.txt")), reason="the seed articles are not in corpus/ yet"
)


@pytest.fixture(scope="module")
def seed():
    return textstudy.load_corpus(CORPUS)


def test_five_articles_five_measured_rows(seed):
    wide = textstudy.analyze(seed)
    assert len(seed) == 5
    assert wide["doc_id"].tolist() == seed["doc_id"].tolist()
    assert (wide["status"] == "ok").all(), wide[["doc_id", "status", "reason"]]


@pytest.mark.parametrize("name", list(CHECKS))
def test_output_agrees_with_reading(seed, name):
    path = SHEETS / f"{name}.csv"
    if not path.exists():
        pytest.fail(f"{path} is missing: run `python -m tests.expectations.sheets corpus "
                    f"{SHEETS.relative_to(ROOT)}` and fill it in by reading the articles")
    sheet = read_sheet(SHEETS, name)
    blank = blank_labels(sheet, name)
    assert blank.empty, f"{len(blank)} rows of {path} still need a label read from the text"
    assert len(sheet) >= MIN_ROWS.get(name, 0), f"{path}: fewer rows than the issues ask for"
    problems = CHECKS[name](seed, sheet)
    assert not problems, "\n".join(problems)


def test_topics_are_stable_across_seeds(seed):
    """Notebook 06's model on the seed corpus: stability over 5 seeds >= 0.8 (issue 7)."""
    from textstudy.topics import TopicModel, corpus_units, small_corpus_settings

    settings = small_corpus_settings(len(corpus_units(seed)))
    model = TopicModel(n_topics="auto", **settings, max_df=0.9, random_state=0,
                       stability_seeds=5).fit(seed)
    assert model.stability_ >= 0.8
