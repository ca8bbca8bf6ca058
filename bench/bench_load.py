"""25 simulated shoppers for 60 s against `advisor serve --workers 2` on loopback: error rate and
p50/p95/p99 latency per kind of request.

Each simulated user opens a chat, answers the interview the way an owner types (one message every
1-3 s of "typing"), now and then asks a side question, reads the session back and, once the plan is
ready, downloads it. All users share one client address (127.0.0.1), as shoppers behind one NAT do,
with the default rate limits. Bounded: fixed users and duration, then it stops.

Usage: python bench/bench_load.py [--users 25] [--seconds 60] [--output bench/results/load.json]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import serve, summary, write_result  # noqa: E402

INTERVIEW = [
    "we sell hand-poured candles on shopify, ~$40k a month", "gift buyers", "premium",
    "cut support tickets 30% within 6 months", "shopify reports + klaviyo, no crm", "2 founders no dev",
    "$400", "drowning in where-is-my-order emails", "US and Canada", "only for the email list", "yes",
]  # fmt: skip
QUESTIONS = ["How can a chatbot help with order status?", "What makes a goal SMART?", "what is RICE"]


class Recorder:
    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.lock = threading.Lock()

    def call(
        self, client: httpx.Client, kind: str, method: str, url: str, **kwargs: object
    ) -> httpx.Response | None:
        start = time.perf_counter()
        try:
            response = client.request(method, url, **kwargs)  # type: ignore[arg-type]
            status = str(response.status_code)
        except httpx.HTTPError as exc:
            response, status = None, type(exc).__name__
        with self.lock:
            self.latencies[kind].append(time.perf_counter() - start)
            self.statuses[kind][status] += 1
        return response


def user(base: str, seed: int, until: float, recorder: Recorder) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=60) as client:
        while time.monotonic() < until:
            created = recorder.call(client, "create_session", "POST", "/v1/sessions")
            if created is None or created.status_code != 201:
                time.sleep(1)
                continue
            sid = created.json()["session_id"]
            for text in INTERVIEW:
                if time.monotonic() >= until:
                    return
                time.sleep(rng.uniform(1, 3))  # the shopper types
                if rng.random() < 0.15:
                    recorder.call(client, "ask", "POST", "/v1/ask", json={"question": rng.choice(QUESTIONS)})
                recorder.call(client, "message", "POST", f"/v1/sessions/{sid}/messages", json={"text": text})
                if rng.random() < 0.1:
                    recorder.call(client, "read_session", "GET", f"/v1/sessions/{sid}")
            recorder.call(client, "plan", "GET", f"/v1/sessions/{sid}/plan", params={"format": "md"})


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--postgres-redis",
        action="store_true",
        help="sessions in PostgreSQL and rate limits in Redis (Debian's servers, started on loopback)",
    )
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args()
    output = args.output or ROOT / "bench" / "results" / (
        "load-postgres-redis.json" if args.postgres_redis else "load.json"
    )
    recorder = Recorder()
    env: dict[str, str] = {}
    servers = []
    if args.postgres_redis:
        from tests.servers import start_postgres, start_redis

        servers = [start_postgres(), start_redis()]
        env = {"ADVISOR_DATABASE_URL": servers[0].url, "ADVISOR_REDIS_URL": servers[1].url}
    try:
        with (
            tempfile.TemporaryDirectory() as tmp,
            serve(Path(tmp) / "data", workers=args.workers, env=env) as (base, _),
        ):
            until = time.monotonic() + args.seconds
            threads = [
                threading.Thread(target=user, args=(base, n, until, recorder)) for n in range(args.users)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    finally:
        for server in servers:
            server.stop()
    total = sum(sum(s.values()) for s in recorder.statuses.values())
    errors = sum(n for s in recorder.statuses.values() for code, n in s.items() if not code.startswith("2"))
    limited = sum(s.get("429", 0) for s in recorder.statuses.values())
    failures = sum(n for s in recorder.statuses.values() for code, n in s.items() if code[0] not in "234")
    result = {
        "users": args.users,
        "seconds": args.seconds,
        "workers": args.workers,
        "store": "postgresql sessions, redis rate limits and index version"
        if args.postgres_redis
        else "sqlite (embedded default), in-process rate limits",
        "requests": total,
        "requests_per_s": round(total / args.seconds, 1),
        "error_rate": round(errors / total, 4) if total else None,
        "rate_limited_429": limited,
        "server_errors_or_transport_failures": failures,
        "all": summary([x for values in recorder.latencies.values() for x in values]),
        "by_kind": {
            kind: {"requests": len(values), **summary(values), "statuses": dict(recorder.statuses[kind])}
            for kind, values in sorted(recorder.latencies.items())
        },
        "machine": {"cpus": os.cpu_count()},
    }
    write_result(output, result)


if __name__ == "__main__":
    main()
