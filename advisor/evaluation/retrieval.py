"""Retrieval suite: hit@k and MRR of the hybrid retriever against gold sections."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from advisor.evaluation import load_dataset
from advisor.retrieval.retriever import Hit


class GoldSection(BaseModel):
    """A section that answers the question."""

    source: str = Field(description="Corpus file name, e.g. 003_3d063db27160f47f.txt.")
    section: str = Field(description="Section path as printed by the advisor ('Part › Heading').")


class RetrievalCase(BaseModel):
    """One question and the sections that answer it."""

    id: str
    question: str = Field(min_length=1)
    gold: list[GoldSection] = Field(min_length=1)


class RetrievalDataset(BaseModel):
    suite: str = "retrieval"
    cases: list[RetrievalCase] = Field(min_length=1)


class CaseResult(BaseModel):
    id: str
    question: str
    rank: int | None = Field(description="1-based rank of the first gold hit, None if absent from the top k.")
    retrieved: list[str] = Field(description="Sections of the top-k hits.")


class RetrievalMetrics(BaseModel):
    k: int
    cases: int
    hit_at_k: float = Field(description="Share of cases with a gold section among the top k.")
    mrr: float = Field(description="Mean reciprocal rank of the first gold hit (0 when absent).")
    results: list[CaseResult]


def load_retrieval_dataset(path: Path) -> RetrievalDataset:
    return load_dataset(path, RetrievalDataset)


def first_gold_rank(hits: Sequence[Hit], gold: Sequence[GoldSection]) -> int | None:
    wanted = {(g.source, g.section) for g in gold}
    for rank, hit in enumerate(hits, start=1):
        if (hit.source, hit.section) in wanted:
            return rank
    return None


def evaluate_retrieval(
    dataset: RetrievalDataset, retrieve: Callable[[str, int], list[Hit]], k: int = 5
) -> RetrievalMetrics:
    results: list[CaseResult] = []
    for case in dataset.cases:
        hits = retrieve(case.question, k)
        results.append(
            CaseResult(
                id=case.id,
                question=case.question,
                rank=first_gold_rank(hits, case.gold),
                retrieved=[h.section for h in hits],
            )
        )
    n = len(results)
    return RetrievalMetrics(
        k=k,
        cases=n,
        hit_at_k=round(sum(r.rank is not None for r in results) / n, 4),
        mrr=round(sum(1 / r.rank for r in results if r.rank) / n, 4),
        results=results,
    )
