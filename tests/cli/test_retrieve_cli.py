"""The CLI's JSON contract and its errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from advisor.cli import app
from advisor.retrieval.knowledge_base import KnowledgeBase

runner = CliRunner()
HIT_FIELDS = {"chunk_id", "source", "section", "text", "score"}


@pytest.fixture
def env(knowledge_base: KnowledgeBase) -> dict[str, str]:
    return {"ADVISOR_DATA_DIR": str(knowledge_base.settings.data_dir)}


@pytest.mark.slow
def test_retrieve_json_contract(env: dict[str, str]) -> None:
    result = runner.invoke(
        app, ["retrieve", "how do I prioritise AI projects", "--json", "--k", "3"], env=env
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["query"] == "how do I prioritise AI projects"
    assert len(payload["hits"]) == 3
    assert all(set(hit) == HIT_FIELDS for hit in payload["hits"])


@pytest.mark.slow
def test_retrieve_human_output(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["retrieve", "fraud at checkout", "--k", "2"], env=env)
    assert result.exit_code == 0
    assert "1. " in result.stdout and "Fintech" in result.stdout


@pytest.mark.slow
def test_batch_answers_good_lines_and_reports_bad_ones(env: dict[str, str], tmp_path: Path) -> None:
    batch = tmp_path / "questions.jsonl"
    batch.write_text(
        '{"id": "q1", "question": "How can a chatbot help with order status?"}\n'
        "this is not json\n"
        "\n"
        '{"id": 7, "question": "   "}\n'
        '["not", "an", "object"]\n'
        '{"id": "q2", "question": "What should my governance cover?"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["retrieve", "--batch", str(batch), "--json", "--k", "2"], env=env)
    assert result.exit_code == 2
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["q1", None, 7, None, "q2"]
    assert len(lines[0]["hits"]) == 2 and all(set(h) == HIT_FIELDS for h in lines[0]["hits"])
    assert "line 2: not valid JSON" in lines[1]["error"]
    assert "'question' must be a non-empty string" in lines[2]["error"]
    assert "expected an object" in lines[3]["error"]
    assert "hits" in lines[4]
    assert "3 line(s)" in result.stderr


def test_batch_errors_without_loading_anything(tmp_path: Path) -> None:
    env = {"ADVISOR_DATA_DIR": str(tmp_path / "data")}
    missing = runner.invoke(app, ["retrieve", "--batch", str(tmp_path / "nope.jsonl"), "--json"], env=env)
    assert missing.exit_code == 2 and "batch file not found" in missing.stderr
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(app, ["retrieve", "--batch", str(binary), "--json"], env=env)
    assert result.exit_code == 2 and "looks binary" in result.stderr
    plain = runner.invoke(app, ["retrieve", "--batch", str(binary)], env=env)
    assert plain.exit_code == 2 and "--json" in plain.stderr
    both = runner.invoke(app, ["retrieve", "q", "--batch", str(binary), "--json"], env=env)
    assert both.exit_code == 2 and "not both" in both.stderr


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_is_a_clear_error(query: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["retrieve", query], env={"ADVISOR_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 2
    assert "the question is empty" in result.stderr
    assert not (tmp_path / "index").exists()  # nothing was built for a bad query


@pytest.mark.slow
def test_ingest_reports_nothing_to_embed_on_a_current_index(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["ingest", "--json"], env=env)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["embedded"] == 0 and report["unchanged"] == report["chunks"] > 50


def test_help_explains_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("ingest", "retrieve", "serve"):
        assert command in result.stdout
    detail = runner.invoke(app, ["retrieve", "--help"])
    assert "--batch" in detail.stdout and "JSON-lines" in detail.stdout


def test_the_installed_command_never_prints_a_traceback(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "advisor", "retrieve", "   "],
        capture_output=True,
        text=True,
        env={"ADVISOR_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )
    assert completed.returncode == 2
    assert "error: the question is empty" in completed.stderr
    assert "Traceback" not in completed.stderr
