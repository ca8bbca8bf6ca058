"""After the plan is built, questions about it are answered from the plan (the interview passes it)."""

from __future__ import annotations

import pytest

from advisor.runtime import Advisor

pytestmark = pytest.mark.slow


def test_why_this_initiative_after_the_plan_uses_the_plans_reasoning(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    for message in (
        "We sell hand-poured candles on Shopify", "gift buyers", "premium",
        "reduce support tickets by 30% within 6 months", "Shopify reports and Klaviyo, no CRM",
        "just me, nobody technical", "$300", "drowning in where-is-my-order emails", "US and Canada",
        "only for the email list", "yes",
    ):  # fmt: skip
        turn = advisor.chat.send(sid, message)
    assert turn.plan_complete and turn.plan
    first = turn.plan["initiatives"][0]
    turn = advisor.chat.send(sid, "why this initiative, with $300 a month and nobody technical?")
    assert (
        f"**{first['name']}**" in turn.message
        and "With $300 a month and no developer on the team" in turn.message
    )
    assert f"STRIVE {first['strive']['weighted_score']:g}/5" in turn.message
    assert turn.citations and all(c.quote for c in turn.citations)
    turn = advisor.chat.send(sid, "and what comes first?")
    assert "your roadmap runs in this order" in turn.message and "1. **" in turn.message
