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
PLAN_TOPIC = "my_plan"  # prefix of the topics about the owner's own plan (my_plan_why, my_plan_cost, ...)
PLAN_THRESHOLD = 0.6  # P(about the owner's own plan) from which a question is answered from the plan
FEATURE_VERSION = "2"


class Topic(BaseModel):
    label: str = Field(description="What the topic covers, in plain words.")
    sections: list[str] = Field(description="Corpus section paths that treat the topic.")
    initiative: str | None = Field(None, description="The catalogue initiative the topic is about, if one.")


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
    plan_c: float = 4.0
    type_ngrams: float = 1.0  # scale of the word n-gram block for the type head ("should i", " or ")
    topic_ngrams: float = 0.25  # ...and for the topic head (the embedding carries most of the topic)
    plan_ngrams: float = 1.0  # ...and for the plan heads ("my plan", "you picked", "roadmap")


@dataclass(frozen=True)
class QuestionReading:
    """What a question asks for: its type and topic (with their distributions), and how likely it is
    about the owner's own plan, and then which aspect of it (why, cost, order, roi, overview)."""

    type: str
    type_p: float
    topic: str
    topic_p: float
    types: dict[str, float] = field(default_factory=dict)
    topics: dict[str, float] = field(default_factory=dict)
    plan_p: float = 0.0
    plan_aspect: str = "overview"

    @property
    def about_plan(self) -> bool:
        return self.plan_p >= PLAN_THRESHOLD


Distributions = tuple[dict[str, float], dict[str, float], float, dict[str, float]]


@dataclass(frozen=True)
class QuestionHeads:
    """Four heads over one feature layout: type, topic, about-the-plan (yes/no) and the plan aspect."""

    type_head: Head
    topic_head: Head
    plan_head: Head
    aspect_head: Head
    ngrams: NGramFeatures  # fitted with weight 1; each head scales the block by its config weight
    config: HeadConfig

    def features(self, vectors: np.ndarray, texts: Sequence[str]) -> dict[str, np.ndarray]:
        grams = self.ngrams.transform(texts)
        c = self.config
        return {
            "type": np.hstack([vectors, grams * c.type_ngrams]),
            "topic": np.hstack([vectors, grams * c.topic_ngrams]),
            "plan": np.hstack([vectors, grams * c.plan_ngrams]),
        }

    def distributions(self, vectors: np.ndarray, texts: Sequence[str]) -> list[Distributions]:
        """(types, topics, P(about the plan), plan aspects) per question."""
        f = self.features(vectors, texts)
        plan = [d.get(PLAN_TOPIC, 0.0) for d in self.plan_head.distributions(f["plan"])]
        return list(
            zip(
                self.type_head.distributions(f["type"]),
                self.topic_head.distributions(f["topic"]),
                plan,
                self.aspect_head.distributions(f["plan"]),
                strict=True,
            )
        )

    def heads(self) -> dict[str, Head]:
        return {
            "type": self.type_head,
            "topic": self.topic_head,
            "plan": self.plan_head,
            "aspect": self.aspect_head,
        }


def fit_heads(
    texts: Sequence[str], types: Sequence[str], topics: Sequence[str], vectors: np.ndarray, config: HeadConfig
) -> QuestionHeads:
    """Fit the four heads; ``topics`` are the curated labels (the plan's ``my_plan_<aspect>``)."""
    ngrams = NGramFeatures.fit(sorted(set(texts)), 1.0)
    f = QuestionHeads(Head.empty(), Head.empty(), Head.empty(), Head.empty(), ngrams, config).features(
        vectors, texts
    )
    on_plan = [t.startswith(PLAN_TOPIC) for t in topics]
    corpus_topics = [PLAN_TOPIC if plan else t for t, plan in zip(topics, on_plan, strict=True)]
    plan_rows = np.flatnonzero(on_plan)
    return QuestionHeads(
        fit_head(f["type"], types, c=config.type_c),
        fit_head(f["topic"], corpus_topics, c=config.topic_c),
        fit_head(f["plan"], [PLAN_TOPIC if p else "corpus" for p in on_plan], c=config.plan_c),
        fit_head(
            f["plan"][plan_rows],
            [topics[int(i)].removeprefix(f"{PLAN_TOPIC}_") for i in plan_rows],
            c=config.plan_c,
        ),
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
        names = ("type", "topic", "plan", "aspect")
        paths = {n: cache_dir / f"answers-{n}-{key}.npz" for n in (*names, "ngrams")} if cache_dir else {}
        if paths and all(p.exists() for p in paths.values()):
            try:
                t, p, plan, aspect = (Head.load(paths[n]) for n in names)
                return QuestionHeads(t, p, plan, aspect, NGramFeatures.load(paths["ngrams"]), config)
            except (OSError, ValueError, KeyError) as exc:
                logger.warning("retraining: the cached question heads are unreadable (%s)", exc)
        logger.info("training the question heads (%s)", key)
        texts = [q for q, _, _ in rows]
        vectors = np.asarray(self.embedder.embed_documents(texts), dtype=np.float32)
        heads = fit_heads(texts, [t for _, t, _ in rows], [t for _, _, t in rows], vectors, config)
        if paths:
            try:
                for name, head in heads.heads().items():
                    head.save(paths[name])
                heads.ngrams.save(paths["ngrams"])
            except OSError as exc:  # a read-only data dir still works, it just trains each start
                logger.warning("could not cache the question heads: %s", exc)
        return heads

    def read(self, question: str, vector: Sequence[float] | np.ndarray) -> QuestionReading:
        return self.reading(self.heads.distributions(np.asarray([vector], dtype=np.float32), [question])[0])

    @staticmethod
    def reading(distributions: Distributions) -> QuestionReading:
        types, topics, plan_p, aspects = distributions
        best_type = max(types, key=lambda t: types[t])
        best_topic = max(topics, key=lambda t: topics[t])
        aspect = max(aspects, key=lambda t: aspects[t]) if aspects else "overview"
        return QuestionReading(
            best_type, types[best_type], best_topic, topics[best_topic], types, topics, plan_p, aspect
        )

    def section_weight(self, reading: QuestionReading, section: str) -> float:
        """How likely the question is about a topic this section treats (0 to 1)."""
        return min(1.0, sum(reading.topics.get(t, 0.0) for t in self._sections.get(section, [])))

    def likely_sections(self, reading: QuestionReading, threshold: float) -> list[str]:
        """Sections of the topics at least ``threshold`` likely, most likely topic first."""
        out: list[str] = []
        for name, p in sorted(reading.topics.items(), key=lambda kv: -kv[1]):
            if p < threshold:
                break
            topic = self.topics.topics.get(name)
            out += [s for s in (topic.sections if topic else []) if s not in out]
        return out
