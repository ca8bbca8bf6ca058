"""`advisor serve --workers 2` with the default embedded stores on a fresh data dir: concurrent messages
to one session apply one after the other across processes, DELETE reaches every worker, a re-ingest
reloads every worker, and a huge message does not freeze the server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.api.live import serve

pytestmark = pytest.mark.slow
MESSAGES = [
    "We sell hand-poured candles on Shopify", "gift buyers mostly", "premium", "reduce support tickets by 30% in 6 months",
    "Shopify reports and Klaviyo", "two founders, no developer", "$400 a month", "where-is-my-order emails",
    "US and Canada", "only for the email list", "How can a chatbot help?", "what is RICE?", "soy wax candles",
    "about 1200 orders a month", "we also do wholesale", "no CRM", "I'm not sure", "skip", "maybe later",
    "Etsy too", "women 25-45", "handmade in Vermont", "returns are a pain", "we use Gorgias", "EU soon",
    "yes", "no", "can you explain STRIVE?", "our AOV is $48", "let's go",
]  # fmt: skip


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("workers") / "data"
    with serve(data_dir, workers=2, env={"ADVISOR_ADMIN_KEY": "admin-key"}) as (base, _):
        yield base


def test_thirty_concurrent_messages_to_one_session_lose_nothing(two_workers: str) -> None:
    sid = httpx.post(f"{two_workers}/v1/sessions", timeout=60).json()["session_id"]
    assert len(set(MESSAGES)) == 30

    def send(text: str) -> int:
        # a fresh connection per message, so the kernel spreads them over both workers
        return httpx.post(
            f"{two_workers}/v1/sessions/{sid}/messages", json={"text": text}, timeout=120
        ).status_code

    with ThreadPoolExecutor(max_workers=30) as pool:
        codes = list(pool.map(send, MESSAGES))
    assert codes == [200] * 30
    view = httpx.get(f"{two_workers}/v1/sessions/{sid}", timeout=60).json()
    transcript = view["transcript"]
    assert [m["role"] for m in transcript] == ["advisor"] + ["user", "advisor"] * 30
    assert sorted(m["text"] for m in transcript if m["role"] == "user") == sorted(MESSAGES)
    assert [m["seq"] for m in transcript] == list(range(1, 62))
    assert view["plan_progress"] == transcript[-1]["payload"]["plan_progress"]


def test_delete_removes_a_session_for_every_worker(two_workers: str) -> None:
    sid = httpx.post(f"{two_workers}/v1/sessions", timeout=60).json()["session_id"]
    assert httpx.delete(f"{two_workers}/v1/sessions/{sid}", timeout=60).status_code == 204
    assert {httpx.get(f"{two_workers}/v1/sessions/{sid}", timeout=60).status_code for _ in range(10)} == {404}


def test_a_reingest_reloads_every_worker(two_workers: str) -> None:
    before = httpx.get(f"{two_workers}/readyz", timeout=60).json()["detail"]["index_version"]
    report = httpx.post(f"{two_workers}/v1/admin/reingest", headers={"X-Admin-Key": "admin-key"}, timeout=300)
    assert report.status_code == 200
    time.sleep(1.5)  # workers check the shared version at most once a second
    seen: dict[int, str] = {}
    deadline = time.monotonic() + 60
    while len(seen) < 2 and time.monotonic() < deadline:
        httpx.get(f"{two_workers}/v1/suggested-questions", timeout=60)  # a request that syncs the index
        detail = httpx.get(f"{two_workers}/readyz", timeout=60).json()["detail"]
        seen[detail["worker"]] = detail["index_version"]
    assert len(seen) == 2, "only one worker answered"
    assert set(seen.values()) != {before} and len(set(seen.values())) == 1


def test_an_8000_digit_message_is_answered_while_health_stays_fast(two_workers: str) -> None:
    sid = httpx.post(f"{two_workers}/v1/sessions", timeout=60).json()["session_id"]
    done = threading.Event()
    health: list[float] = []

    def probe() -> None:
        while not done.is_set():
            start = time.perf_counter()
            httpx.get(f"{two_workers}/healthz", timeout=30)
            health.append(time.perf_counter() - start)
            time.sleep(0.02)

    prober = threading.Thread(target=probe)
    prober.start()
    start = time.perf_counter()
    try:
        response = httpx.post(
            f"{two_workers}/v1/sessions/{sid}/messages", json={"text": "1" * 8000}, timeout=120
        )
        elapsed = time.perf_counter() - start
    finally:
        done.set()
        prober.join()
    assert response.status_code in (200, 400)
    assert elapsed < 1.0, f"answered in {elapsed:.2f} s"
    assert max(health) < 0.5, f"/healthz took up to {max(health):.2f} s"
