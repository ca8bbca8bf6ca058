"""Small text helpers shared by the value readers (all linear: no nested quantifiers)."""

from __future__ import annotations

import re
import unicodedata

_EDGE = re.compile(r"^[\s,.;:!?\-–—'\"“”‘’()*_~]+|[\s,.;:!?\-–—'\"“”‘’()*_~]+$")
_TRAILING_NOISE = re.compile(
    r"(?:\s+(?:lol|lmao|haha|tbh|etc\.?|and stuff|and so on|i guess|i think|really|too)|\s*[^\w\s%€£$)]+)+$",
    re.I,
)
_SPACES = re.compile(r"\s+")


def clean_phrase(text: str) -> str:
    """Collapse whitespace, drop edge punctuation, emoji and trailing filler ("lol", "tbh", "etc")."""
    text = "".join(c for c in text if unicodedata.category(c) != "So")  # emoji anywhere: "games shop 🙂 We"
    text = _SPACES.sub(" ", text).strip()
    first = text[:1]
    text = _EDGE.sub("", _TRAILING_NOISE.sub("", text))
    if first in ("'", '"') and text.count(first) % 2 == 1 and not text.startswith(first):
        text = first + text  # "'Where is my order' emails": the quote that opened it stays
    for quote in ("'", '"'):  # "phones ringing with 'is the sourdough ready' lol": the quote closed again
        opened = re.search(rf"(?:^|\s){quote}\w", text)
        if opened and text.count(quote) % 2 == 1 and not text.endswith(quote):
            text += quote
    return text + ")" if text.count("(") > text.count(")") else text  # "store (Sanitätshaus)"


def strip_lead(text: str, fillers: re.Pattern[str]) -> str:
    """Drop leading filler words ("ok so honestly, ...")."""
    stripped = fillers.sub("", text.strip())
    return stripped or text


def strip_tail(text: str, tail: re.Pattern[str]) -> str:
    """Remove a trailing part matched by ``tail`` unless nothing would be left."""
    stripped = tail.sub("", text).strip()
    return stripped or text


def sentence_case(text: str) -> str:
    """First letter in capitals, the rest as written."""
    return text[:1].upper() + text[1:] if text else text
