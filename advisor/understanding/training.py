"""The curated utterance dataset and the two learned heads trained on it (intent, slot).

``knowledge/understanding/training.yaml`` holds owner-style utterances labelled with an intent or a
slot. The slot head also sees which slot the advisor asked: each slot example is used as the answer
to its own question, to another question and to none (deterministic picks), so the head learns how
much the question should count — terse answers lean on it, clear ones do not.
"""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field, field_validator

from advisor.knowledge.curated import load_curated
from advisor.providers.embeddings import Embedder
from advisor.understanding.classifier import SEED, Head, cache_key, cached_head, fit_head
from advisor.understanding.features import NGramFeatures
from advisor.understanding.models import ASKED, INTENTS, SLOTS

logger = logging.getLogger(__name__)
TRAINING_FILE = "understanding/training.yaml"
FEATURE_VERSION = "4"
_QUESTION_WORD = re.compile(
    r"^\s*(?:how|what|whats|what's|which|why|when|where|who|tell me|explain|any (?:tips|ideas|advice))\b",
    re.IGNORECASE,
)


# The guardrail's curated batches (the first is the main file); the harm classifier and the intent
# head both learn from them. One list for both.
HARM_FILES = (
    "harm_training.yaml",
    "harm_training_more.yaml",
    "harm_training_third.yaml",
    "harm_training_fourth.yaml",
    "harm_training_fifth.yaml",
    "harm_training_sixth.yaml",
    "harm_training_seventh.yaml",
    "harm_training_eighth.yaml",
    "harm_training_ninth.yaml",
    "harm_training_tenth.yaml",
    "harm_training_statements.yaml",
    "harm_training_followups.yaml",
)
STATEMENT_CATEGORIES = frozenset({"sensitive-niche-statements", "business-statements"})
_ASKS = re.compile(
    r"\?\s*$|^\s*(?:how|what|whats|what's|which|why|when|where|who|is|are|do|does|did|should|can|could|would|will|"
    r"shall|any|anyone|tips|ideas)\b",
    re.IGNORECASE,
)


def _asks_form(text: str) -> bool:
    """Phrased as a question (not "can you ...", which asks the advisor to do something)."""
    return _ASKS.search(text) is not None and not re.match(r"^\s*(?:can|could|would|will) you\b", text, re.I)


class HeadConfig(BaseModel):
    """Hyper-parameters of one head (chosen by cross-validation on the training set and the dev split)."""

    c: float = Field(4.0, description="Inverse L2 strength of the logistic regression.")
    ngram_weight: float = Field(
        0.5, description="Scale of the TF-IDF word n-gram block (0 = embedding only)."
    )
    asked_weight: float = Field(1.0, description="Scale of the asked-slot one-hot block (slot head only).")


