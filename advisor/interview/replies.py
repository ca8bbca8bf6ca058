"""Several answers in one reply: their texts in order, the citations renumbered so each [n] stays unique."""

from __future__ import annotations

import re
from collections.abc import Sequence

from advisor.answers.models import Answer


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
