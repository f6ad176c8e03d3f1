"""Claim strength: how strongly a sentence states that an exposure changes an outcome.

Four labels, after the coding schemes of Sumner et al. (2014, BMJ 349:g7015) and Adams et al.
(2017, PLoS ONE 12:e0179358) as condensed by Yu, Li & Wang (2019, EMNLP, pp. 4656–4666):

- ``direct_causal``: the sentence states that the exposure changes the outcome, with a causal
  verb or an efficacy claim ("psilocybin reduces pain", "is effective", "led to remission");
- ``conditional_causal``: the same causal statement qualified by a hedge ("may reduce",
  "appears to improve", "could be effective");
- ``correlational``: a relation is stated without a direction of cause ("associated with",
  "linked to", "predicts", "is a risk factor", "higher in users than in non-users", what
  participants "reported");
- ``no_claim``: no exposure–outcome relation is stated (a description, a prevalence, an aim,
  a question, a call for more research).

Rules, in order (cues and their categories are ``lexicons/claim_strength.csv``):

1. A relation that is only asked about, aimed at or called for ("whether", "to determine",
   "the link … deserves further study", "further studies are needed to confirm that …") is not
   stated: relational cues in the clause of such a frame are set aside (clauses split at ";",
   ":" and "but", "whereas", "although" …, and at the first comma after an opening "While",
   "Although", "Despite", "Given that", "Because" … clause). A causal verb right after a
   purpose "to" ("interventions to reduce risk") is an aim and set aside too.
2. A change word ("reduced", "increase", "improvement") is causal as a verb with a subject
   and an object ("psilocybin reduced pain", "reduced the frequency of attacks", "improved by
   surgery"); otherwise it describes an observed change or difference, a comparison ("an
   increased risk", "pain decreased over time", "improvements in pain", "In women, increased
   weight …": right after a comma it opens a noun phrase). A gerund that is not a verb
   names a change without stating one ("programmes aimed at reducing pain") and is dropped,
   as is a causal gerund after a preposition ("strategies for preventing falls").
3. No remaining relational cue: ``no_claim``. Relational cues are associations
   ("associated with", "predicts", "a risk factor", "at risk of"), comparisons between groups
   ("higher in", "smokers had more pain", "compared with") and causal cues.
4. An association cue before every causal cue makes the sentence correlational ("was
   associated with reduced pain": the association is what is stated), hedged or not ("may be
   associated with" is still correlational: Yu et al. hedge causal claims only). A comparison
   does not: it is the frame of a causal claim ("compared with placebo, the drug reduced
   pain") and correlational only when no causal cue is stated ("pain was higher in users").
5. Otherwise the claim is causal: ``conditional_causal`` when a hedge ("may", "might",
   "could", "appears to", "possibly", "likely", "it is possible" …) is in a stated clause,
   else ``direct_causal`` ("possible" before a noun qualifies the noun: "possible
   confounders" hedges nothing). "can" is not a hedge (ability: "can reduce" is a direct
   claim, as in the codebook).

Strength order: no_claim < correlational < conditional_causal < direct_causal.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from .lexicon import LexiconMatcher, load_lexicon

CLAIM_ORDER = ["no_claim", "correlational", "conditional_causal", "direct_causal"]
CLAIM_LEXICON = load_lexicon("claim_strength")
_MATCHER = LexiconMatcher(CLAIM_LEXICON)
_CATEGORY = CLAIM_LEXICON.table["category"].tolist()


class ClaimCue(NamedTuple):
    """One claim-strength cue: char span in the sentence, the text matched, its category and
    the number of the clause it is in (see :data:`CLAUSE_BREAK`)."""

    start: int
    end: int
    cue: str
    category: str
    clause: int


#: Where one clause of a sentence ends and another begins: a semicolon or colon, or a
#: contrastive conjunction ("but", "whereas", "although", "however", "while").
CLAUSE_BREAK = re.compile(r"[;:]|\b(?:but|whereas|although|though|however|while|yet)\b", re.I)
#: A sentence opening with a subordinate clause ("While more research is needed, …"): its
#: first comma ends that clause too.
LEADING_CLAUSE = re.compile(
    r"\W*(?:while|although|though|whereas|despite|if|given|because|since|as)\b", re.I)


def claim_cues(sentence: str) -> list[ClaimCue]:
    """Claim-strength cues of ``sentence`` in order (categories of ``claim_strength.csv``:
    ``correlational``, ``comparison``, ``causal``, ``change``, ``hedge``, ``unasserted``,
    ``not_a_frame``, ``topic``, ``purpose``, ``infinitive_head``: ``purpose`` is an aim's "to",
    the other three only block a shorter cue inside them)."""
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(sentence)]
    if LEADING_CLAUSE.match(sentence) and "," in sentence:  # "While X is needed, Y …"
        breaks = sorted(set(breaks) | {sentence.index(",")})
    return [ClaimCue(h.start, h.end, sentence[h.start:h.end], _CATEGORY[h.entry],
                     bisect_right(breaks, h.start))
            for h in _MATCHER.find(sentence)]


#: Words before a change word that make it an adjective or a noun ("an increased risk", "the
#: reduction") or a passive without an agent ("was reduced in women").
NOT_AGENTIVE_BEFORE = frozenset(
    "a an the with of at for in from no any this these its their his her our was were is are "
    "been be being significant".split())
#: Words after a change word that make it a noun or an intransitive change ("increase in",
#: "decreased over time", "pain decreased and sleep improved").
NOT_AGENTIVE_AFTER = frozenset(
    "in of among over from with during after compared than to for at until "
    "and or but while whereas".split())
_WORD = re.compile(r"[A-Za-z]+")
#: Prepositions (and "consider") before a causal gerund that make it the name of an action
#: ("strategies for preventing"); not "by" or "through", which state a means ("by reducing").
GERUND_AFTER = frozenset("for of in at on about from without consider".split())


def _roles(sentence: str, cues: list[ClaimCue]) -> list[ClaimCue]:
    """Cues with a change word resolved to ``causal`` (verb with subject and object: "psilocybin
    reduced pain") or ``comparison`` (an observed change or difference: "an increased risk",
    "pain decreased over time"), or dropped (a gerund that is no verb: "aimed at reducing",
    "strategies for preventing falls"); a causal word right after a bare "to" is an aim and
    dropped (rules 1–2 of the module)."""
    out: list[ClaimCue] = []
    for c in cues:
        before = _WORD.findall(sentence[:c.start])
        gerund = c.cue.lower().endswith("ing")
        if c.category == "change":
            # the words up to the next punctuation, adverbs skipped ("improves significantly the …")
            after = _WORD.findall(re.split(r"[,.;:()]", sentence[c.end:], maxsplit=1)[0])
            while after and after[0].lower().endswith("ly"):
                after = after[1:]
            # a passive with an agent ("improved by surgery"), not an amount ("by 30%")
            agent = re.match(r"\s+by\s+(?!\d)", sentence[c.end:]) is not None
            opens = re.search(r"[,;:(]\s*$", sentence[:c.start]) is not None
            verb = agent or (bool(before) and not opens
                             and before[-1].lower() not in NOT_AGENTIVE_BEFORE
                             and bool(after) and after[0].lower() not in NOT_AGENTIVE_AFTER)
            if not verb and gerund:
                continue  # a gerund names a change without stating one ("aimed at reducing")
            c = c._replace(category="causal" if verb else "comparison")
        if c.category == "causal" and gerund and before and before[-1].lower() in GERUND_AFTER:
            continue  # the name of an action, not a statement ("strategies for preventing falls")
        if (c.category == "causal" and out and out[-1].category == "purpose"
                and not sentence[out[-1].end:c.start].strip()):
            continue
        out.append(c)
    return out


def label_from_cues(cues: list[ClaimCue]) -> str:
    """The claim-strength label that rules 1 and 3–5 (module docstring) give to a sentence's
    cues (after :func:`_roles`)."""
    frames = {c.clause for c in cues if c.category == "unasserted"}
    stated = [c for c in cues if c.clause not in frames]
    first = {cat: min((c.start for c in stated if c.category == cat), default=None)
             for cat in ("correlational", "comparison", "causal")}
    if all(v is None for v in first.values()):
        return "no_claim"
    hedged = any(c.category == "hedge" for c in stated)
    if first["causal"] is None or (first["correlational"] is not None
                                   and first["correlational"] < first["causal"]):
        return "correlational"
    if hedged:
        return "conditional_causal"
    return "direct_causal"


def claim_strength(sentence: str) -> str:
    """Claim-strength label of one sentence.

    Parameters
    ----------
    sentence : str
        One sentence (a list item or table row counts as one).

    Returns
    -------
    str
        One of :data:`CLAIM_ORDER` (weakest first), by the rules in the module docstring
        (Sumner et al. 2014; Yu et al. 2019).
    """
    return label_from_cues(_roles(sentence, claim_cues(sentence)))
