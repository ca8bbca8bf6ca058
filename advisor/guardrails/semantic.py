"""Semantic backstop for the input guardrail: nearest curated exemplar, harmful versus benign.

Regular expressions catch the phrasings they were written for; owners phrase things in endless ways.
Every rule's ``examples`` (harmful) and the ``near_misses`` plus ``benign_examples`` (answerable) are
embedded once. A message is flagged when its nearest harmful exemplar is at least ``threshold``
similar and beats the nearest benign exemplar by ``margin``; near-misses therefore pull the decision
back towards answering.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from advisor.guardrails.rules import Rule, RuleBook
from advisor.providers.embeddings import Embedder

DEFAULT_THRESHOLD = 0.5
DEFAULT_MARGIN = 0.05


@dataclass(frozen=True)
class SemanticHit:
    rule: Rule
    exemplar: str
    similarity: float
    benign_similarity: float


class SemanticGuard:
    def __init__(
        self,
        book: RuleBook,
        embedder: Embedder,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
    ) -> None:
        self.embedder = embedder
        self.threshold = threshold
        self.margin = margin
        self._harmful = [(rule, text) for rule in book.rules for text in rule.examples]
        benign = [t for rule in book.rules for t in rule.near_misses] + list(book.benign_examples)
        self._benign = benign
        vectors = embedder.embed_documents([t for _, t in self._harmful] + benign)
        matrix = np.asarray(vectors, dtype=np.float32)
        self._harmful_matrix = matrix[: len(self._harmful)]
        self._benign_matrix = matrix[len(self._harmful) :]

    def check(self, text: str) -> SemanticHit | None:
        query = np.asarray(self.embedder.embed_query(text), dtype=np.float32)
        harmful = self._harmful_matrix @ query
        benign = self._benign_matrix @ query if len(self._benign) else np.zeros(1, dtype=np.float32)
        best = int(np.argmax(harmful))
        top, top_benign = float(harmful[best]), float(np.max(benign))
        if top >= self.threshold and top - top_benign >= self.margin:
            rule, exemplar = self._harmful[best]
            return SemanticHit(rule, exemplar, round(top, 3), round(top_benign, 3))
        return None
