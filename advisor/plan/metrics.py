"""The goal-metric lexicon (``knowledge/metrics.yaml``)."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from rapidfuzz import fuzz, process

from advisor.knowledge.curated import load_curated
from advisor.knowledge.lexicons import english_words

Direction = Literal["increase", "decrease"]
SPELLING_CUTOFF = 85  # rapidfuzz ratio: "revenu" → revenue (92), "convertion" → conversion (90)
MAX_SPELLED_WORDS = 60


class Metric(BaseModel):
    """A business metric a SMART goal can target."""

    id: str
    name: str
    patterns: list[str]
    direction: Direction = Field(description="Which way is better.")
    kind: Literal["rate", "amount"]
    kpis: list[str] = Field(min_length=3, max_length=4)

    @cached_property
    def regex(self) -> re.Pattern[str]:
        # the metric's own name always names it, so a restated goal parses back to the same metric
        names = [re.escape(self.name), *self.patterns]
        return re.compile(r"\b(?:" + "|".join(names) + r")\b", re.IGNORECASE)


class MetricLexicon(BaseModel):
    metrics: list[Metric]

    @classmethod
    def load(cls, knowledge_dir: Path) -> MetricLexicon:
        return cls.model_validate({"metrics": load_curated(knowledge_dir, "metrics.yaml")["metrics"]})

    def get(self, metric_id: str) -> Metric:
        return next(m for m in self.metrics if m.id == metric_id)

    @cached_property
    def _keywords(self) -> list[str]:
        """The plain words metrics are named by ("revenue", "conversion", "abandonment")."""
        words = {
            w
            for m in self.metrics
            for p in [m.name, *m.patterns]
            for w in re.findall(r"(?<![\\(?])\b[a-z]{5,}\b", p)
        }
        return sorted(words)

    def spelled(self, text: str) -> str:
        """``text`` with misspelt metric words put right ("grow revenu 50%" → "grow revenue 50%"); words
        that are English or already a metric's stay as written."""
        english = english_words()
        keywords = set(self._keywords)

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            low = word.lower()
            if low in english or low in keywords:
                return word
            best = process.extractOne(low, self._keywords, scorer=fuzz.ratio, score_cutoff=SPELLING_CUTOFF)
            return best[0] if best else word

        head, tail = _split_after_words(text, MAX_SPELLED_WORDS)
        return re.sub(r"[A-Za-z]{5,}", fix, head) + tail

    def mentions(self, text: str) -> list[tuple[int, int, Metric]]:
        """``(start, end, metric)`` of each metric's first mention, in reading order.

        Adjacent mentions form one phrase whose last word is its head: in "sales conversion rate" the
        metric is conversion rate, not sales.
        """
        hits: list[tuple[int, int, Metric]] = []
        for metric in self.metrics:
            match = metric.regex.search(text)
            if match:
                hits.append((match.start(), match.end(), metric))
        hits.sort(key=lambda h: (h[0], -h[1]))
        merged: list[tuple[int, int, Metric]] = []
        for hit in hits:
            if merged and hit[0] <= merged[-1][1] + 1:
                previous = merged[-1]
                contained = hit[1] <= previous[1]  # "repeat orders" holds "orders": the longer names it
                if not contained and hit[0] > previous[0]:  # adjacent: the later (head) word wins
                    merged[-1] = (previous[0], hit[1], hit[2])
                continue
            merged.append(hit)
        return merged

    def find(self, text: str) -> list[Metric]:
        """Metrics named in ``text``, in reading order."""
        return [m for _, _, m in self.mentions(text)]


def _split_after_words(text: str, count: int) -> tuple[str, str]:
    """``text`` cut after its first ``count`` words (bounded work on long messages)."""
    words = list(re.finditer(r"\S+", text))
    if len(words) <= count:
        return text, ""
    cut = words[count - 1].end()
    return text[:cut], text[cut:]
