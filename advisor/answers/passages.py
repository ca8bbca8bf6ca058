"""Quotable units of retrieved passages (sentences and bullet items), scored against a question.

A unit is an exact substring of its chunk, so it can be quoted verbatim. Unit embeddings are cached
per chunk: the first question that retrieves a chunk pays for embedding its sentences.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import numpy as np

from advisor.providers.embeddings import Embedder
from advisor.retrieval.lexical import analyze
from advisor.retrieval.retriever import Hit

_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[A-Z“\"(‘'])")
MIN_UNIT_CHARS = 25


@dataclass(frozen=True)
class Unit:
    """A quotable sentence or bullet of one retrieved passage."""

    hit: Hit
    rank: int
    text: str

    @property
    def display(self) -> str:
        """The unit as shown in an answer: bullet dash dropped, '●' read as a colon, table cells joined."""
        if self.text.startswith("|"):
            cells = [c.strip() for c in self.text.strip("|").split("|") if c.strip()]
            return " — ".join(cells) + ("" if cells and cells[-1].endswith(".") else ".")
        text = self.text[2:] if self.text.startswith("- ") else self.text
        return re.sub(r"\s*●\s*", ": ", text).strip()


def split_units(text: str) -> list[str]:
    """Sentences of paragraphs, whole bullet items and table rows; each a substring of ``text``."""
    units: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("|"):
            if not re.fullmatch(r"\|[\s|:-]+\|", stripped) and not stripped.lower().startswith(
                ("| criterion", "| element", "| ai category", "| challenge")
            ):
                units.append(stripped)
            continue
        if stripped.startswith("- ") and len(stripped) <= 420:
            units.append(stripped)
            continue
        units.extend(part.strip() for part in _SENTENCE.split(stripped) if part.strip())
    return [u for u in units if len(u) >= MIN_UNIT_CHARS and u in text]


def is_lead_in(text: str) -> bool:
    return text.rstrip().endswith(":")


def is_list_item(text: str) -> bool:
    return text.startswith(("- ", "|"))


class UnitScorer:
    """Scores units by embedding similarity to the question plus lexical overlap."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self._cache: dict[str, tuple[list[str], np.ndarray]] = {}
        self._lock = threading.Lock()

    def units_of(self, hit: Hit) -> list[str]:
        """The quotable units of a passage, in reading order."""
        return self._units_of(hit)[0]

    def _units_of(self, hit: Hit) -> tuple[list[str], np.ndarray]:
        with self._lock:
            cached = self._cache.get(hit.chunk_id)
        if cached is not None:
            return cached
        texts = split_units(hit.text)
        # each unit is embedded with its section path: "Continuous Improvement Cycle: Data collection cadence – ..."
        contextual = [f"{hit.section}: {t}" for t in texts]
        vectors = (
            np.asarray(self.embedder.embed_documents(contextual), dtype=np.float32)
            if texts
            else np.zeros((0, 1))
        )
        with self._lock:
            self._cache[hit.chunk_id] = (texts, vectors)
        return texts, vectors

    def score(self, question: str, hits: list[Hit]) -> list[tuple[float, Unit, np.ndarray]]:
        """Every unit of the hits with its score, best first."""
        query = np.asarray(self.embedder.embed_query(question), dtype=np.float32)
        terms = set(analyze(question))
        scored: list[tuple[float, Unit, np.ndarray]] = []
        for rank, hit in enumerate(hits):
            texts, vectors = self._units_of(hit)
            if not texts:
                continue
            sims = vectors @ query
            for text, sim, vector in zip(texts, sims, vectors, strict=True):
                overlap = len(terms & set(analyze(text))) / len(terms) if terms else 0.0
                value = float(sim) + 0.15 * overlap + 0.12 / (rank + 1)
                if is_lead_in(text):  # a lead-in ("The plan must address:") is not an answer by itself
                    value -= 0.2
                scored.append((value, Unit(hit, rank, text), vector))
        scored.sort(key=lambda item: -item[0])
        return scored
