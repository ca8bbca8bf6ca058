"""Extraction with a chat model (scripted OpenAI-compatible server), and its offline fallback."""

from __future__ import annotations

import json

from advisor.config import Settings
from advisor.interview.llm_extract import model_extractor
from advisor.providers.chat import build_chat_model
from tests.conftest import CORPUS_DIR
from tests.fakes.openai_server import Reply, ScriptedOpenAI


def _extractor(server: ScriptedOpenAI):  # type: ignore[no-untyped-def]
    model = build_chat_model(Settings(llm_base_url=server.base_url, llm_model="scripted", llm_timeout=1.0))
    assert model is not None
    return model_extractor(model, CORPUS_DIR)


def test_structured_output_fills_the_same_slots(openai_server: ScriptedOpenAI) -> None:
    openai_server.script(
        json.dumps(
            {
                "niche": "artisan cheese",
                "tech_stack": ["Shopify"],
                "budget_monthly": 250,
                "is_question": False,
            }
        )
    )
    result = _extractor(openai_server)(
        "We're a little cheesemonger, Shopify, 250 a month for tools", "business"
    )
    assert result.facts["niche"] == "artisan cheese" and result.facts["budget_monthly"] == 250
    body = openai_server.requests[0]["body"]
    assert body["response_format"]["type"] == "json_schema"
    assert "business" in body["messages"][0]["content"]  # the asked slot is in the prompt


def test_invalid_model_output_falls_back_to_the_offline_extractor(openai_server: ScriptedOpenAI) -> None:
    openai_server.script(json.dumps({"budget_monthly": -5}))
    result = _extractor(openai_server)("We sell candles on Shopify", "business")
    assert result.facts["niche"] == "candles" and result.facts["tech_stack"] == ["Shopify"]


def test_model_failure_falls_back(openai_server: ScriptedOpenAI) -> None:
    openai_server.script(Reply("down", status=500))
    result = _extractor(openai_server)("maybe 300 a month", "budget")
    assert result.facts["budget_monthly"] == 300
