"""`advisor serve` on loopback with a fresh data dir: the contract an integrator sees, across a restart."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from tests.api.servers import free_port, serve_process

pytestmark = pytest.mark.slow


def _call(
    url: str, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    response = httpx.request(method, url, content=body, headers=headers, timeout=60)
    return response.status_code, response.content


def test_contract_on_a_fresh_data_dir_and_after_restart(tmp_path: Path) -> None:
    port = free_port()
    json_headers = {"Content-Type": "application/json"}
    with serve_process(tmp_path / "data", port) as server:
        base = server.base
        assert _call(f"{base}/healthz")[0] == 200
        status, page = _call(f"{base}/")
        assert status == 200 and b"widget.js" in page
        assert b"customElements" in _call(f"{base}/widget.js")[1]
        status, created = _call(f"{base}/v1/sessions", "POST")
        assert status == 201
        sid = json.loads(created)["session_id"]
        status, turn = _call(
            f"{base}/v1/sessions/{sid}/messages",
            "POST",
            b'{"text": "We sell candles on Shopify"}',
            json_headers,
        )
        assert status == 200 and json.loads(turn)["asking"] == "audience"
        status, stream = _call(
            f"{base}/v1/sessions/{sid}/messages",
            "POST",
            b'{"text": "gift buyers"}',
            {**json_headers, "Accept": "text/event-stream"},
        )
        assert status == 200 and b"event: turn" in stream
        status, answer = _call(
            f"{base}/v1/ask", "POST", b'{"question": "What makes a goal SMART?"}', json_headers
        )
        assert status == 200 and json.loads(answer)["citations"]
        status, draft = _call(f"{base}/v1/sessions/{sid}/plan")
        assert status == 200 and json.loads(draft)["status"] == "draft"  # a draft during the interview
        assert (
            _call(f"{base}/v1/sessions/unknown/messages", "POST", b'{"text": "hi"}', json_headers)[0] == 404
        )
        assert (
            _call(
                f"{base}/v1/sessions/{sid}/messages",
                "POST",
                b'{"text": "' + b"a" * 70_000 + b'"}',
                json_headers,
            )[0]
            == 413
        )
        assert _call(f"{base}/v1/sessions/{sid}/messages", "POST", b"{nope", json_headers)[0] == 422
        assert (
            _call(
                f"{base}/v1/sessions/{sid}/messages",
                "POST",
                b"\x00\xff\x01",
                {"Content-Type": "application/octet-stream"},
            )[0]
            == 422
        )
    with serve_process(tmp_path / "data", port) as server:
        base = server.base
        status, view = _call(f"{base}/v1/sessions/{sid}")
        assert status == 200 and json.loads(view)["plan_progress"]["filled"] == 3
