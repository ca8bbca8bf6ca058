"""`advisor serve` as a real process on loopback, for the contract, worker and fault tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.servers import free_port


@contextmanager
def serve(
    data_dir: Path, port: int | None = None, *, workers: int = 1, env: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Start the server, wait until every worker is ready, yield (base URL, process); stop it after."""
    port = port or free_port()
    environment = {**os.environ, "ADVISOR_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", **(env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "advisor", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        ready: set[int] = set()
        while len(ready) < workers:
            try:
                response = httpx.get(f"{base}/readyz", timeout=30)
                if response.status_code == 200:
                    ready.add(response.json()["detail"]["worker"])
                    continue
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                errors = (
                    process.stderr.read().decode()[-3000:]
                    if process.stderr and process.poll() is not None
                    else ""
                )
                pytest.fail(f"advisor serve did not become ready: {errors}")
            time.sleep(0.3)
        yield base, process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
