"""Tools the catalogue does not hold, named in a list of tools: "Shopify, Klaviyo, Vinted, Tradera,
Fortnox for bookkeeping" → Vinted, Tradera, Fortnox (not English words, or capitalised after the first
item); chat words ("thats it", "lol") are not tools."""

from __future__ import annotations

import re

from advisor.knowledge.lexicons import ToolCatalogue, english_words
from advisor.understanding.lexicons import Cues

_LIST_ITEM = re.compile(r"\s*(?:,|;|/|&|\+|\band\b|\bplus\b|\bor\b)\s*", re.IGNORECASE)
_ITEM_TAIL = re.compile(
    r"\s+(?:for|to|as|on|at|in|from|with|that|which|who|we|our|is|are|was)\b.*$|\s*\(.*$", re.IGNORECASE
)
_ITEM_LEAD = re.compile(
    r"^(?:we use|we have|using|use|also|and|plus|then|the|a|an|our|my|on|at|via|through|in|with)\s+",
    re.IGNORECASE,
)


def unlisted_tools(
    text: str, tools: ToolCatalogue, cues: Cues, common: frozenset[str] = frozenset()
) -> list[str]:
    """Names in a tool list that the catalogue does not know: words that are not English ("Tradera",
    "fortnox"), or capitalised words after the first item ("..., Square for the counter"). Words of
    other languages' ``common`` vocabulary name no tool ("Je veux vendre")."""
    english = english_words()
    out: list[str] = []
    for index, raw in enumerate(_LIST_ITEM.split(text)):
        item = _ITEM_TAIL.sub("", _ITEM_LEAD.sub("", raw.strip(" .!?:"))).strip(" .!?:")
        words = item.split()
        if (
            not words
            or len(words) > 3
            or tools.find(item)
            or any(not re.fullmatch(r"[\w.'’-]+", w) for w in words)
        ):
            continue
        if any(w.lower() in cues.chat_words or w.lower().strip(".'’") in common for w in words):
            continue
        foreign = any(w.lower().strip(".'’") not in english for w in words if re.search(r"[a-z]", w, re.I))
        capital = item[:1].isupper() and index > 0
        if (
            (foreign or capital)
            and re.search(r"[a-z]{3,}", item, re.I)
            and not any(ch.isdigit() for ch in item)
        ):
            out.append(item[:1].upper() + item[1:])
    return out
