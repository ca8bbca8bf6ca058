"""In-process BM25 (``bm25s``) over the same chunks Chroma holds; Chroma's local mode has no sparse index."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache

import bm25s
import numpy as np
import Stemmer

logging.getLogger("bm25s").setLevel(logging.WARNING)

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
# bm25s' English list plus words every owner question carries and no passage is about.
STOPWORDS = frozenset(bm25s.stopwords.STOPWORDS_EN) | frozenset(
    [
        "i",
        "me",
        "my",
        "we",
        "our",
        "us",
        "you",
        "your",
        "should",
        "could",
        "would",
        "can",
        "how",
        "what",
        "which",
        "do",
        "does",
        "did",
        "get",
        "make",
        "best",
        "way",
        "ways",
        "want",
        "need",
        "good",
        "what's",
        "whats",
        "mean",
        "means",
        "stand",
        "stands",
    ]
)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def analyze(text: str) -> list[str]:
    """Lower-case, split on words (keeping e-commerce, a/b-style compounds), drop stopwords, stem."""
    words = [w for w in _TOKEN.findall(text.lower().replace("’", "'")) if w not in STOPWORDS]
    expanded: list[str] = []
    for word in words:
        expanded.append(word)
        if "-" in word:  # "e-commerce" also matches "ecommerce"; "real-time" matches "real time"
            expanded.append(word.replace("-", ""))
            expanded.extend(part for part in word.split("-") if part not in STOPWORDS and len(part) > 1)
    stems: list[str] = _stemmer().stemWords(expanded)
    return stems


class LexicalIndex:
    """BM25 over texts, addressed by id."""

    def __init__(self, ids: Sequence[str], texts: Sequence[str]) -> None:
        self.ids = list(ids)
        self._model = bm25s.BM25()
        corpus_tokens = [analyze(t) or ["_empty_"] for t in texts]
        self._model.index(corpus_tokens, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        """The BM25 score of every indexed text for ``query``, in index order."""
        tokens = analyze(query)
        if not tokens or not self.ids:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._model.get_scores(tokens), dtype=np.float32)

    def search(self, query: str, limit: int) -> list[tuple[str, float]]:
        """Best ids for ``query`` with their BM25 scores (only ids with a positive score)."""
        tokens = analyze(query)
        if not tokens or not self.ids:
            return []
        scores = np.asarray(self._model.get_scores(tokens))
        order = np.argsort(-scores, kind="stable")[:limit]
        return [(self.ids[i], float(scores[i])) for i in order if scores[i] > 0]
