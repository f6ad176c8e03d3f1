"""Evidence mentions, linking and framing; claim strength; the framing figure.

Expected labels come from reading the sentences against the construct (Sumner et al. 2014;
Yu et al. 2019; CODEBOOK.md), not from textstudy's output.
"""

import numpy as np
import pandas as pd
import pytest

import textstudy
from textstudy import plots
from textstudy.claims import CLAIM_LEXICON, claim_cues
from textstudy.evidence import (
    CLAIM_ORDER,
    claim_strength,
    evidence_clusters,
    evidence_identity,
    evidence_mentions,
    facet_cues,
    framing,
    outlet_names,
)
from textstudy.lexicon import load_lexicon

from .conftest import WEBCORPUS


@pytest.mark.parametrize("sentence,label", [
    # direct causal: a causal verb or efficacy claim, no hedge ("can" is ability, not a hedge)
    ("Psilocybin reduces pain in people with fibromyalgia.", "direct_causal"),
    ("Microdosing can help with chronic pain.", "direct_causal"),
    ("In a small trial, psilocybin cut cluster headache attacks by about three per week.",
     "direct_causal"),
    ("The quality of life of these patients is highly improved by surgery.", "direct_causal"),
    ("The drug is effective for migraine.", "direct_causal"),
    # conditional causal: the same claim under a hedge
    ("Psilocybin may reduce pain in people with fibromyalgia.", "conditional_causal"),
    ("Psilocybin appears to ease nerve pain.", "conditional_causal"),
    ("Psilocybin probably reduces pain.", "conditional_causal"),
    ("Surveys suggest psychedelics might have anti-inflammatory effects.", "conditional_causal"),
    # correlational: a relation without a direction of cause
    ("Microdosing was associated with lower pain scores.", "correlational"),
    ("Many participants reported less pain after four weeks.", "correlational"),
    ("Obesity was associated with an increased risk of knee pain.", "correlational"),
    ("Pain scores were higher in women than in men.", "correlational"),
    ("Anxiety at baseline predicted pain at twelve weeks.", "correlational"),
    # no claim: description, aims, questions, calls for research, advice
    ("The trial enrolled 30 adults with cluster headache.", "no_claim"),
    ("Speak with a healthcare provider about your options.", "no_claim"),
    ("Larger trials are needed to confirm that psilocybin reduces pain.", "no_claim"),
    ("We do not know whether microdosing improves pain.", "no_claim"),
    ("Interventions to reduce pain should be developed.", "no_claim"),
    ("Prevalence of chronic pain was 20% in this sample.", "no_claim"),
])
def test_claim_strength_by_class(sentence, label):
    assert claim_strength(sentence) == label


def test_claim_strength_labels_are_ordered_weakest_first():
    assert CLAIM_ORDER == ["no_claim", "correlational", "conditional_causal", "direct_causal"]


def test_a_research_call_only_sets_aside_its_own_clause():
    # the finding before "but" is stated; the call for trials after it is not a claim
    s = "Psilocybin reduced attacks in the trial, but larger trials are needed."
    assert claim_strength(s) == "direct_causal"
    assert claim_strength("Larger trials are needed.") == "no_claim"


@pytest.mark.parametrize("sentence,label", [
    # a comparison frames a causal claim; alone it is correlational
    ("Compared with placebo, psilocybin reduced headache attacks.", "direct_causal"),
    ("Headache attacks were fewer with psilocybin than with placebo.", "correlational"),
    # an association stays correlational under a hedge (hedges qualify causal claims)
    ("Microdosing may be associated with less anxiety.", "correlational"),
    ("Microdosing may reduce anxiety.", "conditional_causal"),
    # an observed change before a causal verb does not make the claim correlational
    ("Improved sleep may reduce pain.", "conditional_causal"),
    ("Improved sleep was associated with less pain.", "correlational"),
    # a change word with an object is a verb, adverbs aside; an intransitive change is not
    ("The drug reduced significantly the number of attacks.", "direct_causal"),
    ("The drug reduced the frequency of attacks.", "direct_causal"),
    ("Attack frequency decreased and sleep improved over the study.", "correlational"),
    ("In older women, increased weight was associated with knee pain.", "correlational"),
    # a group that has more or less of something than others: a comparison
    ("Children with asthma had more sleep problems.", "correlational"),
    ("Smokers are at risk of back pain.", "correlational"),
    ("More than half of the participants were women.", "no_claim"),
    # a gerund names a change, an aim or a question states none
    ("Programmes aimed at reducing pain were described.", "no_claim"),
    ("These results may aid strategies for preventing falls.", "no_claim"),
    ("Vitamin D may help in preventing falls.", "conditional_causal"),
    ("Psychedelics act by increasing serotonin signalling.", "direct_causal"),
    ("Psilocybin reduced pain regardless of whether it was taken with food.", "direct_causal"),
    # an effect named as what was studied is not stated; a finding in the same clause is
    ("The trial examined the effect of psilocybin on pain.", "no_claim"),
    ("The trial examined the effect of psilocybin and found it reduced pain.", "direct_causal"),
    # "the need for surgery" is an outcome; "a need for trials" is a call for research
    ("Psilocybin reduced the need for rescue medication.", "direct_causal"),
    ("There is a need for trials of psilocybin for pain.", "no_claim"),
    # a self-report is a relation read from what people said; a reported event is not
    ("Many participants reported less pain.", "correlational"),
    ("No serious adverse events were reported.", "no_claim"),
    # a recommendation noun is not a recommendation
    ("Meeting activity recommendations was associated with less pain.", "correlational"),
    ("We recommend activity to reduce pain.", "no_claim"),
    # a premise before the main clause is stated even when the main clause advises
    ("Given that vitamin D reduces falls, levels should be checked.", "direct_causal"),
])
def test_claim_strength_rules(sentence, label):
    assert claim_strength(sentence) == label


