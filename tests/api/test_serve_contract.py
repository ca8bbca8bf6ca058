"""`advisor serve` on loopback with a fresh data dir: the contract an integrator sees, across a restart."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _call(
    url: str, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    response = httpx.request(method, url, content=body, headers=headers, timeout=60)
    return response.status_code, response.content


@contextmanager
def serve(data_dir: Path, port: int) -> Iterator[str]:
    env = {**os.environ, "ADVISOR_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "advisor", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if _call(f"{base}/readyz")[0] == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"advisor serve did not become ready: {process.stderr.read().decode()[-2000:] if process.stderr else ''}"
                )
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_contract_on_a_fresh_data_dir_and_after_restart(tmp_path: Path) -> None:
    port = _port()
    json_headers = {"Content-Type": "application/json"}
    with serve(tmp_path / "data", port) as base:
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
                b'{"text": "' + b"a" * 9000 + b'"}',
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
    with serve(tmp_path / "data", port) as base:
        status, view = _call(f"{base}/v1/sessions/{sid}")
        assert status == 200 and json.loads(view)["plan_progress"]["filled"] == 3
