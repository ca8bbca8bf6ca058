"""The model path against a scripted OpenAI-compatible server on loopback."""

from __future__ import annotations

import openai
import pytest
from pydantic import BaseModel, Field

from advisor.config import Settings
from advisor.providers.chat import build_chat_model
from advisor.providers.embeddings import LocalMiniLMEmbedder, OpenAIEmbedder, build_embedder
from tests.fakes.openai_server import Reply, ScriptedOpenAI


def _settings(server: ScriptedOpenAI, **extra: object) -> Settings:
    options: dict[str, object] = {"llm_timeout": 2, **extra}
    return Settings(llm_base_url=server.base_url, llm_model="scripted", **options)  # type: ignore[arg-type]


def test_no_key_and_no_url_means_offline() -> None:
    assert build_chat_model(Settings()) is None


def test_chat_completion_goes_to_the_configured_url(openai_server: ScriptedOpenAI) -> None:
    openai_server.script("Start with a chatbot for order status.")
    model = build_chat_model(_settings(openai_server))
    assert model is not None
    reply = model.invoke([("system", "You advise shop owners."), ("user", "What first?")])
    assert reply.content == "Start with a chatbot for order status."
    assert openai_server.prompts[0][0] == {"role": "system", "content": "You advise shop owners."}
    assert openai_server.requests[0]["body"]["model"] == "scripted"


def test_streaming_yields_the_reply_in_pieces(openai_server: ScriptedOpenAI) -> None:
    openai_server.script("one two three")
    model = build_chat_model(_settings(openai_server))
    assert model is not None
    pieces = [chunk.content for chunk in model.stream("count")]
    assert len([p for p in pieces if p]) == 3
    assert "".join(str(p) for p in pieces) == "one two three"
    assert openai_server.requests[0]["body"]["stream"] is True


class Facts(BaseModel):
    niche: str = Field(description="What the shop sells.")
    budget_monthly: int | None = Field(description="Monthly AI budget in US dollars.")


def test_json_schema_structured_output(openai_server: ScriptedOpenAI) -> None:
    openai_server.script('{"niche": "candles", "budget_monthly": 800}')
    model = build_chat_model(_settings(openai_server))
    assert model is not None
    facts = model.with_structured_output(Facts, method="json_schema").invoke("We sell candles, $800/month.")
    assert facts == Facts(niche="candles", budget_monthly=800)
    response_format = openai_server.requests[0]["body"]["response_format"]
    assert response_format["type"] == "json_schema"
    assert "niche" in response_format["json_schema"]["schema"]["properties"]


def test_timeout_raises_quickly(openai_server: ScriptedOpenAI) -> None:
    openai_server.script(Reply("late", delay=1.5))
    model = build_chat_model(_settings(openai_server, llm_timeout=0.3))
    assert model is not None
    with pytest.raises(openai.APITimeoutError):
        model.invoke("hello")


def test_server_error_is_not_retried(openai_server: ScriptedOpenAI) -> None:
    openai_server.script(Reply("boom", status=500))
    model = build_chat_model(_settings(openai_server))
    assert model is not None
    with pytest.raises(openai.InternalServerError):
        model.invoke("hello")
    assert len(openai_server.requests) == 1


def test_openai_embeddings_backend(openai_server: ScriptedOpenAI) -> None:
    embedder = build_embedder(_settings(openai_server, embeddings="openai", embedding_model="emb"))
    assert isinstance(embedder, OpenAIEmbedder)
    assert embedder.slug == "openai-emb"
    vectors = embedder.embed_documents(["a", "bb"])
    assert vectors == [[1.0, 1.0, 0.0], [2.0, 1.0, 1.0]]
    assert openai_server.requests[0]["body"]["input"] == ["a", "bb"]


def test_local_embeddings_are_the_default() -> None:
    assert isinstance(build_embedder(Settings()), LocalMiniLMEmbedder)
