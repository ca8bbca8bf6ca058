"""Quotable units of a chunk: sentences of paragraphs and list items, and table rows.

Every unit is an exact slice of its chunk (``chunk.text[start:end]``) cut by the project's one
sentence splitter (advisor/parsing/sentences.py), so a quote is verbatim and never ends mid-sentence
("a Value vs. Effort matrix" stays whole). A unit also knows its place: which block (paragraph,
list, table) and which item of the block it belongs to, whether it opens its item, and whether it is
a lead-in ("STRIVE evaluates six dimensions:") to the list or table that follows. Table rows are
rendered as readable text using the table's header ("Strategic Fit: Does this category ...?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from advisor.parsing.sentences import split_sentences

UNITS_VERSION = "2"  # bump when the splitting or the display changes: stored unit vectors are rebuilt
UnitKind = Literal["sentence", "item", "row"]
MIN_UNIT_CHARS = 12
_SEPARATOR_ROW = re.compile(r"\|[\s|:-]+\|")
_BULLET = re.compile(r"- +")
_TITLE = re.compile(r"^(?P<title>[^●–:.]{2,80}?)\s*(?:●|–|:)\s+")


@dataclass(frozen=True)
class UnitSpan:
    """One quotable unit of a chunk."""

    index: int  # position among the chunk's units
    start: int
    end: int
    text: str  # the exact slice chunk.text[start:end]
    kind: UnitKind
    block: int  # paragraph, list or table number within the chunk
    item: int  # item (bullet or row) number within its block; -1 for paragraph sentences
    head: bool  # the first sentence of its paragraph or item
    lead_in: bool  # ends with ":" and a list or table follows
    title: str  # the item's title ("Data Quality", "Strategic Fit"), "" if none
    display: str  # the unit as an answer shows it

    @property
    def is_item(self) -> bool:
        return self.kind in ("item", "row")


@dataclass
class _Line:
    start: int
    end: int
    kind: Literal["para", "bullet", "row", "separator"]


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group(0)
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        start, end = match.start() + lead, match.start() + lead + len(stripped)
        if stripped.startswith("|"):
            kind: Literal["para", "bullet", "row", "separator"] = (
                "separator" if _SEPARATOR_ROW.fullmatch(stripped) else "row"
            )
        elif _BULLET.match(stripped):
            kind = "bullet"
        else:
            kind = "para"
        out.append(_Line(start, end, kind))
    return out


def cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def _sentence_end(text: str) -> str:
    return text if text.endswith((".", "?", "!", ":")) else text + "."


def row_display(row: str, header: list[str] | None) -> str:
    """A table row as a sentence: "Strategic Fit: Does this ...?" or "A — Stage: Decision; Outcome: ..."."""
    values = cells(row)
    if not values:
        return row
    first, rest = values[0], values[1:]
    if not rest:
        return _sentence_end(first)
    if len(rest) == 1:
        return f"{first}: {_sentence_end(rest[0])}"
    names = header[1:] if header and len(header) == len(values) else [""] * len(rest)
    parts = [f"{name.lower()}: {value}" if name else value for name, value in zip(names, rest, strict=True)]
    first_part, *others = parts
    if names[0]:
        first_part = rest[0]
    return _sentence_end(f"{first} — {first_part}" + (f" ({'; '.join(others)})" if others else ""))


def item_display(text: str) -> str:
    """A bullet as shown: the "●" that separates a title from its text reads as a colon."""
    return re.sub(r"\s*●\s*", ": ", text).strip()


def _title(text: str) -> str:
    match = _TITLE.match(text)
    return match.group("title").strip() if match else ""


def split_units(text: str) -> list[UnitSpan]:
    """The quotable units of ``text`` (a chunk), in reading order."""
    lines = _lines(text)
    units: list[UnitSpan] = []
    block = -1
    item = -1
    header: list[str] | None = None
    previous: str | None = None
    for i, line in enumerate(lines):
        following = lines[i + 1].kind if i + 1 < len(lines) else None
        family = "row" if line.kind == "separator" else line.kind
        if family != previous or family == "para":
            block += 1
            item = -1
            header = None
        previous = family
        body = text[line.start : line.end]
        if line.kind == "separator":
            continue
        if line.kind == "row":
            if following == "separator":  # a header row: names the columns, says nothing itself
                header = cells(body)
                continue
            item += 1
            units.append(
                UnitSpan(
                    index=0, start=line.start, end=line.end, text=body, kind="row", block=block,
                    item=item, head=True, lead_in=False, title=cells(body)[0] if cells(body) else "",
                    display=row_display(body, header),
                )
            )  # fmt: skip
            continue
        offset = line.start
        if line.kind == "bullet":
            marker = _BULLET.match(body)
            assert marker is not None
            offset += marker.end()
            item += 1
        content = text[offset : line.end]
        title = _title(content) if line.kind == "bullet" else ""
        sentences = split_sentences(content)
        for n, span in enumerate(sentences):
            start, end = offset + span.start, offset + span.end
            last = n == len(sentences) - 1
            lead_in = (
                last and span.text.endswith(":") and following in ("bullet", "row") and line.kind == "para"
            )
            units.append(
                UnitSpan(
                    index=0, start=start, end=end, text=span.text,
                    kind="item" if line.kind == "bullet" else "sentence", block=block,
                    item=item if line.kind == "bullet" else -1, head=n == 0, lead_in=lead_in, title=title,
                    display=item_display(span.text) if line.kind == "bullet" else span.text,
                )
            )  # fmt: skip
    kept = [u for u in units if len(u.text) >= MIN_UNIT_CHARS or u.lead_in or u.kind == "row"]
    return [
        UnitSpan(**{**u.__dict__, "index": n})  # renumber after dropping fragments
        for n, u in enumerate(kept)
    ]
