"""Clauses placed on slots: the slot head's reading of each clause, then the rules of a message's flow.

A label names the slot of what follows ("- Positioning: mid-market, every switch is hand-lubed"); a
differentiator goes with the position said before it; a list goes on ("NL mostly, BE some", "solid wood
furniture, tables, beds"); "mostly to new moms" after what is sold says who buys; neighbours on the same
slot are joined into one span. And, asked what the shop sells and where, a clause the head reads as tools
may name what is sold too ("silver jewelry on etsy n ebay").
"""

from __future__ import annotations

import re

from advisor.parsing.sentences import Span
from advisor.understanding.intents import NAMED_CONFIDENCE, labelled_slot
from advisor.understanding.models import Context, Fact
from advisor.understanding.position import USP_SAID
from advisor.understanding.readers import Readers
from advisor.understanding.slot_cues import cued_slot

CONTINUED = frozenset({"regions", "tech_stack", "team", "data"})
LIST_SLOTS = frozenset({"business", "audience"})  # a bare noun after one of these continues its list
SHORT_USP_WORDS = 3  # "but good quality" after a position is no difference worth filing on a weak guess
REASON_WORDS = 8  # a reason given for a channel the owner left is short
_BARE_ITEM = re.compile(
    r"(?!(?:mostly|mainly|many|most|some|all|lots|about|around|just|only|plus|also|but|and|we|i|they|our|my)\b)"
    r"[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*)?",
    re.IGNORECASE,
)
_SOLD_TO = re.compile(r"^(?:mostly |mainly |largely |primarily )?to\s+\w", re.IGNORECASE)
_SOLD_ON = re.compile(r"^([^,;]*?[a-z]{3,}[^,;]*?)\s+(?:on|via|through|using)\s+", re.IGNORECASE)
_NOT_SOLD = frozenset(
    {"everything", "mostly", "mainly", "things", "stuff", "also", "them", "sell", "selling", "sold", "only"}
)


def place_clauses(
    message: str,
    clauses: list[Span],
    predicted: list[tuple[str, float]],
    context: Context,
    readers: Readers,
    content: dict[str, tuple[str, float]],
    before: str | None,
    *,
    slot_threshold: float,
) -> list[tuple[Span, str, float]]:
    """Each clause with its slot (``predicted`` is the head's reading of each); neighbours on the same
    slot joined into one span, ``content`` extended to the joined spans. ``before`` is the slot the
    previous sentence ended on."""
    joined: list[tuple[Span, str, float]] = []
    labelled: str | None = None
    for clause, (slot, p) in zip(clauses, predicted, strict=True):
        slot, p, named, money = cued_slot(clause.text, slot, p, context, readers)
        if (label := labelled_slot(clause.text, message[clause.end : clause.end + 3])) is not None:
            labelled, slot, p = (
                label,
                "none",
                1.0,
            )  # "- Positioning: mid-market, every switch is hand-lubed"
        elif labelled and named is None and money is None and p < NAMED_CONFIDENCE:
            slot, p = labelled, max(p, slot_threshold)  # the label says what it is
        if (
            slot == "usp"
            and "market_position" in (before, *(j[1] for j in joined))
            and p < slot_threshold
            and len(clause.text.split()) > SHORT_USP_WORDS
        ):
            p = slot_threshold  # "we're premium, all the cabbage is from our own farm": why
        if (
            joined
            and joined[-1][1] in CONTINUED
            and slot != joined[-1][1]
            and p < slot_threshold
            and readers.read(joined[-1][1], clause.text, context, p).facts
        ):
            slot = joined[-1][1]  # "NL mostly, BE some": the list goes on
        if (
            joined
            and joined[-1][1] == "business"
            and named is None
            and p < NAMED_CONFIDENCE
            and _SOLD_TO.match(clause.text)
            and readers.read("audience", clause.text, context, p).facts
        ):
            slot, p = (
                "audience",
                max(p, slot_threshold),
            )  # "we sell baby clothes, mostly to new moms"
        if (
            joined
            and joined[-1][1] in LIST_SLOTS
            and slot != joined[-1][1]
            and named is None
            and p < NAMED_CONFIDENCE
            and _BARE_ITEM.fullmatch(clause.text)
        ):
            slot = joined[-1][1]  # "solid wood furniture, tables, beds": the list goes on
        if (
            joined
            and joined[-1][1] == "pain_points"
            and slot == "usp"
            and named is None
            and p < NAMED_CONFIDENCE
            and context.asked != "market_position"
            and not USP_SAID.match(clause.text)
        ):
            slot = "pain_points"  # "people send fake transfer screenshots and we ship before checking"
        if (
            joined
            and slot == "pain_points"
            and named is None
            and len(clause.text.split()) <= REASON_WORDS
            and readers.tools_said_unused(joined[-1][0].text)
        ):
            slot = "none"  # "Not on Allegro anymore, fees are crazy": why not there, not the shop's problem
        if joined and joined[-1][1] == slot and slot != "none":
            prev, _, prev_p = joined[-1]
            text = (
                message[prev.start : clause.end]
                if message[prev.start : clause.end]
                else f"{prev.text}, {clause.text}"
            )
            joined[-1] = (Span(text, prev.start, clause.end), slot, max(prev_p, p))
            if prev.text in content:
                content[text] = content[prev.text]
        else:
            joined.append((clause, slot, p))
    return joined


def sold_beside_tools(text: str, context: Context, p: float, readers: Readers) -> list[Fact]:
    """Asked what the shop sells and where, a clause the head reads as tools may name both."""
    sold_on = _SOLD_ON.match(text)
    if (
        not readers.tools.find(text)
        or sold_on is None
        or readers.tools.find(sold_on.group(1))
        or not [w for w in re.findall(r"[a-z]{4,}", sold_on.group(1), re.I) if w.lower() not in _NOT_SOLD]
    ):
        return []  # "hallo", "sur notre boutique Shopify", "all on WooCommerce": nothing sold named
    facts = readers.read("business", text, context, p).facts
    return [f for f in facts if f.field in ("niche", "products")]
