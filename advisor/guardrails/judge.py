"""The model self-check: with a chat model configured, it settles the requests the classifier is unsure of.

Structured output (a verdict, the rule, a reason) through the same chat model as the answers. Any
failure or timeout returns None, and the offline verdict stands.
"""

from __future__ import annotations

import logging

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from advisor.guardrails.rules import RuleBook
from advisor.prompts import load_prompt

logger = logging.getLogger(__name__)


class SafetyVerdict(BaseModel):
    """The model's judgement of one request."""

    harmful: bool = Field(description="The owner asks for help using one of the tactics.")
    rule: str | None = Field(None, description="The rule id it falls under, when harmful.")
    reason: str = Field("", description="One sentence.")


class ModelSelfCheck:
    def __init__(self, model: BaseChatModel, book: RuleBook) -> None:
        self.book = book
        self.structured = model.with_structured_output(SafetyVerdict, method="json_schema")
        rules = "\n".join(f"- {r.id}: {r.description}" for r in book.rules)
        self.system = load_prompt("guard_system").replace("{rules}", rules)

    def __call__(self, text: str) -> SafetyVerdict | None:
        try:
            raw = self.structured.invoke([SystemMessage(self.system), HumanMessage(text)])
            verdict = SafetyVerdict.model_validate(raw)
        except Exception as exc:  # any model failure: the offline verdict stands
            logger.warning("model self-check failed, keeping the offline verdict: %s", exc)
            return None
        if verdict.harmful and verdict.rule not in {r.id for r in self.book.rules}:
            verdict.rule = None
        return verdict
