"""Block classification, checked against what a reader sees in the synthetic web articles."""

import pytest

from textstudy import segment
from textstudy.structure import boilerplate_reason, parse_blocks

from .conftest import WEBCORPUS


def blocks_of(name):
    text = (WEBCORPUS / f"{name}.txt").read_text()
    doc = segment(name, text)
    return [(b.kind, text[b.start : b.end]) for b in doc.blocks]


def test_therapist_article_headings_lists_and_furniture():
    blocks = blocks_of("calm_therapy")
    kinds = dict((t, k) for k, t in blocks)
    assert kinds["Can Microdosing Help With Chronic Pain?"] == "heading"
    assert kinds["What is microdosing?"] == "heading"
    assert kinds["Things to consider before you try it"] == "heading"
    for furniture in ("Share This Post", "mindful microdosing.jpeg", "Leave a comment",
                      "Updated March 2, 2024"):
        assert kinds[furniture] == "boilerplate"
    items = [t for k, t in blocks if k == "list_item"]
    assert items == [
        "• Psilocybin is illegal in most countries",
        "• It may interact with antidepressants",
        "• Talk to your doctor before changing any medication",
    ]
    assert kinds["Book a session today."] == "paragraph"


def test_health_site_table_rows_link_and_byline():
    blocks = blocks_of("healthline_like")
    kinds = dict((t, k) for k, t in blocks)
    assert [t for k, t in blocks if k == "table_row"] == [
        "Outcome\tPsilocybin\tPlacebo",
        "Attacks per week\t-3.1\t-0.5",
    ]
    assert kinds["https://doi.org/10.1000/example.2020.123"] == "link"
    assert kinds["Medically reviewed by a clinical pharmacist"] == "boilerplate"
    assert kinds["How might it work?"] == "heading"
    assert kinds["Sources"] == "heading"


def test_clinic_numbered_list_after_question_heading_and_read_more():
    blocks = blocks_of("ketamine_clinic")
    kinds = dict((t, k) for k, t in blocks)
    assert kinds["Why choose our clinic?"] == "heading"
    assert [t for k, t in blocks if k == "list_item"] == [
        "1. Board-certified physicians",
        "2. Comfortable private treatment rooms",
        "3. Personalized treatment plans",
    ]
    assert kinds["Read more: Ketamine Therapy for Depression"] == "boilerplate"
    assert kinds["Posted on November 15, 2023"] == "boilerplate"


def test_testimonials_are_quotes_and_unbulleted_list_is_a_list():
    blocks = blocks_of("testimonials")
    quotes = [t for k, t in blocks if k == "quote"]
    assert len(quotes) == 2 and quotes[1] == '"I finally sleep through the night." - Mark R.'
    items = [t for k, t in blocks if k == "list_item"]
    assert items[-3:] == ["Start low and go slow", "Keep a journal", "Follow a schedule"]


def test_spans_point_into_original_text_and_are_ordered():
    text = "  Title here  \n\n\tBody sentence one. Two.\n• item  \n"
    blocks = parse_blocks(text)
    assert [text[b.start : b.end] for b in blocks] == [
        "Title here", "Body sentence one. Two.", "• item"]
    assert all(a.end <= b.start for a, b in zip(blocks, blocks[1:]))


def test_empty_text_has_no_blocks():
    assert parse_blocks("") == [] and parse_blocks("\n \n\t\n") == []


@pytest.mark.parametrize("line", ["Share This Post", "Leave a comment", "top of page",
                                  "IMG_2041.JPG", "© 2023 Example Inc.", "Tags: pain, sleep",
                                  "5 min read"])
def test_furniture_lines_are_boilerplate(line):
    assert boilerplate_reason(line) is not None


@pytest.mark.parametrize("line", [
    "Share your experience with your doctor before you start.",
    "Top researchers disagree on the page count of the report.",
    "Home remedies rarely help with neuropathic pain.",
])
def test_sentences_that_mention_furniture_words_are_not_boilerplate(line):
    assert boilerplate_reason(line) is None
