"""Question understanding for answers: what kind of answer a question wants, and what it is about.

Two learned heads in the style of the understanding layer (advisor/understanding/classifier.py):
logistic regression over the question's MiniLM embedding plus word n-grams (TF-IDF), trained on the
curated questions of ``knowledge/answers/questions.yaml`` and cached under the data dir by a hash of
the data, the embedding model and the configuration.

- type: definition, list, how_to, decision, comparison, risks, measure or explain — the composer
  shapes the answer for it (a definition names the thing and its parts, a list quotes the list, ...);
- topic: one of ``knowledge/answers/topics.yaml`` (chatbots, pricing, vendors, ...), each with the
  corpus sections that treat it — retrieval then also considers those sections' passages, and the
  sentence ranker sees whether a sentence's section belongs to the likely topics.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field, field_validator

from advisor.errors import ServiceError
from advisor.knowledge.curated import load_curated
from advisor.providers.embeddings import Embedder
from advisor.understanding.classifier import Head, cache_key, fit_head
from advisor.understanding.features import NGramFeatures

logger = logging.getLogger(__name__)

QUESTION_TYPES = ("definition", "list", "how_to", "decision", "comparison", "risks", "measure", "explain")
QUESTIONS_FILE = "answers/questions.yaml"
TOPICS_FILE = "answers/topics.yaml"
PLAN_TOPIC = "my_plan"
FEATURE_VERSION = "1"


class Topic(BaseModel):
    label: str = Field(description="What the topic covers, in plain words.")
    sections: list[str] = Field(description="Corpus section paths that treat the topic.")


class TopicBook(BaseModel):
    """The topics a question can be about (knowledge/answers/topics.yaml)."""

    source: str
    topics: dict[str, Topic] = Field(min_length=2)

    @classmethod
    def load(cls, knowledge_dir: Path) -> TopicBook:
        return cls.model_validate(load_curated(knowledge_dir, TOPICS_FILE))

    def check_sections(self, known: set[str]) -> None:
        """Fail loudly when a topic names a section the index does not have (a renamed heading)."""
        unknown = sorted({s for t in self.topics.values() for s in t.sections} - known)
        if unknown:
            raise ServiceError(f"{TOPICS_FILE} names sections the corpus does not have: {unknown}")


class LabelledQuestion(BaseModel):
    q: str = Field(min_length=2, description="The question as an owner would type it.")
    type: str = Field(description="One of QUESTION_TYPES.")
    facts: list[list[str]] = Field(
        default_factory=list, description="Key facts a good answer names, each a list of alternatives."
    )

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in QUESTION_TYPES:
            raise ValueError(f"unknown question type {value!r}; one of {QUESTION_TYPES}")
        return value


class QuestionSet(BaseModel):
    """Curated owner questions labelled with type, topic and key facts (knowledge/answers/questions.yaml)."""

    source: str
    questions: dict[str, list[LabelledQuestion]]

    @classmethod
    def load(cls, knowledge_dir: Path, topics: TopicBook) -> QuestionSet:
        data = cls.model_validate(load_curated(knowledge_dir, QUESTIONS_FILE))
        unknown = set(data.questions) - set(topics.topics)
        if unknown:
            raise ServiceError(f"{QUESTIONS_FILE} uses topics not in {TOPICS_FILE}: {sorted(unknown)}")
        return data

    def rows(self) -> list[tuple[str, str, str]]:
        """(question, type, topic) in a fixed order."""
        return [(q.q, q.type, topic) for topic in sorted(self.questions) for q in self.questions[topic]]


class HeadConfig(BaseModel):
    """Chosen by 5-fold cross-validation on the curated questions (never the check set): type accuracy
    0.79, topic accuracy 0.65 over 34 overlapping topics (the ranker uses the whole distribution)."""

    type_c: float = 4.0
    topic_c: float = 8.0
    type_ngrams: float = 1.0  # scale of the word n-gram block for the type head ("should i", " or ")
    topic_ngrams: float = 0.25  # ...and for the topic head (the embedding carries most of the topic)


@dataclass(frozen=True)
class QuestionReading:
    """What a question asks for: its type and topic, each with the full distribution."""

    type: str
    type_p: float
    topic: str
    topic_p: float
    types: dict[str, float] = field(default_factory=dict)
    topics: dict[str, float] = field(default_factory=dict)

    @property
    def about_plan(self) -> bool:
        return self.topic == PLAN_TOPIC


@dataclass(frozen=True)
class QuestionHeads:
    type_head: Head
    topic_head: Head
    ngrams: NGramFeatures  # fitted with weight 1; each head scales the block by its config weight
    config: HeadConfig

    def features(self, vectors: np.ndarray, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(type features, topic features) of questions."""
        grams = self.ngrams.transform(texts)
        return (
            np.hstack([vectors, grams * self.config.type_ngrams]),
            np.hstack([vectors, grams * self.config.topic_ngrams]),
        )

    def distributions(
        self, vectors: np.ndarray, texts: Sequence[str]
    ) -> list[tuple[dict[str, float], dict[str, float]]]:
        for_type, for_topic = self.features(vectors, texts)
        return list(
            zip(self.type_head.distributions(for_type), self.topic_head.distributions(for_topic), strict=True)
        )


