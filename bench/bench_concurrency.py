"""Two workers, 30 concurrent messages to one session: nothing lost, turns strictly alternate.

Starts `advisor serve --workers 2` on 127.0.0.1 with a fresh data dir (default embedded stores), then for
each of N sessions sends 30 different messages at once (30 threads, a connection each) and checks the
transcript: 30 user turns, each answered, strictly alternating, every text once, and the session's
plan progress equal to its last turn's. Bounded: N rounds of 30 requests.

Usage: python bench/bench_concurrency.py [--rounds 3] [--output bench/results/concurrency.json]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import serve, summary, write_result  # noqa: E402

MESSAGES = [
    "We sell hand-poured candles on Shopify", "gift buyers mostly", "premium", "reduce support tickets by 30% in 6 months",
    "Shopify reports and Klaviyo", "two founders, no developer", "$400 a month", "where-is-my-order emails",
    "US and Canada", "only for the email list", "How can a chatbot help?", "what is RICE?", "soy wax candles",
    "about 1200 orders a month", "we also do wholesale", "no CRM", "I'm not sure", "skip", "maybe later",
    "Etsy too", "women 25-45", "handmade in Vermont", "returns are a pain", "we use Gorgias", "EU soon",
    "yes", "no", "can you explain STRIVE?", "our AOV is $48", "let's go",
]  # fmt: skip


def one_round(base: str) -> dict[str, object]:
    sid = httpx.post(f"{base}/v1/sessions", timeout=60).json()["session_id"]
    latencies: list[float] = []

    def send(text: str) -> int:
        start = time.perf_counter()
        code = httpx.post(f"{base}/v1/sessions/{sid}/messages", json={"text": text}, timeout=300).status_code
        latencies.append(time.perf_counter() - start)
        return code

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(MESSAGES)) as pool:
        codes = list(pool.map(send, MESSAGES))
    wall = time.perf_counter() - start
    view = httpx.get(f"{base}/v1/sessions/{sid}", timeout=60).json()
    transcript = view["transcript"]
    roles = [m["role"] for m in transcript]
    users = [m["text"] for m in transcript if m["role"] == "user"]
    return {
        "ok_responses": codes.count(200),
        "user_turns": len(users),
        "lost_messages": len(set(MESSAGES) - set(users)),
        "strictly_alternating": roles == ["advisor"] + ["user", "advisor"] * len(users),
        "progress_matches_last_turn": view["plan_progress"] == transcript[-1]["payload"]["plan_progress"],
        "wall_seconds": round(wall, 2),
        "latency": summary(latencies),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "concurrency.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, serve(Path(tmp) / "data", workers=2) as (base, _):
        rounds = [one_round(base) for _ in range(args.rounds)]
    result = {
        "workers": 2,
        "store": "sqlite (embedded default)",
        "messages_per_round": len(MESSAGES),
        "rounds": rounds,
        "all_ok": all(
            r["ok_responses"] == len(MESSAGES)
            and r["lost_messages"] == 0
            and r["strictly_alternating"]
            and r["progress_matches_last_turn"]
            for r in rounds
        ),
        "machine": {"cpus": os.cpu_count()},
    }
    write_result(args.output, result)


if __name__ == "__main__":
    main()
