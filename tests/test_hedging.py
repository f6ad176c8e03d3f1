"""Hedging measure: lexicons, context rules, counts and validation thresholds.

All example sentences are written for these tests (health-web style); the seed articles are
not available on this machine.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from textstudy.lexicon import load_lexicon
from textstudy.measures import get
from textstudy.measures import hedging as H
from textstudy.segment import segment

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="module")
def measure() -> H.Hedging:
    return H.Hedging()


def cues(measure: H.Hedging, text: str, kind: str = "hedges") -> list[str]:
    """The cue texts as written in ``text`` that ``measure`` counts as ``kind``."""
    doc = segment("t", text)
    return [doc.text[m.start : m.end].lower() for m in measure(doc).matches if m.measure == kind]


# --- lexicons ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["hedges", "boosters"])
def test_lexicon_rows_have_source_category_weight_and_example(name):
    t = load_lexicon(name).table
    assert len(t) > 50
    for col in ("source", "category", "example", "weight"):
        assert (t[col].str.strip() != "").all(), col
    assert not t["term"].str.lower().duplicated().any()
    # own additions must give a reason after "textstudy:"
    own = t[t["source"].str.startswith("textstudy")]
    assert own["source"].str.len().gt(len("textstudy: ") + 5).all()
    weights = t["weight"].astype(float)
    assert ((weights > 0) if name == "boosters" else (weights < 0)).all()


def _measure_of(lexicon: str, category: str) -> str:
    return "boosters" if lexicon == "boosters" else H.OWN_MEASURES.get(category, "hedges")


@pytest.mark.parametrize("name", ["hedges", "boosters"])
def test_every_lexicon_example_is_found(measure, name):
    """Each row's example sentence, run through the measure, yields that row's cue."""
    missing = []
    for i, row in load_lexicon(name).table.iterrows():
        res = measure(segment("ex", row["example"]))
        found = {(m.measure, m.category, m.cue) for m in res.matches}
        if (_measure_of(name, row["category"]), row["category"], row["term"]) not in found:
            missing.append(f"{name}.csv row {i + 2} ({row['term']!r}): {row['example']!r} "
                           f"-> {sorted(found)}")
    assert not missing, "\n".join(missing)


def test_lexicons_have_the_documented_categories():
    assert {"modal", "epistemic_verb", "adverb", "adjective", "approximator", "frequency",
            "phrase", "evidence_limitation", "attitude", "conditional", "risk_comparison"} <= set(
        load_lexicon("hedges").categories)
    assert {"adverb", "adjective", "verb", "phrase", "universal", "hype", "prediction"} <= set(
        load_lexicon("boosters").categories)


def test_registered_and_columns(measure):
    assert get("hedging") is H.Hedging
    cols = measure.columns()
    assert cols[:10] == ["hedges_n", "hedges_per_1k", "boosters_n", "boosters_per_1k",
                         "approximators_n", "frequency_n", "hypotheticals_n",
                         "hedged_sentence_share", "boosted_sentence_share", "certainty_score"]
    assert "hedges_modal_n" in cols and "boosters_hype_n" in cols
    assert "hedges_negated_booster_n" in cols and "hedges_risk_comparison_n" not in cols
    assert "hedges_approximator_n" not in cols and "hedges_frequency_n" not in cols
    res = measure(segment("d", "Psilocybin may help. It clearly works."))
    assert list(res.values) == cols
    assert set(measure.lexicon_hashes()) == {"hedges", "boosters"}


def test_approximators_and_frequency_are_not_hedges(measure):
    text = "About 20% improved, often within days. An estimated 5 percent relapsed. It may help."
    res = measure(segment("a", text))
    v = res.values
    assert (v["hedges_n"], v["approximators_n"], v["frequency_n"]) == (1, 2, 1)
    assert sorted(m.measure for m in res.matches) == ["approximators", "approximators",
                                                      "frequency", "hedges"]
    assert v["hedged_sentence_share"] == pytest.approx(1 / 3)
    # they still lower the certainty score (documented), less than a hedge does
    approx = [m for m in res.matches if m.measure == "approximators"]
    assert -1 < measure.cue_weight(approx[0].measure, approx[0].category, approx[0].cue) < 0


@pytest.mark.parametrize("apostrophe", ["'", "’", "‘", "ʼ"])
def test_apostrophes_match_alike(measure, apostrophe):
    text = f"We don{apostrophe}t know why. I{apostrophe}m certain it works. It couldn{apostrophe}t."
    assert cues(measure, text) == [f"we don{apostrophe}t know"]
    assert cues(measure, text, "boosters") == [f"i{apostrophe}m certain"]


# --- hedge rules: each with positive and negative examples ------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Psilocybin may reduce anxiety.", ["may"]),
        ("Psilocybin May Help With Depression", ["may"]),  # title case, not the month
        ("The trial ran from May 2023 to June 2024.", []),
        ("Enrolment closed on 3 May.", []),
        ("In May, the clinic opened a second site.", []),
        ("You may contact our team at any time.", []),
        ("Patients may bring a companion to the session.", []),
        ("This content may not be reproduced without permission.", []),
        ("You might want to start with a lower dose.", []),
        ("You may feel dizzy after the first dose.", ["may"]),
        ("Doctors may consider it for treatment-resistant cases.", ["may"]),
    ],
)
def test_may_rules(measure, text, expected):
    assert cues(measure, text) == expected


def test_is_month_may_direct():
    assert H.is_month_may("ended in ", "May", " last year")
    assert H.is_month_may("", "May", " 2023 saw a rise")
    assert not H.is_month_may("Microdosing ", "May", " Help")
    assert not H.is_month_may("in ", "may", " cases")  # lower case is never the month


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We could not find any benefit.", []),
        ("Researchers couldn't replicate the effect.", []),
        ("Researchers couldn’t replicate the effect.", []),
        ("A placebo effect could not be ruled out.", ["could not be ruled out"]),
        ("Microdosing could improve focus.", ["could"]),
        ("You could try a breathing exercise first.", []),
        ("Psilocybin can promote neuroplasticity.", []),  # can is not a hedge
        # back-shifted could after a past reporting verb: past "can"
        ("Researchers found that micro-doses could reduce pain.", []),
        ("The trial showed that patients could walk further.", []),
        # present or hypothetical frame: a hedge
        ("Studies show that micro-doses could reduce pain.", ["could"]),
        ("The drug could be used for migraines.", ["could"]),
        ("They found that the dose could have caused the rash.", ["could"]),
    ],
)
def test_could_rules(measure, text, expected):
    assert cues(measure, text) == expected


def test_is_backshifted_could_direct():
    assert H.is_backshifted_could("Researchers found that micro-doses ", "could", " reduce pain")
    assert not H.is_backshifted_could("Studies show that micro-doses ", "could", " reduce pain")
    assert not H.is_backshifted_could("They found that it ", "could", " have caused it")
    assert not H.is_backshifted_could("found it. Now it ", "could", " help")  # new sentence


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Exercise might actually be more beneficial in the morning.", []),
        ("It may in fact be harmful.", []),
        ("Exercise actually raises metabolism.", ["actually"]),
        ("In fact, the drug works.", ["in fact"]),
        ("Trust me, this blend works.", ["trust me"]),
        ("Patients must trust me to help them.", []),
        ("Stereotypes are the inevitable consequence of sharing.", ["inevitable"]),
    ],
)
def test_certainty_markers_in_context(measure, text, expected):
    assert cues(measure, text, "boosters") == expected


@pytest.mark.parametrize(
    "text, expected",
    [  # forum and social-media wording
        ("IMO the low dose works better for nerve pain.", ["imo"]),
        ("The IMO regulates shipping emissions.", []),  # the maritime organisation
        ("Imo State has a new hospital.", []),
        ("Idk if it was the mushrooms or just placebo.", ["idk"]),
        ("I don’t know if it helps with migraines.", ["i don’t know if"]),
        ("I don't know him well.", []),
        ("It cut my flares in half, YMMV.", ["ymmv"]),
    ],
)
def test_forum_opinion_and_knowledge_markers(measure, text, expected):
    assert [c.lower() for c in cues(measure, text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We suggest you talk to your doctor first.", []),
        ("I suggest avoiding alcohol on treatment days.", []),
        ("Do not exceed the suggested dose.", []),
        ("Studies suggest that microdosing improves mood.", ["suggest"]),
        ("The findings suggest a small effect.", ["suggest"]),
        ("This was suggested by earlier trials.", ["suggested"]),
    ],
)
def test_suggest_rules(measure, text, expected):
    assert cues(measure, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("This guide is about microdosing.", []),
        ("Ask your doctor about side effects.", []),
        ("People travel from around the world.", []),
        ("They had about 3 fewer attacks per week.", ["about"]),
        ("Around 20% of users reported nausea.", ["around"]),
        ("About a third of patients improved.", ["about"]),
    ],
)
def test_about_around_rules(measure, text, expected):
    assert cues(measure, text, "approximators") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # attitude and opinion markers
        ("We believe psilocybin eases depression.", ["believe"]),
        ("I feel like the drops helped.", ["i feel like"]),
        ("Hopefully, the pain will ease.", ["hopefully"]),
        ("The drug is expected to reduce relapses.", ["expected to"]),
        ("Whether it works is an open question.", ["open question"]),
        # normative belief, permission, topic and resolved uncertainty: not hedges
        ("We believe psychedelics must be decriminalized.", []),
        ("I think everyone should try it once.", []),
        ("Diagnostic uncertainty is common in rare diseases.", []),
        ("Therapy helps people cope with uncertainty.", []),
        ("There is uncertainty about the best dose.", ["uncertainty"]),
        ("It was unclear how the drug worked until now.", []),
        ("It is unclear how the drug works.", ["unclear"]),
        ("They found a previously unknown mechanism.", []),
    ],
)
def test_attitude_and_uncertainty_rules(measure, text, expected):
    assert cues(measure, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Potential side effects include nausea.", ["potential"]),
        ("Potential Benefits", ["potential"]),
        ("The drug has the potential to cause harm.", ["potential"]),
        ("It is a potential remedy for migraine.", ["potential"]),
        ("Opioids have the potential for abuse.", ["potential"]),
        ("The authors declare no potential conflict of interest.", []),
        ("Potential participants were screened by phone.", []),
        ("We tested potential tracer molecules.", []),
        ("Potassium changes the membrane potential.", []),
        ("Therapy can help you reach your full potential.", []),
        ("The drug is potentially harmful in pregnancy.", ["potentially"]),
    ],
)
def test_potential_rules(measure, text, expected):
    assert cues(measure, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("If the findings are confirmed, doctors could use it.", ["confirmed", "could"]),
        ("Once replicated, the result would change practice.", ["replicated"]),
        ("The diagnosis was confirmed by a biopsy.", []),
        ("The result was replicated in two labs.", []),
        ("Research is still in its early stages.", ["early stages"]),
        ("The data on children are very limited.", ["very limited"]),
        ("Studies are few and in-between.", ["few and in-between"]),
        ("Most trials had small sample sizes.", ["small sample sizes"]),
        ("There is a lack of long-term data.", ["lack of long-term data"]),
        ("The results are yet to be published.", ["yet to be published"]),
        ("The findings are considered preliminary until peer-reviewed.",
         ["preliminary", "until peer-reviewed"]),
        ("The trials were short-term.", ["were short-term"]),
        ("In a small study, pain scores fell.", ["small study"]),
        ("More research is needed.", ["more research is needed"]),
        ("The results are promising and offer hope.", []),  # not hedges on their own
    ],
)
def test_conditionals_and_evidence_limitations(measure, text, expected):
    assert cues(measure, text) == expected


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        ("Choose whole foods rather than supplements.", "approximators", []),
        ("The effect was rather small.", "approximators", ["rather"]),
        ("Call us as soon as possible.", "hedges", []),
        ("It is possible that the dose was too low.", "hedges", ["possible"]),
        ("A rash appears on the skin.", "hedges", []),
        ("The drug appears to be safe.", "hedges", ["appears"]),
        ("Think about your goals before you start.", "hedges", []),
        ("Many users think it helps.", "hedges", ["think"]),
        ("If you would like to book, call us.", "hypotheticals", []),
        ("This would reduce the risk.", "hypotheticals", ["would"]),  # not a hedge
        ("This would reduce the risk.", "hedges", []),
        ("Rather, the benefit came from sleeping more.", "approximators", []),
        ("It is not a cure but rather a support.", "approximators", []),
        ("Most patients are treated in general practice.", "frequency", []),
        ("In general, the rash fades within a week.", "frequency", ["in general"]),
        ("After surgery the heart beats normally.", "frequency", []),
        ("After the operation she walks normally again.", "frequency", []),
        ("The rash is normally harmless.", "frequency", ["normally"]),
        ("The virus could be detected in saliva.", "hedges", []),
        ("We could not measure any change.", "hedges", []),
        ("The supplement could reduce joint pain.", "hedges", ["could"]),
        ("It soon became apparent that the diet worked.", "hedges", []),
        ("There was no apparent cause for the fever.", "hedges", []),
        ("The apparent improvement faded after a month.", "hedges", ["apparent"]),
    ],
)
def test_other_hedge_rules(measure, text, kind, expected):
    assert cues(measure, text, kind) == expected


@pytest.mark.parametrize(
    "text, measure_name, category",
    [
        ("Smokers are more likely to develop gum disease.", "frequency", "risk_comparison"),
        ("Women were twice as likely to report pain.", "frequency", "risk_comparison"),
        ("Older adults are less likely to recover fully.", "frequency", "risk_comparison"),
        ("The rash is likely to fade on its own.", "hedges", "adjective"),
        ("It is likely that the dose was too low.", "hedges", "adjective"),
    ],
)
def test_comparative_likely_is_counted_with_frequency(measure, text, measure_name, category):
    res = measure(segment("l", text))
    assert [(m.measure, m.category) for m in res.matches] == [(measure_name, category)]
    assert res.values["hedges_n"] == (measure_name == "hedges")
    assert res.values["frequency_n"] == (measure_name == "frequency")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("There is a chance that the rash returns.", ["chance"]),
        ("Chances are the rash will return.", ["chances are"]),
        ("Last chance to save 60%!", []),
        ("Don't miss your chance at a great deal.", []),
        ("Patients get a chance to ask questions.", []),
        ("Shoppers may also be allowed to keep the products.", []),
        ("Researchers predict that cases will rise.", ["predict that"]),
        ("A high dose is not necessarily better.", ["not necessarily"]),
    ],
)
def test_chance_permission_and_forecasts(measure, text, expected):
    assert cues(measure, text) == expected


# --- boosters: the codebook's examples and its exclusions ----------------------------------------

#: Sentences the codebook's booster section counts (the cue each must yield), and sentences
#: it excludes, from its own examples and from reading OneStopEnglish / BioScope /
#: Pei & Jurgens sentences (paraphrased; no corpus text is copied here).
BOOSTER_POSITIVES = [
    ("Exercise clearly improves mood.", "clearly"),
    ("The benefits are undeniably real.", "undeniably"),
    ("This treatment definitely helps.", "definitely"),
    ("It is a proven treatment for depression.", "proven"),
    ("The drug proved effective in every trial.", "proved"),
    ("The results were independently verified.", "verified"),
    ("Our method is scientifically validated.", "scientifically validated"),
    ("The effect was indeed large.", "indeed"),
    ("In fact, the pills cure insomnia.", "in fact"),
    ("In truth, the clinic is a shop.", "in truth"),
    ("The supplement actually raised blood pressure.", "actually"),
    ("It turns out that sleep heals the gut.", "it turns out"),
    ("What we know is that the drug works.", "what we know is"),
    ("Now we know that stress causes ulcers.", "now we know"),
    ("I'm certain the therapy saved my life.", "i'm certain"),
    ("Turmeric is known to reduce inflammation.", "known to"),
    ("The benefits are so clear that everyone should try it.", "so clear"),
    ("Every patient in our clinic has experienced relief.", "every"),
    ("It worked in every single case.", "every single"),
    ("The test is 100 percent accurate.", "100 percent"),
    ("This remedy always works.", "always"),
    ("The drug is a breakthrough for depression.", "breakthrough"),
    ("This groundbreaking therapy heals trauma.", "groundbreaking"),
    ("Psychedelic therapy is a paradigm shift in psychiatry.", "paradigm shift"),
    ("The implant is a leap forward for patients.", "leap forward"),
    ("Patients describe a profound transformation.", "profound transformation"),
    ("The field has made major progress.", "major progress"),
    ("The therapy will significantly improve outcomes.", "will"),
    ("The new database will help governments care for us all.", "will"),
    ("Our doctors said that it will certainly cure you.", "will"),  # reported speech counts
    ("The program will equip you with the tools you need.", "will"),
    ("This cream will make you look ten years younger.", "will"),
    ("You will feel better within days.", "will"),
    ("Higher taxes will worsen poverty.", "will"),
    ("Everyone who tried the tea felt better within a week.", "everyone"),
    ("This treatment works for everybody.", "everybody"),
    ("The fact is, most diets fail.", "the fact is"),
    ("It's proof that the whole planet is vulnerable.", "proof that"),
    ("There's no question that exercise helps.", "no question that"),
    ("There is no denying that sugar is harmful.", "no denying"),
    ("The truth is, most supplements do nothing.", "the truth is"),
    ("Rest assured, our product is safe.", "rest assured"),
    ("The science is settled.", "science is settled"),
    ("You will see results in 7 days.", "will"),
    ("You will lose weight fast.", "will"),
    ("The results are clear: the diet works.", "results are clear"),
]
BOOSTER_NEGATIVES = [
    "The drug is very effective.",
    "Patients felt really calm.",
    "The response was incredibly fast.",
    "Pain fell markedly.",
    "Studies show that exercise helps.",
    "Researchers found that it works.",
    "The trial demonstrated a benefit.",
    "The case has proven tougher than expected.",
    "She always takes it with breakfast.",
    "You should always consult your doctor.",
    "The oil must be approached with caution.",
    "You must be 18 to book a session.",
    "The results were neither controlled nor statistically significant to prove a benefit.",
    "There are no conclusive trials.",
    "Larger trials are needed for conclusive findings.",
    "The areas must also prove their skies are dark.",
    "This could represent a groundbreaking approach.",
    "Experts call it a potential game changer.",
    "The FDA granted breakthrough therapy designation.",
    "Breakthrough pain needs a faster drug.",
    "Participants will be recruited next year.",
    "The pills will be available in May.",
    "Scientists believe the drug will help.",
    "Training will likely lead to better outcomes.",
    "This guide will help you understand the risks.",
    "Take one capsule every day.",
    "Every patient is different.",
    # look-alikes of the new prediction, universal and fact cues
    "The power source will run out and it will shut down.",
    "Your contribution will be put to work right away.",
    "We will give you a free sample.",
    "The surgery will leave you with a scar.",
    "If the drug works, patients will feel better.",
    "Everyone is different.",
    "It doesn't work for everyone.",
    "Everyone who attended the talk asked questions.",
    "Despite the fact that it is cheap, few buy it.",
    "What I try to pass on in my work for everyone is that we can be who we want.",
    "The results are clearer in mice.",
    "There is no proof that it works.",
    "The field lacks large-scale, conclusive trials.",
    "Scientists need proof that it works.",
    "Keep your proof of purchase.",
    "The question is whether it works.",
    "I have no question about that.",
    "The truth is out today.",
    "The science is not settled.",
    "Results will vary.",
    "Buy only from a verified seller.",
    "Obtain psilocybin through verified, scientifically rigorous channels.",
    "The capsules are 100% natural.",
    "It is not a proven treatment.",
    "Doctors should use it for certain patients only.",
]


@pytest.mark.parametrize("text, cue", BOOSTER_POSITIVES)
def test_codebook_booster_positives(measure, text, cue):
    assert cue in cues(measure, text, "boosters")


@pytest.mark.parametrize("text", BOOSTER_NEGATIVES)
def test_codebook_booster_negatives(measure, text):
    assert cues(measure, text, "boosters") == []


@pytest.mark.parametrize(
    "text, hedges",
    [
        ("Microdosing is not a proven treatment.", ["proven"]),
        ("There is no clear evidence of benefit.", ["clear evidence"]),
        ("There are no conclusive trials.", ["conclusive"]),
        ("Larger trials are needed for conclusive findings.", ["conclusive"]),
        ("It is not clear whether it helps.", ["not clear"]),
        ("It has not been proved to work.", []),  # a denied booster verb: neither
        ("It is a proven treatment.", []),
    ],
)
def test_denied_boosters_become_hedges(measure, text, hedges):
    assert cues(measure, text) == hedges
    res = measure(segment("n", text))
    assert all(m.category == H.NEGATED_BOOSTER for m in res.matches
               if m.measure == "hedges" and m.cue != "not clear")


@pytest.mark.parametrize(
    "rule, before, word, after, expected",
    [
        (H.is_turned_out_proven, "It has ", "proven", " tougher than expected", True),
        (H.is_turned_out_proven, "It has ", "proven", " effective", False),
        (H.is_unasserted_prove, "They must ", "prove", " it", True),
        (H.is_unasserted_prove, "These results ", "prove", " that it works", False),
        (H.is_habitual_always, "You should ", "always", " consult a doctor", True),
        (H.is_habitual_always, "It ", "always", " works", False),
        (H.is_not_universal_outcome, "Take one ", "every", " day", True),
        (H.is_not_universal_outcome, "", "Every", " patient has experienced relief", False),
        (H.is_not_universal_outcome, "It worked in ", "every", " case", False),
        (H.is_not_universal_outcome, "on ", "every single", " day", True),
        (H.is_not_outcome_percent, "It is ", "100%", " natural", True),
        (H.is_not_outcome_percent, "It is ", "100%", " accurate", False),
        (H.is_hedged_hype, "It could represent a ", "groundbreaking", " approach", True),
        (H.is_hedged_hype, "It is a ", "groundbreaking", " approach", False),
        (H.is_hedged_hype, "It may fail. It is a ", "breakthrough", "", False),
        (H.is_term_of_art_breakthrough, "granted ", "breakthrough", " therapy designation",
         True),
        (H.is_term_of_art_breakthrough, "a ", "breakthrough", " for patients", False),
        (H.is_verified_source, "Read ", "verified", " reviews first", True),
        (H.is_verified_source, "The results were independently ", "verified", ".", False),
        (H.is_truth_as_topic, "", "The truth is", " out today.", True),
        (H.is_truth_as_topic, "", "The truth is", ", most diets fail.", False),
        (H.is_not_confident_prediction, "Patients ", "will", " be recruited", True),
        (H.is_not_confident_prediction, "Experts believe it ", "will", " help", True),
        (H.is_not_confident_prediction, "The therapy ", "will", " significantly improve",
         False),
        (H.is_directive_sure, "Make ", "sure", " you drink water", True),
        (H.is_directive_sure, "I am ", "sure", " it helped", False),
    ],
)
def test_booster_rules_direct(rule, before, word, after, expected):
    assert rule(before, word, after) is expected


@pytest.mark.parametrize(
    "before, expected",
    [
        ("It is not a ", True),
        ("There are no ", True),
        ("Larger trials are needed for ", True),
        ("neither controlled nor statistically significant to ", True),
        ("It isn’t ", True),
        ("If ", True),
        ("No side effects occurred. It is ", False),  # another sentence
        ("It is a ", False),
        ("Nothing is ", False),
    ],
)
def test_is_denied_certainty(before, expected):
    assert H.is_denied_certainty(before) is expected


@pytest.mark.parametrize(
    "before, word, expected",
    [
        ("the field lacks large-scale, ", "conclusive", True),  # coordinate adjectives
        ("There are no large, well-controlled, ", "conclusive", True),
        ("It was not effective, ", "clearly", False),  # a sentence adverb after the comma
        ("No, ", "conclusive", False),  # no adjective before the comma
    ],
)
def test_denial_reaches_across_coordinate_adjectives(before, word, expected):
    assert H.is_denied_certainty(before, word) is expected


# --- certainty score ----------------------------------------------------------------------------


def test_certainty_weights_come_from_the_lexicon(measure):
    h = load_lexicon("hedges").table.set_index("term")
    assert measure.cue_weight("hedges", "modal", "may") == float(h.loc["may", "weight"])
    assert measure.cue_weight("approximators", "approximator", "about") == float(
        h.loc["about", "weight"])
    # a denied booster weighs minus the booster
    assert measure.cue_weight("hedges", H.NEGATED_BOOSTER, "proven") == -measure.cue_weight(
        "boosters", "adjective", "proven")
    # without a weight column: -1 for hedges, +1 for boosters
    lex = pd.DataFrame({"term": ["may"], "category": ["modal"], "source": ["test"]})
    plain = H.Hedging(hedges=lex, boosters=pd.DataFrame(
        {"term": ["clearly"], "category": ["adverb"], "source": ["test"]}))
    assert plain.cue_weight("hedges", "modal", "may") == -1.0
    assert plain.cue_weight("boosters", "adverb", "clearly") == 1.0


def test_certainty_weights_follow_strength_levels(measure):
    w = measure.cue_weight
    assert w("boosters", "adverb", "clearly") > 0 > w("approximators", "approximator", "about")
    # vagueness > tentative evidential > possibility / lack of knowledge
    assert (w("approximators", "approximator", "about")
            > w("hedges", "epistemic_verb", "suggest*") > w("hedges", "modal", "may"))
    assert w("hypotheticals", "hypothetical", "would") > w("hedges", "modal", "might")
    assert w("hedges", "phrase", "more research is needed") < w("frequency", "frequency",
                                                                 "in general")
    assert w("frequency", "risk_comparison", "more likely") > w("hedges", "adjective", "likely")
    # every weight is a multiple of 0.5, so sums in any order are exact
    weights = [measure.cue_weight(_measure_of(name, cat), cat, term)
               for name in ("hedges", "boosters")
               for term, cat in zip(*load_lexicon(name).table[["term", "category"]].T.values)]
    weights.append(measure.cue_weight("hedges", H.NEGATED_BOOSTER, "proven"))
    assert all((2 * x).is_integer() for x in weights)


def test_certainty_score_per_sentence_and_document(measure):
    text = ("Microdosing may help, but more research is needed. "
            "Exercise clearly improves mood. "
            "The clinic opens at nine.")
    doc = segment("s", text)
    res = measure(doc)
    per_sentence = measure.sentence_certainty(res.matches)
    ids = [s.id for s in doc.sentences]
    assert len(ids) == 3
    expected = {
        ids[0]: measure.cue_weight("hedges", "modal", "may")
        + measure.cue_weight("hedges", "phrase", "more research is needed"),
        ids[1]: measure.cue_weight("boosters", "adverb", "clearly"),
    }
    assert per_sentence == pytest.approx(expected)
    assert per_sentence[ids[0]] < 0 < per_sentence[ids[1]]
    assert res.values["certainty_score"] == pytest.approx(sum(expected.values()) / 3)
    assert math.isnan(measure(segment("e", "")).values["certainty_score"])


def test_measure_is_picklable(measure):
    import pickle

    clone = pickle.loads(pickle.dumps(measure))
    doc = segment("p", "It may help. Smokers are more likely to relapse. It is a breakthrough.")
    assert clone(doc).values == measure(doc).values


def test_rules_apply_to_their_terms_only():
    assert all(rule.__doc__ for rule in H.RULES)
    assert set(H.rules_for("may")) == {H.is_month_may, H.is_permission_modal}
    assert H.rules_for("suggest*") == (H.is_directive_suggest,)
    assert set(H.rules_for("thinks")) == {H.is_non_epistemic_think, H.is_normative_belief}
    assert set(H.rules_for("breakthrough")) == {H.is_hedged_hype,
                                                 H.is_term_of_art_breakthrough}
    assert H.rules_for("possibly") == ()
    assert H.rule_blocks("", "rather", " than") == "is_contrastive_rather"
    assert H.rule_blocks("", "rather", " small") is None


# --- multi-word cues, overrides, counts ----------------------------------------------------------


def test_multiword_hedges(measure):
    text = ("More research is needed before doctors can recommend it. "
            "It is believed to work, and in my view it helps.")
    assert cues(measure, text) == ["more research is needed", "it is believed", "in my view"]
    assert cues(measure, "There is no doubt that it works.", "boosters") == ["there is no doubt"]


def test_user_lexicon_override(tmp_path):
    lex = pd.DataFrame({"term": ["microdos*", "may"], "category": ["topic", "modal"],
                        "source": ["test", "test"], "note": ["", ""]})
    m = H.Hedging(hedges=lex)
    doc = segment("u", "Microdosing may help. It may reduce pain. Published in May 2023.")
    res = m(doc)
    assert res.values["hedges_topic_n"] == 1
    assert res.values["hedges_modal_n"] == 2  # month rule still applies to a user "may"
    assert res.values["hedges_n"] == 3
    assert "hedges_topic_n" in m.columns() and "hedges_adverb_n" not in m.columns()
    path = tmp_path / "boost.csv"
    pd.DataFrame({"term": ["works"], "category": ["verb"], "source": ["test"],
                  "note": [""]}).to_csv(path, index=False)
    m2 = H.Hedging(boosters=str(path))
    res2 = m2(segment("u2", "It works. It clearly works."))
    assert res2.values["boosters_n"] == 2  # "clearly" is not in the user lexicon
    assert m2.lexicon_hashes()["boosters"] != H.Hedging().lexicon_hashes()["boosters"]


def test_counts_equal_matches_and_rates(measure):
    text = ("Microdosing for Pain\n"
            "Microdosing may help some people, and it could reduce pain. Researchers clearly "
            "need more data. It is not proven. You may contact us for details.\n"
            "Share this post\n")
    doc = segment("c", text)
    res = measure(doc)
    v = res.values
    hedges = [m for m in res.matches if m.measure == "hedges"]
    boosters = [m for m in res.matches if m.measure == "boosters"]
    assert v["hedges_n"] == len(hedges) == 3  # may, could, not proven
    assert v["boosters_n"] == len(boosters) == 1
    cat_total = sum(v[c] for c in measure.columns() if c.startswith("hedges_") and
                    c.endswith("_n") and c != "hedges_n")
    assert cat_total == v["hedges_n"]
    words = doc.n_words(set(measure.body_kinds))
    assert v["hedges_per_1k"] == pytest.approx(1000 * 3 / words)
    n_sent = len(doc.sentences_in(set(measure.body_kinds)))
    assert v["hedged_sentence_share"] == pytest.approx(2 / n_sent)
    for m in res.matches:  # every match sits inside its sentence
        s = doc.sentences[m.sentence_id]
        assert s.start <= m.start < m.end <= s.end


def test_body_kinds_and_empty(measure):
    only_para = H.Hedging(body_kinds=("paragraph",))
    doc = segment("k", "Psilocybin May Help\nIt may help, possibly.\n")
    assert measure(doc).values["hedges_n"] == 3
    assert only_para(doc).values["hedges_n"] == 2
    empty = measure(segment("e", ""))
    assert empty.values["hedges_n"] == 0
    assert math.isnan(empty.values["hedges_per_1k"])
    assert math.isnan(empty.values["hedged_sentence_share"])


def test_context_rules_can_be_switched_off():
    text = "You may contact us in May."
    assert cues(H.Hedging(context_rules=False), text) == ["may", "may"]
    assert cues(H.Hedging(), text) == []


# --- validation -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def validation():
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not available")
    from textstudy.validation.hedging import validate_hedging

    return validate_hedging(SHARED_DATA, out=None)


def test_bioscope_thresholds(validation):
    b = validation["bioscope"]
    # hedges_n > 0 (epistemic hedges only, as the codebook and BioScope define them)
    assert b["hedges"]["f1"] >= 0.85
    assert b["hedges"]["precision"] >= 0.85
    assert b["hedges"]["f1"] > b["no_context_rules"]["f1"]
    assert b["hedges"]["precision"] > b["no_context_rules"]["precision"]
    # counting approximators and frequency words as hedges costs precision
    assert b["with_approximators_and_frequency"]["precision"] < b["hedges"]["precision"]


def test_pei_spearman(validation):
    p = validation["pei"]
    assert p["findings"]["train"] > 0 and p["findings"]["val"] > 0
    assert p["selected"] == "certainty_score"
    rho = p["spearman_certainty_score"]
    assert rho["train"] >= 0.65
    assert rho["all"] >= 0.65
    assert rho["val"] > p["spearman_boosters_minus_hedges"]["val"]


def test_booster_sample(validation):
    s = validation["booster_sample"]
    assert s["sentences"] == 100
    assert s["labelled_positive"] == len(s["positive_ids"]) >= 1
    assert s["tp"] + s["fn"] == s["labelled_positive"]
    assert s["recall"] >= 0.5


# --- lexicon scanning: separators, overlaps ----------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It may help (possibly) and “clearly” works.", ["may", "possibly", "clearly"]),
        ("May help.\nPerhaps not.", ["may", "perhaps"]),
        ("Dose:may\xa0help", ["may"]),  # after ":" and before a no-break space
        ("😀may help", ["may"]),  # an astral separator (emoji)
        ("𝐀may help, 𝐀 may", ["may"]),  # an astral letter is no separator
        # a cue after a no-break space inside another cue: the first cue wins
        ("Yet more\xa0research proves it", ["more\xa0research", "proves"]),
    ],
)
def test_cues_are_found_after_any_separator(text, expected):
    plain = H.Hedging(context_rules=False)
    assert [text[m.start : m.end].lower() for m in plain(segment("d", text)).matches] == expected


def test_resolve_overlaps_equals_pairwise_check():
    import random

    from textstudy.lexicon import LexiconHit, resolve_overlaps

    def reference(hits):
        chosen, taken = [], []
        for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start, h.entry)):
            if all(h.end <= s or h.start >= e for s, e in taken):
                chosen.append(h)
                taken.append((h.start, h.end))
        return sorted(chosen, key=lambda h: h.start)

    rng = random.Random(7)
    for _ in range(2000):
        hits = []
        for i in range(rng.randint(0, 12)):
            s = rng.randint(0, 30)
            hits.append(LexiconHit(s, s + rng.randint(-2, 8), i))  # empty and reversed too
        assert resolve_overlaps(hits) == reference(hits)
