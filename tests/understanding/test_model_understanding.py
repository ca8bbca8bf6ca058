"""Understanding with a chat model (scripted OpenAI-compatible server), and the offline fallback."""

from __future__ import annotations

import json

import pytest

from advisor.config import Settings
from advisor.providers.chat import build_chat_model
from advisor.understanding.llm import ModelUnderstander
from advisor.understanding.models import Context
from advisor.understanding.understander import Understander
from tests.fakes.openai_server import Reply, ScriptedOpenAI

pytestmark = pytest.mark.slow


def _reader(server: ScriptedOpenAI, understander: Understander) -> ModelUnderstander:
    model = build_chat_model(Settings(llm_base_url=server.base_url, llm_model="scripted", llm_timeout=1.0))
    assert model is not None
    return ModelUnderstander(model, understander)


def test_the_model_places_facts_and_the_typed_readers_parse_them(
    openai_server: ScriptedOpenAI, understander: Understander
) -> None:
    openai_server.script(
        json.dumps(
            {
                "intent": "answer",
                "facts": [
                    {"field": "niche", "value": "artisan cheese", "quote": "little cheesemonger"},
                    {"field": "tech_stack", "value": "Shopify", "quote": "Shopify"},
                    {"field": "budget_monthly", "value": "€250 a month", "quote": "250 a month for tools"},
                ],
            }
        )
    )
    reading = _reader(openai_server, understander)(
        "We're a little cheesemonger, Shopify, 250 a month for tools", Context(asked="business")
    )
    fields = reading.patch.fields()
    assert (
        reading.mode == "llm" and fields["niche"] == "artisan cheese" and fields["tech_stack"] == ["Shopify"]
    )
    assert fields["budget_monthly"] == 250 and reading.patch.currency == "EUR"
    body = openai_server.requests[0]["body"]
    assert body["response_format"]["type"] == "json_schema"
    assert "business" in body["messages"][0]["content"]  # the asked slot is in the prompt


def test_the_model_wins_where_the_rules_alone_would_be_wrong(
    openai_server: ScriptedOpenAI, understander: Understander
) -> None:
    text = "we import from Germany but sell only to Austrian customers"
    offline = understander.understand(text, Context(asked="regions")).patch.fields()
    openai_server.script(
        json.dumps(
            {
                "intent": "answer",
                "facts": [{"field": "regions", "value": "Austria", "quote": "Austrian customers"}],
            }
        )
    )
    reading = _reader(openai_server, understander)(text, Context(asked="regions"))
    assert reading.patch.fields() == {"regions": ["Austria"]}
    assert offline != reading.patch.fields()  # no offline fact is added to or preferred over the model's


def test_a_value_the_readers_cannot_parse_is_not_filed(
    openai_server: ScriptedOpenAI, understander: Understander
) -> None:
    openai_server.script(
        json.dumps(
            {"intent": "answer", "facts": [{"field": "budget_monthly", "value": "whatever", "quote": "x"}]}
        )
    )
    reading = _reader(openai_server, understander)("whatever you think", Context(asked="budget"))
    assert reading.patch.facts == []


@pytest.mark.parametrize("reply", [Reply("down", status=500), Reply("{not json")])
def test_model_failure_falls_back_to_the_offline_layer_and_says_so(
    openai_server: ScriptedOpenAI, understander: Understander, reply: Reply
) -> None:
    openai_server.script(reply)
    reading = _reader(openai_server, understander)("maybe 300 a month", Context(asked="budget"))
    assert reading.mode == "offline" and reading.notice and reading.patch.fields()["budget_monthly"] == 300
