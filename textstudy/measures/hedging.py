"""Hedges, boosters, approximators and frequency words: lexicon cues filtered by small, named
context rules that implement the codebook (``CODEBOOK.md``, sections *hedge* and *booster*).

A *hedge* marks epistemic uncertainty about a claim ("may", "suggests", "more research is
needed", "a small study", "researchers believe"); a *booster* asserts certainty ("clearly",
"proven", "every patient has experienced relief", "a breakthrough", "will cure").
*Approximators* ("about 20%", "nearly", "an estimated") and *frequency* words ("often",
"usually", "in most cases") make a quantity or generality vague; the codebook counts them in
their own columns, never in ``hedges_n`` (Prince, Frader & Bosk 1982 separate approximators
from shields). A comparison of risk ("smokers are more likely to ...", category
``risk_comparison``) states a relative frequency in a population and is counted with the
frequency words. The lexicons ``hedges.csv`` (hedges, with approximator and frequency rows) and
``boosters.csv`` give every row a source, a certainty ``weight`` and an ``example`` it matches.

Counting
--------
1. Both lexicons are matched in one scan of the document text: overlapping cues are counted
   once, the longest wins (a hedge when a term is in both lexicons); hits outside the
   ``body_kinds`` blocks are dropped. Straight and curly apostrophes (' ’ ‘ ʼ) match alike.
2. Each hit passes the context rules below (``RULES``, each run only on the lexicon terms it
   names, so a user lexicon with "may" gets the month and permission rules); a rule that
   fires removes the hit.
3. A booster whose certainty is negated, denied or made conditional in its clause
   (:func:`is_denied_certainty`: "not proven", "no conclusive trials", "needed for conclusive
   findings", "neither ... nor ... to prove", "if proven") is no booster. An ``adverb`` or
   ``adjective`` booster so denied becomes a hedge of category ``negated_booster`` (the writer
   marks the matter as uncertain); other categories are dropped.

Context rules (each a function ``rule(before, word, after) -> bool``; True = *not* a cue;
``before``/``after`` are up to :data:`WINDOW` characters of the same block around ``word``):

Hedges
    :func:`is_month_may` (the month), :func:`is_permission_modal` ("you may contact us"),
    :func:`is_ability_negation` ("could not"), :func:`is_observation_could` ("could be
    detected"), :func:`is_backshifted_could` ("found that micro-doses could reduce pain": past
    "can"), :func:`is_volitional_would`, :func:`is_directive_suggest`,
    :func:`is_normative_belief` ("we believe psychedelics must be decriminalized"),
    :func:`is_topic_uncertainty` ("diagnostic uncertainty"), :func:`is_resolved_uncertainty`
    ("it was unclear ... until now"), :func:`is_opportunity_chance` ("a chance to win"),
    :func:`is_non_epistemic_potential` ("potential conflict
    of interest", "potential participants", "membrane potential"), :func:`is_unconditional`
    ("confirmed" counts only in an epistemic conditional: "If the findings are confirmed"),
    :func:`is_evident_apparent`, :func:`is_non_epistemic_possible`,
    :func:`is_physical_appear`, :func:`is_non_epistemic_think`.
Approximators and frequency words
    :func:`is_not_quantity` ("about microdosing"), :func:`is_contrastive_rather`,
    :func:`is_adjectival_general` ("in general practice"), :func:`is_manner_normally`.
Boosters
    :func:`is_directive_sure` ("make sure"), :func:`is_turned_out_proven` ("has proven
    tougher"), :func:`is_unasserted_prove` ("must prove"), :func:`is_habitual_always`
    ("should always consult"; only "always works" counts),
    :func:`is_not_universal_outcome` ("every day"; only "every patient has experienced ..."
    counts), :func:`is_not_outcome_percent` ("100% natural"; "100 percent accurate"
    counts), :func:`is_hedged_hype` ("could represent a groundbreaking approach"),
    :func:`is_term_of_art_breakthrough` ("breakthrough therapy designation", "breakthrough
    pain"), :func:`is_verified_source` ("verified sellers"), :func:`is_truth_as_topic` ("the
    truth is out"), :func:`is_not_confident_prediction` ("will be recruited", "experts
    believe it will help"; "will significantly improve outcomes", "will equip you", "will feel
    better" count).

Not in the lexicons at all (so not filtered): "can" (ability or root possibility), "should"
and "must" (deontic advice), the reporting verbs show / find / demonstrate and the degree
intensifiers very / really / incredibly / markedly (codebook: not boosters).

Values (``body_kinds`` blocks only)
-----------------------------------
``hedges_n``, ``boosters_n``, ``approximators_n``, ``frequency_n``, ``hypotheticals_n``
    Number of matches of each measure (``matches()`` names ``hedges``, ``boosters``,
    ``approximators``, ``frequency``, ``hypotheticals``: hypothetical "would"; equal to the
    match rows by construction).
``hedges_per_1k``, ``boosters_per_1k``
    ``1000 * n / words`` (higher = denser); NaN without words.
``hedged_sentence_share``, ``boosted_sentence_share``
    Share of body sentences with at least one hedge / booster; NaN without sentences.
``hedges_<category>_n``, ``boosters_<category>_n``
    Counts per lexicon category (plus ``hedges_negated_booster_n``).
``certainty_score``
    Mean over body sentences of the per-sentence certainty score (NaN without sentences).
    Per sentence: ``score(s) = sum of w(cue) over the cues in s`` (0 when no cue; higher =
    more certain). ``w`` is the lexicon row's ``weight`` (rows without one: -1 in the hedge
    lexicon, +1 in the booster lexicon); a denied booster weighs minus its weight. The
    built-in weights are graded after Rubin (2007)'s certainty levels and Hyland (2005)'s
    strong/weak distinction: boosters +1; approximators, frequency words and comparisons of
    risk ("more likely to") -0.5; most hedges -1; possibility modals and adverbs and stated
    lack of knowledge ("may", "possibly", "unclear", "more research is needed") -2.
    Approximators and frequency words are not hedges but still lower the score: they make a
    statement vaguer, and readers rate vaguer scientific findings as less certain (validated
    on Pei & Jurgens 2021, ``textstudy.validation.hedging``).

References
----------
Coates, J. (1983). *The Semantics of the Modal Auxiliaries*. Croom Helm.
Hyland, K. (2005). *Metadiscourse: Exploring Interaction in Writing*. Continuum.
Islam, J., Xiao, L., & Mercer, R. E. (2020). A lexicon-based approach for detecting hedges in
informal text. *LREC 2020*, 3109–3113.
Prince, E. F., Frader, J., & Bosk, C. (1982). On hedging in physician-physician discourse. In
R. J. di Pietro (Ed.), *Linguistics and the Professions* (pp. 83-97). Ablex.
Rubin, V. L. (2007). Stating with certainty or stating with doubt: intercoder reliability
results for manual annotation of epistemically modalized statements. *NAACL-HLT 2007*,
141–144.
Vincze, V. et al. (2008). The BioScope corpus. *BMC Bioinformatics* 9(S11):S9.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..document import BODY_KINDS, Document, Match, MeasureResult
from ..engine import RuleSet
from ..lexicon import Lexicon, LexiconMatcher, load_lexicon
from . import Measure, register
from .common import NAN, per_1k, scan_blocks

#: Context characters passed to rules on each side of a hit.
WINDOW = 80

#: Apostrophes that match alike: straight, right and left single quote, modifier letter.
APOS = "'’‘ʼ"

Rule = Callable[[str, str, str], bool]

_MONTH_PREP_RE = re.compile(
    r"(?:\b(?:in|on|of|since|until|till|by|during|early|late|mid|last|next|this|from|through"
    r"|throughout|between|each|every)|\d)[\s\-]*$",
    re.IGNORECASE,
)
_MONTH_AFTER_RE = re.compile(
    r"^,?\s*(?:\d|(?:and|or|to|-|–)\s*(?:June|April|July|March)\b)"
)
_PERMISSION_VERBS = (
    "contact|call|email|e-mail|phone|text|write|ask|request|visit|choose|opt|leave|return|"
    "cancel|unsubscribe|withdraw|share|copy|reproduce|redistribute|republish|download|print|"
    "access|submit|apply|book|schedule|enter|proceed|bring|view|quote|cite|order|purchase|"
    "reach|speak|talk"
)
#: Suggestions that only address the reader ("you might want to", "you could try").
_SUGGESTION_VERBS = "want|wish|like|prefer|try|consider"
_PERMISSION_RE = re.compile(
    rf"^\s+(?:(?:also|still|now|then|freely|always|not)\s+)*(?:{_PERMISSION_VERBS}"
    r"|be\s+(?:allowed|permitted|entitled|eligible|asked|invited))\b",
    re.IGNORECASE,
)
_SUGGESTION_RE = re.compile(
    rf"^\s+(?:(?:also|still|now|then|not)\s+)*(?:{_SUGGESTION_VERBS})\b", re.IGNORECASE
)
_YOU_END_RE = re.compile(r"\byou\s+$", re.IGNORECASE)
_COPYRIGHT_RE = re.compile(
    r"^\s+not\s+be\s+(?:reproduced|copied|distributed|redistributed|republished|transmitted"
    r"|stored|sold|modified)\b",
    re.IGNORECASE,
)
_POLITE_QUESTION_RE = re.compile(r"^\s+(?:i|we|you)\b", re.IGNORECASE)
_NOT_RE = re.compile(rf"^(?:n[{APOS}]t\b|\s+not\b)", re.IGNORECASE)
_VOLITION_RE = re.compile(r"^\s+(?:(?:really|also)\s+)?(?:like|love|prefer|you|i|we)\b",
                          re.IGNORECASE)
_SUGGEST_DIRECTIVE_RE = re.compile(
    r"^\s+(?:(?:that\s+)?(?:you|your|readers|anyone|everyone)\b|(?!being\b)[a-z]+ing\b)",
    re.IGNORECASE,
)
_SUGGESTED_ITEM_RE = re.compile(
    r"^\s+(?:daily\s+)?(?:dose|doses|dosage|dosages|serving|servings|use|usage|intake|amount"
    r"|retail|price|donation|reading|readings|routine|products?)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|half|twice|double|a\\s+third|"
    "a\\s+quarter|a\\s+fifth|a\\s+tenth|a\\s+dozen|dozen|a\\s+hundred|a\\s+thousand|"
    "a\\s+million|a\\s+billion|a\\s+half|a\\s+year|a\\s+month|a\\s+week|a\\s+day|an\\s+hour|"
    "a\\s+minute|a\\s+decade|a\\s+quarter|an?\\s+(?:additional|extra)|as\\s+(?:many|much)"
)
_QUANTITY_RE = re.compile(rf"^\s+(?:[$€£~±]?\d|(?:{_NUMBER_WORDS})\b)", re.IGNORECASE)
_RATHER_THAN_RE = re.compile(r"^(?:\s+than\b|\s*,)", re.IGNORECASE)
_RATHER_BEFORE_RE = re.compile(r"\b(?:but|or)\s+$", re.IGNORECASE)
_GENERAL_NOUN_AFTER_RE = re.compile(
    r"^\s+(?:practice|practices|practitioners?|population|public|hospitals?|medicine|medical"
    r"|surgery|surgeons?|surgical|health|anaesthesia|anesthesia|anaesthetic|anesthetic|wards?"
    r"|paediatrics|pediatrics|adult|use|care|terms)\b",
    re.IGNORECASE,
)
_MANNER_NORMALLY_AFTER_RE = re.compile(r"^(?:\s*$|\s*[.,;:!?)]|\s+again\b)")
_OBSERVATION_VERBS = (
    "detect|measur|observ|see|seen|found|find|identif|isolat|obtain|quantif|visuali|recover|"
    "distinguish|resolv|locat|record|reproduc|replicat|demonstrat|confirm|establish|determin"
)
_OBSERVATION_COULD_RE = re.compile(
    rf"^\s+(?:(?:not|only|also|still|readily|easily|clearly|reliably)\s+)*(?:be\s+)?"
    rf"(?:(?:readily|easily|clearly|reliably|only|also)\s+)?(?:{_OBSERVATION_VERBS})",
    re.IGNORECASE,
)
_EVIDENT_APPARENT_BEFORE_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|become|becomes|became|becoming|seem|seems|seemed"
    rf"|it[{APOS}]s|no|without|not|immediately|readily|more|most|increasingly|already)\s+$",
    re.IGNORECASE,
)
_AS_POSSIBLE_BEFORE_RE = re.compile(
    r"(?:\bas\s+(?:[\w\-]+\s+){1,3}as|\b(?:if|where|wherever|when|whenever)|"
    r"\b(?:best|lowest|highest|smallest|shortest|greatest)\s+(?:[\w\-]+\s+)?)\s+$",
    re.IGNORECASE,
)
_APPEAR_PHYSICAL_RE = re.compile(
    r"^(?:\s*$|\s*[.;:!?)]|\s+(?:in|on|at|within|after|before|during|around|under|from|as|"
    r"near|across|over|inside|when|if|while|with|without|onstage|online|suddenly|again)\b)",
    re.IGNORECASE,
)
_THINK_NON_EPISTEMIC_RE = re.compile(
    r"^\s+(?:about|of|through|twice|ahead|back|over|positively|carefully|clearly)\b",
    re.IGNORECASE,
)
_SURE_DIRECTIVE_BEFORE_RE = re.compile(r"\b(?:make|makes|made|making|be)\s+$", re.IGNORECASE)
def is_month_may(before: str, word: str, after: str) -> bool:
    """True when ``word`` is "May" the month: capitalised, and next to a number or after a
    time preposition ("May 2023", "3 May", "in May", "since May", "May and June")."""
    if word != "May":
        return False
    return bool(_MONTH_AFTER_RE.match(after) or _MONTH_PREP_RE.search(before))


def is_permission_modal(before: str, word: str, after: str) -> bool:
    """True when may/might/could grant permission or suggest an action to the reader.

    A modal followed by a verb of an action one is allowed to take ("you may contact us",
    "patients may bring a companion"), "you" + modal + a suggestion verb ("you might want
    to", "you could try"), a polite question ("May I ...", "Could you ...") or a copyright
    notice ("may not be reproduced"). Epistemic uses ("you may feel dizzy", "doctors may
    consider it") pass.
    """
    if word.lower() not in ("may", "might", "could"):
        return False
    return bool(
        _PERMISSION_RE.match(after)
        or _COPYRIGHT_RE.match(after)
        or (_SUGGESTION_RE.match(after) and _YOU_END_RE.search(before))
        or (_POLITE_QUESTION_RE.match(after) and not before.strip())
    )


def is_ability_negation(before: str, word: str, after: str) -> bool:
    """True for "could not"/"couldn't": past inability ("we could not find an effect")."""
    return word.lower() == "could" and bool(_NOT_RE.match(after))


def is_volitional_would(before: str, word: str, after: str) -> bool:
    """True for "would like/love/prefer" and questions "would you ...": wishes, not doubt."""
    return word.lower() == "would" and bool(_VOLITION_RE.match(after))


def is_directive_suggest(before: str, word: str, after: str) -> bool:
    """True when "suggest" advises the reader ("we suggest you talk to your doctor",
    "I suggest avoiding ...", "suggest that you") or "suggested" means recommended
    ("suggested dose", "suggested use"). Reporting uses ("studies suggest that") pass."""
    low = word.lower()
    if not low.startswith("suggest"):
        return False
    if low == "suggested" and _SUGGESTED_ITEM_RE.match(after):
        return True
    return low in ("suggest", "suggests") and bool(_SUGGEST_DIRECTIVE_RE.match(after))


def is_not_quantity(before: str, word: str, after: str) -> bool:
    """True when "about"/"around" do not precede a quantity: topic ("about microdosing") or
    place ("around the world"). "about 3 fewer attacks", "around 20%", "about a third"
    stay approximators."""
    if word.lower() not in ("about", "around"):
        return False
    return not _QUANTITY_RE.match(after)


def is_contrastive_rather(before: str, word: str, after: str) -> bool:
    """True for contrastive "rather": "rather than" ("whole foods rather than supplements"),
    a clause-initial "Rather, ...", "but rather", "or rather" (correction, not degree).
    The degree adverb ("rather small") passes."""
    if word.lower() != "rather":
        return False
    return bool(_RATHER_THAN_RE.match(after)) or bool(_RATHER_BEFORE_RE.search(before))


def is_adjectival_general(before: str, word: str, after: str) -> bool:
    """True for "in general" + the noun it modifies ("in general practice", "in general
    anaesthesia", "in general terms"); "In general, ..." (a hedge of generality) passes."""
    return word.lower() == "in general" and bool(_GENERAL_NOUN_AFTER_RE.match(after))


def is_manner_normally(before: str, word: str, after: str) -> bool:
    """True for manner "normally" at the end of a clause ("the heart beats normally.",
    "able to walk normally again"); typicality ("is normally harmless") passes."""
    return word.lower() == "normally" and bool(_MANNER_NORMALLY_AFTER_RE.match(after))


def is_evident_apparent(before: str, word: str, after: str) -> bool:
    """True when "apparent" means *evident* (predicative: "it became apparent that", "is
    apparent from the data"; or after "no"/"without": "no apparent cause"). The attributive
    "apparent improvement" (= seeming, a hedge) passes."""
    return word.lower() == "apparent" and bool(_EVIDENT_APPARENT_BEFORE_RE.search(before))


def is_observation_could(before: str, word: str, after: str) -> bool:
    """True for "could" + a verb of observation or measurement ("the virus could be detected
    in saliva", "we could only measure"): the ability of a method (root "could", Coates
    1983), not doubt. "could be linked", "could reduce" pass."""
    return word.lower() == "could" and bool(_OBSERVATION_COULD_RE.match(after))


def is_non_epistemic_possible(before: str, word: str, after: str) -> bool:
    """True for "as soon as possible", "if/where/whenever possible", "best possible"."""
    return word.lower() == "possible" and bool(_AS_POSSIBLE_BEFORE_RE.search(before))


def is_physical_appear(before: str, word: str, after: str) -> bool:
    """True when appear(s/ed) means becoming visible or being published ("a rash appears on
    the skin", "appeared in JAMA", "symptoms appear."); "appears to", "appear safe" pass."""
    if not word.lower().startswith("appear"):
        return False
    return bool(_APPEAR_PHYSICAL_RE.match(after))


def is_hedged_actually(before: str, word: str, after: str) -> bool:
    """True when "actually" / "in fact" follows a possibility modal ("might actually be more
    beneficial"): it marks a surprising possibility, not asserted certainty."""
    return bool(_POSSIBILITY_MODAL_BEFORE_RE.search(before))


_POSSIBILITY_MODAL_BEFORE_RE = re.compile(r"\b(?:may|might|could|would)\s+$", re.IGNORECASE)


def is_trust_as_verb(before: str, word: str, after: str) -> bool:
    """True when "trust me" is a verb phrase inside a clause ("Patients must trust me to help
    them"), not the assurance "Trust me, it works"."""
    return bool(_WORD_BEFORE_RE.search(before)) and not after.lstrip().startswith(",")


_WORD_BEFORE_RE = re.compile(r"\w\s*$")


def is_named_imo(before: str, word: str, after: str) -> bool:
    """True when "IMO" names something ("the IMO", the maritime organisation; "Imo State"),
    not "in my opinion"."""
    return bool(_THE_BEFORE_RE.search(before) or _STATE_AFTER_RE.match(after))


_THE_BEFORE_RE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_STATE_AFTER_RE = re.compile(r"\s+state\b", re.IGNORECASE)


def is_non_epistemic_think(before: str, word: str, after: str) -> bool:
    """True for "think about/of/through/twice" (deliberation, not belief)."""
    return word.lower() in ("think", "thinks") and bool(_THINK_NON_EPISTEMIC_RE.match(after))


def is_directive_sure(before: str, word: str, after: str) -> bool:
    """True for "make sure", "be sure to": instructions, not certainty."""
    return word.lower() == "sure" and bool(_SURE_DIRECTIVE_BEFORE_RE.search(before))


_WORDS = rf"(?:\s+[\w{APOS}\-]+)"  # a word after whitespace; the chain stops at punctuation
_BACKSHIFT_BEFORE_RE = re.compile(
    r"\b(?:found|showed|shown|demonstrated|reported|observed|discovered|revealed|noted"
    rf"|confirmed|learned|learnt|realized|realised|established|saw|proved)\b{_WORDS}{{0,8}}\s+$",
    re.IGNORECASE,
)
_COULD_HAVE_RE = re.compile(r"^\s+(?:not\s+)?have\b", re.IGNORECASE)
_NORMATIVE_AFTER_RE = re.compile(
    r"^[^.;:!?]{0,60}?\b(?:must|should|ought\s+to|needs?\s+to|deserves?|has\s+to|have\s+to)\b",
    re.IGNORECASE,
)
#: Words before "uncertainty" that make it the topic ("diagnostic uncertainty", "intolerance
#: of uncertainty", "living with uncertainty").
_TOPIC_UNCERTAINTY_BEFORE = frozenset(
    "diagnostic clinical prognostic economic financial political regulatory legal measurement"
    " tolerate tolerating".split()
) | frozenset(
    ("intolerance of", "tolerance of", "living with", "live with", "cope with", "coping with",
     "deal with", "dealing with", "fear of", "feelings of", "feeling of", "sense of",
     "periods of", "times of")
)
_RESOLVED_AFTER_RE = re.compile(
    r"^[^.;!?]{0,70}?\buntil\s+(?:now|recently|today|this|these|the|a|an|researchers"
    r"|scientists)\b",
    re.IGNORECASE,
)
_PREVIOUSLY_BEFORE = frozenset({"previously", "formerly", "once", "long"})
_POTENTIAL_NON_EPISTEMIC_BEFORE = frozenset(
    "membrane action resting electrical redox evoked zeta field osmotic chemical oxidation"
    " reduction full untapped your their his her our my".split()
)
_POTENTIAL_NON_EPISTEMIC_AFTER_RE = re.compile(
    r"^\s+(?:conflicts?\s+of\s+interests?|competing\s+interests?|financial\s+conflicts?"
    r"|participants?|candidates?|donors?|recruits?|subjects?|customers?|clients?|buyers?"
    r"|employers?|employees?|partners?|applicants?|investors?|users?|members?|students?"
    r"|tracers?|tracer\s+molecules?|recipients?|volunteers?|enrollees?)\b",
    re.IGNORECASE,
)
_TO_AFTER_RE = re.compile(r"^\s+(?:to|at|for)\b", re.IGNORECASE)
_OPPORTUNITY_BEFORE = frozenset("last your our their golden second another big fair".split())
_CONDITIONAL_BEFORE_RE = re.compile(
    rf"\b(?:if|unless|once|until){_WORDS}{{0,6}}\s+$", re.IGNORECASE
)
_TURNED_OUT_AFTER_RE = re.compile(
    r"^\s+(?:to\s+be\s+)?(?:(?:much|far|even|rather|quite|very|surprisingly|more|less|most"
    r"|least)\b|\w+er\b|(?:difficult|tough|hard|elusive|challenging|tricky|popular"
    r"|controversial|costly|problematic|disappointing|futile|fatal|deadly)\b)",
    re.IGNORECASE,
)
_MODAL_BEFORE_RE = re.compile(
    r"\b(?:to|must|should|shall|will|would|can|could|may|might|cannot)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
#: Words of a successful outcome ("works", "cured", "effective").
_SUCCESS = (
    r"(?:works?|worked|helps?|helped|cures?|cured|succeeds?|succeeded|effective|successful"
    r"|reliable|delivers?|heals?|healed|relieves?|fixes)"
)
_OUTCOME_ALWAYS_RE = re.compile(rf"^\s+(?:\w+ly\s+)?{_SUCCESS}\b", re.IGNORECASE)
_PEOPLE = (
    r"(?:patients?|clients?|users?|participants?|customers?|cases?|persons?|people|subjects?"
    r"|members?|women|men|children|kids|individuals?|volunteers?|one)"
)
_OUTCOME_VERBS = (
    r"(?:experienced|reported|improved|recovered|benefit(?:t?ed|s)?|responded|healed|felt"
    r"|saw|seen|noticed|achieved|got|gotten|been\s+cured|cured|been\s+helped|helped"
    r"|succeeded|loved|enjoyed|works?|worked)"
)
_UNIVERSAL_AFTER_RE = re.compile(
    rf"^\s+(?:one\s+of\s+)?(?:(?:my|our|the|these|those|his|her|their|treated)\s+)?"
    rf"(?:[\w\-]+\s+){{0,2}}?{_PEOPLE}\b[^.;:!?]{{0,60}}?\b{_OUTCOME_VERBS}\b",
    re.IGNORECASE,
)
_EVERY_SINGLE_AFTER_RE = re.compile(
    rf"^\s+(?:one\s+of\s+)?(?:(?:my|our|the|these|those)\s+)?(?:[\w\-]+\s+)?{_PEOPLE}\b",
    re.IGNORECASE,
)
#: "everyone who/that ..." with an outcome verb ("everyone who tried it felt better").
_EVERYONE_AFTER_RE = re.compile(
    rf"^\s+(?:who|that)\b[^.;:!?]{{0,60}}?\b{_OUTCOME_VERBS}\b", re.IGNORECASE
)
#: A verb of success before "for everyone" ("works for everyone"; not the noun "my work for").
_OUTCOME_FOR_EVERYONE_BEFORE_RE = re.compile(
    r"\b(?:works|worked|helps|helped|succeeds|succeeded|(?:is|was|are|were)\s+(?:effective"
    r"|successful))\s+(?:\w+\s+)?(?:for|with)\s+$", re.IGNORECASE
)
_OUTCOME_FOR_EVERY_BEFORE_RE = re.compile(
    rf"\b{_SUCCESS}\s+(?:\w+\s+)?(?:in|for|with)\s+$", re.IGNORECASE
)
_OUTCOME_PERCENT_AFTER_RE = re.compile(
    r"^\s+(?:\w+ly\s+)?(?:accurate|effective|safe|successful|success|guaranteed|reliable"
    r"|cure[sd]?|curable|efficacy|efficacious|proven|certain|sure|recovery|remission"
    r"|response\s+rate|of\s+(?:the\s+)?(?:patients|participants|users|clients|cases))\b",
    re.IGNORECASE,
)
#: Words that hedge the rest of their clause (a clause ends at . ; : ! ? or a dash).
_HEDGE_WORDS = frozenset(
    "may might could would potential potentially possible possibly perhaps maybe promising"
    " hope hopes hoped hoping hopefully if whether likely probably believe believes believed"
    " think thinks thought expect expects expected predict predicts predicted anticipate"
    " anticipates anticipated suggest suggests seem seems appear appears speculate speculated"
    " speculates claim claims claimed projected forecast forecasts optimistic".split()
)
_SENTENCE_STOP_RE = re.compile(r"[.;:!?—–]")
_PUNCTUATION_RE = re.compile(rf"[^\w\s{APOS}\-]")
_WORD_RE = re.compile(rf"[\w{APOS}\-]+")
_TERM_OF_ART_AFTER_RE = re.compile(
    r"^\s+(?:therapy|device|designation|status|pain|bleeding|infections?|cases?|seizures?"
    r"|symptoms?|ha?emorrhage|nausea|vomiting|fungal)\b",
    re.IGNORECASE,
)
_TRUTH_TOPIC_AFTER_RE = re.compile(
    r"^\s+(?:(?:often|rarely|usually|sometimes|now|finally)\s+)?(?:out|known|unknown|revealed"
    r"|hidden|told|somewhere|stranger|more|less|elusive|complicated|complex|important"
    r"|relative|subjective)\b",
    re.IGNORECASE,
)
_VERIFIED_SOURCE_AFTER_RE = re.compile(
    r"^\s*,?\s*(?:[\w\-]+\s+){0,2}?(?:channels?|sources?|suppliers?|vendors?|sellers?"
    r"|buyers?|purchases?|purchasers?|accounts?|reviews?|reviewers?|customers?|users?|members?"
    r"|providers?|retailers?|pharmac(?:y|ies)|badges?|profiles?|e-?mails?|identit(?:y|ies)"
    r"|phone|ticks?|checkmarks?|owners?|practitioners?|outlets?|stores?|shops?|sites?"
    r"|websites?|dealers?|partners?)\b",
    re.IGNORECASE,
)
_PREDICTION_AFTER_RE = re.compile(
    r"^\s+(?:(?!(?:likely|probably|possibly|potentially|presumably)\b)"
    r"(?:\w+ly|also|only|further|still|even|soon)\s+){0,2}(?:improve|reduce|cure"
    r"|heal|transform|revolutioni[sz]e|change|help|benefit|boost|enhance|eliminate|prevent"
    r"|reverse|restore|relieve|lower|increase|work|save|end|solve|succeed|fix|replace"
    r"|lead\s+to|make\s+a\s+difference|outperform|eradicate|stop|protect|extend|double"
    r"|halve|become\s+(?:the|a)\s+standard"
    # harm foretold ("will worsen", "will kill")
    r"|worsen|harm|damage|kill|destroy|ruin|devastate"
    # the reader's outcome promised ("will equip you", "will make you feel younger")
    r"|equip|empower|(?:make|leave)\s+you\s+(?:feel|feeling|look|looking)|change\s+your\s+life"
    r"|see\s+(?:real\s+|visible\s+)?results|lose\s+weight|notice\s+(?:a|the)\s+difference"
    # an evaluative state foretold ("will be better off", "will feel better")
    r"|(?:be|feel|look|sleep|live)\s+(?:(?:much|far|a\s+lot)\s+)?(?:better|worse|healthier"
    r"|happier|safer|stronger|younger|longer))\b(?!\s+(?:you|readers|us)\s+(?:to\s+)?"
    r"(?:understand|learn|find|decide|choose|navigate|know|get\s+started|prepare|plan))",
    re.IGNORECASE,
)
#: Words that negate, deny or condition a booster that follows within six words.
_DENIERS = frozenset(
    "not no never nor neither without lack lacks lacking absence insufficient needed need"
    " needs required require requires before until whether if unless hardly cannot".split()
)
def is_backshifted_could(before: str, word: str, after: str) -> bool:
    """True for "could" after a past reporting verb ("researchers found that micro-doses
    could reduce pain"): back-shifted past "can", not a hedge (codebook). "could" in a
    present or hypothetical frame ("studies show it could help", "could be used") and
    "found that it could have caused" (epistemic perfect) pass."""
    return (word.lower() == "could" and bool(_BACKSHIFT_BEFORE_RE.search(before))
            and not _COULD_HAVE_RE.match(after))


def is_normative_belief(before: str, word: str, after: str) -> bool:
    """True when believe/think/feel that introduces a norm, not a guess ("we believe
    psychedelics must be decriminalized", "I think everyone should try it")."""
    return bool(_NORMATIVE_AFTER_RE.match(after))


def is_topic_uncertainty(before: str, word: str, after: str) -> bool:
    """True when uncertainty is the *topic*, not a qualification of the writer's claim
    ("diagnostic uncertainty", "intolerance of uncertainty", "living with uncertainty")."""
    return not _TOPIC_UNCERTAINTY_BEFORE.isdisjoint(_last_words(before))


def is_resolved_uncertainty(before: str, word: str, after: str) -> bool:
    """True for uncertainty the text says is resolved ("it was unclear how it worked until
    now", "a previously unknown mechanism")."""
    return bool(_RESOLVED_AFTER_RE.match(after)) or not _PREVIOUSLY_BEFORE.isdisjoint(
        _last_words(before))


def is_non_epistemic_potential(before: str, word: str, after: str) -> bool:
    """True when "potential" does not mark a benefit, effect, risk or mechanism as possible:
    "potential conflict of interest", a candidate in a procedure ("potential participants",
    "potential tracer molecules"), physics ("membrane potential") or personal capacity ("reach
    your full potential"). "potential side effects", "has the potential to" pass."""
    return bool(_POTENTIAL_NON_EPISTEMIC_AFTER_RE.match(after)
                or not _POTENTIAL_NON_EPISTEMIC_BEFORE.isdisjoint(_last_words(before)))


def is_opportunity_chance(before: str, word: str, after: str) -> bool:
    """True when "chance" is an opportunity ("a chance to win", "your last chance", "don't
    miss your chance"); "a chance that the rash returns", "chances are" pass."""
    return bool(_TO_AFTER_RE.match(after)) or not _OPPORTUNITY_BEFORE.isdisjoint(
        _last_words(before))


def is_unconditional(before: str, word: str, after: str) -> bool:
    """True unless "confirmed"/"replicated" sits in an epistemic conditional ("If the
    findings are confirmed ...", "once replicated"); "the diagnosis was confirmed" is no
    hedge."""
    return not _CONDITIONAL_BEFORE_RE.search(before)


def is_turned_out_proven(before: str, word: str, after: str) -> bool:
    """True for prove = *turn out* ("has proven tougher", "proved difficult to treat"):
    not certainty. "proved effective", "a proven treatment" pass."""
    return bool(_TURNED_OUT_AFTER_RE.match(after))


def is_unasserted_prove(before: str, word: str, after: str) -> bool:
    """True for "prove" after a modal or "to" ("must also prove", "hard to prove", "may
    prove"): an obligation, aim or possibility, not asserted certainty. "These results
    prove that ..." passes."""
    return bool(_MODAL_BEFORE_RE.search(before))


def is_habitual_always(before: str, word: str, after: str) -> bool:
    """True unless "always" makes a categorical outcome claim ("always works", "is always
    effective"): habitual or directive "always" ("should always consult") is no booster."""
    return not _OUTCOME_ALWAYS_RE.match(after)


def is_not_universal_outcome(before: str, word: str, after: str) -> bool:
    """True unless "every" makes a universal outcome claim: "every (single) patient ... has
    experienced", "worked in every case", "every single case", "works for everyone",
    "everyone who tried it felt better". "every day", "every patient is different", "everyone
    is different" are no boosters."""
    if word.lower().endswith("single"):
        return not _EVERY_SINGLE_AFTER_RE.match(after)
    if word.lower().startswith(("everyone", "everybody")):
        return not (_EVERYONE_AFTER_RE.match(after)
                    or _OUTCOME_FOR_EVERYONE_BEFORE_RE.search(before))
    return not (_UNIVERSAL_AFTER_RE.match(after)
                or _OUTCOME_FOR_EVERY_BEFORE_RE.search(before))


def is_not_outcome_percent(before: str, word: str, after: str) -> bool:
    """True unless "100 percent" qualifies an outcome ("100 percent accurate", "100%
    effective"); "100% natural", "100 percent of the dose" are no boosters."""
    return not _OUTCOME_PERCENT_AFTER_RE.match(after)


def is_hedged_hype(before: str, word: str, after: str) -> bool:
    """True when a hype word is hedged earlier in its clause ("could represent a
    groundbreaking approach", "a potential game changer", "if it proves a breakthrough")."""
    return _hedged_clause(before)


def is_verified_source(before: str, word: str, after: str) -> bool:
    """True when "verified" qualifies a source, seller or account rather than a claim
    ("through verified, scientifically rigorous channels", "a verified seller", "verified
    reviews"): no certainty asserted. "The results were independently verified" passes."""
    return bool(_VERIFIED_SOURCE_AFTER_RE.match(after))


def is_truth_as_topic(before: str, word: str, after: str) -> bool:
    """True when "the truth is" says something about the truth rather than asserting what
    follows ("the truth is out today", "the truth is often hidden"); "the truth is, most
    supplements do nothing" passes."""
    return bool(_TRUTH_TOPIC_AFTER_RE.match(after))


def is_term_of_art_breakthrough(before: str, word: str, after: str) -> bool:
    """True for regulatory and clinical terms: "breakthrough therapy designation",
    "breakthrough device status", "breakthrough pain", "breakthrough infections"."""
    return bool(_TERM_OF_ART_AFTER_RE.match(after))


def is_not_confident_prediction(before: str, word: str, after: str) -> bool:
    """True unless "will" is a confident prediction about an uncertain outcome ("will
    significantly improve outcomes", "will cure", "will worsen", "will equip you", "will feel
    better"): plans and schedules ("will be recruited", "will be available"),
    "will help you understand", and "will" under a hedge ("scientists believe it will help")
    are no boosters."""
    return not _PREDICTION_AFTER_RE.match(after) or _hedged_clause(before)


def is_denied_certainty(before: str, word: str = "") -> bool:
    """True when the clause before a booster negates, denies or conditions its certainty:
    a negator, a need or lack, "before"/"until"/"whether"/"if", up to six words back without
    punctuation between ("not proven", "no conclusive trials", "needed for conclusive
    findings", "neither controlled nor statistically significant to prove", "if proven").
    Before a booster ``word`` that is no adverb, commas between adjectives join coordinate
    adjectives and end no clause ("lacks large-scale, conclusive trials")."""
    if word and not word.lower().endswith("ly"):
        before = _COORDINATE_COMMAS_RE.sub(lambda m: m[0].replace(",", " "), before)
    words = _WORD_RE.findall(_PUNCTUATION_RE.split(before)[-1].lower())[-7:]
    return any(w in _DENIERS or w.endswith(_NT) for w in words)


_NT = tuple(f"n{a}t" for a in APOS)
#: Adjectives each followed by a comma at the end of the context: coordinate adjectives
#: ("large-scale, well-controlled, conclusive"), hyphenated, of size or with an adjective suffix.
_COORDINATE_COMMAS_RE = re.compile(
    r"(?:\b(?:\w+-[\w\-]+|large|small|big|long|\w+(?:al|ive|ic|ous|ful|ble|ed))\s*,\s*)+$",
    re.IGNORECASE,
)


def _last_words(before: str) -> tuple[str, ...]:
    """The lower-cased last word of ``before`` and its last two words joined by a space
    (empty unless ``before`` ends with whitespace after a word)."""
    if not before[-1:].isspace():
        return ()
    words = _WORD_RE.findall(_PUNCTUATION_RE.split(before[-40:])[-1].lower())
    return tuple(" ".join(words[-k:]) for k in (1, 2) if len(words) >= k)


def _hedged_clause(before: str) -> bool:
    """True when a hedge word occurs in the clause that ends ``before``."""
    clause = _SENTENCE_STOP_RE.split(before)[-1].lower()
    return not _HEDGE_WORDS.isdisjoint(_WORD_RE.findall(clause))


#: Context rules and the lexicon terms each applies to (a regex matched against the whole
#: lower-cased term); a rule is only run on hits of its terms.
RULES: dict[Rule, str] = {
    is_month_may: r"may",
    is_permission_modal: r"may|might|could",
    is_ability_negation: r"could",
    is_observation_could: r"could",
    is_backshifted_could: r"could",
    is_volitional_would: r"would",
    is_directive_suggest: r"suggest\w*\*?",
    is_normative_belief: r"believes?|believed|thinks?|feels? that|felt that|it is believed",
    is_topic_uncertainty: r"uncertaint(?:y|ies)",
    is_resolved_uncertainty: r"unclear|unknown|not known|not clear|uncertain",
    is_non_epistemic_potential: r"potential",
    is_unconditional: r"confirmed|replicated",
    is_opportunity_chance: r"chances?",
    is_not_quantity: r"about|around",
    is_contrastive_rather: r"rather",
    is_evident_apparent: r"apparent",
    is_adjectival_general: r"in general",
    is_manner_normally: r"normally",
    is_non_epistemic_possible: r"possible",
    is_physical_appear: r"appear\w*\*?",
    is_named_imo: r"imo",
    is_hedged_actually: r"actually|in fact",
    is_trust_as_verb: r"trust me",
    is_non_epistemic_think: r"thinks?",
    is_directive_sure: r"sure",
    is_turned_out_proven: r"prove[ns]?|proved",
    is_unasserted_prove: r"prove",
    is_habitual_always: r"always",
    is_not_universal_outcome: r"every(?: single)?|everyone|everybody",
    is_not_outcome_percent: r"100(?:%| percent| per cent)",
    is_hedged_hype: r"breakthroughs?|ground-?breaking|paradigm shift|leap forward"
                    r"|profound transformation|major progress|game[ -]chang(?:er|ing)"
                    r"|revolutionary|revolutioni\*|miracle",
    is_term_of_art_breakthrough: r"breakthroughs?",
    is_verified_source: r"verified",
    is_truth_as_topic: r"the truth is",
    is_not_confident_prediction: r"will",
}


def rules_for(term: str) -> tuple[Rule, ...]:
    """The context rules that apply to lexicon ``term``."""
    key = re.sub(r"\s+", " ", term.strip().lower())
    return tuple(r for r, terms in RULES.items() if re.fullmatch(terms, key))


def rule_blocks(before: str, word: str, after: str) -> str | None:
    """Name of the first context rule that removes ``word`` in this context, else None."""
    for rule in rules_for(word):
        if rule(before, word, after):
            return rule.__name__
    return None


#: Hedge-lexicon categories counted as their own measure, never in ``hedges_n`` (codebook:
#: "approximators and frequency words ... are not part of hedges_n"; hypothetical "would", a
#: hedge in Hyland 2005, is not among the codebook's hedges: "it would be perfect").
OWN_MEASURES = {"approximator": "approximators", "frequency": "frequency",
                "risk_comparison": "frequency", "hypothetical": "hypotheticals"}
#: Measure names (``matches()`` rows) by side: 0 hedges, 1 boosters, 2, 3 the own measures.
MEASURES = ("hedges", "boosters", *dict.fromkeys(OWN_MEASURES.values()))
#: Booster categories whose denial expresses doubt (counted as hedges).
NEGATABLE_BOOSTER_CATEGORIES = frozenset({"adverb", "adjective"})
NEGATED_BOOSTER = "negated_booster"
#: Weight of a row without one: the sign convention (hedges lower, boosters raise certainty).
DEFAULT_WEIGHT = {"hedges": -1.0, "boosters": 1.0}


@register
class Hedging(Measure):
    """Hedge, booster, approximator and frequency counts, rates and sentence shares.

    Parameters
    ----------
    hedges, boosters : str, Path or DataFrame
        Lexicons (``term, category, source``; optional ``note``, ``weight``, ``example``,
        ``pattern``): a built-in name, a CSV path, or a table. Hedge-lexicon rows of category
        ``approximator`` / ``frequency`` are counted as ``approximators`` / ``frequency``.
    body_kinds : tuple of str
        Block kinds that are scanned and counted (default: all but boilerplate).
    context_rules : bool
        Apply the context rules and the denied-booster rule (False: plain lexicon counts).
    """

    name = "hedging"

    def __init__(
        self,
        hedges: str | Path | pd.DataFrame = "hedges",
        boosters: str | Path | pd.DataFrame = "boosters",
        body_kinds: tuple[str, ...] = tuple(sorted(BODY_KINDS)),
        context_rules: bool = True,
    ):
        self.hedges = hedges
        self.boosters = boosters
        self.body_kinds = tuple(body_kinds)
        self.context_rules = context_rules
        self._hedge_lex: Lexicon = load_lexicon(hedges, name=_lex_name(hedges, "hedges"))
        self._booster_lex: Lexicon = load_lexicon(boosters, name=_lex_name(boosters, "boosters"))
        # One matcher over both lexicons: one scan per document, and a hedge and a booster
        # that overlap are resolved by the longest match (a hedge on a tie: listed first).
        # Terms with an apostrophe get one row per apostrophe (APOS); ``origin`` maps each
        # matcher row back to its lexicon row.
        tables = [self._hedge_lex.table, self._booster_lex.table]
        both = pd.concat(tables, ignore_index=True)
        lex_side = [0] * len(tables[0]) + [1] * len(tables[1])
        weights = both["weight"] if "weight" in both.columns else pd.Series([""] * len(both))
        self._cues: list[_Cue] = []
        self._context: list[tuple | None] = []
        self._weights: dict[tuple[str, str, str], float] = {}
        variants: list[tuple[str, int]] = []  # (term, row of ``both``)
        for i, (term, cat, w, lside) in enumerate(zip(both["term"], both["category"], weights,
                                                      lex_side)):
            side = MEASURES.index(OWN_MEASURES[cat]) if lside == 0 and cat in OWN_MEASURES \
                else lside
            weight = float(w) if str(w).strip() else DEFAULT_WEIGHT[MEASURES[lside]]
            cue = self._cue(side, cat, term, weight)
            rules = rules_for(term)
            # None when the hit's context is never read (no rule and no booster, or
            # context_rules=False), else (rules, the cue of the booster when denied: None to
            # drop it, or False for a hedge: denial not checked)
            ctx = (rules, False if side != 1 else self._cue(0, NEGATED_BOOSTER, term, -weight)
                   if cat in NEGATABLE_BOOSTER_CATEGORIES else None) \
                if context_rules and (rules or side == 1) else None
            self._cues.append(cue)
            self._context.append(ctx)
            variants += [(term.replace("'", a), i) for a in APOS] if "'" in term \
                else [(term, i)]
        origin = [i for _, i in variants]
        self._cues = [self._cues[i] for i in origin]
        self._context = [self._context[i] for i in origin]
        table = both.iloc[origin].reset_index(drop=True)
        table["term"] = [t for t, _ in variants]
        self._matcher = LexiconMatcher(Lexicon("hedging", table, ""))
        self._kinds = frozenset(self.body_kinds)
        h_cats = sorted(set(tables[0]["category"]) - set(OWN_MEASURES)
                        | ({NEGATED_BOOSTER} if context_rules else set()))
        fixed = [
            "hedges_n", "hedges_per_1k", "boosters_n", "boosters_per_1k",
            *(f"{m}_n" for m in MEASURES[2:]),
            "hedged_sentence_share", "boosted_sentence_share", "certainty_score",
        ]
        self._n_fixed = len(fixed)  # the per-category count columns follow
        self._columns = fixed + [f"hedges_{c}_n" for c in h_cats] + [
            f"boosters_{c}_n" for c in sorted(set(tables[1]["category"]))]

    def _cue(self, side: int, category: str, term: str, weight: float) -> _Cue:
        measure = MEASURES[side]
        self._weights[(measure, category, term)] = weight
        key = f"{measure}_n" if side > 1 else f"{measure}_{category}_n"
        return _Cue(measure, category, term, key, weight, side)

    def columns(self) -> list[str]:
        return list(self._columns)

    def rule_set(self) -> RuleSet:
        """The lexicons' ``pattern`` rows with the gate that decides where each runs
        (:mod:`textstudy.engine`)."""
        return self._matcher.rules

    def lexicon_hashes(self) -> dict[str, str]:
        return {"hedges": self._hedge_lex.sha256, "boosters": self._booster_lex.sha256}

    def cue_weight(self, measure: str, category: str, cue: str) -> float:
        """Certainty weight of a match (``Match.measure, .category, .cue``): the lexicon
        row's ``weight``, minus it for a denied booster; negative = less certain."""
        return self._weights[(measure, category, cue)]

    def sentence_certainty(self, matches: list[Match]) -> dict[int, float]:
        """Per-sentence certainty score: ``{sentence_id: sum of cue_weight over its
        matches}``. Sentences without cues are absent (their score is 0). Higher = more
        certain."""
        out: dict[int, float] = {}
        for m in matches:
            out[m.sentence_id] = out.get(m.sentence_id, 0.0) + self.cue_weight(
                m.measure, m.category, m.cue)
        return out

    def __call__(self, doc: Document) -> MeasureResult:
        text, blocks, sentence_at = doc.text, doc.blocks, doc.sentence_at
        cues, context = self._cues, self._context
        new = tuple.__new__  # Match(...) without the Python-level namedtuple constructor
        matches: list[Match] = []
        kept: list[_Cue] = []  # the cue of each match
        with_cue: tuple[set[int], set[int]] = (set(), set())  # hedged / boosted sentence ids
        for (start, end, entry), bi in scan_blocks(doc, self._matcher, self._kinds):
            cue = cues[entry]
            ctx = context[entry]
            if ctx is not None:  # (None for most hits: their context is not read)
                rules, denied = ctx
                b = blocks[bi]
                before = text[max(b.start, start - WINDOW) : start]
                if rules:
                    after = text[end : min(b.end, end + WINDOW)]
                    if _any_rule(rules, before, text[start:end], after):
                        continue
                if denied is not False and is_denied_certainty(before, text[start:end]):
                    if denied is None:
                        continue
                    cue = denied
            s = sentence_at(start)
            sid = s.id if s is not None else -1
            matches.append(new(Match, (cue[0], cue[1], cue[2], start, end, sid)))
            kept.append(cue)
            if cue.side < 2:
                with_cue[cue.side].add(sid)
        for ids in with_cue:
            ids.discard(-1)
        counts = dict.fromkeys(self._columns[self._n_fixed :], 0)  # every category's
        n = [0] * len(MEASURES)
        per_cue = Counter(kept)
        for cue, k in per_cue.items():
            if cue.side < 2:
                counts[cue.key] += k
            n[cue.side] += k
        certainty = math.fsum([cue.weight * k for cue, k in per_cue.items()])
        words = doc.n_words(self._kinds)
        n_sent = len(doc.sentences_in(self._kinds))
        values: dict[str, float] = {
            "hedges_n": n[0],
            "hedges_per_1k": per_1k(n[0], words),
            "boosters_n": n[1],
            "boosters_per_1k": per_1k(n[1], words),
            **{f"{m}_n": n[i] for i, m in enumerate(MEASURES) if i > 1},
            "hedged_sentence_share": len(with_cue[0]) / n_sent if n_sent else NAN,
            "boosted_sentence_share": len(with_cue[1]) / n_sent if n_sent else NAN,
            "certainty_score": certainty / n_sent if n_sent else NAN,
        }
        values.update(counts)
        return MeasureResult(values, matches)


class _Cue(NamedTuple):
    """What a counted hit becomes: its match fields, count column, weight and side."""

    measure: str
    category: str
    term: str
    key: str  # the count column: ``<measure>_<category>_n`` or ``<measure>_n``
    weight: float  # certainty weight (lexicon ``weight`` column)
    side: int  # index in MEASURES


def _any_rule(rules: tuple[Rule, ...], before: str, word: str, after: str) -> bool:
    for rule in rules:  # a plain loop: cheaper than any() over a generator for 1-3 rules
        if rule(before, word, after):
            return True
    return False


def _lex_name(source: str | Path | pd.DataFrame, default: str) -> str:
    return default if isinstance(source, pd.DataFrame) else Path(str(source)).stem
