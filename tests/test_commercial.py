"""Tests of the commercial-intent and disclaimer measures (sentences written for these tests)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from textstudy.document import BODY_KINDS
from textstudy.lexicon import builtin_path, load_lexicon
from textstudy.measures import get
from textstudy.measures.commercial import (
    COMMERCIAL_CATEGORIES,
    DISCLAIMER_CATEGORIES,
    PAID_STATEMENTS,
    WHEN_ADDRESSED,
    Commercial,
    Disclaimers,
)
from textstudy.segment import segment

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="module")
def commercial() -> Commercial:
    return Commercial()


@pytest.fixture(scope="module")
def disclaimers() -> Disclaimers:
    return Disclaimers()


def found(measure, text: str) -> list[tuple[str, str]]:
    """(category, text as written) of every match."""
    doc = segment("t", text)
    return [(m.category, doc.text[m.start : m.end]) for m in measure(doc).matches]


def cats(measure, text: str) -> set[str]:
    return {c for c, _ in found(measure, text)}


# --- categories -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, category, span",
    [
        ("Shop now and feel the difference.", "call_to_action", "Shop now"),
        ("Contact us for a tailored plan.", "call_to_action", "Contact us"),
        ("Begin your healing journey with a guided programme.", "call_to_action",
         "Begin your healing journey"),
        ("We offer a free consultation for new clients.", "consultation_offer",
         "free consultation"),
        ("Schedule a discovery call this week.", "consultation_offer", "discovery call"),
        ("Book a session to talk it through.", "consultation_offer", "Book a session"),
        ("Our capsules contain 0.1 g of dried mushroom.", "product_or_service", "Our capsules"),
        ("The six-week self-guided course walks you through it.", "product_or_service",
         "six-week self-guided course"),
        ("Each blend is designed for people like you.", "product_or_service",
         "designed for people like you"),
        ("You can get a starter kit for $49/month with free shipping.", "pricing", "$49/month"),
        ("You can get a starter kit for $49/month with free shipping.", "pricing",
         "free shipping"),
        ("Take 15% off with code CALM15.", "pricing", "15% off"),
        ("Take 15% off with code CALM15.", "pricing", "with code CALM15"),
        ("Everything is explained in our guides and product pages.", "self_promotion",
         "our guides and product pages"),
        # a course widget: its title line and tagline (the codebook)
        ("Mindful Microdosing Course \n\nA six-week journey.", "product_or_service",
         "Mindful Microdosing Course"),
        ("Designed for POSITIVE & LASTING CHANGE \n\nDisclaimer", "self_promotion",
         "Designed for POSITIVE & LASTING CHANGE"),
        ("Where to Buy Microdose Capsules\n\nWe ship across Canada.", "product_or_service",
         "Where to Buy Microdose Capsules"),
        # product nouns in an offer addressed to the reader
        ("Acme is made for you, with convenient microdosed products.", "product_or_service",
         "with convenient microdosed products"),
        ("Visit Acme to discover wellness-focused psilocybin products.", "product_or_service",
         "discover wellness-focused psilocybin products"),
        ("Our wool scarves are back in stock, so grab yours now.", "product_or_service",
         "back in stock"),
        # pins and ads: the reader sent to a product or shop
        ("Pet ID tag * See this great product.", "call_to_action", "See this great product"),
        ("Cat pyjamas -- For more information, visit image link.", "call_to_action",
         "visit image link"),
        ("New drop! Link in my bio.", "call_to_action", "Link in my bio"),
        ("Cat watch ** Click image to review more details.", "call_to_action",
         "Click image to review"),
        ("$14.99 Coconut Palm Tree Print Swimsuit - WHITE M", "pricing", "$14.99"),
        ("Free Monogramming with code: PERSONALIZEIT", "pricing", "with code: PERSONALIZEIT"),
        ("#anthrofave Code: HOLIDAY25", "pricing", "Code: HOLIDAY25"),
        ("Take $20 off your first box.", "pricing", "Take $20 off"),
        ("Lace flower dresses by Latinaloveslace on Etsy", "product_or_service",
         "by Latinaloveslace on Etsy"),
        ("Alia duvet cover now on ShopStyle", "product_or_service", "on ShopStyle"),
        ("Click through to buy.", "call_to_action", "Click through to buy"),
        ("Free carbon neutral shipping on all orders.", "pricing", "on all orders"),
        ("Get it delivered with free 2-day shipping today.", "pricing", "free 2-day shipping"),
        ("Discover our favorites from 60 €.", "product_or_service", "Discover our favorites"),
        ("On-site catering for parties! Please give us a call.", "call_to_action",
         "give us a call"),
        ("Boston College Pool Cue Rack - Black - $199.99", "pricing", "- $199.99"),
        ("Stock up on ornaments. Get 'em before they are gone!", "call_to_action",
         "before they are gone"),
        ("See the limited time offers available to you this week.", "pricing",
         "limited time offers"),
        ("Get fresh meals delivered straight to your door.", "product_or_service",
         "delivered straight to your door"),
        ("This candle is the perfect gift for a new home.", "product_or_service",
         "the perfect gift"),
        ("Your new sofa is just a click away.", "call_to_action", "just a click away"),
        ("At Bright Path Wellness, we believe in gentle change.", "self_promotion",
         "At Bright Path Wellness, we believe"),
        ("Order your kit on brightpath.club or www.example-shop.com/kits today.",
         "business_link", "brightpath.club"),
        ("Order your kit on brightpath.club or www.example-shop.com/kits today.",
         "business_link", "www.example-shop.com/kits"),
        # product pitches without a reader address (the codebook: a product pitch, pricing)
        ("Only $29.99!", "pricing", "Only $29.99"),
        ("Get the kit for $99 (a $131 value).", "pricing", "(a $131 value)"),
        ("Now available in three strengths.", "product_or_service", "Now available"),
        ("Alice In Chains Facelift Remastered Vinyl Out Now.", "product_or_service", "Out Now"),
        ("Available in various colors and sizes.", "product_or_service",
         "Available in various colors"),
        ("Flash Sale on all sweaters", "pricing", "Flash Sale"),
        ("Handcrafted mushroom capsules, lab-tested for purity.", "product_or_service",
         "Handcrafted mushroom capsules, lab-tested"),
        ("Dolly Chambray Dress", "product_or_service", "Dolly Chambray Dress"),
        ("Lion's Mane Mushroom Capsules (60 count)", "product_or_service",
         "Lion's Mane Mushroom Capsules (60 count)"),
        ("Receive a complimentary sample with your order.", "pricing",
         "complimentary sample"),
        ("Get three essentials with our PITERA™ First Experience Kit.", "product_or_service",
         "our PITERA™ First Experience Kit"),
        ("We ship discreetly across Canada.", "self_promotion", "We ship"),
        ("Buy and download the icon set.", "call_to_action", "Buy"),
        ("Sticker: https://www.amazon.com/gp/product/B00M/?linkCode=as2&tag=thg-20",
         "business_link", "https://www.amazon.com/gp/product/B00M/?linkCode=as2&tag=thg-20"),
        # a statement that the links pay the author (the codebook: a link to the author's
        # business), wherever it is
        ("CHFSO Womens Lace Up Snow Boots Brown ** This is an Amazon Affiliate link.",
         "business_link", "is an Amazon Affiliate link"),
        ("As an Amazon Associate I earn from qualifying purchases.", "business_link",
         "As an Amazon Associate"),
        # a post that says it is an advertisement is a product pitch
        ("If I, an eternal shaver, can do it, then so can you. #ad", "product_or_service",
         "#ad"),
        # a quoted button label is not someone's speech
        ('Add volume to your lashes. Click "Shop Now" to see the range.', "call_to_action",
         "Shop Now"),
        ('Click "Learn More" to get your personalized quote today.', "call_to_action", "Click"),
        # an amount as the object of an imperative is an offer price
        ("Optimize your hormones from home. Get started for $45.", "call_to_action",
         "Get started"),
        # a business's free event offered to the reader (lead generation)
        ("Our team is offering a FREE webinar to show you how this training works.",
         "product_or_service", "FREE webinar"),
        ("Don't miss the largest virtual conference for engineering leaders, free to RSVP!",
         "product_or_service", "free to RSVP"),
        ("Live music makes a comeback in September. RSVP today to learn more.",
         "call_to_action", "RSVP"),
        # a request to call a number anywhere in a line that runs into the next
        ("Wowwow Lemonade, 1279 S. Kihei Rd, Kihei Call 808-344-0319 for take out orders",
         "call_to_action", "Call 808-344-0319"),
        # a product or programme pitched as what it does for the reader
        ("This two-year Master's program provides you with advanced training.",
         "product_or_service", "program provides you"),
        ("Slimmer stomach and better posture: our Extreme Waist Trainer gives you curves.",
         "product_or_service", "our Extreme Waist Trainer gives you"),
        # a link right after an exclamation is its object
        ("Happy and smiling baby shark, safest silicone materials. Our Order! "
         "https://bit.ly/3ajtu5F", "business_link", "https://bit.ly/3ajtu5F"),
        # a sale beside the seller's web address is an offer
        ("Summer sale on all organic t-shirts at www.highhope.co.uk", "pricing",
         "Summer sale"),
        # an ad's display address between its headline and its description
        ("Culture Warlords hachettebooks.com A harrowing journey into the alt-right.",
         "business_link", "hachettebooks.com"),
        ("Ready, Set, Summer! harkelclothing.co.uk", "business_link", "harkelclothing.co.uk"),
        ("Play Free Now!", "call_to_action", "Play"),
        ("Pay us a visit and find out what Bryan Anthonys is all about.", "call_to_action",
         "Pay us a visit"),
    ],
)
def test_commercial_categories(commercial, text, category, span):
    assert (category, span) in found(commercial, text)


@pytest.mark.parametrize(
    "text",
    [
        # internal links to the site's own free guides (the codebook)
        "Our comprehensive guide on psilocybin legality provides deeper insights.",
        "Our detailed microdosing schedule guide explains the intervals.",
        "We have posted the facts about our tax practices on our website.",
        # stock, products and taglines reported as news, not offered to the reader
        "Baby formula is back in stock at some stores.",
        "The company replaced its plastic packaging with recyclable products.",
        "Designed for children, the app was tested in ten schools.",
        "The drugs were delivered to the clinic by courier.",
        "The average price of a pack rose to $12.99 last year.",
        "The diagnostic code: F32 covers depression.",
        "Counterfeit pills were sold on Amazon and eBay.",
        "The pharmacy filled orders for all patients on the ward.",
        "She said the diagnosis was a gift of time.",
        "The hospital opened a new heart failure course for nurses.",
        # a prize draw is a promotion, not a sale
        "Enter now to win a year of coffee.",
        # news look-alikes of pitches: availability, sales, prices, quoted sellers
        "The vaccine is now available at pharmacies across the country.",
        "The Black Friday sale ends on Monday, retailers said.",
        "Many people still listen to music for free.",
        "The drug will be available in two strengths, the company said.",
        "Apple's new iPhone starts at $999.",
        '"We ship to 40 countries," said the company\'s chief executive.',
        "The institute offers training for young scientists.",
        "The Sale of Goods Act protects buyers.",
        "The drug costs $21 to $42 a month, according to GoodRx.",
        # health advice to the reader in the imperative
        "Get your flu shot at a local pharmacy.",
        "Give your body time to recover.",
        "Complete your course of antibiotics.",
        "Click on the image to enlarge it.",
        # news about affiliate marketing and sponsorship, and a sponsored research story
        "Influencers must disclose affiliate marketing deals, the regulator said.",
        "Her students examine the remains of migrants who died near the border. #sponsored",
        "The ad campaign ran in May.",
        # a long quotation is someone's speech, even with a call to action in it
        '"Shop now while stocks last," the chief executive told investors.',
        'Click "Accept" to agree to the cookies.',
        # a prize is not a price
        "Get a chance to win a $50 gift card. Just take our quick survey!",
        # recruitment of staff or study participants sells nothing
        'We\'re hiring and we need you! We offer a supportive location. Click "Learn More".',
        "We are seeking adults to participate in a market research discussion that pays $300."
        ' Click on "learn more" to get started.',
        "Clinical trial for people tested for COVID-19. Get the details here.",
        # a free event of a charity, public body or research institute is not lead generation
        "Join the Alzheimer's Society for a free webinar on caregiving. Register today.",
        "The festival is a free event for families, organisers said.",
        "RSVP for the church supper today.",
        # reported and emergency calls
        "Police asked anyone with information to call 555-123-4567.",
        "Call 911 if you have chest pain.",
        # what a product does for users, reported
        "The app helps patients track their symptoms, the researchers said.",
        # a link after a full stop or a reference host after an exclamation
        "The report is out. https://bit.ly/3ajtu5F",
        "What a year for vaccines! https://www.nhs.uk/vaccinations",
        # a sale without the seller's address, a reference host beside a sale
        "Summer sale prices rose, retailers said.",
        # a domain in running text, a news outlet's address, a full link after a headline
        "Readers of the site example.com Weekly were surveyed.",
        "Health News bbc.co.uk Doctors warn of a winter surge.",
        "Health News https://bit.ly/3ajtu5F Doctors warn of a winter surge.",
        # a job advertisement
        "Support Worker carejobs.com Acme Care are looking for a Support Worker. Salary: £17,893",
        "Play is important for children.",
        "The minister will pay a visit to the clinic.",
        # a labelled address; help and crisis lines the reader is referred to
        "Source: healthline.com",
        "Connect with your doctor about side effects.",
        "The affiliate link program was criticised by regulators.",
        "Patients connect with each other online.",
        "Become a volunteer today.",
        "Need to talk? Call 1-800-662-4357, SAMHSA's free helpline.",
        "If you are in crisis, call 988 or the Suicide Prevention Lifeline at 1-800-273-8255.",
    ],
)
def test_not_commercial(commercial, text):
    assert found(commercial, text) == []


@pytest.mark.parametrize(
    "text, category, span",
    [
        ("This page is for informational purposes only.", "medical_disclaimer",
         "for informational purposes only"),
        ("The content should not be considered medical advice.", "medical_disclaimer",
         "not be considered medical advice"),
        ("This site does not provide legal or medical advice.", "medical_disclaimer",
         "not provide legal or medical advice"),
        ("The recommendations are not made by a medical professional.", "medical_disclaimer",
         "not made by a medical professional"),
        ("Note: the data may differ from the final publication.", "medical_disclaimer",
         "may differ from the final publication"),
        ("Microdose Guru does not endorse or accept liability for readers' choices.",
         "legal_disclaimer", "not endorse or accept liability"),
        ("The reader is responsible for checking their local rules.", "legal_disclaimer",
         "The reader is responsible for"),
        ("Readers are encouraged to consult their physician before taking supplements.",
         "consult_professional", "consult their physician"),
        ("People should consult healthcare providers before trying it.",
         "consult_professional", "consult healthcare providers"),
        ("Go over the risks with your health care provider.", "consult_professional",
         "Go over the risks with your health care provider"),
        ("It must be approached with caution and professional guidance.",
         "consult_professional", "with caution and professional guidance"),
        ("1. Talk to your doctor: even if you use psychedelics on your own, tell them.",
         "consult_professional", "Talk to your doctor"),
        ("Consult a healthcare professional\tEssential", "consult_professional",
         "Consult a healthcare professional"),
        ("The study was funded by the National Institute on Drug Abuse.",
         "funding_disclosure", "study was funded by"),
        ("The work was supported by NIH grants.", "funding_disclosure",
         "supported by NIH grants"),
        ("Johnson received funding from the Heffter Research Institute.",
         "funding_disclosure", "received funding from"),
        ("The authors report no conflicts of interest.", "conflict_of_interest",
         "report no conflicts"),
        ("Dr Lee declares no competing interests.", "conflict_of_interest",
         "declares no competing interests"),
        ("Dr Lee consults for Compass Pathways, which makes the drug.", "conflict_of_interest",
         "consults for"),
        ("Dr Lee holds a patent on the compound.", "conflict_of_interest",
         "holds a patent on"),
        ("Two authors have received fees from the manufacturer.", "conflict_of_interest",
         "have received fees from"),
        ("Cute boots (affiliate links below).", "affiliate_disclosure", "affiliate links"),
        ("We may earn a commission when you buy through our links.", "affiliate_disclosure",
         "We may earn a commission"),
        ("Thanks to Acme, who sponsored this episode.", "affiliate_disclosure",
         "sponsored this episode"),
        ("The free webinar is sponsored by Acme.", "affiliate_disclosure", "sponsored by"),
        ("Loving this serum #ad", "affiliate_disclosure", "#ad"),
        ("Links in this post may be affiliate links.", "affiliate_disclosure",
         "Links in this post may be affiliate links"),
        ("The trial was sponsored by Pfizer.", "funding_disclosure",
         "trial was sponsored by"),
        ("A paid partnership with Acme.", "affiliate_disclosure", "paid partnership"),
        ("Thanks to Acme for sponsoring this video!", "affiliate_disclosure",
         "for sponsoring this"),
        ("This video is in partnership with Acme.", "affiliate_disclosure",
         "This video is in partnership with"),
        ("Researchers stress maintaining open communication with medical professionals.",
         "consult_professional", "maintaining open communication with medical professionals"),
        # a press release's safe-harbor statement
        ("This press release contains forward-looking statements about the trial.",
         "legal_disclaimer", "contains forward-looking statements"),
        ("Actual results could differ materially from those projected.", "legal_disclaimer",
         "Actual results could differ materially"),
        ("This release does not constitute an offer to sell securities.", "legal_disclaimer",
         "does not constitute an offer"),
    ],
)
def test_disclaimer_categories(disclaimers, text, category, span):
    assert (category, span) in found(disclaimers, text)


@pytest.mark.parametrize(
    "text",
    [
        # risk information, contraindications, legal-status facts, evidence caveats
        "Psilocybin is illegal in most countries.",
        "People with a history of psychosis should avoid psilocybin.",
        "Buying online carries legal and health risks.",
        "The findings are preliminary until peer-reviewed.",
        # seeing a doctor as the news topic, a clinician's encouragement, a refusal
        "She consulted her doctor, who referred her to a pain clinic.",
        "I would never consult a doctor about this.",
        "Patients did not follow medical advice.",
        # a 'funded by' clause that only identifies a background report
        "A 2019 report funded by the Pew Charitable Trusts found rising costs.",
        # conflicts of interest as a news topic, legislation sponsors
        "Critics accused the minister of a conflict of interest.",
        "The bill sponsored by Senator Smith passed.",
        "The claims are supported by evidence.",
        # forecasts spoken of, not the issuer's safe-harbor statement
        "Analysts said the forward-looking statements in the report were too rosy.",
    ],
)
def test_not_disclaimers(disclaimers, text):
    assert found(disclaimers, text) == []


def test_one_disclaimer_sentence_counts_once(disclaimers):
    text = ("The recommendations on this website are not made by a medical professional and "
            "should not be considered medical advice.")
    assert found(disclaimers, text) == [("medical_disclaimer", text[text.index("not made"):-1])]


def test_disclosure_categories_replace_the_single_disclosure():
    assert "disclosure" not in DISCLAIMER_CATEGORIES
    assert {"funding_disclosure", "conflict_of_interest", "affiliate_disclosure",
            "consult_professional"} <= set(DISCLAIMER_CATEGORIES)


# --- every lexicon row matches its example through the public measure -------------------------


def _row_failure(measure, row) -> str | None:
    """Why ``row``'s example does not show the row at work, or None.

    Matched rows must produce a match of their category with the row's term as cue; words of
    the rules' lists must produce (or, for exclusions, prevent) the rule's match described in
    the lexicon's note."""
    ms = measure(segment("ex", row.example, {"offerings": OFFERING})).matches
    c, term = row.category, row.term
    cues = {(m.category, m.cue) for m in ms}
    if c in COMMERCIAL_CATEGORIES or c in DISCLAIMER_CATEGORIES:
        ok = (c, term) in cues
    elif c in WHEN_ADDRESSED:
        ok = (WHEN_ADDRESSED[c], term) in cues
    elif c in PAID_STATEMENTS:
        ok = (PAID_STATEMENTS[c], term) in cues
    elif c in _VERB_TRIGGER:
        trig = _VERB_TRIGGER[c]
        ok = any(
            m.category == "call_to_action" and m.cue.startswith(term + " +")
            and (trig is None or m.cue == f"{term} +{trig}")
            for m in ms
        )
    elif c == "product_noun":
        ok = ("call_to_action", "download +object") in cues
    elif c in ("lead_word", "intro_word"):
        ok = any(m.cue.startswith("buy +") for m in ms)
    elif c == "platform_host":
        ok = all(m.category != "business_link" for m in ms)
    elif c in ("affiliate_host", "affiliate_parameter"):
        ok = ("business_link", "url") in cues
    elif c == "reader_address_word":
        ok = any(m.category == "pricing" for m in ms)
    elif c == "appeal_word":  # the paragraph's last sentence alone is a call to action
        doc = segment("ex", row.example)
        last = doc.text[doc.sentences[-1].start : doc.sentences[-1].end]
        ok = not ms and bool(measure(segment("ex", last)).matches)
    else:  # exclusions: advice, organisation, authority, reference hosts and TLDs, causes
        ok = not ms
    return None if ok else f"{c} {term!r}: example {row.example!r} gives {sorted(cues)}"


