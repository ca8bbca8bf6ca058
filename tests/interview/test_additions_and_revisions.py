"""Answers that add to a field or revise it, found by fresh batch seventeen: "interior designers too" adds
to the customers; a goal revised with only its figures replaces the old one ("way too ambitious" adds
nothing)."""

from __future__ import annotations

import pytest

from advisor.runtime import Advisor

pytestmark = pytest.mark.slow


def test_more_customers_said_with_too_are_added_and_a_revised_goal_replaces_the_old(advisor: Advisor) -> None:
    chat = advisor.chat
    sid = chat.start().session_id or ""
    for message in ("We sell restored mid-century furniture on Shopify", "design lovers and young couples"):
        chat.send(sid, message)
    turn = chat.send(sid, "oh and interior designers too, they buy a lot. we're premium")
    profile = chat.state(sid).profile
    assert profile.audience == "design lovers and young couples; interior designers"
    assert "Changed your customers" not in turn.message and profile.usp is None
    chat.send(sid, "revenue up fifty percent in three months")
    chat.send(sid, "wait no sorry that's way too ambitious let's say twenty percent in six months instead")
    assert chat.state(sid).profile.goals == ["Increase e-commerce revenue by 20% within 6 months"]
