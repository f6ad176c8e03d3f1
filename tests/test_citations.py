"""Tests of the citations measure: every kind, the counting rules, and table/count agreement.

All sentences are written for these tests (realistic health-web phrasing, not copied).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from textstudy import engine
from textstudy.lexicon import load_lexicon
from textstudy.measures import get
from textstudy.measures.citations import (
    CITATION_LISTS,
    NOT_CITATIONS,
    SPECIFIC_KINDS,
    VAGUE_KINDS,
    Citations,
    citation_table,
)
from textstudy.segment import segment


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
        ("A 2022 survey of over 250 individuals found fewer migraines.", "study",
         "2022 survey of over 250"),
        ("A 2019 study linked poor sleep to weight gain.", "study", "2019 study"),
        ("One study published in 2018 tracked 400 nurses.", "study", "2018"),
        ("The results were published in the Journal of Psychopharmacology.", "journal",
         "Journal of Psychopharmacology"),
        ("A team writing in Frontiers in Psychiatry described the cases.", "journal",
         "Frontiers in Psychiatry"),
        ("The Lancet has called the findings robust.", "journal", "Lancet"),
        ("The authors reported their data in JAMA last spring.", "journal", "JAMA"),
        ("The paper appeared in Nature in March.", "journal", "Nature"),
        ("Smith et al. 2020 reported a similar pattern.", "named_person",
         "Smith et al. 2020"),
        ("Smith and Lee (2019) found no change in blood pressure.", "named_person",
         "Smith and Lee"),
        ("Fasting may lower insulin levels (Garcia, 2021).", "named_person", "Garcia, 2021"),
        ("Health Canada clearly states that the product is not approved.", "institution",
         "Health Canada"),
        ("According to the FDA, the supplement is unsafe.", "institution", "FDA"),
        ("Researchers at Johns Hopkins University gave volunteers a single dose.", "institution",
         "Johns Hopkins University"),
        ("The Beckley Foundation's research focuses on psychedelic drug policy.", "institution",
         "Beckley Foundation"),
        ("The trial is registered as NCT04123456.", "document", "NCT04123456"),
        ("The SPRINT trial lowered blood pressure targets.", "document", "SPRINT"),
        ("A 2021 meta-analysis pooled 14 trials.", "study", "2021 meta-analysis"),
        ("A systematic review published in the BMJ found small benefits.", "journal",
         "systematic review"),
        ("The drug is controlled under the Misuse of Drugs Act in Britain.", "document",
         "Misuse of Drugs Act"),
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
        ("Jane Chan is a professor of pharmacology at the University of Leeds.", "named_person",
         "Jane Chan"),
        ("This article was medically reviewed by Dr. Amy Reid.", "author_credit", "Amy Reid"),
        ("The study was led by Dr. Amy Reid of the University of Leeds.", "named_person",
         "Amy Reid"),
        ("To learn more, visit the Cystic Fibrosis Foundation.", "institution",
         "Cystic Fibrosis Foundation"),
        ("The National Cancer Institute has more about clinical trials.", "institution",
         "National Cancer Institute"),
        ("A survey of 1,200 nurses found that most slept badly.", "study", "1,200 nurses"),
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
        ("It is believed that the drug resets brain circuits.", "evidence"),
        ("Psilocybin is thought to act on serotonin receptors.", "evidence"),
        ("The compound has been shown to reduce swelling.", "evidence"),
        ("There are estimates that one in ten adults is affected.", "evidence"),
        ("This fits with previous studies of older adults.", "research"),
        ("Some chronic pain patients report less pain.", "anecdote"),
        ("It has been shown to reduce inflammation.", "evidence"),
        ("Data indicate a steady rise in cases.", "evidence"),
        ("There is growing evidence for this approach.", "evidence"),
        ("Personal accounts from individuals describe profound change.", "anecdote"),
        ("Many users report better focus.", "anecdote"),
        # round 2: unnamed groups, agentless forms, unnamed research as a source
        ("Statisticians warned that the figures may be skewed.", "experts"),
        ("Several senior tech executives insisted that the data were safe.", "experts"),
        ("Others agree that the risk is overblown.", "experts"),
        ("A senior administration official said the law does not allow it.", "experts"),
        ("Heavier summer rains are anticipated in southern Asia.", "evidence"),
        ("Fibre is widely regarded as the first thing to try.", "evidence"),
        ("Sleep loss has been linked with diabetes and depression.", "evidence"),
        ("It was reported that the clinic had closed.", "evidence"),
        ("Another criticism has been that small charities cannot cope.", "evidence"),
        ("Conventional wisdom holds that fat is bad for the heart.", "evidence"),
        ("The man had dark skin, according to analyses of his genome.", "research"),
        ("Polls showed that voters blamed the party.", "research"),
        ("The best evidence comes from studies on cluster headaches.", "research"),
        ("Surveys of fibromyalgia patients who tried it report mostly positive effects.",
         "research"),
        ("The emerging research, including case studies on low doses, suggests a benefit.",
         "research"),
        ("Many consumers complain that service is slower.", "experts"),
        ("Environmental and conservation groups have protested that the plan harms birds.",
         "experts"),
        ("The protests led to complaints that police used too much force.", "evidence"),
        ("The minister backs the plan, according to her aides.", "experts"),
        # round 3: unnamed groups and earlier work in any wording
        ("But most Sailors say their favourite part is the friends they make.", "experts"),
        ("Many locals say the payment is not enough.", "experts"),
        ("Drones may soon deliver parcels. Others are not so sure.", "experts"),
        ("Critics remain unconvinced that the tax helps.", "experts"),
        ("Many disagree with the ruling.", "experts"),
        ("Resistance was previously reported in seven patients.", "evidence"),
        ("This activity was previously shown to bind the antiserum.", "evidence"),
        ("Inhibition of killing has not been consistently observed.", "evidence"),
        ("The effect has been observed in several cell lines.", "evidence"),
        ("The company reportedly paid the fine.", "evidence"),
        ("The owner demanded a reported $100m in compensation.", "evidence"),
        ("Users report deeper sleep within a week.", "anecdote"),
        ("Customers say the cream works.", "anecdote"),
        ("So many people have said to me that they used to colour.", "anecdote"),
        ("It's been said that laughter is the best medicine.", "evidence"),
        ("It’s estimated that only 40% of the rubbish is collected.", "evidence"),
        ("The diet is unsafe, according to some.", "experts"),
        ("Many consider it the best treatment available.", "experts"),
        ("Experts are divided on the issue.", "experts"),
        ("Most dentists recommend fluoride toothpaste.", "experts"),
        ("This vet-recommended formula supports joints.", "experts"),
        ("Dermatologist tested and approved.", "experts"),
        ("NHS doctors say the wait is too long.", "experts"),
        # forum and web wordings: hearsay, rumour, an unnamed acquaintance or professional
        ("I've read that magnesium helps with sleep.", "evidence"),
        ("I heard somewhere that it lowers blood pressure.", "evidence"),
        ("Rumour has it that the clinic will close.", "evidence"),
        ("Word is that the drug will be approved soon.", "evidence"),
        ("A friend of mine said it cured her migraines.", "anecdote"),
        ("A doctor told me it was safe.", "experts"),
        ("People say it works wonders.", "anecdote"),
        ("It has long been known that fibre aids digestion.", "evidence"),
        ("It was once believed that the earth was flat.", "evidence"),
        ("There have been reports of liver damage.", "evidence"),
        ("Published research, including epidemiologic studies and studies using animal models, "
         "including mice that express the human protein, has suggested a strong barrier.",
         "research"),
        ("Humans may be linked to trees more directly than previously thought.", "evidence"),
        ("We discuss experimental evidences suggesting a shared pathway.", "evidence"),
    ],
)
def test_vague_kind(text: str, kind: str, measure: Citations) -> None:
    assert kinds(text, measure) == [kind]


# -- negatives ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "In 2022, I started taking magnesium before bed.",
        "Consult your doctor before taking supplements.",
        "The FDA approved the drug in 2019.",
        "More research is needed before anyone can recommend it.",
        "The researchers found no side effects.",
        "These data suggest a role for sleep.",
        "A trial in 2000 patients is under way.",
        "Nature walks can ease stress.",
        "Science is a process, not a list of facts.",
        "The WHO who visited the clinic stayed late.",
        "Talk to your pharmacist about interactions.",
        # codebook: not citations
        '"This tea changed my life!" - Jane D.',
        "The study was funded by the National Institutes of Health.",
        "Funding came from the Wellcome Trust and the Gates Foundation.",
        "A patient told the Observer that the drug helped.",
        "To book a session, contact me through my therapy business at www.calmpath.com.",
        "Natural Relief Options Explained",
        "Recommended Use Complementary to, not replacement for, traditional treatments",
        "Scientists are increasingly exploring psilocybin for pain.",
        "Several clinical trials are currently studying psilocybin for pain.",
        "Recent clinical trials are testing psilocybin for fibromyalgia.",
        "While the preliminary research is promising, caution is needed.",
        "Everest is the icon everyone knows.",
        "These experiments show that the protein binds DNA.",
        "Activity was scored according to the SLE Disease Activity Index.",
        "Trump has complained that the incidents were exaggerated.",
        "He claims that he has not seen any effect.",
        "Analysis of various mutants suggested that the promoter is inactive.",
        "The newspaper voiced concerns that the scandal could harm trade.",
        # the publisher's shop link beside an offer; a layperson named by age
        "Buy them now with 50% off. https://fluffyblankets.example.co.uk/blanket",
        "Order here: https://www.dazzlinfashion.example.com/love01 while stocks last.",
        "Shop here >> https://thefeminista.example.com/collections/holiday for the season.",
        "Get started at https://pickyomix.example.com/start today.",
        "Sweets from www.molliessweetshop.example.com with free delivery over £50.",
        "To schedule a consultation, visit www.ketaminewellness.example.com today.",
        "In 2019; 14 patients: 9 improved.",  # a year, a count and a colon, no reference
        "Smith, J. was born in 1980 (2019 census).",
        "We are giving away a stay for two. Click here to enter https://bit.example.ly/3lj",
        "Cyber Week Sale: a free jar of dog treats. Use Code: CYBERWEEK.",
        "“It is cheap and easy to get,” said Maria, a former heroin addict.",
        "Jane Roe, a mother of two from Ohio, said microdosing eased her migraines.",
        "Michael Day, 30, who lives with his parents in Bristol, says rents are high.",
        "Order here: https://rebrand.example.ly/s68 : https://rebrand.example.ly/g4o Shipping free",
        "Cozy boots: https://www.amazon.com/dp/B07XYZ?tag=cozyfinds-20 for winter walks.",
        "Maria Lopez, 61, said the drug eased her back pain.",
        "“It changed my life,” said Tom Baker, a 38-year-old teacher from Leeds.",
        "“I’m given £5 to spend at each store,” says Laura, a 50-year-old mystery shopper.",
    ],
)
def test_not_a_citation(text: str, measure: Citations) -> None:
    found = cites(text, measure)
    assert [k for k in found if k[0] in SPECIFIC_KINDS] == [], found
    if "doctor" in text or "pharmacist" in text or "Jane D." in text:
        assert found == []


@pytest.mark.parametrize(
    "text, needle",
    [  # look-alikes of the two exclusions above, still sources
        ("People who buy CBD online skip doses (https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1/).",
         "ncbi.nlm.nih.gov"),
        ("Order the full text at https://www.nature.com/articles/s41586-020-1 today.",
         "nature.com"),
        ("Order of magnitude estimates are given in https://arxiv.example.org/abs/2101.1.",
         "arxiv.example.org"),
        ("Prices vary; see https://www.who.int/news for the $5 levy.", "who.int"),
        ("Dr. Anna Berg, 52, a psychiatrist at Karolinska Institute, said trials are needed.",
         "Karolinska"),
        ("Jane Roe, a mother of two and professor of neurology at Yale, said the data are thin.",
         "Jane Roe"),
        ("It is banned under the Criminal Code of Canada.", "Criminal Code"),
        ("See https://www.nytimes.com/2023/health/x.html?ref=health for the story.", "nytimes"),
    ],
)
def test_sources_beside_an_offer_word_or_an_age_stay_sources(
        text: str, needle: str, measure: Citations) -> None:
    assert any(k in SPECIFIC_KINDS and needle in span for k, span in cites(text, measure))


def test_according_to_a_capitalised_name_is_no_appeal_to_research(measure: Citations) -> None:
    assert kinds("According to statistics, 3% of adults used it.", measure) == ["research"]
    assert kinds("According to Statistics Canada, 3% of adults used it.", measure) == []


@pytest.mark.parametrize(
    "text",
    [
        # look-alikes of the unnamed-group cues: no claim is attributed to anyone
        "Many parents say goodbye at the gate.",
        "Some patients report to the nurse each morning.",
        "Most recipes say to add salt.",
        "Many workers would think about heading home.",
        "Many years said nothing new.",
        "Some spurious claim was made in court.",
        "Some are not sure where to go.",
        "Many are not sure how to apply.",
        "Users report their symptoms through the app.",
        # look-alikes of the agentless cues: a label, a treatment, an event, a lack of evidence
        "The building was previously described as a hotel.",
        "The patient was previously treated with steroids.",
        "The drug was previously approved in Europe.",
        "A body was recently found in the river.",
        "Safety has not been established in children.",
        "There was a reported case of measles in the town.",
        "We observed the effect in all cell lines.",
        # an unnamed professional's endorsement is not a professional doing their job
        "The nurse recommended rest.",
        "Our nurses recommend that you rest.",
        "The doctors said they were tired.",
        "A scientist-led team tested the drug.",
        # look-alikes of hearsay and of an unnamed acquaintance: no claim is attributed
        "I read that book last year.",
        "I heard that song on the radio.",
        "We have seen that change in three years.",
        "My doctor told me to rest.",
        "My doctor told me I had lesions.",
        "My father always says, 'Don't read it'.",
        "People say 'Oh, poor you.'",
        "People say goodbye at the door.",
        "The word is spelled wrong.",
        "There are stories of dragons in the book.",
        "There have been no reports of structural problems.",
        "It is a desolate scene on the supposedly prestigious avenue.",
        "Sales were higher than expected.",
        "The effect was larger than first estimated by the authors.",
        "Further studies indicated that the enzyme was inhibited.",  # the authors' own
    ],
)
def test_not_a_vague_attribution(text: str, measure: Citations) -> None:
    assert [k for k in cites(text, measure) if k[0] in VAGUE_KINDS] == []


def test_author_credit_lines_count_in_bylines_and_titles_too(measure: Citations) -> None:
    text = ("Microdosing for pain\n\nMedically reviewed by Jane Smith, MD\n\n"
            "Psilocybin may help some people with chronic pain.\n\nBy Dr. Alan Park\n\n"
            "By The Numbers\n\nNew study finds psilocybin eases pain\n")
    doc = segment("t", text)
    found = [(m.category, doc.block_at(m.start).kind, text[m.start : m.end])
             for m in measure(doc).matches]
    assert found == [("author_credit", "boilerplate", "Medically reviewed by Jane Smith"),
                     ("author_credit", "boilerplate", "By Dr. Alan Park")]
    # only credit lines are read there: nothing at all without the credit kinds
    assert Citations(credit_kinds=())(doc).matches == []


def test_a_study_without_detail_is_vague_with_detail_specific(measure: Citations) -> None:
    assert kinds("A study found that coffee helps.", measure) == ["research"]
    assert kinds("A 2020 study found that coffee helps.", measure) == ["study"]


def test_a_study_named_elsewhere_is_not_vague(measure: Citations) -> None:
    """Codebook: resolve the referent ("a new study suggests" in a story naming its study)."""
    text = ("A new study suggests that naps help. The 2023 study, published in the journal "
            "Sleep, followed 400 adults.")
    assert kinds(text, measure) == ["journal"]
    assert kinds("A new study suggests that naps help.", measure) == ["research"]


def test_these_studies_point_back_into_their_paragraph(measure: Citations) -> None:
    """Codebook: resolve the referent. "These investigations" after unnamed pilot studies is
    vague; after a study the paragraph names, or with nothing before it to point to (an
    abstract's own experiments), it is not."""
    text = "Pilot studies are under way. These investigations suggest that the drug helps."
    assert kinds(text, measure) == ["research"]
    text = ("A 2021 trial and two other trials in Sleep tested it. These trials suggest that "
            "the drug helps.")
    assert "research" not in kinds(text, measure)
    assert kinds("These investigations suggest that the drug helps.", measure) == []


def test_researchers_found_is_the_team_a_story_names(measure: Citations) -> None:
    """Codebook: "the researchers found" in a story that names its study is not vague; the
    field ("researchers have observed", "scientists believe") stays vague."""
    named = "A 2023 study in the journal Sleep followed 400 adults. "
    assert kinds(named + "Researchers found that naps help.", measure) == ["journal"]
    assert kinds("Researchers found that naps help.", measure) == ["experts"]
    assert kinds(named + "Researchers have observed that naps help.", measure) == [
        "journal", "experts"]


def test_one_anecdotal_appeal_per_sentence(measure: Citations) -> None:
    text = ("Personal accounts from people who have used it to manage their pain provide "
            "anecdotal evidence of its benefits.")
    assert kinds(text, measure) == ["anecdote"]


def test_headings_and_table_of_contents_are_not_scanned(measure: Citations) -> None:
    text = "# Studies show it works\n\n- Patient Testimonials\n- Expert Opinions\n\nWe sleep.\n"
    assert kinds(text, measure) == []


# -- counting rules ----------------------------------------------------------------------------
def test_several_cues_one_citation(measure: Citations) -> None:
    text = "A 2019 study published in the Journal of Psychopharmacology found lower anxiety."
    [row] = citation_table(segment("t", text), measure)
    assert row["family"] == "specific"
    assert row["kind"] == "journal"  # journal outranks study
    assert row["year"] == 2019
    assert row["source_name"] == "Journal of Psychopharmacology"
    assert row["text"].startswith("A 2019 study")


def test_two_sources_in_one_sentence_stay_two(measure: Citations) -> None:
    text = "A 2018 study in JAMA and a 2021 study in the BMJ disagreed."
    assert kinds(text, measure) == ["journal", "journal"]
    assert kinds("Both agree (Smith, 2019; Lee, 2020).", measure) == ["named_person"] * 2
    text = "Visit the Beckley Foundation or read the Journal of Psychopharmacology."
    assert kinds(text, measure) == ["institution", "journal"]


def test_person_and_affiliation_are_one_source(measure: Citations) -> None:
    text = "Dr. Amy Reid, a sleep researcher at the University of Leeds, said the effect is small."
    assert kinds(text, measure) == ["named_person"]


def test_vague_cue_next_to_specific_is_absorbed(measure: Citations) -> None:
    assert kinds("A meta-analysis published in JAMA found a small effect.", measure) == [
        "journal"
    ]
    assert kinds("A meta-analysis of 12,000 patients found a small effect.", measure) == ["study"]
    assert kinds("Studies show that fibre helps (Smith et al., 2019).", measure) == [
        "named_person"
    ]


def test_distant_vague_cue_stays_vague(measure: Citations) -> None:
    text = (
        "Some studies suggest that it lifts mood in older adults with long-term pain, "
        "but the CDC recommends caution."
    )
    assert sorted(kinds(text, measure)) == ["institution", "research"]


def test_unnamed_group_beside_a_named_source_is_another_source(measure: Citations) -> None:
    text = "Veirs said scientists have already identified the impact of noise on whales."
    assert sorted(kinds(text, measure)) == ["experts", "named_person"]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("It reflects our values, wrote Zuckerberg in the post.", "named_person"),
        # reference-list entries (NLM/Vancouver and APA)
        ("Johnson MW, Griffiths RR. Potential therapeutic effects of psilocybin. "
         "Neurotherapeutics. 2017;14(3):734-740.", "study"),
        ("Johnson, M. W., & Griffiths, R. R. (2017). Potential therapeutic effects of "
         "psilocybin.", "named_person"),
        ("Polito V, Stevenson RJ (2019) A systematic study of microdosing.", "named_person"),
        ("According to Europol, the note is rarely seen.", "named_person"),
        ("Downloads made up half of income, according to IFPI numbers.", "institution"),
        ("An Apple spokesman said he had never heard of the scheme.", "institution"),
        ("Sam Watt of Vyclone, a phone app, said that filming helps.", "named_person"),
        ("The website ATMInventor.com concludes that Simjian invented it.", "url_or_doi"),
        ("Food is wasted in vain, says van Otterdijk.", "named_person"),
        ("It was based on research by the psychologist William Marston.", "study"),
        ("Coal use will rise, says the Medium-Term Coal Market Report.", "document"),
    ],
)
def test_named_sources_round_2(text: str, kind: str, measure: Citations) -> None:
    assert kinds(text, measure) == [kind]


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
    words = doc.n_words(set(measure.kinds))
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
    assert "heading" not in m.get_params()["kinds"]
    assert set(m.lexicon_hashes()) == {"citations_specific", "citations_vague"}


