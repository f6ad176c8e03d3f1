"""Commercial-intent markers, and disclaimers/disclosures as a separate family.

Two registered measures live here, one per family, so that each family has its own wide-table
columns and its own ``measure`` value in ``matches()``:

``commercial`` (:class:`Commercial`)
    What the author or publisher wants to sell the reader (HONcode principle 8, "advertising
    policy"; the JAMA benchmark "disclosure", Silberg et al. 1997; the codebook's "commercial
    intent"). News about companies or prices, research charities, public bodies, safety
    checklists and donation appeals are not commercial. Categories:

    - ``call_to_action``: a request directed at the reader to act commercially ("shop now",
      "contact us", "start your journey", a capitalised request to call a telephone number
      anywhere in a line: "Kihei Call 808-344-0319 for take out orders", and the imperative
      rule below);
    - ``consultation_offer``: "free consultation", "discovery call", "book a session";
    - ``product_or_service``: the author's own offering, "our|my" + up to three modifiers +
      a product noun ("our lab-tested capsules", "my treatment protocol"), "online course",
      "designed for people like you", "available on Amazon"; a product noun in an offer
      frame in a sentence addressing the reader ("with convenient microdosed products"); a
      line that is only a course title ("Mindful Microdosing Course", a course widget); a
      section heading about buying the product on the author's page; a product or programme
      pitched as what it does for the reader ("This program provides you with …", "our
      Waist Trainer gives you …"); a business's free event offered to the reader, lead
      generation ("Our team is offering a FREE webinar to show you how", "free to RSVP!":
      the lexicon's ``free_event_when_addressed`` rows, which count only where the weak price
      forms below count and not in a paragraph naming an organisation such as a charity,
      public body or research institute: ``organisation_noun``, ``public_health_authority``);
      a post that says it is an advertisement ("#ad", "paid partnership with":
      ``paid_promotion_statement``, anywhere);
    - ``pricing``: "$49/month", "only $29", "20% off", "free shipping", "use code CALM10".
      Weak price forms that news also prints (wages, rents, sale prices: the lexicon's
      ``pricing_when_addressed`` rows such as "$49.99", "only $49", "£9 a month") count only in
      a sentence that addresses the reader ("you", "your", "today" ..., an imperative:
      "Save 15% today", or an exclamation: "Only $29.99!"), in a sentence with a business
      link (the seller's address: "Summer sale on all t-shirts at www.highhope.co.uk") or in
      a list item or table row (a product listing: ``LISTING_KINDS``). "now" is not an
      address: news writes "is now available", "now costs";
    - ``self_promotion``: the outlet's own content or brand ("our guides and product pages",
      "our newsletter", "At Acme Wellness, we believe …", "every patient in my practice …",
      a widget's tagline line "Designed for POSITIVE & LASTING CHANGE", links to
      ``own_domains``); internal links to the site's own free guides ("our comprehensive
      guide on …") are not (the codebook);
    - ``business_link``: a URL or domain of a business (``.com``, ``.club``, ``.shop`` …) in a
      call to action or offer: a sentence with another commercial marker, or one that
      addresses the reader ("you", "today" …, an imperative or an exclamation), or right
      after an exclamation, as its object ("Our Order! https://bit.ly/…"). Hosts under
      ``.gov/.edu/.org/.int`` and scholarly/public-health hosts (``doi.org``, ``nature.com``,
      ``nhs.uk`` …, category ``reference_host`` of the lexicon) are citations, not
      business links, and are dropped. Links to affiliate and shopping-link hosts
      (``amzn.to``, ``rstyle.me`` …, ``affiliate_host``: the author is paid when the
      reader buys) and links carrying an affiliate's tracking parameter (``?linkCode=``,
      ``&aff_id=`` …, ``affiliate_parameter``) count without an offer around them; so does
      a statement that the text's links are affiliate links ("This is an Amazon Affiliate
      link", "As an Amazon Associate I earn …": ``affiliate_link_statement``): a product pin
      with such a line is commercial and, in ``disclaimers``, a disclosure.

    *Quotation exclusion*: no marker counts inside a direct quotation of someone's words (a
    quoted company executive is not commercial). A quotation of up to three words is a name or
    a button label, not speech: "Click \"Shop Now\"" counts.

    *Cause exclusion*: asking for a donation is not selling. No marker counts in a sentence that
    names a cause (``cause_word``: donate, charity, nonprofit, "help us", "support us", pledge
    …; also civic, religious and research appeals: election, ballot, worship, survey,
    clinical trial) or an appeal (``appeal_word``). A paragraph holding an appeal to the
    reader to give, sign, volunteer, vote, take part in research, act for a cause, apply for a
    job or attend a cultural institution's event (``appeal_word``: donation, petition,
    volunteer, "need your help", "chip in", "paid for by", "register to vote", "take part in a
    study", "take action", participants, testers, hiring, market research, exhibition …)
    keeps only the author's sales: a money amount ("$25", "20% off", "Get it for $25") or a
    purchase verb ("Buy a ticket", "Shop now": ``purchase_verb``). A free event is not an
    appeal by itself: a business's free webinar is lead generation, a charity's is excluded
    by its cause or organisation (above). Words that also describe (a
    study, a survey, a clinical trial), words a shop also uses ("Help us celebrate", "our pledge
    to you") and the seller's own donation tie-in ("we donate a meal for every box sold")
    exclude their sentence only, so a pitch around them still counts.

``disclaimers`` (:class:`Disclaimers`)
    The codebook's "disclaimer", one small construction per lexicon row:

    - ``medical_disclaimer``: a negated advice noun ("should not be considered medical
      advice"), "for informational purposes only", the FDA supplement disclaimer, "I am not a
      doctor", editors' notes that data may differ from the final publication;
    - ``legal_disclaimer``: "does not endorse or accept liability", "the reader is responsible
      for …", "at your own risk", "check your local laws", a press release's safe-harbor
      statement ("contains forward-looking statements", "undertakes no obligation to update");
    - ``consult_professional``: a consult-verb (base or -ing form, not negated) + professional
      noun with any determiner, possessive or plural ("consult their physician", "Talk to your
      doctor", "go over the risks with your health care provider", "maintaining open
      communication with medical professionals"), "with caution and professional guidance";
    - ``funding_disclosure``: "the study was funded by", "supported by NIH grants", "received
      funding from" (not a reduced "a report funded by X" naming a background report);
    - ``conflict_of_interest``: "the authors report no conflicts", "declares no competing
      interests", a source's industry ties ("consults for", "holds a patent on", "received
      fees from", "is employed by");
    - ``affiliate_disclosure``: "affiliate link", "we may earn a commission", "sponsored by"
      (not of legislation), "#ad", "paid partnership".

    Risk information, contraindications, legal-status facts and evidence caveats are not
    disclaimers (the codebook).

The imperative rule (``call_to_action``)
----------------------------------------
Second-person imperatives next to a brand or product are found by one general rule rather
than a list of phrases. A sentence yields a call to action when

1. it *starts* with an imperative verb from the lexicon's ``imperative_verb`` list (visit,
   buy, order, book, join, contact, try, sign up, learn more …). Before the verb there may be
   non-word characters (bullets, quotes), any number of ``lead_word`` words ("Today,",
   "now", "simply", "feel free to", "don't hesitate to" …), or one introductory clause
   opened by an ``intro_word`` and closed by a comma ("To learn more, visit …",
   "If you are ready, book …"). A one-word verb directly followed by a function word
   ("Order of magnitude", "Use of the drug", "Call was") is a noun, not an imperative;
   two verbs joined by "and"/"or" are two imperatives, and the object window follows the
   second ("Buy and download: https://…").
2. Its *object window* -- the next ``window`` word tokens after the verb, stopped at the first
   ``, ; : . ! ? ( ) [ ]`` that is not inside a URL -- holds a commercial trigger:

   - for verbs in ``verb_before_first_person`` (contact, call, book, visit, try …): a
     first-person form ``our``, ``us``, ``me``, ``my`` ("Contact me", "Try our blend");
     "Join us", "Follow us", "Learn more about our work" are not sales; or a telephone
     number, one token of seven or more digits ("Call 4177810250 for details");
   - for verbs in ``verb_before_your``: "your" right after the verb ("Claim your discount");
   - for verbs in ``purchase_verb`` (buy, order, shop, purchase …): nothing more, the verb
     itself is the call to action;
   - a product/service noun (``product_noun`` rows, with plural ``-s``): "Book a session",
     "Download the app";
   - a business URL or domain ("Visit kindstranger.club");
   - an amount of money ("Get started for $45"), not after a prize word ("Enter to win
     $500": a prize draw is a promotion, not a sale);
   - for verbs in ``verb_before_brand``: a brand name in the first three tokens (after an
     optional "the/a/an"), i.e. a run of two or more capitalised words ("Visit Acme
     Wellness"), or one capitalised word with a brand shape (possessive "Acme's", inner
     capital "MindBloom", a digit, ™ or ®). All-caps acronyms and
     ``public_health_authority`` names (NHS, CDC, Mayo Clinic …) are referrals, not brands;
   - for verbs in ``verb_before_now``: "now", "today", "online", "here" or "below"
     ("Order today", "Sign up now");
   - a quoted button label that is itself an imperative ("Click \"Learn More\" to get your
     quote"): the reader is sent to the ad's button.
3. *Advice exclusion*: if the window names a health professional or emergency service
   (``advice_noun``: doctor, physician, GP, provider, pharmacist, therapist, hospital, 911 …)
   or the reader's health and care (``advice_noun``: health, body, diet, vaccine, medication
   …: "Get your flu shot", "Give your body time to recover"), an organisation such as a
   research charity or public body (``organisation_noun``: foundation, trust, institute,
   university, society …: "visit the Beckley Foundation"), a public-health authority
   (``public_health_authority``, case-sensitive: NHS, CDC, Mayo Clinic …) or a
   scholarly/public-health host, and holds no first-person form, the sentence is advice, not
   commerce ("Visit your doctor regularly", "Schedule a consultation with your doctor"). The
   same exclusion is applied to lexicon hits of ``call_to_action`` and ``consultation_offer``
   (window after the hit).

4. *Question exclusion*: a sentence ending with "?" is not a request ("Call yourself a fan?").
5. *Pitch paragraph*: in a paragraph (block) that holds a commercial call to action or
   consultation offer, every other sentence opening with an imperative verb (steps 1, 3 and
   4, any object) is part of the pitch: "Take the next step toward comfort. Visit Kind
   Stranger … Find new possibilities for managing pain naturally." (trigger ``pitch``).

The rule's match is the verb itself (``cue`` = ``"<verb> +<trigger>"``, trigger one of
``first_person``, ``phone``, ``your``, ``bare``, ``object``, ``link``, ``price``,
``brand``, ``now``, ``label``, ``pitch``); the object
is not part of the span, so "Try our capsules" counts a ``call_to_action`` ("Try") and a
``product_or_service`` ("our capsules"). Where a lexicon phrase covers the verb ("contact
us", "book a session"), overlapping matches are resolved as everywhere in textstudy: the
longest wins, so the phrase's category is used and the verb is not counted twice.

Lexicon rows
------------
``commercial.csv`` and ``disclaimers.csv`` have the columns every lexicon has (``term`` or
``pattern``, ``category``, ``source``, ``note``, ``example``). A row whose category is a
family category (:data:`COMMERCIAL_CATEGORIES`, :data:`DISCLAIMER_CATEGORIES`, one of
:data:`WHEN_ADDRESSED`: an offer that news also prints, or one of :data:`PAID_STATEMENTS`:
a statement that the author is paid) is matched, on the whole text: a
``pattern`` row as its own regex, the plain ``term`` rows together by
:class:`~textstudy.lexicon.LexiconMatcher`. A row whose category is one of
:data:`COMMERCIAL_LISTS` is a word of a list the rules above read, named for what it holds
(``imperative_verb``, ``purchase_verb``, ``cause_word``, ``reference_host`` …). Any other
category is a loading error that names the row. Every row has a ``source`` and an
``example`` that shows it at work (tested for every row through the public measures).

Block kinds
-----------
Commercial markers often sit in promo lines that :mod:`textstudy.structure` classifies as
boilerplate ("Subscribe to our newsletter"), so both measures scan *all* block kinds by
default (``kinds``); the per-1k denominator is the number of words in the scanned kinds.
Pass ``kinds=tuple(BODY_KINDS)`` to count body text only.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Collection
from operator import itemgetter

from ..document import BLOCK_KINDS, Document, Match, MeasureResult
from ..engine import RuleSet
from ..lexicon import (
    Lexicon,
    LexiconMatcher,
    check_categories,
    load_lexicon,
    resolve_overlaps,
)
from . import Measure, register
from .common import NAN, per_1k

#: Block kinds that list offers (product lines, price tables): a weak price form there
#: ("Relief Blend capsules – $49.99") needs no reader address to count as pricing.
LISTING_KINDS = frozenset({"list_item", "table_row"})

COMMERCIAL_CATEGORIES: tuple[str, ...] = (
    "call_to_action",
    "consultation_offer",
    "product_or_service",
    "pricing",
    "self_promotion",
    "business_link",
)
DISCLAIMER_CATEGORIES: tuple[str, ...] = (
    "medical_disclaimer",
    "legal_disclaimer",
    "consult_professional",
    "funding_disclosure",
    "conflict_of_interest",
    "affiliate_disclosure",
)

#: Lexicon categories of offers that news also prints (wages, rents, sale prices: "$49.99",
#: "only $49", "£9 a month", "the sale ends"): a row of one of them counts as the category
#: named here only in a sentence that addresses the reader or in a listing.
WHEN_ADDRESSED: dict[str, str] = {
    "pricing_when_addressed": "pricing",
    "product_or_service_when_addressed": "product_or_service",
    "free_event_when_addressed": "product_or_service",
}
#: Of these, a free event (webinar, workshop, conference) offered to the reader is a business's
#: lead generation, not when its paragraph names an organisation such as a charity, public body
#: or research institute (``organisation_noun``, ``public_health_authority``).
FREE_EVENT = "free_event_when_addressed"
#: Lexicon categories of statements that the author is paid, counted wherever they occur as
#: the category named here: that the text's links are affiliate links ("This is an Amazon
#: affiliate link", "As an Amazon Associate I earn from qualifying purchases") declares links
#: that pay the author when the reader buys, links to the author's business (the codebook), as
#: an affiliate host does; that the text is a paid promotion ("#ad", "paid partnership")
#: marks it as a product pitch.
PAID_STATEMENTS: dict[str, str] = {
    "affiliate_link_statement": "business_link",
    "paid_promotion_statement": "product_or_service",
}
#: The word lists of the commercial lexicon that the rules below read (not matched on their
#: own), by category, with what each holds.
COMMERCIAL_LISTS: dict[str, str] = {
    "imperative_verb": "verbs that open an imperative sentence (rule 1)",
    "verb_before_first_person": "verbs whose object 'our', 'us', 'me', 'my' or a phone number "
                                "makes a call to action",
    "verb_before_your": "verbs whose object 'your' makes a call to action",
    "purchase_verb": "verbs that are a call to action with any object (buy, order, shop)",
    "verb_before_brand": "verbs whose object may be a brand name",
    "verb_before_now": "verbs followed by 'now', 'today', 'online', 'here' or 'below'",
    "recommending_verb": "verbs recommending a choice (the publisher's own offering as object)",
    "product_noun": "products and services as the object of an imperative",
    "lead_word": "words that may come before an imperative verb ('simply', 'feel free to')",
    "intro_word": "words that open an introductory clause before an imperative ('To', 'If')",
    "advice_noun": "health professionals, emergency services and the reader's health and care",
    "organisation_noun": "nouns naming organisations such as research charities and public "
                         "bodies",
    "public_health_authority": "names of public-health authorities (case-sensitive)",
    "reference_host": "scholarly and public-health hosts (citations, not business links)",
    "platform_host": "social and media platforms (not a business of the author)",
    "affiliate_host": "affiliate and shopping-link hosts (the author is paid)",
    "affiliate_parameter": "query parameters of affiliate links",
    "noncommercial_tld": "top-level domains of public bodies, universities and charities",
    "reader_address_word": "words that address the reader ('you', 'your', 'today')",
    "cause_word": "words naming a cause, civic, religious or research appeal",
    "appeal_word": "words of an appeal to give, sign, volunteer, vote or take part",
}

_FIRST_PERSON = frozenset({"our", "us", "me", "my", "Our", "Us", "Me", "My"})  # not "US"
_NOW_WORDS = frozenset({"now", "today", "online", "here", "below"})
_DETERMINERS = frozenset({"the", "a", "an"})
# An amount after these is a prize, not a price ("Enter to win $500"): a prize draw is a
# promotion, not a sale.
_PRIZE_WORDS = frozenset({"win", "won", "winning", "prize", "prizes"})
_COORDINATORS = frozenset({"and", "or", "&"})
# A one-word verb followed by one of these is a noun ("Order of magnitude", "Use of the drug").
_NOUN_USE_NEXT = frozenset(
    "of is was are were has have had can could will would may might should must and or than "
    "that which between among".split()
)
# Tokens of the object window: URL/domain, word (with inner ' - & and possessive), punctuation.
_TOKEN_RE = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?]"
    r"|[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])(?:/\S*[^\s.,;:!?])?)"
    r"|(?P<money>[$£€]\s?\d[\d,]*(?:\.\d+)?)"
    r"|(?P<word>[^\W_][\w'’&\-™®]*)"
    r"|(?P<stop>[,;:.!?()\[\]])"
)
#: A direct quotation in one line: the quoted speaker's words are not the author's offer
#: (a quoted company executive is not commercial).
_QUOTE = re.compile(r"“[^”\n]{1,600}”|\"[^\"\n]{1,600}\"")
#: A quotation of up to this many words is a name, title or button label ("Click \"Shop
#: Now\""), not someone's speech.
LABEL_MAX_WORDS = 3
_URL_NEXT = re.compile(r"\s*(?:https?://|www\.)")
_HOST_RE = re.compile(r"^(?:https?://)?(?:www\.)?([^/?#:\s]+)", re.IGNORECASE)


def _alternation(words: list[str]) -> str:
    """Regex alternation of ``words`` (longest first; a space matches any whitespace)."""
    words = sorted({w.strip().lower() for w in words if w.strip()}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in words)


def _list(lex: Lexicon, name: str) -> list[str]:
    """The terms of list ``name`` of the lexicon (lower-case)."""
    t = lex.table
    return t.loc[t["category"] == name, "term"].str.lower().tolist()


def _words_re(lex: Lexicon, name: str) -> re.Pattern[str]:
    """Any word or phrase of list ``name``, between word edges, case-insensitive."""
    return re.compile(rf"(?<!\w)(?:{_alternation(_list(lex, name))})(?!\w)", re.IGNORECASE)


def position(start: int, text_length: int) -> float:
    """Relative position of a match: ``start / text_length`` (0 = start, 1 = end of text)."""
    return start / text_length if text_length else NAN


class _CommercialRules:
    """The imperative rule, the advice exclusion and the host filter, compiled once."""

    def __init__(self, lex: Lexicon, window: int, own_domains: tuple[str, ...]):
        self.window = window
        self.own_domains = tuple(d.lower().removeprefix("www.") for d in own_domains)
        verbs = _list(lex, "imperative_verb")
        self.verbs = frozenset(verbs)
        self.brand_verbs = frozenset(_list(lex, "verb_before_brand"))
        self.now_verbs = frozenset(_list(lex, "verb_before_now"))
        self.objects = frozenset(_list(lex, "product_noun"))
        self.advice = frozenset(_list(lex, "advice_noun") + _list(lex, "organisation_noun"))
        self.first_person_verbs = frozenset(_list(lex, "verb_before_first_person"))
        self.your_verbs = frozenset(_list(lex, "verb_before_your"))
        self.bare_verbs = frozenset(_list(lex, "purchase_verb"))
        self.cause_re = _words_re(lex, "cause_word")
        self.appeal_re = _words_re(lex, "appeal_word")
        self.organisation_re = _words_re(lex, "organisation_noun")
        t = lex.table
        names = sorted(t.loc[t["category"] == "public_health_authority", "term"], key=len,
                       reverse=True)
        alts = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in names)
        self.authority_re = re.compile(rf"(?<!\w)(?:{alts})(?!\w)") if names else None
        self.reference_hosts = tuple(_list(lex, "reference_host"))
        self.platform_hosts = tuple(_list(lex, "platform_host"))
        self.affiliate_hosts = tuple(_list(lex, "affiliate_host"))
        query = _alternation(_list(lex, "affiliate_parameter"))
        self.affiliate_query_re = re.compile(rf"[?&](?:{query})=", re.IGNORECASE)
        self.address_re = _words_re(lex, "reader_address_word")
        self.noncommercial_tlds = tuple("." + s for s in _list(lex, "noncommercial_tld"))
        lead = _alternation(_list(lex, "lead_word"))
        intro = _alternation(_list(lex, "intro_word"))
        # a verb recommending a choice, after an optional bullet or list number ("2. Consider")
        self.offering_start_re = re.compile(
            rf"[^\w]*(?:\(?\d{{1,2}}[.)]\s+)?"
            rf"(?P<verb>{_alternation(_list(lex, 'recommending_verb'))})(?![\w'’\-])",
            re.IGNORECASE,
        )
        # a quoted button label that is itself an imperative ("Click \"Shop Now\"")
        self.label_re = re.compile(
            rf"\s+(?:on\s+)?(?:the\s+)?[\"“‘']\s*(?:{_alternation(verbs)})(?![\w'’\-])",
            re.IGNORECASE,
        )
        self.start_re = re.compile(
            rf"[^\w]*(?:(?:{intro})\b[^,.;:!?\n]{{0,100}},\s+)?"
            rf"(?:(?:{lead})\b[,!:]?\s+)*"
            rf"(?P<verb>{_alternation(verbs)})(?![\w'’\-])",
            re.IGNORECASE,
        )

    # -- hosts -------------------------------------------------------------------------------
    def host_kind(self, url: str) -> str:
        """``own``, ``affiliate``, ``business``, ``platform`` or ``reference`` for a URL or bare
        domain."""
        m = _HOST_RE.match(url)
        host = (m.group(1) if m else url).lower().rstrip(".")
        if any(host == d or host.endswith("." + d) for d in self.own_domains):
            return "own"
        if any(host == h or host.endswith("." + h) for h in self.affiliate_hosts) or (
            self.affiliate_query_re.search(url)
        ):
            return "affiliate"
        if any(host == h or host.endswith("." + h) for h in self.reference_hosts):
            return "reference"
        if host.endswith(self.noncommercial_tlds):
            return "reference"
        if any(host == h or host.endswith("." + h) for h in self.platform_hosts):
            return "platform"
        return "business"

    # -- object window -----------------------------------------------------------------------
    def window_tokens(self, text: str, start: int, end: int) -> list[tuple[str, str]]:
        """Up to ``window`` (kind, token) pairs after ``start``, stopped at clause punctuation."""
        out: list[tuple[str, str]] = []
        for m in _TOKEN_RE.finditer(text, start, end):
            kind = m.lastgroup
            if kind == "stop":
                if m.group() == ":" and _URL_NEXT.match(text, m.end(), end):
                    continue  # "Order here: https://…": the link is the object
                break
            out.append((kind, m.group()))
            if len(out) >= self.window:
                break
        return out

    def is_advice(self, tokens: list[tuple[str, str]]) -> bool:
        """A health professional, authority or public-health host named; no first-person form."""
        first = False
        advice = self._names_authority(" ".join(tok for _, tok in tokens))
        for kind, tok in tokens:
            if kind == "url":
                advice |= self.host_kind(tok) == "reference"
            elif tok in _FIRST_PERSON:
                first = True
            else:
                low = tok.lower()
                advice |= low in self.advice or low.rstrip("s") in self.advice
        return advice and not first

    def names_cause(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` names a cause (``cause_word``)."""
        return self.cause_re.search(text, start, end) is not None

    def names_appeal(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` names an appeal (``appeal_word``)."""
        return self.appeal_re.search(text, start, end) is not None

    def names_organisation(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` names an organisation such as a research charity or a
        public body (``organisation_noun``) or a public-health authority."""
        return self.organisation_re.search(text, start, end) is not None or (
            self._names_authority(text[start:end]))

    def _names_authority(self, text: str) -> bool:
        return self.authority_re is not None and self.authority_re.search(text) is not None

    def _brand_at(self, tokens: list[tuple[str, str]], i: int) -> bool:
        run = []
        for kind, tok in tokens[i:]:
            if kind != "word" or not tok[0].isupper():
                break
            run.append(tok)
        if not run or run[0].isupper():  # acronyms (NHS, CDC) are not brands
            return False
        if self._names_authority(" ".join(run)):
            return False
        head = run[0]
        shaped = (
            head.endswith(("'s", "’s"))
            or any(c.isupper() for c in head[1:])
            or any(c.isdigit() for c in head)
            or "™" in head
            or "®" in head
        )
        return len(run) >= 2 or shaped

    def trigger(self, verb: str, tokens: list[tuple[str, str]]) -> str | None:
        """The first commercial trigger in the object window of ``verb``, or None."""
        if tokens and " " not in verb and tokens[0][0] == "word":
            if tokens[0][1].lower() in _NOUN_USE_NEXT:
                return None
        if verb in self.bare_verbs and not self.is_advice(tokens):
            return "bare"
        if not tokens:
            return None
        if self.is_advice(tokens):
            return None
        brand_from = 1 if tokens[0][1].lower() in _DETERMINERS else 0
        prize = False
        for i, (kind, tok) in enumerate(tokens):
            if kind == "url":
                if self.host_kind(tok) != "reference":
                    return "link"
                continue
            if kind == "money":
                if not prize:
                    return "price"
                continue
            prize |= tok.lower() in _PRIZE_WORDS
            if tok in _FIRST_PERSON and verb in self.first_person_verbs:
                return "first_person"
            if verb in self.first_person_verbs and _is_phone_number(tok):
                return "phone"
            if i == 0 and tok.lower() == "your" and verb in self.your_verbs:
                return "your"
            low = tok.lower()
            if low in self.objects or (low.endswith("s") and low[:-1] in self.objects):
                return "object"
            if verb in self.now_verbs and low in _NOW_WORDS:
                return "now"
            if verb in self.brand_verbs and brand_from <= i <= brand_from + 2:
                if self._brand_at(tokens, i):
                    return "brand"
        return None

    def pitch_imperative(self, text: str, start: int, end: int) -> tuple[int, int, str] | None:
        """``(start, end, "<verb> +pitch")`` when sentence ``text[start:end]`` opens with an
        imperative verb (not a noun use, not advice), whatever its object: in a paragraph whose
        call to action is commercial, such a sentence belongs to the pitch ("Find new
        possibilities for managing pain naturally." after "Visit Kind Stranger …")."""
        opening = self._opening(text, start, end)
        if opening is None:
            return None
        m, verb, tokens = opening
        if " " not in verb and tokens and tokens[0][1].lower() in _NOUN_USE_NEXT:
            return None
        if self.is_advice(tokens):
            return None
        return m.start("verb"), m.end("verb"), f"{verb} +pitch"

    def _opening(
        self, text: str, start: int, end: int
    ) -> tuple[re.Match[str], str, list[tuple[str, str]]] | None:
        """The imperative opening of sentence ``text[start:end]``: its match, the normalised
        verb and the verb's object window; None without one or for a question ("Call
        yourself a fan?" is not a request)."""
        m = self.start_re.match(text, start, end)
        if not m or _ends_with("?", text, start, end):
            return None
        verb = re.sub(r"\s+", " ", m.group("verb").lower()).replace("’", "'")
        tokens = self.window_tokens(text, m.end("verb"), end)
        if len(tokens) > 1 and tokens[0][1].lower() in _COORDINATORS and (
            tokens[1][1].lower() in self.verbs
        ):  # two imperatives joined ("Buy and download: …"): the object follows the second
            tokens = tokens[2:]
        return m, verb, tokens

    def addresses_reader(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` addresses the reader: a ``reader_address_word`` ("you",
        "today" …), an imperative opening (lead or intro words, then an ``imperative_verb``) or
        an exclamation, the voice of an ad calling out to the reader ("Only $29.99!")."""
        address = self.address_re.search(text, start, end)
        return bool(address or self.start_re.match(text, start, end)
                    or _ends_with("!", text, start, end))

    def imperatives(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """``(start, end, cue)`` of the rule's call to action in sentence ``text[start:end]``."""
        opening = self._opening(text, start, end)
        if opening is None:
            return []
        m, verb, tokens = opening
        trig = self.trigger(verb, tokens)
        if trig is None and self.label_re.match(text, m.end("verb"), end):
            trig = "label"
        if trig is None:
            return []
        return [(m.start("verb"), m.end("verb"), f"{verb} +{trig}")]


    def offering_imperatives(self, text: str, start: int, end: int,
                             offerings: re.Pattern[str]) -> list[tuple[int, int, str]]:
        """An imperative sentence whose object window names one of the publisher's own
        offerings ("Consider ketamine therapy" on a ketamine provider's page): a call to action
        toward the publisher's paid service (CODEBOOK: commercial intent belongs to the author
        or publisher). Cue ``"<verb> +own offering"``."""
        m = self.offering_start_re.match(text, start, end)
        if not m or _ends_with("?", text, start, end):
            return []
        window = " ".join(tok for _, tok in self.window_tokens(text, m.end("verb"), end))
        if not offerings.search(window):
            return []
        verb = re.sub(r"\s+", " ", m.group("verb").lower())
        return [(m.start("verb"), m.end("verb"), f"{verb} +own offering")]


#: What may follow an ad's display address in its paragraph: a capitalised word, a digit or
#: nothing.
_DISPLAY_AFTER = re.compile(r"[^\S\n]*(?:\Z|[A-Z0-9])")


def _word_before(text: str, start: int, pos: int) -> str:
    """The whitespace-delimited word of ``text[start:pos]`` nearest ``pos`` ("" if none)."""
    end = pos
    while end > start and text[end - 1].isspace():
        end -= 1
    begin = end
    while begin > start and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:end]


def _is_link_after_exclamation(doc: Document, hit: tuple[int, int, str, str]) -> bool:
    """Whether link ``hit`` comes right after an exclamation of its paragraph, the voice of an
    ad calling out to the reader, as its object ("… Our Order! https://bit.ly/…")."""
    b = doc.block_at(hit[0])
    return b is not None and _word_before(doc.text, b.start, hit[0]).endswith("!")


def _is_display_address(doc: Document, hit: tuple[int, int, str, str]) -> bool:
    """Whether link ``hit`` is an ad's display address: a bare domain (no ``http``, no
    ``www``) standing between its headline and its description, outside any sentence of
    running text: after the start of the paragraph, a capitalised word or a closing
    punctuation mark or dash, and before a capitalised word, a digit or the end of the
    paragraph ("Culture Warlords hachettebooks.com A harrowing journey …", "Ankle Fray Jeans -
    anthropologie.com")."""
    b = doc.block_at(hit[0])
    if b is None or _URL_NEXT.match(doc.text, hit[0]):  # http(s):// or www.
        return False
    last = _word_before(doc.text, b.start, hit[0])
    if last.endswith(":"):
        return False  # a labelled address ("Source: example.com"), not a display address
    headline = not last or last[0].isupper() or last[0].isdigit() or last[-1] in "!?.…)|-–—"
    return headline and _DISPLAY_AFTER.match(doc.text, hit[1], b.end) is not None


def _is_speech(quotation: str) -> bool:
    """Whether a quotation is someone's words (more than :data:`LABEL_MAX_WORDS` words), not a
    name or a button label."""
    return len(quotation.split()) > LABEL_MAX_WORDS


def _ends_with(mark: str, text: str, start: int, end: int) -> bool:
    """Whether sentence ``text[start:end]`` ends with ``mark`` ("!", "?"), closing quotes and
    brackets aside."""
    return text[start:end].rstrip().rstrip("\"'”’)").endswith(mark)


def _is_phone_number(token: str) -> bool:
    """A telephone number written as one token ("4177810250", "423-0999"): seven or more
    digits and nothing but digits, dots and hyphens."""
    return sum(c.isdigit() for c in token) >= 7 and all(c.isdigit() or c in "-." for c in token)


#: Categories whose markers describe one pitch: a sentence pitching a product or the author's
#: own offering is one pitch, however many of its phrases say so ("X is designed for people
#: like you …, with convenient … products").
PITCH_CATEGORIES = frozenset({"product_or_service", "self_promotion"})


def _one_pitch_per_sentence(hits: list[tuple[int, int, str, str]], sentence_of
                            ) -> list[tuple[int, int, str, str]]:
    """``hits`` with the hits of each :data:`PITCH_CATEGORIES` category in one sentence
    (``sentence_of(hit)``) merged into one, spanning them all, with the first one's cue;
    other categories are kept as they are."""
    pitches: dict[tuple[int, str], tuple[int, int, str, str]] = {}
    out = []
    for h in hits:
        if h[2] not in PITCH_CATEGORIES:
            out.append(h)
            continue
        key = (sentence_of(h), h[2])
        first = pitches.get(key)
        if first is None:
            pitches[key] = h
        else:
            a, b = sorted((first, h))
            pitches[key] = (a[0], max(a[1], b[1]), a[2], a[3])
    return sorted(out + list(pitches.values()))


class _SpanTests:
    """``once(test, start, end)``: ``test(text, start, end)`` of one document, computed once per
    span, so that many hits in one long sentence or paragraph do not rescan it (linear time)."""

    def __init__(self, text: str):
        self.text = text
        self.memo: dict[tuple[object, int, int], bool] = {}

    def __call__(self, test, start: int, end: int) -> bool:
        key = (test, start, end)
        if key not in self.memo:
            self.memo[key] = bool(test(self.text, start, end))
        return self.memo[key]


def _resolve_hits(hits: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Non-overlapping ``(start, end, category, cue)`` hits: the longest wins, then the earliest
    (then the first found)."""
    return resolve_overlaps(hits, tie=lambda h: 0, span=itemgetter(0, 1))


class _Rows:
    """The matched rows of a lexicon (those of ``matched`` categories), run on the whole text.

    A row with a ``pattern`` runs that regex (case-insensitive) on its own; the plain
    ``term`` rows are found together by :class:`~textstudy.lexicon.LexiconMatcher` (between
    word edges; a space matches any whitespace, ``*`` any word ending; overlapping terms:
    the longest wins). There is no prefilter. Hits in blocks whose kind is not scanned, or
    crossing a block boundary, are dropped. Every row's category must be one of ``matched``
    or ``lists`` (the word lists the rules read); otherwise loading fails, naming the row.
    """

    def __init__(self, lexicon: str | Lexicon, matched: Collection[str],
                 lists: Collection[str] = ()):
        lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
        self.lexicon = lex
        t = lex.table
        check_categories(lex, {*matched, *lists}, lex.name,
                         f"one of {sorted(matched)} or a list of {sorted(lists)}")
        rows = t[t["category"].isin(list(matched))]
        plain = rows[rows["pattern"] == ""].reset_index(drop=True)
        self.matcher = LexiconMatcher(load_lexicon(plain, name=lex.name))
        self.plain = list(zip(plain["term"], plain["category"], strict=True))
        pats = rows[rows["pattern"] != ""]
        self.patterns = [
            (re.compile(pat, re.IGNORECASE), term, cat)
            for term, cat, pat in zip(pats["term"], pats["category"], pats["pattern"], strict=True)
        ]
        self.rules = RuleSet([rx for rx, _, _ in self.patterns])

    def find(self, doc: Document, kinds: set[str]) -> list[tuple[int, int, str, str, int]]:
        """``(start, end, category, term, block index)`` of all hits in blocks of ``kinds``."""
        text, blocks = doc.text, doc.blocks
        raw = [(h.start, h.end) + self.plain[h.entry][::-1] for h in
               self.matcher.find(text, 0, len(text), doc.lower)]
        # each pattern runs where the gate says it may match (textstudy.engine)
        for k in self.rules.candidates(text, [(0, len(text))])[0]:
            rx, term, cat = self.patterns[k]
            raw += [(m.start(), m.end(), cat, term) for m in rx.finditer(text)
                    if m.end() > m.start()]
        starts = [b.start for b in blocks]
        out = []
        for a, z, cat, term in raw:
            i = bisect_right(starts, a) - 1
            if i >= 0 and blocks[i].kind in kinds and z <= blocks[i].end:
                out.append((a, z, cat, term, i))
        return out


@register
class Commercial(Measure):
    """Commercial-intent markers: counts by category, density and position in the document.

    Parameters
    ----------
    lexicon : str or Lexicon
        Lexicon name or object (default the built-in ``commercial``); rows of a category in
        :data:`COMMERCIAL_LISTS` are the rules' word lists, the others (categories of
        :data:`COMMERCIAL_CATEGORIES` and :data:`WHEN_ADDRESSED`) are matched.
    kinds : tuple of str
        Block kinds scanned (default: all, boilerplate included, since promo lines are often
        classified as page furniture). Also the per-1k denominator.
    window : int
        Number of word tokens after an imperative verb searched for a trigger (default 6).
    own_domains : tuple of str
        The outlet's own domains: links to them count as ``self_promotion``, not
        ``business_link``.

    Notes
    -----
    Columns: ``commercial_n`` (matches), ``commercial_per_1k`` = 1000 · n / words in
    ``kinds`` (NaN without words), ``commercial_<category>_n`` for each category,
    ``commercial_first_position`` = min over matches of ``start / len(doc.text)`` and
    ``commercial_mean_position`` = mean of ``start / len(doc.text)`` over matches, where
    ``start`` is the character offset of the match in the original text (0 = the first
    character, values approach 1 at the end); NaN when there is no match. The rule is
    described in the module docstring. Reference: HONcode principle 8 (HON Foundation 1997);
    Silberg, Lundberg & Musacchio 1997, JAMA 277:1244 (disclosure benchmark).
    """

    name = "commercial"

    def __init__(
        self,
        lexicon: str | Lexicon = "commercial",
        kinds: tuple[str, ...] = BLOCK_KINDS,
        window: int = 6,
        own_domains: tuple[str, ...] = (),
        offerings_column: str = "offerings",
    ):
        self.lexicon = lexicon
        self.kinds = tuple(kinds)
        self.window = window
        self.own_domains = tuple(own_domains)
        self.offerings_column = offerings_column
        self._rows = _Rows(lexicon, (*COMMERCIAL_CATEGORIES, *WHEN_ADDRESSED,
                                     *PAID_STATEMENTS), COMMERCIAL_LISTS)
        self._lex = self._rows.lexicon
        self._rules = _CommercialRules(self._lex, window, self.own_domains)

    def rule_set(self) -> RuleSet:
        """The lexicon's ``pattern`` rows with the gate that decides where each runs
        (:mod:`textstudy.engine`)."""
        return self._rows.rules

    def columns(self) -> list[str]:
        return (
            ["commercial_n", "commercial_per_1k"]
            + [f"commercial_{c}_n" for c in COMMERCIAL_CATEGORIES]
            + ["commercial_first_position", "commercial_mean_position"]
        )

    def lexicon_hashes(self) -> dict[str, str]:
        return {self._lex.name: self._lex.sha256}

    def find(self, doc: Document) -> list[tuple[int, int, str, str]]:
        """All ``(start, end, category, cue)`` commercial hits in the scanned blocks."""
        text, rules, kinds = doc.text, self._rules, set(self.kinds)
        once = _SpanTests(text)  # each sentence or paragraph is tested once, not once per hit
        hits: list[tuple[int, int, str, str]] = []
        paid: set[int] = set()  # starts of links that pay the author: they count anywhere
        rows = self._rows.find(doc, kinds)
        hosts = {r[0]: rules.host_kind(text[r[0] : r[1]]) for r in rows
                 if r[2] == "business_link"}
        # sentences with a link to a business: a price or sale beside it is the seller's offer
        shops = {self._sentence_id(doc, a) for a, kind in hosts.items()
                 if kind not in ("reference", "platform")}
        for start, end, cat, cue, bi in rows:
            b = doc.blocks[bi]
            if cat in PAID_STATEMENTS:
                cat = PAID_STATEMENTS[cat]
                paid.add(start)
            elif cat in WHEN_ADDRESSED:
                if cat == FREE_EVENT and once(rules.names_organisation, b.start, b.end):
                    continue
                cat = WHEN_ADDRESSED[cat]
                if b.kind not in LISTING_KINDS:
                    s = doc.sentence_at(start)
                    a, z = (s.start, s.end) if s is not None else (b.start, b.end)
                    if not once(rules.addresses_reader, a, z) and (
                        s is None or s.id not in shops
                    ):
                        continue
            if cat == "business_link" and start not in paid:
                kind = hosts[start]
                if kind in ("reference", "platform"):
                    continue
                if kind == "own":
                    cat = "self_promotion"
                if kind == "affiliate":
                    paid.add(start)
            elif cat in ("call_to_action", "consultation_offer"):
                if rules.is_advice(rules.window_tokens(text, end, b.end)):
                    continue
            hits.append((start, end, cat, cue))
        offerings = self._offerings(doc)
        for s in doc.sentences:
            if doc.blocks[s.block_id].kind in kinds:
                found = rules.imperatives(text, s.start, s.end)
                if not found and offerings:
                    found = rules.offering_imperatives(text, s.start, s.end, offerings)
                hits.extend((a, z, "call_to_action", cue) for a, z, cue in found)
        quotes = [m.span() for m in _QUOTE.finditer(text) if _is_speech(m.group())]
        hits = [h for h in hits if self._authors_own(doc, h, quotes, once)]
        hits += [h for h in self._pitch(doc, hits) if self._authors_own(doc, h, quotes, once)]
        # a business link counts in a call to action or offer: a sentence with another marker,
        # or one that addresses the reader ("you", "today" …, an imperative, "!"), right after
        # an exclamation ("Our Order! https://…") or as an ad's display address; an affiliate
        # link or a statement that the links are affiliate links (the author is paid when the
        # reader buys) counts anywhere
        offers = {self._sentence_id(doc, h[0]) for h in hits if h[2] != "business_link"}
        return _one_pitch_per_sentence(_resolve_hits(
            [
                h
                for h in hits
                if h[2] != "business_link"
                or self._sentence_id(doc, h[0]) in offers
                or self._addresses_reader(doc, h[0], once)
                or _is_link_after_exclamation(doc, h)
                or _is_display_address(doc, h)
                or h[0] in paid
            ]
        ), lambda h: self._sentence_id(doc, h[0]))

    def _offerings(self, doc: Document) -> re.Pattern[str] | None:
        """The publisher's own products or services named in the document's metadata
        (``offerings_column``, ``;``-separated), as one pattern; None when there are none."""
        value = doc.meta.get(self.offerings_column)
        terms = [t.strip() for t in value.split(";")] if isinstance(value, str) else []
        terms = sorted((t for t in terms if t), key=len, reverse=True)
        if not terms:
            return None
        alts = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in terms)
        return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)

    def _authors_own(
        self, doc: Document, hit: tuple[int, int, str, str], quotes: list[tuple[int, int]],
        once: _SpanTests,
    ) -> bool:
        """Neither in an appeal for a cause nor inside a quotation (someone else's; the
        quotations are in text order and do not overlap)."""
        i = bisect_right(quotes, (hit[0],)) - 1
        inside = i >= 0 and quotes[i][0] < hit[0] < quotes[i][1]
        return not inside and not self._asks_for_a_cause(doc, hit, once)

    def _pitch(
        self, doc: Document, hits: list[tuple[int, int, str, str]]
    ) -> list[tuple[int, int, str, str]]:
        """The other imperative sentences of a paragraph holding a commercial call to action
        or consultation offer: the closing pitch ("Take the next step … Visit Kind Stranger
        … Find new possibilities … Start your journey today."), cue ``"<verb> +pitch"``."""
        blocks = {
            s.block_id
            for h in hits
            if h[2] in ("call_to_action", "consultation_offer")
            and (s := doc.sentence_at(h[0])) is not None
        }
        out = []
        for s in doc.sentences:
            if s.block_id in blocks:
                hit = self._rules.pitch_imperative(doc.text, s.start, s.end)
                if hit is not None:
                    out.append((hit[0], hit[1], "call_to_action", hit[2]))
        return out

    def _addresses_reader(self, doc: Document, start: int, once: _SpanTests) -> bool:
        s = doc.sentence_at(start)
        return s is not None and once(self._rules.addresses_reader, s.start, s.end)

    @staticmethod
    def _sentence_id(doc: Document, start: int) -> int:
        s = doc.sentence_at(start)
        return s.id if s is not None else -1

    def _asks_for_a_cause(self, doc: Document, hit: tuple[int, int, str, str],
                          once: _SpanTests) -> bool:
        """Whether a hit sits in an appeal for a cause: its sentence names a cause
        (``cause_word``) or an appeal (``appeal_word``), or its paragraph holds an appeal and
        the hit is not a sale (:meth:`_sells`): a money amount or a purchase verb elsewhere in
        such a paragraph is still the author's sale."""
        s = doc.sentence_at(hit[0])
        if s is None:
            return False
        rules, text = self._rules, doc.text
        if once(rules.names_cause, s.start, s.end) or once(rules.names_appeal, s.start, s.end):
            return True
        b = doc.blocks[s.block_id]
        return once(rules.names_appeal, b.start, b.end) and not self._sells(text, hit)

    def _sells(self, text: str, hit: tuple[int, int, str, str]) -> bool:
        """A price with an amount ("$49", "20% off"), or a call to action opening with a
        purchase verb ("Shop now", "Buy a ticket": ``purchase_verb``) or with an amount as its
        object ("Get started for $45")."""
        start, end, cat, cue = hit
        verb, _, trigger = cue.lower().partition(" +")
        if cat == "pricing":
            return any(c.isdigit() for c in text[start:end])
        return cat == "call_to_action" and (trigger == "price" or any(
            verb == v or verb.startswith(v + " ") for v in self._rules.bare_verbs
        ))

    def __call__(self, doc: Document) -> MeasureResult:
        matches = []
        for start, end, cat, cue in self.find(doc):
            s = doc.sentence_at(start)
            matches.append(Match(self.name, cat, cue, start, end, s.id if s is not None else -1))
        n = len(matches)
        values: dict[str, float] = {
            "commercial_n": n,
            "commercial_per_1k": per_1k(n, doc.n_words(self.kinds)),
        }
        for c in COMMERCIAL_CATEGORIES:
            values[f"commercial_{c}_n"] = sum(1 for m in matches if m.category == c)
        pos = [position(m.start, len(doc.text)) for m in matches]
        values["commercial_first_position"] = min(pos) if pos else NAN
        values["commercial_mean_position"] = math.fsum(pos) / n if n else NAN
        return MeasureResult(values, matches)


@register
class Disclaimers(Measure):
    """Medical and legal disclaimers and disclosures of commercial interest.

    Parameters
    ----------
    lexicon : str or Lexicon
        Lexicon name or object (default the built-in ``disclaimers``).
    kinds : tuple of str
        Block kinds scanned (default all: disclaimers often sit in footers classified as
        boilerplate). Also the per-1k denominator.

    Notes
    -----
    Columns: ``disclaimers_n``, ``disclaimers_per_1k`` = 1000 · n / words in ``kinds`` (NaN
    without words) and ``disclaimers_<category>_n``. Overlapping lexicon hits count once
    (longest wins). Reference: HONcode principles 1 and 8 (HON Foundation 1997); Silberg et al.
    1997 (JAMA disclosure benchmark); FTC Endorsement Guides, 16 CFR Part 255; 21 CFR 101.93(c).
    """

    name = "disclaimers"

    def __init__(
        self, lexicon: str | Lexicon = "disclaimers", kinds: tuple[str, ...] = BLOCK_KINDS
    ):
        self.lexicon = lexicon
        self.kinds = tuple(kinds)
        self._rows = _Rows(lexicon, DISCLAIMER_CATEGORIES)
        self._lex = self._rows.lexicon

    def rule_set(self) -> RuleSet:
        """The lexicon's ``pattern`` rows with the gate that decides where each runs
        (:mod:`textstudy.engine`)."""
        return self._rows.rules

    def columns(self) -> list[str]:
        return ["disclaimers_n", "disclaimers_per_1k"] + [
            f"disclaimers_{c}_n" for c in DISCLAIMER_CATEGORIES
        ]

    def lexicon_hashes(self) -> dict[str, str]:
        return {self._lex.name: self._lex.sha256}

    def __call__(self, doc: Document) -> MeasureResult:
        kinds = set(self.kinds)
        hits = _resolve_hits([h[:4] for h in self._rows.find(doc, kinds)])
        matches = []
        for start, end, cat, cue in hits:
            s = doc.sentence_at(start)
            matches.append(Match(self.name, cat, cue, start, end, s.id if s is not None else -1))
        n = len(matches)
        values: dict[str, float] = {
            "disclaimers_n": n,
            "disclaimers_per_1k": per_1k(n, doc.n_words(kinds)),
        }
        for c in DISCLAIMER_CATEGORIES:
            values[f"disclaimers_{c}_n"] = sum(1 for m in matches if m.category == c)
        return MeasureResult(values, matches)
