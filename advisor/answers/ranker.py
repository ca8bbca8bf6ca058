"""The sentence ranker: logistic regression over the evidence features, fitted on labelled questions.

Labels come from questions with known good answers, never from hand-set weights: the curated questions
of ``knowledge/answers/questions.yaml`` (gold sections: their topic's) and the answers dev set
(``evals/datasets/answers.yaml``, its gold sections). A candidate sentence is positive when it sits
in a gold section and names one of the question's key facts. The question's type and topic
distributions for the curated questions are predicted out of fold (heads fitted without them), so the
ranker learns how far to trust the heads on questions they have not seen. The held-out check set is
never used.

The fitted weights (standardisation, coefficients) are cached under the data dir as plain arrays,
keyed by a hash of everything they depend on: training questions, index content, unit and feature
versions, head and ranker settings and the embedding model.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from pydantic import BaseModel, Field
from sklearn.linear_model import LogisticRegression

from advisor.answers.evidence import FEATURES, Evidence, EvidenceBuilder
from advisor.answers.questions import QuestionReader, QuestionReading, fit_heads
from advisor.config import PROJECT_ROOT
from advisor.knowledge.units import UNITS_VERSION
from advisor.retrieval.lexical import STOPWORDS
from advisor.understanding.classifier import SEED, cache_key

logger = logging.getLogger(__name__)
DEV_SET = PROJECT_ROOT / "evals" / "datasets" / "answers.yaml"
RANKER_VERSION = "1"
FOLDS = 5


class RankerConfig(BaseModel):
    """Chosen by cross-validation over questions on the training data (see ``cross_validate``)."""

    c: float = Field(0.5, description="Inverse L2 strength of the logistic regression.")
    balanced: bool = Field(True, description="Weight the rare positives up to the negatives.")


@dataclass(frozen=True)
class TrainingQuestion:
    question: str
    gold: tuple[str, ...]
    facts: tuple[tuple[str, ...], ...]
    heldout_reading: bool  # True: the heads never saw it (dev set); False: read out of fold


@dataclass(frozen=True)
class RankerWeights:
    """A fitted ranker: standardise, then a linear score (higher: a better sentence to quote)."""

    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def score(self, features: np.ndarray) -> np.ndarray:
        if features.shape[0] == 0:
            return np.zeros(0, dtype=np.float32)
        out: np.ndarray = ((features - self.mean) / self.scale) @ self.coef + self.intercept
        return out

    def probability(self, features: np.ndarray) -> np.ndarray:
        out: np.ndarray = 1.0 / (1.0 + np.exp(-self.score(features)))
        return out

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npz")
        np.savez(
            tmp, names=np.array(self.names), mean=self.mean, scale=self.scale, coef=self.coef,
            intercept=np.array([self.intercept]),
        )  # fmt: skip
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> RankerWeights:
        with np.load(path, allow_pickle=False) as data:
            names = tuple(str(x) for x in data["names"])
            if names != FEATURES:
                raise ValueError("the cached ranker has another feature layout")
            return cls(names, data["mean"], data["scale"], data["coef"], float(data["intercept"][0]))


def training_questions(reader: QuestionReader, dev_set: Path | None = DEV_SET) -> list[TrainingQuestion]:
    """The curated questions with key facts, then the dev set's questions."""
    out = [
        TrainingQuestion(
            q.q,
            tuple(reader.topics.topics[topic].sections),
            tuple(tuple(alt.lower() for alt in fact) for fact in q.facts),
            heldout_reading=False,
        )
        for topic in sorted(reader.data.questions)
        for q in reader.data.questions[topic]
        if q.facts and reader.topics.topics[topic].sections
    ]
    if dev_set is not None and dev_set.exists():
        data = yaml.safe_load(dev_set.read_text(encoding="utf-8")) or {}
        for case in data.get("cases", []):
            out.append(
                TrainingQuestion(
                    str(case["question"]),
                    tuple(case.get("gold", [])),
                    tuple(tuple(str(alt).lower() for alt in fact) for fact in case.get("facts", [])),
                    heldout_reading=True,
                )
            )
    return out


