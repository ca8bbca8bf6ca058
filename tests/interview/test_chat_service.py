"""ChatService: redaction before anything is parsed or stored, and one atomic turn at a time."""

from __future__ import annotations

import pytest

from advisor.runtime import Advisor

pytestmark = pytest.mark.slow


def test_a_card_number_is_redacted_before_it_is_parsed(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    advisor.chat.send(sid, "We sell tea on Etsy")
    advisor.chat.send(sid, "pay with 4111.1111.1111.1111 or call 5551234567")
    snapshot = advisor.sessions.snapshot(sid)
    stored = " ".join(m.text for m in snapshot.transcript) + str(snapshot.session.state)
    assert "4111" not in stored and "5551234567" not in stored
    assert "[card]" in stored and "[phone]" in stored
    assert snapshot.session.profile.budget_monthly is None  # the card was never read as a $4,111 budget


def test_a_refused_message_leaves_the_session_as_it_was(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    before = advisor.sessions.snapshot(sid)
    with pytest.raises(Exception, match="binary"):
        advisor.chat.send(sid, "bin\x00ary")
    after = advisor.sessions.snapshot(sid)
    assert after.session.version == before.session.version and after.transcript == before.transcript


def test_each_turn_commits_both_messages_and_the_state(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    for text in ("We sell tea on Etsy", "tea lovers", "premium"):
        turn = advisor.chat.send(sid, text)
    snapshot = advisor.sessions.snapshot(sid)
    assert snapshot.session.version == 3
    assert [m.role for m in snapshot.transcript] == ["advisor"] + ["user", "advisor"] * 3
    last = snapshot.transcript[-1].payload or {}
    assert last["plan_progress"] == turn.plan_progress.model_dump()
    assert advisor.chat.interviewer.progress(advisor.chat.state_of(snapshot.session)) == turn.plan_progress
