"""Sentence splitting: abbreviations, decimals, numbered lists, quotes, bullets, blocks."""

import pytest

from textstudy import segment

from .conftest import WEBCORPUS


def sents(text):
    doc = segment("d", text)
    return [doc.sentence_text(s) for s in doc.sentences]


@pytest.mark.parametrize("text,expected", [
    ("Dr. Smith et al. (2020) found it. It may help.",
     ["Dr. Smith et al. (2020) found it.", "It may help."]),
    ("Doses of 0.1 g to 0.3 g were used. Effects were mild.",
     ["Doses of 0.1 g to 0.3 g were used.", "Effects were mild."]),
    ("It is legal in the U.S. and Canada. Not elsewhere.",
     ["It is legal in the U.S. and Canada.", "Not elsewhere."]),
    ("Some drugs, e.g. SSRIs, interact. Ask first!",
     ["Some drugs, e.g. SSRIs, interact.", "Ask first!"]),
    ('She said "it works." Then she left.', ['She said "it works."', "Then she left."]),
    ("J. K. Rowling wrote it. Really?", ["J. K. Rowling wrote it.", "Really?"]),
    ("1. Start low. Go slow.", ["1. Start low.", "Go slow."]),
    ("Pain fell by 30%. Sleep improved (p < 0.05). Mood too.",
     ["Pain fell by 30%.", "Sleep improved (p < 0.05).", "Mood too."]),
    ("no final punctuation here", ["no final punctuation here"]),
])
def test_split_sentences(text, expected):
    assert sents(text) == expected


def test_sentences_never_cross_blocks():
    text = "Microdosing and pain\nIt is a small dose. It is not a trip."
    doc = segment("d", text)
    assert [doc.sentence_text(s) for s in doc.sentences] == [
        "Microdosing and pain", "It is a small dose.", "It is not a trip."]
    assert [doc.block_of(s).kind for s in doc.sentences] == ["heading", "paragraph", "paragraph"]


def test_seed_like_article_sentence_count_by_reading():
    # Read by hand: calm_therapy.txt has 4 headings (4 "sentences"), paragraphs with
    # 3 + 2 + 2 + 2 + 2 + 1 + 1 sentences, 3 list items, and 4 boilerplate lines.
    doc = segment("calm", (WEBCORPUS / "calm_therapy.txt").read_text())
    body = doc.sentences_in({"paragraph"})
    assert len(body) == 13
    assert len(doc.sentences_in({"heading"})) == 4
    assert len(doc.sentences_in({"list_item"})) == 3


def test_sentence_at_locates_offsets():
    doc = segment("d", "One. Two three.")
    assert doc.sentence_at(0).id == 0
    assert doc.sentence_at(6).id == 1
    assert doc.sentence_at(4) is None  # the space between sentences


def test_overlong_sentences_are_hard_split_at_the_documented_maximum():
    from textstudy.document import WORD_RE
    from textstudy.segment import MAX_SENTENCE_WORDS

    words = [f"w{i % 7}x" for i in range(2 * MAX_SENTENCE_WORDS + 17)]
    text = "Intro line here.\n" + " ".join(words) + "\nA short closing sentence. Another one."
    doc = segment("d", text)
    body = [s for s in doc.sentences if doc.block_of(s).id == 1]
    counts = [len(WORD_RE.findall(text, s.start, s.end)) for s in body]
    assert counts == [MAX_SENTENCE_WORDS, MAX_SENTENCE_WORDS, 17]
    # the pieces cover the block's words in order, without gaps or overlaps
    assert " ".join(doc.sentence_text(s) for s in body) == " ".join(words)
    assert [s.id for s in doc.sentences] == list(range(len(doc.sentences)))
    assert doc.n_hard_split == 1
    # ordinary sentences are untouched
    assert [doc.sentence_text(s) for s in doc.sentences[-2:]] == [
        "A short closing sentence.", "Another one."]
    assert segment("d", "A short closing sentence. Another one.").n_hard_split == 0


def test_a_quotations_attribution_stays_with_its_last_sentence():
    text = "'It changed my life. It reduced my pain.' - Jane D., chronic pain patient"
    doc = segment("q", text)
    assert [text[s.start:s.end] for s in doc.sentences] == [
        "'It changed my life.", "It reduced my pain.' - Jane D., chronic pain patient"]
    # a dash that starts a new sentence is still a boundary
    text = "He said 'no.' - Then he left the room."
    assert len(segment("q", text).sentences) == 2


def test_control_characters_and_emoji_after_a_full_stop_still_end_the_sentence():
    text = "Studies show it may help.\x00\U0001F600 Studies show it may help."
    doc = segment("e", text)
    assert [text[s.start:s.end] for s in doc.sentences] == [
        "Studies show it may help.\x00\U0001F600", "Studies show it may help."]


@pytest.mark.parametrize("text,expected", [
    # runs of final punctuation end a sentence as one boundary, whatever they mix
    ("Really?! Yes. Wait… What?. No!? Fine.. OK... Go?!. End",
     ["Really?!", "Yes.", "Wait…", "What?.", "No!?", "Fine..", "OK...", "Go?!.", "End"]),
    ("!!! A ??? B ……… C .!?… D", ["!!!", "A ???", "B ………", "C .!?…", "D"]),
    # closing quotes and brackets stay with their sentence; an abbreviation ("Fig."), an
    # initial ("A.") and a decimal ("1.5") end none
    ("He said “stop.” Then “go!” (See Fig. 2.) Next?) A. “Why?” she asked. 1.5 mg. B",
     ["He said “stop.”", "Then “go!”", "(See Fig. 2.)", "Next?)", "A. “Why?” she asked.",
      "1.5 mg.", "B"]),
    # a run that starts with an abbreviation's period is vetoed ("Dr.!"); a period needs a
    # sentence start after the space ("B . . C": only the second one is a boundary)
    ('Dr.! Hi."! B x.?. C y!.\u2029Z …. A ?? B . . C .',
     ['Dr.! Hi."!', "B x.?.", "C y!.", "Z ….", "A ??", "B . .", "C ."]),
])
def test_punctuation_runs(text, expected):
    assert sents(text) == expected