_VERB_TRIGGER = {
    "imperative_verb": None,
    "verb_before_brand": "brand",
    "verb_before_now": "now",
    "verb_before_first_person": "first_person",
    "verb_before_your": "your",
    "purchase_verb": "bare",
    "recommending_verb": "own offering",
}
#: The publisher's own offering every example is read with (metadata column ``offerings``).
OFFERING = "the quiet method"


def test_recommending_the_publishers_own_offering_is_a_call_to_action():
    measure = get("commercial")()
    text = "What next?\n\n1. Talk to your doctor first.\n2. Consider ketamine therapy: ask us.\n"
    own = measure(segment("k", text, {"offerings": "ketamine therapy; infusions"})).matches
    assert [(m.category, m.cue) for m in own] == [("call_to_action", "consider +own offering")]
    # the same advice on a page that does not sell it, or about something else, is not selling
    assert not measure(segment("k", text)).matches
    other = "2. Consider yoga classes: they may help.\n"
    assert not measure(segment("k", other, {"offerings": "ketamine therapy"})).matches


@pytest.mark.parametrize("lexicon", ["commercial", "disclaimers"])
def test_every_lexicon_row_has_a_source_and_matches_its_example(lexicon):
    measure = get(lexicon)()
    path = builtin_path(lexicon)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    failures = []
    for i, row in enumerate(table.itertuples()):
        if not row.source.strip() or not row.example.strip():
            why: str | None = "no source or example"
        else:
            why = _row_failure(measure, row)
        if why is not None:
            failures.append(f"{path.name}, row {i + 2}: {why}")
    assert not failures, "\n".join(failures)


