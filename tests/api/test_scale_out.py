"""Scale-out on real engines: two app instances (standing for two workers or machines) share sessions in
a real PostgreSQL server and rate limits and the index version in a real Redis server."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from advisor.api.app import create_app
from advisor.config import Settings
from advisor.coordination import RedisCoordinator
from advisor.providers.embeddings import LocalMiniLMEmbedder
from advisor.retrieval.knowledge_base import KnowledgeBase
from advisor.runtime import Advisor
from tests.api.conftest import make_advisor
from tests.servers import start_redis

pytestmark = pytest.mark.slow


@pytest.fixture
def two_apps(
    tmp_path: Path, knowledge_base: KnowledgeBase, postgres_url: str, redis_url: str
) -> Iterator[tuple[TestClient, TestClient]]:
    shared = {"database_url": postgres_url, "redis_url": redis_url, "rate_limit_per_minute": 40}
    first = TestClient(create_app(make_advisor(tmp_path / "a", knowledge_base, **shared)))
    second = TestClient(create_app(make_advisor(tmp_path / "b", knowledge_base, **shared)))
    with first, second:
        yield first, second


def test_sessions_in_postgres_are_shared_and_turns_serialise(two_apps: tuple[TestClient, TestClient]) -> None:
    first, second = two_apps
    sid = first.post("/v1/sessions").json()["session_id"]
    texts = [f"we sell tea blend {i}" for i in range(12)]

    def send(i: int) -> int:
        client = (first, second)[i % 2]
        return client.post(f"/v1/sessions/{sid}/messages", json={"text": texts[i]}).status_code

    with ThreadPoolExecutor(max_workers=12) as pool:
        assert list(pool.map(send, range(12))) == [200] * 12
    view = second.get(f"/v1/sessions/{sid}").json()
    assert [m["role"] for m in view["transcript"]] == ["advisor"] + ["user", "advisor"] * 12
    assert sorted(m["text"] for m in view["transcript"][1::2]) == sorted(texts)
    assert view["plan_progress"] == view["transcript"][-1]["payload"]["plan_progress"]
    assert first.delete(f"/v1/sessions/{sid}").status_code == 204
    assert second.get(f"/v1/sessions/{sid}").status_code == 404


def test_rate_limits_are_counted_across_instances_in_redis(two_apps: tuple[TestClient, TestClient]) -> None:
    first, second = two_apps
    codes = [(first, second)[i % 2].get("/v1/suggested-questions").status_code for i in range(41)]
    assert codes == [200] * 40 + [429]  # 40 a minute per address in total, not 40 per instance
    assert second.get("/v1/suggested-questions").headers["retry-after"]


def test_the_api_keeps_serving_when_redis_goes_away(tmp_path: Path, knowledge_base: KnowledgeBase) -> None:
    """Redis stops after start-up: rate limits let requests through and the index stays as it is."""
    redis = start_redis()
    try:
        app = create_app(make_advisor(tmp_path / "d", knowledge_base, redis_url=redis.url))
        with TestClient(app) as client:
            assert client.get("/v1/suggested-questions").status_code == 200
            redis.stop()
            client.app.state.advisor._index_checked = 0.0  # type: ignore[attr-defined]
            assert client.get("/v1/suggested-questions").status_code == 200
            assert client.post("/v1/ask", json={"question": "What makes a goal SMART?"}).status_code == 200
    finally:
        redis.stop()


def _small_advisor(
    data_dir: Path, knowledge_dir: Path, redis_url: str, minilm: LocalMiniLMEmbedder
) -> Advisor:
    settings = Settings(data_dir=data_dir, knowledge_dir=knowledge_dir, redis_url=redis_url)
    return Advisor(settings, kb=KnowledgeBase(settings, embedder=minilm), use_chat_model=False)


def test_a_reingest_reloads_the_other_instance_through_redis(
    tmp_path: Path, tiny_knowledge: Path, redis_url: str, minilm: LocalMiniLMEmbedder
) -> None:
    first = _small_advisor(tmp_path / "a", tiny_knowledge, redis_url, minilm)
    second = _small_advisor(tmp_path / "b", tiny_knowledge, redis_url, minilm)
    first.kb.ensure_ready()
    second.kb.ensure_ready()
    assert second.kb.retrieve("forecasting")[0].text.startswith("Demand forecasting")
    (tiny_knowledge / "corpus" / "b.txt").write_text(
        "Beta Notes\nInventory planning with moving averages.\n", encoding="utf-8"
    )
    first.reingest()
    assert second.sync_index() and second.index_version == first.index_version != ""
    assert "Demand forecasting" not in " ".join(h.text for h in second.kb.retrieve("forecasting"))
    second._index_checked = 0.0  # skip the once-a-second throttle
    assert not second.sync_index()  # nothing new


def test_redis_lock_is_exclusive(redis_url: str) -> None:
    import threading

    coordinator = RedisCoordinator(redis_url)
    inside: list[int] = []
    overlaps: list[int] = []

    def hold(n: int) -> None:
        with coordinator.lock("index"):
            inside.append(n)
            if len(inside) > 1:
                overlaps.append(n)
            threading.Event().wait(0.05)
            inside.remove(n)

    threads = [threading.Thread(target=hold, args=(n,)) for n in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert overlaps == []
    assert coordinator.bump_index_version() == "1" and coordinator.index_version() == "1"
