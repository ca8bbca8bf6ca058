"""What the understanding layer says about one owner message: its intent and a typed profile patch."""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, Field, ValidationError, model_validator

from advisor.errors import InputError
from advisor.plan.profile import BusinessProfile

Intent = Literal[
    "answer", "question", "request", "correction", "skip", "yes", "no", "start_over", "greeting"
]  # fmt: skip
INTENTS: tuple[str, ...] = get_args(Intent)
Slot = Literal[
    "business", "audience", "market_position", "usp", "goals", "data", "tech_stack", "team", "budget",
    "revenue", "pain_points", "regions", "consent", "none",
]  # fmt: skip
SLOTS: tuple[str, ...] = get_args(Slot)
# context values: the slot the advisor asked, "confirm", or None (nothing asked / after the plan)
ASKED: tuple[str, ...] = (*[s for s in SLOTS if s not in ("none", "revenue", "usp")], "confirm")
# profile fields each slot fills (first = the slot's main field)
SLOT_FIELDS: dict[str, tuple[str, ...]] = {
    "business": ("niche", "products"),
    "audience": ("audience",),
    "market_position": ("market_position", "usp"),
    "usp": ("usp",),
    "goals": ("goals",),
    "data": ("data_maturity",),
    "tech_stack": ("tech_stack",),
    "team": ("team",),
    "budget": ("budget_monthly",),
    "revenue": ("monthly_revenue",),
    "pain_points": ("pain_points",),
    "regions": ("regions",),
    "consent": ("consent",),
}
LIST_FIELDS = frozenset({"products", "goals", "tech_stack", "pain_points", "regions", "kpis"})


class Context(BaseModel):
    """What the advisor knows when it reads a message."""

    asked: str | None = Field(None, description="Slot the advisor just asked, 'confirm', or None.")
    previous: str | None = Field(
        None,
        description='The slot asked before that one: a bare correction ("sorry, I meant 1500") usually fixes it.',
    )
    currency: str | None = Field(None, description="The owner's currency when already known (ISO code).")
    message: str = Field("", description="The whole message, for hints beyond a clause ('kr' and Norway).")
    regions: list[str] = Field(
        default_factory=list, description="Regions already known (for currency hints)."
    )
    goal: str | None = Field(
        None, description="The goal already known: a correction that gives only a new number changes it."
    )
    placed: bool = Field(
        False, description="The value's field is certain (a model placed it): bare numbers are amounts."
    )


class Fact(BaseModel):
    """One profile fact read from the owner's words."""

    field: str = Field(description="BusinessProfile field.")
    value: Any = Field(description="The normalised value, as the profile stores it.")
    display: str = Field(description="The value as the advisor says it back ('£80 a month').")
    confidence: float = Field(ge=0, le=1, description="How sure the reading is.")
    quote: str = Field(description="The owner's words it was read from, verbatim.")
    slot: str = Field(description="The slot (topic) of the clause it came from.")

    @classmethod
    def read(cls, field: str, value: object, display: str, conf: float, quote: str, slot: str) -> Fact:
        """A fact as a reader finds it, its confidence capped at 1 and rounded."""
        return cls(
            field=field,
            value=value,
            display=display,
            confidence=round(min(conf, 1.0), 3),
            quote=quote,
            slot=slot,
        )


class Clarification(BaseModel):
    """Something the owner said that needs one question before it can be filed ("CA": Canada or California?)."""

    field: str
    question: str
    options: list[str] = Field(default_factory=list)
    quote: str


class Clause(BaseModel):
    """How one clause of the message was read (for explanations and evals)."""

    text: str
    intent: str
    intent_confidence: float
    slot: str
    slot_confidence: float
    filed: bool = Field(description="Whether any fact was read from it.")
    fields: list[str] = Field(default_factory=list, description="The fields of the facts read from it.")


JOINED_FIELDS = frozenset({"data_maturity", "usp", "audience"})  # several clauses describe one thing


class ProfilePatch(BaseModel):
    """A partial, validated BusinessProfile: facts, each with its confidence and the owner's words.

    Facts on one text field are joined ("photographers and collectors" + "mostly men"); on another
    scalar field the first reading stands; list fields keep every fact, in reading order.
    """

    facts: list[Fact] = Field(default_factory=list)
    currency: str | None = Field(None, description="Currency named explicitly in the message (ISO code).")

    @model_validator(mode="after")
    def _one_per_field(self) -> ProfilePatch:
        out: list[Fact] = []
        for fact in self.facts:
            same = next((f for f in out if f.field == fact.field), None)
            if same is None or fact.field in LIST_FIELDS:
                out.append(fact)
            elif fact.field in JOINED_FIELDS and fact.value != same.value:
                out[out.index(same)] = same.model_copy(
                    update={
                        "value": f"{same.value}; {fact.value}",
                        "display": f"{same.display}; {fact.display}",
                        "quote": f"{same.quote} … {fact.quote}",
                        "confidence": min(same.confidence, fact.confidence),
                    }
                )
        self.facts = out
        return self

    def fields(self) -> dict[str, Any]:
        """Field → value (list fields merged in reading order)."""
        out: dict[str, Any] = {}
        for fact in self.facts:
            if fact.field in LIST_FIELDS:
                items = out.setdefault(fact.field, [])
                items.extend(v for v in fact.value if v not in items)
            else:
                out.setdefault(fact.field, fact.value)
        return out

    def validated(self) -> ProfilePatch:
        """The patch, checked against BusinessProfile (raises InputError naming the bad field)."""
        data = self.fields()
        if self.currency:
            data["currency"] = self.currency
        try:
            BusinessProfile.model_validate(data)
        except ValidationError as exc:
            raise InputError(
                f"the extracted facts are not a valid profile: {exc.errors()[0]['msg']}"
            ) from exc
        return self

    def get(self, field: str) -> Fact | None:
        return next((f for f in self.facts if f.field == field), None)


class Understanding(BaseModel):
    """Everything the advisor read in one message."""

    text: str
    intent: Intent = Field(description="What the message does, as a whole.")
    intent_confidence: float
    patch: ProfilePatch = Field(default_factory=ProfilePatch)
    questions: list[str] = Field(default_factory=list, description="Questions to answer, verbatim.")
    requests: list[str] = Field(default_factory=list, description="Requests for the advisor, verbatim.")
    clarifications: list[Clarification] = Field(default_factory=list)
    clauses: list[Clause] = Field(default_factory=list)
    named_fields: list[str] = Field(
        default_factory=list,
        description="Fields a correction names without a readable value ('the region is wrong').",
    )
    mode: Literal["offline", "llm"] = "offline"
    notice: str | None = None
    vector: list[float] | None = Field(
        None, exclude=True, description="The message embedding (reused downstream)."
    )

    def as_question(self) -> Understanding:
        """The message read as a question and nothing else ("is my data stored anywhere when i type
        here" at the data question asks about the advisor; it describes no data)."""
        return self.model_copy(
            update={"intent": "question", "patch": ProfilePatch(), "questions": [self.text], "clauses": []}
        )

    @property
    def plain(self) -> bool:
        """A bare yes/no/greeting: no fact, question, request or clarification in it."""
        return not (
            self.patch.facts or self.questions or self.requests or self.clarifications or self.named_fields
        )