# -- lexicons ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["citations_specific", "citations_vague"])
def test_lexicon_rows_have_sources_and_examples(name: str) -> None:
    t = load_lexicon(name).table
    assert (t["source"].str.strip() != "").all()
    assert (t["example"].str.strip() != "").all()
    assert (t.loc[~t["category"].isin(CITATION_LISTS), "pattern"] != "").all()


def _with_category(tmp_path: Path, name: str, line: int, category: str) -> Path:
    """A copy of the lexicon ``name`` whose CSV line ``line`` has ``category``."""
    t = load_lexicon(name).table
    t.loc[line - 2, "category"] = category
    path = tmp_path / f"{name}.csv"
    t.to_csv(path, index=False)
    return path


def test_an_unknown_category_is_a_loading_error_naming_file_row_and_column(
        tmp_path: Path) -> None:
    path = _with_category(tmp_path, "citations_vague", 40, "expert_nouns")  # a list's name, typo
    with pytest.raises(ValueError, match=r"row 40, column 'category'.*'expert_nouns'") as err:
        Citations(vague_lexicon=str(path))
    assert str(path) in str(err.value)
    path = _with_category(tmp_path, "citations_vague", 2, "journal")  # a kind of the other family
    with pytest.raises(ValueError, match=r"row 2, column 'category'.*'journal'"):
        Citations(vague_lexicon=str(path))


