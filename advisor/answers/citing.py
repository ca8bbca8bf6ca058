"""Sentences and their [n] markers, cut by the project's one sentence splitter.

A marker follows the sentence it supports ("Chatbots answer FAQs. [1]"); the splitter would open the
next sentence with it, so a leading marker is handed back to the sentence before.
"""

from __future__ import annotations

import re

from advisor.parsing.sentences import split_sentences

MARKER = re.compile(r"\[(\d+)\]")
_LEADING_MARKERS = re.compile(r"^((?:\s*\[\d+\])+)\s*")


def cited_sentences(text: str) -> list[str]:
    """The sentences of ``text``, each with the markers that follow it."""
    out: list[str] = []
    for span in split_sentences(text):
        piece = span.text
        leading = _LEADING_MARKERS.match(piece)
        if leading and out:
            out[-1] = f"{out[-1]} {leading.group(1).strip()}"
            piece = piece[leading.end() :]
        if piece.strip():
            out.append(piece.strip())
    return out


def mark_sentences(text: str, marker: str) -> str:
    """Put ``marker`` after every sentence of ``text`` (no sentence without its source)."""
    parts = [s.text for s in split_sentences(text)] or [text.strip()]
    return " ".join(f"{p} {marker}" for p in parts)
