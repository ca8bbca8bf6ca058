"""Extractive answers shaped for the question's type; every sentence is a quote with its [n].

The ranker orders the candidate sentences; the type decides the shape:

- definition: the sentence that says what the thing is, then its parts (the list or table it leads);
- list: the list itself (its lead-in and every item), not a few of its items;
- how_to: ordered steps (a numbered list) when the corpus has them;
- decision: the conditions first, then the risks to weigh (the ranker asked again, as for a risks
  question); the service adds the ethics note where one applies;
- comparison: each side in turn, after the sentence that names both if there is one;
- risks and measure: the list of risks or metrics when there is one, else the best points;
- explain: the direct answer and the key points.

Near-duplicates (overlapping chunks, rephrasings) are dropped and no chunk gives more than a few
points, so an answer covers several facts rather than one passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from advisor.answers.evidence import Evidence, EvidenceBuilder
from advisor.answers.ranker import RankerWeights
from advisor.retrieval.lexical import analyze
from advisor.retrieval.sentences import StoredUnit

MAX_ITEMS = 8  # items quoted from one list
ASPECTS = {  # what a decision needs besides the best sentence, as directions in embedding space
    "conditions": "what you need in place first: readiness, requirements, data, skills, budget and conditions",
    "risks": "risks, downsides, limitations, bias, privacy, lock-in and ethical concerns",
}
ASPECT_GAIN = 6.0
ASPECT_MIN = 0.2  # a sentence further than this from the aspect is not about it
GOOD_SCORE = 2.0  # a point this good (log-odds) is kept however far the best one is ahead
MAX_POINTS = 4  # key points after the direct answer
KEEP_WITHIN = 2.5  # a point's score must be within this (log-odds) of the best
PER_CHUNK = 2
DUPLICATE = 0.9
WHOLE_ITEM_CHARS = 320  # an item up to this long is quoted whole, a longer one by its first sentence
LIST_WINDOW = 8  # a list must show up among this many top sentences...
LIST_MARGIN = 2.5  # ...scoring within this (log-odds) of the best
LIST_CARRIES = 3  # for other questions, a list answers when this many of its members are among them
_ENUMERATION = re.compile(
    r"\b(?:several|following|key questions|steps|practices|pitfalls|ways|two|three|four|five|six|seven)\b",
    re.IGNORECASE,
)
_SIDES = re.compile(r"\b(?:vs\.?|versus|or|compared (?:to|with)|against|instead of)\b|,", re.IGNORECASE)
MAX_SIDE_WORDS = 6
_WHICH = re.compile(r"^\s*(?:which|what)(?:'s| is)?\s+(?:is\s+)?(?:better|best)\s*[,:-]?\s*", re.IGNORECASE)
_LEAD = re.compile(
    r"^(?:is|are|should (?:i|we)(?: (?:use|go with|choose|pick|get|start with|do|try))?|"
    r"do (?:i|we) (?:need|use|want)|can (?:i|we)(?: use)?|would)\s+(?:a |an |the )?",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(r"^(?:which|what|how|why|when|where|who|should|is|are|do|does|can)\b", re.I)
_BETWEEN = re.compile(r"\bdifference between (?P<a>.+?) and (?P<b>.+?)(?:[?.!]|$)", re.IGNORECASE)


@dataclass
class Quote:
    """One quoted unit: the unit (its row) and how it is shown."""

    row: int
    rows: list[int] = field(default_factory=list)  # the item's further sentences quoted with it


@dataclass
class Group:
    """Quotes shown together: under a heading (or none), as bullets, numbered steps or plain lines."""

    heading: str
    quotes: list[Quote]
    style: Literal["bullets", "numbered", "plain"] = "bullets"


@dataclass
class Shape:
    """The answer's structure before numbering: a direct answer, then groups of quotes."""

    direct: list[Quote]
    groups: list[Group] = field(default_factory=list)


