"""`advisor chat --json`: the JSON-lines protocol, including bad lines and resume."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from advisor.cli import app
from advisor.retrieval.knowledge_base import KnowledgeBase

runner = CliRunner()
pytestmark = pytest.mark.slow

ANSWERS = [
    "We sell hand-poured candles on Shopify, about $40k a month",
    "gift buyers",
    "premium",
    "reduce support tickets by 30% within 6 months",
    "Shopify reports and Klaviyo, no CRM",
    "two founders, no developer",
    "$400",
    "drowning in where-is-my-order emails",
    "US and Canada",
    "only for the email list",
    "yes",
]


@pytest.fixture
def env(knowledge_base: KnowledgeBase) -> dict[str, str]:
    return {"ADVISOR_DATA_DIR": str(knowledge_base.settings.data_dir)}


def test_protocol_greeting_first_then_one_turn_per_line(env: dict[str, str]) -> None:
    stdin = "\n".join(ANSWERS) + "\n"
    result = runner.invoke(app, ["chat", "--json"], input=stdin, env=env)
    assert result.exit_code == 0, result.output
    turns = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(turns) == 1 + len(ANSWERS)
    assert "10 minutes" in turns[0]["message"] and turns[0]["asking"] == "business"
    assert len({t["session_id"] for t in turns}) == 1
    final = turns[-1]
    assert (
        final["plan_complete"] is True
        and final["plan"]["initiatives"]
        and "## 1. Executive summary" in final["plan_markdown"]
    )
    for key in ("message", "next_question", "quick_replies", "plan_progress", "citations", "plan_complete"):
        assert key in turns[1]
    questions = [t["next_question"] for t in turns if t["next_question"]]
    assert len(questions) == len(set(questions))


def test_bad_lines_get_errors_and_the_session_goes_on(env: dict[str, str]) -> None:
    stdin = b'\n   \n\xff\xfe not utf8\n{"text": "We sell tea on Etsy"}\n' + b"x" * 9000 + b"\ntea lovers\n"
    result = runner.invoke(app, ["chat", "--json"], input=stdin, env=env)
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    errors = [line for line in lines if "error" in line]
    assert len(errors) == 4
    assert any("empty" in e["error"] for e in errors) and any("UTF-8" in e["error"] for e in errors)
    assert any("too long" in e["error"] for e in errors)
    turns = [line for line in lines if "error" not in line]
    assert turns[1]["asking"] == "audience" and turns[2]["asking"] == "market_position"


def test_resume_with_session(env: dict[str, str]) -> None:
    first = runner.invoke(
        app, ["chat", "--json", "--session", "resume-me"], input="We sell tea on Etsy\n", env=env
    )
    assert first.exit_code == 0
    again = runner.invoke(app, ["chat", "--json", "--session", "resume-me"], input="tea lovers\n", env=env)
    turns = [json.loads(line) for line in again.stdout.splitlines()]
    assert "Welcome back" in turns[0]["message"] and turns[0]["asking"] == "audience"
    assert turns[1]["asking"] == "market_position"


def test_interactive_options_are_lettered_and_a_number_stays_a_number(env: dict[str, str]) -> None:
    stdin = (
        "\n".join([*ANSWERS[:3], "more repeat orders within 6 months", "skip", "Shopify", "3", "/quit"])
        + "\n"
    )
    result = runner.invoke(app, ["chat"], input=stdin, env=env)
    assert result.exit_code == 0, result.output
    assert "3 people" in result.output  # "3" at the team question is three people, not the third option
    assert "a Just me" in result.output