def fit_heads(
    texts: Sequence[str], types: Sequence[str], topics: Sequence[str], vectors: np.ndarray, config: HeadConfig
) -> QuestionHeads:
    ngrams = NGramFeatures.fit(sorted(set(texts)), 1.0)
    shell = QuestionHeads(
        Head((), np.zeros((0, 0)), np.zeros(0)), Head((), np.zeros((0, 0)), np.zeros(0)), ngrams, config
    )
    for_type, for_topic = shell.features(vectors, texts)
    return QuestionHeads(
        fit_head(for_type, types, c=config.type_c),
        fit_head(for_topic, topics, c=config.topic_c),
        ngrams,
        config,
    )


class QuestionReader:
    """Reads a question's type and topic with the learned heads."""

    def __init__(
        self,
        embedder: Embedder,
        knowledge_dir: Path,
        cache_dir: Path | None = None,
        *,
        config: HeadConfig | None = None,
    ) -> None:
        self.embedder = embedder
        self.config = config or HeadConfig()
        self.topics = TopicBook.load(knowledge_dir)
        self.data = QuestionSet.load(knowledge_dir, self.topics)
        self.heads = self._train(cache_dir, self.config)
        self._sections: dict[str, list[str]] = {}
        for name, topic in self.topics.topics.items():
            for section in topic.sections:
                self._sections.setdefault(section, []).append(name)

    def _train(self, cache_dir: Path | None, config: HeadConfig) -> QuestionHeads:
        rows = self.data.rows()
        key = cache_key(FEATURE_VERSION, self.embedder.model_id, rows, config.model_dump())
        paths = (
            {n: cache_dir / f"answers-{n}-{key}.npz" for n in ("type", "topic", "ngrams")}
            if cache_dir
            else {}
        )
        if paths and all(p.exists() for p in paths.values()):
            try:
                return QuestionHeads(
                    Head.load(paths["type"]),
                    Head.load(paths["topic"]),
                    NGramFeatures.load(paths["ngrams"]),
                    config,
                )
            except (OSError, ValueError, KeyError) as exc:
                logger.warning("retraining: the cached question heads are unreadable (%s)", exc)
        logger.info("training the question heads (%s)", key)
        texts = [q for q, _, _ in rows]
        vectors = np.asarray(self.embedder.embed_documents(texts), dtype=np.float32)
        heads = fit_heads(texts, [t for _, t, _ in rows], [t for _, _, t in rows], vectors, config)
        if paths:
            try:
                heads.type_head.save(paths["type"])
                heads.topic_head.save(paths["topic"])
                heads.ngrams.save(paths["ngrams"])
            except OSError as exc:  # a read-only data dir still works, it just trains each start
                logger.warning("could not cache the question heads: %s", exc)
        return heads

    def read(self, question: str, vector: Sequence[float] | np.ndarray) -> QuestionReading:
        types, topics = self.heads.distributions(np.asarray([vector], dtype=np.float32), [question])[0]
        return self.reading(types, topics)

    @staticmethod
    def reading(types: dict[str, float], topics: dict[str, float]) -> QuestionReading:
        best_type = max(types, key=lambda t: types[t])
        best_topic = max(topics, key=lambda t: topics[t])
        return QuestionReading(best_type, types[best_type], best_topic, topics[best_topic], types, topics)

    def section_weight(self, reading: QuestionReading, section: str) -> float:
        """How likely the question is about a topic this section treats (0 to 1)."""
        return min(1.0, sum(reading.topics.get(t, 0.0) for t in self._sections.get(section, [])))

    def likely_sections(self, reading: QuestionReading, threshold: float) -> list[str]:
        """Sections of the topics at least ``threshold`` likely, most likely topic first."""
        out: list[str] = []
        for name, p in sorted(reading.topics.items(), key=lambda kv: -kv[1]):
            if p < threshold:
                break
            out += [s for s in self.topics.topics[name].sections if s not in out]
        return out
