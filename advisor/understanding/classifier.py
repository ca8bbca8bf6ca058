"""Learned heads over sentence embeddings: multinomial logistic regression (scikit-learn).

Training is deterministic (fixed seed, lbfgs, a fixed order of examples) and takes seconds; the fitted
weights are cached under the data dir, keyed by a hash of the training data, the embedding model and
the feature layout, so a process start costs a file read. Weights are stored as plain arrays (npz), not
pickles, so the cache never executes code.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

logger = logging.getLogger(__name__)
SEED = 13


@dataclass(frozen=True)
class Head:
    """A fitted linear head: probabilities over ``labels`` for feature rows."""

    labels: tuple[str, ...]
    coef: np.ndarray  # (labels, features)
    intercept: np.ndarray  # (labels,)

    def proba(self, features: np.ndarray) -> np.ndarray:
        logits = features @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        out: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
        return out

    def predict(self, features: np.ndarray) -> list[tuple[str, float]]:
        """Best label and its probability, per row."""
        probs = self.proba(features)
        best = probs.argmax(axis=1)
        return [(self.labels[i], float(probs[row, i])) for row, i in enumerate(best)]

    def distributions(self, features: np.ndarray) -> list[dict[str, float]]:
        """Every label's probability, per row."""
        return [dict(zip(self.labels, map(float, row), strict=True)) for row in self.proba(features)]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, coef=self.coef, intercept=self.intercept, labels=np.array(self.labels))
        tmp.replace(path)

    @classmethod
    def empty(cls) -> Head:
        """A head with no labels: a placeholder while the features it will score are computed."""
        return cls((), np.zeros((0, 0)), np.zeros(0))

    @classmethod
    def load(cls, path: Path) -> Head:
        with np.load(path, allow_pickle=False) as data:
            return cls(tuple(str(x) for x in data["labels"]), data["coef"], data["intercept"])


def fit_head(features: np.ndarray, labels: Sequence[str], *, c: float = 4.0) -> Head:
    """Multinomial logistic regression, class-balanced, deterministic."""
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced", random_state=SEED)
    model.fit(features, list(labels))
    coef, intercept = model.coef_, model.intercept_
    if coef.shape[0] == 1:  # two labels: sigmoid(z) is softmax([-z/2, z/2])
        coef = np.vstack([-coef / 2, coef / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    return Head(tuple(str(x) for x in model.classes_), coef.astype(np.float32), intercept.astype(np.float32))


def cache_key(*parts: object) -> str:
    """A short stable hash of the training inputs."""
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode("utf-8"))
    return digest.hexdigest()[:16]


def cached_head(path: Path, build: Head | None = None) -> Head | None:
    """Load ``path`` when present and readable; otherwise save ``build`` there (if given) and return it."""
    if path.exists():
        try:
            return Head.load(path)
        except (OSError, ValueError, KeyError) as exc:
            logger.warning("ignoring an unreadable classifier cache %s: %s", path, exc)
    if build is not None:
        try:
            build.save(path)
        except OSError as exc:  # a read-only data dir still works, it just trains each start
            logger.warning("could not cache the classifier at %s: %s", path, exc)
    return build
