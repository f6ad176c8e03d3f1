"""Evidence alignment and claim strength, checked against the synthetic articles by reading them."""

import pytest

from textstudy.evidence import claim_strength, evidence_clusters, framing

from .conftest import WEBCORPUS


@pytest.mark.parametrize("sentence,label", [
    ("Psilocybin reduces pain in people with fibromyalgia.", "direct_causal"),
    ("Psilocybin may reduce pain in people with fibromyalgia.", "conditional_causal"),
    ("Microdosing can help with chronic pain.", "conditional_causal"),
    ("Microdosing was associated with lower pain scores.", "correlational"),
    ("Many participants reported less pain after four weeks.", "correlational"),
    ("The trial enrolled 30 adults with cluster headache.", "no_claim"),
    ("Speak with a healthcare provider about your options.", "no_claim"),
    ("People reported lower pain scores.", "correlational"),
])
def test_claim_strength_rules(sentence, label):
    assert claim_strength(sentence) == label


def test_an_epistemic_hedge_makes_a_causal_claim_conditional():
    s = "Psilocybin probably reduces pain."
    assert claim_strength(s, n_hedges=0) == "direct_causal"
    assert claim_strength(s, n_hedges=1) == "conditional_causal"


@pytest.fixture(scope="module")
def clusters():
    return evidence_clusters(WEBCORPUS)


def test_recurring_evidence_is_grouped_across_outlets(clusters):
    # By reading: the 2022 survey of people with chronic pain is mentioned by the therapist,
    # the clinic and the testimonial article; the cluster-headache trial by the health site
    # and the clinic.
    by_cluster = clusters.groupby("cluster_id")["doc_id"].apply(set)

    def clusters_about(phrase):
        return [c for c in by_cluster.index
                if clusters.loc[clusters.cluster_id == c, "sentence"].str.contains(phrase).all()]

    survey = clusters_about("2022 survey")
    assert len(survey) == 1
    assert by_cluster[survey[0]] == {"calm_therapy", "ketamine_clinic", "testimonials"}
    headache = clusters_about("cluster head")
    assert len(headache) == 1 and by_cluster[headache[0]] == {"healthline_like", "ketamine_clinic"}


def test_cluster_rows_point_into_the_documents(clusters):
    texts = {p.stem: p.read_text() for p in WEBCORPUS.glob("*.txt")}
    for r in clusters.itertuples():
        assert texts[r.doc_id][r.start : r.end] == r.sentence


def test_framing_contrasts_the_same_survey():
    f = framing(WEBCORPUS)
    survey = f[f["sentences"].str.contains("2022 survey")].set_index("outlet")
    # the therapist reports self-reported outcomes; the testimonial page says it "proved" it works
    assert survey.loc["Calm Harbor Therapy", "claim_strength"] == "correlational"
    assert survey.loc["testimonials", "claim_strength"] == "direct_causal"
    assert survey["specific_source"].all()
