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
                                  "5 min read", "Next article: Is fasting safe?", "« Previous",
                                  "Updated on March 3, 2024", "Copyright 2023 Healthline Media"])
def test_furniture_lines_are_boilerplate(line):
    assert boilerplate_reason(line) is not None


@pytest.mark.parametrize("line", [
    "Share your experience with your doctor before you start.",
    "Top researchers disagree on the page count of the report.",
    "Home remedies rarely help with neuropathic pain.",
    # a sentence that opens with a navigation, byline or copyright word
    "Previous studies have shown similar effects.",
    "Next, take the capsule with food.",
    "Published in JAMA in 2021.",
    "Reviewed 12 studies from 2015 to 2020.",
    "Copyright law protects the authors of health guides.",
])
def test_sentences_that_mention_furniture_words_are_not_boilerplate(line):
    assert boilerplate_reason(line) is None


def kinds_of(text):
    return {text[b.start:b.end]: b.kind for b in parse_blocks(text)}


def test_table_flattened_into_lines_is_table_rows_not_a_list():
    text = ("Sleep and Diet\n\nWe compared two plans in a short table.\n\n"
            "Plan Cost Effort\nWalking Free Low effort\nGym membership Monthly fee High\n\n"
            "Both plans help.\n\nWhat to pack\n\nWater bottle\nTowel\nShoes\n")
    kinds = kinds_of(text)
    for row in ("Plan Cost Effort", "Walking Free Low effort", "Gym membership Monthly fee High"):
        assert kinds[row] == "table_row"
    # a run headed by a lower-case item, and bulleted runs, stay lists
    assert kinds["Towel"] == "list_item"
    assert kinds_of("Intro text here.\n\nKey Points\n- one point\n- two points\n")[
        "- one point"] == "list_item"


def test_table_rule_needs_blank_line_separated_blocks():
    # one block per line and no blank lines: a run of lines is not a table
    text = "Title Here\nA paragraph that says things.\nAnother one follows here.\nEnd.\n"
    assert "table_row" not in kinds_of(text).values()


def test_table_of_contents_and_its_entries_are_furniture():
    text = ("How Sleep Works\nIntro paragraph of the article.\nTable of Contents\n"
            "- What is sleep?\n- Why it matters\nWhat is sleep?\n"
            "Sleep is the rest the body takes every night.\n")
    kinds = kinds_of(text)
    assert kinds["Table of Contents"] == kinds["- What is sleep?"] == "boilerplate"
    assert kinds["What is sleep?"] == "heading"


def test_related_posts_section_is_furniture_to_the_end():
    text = ("Our Article\n\nBody text of the article.\n\nMore To Explore\n\n"
            "How to Sleep Better\n\nLiving with insomnia is hard. Read on.\n")
    kinds = kinds_of(text)
    assert kinds["Body text of the article."] == "paragraph"
    assert {kinds[t] for t in ("More To Explore", "How to Sleep Better",
                               "Living with insomnia is hard. Read on.")} == {"boilerplate"}


def test_title_repeated_with_site_name_is_furniture():
    text = ("Sleep Tips Explained\n\nSome text.\n\nSleep Tips Explained, SLEEPY SITE\n\n"
            "More text here.\n")
    kinds = kinds_of(text)
    assert kinds["Sleep Tips Explained"] == "heading"
    assert kinds["Sleep Tips Explained, SLEEPY SITE"] == "boilerplate"


def test_caption_after_image_and_closing_disclaimer_section_are_furniture():
    text = ("Sleep Guide\n\nArticle text.\n\ncourse.jpeg\n\nThe Sleep Course\n\n"
            "Six weeks to better nights\n\nDisclaimer\n\nThis website is not medical advice.\n\n"
            "bottom of page\n")
    kinds = kinds_of(text)
    for t in ("The Sleep Course", "Six weeks to better nights", "Disclaimer",
              "This website is not medical advice.", "bottom of page"):
        assert kinds[t] == "boilerplate", t
    assert kinds["Article text."] == "paragraph"


def test_disclaimer_heading_followed_by_more_article_is_not_furniture():
    text = "Guide\n\nDisclaimer\n\nRead this first.\n\nPart Two\n\nMore article text.\n"
    assert kinds_of(text)["Read this first."] == "paragraph"


def test_single_quoted_testimonial_with_attribution_is_a_quote():
    line = "'It hasn't just reduced my pain, it changed my life.' - Sam K., patient"
    assert kinds_of(f"Stories\n{line}\n")[line] == "quote"
