"""Every row of the page-furniture and topic stop-word lexicons has an example that does what
the row is for, through the public functions; a failure names the CSV line and the row."""

import re

import pandas as pd
import pytest

from textstudy import segment
from textstudy.lexicon import load_lexicon
from textstudy.structure import RELATED_CATEGORY, TOC_CATEGORY
from textstudy.topics import TopicModel, topic_stop_words


def rows(name: str) -> list:
    """``pytest.param(line, row)`` per lexicon row (``line``: its line in the CSV file)."""
    table = load_lexicon(name).table
    params = []
    for i, row in enumerate(table.to_dict("records")):
        same_term = (table["term"] == row["term"]).sum() > 1
        params.append(pytest.param(i + 2, row, id=f"{row['term']} (line {i + 2})" if same_term
                                   else row["term"]))
    return params


def where(name: str, line: int, row: dict) -> str:
    return f"{name}.csv line {line} ({row['term']!r}): example {row['example']!r}"


def kinds(text: str) -> list[tuple[str, str]]:
    doc = segment("example", text)
    return [(b.kind, text[b.start:b.end]) for b in doc.blocks]


# -- boilerplate.csv: the example is a line of page furniture -----------------------------------

BOILERPLATE = rows("boilerplate")


@pytest.mark.parametrize("line, row", BOILERPLATE)
def test_boilerplate_example_is_a_furniture_line(line: int, row: dict) -> None:
    at = where("boilerplate", line, row)
    example = row["example"]
    assert example.strip() == example != "", f"{at}: no example, or not a stripped line"
    # The row's own pattern, as the lexicon's note says: the whole line, ignoring case.
    assert re.fullmatch(row["pattern"], example, re.IGNORECASE), (
        f"{at}: the row's pattern {row['pattern']!r} does not match the whole line")
    assert kinds(example) == [("boilerplate", example)], f"{at}: segmented as {kinds(example)}"


# A table-of-contents heading makes the list entries right after it furniture; a related-posts
# heading makes everything after it furniture. Without the heading the same lines are body text.
SECTION_AFTER = {
    TOC_CATEGORY: ["- What causes migraine?", "- How is migraine treated?"],
    RELATED_CATEGORY: ["How to Sleep Better", "Living with insomnia is hard. Here is what helps."],
}


@pytest.mark.parametrize("line, row", [p for p in BOILERPLATE
                                       if p.values[1]["category"] in SECTION_AFTER])
def test_boilerplate_section_heading_example_makes_its_section_furniture(line: int, row: dict
                                                                        ) -> None:
    at = where("boilerplate", line, row)
    after = SECTION_AFTER[row["category"]]
    assert all(k != "boilerplate" for k, _ in kinds("\n\n".join(after))), after
    page = kinds("\n\n".join([row["example"], *after]))
    assert [k for k, _ in page] == ["boilerplate"] * (1 + len(after)), f"{at}: {page}"


def test_section_rules_have_examples() -> None:
    """The section test above runs for both section categories."""
    categories = {p.values[1]["category"] for p in BOILERPLATE}
    assert set(SECTION_AFTER) <= categories


# -- topic_stopwords.csv: the example's word is kept out of the topic vocabulary ----------------


def vocabulary(text: str, **params) -> set[str]:
    """The vocabulary a topic model fits on a one-document corpus, keeping every term that
    occurs (``min_df=1``, ``max_df=1.0``)."""
    corpus = pd.DataFrame({"doc_id": ["d1"], "text": [text]})
    model = TopicModel(min_df=1, max_df=1.0, **params).fit_vocabulary([corpus])
    return set(model.vocabulary_)


@pytest.mark.parametrize("line, row", rows("topic_stopwords"))
def test_topic_stopword_example_word_is_not_in_the_vocabulary(line: int, row: dict) -> None:
    at = where("topic_stopwords", line, row)
    term = row["term"]
    assert row["example"].strip(), f"{at}: no example"
    stop, _ = topic_stop_words()
    without_row = vocabulary(row["example"], stop_words=sorted(stop - {term}))
    assert term in without_row, (
        f"{at}: without this row the example does not give the term {term!r} "
        f"(vocabulary {sorted(without_row)})")
    assert term not in vocabulary(row["example"]), f"{at}: {term!r} is in the topic vocabulary"