def test_an_unknown_category_is_a_loading_error_naming_the_row():
    table = pd.read_csv(builtin_path("commercial"), dtype=str, keep_default_na=False)
    table.loc[1, "category"] = "imperative_verbs"  # a typo of a list's name
    with pytest.raises(ValueError, match=r"row 3, column 'category'.*'imperative_verbs'"):
        Commercial(load_lexicon(table, name="commercial"))
    table = pd.read_csv(builtin_path("disclaimers"), dtype=str, keep_default_na=False)
    table.loc[0, "category"] = "imperative_verb"  # a list of the other family
    with pytest.raises(ValueError, match=r"row 2, column 'category'"):
        Disclaimers(load_lexicon(table, name="disclaimers"))


@pytest.mark.parametrize(
    "text, cue",
    [
        ("Rents are $1,200 a month in the city.", "price per period"),
        ("Tickets cost only $49 last year.", "offer price"),
        ("The average bill was $49.99.", "currency amount with cents and sale context"),
        ("Households could save 20% on heating.", "save N%"),
        ("The Black Friday sale ends on Monday.", "sale"),
        ("Stores ran a limited offer on milk.", "risk-free offer"),
        ("Shoppers got $20 off.", "N off"),
        ("The hospital gave free samples to patients.", "free offer"),
        ("The artist released a limited edition print.", "limited edition"),
        ("Baby formula is back in stock again.", "back in stock"),
        ("The company launched a line with plant-based products.", "offer frame + products"),
        ("Naloxone is available at pharmacies without a prescription.", "available in stores"),
        ("Retailers said the sale ends on Monday.", "sale ends"),
        ("Many people still listen to music for free.", "for free"),
        ("The vaccine is now available to all adults.", "available now"),
    ],
)
def test_offers_that_news_also_prints_count_only_when_the_reader_is_addressed(
    commercial, text, cue
):
    assert cue not in {m.cue for m in commercial(segment("t", text)).matches}
    # the same words addressed to the reader are an offer
    addressed = commercial(segment("t", text.removesuffix(".") + " for you!")).matches
    assert cue in {m.cue for m in addressed}


