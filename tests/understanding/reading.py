"""Shared by the understanding tests: the facts one message yields, by field."""

from __future__ import annotations

from advisor.understanding.models import Context
from advisor.understanding.understander import Understander


def facts_of(understander: Understander, asked: str | None, text: str) -> dict[str, object]:
    """The message's facts by field; list facts said in several clauses are joined."""
    facts: dict[str, object] = {}
    for fact in understander.understand(text, Context(asked=asked)).patch.facts:
        earlier = facts.get(fact.field)
        facts[fact.field] = [*earlier, *fact.value] if isinstance(earlier, list) else fact.value
    return facts
