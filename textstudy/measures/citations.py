"""Citations: specific sources a reader can look up versus vague appeals to unnamed evidence.

Implements the codebook's *specific citation* and *vague attribution* (``CODEBOOK.md``). Two
families, each counted per document and per kind:

- **specific** (``citations_specific``): ``study`` (a study, survey, trial, review or case
  series identified by year, size, journal, author or institution: "a 2022 survey of over 250
  individuals"), ``journal`` (a named journal), ``named_person`` (a named expert or official
  as a source, with their credentials, an author-credit line, or a named study author: "said
  Dr. Jane Chan", "Smith et al. 2020"), ``institution`` (a named organisation, agency,
  foundation or company acting as a source or pointed to as a resource: "according to the
  FDA", "visit the Beckley Foundation"), ``url_or_doi`` (URLs, DOIs, PMIDs), ``document``
  (a named report, law, guideline or trial: "the SPRINT trial", NCT04123456) and
  ``author_credit`` (an author or reviewer credit line: "Medically reviewed by Dr. Jane Chan",
  "By Jane Chan"; read in bylines too, which the segmenter files as boilerplate:
  :data:`CREDIT_KINDS`);
- **vague** (``citations_vague``): ``research`` ("studies show", "some studies", "previous
  studies"), ``experts`` ("scientists think", "experts say", any unnamed group that says or
  believes: "most Sailors say", "others are not so sure", "doctor-recommended"), ``evidence``
  (agentless: "it is believed", "is thought to", "evidence suggests", "was previously
  reported", "reportedly") and ``anecdote`` ("personal accounts", "some chronic pain patients
  report", "users report").

The cue patterns, name lists and their sources live in
``textstudy/lexicons/citations_specific.csv`` and ``citations_vague.csv``, with the columns every
lexicon has (``term``, ``category``, ``pattern``, ``source``, ``example``, ``note``). A row's
``category`` says what it is: a citation kind (:data:`SPECIFIC_KINDS` in the specific file,
:data:`VAGUE_KINDS` in the vague one) makes the row a cue pattern of that kind; a category of
:data:`NOT_CITATIONS` makes it a pattern for what the codebook says is *not* a citation (a
funding statement, a layperson named with an age, the author's own URL in a call to action or
beside an offer): a specific cue starting inside one is dropped. (The outlet a quote was
given to, "told the Observer", is no source because "told" is not read as introducing a name
after it.) A category of :data:`CITATION_LISTS`
makes the row an entry of that list, and a pattern refers to a list by a placeholder
(``{JOURNAL}``, ``{INSTITUTION}``, ``{PERSON}``, ``{YEAR}``, ``{STUDY_NOUN}`` ...; see
:data:`PLACEHOLDERS`; a lower-case ``{name}`` is any list of either file, matched
case-insensitively). Any other category is a loading error that names the file, the row and
the column. Every row's ``example`` is a sentence the row makes a difference on
(tested for every row). Patterns are compiled case-sensitively so that names keep their
capitalisation ("WHO" is not "who"); case-insensitive ones say so with ``(?i)``. Each pattern
is run on the text of every block of ``kinds`` (headings are not scanned: a heading or
table-of-contents entry is neither a source nor an appeal); a match that starts inside a word
is dropped.

Counting rules
--------------
1. **One citation, several cues.** Specific cues in the same sentence that overlap, or that are
   separated by at most ``max_gap`` characters without a ``;`` or line break, are merged into
   one citation (a person and their affiliation = 1; co-authors of one study = 1) -- unless
   the gap holds an "or" (alternatives are two sources), or unless
   the next cue is of a kind the citation already has and does not overlap it (two journals,
   two years, "(Smith, 2019; Lee, 2020)" stay two citations). The merged citation's kind is
   its most specific component by ``priority`` (default ``url_or_doi > document > journal >
   study > named_person > institution``, as the project's hand-read sheets read them). So "A
   2019 study published in the Journal of Psychopharmacology" is one ``journal`` citation
   with year 2019.
2. **Vague cues next to a specific citation.** A vague cue that overlaps a specific citation or
   lies within ``max_gap`` characters of it in the same sentence describes that citation ("a
   meta-analysis published in JAMA found"): it is absorbed (not counted as vague) and the
   citation's span grows to include it; a citation that absorbs a study or review noun is a
   ``study``. A sentence that carries a named study author or a URL/DOI backs its whole claim
   with it ("Studies show X (Smith et al., 2019)."), so every vague cue of that sentence is
   absorbed. Other vague cues in a sentence with a specific citation stay vague, and so does
   an unnamed group of people that does not overlap the citation: it is another source
   ("Veirs said scientists have identified ...").
3. **Resolve the referent.** A vague cue about one unnamed study ("a new study suggests", "in
   one study") is not vague in a document that names a study (a ``study``, ``journal`` or
   ``document`` citation): it is that study. A demonstrative reference ("these
   investigations suggest") points back into its paragraph: it is vague when what it points
   to is unnamed research ("Pilot studies are revealing ... These investigations suggest"),
   and not in a block that names a study or where nothing before it in the block is
   research (an abstract's "These experiments show", its own work). Unnamed researchers
   reporting a finding in the simple past ("Researchers found ...") in a document with a
   specific citation are the team it names; the present perfect ("researchers have
   observed") and believing ("scientists now believe") are the field.
4. A name counts as an institution or person only beside a source context (a reporting verb,
   "according to", "researchers at", credentials, a pointer such as "visit"): "the FDA
   approved it" and "Consult your doctor" are not citations.
5. **One anecdotal appeal per sentence.** The anecdote cues of one sentence are one appeal
   ("Personal accounts from individuals ... provide anecdotal evidence").

Rates: ``citations_<family>_per_1k = 1000 * n / words`` over blocks of ``kinds`` (NaN with no
words); ``citations_specificity = specific / (specific + vague)`` (higher = better sourced; NaN
when both are 0). References: Silberg, Lundberg & Musacchio 1997 (JAMA benchmarks,
attribution); Charnock et al. 1999 (DISCERN item 4); HONcode principles 4-5; Ganter & Strube
2009 (weasel words).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from operator import attrgetter
from typing import Any

from ..document import BODY_KINDS, Document, Match, MeasureResult
from ..engine import RuleSet
from ..lexicon import Lexicon, _trie_regex, check_categories, load_lexicon, resolve_overlaps
from . import Measure, build, register
from .common import per_1k

SPECIFIC_KINDS: tuple[str, ...] = (
    "url_or_doi",
    "document",
    "journal",
    "study",
    "named_person",
    "author_credit",
    "institution",
)
VAGUE_KINDS: tuple[str, ...] = ("research", "experts", "evidence", "anecdote")
#: Specific kinds that name a study, so that "a new study" elsewhere is that study (rule 3).
NAMED_STUDY_KINDS: frozenset[str] = frozenset({"study", "journal", "document"})
#: Block kinds scanned by default: the body without headings.
CITATION_KINDS: tuple[str, ...] = tuple(sorted(BODY_KINDS - {"heading"}))
#: Further block kinds read for author-credit lines only: a byline is furniture and a citation
#: (the codebook's labels are independent).
CREDIT_KINDS: tuple[str, ...] = ("boilerplate",)

#: Placeholder -> (list category, how it is matched). "ci": lower-case words, case-insensitive;
#: "cs": names with their capitalisation; "re": the list rows are regex fragments.
PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "YEAR": ("year", "re"),
    "STUDY_NOUN": ("study_noun", "ci"),
    "REVIEW_NOUN": ("review_noun", "ci"),
    "POPULATION": ("population", "ci"),
    "SOURCE_BEFORE": ("source_before", "ci"),
    "SOURCE_VERB": ("source_verb", "ci"),
    "SOURCE_NOUN": ("source_noun", "ci"),
    "SPEECH_BEFORE": ("speech_before", "ci"),
    "SPEECH_VERB": ("speech_verb", "ci"),
    "CREDENTIAL": ("credential", "ci"),
}
#: What the codebook says is not a citation, by category: a specific cue starting inside a
#: match of one of these patterns is dropped.
NOT_CITATIONS: dict[str, str] = {
    "funder": "a funding statement ('funded by the NIH'): the funder is no source",
    "layperson": "a named person given by age and no role ('Maria Lopez, 61, said'): a layperson "
                 "telling their own story",
    "own_url": "the author's own URL in a call to action ('contact us at example.com') or "
               "beside an offer ('Order here: https://shop.example.com')",
}
#: The lists the cue patterns read (through :data:`PLACEHOLDERS` or a lower-case ``{name}``),
#: by category, with what each holds.
CITATION_LISTS: dict[str, str] = {
    # citations_specific.csv
    "layperson_noun": "words for a layperson's own situation ('patient', 'mother', 'resident'): "
                      "a named person so described tells their own story",
    "scholarly_host": "hosts of journals, preprint servers and indexes ('nature.com', "
                      "'arxiv.org'): a URL there is a source even beside an offer word",
    "year": "the years of publication (a regex row)",
    "study_noun": "nouns for a study, survey, report or experiment ('cohort study')",
    "review_noun": "nouns for a trial or review ('randomised controlled trial', 'meta-analysis')",
    "population": "the people or animals a study was done on ('patients', 'mice')",
    "determiner_before_study_year": "determiners before a year and a study noun ('a 2019 "
                                    "survey')",
    "determiner_before_review_year": "determiners before a year and a trial or review noun "
                                     "('a 2019 trial')",
    "study_to_year_word": "words between a study noun and its year ('a survey conducted in')",
    "review_to_year_word": "words between a trial or review noun and its year ('a review "
                           "published in')",
    "publication_verb": "verbs of publishing before a journal ('published in', 'appeared in')",
    "journal_adjective": "adjectives before a journal ('peer-reviewed', 'medical')",
    "journal_name": "names of journals (case-sensitive)",
    "journal_ambiguous": "names of journals that are also common words ('Cancer', 'Gut')",
    "institution_name": "names of agencies, universities and other organisations "
                        "(case-sensitive: 'FDA', 'National Institutes of Health')",
    "org_noun": "nouns that end or start an organisation's name ('University', 'Institute')",
    "institution_verb_auxiliary": "auxiliaries and adverbs between an institution and its "
                                  "reporting verb ('has also')",
    "source_before": "phrases that introduce a source ('according to', 'researchers at')",
    "source_verb": "reporting verbs after a source ('said', 'found', 'recommends')",
    "source_noun": "nouns for what a source publishes ('guidelines', 'data', 'report')",
    "speech_before": "words that introduce a speaker's name ('said', 'according to')",
    "speech_verb": "verbs of speech after a speaker's name ('told', 'explained')",
    "credential": "job titles and credentials of experts ('professor', 'epidemiologist')",
    "person_title": "titles before a person's name ('Dr.', 'Prof.', 'Ms')",
    "name_stop": "capitalised words that are not names ('The', 'This', 'We')",
    # citations_vague.csv
    "quantifier": "quantifiers of unnamed research ('some', 'several', 'a number of')",
    "research_adjective": "adjectives of unnamed research ('recent', 'previous', 'clinical')",
    "research_noun_plural": "plural or mass nouns for research ('studies', 'the literature')",
    "research_auxiliary": "auxiliaries and adverbs between research and its showing verb "
                          "('have consistently')",
    "showing_verb": "verbs of research showing something ('show', 'suggests', 'found')",
    "study_noun_singular": "nouns for one study ('trial', 'meta-analysis', 'case series')",
    "attribution_preposition": "words that attribute a claim to a study ('according to', "
                               "'in', 'citing')",
    "study_or_estimate_noun": "nouns for one study or estimate ('study', 'poll', 'projection')",
    "research_modifier": "determiners and adjectives before research ('the', 'recent', "
                         "'scientific')",
    "research_source_noun": "nouns for research or figures as a source ('research', "
                            "'statistics', 'estimates')",
    "research_body_size": "size adjectives of a body of research ('large', 'growing')",
    "evidence_body_size": "size adjectives of a body of evidence ('large', 'growing')",
    "expert_quantifier": "quantifiers and adjectives before unnamed experts ('many', "
                         "'leading', 'a growing number of')",
    "expert_noun": "nouns for unnamed experts ('scientists', 'doctors', 'health officials')",
    "expert_auxiliary": "auxiliaries and adverbs between experts and their verb ('have long', "
                        "'widely')",
    "expert_reporting_verb": "verbs of experts saying or believing ('say', 'warn', 'believe')",
    "expert_determiner": "determiners and adjectives before experts in 'according to' "
                         "('some', 'government')",
    "expert_source_noun": "nouns for unnamed people as a source ('experts', 'officials', "
                          "'insiders')",
    "belief_adverb": "adverbs in 'it is widely believed' ('widely', 'generally')",
    "belief_participle": "participles of believing or saying in 'it is believed that' "
                         "('thought', 'argued')",
    "evidence_modifier": "quantifiers and adjectives before 'evidence' ('growing', 'some', "
                         "'scientific')",
    "evidence_auxiliary": "auxiliaries and adverbs between 'evidence' and its verb ('now', "
                          "'strongly')",
    "evidence_predicate_adjective": "adjectives after 'evidence is' ('growing', 'clear')",
    "evidence_amount": "words of amount before 'evidence' in 'there is evidence' ('growing', "
                       "'little', 'no')",
    "adverb_before_been": "adverbs in 'it has also been shown' ('also', 'long')",
    "adverb_after_been": "adverbs in 'it has been repeatedly shown' ('repeatedly', "
                         "'clinically')",
    "shown_participle": "participles of showing in 'it has been shown' ('proven', "
                        "'established')",
    "known_adverb": "adverbs in 'it is well known' ('well', 'widely')",
    "known_participle": "participles in 'it is known that' ('established', 'accepted')",
    "data_adjective": "adjectives before 'data' or 'statistics' ('latest', 'official')",
    "data_showing_verb": "verbs of data showing something ('show', 'indicate', 'tell us')",
    "science_backed_participle": "participles after 'scientifically', 'clinically' or "
                                 "'medically' ('proven', 'validated')",
    "user_quantifier": "quantifiers of unnamed users ('many', 'thousands of')",
    "user_noun": "nouns for unnamed lay people ('users', 'patients', 'microdosers')",
    "user_auxiliary": "auxiliaries and adverbs between users and their verb ('have', 'often')",
    "user_reporting_verb": "verbs of lay people reporting ('report', 'swear', 'rave')",
}
_CAPW = r"[A-Z][\w'’&\-]*"
_CONN = r"(?:of|for|and|&|on|the|in|de)"
_PLACEHOLDER_RE = re.compile(r"\{([A-Za-z][A-Za-z_0-9]*)\}")
#: A vague research cue about one unnamed study ("a new study", "in one study"; not "recent
#: research", the field), which a story resolves anywhere in it (rule 3).
_ONE_STUDY_RE = re.compile(
    r"(?i)^(?:in\s+|according\s+to\s+)?(?:a|an|one|this|new|recent)\b(?!.*\b(?:studies|research)\b)"
)
#: Unnamed researchers reporting a finding in the simple past, an event ("Researchers found"):
#: in a story that names its study or team, that team (rule 3). The present perfect
#: ("researchers have observed") and belief ("scientists now believe") are the field.
_TEAM_FINDING_RE = re.compile(
    r"(?i)^(?:researchers|scientists|investigators)\s+(?:also\s+)?"
    r"(?:found|discovered|observed|reported|concluded|showed)\b"
)
#: A demonstrative research reference ("these investigations suggest"), which points back into
#: its own paragraph (rule 3).
_DEFINITE_RE = re.compile(r"(?i)^(?:in\s+|according\s+to\s+)?(?:these|those)\b")
#: Unnamed research that a demonstrative reference can point back to ("Pilot studies are under
#: way. These investigations suggest ...").
_UNNAMED_RESEARCH_RE = re.compile(
    r"(?i)(?<!\bour\s)(?<!\bthese\s)(?<!\bthose\s)\b(?:studies|trials|investigations|research|"
    r"surveys|reports|experiments)\b"
)


@dataclass
class _Hit:
    family: str
    kind: str
    row: int  # row index in the family's lexicon table
    start: int
    end: int
    sid: int
    name: str | None = None
    year: int | None = None
    author: bool = False  # a named study author


@dataclass
class _Citation:
    start: int
    end: int
    sid: int
    parts: list[_Hit] = field(default_factory=list)
    absorbed: list[_Hit] = field(default_factory=list)
    head: _Hit | None = None  # the most specific part (set once the citation is complete)
    kind: str = ""


@register
class Citations(Measure):
    """Specific citations and vague appeals to evidence or authority.

    Parameters
    ----------
    kinds : tuple of str
        Block kinds scanned, and whose words are the per-1k denominator (default: the body
        without headings).
    credit_kinds : tuple of str
        Further block kinds read for ``author_credit`` cues only (default: boilerplate, where
        the segmenter puts bylines such as "Medically reviewed by Dr. Jane Chan").
    max_gap : int
        Largest gap in characters between two cues of one citation (rule 1 above).
    priority : tuple of str
        Specific kinds from most to least specific: the kind of a merged citation.
    specific_lexicon, vague_lexicon : str
        Lexicon names or CSV paths (columns ``term, category, pattern, source, example,
        note``; a row's ``category`` is a citation kind, one of :data:`NOT_CITATIONS` or a list
        of :data:`CITATION_LISTS`).

    Raises
    ------
    ValueError
        When a lexicon row's category is none of these (the message names the file, the row
        and the column).
    """

    name = "citations"

    def __init__(
        self,
        kinds: tuple[str, ...] = CITATION_KINDS,
        credit_kinds: tuple[str, ...] = CREDIT_KINDS,
        max_gap: int = 60,
        priority: tuple[str, ...] = SPECIFIC_KINDS,
        specific_lexicon: str = "citations_specific",
        vague_lexicon: str = "citations_vague",
    ):
        self.kinds = tuple(kinds)
        self.credit_kinds = tuple(credit_kinds)
        self.max_gap = max_gap
        self.priority = tuple(priority)
        self.specific_lexicon = specific_lexicon
        self.vague_lexicon = vague_lexicon
        self._spec = _load(specific_lexicon, SPECIFIC_KINDS)
        self._vague = _load(vague_lexicon, VAGUE_KINDS)
        lists = _lists(self._spec)
        for cat, entries in _lists(self._vague).items():
            lists.setdefault(cat, []).extend(entries)
        self._lists = lists
        self._stop = frozenset(w for w, _ in lists.get("name_stop", []))
        #: lower-case words of the word lists (and organisation nouns): not a surname
        self._common = frozenset(
            t.lower() for cat, entries in lists.items() if cat not in _NAME_LISTS
            for t, p in entries if not p and " " not in t
        )
        self._fragments = _fragments(lists)
        self._institution_full = re.compile(
            r"(?:(?i:the)\s+)?" + self._fragments["INSTITUTION"][1] + r"\Z"
        )
        self._journal_full = re.compile(
            "(?:"
            + _alt(lists.get("journal_name", []) + lists.get("journal_ambiguous", []), lower=False)
            + r")\Z"
        )
        self._review_re = re.compile(
            r"(?i)\b(?:" + _alt(lists.get("review_noun", []) + lists.get("study_noun", []),
                               lower=True) + r")\b"
        )
        self._rules: list[tuple[str, str, int, re.Pattern]] = []
        self._nots: list[re.Pattern] = []
        for family, lex in (("specific", self._spec), ("vague", self._vague)):
            t = lex.table
            for i in t.index[~t["category"].isin(CITATION_LISTS)]:
                rx = re.compile(self._expand(t.at[i, "pattern"]))
                if t.at[i, "category"] in NOT_CITATIONS:
                    self._nots.append(rx)
                else:
                    self._rules.append((family, t.at[i, "category"], int(i), rx))
        self._gate = RuleSet([rx for *_, rx in self._rules] + self._nots)
        self._terms = {
            "specific": self._spec.table["term"].tolist(),
            "vague": self._vague.table["term"].tolist(),
        }
        self._order = {k: j for j, k in enumerate(self.priority)}
        found = {k for _, k, _, _ in self._rules}
        self._specific_kinds = [k for k in SPECIFIC_KINDS if k in found]
        self._vague_kinds = [k for k in VAGUE_KINDS if k in found]

    # -- composition -----------------------------------------------------------------------
    def _expand(self, pattern: str) -> str:
        used: set[str] = set()

        def sub(m: re.Match) -> str:
            key = m.group(1)
            if key.islower() and key in self._lists:
                return "(?i:" + _alt(self._lists[key], lower=True) + ")"
            if key not in self._fragments:
                raise ValueError(f"unknown placeholder {{{key}}} in citation pattern {pattern!r}")
            group, frag = self._fragments[key]
            if group and group not in used:
                used.add(group)
                return f"(?P<{group}>{frag})"
            return f"(?:{frag})"

        return _PLACEHOLDER_RE.sub(sub, pattern)

    def rule_set(self) -> RuleSet:
        """The cue patterns (then the "not" patterns) with the gate that decides on which
        blocks each runs (:mod:`textstudy.engine`)."""
        return self._gate

    def _rank(self, kind: str) -> int:
        return self._order.get(kind, len(self._order))

    # -- Measure interface -----------------------------------------------------------------
    def columns(self) -> list[str]:
        cols = [
            "citations_specific_n",
            "citations_specific_per_1k",
            "citations_vague_n",
            "citations_vague_per_1k",
            "citations_specificity",
        ]
        return cols + [f"citations_{k}_n" for k in self._specific_kinds + self._vague_kinds]

    def lexicon_hashes(self) -> dict[str, str]:
        return {self._spec.name: self._spec.sha256, self._vague.name: self._vague.sha256}

    def __call__(self, doc: Document) -> MeasureResult:
        specific, vague = self._extract(doc)
        n_s, n_v = len(specific), len(vague)
        words = doc.n_words(set(self.kinds))
        values: dict[str, float] = {
            "citations_specific_n": n_s,
            "citations_specific_per_1k": per_1k(n_s, words),
            "citations_vague_n": n_v,
            "citations_vague_per_1k": per_1k(n_v, words),
            "citations_specificity": n_s / (n_s + n_v) if n_s + n_v else math.nan,
        }
        for k in self._specific_kinds + self._vague_kinds:
            values[f"citations_{k}_n"] = 0
        matches: list[Match] = []
        terms = self._terms
        for c in specific:
            values[f"citations_{c.kind}_n"] += 1
            matches.append(
                Match("citations_specific", c.kind, terms["specific"][c.head.row],
                      c.start, c.end, c.sid)
            )
        for h in vague:
            values[f"citations_{h.kind}_n"] += 1
            matches.append(
                Match("citations_vague", h.kind, terms["vague"][h.row], h.start, h.end, h.sid)
            )
        matches.sort(key=lambda m: (m.start, m.end))
        return MeasureResult(values, matches)

    # -- extraction --------------------------------------------------------------------------
    def table(self, doc: Document) -> list[dict[str, Any]]:
        """One dict per citation (specific and vague), in document order; see
        :func:`citation_table`."""
        specific, vague = self._extract(doc)
        rows = []
        for c in specific:
            named = sorted((p for p in c.parts if p.name), key=lambda p: self._rank(p.kind))
            years = [p.year for p in sorted(c.parts, key=lambda p: self._rank(p.kind)) if p.year]
            rows.append(self._row(doc, "specific", c.kind, c.start, c.end, c.sid,
                                  years[0] if years else None,
                                  named[0].name if named else None))
        for h in vague:
            rows.append(self._row(doc, "vague", h.kind, h.start, h.end, h.sid, h.year, None))
        rows.sort(key=lambda r: (r["start"], r["end"]))
        return rows

    @staticmethod
    def _row(doc: Document, family: str, kind: str, start: int, end: int, sid: int,
             year: int | None, name: str | None) -> dict[str, Any]:
        sent = doc.sentence_text(doc.sentences[sid]) if sid >= 0 else ""
        return {"family": family, "kind": kind, "text": doc.text[start:end], "year": year,
                "source_name": name, "start": start, "end": end, "sentence": sent}

    def _settle(self, c: _Citation) -> None:
        """The citation's head (its most specific part) and kind (rules 1 and 2)."""
        c.head = min(c.parts, key=lambda p: (self._rank(p.kind), p.start))
        c.kind = c.head.kind
        if any(self._review_re.search(a.name or "") for a in c.absorbed):
            if self._rank("study") < self._rank(c.kind):
                c.kind = "study"

    def _extract(self, doc: Document) -> tuple[list[_Citation], list[_Hit]]:
        text = doc.text
        kinds, credit = set(self.kinds), set(self.credit_kinds) - set(self.kinds)
        blocks = [b for b in doc.blocks if b.kind in kinds or b.kind in credit]
        spans = [(b.start, b.end) for b in blocks]
        spec: list[_Hit] = []
        vague: list[_Hit] = []
        rules, n_rules = self._rules, len(self._rules)
        # Each rule runs on every block where the gate (textstudy.engine) says it may match.
        for b, (start, end), run in zip(blocks, spans, self._gate.candidates(text, spans)):
            if run and (b.kind in credit or _is_title(text[start:end])):
                # furniture and titles hold no source but a credit line ("By Dr. Alan Park")
                run = [k for k in run if k >= n_rules or rules[k][1] == "author_credit"]
            if not run:
                continue
            nots = _union(m.span() for k in run if k >= n_rules
                          for m in self._nots[k - n_rules].finditer(text, start, end))
            for k in run:
                if k >= n_rules:
                    break
                family, kind, row, rx = rules[k]
                for m in rx.finditer(text, start, end):
                    a = m.start()
                    if m.end() <= a or (a and _WORDCH(text[a - 1])):
                        continue  # empty, or starts inside a word
                    i = bisect_right(nots[0], a) - 1
                    if family == "specific" and i >= 0 and a < nots[1][i]:
                        continue  # inside what the codebook says is not a citation
                    hit = self._hit(doc, family, kind, row, m)
                    if hit is not None:
                        (spec if family == "specific" else vague).append(hit)
        hits = list({(h.row, h.start, h.end): h for h in spec}.values())
        vague = resolve_overlaps(vague, tie=attrgetter("row"))
        cites = self._merge(hits, text)
        vague = self._absorb(cites, vague, text)
        for c in cites:
            self._settle(c)
        vague = self._resolve_referents(doc, cites, vague)
        return cites, _one_anecdote_per_sentence(vague)

    def _resolve_referents(self, doc: Document, cites: list[_Citation],
                           vague: list[_Hit]) -> list[_Hit]:
        """Rule 3: drop the research cues that a named study of the document identifies (one
        unnamed study), unnamed researchers reporting a finding in a document that names a
        source, and the demonstrative references ("these investigations") that do not point
        back to unnamed research of their block."""
        named = [c for c in cites if c.kind in NAMED_STUDY_KINDS]
        blocks = {doc.sentences[c.sid].block_id for c in named if c.sid >= 0}
        kept = []
        for v in vague:
            cue = v.name or ""
            if v.kind == "experts" and cites and _TEAM_FINDING_RE.match(cue):
                continue  # "Researchers found": the team the story names
            if v.kind == "research" and v.sid >= 0:
                if named and _ONE_STUDY_RE.match(cue):
                    continue  # a new study: the one the story names
                if _DEFINITE_RE.match(cue):
                    block = doc.block_of(doc.sentences[v.sid])
                    if block.id in blocks or not _UNNAMED_RESEARCH_RE.search(
                            doc.text, block.start, v.start):
                        continue  # these studies: named in the block, or no unnamed antecedent
            kept.append(v)
        return kept

    def _hit(self, doc: Document, family: str, kind: str, row: int, m: re.Match) -> _Hit | None:
        gd = m.groupdict()
        author = gd.get("author") is not None  # a study author: "Smith et al. (2020)"
        name = gd.get("author") or gd.get("surname") or gd.get("name")
        if name is not None:
            name = self._clean_name(name, kind, author or gd.get("surname") is not None)
            if name is None:
                return None
            if kind == "named_person" and self._institution_full.match(name):
                kind = "institution"  # "Health Canada states": a name list says it is an agency
        year = gd.get("year")
        s = doc.sentence_at(m.start())
        if family == "vague":
            name = m.group()  # kept to spot review nouns when absorbed
        return _Hit(family, kind, row, m.start(), m.end(), s.id if s is not None else -1,
                    name, int(year) if year else None, author)

    def _clean_name(self, name: str, kind: str, single: bool = False) -> str | None:
        """The name without leading stop words, or None when it is not a name (a single
        word is one only where ``single``: a study author or a surname cue, and not a word of
        the case-insensitive lists, e.g. "Researchers")."""
        words = name.split()
        if kind == "named_person":
            while words and words[0].rstrip(".,") in self._stop:
                words.pop(0)
            if not words or (len(words) < 2 and (not single or words[0].lower() in self._common)):
                return None
            return " ".join(words)
        if words and words[0].lower() == "the":
            words.pop(0)
        if not words:
            return None
        if kind == "institution" or (kind == "journal"
                                     and self._journal_full.match(" ".join(words))):
            return " ".join(words)
        if words[0] in self._stop:
            return None
        if kind == "document" and len(words) == 1 and words[0][:1].islower():
            return None
        return " ".join(words)

    def _merge(self, hits: list[_Hit], text: str) -> list[_Citation]:
        hits.sort(key=lambda h: (h.sid, h.start, -h.end))
        out: list[_Citation] = []
        for h in hits:
            c = out[-1] if out else None
            if c is not None and c.sid == h.sid:
                if h.start < c.end:
                    c.parts.append(h)
                    c.end = max(c.end, h.end)
                    continue
                gap = text[c.end : h.start]
                if (
                    len(gap) <= self.max_gap
                    and ";" not in gap
                    and "\n" not in gap
                    and not _OR_RE.search(gap)  # alternatives are two sources
                    and h.kind not in {p.kind for p in c.parts}
                ):
                    c.parts.append(h)
                    c.end = h.end
                    continue
            out.append(_Citation(h.start, h.end, h.sid, [h]))
        return out

    def _absorb(self, cites: list[_Citation], vague: list[_Hit], text: str) -> list[_Hit]:
        by_sid: dict[int, list[_Citation]] = {}
        for c in cites:
            by_sid.setdefault(c.sid, []).append(c)
        kept: list[_Hit] = []
        for v in vague:
            near = by_sid.get(v.sid, [])
            if any(p.author or p.kind == "url_or_doi" for c in near for p in c.parts):
                continue  # rule 2: the sentence's claim is referenced
            best = None
            for c in near:
                gap = max(c.start - v.end, v.start - c.end, 0)
                if gap and v.kind == "experts":
                    continue  # another source: "Veirs said scientists have identified"
                between = text[min(c.end, v.end) : max(c.start, v.start)] if gap else ""
                if gap <= self.max_gap and ";" not in between and "\n" not in between:
                    if best is None or gap < best[0]:
                        best = (gap, c)
            if best is None:
                kept.append(v)
                continue
            c = best[1]
            c.absorbed.append(v)
            c.start, c.end = min(c.start, v.start), max(c.end, v.end)
        return kept


