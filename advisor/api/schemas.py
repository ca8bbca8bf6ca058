"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from advisor.config import MAX_MESSAGE_CHARS
from advisor.interview.state import PlanProgress, Turn
from advisor.sessions.models import Message


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


class ErrorDetail(BaseModel):
    type: str = Field(
        description="Machine-readable kind: bad_request, validation_error, not_found, forbidden, http_error, "
        "payload_too_large, rate_limited, model_error, service_unavailable."
    )
    message: str = Field(description="What went wrong, in words an owner can act on.")


class ErrorBody(BaseModel):
    """The body of every error response (never a stack trace)."""

    error: ErrorDetail


ERROR_MEANINGS = {
    400: "The input cannot be used (empty or binary message, plan not ready yet).",
    401: "Wrong or missing X-Admin-Key.",
    403: "A cross-origin call without a widget key valid for its Origin, or admin endpoints disabled.",
    404: "No such session.",
    413: "The request body is larger than ADVISOR_MAX_MESSAGE_BYTES (declared or streamed).",
    422: "The request does not match the schema (field, type, JSON).",
    429: "A rate limit was reached (per client address, per session or per widget key).",
    502: "The configured chat model failed.",
    503: "The advisor is starting, or a store it needs is unavailable or busy; try again.",
}
RETRY_AFTER = {
    "Retry-After": {"description": "Seconds to wait before trying again.", "schema": {"type": "integer"}}
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for these error statuses, all with the ErrorBody."""
    return {
        code: {
            "model": ErrorBody,
            "description": ERROR_MEANINGS[code],
            **({"headers": RETRY_AFTER} if code in (429, 503) else {}),
        }
        for code in codes
    }


# Every /v1 route can meet the guards (keys, size, rate limits) and a store that is unavailable.
API_ERRORS = errors(403, 413, 429, 503)
