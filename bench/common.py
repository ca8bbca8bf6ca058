"""Timing helpers and a loopback server shared by the benchmarks (and the process-level tests)."""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def latency(fn: Callable[[str], Any], queries: list[str]) -> dict[str, float]:
    """p50/p95/mean in milliseconds over ``queries``, after one warm-up call."""
    fn(queries[0])
    times = []
    for query in queries:
        start = time.perf_counter()
        fn(query)
        times.append((time.perf_counter() - start) * 1000)
    return {
        "p50_ms": round(percentile(times, 0.5), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "mean_ms": round(statistics.fmean(times), 2),
    }


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(
    data_dir: Path,
    port: int | None = None,
    *,
    workers: int = 1,
    env: dict[str, str] | None = None,
    ready_timeout: float = 300,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`advisor serve` on 127.0.0.1 as its own process group; yields (base URL, process) once every
    worker answers /readyz, and stops the whole group afterwards."""
    import httpx

    port = port or free_port()
    environment = {**os.environ, "ADVISOR_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", **(env or {})}
    command = [sys.executable, "-m", "advisor", "serve", "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--workers", str(workers)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_timeout
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
                    if process.poll() is not None and process.stderr
                    else ""
                )
                raise RuntimeError(f"advisor serve did not become ready: {errors}")
            time.sleep(0.3)
        yield base, process
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    """Send ``sig`` to the server's whole process group (supervisor and workers) and reap it."""
    if process.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def summary(latencies_s: list[float]) -> dict[str, float]:
    """p50/p95/p99/mean in milliseconds."""
    if not latencies_s:
        return {}
    ms = [x * 1000 for x in latencies_s]
    return {
        "p50_ms": round(percentile(ms, 0.5), 1),
        "p95_ms": round(percentile(ms, 0.95), 1),
        "p99_ms": round(percentile(ms, 0.99), 1),
        "mean_ms": round(statistics.fmean(ms), 1),
    }


def write_result(path: Path, result: dict[str, Any]) -> None:
    """Save a benchmark's result as JSON (bench/results/) and print it."""
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


def owner_questions(count: int, root: Path | None = None) -> list[str]:
    """``count`` distinct owner questions (the curated ones and the answers dev set) in a fixed shuffled
    order, so a benchmark asks questions the process has not seen (never the held-out check sets)."""
    import random

    import yaml

    root = root or Path(__file__).resolve().parent.parent
    curated = yaml.safe_load((root / "knowledge" / "answers" / "questions.yaml").read_text(encoding="utf-8"))
    dev = yaml.safe_load((root / "evals" / "datasets" / "answers.yaml").read_text(encoding="utf-8"))
    texts = {str(q["q"]) for group in curated["questions"].values() for q in group}
    texts |= {str(c["question"]) for c in dev["cases"]}
    unique = sorted(texts)
    random.Random(12).shuffle(unique)
    if len(unique) < count:
        raise SystemExit(f"only {len(unique)} distinct questions, {count} wanted")
    return unique[:count]
