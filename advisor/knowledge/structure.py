"""Turn cleaned plain text into sections (heading path + blocks with character spans).

The corpus is plain text: headings are short title-like lines (``●`` separates a heading from its
sub-title), bullets start with ``- ``, tables are ``|``-delimited rows. A section path has at most two
levels: the *part* (a heading matching the document's ``part_pattern``, or a heading directly followed
by another heading) and the heading itself, e.g. ``Advanced › Ethical Considerations in Advanced
E-Commerce AI``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

SECTION_SEPARATOR = " › "
BlockKind = Literal["paragraph", "bullet", "table"]

_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "vs",
        "with",
        "without",
        "your",
        "its",
        "their",
        "how",
        "why",
        "what",
    ]
)
_SENTENCE_END = re.compile(r"[.!;,:]['\"’”)]*$")


@dataclass(frozen=True)
class Block:
    """A paragraph, a bullet item or a whole table, as a span of the cleaned text."""

    kind: BlockKind
    start: int
    end: int


@dataclass
class Section:
    """A heading path and the blocks under it."""

    path: tuple[str, ...]
    heading_start: int
    blocks: list[Block] = field(default_factory=list)

    @property
    def name(self) -> str:
        return SECTION_SEPARATOR.join(self.path)


def display_heading(line: str) -> str:
    """A heading as shown in a section path: the ``●`` separator reads as a colon."""
    return re.sub(r"\s*●\s*", ": ", line.strip())


def is_heading(line: str, next_line: str | None) -> bool:
    """Heuristic: a short, title-like line that is not a sentence, a bullet or a table row."""
    text = line.strip()
    if not text or next_line is None or text.startswith(("-", "|", "*", "•")):
        return False
    if len(text) > 120 or len(text.split()) > 16 or not (text[0].isupper() or text[0].isdigit()):
        return False
    if _SENTENCE_END.search(text) or ". " in text:
        return False
    words = [w.strip("()“”‘’'\"") for w in text.replace("●", " ").split()]
    content = [w for w in words if w and w.lower() not in _SMALL_WORDS and w[0].isalpha()]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised / len(content) >= 0.6


def _block_kind(line: str) -> BlockKind:
    stripped = line.lstrip()
    if stripped.startswith("|"):
        return "table"
    if stripped.startswith(("- ", "* ", "• ")):
        return "bullet"
    return "paragraph"


def parse_sections(text: str, *, title: str = "", part_pattern: str | None = None) -> list[Section]:
    """Split cleaned text into sections. Character offsets index into ``text``."""
    part_re = re.compile(part_pattern) if part_pattern else None
    lines: list[tuple[int, str]] = []
    offset = 0
    for raw in text.split("\n"):
        lines.append((offset, raw))
        offset += len(raw) + 1
    non_empty = [(pos, line) for pos, line in lines if line.strip()]

    sections: list[Section] = []
    part: str | None = None
    current: Section | None = None
    for index, (pos, line) in enumerate(non_empty):
        nxt = non_empty[index + 1][1] if index + 1 < len(non_empty) else None
        if is_heading(line, nxt):
            heading = display_heading(line)
            is_title = heading.casefold() == title.casefold()
            next_is_heading = nxt is not None and is_heading(nxt, "x")
            is_part = bool(part_re and part_re.match(line.strip())) or (next_is_heading and not is_title)
            if is_title:
                part = None
                path: tuple[str, ...] = (heading,)
            elif is_part:
                part = heading
                path = (heading,)
            else:
                path = (part, heading) if part else (heading,)
            current = Section(path=path, heading_start=pos)
            sections.append(current)
            continue
        if current is None:  # body before any heading
            current = Section(path=(title or "Introduction",), heading_start=pos)
            sections.append(current)
        kind = _block_kind(line)
        end = pos + len(line.rstrip())
        if kind == "table" and current.blocks and current.blocks[-1].kind == "table":
            previous = current.blocks[-1]
            current.blocks[-1] = Block("table", previous.start, end)
        else:
            current.blocks.append(Block(kind, pos, end))
    return [s for s in sections if s.blocks]
