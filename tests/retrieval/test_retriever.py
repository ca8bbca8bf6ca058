"""Hybrid retrieval on the real corpus with the real local model."""

from __future__ import annotations

from collections import Counter

import pytest

from advisor.config import PROJECT_ROOT
from advisor.errors import InputError
from advisor.evaluation.retrieval import evaluate_retrieval, load_retrieval_dataset
from advisor.retrieval.knowledge_base import KnowledgeBase

pytestmark = pytest.mark.slow


def test_hits_carry_the_contract_fields(knowledge_base: KnowledgeBase) -> None:
    hits = knowledge_base.retrieve("How do I reduce cart abandonment?", k=5)
    assert len(hits) == 5
    for hit in hits:
        assert hit.chunk_id and hit.source.endswith(".txt") and hit.section and hit.text
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_at_most_two_hits_per_section(knowledge_base: KnowledgeBase) -> None:
    hits = knowledge_base.retrieve("ethical considerations data privacy bias transparency", k=8)
    assert max(Counter(h.section for h in hits).values()) <= 2


def test_owner_vocabulary_reaches_the_corpus_terms(knowledge_base: KnowledgeBase) -> None:
    hits = knowledge_base.retrieve("How do I know if the AI paid for itself?", k=5)
    assert any("ROI Projection Framework" in h.section for h in hits)


@pytest.mark.parametrize("bad", ["", "   \n\t ", "x" * 8001])
def test_bad_queries_are_refused_clearly(knowledge_base: KnowledgeBase, bad: str) -> None:
    with pytest.raises(InputError):
        knowledge_base.retrieve(bad)


@pytest.mark.parametrize("dataset", ["retrieval.yaml", "retrieval_check.yaml"])
def test_dev_sets_stay_above_the_bar(knowledge_base: KnowledgeBase, dataset: str) -> None:
    data = load_retrieval_dataset(PROJECT_ROOT / "evals" / "datasets" / dataset)
    metrics = evaluate_retrieval(data, knowledge_base.retrieve, k=5)
    assert metrics.hit_at_k >= 0.9, [r for r in metrics.results if r.rank is None]
    assert metrics.mrr >= 0.7
