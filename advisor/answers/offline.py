"""The offline answerer: retrieval, then an extractive composition in which every sentence is a quote.

A direct answer first (the best-matching sentence of the corpus), then the key guidance (the next best,
diverse sentences), each carrying its [n]. When nothing in the corpus is close enough, it says so
instead of padding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from advisor.answers.models import Citation
from advisor.answers.passages import Unit, UnitScorer, is_lead_in, is_list_item
from advisor.retrieval.knowledge_base import KnowledgeBase
from advisor.retrieval.lexicon import QueryLexicon

NOT_COVERED = (
    "My knowledge base — four expert documents on e-commerce AI strategy for small businesses — does not "
    "cover this question, so I won't guess."
)
COVER_THRESHOLD = 0.36  # best unit score below this: the corpus does not answer the question
KEEP_WITHIN = 0.22  # further points must score within this of the best one...
POINT_FLOOR = 0.45  # ...and at least this
LEAD_IN_SLACK = 0.05  # a lead-in ("STRIVE evaluates six dimensions:") this close to the best brings its list
LIST_QUESTION_SLACK = 0.35  # ...and much further for list questions ("what does X include?")
LIST_QUESTION = re.compile(
    r"\b(include|includes|evaluate|evaluates|cover|covers|contain|involve|consist|steps|components|elements|parts|"
    r"criteria|dimensions|questions|practices|ways|checklist|list|kinds|types|examples)\b",
    re.IGNORECASE,
)
MAX_LIST_ITEMS = 6
DUPLICATE_SIMILARITY = 0.82


@dataclass
class Composition:
    """Markdown with [n] markers and the citations behind them."""

    text: str
    citations: list[Citation] = field(default_factory=list)
    covered: bool = True


class CitationBuilder:
    """Numbers quotes in order of first use; the same quote keeps its number."""

    def __init__(self, start: int = 1) -> None:
        self.citations: list[Citation] = []
        self._start = start

    def cite(self, chunk_id: str, source: str, section: str, quote: str) -> int:
        for citation in self.citations:
            if citation.chunk_id == chunk_id and citation.quote == quote:
                return citation.n
        n = self._start + len(self.citations)
        self.citations.append(Citation(n=n, chunk_id=chunk_id, source=source, section=section, quote=quote))
        return n

    def cite_unit(self, unit: Unit) -> int:
        return self.cite(unit.hit.chunk_id, unit.hit.source, unit.hit.section, unit.text)


class OfflineAnswerer:
    def __init__(self, kb: KnowledgeBase, scorer: UnitScorer, *, k: int = 8, max_points: int = 4) -> None:
        self.kb = kb
        self.lexicon = QueryLexicon.load(kb.settings.knowledge_dir)
        self.scorer = scorer
        self.k = k
        self.max_points = max_points

    def select(self, question: str) -> list[Unit]:
        """The direct answer and the key points, best first; empty when the corpus does not cover it."""
        expanded = self.lexicon.expand(question)
        hits = self.kb.retrieve(question, self.k)
        scored = self.scorer.score(expanded, hits)
        if not scored:
            return []
        best = scored[0][0]
        if best < COVER_THRESHOLD:
            return []
        slack = LIST_QUESTION_SLACK if LIST_QUESTION.search(question) else LEAD_IN_SLACK
        listed = self._list_answer(scored, best, slack)
        if listed:
            return listed
        picked: list[tuple[Unit, np.ndarray]] = []
        per_chunk: dict[str, int] = {}
        for score, unit, vector in scored:
            if len(picked) > self.max_points or (picked and score < max(POINT_FLOOR, best - KEEP_WITHIN)):
                break
            if per_chunk.get(unit.hit.chunk_id, 0) >= 2 or is_lead_in(unit.text):
                continue
            if any(
                float(vector @ other) > DUPLICATE_SIMILARITY or unit.text in p.text or p.text in unit.text
                for p, other in picked
            ):
                continue
            picked.append((unit, vector))
            per_chunk[unit.hit.chunk_id] = per_chunk.get(unit.hit.chunk_id, 0) + 1
        return [unit for unit, _ in picked]

    def _list_answer(
        self, scored: list[tuple[float, Unit, np.ndarray]], best: float, slack: float
    ) -> list[Unit]:
        """When the best match introduces a list ("... must define:"), answer with the list itself."""
        for score, unit, _ in scored[:25]:
            if not is_lead_in(unit.text) or score + 0.2 < best - slack:
                continue
            units = self.scorer.units_of(unit.hit)
            start = units.index(unit.text) + 1
            items = []
            for text in units[start:]:
                if not is_list_item(text):
                    break
                items.append(Unit(unit.hit, unit.rank, text))
            if len(items) >= 2:
                return [unit, *items[:MAX_LIST_ITEMS]]
        return []

    def compose(self, question: str) -> Composition:
        units = self.select(question)
        if not units:
            return Composition(text=NOT_COVERED, covered=False)
        builder = CitationBuilder()
        direct, rest = units[0], units[1:]
        lines = [_cited(direct, builder.cite_unit(direct))]
        if rest:
            lines += ["", "**Key guidance**", ""] if not is_lead_in(direct.text) else [""]
            lines += [f"- {_cited(unit, builder.cite_unit(unit))}" for unit in rest]
        return Composition(text="\n".join(lines), citations=builder.citations)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


def _cited(unit: Unit, n: int) -> str:
    """The unit's display text with the marker after every sentence (no sentence without a source)."""
    parts = [p for p in _SENTENCE_END.split(unit.display) if p.strip()]
    return " ".join(f"{p.strip()} [{n}]" for p in parts)