class Composer:
    """Turns ranked evidence into a shaped answer."""

    def __init__(self, builder: EvidenceBuilder, weights: RankerWeights) -> None:
        self.builder = builder
        self.weights = weights
        units = builder.units
        chunks = builder.kb.retriever.chunks
        by_section: dict[tuple[str, str], list[str]] = {}
        for chunk_id in units.rows_of:
            if chunk_id in chunks:
                by_section.setdefault((chunks[chunk_id].source, chunks[chunk_id].section), []).append(
                    chunk_id
                )
        # each section's sentences in reading order, once each (overlapping chunks repeat a few)
        self._seq: dict[tuple[str, str], list[int]] = {}
        self._pos: dict[int, tuple[tuple[str, str], int]] = {}
        for key, ids in by_section.items():
            seq: list[int] = []
            where: dict[str, int] = {}
            for chunk_id in sorted(ids, key=lambda c: chunks[c].ordinal):
                for row in units.rows_of[chunk_id]:
                    text = units.units[row].span.text
                    if text not in where:
                        where[text] = len(seq)
                        seq.append(row)
                    self._pos[row] = (key, where[text])
            self._seq[key] = seq
        phrases = list(ASPECTS.values())
        vectors = np.asarray(builder.kb.embedder.embed_documents(phrases), dtype=np.float32)
        self._aspects = {name: vectors[i] for i, name in enumerate(ASPECTS)}

    # ------------------------------------------------------------------------------------------
    def ranked(self, evidence: Evidence) -> list[tuple[float, int]]:
        """(score, row) best first."""
        scores = self.weights.score(evidence.features)
        order = np.argsort(-scores, kind="stable")
        return [(float(scores[i]), evidence.rows[i]) for i in order]

    def unit(self, row: int) -> StoredUnit:
        return self.builder.unit(row)

    def _aspect(self, evidence: Evidence, aspect: str) -> list[tuple[float, int]]:
        """The candidates ranked for one aspect of the question (its conditions, its risks): the ranker's
        score plus how close each sentence is to the aspect (precomputed directions, no model call)."""
        scores = self.weights.score(evidence.features)
        closeness = self.builder.units.vectors[np.asarray(evidence.rows)] @ self._aspects[aspect]
        combined = scores + ASPECT_GAIN * closeness
        order = np.argsort(-combined, kind="stable")
        floor = ASPECT_MIN if aspect == "risks" else -1.0  # a "risk" far from every risk is not one
        return [(float(combined[i]), evidence.rows[i]) for i in order if closeness[i] >= floor]

    def shape(self, evidence: Evidence, vector: np.ndarray) -> Shape:
        ranked = self.ranked(evidence)
        kind = evidence.reading.type
        if kind == "comparison":
            return self._comparison(evidence, ranked)
        if kind == "decision":
            return self._decision(evidence, ranked)
        listing, support = self._listing(ranked)
        if kind in LIST_TYPES:
            if listing is not None and support >= 1:
                return self._listed(listing, ranked, kind)
            paragraph = next(
                (p for _, row in ranked[:3] if (p := self._paragraph_list(row)) is not None), None
            )
            if paragraph is not None:
                return self._listed(paragraph, ranked, kind)
        if kind == "definition":
            return self._definition(evidence, ranked)
        if listing is not None and support >= LIST_CARRIES:  # several items of one list answer it
            return self._listed(listing, ranked, kind)
        return self._explained(ranked)

    # --- shapes -------------------------------------------------------------------------------
    def _explained(self, ranked: list[tuple[float, int]], used: set[int] | None = None) -> Shape:
        """The direct answer and the key points."""
        best = self.whole_item(self._best_plain(ranked, exclude=used or set()))
        points = self._points(ranked, (used or set()) | set(self._rows([best])), limit=MAX_POINTS)
        return Shape([best], [Group("**Key guidance**", points)] if points else [])

    def _listed(self, listing: Listing, ranked: list[tuple[float, int]], kind: str) -> Shape:
        """The best sentence outside the list, then the list (its lead-in and items), then a point or two."""
        members = listing.rows() | ({listing.lead} if listing.lead is not None else set())
        best = self._best_plain(ranked, exclude=members)
        style: Literal["bullets", "numbered"] = "numbered" if kind == "how_to" else "bullets"
        shape = Shape([self.whole_item(best)] if best not in members else [])
        if listing.lead is not None:
            if shape.direct:
                shape.groups.append(Group("", [Quote(listing.lead)], "plain"))
            else:
                shape.direct = [Quote(listing.lead)]
            shape.groups.append(Group("", listing.items, style))
        elif shape.direct:
            shape.groups.append(Group(_HEADINGS.get(kind, "**Key points**"), listing.items, style))
        else:
            shape.direct = listing.items[:1]
            shape.groups.append(Group(_HEADINGS.get(kind, "**Key points**"), listing.items[1:], style))
        more = self._points(ranked, members | set(self._rows(shape.direct)), limit=2)
        if more:
            shape.groups.append(Group("**Also**", more))
        return shape

    def _definition(self, evidence: Evidence, ranked: list[tuple[float, int]]) -> Shape:
        """What the thing is, then its parts (the list or table of its section, or one among the best).
        A lead-in that names the thing ("STRIVE evaluates six dimensions:") opens the answer."""
        best = self._best_plain(ranked, exclude=[])
        section = self.unit(best).section
        near = [(score, row) for score, row in ranked if self.unit(row).section == section]
        listing = self._listing(near)[0] or self._listing(ranked)[0]
        if listing is None:
            return self._explained(ranked)
        members = listing.rows()
        asked = frozenset(analyze(evidence.question))
        lead = listing.lead
        if lead is not None and asked & frozenset(analyze(self.unit(lead).span.display)):
            shape = Shape([Quote(lead)], [Group("", listing.items)])
            used = members | {lead}
        else:
            direct = self.whole_item(best) if best not in members else Quote(best)
            shape = Shape([direct])
            if lead is not None:
                shape.groups.append(Group("", [Quote(lead)], "plain"))
            shape.groups.append(Group("" if lead is not None else "**Its parts**", listing.items))
            used = members | set(self._rows([direct])) | ({lead} if lead is not None else set())
        more = self._points(ranked, used, limit=2)
        if more:
            shape.groups.append(Group("**Key guidance**", more))
        return shape

    def _decision(self, evidence: Evidence, ranked: list[tuple[float, int]]) -> Shape:
        """The best sentence, then what it takes and the risks to weigh: the candidates ranked again with
        their closeness to each aspect added (precomputed directions, no model call)."""
        best = self.whole_item(self._best_plain(ranked, exclude=[]))
        used = set(self._rows([best]))
        focus = {self.unit(row).section for _, row in ranked[:3]}  # what it takes: from the answer's sections
        conditions = self._points(
            [(s, r) for s, r in self._aspect(evidence, "conditions") if self.unit(r).section in focus],
            used,
            limit=2,
        )
        enumerated = next((p for q in conditions if (p := self._paragraph_list(q.row)) is not None), None)
        if enumerated is not None:  # "This audit should answer key questions: ...?" brings its questions
            conditions = [Quote(enumerated.lead or enumerated.items[0].row), *enumerated.items[:4]]
        used |= set(self._rows(conditions))
        risks = self._points(self._aspect(evidence, "risks"), used, limit=3)
        shape = Shape([best])
        if conditions:
            shape.groups.append(Group("**What it takes**", conditions))
        if risks:
            shape.groups.append(Group("**Risks to weigh**", risks))
        return shape

    def _comparison(self, evidence: Evidence, ranked: list[tuple[float, int]]) -> Shape:
        """The sentence that names both sides (if any), then each side in turn."""
        named = [
            (side, terms)
            for side in comparison_sides(evidence.question)
            if (terms := frozenset(analyze(side)))
        ]
        if len(named) < 2:
            return self._explained(ranked)
        terms_of = {row: frozenset(analyze(self.unit(row).span.display)) for _, row in ranked}
        plain = [row for _, row in ranked if not self.unit(row).span.lead_in]
        both = [row for row in plain if sum(bool(terms & terms_of[row]) for _, terms in named) >= 2]
        direct = self.whole_item(both[0] if both else plain[0] if plain else ranked[0][1])
        shape = Shape([direct])
        used = set(self._rows([direct]))
        for side, terms in named:
            mine = next((row for row in plain if row not in used and terms & terms_of[row]), None)
            if mine is not None:
                quote = self.whole_item(mine)
                used |= set(self._rows([quote]))
                shape.groups.append(Group(f"**{side[:1].upper()}{side[1:]}**", [quote]))
        more = self._points(ranked, used, limit=2 if shape.groups else MAX_POINTS)
        if more:
            shape.groups.append(Group("**Also**" if shape.groups else "**Key guidance**", more))
        return shape

    # --- pieces -------------------------------------------------------------------------------
    def _best_plain(self, ranked: list[tuple[float, int]], exclude: Iterable[int]) -> int:
        """The best sentence that is not a lead-in (a lead-in says nothing without its list)."""
        skip = set(exclude)
        for _, row in ranked:
            if row not in skip and not self.unit(row).span.lead_in:
                return row
        return ranked[0][1]

    def _points(
        self, ranked: list[tuple[float, int]], used: set[int], *, limit: int, keep_within: float = KEEP_WITHIN
    ) -> list[Quote]:
        """The next best distinct sentences (no lead-ins, no near-duplicates, a few per chunk), each
        quoted with the rest of its list item when that is short."""
        if not ranked:
            return []
        best = ranked[0][0]
        vectors = self.builder.units.vectors
        taken = set(used)
        per_chunk: dict[str, int] = {}  # within this group of points
        texts = [self.unit(r).span.text for r in used]
        picked: list[Quote] = []
        for score, row in ranked:
            if len(picked) >= limit or (score < best - keep_within and score < GOOD_SCORE):
                break
            unit = self.unit(row)
            if row in taken or unit.span.lead_in or per_chunk.get(unit.chunk_id, 0) >= PER_CHUNK:
                continue
            if any(unit.span.text in t or t in unit.span.text for t in texts):
                continue
            if any(float(vectors[row] @ vectors[other]) > DUPLICATE for other in taken):
                continue
            quote = self.whole_item(row)
            picked.append(quote)
            for r in self._rows([quote]):
                taken.add(r)
                texts.append(self.unit(r).span.text)
            per_chunk[unit.chunk_id] = per_chunk.get(unit.chunk_id, 0) + 1
        return picked

    def _rows(self, quotes: Iterable[Quote]) -> list[int]:
        return [r for q in quotes for r in [q.row, *q.rows]]

    def _list_of(self, row: int) -> Listing | None:
        """The list or table a unit belongs to or leads, across the section's chunks."""
        key, pos = self._pos[row]
        seq = self._seq[key]
        span = self.unit(row).span
        if span.lead_in:
            start = pos + 1
        elif span.is_item:
            start = pos
            while start > 0 and self.unit(seq[start - 1]).span.is_item:
                start -= 1
        else:
            return None
        end = start
        while end < len(seq) and self.unit(seq[end]).span.is_item:
            end += 1
        lead = seq[start - 1] if start > 0 and self.unit(seq[start - 1]).span.lead_in else None
        items: list[Quote] = []
        for p in range(start, end):
            unit = self.unit(seq[p])
            if unit.span.head or not items:
                items.append(Quote(seq[p]))
            else:
                items[-1].rows.append(seq[p])
        if len(items) < 2:
            return None
        kept = items[:MAX_ITEMS]
        members = [[q.row, *q.rows] for q in kept]
        return Listing(lead, [self._trim(q) for q in kept], members)

    def _paragraph_list(self, row: int) -> Listing | None:
        """A sentence that announces an enumeration its paragraph goes on with ("several common pitfalls
        can derail AI strategies. “Chasing shiny objects” ... “Siloed implementations,” ...")."""
        span = self.unit(row).span
        if span.is_item or not _ENUMERATION.search(span.display):
            return None
        key, pos = self._pos[row]
        seq = self._seq[key]
        following: list[Quote] = []
        for p in range(pos + 1, len(seq)):
            unit = self.unit(seq[p])
            if unit.span.is_item or unit.span.head or unit.span.lead_in:
                break
            following.append(Quote(seq[p]))
        if len(following) < 2:
            return None
        kept = following[:MAX_ITEMS]
        return Listing(row, kept, [[q.row] for q in kept])

    def _listing(self, ranked: list[tuple[float, int]]) -> tuple[Listing | None, int]:
        """The list the top sentences point at, and how many of its members (items, lead-in) are among
        them; a list counts when one of its members is among the best three, or two among the best."""
        if not ranked:
            return None, 0
        best = ranked[0][0]
        top = [row for score, row in ranked[:LIST_WINDOW] if score >= best - LIST_MARGIN]
        for rank, row in enumerate(top):
            unit = self.unit(row)
            if not (unit.span.lead_in or unit.span.is_item):
                continue
            found = self._list_of(row)
            if found is None:
                continue
            support = self._support(found, top)
            if rank < 3 or support >= 2:
                return found, support
        return None, 0

    def _support(self, listing: Listing, top: list[int]) -> int:
        """How many of the list's items (or its lead-in) are among the top sentences."""
        canonical = {self._canonical(r) for r in top}
        count = sum(1 for rows in listing.members if {self._canonical(r) for r in rows} & canonical)
        return count + (listing.lead is not None and self._canonical(listing.lead) in canonical)

    def _canonical(self, row: int) -> int:
        key, pos = self._pos[row]
        return self._seq[key][pos]

    def _trim(self, quote: Quote) -> Quote:
        """An item quoted whole when short, else by its first sentence."""
        if not quote.rows:
            return quote
        whole = self.unit(quote.rows[-1]).span.end - self.unit(quote.row).span.start
        same_chunk = all(self.unit(r).chunk_id == self.unit(quote.row).chunk_id for r in quote.rows)
        return quote if whole <= WHOLE_ITEM_CHARS and same_chunk else Quote(quote.row)

    def whole_item(self, row: int) -> Quote:
        """A sentence of a list item, quoted with the rest of its item when that is short."""
        span = self.unit(row).span
        if not span.is_item:
            return Quote(row)
        rows = [
            r for r in self.builder.units.rows_of[self.unit(row).chunk_id]
            if self.unit(r).span.block == span.block and self.unit(r).span.item == span.item
        ]  # fmt: skip
        head, rest = rows[0], rows[1:]
        return self._trim(Quote(head, rest)) if head == row else Quote(row)