def _one_anecdote_per_sentence(vague: list[_Hit]) -> list[_Hit]:
    """Rule 5: the anecdote cues of one sentence are one appeal ("Personal accounts from
    individuals ... provide anecdotal evidence": the second cue describes the first); the
    first is kept."""
    seen: set[int] = set()
    kept = []
    for v in sorted(vague, key=attrgetter("start")):
        if v.kind == "anecdote" and v.sid >= 0:
            if v.sid in seen:
                continue
            seen.add(v.sid)
        kept.append(v)
    return kept


def _WORDCH(c: str) -> bool:
    return c.isalnum() or c in "_-"


def _union(spans: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The union of ``[start, end)`` spans as sorted, disjoint starts and ends (for bisect)."""
    starts: list[int] = []
    ends: list[int] = []
    for a, z in sorted(spans):
        if starts and a <= ends[-1]:
            ends[-1] = max(ends[-1], z)
        else:
            starts.append(a)
            ends.append(z)
    return starts, ends


def _is_title(block: str) -> bool:
    """A short block whose every content word is capitalised ("- Patient Testimonials"): a
    title or table-of-contents entry, neither a source nor an appeal (codebook)."""
    words = list(islice(_TITLE_WORD_RE.finditer(block), _TITLE_MAX_WORDS + 1))  # enough to tell
    return 0 < len(words) <= _TITLE_MAX_WORDS and all(
        w[0][0].isupper() for w in words if w[0].lower() not in _FUNCTION_WORDS)


#: Lists of names (cased): their entries may be surnames.
_NAME_LISTS = frozenset({"journal_name", "journal_ambiguous", "institution_name",
                         "person_title", "name_stop"})
_OR_RE = re.compile(r"\bor\b")
_TITLE_WORD_RE = re.compile(r"[^\W\d_][\w'’\-.]*")
_TITLE_MAX_WORDS = 10
_FUNCTION_WORDS = frozenset(
    "a an and the of in on for to with at by from or vs vs. as is are how what why".split()
)


def _load(source: str, kinds: tuple[str, ...]) -> Lexicon:
    """The lexicon ``source``, each row's category checked: one of ``kinds``, of
    :data:`NOT_CITATIONS` or of :data:`CITATION_LISTS`."""
    lex = load_lexicon(source)
    check_categories(lex, {*kinds, *NOT_CITATIONS, *CITATION_LISTS}, source,
                     f"a citation kind of {list(kinds)}, one of {sorted(NOT_CITATIONS)} or a list "
                     "of CITATION_LISTS (a new kind is named in SPECIFIC_KINDS or VAGUE_KINDS of "
                     "textstudy/measures/citations.py)")
    return lex


def _lists(lex: Lexicon) -> dict[str, list[tuple[str, str]]]:
    t = lex.table
    out: dict[str, list[tuple[str, str]]] = {}
    rows = t[t["category"].isin(CITATION_LISTS)]
    for term, cat, pat in zip(rows["term"], rows["category"], rows["pattern"]):
        out.setdefault(cat, []).append((term, pat))
    return out


def _alt(entries: list[tuple[str, str]], lower: bool) -> str:
    """One regex over list entries: a prefix tree of the plain terms, plus regex rows."""
    plain = sorted({(t.lower() if lower else t).replace("*", r"\*") for t, p in entries if not p})
    parts = [p for _, p in entries if p]
    if plain:
        parts.insert(0, _trie_regex(plain))
    return "|".join(parts) if parts else r"(?!x)x"


def _fragments(lists: dict[str, list[tuple[str, str]]]) -> dict[str, tuple[str | None, str]]:
    """Placeholder -> (named group or None, regex source)."""
    frag: dict[str, tuple[str | None, str]] = {}
    for key, (cat, how) in PLACEHOLDERS.items():
        src = _alt(lists.get(cat, []), lower=how == "ci")
        frag[key] = ("year" if key == "YEAR" else None, f"(?i:{src})" if how == "ci" else src)
    journals = lists.get("journal_name", [])
    known = _alt(journals, lower=False)
    every = _alt(journals + lists.get("journal_ambiguous", []), lower=False)
    generic_cap = rf"{_CAPW}(?:\s+(?:{_CONN}\s+)?{_CAPW}){{0,6}}"
    frag["JOURNAL"] = ("name", rf"(?-i:{known})")
    frag["JOURNAL_ANY"] = ("name", rf"(?-i:(?:{every})(?![\w\-])|{generic_cap})")
    org = _alt(lists.get("org_noun", []), lower=False)
    more = rf"(?:\s+(?:(?:and|&|of|for)\s+)?{_CAPW}){{0,4}}"
    tail = rf"(?:\s+(?:of|for|on|in)\s+(?:the\s+)?{_CAPW}{more})"
    generic_org = (
        rf"(?:{_CAPW}\s+(?:{_CONN}\s+)*){{1,5}}(?:{org})(?![\w\-]){tail}?"
        rf"|(?:{org})\s+(?:of|for|on)\s+(?:the\s+)?{_CAPW}(?:\s+(?:(?:and|&|of|for)\s+)?{_CAPW}){{0,4}}"
    )
    inst = _alt(lists.get("institution_name", []), lower=False)
    frag["INSTITUTION"] = ("name", rf"(?-i:(?:{inst})(?![\w\-])|{generic_org})")
    title = _alt(lists.get("person_title", []), lower=False)
    word = r"[A-Z][\w'’\-]+"
    frag["PERSON"] = (
        "name",
        rf"(?-i:(?:{title})\s+{word}(?:\s+[A-Z]\.)?(?:\s+{word}){{0,2}}"
        rf"|[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+{word}){{1,2}})",
    )
    return frag


def citation_table(doc: Document, measure: Citations | None = None) -> list[dict[str, Any]]:
    """The citations of one document as rows a researcher can check against the literature.

    Parameters
    ----------
    doc : Document
    measure : Citations, optional
        A configured measure (default parameters when omitted).

    Returns
    -------
    list of dict
        In document order, one per counted citation or vague appeal (the same units as the
        ``citations_*_n`` counts), with keys ``family`` ("specific"/"vague"), ``kind``,
        ``text`` (the span as written), ``year`` (int or None), ``source_name`` (journal,
        institution, author or person name, or None), ``start``, ``end`` (character offsets into
        ``doc.text``) and ``sentence`` (the sentence's text).
    """
    return (measure or build(Citations)).table(doc)
