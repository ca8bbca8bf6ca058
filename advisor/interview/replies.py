"""Replies the interview words: several answers in one reply (their texts in order, the citations renumbered
so each [n] stays unique), and the message that a plan is ready."""

from __future__ import annotations

import re
from collections.abc import Sequence

from advisor.answers.models import Answer
from advisor.plan.models import Plan


def merge_answers(answers: Sequence[Answer]) -> tuple[list[str], Answer]:
    """(the answers' texts, renumbered; one Answer holding all their citations, the first refusal and
    notice, and "llm" when a model worded any of them)."""
    body: list[str] = []
    merged = Answer(answer="", mode="offline")
    for answer in answers:
        offset = len(merged.citations)
        body.append(_renumber(answer.answer, offset) if offset else answer.answer)
        merged.citations += [c.model_copy(update={"n": c.n + offset}) for c in answer.citations]
        merged.refusal = merged.refusal or answer.refusal
        merged.mode = "llm" if answer.mode == "llm" else merged.mode
        merged.notice = merged.notice or answer.notice
    return body, merged


def _renumber(text: str, offset: int) -> str:
    return re.sub(r"\[(\d{1,3})\]", lambda m: f"[{int(m.group(1)) + offset}]", text)


def plan_ready(plan: Plan) -> str:
    """The plan's status, its initiatives and its checklist, and what keeps it from being final."""
    names = ", ".join(i.name for i in plan.initiatives)
    passed = sum(c.passed for c in plan.checklist)
    text = (
        f"Your Strategic AI Action Plan is ready ({plan.status}). Top initiatives: {names}. "
        f"Self-validation checklist: {passed}/{len(plan.checklist)} checks pass."
    )
    if passed < len(plan.checklist):
        text += " To make it final: " + "; ".join(c.reasons[0] for c in plan.checklist if not c.passed) + "."
    return text + "\n\nDownload it, or ask me anything about it."
