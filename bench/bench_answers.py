"""Offline answer latency, cold and warm, beside a retrieval-only baseline measured in the same run.

A fresh process opens the existing index and warms up as a server does at start-up (the embedding
model, the question heads, the sentence ranker, the guardrails; sentence vectors are read from the
index, never computed here). Then, over owner questions it has never seen (distinct each time):

- baseline: retrieval only — embed the question, hybrid search, return the top passage;
- cold: the first questions answered after start-up, in full (guardrail, question heads, candidate
  sentences, ranker, composition, suggestions);
- warm: further new questions once the process has answered some;
- repeated: questions asked before (the question's vector is reused, as when the understanding layer
  already embedded the message).

Usage: python bench/bench_answers.py [--queries 60] [--output bench/results/answers.json]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore")

from advisor.config import Settings  # noqa: E402
from advisor.retrieval.knowledge_base import KnowledgeBase  # noqa: E402
from advisor.runtime import Advisor  # noqa: E402
from bench.common import owner_questions, summary, write_result  # noqa: E402


def timed(fn, items: list[str]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    seconds = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        seconds.append(time.perf_counter() - start)
    return summary(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "answers.json")
    args = parser.parse_args()
    settings = Settings(data_dir=ROOT / ".advisor")
    started = time.perf_counter()
    kb = KnowledgeBase(settings)  # opens the index (builds it when this data dir has none)
    advisor = Advisor(settings, kb=kb, use_chat_model=False)
    advisor.warm_up()
    startup_s = round(time.perf_counter() - started, 2)
    pool = owner_questions(3 * args.queries)
    base_q, cold_q, warm_q = (
        pool[: args.queries],
        pool[args.queries : 2 * args.queries],
        pool[2 * args.queries :],
    )
    first = time.perf_counter()
    advisor.answers.ask(cold_q[0])
    first_ms = round((time.perf_counter() - first) * 1000, 1)
    cold = timed(advisor.answers.ask, cold_q[1:])
    warm = timed(advisor.answers.ask, warm_q)
    repeated = timed(advisor.answers.ask, cold_q[1:])
    baseline = timed(lambda q: kb.retrieve(q, 1)[0].text, base_q)
    write_result(
        args.output,
        {
            "queries_each": args.queries,
            "startup_seconds_incl_model_load": startup_s,  # and the index build on a fresh data dir
            "first_question_after_startup_ms": first_ms,
            "answer_cold": cold,
            "answer_warm": warm,
            "answer_repeated_question": repeated,
            "baseline_retrieval_top_passage": baseline,
            "ratios": {
                "cold_p95_over_warm_p95": round(cold["p95_ms"] / warm["p95_ms"], 2),
                "warm_p50_over_baseline_p50": round(warm["p50_ms"] / baseline["p50_ms"], 2),
                "warm_p95_over_baseline_p95": round(warm["p95_ms"] / baseline["p95_ms"], 2),
            },
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "machine": {"cpus": os.cpu_count(), "load_average_1m": round(os.getloadavg()[0], 2)},
        },
    )


if __name__ == "__main__":
    main()
