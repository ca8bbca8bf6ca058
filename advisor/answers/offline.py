"""The offline answerer: the question's type and topic, the candidate sentences, the fitted ranker,
then an extractive composition shaped for the type (advisor/answers/compose.py) in which every
sentence is a quote carrying its [n]. When nothing in the corpus is close enough, it says so instead
of padding.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from advisor.answers.citing import mark_sentences
from advisor.answers.compose import Composer, Quote, Shape
from advisor.answers.evidence import Evidence, EvidenceBuilder
from advisor.answers.models import Citation
from advisor.answers.questions import QuestionReading
from advisor.knowledge.references import SourceRef
from advisor.retrieval.retriever import Hit
from advisor.retrieval.sentences import StoredUnit

NOT_COVERED = (
    "My knowledge base — four expert documents on e-commerce AI strategy for small businesses — does not "
    "cover this question, so I won't guess."
)
COVER_SIMILARITY = 0.3  # the closest sentence at least this similar: the corpus covers the question
COVER_WITH_WORDS = 0.2  # ...or this similar while naming half its words ("RICE or ICE?")
COVER_OVERLAP = 0.5
COVER_WITH_ALL_WORDS = 0.12  # ...or this similar while naming all of them ("what does RICE mean")


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

    def cite_ref(self, ref: SourceRef) -> int:
        return self.cite(ref.chunk_id, ref.source, ref.section, ref.quote)

    def marker(self, refs: Sequence[SourceRef]) -> str:
        """ "[n]" for the first of ``refs`` ("" when there is none)."""
        return f"[{self.cite_ref(refs[0])}]" if refs else ""

    @classmethod
    def following(cls, citations: list[Citation]) -> CitationBuilder:
        """A builder that goes on numbering after ``citations`` (and reuses their numbers)."""
        builder = cls()
        builder.citations = list(citations)
        return builder

    def cite_unit(self, unit: StoredUnit, source: str, text: str | None = None) -> int:
        return self.cite(unit.chunk_id, source, unit.section, text if text is not None else unit.span.text)


class OfflineAnswerer:
    def __init__(self, builder: EvidenceBuilder, composer: Composer) -> None:
        self.builder = builder
        self.composer = composer
        self._sources = {cid: c.source for cid, c in builder.kb.retriever.chunks.items()}

    def evidence(self, question: str, vector: np.ndarray, reading: QuestionReading) -> Evidence:
        return self.builder.gather(question, vector, reading)

    @staticmethod
    def covered(evidence: Evidence) -> bool:
        """Whether the corpus answers the question at all: a close sentence, or one that names the
        question's words and is not far from it ("what does RICE mean": a term the embedding blurs)."""
        if not len(evidence):
            return False
        if float(evidence.similarity.max()) >= COVER_SIMILARITY:
            return True
        overlap = evidence.features[:, 2]
        near = evidence.similarity
        return bool(
            np.any((overlap >= COVER_OVERLAP) & (near >= COVER_WITH_WORDS))
            or np.any((overlap >= 0.99) & (near >= COVER_WITH_ALL_WORDS))
        )

    def compose(self, question: str, vector: np.ndarray, reading: QuestionReading) -> Composition:
        evidence = self.evidence(question, vector, reading)
        if not self.covered(evidence):
            return Composition(text=NOT_COVERED, covered=False)
        return self.render(self.composer.shape(evidence, vector))

    def render(self, shape: Shape, builder: CitationBuilder | None = None) -> Composition:
        builder = builder or CitationBuilder()
        lines = [self._cited(q, builder) for q in shape.direct]
        for group in shape.groups:
            if not group.quotes:
                continue
            lines += ["", group.heading, ""] if group.heading else [""]
            for i, quote in enumerate(group.quotes, start=1):
                prefix = {"numbered": f"{i}. ", "bullets": "- ", "plain": ""}[group.style]
                lines.append(prefix + self._cited(quote, builder))
        text = "\n".join(lines).replace("\n\n\n", "\n\n")
        return Composition(text=text, citations=builder.citations)

    def passages(self, question: str, vector: np.ndarray, reading: QuestionReading) -> list[Hit]:
        """The selected quotes as numbered passages for a chat model to word (empty: not covered)."""
        evidence = self.evidence(question, vector, reading)
        if not self.covered(evidence):
            return []
        shape = self.composer.shape(evidence, vector)
        out: list[Hit] = []
        for quote in [*shape.direct, *(q for g in shape.groups for q in g.quotes)]:
            unit, text, _ = self._quote(quote)
            chunk = self.builder.kb.retriever.chunks[unit.chunk_id]
            out.append(
                Hit(
                    chunk_id=unit.chunk_id,
                    source=chunk.source,
                    title=chunk.title,
                    section=unit.section,
                    text=text,
                    score=0.0,
                )
            )
        return out

    def _quote(self, quote: Quote) -> tuple[StoredUnit, str, str]:
        """(first unit, the verbatim text quoted, the text shown) of a quote."""
        unit = self.builder.unit(quote.row)
        units = [unit, *(self.builder.unit(r) for r in quote.rows)]
        chunk_text = self.builder.kb.retriever.chunks[unit.chunk_id].text
        text = chunk_text[unit.span.start : units[-1].span.end]  # the item's sentences, verbatim
        return unit, text, " ".join(u.span.display for u in units)

    def _cited(self, quote: Quote, builder: CitationBuilder) -> str:
        """The quote as shown, with its marker after every sentence (no sentence without a source).

        A unit is one sentence (cut at ingest), so its marker follows it; only a table row, whose cells
        may hold several sentences, is split here."""
        unit, text, _ = self._quote(quote)
        marker = f"[{builder.cite_unit(unit, self._sources[unit.chunk_id], text)}]"
        units = [unit, *(self.builder.unit(r) for r in quote.rows)]
        return " ".join(
            mark_sentences(u.span.display, marker) if u.span.kind == "row" else f"{u.span.display} {marker}"
            for u in units
        )