@dataclass
class Listing:
    """A list to quote: its lead-in (if any) and its items."""

    lead: int | None
    items: list[Quote]
    members: list[list[int]] = field(default_factory=list)  # every sentence of each item

    def rows(self) -> set[int]:
        return {r for rows in self.members for r in rows} | {r for q in self.items for r in [q.row, *q.rows]}


LIST_TYPES = ("list", "how_to", "risks", "measure")
_HEADINGS = {
    "list": "**What it covers**",
    "how_to": "**Steps**",
    "risks": "**Risks**",
    "measure": "**What to measure**",
}


def comparison_sides(question: str) -> list[str]:
    """The options a comparison weighs: "RICE or ICE?" → ["RICE", "ICE"]; [] when it names none."""
    between = _BETWEEN.search(question)
    if between:
        parts = [between.group("a"), between.group("b")]
    else:
        text = _WHICH.sub("", question)
        parts = [_LEAD.sub("", p.strip(" ?.!,")).strip() for p in _SIDES.split(text)]
    sides = [
        re.sub(r"\s+enough$", "", p, flags=re.IGNORECASE)
        for p in parts
        if p and len(p.split()) <= MAX_SIDE_WORDS and not _QUESTION_START.match(p)
    ]
    return sides if len(sides) >= 2 else []
