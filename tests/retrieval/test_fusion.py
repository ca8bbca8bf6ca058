from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor.retrieval.fusion import reciprocal_rank_fusion


def test_rrf_scores_follow_the_formula() -> None:
    fused = dict(reciprocal_rank_fusion([["a", "b", "c"], ["b", "a"]], k=60))
    assert fused["a"] == pytest.approx(1 / 61 + 1 / 62)
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert fused["c"] == pytest.approx(1 / 63)


def test_agreement_beats_a_single_first_place() -> None:
    fused = reciprocal_rank_fusion([["x", "shared"], ["y", "shared"]], k=60)
    assert fused[0][0] == "shared"


def test_weights_and_repeats() -> None:
    fused = dict(reciprocal_rank_fusion([["a", "a"], ["b"]], k=1, weights=[2.0, 1.0]))
    assert fused == {"a": pytest.approx(1.0), "b": pytest.approx(0.5)}
    with pytest.raises(ValueError):
        reciprocal_rank_fusion([["a"]], weights=[1.0, 2.0])


@given(st.lists(st.lists(st.sampled_from("abcdefgh"), unique=True, max_size=8), max_size=4))
def test_fusion_is_sorted_and_covers_every_item(rankings: list[list[str]]) -> None:
    fused = reciprocal_rank_fusion(rankings)
    scores = [s for _, s in fused]
    assert scores == sorted(scores, reverse=True)
    assert {i for i, _ in fused} == {i for r in rankings for i in r}
