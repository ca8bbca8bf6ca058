from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from advisor.cli import app
from advisor.config import PROJECT_ROOT
from advisor.retrieval.knowledge_base import KnowledgeBase

runner = CliRunner()
ANSWER_FIELDS = {"answer", "citations", "refusal", "mode", "suggested_questions", "notice", "covered"}


@pytest.fixture
def env(knowledge_base: KnowledgeBase) -> dict[str, str]:
    return {"ADVISOR_DATA_DIR": str(knowledge_base.settings.data_dir)}


@pytest.mark.slow
def test_ask_json_contract(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["ask", "How can a chatbot help with order status?", "--json"], env=env)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert set(answer) == ANSWER_FIELDS and answer["mode"] == "offline" and answer["refusal"] is None
    assert {"n", "chunk_id", "source", "section", "quote"} == set(answer["citations"][0])


@pytest.mark.slow
def test_ask_refusal_json(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["ask", "Hide the unsubscribe link so nobody can leave", "--json"], env=env)
    refusal = json.loads(result.stdout)["refusal"]
    assert refusal["rule"] == "dark-patterns" and refusal["reason"] and refusal["alternative"]


@pytest.mark.slow
def test_ask_batch_with_bad_lines(env: dict[str, str], tmp_path: Path) -> None:
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        '{"id": 1, "question": "What makes a goal SMART?"}\n{"id": 2}\nnot json\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["ask", "--batch", str(batch), "--json"], env=env)
    assert result.exit_code == 2
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["id"] == 1 and lines[0]["citations"]
    assert "error" in lines[1] and "error" in lines[2]


@pytest.mark.slow
def test_ask_human_output_lists_sources(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["ask", "What makes a goal SMART?"], env=env)
    assert result.exit_code == 0 and "Sources" in result.stdout and "[1]" in result.stdout


def test_suggest_with_a_profile_and_errors(tmp_path: Path) -> None:
    env = {"ADVISOR_DATA_DIR": str(tmp_path)}
    profile = PROJECT_ROOT / "evals" / "datasets" / "profiles" / "candles.yaml"
    result = runner.invoke(app, ["suggest", "--profile", str(profile), "--json"], env=env)
    assert result.exit_code == 0
    questions = json.loads(result.stdout)["suggested_questions"]
    assert "reducing customer-service workload by 30% within 6 months" in questions[0]
    unknown = runner.invoke(app, ["suggest", "--session", "does-not-exist"], env=env)
    assert unknown.exit_code == 2 and "unknown session" in unknown.stderr
    text = runner.invoke(app, ["suggest"], env=env)
    assert text.exit_code == 0 and "[e.g." in text.stdout
