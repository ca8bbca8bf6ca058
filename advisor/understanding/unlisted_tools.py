"""Tools the catalogue does not hold, named in a list of tools: "Shopify, Klaviyo, Vinted, Tradera,
Fortnox for bookkeeping" → Vinted, Tradera, Fortnox (not English words, or capitalised after the first
item); chat words ("thats it", "lol") are not tools."""

from __future__ import annotations

import re
from collections.abc import Callable

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


# where the shop sells, said with a name the catalogue does not hold: "on our Tiendanube store", "via
# Tradera, Blocket and our own Shopify store", "on BASE"
_CHANNEL = re.compile(r"\b(?:on|via|through)\s+(?P<items>(?:[^.;:!?()\n]|\.(?=\w)){3,80})", re.IGNORECASE)
_CHANNEL_SPLIT = re.compile(r"\s*(?:,|\band\b|&|\+|\bplus\b|\bor\b)\s*", re.IGNORECASE)
_OWN = re.compile(r"^(?:(?:on|via|through)\s+)?(?:(?:our|my)\s+(?:own\s+)?|the\s+)?", re.IGNORECASE)
_SHOP = re.compile(r"\s+(?:store|shop|webshop|site|website|marketplace|app|page)$", re.IGNORECASE)


def unlisted_channels(
    text: str,
    tools: ToolCatalogue,
    cues: Cues,
    common: frozenset[str],
    is_place: Callable[[str], bool],
) -> list[str]:
    """Shops and marketplaces the catalogue does not know, named where the owner sells: a capitalised
    word that is not English ("Tradera"), a name in capitals ("BASE"), or an unknown word before
    "store" ("our jumpseller store"). Places ("in Kyoto"), chat words and other languages' everyday
    words are none; only one-word names are read."""
    english = english_words()
    out: list[str] = []
    for match in _CHANNEL.finditer(text):
        for raw in _CHANNEL_SPLIT.split(match.group("items")):
            item = _OWN.sub("", raw.strip())
            shop = _SHOP.search(item) is not None
            name = _SHOP.sub("", item).strip(".'’-")
            low = name.lower()
            if (
                " " in name
                or len(name) < 3
                or not re.fullmatch(r"[\w.'’-]+", name)
                or not re.search(r"[a-z]", low)
                or tools.find(name)
                or tools.find(item)
                or low in cues.chat_words
                or low in common
                or is_place(name)
            ):
                continue
            capitals = name.isupper()
            unknown = low not in english
            if (unknown and (name[:1].isupper() or shop)) or capitals:
                out.append(name if capitals else name[:1].upper() + name[1:])
    return list(dict.fromkeys(out))
