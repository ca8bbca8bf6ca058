"""Model-judged metrics against the scripted OpenAI-compatible server."""

from __future__ import annotations

import json

import pytest

from advisor.config import PROJECT_ROOT, Settings
from advisor.evaluation.judge import make_judge
from advisor.providers.chat import build_chat_model
from tests.fakes.openai_server import Reply, ScriptedOpenAI

pytestmark = pytest.mark.slow


def test_judge_scores_faithfulness_and_relevancy(answer_service, openai_server: ScriptedOpenAI) -> None:  # type: ignore[no-untyped-def]
    model = build_chat_model(
        Settings(llm_base_url=openai_server.base_url, llm_model="judge", llm_timeout=2.0)
    )
    assert model is not None
    openai_server.script(
        json.dumps({"total_claims": 4, "supported_claims": 3, "relevancy": 5}),
        json.dumps({"total_claims": 4, "supported_claims": 4, "relevancy": 3}),
        Reply("broken", status=500),
    )
    judge = make_judge(model, answer_service, PROJECT_ROOT / "evals" / "datasets" / "answers.yaml", limit=3)
    result = judge("answers")
    assert result["label"].startswith("model-judged") and result["judged"] == 2
    assert result["faithfulness"] == pytest.approx(7 / 8)
    assert result["answer_relevancy"] == pytest.approx(((5 + 3) / 2 - 1) / 4)
    first_prompt = openai_server.prompts[0][1]["content"]
    assert first_prompt.startswith("Question:") and "Passages:" in first_prompt