# --- the imperative rule ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, cue_trigger",
    [
        ("Visit Acme Wellness to learn how microdosing works.", "brand"),
        ("Try Solace's calm blend for two weeks.", "brand"),
        ("Today, order your MindBloom starter kit.", "bare"),
        ("Now download a starter kit.", "object"),
        ("Explore the range of teas.", "object"),
        ("To learn more, visit brightpath.club.", "link"),
        ("Visit here: https://brightpath.club/kits", "link"),
        ("Feel free to email me with any questions.", "first_person"),
        ("Enrol online.", "now"),
        ("Claim your discount.", "your"),
        ("Upgrade your kitchen.", "your"),
        ("• Download the app and track your mood.", "object"),
        ("Call 4177810250 for details!", "phone"),
        ("Text 555-0199 to book.", "phone"),
        ("Find the right starter kit for you.", "object"),
    ],
)
def test_imperative_rule_positive(commercial, text, cue_trigger):
    doc = segment("t", text)
    ms = [m for m in commercial(doc).matches if m.category == "call_to_action"]
    assert len(ms) == 1
    assert ms[0].cue.endswith("+" + cue_trigger)
    # the span is the verb itself, at the start of the imperative clause
    assert doc.text[ms[0].start : ms[0].end].lower().split()[0] in ms[0].cue


