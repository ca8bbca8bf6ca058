"""Interview state (persisted per session) and the turn object every interface returns."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.answers.models import Citation, Refusal
from advisor.plan.profile import BusinessProfile
from advisor.understanding.models import Context

Phase = Literal["interview", "confirm", "complete"]


class PlanProgress(BaseModel):
    filled: int = Field(description="Slots answered (or marked unknown).")
    total: int = Field(description="Slots in the interview.")
    missing: list[str] = Field(description="Slot ids still to ask.")


class Turn(BaseModel):
    """One advisor turn: what it says, what it asks next, and how far the plan is."""

    session_id: str | None = None
    message: str = Field(
        description="Markdown shown to the owner (acknowledgement, answer, and the next question)."
    )
    next_question: str | None = Field(None, description="The question the advisor is asking now, if any.")
    asking: str | None = Field(None, description="Slot id of that question (for scripted clients).")
    quick_replies: list[str] = Field(
        default_factory=list, description="Suggested replies for categorical answers."
    )
    plan_progress: PlanProgress
    citations: list[Citation] = Field(
        default_factory=list, description="Sources behind [n] markers in the message."
    )
    refusal: Refusal | None = None
    mode: Literal["offline", "llm"] = "offline"
    notice: str | None = None
    plan_complete: bool = False
    plan: dict[str, Any] | None = Field(None, description="The plan (JSON) once complete.")
    plan_markdown: str | None = Field(None, description="The plan as a Markdown document once complete.")


class Pending(BaseModel):
    """A question the advisor asked that is not a slot: a clarification, a start-over check, a missing value."""

    kind: Literal["clarify", "start_over", "value"]
    field: str | None = Field(None, description="Profile field it is about.")
    question: str
    options: list[str] = Field(
        default_factory=list, description="Values the owner can pick ('Canada', 'California')."
    )


class InterviewState(BaseModel):
    """Everything needed to resume an interview after a restart."""

    model_config = ConfigDict(extra="ignore")

    profile: BusinessProfile = Field(default_factory=BusinessProfile, description="Facts gathered so far.")
    unknown: list[str] = Field(
        default_factory=list, description="Slot ids the owner did not know or skipped."
    )
    asked: list[str] = Field(default_factory=list, description="Every question asked, in order.")
    asked_slots: list[str] = Field(
        default_factory=list,
        description="Slot ids in the order they were asked (a bare correction fixes the last).",
    )
    reasks: dict[str, int] = Field(default_factory=dict, description="Times each slot was asked again.")
    current: str | None = Field(None, description="Slot being asked.")
    current_question: str | None = None
    pending: Pending | None = Field(None, description="A clarification waiting for the owner's answer.")
    pending_goal: str | None = Field(None, description="A goal waiting for its missing SMART parts.")
    refused: str | None = Field(None, description="The rule the last turn refused under, if it did.")
    follow_ups: int = 0
    phase: Phase = "interview"
    turns: int = 0
    history: list[str] = Field(
        default_factory=list, description="Recent user messages (redacted), for guardrails."
    )
    plan: dict[str, Any] | None = None
    plan_markdown: str | None = None

    def reading_context(self) -> Context:
        """What the understanding layer is told when it reads the next message."""
        # at the summary, after "What should I put instead?", the answer is to that slot
        asked = self.current or ("confirm" if self.phase == "confirm" else None)
        currency = self.profile.currency if "currency" in self.profile.evidence else None
        previous = next((a for a in reversed(self.asked_slots) if a != self.current), None)
        goal = self.profile.goals[0] if self.profile.goals else None  # a revision may give only its figures
        return Context(
            asked=asked, previous=previous, currency=currency, regions=self.profile.regions, goal=goal
        )
