"""Interview turn latency (p50/p95) and the understanding layer's cost, beside the previous engine.

Runs the dev conversations (evals/datasets/conversations.yaml) turn by turn through ChatService,
timing each turn; times `understand()` alone; and times an 8,000-digit message (understanding and the
whole turn). With --baseline REPO (a checkout of an earlier commit), the same conversations run
through that code in a subprocess, in the same run, so both figures come from one machine state.

Usage: python bench/bench_interview.py [--baseline /tmp/advisor-baseline] [--output bench/results/interview.json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
warnings.filterwarnings("ignore")

PROBE = r"""
import json, sys, tempfile, time, warnings
from pathlib import Path
warnings.filterwarnings("ignore")
import yaml
from advisor.config import Settings
from advisor.retrieval.knowledge_base import KnowledgeBase
from advisor.runtime import Advisor

root, data_dir = Path(sys.argv[1]), Path(sys.argv[2])
conversations = yaml.safe_load(Path(sys.argv[3]).read_text())["conversations"]
settings = Settings(data_dir=data_dir, knowledge_dir=root / "knowledge")
kb = KnowledgeBase(settings)
kb.ensure_ready()
advisor = Advisor(settings, kb=kb, use_chat_model=False)
advisor.warm_up()
chat = advisor.chat
times = []
for conversation in conversations:
    sid = chat.start().session_id
    for message in conversation["messages"]:
        start = time.perf_counter()
        chat.send(sid, message)
        times.append(time.perf_counter() - start)
sid = chat.start().session_id
start = time.perf_counter()
chat.send(sid, "1" * 8000)
digits = time.perf_counter() - start
print(json.dumps({"turns": times, "digits_turn_s": digits}))
"""


def _run(repo: Path, data_dir: Path, conversations: Path) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(repo), "HF_HUB_OFFLINE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(repo), str(data_dir), str(conversations)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=repo,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from bench.common import summary, write_result

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--baseline", type=Path, help="A checkout of an earlier commit to compare with.")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "interview.json")
    args = parser.parse_args()
    conversations = ROOT / "evals" / "datasets" / "conversations.yaml"
    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        current = _run(ROOT, Path(tmp) / "current", conversations)
        turns = current["turns"]
        assert isinstance(turns, list)
        result["turn"] = {"turns": len(turns), **summary(turns)}
        result["turn_8000_digits_ms"] = round(float(current["digits_turn_s"]) * 1000, 1)  # type: ignore[arg-type]
        result["understanding"] = _understanding()
        if args.baseline:
            before = _run(args.baseline, Path(tmp) / "baseline", conversations)
            base_turns = before["turns"]
            assert isinstance(base_turns, list)
            result["baseline_turn"] = {"turns": len(base_turns), **summary(base_turns)}
            result["baseline_turn_8000_digits_ms"] = round(float(before["digits_turn_s"]) * 1000, 1)  # type: ignore[arg-type]
    write_result(args.output, result)


def _understanding() -> dict[str, object]:
    """understand() alone: p50/p95 over the dev utterances, and an 8,000-digit message."""
    from advisor.config import Settings
    from advisor.evaluation.understanding import load_understanding_dataset
    from advisor.providers.embeddings import LocalMiniLMEmbedder
    from advisor.understanding.models import Context
    from advisor.understanding.understander import Understander
    from bench.common import summary

    settings = Settings()
    embedder = LocalMiniLMEmbedder()
    understander = Understander(embedder, settings.knowledge_dir, settings.models_path)
    cases = load_understanding_dataset(ROOT / "evals" / "datasets" / "understanding.yaml").utterances
    understander.understand("warm up", Context())
    times = []
    for case in cases:
        start = time.perf_counter()
        understander.understand(case.text, Context(asked=case.asked))
        times.append(time.perf_counter() - start)
    digits = []
    for text in ("1" * 8000, "1 " * 4000, "a. " * 2666, "$1 " * 2666):
        start = time.perf_counter()
        understander.understand(text, Context(asked="budget"))
        digits.append(round((time.perf_counter() - start) * 1000, 1))
    # the parsers alone (no embedding): the linear-time part the message limit exercises
    from advisor.parsing.money import find_money
    from advisor.parsing.sentences import split_sentences

    start = time.perf_counter()
    split_sentences("1" * 8000)
    find_money("1" * 8000, understander.readers.currencies, bare=True)
    parsers_ms = round((time.perf_counter() - start) * 1000, 2)
    return {
        "messages": len(cases),
        **summary(times),
        "pathological_8000_chars_ms": dict(
            zip(["digits", "spaced digits", "full stops", "dollars"], digits, strict=True)
        ),
        "parsers_8000_digits_ms": parsers_ms,
    }


if __name__ == "__main__":
    main()