@pytest.mark.parametrize(
    "text",
    [
        "Visit your doctor regularly.",
        "Start with a low dose.",
        "Try the Mediterranean diet for a month.",
        "Join a support group in your area.",
        "Order of magnitude estimates were made.",
        "Use of the drug rose sharply in 2019.",
        "Visit the NHS website for advice on dosing.",
        "Call 911 if you have chest pain.",
        "Schedule a consultation with your doctor before you begin.",
        "Book an appointment with your GP.",
        "People who visit our clinic often ask about it.",  # not sentence-initial
        "Patients were asked to visit Boston Children's Hospital.",
        # a research charity or public body is a citation, a checklist row is advice
        "For more on micro-dosing research, visit the Beckley Foundation.",
        "Use only approved access channels (e.g., clinical trials)\tRequired",
        # social and membership appeals are not selling
        "Follow us on Instagram.",
        "Join us in the fight against hunger.",
        # crisis lines are advice, not a business's phone number
        "Call the National Suicide Prevention Lifeline at 1-800-273-8255.",
        "Find a support group near you.",
        # a question is not a request
        "Call yourself a true fan?",
    ],
)
def test_imperative_rule_negative(commercial, text):
    assert "call_to_action" not in cats(commercial, text)
    assert "consultation_offer" not in cats(commercial, text)


