"""The interview script (``knowledge/interview.yaml``) as typed models, loaded once."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from advisor.knowledge.curated import load_curated


class WhyRef(BaseModel):
    doc: str
    section: str
    quote: str


class SlotSpec(BaseModel):
    """One question of the interview and the profile fields it fills."""

    id: str = Field(description="Slot id (the understanding layer's slot names).")
    fields: list[str] = Field(
        min_length=1, description="Profile fields it fills; the first decides 'answered'."
    )
    label: str = Field(description="How the advisor names the fact ('your AI budget').")
    question: str = Field(description="The question as first asked.")
    reask: str = Field(description="A shorter question used once when an answer did not fill the slot.")
    assumption: str = Field(description="What the plan assumes when the owner does not know.")
    quick_replies: list[str] = Field(
        default_factory=list, description="Suggested replies for categorical answers."
    )
    why: WhyRef | None = Field(None, description="The corpus passage that explains why the question matters.")


class InterviewScript(BaseModel):
    greeting: str
    slots: list[SlotSpec] = Field(min_length=1)

    @classmethod
    def load(cls, knowledge_dir: Path) -> InterviewScript:
        script = cls.model_validate(load_curated(knowledge_dir, "interview.yaml"))
        script.greeting = " ".join(script.greeting.split())
        return script

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.slots]

    def get(self, slot_id: str) -> SlotSpec:
        return next(s for s in self.slots if s.id == slot_id)

    def slot_of_field(self, field: str) -> SlotSpec | None:
        return next((s for s in self.slots if field in s.fields), None)