class TrainingData(BaseModel):
    """Labelled utterances: intents and slots (see knowledge/understanding/training.yaml)."""

    source: str = Field(description="Who wrote the utterances and how.")
    intents: dict[str, list[str]]
    slots: dict[str, list[str]]

    @field_validator("intents")
    @classmethod
    def _known_intents(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = set(value) - set(INTENTS)
        if unknown:
            raise ValueError(f"unknown intents: {sorted(unknown)}")
        return value

    @field_validator("slots")
    @classmethod
    def _known_slots(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = set(value) - set(SLOTS)
        if unknown:
            raise ValueError(f"unknown slots: {sorted(unknown)}")
        return value

    @classmethod
    def load(cls, knowledge_dir: Path) -> TrainingData:
        data = dict(load_curated(knowledge_dir, TRAINING_FILE))
        for key in ("intents", "slots"):  # YAML reads an unquoted yes/no key as a boolean
            data[key] = {({True: "yes", False: "no"}.get(k, k)): v for k, v in data[key].items()}
        # The guardrail's curated examples are requests and questions too (and statements about
        # sensitive niches): they teach the intent head what a request for a tactic looks like.
        requests: list[str] = []
        statements: list[str] = []
        for name in HARM_FILES:
            if not (knowledge_dir / name).exists():
                continue
            harm = load_curated(knowledge_dir, name)
            for texts in harm.get("harmful", {}).values():
                requests.extend(texts)
            for category, texts in harm.get("benign", {}).items():
                (statements if category in STATEMENT_CATEGORIES else requests).extend(texts)
        return cls.model_validate({**data, "requests": requests, "statements": statements})

    requests: list[str] = Field(
        default_factory=list,
        description="Further requests and questions (the guardrail's examples): question or request by their form.",
    )
    statements: list[str] = Field(default_factory=list, description="Further statements about a business.")

    def intent_examples(self) -> tuple[list[str], list[str]]:
        """(texts, labels); every slot example that states a fact is also an "answer"."""
        texts = [t for label in sorted(self.intents) for t in self.intents[label]]
        labels = [label for label in sorted(self.intents) for _ in self.intents[label]]
        answers = [t for label in sorted(self.slots) if label != "none" for t in self.slots[label]]
        asked = [("question" if _asks_form(t) else "request") for t in self.requests]
        return (
            texts + answers + self.requests + self.statements,
            labels + ["answer"] * len(answers) + asked + ["answer"] * len(self.statements),
        )

    def slot_examples(self) -> tuple[list[str], list[str | None], list[str]]:
        """(texts, asked, labels): each example answering its own question, another one, and none."""
        rng = random.Random(SEED)
        askable = [a for a in ASKED if a != "confirm"]
        texts: list[str] = []
        asked: list[str | None] = []
        labels: list[str] = []
        for label in sorted(self.slots):
            own = "market_position" if label == "usp" else label
            for text in self.slots[label]:
                other = rng.choice([a for a in askable if a != own])
                for context in (own if own in askable else None, other, None):
                    texts.append(text)
                    asked.append(context)
                    labels.append(label)
        return texts, asked, labels


def flags(texts: Sequence[str]) -> np.ndarray:
    """Two cheap cues: a question mark at the end, and a question word first."""
    return np.array(
        [[float(t.rstrip().endswith("?")), float(bool(_QUESTION_WORD.search(t)))] for t in texts],
        dtype=np.float32,
    )


def asked_onehot(asked: Sequence[str | None], weight: float) -> np.ndarray:
    out = np.zeros((len(asked), len(ASKED)), dtype=np.float32)
    for row, slot in enumerate(asked):
        if slot in ASKED:
            out[row, ASKED.index(slot)] = weight
    return out


@dataclass(frozen=True)
class IntentHead:
    head: Head
    ngrams: NGramFeatures

    def features(self, vectors: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        return np.hstack([vectors, self.ngrams.transform(texts), flags(texts)])

    def distributions(self, vectors: np.ndarray, texts: Sequence[str]) -> list[dict[str, float]]:
        return self.head.distributions(self.features(vectors, texts))


@dataclass(frozen=True)
class SlotHead:
    head: Head
    ngrams: NGramFeatures
    asked_weight: float

    def features(self, vectors: np.ndarray, texts: Sequence[str], asked: Sequence[str | None]) -> np.ndarray:
        return np.hstack([vectors, self.ngrams.transform(texts), asked_onehot(asked, self.asked_weight)])

    def predict(
        self, vectors: np.ndarray, texts: Sequence[str], asked: Sequence[str | None]
    ) -> list[tuple[str, float]]:
        return self.head.predict(self.features(vectors, texts, asked))


@dataclass(frozen=True)
class Heads:
    intent: IntentHead
    slot: SlotHead


class Configs(BaseModel):
    """Chosen on the dev split (evals/datasets/understanding.yaml); the held-out split is never used."""

    intent: HeadConfig = HeadConfig(c=10.0, ngram_weight=2.0)
    slot: HeadConfig = HeadConfig(c=1.0, ngram_weight=1.0, asked_weight=1.0)


def embed_all(embedder: Embedder, texts: Sequence[str]) -> dict[str, np.ndarray]:
    unique = sorted(set(texts))
    return dict(zip(unique, np.asarray(embedder.embed_documents(unique), dtype=np.float32), strict=True))


def fit_intent(
    texts: list[str], labels: list[str], vectors: dict[str, np.ndarray], config: HeadConfig
) -> IntentHead:
    ngrams = NGramFeatures.fit(sorted(set(texts)), config.ngram_weight)
    shell = IntentHead(Head.empty(), ngrams)
    features = shell.features(np.stack([vectors[t] for t in texts]), texts)
    return IntentHead(fit_head(features, labels, c=config.c), ngrams)


def fit_slot(
    texts: list[str],
    asked: list[str | None],
    labels: list[str],
    vectors: dict[str, np.ndarray],
    config: HeadConfig,
) -> SlotHead:
    ngrams = NGramFeatures.fit(sorted(set(texts)), config.ngram_weight)  # each text once (rows repeat it)
    shell = SlotHead(Head.empty(), ngrams, config.asked_weight)
    features = shell.features(np.stack([vectors[t] for t in texts]), texts, asked)
    return SlotHead(fit_head(features, labels, c=config.c), ngrams, config.asked_weight)


def train_heads(
    data: TrainingData, embedder: Embedder, cache_dir: Path | None = None, configs: Configs | None = None
) -> Heads:
    """Fit (or load from ``cache_dir``) the intent and slot heads."""
    configs = configs or Configs()
    key = cache_key(FEATURE_VERSION, embedder.model_id, data.model_dump(), ASKED, configs.model_dump())
    paths = (
        {name: cache_dir / f"{name}-{key}.npz" for name in ("intent", "intent-ngrams", "slot", "slot-ngrams")}
        if cache_dir
        else {}
    )
    if paths and all(p.exists() for p in paths.values()):
        try:
            return Heads(
                IntentHead(Head.load(paths["intent"]), NGramFeatures.load(paths["intent-ngrams"])),
                SlotHead(
                    Head.load(paths["slot"]),
                    NGramFeatures.load(paths["slot-ngrams"]),
                    configs.slot.asked_weight,
                ),
            )
        except (OSError, ValueError, KeyError) as exc:
            logger.warning("retraining: the cached heads are unreadable (%s)", exc)
    logger.info("training the understanding heads (%s)", key)
    i_texts, i_labels = data.intent_examples()
    s_texts, s_asked, s_labels = data.slot_examples()
    vectors = embed_all(embedder, [*i_texts, *s_texts])
    heads = Heads(
        fit_intent(i_texts, i_labels, vectors, configs.intent),
        fit_slot(s_texts, s_asked, s_labels, vectors, configs.slot),
    )
    if paths:
        cached_head(paths["intent"], heads.intent.head)
        cached_head(paths["slot"], heads.slot.head)
        try:
            heads.intent.ngrams.save(paths["intent-ngrams"])
            heads.slot.ngrams.save(paths["slot-ngrams"])
        except OSError as exc:
            logger.warning("could not cache the n-gram features: %s", exc)
    return heads
