"""Retrieval benchmark: the advisor's ingest and hybrid retrieval beside a plain LangChain baseline.

Measured in one run on the same corpus, chunks and embedding model:
- ingest: cold (fresh process and empty index, model load included), warm (model loaded, full rebuild),
  no-change re-ingest (must embed 0 chunks);
- retrieval latency p50/p95 over 200 queries (after one warm-up query);
- accuracy (hit@5, MRR) on the retrieval dev sets;
- the same latency/accuracy for LangChain's EnsembleRetriever over rank_bm25 + Chroma.

Usage: python bench/bench_retrieval.py [--queries 200] [--output bench/results/retrieval.json]
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore")

from advisor.config import Settings  # noqa: E402
from advisor.evaluation.retrieval import evaluate_retrieval, load_retrieval_dataset  # noqa: E402
from advisor.providers.embeddings import LocalMiniLMEmbedder  # noqa: E402
from advisor.retrieval.knowledge_base import KnowledgeBase  # noqa: E402
from advisor.retrieval.retriever import Hit  # noqa: E402
from bench.common import latency  # noqa: E402

DATASETS = [
    ROOT / "evals" / "datasets" / "retrieval.yaml",
    ROOT / "evals" / "datasets" / "retrieval_check.yaml",
]


def accuracy(retrieve: Callable[[str, int], list[Hit]]) -> dict[str, Any]:
    out = {}
    for path in DATASETS:
        metrics = evaluate_retrieval(load_retrieval_dataset(path), retrieve, k=5)
        out[path.stem] = {"hit@5": metrics.hit_at_k, "mrr": metrics.mrr, "cases": metrics.cases}
    return out


def cold_ingest(data_dir: Path) -> dict[str, Any]:
    env = {**os.environ, "ADVISOR_DATA_DIR": str(data_dir)}
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "advisor", "ingest", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - start
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    return {
        "wall_seconds": round(wall, 2),
        "ingest_seconds": report["seconds"],
        "embedded": report["embedded"],
    }


def baseline(kb: KnowledgeBase, embedder: LocalMiniLMEmbedder, workdir: Path) -> dict[str, Any]:
    """LangChain's EnsembleRetriever (rank_bm25 + Chroma), equal weights, on the same chunks."""
    from langchain_chroma import Chroma
    from langchain_classic.retrievers import EnsembleRetriever
    from langchain_community.retrievers import BM25Retriever
    from langchain_core.documents import Document

    chunks = kb.store.chunks()
    docs = [
        Document(
            page_content=c.search_text, metadata={"chunk_id": c.id, "source": c.source, "section": c.section}
        )
        for c in chunks
    ]
    start = time.perf_counter()
    vectorstore = Chroma.from_documents(
        docs, embedder, persist_directory=str(workdir / "baseline-chroma"), collection_name="baseline"
    )
    build_seconds = time.perf_counter() - start
    results: dict[str, Any] = {"build_seconds": round(build_seconds, 2)}

    def make(k: int) -> EnsembleRetriever:
        bm25 = BM25Retriever.from_documents(docs, k=k)
        dense = vectorstore.as_retriever(search_kwargs={"k": k})
        return EnsembleRetriever(retrievers=[bm25, dense], weights=[0.5, 0.5])

    ensembles: dict[int, EnsembleRetriever] = {}

    def retrieve(query: str, k: int = 5) -> list[Hit]:
        ensemble = ensembles.setdefault(k, make(k))
        found = ensemble.invoke(query)[:k]
        return [
            Hit(
                chunk_id=d.metadata["chunk_id"],
                source=d.metadata["source"],
                title="",
                section=d.metadata["section"],
                text=d.page_content,
                score=0.0,
            )
            for d in found
        ]

    results["accuracy"] = accuracy(retrieve)
    results["latency"] = None  # filled by caller with the same queries
    results["_retrieve"] = retrieve
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "retrieval.json")
    args = parser.parse_args()

    questions = [c.question for p in DATASETS for c in load_retrieval_dataset(p).cases]
    queries = [questions[i % len(questions)] for i in range(args.queries)]

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print("cold ingest (fresh process, empty index)...", file=sys.stderr)
        cold = cold_ingest(work / "cold")

        embedder = LocalMiniLMEmbedder()
        embedder.warm_up()
        kb = KnowledgeBase(Settings(data_dir=work / "warm"), embedder=embedder)
        kb.ingest()
        print("warm ingest (model loaded, full rebuild)...", file=sys.stderr)
        warm = kb.ingest(rebuild=True)
        print("no-change re-ingest...", file=sys.stderr)
        noop = kb.ingest()
        kb.ensure_ready()

        print(f"advisor retrieval over {len(queries)} queries...", file=sys.stderr)
        advisor_latency = latency(lambda q: kb.retrieve(q, 5), queries)
        advisor_accuracy = accuracy(kb.retrieve)

        print("LangChain baseline...", file=sys.stderr)
        base = baseline(kb, embedder, work)
        retrieve = base.pop("_retrieve")
        base["latency"] = latency(lambda q: retrieve(q, 5), queries)

    result = {
        "corpus": {"documents": warm.documents, "chunks": warm.chunks, "tokens": warm.tokens},
        "ingest": {
            "cold": cold,
            "warm_full_seconds": warm.seconds,
            "warm_embedded": warm.embedded,
            "no_change_seconds": noop.seconds,
            "no_change_embedded": noop.embedded,
        },
        "advisor": {"latency": advisor_latency, "accuracy": advisor_accuracy},
        "langchain_baseline": base,
        "ratios": {
            "p95_latency_advisor_over_baseline": round(
                advisor_latency["p95_ms"] / base["latency"]["p95_ms"], 3
            ),
            "p50_latency_advisor_over_baseline": round(
                advisor_latency["p50_ms"] / base["latency"]["p50_ms"], 3
            ),
        },
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
