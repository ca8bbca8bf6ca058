from __future__ import annotations

import math

import pytest

from advisor.providers.embeddings import LocalMiniLMEmbedder

pytestmark = pytest.mark.slow


def test_minilm_loads_from_site_packages_and_embeds(minilm: LocalMiniLMEmbedder) -> None:
    vectors = minilm.embed_documents(["chatbots answer order status questions", "dynamic pricing"])
    assert len(vectors) == 2 and len(vectors[0]) == 384
    assert math.isclose(sum(v * v for v in vectors[0]), 1.0, rel_tol=1e-4)
    query = minilm.embed_query("a bot that tells customers where their parcel is")
    similarity = [sum(a * b for a, b in zip(query, v, strict=True)) for v in vectors]
    assert similarity[0] > similarity[1]
