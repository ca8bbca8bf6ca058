"""The market position's category, and what sets the shop apart (the USP).

"premium 💎 hand embroidery, made in our atelier" is both: the category said first, then why. A cue
inside another category's cue does not count ("not cheap" is premium); a price is no difference.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from advisor.parsing.money import CurrencyTable, find_money
from advisor.understanding.lexicons import Cues
from advisor.understanding.models import Context, Fact
from advisor.understanding.text import clean_phrase

_NOT_A_DIFFERENCE = frozenset(
    ("either", "than", "also", "just", "like", "basically", "really", "compete", "competing", "price", "prices",
     "pricing", "more", "less", "with", "quality", "those", "that", "this", "them", "guess", "think", "honestly")
)  # fmt: skip
# a position said first, then what sets the shop apart: "premium 💎 hand embroidery", "budget, cheapest in chile
# for used groupsets"
POSITION_LEAD = re.compile(
    r"^\W*(premium|luxury|high[- ]end|budget|affordable|cheapest|cheap|mid[- ]?range|mid[- ]?market|mid[- ]?priced|niche)"
    r"(?!['’]s\b)"  # "budget's wrong - make it £90": the AI budget
    r"(?:\s+(?:kak|po|la|lah|ya|obviously|obv|definitely|for sure|i guess|i think|only))?\s*(?:[,.;:!—–-]+|[^\w\s]+)\s*(?=\w)"
    # unpunctuated: "premium all is organic cotton with GOTS certificate"
    r"|^\W*(premium|luxury|high[- ]end|budget|affordable|mid[- ]?range|mid[- ]?market)"
    r"(?:\s+(?:definitely|for sure|obviously|obv|really|mostly|i guess|i think|i'?d say))?\s+"
    r"(?=(?:all|everything|every|we|we're|our|because|since|with|coz|cause|bc)\b)",
    re.IGNORECASE,
)
USP_LEAD = re.compile(
    r"^(?:what (?:makes|sets) (?:us|me|my (?:shop|store|brand|business)|our (?:shop|store|brand|business)) (?:different|unique|special|apart)(?: is)?|our usp(?: is)?|we(?:'re| are) known for|"
    r"what we do differently(?: is)?|what (?:people|customers) (?:come back for|love)(?: is)?|our (?:thing|edge) is|"
    r"unlike (?:others|competitors|other shops)|the difference is|people (?:love|come for)|we stand out (?:with|by|for)|"
    r"what['’]?s (?:different|special|unique)(?: about (?:us|me|it))? is|"
    r"because|since|coz|cause|bc)\s*:?\s*",
    re.IGNORECASE,
)
# the differentiator announced as such (USP_LEAD without "because"): a cue that outranks the slot head
USP_SAID = re.compile(
    r"^\W*(?:(?:and|but|so|oh)\s+)?(?:what (?:makes|sets) (?:us|me|my \w+|our \w+) (?:different|unique|special|apart)|our usp|"
    r"what we do differently|the difference is|we stand out (?:with|by|for)|what['’]?s (?:different|special|unique))\b",
    re.IGNORECASE,
)
# prices said as amounts: they place the shop (premium, budget), they do not differentiate it
_PRICE_STATEMENT = re.compile(
    r"[$€£¥₹₦]\s?\d|\d\s?(?:[$€£¥₹₦]|dollars?|euros?|pounds?|quid|bucks|kr|rand|pesos?|rupees?)(?!\w)"
    r"|\bpriced\b|\bprices? (?:are|is|start|range|from|around|between)\b",
    re.IGNORECASE,
)


# the customers, not the shop: "they buy a lot actually" ("they regulate temperature" is the product)
_ABOUT_OTHERS = re.compile(
    r"^\W*(?:they|they're|theyre|he|she)\s+(?:\w+\s+)?(?:buy|buys|bought|order|orders|love|loves|come|comes|shop|shops|spend|"
    r"spends|pay|pays|like|likes|want|wants|ask|asks|return|returns|are (?:mostly|mainly|usually|often))\b",
    re.IGNORECASE,
)
_THEN_WHY = re.compile(  # a run-on's next subject starts the why too: "... like northern brewer we match prices"
    r"^[^,;]*?(?:\s+(?:and|but|plus)\s+|[,;]\s*(?:and\s+|but\s+|plus\s+)?|\s+(?=(?:we|our|every|all our)\s))(.+)$",
    re.IGNORECASE,
)
# a category said not to be the shop's: "we're premium not mid-market"
_SAID_NOT = re.compile(
    r"\b(?:not|nor|neither|no longer|rather than|instead of|isn'?t|aren'?t)\s+(?:too\s+|that\s+|very\s+|super\s+|overly\s+)?"
    r"(?:a\s+|an\s+|the\s+)?$",
    re.I,
)
LONG_WHY = 4  # words after the category that say why, whatever was asked ("- Positioning: mid-market, every switch …")


class PositionReader:
    """Reads the market position and the USP; ``phrase`` trims a clause's lead-in fillers."""

    def __init__(self, cues: Cues, currencies: CurrencyTable, phrase: Callable[[str], str]) -> None:
        self.cues = cues
        self.currencies = currencies
        self.phrase = phrase

    def position(self, text: str, context: Context, conf: float) -> list[Fact]:
        spans = {
            c: [
                m.span()
                for m in pattern.finditer(text)
                if not _SAID_NOT.search(text[max(0, m.start() - 16) : m.start()])
            ]
            for c, pattern in self.cues.position_res.items()
        }
        negated = {
            c
            for c, pattern in self.cues.position_res.items()
            for m in pattern.finditer(text)
            if _SAID_NOT.search(text[max(0, m.start() - 16) : m.start()])
        }
        if {"premium", "budget"} <= negated:  # "not cheap, not expensive": neither end, the middle
            return [Fact.read("market_position", "mid-market", "mid-market", conf, text, "market_position")]
        if not any(spans.values()):  # "not the cheapest" alone: the cues that hold the negation decide
            spans = {c: [m.span() for m in p.finditer(text)] for c, p in self.cues.position_res.items()}
        # a cue inside another category's cue does not count: "not cheap" is premium, not budget too
        categories = [
            c
            for c, found in spans.items()
            if any(
                not any(o != c and a <= s and e <= b and (a, b) != (s, e) for o in spans for a, b in spans[o])
                for s, e in found
            )
        ]
        facts: list[Fact] = []
        if categories:
            # "not the cheapest" is mid-market, "pricier than big brands" premium: the most specific wins
            order = ["mid-market", "niche", "premium", "budget"]
            category = min(categories, key=order.index)
            if "premium" in categories and "budget" in categories:
                category = "mid-market"
            facts.append(Fact.read("market_position", category, category, conf, text, "market_position"))
            # what follows the category says why: "premium 💎 hand embroidery, made in our atelier"
            lead = POSITION_LEAD.match(text)
            said_why = (
                lead is not None and len(re.findall(r"[a-z]{3,}", text[lead.end() :], re.I)) >= LONG_WHY
            )
            if lead and (context.asked in ("market_position", None) or said_why):
                rest = text[lead.end() :]
                said = rest
                for pattern in self.cues.position_res.values():
                    said = pattern.sub(" ", said)  # "not cheapest not luxury" says the position again
                if (
                    len(
                        [
                            w
                            for w in re.findall(r"[a-z]{4,}", said, re.I)
                            if w.lower() not in _NOT_A_DIFFERENCE
                        ]
                    )
                    >= 2
                ):
                    facts += self.usp(rest, context, conf * 0.8)
            elif context.asked == "market_position":
                # the position, then why: "we're cheaper than the imported brands and every pair is sewn
                # in our own workshop"
                end = max(e for found in spans.values() for _, e in found)
                why = _THEN_WHY.match(text[end:])
                if why and len(re.findall(r"[a-z]{4,}", why.group(1), re.I)) >= 3:
                    facts += self.usp(why.group(1), context, conf * 0.8)
            return facts
        return self.usp(text, context, conf * 0.8)

    def usp(self, text: str, context: Context, conf: float) -> list[Fact]:
        if POSITION_LEAD.match(text) and context.asked in ("market_position", None):
            return self.position(text, context, conf)  # "premium 💎 hand embroidery": the category first
        phrase = clean_phrase(USP_LEAD.sub("", self.phrase(text)))
        said = (
            context.asked == "market_position" or USP_SAID.match(text) is not None
        )  # "what sets us apart is our aftercare"
        if len(re.findall(r"[a-z]{4,}", phrase, re.I)) < (1 if said else 2):
            return []
        if _ABOUT_OTHERS.match(phrase):
            return []  # "they buy a lot actually": about the customers, not what sets the shop apart
        if _PRICE_STATEMENT.search(phrase) or any(m.currency for m in find_money(phrase, self.currencies)):
            return []  # "most of my planners are $8-15" tells the price level, not what sets them apart
        return [Fact.read("usp", phrase, phrase, conf, text, "usp")]
