"""Features for the learned heads: the sentence embedding, word n-grams (TF-IDF) and context.

The embedding carries meaning ("we could put 200 towards it" ≈ a budget); word n-grams carry the
cues it blurs ("actually", "start over", "true or not"). Both feed one linear model. The n-gram
vocabulary and IDF weights are fitted on the training texts and stored as plain arrays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

NGRAMS = (1, 2)
TOKEN_PATTERN = r"(?u)\b\w[\w']*\b|[?!$€£%]"


@dataclass(frozen=True)
class NGramFeatures:
    """A fitted TF-IDF vocabulary, applied to new texts as dense rows scaled by ``weight``."""

    terms: tuple[str, ...]
    idf: np.ndarray
    weight: float

    @classmethod
    def fit(cls, texts: Sequence[str], weight: float, min_df: int = 2) -> NGramFeatures:
        vectorizer = TfidfVectorizer(
            ngram_range=NGRAMS, min_df=min_df, sublinear_tf=True, lowercase=True, token_pattern=TOKEN_PATTERN
        )
        vectorizer.fit(list(texts))
        terms = sorted(vectorizer.vocabulary_, key=lambda t: vectorizer.vocabulary_[t])
        return cls(tuple(terms), vectorizer.idf_.astype(np.float32), weight)

    @cached_property
    def _vectorizer(self) -> TfidfVectorizer:
        vectorizer = TfidfVectorizer(
            ngram_range=NGRAMS,
            sublinear_tf=True,
            lowercase=True,
            token_pattern=TOKEN_PATTERN,
            vocabulary={t: i for i, t in enumerate(self.terms)},
        )
        vectorizer.idf_ = self.idf
        return vectorizer

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        if not self.terms or self.weight == 0:
            return np.zeros((len(texts), 0), dtype=np.float32)
        rows: np.ndarray = self._vectorizer.transform(list(texts)).toarray().astype(np.float32)
        return rows * self.weight

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, terms=np.array(self.terms), idf=self.idf, weight=np.array([self.weight]))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> NGramFeatures:
        with np.load(path, allow_pickle=False) as data:
            return cls(tuple(str(t) for t in data["terms"]), data["idf"], float(data["weight"][0]))