def _lexicon_examples(name):
    table = load_lexicon(name).table
    return [(r.term, r.category, r.example) for r in table.itertuples()]


@pytest.mark.parametrize("term,category,example", _lexicon_examples("claim_strength"))
def test_every_claim_lexicon_entry_has_a_working_example(term, category, example):
    assert category in {c.category for c in claim_cues(example)}, (term, example)


def test_claim_lexicon_has_sources():
    assert (CLAIM_LEXICON.table["source"].str.strip() != "").all()


@pytest.mark.parametrize("term,category,example", _lexicon_examples("evidence_facets"))
def test_every_facet_lexicon_entry_has_a_working_example(term, category, example):
    facet, _, value = category.partition("=")  # "design=survey": facet and value
    found = {(c.facet, c.value) for c in facet_cues(example)}
    assert (facet, value) in found if value else facet in dict(found), (term, example, found)


def test_facet_values_year_size_and_design():
    cues = {(c.facet, c.value) for c in facet_cues("A 2022 case series of three patients "
                                                   "with fibromyalgia described relief.")}
    assert {("year", "2022"), ("design", "case_reports"), ("sample_size", "3"),
            ("condition", "fibromyalgia")} <= cues


def _corpus(tmp_path, texts: dict[str, str], meta: str | None = None):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text)
    if meta:
        (folder / "metadata.csv").write_text(meta)
    return textstudy.load_corpus(folder)


SURVEY_A = ("Microdosing and Pain\n\nA 2022 survey of 250 people with chronic pain found that "
            "many reported less pain after microdosing.\n")
SURVEY_B = ("What We Know\n\nIn a 2022 survey of 250 people with chronic pain, many said "
            "they reported less pain after microdosing.\n\nA 2022 case series of three "
            "patients with chronic pain found that microdosing reduced their pain.\n")
SERIES_C = ("Case Reports\n\nA 2022 case series of three patients with chronic pain described "
            "less pain after microdosing.\n")


def test_linking_keeps_two_same_year_studies_apart(tmp_path):
    corpus = _corpus(tmp_path, {"a": SURVEY_A, "b": SURVEY_B, "c": SERIES_C})
    m = evidence_mentions(corpus)
    survey = m[m["sentence"].str.contains("survey")]
    series = m[m["sentence"].str.contains("case series")]
    assert set(survey["doc_id"]) == {"a", "b"} and set(series["doc_id"]) == {"b", "c"}
    assert survey["piece_id"].nunique() == 1 and survey["piece_id"].iloc[0] != ""
    assert series["piece_id"].nunique() == 1 and series["piece_id"].iloc[0] != ""
    assert survey["piece_id"].iloc[0] != series["piece_id"].iloc[0]
    pieces = evidence_clusters(corpus, mentions=m).set_index("piece_id")
    row = pieces.loc[survey["piece_id"].iloc[0]]
    assert "design=survey" in row["facets"] and "year=2022" in row["facets"]
    assert row["doc_ids"] == "a;b" and bool(row["shared"])


