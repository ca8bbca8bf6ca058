"""The interview script (``knowledge/interview.yaml``) as typed models, loaded once."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, Field

from advisor.knowledge.curated import load_curated
from advisor.plan.money import Money

ABOUT_WORDS = 24
_DOLLARS = re.compile(r"\$(\d[\d,]*)")
# why the pending question is asked: "why do u need my budget?", "what's that for", "why does it matter"
_WHY_ASKED = re.compile(
    r"^\W*(?:(?:but|and|ok|okay|hm+|wait|sorry|just curious)\W+)*(?:why|how come)\b[^?]{0,40}?\b(?:need|want|ask|"
    r"asking|care|know|matter|matters|important|relevant|required|necessary)\b"
    r"|\bwhat (?:do|does|will|would) (?:you|u|it|the plan) (?:need|use|want|do with) (?:that|this|it|my [a-z]+)(?: for)?\b"
    r"|\bwhy (?:does|do|would) (?:that|this|it) matter\b|\bwhat(?:'s| is) (?:that|this) (?:for|needed for)\b",
    re.IGNORECASE,
)


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
    purpose: str | None = Field(
        None, description="Why the question is asked, in plain words (answers 'why do you need that?')."
    )


class AboutAnswer(BaseModel):
    """A question about the interview itself and its answer."""

    patterns: list[str] = Field(min_length=1, description="Case-insensitive patterns of the question.")
    answer: str = Field(description="The answer; {done} and {total} are the answered and total questions.")

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in self.patterns), re.IGNORECASE)


class InterviewScript(BaseModel):
    greeting: str
    slots: list[SlotSpec] = Field(min_length=1)
    about: list[AboutAnswer] = Field(
        default_factory=list, description="Questions about the interview itself."
    )

    def about_answer(self, question: str, asking: str | None = None) -> str | None:
        """The answer to a question about the interview ("how long does this take?", "why do u need my
        budget?" while ``asking`` that slot), if it is one."""
        if len(question.split()) > ABOUT_WORDS:  # a longer message asks more than that: answered in full
            return None
        spec = next((s for s in self.slots if s.id == asking), None)
        if spec is not None and spec.purpose and _WHY_ASKED.search(question):
            return spec.purpose
        return next((a.answer for a in self.about if a.regex.search(question)), None)

    def quick_replies(self, slot_id: str, money: Money) -> list[str]:
        """The slot's suggested replies, dollar amounts in the owner's currency ("Under £79")."""
        return [
            _DOLLARS.sub(lambda m: money.fmt_usd_here(float(m.group(1).replace(",", ""))), reply)
            for reply in self.get(slot_id).quick_replies
        ]

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