@pytest.mark.parametrize(
    "text",
    [
        "Support us, make a donation!",
        "Help our teams on the ground by making a donation.",
        "Give today to support our cause: www.example-charity.com/give",
        "Join us and help us protect refugees. Donate now at www.refugeehelp.com.",
        "Sign the petition today.",
    ],
)
def test_donation_appeals_are_not_commercial(commercial, text):
    assert found(commercial, text) == []


def test_a_paragraph_appealing_for_a_cause_has_no_commercial_marker(commercial):
    appeal = ("Our shelter feeds 200 dogs. Every donation counts. "
              "Visit www.example-shelter.com today.")
    assert found(commercial, appeal) == []
    # the appeal belongs to its paragraph: a sale in the next paragraph still counts
    sale = "Shop our new capsules now."
    assert [t for _, t in found(commercial, appeal + "\n\n" + sale)] == [
        t for _, t in found(commercial, sale)] != []


def test_a_sale_that_funds_a_donation_is_still_commercial(commercial):
    # the seller donating per purchase ('we donate', cause_word) excludes its sentence only
    sale = "Shop our new capsules today."
    assert found(commercial, sale + " We donate a meal for every box sold.") == found(
        commercial, sale) != []
    # in a paragraph appealing for donations, a purchase verb or a money amount still sells
    for sale in ("Buy the tote bag today.", "Get the tote bag for only $25 today."):
        appeal = sale + " Every donation feeds a family."
        assert found(commercial, appeal) == found(commercial, sale) != []
    # ... but a visit to the site is part of the appeal
    assert found(commercial, "Every donation feeds a family. Visit www.example.com now.") == []


def test_imperatives_in_a_commercial_pitch_paragraph_are_calls_to_action(commercial):
    pitch = ("Take the next step toward comfort. Visit Acme Wellness to see our capsules. "
             "Find new possibilities for managing pain naturally.")
    doc = segment("t", pitch)
    ms = [m for m in commercial(doc).matches if m.cue == "find +pitch"]
    assert [doc.text[m.start : m.end] for m in ms] == ["Find"]
    # the same sentence in a paragraph without a commercial call to action is advice
    advice = "Talk to your doctor about options. Find new possibilities for managing pain."
    assert "call_to_action" not in cats(commercial, advice)
    # and an advice imperative in a pitch paragraph stays advice
    assert not [m for m in commercial(segment("t", "Visit Acme Wellness today. Call your "
                                               "doctor first.")).matches
                if m.cue.endswith("+pitch")]


def test_quoted_company_executive_is_not_commercial(commercial):
    text = '“Our new capsules will sell well,” said the chief executive of Acme.'
    assert found(commercial, text) == []
    assert "product_or_service" in cats(commercial, "Our new capsules are here.")


def test_business_link_counts_in_an_offer_only(commercial):
    # a bare mention of a business's site is not an offer; the same link in a call to action is
    text = "Music helps people through lockdown, t3.com reports."
    assert "business_link" not in cats(commercial, text)
    assert "business_link" in cats(commercial, "Order today at brightpath.club.")


