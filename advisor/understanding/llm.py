"""Understanding with a chat model: structured output into the same ProfilePatch, validated the same way.

The model decides what the message does and which field each fact belongs to (the hard part); every
value it reports is parsed by the same typed readers as offline (money with its currency, places,
tools), so a value the readers cannot parse is not filed. Facts found by the offline rules are never
added to or preferred over the model's. On a model error or timeout the offline reading is returned,
with a notice.
"""

from __future__ import annotations

import logging
import re
from typing import Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from advisor.prompts import load_prompt
from advisor.understanding.models import Context, Fact, Intent, ProfilePatch, Understanding
from advisor.understanding.understander import Understander

logger = logging.getLogger(__name__)
MODEL_CONFIDENCE = 0.9
ProfileField = Literal[
    "niche", "products", "audience", "market_position", "usp", "goals", "data_maturity", "tech_stack", "team",
    "budget_monthly", "monthly_revenue", "pain_points", "regions", "consent",
]  # fmt: skip
FIELD_SLOT = {
    "niche": "business", "products": "business", "audience": "audience", "market_position": "market_position",
    "usp": "usp", "goals": "goals", "data_maturity": "data", "tech_stack": "tech_stack", "team": "team",
    "budget_monthly": "budget", "monthly_revenue": "revenue", "pain_points": "pain_points", "regions": "regions",
    "consent": "consent",
}  # fmt: skip


class ModelFact(BaseModel):
    field: ProfileField = Field(description="Profile field the fact belongs to.")
    value: str = Field(description="The value as the owner stated it (money with currency and period).")
    quote: str = Field(description="The exact words of the message it came from.")


class ModelReading(BaseModel):
    """What one interview message does and the facts it states."""

    intent: Intent
    facts: list[ModelFact] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list, description="Questions to the advisor, verbatim.")
    requests: list[str] = Field(default_factory=list, description="Requests to the advisor, verbatim.")


class ModelUnderstander:
    """The chat model reads; the offline readers validate; the offline layer answers when the model fails."""

    def __init__(self, model: BaseChatModel, offline: Understander) -> None:
        self.offline = offline
        self.structured = model.with_structured_output(ModelReading, method="json_schema")

    def __call__(self, message: str, context: Context) -> Understanding:
        offline = self.offline.understand(message, context)  # also computes the message vector
        try:
            system = load_prompt("extract_system").replace("{asked}", context.asked or "nothing yet")
            raw = self.structured.invoke([SystemMessage(system), HumanMessage(message)])
            reading = ModelReading.model_validate(raw)
        except Exception as exc:  # any model failure: the offline layer answers, and says so
            logger.warning("model understanding failed, using the offline layer: %s", exc)
            offline.notice = (
                f"The language model did not answer ({_short(exc)}); I read your message offline."
            )
            return offline
        facts: list[Fact] = []
        clarifications = []
        placed = context.model_copy(update={"placed": True})
        for fact in reading.facts:
            parsed = self.offline.readers.read(FIELD_SLOT[fact.field], fact.value, placed, MODEL_CONFIDENCE)
            quote = fact.quote if fact.quote and fact.quote in message else fact.value
            wanted = {fact.field, "currency"} | ({"usp"} if fact.field == "market_position" else set())
            facts += [f.model_copy(update={"quote": quote}) for f in parsed.facts if f.field in wanted]
            clarifications += parsed.clarifications
        patch = ProfilePatch(
            facts=facts, currency=next((f.value for f in facts if f.field == "currency"), None)
        )
        return Understanding(
            text=message,
            intent=reading.intent,
            intent_confidence=MODEL_CONFIDENCE,
            patch=patch.validated(),
            questions=reading.questions or ([message] if reading.intent == "question" else []),
            requests=reading.requests or ([message] if reading.intent == "request" else []),
            clarifications=clarifications,
            mode="llm",
            vector=offline.vector,
        )


def _short(exc: Exception) -> str:
    text = re.sub(r"\s+", " ", str(exc))
    return text if len(text) <= 120 else text[:117] + "..."
