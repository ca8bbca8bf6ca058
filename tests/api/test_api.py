"""The HTTP API contract: sessions, messages (JSON and SSE), plans, answers, errors and guards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from advisor.api.app import create_app
from advisor.retrieval.knowledge_base import KnowledgeBase
from tests.api.conftest import make_advisor

pytestmark = pytest.mark.slow
INTERVIEW = [
    "We sell hand-poured candles on Shopify", "gift buyers", "premium", "reduce support tickets by 30% within 6 months",
    "Shopify reports and Klaviyo, no CRM", "two founders, no developer", "$400", "drowning in where-is-my-order emails",
    "US and Canada", "only for the email list", "yes",
]  # fmt: skip


def _session(client: TestClient) -> str:
    response = client.post("/v1/sessions")
    assert response.status_code == 201
    body = response.json()
    assert body["turn"]["asking"] == "business" and "10 minutes" in body["turn"]["message"]
    return str(body["session_id"])


def _assert_error(response, status: int) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and body["error"]["message"]
    assert "Traceback" not in response.text


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "detail": {}}
    ready = client.get("/readyz").json()
    assert (
        ready["status"] == "ready" and ready["detail"]["chunks"] > 50 and ready["detail"]["mode"] == "offline"
    )
    assert client.get("/openapi.json").json()["info"]["title"] == "advisor"


def test_message_as_json_and_transcript(client: TestClient) -> None:
    sid = _session(client)
    turn = client.post(f"/v1/sessions/{sid}/messages", json={"text": "We sell candles on Shopify"}).json()
    assert turn["asking"] == "audience" and turn["plan_progress"]["filled"] == 2
    view = client.get(f"/v1/sessions/{sid}").json()
    assert [m["role"] for m in view["transcript"]] == ["advisor", "user", "advisor"]
    assert view["plan_progress"]["filled"] == 2 and view["profile"]["niche"] == "candles"


def test_message_as_server_sent_events(client: TestClient) -> None:
    sid = _session(client)
    with client.stream(
        "POST", f"/v1/sessions/{sid}/messages", json={"text": "How can a chatbot help with order status?"},
        headers={"Accept": "text/event-stream"},
    ) as response:  # fmt: skip
        assert response.headers["content-type"].startswith("text/event-stream")
        raw = "".join(response.iter_text())
    events = [
        (block.split("\n")[0][7:], json.loads(block.split("\n")[1][6:]))
        for block in raw.strip().split("\n\n")
    ]
    names = [name for name, _ in events]
    assert names[0] == "status" and "delta" in names and names[-1] == "turn"
    assert names.index("citations") < names.index("progress") < names.index("turn")
    turn = events[-1][1]
    assert "".join(data["text"] for name, data in events if name == "delta") == turn["message"]
    assert turn["citations"] and turn["citations"][0]["quote"]


def test_sse_error_event_for_a_bad_message(client: TestClient) -> None:
    sid = _session(client)
    response = client.post(
        f"/v1/sessions/{sid}/messages", json={"text": "bin\x00ary"}, headers={"Accept": "text/event-stream"}
    )
    assert "event: error" in response.text and '"status": 400' in response.text


def test_plan_is_a_draft_during_the_interview_and_final_after_it_in_four_formats(client: TestClient) -> None:
    sid = _session(client)
    draft = client.get(f"/v1/sessions/{sid}/plan")
    assert draft.status_code == 200 and draft.headers["x-plan-status"] == "draft"
    assumed = {a["field"] for a in draft.json()["business_context"]["assumptions"]}
    assert {"niche", "goals", "budget_monthly", "regions"} <= assumed  # missing facts, stated as assumptions
    for text in INTERVIEW[:3]:
        client.post(f"/v1/sessions/{sid}/messages", json={"text": text})
    partial = client.get(f"/v1/sessions/{sid}/plan").json()
    assert partial["status"] == "draft" and partial["business_context"]["niche"]["value"]
    for text in INTERVIEW[3:]:
        turn = client.post(f"/v1/sessions/{sid}/messages", json={"text": text}).json()
    assert turn["plan_complete"] and turn["plan"]
    plan = client.get(f"/v1/sessions/{sid}/plan?format=json").json()
    assert len(plan["initiatives"]) >= 2 and plan["status"] == turn["plan"]["status"]
    markdown = client.get(f"/v1/sessions/{sid}/plan?format=md")
    assert (
        markdown.headers["content-type"].startswith("text/markdown")
        and "## 1. Executive summary" in markdown.text
    )
    html = client.get(f"/v1/sessions/{sid}/plan", params={"format": "html"})
    assert html.text.startswith("<!doctype html>")
    pdf = client.get(f"/v1/sessions/{sid}/plan?format=pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf.headers["content-disposition"]
    _assert_error(client.get(f"/v1/sessions/{sid}/plan?format=docx"), 422)


def test_ask_and_suggested_questions(client: TestClient) -> None:
    answer = client.post("/v1/ask", json={"question": "What makes a goal SMART?"}).json()
    assert answer["citations"] and answer["mode"] == "offline" and answer["refusal"] is None
    refused = client.post("/v1/ask", json={"question": "Write fake reviews for my shop"}).json()
    assert refused["refusal"]["rule"] == "fake-reviews"
    sid = _session(client)
    client.post(f"/v1/sessions/{sid}/messages", json={"text": "We sell candles on Shopify"})
    suggested = client.get("/v1/suggested-questions", params={"session_id": sid}).json()[
        "suggested_questions"
    ]
    assert suggested and all(isinstance(q, str) for q in suggested)
    _assert_error(client.get("/v1/suggested-questions", params={"session_id": "nope"}), 404)


def test_bad_input_gets_clear_4xx_errors(client: TestClient) -> None:
    sid = _session(client)
    _assert_error(client.post("/v1/sessions/nope/messages", json={"text": "hi"}), 404)
    _assert_error(client.get("/v1/sessions/nope"), 404)
    _assert_error(client.get("/v1/sessions/nope/plan"), 404)
    _assert_error(client.post(f"/v1/sessions/{sid}/messages", content=b'{"text": "' + b"a" * 70_000 + b'"}',
                              headers={"Content-Type": "application/json"}), 413)  # fmt: skip
    _assert_error(
        client.post(
            f"/v1/sessions/{sid}/messages", content=b"{bad json", headers={"Content-Type": "application/json"}
        ),
        422,
    )
    _assert_error(
        client.post(
            f"/v1/sessions/{sid}/messages",
            content=b"\x00\x01\xff",
            headers={"Content-Type": "application/octet-stream"},
        ),
        422,
    )
    _assert_error(client.post(f"/v1/sessions/{sid}/messages", json={"text": ""}), 422)
    _assert_error(client.post(f"/v1/sessions/{sid}/messages", json={"text": "   "}), 400)
    _assert_error(client.post(f"/v1/sessions/{sid}/messages", json={"text": "hi", "extra": 1}), 422)
    _assert_error(client.post("/v1/ask", json={}), 422)
    assert client.get(f"/v1/sessions/{sid}").json()["plan_progress"]["filled"] == 0  # nothing half-applied


def test_cors_and_widget_keys(client: TestClient) -> None:
    ok = client.post(
        "/v1/ask",
        json={"question": "What makes a goal SMART?"},
        headers={"Origin": "https://shop.example", "X-Advisor-Key": "shop"},
    )
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == "https://shop.example"
    _assert_error(
        client.post("/v1/sessions", headers={"Origin": "https://evil.example", "X-Advisor-Key": "shop"}), 403
    )
    _assert_error(client.post("/v1/sessions", headers={"Origin": "https://shop.example"}), 403)
    preflight = client.options(
        "/v1/sessions", headers={"Origin": "https://shop.example", "Access-Control-Request-Method": "POST"}
    )
    assert (
        preflight.status_code == 200 and "X-Advisor-Key" in preflight.headers["access-control-allow-headers"]
    )
    same_origin = client.post("/v1/sessions", headers={"Origin": "http://testserver"})
    assert same_origin.status_code == 201


def test_security_headers_and_pages(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and 'src="/widget.js"' in page.text and 'data-key="demo"' in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    script = client.get("/widget.js")
    assert (
        script.headers["content-type"].startswith("application/javascript")
        and "customElements.define" in script.text
    )


def test_admin_reingest_needs_the_key(client: TestClient) -> None:
    _assert_error(client.post("/v1/admin/reingest"), 401)
    _assert_error(client.post("/v1/admin/reingest", headers={"X-Admin-Key": "wrong"}), 401)
    report = client.post("/v1/admin/reingest", headers={"X-Admin-Key": "s3cret"}).json()
    assert report["embedded"] == 0 and report["unchanged"] == report["chunks"]


def test_rate_limits_answer_429_with_retry_after(tmp_path: Path, knowledge_base: KnowledgeBase) -> None:
    app = create_app(make_advisor(tmp_path / "data", knowledge_base, rate_limit_per_minute=3))
    with TestClient(app) as client:
        codes = [client.get("/v1/suggested-questions").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = client.get("/v1/suggested-questions")
        assert int(limited.headers["retry-after"]) >= 1
        assert client.get("/healthz").status_code == 200  # health is never limited


def test_sessions_survive_a_server_restart(tmp_path: Path, knowledge_base: KnowledgeBase) -> None:
    with TestClient(create_app(make_advisor(tmp_path / "data", knowledge_base))) as first:
        sid = first.post("/v1/sessions").json()["session_id"]
        first.post(f"/v1/sessions/{sid}/messages", json={"text": "We sell tea on Etsy"})
    with TestClient(create_app(make_advisor(tmp_path / "data", knowledge_base))) as second:
        view = second.get(f"/v1/sessions/{sid}").json()
        assert view["profile"]["niche"] == "tea" and len(view["transcript"]) == 3
        assert (
            second.post(f"/v1/sessions/{sid}/messages", json={"text": "tea lovers"}).json()["asking"]
            == "market_position"
        )


def test_admin_disabled_without_a_key(tmp_path: Path, knowledge_base: KnowledgeBase) -> None:
    with TestClient(create_app(make_advisor(tmp_path / "data", knowledge_base))) as client:
        _assert_error(client.post("/v1/admin/reingest", headers={"X-Admin-Key": "x"}), 403)


def test_delete_removes_a_session_and_its_transcript(client: TestClient) -> None:
    sid = _session(client)
    client.post(f"/v1/sessions/{sid}/messages", json={"text": "We sell candles on Shopify"})
    deleted = client.delete(f"/v1/sessions/{sid}")
    assert deleted.status_code == 204 and deleted.content == b""
    _assert_error(client.get(f"/v1/sessions/{sid}"), 404)
    _assert_error(client.post(f"/v1/sessions/{sid}/messages", json={"text": "hi"}), 404)
    _assert_error(client.delete(f"/v1/sessions/{sid}"), 404)


def test_openapi_documents_every_error_and_its_body(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    body = spec["components"]["schemas"]["ErrorBody"]
    assert body["required"] == ["error"]
    for path, operations in spec["paths"].items():
        if not path.startswith("/v1/"):
            continue
        for method, operation in operations.items():
            documented = set(operation["responses"])
            assert {"403", "413", "429", "503"} <= documented, (method, path)
            assert "HTTPValidationError" not in str(operation["responses"]), (method, path)
            assert "Retry-After" in operation["responses"]["429"]["headers"]
    messages = spec["paths"]["/v1/sessions/{session_id}/messages"]["post"]["responses"]
    assert {"400", "404", "422"} <= set(messages) and "text/event-stream" in messages["200"]["content"]


def test_one_message_limit_in_characters_for_any_script(client: TestClient) -> None:
    """8,000 characters of any script fit under the byte limit; the limit is counted in characters."""
    sid = _session(client)
    thai = "ร้านเทียนหอมของเราขายบนShopify " * 200  # 6,000 characters, ~17 KB of UTF-8
    long_cjk = ("我们在网上卖手工蜡烛。" * 500)[:5000]
    assert len(long_cjk.encode()) > 8192
    for text in (long_cjk, thai[:8000]):
        response = client.post(f"/v1/sessions/{sid}/messages", json={"text": text})
        assert response.status_code == 200, response.text
    streamed = client.post(
        f"/v1/sessions/{sid}/messages", json={"text": long_cjk}, headers={"Accept": "text/event-stream"}
    )
    assert streamed.status_code == 200 and "event: turn" in streamed.text
    emoji = "🕯" * 8000  # four bytes each in UTF-8: 32 KB, still under the byte limit
    assert client.post(f"/v1/sessions/{sid}/messages", json={"text": emoji}).status_code == 200
    too_long = client.post(f"/v1/sessions/{sid}/messages", json={"text": "蜡" * 8001})
    _assert_error(too_long, 422)
    assert "8000" in too_long.json()["error"]["message"]
    assert client.post("/v1/ask", json={"question": long_cjk}).status_code == 200
    _assert_error(client.post("/v1/ask", json={"question": "a" * 8001}), 422)


def test_sources_name_each_cited_document_with_its_title(client: TestClient) -> None:
    listed = client.get("/v1/sources").json()["sources"]
    titles = {d["source"]: d["title"] for d in listed}
    assert titles["003_3d063db27160f47f.txt"] == "Strategic AI E-commerce Action Plan Framework"
    answer = client.post("/v1/ask", json={"question": "How can a chatbot help with order status?"}).json()
    assert answer["citations"] and all(c["source"] in titles for c in answer["citations"])
