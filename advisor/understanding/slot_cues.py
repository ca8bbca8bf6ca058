"""The cues in a clause's own words that outrank the slot head: an amount of money ("we make ₦800k"),
a field named before its value ("our budget is $800"), a selling verb ("I sell digital downloads"), how
it is made said at the position question, where the customers are ("Customers are all in South
Africa"), a wish for more of something ("want more repeat custmers") and a head count ("sorry we are 3")."""

from __future__ import annotations

import re

from advisor.understanding.amounts import stated_money_slot
from advisor.understanding.intents import NAMED_CONFIDENCE, WHERE_CUSTOMERS, named_slot
from advisor.understanding.models import Context
from advisor.understanding.position import POSITION_LEAD, USP_SAID
from advisor.understanding.readers import Readers
from advisor.understanding.team import states_team_size
from advisor.understanding.text import strip_lead

SELLS_CONFIDENCE = 0.6
# a wish for more or less of something opens a goal: "want more repeat custmers", "we'd love fewer returns"
_WANTS_MORE = re.compile(
    r"^\W*(?:(?:and|also|oh|so|main(?:ly)?|really)\W+)?(?:(?:i|we)(?:'d| would)?\s+)?(?:want|wanna|would like|'d like|"
    r"love|hope|hoping|need|aim)\s+(?:to\s+)?(?:get\s+|see\s+|have\s+)?(?:more|less|fewer|bigger|higher|lower|"
    r"double|grow|increase|reduce|cut|boost)\b",
    re.IGNORECASE,
)
# asked what the shop sells: "We do gluten-free baking mixes" (but not "we do about R400k", "we do it all")
_DO_SELL = re.compile(
    r"^\s*(?:we|i)\s+(?:(?:mainly|mostly|just|only)\s+)?do\s+(?!(?:about|around|roughly|approx\w*|well|ok|okay|not|it|"
    r"that|this|everything|all|most|some|lots|a lot|free|our|my|the|so|too|much|nothing|what|\d))[a-z]",
    re.IGNORECASE,
)
MONEY = ("budget", "revenue")
_SELLS = re.compile(
    r"^\s*(?:(?:we|i)(?:'re| are| am|'m)?\s+(?:(?:mainly|mostly|primarily|also|just|basically|only)\s+)?"
    r"(?:sell(?:ing)?|mak(?:e|ing)|handmak(?:e|ing)|craft(?:ing)?|produc(?:e|ing)|design(?:ing)?|print(?:ing)?|"
    r"bak(?:e|ing)|roast(?:ing)?|brew(?:ing)?|import(?:ing)?|resell(?:ing)?|stock(?:ing)?|carry(?:ing)?|offer(?:ing)?|"
    r"teach(?:ing)?)"
    r"(?!\s+(?:good |some |decent |more |less |a |no )?(?:money|profits?|sales|living|loss|progress|sense)\b)"
    r"(?!\s+(?:(?:mostly|mainly|only|primarily|just|largely)\s+)?to\b)"
    r"(?!\s+(?:it|them|everything|all|each|every|myself|ourselves|by hand)\b)|"
    r"(?:we|i)(?:'re| are| am|'m)\s+(?:a|an)\s+(?:small\s+|little\s+|tiny\s+)?[\w-]+\s+(?:shop|store|brand|maker|roaster|bakery|"
    r"boutique|studio|company|business|seller|retailer|wholesaler|manufacturer))\b",
    re.IGNORECASE,
)


def cued_slot(
    text: str, slot: str, p: float, context: Context, readers: Readers
) -> tuple[str, float, str | None, str | None]:
    """(slot, confidence, the slot the clause names, the money slot it states) once the cues are heard."""
    named = named_slot(text)
    money = stated_money_slot(text, readers.currencies)
    if money is not None and named not in (*MONEY, "goals") and (p < NAMED_CONFIDENCE or slot in MONEY):
        slot, p = slot if slot in MONEY else money, max(p, SELLS_CONFIDENCE)  # "we make ₦800k"
    elif named == "audience" and WHERE_CUSTOMERS.match(text) and readers.places.customer_regions(text)[0]:
        # "the customers are in Mexico not Spain": where, not who
        slot, p = "regions", max(p, NAMED_CONFIDENCE)
    elif named is not None and (named != slot or p < NAMED_CONFIDENCE):
        slot, p = named, max(p, NAMED_CONFIDENCE)  # "our budget is $800" names its field
    elif USP_SAID.match(text) and slot != "usp" and p < NAMED_CONFIDENCE:
        slot, p = "usp", NAMED_CONFIDENCE  # "What makes me different is everything's grown by me here"
    elif POSITION_LEAD.match(text) and slot != "market_position" and p < NAMED_CONFIDENCE:
        # "premium definitely everything is knitted ..."
        slot, p = "market_position", max(p, SELLS_CONFIDENCE)
    elif (
        _SELLS.match(strip_lead(text, readers.cues.filler_re))
        and (slot != "business" or p < SELLS_CONFIDENCE)
        and p < (NAMED_CONFIDENCE if context.asked in (None, "business") else SELLS_CONFIDENCE)
        and not states_team_size(text)  # "we're a family business 4 of us" is the team
    ):
        slot, p = "business", max(p, SELLS_CONFIDENCE)  # "I sell digital downloads" says what is sold
    elif context.asked == "business" and slot != "business" and p < NAMED_CONFIDENCE and _DO_SELL.match(text):
        slot, p = "business", max(p, SELLS_CONFIDENCE)  # "We do gluten-free baking mixes"
    elif slot == "business" and context.asked == "market_position" and p < NAMED_CONFIDENCE:
        slot = "usp"  # "mid range. full grain leather, hand stitched": how it is made sets it apart
    elif p < SELLS_CONFIDENCE and WHERE_CUSTOMERS.match(text) and readers.places.customer_regions(text)[0]:
        slot, p = "regions", max(p, SELLS_CONFIDENCE)  # "Customers are all in South Africa"
    elif (
        slot not in ("goals", *MONEY)
        and p < NAMED_CONFIDENCE
        and _WANTS_MORE.match(text)
        and readers.read("goals", text, context, p).facts
    ):
        slot, p = "goals", max(p, SELLS_CONFIDENCE)  # "want more repeat custmers" after the position
    elif p < NAMED_CONFIDENCE and states_team_size(text):
        slot, p = "team", max(p, SELLS_CONFIDENCE)  # "sorry we are 3": a head count is the team
    return slot, p, named, money