def test_a_list_entry_is_read_by_the_cues_and_is_no_cue_of_its_own(
        measure: Citations, tmp_path: Path) -> None:
    t = load_lexicon("citations_vague").table
    assert "dermatologists" in set(t.loc[t["category"] == "expert_noun", "term"])
    assert measure(segment("t", "The dermatologists were busy.")).matches == []
    # a bare plural with a verb of emphasis: vague only through the expert_noun list ("Many
    # dermatologists say ..." is vague by the quantified-group cue whatever the noun)
    doc = segment("t", "Dermatologists emphasize daily sunscreen.")
    assert [m.category for m in measure(doc).matches] == ["experts"]
    without = tmp_path / "without.csv"
    t[t["term"] != "dermatologists"].to_csv(without, index=False)
    assert Citations(vague_lexicon=str(without))(doc).matches == []


def _rows(name: str) -> list[tuple[str, int, dict]]:
    t = load_lexicon(name).table
    return [(name, i + 2, r) for i, r in enumerate(t.to_dict("records"))]


ROWS = _rows("citations_specific") + _rows("citations_vague")



def test_every_row_example_through_the_measure(measure: Citations, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Each row's ``example`` must be matched by that row, through the public measure: a cue
    row's term is the cue of a match; a list entry lies in a match of its family, or (an entry
    of a list a not-a-citation row reads) makes the difference like such a row; a name stop
    word keeps its example from being a named person; a not-a-citation row's example has no
    specific citation, and has one when the row is removed from the lexicon."""
    failures = []
    for name, line, row in ROWS:
        doc = segment("t", row["example"])
        found = [m for m in measure(doc).matches if m.measure == name]
        spans = [doc.text[m.start : m.end].lower() for m in found]
        cat = row["category"]
        term = "2019" if cat == "year" else row["term"].lower()
        if cat in SPECIFIC_KINDS + VAGUE_KINDS:
            ok = any(m.cue == row["term"] for m in found)
        elif cat == "name_stop":
            ok = not any(m.category == "named_person" for m in found)
        elif cat not in NOT_CITATIONS and any(term in s for s in spans):
            ok = True
        else:
            path = tmp_path / f"without_{line}.csv"
            t = load_lexicon(name).table
            t.drop(index=line - 2).to_csv(path, index=False)
            with monkeypatch.context() as mp:  # the reference path: no gate to compile per row
                mp.setattr(engine, "hyperscan", None)
                without = Citations(specific_lexicon=str(path))(doc).matches
            ok = not found and any(m.measure == name for m in without)
        if not ok:
            failures.append(f"{name}.csv line {line} ({row['category']} {row['term']!r}): "
                            f"{row['example']!r} -> {[(m.category, m.cue) for m in found]}")
    assert not failures, "\n".join(failures)


def test_rates_use_the_document_word_count(measure: Citations) -> None:
    doc = segment("t", ARTICLE)
    v = measure(doc).values
    words = segment("t", ARTICLE).n_words(set(measure.kinds))
    assert v["citations_specific_n"] > 0 and v["citations_vague_n"] > 0
    assert v["citations_specific_per_1k"] == 1000 * v["citations_specific_n"] / words
    assert v["citations_vague_per_1k"] == 1000 * v["citations_vague_n"] / words


def test_measure_pickles(measure: Citations) -> None:
    import pickle

    doc = segment("a", ARTICLE)
    measure(doc)  # fills caches
    copy = pickle.loads(pickle.dumps(measure))
    assert copy(doc).matches == measure(doc).matches
