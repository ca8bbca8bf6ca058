"""The harm classifier: which rule (if any) a request breaks, learned from curated examples.

``knowledge/harm_training.yaml`` and the further batches named in ``HARM_FILES`` (written independently
in other voices: contrastive request pairs, statements about businesses, follow-ups) hold harmful
requests per rule and benign look-alikes (sensitive niches, doing the right thing, defence and
detection, honest versions of each tactic, plain statements of fact). One linear head
over the message embedding and word n-grams (the understanding layer's machinery) gives a distribution
over the rules and "benign"; the harm score is 1 − P(benign). A fifth of the examples, picked by a hash
of their text, is never trained on (its figures are reported). The refusal threshold is calibrated on
``knowledge/harm_calibration.yaml``: probes written apart from every batch, never trained on (the held-out
fifth when that file is absent). Messages and examples in another language are read through their
word-by-word English gloss (``understanding/glossary.py``).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from advisor.knowledge.curated import load_curated
from advisor.providers.embeddings import Embedder
from advisor.understanding.classifier import Head, cache_key, fit_head
from advisor.understanding.features import NGramFeatures
from advisor.understanding.glossary import Glossary
from advisor.understanding.training import HARM_FILES

logger = logging.getLogger(__name__)
BENIGN = "benign"
CALIBRATION_FILE = "harm_calibration.yaml"
CALIBRATION_SHARE = 5  # one example in five (by text hash) is never trained on
FEATURE_VERSION = "5"
MIN_THRESHOLD, MAX_THRESHOLD = 0.2, 0.8
CALIBRATION_WINDOW = 0.08  # the cost of a threshold is its average over this neighbourhood


class HarmData(BaseModel):
    """knowledge/harm_training.yaml."""

    source: str = Field(description="Who wrote the examples and how.")
    harmful: dict[str, list[str]] = Field(description="Rule id → requests that break it.")
    benign: dict[str, list[str]] = Field(description="Category → messages that must be answered.")

    @classmethod
    def load(
        cls,
        knowledge_dir: Path,
        files: Sequence[str] = HARM_FILES,
    ) -> HarmData:
        data = cls.model_validate(load_curated(knowledge_dir, files[0]))
        for name in files[1:]:  # further batches written independently, same format
            more = cls.model_validate(load_curated(knowledge_dir, name))
            for rule, texts in more.harmful.items():
                data.harmful.setdefault(rule, []).extend(texts)
            for category, texts in more.benign.items():
                data.benign.setdefault(category, []).extend(texts)
        return data

    def examples(self) -> list[tuple[str, str]]:
        """(text, label) with label a rule id or "benign", duplicates dropped, in a stable order."""
        seen: set[str] = set()
        out: list[tuple[str, str]] = []
        for label, groups in ((None, self.harmful), (BENIGN, self.benign)):
            for key in sorted(groups):
                for text in groups[key]:
                    norm = " ".join(text.lower().split())
                    if norm not in seen:
                        seen.add(norm)
                        out.append((text, label or key))
        return out


class Probe(BaseModel):
    """One calibration probe: an owner message and whether it must be refused."""

    expect: Literal["refuse", "answer"] = Field(description="refuse: breaks a rule; answer: ordinary talk.")
    text: str = Field(description="The message as the owner wrote it.")


class CalibrationProbes(BaseModel):
    """knowledge/harm_calibration.yaml: messages written apart from the training batches, never trained on."""

    source: str = Field(description="Who wrote the probes and how.")
    probes: list[Probe] = Field(description="Harmful requests and ordinary messages.")
    also_from: list[str] = Field(
        default_factory=list,
        description="Guardrail probe sets of the evaluation's dev split (paths from the knowledge dir) whose "
        "single-message cases calibrate too: written apart, never trained on. The held-out split never is.",
    )

    @classmethod
    def load(cls, knowledge_dir: Path) -> CalibrationProbes | None:
        if not (knowledge_dir / CALIBRATION_FILE).exists():
            return None
        data = cls.model_validate(load_curated(knowledge_dir, CALIBRATION_FILE))
        for name in data.also_from:
            if not (knowledge_dir / name).exists():
                logger.warning("calibration probes %s are missing: calibrating without them", name)
                continue
            cases = load_curated(knowledge_dir, name).get("cases", [])
            data.probes += [Probe.model_validate(c) for c in cases if not c.get("history")]
        return data


def held_for_calibration(text: str) -> bool:
    digest = hashlib.sha256(" ".join(text.lower().split()).encode("utf-8")).digest()
    return digest[0] % CALIBRATION_SHARE == 0


@dataclass(frozen=True)
class HarmVerdict:
    rule: str | None  # the rule broken, or None
    score: float  # 1 - P(benign)
    best_rule: str  # the most likely rule even when under the threshold


@dataclass(frozen=True)
class HarmClassifier:
    head: Head
    ngrams: NGramFeatures
    threshold: float

    def features(self, vectors: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        return np.hstack([vectors, self.ngrams.transform(texts)])

    def judge(self, vectors: np.ndarray, texts: Sequence[str]) -> list[HarmVerdict]:
        features = self.features(vectors, texts)
        out = []
        for probs in self.head.distributions(features):
            score = 1.0 - probs.get(BENIGN, 0.0)
            best = max((r for r in probs if r != BENIGN), key=lambda r: probs[r])
            out.append(HarmVerdict(best if score >= self.threshold else None, round(score, 4), best))
        return out


def calibrate(scores: np.ndarray, harmful: np.ndarray) -> float:
    """The threshold that best separates the held-out examples: fewest missed harmful requests plus
    benign messages refused (a miss and a false refusal cost the same), averaged over the thresholds
    within ``CALIBRATION_WINDOW`` of it, so that one probe near the edge does not move it (the error
    curve is flat over a wide range, and a retrained head shifts its exact minimum). Of the thresholds
    that tie, the middle one: the widest margin on both sides, rather than the edge nearest to refusing."""
    grid = [float(t) for t in np.round(np.arange(MIN_THRESHOLD, MAX_THRESHOLD + 1e-9, 0.01), 2)]
    raw = [float(np.sum(harmful & (scores < t))) + float(np.sum(~harmful & (scores >= t))) for t in grid]
    span = round(CALIBRATION_WINDOW / 0.01)
    costs = [round(float(np.mean(raw[max(0, i - span) : i + span + 1])), 6) for i in range(len(grid))]
    best = min(costs)
    first = costs.index(best)
    last = first
    while last + 1 < len(grid) and costs[last + 1] == best:
        last += 1  # the run of equally good thresholds that starts at the first best one
    return round(grid[(first + last) // 2], 2)


def split_for_calibration(
    examples: list[tuple[str, str]],
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(training examples, calibration examples): a fifth of the texts, chosen by a hash of the text,
    is never trained on (the same text always falls on the same side)."""
    train = [(t, y) for t, y in examples if not held_for_calibration(t)]
    held = [(t, y) for t, y in examples if held_for_calibration(t)]
    return train, held