def labels(evidence: Evidence, builder: EvidenceBuilder, question: TrainingQuestion) -> np.ndarray:
    """1 for a candidate in a gold section that names a key fact."""
    out = np.zeros(len(evidence), dtype=np.int64)
    for i, row in enumerate(evidence.rows):
        unit = builder.unit(row)
        if unit.section not in question.gold:
            continue
        text = f"{unit.span.text}\n{unit.span.display}".lower()
        out[i] = any(alt in text for fact in question.facts for alt in fact)
    return out


def out_of_fold_readings(
    reader: QuestionReader, vectors: dict[str, np.ndarray]
) -> dict[str, QuestionReading]:
    """Each curated question read by heads fitted on the other folds (deterministic folds)."""
    rows = reader.data.rows()
    folds = [rows[i::FOLDS] for i in range(FOLDS)]
    out: dict[str, QuestionReading] = {}
    for i, held in enumerate(folds):
        train = [r for j, fold in enumerate(folds) if j != i for r in fold]
        texts = [q for q, _, _ in train]
        heads = fit_heads(
            texts,
            [t for _, t, _ in train],
            [t for _, _, t in train],
            np.stack([vectors[t] for t in texts]),
            reader.config,
        )
        held_texts = [q for q, _, _ in held]
        for text, distributions in zip(
            held_texts,
            heads.distributions(np.stack([vectors[t] for t in held_texts]), held_texts),
            strict=True,
        ):
            out[text] = reader.reading(distributions)
    return out


def dataset(
    builder: EvidenceBuilder, questions: Sequence[TrainingQuestion]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, labels, question index) over every candidate of every training question."""
    reader = builder.reader
    texts = sorted({q.question for q in questions} | {q for q, _, _ in reader.data.rows()})
    matrix = np.asarray(reader.embedder.embed_documents(texts), dtype=np.float32)
    vectors = {t: matrix[i] for i, t in enumerate(texts)}
    oof = out_of_fold_readings(reader, vectors)
    xs, ys, groups = [], [], []
    for g, question in enumerate(questions):
        vector = vectors[question.question]
        reading = (
            oof[question.question]
            if not question.heldout_reading and question.question in oof
            else reader.read(question.question, vector)
        )
        evidence = builder.gather(question.question, vector, reading)
        xs.append(evidence.features)
        ys.append(labels(evidence, builder, question))
        groups.append(np.full(len(evidence), g))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(groups)


def fit(features: np.ndarray, y: np.ndarray, config: RankerConfig) -> RankerWeights:
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    scale[scale < 1e-6] = 1.0
    model = LogisticRegression(
        C=config.c,
        max_iter=5000,
        class_weight="balanced" if config.balanced else None,
        random_state=SEED,
    )
    model.fit((features - mean) / scale, y)
    return RankerWeights(
        FEATURES,
        mean.astype(np.float32),
        scale.astype(np.float32),
        model.coef_[0].astype(np.float32),
        float(model.intercept_[0]),
    )


def train_ranker(
    builder: EvidenceBuilder,
    cache_dir: Path | None,
    config: RankerConfig | None = None,
    dev_set: Path | None = DEV_SET,
) -> RankerWeights:
    """Fit (or load from ``cache_dir``) the sentence ranker."""
    config = config or RankerConfig()
    questions = training_questions(builder.reader, dev_set)
    key = cache_key(
        RANKER_VERSION, UNITS_VERSION, FEATURES, builder.reader.embedder.model_id,
        sorted(builder.units.rows_of), [q.__dict__ for q in questions], builder.reader.data.rows(),
        builder.reader.config.model_dump(), config.model_dump(), builder.topic_settings(), sorted(STOPWORDS),
    )  # fmt: skip
    path = cache_dir / f"answers-ranker-{key}.npz" if cache_dir else None
    if path is not None and path.exists():
        try:
            return RankerWeights.load(path)
        except (OSError, ValueError, KeyError) as exc:
            logger.warning("retraining: the cached sentence ranker is unreadable (%s)", exc)
    logger.info("training the sentence ranker on %d questions (%s)", len(questions), key)
    features, y, _ = dataset(builder, questions)
    weights = fit(features, y, config)
    if path is not None:
        try:
            weights.save(path)
        except OSError as exc:
            logger.warning("could not cache the sentence ranker: %s", exc)
    return weights