def test_a_different_year_is_never_linked_even_by_identical_wording(tmp_path):
    corpus = _corpus(tmp_path, {
        "a": "Notes\n\nA 2019 survey of people with chronic pain found less pain.\n",
        "b": "Notes\n\nA 2022 survey of people with chronic pain found less pain.\n"})
    # an embedding that calls every sentence identical: only the facets keep them apart
    m = evidence_mentions(corpus, embed=lambda sents: np.ones((len(sents), 3)))
    assert len(m) == 2 and (m["piece_id"] == "").all()


@pytest.mark.parametrize("sentence,identity", [
    # a study identified by year or size: told apart from other studies by its facets
    ("A 2022 survey of 250 people found less pain.", "study"),
    ("A study involving over 4,000 participants found better mood.", "study"),
    # a statement about the state of the evidence, by kind, before what it is about
    ("Research on psilocybin for fibromyalgia is still in its early stages.", "state=limited"),
    ("Larger trials are needed to confirm these results.", "state=more_research_needed"),
    # a mechanism, before the condition it acts on
    ("Psilocybin may rewire the neural pathways of neuropathic pain.",
     "mechanism=neuroplasticity"),
    ("Trials found fewer migraine attacks.", "condition=headache"),
    # research under way, when nothing more specific is named
    ("Psychedelics are being studied for chronic pain.", "activity=ongoing"),
    ("Some chronic pain patients report less pain after microdosing.", "design=anecdote"),
    # a general claim with an evidence word only: linked by its wording alone
    ("Research suggests psilocybin can ease pain.", ""),
])
def test_identity_says_what_the_evidence_is(sentence, identity):
    assert evidence_identity(sentence) == identity


def test_one_mechanism_in_other_words_is_one_piece_across_outlets(tmp_path):
    corpus = _corpus(tmp_path, {
        "a": "Notes\n\nStudies show that psychedelics can promote neuroplasticity.\n",
        "b": "Notes\n\nMicrodosing may help rewire the brain, forming new neural connections.\n",
        "c": "Notes\n\nPsilocybin acts on serotonin receptors, researchers found.\n"})
    m = evidence_mentions(corpus).set_index("doc_id")
    assert m.loc["a", "piece_id"] != "" and m.loc["a", "piece_id"] == m.loc["b", "piece_id"]
    assert m.loc["c", "piece_id"] == ""  # another mechanism, alone
    pieces = evidence_clusters(corpus)
    assert pieces["identity"].tolist() == ["mechanism=neuroplasticity"]
    assert pieces["name"].iloc[0].startswith("neuroplasticity (mechanism)")


def test_statements_about_the_evidence_link_by_kind_not_wording(tmp_path):
    corpus = _corpus(tmp_path, {
        "a": ("Notes\n\nResearch on microdosing is still in its early stages.\n\n"
              "Larger trials are needed.\n"),
        "b": ("Notes\n\nThe evidence for psilocybin remains limited.\n\n"
              "More rigorous studies are needed before doctors can recommend it.\n")})
    m = evidence_mentions(corpus)
    limited = m[m["sentence"].str.contains("early stages|remains limited")]
    needed = m[m["sentence"].str.contains("needed")]
    assert len(limited) == len(needed) == 2
    assert limited["piece_id"].nunique() == 1 and limited["piece_id"].iloc[0] != ""
    assert needed["piece_id"].nunique() == 1 and needed["piece_id"].iloc[0] != ""
    assert limited["piece_id"].iloc[0] != needed["piece_id"].iloc[0]


def test_a_study_joins_claims_about_its_condition_but_not_another_study(tmp_path):
    corpus = _corpus(tmp_path, {
        "a": ("Notes\n\nA 2020 trial of 18 adults found fewer cluster headache attacks on "
              "psilocybin than on placebo.\n"),
        "b": "Notes\n\nPsilocybin reduces cluster headaches for many people.\n",
        "c": "Notes\n\nA 2023 survey of 400 people with migraine reported fewer attacks.\n"})
    m = evidence_mentions(corpus).set_index("doc_id")
    assert m.loc["a", "piece_id"] != "" and m.loc["a", "piece_id"] == m.loc["b", "piece_id"]
    assert m.loc["c", "piece_id"] == ""  # another study of the same condition


def test_results_for_several_conditions_are_in_the_piece_of_each(tmp_path):
    corpus = _corpus(tmp_path, {
        "a": ("Notes\n\nSome studies have demonstrated results for migraine and "
              "fibromyalgia.\n"),
        "b": "Notes\n\nTrials found fewer migraine attacks on psilocybin.\n",
        "c": "Notes\n\nEarly trials in fibromyalgia found less pain.\n"})
    m = evidence_mentions(corpus).set_index("doc_id")
    migraine, fibro = m.loc["b", "piece_id"], m.loc["c", "piece_id"]
    assert migraine and fibro and migraine != fibro
    assert m.loc["a", "pieces"].split(";") == [migraine, fibro]
    f = framing(corpus)
    assert set(f.loc[f["piece_id"] == migraine, "outlet"]) == {"a", "b"}
    assert set(f.loc[f["piece_id"] == fibro, "outlet"]) == {"a", "c"}


