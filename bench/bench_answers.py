"""Offline answer latency (p50/p95) beside a naive baseline measured in the same run.

Baseline: retrieval + the top passage returned as the answer (no sentence selection, no citations
check). The ratio shows what the grounded composition costs on top of retrieval.

Usage: python bench/bench_answers.py [--queries 100] [--output bench/results/answers.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore")

from advisor.config import Settings  # noqa: E402
from advisor.evaluation.answers import load_answer_dataset  # noqa: E402
from advisor.retrieval.knowledge_base import KnowledgeBase  # noqa: E402
from advisor.runtime import Advisor  # noqa: E402
from bench.common import latency  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "answers.json")
    args = parser.parse_args()
    settings = Settings(data_dir=ROOT / ".advisor")
    kb = KnowledgeBase(settings)
    kb.ensure_ready()
    advisor = Advisor(settings, kb=kb, use_chat_model=False)
    questions = [c.question for c in load_answer_dataset(ROOT / "evals" / "datasets" / "answers.yaml").cases]
    queries = [questions[i % len(questions)] for i in range(args.queries)]
    baseline = latency(lambda q: kb.retrieve(q, 1)[0].text, queries)
    cold_cache = latency(
        lambda q: advisor.answers.ask(q), queries[: len(questions)]
    )  # first pass embeds sentences
    warm = latency(lambda q: advisor.answers.ask(q), queries)
    result = {
        "queries": len(queries),
        "advisor_offline_answer": warm,
        "advisor_first_pass": cold_cache,
        "baseline_top_passage": baseline,
        "ratios": {
            "p50_answer_over_baseline": round(warm["p50_ms"] / baseline["p50_ms"], 2),
            "p95_answer_over_baseline": round(warm["p95_ms"] / baseline["p95_ms"], 2),
        },
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "machine": {"cpus": os.cpu_count()},
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
