"""What a session store keeps: a session row (state as JSON, a version counting committed turns) and
its transcript (messages numbered from 1)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from advisor.plan.profile import BusinessProfile


class NewMessage(BaseModel):
    """A transcript entry about to be written."""

    role: str = Field(description="'user' or 'advisor'.")
    text: str
    payload: dict[str, Any] | None = Field(None, description="The turn object for advisor messages.")


class Message(NewMessage):
    seq: int = Field(description="Position in the transcript, from 1.")
    created_at: str


class Session(BaseModel):
    id: str
    created_at: str
    updated_at: str
    version: int = Field(0, description="Turns committed so far; each turn adds exactly one.")
    state: dict[str, Any] = Field(default_factory=dict)

    @property
    def profile(self) -> BusinessProfile:
        return BusinessProfile.model_validate(self.state.get("profile", {}))


class Snapshot(BaseModel):
    """A session and its transcript, read together (one consistent view)."""

    session: Session
    transcript: list[Message]
