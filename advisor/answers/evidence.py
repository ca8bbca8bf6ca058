"""The candidate sentences for a question and what the ranker knows about each.

Candidates are the units (advisor/knowledge/units.py) of the retrieved chunks, plus those of the
sections of the question's likely topics (advisor/answers/questions.py), so a question phrased far
from the corpus's words still reaches the section that treats its topic. Each candidate gets a
feature row: closeness to the question (embedding, word overlap, BM25 of the sentence, the rank of
its chunk, words of its section's title, the topic's weight), its form (list item, table row,
lead-in, first of its item, a number, a question) and that form crossed with the question's type, so
the fitted ranker (advisor/answers/ranker.py) can learn that list questions want items and
decisions want conditions. All vectors were computed at ingest; nothing here calls the model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from advisor.answers.questions import QUESTION_TYPES, QuestionReader, QuestionReading
from advisor.retrieval.knowledge_base import KnowledgeBase
from advisor.retrieval.lexical import LexicalIndex, analyze
from advisor.retrieval.lexicon import QueryLexicon
from advisor.retrieval.sentences import StoredUnit, UnitMatrix, context_text

RETRIEVED_CHUNKS = 10
TOPIC_THRESHOLD = 0.3  # a topic at least this likely brings its sections' sentences in
MAX_TOPIC_CHUNKS = 8
_NUMBER = re.compile(r"\d")
FORM_FEATURES = ("item", "lead_in", "number", "question")
BASE_FEATURES = (
    "sim", "sim_gap", "overlap", "bm25", "chunk_rank", "topic_only", "title", "topic", "item", "row",
    "lead_in", "head", "number", "length", "first", "question",
)  # fmt: skip
FEATURES = BASE_FEATURES + tuple(f"{t}×{f}" for t in QUESTION_TYPES for f in FORM_FEATURES)


@dataclass
class Evidence:
    """One question's candidate units (rows of the unit matrix) and their features."""

    question: str
    reading: QuestionReading
    rows: list[int]
    chunk_rank: list[int]  # rank of the unit's chunk among the retrieved ones; -1: from a likely topic
    features: np.ndarray
    similarity: np.ndarray  # cosine of each candidate to the question

    def __len__(self) -> int:
        return len(self.rows)


class EvidenceBuilder:
    """Gathers candidates and computes their features; shared by answering and by ranker training."""

    def __init__(self, kb: KnowledgeBase, reader: QuestionReader, lexicon: QueryLexicon) -> None:
        self.kb = kb
        self.reader = reader
        self.lexicon = lexicon
        units = kb.units
        self.units: UnitMatrix = units
        self._terms = [frozenset(analyze(context_text(u.section, u.span))) for u in units.units]
        self._titles = {u.section: frozenset(analyze(u.section)) for u in units.units}
        self._lexical = LexicalIndex(
            [str(i) for i in range(len(units))], [context_text(u.section, u.span) for u in units.units]
        )
        self._form = np.array([_form(u) for u in units.units], dtype=np.float32)
        sections: dict[str, list[str]] = {}
        for chunk_id in units.rows_of:
            section = units.units[units.rows_of[chunk_id][0]].section
            sections.setdefault(section, []).append(chunk_id)
        self._chunks_of_section = sections
        reader.topics.check_sections(set(sections))

    def topic_settings(self) -> tuple[object, ...]:
        """What shapes the candidates besides the index (part of the ranker's cache key)."""
        s = self.kb.settings
        return (
            RETRIEVED_CHUNKS,
            TOPIC_THRESHOLD,
            MAX_TOPIC_CHUNKS,
            s.retrieval_candidates,
            s.rrf_k,
            s.max_per_section,
        )

    def unit(self, row: int) -> StoredUnit:
        return self.units.units[row]

    def gather(
        self,
        question: str,
        vector: Sequence[float] | np.ndarray,
        reading: QuestionReading,
        k: int = RETRIEVED_CHUNKS,
    ) -> Evidence:
        hits = self.kb.retrieve(question, k, vector=vector)
        order = [(h.chunk_id, rank) for rank, h in enumerate(hits)]
        seen = {h.chunk_id for h in hits}
        extra = 0
        for section in self.reader.likely_sections(reading, TOPIC_THRESHOLD):
            for chunk_id in self._chunks_of_section.get(section, []):
                if chunk_id not in seen and extra < MAX_TOPIC_CHUNKS:
                    seen.add(chunk_id)
                    order.append((chunk_id, -1))
                    extra += 1
        rows: list[int] = []
        ranks: list[int] = []
        texts: set[str] = set()
        for chunk_id, rank in order:
            for row in self.units.rows_of.get(chunk_id, []):
                text = self.units.units[row].span.text
                if text in texts:  # overlapping chunks repeat a sentence: keep its best-ranked copy
                    continue
                texts.add(text)
                rows.append(row)
                ranks.append(rank)
        return self.featurise(question, vector, reading, rows, ranks)

    def featurise(
        self,
        question: str,
        vector: Sequence[float] | np.ndarray,
        reading: QuestionReading,
        rows: list[int],
        ranks: list[int],
        types: dict[str, float] | None = None,
    ) -> Evidence:
        """Feature rows for these candidates; ``types`` replaces the question's type distribution."""
        q = np.asarray(vector, dtype=np.float32)
        n = len(rows)
        if n == 0:
            return Evidence(question, reading, [], [], np.zeros((0, len(FEATURES))), np.zeros(0))
        index = np.asarray(rows)
        sim = self.units.vectors[index] @ q
        expanded = self.lexicon.expand(question)
        terms = frozenset(analyze(expanded))
        bm25 = self._lexical.scores(expanded)[index]
        top_bm25 = float(bm25.max()) if n else 0.0
        rank = np.asarray(ranks, dtype=np.float32)
        out = np.zeros((n, len(FEATURES)), dtype=np.float32)
        out[:, 0] = sim
        out[:, 1] = sim - sim.max()
        out[:, 2] = [len(terms & self._terms[r]) / len(terms) if terms else 0.0 for r in rows]
        out[:, 3] = bm25 / top_bm25 if top_bm25 > 0 else 0.0
        out[:, 4] = np.where(rank >= 0, 1.0 / (1.0 + np.maximum(rank, 0.0)), 0.0)
        out[:, 5] = rank < 0
        out[:, 6] = [
            len(terms & self._titles[self.units.units[r].section]) / len(terms) if terms else 0.0
            for r in rows
        ]
        out[:, 7] = [self.reader.section_weight(reading, self.units.units[r].section) for r in rows]
        form = self._form[index]
        out[:, 8:16] = form
        distribution = types if types is not None else reading.types
        start = len(BASE_FEATURES)
        cross = form[:, [0, 2, 4, 7]]  # item-or-row, lead-in, number, question
        for i, t in enumerate(QUESTION_TYPES):
            out[:, start + 4 * i : start + 4 * i + 4] = cross * distribution.get(t, 0.0)
        return Evidence(question, reading, list(rows), list(ranks), out, sim)


def _form(unit: StoredUnit) -> list[float]:
    span = unit.span
    return [
        float(span.is_item),
        float(span.kind == "row"),
        float(span.lead_in),
        float(span.head),
        float(bool(_NUMBER.search(span.display))),
        min(len(span.display), 400) / 400,
        float(span.index == 0),
        float(span.display.rstrip().endswith("?")),
    ]
