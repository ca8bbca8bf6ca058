"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from advisor.interview.state import PlanProgress, Turn
from advisor.sessions.models import Message


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=8000, description="What the owner says.")


class QuestionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(min_length=1, max_length=4000, description="A question for the advisor.")
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


class Health(BaseModel):
    status: str
    detail: dict[str, Any] = Field(default_factory=dict)
