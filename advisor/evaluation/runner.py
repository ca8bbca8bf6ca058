"""Run eval suites, compare with thresholds (the gate) and the baseline (deltas)."""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field

from advisor import __version__
from advisor.config import PROJECT_ROOT
from advisor.errors import InputError
from advisor.evaluation.answers import evaluate_answers, load_answer_dataset
from advisor.evaluation.conversations import evaluate_conversations, load_conversations
from advisor.evaluation.guardrails import evaluate_guardrails, load_guardrail_dataset
from advisor.evaluation.interview import evaluate_interview, load_personas
from advisor.evaluation.plan import evaluate_plans, load_plan_dataset
from advisor.evaluation.retrieval import evaluate_retrieval, load_retrieval_dataset
from advisor.evaluation.understanding import evaluate_understanding, load_understanding_dataset
from advisor.interview.service import ChatService
from advisor.knowledge.corpus import load_corpus
from advisor.runtime import Advisor
from advisor.sessions.sqlite import SqliteSessionStore

SUITES = ("retrieval", "answers", "guardrails", "interview", "plan", "understanding", "conversations")
EVALS_DIR = PROJECT_ROOT / "evals"
DEFAULT_DATASETS = {
    "retrieval": EVALS_DIR / "datasets" / "retrieval.yaml",
    "answers": EVALS_DIR / "datasets" / "answers.yaml",
    "guardrails": EVALS_DIR / "datasets" / "guardrails.yaml",
    "interview": EVALS_DIR / "datasets" / "personas.yaml",
    "plan": EVALS_DIR / "datasets" / "plans.yaml",
    "understanding": EVALS_DIR / "datasets" / "understanding.yaml",
    "conversations": EVALS_DIR / "datasets" / "conversations.yaml",
}
# Held-out splits: never trained or tuned on; `advisor eval` reports them beside the dev splits.
HELD_OUT = {
    "answers": EVALS_DIR / "datasets" / "answers_check.yaml",
    "understanding": EVALS_DIR / "datasets" / "understanding_heldout.yaml",
    "conversations": EVALS_DIR / "datasets" / "conversations_heldout.yaml",
    "guardrails": EVALS_DIR / "datasets" / "guardrails_holdout.yaml",
    "plan": EVALS_DIR / "datasets" / "plans_check.yaml",
}
DEFAULT_THRESHOLDS = EVALS_DIR / "thresholds.yaml"
DEFAULT_BASELINE = EVALS_DIR / "baseline.json"

Progress = Callable[[str, int, int], None]


class MetricResult(BaseModel):
    name: str
    value: float
    bound: Literal["min", "max"] | None = Field(None, description="Which side the threshold guards.")
    threshold: float | None = None
    passed: bool | None = Field(None, description="None when the metric has no threshold.")
    baseline: float | None = None
    delta: float | None = Field(None, description="value − baseline.")


class SuiteResult(BaseModel):
    suite: str
    split: Literal["dev", "held-out"] = Field(
        "dev", description="dev: may be tuned on; held-out: never trained or tuned on."
    )
    dataset: str
    cases: int
    seconds: float
    metrics: list[MetricResult]
    passed: bool
    failures: list[dict[str, Any]] = Field(description="Per-case details of what went wrong.")
    model_judged: dict[str, Any] | None = Field(
        None, description="Optional model-judged metrics; never gated."
    )


class EvalReport(BaseModel):
    version: str = __version__
    mode: Literal["offline", "llm"]
    passed: bool
    suites: list[SuiteResult]


def detect_suite(path: Path) -> str:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read dataset {path}: {exc}") from exc
    suite = data.get("suite") if isinstance(data, dict) else None
    if suite not in SUITES:
        raise InputError(f"dataset {path} must say which suite it is for (suite: {' | '.join(SUITES)})")
    return str(suite)


def load_thresholds(path: Path) -> dict[str, dict[str, dict[str, float]]]:
    if not path.exists():
        raise InputError(f"thresholds file not found: {path}")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise InputError(f"thresholds file {path} is malformed")
    return data


def load_baseline(path: Path) -> dict[str, dict[str, float]]:
    if not path.exists():
        return {}
    try:
        data: dict[str, dict[str, float]] = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"baseline file {path} is not valid JSON: {exc}") from exc
    return data


def gate(
    metrics: dict[str, float], thresholds: dict[str, dict[str, float]], baseline: dict[str, float]
) -> list[MetricResult]:
    """Each metric against its threshold (if any) and its baseline (if any)."""
    out: list[MetricResult] = []
    for name, value in metrics.items():
        rule = thresholds.get(name, {})
        bound: Literal["min", "max"] | None = "min" if "min" in rule else "max" if "max" in rule else None
        threshold = rule.get(bound) if bound else None
        passed = None if threshold is None else (value >= threshold if bound == "min" else value <= threshold)
        base = baseline.get(name)
        out.append(
            MetricResult(
                name=name, value=value, bound=bound, threshold=threshold, passed=passed, baseline=base,
                delta=None if base is None else round(value - base, 4),
            )
        )  # fmt: skip
    return out


def _counting(
    fn: Callable[..., Any], suite: str, total: int, progress: Progress | None
) -> Callable[..., Any]:
    done = 0

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        nonlocal done
        result = fn(*args, **kwargs)
        done += 1
        if progress:
            progress(suite, done, total)
        return result

    return wrapped