def test_given_matches_are_used_instead_of_measuring_again(tmp_path):
    corpus = _corpus(tmp_path, {
        "a": ("Notes\n\nA 2019 study published in the Journal of Psychopharmacology found "
              "that psilocybin may reduce pain.\n\nBuy our capsules today.\n"),
        "b": "Notes\n\nA 2019 study found that psilocybin may reduce pain.\n"})
    measured = evidence_mentions(corpus)
    hits = textstudy.matches(corpus)
    path = tmp_path / "matches.csv"
    hits.to_csv(path, index=False)
    written = pd.read_csv(path, dtype={"doc_id": str}, keep_default_na=False)
    pd.testing.assert_frame_equal(evidence_mentions(corpus, matches=written), measured)
    pd.testing.assert_frame_equal(framing(corpus, matches=written), framing(corpus))
    # an empty match table: no hedge, citation or sales pitch is seen, so none is reported
    none = evidence_mentions(corpus, matches=hits.iloc[:0])
    assert measured["certainty"].eq("hedged").any() and none["certainty"].eq("neutral").all()
    assert none["sourcing"].eq("none").all() and none["selling_chars"].isna().all()


def test_an_embedding_backend_is_used_when_given(tmp_path):
    corpus = _corpus(tmp_path, {
        "a": "Notes\n\nResearch suggests psilocybin may ease nerve pain.\n",
        "b": "Notes\n\nStudies indicate that magic mushrooms could relieve neuropathy.\n"})
    default = evidence_mentions(corpus)
    same = evidence_mentions(corpus, embed=lambda sents: np.ones((len(sents), 3)))
    assert (default["piece_id"] == "").all()
    assert same["piece_id"].nunique() == 1 and same["piece_id"].iloc[0] != ""


def test_a_heading_is_never_a_mention(tmp_path):
    text = ("Studies Show Psilocybin Reduces Pain\n\nCurrent Limitations of Research\n\n"
            "A 2021 trial of 40 adults found fewer migraine attacks with psilocybin.\n")
    corpus = _corpus(tmp_path, {"a": text, "b": text.replace("2021", "2021 randomized")})
    m = evidence_mentions(corpus)
    blocks = textstudy.blocks(corpus)
    headings = blocks[blocks["kind"] == "heading"]
    assert len(headings) == 4
    for h in headings.itertuples():
        assert not ((m["doc_id"] == h.doc_id) & (m["start"] < h.end) & (m["end"] > h.start)).any()
    assert (m["sentence"].str.startswith("A 2021")).sum() == 2


def test_questions_advice_and_disclaimers_are_not_mentions(tmp_path):
    corpus = _corpus(tmp_path, {"a": (
        "FAQ\n\nDoes research show that psilocybin reduces pain?\n\n"
        "Talk to your doctor before you try psilocybin for pain, since studies are few.\n\n"
        "This article is for informational purposes only and is not medical advice.\n\n"
        "A 2020 trial found that psilocybin reduced cluster headache attacks.\n")})
    assert evidence_mentions(corpus)["sentence"].tolist() == [
        "A 2020 trial found that psilocybin reduced cluster headache attacks."]


def test_mentions_point_into_the_documents_and_are_deterministic():
    first = evidence_mentions(WEBCORPUS)
    texts = {p.stem: p.read_text() for p in WEBCORPUS.glob("*.txt")}
    for r in first.itertuples():
        assert texts[r.doc_id][r.start:r.end] == r.sentence
    pd.testing.assert_frame_equal(first, evidence_mentions(WEBCORPUS))


def test_linking_does_not_depend_on_corpus_order(webcorpus):
    forward = evidence_mentions(webcorpus)
    backward = evidence_mentions(webcorpus.iloc[::-1].reset_index(drop=True))

    def partition(m):
        return {frozenset(zip(g["doc_id"], g["start"]))
                for pid, g in m.groupby("piece_id") if pid}

    assert partition(forward) == partition(backward)


