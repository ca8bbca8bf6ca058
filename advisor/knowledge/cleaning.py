"""Cleaning of scraped corpus text.

The scrape that produced the corpus spliced glossary pop-ups into sentences, in the form
``term Meaning ● definition. continuation`` (e.g. "E-Commerce AI Strategy Meaning ● AI Strategy for
SMBs defines ... implementation. for SMBs is essentially ..."). Cleaning removes ``Meaning ● definition.``
so that the sentence reads "E-Commerce AI Strategy for SMBs is essentially ...", and drops the scrape's
page furniture ("Knowledge Base", "📝 Context Summary"). Everything else is kept as written, so
quotes taken from the cleaned text stay verbatim in the source.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# " Meaning ● <definition ending at the first full stop followed by a space or the line end>"
GLOSSARY_POPUP = re.compile(r" Meaning ● [^●\n]*?\.(?=[ \t]|$)", re.MULTILINE)
BOILERPLATE_LINES = frozenset({"Knowledge Base", "📝 Context Summary"})


@dataclass(frozen=True)
class CleanedText:
    """Result of cleaning one document."""

    text: str
    removed_popups: list[str] = field(default_factory=list)
    removed_lines: list[str] = field(default_factory=list)


def remove_glossary_popups(text: str) -> tuple[str, list[str]]:
    """Remove every ``Meaning ● definition.`` pop-up; return the text and what was removed."""
    removed: list[str] = []

    def _drop(match: re.Match[str]) -> str:
        removed.append(match.group(0).strip())
        return ""

    return GLOSSARY_POPUP.sub(_drop, text), removed


def clean_text(raw: str) -> CleanedText:
    """Normalise line endings and Unicode, drop page furniture and glossary pop-ups."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text, popups = remove_glossary_popups(text)
    kept: list[str] = []
    dropped: list[str] = []
    for line in text.split("\n"):
        stripped = line.rstrip()
        if stripped.strip() in BOILERPLATE_LINES:
            dropped.append(stripped.strip())
            continue
        kept.append(stripped)
    # collapse runs of blank lines, trim the ends
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n") + "\n"
    return CleanedText(text=cleaned, removed_popups=popups, removed_lines=dropped)