def train_harm(
    data: HarmData,
    embedder: Embedder,
    cache_dir: Path | None,
    *,
    c: float = 10.0,
    ngram_weight: float = 2.0,
    glossary: Glossary | None = None,
    probes: CalibrationProbes | None = None,
) -> tuple[HarmClassifier, dict[str, float]]:
    """Fit on four fifths of the examples; (classifier, calibration figures). Cached by data hash.

    The refusal threshold is set on the calibration probes when there are any, else on the fifth held
    out. The held-out examples are look-alikes written to be hard (a benign twin for each harmful
    request); probes written apart, as owners write, are the closer sample of what the guardrail
    meets. Examples in another language are read through their English gloss, as messages are."""
    glossary = glossary or Glossary({})
    examples = [(glossary.reading(t), y) for t, y in data.examples()]
    probe_set = [(glossary.reading(p.text), p.expect == "refuse") for p in (probes.probes if probes else [])]
    key = cache_key(FEATURE_VERSION, embedder.model_id, examples, c, ngram_weight, probe_set)
    paths = (
        (cache_dir / f"harm-{key}.npz", cache_dir / f"harm-ngrams-{key}.npz", cache_dir / f"harm-{key}.txt")
        if cache_dir
        else None
    )
    if paths and all(p.exists() for p in paths):
        try:
            threshold = float(paths[2].read_text().split()[0])
            classifier = HarmClassifier(Head.load(paths[0]), NGramFeatures.load(paths[1]), threshold)
            return classifier, {"threshold": threshold}
        except (OSError, ValueError, KeyError, IndexError) as exc:
            logger.warning("retraining the harm classifier: cache unreadable (%s)", exc)
    train, held = split_for_calibration(examples)
    texts = list(dict.fromkeys([t for t, _ in examples] + [t for t, _ in probe_set]))
    vectors = dict(zip(texts, np.asarray(embedder.embed_documents(texts), dtype=np.float32), strict=True))
    ngrams = NGramFeatures.fit(sorted({t for t, _ in train}), ngram_weight)

    shell = HarmClassifier(Head.empty(), ngrams, 0.5)
    train_features = shell.features(np.stack([vectors[t] for t, _ in train]), [t for t, _ in train])
    head = fit_head(train_features, [y for _, y in train], c=c)
    probe = HarmClassifier(head, ngrams, 0.5)
    verdicts = probe.judge(np.stack([vectors[t] for t, _ in held]), [t for t, _ in held]) if held else []
    scores = np.array([v.score for v in verdicts])
    harmful = np.array([y != BENIGN for _, y in held], dtype=bool)
    threshold = calibrate(scores, harmful) if held else 0.5
    if probe_set:
        probe_verdicts = probe.judge(np.stack([vectors[t] for t, _ in probe_set]), [t for t, _ in probe_set])
        threshold = calibrate(
            np.array([v.score for v in probe_verdicts]), np.array([h for _, h in probe_set])
        )
    figures = {
        "threshold": threshold,
        "calibration_examples": float(len(held)),
        "calibration_probes": float(len(probe_set)),
        "held_out_recall": round(float(np.mean(scores[harmful] >= threshold)), 4) if harmful.any() else 0.0,
        "held_out_false_refusals": (
            round(float(np.mean(scores[~harmful] >= threshold)), 4) if (~harmful).any() else 0.0
        ),
    }
    classifier = HarmClassifier(head, ngrams, threshold)
    if paths:
        try:
            head.save(paths[0])
            ngrams.save(paths[1])
            paths[2].write_text(f"{threshold}\n")
        except OSError as exc:
            logger.warning("could not cache the harm classifier: %s", exc)
    logger.info("harm classifier calibrated: %s", figures)
    return classifier, figures


def harm_classifier(knowledge_dir: Path, embedder: Embedder, cache_dir: Path | None) -> HarmClassifier:
    """The classifier as the advisor uses it: every batch, the glossary and the calibration probes."""
    classifier, _ = train_harm(
        HarmData.load(knowledge_dir),
        embedder,
        cache_dir,
        glossary=Glossary.load(knowledge_dir),
        probes=CalibrationProbes.load(knowledge_dir),
    )
    return classifier