def test_the_same_survey_is_framed_differently_across_outlets():
    f = framing(WEBCORPUS)
    survey = f[f["sentences"].str.contains("2022 survey")].set_index("outlet")
    # by reading: the therapist reports what participants said; the testimonial page says the
    # survey "proved" that microdosing works
    assert survey["piece_id"].nunique() == 1
    assert survey.loc["Calm Harbor Therapy", "claim_strength"] == "correlational"
    assert survey.loc["testimonials", "claim_strength"] == "direct_causal"
    assert (survey["sourcing"] == "specific").all()


def test_headache_trial_is_one_piece_from_a_cited_trial_to_a_shop_claim():
    m = evidence_mentions(WEBCORPUS)
    trial = m[m["sentence"].str.contains("cluster headache")]
    assert set(trial["doc_id"]) == {"healthline_like", "ketamine_clinic", "shroom_shop"}
    assert trial["piece_id"].nunique() == 1 and trial["piece_id"].iloc[0] != ""
    by_doc = trial.set_index("doc_id")
    assert by_doc.loc["healthline_like", "sourcing"] == "specific"
    assert by_doc.loc["shroom_shop", "sourcing"] == "none"
    # the shop sells right next to its claim; the health site sells nothing
    assert by_doc.loc["shroom_shop", "selling_sentences"] <= 2
    assert np.isnan(by_doc.loc["healthline_like", "selling_sentences"])


def test_restatement_hedged_then_asserted_in_the_same_article(tmp_path):
    corpus = _corpus(tmp_path, {
        "shop": ("Psilocybin and Headaches\n\n"
                 "A 2020 trial suggests psilocybin may reduce cluster headache attacks.\n\n"
                 "Why buy from us\n\n"
                 "Psilocybin reduces cluster headache attacks, as the 2020 trial showed.\n\n"
                 "Shop our microdose capsules today.\n"),
        "news": ("Headache Research\n\n"
                 "A 2020 trial found that psilocybin may reduce cluster headache attacks.\n")})
    m = evidence_mentions(corpus)
    shop = m[m["doc_id"] == "shop"]
    assert shop["piece_id"].nunique() == 1 and shop["piece_id"].iloc[0] != ""
    assert shop["restatement"].all()
    assert not m.loc[m["doc_id"] == "news", "restatement"].any()


def test_outlet_names_prefer_label_then_outlet_then_doc_id():
    corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["", "", ""],
                           "outlet": ["Outlet A", "Outlet B", ""],
                           "label": ["Label A", "", ""]})
    assert outlet_names(corpus).tolist() == ["Label A", "Outlet B", "c"]


def _frame(n_pieces: int, n_outlets: int) -> pd.DataFrame:
    rows = []
    for p in range(n_pieces):
        for o in range(n_outlets):
            if (p + o) % 3:
                rows.append({"piece_id": f"P{p:03d}", "name": f"piece {p}",
                             "outlet": f"outlet {o:02d}",
                             "claim_strength": CLAIM_ORDER[(p * o) % 4],
                             "certainty": ["hedged", "neutral", "boosted", "mixed"][o % 4],
                             "sourcing": ["specific", "vague", "none"][p % 3]})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("n_pieces,n_outlets", [(1, 2), (30, 50)])
def test_framing_figure_shows_every_piece_and_outlet(n_pieces, n_outlets):
    frame = _frame(n_pieces, n_outlets)
    fig = plots.evidence_framing(frame)
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == frame["piece_id"].nunique()
    assert len(ax.get_xticklabels()) == frame["outlet"].nunique()
    # one cell (fill = claim strength, border = sourcing) and one certainty glyph per row
    counts: dict[str, int] = {}
    for c in ax.collections:
        kind = (c.get_gid() or "").split(":")[0]
        counts[kind] = counts.get(kind, 0) + (len(c.get_paths()) if kind == "sourcing"
                                              else len(c.get_offsets()))
    assert counts["sourcing"] == counts["certainty"] == len(frame)
    assert counts.get("absent", 0) == frame["piece_id"].nunique() * frame["outlet"].nunique() \
        - len(frame)
    plots.plt.close(fig)


def test_claim_strength_on_yu2019_held_out_fold(shared_data):
    from textstudy.validation.claims import validate_claims

    result = validate_claims(shared_data, out=None)
    ours, rule = result["textstudy"], result["five_line_rule"]
    assert sum(ours["all"]["per_class"][c]["support"] for c in CLAIM_ORDER) == 3061
    # the fold never read while writing the rules: well above the five-line rule (0.55)
    assert ours["held_out"]["macro_f1"] >= 0.70
    assert ours["held_out"]["macro_f1"] > rule["held_out"]["macro_f1"] + 0.1
    assert all(0.70 <= f <= 0.85 for f in ours["per_fold"].values())
