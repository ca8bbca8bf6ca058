"""kill -9 during a burst: afterwards no session's state disagrees with its transcript.

Starts `advisor serve --workers 2` on 127.0.0.1 (fresh data dir, default embedded stores), opens sessions,
and runs a burst of concurrent messages; mid-burst the whole server (supervisor and workers) gets
SIGKILL. The server is started again on the same data dir, and every session is checked through the
API: transcript = greeting + strictly alternating user/advisor pairs, and the session's plan progress
equals its last turn's (the state and the transcript were committed together or not at all).
Repeated for several kill cycles. Bounded: fixed sessions, threads and cycles.

Usage: python bench/bench_crash.py [--cycles 3] [--sessions 40] [--output bench/results/crash.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_concurrency import MESSAGES  # noqa: E402
from bench.common import free_port, serve, stop, write_result  # noqa: E402

THREADS = 12


def burst(base: str, sessions: list[str], stop_event: threading.Event, sent: list[int]) -> None:
    rng = random.Random(threading.get_ident())
    with httpx.Client(timeout=60) as client:
        while not stop_event.is_set():
            sid = rng.choice(sessions)
            try:
                client.post(f"{base}/v1/sessions/{sid}/messages", json={"text": rng.choice(MESSAGES)})
                sent.append(1)
            except httpx.HTTPError:
                return  # the server is gone


def consistent(view: dict[str, object]) -> bool:
    transcript = view["transcript"]
    assert isinstance(transcript, list)
    roles = [m["role"] for m in transcript]
    pairs = (len(roles) - 1) // 2
    return (
        roles == ["advisor"] + ["user", "advisor"] * pairs
        and view["plan_progress"] == transcript[-1]["payload"]["plan_progress"]
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cycles", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "crash.json")
    args = parser.parse_args()
    rng = random.Random(15)
    cycles = []
    with tempfile.TemporaryDirectory() as tmp:
        data_dir, port = Path(tmp) / "data", free_port()
        sessions: list[str] = []
        for cycle in range(args.cycles):
            with serve(data_dir, port, workers=2) as (base, process):
                while len(sessions) < args.sessions:
                    sessions.append(httpx.post(f"{base}/v1/sessions", timeout=60).json()["session_id"])
                stop_event, sent = threading.Event(), []
                threads = [
                    threading.Thread(target=burst, args=(base, sessions, stop_event, sent))
                    for _ in range(THREADS)
                ]
                for t in threads:
                    t.start()
                time.sleep(rng.uniform(3, 6))
                stop(process, signal.SIGKILL)  # kill -9 the supervisor and every worker mid-burst
                stop_event.set()
                for t in threads:
                    t.join()
            with serve(data_dir, port, workers=1) as (base, _):
                views = [httpx.get(f"{base}/v1/sessions/{sid}", timeout=60).json() for sid in sessions]
            bad = [sid for sid, view in zip(sessions, views, strict=True) if not consistent(view)]
            cycles.append(
                {
                    "cycle": cycle + 1,
                    "messages_answered_before_kill": len(sent),
                    "sessions_checked": len(views),
                    "user_turns_total": sum((len(v["transcript"]) - 1) // 2 for v in views),
                    "inconsistent_sessions": len(bad),
                }
            )
            print(json.dumps(cycles[-1]), flush=True)
    result = {
        "workers": 2,
        "store": "sqlite (embedded default)",
        "threads": THREADS,
        "cycles": cycles,
        "inconsistent_sessions_total": sum(c["inconsistent_sessions"] for c in cycles),
        "machine": {"cpus": os.cpu_count()},
    }
    write_result(args.output, result)


if __name__ == "__main__":
    main()
