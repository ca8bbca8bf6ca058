"""Small wording helpers the plan's templates share ("a, b and c"; a name inside a sentence)."""

from __future__ import annotations


def join(items: list[str]) -> str:
    """``["a", "b", "c"]`` → ``"a, b and c"``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def lower_first(text: str) -> str:
    """The text as it reads mid-sentence; an acronym ("AI personalisation", "CRM") keeps its capitals."""
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text
