"""Answers suite: citation validity, gold-section citation rate, key-fact coverage, uncited sentences."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from advisor.answers.citing import MARKER, cited_sentences
from advisor.answers.models import Answer
from advisor.evaluation import load_dataset


class AnswerCase(BaseModel):
    id: str
    question: str = Field(min_length=1)
    gold: list[str] = Field(default_factory=list, description="Section paths a good answer cites.")
    facts: list[list[str]] = Field(
        default_factory=list, description="Key facts, each a list of alternatives."
    )


class AnswerDataset(BaseModel):
    suite: str = "answers"
    cases: list[AnswerCase] = Field(min_length=1)


class AnswerCaseResult(BaseModel):
    id: str
    question: str
    cited: bool
    quotes_verbatim: bool
    markers_valid: bool
    gold_cited: bool | None
    fact_coverage: float | None
    uncited_sentences: int
    sentences: int


class AnswerMetrics(BaseModel):
    cases: int
    citation_rate: float = Field(description="Share of answers with at least one citation.")
    citation_validity: float = Field(
        description="Share of answers whose quotes are verbatim and markers map to citations."
    )
    gold_section_rate: float = Field(description="Share of answers citing a gold section.")
    key_fact_coverage: float = Field(description="Mean share of key facts named.")
    uncited_sentence_rate: float = Field(description="Uncited sentences / all sentences.")
    results: list[AnswerCaseResult]


def load_answer_dataset(path: Path) -> AnswerDataset:
    return load_dataset(path, AnswerDataset)


def claim_sentences(markdown: str) -> list[str]:
    """Sentences and bullets that make claims (headings and bold labels are not claims)."""
    out: list[str] = []
    for line in markdown.split("\n"):
        text = line.strip()
        if not text or text.startswith(("#", "|---", "| #", "|#")) or re.fullmatch(r"\*\*[^*]+\*\*:?", text):
            continue
        if re.fullmatch(r"_[^_].*_", text):  # an italic note about assumptions is not a claim
            continue
        text = re.sub(r"^([-*]|\d+\.)\s+", "", text)
        if text.startswith("|"):
            out.append(text)
            continue
        out.extend(s for s in cited_sentences(text) if len(MARKER.sub("", s).split()) >= 4)
    return out


def evaluate_answers(dataset: AnswerDataset, ask: Callable[[str], Answer], corpus_text: str) -> AnswerMetrics:
    results: list[AnswerCaseResult] = []
    for case in dataset.cases:
        answer = ask(case.question)
        numbers = {c.n for c in answer.citations}
        markers = {int(m) for m in re.findall(r"\[(\d+)\]", answer.answer)}
        sentences = claim_sentences(answer.answer)
        uncited = [s for s in sentences if not re.search(r"\[\d+\]", s)]
        text = answer.answer.lower()
        coverage = (
            sum(any(alt.lower() in text for alt in fact) for fact in case.facts) / len(case.facts)
            if case.facts
            else None
        )
        results.append(
            AnswerCaseResult(
                id=case.id,
                question=case.question,
                cited=bool(answer.citations),
                quotes_verbatim=all(c.quote in corpus_text for c in answer.citations),
                markers_valid=markers <= numbers and bool(markers or not numbers),
                gold_cited=any(c.section in case.gold for c in answer.citations) if case.gold else None,
                fact_coverage=coverage,
                uncited_sentences=len(uncited),
                sentences=len(sentences),
            )
        )
    n = len(results)
    golds = [r.gold_cited for r in results if r.gold_cited is not None]
    facts = [r.fact_coverage for r in results if r.fact_coverage is not None]
    total_sentences = sum(r.sentences for r in results) or 1
    return AnswerMetrics(
        cases=n,
        citation_rate=round(sum(r.cited for r in results) / n, 4),
        citation_validity=round(sum(r.quotes_verbatim and r.markers_valid for r in results) / n, 4),
        gold_section_rate=round(sum(golds) / len(golds), 4) if golds else 0.0,
        key_fact_coverage=round(sum(facts) / len(facts), 4) if facts else 0.0,
        uncited_sentence_rate=round(sum(r.uncited_sentences for r in results) / total_sentences, 4),
        results=results,
    )
