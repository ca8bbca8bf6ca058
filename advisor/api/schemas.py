"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from advisor.config import MAX_MESSAGE_CHARS
from advisor.interview.state import PlanProgress, Turn
from advisor.sessions.store import Message


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(
        min_length=1,
        max_length=MAX_MESSAGE_CHARS,
        description="What the owner says (characters, any script).",
    )


class QuestionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(
        min_length=1, max_length=MAX_MESSAGE_CHARS, description="A question for the advisor (characters)."
    )
    session_id: str | None = Field(None, description="Use the facts of this session.")


class SessionCreated(BaseModel):
    session_id: str
    turn: Turn


class SessionView(BaseModel):
    session_id: str
    created_at: str
    updated_at: str
    transcript: list[Message]
    plan_progress: PlanProgress
    plan_complete: bool
    profile: dict[str, Any]


class SuggestedQuestions(BaseModel):
    suggested_questions: list[str]


class SourceDocument(BaseModel):
    source: str = Field(description="Corpus file name, as in a citation's `source`.")
    id: str = Field(description="Readable document id.")
    title: str = Field(description="Readable document title.")


class Sources(BaseModel):
    sources: list[SourceDocument]


class Health(BaseModel):
    status: str
    detail: dict[str, Any] = Field(default_factory=dict)
