"""Hedges and boosters: lexicon cues filtered by small, named context rules.

A *hedge* withholds full commitment to a proposition ("may", "suggests", "more research is
needed"); a *booster* expresses certainty ("clearly", "proven", "there is no doubt"). Hyland
(2005, *Metadiscourse*) is the reference taxonomy; the lexicons ``hedges.csv`` and
``boosters.csv`` cite a source for every row.

Counting
--------
1. Both lexicons are matched in one scan of the document text: overlapping cues are counted
   once, the longest wins (a hedge when a term is in both lexicons); hits outside the
   ``body_kinds`` blocks are dropped.
2. Each hit passes the context rules below (``RULES``, each run only on the lexicon terms it
   names, so a user lexicon with "may" gets the month and permission rules); a rule that
   fires removes the hit.
3. A booster of category ``adverb``/``adjective`` preceded (within two words, same clause) by a
   negator ("not", "n't", "no", "never", "nor", "hardly") becomes a hedge of category
   ``negated_booster`` ("not always", "not proven", "no clear evidence"): the writer marks
   the matter as *uncertain*. A negated booster of category ``verb`` or ``phrase`` ("has not
   been shown to", "we don't know that") counts as neither: it reports a negative finding,
   not doubt. Lexicon phrases such as "not clear", "not known" are plain hedges.

Context rules (each a function ``rule(before, word, after) -> bool``; True = *not* a cue;
``before``/``after`` are up to 40 characters of the same block around the matched ``word``):

- :func:`is_month_may` — "May" the month ("May 2023", "in May", "3 May").
- :func:`is_permission_modal` — may/might/could granting permission or suggesting an action
  to the reader ("you may contact us", "you might want to", "may not be reproduced").
- :func:`is_ability_negation` — "could not"/"couldn't" (past inability: "we could not find").
  "could not be ruled out" stays a hedge through its own lexicon row.
- :func:`is_volitional_would` — "would like", "would you", "would love" (politeness).
- :func:`is_directive_suggest` — "suggest" telling the reader what to do ("we suggest you
  talk to", "I suggest avoiding") and "suggested dose/use/serving".
- :func:`is_not_quantity` — "about"/"around" count only as quantity approximators ("about 3
  fewer attacks", "around 20%", "about a third"), not as topic or place markers
  ("about microdosing", "around the world").
- :func:`is_contrastive_rather` — contrastive "rather than", "Rather, ...", "but rather",
  "or rather" (correction, not degree).
- :func:`is_nominal_potential` — "potential" as a noun: capacity ("the potential to cause
  harm", "potential for abuse") or electrical ("membrane potential"). Capacity is dynamic
  modality, like "can", which the lexicon leaves out; the adjective ("potential side
  effects") stays a hedge.
- :func:`is_adjectival_general` — "in general" before a noun it modifies ("in general
  practice", "in general anaesthesia"); the sentence adverbial "In general, ..." passes.
- :func:`is_manner_normally` — "normally" as a manner adverb at the end of a clause ("the
  heart beats normally.", "breathe normally again"); "is normally harmless" passes.
- :func:`is_evident_apparent` — "apparent" meaning *evident*: predicative ("it became
  apparent that", "is apparent from") or negated ("no apparent cause"). Attributive
  "apparent improvement" (= seeming) stays a hedge.
- :func:`is_observation_could` — "could (not/only/also) (be) detect/measure/observe/..."
  (ability of a method to observe something: "the virus could be detected in saliva").
- :func:`is_non_epistemic_possible` — "as soon as possible", "if/where/whenever possible".
- :func:`is_physical_appear` — "appear(s/ed)" followed by a preposition or the end of the
  clause ("a rash appears on the skin", "appeared in JAMA").
- :func:`is_non_epistemic_think` — "think about/of/through/twice".
- :func:`is_directive_sure` — "make sure", "be sure to".
- :func:`is_deontic_must` — "must" counts as a booster only as epistemic necessity
  ("must be", "must have") and never after "you".

Reclassification (not removal): "likely" in a comparison of risk or probability ("smokers are
*more likely to* develop ...", "twice as likely", "less likely") is a statement about relative
frequency in a population, not the writer withholding commitment. It stays a hedge (the
outcome for any one person is left open, and readers rate such findings less certain) but is
counted in its own category ``risk_comparison`` with the weak weight of approximators
(:func:`is_comparative_likely`).

"will" is not a booster: in health text it is overwhelmingly plain future or prediction
("the clinic will open", "symptoms will pass"); certainty about the future is counted only
through a booster next to it ("will definitely"). "should", "can" and "shall" are not hedges
(deontic advice and root possibility dominate in health text, and Hyland 2005 does not list
"can"); they are left out of the lexicon rather than filtered.

Values (``body_kinds`` blocks only)
-----------------------------------
``hedges_n``, ``boosters_n``
    Number of hedge / booster matches (equal to the match rows by construction).
``hedges_per_1k``, ``boosters_per_1k``
    ``1000 * n / words`` (higher = denser); NaN without words.
``hedged_sentence_share``, ``boosted_sentence_share``
    Share of body sentences with at least one hedge / booster; NaN without sentences.
``hedges_<category>_n``, ``boosters_<category>_n``
    Counts per lexicon category (plus ``hedges_negated_booster_n``, ``hedges_risk_comparison_n``).
``certainty_score``
    Mean over body sentences of the per-sentence certainty score (NaN without sentences).
    Per sentence: ``score(s) = sum of w(cue) over the cues in s`` (0 when no cue; higher =
    more certain), with the cue weights :data:`CERTAINTY_WEIGHTS` (by measure and category)
    and :data:`TERM_WEIGHTS` (a few lexical overrides), graded by strength after Rubin
    (2007)'s certainty levels and Hyland (2005)'s strong/weak distinction:

    ======================================================================  ======
    booster (any category)                                                   +1
    approximator, frequency, risk_comparison (vagueness of quantity, not     -0.5
    doubt)
    epistemic verb ("suggest", "appear"), adjective ("likely", "potential"),  -1
    "would", "probably"-type adverb, negated booster ("not always")
    possibility modal "may"/"might"/"could", possibility adverb              -2
    ("possibly", "perhaps", "maybe"), phrase stating that knowledge is
    lacking ("more research is needed", "not known", "unclear")
    ======================================================================  ======

    The levels were fixed from the literature before looking at the data; the validation
    compares them on the Pei & Jurgens *train* split with plain ``boosters_n - hedges_n``
    and reports the *val* split separately (``textstudy.validation.hedging``).

References
----------
Coates, J. (1983). *The Semantics of the Modal Auxiliaries*. Croom Helm.
Hyland, K. (2005). *Metadiscourse: Exploring Interaction in Writing*. Continuum.
Rubin, V. L. (2007). Stating with certainty or stating with doubt: intercoder reliability
results for manual annotation of epistemically modalized statements. *NAACL-HLT 2007*,
141–144.
Islam, J., Xiao, L., & Mercer, R. E. (2020). A lexicon-based approach for detecting hedges in
informal text. *LREC 2020*, 3109–3113.
Vincze, V. et al. (2008). The BioScope corpus. *BMC Bioinformatics* 9(S11):S9.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..document import BODY_KINDS, Document, Match, MeasureResult
from ..lexicon import Lexicon, LexiconMatcher, load_lexicon
from . import Measure, register
from .common import NAN, per_1k, scan_blocks

#: Context characters passed to rules on each side of a hit.
WINDOW = 40

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
    rf"^\s+(?:(?:also|still|now|then|freely|always|not)\s+)*(?:{_PERMISSION_VERBS})\b",
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
_NOT_RE = re.compile(r"^(?:n['’]t\b|\s+not\b)", re.IGNORECASE)
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
_POTENTIAL_NOUN_AFTER_RE = re.compile(
    r"^(?:\s*$|\s*[.,;:!?)]|\s+(?:to|of|for|in|is|are|was|were|that|and|or|as)\b)",
    re.IGNORECASE,
)
_POTENTIAL_NOUN_BEFORE_RE = re.compile(
    r"\b(?:membrane|action|resting|electrical|redox|evoked|zeta|field|osmotic|chemical"
    r"|oxidation|reduction|full|real|great|huge|enormous|untapped)\s+$",
    re.IGNORECASE,
)
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
    r"|it['’]s|no|without|not|immediately|readily|more|most|increasingly|already)\s+$",
    re.IGNORECASE,
)
_COMPARATIVE_LIKELY_BEFORE_RE = re.compile(
    r"\b(?:more|less|most|least|as|equally|times|twice|thrice|higher|lower)\s+"
    r"(?:(?:as|than|much|far|significantly|substantially|considerably)\s+)?$",
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
_MUST_EPISTEMIC_AFTER_RE = re.compile(r"^\s+(?:be|have|surely|certainly)\b", re.IGNORECASE)
_YOU_BEFORE_RE = re.compile(r"\b(?:you|you\s+really|you\s+also)\s+$", re.IGNORECASE)
#: A negator, then up to two words, then whitespace up to the end of the text, matched at the
#: start of the *reversed* text: an anchored match instead of a search through the whole window
#: (the same texts as ``(?:\b(?:not|no|...)|n['’]t)(?:\s+[\w'’\-]+){0,2}\s+$`` found by search).
_NEGATOR_BEFORE_REVERSED_RE = re.compile(
    r"\s+(?:[\w'’\-]+\s+){0,2}(?:(?:ton|on|reven|ron|yldrah|rehtien)(?!\w)|t['’]n)",
    re.IGNORECASE,
)


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


def is_nominal_potential(before: str, word: str, after: str) -> bool:
    """True when "potential" is a noun: capacity ("the potential to harm", "potential for
    abuse", "its full potential") or electrical ("membrane potential"). Capacity is dynamic
    modality (like "can", not in the lexicon); "potential side effects" passes."""
    if word.lower() != "potential":
        return False
    return bool(_POTENTIAL_NOUN_AFTER_RE.match(after)
                or _POTENTIAL_NOUN_BEFORE_RE.search(before))


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


def is_comparative_likely(before: str, word: str, after: str) -> bool:
    """True for "likely" in a comparison of risk ("more likely to", "twice as likely",
    "less likely"). Not a removal rule: such hits are reclassified as ``risk_comparison``."""
    return word.lower() == "likely" and bool(_COMPARATIVE_LIKELY_BEFORE_RE.search(before))


def is_non_epistemic_possible(before: str, word: str, after: str) -> bool:
    """True for "as soon as possible", "if/where/whenever possible", "best possible"."""
    return word.lower() == "possible" and bool(_AS_POSSIBLE_BEFORE_RE.search(before))


def is_physical_appear(before: str, word: str, after: str) -> bool:
    """True when appear(s/ed) means becoming visible or being published ("a rash appears on
    the skin", "appeared in JAMA", "symptoms appear."); "appears to", "appear safe" pass."""
    if not word.lower().startswith("appear"):
        return False
    return bool(_APPEAR_PHYSICAL_RE.match(after))


def is_non_epistemic_think(before: str, word: str, after: str) -> bool:
    """True for "think about/of/through/twice" (deliberation, not belief)."""
    return word.lower() in ("think", "thinks") and bool(_THINK_NON_EPISTEMIC_RE.match(after))


def is_directive_sure(before: str, word: str, after: str) -> bool:
    """True for "make sure", "be sure to": instructions, not certainty."""
    return word.lower() == "sure" and bool(_SURE_DIRECTIVE_BEFORE_RE.search(before))


def is_deontic_must(before: str, word: str, after: str) -> bool:
    """True unless "must" is epistemic necessity ("must be", "must have") not addressed to
    the reader: "you must be 18" and "must not be taken" are obligations."""
    if word.lower() != "must":
        return False
    return bool(_YOU_BEFORE_RE.search(before)) or not _MUST_EPISTEMIC_AFTER_RE.match(after)


def is_negated(before: str) -> bool:
    """True when a negator ends ``before`` within two words ("not", "isn't", "no", "never")."""
    return _NEGATOR_BEFORE_REVERSED_RE.match(before[::-1]) is not None


#: Context rules and the lexicon terms each applies to (a regex matched against the whole
#: lower-cased term); a rule is only run on hits of its terms.
RULES: dict[Rule, str] = {
    is_month_may: r"may",
    is_permission_modal: r"may|might|could",
    is_ability_negation: r"could",
    is_observation_could: r"could",
    is_volitional_would: r"would",
    is_directive_suggest: r"suggest\w*\*?",
    is_not_quantity: r"about|around",
    is_contrastive_rather: r"rather",
    is_nominal_potential: r"potential",
    is_evident_apparent: r"apparent",
    is_adjectival_general: r"in general",
    is_manner_normally: r"normally",
    is_non_epistemic_possible: r"possible",
    is_physical_appear: r"appear\w*\*?",
    is_non_epistemic_think: r"thinks?",
    is_directive_sure: r"sure",
    is_deontic_must: r"must",
}


def rules_for(term: str) -> tuple[Rule, ...]:
    """The context rules that apply to lexicon ``term``."""
    key = re.sub(r"\s+", " ", term.strip().lower())
    return tuple(r for r, terms in RULES.items() if re.fullmatch(terms, key))


#: Booster categories whose negation expresses doubt (counted as hedges).
NEGATABLE_BOOSTER_CATEGORIES = frozenset({"adverb", "adjective"})
NEGATED_BOOSTER = "negated_booster"
RISK_COMPARISON = "risk_comparison"

#: Rules that move a hedge to another category instead of removing it: rule -> (terms, new
#: category), with terms a regex on the lower-cased lexicon term as in :data:`RULES`.
RECLASSIFY: dict[Rule, tuple[str, str]] = {
    is_comparative_likely: (r"likely", RISK_COMPARISON),
}

#: Certainty weight of a cue by (measure, category); see the module docstring. Categories
#: not listed (e.g. in a user lexicon) get the default of their measure ("*").
CERTAINTY_WEIGHTS: dict[tuple[str, str], float] = {
    ("boosters", "*"): 1.0,
    ("hedges", "*"): -1.0,
    ("hedges", "approximator"): -0.5,
    ("hedges", "frequency"): -0.5,
    ("hedges", RISK_COMPARISON): -0.5,
    ("hedges", "phrase"): -1.0,
    ("hedges", NEGATED_BOOSTER): -1.0,
}

#: Lexical overrides of :data:`CERTAINTY_WEIGHTS` for hedges (lower-cased lexicon terms):
#: possibility and explicit lack of knowledge (Rubin 2007 "low" certainty) weigh -2;
#: generality and degree phrases (vagueness, like approximators) -0.5.
TERM_WEIGHTS: dict[str, float] = {
    **dict.fromkeys(
        ("may", "might", "could", "may or may not", "maybe", "perhaps", "possibly",
         "conceivably", "cannot be excluded", "cannot be ruled out", "can't be ruled out",
         "could not be excluded", "could not be ruled out", "cannot rule out", "can't rule out",
         "could not rule out", "unclear", "unknown", "uncertain", "uncertainty",
         "uncertainties", "unsure", "doubtful", "doubt", "inconclusive", "questionable",
         "more research is needed", "more research is required", "further research is needed",
         "further research is required", "more research needs to be done",
         "more studies are needed", "further studies are needed", "further study is needed",
         "needs more research", "need more research", "needs further research",
         "remains unclear", "remains to be seen", "remains to be determined",
         "remains to be elucidated", "not clear", "not entirely clear", "not yet clear",
         "not known", "not yet known", "little is known", "not fully understood",
         "not well understood", "poorly understood", "we don't know", "we do not know",
         "no one knows", "the jury is still out"),
        -2.0,
    ),
    **dict.fromkeys(
        ("in general", "on the whole", "in most cases", "in most instances", "in some cases",
         "in many cases", "for the most part", "to some extent", "to some degree"),
        -0.5,
    ),
}


@lru_cache(maxsize=4096)  # called once per match, with few distinct arguments
def cue_weight(measure: str, category: str, term: str) -> float:
    """Certainty weight of one cue (negative for hedges, positive for boosters)."""
    if measure == "hedges" and category not in (NEGATED_BOOSTER, RISK_COMPARISON):
        w = TERM_WEIGHTS.get(re.sub(r"\s+", " ", term.strip().lower()))
        if w is not None:
            return w
    return CERTAINTY_WEIGHTS.get((measure, category), CERTAINTY_WEIGHTS[(measure, "*")])


def sentence_certainty(matches: list[Match]) -> dict[int, float]:
    """Per-sentence certainty score: ``{sentence_id: sum of cue_weight over its matches}``.

    Sentences without cues are absent (their score is 0). Higher = more certain.
    """
    out: dict[int, float] = {}
    for m in matches:
        out[m.sentence_id] = out.get(m.sentence_id, 0.0) + cue_weight(m.measure, m.category,
                                                                      m.cue)
    return out


def rule_blocks(before: str, word: str, after: str) -> str | None:
    """Name of the first context rule that removes ``word`` in this context, else None."""
    for rule in rules_for(word):
        if rule(before, word, after):
            return rule.__name__
    return None


@register
class Hedging(Measure):
    """Hedge and booster counts, rates and sentence shares.

    Parameters
    ----------
    hedges, boosters : str, Path or DataFrame
        Lexicons (``term, category, source, note``): a built-in name, a CSV path, or a table.
    body_kinds : tuple of str
        Block kinds that are scanned and counted (default: all but boilerplate).
    context_rules : bool
        Apply the context rules and the negated-booster rule (False: plain lexicon counts).
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
        tables = [self._hedge_lex.table, self._booster_lex.table]
        both = pd.concat(tables, ignore_index=True)
        self._matcher = LexiconMatcher(Lexicon("hedging", both, ""))
        sides = [0] * len(tables[0]) + [1] * len(tables[1])
        terms = both["term"].tolist()
        reclass = [
            tuple((r, cat) for r, (pat, cat) in RECLASSIFY.items()
                  if re.fullmatch(pat, re.sub(r"\s+", " ", t.strip().lower())))
            if side == 0 else ()
            for t, side in zip(terms, sides)
        ]
        self._kinds = frozenset(self.body_kinds)
        # Decided once per lexicon entry (one list lookup per hit): ``_cues[entry]`` is the
        # entry's :class:`_Cue`; ``_context[entry]`` is None when the hit's context is never
        # read (no rule applies and it is no booster, or context_rules=False), else (rules,
        # ((reclassification rule, cue), ...), negated) with ``negated`` the cue of the booster
        # when negated, None to drop it then, or False for a hedge (negation not checked).
        cats = both["category"].tolist()
        self._cues = [_cue(side, cat, t) for side, cat, t in zip(sides, cats, terms)]
        self._context = [
            (rules, tuple((r, _cue(0, c, t)) for r, c in rc),
             False if side == 0 else
             _cue(0, NEGATED_BOOSTER, t) if cat in NEGATABLE_BOOSTER_CATEGORIES else None)
            if context_rules and (rules or rc or side) else None
            for side, cat, t, rules, rc in zip(sides, cats, terms, map(rules_for, terms), reclass)
        ]
        extra = {NEGATED_BOOSTER} | {c for rc in reclass for _, c in rc}
        h_cats = sorted(set(tables[0]["category"]) | (extra if context_rules else set()))
        self._columns = [
            "hedges_n", "hedges_per_1k", "boosters_n", "boosters_per_1k",
            "hedged_sentence_share", "boosted_sentence_share", "certainty_score",
        ] + [f"hedges_{c}_n" for c in h_cats] + [f"boosters_{c}_n" for c in sorted(set(
            tables[1]["category"]))]

    def columns(self) -> list[str]:
        return list(self._columns)

    def lexicon_hashes(self) -> dict[str, str]:
        return {"hedges": self._hedge_lex.sha256, "boosters": self._booster_lex.sha256}

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
                rules, reclass, negated = ctx
                b = blocks[bi]
                before = text[max(b.start, start - WINDOW) : start]
                if rules or reclass:
                    after = text[end : min(b.end, end + WINDOW)]
                    word = text[start:end]
                    if _any_rule(rules, before, word, after):
                        continue
                    for rule, new_cue in reclass:
                        if rule(before, word, after):
                            cue = new_cue
                            break
                if negated is not False and is_negated(before):
                    if negated is None:
                        continue
                    cue = negated
            s = sentence_at(start)
            sid = s.id if s is not None else -1
            matches.append(new(Match, (cue[0], cue[1], cue[2], start, end, sid)))
            kept.append(cue)
            with_cue[cue.side].add(sid)
        for ids in with_cue:
            ids.discard(-1)
        counts = dict.fromkeys(self._columns[7:], 0)  # every cue's column is among them
        n = [0, 0]  # hedges, boosters
        per_cue = Counter(kept)
        for cue, k in per_cue.items():
            counts[cue.key] += k
            n[cue.side] += k
        # The sum of sentence_certainty(matches) over all sentences: the weights are multiples
        # of 0.5, so every order of summing gives this exact total.
        certainty = math.fsum([cue.weight * k for cue, k in per_cue.items()])
        words = doc.n_words(self._kinds)
        n_sent = len(doc.sentences_in(self._kinds))
        values: dict[str, float] = {
            "hedges_n": n[0],
            "hedges_per_1k": per_1k(n[0], words),
            "boosters_n": n[1],
            "boosters_per_1k": per_1k(n[1], words),
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
    key: str  # the ``<measure>_<category>_n`` column
    weight: float  # cue_weight(measure, category, term)
    side: int  # 0 hedge, 1 booster


def _cue(side: int, category: str, term: str) -> _Cue:
    measure = "boosters" if side else "hedges"
    return _Cue(measure, category, term, f"{measure}_{category}_n",
                cue_weight(measure, category, term), side)


def _any_rule(rules: tuple[Rule, ...], before: str, word: str, after: str) -> bool:
    for rule in rules:  # a plain loop: cheaper than any() over a generator for 1-3 rules
        if rule(before, word, after):
            return True
    return False


def _lex_name(source: str | Path | pd.DataFrame, default: str) -> str:
    return default if isinstance(source, pd.DataFrame) else Path(str(source)).stem
