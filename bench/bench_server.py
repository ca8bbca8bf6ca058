"""Server throughput and time to first SSE event under N concurrent clients, on loopback only.

Starts `advisor serve` on 127.0.0.1, then runs bounded request loops (N clients × M requests each, each
client on its own keep-alive connection):
- requests/s for POST /v1/ask (a distinct owner question each time, so each is embedded and answered in
  full), beside GET /healthz (the framework's own ceiling) as the baseline;
- time to first SSE event for POST /v1/sessions/{id}/messages, beside the full JSON turn's latency;
- the server's resident memory after start-up and its peak after the load.

Usage: python bench/bench_server.py [--clients 8] [--requests 10] [--output bench/results/server.json]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import owner_questions  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


_local = threading.local()


def client() -> httpx.Client:
    """One keep-alive connection per client thread, as a browser or an app would hold (a new client per
    request spends the shared 2 cores on TLS-context and connection set-up in the benchmark itself)."""
    if not hasattr(_local, "client"):
        _local.client = httpx.Client(timeout=120)
    return _local.client  # type: ignore[no-any-return]


def call(
    url: str, body: bytes | None = None, headers: dict[str, str] | None = None, first_byte: bool = False
) -> float:
    start = time.perf_counter()
    with client().stream(
        "POST" if body is not None else "GET", url, content=body, headers=headers
    ) as response:
        chunks = response.iter_raw()
        next(chunks)
        elapsed = time.perf_counter() - start
        for _ in chunks:  # drain the rest
            pass
        if first_byte:
            return elapsed
    return time.perf_counter() - start


def load(clients: int, requests: int, make: Callable[[int, int], float]) -> dict[str, float]:
    latencies: list[float] = []
    lock = threading.Lock()

    def worker(c: int) -> None:
        for r in range(requests):  # bounded loop
            latency = make(c, r)
            with lock:
                latencies.append(latency)

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(c,)) for c in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(ordered[len(ordered) // 2] * 1000, 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000, 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1),
    }


def memory_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "server.json")
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "ADVISOR_DATA_DIR": str(ROOT / ".advisor"), "ADVISOR_RATE_LIMIT_PER_MINUTE": "1000000",
           "ADVISOR_KEY_RATE_LIMIT_PER_MINUTE": "1000000"}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "advisor", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        started = time.perf_counter()
        while True:
            try:
                call(f"{base}/readyz")
                break
            except httpx.TransportError:
                if server.poll() is not None or time.perf_counter() - started > 300:
                    raise SystemExit("server did not start") from None
                time.sleep(0.3)
        startup_s = round(time.perf_counter() - started, 2)
        rss_ready = memory_mb(server.pid, "VmRSS")
        json_headers = {"Content-Type": "application/json"}
        questions = owner_questions(args.clients * args.requests)  # every request a question not asked before
        ask = load(args.clients, args.requests, lambda c, r: call(
            f"{base}/v1/ask", json.dumps({"question": questions[c * args.requests + r]}).encode(), json_headers))  # fmt: skip
        health = load(args.clients, args.requests, lambda c, r: call(f"{base}/healthz"))
        sessions = [
            httpx.post(f"{base}/v1/sessions", timeout=60).json()["session_id"] for _ in range(args.clients)
        ]
        message = json.dumps({"text": "How can a chatbot help with order status?"}).encode()
        first_event = load(args.clients, args.requests, lambda c, r: call(
            f"{base}/v1/sessions/{sessions[c]}/messages", message, {**json_headers, "Accept": "text/event-stream"}, first_byte=True))  # fmt: skip
        full_turn = load(
            args.clients,
            args.requests,
            lambda c, r: call(f"{base}/v1/sessions/{sessions[c]}/messages", message, json_headers),
        )
        result = {
            "clients": args.clients,
            "requests_per_client": args.requests,
            "startup_seconds_incl_model_load": startup_s,
            "ask": ask,
            "baseline_healthz": health,
            "sse_time_to_first_event": first_event,
            "baseline_full_json_turn": full_turn,
            "memory_mb": {"rss_after_startup": rss_ready, "peak_rss": memory_mb(server.pid, "VmHWM")},
            "ratios": {
                "ask_rps_over_healthz_rps": round(ask["requests_per_s"] / health["requests_per_s"], 4),
                "first_event_p50_over_full_turn_p50": round(first_event["p50_ms"] / full_turn["p50_ms"], 4),
                "peak_rss_over_startup_rss": round(memory_mb(server.pid, "VmHWM") / rss_ready, 3),
            },
            "machine": {"cpus": os.cpu_count()},
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
