"""A deterministic hashing embedder for tests of ingest bookkeeping (not retrieval quality)."""

from __future__ import annotations

import hashlib
import math
import re

from advisor.providers.embeddings import Embedder


class HashingEmbedder(Embedder):
    """Bag-of-words vectors from hashed tokens; records every text it was asked to embed."""

    model_id = "test-hashing-64"

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.embedded: list[str] = []

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        for token in re.findall(r"\w+", text.lower()):
            vec[int(hashlib.md5(token.encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.embedded.extend(texts)
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)