def test_first_person_overrides_advice(commercial):
    # a health professional *of the outlet* is commercial
    assert "call_to_action" in cats(commercial, "Contact our therapist for an intake.")
    assert "call_to_action" not in cats(commercial, "Contact a therapist for support.")


@pytest.mark.parametrize(
    "text",
    [
        "Consult your physician if symptoms persist.",
        "Talk to your doctor about side effects.",
        "Speak with a healthcare provider about your options.",
        "Call your GP if the rash spreads.",
    ],
)
def test_doctor_advice_is_not_commercial(commercial, text):
    doc = segment("t", text)
    assert commercial(doc).matches == []


def test_reference_links_are_not_business(commercial):
    text = "See https://doi.org/10.1000/xyz123 and nih.gov, and who.int for details."
    assert found(commercial, text) == []


def test_affiliate_links_count_without_an_offer(commercial):
    assert found(commercial, "Red heels http://amzn.to/2jSwhY9") == [
        ("business_link", "http://amzn.to/2jSwhY9")
    ]
    assert found(commercial, "Red heels http://www.example-shoes.com/red") == []


def test_own_domains_are_self_promotion():
    m = Commercial(own_domains=("brightpath.club",))
    assert cats(m, "Read more on brightpath.club today.") == {"self_promotion"}
    assert cats(Commercial(), "Read more on brightpath.club today.") == {"business_link"}


def test_reported_prices_need_reader_address(commercial):
    assert "pricing" not in cats(commercial, "Rents rose to £800 a month in the city.")
    assert "pricing" in cats(commercial, "Your plan is only £8 a month.")
    assert "pricing" not in cats(commercial, "The firm paid only £8.6m in tax.")


def test_prices_in_product_listings_count_without_address(commercial):
    listing = "Our blends\n• Calm Blend capsules – $49.99\n• Focus Blend capsules – $44.99\n"
    doc_cats = [m.category for m in commercial(segment("d", listing)).matches]
    assert doc_cats.count("pricing") == 2
    assert "pricing" not in cats(commercial, "The jacket sold for $49.99 at the auction.")


# --- columns, positions, match/column equality ------------------------------------------------


TEXT = """Microdosing: what the research says

Small doses of psilocybin are being studied for mood.
Visit Acme Wellness to start your journey today.
Our capsules are lab-tested and designed for people like you.
This article is for informational purposes only. We may earn a commission.
Subscribe to our newsletter
"""


def test_columns_and_counts(commercial, disclaimers):
    doc = segment("d1", TEXT)
    for measure in (commercial, disclaimers):
        r = measure(doc)
        assert list(r.values) == measure.columns()
        fam = measure.name
        assert r.values[f"{fam}_n"] == len(r.matches)
        assert all(m.measure == fam for m in r.matches)
        cats_ = COMMERCIAL_CATEGORIES if fam == "commercial" else DISCLAIMER_CATEGORIES
        for c in cats_:
            assert r.values[f"{fam}_{c}_n"] == sum(m.category == c for m in r.matches)
        assert sum(r.values[f"{fam}_{c}_n"] for c in cats_) == r.values[f"{fam}_n"]
        words = doc.n_words(set(measure.kinds))
        assert r.values[f"{fam}_per_1k"] == pytest.approx(1000 * len(r.matches) / words)
        for m in r.matches:
            s = doc.sentences[m.sentence_id]
            assert s.start <= m.start < m.end <= s.end


def test_positions(commercial):
    doc = segment("d1", TEXT)
    r = commercial(doc)
    starts = [m.start for m in r.matches]
    assert r.values["commercial_first_position"] == pytest.approx(min(starts) / len(TEXT))
    mean = sum(s / len(TEXT) for s in starts) / len(starts)
    assert r.values["commercial_mean_position"] == pytest.approx(mean)
    assert 0 <= r.values["commercial_first_position"] <= r.values["commercial_mean_position"] < 1
    # a marker in the first line sits at 0; one at the very end approaches 1
    first = commercial(segment("x", "Shop now. " + "Plain words here. " * 20))
    assert first.values["commercial_first_position"] == 0.0
    last = commercial(segment("x", "Plain words here. " * 20 + "Shop now."))
    assert last.values["commercial_first_position"] > 0.9


def test_no_markers_gives_nan_positions_and_zero_counts(commercial):
    r = commercial(segment("x", "Sleep helps memory. Exercise helps mood."))
    assert r.values["commercial_n"] == 0 and r.values["commercial_per_1k"] == 0
    assert math.isnan(r.values["commercial_first_position"])
    assert math.isnan(r.values["commercial_mean_position"])
    empty = commercial(segment("x", ""))
    assert math.isnan(empty.values["commercial_per_1k"])


def test_boilerplate_scanned_by_default_only(commercial):
    doc = segment("x", "Sleep helps memory.\n\nSubscribe to our newsletter\n")
    assert {doc.blocks[1].kind} == {"boilerplate"}  # page furniture per structure.py
    assert commercial(doc).values["commercial_n"] == 1
    body_only = Commercial(kinds=tuple(BODY_KINDS))
    assert body_only(doc).values["commercial_n"] == 0


def test_registered_and_hashed():
    assert get("commercial") is Commercial and get("disclaimers") is Disclaimers
    for m in (Commercial(), Disclaimers()):
        (h,) = m.lexicon_hashes().values()
        assert len(h) == 64


