"""Conversations suite: scripted messy owners talk to the interview; every fact is checked where it landed.

A conversation is a fixed list of owner messages, sent in order whatever the advisor asks (answers
arrive late, early, several at once, or to another question). When the script ends before the plan,
the owner says "not sure" until the summary and then "yes". The final profile is compared with the
facts the script states: fact accuracy, and misfiled fields (a value in the wrong field, or a wrong
value). ``products``, ``currency`` and ``monthly_revenue`` stated in passing count only when expected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from advisor.evaluation import load_dataset
from advisor.evaluation.understanding import EXPECTED_FIELD, ValueChecker
from advisor.interview.service import ChatService

MAX_EXTRA_TURNS = 14
NOT_SCORED_UNLESS_EXPECTED = {"products", "currency", "kpis", "name"}


class Conversation(BaseModel):
    id: str
    style: str = ""
    messages: list[str] = Field(min_length=1)
    expect: dict[str, Any] = Field(default_factory=dict)


class ConversationDataset(BaseModel):
    suite: str = "conversations"
    conversations: list[Conversation] = Field(min_length=1)


class ConversationResult(BaseModel):
    id: str
    completed: bool
    turns: int
    facts_expected: int
    facts_right: int
    missing: list[str]
    misfiled: dict[str, str] = Field(description="Field → what was filed there, when it does not belong.")
    refused: list[str] = Field(
        default_factory=list,
        description="The owner's messages the guardrails refused (every scripted owner is benign).",
    )


class ConversationMetrics(BaseModel):
    conversations: int
    completion_rate: float
    fact_accuracy: float
    misfiled_fields: int
    conversations_with_misfile: int
    refused_messages: int = Field(description="Ordinary owner messages the guardrails refused.")
    results: list[ConversationResult]


def load_conversations(path: Path) -> ConversationDataset:
    return load_dataset(path, ConversationDataset)


def run_conversation(
    chat: ChatService, conversation: Conversation, check: ValueChecker
) -> ConversationResult:
    turn = chat.start()
    sid = turn.session_id or ""
    turns = 0
    refused: list[str] = []
    for message in conversation.messages:
        if turn.plan_complete:
            break
        turn = chat.send(sid, message)
        turns += 1
        if turn.refusal is not None:
            refused.append(message)
    for _ in range(MAX_EXTRA_TURNS):
        if turn.plan_complete:
            break
        turn = chat.send(sid, "yes" if turn.asking == "confirm" else "not sure")
        turns += 1
    profile = chat.state(sid).profile
    expected = {EXPECTED_FIELD[k]: k for k in conversation.expect}
    missing: list[str] = []
    misfiled: dict[str, str] = {}
    right = 0
    for field_name, key in expected.items():
        value = getattr(profile, field_name)
        if value in (None, [], ""):
            missing.append(key)
            continue
        currency = profile.currency if "currency" in profile.evidence else None
        if check(key, conversation.expect[key], value, currency):
            right += 1
        else:
            misfiled[key] = repr(value)
    for field_name in EXPECTED_FIELD.values():
        if field_name in expected or field_name in NOT_SCORED_UNLESS_EXPECTED or field_name == "products":
            continue
        value = getattr(profile, field_name)
        if value not in (None, [], ""):
            misfiled[field_name] = repr(value)
    return ConversationResult(
        id=conversation.id,
        completed=turn.plan_complete,
        turns=turns,
        facts_expected=len(expected),
        facts_right=right,
        missing=missing,
        misfiled=misfiled,
        refused=refused,
    )


def evaluate_conversations(
    dataset: ConversationDataset, chat: ChatService, knowledge_dir: Path
) -> ConversationMetrics:
    check = ValueChecker(knowledge_dir)
    results = [run_conversation(chat, c, check) for c in dataset.conversations]
    n = len(results)
    expected = sum(r.facts_expected for r in results)
    return ConversationMetrics(
        conversations=n,
        completion_rate=round(sum(r.completed for r in results) / n, 4),
        fact_accuracy=round(sum(r.facts_right for r in results) / expected, 4) if expected else 1.0,
        misfiled_fields=sum(len(r.misfiled) for r in results),
        conversations_with_misfile=sum(bool(r.misfiled) for r in results),
        refused_messages=sum(len(r.refused) for r in results),
        results=results,
    )
