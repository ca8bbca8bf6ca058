"""POST /v1/ask as server-sent events, and interview turns that stream a chat model's tokens live."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from advisor.api.app import create_app
from advisor.config import Settings
from advisor.providers.chat import build_chat_model
from advisor.retrieval.knowledge_base import KnowledgeBase
from advisor.runtime import Advisor
from tests.api.conftest import make_advisor
from tests.conftest import CORPUS_DIR
from tests.fakes.openai_server import Reply, ScriptedOpenAI

pytestmark = pytest.mark.slow
SSE = {"Accept": "text/event-stream"}


def _events(raw: str) -> list[tuple[str, object]]:
    return [
        (block.split("\n")[0][7:], json.loads(block.split("\n")[1][6:]))
        for block in raw.strip().split("\n\n")
    ]


@pytest.fixture
def model_client(
    tmp_path: Path, knowledge_base: KnowledgeBase, openai_server: ScriptedOpenAI
) -> Iterator[TestClient]:
    settings = Settings(
        data_dir=tmp_path / "data", knowledge_dir=CORPUS_DIR, allowed_hosts=["testserver"],
        llm_base_url=openai_server.base_url, llm_model="scripted", llm_timeout=5.0,
    )  # fmt: skip
    advisor = Advisor(settings, kb=knowledge_base, chat_model=build_chat_model(settings))
    advisor.understand_fn = lambda: advisor.understander.understand  # type: ignore[method-assign]
    with TestClient(create_app(advisor)) as client:
        yield client


def test_ask_as_events_offline(tmp_path: Path, knowledge_base: KnowledgeBase) -> None:
    with TestClient(create_app(make_advisor(tmp_path / "data", knowledge_base))) as client:
        with client.stream("POST", "/v1/ask", json={"question": "What is STRIVE?"}, headers=SSE) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            events = _events("".join(response.iter_text()))
        names = [name for name, _ in events]
        assert names[0] == "status" and names[-1] == "answer" and names.index("citations") < len(names) - 1
        answer = events[-1][1]
        assert isinstance(answer, dict) and answer["mode"] == "offline"
        assert "".join(d["text"] for n, d in events if n == "delta") == answer["answer"]  # type: ignore[index]
        missing = client.post("/v1/ask", json={"question": "hi", "session_id": "nope"}, headers=SSE)
        assert missing.status_code == 404


def test_ask_streams_the_models_tokens_as_they_arrive(
    model_client: TestClient, openai_server: ScriptedOpenAI
) -> None:
    reply = "Basic chatbots can provide order status updates and handle frequently asked questions [1]."
    openai_server.script(Reply(reply, token_delay=0.02))
    with model_client.stream(
        "POST",
        "/v1/ask",
        json={"question": "How can a chatbot help with order status questions?"},
        headers=SSE,
    ) as response:
        events = _events("".join(response.iter_text()))
    names = [name for name, _ in events]
    assert names[:2] == ["status", "status"] and events[1][1] == {"state": "writing"}
    assert "".join(d["text"] for n, d in events if n == "delta") == reply  # type: ignore[index]
    answer = events[-1][1]
    assert names[-1] == "answer" and isinstance(answer, dict) and answer["mode"] == "llm"
    assert answer["citations"] and "[1]" in answer["answer"]


def test_an_interview_turn_that_answers_streams_the_model_live(
    model_client: TestClient, openai_server: ScriptedOpenAI
) -> None:
    sid = model_client.post("/v1/sessions").json()["session_id"]
    reply = "A chatbot can answer frequently asked questions and provide order status updates [1]."
    openai_server.script(Reply(reply, token_delay=0.02))
    with model_client.stream(
        "POST", f"/v1/sessions/{sid}/messages", json={"text": "How can a chatbot help with order status?"},
        headers=SSE,
    ) as response:  # fmt: skip
        events = _events("".join(response.iter_text()))
    names = [name for name, _ in events]
    assert "delta" in names and names[-1] == "turn"
    streamed = "".join(d["text"] for n, d in events if n == "delta")  # type: ignore[index]
    assert streamed == reply  # the model's own tokens, before the turn was complete
    turn = events[-1][1]
    assert isinstance(turn, dict) and turn["mode"] == "llm" and turn["citations"]