def test_false_positive_rate_on_noncommercial_text(tmp_path):
    if not (DATA / "hedging" / "bioscope_abstracts.jsonl").exists():
        pytest.skip("../shared/data not available")
    from textstudy.validation.commercial import validate_commercial

    res = validate_commercial(DATA, out=tmp_path / "v.json")
    assert (tmp_path / "v.json").exists()
    for s in ("bioscope_abstracts", "onestop_news"):
        r = res[s]["commercial"]
        assert r["words"] > 100_000
        assert r["per_10k_words"] == pytest.approx(10_000 * r["markers"] / r["words"])
        assert r["per_10k_words"] < 1.0
    ads = res["ads"]
    for half in ("development_half", "held_out_half"):
        assert 0 <= ads[half]["informational_flagged"] <= 1
        assert ads[half]["commercial_ads"] > 1000
    assert res["pinterest_affiliate"]["f1"] >= 0.7


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_ads_and_pinterest_scores_on_labelled_texts(tmp_path, commercial, disclaimers):
    from textstudy.validation.commercial import ads_result, ads_split, pinterest_result

    ads = [
        {"text": "Shop now: 20% off all boots.", "label": "commercial"},
        {"text": "Fresh coffee, roasted daily.", "label": "commercial"},
        {"text": "Support us, make a donation!", "label": "informational"},
        {"text": "Order your MindBloom kit today.", "label": "commercial"},
    ] * 3
    _write_jsonl(tmp_path / "commercial" / "fb_ads_dev.jsonl", ads)
    dev, held = ads_split(ads)
    assert len(dev) + len(held) == len(ads) and abs(len(dev) - len(held)) <= 1
    assert ads_split(ads) == (dev, held)  # fixed seed
    res = ads_result(tmp_path, commercial)
    for half, rows in (("development_half", dev), ("held_out_half", held)):
        n_com = sum(r["label"] == "commercial" for r in rows)
        found_ = sum(
            r["label"] == "commercial" and bool(commercial(segment("a", r["text"])).matches)
            for r in rows
        )
        assert res[half]["commercial_ads"] == n_com
        assert res[half]["commercial_found"] == pytest.approx(found_ / n_com)
        assert res[half]["informational_flagged"] in (0.0,) or math.isnan(
            res[half]["informational_flagged"]
        )
    pins = [
        {"text": "Cute boots (affiliate link)", "disclosure": 1},
        {"text": "We may earn a commission on these.", "disclosure": 1},
        {"text": "Fall decor ideas", "disclosure": 1},
        {"text": "Fall decor ideas for the porch", "disclosure": 0},
    ]
    _write_jsonl(tmp_path / "commercial" / "pinterest_affiliate_disclosures.jsonl", pins)
    p = pinterest_result(tmp_path, disclaimers)
    assert (p["tp"], p["fp"], p["fn"]) == (2, 0, 1)
    assert p["f1"] == pytest.approx(2 * 1.0 * (2 / 3) / (1.0 + 2 / 3))


def test_rates_without_matches(commercial, disclaimers):
    for measure in (commercial, disclaimers):
        fam = measure.name
        assert math.isnan(measure(segment("x", "… — !!")).values[f"{fam}_per_1k"])
        assert measure(segment("x", "Sleep helps memory.")).values[f"{fam}_per_1k"] == 0.0




def test_one_pitch_sentence_is_one_marker_spanning_its_phrases():
    measure = get("commercial")()
    text = ("Brand X is designed for people like you, with convenient microdosed products "
            "and more.")
    pitches = [m for m in measure(segment("p", text)).matches
               if m.category == "product_or_service"]
    assert len(pitches) == 1
    assert text[pitches[0].start:pitches[0].end].startswith("designed for people like you")
    assert text[pitches[0].start:pitches[0].end].endswith("products")


# --- ads, pins and vendor pages: pitches without "you", paid links, free events ---------------


@pytest.mark.parametrize("text, cue", [
    ("To learn more, connect with MedCerts today.", "connect +brand"),
    ("Become a patron and get exclusive content.", "become +object"),
    ("Fall decor, pumpkin, lantern, rustic farmhouse decor #afflink", "affiliate link statement"),
    ("Shower Scrub 225ml >>> Read more reviews by visiting the affiliate link Amazon.com on the "
     "image.", "affiliate link statement"),
    ("Mother Looker Ankle Fray Jeans - anthropologie.com", "domain"),
])
def test_connect_become_and_affiliate_hashtags(commercial, text, cue):
    assert cue in {m.cue for m in commercial(segment("t", text)).matches}


def test_an_affiliate_pin_is_commercial_and_a_disclosure(commercial, disclaimers):
    pin = "Nature Breeze Gladiator Sandals CAMEL 10 *** This is an Amazon Affiliate link."
    assert "business_link" in cats(commercial, pin)
    assert "affiliate_disclosure" in cats(disclaimers, pin)


def test_an_amount_in_a_call_to_action_still_sells_in_an_appeal_paragraph(commercial):
    sale = "Get the tote bag for only $25."
    appeal = sale + " Every donation feeds a family."
    assert ("call_to_action", "Get") in found(commercial, appeal)