def run_suite(
    advisor: Advisor, suite: str, dataset: Path, progress: Progress | None = None
) -> tuple[dict[str, float], list[dict[str, Any]], int]:
    """(metrics, per-case failures, number of cases) of one suite."""
    if suite == "retrieval":
        r = load_retrieval_dataset(dataset)
        m = evaluate_retrieval(r, _counting(advisor.kb.retrieve, suite, len(r.cases), progress), k=5)
        fails = [x.model_dump() for x in m.results if x.rank is None]
        return {"hit_at_k": m.hit_at_k, "mrr": m.mrr}, fails, m.cases
    if suite == "answers":
        a = load_answer_dataset(dataset)
        corpus = "\n".join(d.text for d in load_corpus(advisor.settings.knowledge_dir))
        ans = evaluate_answers(a, _counting(advisor.answers.ask, suite, len(a.cases), progress), corpus)
        fails = [
            x.model_dump() for x in ans.results
            if not (x.cited and x.quotes_verbatim and x.markers_valid) or x.gold_cited is False or (x.fact_coverage or 1) < 0.5
        ]  # fmt: skip
        metrics = ans.model_dump(exclude={"results", "cases"})
        return metrics, fails, ans.cases
    if suite == "guardrails":
        g = load_guardrail_dataset(dataset)
        gm = evaluate_guardrails(g, advisor.answers)
        if progress:
            progress(suite, gm.cases, gm.cases)
        per_rule = {f"precision.{rule}": value for rule, value in gm.rule_precision.items()}
        return (
            {**gm.model_dump(exclude={"results", "cases", "rule_precision"}), **per_rule},
            [x.model_dump() for x in gm.results if not x.passed],
            gm.cases,
        )
    if suite == "interview":
        personas = load_personas(dataset)
        with tempfile.TemporaryDirectory() as tmp:  # sessions of scripted owners are not kept
            chat = ChatService(advisor.interviewer(), SqliteSessionStore(Path(tmp) / "eval-sessions.sqlite3"))
            im = evaluate_interview(personas, chat, advisor.settings.knowledge_dir)
        if progress:
            progress(suite, im.personas, im.personas)
        fails = [x.model_dump() for x in im.results if x.failures or x.repeated_questions]
        return im.model_dump(exclude={"results", "personas"}), fails, im.personas
    if suite == "understanding":
        u = load_understanding_dataset(dataset)
        um = evaluate_understanding(u, advisor.understander.understand, advisor.settings.knowledge_dir)
        if progress:
            progress(suite, um.cases, um.cases)
        fails = [
            x.model_dump() for x in um.results
            if not x.intent_ok or x.missing or x.misfiled or x.wrong_values or x.asks_missing
        ]  # fmt: skip
        return um.model_dump(exclude={"results", "cases"}), fails, um.cases
    if suite == "conversations":
        conversations = load_conversations(dataset)
        with tempfile.TemporaryDirectory() as tmp:
            chat = ChatService(advisor.interviewer(), SqliteSessionStore(Path(tmp) / "eval-sessions.sqlite3"))
            cm = evaluate_conversations(conversations, chat, advisor.settings.knowledge_dir)
        if progress:
            progress(suite, cm.conversations, cm.conversations)
        fails = [
            x.model_dump() for x in cm.results if x.missing or x.misfiled or x.refused or not x.completed
        ]
        return cm.model_dump(exclude={"results", "conversations"}), fails, cm.conversations
    if suite == "plan":
        pdata, base = load_plan_dataset(dataset)
        pm = evaluate_plans(pdata, base, advisor.engine)
        if progress:
            progress(suite, pm.cases, pm.cases)
        return (
            pm.model_dump(exclude={"results", "cases"}, exclude_none=True),
            [x.model_dump() for x in pm.results if x.failures],
            pm.cases,
        )
    raise InputError(f"unknown suite {suite!r}; choose from {', '.join(SUITES)}")


def run(
    advisor: Advisor,
    suites: list[str],
    *,
    datasets: dict[str, Path] | None = None,
    thresholds_path: Path = DEFAULT_THRESHOLDS,
    baseline_path: Path = DEFAULT_BASELINE,
    progress: Progress | None = None,
    judge: Callable[[str], dict[str, Any]] | None = None,
) -> EvalReport:
    thresholds = load_thresholds(thresholds_path)
    baseline = load_baseline(baseline_path)
    results: list[SuiteResult] = []
    runs: list[tuple[str, str, Path]] = []
    for suite in suites:
        custom = (datasets or {}).get(suite)
        runs.append((suite, "dev", custom or DEFAULT_DATASETS[suite]))
        if custom is None and suite in HELD_OUT:
            runs.append((suite, "held-out", HELD_OUT[suite]))
    for suite, split, dataset in runs:
        key = suite if split == "dev" else f"{suite}.held_out"
        started = time.perf_counter()
        metrics, failures, cases = run_suite(advisor, suite, dataset, progress)
        gated = gate(metrics, thresholds.get(key, {}), baseline.get(key, {}))
        results.append(
            SuiteResult(
                suite=suite,
                split=split,
                dataset=str(dataset),
                cases=cases,
                seconds=round(time.perf_counter() - started, 2),
                metrics=gated,
                passed=all(m.passed is not False for m in gated),
                failures=failures,
                model_judged=judge(suite) if judge and suite == "answers" and split == "dev" else None,
            )
        )
    return EvalReport(
        mode="llm" if advisor.chat_model is not None else "offline",
        passed=all(r.passed for r in results),
        suites=results,
    )


def baseline_of(report: EvalReport) -> dict[str, dict[str, float]]:
    return {
        (s.suite if s.split == "dev" else f"{s.suite}.held_out"): {m.name: m.value for m in s.metrics}
        for s in report.suites
    }
