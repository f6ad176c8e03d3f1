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
- :func:`is_rather_than` — contrastive "rather than".
- :func:`is_non_epistemic_possible` — "as soon as possible", "if/where/whenever possible".
- :func:`is_physical_appear` — "appear(s/ed)" followed by a preposition or the end of the
  clause ("a rash appears on the skin", "appeared in JAMA").
- :func:`is_non_epistemic_think` — "think about/of/through/twice".
- :func:`is_directive_sure` — "make sure", "be sure to".
- :func:`is_deontic_must` — "must" counts as a booster only as epistemic necessity
  ("must be", "must have") and never after "you".

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
    Counts per lexicon category (plus ``hedges_negated_booster_n``).

References
----------
Hyland, K. (2005). *Metadiscourse: Exploring Interaction in Writing*. Continuum.
Islam, J., Xiao, L., & Mercer, R. E. (2020). A lexicon-based approach for detecting hedges in
informal text. *LREC 2020*, 3109–3113.
Vincze, V. et al. (2008). The BioScope corpus. *BMC Bioinformatics* 9(S11):S9.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..document import BODY_KINDS, Document, Match, MeasureResult
from ..lexicon import Lexicon, LexiconMatcher, load_lexicon
from . import Measure, register
from .common import per_1k, scan_blocks, sentence_share

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
_RATHER_THAN_RE = re.compile(r"^\s+than\b", re.IGNORECASE)
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
_NEGATOR_BEFORE_RE = re.compile(
    r"(?:\b(?:not|no|never|nor|hardly|neither)|n['’]t)(?:\s+[\w'’\-]+){0,2}\s+$",
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


def is_rather_than(before: str, word: str, after: str) -> bool:
    """True for contrastive "rather than" ("whole foods rather than supplements")."""
    return word.lower() == "rather" and bool(_RATHER_THAN_RE.match(after))


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
    return bool(_NEGATOR_BEFORE_RE.search(before))


#: Context rules and the lexicon terms each applies to (a regex matched against the whole
#: lower-cased term); a rule is only run on hits of its terms.
RULES: dict[Rule, str] = {
    is_month_may: r"may",
    is_permission_modal: r"may|might|could",
    is_ability_negation: r"could",
    is_volitional_would: r"would",
    is_directive_suggest: r"suggest\w*\*?",
    is_not_quantity: r"about|around",
    is_rather_than: r"rather",
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
        self._side = [0] * len(tables[0]) + [1] * len(tables[1])
        self._term = both["term"].tolist()
        self._cat = both["category"].tolist()
        self._rules = [rules_for(t) for t in self._term]
        self._kinds = frozenset(self.body_kinds)
        h_cats = sorted(set(tables[0]["category"]) | ({NEGATED_BOOSTER} if context_rules
                                                       else set()))
        self._columns = [
            "hedges_n", "hedges_per_1k", "boosters_n", "boosters_per_1k",
            "hedged_sentence_share", "boosted_sentence_share",
        ] + [f"hedges_{c}_n" for c in h_cats] + [f"boosters_{c}_n" for c in sorted(set(
            tables[1]["category"]))]

    def columns(self) -> list[str]:
        return list(self._columns)

    def lexicon_hashes(self) -> dict[str, str]:
        return {"hedges": self._hedge_lex.sha256, "boosters": self._booster_lex.sha256}

    def __call__(self, doc: Document) -> MeasureResult:
        text = doc.text
        side_of, term_of, cat_of = self._side, self._term, self._cat
        kept: list[tuple[int, int, int, str, str]] = []  # start, end, side, category, cue
        rules_of = self._rules
        for h, bi in scan_blocks(doc, self._matcher, self._kinds):
            side, cat = side_of[h.entry], cat_of[h.entry]
            rules = rules_of[h.entry]
            if self.context_rules and (rules or side == 1):
                b = doc.blocks[bi]
                before = text[max(b.start, h.start - WINDOW) : h.start]
                after = text[h.end : min(b.end, h.end + WINDOW)]
                word = text[h.start : h.end]
                if any(rule(before, word, after) for rule in rules):
                    continue
                if side == 1 and is_negated(before):
                    if cat not in NEGATABLE_BOOSTER_CATEGORIES:
                        continue
                    side, cat = 0, NEGATED_BOOSTER
            kept.append((h.start, h.end, side, cat, term_of[h.entry]))

        matches: list[Match] = []
        counts = {c: 0 for c in self._columns[6:]}
        for start, end, side, cat, cue in kept:
            s = doc.sentence_at(start)
            measure = "boosters" if side else "hedges"
            matches.append(Match(measure, cat, cue, start, end, s.id if s is not None else -1))
            key = f"{measure}_{cat}_n"
            counts[key] = counts.get(key, 0) + 1
        hedges = [m for m in matches if m.measure == "hedges"]
        boosters = [m for m in matches if m.measure == "boosters"]
        words = doc.n_words(self._kinds)
        n_sent = len(doc.sentences_in(self._kinds))
        values: dict[str, float] = {
            "hedges_n": len(hedges),
            "hedges_per_1k": per_1k(len(hedges), words),
            "boosters_n": len(boosters),
            "boosters_per_1k": per_1k(len(boosters), words),
            "hedged_sentence_share": sentence_share(hedges, n_sent),
            "boosted_sentence_share": sentence_share(boosters, n_sent),
        }
        values.update(counts)
        return MeasureResult(values, matches)


def _lex_name(source: str | Path | pd.DataFrame, default: str) -> str:
    return default if isinstance(source, pd.DataFrame) else Path(str(source)).stem
