"""The eval runner, its reports and the regression gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from advisor.cli import app
from advisor.evaluation.runner import gate
from advisor.retrieval.knowledge_base import KnowledgeBase

runner = CliRunner()


def test_gate_compares_with_thresholds_and_baseline() -> None:
    results = {
        m.name: m
        for m in gate(
            {"hit_at_k": 0.8, "mrr": 0.9, "extra": 3.0},
            {"hit_at_k": {"min": 0.9}, "mrr": {"max": 0.95}},
            {"hit_at_k": 0.95},
        )
    }
    assert results["hit_at_k"].passed is False and results["hit_at_k"].delta == pytest.approx(-0.15)
    assert results["mrr"].passed is True and results["mrr"].bound == "max"
    assert results["extra"].passed is None and results["extra"].threshold is None


@pytest.fixture
def env(knowledge_base: KnowledgeBase) -> dict[str, str]:
    return {"ADVISOR_DATA_DIR": str(knowledge_base.settings.data_dir)}


@pytest.mark.slow
def test_eval_json_report_and_an_evaluators_own_dataset(env: dict[str, str], tmp_path: Path) -> None:
    dataset = tmp_path / "mine.yaml"
    dataset.write_text(
        "suite: retrieval\ncases:\n"
        "  - id: x1\n    question: How do I stop fraud at checkout?\n"
        '    gold: [{source: 000_dd9f40fa32cdb166.txt, section: "Advanced › The Influence of the Fintech Sector"}]\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["eval", "--dataset", str(dataset), "--json", "--report", str(tmp_path / "report")], env=env
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["mode"] == "offline" and report["passed"] is True
    suite = report["suites"][0]
    assert suite["suite"] == "retrieval" and suite["cases"] == 1
    metrics = {m["name"]: m for m in suite["metrics"]}
    assert metrics["hit_at_k"]["value"] == 1.0 and metrics["hit_at_k"]["threshold"] == 0.9
    page = (tmp_path / "report" / "index.html").read_text()
    assert "<table>" in page and "<svg" in page and "hit_at_k" in page


@pytest.mark.slow
def test_the_gate_fails_when_a_metric_drops_below_its_threshold(env: dict[str, str], tmp_path: Path) -> None:
    strict = tmp_path / "thresholds.yaml"
    strict.write_text(
        "plan:\n  determinism: {min: 1.0}\n  checklist_pass_rate: {min: 0.99}\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["eval", "--suite", "plan", "--thresholds", str(strict)], env=env)
    assert result.exit_code == 1
    assert "gate failed" in result.stdout and "FAIL" in result.stdout
    passing = runner.invoke(app, ["eval", "--suite", "plan"], env=env)
    assert passing.exit_code == 0 and "gate passed" in passing.stdout


def test_eval_bad_input(tmp_path: Path) -> None:
    env = {"ADVISOR_DATA_DIR": str(tmp_path)}
    assert runner.invoke(app, ["eval", "--suite", "nope"], env=env).exit_code == 2
    assert runner.invoke(app, ["eval", "--dataset", str(tmp_path / "missing.yaml")], env=env).exit_code == 2
    unlabeled = tmp_path / "x.yaml"
    unlabeled.write_text("cases: []\n")
    result = runner.invoke(app, ["eval", "--dataset", str(unlabeled)], env=env)
    assert result.exit_code == 2 and "suite" in result.stderr
