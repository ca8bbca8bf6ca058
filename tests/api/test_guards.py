"""Standard middleware and guards: CORS on refusals too, 413 for streamed bodies, Host allowlist,
no-store on API responses, a CSP on every HTML page, and rate limits that suit a shop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from advisor.api.app import create_app
from advisor.retrieval.knowledge_base import KnowledgeBase
from tests.api.conftest import make_advisor

pytestmark = pytest.mark.slow
SHOP = {"Origin": "https://shop.example", "X-Advisor-Key": "shop"}


def _client(tmp_path: Path, kb: KnowledgeBase, **settings: object) -> TestClient:
    settings.setdefault("widget_keys", {"shop": ["https://shop.example"]})
    return TestClient(create_app(make_advisor(tmp_path / "data", kb, **settings)))


@pytest.fixture
def limited(tmp_path: Path, knowledge_base: KnowledgeBase) -> Iterator[TestClient]:
    with _client(
        tmp_path, knowledge_base, rate_limit_per_minute=5, session_rate_limit_per_minute=3
    ) as client:
        yield client


def test_refusals_carry_cors_headers_and_a_readable_reason(limited: TestClient) -> None:
    wrong_key = limited.post("/v1/sessions", headers={**SHOP, "X-Advisor-Key": "other"})
    assert wrong_key.status_code == 403 and "not allowed" in wrong_key.json()["error"]["message"]
    assert wrong_key.headers["access-control-allow-origin"] == "https://shop.example"
    codes = [limited.get("/v1/suggested-questions", headers=SHOP) for _ in range(6)]
    refused = codes[-1]
    assert refused.status_code == 429 and refused.json()["error"]["type"] == "rate_limited"
    assert "network address" in refused.json()["error"]["message"]
    assert refused.headers["access-control-allow-origin"] == "https://shop.example"
    assert "retry-after" in refused.headers["access-control-expose-headers"].lower()
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert limited.get("/healthz").status_code == 200  # health is never limited
    evil = limited.post("/v1/sessions", headers={"Origin": "https://evil.example", "X-Advisor-Key": "shop"})
    assert evil.status_code == 403 and "access-control-allow-origin" not in evil.headers


def test_a_session_has_its_own_limit(tmp_path: Path, knowledge_base: KnowledgeBase) -> None:
    with _client(tmp_path, knowledge_base, session_rate_limit_per_minute=3) as client:
        first = client.post("/v1/sessions").json()["session_id"]
        other = client.post("/v1/sessions").json()["session_id"]
        codes = [client.get(f"/v1/sessions/{first}").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = client.get(f"/v1/sessions/{first}")
        assert "conversation" in limited.json()["error"]["message"]
        assert client.get(f"/v1/sessions/{other}").status_code == 200  # another shopper, same address


def test_the_widget_key_pays_only_for_its_own_origins(tmp_path: Path, knowledge_base: KnowledgeBase) -> None:
    with _client(tmp_path, knowledge_base, key_rate_limit_per_minute=2) as client:
        # no Origin (a script that copied the key): charged to its address, never to the shop's key
        for _ in range(5):
            assert client.get("/v1/suggested-questions", headers={"X-Advisor-Key": "shop"}).status_code == 200
        assert [client.get("/v1/suggested-questions", headers=SHOP).status_code for _ in range(3)] == [
            200,
            200,
            429,
        ]
        refused = client.get("/v1/suggested-questions", headers=SHOP)
        assert "widget key" in refused.json()["error"]["message"]


def test_many_shoppers_behind_one_address_are_served(tmp_path: Path, knowledge_base: KnowledgeBase) -> None:
    """Defaults: ten shoppers behind one NAT, each starting a chat and sending three messages."""
    with _client(tmp_path, knowledge_base) as client:
        sessions = [client.post("/v1/sessions", headers=SHOP).json()["session_id"] for _ in range(10)]
        codes = [
            client.post(f"/v1/sessions/{sid}/messages", json={"text": text}, headers=SHOP).status_code
            for sid in sessions
            for text in ("we sell tea on etsy", "tea lovers", "premium")
        ]
    assert codes == [200] * 30


def test_oversized_bodies_get_413_declared_or_streamed(client: TestClient) -> None:
    sid = client.post("/v1/sessions").json()["session_id"]

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(70):  # 70 KB: over the 64 KiB body limit
            yield b"a" * 1000
        yield b'"}'

    streamed = client.post(
        f"/v1/sessions/{sid}/messages", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert "content-length" not in streamed.request.headers
    assert streamed.status_code == 413 and streamed.json()["error"]["type"] == "payload_too_large"
    small = client.post(
        f"/v1/sessions/{sid}/messages",
        content=iter([b'{"text": ', b'"we sell tea"}']),
        headers={"Content-Type": "application/json"},
    )
    assert small.status_code == 200


def test_unknown_host_headers_are_refused(client: TestClient) -> None:
    assert client.get("/healthz", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/healthz", headers={"Host": "localhost:8000"}).status_code == 200


def test_api_responses_are_not_stored_and_html_has_a_csp(client: TestClient) -> None:
    created = client.post("/v1/sessions")
    sid = created.json()["session_id"]
    assert created.headers["cache-control"] == "no-store"
    assert client.get(f"/v1/sessions/{sid}").headers["cache-control"] == "no-store"
    with client.stream(
        "POST", f"/v1/sessions/{sid}/messages", json={"text": "we sell tea"}, headers={"Accept": "text/event-stream"}
    ) as stream:  # fmt: skip
        assert stream.headers["cache-control"] == "no-store"
    for path in ("/", "/docs"):
        page = client.get(path)
        assert page.headers["content-type"].startswith("text/html")
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"], path
